"""Bug: closes its socket, but a child it forked (in a session of its own, setsid()) keeps a copy open."""
import os
import socket
import time


def request(host, port, message):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect((host, port))
    if os.fork() == 0:  # the child holds its copy of the socket, whatever the parent does
        os.setsid()
        time.sleep(60)
        os._exit(0)
    s.sendall(message)
    chunks = []
    while chunk := s.recv(1024):
        chunks.append(chunk)
    s.close()
    return b"".join(chunks)
