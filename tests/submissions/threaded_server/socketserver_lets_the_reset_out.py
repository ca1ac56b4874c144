"""BUGGY (arguably; passes by design, INSTRUCTORS.md: the wire and the kernel show what correct code does): the handler does not catch ConnectionResetError at all; socketserver's
process_request_thread catches it, prints "Exception occurred during processing of request"
with a traceback (handle_error), and closes. Step 4: "catch it around the thread's whole loop".
"""

import socketserver
import threading


class LineHandler(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            if line[-1:] != b"\n":
                return  # unfinished last line at EOF
            self.wfile.write(line[:-1][::-1] + b"\n")
            self.server.bump()


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    allow_reuse_address = True

    def __init__(self, addr):
        super().__init__(addr, LineHandler)
        self.answered = 0
        self._lock = threading.Lock()

    def bump(self):
        with self._lock:
            self.answered += 1


def serve_clients(port: int, host: str, count: int) -> int:
    server = Server((host, port))
    with server:
        for _ in range(count):
            server.handle_request()
        server.server_close()
    return server.answered
