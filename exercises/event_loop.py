"""Lesson 8, event_loop: many clients at once, one thread.
第 8 课：用一个线程同时服务多个客户端（事件循环）。

Read lessons/08-event_loop.md, then grade with:  nox -s grade -- event_loop
"""

import selectors  # noqa: F401  (you will need it)
import socket  # noqa: F401  (and this)


def serve_clients_selectors(port: int, host: str, count: int) -> int:
    """Serve `count` clients at once from one thread with selectors, with lesson 5's line protocol.

    Each line a client sends ends in b"\\n"; answer it with the line reversed,
    its b"\\n" kept at the end. Return how many lines were answered.
    """
    # TODO 1. Create the listening socket (SO_REUSEADDR before bind()), listen(), make it non-blocking,
    #         and register it with a selectors.DefaultSelector() for EVENT_READ.
    #         创建监听套接字（bind() 之前设置 SO_REUSEADDR，端口复用），listen()，设为非阻塞，
    #         并用 selectors.DefaultSelector() 为它注册 EVENT_READ。
    # TODO 2. Loop on selector.select() until every client is done. When the listener is readable,
    #         accept() one client, make it non-blocking, register it with its own state (unfinished
    #         line, unsent replies). After the count-th accept(), unregister and close the listener.
    #         循环调用 selector.select()，直到所有客户端都结束。监听套接字可读时，accept() 一个客户端，
    #         设为非阻塞，连同它自己的状态（未完成的行、未发送的回复）一起注册。
    #         第 count 次 accept() 之后，注销并关闭监听套接字。
    # TODO 3. A client readable: recv() once; queue the reply of each complete line in its unsent
    #         buffer (a line counts once its reply is queued). b"" is its EOF; ConnectionResetError
    #         ends only this client.
    #         客户端可读：recv() 一次；把每一整行的回复放进它的待发送缓冲区（回复入队即计数）。
    #         b"" 是它的 EOF；ConnectionResetError 只结束这一个客户端。
    # TODO 4. A client writable: send() once from its unsent buffer, keep what send() did not take.
    #         Never sendall(): it would block the whole loop on a client that does not read.
    #         客户端可写：从它的待发送缓冲区 send() 一次，send() 没发出去的留着。
    #         不要用 sendall()：遇到不读数据的客户端，它会阻塞整个循环。
    # TODO 5. Backpressure: ask for EVENT_WRITE while replies wait; stop asking for EVENT_READ while
    #         more than 1 MiB of replies wait (selector.modify()). After EOF, close once all is sent.
    #         背压：有待发送的回复时关注 EVENT_WRITE；待发送超过 1 MiB 时不再关注 EVENT_READ
    #         （selector.modify()）。EOF 之后，全部发完再关闭连接。
    # TODO 6. Return the total number of lines answered.
    #         返回回复过的总行数。
    raise NotImplementedError("serve_clients_selectors() is not implemented yet")
