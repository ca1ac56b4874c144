"""Bug: settimeout(0.3) "to avoid hanging", and the TimeoutError left to escape: a server slower than that is given up
on (a trial's). The connection and the message are right, and judged so; the reply check tells the timeout."""

import socket


def request(host, port, message):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(0.3)
    s.connect((host, port))
    s.sendall(message)
    data = s.recv(1024)
    s.close()
    return data
