"""Not a deadlock: it sends its request without shutdown(SHUT_WR) and then sleeps (a sleep costs the limit)."""
import socket
import time


def request_and_half_close(host, port, message):
    with socket.create_connection((host, port)) as client:
        client.sendall(message)
        time.sleep(60)
        return b""
