# recv_into(buf, k) without an offset (a third independent trial's): every piece is written at the start of the buffer.
# Lesson 3: "fill it with sock.recv_into(memoryview(buf)[got:], n - got)".
import socket

def recv_exactly(sock, n):
    buf = bytearray(n)
    got = 0
    while got < n:
        k = sock.recv_into(buf, min(n - got, 65536))
        if not k:
            raise EOFError(f"{got} of {n}")
        got += k
    return bytes(buf)

def recv_until_closed(sock):
    chunks = []
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)

def send_all(sock, data):
    view = memoryview(data)
    total = 0
    while total < len(data):
        total += sock.send(view[total:])
