# sock is None when create_connection() fails, and the except closes it: AttributeError on None (a third independent
# trial's probe). Told as a None where an object was expected, not a misspelt name (and not a selector's key.data).
import socket
import time


def first_reply(servers, request, timeout):
    notes = []
    for index, (host, port) in enumerate(servers):
        deadline = time.monotonic() + timeout
        sock = None
        try:
            sock = socket.create_connection((host, port), timeout=timeout)
            sock.sendall(request)
            sock.shutdown(socket.SHUT_WR)
            reply = b""
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("deadline passed")
                sock.settimeout(left)
                chunk = sock.recv(65536)
                if not chunk:
                    break
                reply += chunk
            sock.close()
            return index, reply
        except TimeoutError as exc:
            sock.close()
            notes.append(f"{host}:{port}: {exc}")
        except OSError as exc:
            notes.append(f"{host}:{port}: {exc}")
    raise ConnectionError("; ".join(notes))
