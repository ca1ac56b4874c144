import socket
import threading


def _serve(conn, answered):
    with conn:
        buffer = b""
        try:
            while chunk := conn.recv(4096):
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    conn.sendall(line[::-1] + b"\n")
                    answered.append(1)
        except ConnectionResetError:
            pass


def serve_clients(port, host, count):
    answered, threads = [], []
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind((host, port))  # no SO_REUSEADDR: fails while the port has a TIME_WAIT
        server.listen()
        for _ in range(count):
            conn, _ = server.accept()
            thread = threading.Thread(target=_serve, args=(conn, answered))
            thread.start()
            threads.append(thread)
    for thread in threads:
        thread.join()
    return len(answered)
