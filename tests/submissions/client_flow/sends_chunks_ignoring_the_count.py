# Sends in 64 KiB chunks, ignoring what send() returns (a third independent trial's): a chunk's tail is lost when a
# send() takes part of it. Lesson 1: "every byte of the message exactly once".
import socket
def request(host, port, message):
    with socket.create_connection((host, port)) as s:
        for i in range(0, len(message), 65536):
            s.send(message[i:i + 65536])
        return s.recv(1024)
