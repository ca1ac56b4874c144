"""Bug: a 4-byte length prefix sent in front of the message "to stop sticky packets" (防止粘包; an independent trial):
the server expects the message alone."""

import socket
import struct


def request(host, port, message):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect((host, port))
    # 加一个长度头，防止粘包
    s.sendall(struct.pack("!I", len(message)) + message)
    r = s.recv(1024)
    s.close()
    return r
