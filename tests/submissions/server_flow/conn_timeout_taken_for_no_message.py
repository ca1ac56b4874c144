# MISTAKE: conn.settimeout(1.0) on the accepted socket; a timeout is taken for "no message".
# Violates: "recv() block[s] until the client is there. A timeout of your own taken for ... 'no message' fails."
import socket

def serve_once(port, host="127.0.0.1"):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    with listener:
        listener.bind((host, port))
        listener.listen()
        conn, _ = listener.accept()
        with conn:
            conn.settimeout(1.0)
            try:
                message = conn.recv(1024)
            except TimeoutError:
                message = b""
            conn.sendall(message)
    return message
