# BUG: reject_and_drain drains only when body bytes came in with the header;
# when the header line came alone it closes right after shutdown(SHUT_WR),
# so the body that arrives later meets an RST. Lesson: "shutdown(SHUT_WR),
# read and discard until EOF, then close()".
import socket


def request_and_half_close(host, port, message):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.connect((host, port))
        sock.sendall(message)
        sock.shutdown(socket.SHUT_WR)
        parts = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            parts.append(chunk)
        return b"".join(parts)
    finally:
        sock.close()


def _listen(host, port):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    listener.listen()
    return listener


def serve_one_request(port, host="127.0.0.1"):
    listener = _listen(host, port)
    try:
        conn, _ = listener.accept()
        try:
            parts = []
            while True:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                parts.append(chunk)
            request = b"".join(parts)
            conn.sendall(request[::-1])
        finally:
            conn.close()
    finally:
        listener.close()
    return request


def reject_and_drain(port, host="127.0.0.1"):
    listener = _listen(host, port)
    try:
        conn, _ = listener.accept()
        try:
            buf = b""
            while True:
                chunk = conn.recv(65536)
                if not chunk:
                    raise EOFError("closed before the header line ended")
                buf += chunk
                i = buf.find(b"\n")
                if i != -1:
                    header = buf[: i + 1]
                    break
            conn.sendall(b"REJECTED\n")
            conn.shutdown(socket.SHUT_WR)
            if len(buf) > i + 1:
                while conn.recv(65536):
                    pass
        finally:
            conn.close()
    finally:
        listener.close()
    return header
