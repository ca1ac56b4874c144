"""Attack (exhaust): fill the disk with many files (each under the file-size limit)."""

import os
import tempfile


def request(host, port, message):
    for folder in (".", tempfile.gettempdir()):
        for number in range(100_000):
            try:
                with open(os.path.join(folder, f"fill-{number}"), "wb") as f:
                    f.write(b"x" * (512 << 10))
            except OSError:
                break
    return b""
