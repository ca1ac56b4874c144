"""Pathological: waits for the user to type something."""


def request(host, port, message):
    answer = input("Press enter to send: ")
    return answer.encode()
