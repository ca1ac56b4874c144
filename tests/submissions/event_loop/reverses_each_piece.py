"""Bug: reverses each piece recv() returns on its own and joins the pieces in the order they came: a line that
comes in one recv() is answered right, a long line that comes in several is not (its reply is the pieces
reversed one by one). Client F's 16 KiB lines always come in several pieces: its replies are wrong by
construction, told with the first bytes that differ (LOOP_FLOOD_WRONG).
"""

import selectors
import socket

LIMIT = 1 << 20  # stop reading a client while more than this many reply bytes wait to be sent to it


class Client:
    """One connection's state: bytes of an unfinished line, replies not sent yet, EOF seen."""

    def __init__(self) -> None:
        self.pending = bytearray()
        self.unsent = bytearray()
        self.eof = False


def serve_clients_selectors(port: int, host: str, count: int) -> int:
    """Accept `count` clients and serve them all from one select loop; return the lines answered."""
    answered = accepted = 0
    with selectors.DefaultSelector() as selector:
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen()
        server.setblocking(False)
        selector.register(server, selectors.EVENT_READ)
        while accepted < count or len(selector.get_map()) > 0:
            for key, mask in selector.select():
                if key.fileobj is server:
                    conn, _address = server.accept()
                    conn.setblocking(False)
                    selector.register(conn, selectors.EVENT_READ, Client())
                    accepted += 1
                    if accepted == count:  # no more clients: a further connect is refused
                        selector.unregister(server)
                        server.close()
                    continue
                conn, client = key.fileobj, key.data
                try:
                    if mask & selectors.EVENT_READ:
                        data = conn.recv(65536)
                        client.eof = not data
                        # Reverses each piece as it comes, and adds it after the pieces before it: right for a
                        # line that comes in one recv(), wrong for a long line that comes in several.
                        *lines, rest = data.split(b"\n")
                        for line in lines:
                            client.unsent += client.pending + line[::-1] + b"\n"  # queued: counts as answered
                            client.pending = bytearray()
                            answered += 1
                        client.pending += rest[::-1]
                    if mask & selectors.EVENT_WRITE:  # the selector says: send() will not block
                        del client.unsent[: conn.send(client.unsent)]
                except ConnectionResetError:
                    client.eof, client.unsent = True, bytearray()
                if client.eof and not client.unsent:
                    selector.unregister(conn)
                    conn.close()
                    continue
                # Backpressure: read only while the replies waiting for this client stay small.
                events = selectors.EVENT_WRITE if client.unsent else 0
                if not client.eof and len(client.unsent) <= LIMIT:
                    events |= selectors.EVENT_READ
                if events != key.events:
                    selector.modify(conn, events, client)
    return answered
