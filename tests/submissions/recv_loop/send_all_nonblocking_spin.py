"""send_all() sets the socket non-blocking and retries send() on BlockingIOError in a busy loop (a trial's). With a peer
that reads, every byte goes; with a peer that never reads it spins for ever, never raising TimeoutError (the lesson
leaves the mode to the code, but excuses only a blocking send()'s wait: a later trial's). Once a correct style."""

import socket


def recv_exactly(sock, n):
    recv_list = []
    recv_len = 0
    while recv_len < n:
        recv_data = sock.recv(min(n - recv_len, 65536))
        if not recv_data:
            raise EOFError("只收到了 %d / %d 字节" % (recv_len, n))
        recv_list.append(recv_data)
        recv_len += len(recv_data)
    return b"".join(recv_list)

def recv_until_closed(sock):
    recv_list = []
    while True:
        recv_data = sock.recv(65536)
        if not recv_data:
            break
        recv_list.append(recv_data)
    return b"".join(recv_list)

def send_all(sock, data):
    sock.setblocking(False)
    view = memoryview(data)
    send_len = 0
    while send_len < len(data):
        try:
            send_len += sock.send(view[send_len:])
        except BlockingIOError:
            pass
