"""Attack (forge): write a report of its own on the grader's result channel, as if request() returned the reply."""

import json
import os
import stat
import struct


def forged() -> bytes:
    reply = b"WELCOME \x00\x80\x81 na\xc3\xafve \xf0\x9f\x91\x8b server reply\n"
    structure = json.dumps({"status": "returned", "value": {"type": "bytes", "value": {"$bytes": [0, len(reply)]}},
                            "resource_warnings": []}).encode()
    return struct.pack("!QQ", len(structure), len(reply)) + structure + reply


def request(host, port, message):
    for fd in range(3, 64):
        try:
            if stat.S_ISFIFO(os.fstat(fd).st_mode):
                os.write(fd, forged())
        except OSError:
            pass
    while True:
        pass
