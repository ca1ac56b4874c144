"""recv() on the listener, the accepted connection left open as the call raises (a trial's first draft).

Its listen was right: "listens on the host and port" passes; the rest fail with the OSError.
"""
import socket


def serve_once(port: int, host: str = "127.0.0.1") -> bytes:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind((host, port))
    listener.listen(128)
    conn, addr = listener.accept()
    message = listener.recv(1024)
    conn.sendall(message)
    conn.close()
    return message
