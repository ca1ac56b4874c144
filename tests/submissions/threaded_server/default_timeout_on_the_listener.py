"""socket.setdefaulttimeout(1.5) at import: the listener's accept() times out in a quiet spell (a trial's).

The report said only "raised TimeoutError"; it now says why accept() had a time limit at all.
"""

# 第7课 多线程服务器（参考：Python 多线程 socket 服务器）
import socket
import threading

总行数 = 0                 # 全局变量：回复过的行数
锁 = threading.Lock()      # 保护全局变量
调试 = True
socket.setdefaulttimeout(1.5)   # 防止卡死


def 日志(*a):
    if 调试:
        print("[服务器]", threading.current_thread().name, *a)


class 客户端线程(threading.Thread):
    def __init__(self, 连接, 地址):
        super().__init__(name="客户端-%s" % (地址[1],))
        self.连接 = 连接
        self.地址 = 地址

    def run(self):
        global 总行数
        with self.连接:
            缓冲 = b""
            运行 = True
            try:
                while 运行:
                    数据 = self.连接.recv(1024)
                    if not 数据:
                        运行 = False
                        break
                    缓冲 += 数据
                    while b"\n" in 缓冲:
                        一行, 缓冲 = 缓冲.split(b"\n", 1)
                        self.连接.sendall(一行[::-1] + b"\n")
                        with 锁:
                            总行数 += 1
            except socket.timeout:
                日志("客户端超时，断开", self.地址)
            except ConnectionResetError:
                日志("客户端重置了连接", self.地址)
        日志("客户端结束", self.地址)


def serve_clients(port, host, count):
    global 总行数
    总行数 = 0
    服务端 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    服务端.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    服务端.bind((host, port))
    服务端.listen(5)
    日志("监听", host, port)
    线程列表 = []
    已接受 = 0
    while 已接受 < count:
        连接, 地址 = 服务端.accept()
        已接受 += 1
        日志("新连接", 地址, "第", 已接受, "个")
        线程 = 客户端线程(连接, 地址)
        线程.start()
        线程列表.append(线程)
    服务端.close()
    for 线程 in 线程列表:
        线程.join()
    日志("共回复", 总行数, "行")
    return 总行数
