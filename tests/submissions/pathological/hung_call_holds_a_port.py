"""recv_exactly() takes a port of the run's own address and hangs; recv_until_closed() needs that port.

The grader must kill a call it stopped at its limit before the next check: if
the hung call were left running, its port would still be taken, and the next
function (otherwise the reference's) would fail on it.
"""
import socket

PORT = 47123  # on the run's own loopback address (its private network, or 127.x.y.z of its own)


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    holder.bind((sock.getsockname()[0], PORT))
    holder.listen()
    while True:
        holder.accept()  # no one connects: hangs here, holding the port


def recv_until_closed(sock: socket.socket) -> bytes:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((sock.getsockname()[0], PORT))  # OSError (address in use) while the hung call lives
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def send_all(sock: socket.socket, data: bytes) -> None:
    sock.sendall(data)
