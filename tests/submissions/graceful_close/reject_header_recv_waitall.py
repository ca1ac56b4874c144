# BUG: the header is read with recv(16384, MSG_WAITALL), which waits for 16 KiB (or EOF)
# even when the b"\n" has already arrived: the server waits for body bytes before it
# replies. Lesson: "reply b"REJECTED\n" at once: don't wait for the body".
import socket


def _read_all(sock):
    parts = []
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)


def request_and_half_close(host, port, message):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.connect((host, port))
        sock.sendall(message)
        sock.shutdown(socket.SHUT_WR)
        return _read_all(sock)


def _listen(host, port):
    lst = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lst.bind((host, port))
    lst.listen()
    return lst


def serve_one_request(port, host="127.0.0.1"):
    with _listen(host, port) as lst:
        conn, _ = lst.accept()
        with conn:
            request = _read_all(conn)
            conn.sendall(request[::-1])
        return request


def reject_and_drain(port, host="127.0.0.1"):
    with _listen(host, port) as lst:
        conn, _ = lst.accept()
        with conn:
            buf = b""
            while True:
                chunk = conn.recv(16384, socket.MSG_WAITALL)  # fewer syscalls: full chunks
                if not chunk:
                    raise EOFError("closed before the header line ended")
                buf += chunk
                i = buf.find(b"\n")
                if i >= 0:
                    header = buf[: i + 1]
                    break
            conn.sendall(b"REJECTED\n")
            conn.shutdown(socket.SHUT_WR)
            while conn.recv(65536):
                pass
        return header
