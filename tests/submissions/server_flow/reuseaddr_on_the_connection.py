# BUG: SO_REUSEADDR is set on the wrong socket (the accepted conn, after the
# listener was already bound). Violates "set SO_REUSEADDR before bind" on the
# listener: a restart on the same port during TIME_WAIT fails.
import socket


def serve_once(port: int, host: str = "127.0.0.1") -> bytes:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind((host, port))
    listener.listen()
    conn, _ = listener.accept()
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    msg = conn.recv(1024)
    conn.sendall(msg)
    conn.close()
    listener.close()
    return msg
