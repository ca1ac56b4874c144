# reject_and_drain cuts the header from the latest chunk only (a third independent trial's): the first piece is lost.
# Lesson 4: it returns "the header line whole although it arrives in two pieces".
import socket

def request_and_half_close(host, port, message):
    with socket.create_connection((host, port)) as s:
        s.sendall(message)
        s.shutdown(socket.SHUT_WR)
        parts = []
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            parts.append(chunk)
    return b"".join(parts)

def _listen(host, port):
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((host, port))
    ls.listen()
    return ls
def serve_one_request(port, host="127.0.0.1"):
    with _listen(host, port) as ls:
        conn, _ = ls.accept()
        with conn:
            parts = []
            while True:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                parts.append(chunk)
            request = b"".join(parts)
            conn.sendall(request[::-1])
    return request

def reject_and_drain(port, host="127.0.0.1"):
    with _listen(host, port) as ls:
        conn, _ = ls.accept()
        with conn:
            chunk = conn.recv(4096)
            while b"\n" not in chunk:
                more = conn.recv(4096)
                if not more:
                    break
                chunk = more
            header = chunk[:chunk.find(b"\n") + 1]
            conn.sendall(b"REJECTED\n")
            conn.shutdown(socket.SHUT_WR)
            while conn.recv(65536):
                pass
    return header
