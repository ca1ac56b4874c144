"""Bug: a UDP socket (SOCK_DGRAM) instead of TCP: connect() only sets the datagrams' destination, no TCP
connection ever reaches the reference server, and recv() raises ConnectionRefusedError (the kernel's answer
to a datagram nothing receives). The message says UDP, not a wrong address: the address was right (an
independent trial)."""

import socket


def request(host: str, port: int, message: bytes) -> bytes:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(3)
    try:
        sock.connect((host, port))
        sock.sendall(message)
        return sock.recv(1024)
    finally:
        sock.close()
