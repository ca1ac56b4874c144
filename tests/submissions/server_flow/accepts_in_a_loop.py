"""Bug: the tutorial's `while True:` around accept(): after serving the client it waits for a next one for ever (a
trial's; its report cited the check it was in as the one it had hung in before)."""

import socket


def serve_once(port, host="127.0.0.1"):
    tcp_server_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    tcp_server_socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, True)
    tcp_server_socket.bind((host, port))
    tcp_server_socket.listen(128)
    while True:
        new_client, ip_port = tcp_server_socket.accept()
        recv_data = new_client.recv(1024)
        new_client.send(recv_data)
        new_client.close()
    tcp_server_socket.close()
    return recv_data
