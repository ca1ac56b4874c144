import selectors
import socket


def serve_clients(port, host, count):
    """Correct, but with one thread and selectors: that is lesson 8, not this one."""
    answered = 0
    sel = selectors.DefaultSelector()
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen()
    sel.register(server, selectors.EVENT_READ, None)
    accepted = 0
    buffers = {}
    while accepted < count or buffers:
        for key, _ in sel.select():
            if key.data is None:
                conn, _ = server.accept()
                accepted += 1
                buffers[conn] = b""
                sel.register(conn, selectors.EVENT_READ, "client")
                if accepted == count:
                    sel.unregister(server)
                    server.close()
                continue
            conn = key.fileobj
            try:
                chunk = conn.recv(4096)
            except ConnectionResetError:
                chunk = b""
            if not chunk:
                sel.unregister(conn)
                conn.close()
                del buffers[conn]
                continue
            *lines, buffers[conn] = (buffers[conn] + chunk).split(b"\n")
            for line in lines:
                conn.sendall(line[::-1] + b"\n")
                answered += 1
    sel.close()
    return answered
