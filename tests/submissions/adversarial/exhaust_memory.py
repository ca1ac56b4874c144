"""Attack (exhaust): allocate far more memory than a call may have."""


def request(host, port, message):
    hoard = []
    while True:
        hoard.append(bytearray(256 << 20))
