"""One recv() taken for one line, no buffer (a trial's, copied from the tutorial): D's split line is answered in part.

It was told as a server busy elsewhere ("each client needs its own thread"), a thread per client though it had;
the wrong reply that came first is now the story.
"""

import socket
import threading


def handle_client_request(ip_port, new_client, answered):
    with new_client:
        try:
            while True:
                recv_data = new_client.recv(1024)
                if recv_data:
                    if recv_data.endswith(b"\n"):
                        new_client.sendall(recv_data[:-1][::-1] + b"\n")
                        answered.append(1)
                else:
                    break
        except ConnectionResetError:
            pass


def serve_clients(port: int, host: str, count: int) -> int:
    tcp_server_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    tcp_server_socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, True)
    tcp_server_socket.bind((host, port))
    tcp_server_socket.listen(128)
    answered = []
    threads = []
    for i in range(count):
        new_client, ip_port = tcp_server_socket.accept()
        sub_thread = threading.Thread(target=handle_client_request, args=(ip_port, new_client, answered))
        sub_thread.start()
        threads.append(sub_thread)
    tcp_server_socket.close()
    for t in threads:
        t.join()
    return len(answered)
