"""Correct: select.select() with a list to read and a list to write, no selectors module.

A tester's style: any readiness API passes (COURSE.md), as long as a reply
is written only when the socket is writable.
"""

import select
import socket

LIMIT = 256 << 10  # stop reading a client while more than this many reply bytes wait for it


def serve_clients_selectors(port, host, count):
    answered = accepted = 0
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen()
    server.setblocking(False)
    pending, unsent, eof = {}, {}, set()
    try:
        while server.fileno() != -1 or pending:
            readers = [c for c in pending if c not in eof and len(unsent[c]) <= LIMIT]
            if server.fileno() != -1:
                readers.append(server)
            writers = [c for c in pending if unsent[c]]
            readable, writable, _ = select.select(readers, writers, [])
            for conn in readable:
                if conn is server:
                    client, _address = server.accept()
                    client.setblocking(False)
                    pending[client], unsent[client] = b"", bytearray()
                    accepted += 1
                    if accepted == count:
                        server.close()
                    continue
                try:
                    data = conn.recv(65536)
                except ConnectionResetError:
                    data, unsent[conn] = b"", bytearray()
                if not data:
                    eof.add(conn)
                *lines, pending[conn] = (pending[conn] + data).split(b"\n")
                for line in lines:
                    unsent[conn] += line[::-1] + b"\n"
                    answered += 1
            for conn in writable:
                if conn not in pending or not unsent[conn]:  # gone, or reset since select() said writable
                    continue
                try:
                    del unsent[conn][: conn.send(unsent[conn])]
                except (ConnectionResetError, BrokenPipeError):
                    eof.add(conn)
                    unsent[conn] = bytearray()
            for conn in [c for c in pending if c in eof and not unsent[c]]:
                conn.close()
                del pending[conn], unsent[conn]
                eof.discard(conn)
    finally:
        server.close()
    return answered
