"""Bug: close() before recv(): recv() raises (bad file descriptor), and the server's reply arrives at a closed
socket, which the kernel answers with RST, sometimes before the reference server's FIN is sent. The close
check's message says whether that FIN was sent, as the diagram draws it (an independent trial)."""

import socket


def request(host: str, port: int, message: bytes) -> bytes:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.connect((host, port))
    sock.sendall(message)
    sock.close()
    return sock.recv(1024)
