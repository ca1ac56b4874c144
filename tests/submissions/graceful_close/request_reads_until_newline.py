"""Bug: request_and_half_close() reads the reply until it holds a newline, not until EOF (the server's FIN)."""

import socket


def request_and_half_close(host, port, message):
    with socket.create_connection((host, port)) as client:
        client.sendall(message)
        client.shutdown(socket.SHUT_WR)
        reply = b""
        while b"\n" not in reply:  # a line-based reply ends at its newline; this one does not
            chunk = client.recv(4096)
            if not chunk:
                break
            reply += chunk
        return reply


def serve_one_request(port, host="127.0.0.1"):
    raise NotImplementedError


def reject_and_drain(port, host="127.0.0.1"):
    raise NotImplementedError
