# BUG (an independent trial's, which passed every check): each line is split with bytes.splitlines(keepends=True),
# which also ends a line at a lone b"\r": a line with a b"\r" inside is answered in parts, and a piece that ends
# between b"\r" and b"\n" is answered before its line has ended. Only b"\n" ends a line.
"""BUGGY: splits lines with bytes.splitlines(keepends=True), which also splits on b"\r"
(and "\r\n" is one terminator). A line like b"ab\rcd\n" is then answered as two things
(or a b"\r" at a chunk end is taken as the end of a line). Violates: "Each line a client
sends ends in b"\n"" / lesson 5's line protocol: "keep the bytes after the last b"\n" for
the next round; answer each complete line"."""
import socket
import threading


def _serve(conn, answered):
    with conn:
        pending = b""
        try:
            while True:
                data = conn.recv(4096)
                if not data:
                    break
                pieces = (pending + data).splitlines(keepends=True)
                pending = b""
                for piece in pieces:
                    if piece.endswith(b"\n"):
                        body = piece.rstrip(b"\n")
                        conn.sendall(body[::-1] + b"\n")
                        answered.append(1)
                    elif piece.endswith(b"\r"):
                        # a "line" ended by \r: answer it too
                        conn.sendall(piece[:-1][::-1] + b"\n")
                        answered.append(1)
                    else:
                        pending = piece
        except ConnectionResetError:
            pass


def serve_clients(port: int, host: str, count: int) -> int:
    answered = []
    threads = []
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen()
    for _ in range(count):
        conn, _addr = server.accept()
        t = threading.Thread(target=_serve, args=(conn, answered))
        t.start()
        threads.append(t)
    server.close()
    for t in threads:
        t.join()
    return len(answered)
