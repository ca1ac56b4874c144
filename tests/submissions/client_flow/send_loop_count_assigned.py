# A send loop with `sent = s.send(...)` instead of `sent += ...` (a third independent trial's): after a partial send the
# next slice starts at the wrong offset, bytes repeated. Lesson 1: "every byte of the message exactly once".
import socket
def request(host, port, message):
    with socket.create_connection((host, port)) as s:
        sent = 0
        while sent < len(message):
            sent = s.send(message[sent:])
        return s.recv(1024)
