"""Correct: serve_once with socketserver.TCPServer (allow_reuse_address) and handle_request()."""

import socketserver


def serve_once(port, host="127.0.0.1"):
    received = []

    class Echo(socketserver.BaseRequestHandler):
        def handle(self):
            data = self.request.recv(1024)
            self.request.sendall(data)
            received.append(data)

    class Server(socketserver.TCPServer):
        allow_reuse_address = True

    with Server((host, port), Echo) as server:
        server.handle_request()
    return received[0]
