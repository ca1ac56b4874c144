"""A deadlock: no shutdown(SHUT_WR), then select() without a timeout on the socket (nothing will come)."""
import select
import socket


def request_and_half_close(host, port, message):
    with socket.create_connection((host, port)) as client:
        client.sendall(message)
        select.select([client], [], [])
        return client.recv(4096)
