"""BUGGY (socketserver_daemon): daemon_threads = True (as in many tutorials). With daemon threads,
ThreadingMixIn does not track them, so server_close() does NOT join them: serve_clients returns
while A, C, B, H1... are still being served. Violates "join() every thread" / "It waits for
every client's thread before returning."
"""
import socket  # noqa: F401
import socketserver
import threading  # noqa: F401


class _Handler(socketserver.BaseRequestHandler):
    def handle(self):
        buf = bytearray()
        try:
            while True:
                data = self.request.recv(4096)
                if not data:
                    break
                buf += data
                while (i := buf.find(b"\n")) >= 0:
                    line = bytes(buf[:i])
                    del buf[: i + 1]
                    self.request.sendall(line[::-1] + b"\n")
                    self.server.answered.append(1)
        except ConnectionResetError:
            pass


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def serve_clients(port: int, host: str, count: int) -> int:
    server = _Server((host, port), _Handler)
    server.answered = []
    try:
        for _ in range(count):
            server.handle_request()
    finally:
        server.server_close()
    return len(server.answered)
