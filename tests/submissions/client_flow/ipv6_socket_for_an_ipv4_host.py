# BUG: wrong address family: AF_INET6 instead of AF_INET. Lesson: "create a
# TCP socket (IPv4)". With an IPv4 host this cannot connect.
import socket
def request(host, port, message):
    with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
        s.connect((host, port))
        s.sendall(message)
        return s.recv(1024)
