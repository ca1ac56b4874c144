# BUG: C-string habit: strips trailing NUL bytes from the reply.
# Lesson: "return the reply as `bytes`, exactly as it arrived" (a message "may contain zero bytes").
import socket

def request(host, port, message):
    with socket.create_connection((host, port)) as sock:
        sock.sendall(message)
        return sock.recv(1024).rstrip(b"\x00")
