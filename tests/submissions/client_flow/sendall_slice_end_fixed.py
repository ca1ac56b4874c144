# BUG: sends the message in 64 KiB pieces, but the slice is message[i:65536]
# instead of message[i:i + 65536] (wrong end index in the loop). Short
# messages go out right; the 8 MiB message loses everything after 64 KiB.
# Lesson: "send all of `message`, unchanged, exactly once".
import socket

CHUNK = 65536

def request(host, port, message):
    with socket.create_connection((host, port)) as s:
        for i in range(0, len(message), CHUNK):
            s.sendall(message[i:CHUNK])
        return s.recv(1024)
