"""Lesson 8, event_loop: many clients at once, one thread.
第 8 课 event_loop：用一个线程同时服务多个客户端（事件循环）。

Read lessons/08-event_loop.md, then grade with:  nox -s grade -- event_loop
先读 lessons/zh/08-event_loop.md，然后评分：     nox -s grade -- event_loop --lang zh
"""

import selectors  # noqa: F401  you will need it / 你会用到它
import socket  # noqa: F401  and this / 还有它


def serve_clients_selectors(port: int, host: str, count: int) -> int:
    """Serve `count` clients at once from one thread with selectors, with lesson 5's line protocol.

    Each line a client sends ends in b"\\n"; answer it with the line reversed,
    its b"\\n" kept at the end. Return how many lines were answered.

    用 selectors 在一个线程里同时服务 count 个客户端，协议同第 5 课：每一整行以 b"\\n"
    结尾，回复反转后的这一行（b"\\n" 仍在末尾）。返回回复过的行数。
    """
    # TODO 1. Create the listening socket (SO_REUSEADDR before bind()), listen(), make it non-blocking.
    #         创建监听套接字（bind() 之前设置 SO_REUSEADDR，端口复用），listen()，设为非阻塞。
    # TODO 2. Register it with a selectors.DefaultSelector() for EVENT_READ.
    #         用 selectors.DefaultSelector() 为它注册 EVENT_READ。
    # TODO 3. Loop on selector.select() until count clients were accepted and every one of them is done.
    #         循环调用 selector.select()，直到接受了 count 个客户端，并且每一个都已结束。
    # TODO 4. Listener ready: accept(), setblocking(False), register the client with its own state object.
    #         监听套接字就绪：accept()，setblocking(False)，连同它自己的状态对象一起注册这个客户端。
    # TODO 5. After the count-th accept(), unregister and close the listener (a further connect is refused).
    #         第 count 次 accept() 之后，注销并关闭监听套接字（之后再有连接就会被拒绝）。
    # TODO 6. Client readable: recv() once; queue each complete line's reply (it counts once queued); b"" is EOF.
    #         客户端可读：recv() 一次；把每一整行的回复放进待发送缓冲区（入队即计数）；b"" 是 EOF。
    # TODO 7. A ConnectionResetError ends only that client: catch it, unregister and close its socket.
    #         ConnectionResetError 只结束这一个客户端：捕获它，注销并关闭它的套接字。
    # TODO 8. Client writable: send() once from its unsent replies; keep what send() did not take. No sendall().
    #         客户端可写：从待发送的回复里 send() 一次；没发出去的留着。不要用 sendall()，它会阻塞整个循环。
    # TODO 9. Backpressure: EVENT_WRITE while replies wait; EVENT_READ only while unsent <= 1 MiB (selector.modify()).
    #         背压：有待发送的回复时关注 EVENT_WRITE；待发送不超过 1 MiB 时才关注 EVENT_READ（selector.modify()）。
    # TODO 10. At EOF with nothing left to send: unregister and close. Return the total lines answered.
    #          到了 EOF 且没有要发送的：注销并关闭。最后返回回复过的总行数。
    raise NotImplementedError("serve_clients_selectors() is not implemented yet / serve_clients_selectors() 还没有实现")
