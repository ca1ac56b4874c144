"""Bug: close() closes the socket but not the file makefile() made from it, and that file is kept in a
reference cycle. The socket's descriptor stays open until the file goes, and only the garbage collector's
next pass (whenever that is) frees a cycle: the function returns with its socket open (CLOSE_WAIT).
"""

import socket


class Connection:
    def __init__(self, host: str, port: int) -> None:
        self.sock = socket.create_connection((host, port))
        self.rfile = self.sock.makefile("rb")
        self.me = self  # a reference cycle: only the garbage collector can free this object

    def close(self) -> None:
        self.sock.close()  # forgot self.rfile.close(): the socket stays open while the file does


def request(host: str, port: int, message: bytes) -> bytes:
    connection = Connection(host, port)
    connection.sock.sendall(message)
    connection.sock.shutdown(socket.SHUT_WR)
    reply = connection.rfile.read()
    connection.close()
    return reply
