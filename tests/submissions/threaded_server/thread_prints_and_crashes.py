import socket
import threading


def _serve_lines(conn, answered):
    print("serving", conn.getpeername()[0])  # a debugging print in each client's thread
    with conn:
        buffer = b""
        while chunk := conn.recv(65536):
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                conn.sendall(line[::-1] + "\n")  # bytes + str: TypeError, the thread dies with a traceback
                answered.append(1)


def serve_clients(port, host, count):
    answered = []
    threads = []
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen()
        for _ in range(count):
            conn, _address = server.accept()
            thread = threading.Thread(target=_serve_lines, args=(conn, answered))
            thread.start()
            threads.append(thread)
    for thread in threads:
        thread.join()
    return len(answered)
