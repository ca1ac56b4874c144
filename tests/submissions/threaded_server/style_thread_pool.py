import socket
from concurrent.futures import ThreadPoolExecutor


def serve_one(conn: socket.socket) -> int:
    answered = 0
    pending = bytearray()
    with conn:
        try:  # a reset may meet the recv() or the sendall() of a reply
            while chunk := conn.recv(1024):
                pending += chunk
                while (end := pending.find(b"\n")) >= 0:
                    conn.sendall(bytes(pending[:end][::-1]) + b"\n")
                    del pending[: end + 1]
                    answered += 1
        except ConnectionResetError:
            pass
    return answered


def serve_clients(port: int, host: str, count: int) -> int:
    with ThreadPoolExecutor(max_workers=count) as pool:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
            server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            server.bind((host, port))
            server.listen(count)
            futures = [pool.submit(serve_one, server.accept()[0]) for _ in range(count)]
        return sum(future.result() for future in futures)
