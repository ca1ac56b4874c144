"""Bug: sends the echo, half-closes (FIN), then closes with SO_LINGER 0: an RST follows the FIN.

"Skip TIME_WAIT": the reference client reads the FIN as the echo's end (recv() returns b"" before the reset
comes), so its socket sees a clean close; the packets show the RST right behind the FIN.
"""
import socket
import struct


def serve_once(port: int, host: str = "127.0.0.1") -> bytes:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen()
        conn, _address = server.accept()
        with conn:
            message = conn.recv(1024)
            conn.sendall(message)
            conn.shutdown(socket.SHUT_WR)  # the FIN: the client sees the echo end
            # ...and no TIME_WAIT to wait for on restart: close by reset.
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    return message
