"""Attack (escape): fork, setsid, fork again; the grandchild keeps a listening socket and lives on."""

import os
import socket
import time


def request(host, port, message):
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            server = socket.create_server(("127.0.0.1", 0))
            server.listen()
            for _ in range(600):
                time.sleep(1)
            os._exit(0)
        os._exit(0)
    time.sleep(0.2)
    return b"daemon started"
