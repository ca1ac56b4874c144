"""Bug: serve_one_request reads with conn.makefile("rb").read() and never closes that file: the with-block
closes the connection, but a socket stays open while a file made from it is open, so the connection stays in
CLOSE_WAIT (the grader holds every file makefile() makes; in a plain run CPython would free it on return).
The message names the file, as in every lesson whose check looks at the sockets left open."""

import socket


def _read_until_eof(sock):
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def request_and_half_close(host, port, message):
    with socket.create_connection((host, port)) as client:
        client.sendall(message)
        client.shutdown(socket.SHUT_WR)  # FIN: the request is complete
        return _read_until_eof(client)


def serve_one_request(port, host="127.0.0.1"):
    # create_server sets SO_REUSEADDR (on POSIX) before bind.
    with socket.create_server((host, port), reuse_port=False) as server:
        conn, _address = server.accept()
        with conn:
            reader = conn.makefile("rb")
            request = reader.read()  # until EOF
            conn.sendall(request[::-1])
    return request


def reject_and_drain(port, host="127.0.0.1"):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen(1)
        conn, _address = server.accept()
        with conn:
            header = bytearray()
            while not header.endswith(b"\n"):
                byte = conn.recv(1)
                if not byte:
                    break
                header += byte
            conn.sendall(b"REJECTED\n")
            conn.shutdown(socket.SHUT_WR)
            while conn.recv(65536):  # drain the body, then close
                pass
    return bytes(header)
