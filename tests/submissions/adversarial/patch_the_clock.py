"""Attack (forge): read one byte at a time (slow) and patch the clocks to look fast."""

import time

_real = time.perf_counter
time.perf_counter = lambda: _real() / 1000
time.monotonic = lambda: _real() / 1000
time.time = lambda: _real() / 1000


def recv_exactly(sock, n):
    data = bytearray()
    while len(data) < n:
        chunk = sock.recv(1)
        if not chunk:
            raise EOFError
        data += chunk
    return bytes(data)


def recv_until_closed(sock):
    data = bytearray()
    while chunk := sock.recv(1):
        data += chunk
    return bytes(data)


def send_all(sock, data):
    view = memoryview(data)
    while view:
        view = view[sock.send(view[:1]):]
