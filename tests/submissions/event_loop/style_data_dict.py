"""Correct: the Real Python style, a dict of state per connection and one service function."""
import selectors
import socket

sel = selectors.DefaultSelector()
LIMIT = 1 << 20


def serve_clients_selectors(port, host, count):
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind((host, port))
    lsock.listen()
    lsock.setblocking(False)
    sel.register(lsock, selectors.EVENT_READ, data=None)
    accepted = 0
    answered = 0
    live = 0
    while accepted < count or live:
        for key, mask in sel.select(timeout=None):
            if key.data is None:
                conn, addr = lsock.accept()
                conn.setblocking(False)
                sel.register(conn, selectors.EVENT_READ, data={"inb": b"", "outb": b"", "done": False})
                accepted += 1
                live += 1
                if accepted == count:
                    sel.unregister(lsock)
                    lsock.close()
                continue
            sock, data = key.fileobj, key.data
            try:
                if mask & selectors.EVENT_READ:
                    recv_data = sock.recv(4096)
                    if recv_data:
                        data["inb"] += recv_data
                        while b"\n" in data["inb"]:
                            line, data["inb"] = data["inb"].split(b"\n", 1)
                            data["outb"] += line[::-1] + b"\n"
                            answered += 1
                    else:
                        data["done"] = True
                if mask & selectors.EVENT_WRITE and data["outb"]:
                    sent = sock.send(data["outb"])
                    data["outb"] = data["outb"][sent:]
            except ConnectionResetError:
                data["done"], data["outb"] = True, b""
            if data["done"] and not data["outb"]:
                sel.unregister(sock)
                sock.close()
                live -= 1
                continue
            events = selectors.EVENT_WRITE if data["outb"] else 0
            if not data["done"] and len(data["outb"]) <= LIMIT:
                events |= selectors.EVENT_READ
            sel.modify(sock, events, data=data)
    return answered
