"""Bug (an independent trial): recv(1000) for a reply the contract allows up to 1023 bytes long: a reply of 1000..1023 bytes is cut, its tail left unread."""

# BUG: recv(1000) instead of recv(1024): a reply of 1000..1023 bytes, which the
# lesson allows ("The reply is shorter than 1024 bytes"), is cut, and the unread
# tail makes close() send RST.
import socket

def request(host, port, message):
    with socket.create_connection((host, port)) as sock:
        sock.sendall(message)
        return sock.recv(1000)
