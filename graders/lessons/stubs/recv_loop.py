"""Lesson 3, recv_loop: the buffers behind send() and recv().
第 3 课 recv_loop：send() 和 recv() 背后的缓冲区。

Read lessons/03-recv_loop.md, then grade with:  nox -s grade -- recv_loop
先读 lessons/zh/03-recv_loop.md，然后评分：     nox -s grade -- recv_loop --lang zh
"""

import socket


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    """Return exactly n bytes received from sock.

    The bytes may arrive in any number of pieces. Never read past the nth
    byte: what follows belongs to the next message. Raise EOFError if the
    peer closes before n bytes arrived. recv_exactly(sock, 0) returns b"".

    从 sock 接收并返回正好 n 个字节。这些字节可能分成任意多段到达。绝不读过第 n 个字节：
    后面的字节属于下一条消息。如果对端在 n 个字节到齐之前就关闭了，抛出 EOFError。
    recv_exactly(sock, 0) 返回 b""。
    """
    # TODO 1. Loop until you hold n bytes.
    #         循环，直到手里有 n 个字节。
    # TODO 2. Each time, recv() at most the number of bytes still missing.
    #         每次 recv() 最多只要还缺的字节数。
    # TODO 3. recv() returning b"" means the peer closed: raise EOFError.
    #         recv() 返回 b"" 表示对端已经关闭：抛出 EOFError。
    # TODO 4. Collect the pieces without copying everything again each time.
    #         收集各段数据，不要每次都把已有的数据全部再复制一遍。
    raise NotImplementedError("recv_exactly() is not implemented yet / recv_exactly() 还没有实现")


def recv_until_closed(sock: socket.socket) -> bytes:
    """Return everything the peer sends, until it closes its side (EOF).

    返回对端发来的全部数据，直到它关闭自己的发送方向（EOF）。
    """
    # TODO 1. recv() in a loop and keep every piece.
    #         循环调用 recv()，保存每一段。
    # TODO 2. Stop when recv() returns b"" (the peer's FIN).
    #         recv() 返回 b""（对端的 FIN）时停止。
    # TODO 3. Join the pieces once, at the end.
    #         最后把各段拼接一次。
    raise NotImplementedError("recv_until_closed() is not implemented yet / recv_until_closed() 还没有实现")


def send_all(sock: socket.socket, data: bytes) -> None:
    """Send all of data with sock.send() (not sock.sendall()).

    sock has a timeout, so one send() may accept only part of data: it
    returns how many bytes it took.

    用 sock.send()（不是 sock.sendall()）把 data 全部发出去。sock 设置了超时，
    所以一次 send() 可能只接收 data 的一部分：它返回实际拷进发送缓冲区的字节数。
    """
    # TODO 1. Call send() with the bytes not sent yet.
    #         用还没发出的字节调用 send()。
    # TODO 2. Use its return value to know how far you got.
    #         用它的返回值算出已经发到哪里。
    # TODO 3. Repeat until every byte is sent.
    #         重复，直到每个字节都发出去。
    raise NotImplementedError("send_all() is not implemented yet / send_all() 还没有实现")
