"""Correct: every wait is a selector (epoll) with a 20 s timeout, logging to stderr: a wait that outlasts the
peer's hold of its FIN is no reason to hold it (deadlock.asleep_past)."""

import logging
import selectors
import socket
import sys

logging.basicConfig(stream=sys.stderr, level=logging.DEBUG)
log = logging.getLogger('gc')


def _wait(sock, timeout=20.0):
    with selectors.DefaultSelector() as sel:
        sel.register(sock, selectors.EVENT_READ)
        if not sel.select(timeout):
            raise TimeoutError('nothing to read')


def request_and_half_close(host, port, message):
    sock = socket.create_connection((host, port), timeout=20)
    try:
        sock.sendall(message)
        sock.shutdown(socket.SHUT_WR)
        log.debug("sent %d bytes and FIN", len(message))
        parts = []
        while True:
            _wait(sock)
            data = sock.recv(65536)
            if not data:
                break
            parts.append(data)
        return b"".join(parts)
    finally:
        sock.close()


def serve_one_request(port, host="127.0.0.1"):
    listener = socket.create_server((host, port))
    try:
        _wait(listener)
        conn, addr = listener.accept()
        log.debug("client %s", addr)
        try:
            parts = []
            while True:
                _wait(conn)
                data = conn.recv(65536)
                if not data:
                    break
                parts.append(data)
            request = b"".join(parts)
            conn.sendall(request[::-1])
            return request
        finally:
            conn.close()
    finally:
        listener.close()


def reject_and_drain(port, host="127.0.0.1"):
    listener = socket.create_server((host, port))
    try:
        _wait(listener)
        conn, addr = listener.accept()
        try:
            header = b""
            while not header.endswith(b"\n"):
                _wait(conn)
                c = conn.recv(1)
                if not c:
                    raise EOFError("EOF before the header line ended")
                header += c
            log.debug("header %r", header)
            conn.sendall(b"REJECTED\n")
            conn.shutdown(socket.SHUT_WR)
            drained = 0
            while True:
                _wait(conn)
                data = conn.recv(65536)
                if not data:
                    break
                drained += len(data)
            log.debug("drained %d bytes", drained)
            return header
        finally:
            conn.close()
    finally:
        listener.close()
