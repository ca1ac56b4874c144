# MISTAKE: the accepted socket is made non-blocking (settimeout(0), "so a silent
# client cannot hang the server"), and the message is read with one recv() right after
# accept(): if it has not arrived yet, BlockingIOError. The lesson: "accept one client
# and receive its message with one recv(1024)" -- recv must wait for the message.
import socket


def serve_once(port, host="127.0.0.1"):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen()
        conn, _ = listener.accept()
        with conn:
            conn.settimeout(0)
            message = conn.recv(1024)
            conn.sendall(message)
    return message
