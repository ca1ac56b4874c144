"""Bug: each server tried in a worker thread, given up on with future.result(timeout): the thread, blocked in
recv() without a timeout, keeps its socket open after the deadline and after first_reply() returns (an
independent trial)."""
import concurrent.futures
import socket


def _attempt(host, port, request):
    with socket.create_connection((host, port)) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


def first_reply(servers, request, timeout):
    notes = []
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=len(servers) or 1)
    try:
        for index, (host, port) in enumerate(servers):
            future = pool.submit(_attempt, host, port, request)
            try:
                return index, future.result(timeout=timeout)
            except concurrent.futures.TimeoutError:
                notes.append(f"{host}:{port}: timed out")
            except OSError as exc:
                notes.append(f"{host}:{port}: {exc!r}")
    finally:
        pool.shutdown(wait=False)
    raise ConnectionError("; ".join(notes))
