# BUG: reads the reply with makefile().readline(): assumes the reply is one line, so a reply
# with no newline at its end, or with a newline inside it, is cut at the first b"\n".
# Lesson: "return the reply as `bytes`, exactly as it arrived" (the reply is any bytes < 1024).
import socket

def request(host, port, message):
    with socket.create_connection((host, port)) as sock:
        sock.sendall(message)
        with sock.makefile("rb") as f:
            return f.readline()
