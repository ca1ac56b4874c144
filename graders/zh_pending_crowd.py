"""Chinese twins of lessons 7 and 8's texts, waiting for the Chinese edition to reach main.

When `graders/messages_zh.py` and `graders/hints_zh.py` exist: append the
items of MESSAGES and CHECK_TITLES to messages_zh.py (as its module-level
names and its CHECK_TITLES), those of HINTS to hints_zh.py's HINTS, and
delete this module and its test. Until then nothing imports it;
tests/test_zh_pending_crowd.py keeps it in step with messages.py and hints.py
(the same names, the same placeholders, as many rungs).

Terms follow the tutorial: 套接字, 端口复用, 发送缓冲区, 接收缓冲区, 半关闭.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "EXPECTED_CROWD": "你的服务端把每个客户端服务到它的 EOF。",
    "EXPECTED_FLOOD_READ": "你的服务端读取客户端 F 的行，或者暂停读它、继续服务其他客户端。",
    "CROWD_REUSEADDR": (
        "启动你的服务端之前，评分程序在 {host}:{port} 上留下了一个处于 TIME_WAIT 的连接"
        "（就像重启服务端时遇到的那样），而你的服务端无法在那里 bind()。"
    ),
    "CROWD_WHILE_IDLE": "其他客户端（{idle}）都连着，停在一行的中间",
    "CROWD_WHILE_FLOOD": (
        "其他客户端（{idle}）都连着，停在一行的中间，而客户端 {flooder} 发了大量的行、一个回复也不读，"
        "已经把它的连接塞满了"
    ),
    "CROWD_NOT_SERVED": (
        "客户端 {client} 发送了 {line}\n  而{what}：{wait:.1f} 秒后，你的服务端仍在别处忙碌或等待，"
        "而此时{situation}。\n  {hint}"
    ),
    "CROWD_NO_REPLY": "没有收到回复",
    "CROWD_NOT_READ": "你的服务端连读都没有读它",
    "CROWD_NOT_SERVED_HINT": (
        "提示：一个服务端如果正忙于某个客户端（卡在它的 recv() 里，或卡在给一个不读数据的客户端的 send() 里），"
        "就无法回复别的客户端。每个客户端需要自己的线程（第 7 课），或在同一个 select 循环里占一个位置（第 8 课）；"
        "而且每收到一整行就立刻回复，不要等更多数据。"
    ),
    "CROWD_WRONG_REPLY": (
        "客户端 {client} 发送了 {line}\n  收到的是 {got}\n  但回复应当是 {want}。\n"
        "  提示：第 5 课的协议：每一行反转，b\"\\n\" 留在末尾，这一行一完整就发送；一行可能分几片到达，"
        "一片里也可能有好几行。"
    ),
    "CROWD_GONE": (
        "客户端 {client} 无法继续：你的服务端已经关闭或重置了它的连接。\n"
        "  提示：把每个客户端服务到 recv() 返回 b\"\"（它的 EOF），然后再关闭那个连接。"
    ),
    "CROWD_CLOSED_EARLY": (
        "客户端 {client} 还在发送行，你的服务端就结束了它的连接（{end}）。\n"
        "  提示：把每个客户端服务到 recv() 返回 b\"\"（它的 EOF），然后再关闭那个连接。"
    ),
    "CROWD_NO_FIN": (
        "客户端 {client} 发完了它的行（FIN，来自 shutdown(SHUT_WR)，半关闭），然后等你的服务端关闭连接；"
        "它等到的是 {end}。\n"
        "  提示：recv() 返回 b\"\" 时，这个客户端就结束了：关闭它的连接（with 块会替你关闭）。"
    ),
    "CROWD_RESET_BROKE": (
        "客户端 B 在一行的中间重置了连接（RST）之后，其他客户端就再也得不到服务了：\n{what}\n"
        "  提示：重置只结束那一个客户端的连接：在服务这个客户端的地方捕获 ConnectionResetError，"
        "关闭它的套接字，让其他客户端继续。"
    ),
    "CROWD_RESET_CRASH": (
        "客户端 B 在一行的中间重置了连接（RST），而 {name} 本身以 {type} 结束了：一个客户端的重置结束了整个服务端。\n"
        "  提示：在服务这个客户端的地方（它的线程，或循环里处理它的那部分）捕获 ConnectionResetError，"
        "并把重置之前已回复的行计入总数。"
    ),
    "CROWD_LISTENER_OPEN": (
        "全部 {count} 个客户端都已连上，你的服务端也已空闲，但它在 {host}:{port} 上的监听套接字仍然打开着"
        "（LISTEN），新的客户端会被接受却永远得不到服务。\n"
        "  提示：最后一次 accept() 之后立刻关闭监听套接字，然后再去服务或等待客户端。"
    ),
    "CROWD_NOT_REFUSED": (
        "你在 {host}:{port} 上的监听套接字已经关闭，但再 connect 到那里的结果是 {what}，而不是被拒绝。\n"
        "  提示：最后一次 accept() 之后，关闭唯一的那个监听套接字；不要再打开另一个。"
    ),
    "CROWD_NOT_JOINED": (
        "{name} 返回时，客户端 {clients} 还连着，各自停在一行的中间：它没有等待它们的线程结束。\n"
        "  提示：把启动的每个 Thread 都留着，返回总数之前对每一个调用 join()。"
    ),
    "CROWD_COUNT": (
        "{name} 返回了 {got}；客户端一共发完了 {want} 行，每一行都收到了回复（{detail}）。\n"
        "  提示：回复发出后这一行才计数，每个客户端的线程里都要计，包括客户端 B 重置之前已回复的那一行；"
        "然后以 int 返回总和。"
    ),
    "CROWD_ONE_THREAD": (
        "{count} 个客户端同时连着的时候，你的服务端进程的线程数从未比它开始监听时多。\n"
        "  提示：这一课讲的是线程：为每个客户端启动一个 threading.Thread（或线程池里的一个工作线程）。"
    ),
    "CROWD_REFUSED": (
        "客户端 {client} 无法连接（{error}）：还没等全部 {count} 个客户端连上，你的服务端就停止了监听。\n"
        "  提示：正好 accept() count 个客户端，最后一个之后才关闭监听套接字。"
    ),
    "TL_NO_REPLY": "{client}：{wait:.1f} 秒后仍没有回复",
    "TL_NOT_READ": "{client}：{wait:.1f} 秒后你的服务端仍没有读它",
    "TL_RESET": "RST（设 SO_LINGER 为 0 后 close，停在一行的中间）",
    "TL_PROBE": "监听套接字已从 /proc/net/tcp 中消失；再 connect 到 {host}:{port} 的结果：{what}",
    "TL_STILL_LISTENING": "你的服务端已空闲，而 {host}:{port} 仍处于 LISTEN",
    "TL_RETURNED_EARLY": "{name} 已经返回，而 A 和 C 仍停在一行的中间",
    "TL_FLOOD": "发送了 {sent:.1f} MiB 的行、一个回复也不读，然后它的 send() 阻塞了",
    "TL_FLOOD_STALLED": "你的服务端不再读 F：它的接收队列里有 {rx} 字节在等待",
    "TL_FLOOD_DRAINED": "读回了 {got} / {want} 字节的回复，然后是你的服务端的 {end}",
    "LOOP_SECOND_THREAD": (
        "{count} 个客户端连着的时候，你的服务端进程自己有 {threads} 个线程；这一课要用一个线程服务所有客户端。\n"
        "  提示：不要 threading.Thread，也不要线程池：一个围绕 selector.select() 的循环就能服务每个客户端。"
    ),
    "LOOP_UNBOUNDED": (
        "客户端 F 发送行却从不读回复；它想发送的 {total} MiB 中，你的服务端已经读了 {sent:.1f} MiB 并且还在读，"
        "内存增长了 {growth:.1f} MiB（上限是 {bound} MiB）。如果服务端在待发送的回复超过上限后暂停读 F，"
        "F 的字节就会留在内核里：接收缓冲区被填满，F 的 send() 阻塞。\n"
        "  提示：当某个客户端待发送的回复超过你的上限（最多 1 MiB）时，不要再为它向选择器关注 EVENT_READ；"
        "等 send() 把它们发出去后再关注。"
    ),
    "LOOP_FLOOD_REPLIES": (
        "最后，客户端 F 发完了它的最后一行，结束发送（FIN），并读取每一个回复：它期望 {want} 字节"
        "（它那 {lines} 行的回复），收到 {got} 字节，然后是 {end}（第一处错误的字节：{wrong}）。\n"
        "  提示：排队的每个回复都必须送到客户端：不要为了不超过上限而丢掉回复（应当少读），"
        "只从待发送的回复里删掉 send() 实际发出的部分，客户端 EOF 之后，等它排队的回复全部发完再关闭。"
    ),
    "LOOP_STATIC": (
        "对 {file} 的静态检查（评分程序读了你的源代码，这一项没有运行它）：{what}\n"
        "  提示：在事件循环里，回复先在这个客户端的缓冲区里等待；当选择器报告套接字可写（EVENT_WRITE）时，"
        "send() 一次，没发出去的留着。"
    ),
    "LOOP_STATIC_SENDALL": (
        "它调用了 sendall()（第 {line} 行），sendall() 会一直阻塞到全部字节发出：遇到不读数据的客户端，"
        "整个循环就停住了。"
    ),
    "LOOP_STATIC_NO_WRITE": "它从未向选择器关注 EVENT_WRITE，所以无法知道 send() 什么时候不会阻塞。",
}

CHECK_TITLES: dict[str, str] = {
    # threaded_server
    "test_threads_listen_on_a_port_in_time_wait": "端口上有旧连接处于 TIME_WAIT 时也能监听",
    "test_threads_serve_a_client_while_others_idle_mid_line": "其他客户端停在半行时，仍能服务另一个客户端",
    "test_threads_run_each_client_in_a_thread": "用不止一个线程服务客户端",
    "test_threads_reply_to_each_line_reversed": "每一行都立刻回复：反转，换行符留在末尾",
    "test_threads_close_each_connection_after_its_eof": "客户端 EOF 之后关闭它的连接（FIN）",
    "test_threads_survive_a_client_that_resets": "一个客户端重置连接，只结束它自己的线程",
    "test_threads_close_the_listener_after_the_last_accept": "最后一次 accept 之后关闭监听套接字（再连接会被拒绝）",
    "test_threads_wait_for_every_thread_before_returning": "返回之前等待每个客户端的线程结束",
    "test_threads_return_the_number_of_lines_answered": "以 int 返回回复过的行数",
    "test_threads_close_every_socket": "关闭自己创建的每个套接字",
    # event_loop
    "test_loop_listens_on_a_port_in_time_wait": "端口上有旧连接处于 TIME_WAIT 时也能监听",
    "test_loop_serves_a_client_while_others_idle_or_flood": "其他客户端停在半行或狂发不读时，仍能服务另一个客户端",
    "test_loop_never_starts_a_second_thread": "只用一个线程服务所有客户端",
    "test_loop_bounds_what_it_buffers_for_a_client_that_does_not_read": "不再读不读数据的客户端：接收队列填满，内存有界",
    "test_loop_replies_to_each_line_reversed": "每一行都回复：反转，换行符留在末尾",
    "test_loop_delivers_every_reply_to_the_flooding_client": "狂发数据的客户端开始读后，把排队的每个回复都交给它",
    "test_loop_closes_each_connection_after_its_eof": "客户端 EOF 之后关闭它的连接（FIN）",
    "test_loop_survives_a_client_that_resets": "一个客户端重置连接，只结束它自己的连接",
    "test_loop_closes_the_listener_after_the_last_accept": "最后一次 accept 之后关闭监听套接字（再连接会被拒绝）",
    "test_loop_writes_only_when_the_selector_reports_writable": "静态检查：只在选择器报告可写时发送（不用 sendall）",
    "test_loop_returns_the_number_of_lines_answered": "以 int 返回回复过的行数",
    "test_loop_closes_every_socket": "关闭自己创建的每个套接字",
}

HINTS: dict[str, tuple[str, ...]] = {
    # ----------------------------------------------------------------------- threaded_server
    "test_threads_listen_on_a_port_in_time_wait": (
        "评分程序在一个仍有连接处于 TIME_WAIT 的端口上启动你的服务端，就像重启服务端时那样"
        "（见 lessons/zh/02-server_flow.md 里“为什么要 SO_REUSEADDR”）。",
        "如果失败信息是 'Address already in use'，说明监听套接字缺少允许这样做的选项，或者设置得太晚。"
        "如果它提到别的地址，请正好绑定给你的 host 和 port。",
        "在 bind() 之前：`server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)`。",
    ),
    "test_threads_serve_a_client_while_others_idle_mid_line": (
        "一个客户端空闲时，其他客户端也必须得到回复：这正是第 7 课的要点"
        "（读 lessons/zh/07-threaded_server.md 的“思路”）。",
        "看失败信息里你的代码卡在哪里：主循环里为另一个客户端 recv()，说明是一个接一个地服务；"
        "用线程池，说明工作线程太少（count 个客户端可能同时空闲）。",
        "accept() 之后，立刻把连接交给一个新线程，然后回到 accept()："
        "`threading.Thread(target=serve_one, args=(conn,)).start()`。",
    ),
    "test_threads_run_each_client_in_a_thread": (
        "这一课要求用线程：所有客户端都连着时，评分程序会统计你进程的线程数"
        "（第 8 课用一个线程和 selectors 做同样的事）。",
        "一个 select 循环能通过其他检查，但通不过这一项：为每个客户端启动一个线程，"
        "或者用每个客户端一个工作线程的 ThreadPoolExecutor。",
        "对每个接受的连接：`threading.Thread(target=serve_one, args=(conn,))`，然后 start()。",
    ),
    "test_threads_reply_to_each_line_reversed": (
        "每个客户端说的都是第 5 课的按行协议：每一整行立刻回复反转后的这一行，b\"\\n\" 留在末尾。",
        "最后一个换行符之后到达的字节留到下一次 recv()：行会分片到达，一片里也可能有好几行。"
        "反转时不带换行符，反转后再把换行符加回末尾。",
        "对每个完整的行（不含 b\"\\n\"）：`conn.sendall(line[::-1] + b\"\\n\")`。",
    ),
    "test_threads_close_each_connection_after_its_eof": (
        "客户端发完最后一行后会半关闭（FIN）；这时你的服务端关闭这个连接，客户端就会看到你的 FIN。",
        "recv() 返回 b\"\" 就是这个客户端的 EOF：在它自己的线程里跳出循环并关闭它的套接字。"
        "如果把套接字存在某个列表里，它们就一直开着。",
        "把每个连接的服务放在 with 块里，线程结束时就会关闭它：`with conn:`。",
    ),
    "test_threads_survive_a_client_that_resets": (
        "客户端重置连接（RST）时，服务它的线程里的 recv() 会抛出 ConnectionResetError；"
        "这只能结束这个客户端，既不能结束服务端，也不能影响总数。",
        "如果你用线程池，future.result() 会在主线程里再次抛出线程的异常。"
        "在服务这个客户端的地方捕获重置，并且仍然计入它已回复的行。",
        "在这个客户端的 recv() 循环外面：`except ConnectionResetError: pass`（然后关闭、计数、返回）。",
    ),
    "test_threads_close_the_listener_after_the_last_accept": (
        "接受了 count 个客户端之后，服务端不再接受新的：这时就必须关闭监听套接字，而客户端仍在被服务"
        "（见 lessons/zh/07-threaded_server.md 里的图）。",
        "如果监听套接字要到一个同时包含 join 的 with 块结束时才关闭，那么你等待线程时它一直开着。先关闭，再等待。",
        "accept() 循环之后、任何 join() 之前：`server.close()`。",
    ),
    "test_threads_wait_for_every_thread_before_returning": (
        "只有每个客户端都结束了，总数才知道，所以 serve_clients() 要在它的所有线程结束之后才返回。",
        "把启动的每个 Thread 都存进一个列表；没人 join 的守护线程会在你的函数返回之后继续服务。",
        "关闭监听套接字之后：`for thread in threads: thread.join()`。",
    ),
    "test_threads_return_the_number_of_lines_answered": (
        "serve_clients() 以 int 返回所有客户端一共回复过多少行。",
        "在每个线程里、回复发出后计数，join 之后再求和。因重置而结束的线程也必须计入它的数：提前 return 会跳过计数。",
        "共享的列表在多个线程里是安全的：每个回复 `answered.append(1)`，最后 `return len(answered)`。",
    ),
    "test_threads_close_every_socket": (
        "你的服务端创建的每个套接字，监听套接字和每个客户端的连接，都必须在 serve_clients() 返回之前关闭，"
        "重置之后也一样。",
        "只在正常路径（EOF 之后）上关闭的连接，在客户端重置时会一直开着：无论发生什么都要关闭它。",
        "with 块在每条路径上都会关闭它：在这个客户端的整个服务外面写 `with conn:`。",
    ),
    # ----------------------------------------------------------------------- event_loop
    "test_loop_listens_on_a_port_in_time_wait": (
        "和第 7 课一样，评分程序在一个仍有连接处于 TIME_WAIT 的端口上启动你的服务端"
        "（见 lessons/zh/02-server_flow.md 里“为什么要 SO_REUSEADDR”）。",
        "'Address already in use' 说明监听套接字缺少这个选项，或在 bind() 之后才设置。"
        "在 Linux 上 socket.create_server((host, port)) 会替你设置。",
        "在 bind() 之前：`server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)`。",
    ),
    "test_loop_serves_a_client_while_others_idle_or_flood": (
        "一个线程要服务所有人，就绝不能等某一个客户端：读 lessons/zh/08-event_loop.md 的“思路”。",
        "看失败信息里你的代码卡在哪里。卡在 recv() 或 accept() 说明套接字是阻塞的；"
        "卡在 sendall() 或 send() 说明它在等一个不读数据的客户端（F）。",
        "把每个接受的套接字设为非阻塞，只在 select() 报告它就绪时才对它 recv() 或 send()："
        "`conn.setblocking(False)`。",
    ),
    "test_loop_never_starts_a_second_thread": (
        "这一课用一个线程服务所有客户端；评分程序会一直统计你进程的线程数（用线程的是第 7 课）。",
        "去掉 threading.Thread、ThreadPoolExecutor 和 socketserver 的多线程类：select 循环本身就在客户端之间切换。",
        "唯一的循环：`for key, mask in selector.select():`，在里面处理每个就绪的套接字。",
    ),
    "test_loop_bounds_what_it_buffers_for_a_client_that_does_not_read": (
        "一个只发不读的客户端会让你待发送的回复无止境地增长：读 lessons/zh/08-event_loop.md 的“背压”。",
        "给每个客户端定一个待发送回复的上限（最多 1 MiB）。超过它就暂停读这个客户端："
        "它的字节会留在内核的接收缓冲区里，它的 send() 会阻塞，这对你没有任何代价。",
        "重新登记客户端时，只在它待发送的回复不多时才关注 EVENT_READ："
        "`if len(unsent) <= LIMIT: events |= selectors.EVENT_READ`。",
    ),
    "test_loop_replies_to_each_line_reversed": (
        "每个客户端说的都是第 5 课的按行协议：每一整行回复反转后的这一行，b\"\\n\" 留在末尾。",
        "把每个客户端未完成的行存在它自己的状态里，每收到一片先接上去再按 b\"\\n\" 切分："
        "行会分片到达，一片里也可能有好几行。",
        "对每个完整的行（不含 b\"\\n\"）：`unsent += line[::-1] + b\"\\n\"`。",
    ),
    "test_loop_delivers_every_reply_to_the_flooding_client": (
        "你排队的每个回复都必须送到它的客户端，不管那个客户端要多久才读。",
        "找出可能丢字节的地方：缓冲区大了就把回复扔掉、send() 没发出去的部分、"
        "还有回复在等待时就在 EOF 之后关闭了连接。",
        "只删掉 send() 发出的部分：`del unsent[:conn.send(unsent)]`；EOF 之后只在 `not unsent` 时关闭。",
    ),
    "test_loop_closes_each_connection_after_its_eof": (
        "客户端发完最后一行后会半关闭（FIN）；等它的回复全部发出后，你的服务端关闭这个连接。",
        "recv() 返回 b\"\" 是这个客户端的 EOF：把它记在客户端的状态里，继续发送排队的数据，然后注销并关闭。",
        "已收到 EOF 且没有要发送的：先 `selector.unregister(conn)`，再 `conn.close()`。",
    ),
    "test_loop_survives_a_client_that_resets": (
        "客户端重置连接（RST）时，只有那个套接字的 recv() 或 send() 会抛出 ConnectionResetError；"
        "循环必须继续服务其他客户端。",
        "逃出循环的异常会结束整个服务端。在处理一个就绪套接字的地方捕获它，把这个客户端当作已结束。",
        "在一个客户端的 recv()/send() 外面：`except ConnectionResetError:`，然后注销并关闭这个套接字。",
    ),
    "test_loop_closes_the_listener_after_the_last_accept": (
        "接受了 count 个客户端之后，服务端不再接受新的：就在那时注销并关闭监听套接字，而客户端仍在被服务。",
        "在循环里数 accept() 的次数；数到了，监听套接字就离开选择器。等循环结束才关闭就太晚了。",
        "第 count 次 accept() 之后：先 `selector.unregister(server)`，再 `server.close()`。",
    ),
    "test_loop_writes_only_when_the_selector_reports_writable": (
        "这是一项静态检查：评分程序读你的源代码。在事件循环里，要发送的数据先在客户端的缓冲区里等待，"
        "直到选择器说套接字能再接收更多。",
        "sendall() 会一直循环到全部发出，所以遇到读得慢的客户端就会阻塞整个循环。"
        "客户端有待发送的回复时，为它登记 EVENT_WRITE。",
        "当 `mask & selectors.EVENT_WRITE` 时，send() 一次，剩下的留着：`del unsent[:conn.send(unsent)]`。",
    ),
    "test_loop_returns_the_number_of_lines_answered": (
        "serve_clients_selectors() 以 int 返回所有客户端一共回复过多少行；回复入队后这一行就算数。",
        "循环里一个计数器就够了：只有一个线程。重置的客户端的行也要算。",
        "每个完整的行：`answered += 1`，循环结束后 `return answered`。",
    ),
    "test_loop_closes_every_socket": (
        "你的服务端创建的每个套接字，监听套接字和每个连接，都必须在返回之前关闭，重置之后也一样。",
        "从选择器注销一个套接字并不会关闭它；重置的客户端也需要 close()。",
        "每当一个客户端结束：先 `selector.unregister(conn)`，再 `conn.close()`。",
    ),
}
