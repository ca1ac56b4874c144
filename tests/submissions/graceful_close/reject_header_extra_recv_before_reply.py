# BUG: a do-while style loop that always does one more recv() after the chunk holding
# the b"\n" has been added: it waits for body bytes before replying. Lesson: "reply
# b"REJECTED\n" at once: don't wait for the body". A client that sends its header and
# waits for the verdict before its body deadlocks with this server.
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
            chunk = conn.recv(4096)
            while b"\n" not in buf:
                if not chunk:
                    raise EOFError("closed before the header line ended")
                buf += chunk
                chunk = conn.recv(4096)
            header = buf[: buf.find(b"\n") + 1]
            conn.sendall(b"REJECTED\n")
            conn.shutdown(socket.SHUT_WR)
            while conn.recv(65536):
                pass
        return header
