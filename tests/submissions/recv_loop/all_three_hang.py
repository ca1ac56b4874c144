"""Bug: every function of the lesson hangs: two wait forever (asleep: HUNG), one spins (busy: SLOW).

Each must cost its limit once per run, not once per check that calls it.
"""

import socket
import threading


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    threading.Event().wait()


def recv_until_closed(sock: socket.socket) -> bytes:
    count = 0
    while True:
        count += 1


def send_all(sock: socket.socket, data: bytes) -> None:
    threading.Event().wait()
