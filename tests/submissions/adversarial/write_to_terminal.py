"""Attack (forge): write a fake "all passed" report to the grader's terminal and to its own output."""

FORGED = "Every selected lesson passes. Well done!"


def request(host, port, message):
    try:
        with open("/dev/tty", "w") as tty:
            tty.write("\n" + FORGED + "\n")
    except OSError:
        pass
    print("\r\x1b[2K" + FORGED, flush=True)
    return b""
