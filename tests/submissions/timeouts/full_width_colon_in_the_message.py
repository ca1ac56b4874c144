"""Bug: the error message names each server as host：port with a full-width colon typed by a Chinese input method
(a trial's: the report quoted it and it could hardly be told from host:port)."""


import socket
import time


def first_reply(servers: list[tuple[str, int]], request: bytes, timeout: float) -> tuple[int, bytes]:
    cuowu = []  # 记录每个服务端出了什么问题
    for index, (host, port) in enumerate(servers):
        deadline = time.monotonic() + timeout  # 每个服务端只定一次
        try:
            with socket.create_connection((host, port), timeout=timeout) as sock:
                sock.sendall(request)
                sock.shutdown(socket.SHUT_WR)  # 告诉服务端请求结束了
                huifu = bytearray()
                while True:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError("超过截止时间")
                    sock.settimeout(left)
                    chunk = sock.recv(65536)
                    if chunk == b"":
                        return index, bytes(huifu)
                    huifu += chunk
        except OSError as e:
            cuowu.append(f"{host}：{port}：{type(e).__name__} {e}")  # 中文输入法打的冒号
    raise ConnectionError("没有服务端按时回复: " + "; ".join(cuowu))
