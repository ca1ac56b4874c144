"""Bug: each server tried in a child process, given up on with join(timeout) and no terminate(): the child,
blocked in recv() without a timeout, keeps its socket open after the deadline and after first_reply() returns
(an independent trial)."""
import multiprocessing
import socket


def _attempt(host, port, request, out):
    try:
        with socket.create_connection((host, port)) as sock:
            sock.sendall(request)
            sock.shutdown(socket.SHUT_WR)
            chunks = []
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    out.put(("ok", b"".join(chunks)))
                    return
                chunks.append(chunk)
    except OSError as exc:
        out.put(("err", repr(exc)))


def first_reply(servers, request, timeout):
    context = multiprocessing.get_context("fork")
    notes = []
    for index, (host, port) in enumerate(servers):
        out = context.Queue()
        child = context.Process(target=_attempt, args=(host, port, request, out))
        child.start()
        child.join(timeout)
        if child.is_alive():
            notes.append(f"{host}:{port}: no reply within {timeout} s")
            continue
        kind, value = out.get(timeout=1)
        if kind == "ok":
            return index, value
        notes.append(f"{host}:{port}: {value}")
    raise ConnectionError("; ".join(notes))
