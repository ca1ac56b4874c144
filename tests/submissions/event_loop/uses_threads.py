"""Correct, but with a thread per client: that is lesson 7, not this one."""
import socket
import threading


def _serve(conn, answered):
    with conn:
        buffer = b""
        try:
            while chunk := conn.recv(65536):
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    conn.sendall(line[::-1] + b"\n")
                    answered.append(1)
        except ConnectionResetError:
            pass


def serve_clients_selectors(port, host, count):
    answered, threads = [], []
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen()
        for _ in range(count):
            conn, _ = server.accept()
            thread = threading.Thread(target=_serve, args=(conn, answered))
            thread.start()
            threads.append(thread)
    for thread in threads:
        thread.join()
    return len(answered)
