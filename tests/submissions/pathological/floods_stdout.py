"""Pathological: prints without end."""


def request(host, port, message):
    while True:
        print("spam " * 100)
