"""Correct: reject_and_drain drains in a worker thread that it joins (no timeout) before close(): judged as fast as a
drain in the calling thread (the peer sees every thread asleep for good, deadlock.asleep_past)."""

import socket
import threading


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
        finally:
            conn.close()
    finally:
        listener.close()
    return request


def _drain(conn, counter):
    while True:
        data = conn.recv(65536)
        if not data:
            return
        counter[0] += len(data)


def reject_and_drain(port: int, host: str = "127.0.0.1") -> bytes:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen()
        conn, _ = listener.accept()
        with conn:
            header = b""
            while not header.endswith(b"\n"):
                b = conn.recv(1)
                if not b:
                    raise EOFError("EOF in header")
                header += b
            conn.sendall(b"REJECTED\n")
            conn.shutdown(socket.SHUT_WR)
            counter = [0]
            t = threading.Thread(target=_drain, args=(conn, counter))
            t.start()
            t.join()
    return header
