"""Lesson 6, timeouts: refused, reset, silent and slow peers.
第 6 课 timeouts：超时，被拒绝、被重置、沉默和缓慢的对端。

Read lessons/06-timeouts.md, then grade with:  nox -s grade -- timeouts
先读 lessons/zh/06-timeouts.md，然后评分：     nox -s grade -- timeouts --lang zh
"""

import socket  # noqa: F401  you will need it / 你会用到它
import time  # noqa: F401  time.monotonic() for deadlines / 用 time.monotonic() 定截止时间


def first_reply(servers: list[tuple[str, int]], request: bytes, timeout: float) -> tuple[int, bytes]:
    """Try the servers in order; return (index, reply) of the first whose whole reply came in time.

    With each server: connect, send all of request, shutdown(SHUT_WR), read
    the reply until EOF, all within `timeout` seconds for that server in
    total (a deadline, not a timeout per recv()). Move on when the
    connection is refused, reset, or the deadline passes. If no server
    replied in time, raise ConnectionError naming each server as host:port
    with what went wrong. Close every socket, the failed ones too.

    按顺序尝试各个服务端；返回第一个按时发来完整回复的服务端的（index, reply）。
    对每个服务端：连接，发送完整的 request，shutdown(SHUT_WR)，读取回复直到 EOF，
    这一切加起来要在 `timeout` 秒之内完成（这是一个截止时间，不是每次 recv() 的
    超时）。连接被拒绝、被重置或过了截止时间，就换下一个。如果没有一个服务端按时
    回复，抛出 ConnectionError，以 host:port 的形式写明每个服务端出了什么问题。
    关闭每一个套接字，失败的也不例外。
    """
    # TODO 1. For each server, in order: fix its deadline, now + timeout.
    #         按顺序处理每个服务端：先定下它的截止时间，now + timeout。
    # TODO 2. Connect, send the request, shutdown(SHUT_WR); close the socket whatever happens.
    #         连接，发送请求，shutdown(SHUT_WR)；无论发生什么都要关闭套接字。
    # TODO 3. Read until b"" (EOF); before each recv(), settimeout() to the time left until the deadline.
    #         一直读到 b""（EOF）；每次 recv() 之前，把超时设为距截止时间还剩的时间。
    # TODO 4. Refused, reset or timed out (all OSError): note what went wrong, try the next server.
    #         连接被拒绝、被重置或超时（都是 OSError）：记下出了什么问题，换下一个服务端。
    # TODO 5. None replied in time: raise ConnectionError naming every host:port and its problem.
    #         没有一个及时回复：抛出 ConnectionError，写明每个 host:port 和它的问题。
    raise NotImplementedError("first_reply() is not implemented yet / first_reply() 还没有实现")
