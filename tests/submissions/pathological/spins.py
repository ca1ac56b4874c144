"""Pathological: a busy loop that never ends and never sleeps."""


def request(host, port, message):
    count = 0
    while True:
        count += 1
