import socketserver


class Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        buffer = b""
        try:
            while chunk := self.request.recv(4096):
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    self.request.sendall(line[::-1] + b"\n")
                    self.server.answered.append(1)
        except ConnectionResetError:
            pass


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True  # SO_REUSEADDR
    daemon_threads = False  # server_close() joins the handlers' threads


def serve_clients(port: int, host: str, count: int) -> int:
    server = Server((host, port), Handler)
    server.answered = []
    for _ in range(count):
        server.handle_request()  # accept one client, start its thread
    server.server_close()  # close the listener, then join every thread
    return len(server.answered)
