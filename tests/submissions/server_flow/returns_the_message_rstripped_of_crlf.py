# BUG: echoes the bytes unchanged but returns message.rstrip(b"\r\n")
# (the student "cleans" the returned value). Violates "return the message you
# received, as bytes" (any bytes, a trailing newline included).
import socket


def serve_once(port: int, host: str = "127.0.0.1") -> bytes:
    with socket.create_server((host, port)) as listener:
        conn, _ = listener.accept()
        with conn:
            msg = conn.recv(1024)
            conn.sendall(msg)
    return msg.rstrip(b"\r\n")
