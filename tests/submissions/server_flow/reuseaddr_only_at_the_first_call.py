# A trial's: SO_REUSEADDR set only on the first call (a module-level "configured" flag), so a second call in the
# same process binds the port its first connection holds in TIME_WAIT without it, and bind() is refused.
# MISTAKE: SO_REUSEADDR set only on the first call (a module-level "configured" flag,
# thinking the option is remembered by the port).
# Violates: "set it every time, before bind".
import socket

_configured = False

def serve_once(port, host="127.0.0.1"):
    global _configured
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if not _configured:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        _configured = True
    with listener:
        listener.bind((host, port))
        listener.listen()
        conn, _ = listener.accept()
        with conn:
            message = conn.recv(1024)
            conn.sendall(message)
    return message
