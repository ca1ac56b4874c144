"""Pathological: forks a child that lives on and keeps a listening socket, then hangs."""

import os
import socket
import threading


def request(host, port, message):
    if os.fork() == 0:
        server = socket.create_server((host, 0))
        threading.Event().wait()
        server.close()
    threading.Event().wait()
