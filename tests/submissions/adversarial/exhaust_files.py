"""Attack (exhaust): open sockets until nothing more can be opened, and listen on them."""

import socket


def request(host, port, message):
    held = []
    while True:
        try:
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            s.listen()
            held.append(s)
        except OSError:
            break
    return str(len(held)).encode()
