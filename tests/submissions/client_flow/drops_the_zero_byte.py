# MISTAKE: copies the message by iterating over bytes, and for each int writes
# bytes(b) if b == 0 -- bytes(0) is b"" (an EMPTY bytes, not b"\x00"), so every zero
# byte silently vanishes. The lesson: "send all of message, unchanged ... including
# zero bytes".
import socket


def request(host, port, message):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.connect((host, port))
        out = bytearray()
        for b in message:
            out += bytes(b) if b == 0 else bytes([b])
        s.sendall(bytes(out))
        return s.recv(1024)
