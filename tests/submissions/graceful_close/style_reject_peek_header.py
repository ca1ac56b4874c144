"""Correct: reject_and_drain finds the header's newline with recv(MSG_PEEK), sleeping 1 ms between peeks, then
recv()s exactly the header line; serve_one_request half-closes (SHUT_WR) before close()."""

import socket
import time


def request_and_half_close(host: str, port: int, message: bytes) -> bytes:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.connect((host, port))
        sock.sendall(message)
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        sock.close()


def serve_one_request(port: int, host: str = "127.0.0.1") -> bytes:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen()
        conn, addr = listener.accept()
        try:
            chunks = []
            while True:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
            request = b"".join(chunks)
            conn.sendall(request[::-1])
            conn.shutdown(socket.SHUT_WR)
        finally:
            conn.close()
    finally:
        listener.close()
    return request


def reject_and_drain(port: int, host: str = "127.0.0.1") -> bytes:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen()
        conn, addr = listener.accept()
        try:
            while True:
                peek = conn.recv(65536, socket.MSG_PEEK)
                if not peek:
                    raise EOFError("no header line")
                i = peek.find(b"\n")
                if i >= 0:
                    break
                if len(peek) >= 65536:
                    raise ValueError("header too long")
                time.sleep(0.001)  # the rest of the line is on its way
            header = bytearray()
            while len(header) < i + 1:
                part = conn.recv(i + 1 - len(header))
                if not part:
                    raise EOFError("no header line")
                header += part
            conn.sendall(b"REJECTED\n")
            conn.shutdown(socket.SHUT_WR)
            while conn.recv(65536):
                pass
        finally:
            conn.close()
    finally:
        listener.close()
    return bytes(header)
