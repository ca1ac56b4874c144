"""Lesson 5, framing: where one message ends.
第 5 课 framing：分帧，一条消息在哪里结束。

Read lessons/05-framing.md, then grade with:  nox -s grade -- framing
先读 lessons/zh/05-framing.md，然后评分：     nox -s grade -- framing --lang zh
"""

import socket
import struct  # noqa: F401  struct.pack("!I", n) and struct.unpack("!I", header) build and read the header / 构造和读出帧头

MAX_FRAME = 1 << 20  # the largest payload a frame may carry / 一帧最多能带的负载字节数


def send_frame(sock: socket.socket, payload: bytes) -> None:
    """Send one frame: a 4-byte unsigned big-endian length, then the payload.

    Raise ValueError, sending nothing, if the payload is over MAX_FRAME bytes.

    发送一帧：4 个字节的无符号大端序长度，然后是负载。负载超过 MAX_FRAME
    个字节时抛出 ValueError，什么都不发送。
    """
    # TODO 1. A payload over MAX_FRAME: raise ValueError before sending anything.
    #         负载超过 MAX_FRAME：先抛出 ValueError，什么都不要发送。
    # TODO 2. Build the header: the payload's length as 4 bytes, big-endian (network byte order).
    #         构造帧头：负载长度，4 个字节，大端序（网络字节序）。
    # TODO 3. Send the header and the payload, every byte.
    #         发送帧头和负载，一个字节都不能少。
    raise NotImplementedError("send_frame() is not implemented yet / send_frame() 还没有实现")


def recv_frame(sock: socket.socket) -> bytes | None:
    """Return the next frame's payload, or None if the peer closed cleanly between frames.

    Raise EOFError if the peer closes inside a header or a payload, and
    ValueError if the header announces more than MAX_FRAME bytes (before
    reading any of them). Never read past the frame's last byte.

    返回下一帧的负载；如果对端在两帧之间正常关闭，返回 None。对端在帧头或负载
    中间关闭时抛出 EOFError；帧头声称的长度超过 MAX_FRAME 时，在读取任何负载
    之前抛出 ValueError。绝不读过这一帧的最后一个字节。
    """
    # TODO 1. Read exactly 4 header bytes with lesson 3's loop (they may arrive in pieces).
    #         用第 3 课的循环读满 4 个字节的帧头（它们可能分几次到达）。
    # TODO 2. EOF before the first header byte: return None. EOF after it: raise EOFError.
    #         在帧头第一个字节之前读到 EOF：返回 None；之后才读到 EOF：抛出 EOFError。
    # TODO 3. Decode the length (big-endian); over MAX_FRAME: raise ValueError at once.
    #         按大端序解出长度；超过 MAX_FRAME 就立即抛出 ValueError。
    # TODO 4. Read exactly that many payload bytes, not one more; EOF inside: raise EOFError.
    #         读满这么多字节的负载，多一个也不读；中途 EOF：抛出 EOFError。
    raise NotImplementedError("recv_frame() is not implemented yet / recv_frame() 还没有实现")


def serve_lines(sock: socket.socket) -> int:
    """Answer every line (ending in b"\\n") with the line reversed, its b"\\n" kept at the end.

    Reply to each complete line as soon as it is complete. At EOF, drop a
    last line without b"\\n" and return the number of lines answered. Do not
    close the socket.

    对每一行（以 b"\\n" 结尾）回复这一行的字节反转，b"\\n" 仍放在最后。每一行一完整
    就立即回复。读到 EOF 时，丢弃最后一个没有 b"\\n" 的行，返回回答过的行数。
    不要关闭套接字。
    """
    # TODO 1. Keep a buffer of bytes received but not answered yet.
    #         用一个缓冲区保存已收到、还没回答的字节。
    # TODO 2. recv() in a loop; b"" (EOF) means return the count.
    #         循环调用 recv()；收到 b""（EOF）就返回计数。
    # TODO 3. After each recv(), answer EVERY complete line in the buffer, at once.
    #         每次 recv() 之后，立即回答缓冲区里每一个完整的行。
    # TODO 4. Keep the bytes after the last b"\n": they start the next line.
    #         保留最后一个 b"\n" 之后的字节：它们是下一行的开头。
    raise NotImplementedError("serve_lines() is not implemented yet / serve_lines() 还没有实现")
