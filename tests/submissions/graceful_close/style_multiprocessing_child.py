"""Correct: every function runs its conversation in a multiprocessing child (fork) that holds the listener or the connection, joined before returning; the parent closes its copies at once (an independent trial; a listener held only by the child was once not seen)."""

import socket, multiprocessing as mp

_ctx = mp.get_context("fork")

def _run(target, *args):
    r, w = _ctx.Pipe(duplex=False)
    p = _ctx.Process(target=target, args=args + (w,))
    p.start()
    w.close()
    for a in args:
        if isinstance(a, socket.socket):
            a.close()
    try:
        result = r.recv()
    except EOFError:
        result = ("err", OSError("child died"))
    finally:
        r.close()
        p.join()
    kind, val = result
    if kind == "err":
        raise val
    return val

def _client(s, message, out):
    try:
        s.sendall(message)
        s.shutdown(socket.SHUT_WR)
        with s.makefile("rb") as f:
            data = f.read()
        s.close()
        out.send(("ok", data))
    except Exception as e:
        out.send(("err", e))

def request_and_half_close(host, port, message):
    return _run(_client, socket.create_connection((host, port)), message)

def _server(lst, kind, out):
    try:
        with lst:
            conn, _ = lst.accept()
        with conn:
            if kind == "reverse":
                parts = []
                while (c := conn.recv(65536)):
                    parts.append(c)
                req = b"".join(parts)
                conn.sendall(req[::-1])
                result = req
            else:
                h = bytearray()
                while b"\n" not in h:
                    c = conn.recv(1)
                    if not c:
                        break
                    h += c
                conn.sendall(b"REJECTED\n")
                conn.shutdown(socket.SHUT_WR)
                while conn.recv(65536):
                    pass
                result = bytes(h)
        out.send(("ok", result))
    except Exception as e:
        out.send(("err", e))

def _listener(host, port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((host, port))
    s.listen()
    return s

def serve_one_request(port, host="127.0.0.1"):
    return _run(_server, _listener(host, port), "reverse")

def reject_and_drain(port, host="127.0.0.1"):
    return _run(_server, _listener(host, port), "reject")
