"""Lesson 7, threaded_server: many clients at once, with threads.
第 7 课 threaded_server：用线程同时服务多个客户端。

Read lessons/07-threaded_server.md, then grade with:  nox -s grade -- threaded_server
先读 lessons/zh/07-threaded_server.md，然后评分：     nox -s grade -- threaded_server --lang zh
"""

import socket  # noqa: F401  you will need it / 你会用到它
import threading  # noqa: F401  and this / 还有它


def serve_clients(port: int, host: str, count: int) -> int:
    """Serve `count` clients at once, each in its own thread, with lesson 5's line protocol.

    Each line a client sends ends in b"\\n"; answer it at once with the line
    reversed, its b"\\n" kept at the end. Return how many lines were answered.

    用第 5 课的按行协议同时服务 count 个客户端，每个客户端一个线程。每收到以 b"\\n"
    结尾的一整行，立刻回复反转后的这一行（b"\\n" 仍在末尾）。返回回复过的行数。
    """
    # TODO 1. Create a TCP socket (IPv4), set SO_REUSEADDR before bind(), bind (host, port), listen().
    #         创建 TCP 套接字（IPv4），在 bind() 之前设置 SO_REUSEADDR（端口复用），绑定 `(host, port)`，listen()。
    # TODO 2. accept() count times; start a threading.Thread for each new connection, right away.
    #         调用 accept() 共 count 次；每接受一个新连接，立刻为它启动一个 threading.Thread。
    # TODO 3. In each thread: recv() until b"" (the client's EOF); answer every complete line at once.
    #         在每个线程里：recv() 直到返回 b""（客户端的 EOF）；每收到一整行就立刻回复。
    # TODO 4. A ConnectionResetError ends only this client: catch it. Close the connection when done.
    #         ConnectionResetError 只结束这个客户端：捕获它。服务结束后关闭这个连接。
    # TODO 5. Count each line once its reply was sent (list.append() is safe from several threads).
    #         每发出一行的回复就计数一次（list.append() 可以在多个线程里安全使用）。
    # TODO 6. After the last accept(), close the listening socket (a further connect is then refused).
    #         最后一次 accept() 之后，关闭监听套接字（之后再有连接就会被拒绝）。
    # TODO 7. join() every thread, then return the total number of lines answered.
    #         对每个线程调用 join()，然后返回回复过的总行数。
    raise NotImplementedError("serve_clients() is not implemented yet / serve_clients() 还没有实现")
