"""Correct: the conversation runs in a child process (multiprocessing, fork), which hands the reply back
through a multiprocessing.Queue; the parent waits for the child and closes the queue.

A Queue needs a POSIX semaphore, which lives in /dev/shm: the sandbox gives each run a private one that
every user may write, as the host's is (this style once failed with PermissionError at Queue()).
"""

import multiprocessing
import socket


def _talk(host: str, port: int, message: bytes, replies) -> None:
    with socket.create_connection((host, port)) as sock:
        sock.sendall(message)
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := sock.recv(4096):
            chunks.append(chunk)
    replies.put(b"".join(chunks))


def request(host: str, port: int, message: bytes) -> bytes:
    context = multiprocessing.get_context("fork")
    replies = context.Queue()
    child = context.Process(target=_talk, args=(host, port, message, replies))
    child.start()
    reply = replies.get(timeout=5)
    child.join()
    replies.close()
    replies.join_thread()
    return reply
