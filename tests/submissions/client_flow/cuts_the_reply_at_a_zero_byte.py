"""The reply cut at its first zero byte, as a C string ends there (a trial's, written as a C programmer would).

The hint said "call recv(1024)", which the code did; it now says where the reply was cut, and why.
"""

import socket


def request(host: str, port: int, message: bytes) -> bytes:
    buf = bytearray(1024)
    with socket.create_connection((host, port)) as s:
        s.sendall(message)
        n = s.recv_into(buf)
    # C habit: the reply is a NUL-terminated string
    end = buf.find(b"\0", 0, n)
    if end < 0:
        end = n
    return bytes(buf[:end])
