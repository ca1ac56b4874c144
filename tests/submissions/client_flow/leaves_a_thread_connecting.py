"""Bug: request() returns the reply but leaves a thread behind that connects to the server again later."""

import socket
import threading
import time


def _again(host, port, message):
    time.sleep(0.05)
    with socket.create_connection((host, port)) as s:
        s.sendall(message)


def request(host, port, message):
    with socket.create_connection((host, port)) as s:
        s.sendall(message)
        reply = s.recv(1024)
    threading.Thread(target=_again, args=(host, port, message), daemon=True).start()
    return reply
