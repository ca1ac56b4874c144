"""Correct: a pre-fork server: the parent listens and forks; the child accepts, echoes and reports the message through a pipe; the parent closes its copy of the listener at once and waits for the child (an independent trial; the listener held only by the child was once not seen)."""

import os, socket

def serve_once(port, host="127.0.0.1"):
    # pre-fork style: the parent sets up the listener, hands it to a child
    # that accepts and echoes, closes its own copy, and waits for the child
    lst = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lst.bind((host, port))
    lst.listen()
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:
        rc = 1
        try:
            os.close(rfd)
            conn, _ = lst.accept()
            lst.close()
            m = conn.recv(1024)
            conn.sendall(m)
            conn.close()
            os.write(wfd, m)
            os.close(wfd)
            rc = 0
        finally:
            os._exit(rc)
    os.close(wfd)
    lst.close()
    parts = []
    while (b := os.read(rfd, 4096)):
        parts.append(b)
    os.close(rfd)
    _, st = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(st) != 0:
        raise OSError("child failed")
    return b"".join(parts)
