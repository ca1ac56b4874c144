import socket
from concurrent.futures import ThreadPoolExecutor


def _serve(conn):
    answered = 0
    with conn:
        buffer = b""
        try:
            while chunk := conn.recv(4096):
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    conn.sendall(line[::-1] + b"\n")
                    answered += 1
        except ConnectionResetError:
            pass
    return answered


def serve_clients(port, host, count):
    futures = []
    with ThreadPoolExecutor(max_workers=max(1, count - 1)) as pool:  # one worker too few
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
            server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            server.bind((host, port))
            server.listen()
            for _ in range(count):
                conn, _ = server.accept()
                futures.append(pool.submit(_serve, conn))
    return sum(future.result() for future in futures)
