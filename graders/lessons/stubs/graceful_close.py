"""Lesson 4, graceful_close: half-close, EOF, FIN and RST.
第 4 课 graceful_close：半关闭、EOF、FIN 与 RST。

Read lessons/04-graceful_close.md, then grade with:  nox -s grade -- graceful_close
先读 lessons/zh/04-graceful_close.md，然后评分：     nox -s grade -- graceful_close --lang zh
"""

import socket  # noqa: F401  you will need it / 你会用到它


def request_and_half_close(host: str, port: int, message: bytes) -> bytes:
    """Send message, signal its end with a half-close, return the whole reply.

    The server replies only after it sees the end of your request (EOF).

    发送 message，用半关闭表示请求结束，返回完整的回复。
    服务端只有看到你的请求结束（EOF）之后才会回复。
    """
    # TODO 1. Connect to (host, port) and send all of `message`.
    #         连接 `(host, port)`，把 `message` 全部发出去。
    # TODO 2. shutdown(socket.SHUT_WR): "I will send nothing more" (FIN).
    #         shutdown(socket.SHUT_WR)：“我不再发送了”（FIN，半关闭）。
    # TODO 3. Read the reply until recv() returns b"" (the server's FIN).
    #         读取回复，直到 recv() 返回 b""（服务端的 FIN）。
    # TODO 4. Close the socket and return the reply.
    #         关闭套接字，返回回复。
    raise NotImplementedError("request_and_half_close() is not implemented yet / request_and_half_close() 还没有实现")


def serve_one_request(port: int, host: str = "127.0.0.1") -> bytes:
    """Serve one client: read its request until EOF, send it back reversed.

    Close so that the client sees FIN, not RST. Return the request.

    服务一个客户端：读取它的请求直到 EOF，把请求倒序发回去。
    关闭时要让客户端看到 FIN，而不是 RST。返回请求。
    """
    # TODO 1. Listen on (host, port) with SO_REUSEADDR set before bind().
    #         在 (host, port) 上监听，bind() 之前设置 SO_REUSEADDR（端口复用）。
    # TODO 2. Accept one client.
    #         接受一个客户端的连接。
    # TODO 3. Read its request until recv() returns b"" (the client's FIN).
    #         读取它的请求，直到 recv() 返回 b""（客户端的 FIN）。
    # TODO 4. Send back request[::-1].
    #         发回 request[::-1]。
    # TODO 5. Close the connection and the listener; return the request.
    #         关闭连接和监听套接字；返回请求。
    raise NotImplementedError("serve_one_request() is not implemented yet / serve_one_request() 还没有实现")


def reject_and_drain(port: int, host: str = "127.0.0.1") -> bytes:
    """Read a header line, reply b"REJECTED\\n", then close without an RST.

    The client sends a header line ending in b"\\n", then a large body.
    Return the header line, b"\\n" included.

    读取首行，回复 b"REJECTED\\n"，然后关闭，不能产生 RST。
    客户端先发送以 b"\\n" 结尾的首行，再发送一个很大的消息体。返回首行，包括 b"\\n"。
    """
    # TODO 1. Listen on (host, port) with SO_REUSEADDR set, accept one client.
    #         设置 SO_REUSEADDR，在 (host, port) 上监听，接受一个客户端。
    # TODO 2. Read the header line only, up to and including b"\n".
    #         只读首行：读到 b"\n" 为止（包括它）。
    # TODO 3. Send b"REJECTED\n" at once.
    #         立即发送 b"REJECTED\n"。
    # TODO 4. shutdown(socket.SHUT_WR), then read and discard until b"".
    #         shutdown(socket.SHUT_WR)，然后读取并丢弃数据，直到 b""。
    # TODO 5. Only then close the connection and the listener.
    #         然后才关闭连接和监听套接字。
    raise NotImplementedError("reject_and_drain() is not implemented yet / reject_and_drain() 还没有实现")
