"""Bug: the echo is left to a multiprocessing child that serve_once() never joins: the function returns before the child has replied, and the child is never waited for (an independent trial)."""

import socket, multiprocessing as mp

def _handle(conn, msg):
    conn.sendall(msg)
    conn.close()

def serve_once(port, host="127.0.0.1"):
    ctx = mp.get_context("fork")
    lst = socket.socket()
    lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lst.bind((host, port))
    lst.listen()
    conn, _ = lst.accept()
    msg = conn.recv(1024)
    lst.close()
    p = ctx.Process(target=_handle, args=(conn, msg))
    p.start()
    conn.close()
    return msg          # p never joined
