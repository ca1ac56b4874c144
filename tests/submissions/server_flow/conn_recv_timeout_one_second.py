# BUG: a 1 s timeout on the accepted connection, and a timeout is taken as "the client sent nothing":
# returns b"" without echoing. A client that pauses before sending loses its message.
# Lesson: "accept one client and receive its message"; recv "blocks until at least one byte is there".
import socket

def serve_once(port, host="127.0.0.1"):
    with socket.create_server((host, port)) as srv:
        conn, _ = srv.accept()
        with conn:
            conn.settimeout(1.0)
            try:
                msg = conn.recv(1024)
            except TimeoutError:
                return b""
            conn.sendall(msg)
    return msg
