"""Correct, with threads that leave the kernel late: each thread, once its Python code is done and it has
been joined, still lingers 0.2 s in the kernel (a thread-exit destructor of the C library that sleeps, the
way a busy machine can delay a thread's end). Joined is joined: no thread of it is left running."""

import ctypes
import socket
import threading

_libc = ctypes.CDLL(None)
_key = ctypes.c_uint()
# At a thread's exit, the C library calls usleep(value) for the value the thread set: 200000 µs.
_libc.pthread_key_create(ctypes.byref(_key), ctypes.cast(_libc.usleep, ctypes.c_void_p))


def _serve_lines(conn, answered):
    _libc.pthread_setspecific(_key, ctypes.c_void_p(200_000))
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


def serve_clients(port, host, count):
    answered, threads = [], []
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
