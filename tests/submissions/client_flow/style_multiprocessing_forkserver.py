"""Correct: the same with get_context("forkserver"): multiprocessing's own fork server process (and its socket) is the library's, not a child the code left unwaited."""

import socket, multiprocessing as mp

def _do(host, port, message):
    with socket.create_connection((host, port)) as s:
        s.sendall(message)
        return s.recv(1024)

def _child(host, port, message, conn):
    conn.send_bytes(_do(host, port, message))
    conn.close()

def request(host, port, message):
    ctx = mp.get_context("forkserver")
    r, w = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_child, args=(host, port, message, w))
    p.start()
    w.close()
    try:
        return r.recv_bytes()
    finally:
        r.close()
        p.join()
