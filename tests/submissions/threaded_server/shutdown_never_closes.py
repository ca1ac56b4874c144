# BUG (an independent trial's): at each client's EOF the thread calls shutdown(SHUT_WR) (its FIN goes out) but never
# close(): all 33 connections are dropped unclosed. Its report said "20 sockets" (the runner described only the
# first 20); every one is counted now.
"""BUGGY: at the client's EOF the thread calls conn.shutdown(SHUT_WR) (which sends the FIN)
believing that this closes the connection, but never close()s it; conns are kept in a list
by the main thread so they are not garbage-collected. The file descriptors stay open.
Violates: "Close each connection when its client is done" / "It closes every socket it created"."""
import socket
import threading


def _serve(conn, answered):
    pending = b""
    try:
        while data := conn.recv(4096):
            *complete, pending = (pending + data).split(b"\n")
            for line in complete:
                conn.sendall(line[::-1] + b"\n")
                answered.append(1)
        conn.shutdown(socket.SHUT_WR)
    except ConnectionResetError:
        pass


def serve_clients(port: int, host: str, count: int) -> int:
    answered = []
    threads = []
    conns = []
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen()
    for _ in range(count):
        conn, _addr = server.accept()
        conns.append(conn)
        t = threading.Thread(target=_serve, args=(conn, answered))
        t.start()
        threads.append(t)
    server.close()
    for t in threads:
        t.join()
    return len(answered)
