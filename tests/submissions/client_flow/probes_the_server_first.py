"""Bug: opens a probe connection first (connects, closes without sending) to see the server is up, then the real one (an independent trial)."""
import socket


def request(host, port, message):
    probe = socket.create_connection((host, port))
    probe.close()
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect((host, port))
    s.sendall(message)
    reply = s.recv(1024)
    s.close()
    return reply
