"""Not a deadlock: one thread waits in recv() with nothing to read while another runs on the CPU."""
import socket
import threading


def _spin():
    count = 0
    while True:
        count += 1


def request_and_half_close(host, port, message):
    threading.Thread(target=_spin, daemon=True).start()
    with socket.create_connection((host, port)) as client:
        client.sendall(message)
        return client.recv(4096)
