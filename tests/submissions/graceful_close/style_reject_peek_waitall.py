"""Correct: reject_and_drain() peeks at the header with recv(MSG_PEEK) and, with no b"\n" yet, waits for one
more byte than it saw with recv(n, MSG_PEEK | MSG_WAITALL), asleep in that read with the bytes still queued;
then it takes exactly the header line (an independent trial). The peer's pacing must see that it has looked.
"""

import os
import socket
import struct
import sys
from contextlib import ExitStack

LINGER_ON = struct.pack("ii", 1, 5)


def request_and_half_close(host, port, message):
    fd = socket.socket(socket.AF_INET, socket.SOCK_STREAM).detach()
    with socket.socket(fileno=fd) as s:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        s.connect((host, port))
        v = memoryview(message)
        while v:
            v = v[os.write(s.fileno(), v):]
        s.shutdown(socket.SHUT_WR)
        out = []
        while True:
            b = os.read(s.fileno(), 65536)
            if not b:
                break
            out.append(b)
        print("reply", sum(map(len, out)), "bytes", file=sys.stderr)
        return b"".join(out)


def _listen(stack, host, port):
    lst = stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
    lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lst.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 16)
    lst.bind((host, port))
    lst.listen(1)
    return lst


def serve_one_request(port, host="127.0.0.1"):
    with ExitStack() as stack:
        lst = _listen(stack, host, port)
        conn = stack.enter_context(lst.accept()[0])
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, LINGER_ON)
        data = bytearray()
        buf = bytearray(65536)
        while n := conn.recv_into(buf):
            data += memoryview(buf)[:n]
        conn.sendall(bytes(reversed(data)))
        return bytes(data)


def reject_and_drain(port, host="127.0.0.1"):
    with ExitStack() as stack:
        lst = _listen(stack, host, port)
        conn = stack.enter_context(lst.accept()[0])
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, LINGER_ON)
        # peek to find the newline, then consume exactly the header
        while True:
            peek = conn.recv(65536, socket.MSG_PEEK)
            if not peek:
                raise EOFError("no header line")
            i = peek.find(b"\n")
            if i >= 0:
                break
            if len(peek) >= 65536:
                raise ValueError("header too long")
            # wait for more: block until data beyond what we peeked arrives
            conn.recv(len(peek) + 1, socket.MSG_PEEK | socket.MSG_WAITALL)
        header = conn.recv(i + 1, socket.MSG_WAITALL)
        conn.sendall(b"REJECTED\n")
        conn.shutdown(socket.SHUT_WR)
        while conn.recv(1 << 16):
            pass
        return header
