"""Lesson 2, server_flow: a TCP server that serves one client.
第 2 课 server_flow：只服务一个客户端的 TCP 服务端。

Read lessons/02-server_flow.md, then grade with:  nox -s grade -- server_flow
先读 lessons/zh/02-server_flow.md，然后评分：     nox -s grade -- server_flow --lang zh
"""

import socket  # noqa: F401  you will need it / 你会用到它


def serve_once(port: int, host: str = "127.0.0.1") -> bytes:
    """Serve one client on (host, port): echo its message back and return it.

    The client's message is shorter than 1024 bytes and may be any bytes.

    在 (host, port) 上服务一个客户端：把它的消息原样发回去，并返回这条消息。
    客户端的消息不超过 1024 字节，可以是任意字节。
    """
    # TODO 1. Create a TCP socket over IPv4 (AF_INET, SOCK_STREAM).
    #         创建服务端套接字：IPv4 的 TCP 套接字（AF_INET, SOCK_STREAM）。
    # TODO 2. Set SO_REUSEADDR on it, before bind().
    #         设置端口复用 SO_REUSEADDR，一定要在 bind() 之前。
    # TODO 3. Bind it to (host, port) and listen().
    #         绑定 `(host, port)`，然后设置监听 listen()。
    # TODO 4. accept() one client: it returns a NEW socket for that connection.
    #         accept() 等待接受一个客户端：它为这个连接返回一个新的套接字。
    # TODO 5. Receive the client's message with recv(1024) on the new socket.
    #         在新套接字上用 recv(1024) 接收客户端的消息。
    # TODO 6. Send the same bytes back on the new socket.
    #         在新套接字上把同样的字节发回去。
    # TODO 7. Close the connection, then the listening socket; return the message.
    #         先关闭连接，再关闭监听套接字；返回收到的消息。
    raise NotImplementedError("serve_once() is not implemented yet / serve_once() 还没有实现")
