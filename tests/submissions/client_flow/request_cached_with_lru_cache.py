# MISTAKE: @functools.lru_cache on request() "to avoid asking twice": a second call
# with the same (host, port, message) returns the first reply without any connection.
# The lesson: "It is also called a second time in the same process ... the second call
# returns its own reply, nothing kept from the first".
import functools
import socket


@functools.lru_cache(maxsize=None)
def request(host, port, message):
    with socket.create_connection((host, port)) as s:
        s.sendall(message)
        return s.recv(1024)
