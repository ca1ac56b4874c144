"""Not a socket bug: the client closes its socket, but opens a file it never closes (a ResourceWarning too)."""
import socket


def request(host, port, message):
    log = open("/dev/null", "w")
    log.write("sending\n")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.connect((host, port))
        s.sendall(message)
        return s.recv(1024)
