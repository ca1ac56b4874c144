"""Correct: the conversation runs in a multiprocessing.Process started with the default start method, joined, its reply through a Queue. The module sets that default to "spawn", as macOS has it (forkserver: Linux from Python 3.14); before the call the grader makes it fork again (once all 4 checks hung: the spawned child could not import this module)."""

import multiprocessing
import socket

multiprocessing.set_start_method("spawn", force=True)  # stands for macOS's default (a test of the grader)


def _talk(host: str, port: int, message: bytes, replies) -> None:
    with socket.create_connection((host, port)) as sock:
        sock.sendall(message)
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := sock.recv(4096):
            chunks.append(chunk)
    replies.put(b"".join(chunks))


def request(host: str, port: int, message: bytes) -> bytes:
    replies = multiprocessing.Queue()
    child = multiprocessing.Process(target=_talk, args=(host, port, message, replies))
    child.start()
    reply = replies.get(timeout=5)
    child.join()
    replies.close()
    replies.join_thread()
    return reply
