"""Bug: keeps the socket in a global list instead of closing it (CLOSE_WAIT)."""
import socket
KEEP = []
def request(host, port, message):
    s = socket.socket()
    s.connect((host, port))
    s.sendall(message)
    r = s.recv(1024)
    KEEP.append(s)
    return r
