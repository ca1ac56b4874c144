"""Bug: a 0.3 s recv() timeout taken for a lost reply: it connects again and sends the message again (a trial's); the
reference server takes one connection, so the second is refused (told as a retry, not as a wrong address)."""

import socket

def request(host, port, message):
    for attempt in range(3):
        sock = socket.create_connection((host, port))
        sock.settimeout(0.3)
        try:
            sock.sendall(message)
            reply = sock.recv(1024)
            return reply
        except socket.timeout:
            continue  # resend on a fresh connection
        finally:
            sock.close()
    return b""
