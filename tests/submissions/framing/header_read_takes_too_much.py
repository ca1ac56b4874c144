"""Bug: the header read with recv(65536) in its loop: more than 4 bytes taken, then struct.unpack("!I") of them raises
struct.error (a trial's; it was told "recv(4) may return fewer than 4 bytes")."""


import socket
import struct

MAX_FRAME = 1 << 20  # 一帧最多的负载字节数


def _du_man(sock, n):
    """读满 n 个字节；返回 (数据, 是否在中途遇到 EOF)。"""
    shuju = bytearray()
    while len(shuju) < n:
        kuai = sock.recv(65536)  # 只要还缺的字节数
        if not kuai:
            return bytes(shuju), True
        shuju += kuai
    return bytes(shuju), False


def send_frame(sock: socket.socket, payload: bytes) -> None:
    # 先检查长度，太长就什么都不发
    if len(payload) > MAX_FRAME:
        raise ValueError("负载太长了")
    zhentou = struct.pack("!I", len(payload))  # 帧头：网络字节序
    sock.sendall(zhentou + payload)


def recv_frame(sock: socket.socket) -> bytes | None:
    zhentou, eof = _du_man(sock, 4)
    if eof:
        if len(zhentou) == 0:
            return None  # 两帧之间正常关闭
        raise EOFError("帧头读到一半对端关闭了")
    (changdu,) = struct.unpack("!I", zhentou)
    if changdu > MAX_FRAME:
        raise ValueError("帧太长: %d" % changdu)
    fuzai, eof = _du_man(sock, changdu)
    if eof:
        raise EOFError("负载读到一半对端关闭了")
    return fuzai


def serve_lines(sock: socket.socket) -> int:
    huanchong = bytearray()  # 缓冲区
    jishu = 0
    while True:
        chunk = sock.recv(65536)
        if chunk == b"":
            return jishu  # EOF，没有换行符的最后一行丢掉
        huanchong += chunk
        while b"\n" in huanchong:
            weizhi = huanchong.index(b"\n")
            hang = bytes(huanchong[:weizhi])
            del huanchong[: weizhi + 1]
            sock.sendall(hang[::-1] + b"\n")
            jishu += 1
