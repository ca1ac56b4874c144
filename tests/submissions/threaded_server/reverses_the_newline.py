import socket
import threading


def _serve(conn, answered):
    with conn:
        buffer = b""
        try:
            while chunk := conn.recv(4096):
                buffer += chunk
                while b"\n" in buffer:
                    end = buffer.index(b"\n") + 1
                    line, buffer = buffer[:end], buffer[end:]
                    conn.sendall(line[::-1])  # the newline ends up first
                    answered.append(1)
        except ConnectionResetError:
            pass


def serve_clients(port, host, count):
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
