import socket
from concurrent.futures import ThreadPoolExecutor


def handle(conn):
    answered = 0
    buffer = b""
    with conn:
        try:
            while data := conn.recv(4096):
                buffer += data
                while b"\n" in buffer:
                    line, buffer = buffer.split(b"\n", 1)
                    conn.sendall(line[::-1] + b"\n")
                    answered += 1
        except ConnectionResetError:
            pass
    return answered


def serve_clients(port, host, count):
    # The default pool: min(32, CPUs + 4) workers, whatever count is.
    with ThreadPoolExecutor() as pool:
        with socket.socket() as listener:
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind((host, port))
            listener.listen()
            futures = [pool.submit(handle, listener.accept()[0]) for _ in range(count)]
    return sum(f.result() for f in futures)
