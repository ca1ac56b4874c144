# Writes through a buffered makefile("wb") and never flush()es before waiting for the reply (a second independent
# trial's): the message sits in Python's buffer, the server never gets it, both sides wait. Told with a hint on flush().
import socket


def request(host: str, port: int, message: bytes) -> bytes:
    with socket.create_connection((host, port)) as sock:
        with sock.makefile("wb") as w:
            w.write(message)
            reply = sock.recv(1024)
    return reply
