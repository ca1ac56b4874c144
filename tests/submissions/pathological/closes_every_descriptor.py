"""Pathological: the call closes every file descriptor it has (the grader's report channel too), then sleeps."""
import os
import time


def request(host: str, port: int, message: bytes) -> bytes:
    os.closerange(3, 4096)
    time.sleep(30)
    return b""
