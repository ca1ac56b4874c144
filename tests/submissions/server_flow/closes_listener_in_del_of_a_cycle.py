"""Bug: the listening socket is closed only in __del__ of an object that refers to itself (a bound method
kept in a dict). A cycle is freed by the garbage collector's next pass, whenever that is, so the function
returns with its listener still open (LISTEN).
"""

import socket


class Server:
    def __init__(self, host: str, port: int) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, port))
        self.sock.listen()
        self.handlers = {"echo": self.echo}  # a bound method of self, kept by self: a cycle

    def echo(self, conn: socket.socket) -> bytes:
        with conn:
            data = conn.recv(1024)
            conn.sendall(data)
        return data

    def __del__(self) -> None:
        self.sock.close()


def serve_once(port: int, host: str = "127.0.0.1") -> bytes:
    server = Server(host, port)
    conn, _ = server.sock.accept()
    return server.handlers["echo"](conn)
