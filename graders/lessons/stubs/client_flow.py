"""Lesson 1, client_flow: a TCP client.
第 1 课 client_flow：TCP 客户端。

Read lessons/01-client_flow.md, then grade with:  nox -s grade -- client_flow
先读 lessons/zh/01-client_flow.md，然后评分：     nox -s grade -- client_flow --lang zh
"""

import socket  # noqa: F401  you will need it / 你会用到它


def request(host: str, port: int, message: bytes) -> bytes:
    """Send `message` to the TCP server at (host, port) and return its reply.

    The reply is shorter than 1024 bytes. `message` and the reply are bytes,
    not text: send and return them unchanged.

    把 `message` 发给 (host, port) 上的 TCP 服务端，并返回它的回复。
    回复不超过 1024 字节。`message` 和回复都是 bytes，不是文本：原样发送，原样返回。
    """
    # TODO 1. Create a TCP socket over IPv4 (AF_INET, SOCK_STREAM).
    #         创建客户端套接字：IPv4 的 TCP 套接字（AF_INET, SOCK_STREAM）。
    # TODO 2. Connect it to (host, port): use the host and port you are given.
    #         和服务端套接字建立连接：connect((host, port))，用函数收到的 host 和 port。
    # TODO 3. Send all of `message`.
    #         发送数据：把 `message` 全部发出去。
    # TODO 4. Receive the server's reply with recv(1024).
    #         接收数据：用 recv(1024) 接收服务端的回复。
    # TODO 5. Close the socket, then return the reply.
    #         关闭客户端套接字，然后返回回复。
    raise NotImplementedError("request() is not implemented yet / request() 还没有实现")
