"""Pathological: opens a listening socket, then hangs holding it."""

import socket
import threading


def request(host, port, message):
    server = socket.create_server((host, 0))
    threading.Event().wait()
    server.close()
