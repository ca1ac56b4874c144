"""unregister() at a client's EOF (or reset), never close(): every client's socket is dropped open (a trial's)."""

# 第8课 事件循环（selectors）—— 单线程服务多个客户端
import selectors
import socket

上限 = 256 * 1024        # 待发送超过这个就暂停读（背压）
选择器 = None             # 全局变量
总行数 = 0
调试 = True


def 日志(*a):
    if 调试:
        print("[事件循环]", *a)


class 客户端状态:
    def __init__(self, 地址):
        self.地址 = 地址
        self.半行 = bytearray()
        self.待发送 = bytearray()
        self.已EOF = False
        self.当前事件 = selectors.EVENT_READ


def 关闭客户端(连接, 状态, 原因):
    选择器.unregister(连接)
    # 连接.close()   （注销就够了？）
    日志("关闭", 状态.地址, 原因)


def 处理可读(连接, 状态):
    global 总行数
    try:
        数据 = 连接.recv(65536)
    except BlockingIOError:
        return True
    except ConnectionResetError:
        关闭客户端(连接, 状态, "重置")
        return False
    if not 数据:
        状态.已EOF = True
        return True
    状态.半行 += 数据
    开始 = 0
    while True:
        位置 = 状态.半行.find(b"\n", 开始)
        if 位置 < 0:
            break
        一行 = 状态.半行[开始:位置]
        一行.reverse()
        状态.待发送 += 一行
        状态.待发送 += b"\n"
        总行数 += 1
        开始 = 位置 + 1
    del 状态.半行[:开始]
    return True


def 处理可写(连接, 状态):
    try:
        已发 = 连接.send(状态.待发送)
    except BlockingIOError:
        return True
    except OSError:   # ConnectionResetError / BrokenPipeError
        关闭客户端(连接, 状态, "发送时重置")
        return False
    del 状态.待发送[:已发]
    return True


def 更新关注(连接, 状态):
    if 状态.已EOF and not 状态.待发送:
        关闭客户端(连接, 状态, "EOF")
        return False
    事件 = 0
    if 状态.待发送:
        事件 |= selectors.EVENT_WRITE
    if not 状态.已EOF and len(状态.待发送) <= 上限:
        事件 |= selectors.EVENT_READ
    if 事件 != 状态.当前事件:
        选择器.modify(连接, 事件, 状态)
        状态.当前事件 = 事件
    return True


def serve_clients_selectors(port, host, count):
    global 选择器, 总行数
    选择器 = selectors.DefaultSelector()
    总行数 = 0
    监听 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    监听.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    监听.bind((host, port))
    监听.listen()
    监听.setblocking(False)
    选择器.register(监听, selectors.EVENT_READ, None)
    已接受 = 0
    活跃 = 0
    运行 = True
    while 运行:
        for 键, 掩码 in 选择器.select():
            if 键.data is None:
                try:
                    连接, 地址 = 监听.accept()
                except BlockingIOError:
                    continue
                连接.setblocking(False)
                已接受 += 1
                活跃 += 1
                日志("接受", 地址, 已接受)
                选择器.register(连接, selectors.EVENT_READ, 客户端状态(地址))
                if 已接受 == count:
                    选择器.unregister(监听)
                    监听.close()
                continue
            连接 = 键.fileobj
            状态 = 键.data
            还在 = True
            if 掩码 & selectors.EVENT_READ:
                还在 = 处理可读(连接, 状态)
            if 还在 and 掩码 & selectors.EVENT_WRITE:
                还在 = 处理可写(连接, 状态)
            if 还在:
                还在 = 更新关注(连接, 状态)
            if not 还在:
                活跃 -= 1
        if 已接受 >= count and 活跃 == 0:
            运行 = False
    选择器.close()
    日志("共回复", 总行数, "行")
    return 总行数
