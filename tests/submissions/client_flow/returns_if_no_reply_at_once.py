"""Bug: a select() with a short timeout as a "safety net": no reply within 0.1 s, and request() returns b"".

An independent trial's code (its comment in Chinese): "安全网：最多等 0.1 秒，不要让程序卡死" ("a safety net:
wait 0.1 s at most, so the program never gets stuck"). A server that answers within 0.1 s hides it; the
reference server holds its reply until the code is asleep waiting for it, so the return comes first.
"""

import select
import socket


def request(host, port, message):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect((host, port))
    s.sendall(message)
    huifu = b""
    # 安全网：最多等 0.1 秒，不要让程序卡死
    r, w, x = select.select([s], [], [], 0.1)
    if r:
        huifu = s.recv(1024)
    s.close()
    return huifu
