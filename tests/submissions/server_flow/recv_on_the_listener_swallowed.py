"""Bug: recv() and sendall() on the listening socket, the error swallowed (except Exception: pass), then close():
the message is never read, so the close resets the connection (an independent trial; its hint blamed SO_LINGER)."""

import socket


def serve_once(port, host="127.0.0.1"):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((host, port))
    s.listen()
    conn, addr = s.accept()
    data = b""
    try:
        data = s.recv(1024)      # 接收数据
        s.sendall(data)
    except Exception:
        pass
    conn.close()
    s.close()
    return data
