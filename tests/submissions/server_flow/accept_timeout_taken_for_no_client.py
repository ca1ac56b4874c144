"""Bug: listener.settimeout(0.3), and an accept() that times out taken for "no client": returns b"" (a trial's; it
passed while the reference client connected at once)."""

import socket
def serve_once(port, host="127.0.0.1"):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as srv:
        srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv.bind((host, port)); srv.listen()
        srv.settimeout(0.3)
        try:
            conn, _ = srv.accept()
        except socket.timeout:
            return b""
        with conn:
            conn.settimeout(None)
            msg = conn.recv(1024)
            conn.sendall(msg)
    return msg
