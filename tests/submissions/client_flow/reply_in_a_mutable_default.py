# BUG: mutable default argument used as the reply buffer: every call appends to the same
# bytearray, so a second call returns the first reply too. Violates "return the reply ...
# exactly as it arrived".
import socket
def request(host, port, message, _reply=bytearray()):
    with socket.create_connection((host, port)) as s:
        s.sendall(message)
        while True:
            chunk = s.recv(1024)
            if not chunk:
                break
            _reply += chunk
    return bytes(_reply)
