"""Attack (interfere): connect to every listening socket it can find on loopback, and hold them."""

import socket


def listening() -> list[tuple[str, int]]:
    found = []
    for path in ("/proc/net/tcp",):
        try:
            with open(path) as f:
                for line in f.read().splitlines()[1:]:
                    fields = line.split()
                    if fields[3] == "0A":
                        address, port = fields[1].split(":")
                        host = socket.inet_ntoa(int(address, 16).to_bytes(4, "little"))
                        found.append((host, int(port, 16)))
        except OSError:
            pass
    return found


def request(host, port, message):
    held = []
    for address in listening():
        if address != (host, port):
            try:
                held.append(socket.create_connection(address, timeout=0.2))
            except OSError:
                pass
    import time
    time.sleep(2.5)
    return str(len(held)).encode()
