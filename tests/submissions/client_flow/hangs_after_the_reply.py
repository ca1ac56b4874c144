"""Bug: request() reads the reply, then waits forever (here on an Event nobody sets) instead of closing.

The reference server had sent everything and closed its end (FIN): while the function hangs, the server
waits only for the client's FIN, not for it to send or to read anything (issue 17: the report said it
waited for the code "to take in what the peer had sent").
"""

import socket
import threading


def request(host: str, port: int, message: bytes) -> bytes:
    sock = socket.create_connection((host, port))
    sock.sendall(message)
    reply = sock.recv(1024)
    threading.Event().wait()
    sock.close()
    return reply
