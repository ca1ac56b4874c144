"""Bug: create_connection(..., timeout=0.3): a server slower than that is given up on, and the with-block closes the
socket (FIN) before the reply comes; the reply then meets a closed socket (RST). A trial's report drew the FIN after
the reply, and hinted "recv() the reply before you close()", although the code did call recv()."""

import socket


def request(host, port, message):
    with socket.create_connection((host, port), timeout=0.3) as s:
        s.sendall(message)
        return s.recv(1024)
