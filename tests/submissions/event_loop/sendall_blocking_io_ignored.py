"""sendall() when writable, its BlockingIOError caught and ignored: the part it sent is sent again.

A learner who saw BlockingIOError and silenced it: sendall() on a
non-blocking socket had sent part of the replies before it raised, and
nothing says how much, so the client gets some bytes twice.
"""
import selectors
import socket

BOUND = 512 * 1024


def serve_clients_selectors(port, host, count):
    sel = selectors.DefaultSelector()
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    listener.listen(count)
    listener.setblocking(False)
    sel.register(listener, selectors.EVENT_READ, None)
    accepted = answered = 0
    state = {}
    while accepted < count or state:
        for key, mask in sel.select():
            sock = key.fileobj
            if sock is listener:
                conn, _ = listener.accept()
                conn.setblocking(False)
                state[conn] = {"in": b"", "out": b"", "eof": False}
                sel.register(conn, selectors.EVENT_READ)
                accepted += 1
                if accepted == count:
                    sel.unregister(listener)
                    listener.close()
                continue
            st = state[sock]
            try:
                if mask & selectors.EVENT_READ:
                    chunk = sock.recv(4096)
                    if not chunk:
                        st["eof"] = True
                    st["in"] += chunk
                    while b"\n" in st["in"]:
                        line, st["in"] = st["in"].split(b"\n", 1)
                        st["out"] += line[::-1] + b"\n"
                        answered += 1
                if mask & selectors.EVENT_WRITE and st["out"]:
                    try:
                        sock.sendall(st["out"])
                        st["out"] = b""
                    except BlockingIOError:
                        pass  # full: try again when writable

            except ConnectionResetError:
                st["eof"], st["out"] = True, b""
            if st["eof"] and not st["out"]:
                sel.unregister(sock)
                sock.close()
                del state[sock]
                continue
            want = 0
            if st["out"]:
                want |= selectors.EVENT_WRITE
            if not st["eof"] and len(st["out"]) < BOUND:
                want |= selectors.EVENT_READ
            sel.modify(sock, want)
    sel.close()
    return answered
