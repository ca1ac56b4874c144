"""Not a deadlock: a blocking recv(), but the socket has a kernel receive timeout (SO_RCVTIMEO)."""
import socket
import struct


def request_and_half_close(host, port, message):
    with socket.create_connection((host, port)) as client:
        client.sendall(message)
        client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, struct.pack("@ll", 2, 0))
        return client.recv(4096)
