# MISTAKE: send() is retried exactly once ("the first send may be short, so send the
# rest"), instead of looping until every byte is in. A second interruption (another
# signal, or a send() that takes part only) drops the tail. The lesson: "send all of
# `message`, unchanged, exactly once" / "A send() then returns how many bytes it took;
# sendall() goes on with the rest."
import socket


def request(host, port, message):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.connect((host, port))
        sent = s.send(message)
        if sent < len(message):
            s.send(message[sent:])
        return s.recv(1024)
