"""Progressive hints, one ladder per check: the Chinese edition.

The same keys as `graders/hints.py`, with the same number of rungs
(tests/test_editions.py checks it); `hints` takes these when COURSE_LANG=zh.
Each rung gives a little more, never the solution itself. The sections
named here are those of the Chinese lesson texts in lessons/zh/.
"""

from __future__ import annotations

HINTS: dict[str, tuple[str, ...]] = {
    # ----------------------------------------------------------------------- client_flow
    "test_connects_to_the_given_host_and_port": (
        "这个检查对应 lessons/zh/01-client_flow.md 里“步骤”的第 2 步：客户端要连接别人给它的地址。"
        "参考服务端每次运行都换一个地方监听，只有用传给 request() 的 host 和 port 才能找到它。",
        "看看你的 connect() 调用（或 create_connection()）。里面的值是来自函数的参数，还是你自己写死的地址，"
        "比如 127.0.0.1、\"localhost\" 或者教程里的 8989？评分器用的 host 常常根本不是 127.0.0.1。",
        "connect() 只接收一个参数：由你拿到的两个值组成的元组，host 在前、port 在后，所以调用里有两层括号。套接字必须是 IPv4 的 TCP：AF_INET 和 SOCK_STREAM。",
    ),
    "test_sends_the_whole_message_once_unchanged": (
        "消息是 bytes，不是文本（见 lessons/zh/01-client_flow.md 的开头）：服务端必须正好收到你拿到的那些字节，"
        "只收到一次，不多也不少。",
        "读一读失败说明：它显示了服务端收到了什么。带引号和开头的 b，说明你发的是 str(message)；"
        "消息出现两次，说明在 sendall() 旁边还留着一个 send()；字节变了，说明某处有 decode() 或 encode()；"
        "末尾多了字节，说明你加了东西，比如换行符。",
        "把 message 本身原封不动地交给唯一一次 sendall() 调用，前后都不要再发别的：不要 str()，不要 encode()，也不要加换行符。",
    ),
    "test_returns_the_servers_reply_as_bytes": (
        "客户端要的就是回答：发送之后，它必须等待服务端的回复并把它返回"
        "（lessons/zh/01-client_flow.md 里“步骤”的第 4 步）。",
        "检查你的代码里三件事：发送之后在套接字上调用了 recv()；返回的是 recv() 给你的数据而不是 `message`；"
        "没有任何地方对它调用 decode() 或 str()。",
        "把一次大小为 1024 的 recv() 调用返回的数据存进一个变量，然后原样把这个变量作为函数的返回值。",
    ),
    "test_client_closes_its_socket": (
        "你创建的每个套接字都要用 close() 交还给内核；见 lessons/zh/01-client_flow.md 里"
        "“内核做了什么”中的“关闭”一条，以及那里对 CLOSE_WAIT 的解释。",
        "服务端已经发出了 FIN，所以在你的代码调用 close() 之前，你这一端一直处于 CLOSE_WAIT。"
        "确保 close() 在每条路径上都会执行，抛出异常时也一样：with 语句或 try/finally 能做到。"
        "如果失败说明里写的是 RST，说明你在读回复之前就关闭了。",
        "把套接字作为 with 语句的对象来创建（with socket.socket(...) as sock），这样拿到回复、语句块结束时它会替你关闭，不管发生什么。",
    ),
    # ----------------------------------------------------------------------- server_flow
    "test_listens_on_the_given_host_and_port": (
        "服务端必须在客户端会去找的地方等着：也就是函数收到的 host 和 port"
        "（lessons/zh/02-server_flow.md 里“步骤”的第 3、4 步）。",
        "评分器会等到你的进程在正好这个 host 和 port 上有一个监听套接字。检查你的 bind() 调用："
        "端口不能写死，也不要用教程里的 \"\"（所有网络接口）代替 host。再检查 accept() 之前调用了 listen()。",
        "bind() 只接收一个参数：由函数收到的 host 和 port 组成的元组（两层括号）；紧接着调用 listen()。",
    ),
    "test_echoes_the_message_on_the_accepted_connection": (
        "服务端有两个套接字：监听套接字只负责等待客户端，所有收发都在 accept() 返回的新套接字上进行"
        "（见 lessons/zh/02-server_flow.md 的开头）。",
        "看看你在哪个套接字上调用 recv() 和 sendall()：必须是 accept() 返回的 `conn`，而不是监听套接字。"
        "再检查你回送的正是收到的那些字节，没有 decode()、upper()，也不是一个固定的回复。",
        "accept() 返回一对值：把它拆成新的套接字和客户端地址。然后在这个新套接字上 recv()，再在同一个套接字上用 sendall() 把收到的字节原样发回去。",
    ),
    "test_returns_the_clients_message": (
        "serve_once() 要返回客户端发来的消息，类型是 bytes（lessons/zh/02-server_flow.md 里"
        "“你的任务”的最后一步）。",
        "把 recv() 给你的值存进一个变量，并确认函数以 return 语句结束；没有 return 的函数返回 None。"
        "不要对它 decode()。",
        "两个套接字都关闭之后，函数的最后一条语句返回存着 recv() 在 accept() 得到的连接上收到的数据的那个变量。",
    ),
    "test_server_closes_the_connection_first_with_fin": (
        "本课里由服务端先挂断：参考客户端一直读到你的 FIN 才关闭自己这一端"
        "（lessons/zh/02-server_flow.md 里“步骤”的第 8 步和“图解”）。",
        "发出 FIN 的是关闭 accept() 得到的连接这个动作。检查你在回送之后、函数返回之前关闭了 `conn`"
        "（而不只是监听套接字），并且函数在这之前没有抛出异常。",
        "回送一发完，就对 accept() 得到的连接调用 close()（不只是监听套接字）：这样你的 FIN 会先于客户端的 FIN 发出。",
    ),
    "test_server_closes_every_socket": (
        "你的服务端创建了两个套接字，serve_once() 返回之前两个都要关闭"
        "（lessons/zh/02-server_flow.md 里“步骤”的第 8、9 步）。",
        "没关闭的监听套接字会让端口一直处于 LISTEN；只是被丢掉的套接字会由 Python 的垃圾回收关闭，"
        "并产生 ResourceWarning。找出代码里每一个 socket.socket() 和 accept()，再找出与之对应的 close()。",
        "先对 accept() 得到的连接调用 close()，最后关闭监听套接字；或者让它们各自作为一个 with 语句的对象，这样每条路径上都会关闭。",
    ),
    "test_restarts_on_the_same_port_during_time_wait": (
        "这个检查在第一个连接还处于 TIME_WAIT 时，在同一个端口上第二次运行你的服务端；见 "
        "lessons/zh/02-server_flow.md 里的“先关闭的一方进入 TIME_WAIT”和“为什么要端口复用”。",
        "TIME_WAIT 持续期间（大约 60 秒），普通的 bind() 会失败，报 'Address already in use'。"
        "允许重启的那个选项，每次运行都要在监听套接字上设置，而且只有在 bind() 之前设置才有效。",
        "如果失败说明里写的是连接不在 TIME_WAIT，先去修上面的“先关闭连接，发出 FIN”。否则，在创建监听套接字之后、bind() 之前调用 setsockopt()：层级 SOL_SOCKET，选"
        "项 SO_REUSEADDR（端口复用），值为 1。",
    ),
    # ----------------------------------------------------------------------- recv_loop
    "test_recv_exactly_collects_every_piece": (
        "TCP 传输的是字节流，不是一条条消息：一次 recv() 只返回接收缓冲区里已经到达的数据，可能只有几个字节"
        "（见 lessons/zh/03-recv_loop.md 里“内核做了什么”中的“接收缓冲区”）。",
        "评分器把消息分段发送，并且要等你的代码读完上一段才发下一段，所以一次 recv() 永远只能拿到最前面的 "
        "2 个字节。你需要一个循环，不断接收，并记录手里已经有多少字节。",
        "记录手里已有的字节数，只要它还小于 n 就继续循环；每一轮 recv() 一次并保存这一段（放进列表，或追加到 bytearray），最后只拼接一次。",
    ),
    "test_recv_exactly_leaves_the_next_message_unread": (
        "recv_exactly() 必须从套接字里正好取走 n 个字节，一个也不能多：后面的字节属于下一条消息"
        "（见 lessons/zh/03-recv_loop.md 里的“接收缓冲区”）。",
        "这里这条消息和下一条是一起到达的。看看你传给 recv() 的数字：如果每次都是固定的 65536，甚至每次都是 n，"
        "一次调用就可能吞掉下一条消息的开头，而从套接字里取走的字节是放不回去的。",
        "每一轮传给 recv() 的大小，是还缺的字节数（n 减去已有的），再用一个大块（比如 65536）封顶：不要用固定大小，第一轮之后也不要再用 n。",
    ),
    "test_recv_exactly_raises_eoferror_when_the_peer_closes_early": (
        "recv() 返回 b\"\" 表示对端已经关闭（FIN）：以后再也不会有数据了，之后每次 recv() 都会立即返回 b\"\""
        "（见 lessons/zh/03-recv_loop.md 里的“b\"\" 就是 FIN”）。",
        "这里对端发的字节比 n 少几个，然后就关闭了。在循环里，每次 recv() 之后马上检查这一段："
        "不检查的话循环会永远空转，而返回不完整的数据也是不允许的。",
        "约定里只规定了一种异常：EOFError，不是 ConnectionError、ValueError 或 Exception。每次 recv() 之后马上检查这一段是否为空，为空就抛出 EOFErro"
        "r，并在消息里说明 n 个字节里到了多少。",
    ),
    "test_recv_exactly_zero_returns_empty_bytes": (
        "要求 0 个字节是合法的请求，答案也很明显：b\"\"（见 lessons/zh/03-recv_loop.md 里"
        "“步骤”中 recv_exactly 的第 5 步）。",
        "n == 0 时，函数必须立即返回，不碰套接字：下一条消息已经在里面等着，之后必须还在。"
        "先检查“字节少于 n”再接收的循环，在 n == 0 时一次也不会执行。",
        "小心 recv(0)：它会返回 b\"\"，你的 EOF 检查会误以为对端关闭了。让循环条件（手里的字节少于 n）守住每一次 recv() 调用，这样 n == 0 时根本不会调用 recv()。",
    ),
    "test_recv_exactly_is_fast_on_8_mib": (
        "这里光正确还不够：8 MiB 必须在参考解（同一次运行中测得）5 倍的时间内通过 recv_exactly()"
        "（见 lessons/zh/03-recv_loop.md 里“你的任务”中的“数据量与速度”）。",
        "有两种写法太慢：recv(1)（几百万次系统调用），以及对 bytes 做 `data += chunk`，"
        "它每收到一段都要把已收到的全部数据复制一遍。你的套接字接收缓冲区只有 16 KiB，所以每次 recv() "
        "最多返回 16 KiB：光把块要大一点，救不了 += 循环。",
        "把各段放进列表，最后拼接一次；或者追加到 bytearray，最后转换一次："
        "`buf = bytearray()`，然后 `buf += chunk`。",
        "最快的办法完全不复制：创建一个 n 字节的 bytearray 和覆盖它的 memoryview，让 recv_into() 写进这个 view 从已收字节数开始的切片；它返回写入的字节数，返回 0 "
        "和之前一样，表示对端的 FIN。",
    ),
    "test_recv_until_closed_collects_everything_until_fin": (
        "对端的 FIN 就是数据的结尾：recv_until_closed() 要一直读，直到 recv() 返回 b\"\""
        "（见 lessons/zh/03-recv_loop.md 里的“b\"\" 就是 FIN”）。",
        "评分器把数据分段发送，每段都等你读完上一段才发，最后关闭。一次 recv() 只能拿到第一段；"
        "从不检查 b\"\" 的循环在 FIN 之后会永远空转。检查你的循环保存了每一段，并且有出口。",
        "遇到空的一段（recv() 返回 b\"\"，即对端的 FIN）就停止循环，把保存下来的所有段拼接一次后返回。",
    ),
    "test_recv_until_closed_is_fast_on_8_mib": (
        "这里有 8 MiB 要通过 recv_until_closed()，用时不能超过参考解的 5 倍"
        "（见 lessons/zh/03-recv_loop.md 里“你的任务”中的“数据量与速度”）。",
        "如果失败说明里写的是对端发出 FIN 后你的函数没有返回，说明循环遇到 b\"\" 不会停：先修这个。"
        "否则，找找 recv(1) 或 recv(1024) 这样的小尺寸，以及对 bytes 做的 `data += chunk`。",
        "接收缓冲区只有 16 KiB，所以会有几百段：对 bytes 做 `+=`，每一段都要复制已收到的全部数据，"
        "工作量随数据量的平方增长。改为把每一段追加到列表：`chunks.append(chunk)`。",
        "每次向 recv() 要大块的数据（65536），把每一段追加到列表，循环结束后只拼接一次：总共只复制一遍。",
    ),
    "test_send_all_delivers_every_byte_when_send_is_partial": (
        "send() 只会把放得下的部分拷进内核的发送缓冲区，并告诉你拷了多少"
        "（见 lessons/zh/03-recv_loop.md 里“内核做了什么”中的“发送缓冲区”）。",
        "评分器给你的套接字一个只有 16 KiB 的发送缓冲区和 1 MiB 的数据，所以一次 send() 永远发不完。"
        "检查你用了 send() 的返回值：忽略它会丢字节，每次都从头重发则会把字节发两遍。",
        "记录已经发出的字节数，循环直到它等于 len(data)；每一轮只把剩下的部分（memoryview 从已发字节数开始的切片）交给 send()，再把 send() 的返回值加到计数上。",
    ),
    "test_send_all_uses_send_not_sendall": (
        "本课要你亲手写出 sendall() 里面藏着的那个循环（见 lessons/zh/03-recv_loop.md 里的“发送缓冲区”）："
        "评分器会统计 sendall() 的调用次数。",
        "把 send_all() 里的 sock.sendall() 去掉；改为调用 sock.send()，并看它返回的数字。",
        "send() 会告诉你它拿走了多少字节，剩下的还归你：在循环里调用 send()（绝不用 sendall()），把每次的返回值加到计数上，下一轮从计数处接着发。",
    ),
    "test_send_all_is_fast_on_8_mib": (
        "这里 send_all() 要传 8 MiB，用时不能超过参考解的 5 倍"
        "（见 lessons/zh/03-recv_loop.md 里“你的任务”中的“数据量与速度”）。",
        "不要每次只给 send() 一个字节或一小块固定大小的数据：把剩下的全部交给它，让内核能拿多少拿多少。",
        "对 bytes 切片，每次调用都会把剩下的数据整个复制一遍；对 memoryview 切片则什么都不复制。"
        "在循环之前创建一次：`view = memoryview(data)`。",
        "然后每一轮把这个 view 从已发字节数开始的切片交给 send()，把它的返回值加到计数上，直到计数等于 len(data)。",
    ),
    # ----------------------------------------------------------------------- graceful_close
    "test_request_signals_its_end_with_shut_wr": (
        "参考服务端只有在知道你的请求已经完整时才会回复，也就是看到你的 FIN 时；"
        "见 lessons/zh/04-graceful_close.md 的开头和“FIN 与 EOF”。",
        "如果你的代码卡在 recv() 里，说明没有人发出那个 FIN：服务端和客户端在互相等待。"
        "发送完请求之后，你必须结束自己的发送方向，同时保持套接字打开以便读取回复。",
        "close() 会关掉两个方向，你就读不到回复了；SHUT_RD 则什么都不发送"
        "（见“内核做了什么”中的“shutdown(SHUT_RD)”）。能发出 FIN 又能继续读的是 SHUT_WR。",
        "发送完全部消息之后、第一次 recv() 之前：对套接字调用 shutdown()，参数是 socket 模块里的 SHUT_WR。它发出你的 FIN，套接字仍然可以读（半关闭）。",
    ),
    "test_request_reads_the_whole_reply_until_eof": (
        "服务端的回复是分段到达的，它的 FIN 标志着结尾（lessons/zh/04-graceful_close.md 里"
        "“步骤”中 request_and_half_close 的第 4 步，以及第 3 课）。",
        "评分器要等你的代码读完上一段才发回复的下一段，所以一次 recv() 只能拿到最前面的 7 个字节。"
        "用和第 3 课 recv_until_closed() 一样的循环。",
        "循环接收并保存每一段；收到空的一段，说明服务端的 FIN 已经到达：停止循环，返回所有段拼接一次的结果。",
    ),
    "test_request_closes_its_socket": (
        "shutdown() 结束一个方向，但并不释放套接字：之后还需要 close()"
        "（见 lessons/zh/04-graceful_close.md 里“内核做了什么”中的“shutdown(SHUT_WR)”）。",
        "循环看到 b\"\" 时，服务端的 FIN 已经到达，所以在你关闭之前，你这一端一直处于 CLOSE_WAIT。"
        "确保读完回复后 close() 在每条路径上都会执行。",
        "让套接字作为一个包住整个对话的 with 语句的对象（create_connection() 也可以这样用）：读完回复后它会替你关闭，不管发生什么。",
    ),
    "test_serve_reads_the_request_until_eof": (
        "客户端用 FIN 标志请求的结尾，所以服务端要一直读到 recv() 返回 b\"\"，然后才回复"
        "（lessons/zh/04-graceful_close.md 里 serve_one_request 的第 3 步）。",
        "参考客户端把请求分段发送，每段都等你的服务端读完上一段才发，然后半关闭。一次 recv() 只能拿到最前面的 "
        "5 个字节；要在 accept() 得到的连接上循环读取，循环结束后才发送回复。",
        "只有 recv() 返回了 b\"\"，你手里才是完整的请求：这时在 accept() 得到的连接上用 sendall() 把它倒序发回去（步长为 -1 的切片可以把 bytes 倒过来）。",
    ),
    "test_serve_closes_with_fin_not_rst": (
        "只有在没有任何未读数据时，关闭才是告别（FIN）；否则就是中止（RST）；见 "
        "lessons/zh/04-graceful_close.md 里“内核做了什么”中的“RST”。",
        "如果失败说明里写的是 RST：你的服务端关闭时，套接字里还有请求的字节没读，"
        "比如只调用了一次 recv()，或者把 SO_LINGER 设成了 0。关闭之前先读到 b\"\"，也不要去动 SO_LINGER。",
        "如果失败说明里写的是连接仍然开着：客户端在回复之后等你的 FIN，所以 serve_one_request() 返回之前"
        "必须关闭 accept() 得到的连接，而且函数在这之前不能抛出异常。",
        "回复发出、请求也已经读到 b\"\" 之后，对 accept() 得到的连接调用 close()：没有未读的数据时，close() 发出的是 FIN。",
    ),
    "test_serve_returns_the_request": (
        "serve_one_request() 返回的是客户端发来的请求，而不是回复（见 lessons/zh/04-graceful_close.md 里"
        "的“你的任务”）。",
        "把拼接好的请求放在单独的变量里，另外构造倒序的回复，返回的是完整的请求（bytes），"
        "而不只是第一段。",
        "倒序的副本只用来发送：函数返回的是请求本身，按它到达的样子和顺序。",
    ),
    "test_serve_leaves_no_close_wait": (
        "这里是客户端先关闭，所以它的 FIN 到达后，你这一端一直处于 CLOSE_WAIT，直到你的代码调用 close()；"
        "见 lessons/zh/04-graceful_close.md 里“内核做了什么”中的“TCP 状态”。",
        "找出你的服务端创建的两个套接字，监听套接字和 accept() 返回的那个，检查每一个在函数返回之前都关闭了，"
        "出错时也一样。",
        "让监听套接字和 accept() 得到的连接各自作为一个 with 语句的对象：两个都会替你关闭，出错时也一样。",
    ),
    "test_reject_replies_after_the_header_line": (
        "服务端可以在客户端说完之前就回答：这里它一读到首行就拒绝这次上传"
        "（lessons/zh/04-graceful_close.md 里 reject_and_drain 的第 2、3 步）。",
        "参考客户端发送首行和消息体的开头，然后等你的回复，之后才发送剩下的部分。"
        "如果你的服务端先等整个消息体或者 EOF，双方就都不动了。只读到看见第一个 b\"\\n\" 为止。",
        "一直接收到手里的字节包含 b\"\\n\" 为止，然后立即在 accept() 得到的连接上用 sendall() 发出正好 b\"REJECTED\\n\"，再继续读。",
    ),
    "test_reject_closes_with_fin_not_rst": (
        "带着未读数据关闭，内核会发送 RST，这可能毁掉你的回复；读一读 lessons/zh/04-graceful_close.md 里"
        "“你的任务”中的“为什么 reject_and_drain 要按这个顺序？”。",
        "如果失败说明里写的是 RST，说明你关闭时客户端的消息体还在你的套接字里。在回复和 close() 之间必须有两步："
        "一个表示“我的回复说完了”的 FIN，以及把客户端还在发的数据读空。",
        "顺序很重要：客户端要等到你的 FIN 才会结束它的消息体，所以先读到 EOF 再半关闭的服务端会永远等下去。"
        "先半关闭：`conn.shutdown(socket.SHUT_WR)`。",
        "然后读空：循环 recv() 并丢掉数据，直到它返回 b\"\"，然后才 close()。"
        "除了 b\"REJECTED\\n\" 什么都不要发，也不要去动 SO_LINGER。",
    ),
    "test_reject_returns_the_header_line": (
        "reject_and_drain() 返回首行：从开头到第一个 b\"\\n\"（包括它）的所有字节"
        "（见 lessons/zh/04-graceful_close.md 里的“你的任务”）。",
        "如果你按大块接收，第一块里可能既有首行又有一部分消息体：只保留换行符及其之前的字节。"
        "如果你对这一行 strip() 或 decode()，b\"\\n\" 或其他字节就丢了。",
        "返回第一个 b\"\\n\" 及其之前的字节：用 index() 找到它的位置，切片到它的下一个位置为止。用 recv(1) 的话，读到换行符就停即可。",
    ),
    "test_reject_closes_every_socket": (
        "读空之后，reject_and_drain() 返回之前，你的服务端的两个套接字都要关闭"
        "（lessons/zh/04-graceful_close.md 里的第 6 步）。",
        "shutdown(SHUT_WR) 并不关闭连接，它只结束你的发送方向：读空的循环之后，还需要对连接调用 close()，"
        "对监听套接字也要 close()。",
        "给每个套接字（监听套接字和 accept() 得到的连接）各一个 with 语句：两个都会替你关闭，出错时也一样。",
    ),
    "test_reject_restarts_on_the_same_port_during_time_wait": (
        "reject_and_drain() 先发出 FIN，所以它这一端的连接会进入 TIME_WAIT，而这个检查就在这期间在同一端口上"
        "再次启动它（见 lessons/zh/02-server_flow.md 里的“为什么要端口复用”）。",
        "如果失败说明里写的是连接不在 TIME_WAIT，说明你的服务端没有先发出 FIN：先修“用 FIN 而不是 RST 关闭”"
        "那个检查。如果写的是 'Address already in use'，说明监听套接字缺少允许重启的那个选项。",
        "每次运行，都在 bind() 之前对监听套接字调用 setsockopt()：层级 SOL_SOCKET，选项 SO_REUSEADDR（端口复用），值为 1。",
    ),
}

# ----------------------------------------------------------------------- framing
HINTS.update({
    "test_send_frame_sends_a_big_endian_length_then_the_payload": (
        "一帧就是 4 字节的长度加上负载（见 lessons/zh/05-framing.md 的“步骤”）：接收方先读长度，"
        "才知道这一帧在哪里结束。",
        "看看你是怎么构造帧头的。它正好是 4 个字节吗？最高位的字节在前面吗？失败说明把你发出的帧头和正确的"
        "放在一起：字节顺序反了，就是用了本机字节序。",
        "用 struct.pack() 按网络字节序把负载的长度打包成 4 字节的无符号整数（格式 \"!I\"），先发这 4 个字节，再发负载。",
    ),
    "test_send_frame_refuses_a_payload_over_max_frame": (
        "双方约定了最大的帧 MAX_FRAME；发送方破坏约定，接收方就会失败"
        "（lessons/zh/05-framing.md 里 send_frame 的第 1 步）。",
        "检查必须在发送任何东西之前：帧头一旦上了线路，这一帧就开始了。要抛出异常，不是 return，也不是 print。",
        "send_frame 要做的第一件事：负载比 MAX_FRAME 长，就抛出 ValueError，什么都不发送。",
    ),
    "test_recv_frame_collects_a_frame_sent_in_pieces": (
        "帧头和别的字节一样在字节流里：它也会分段到达（第 3 课）。读一读 lessons/zh/05-framing.md 的"
        "“常见错误及原因”。",
        "如果说明里提到 struct.error 或者“recv(4) 可能返回不到 4 个字节”，你的帧头只用了一次 recv()；"
        "如果说“当成了长得多的一帧”，检查 unpack 的字节序；如果说“recv() 返回得少不等于 EOF”，你读负载停得太早了。",
        "把第 3 课的 recv_exactly 循环用两次：先读帧头的 4 个字节，用 struct.unpack() 和同样的 \"!I\" 格式解码，再读这么多字节的负载。",
    ),
    "test_recv_frame_leaves_the_next_frame_unread": (
        "套接字里可能已经有下一帧了：recv_frame 从套接字里取走却不返回的字节就丢了"
        "（第 3 课，“recv_exactly 绝不读过第 n 个字节”）。",
        "看看读负载时你传给 recv() 的大小。还缺 291 个字节时要 65536 个，会把下一帧也拿走。",
        "每次 recv() 只要当前部分还缺的字节：先是帧头的 4 个字节，然后是负载长度，都减去手里已有的。",
    ),
    "test_recv_frame_returns_none_at_a_clean_eof": (
        "一串帧的对话，以对端在两帧之间关闭而结束：这不是错误（lessons/zh/05-framing.md 里 recv_frame 的第 2 步）。",
        "你的帧头循环在一个字节都还没拿到时就看到 recv() 返回 b\"\"：把这种情况和拿到一到三个帧头字节之后的"
        " EOF 区分开。",
        "帧头循环在新一帧的任何字节到达之前就收到 b\"\"，说明对端在两帧之间关闭了：返回 None，不要抛异常。",
    ),
    "test_recv_frame_raises_eoferror_when_a_frame_is_cut": (
        "一帧一旦开始，对端在它的最后一个字节之前关闭，就说明这一帧坏了"
        "（lessons/zh/05-framing.md 里 recv_frame 的第 2 步和第 4 步）。",
        "只有“一个字节都没有”才是正常结束。检查你的代码可能遇到 b\"\" 的两个地方：帧头收到部分字节之后，"
        "以及负载中间。",
        "两个循环里，一帧已经开始（收到了帧头的某个字节，或在读负载）之后收到 b\"\"，说明这一帧被截断了：抛出 EOFError，并在消息里说明。",
    ),
    "test_recv_frame_refuses_a_length_over_max_frame_before_reading_it": (
        "从网络读来的长度是陌生人给的数据：先检查，再照着做（lessons/zh/05-framing.md 里 recv_frame 的第 3 步）。",
        "检查必须放在解出帧头和第一次 recv() 负载之间，并且用“>”，这样正好 MAX_FRAME 字节的帧仍然被接受。",
        "解码帧头之后马上把长度和 MAX_FRAME 比较，大于它就抛出 ValueError，一个负载字节都不读。",
    ),
    "test_serve_lines_answers_each_line_at_once": (
        "客户端要等到每个回复才会继续发送，所以每一个完整的行一进缓冲区就必须回答"
        "（见 lessons/zh/05-framing.md 的图解）。",
        "如果你的服务端在等更多数据（等到 EOF，或等缓冲区满），就什么也等不来。如果回复少了或被截短，"
        "就是 b\"\\n\" 之后的字节丢了：一次 recv() 可能包含两行再加第三行的开头。",
        "每次 recv() 之后，把这一段加进缓冲区；只要缓冲区里有 b\"\\n\"，就切下第一行（partition() 可以做到）并回答它；剩下的留给下一次 recv()。",
    ),
    "test_serve_lines_returns_the_count_at_eof": (
        "读到 EOF 时对话就结束了：serve_lines 返回它回答过的行数"
        "（lessons/zh/05-framing.md 里 serve_lines 的第 2 步）。",
        "最后一个没有 b\"\\n\" 的行不完整：不回复，也不计数。套接字属于调用者，所以保持打开。",
        "recv() 返回 b\"\" 时，返回已经回答的行数，不管缓冲区里还剩什么。",
    ),
    "test_serve_lines_lets_a_reset_propagate": (
        "重置（RST）不是正常结束：调用者必须知道对话断了（第 4 课讲 FIN 和 RST）。",
        "找一找 recv() 外面有没有捕获 ConnectionResetError、OSError 或 Exception 的 try/except："
        "它把重置变成了正常返回。",
        "让 recv() 抛出异常：不要在 serve_lines 里捕获 ConnectionResetError。",
    ),
})

# ----------------------------------------------------------------------- timeouts
HINTS.update({
    "test_first_reply_moves_past_a_refused_and_a_silent_server": (
        "first_reply 一个接一个地尝试服务端，返回第一个完整的回复（见 lessons/zh/06-timeouts.md 的“步骤”）："
        "被拒绝或沉默的服务端只意味着“试下一个”。",
        "在失败说明的图解里看看正常的服务端看到了什么。没有连接：你的循环停得太早了。是“关闭”而不是 FIN："
        "请求始终没有结束（shutdown）。连上了却没有剩余时间：你的截止时间管的是整个列表，而不是一个服务端。",
        "在遍历服务端的循环里为每个服务端重新开始计时：它的截止时间是那一刻的 time.monotonic() 加上 timeout。",
    ),
    "test_first_reply_abandons_a_silent_server_at_its_deadline": (
        "一言不发的服务端不能让你的客户端永远等下去：读一读 lessons/zh/06-timeouts.md 的“思路：截止时间”。",
        "没有超时的 recv() 会一直阻塞，直到有数据或 EOF，而沉默的服务端两样都不发。看看说明里你的代码停在哪里。",
        "每次 recv() 之前，把套接字的超时设为距这个服务端截止时间还剩的时间（截止时间减去 time.monotonic()）。",
    ),
    "test_first_reply_abandons_a_trickling_server_at_its_deadline": (
        "每次调用的超时不是截止时间：见 lessons/zh/06-timeouts.md 的第一节，以及有涓流服务端的图解。",
        "如果你只调用一次 settimeout(timeout)，每来一个字节计时就重新开始。每次 recv() 之前算出还剩多少时间，"
        "没有了就停。",
        "每次 recv() 之前，算出距截止时间还剩多少；已经没有剩余，就放弃这个服务端；否则把它设为套接字的超时。",
    ),
    "test_first_reply_treats_a_reset_as_a_failure": (
        "回复到一半时的重置（RST）说明回复坏了（见 lessons/zh/06-timeouts.md 里的表格）。",
        "找一找读循环里有没有捕获 ConnectionResetError（或 OSError）然后返回已收到数据的 except 子句。",
        "只有 b\"\" 才让回复完整。让 ConnectionResetError 和其他 OSError 一样，交给记下问题、换下一个服务端的那段处理。",
    ),
    "test_first_reply_waits_for_a_slow_server_that_answers_in_time": (
        "在截止时间之前完成的慢服务端已经回答了：见 lessons/zh/06-timeouts.md 里的“慢但来得及”。",
        "你的代码是不是在第一次停顿时就不读了（很短的超时，或者非阻塞读什么也没读到），或者只读了一次 recv()？"
        "只有 b\"\" 或截止时间才结束读取。",
        "在循环里一直读到某次 recv() 返回 b\"\"，每次 recv() 的超时都是剩下的时间。",
    ),
    "test_first_reply_raises_connectionerror_naming_every_server": (
        "所有服务端都失败时，调用者必须知道是哪些、为什么（lessons/zh/06-timeouts.md 的第 5 步）。",
        "循环时把每个失败的服务端记一条到列表里；循环结束后，带着全部记录抛出一个 ConnectionError，"
        "而不是最后一个服务端自己的异常。",
        "每个失败的服务端记一条说明，每条以它的 host 和 port 开头；最后抛出 ConnectionError，消息是所有说明连在一起。",
    ),
    "test_first_reply_tries_the_servers_in_order": (
        "服务端按列表的顺序一个一个地尝试，第一个完整的回复就结束查找（lessons/zh/06-timeouts.md 的第 1 步和第 3 步）。",
        "检查你是否从前往后遍历列表，每个服务端只连接一次，并且 recv() 一返回 b\"\" 就在循环里返回。",
        "用 enumerate() 按顺序遍历服务端，recv() 一返回 b\"\"，就返回序号和拼接好的回复。",
    ),
    "test_first_reply_closes_every_socket": (
        "失败服务端的套接字也必须关闭：在你关闭之前，内核一直保留着它（和它的端口）。",
        "异常（被拒绝、被重置、超时）会跳过写在读循环之后的 close()。让关闭在每条路径上都发生。",
        "让每个连接作为一个 with 语句的对象（带 timeout 的 create_connection() 也可以这样用）：不管这个服务端回答了还是失败了，with 语句都会关闭它。",
    ),
})

# Lessons 7 and 8 (several clients at once): added here to keep merges simple.
HINTS |= {
    "test_threads_listen_on_a_port_in_time_wait": (
        (
            "评分器在一个仍有连接处于 TIME_WAIT 的端口上启动你的服务端，就像重启服务端时那样（见 lessons/zh/02-server_flow.md 里“为什么要端口复用"
            "”）。"
        ),
        "如果失败信息是 'Address already in use'，说明监听套接字缺少允许这样做的选项，或者设置得太晚。如果它提到别的地址，请正好绑定给你的 host 和 port。",
        "在 bind() 之前，对监听套接字调用 setsockopt()：层级 SOL_SOCKET，选项 SO_REUSEADDR（端口复用），值为 1。",
    ),
    "test_threads_serve_a_client_while_others_idle_mid_line": (
        "一个客户端空闲时，其他客户端也必须得到回复：这正是第 7 课的要点（读 lessons/zh/07-threaded_server.md 的“思路”）。",
        "看失败信息里你的代码卡在哪里：主循环里为另一个客户端 recv()，说明是一个接一个地服务；用线程池，说明工作线程太少（count 个客户端可能同时空闲）。",
        (
            "accept() 之后，立刻把新连接交给一个新线程（threading.Thread，target 是你处理单个客户端的函数，参数是这个连接），启动它，然后马上回到 accept()。"
        ),
    ),
    "test_threads_run_each_client_in_a_thread": (
        "这一课要求用线程：所有客户端都连着时，评分器会统计你进程的线程数（第 8 课用一个线程和 selectors 做同样的事）。",
        "一个 select 循环能通过其他检查，但通不过这一项：为每个客户端启动一个线程，或者用每个客户端一个工作线程的 ThreadPoolExecutor。",
        "对每个接受的连接，创建一个 threading.Thread，target 是你处理单个客户端的函数，唯一的参数是这个连接，然后 start()。",
    ),
    "test_threads_reply_to_each_line_reversed": (
        "每个客户端说的都是第 5 课的按行协议：每一整行立刻回复反转后的这一行，b\"\\n\" 留在末尾。",
        "最后一个换行符之后到达的字节留到下一次 recv()：行会分段到达，一段里也可能有好几行。反转时不带换行符，反转后再把换行符加回末尾。",
        "对每个完整的行（不含 b\"\\n\"）：用 sendall() 发出倒序的这一行（步长为 -1 的切片），后面跟一个 b\"\\n\"。",
    ),
    "test_threads_close_each_connection_after_its_eof": (
        "客户端发完最后一行后会半关闭（FIN）；这时你的服务端关闭这个连接，客户端就会看到你的 FIN。",
        "recv() 返回 b\"\" 就是这个客户端的 EOF：在它自己的线程里跳出循环并关闭它的套接字。如果把套接字存在某个列表里，它们就一直开着。",
        "在每个线程里用 with 语句服务这个连接，这样线程一处理完它就会关闭。",
    ),
    "test_threads_survive_a_client_that_resets": (
        "客户端重置连接（RST）时，服务它的线程里的 recv() 会抛出 ConnectionResetError；这只能结束这个客户端，既不能结束服务端，也不能影响总数。",
        "如果你用线程池，future.result() 会在主线程里再次抛出线程的异常。在服务这个客户端的地方捕获重置，并且仍然计入它已回复的行。",
        "在这个客户端线程的 recv() 循环外面捕获 ConnectionResetError：然后关闭连接、记下已回答的行数，正常返回。",
    ),
    "test_threads_close_the_listener_after_the_last_accept": (
        "接受了 count 个客户端之后，服务端不再接受新的：这时就必须关闭监听套接字，而客户端仍在被服务（见 lessons/zh/07-threaded_server.md 里的图）。",
        "如果监听套接字要到一个同时包含 join 的 with 块结束时才关闭，那么你等待线程时它一直开着。先关闭，再等待。",
        "accept() 循环接完最后一个客户端之后、任何 join() 之前，对监听套接字调用 close()。",
    ),
    "test_threads_wait_for_every_thread_before_returning": (
        "只有每个客户端都结束了，总数才能确定，所以 serve_clients() 要在它的所有线程结束之后才返回。",
        "把启动的每个 Thread 都存进一个列表；没人 join 的守护线程会在你的函数返回之后继续服务。",
        "把启动的每个 Thread 放进一个列表；关闭监听套接字之后，对每一个调用 join()，然后才返回。",
    ),
    "test_threads_return_the_number_of_lines_answered": (
        "serve_clients() 以 int 返回所有客户端一共回复过多少行。",
        "在每个线程里、回复发出后计数，join 之后再求和。因重置而结束的线程也必须计入它的数：提前 return 会跳过计数。",
        "在多个线程都能安全累加的地方计数：每个回复往共享列表里追加一项（list.append 在线程之间是安全的），最后返回列表的长度。",
    ),
    "test_threads_close_every_socket": (
        "你的服务端创建的每个套接字，监听套接字和每个客户端的连接，都必须在 serve_clients() 返回之前关闭，重置之后也一样。",
        "只在正常路径（EOF 之后）上关闭的连接，在客户端重置时会一直开着：无论发生什么都要关闭它。",
        "在线程里用一个 with 语句包住这个客户端的整个服务过程：这样每条路径上连接都会关闭。",
    ),
    "test_loop_listens_on_a_port_in_time_wait": (
        (
            "和第 7 课一样，评分器在一个仍有连接处于 TIME_WAIT 的端口上启动你的服务端（见 lessons/zh/02-server_flow.md 里“为什么要端口复用"
            "”）。"
        ),
        (
            "'Address already in use' 说明监听套接字缺少这个选项，或在 bind() 之后才设置。在 Linux 上 socket.create_serve"
            "r((host, port)) 会替你设置。"
        ),
        "在 bind() 之前，对监听套接字调用 setsockopt()：层级 SOL_SOCKET，选项 SO_REUSEADDR（端口复用），值为 1。",
    ),
    "test_loop_serves_a_client_while_others_idle_or_flood": (
        "一个线程要服务所有人，就绝不能等某一个客户端：读 lessons/zh/08-event_loop.md 的“思路”。",
        "看失败信息里你的代码卡在哪里。卡在 recv() 或 accept() 说明套接字是阻塞的；卡在 sendall() 或 send() 说明它在等一个不读数据的客户端（F）。",
        "把每个接受的套接字设为非阻塞（setblocking 传 False），只在选择器报告它就绪时才对它 recv() 或 send()。",
    ),
    "test_loop_never_starts_a_second_thread": (
        "这一课用一个线程服务所有客户端；评分器会一直统计你进程的线程数（用线程的是第 7 课）。",
        "去掉 threading.Thread、ThreadPoolExecutor 和 socketserver 的多线程类：select 循环本身就在客户端之间切换。",
        "一切都在一个循环里：遍历 selector.select() 返回的结果，对每个就绪的 key 和它的事件掩码，处理那一个套接字，然后再转一圈。",
    ),
    "test_loop_bounds_what_it_buffers_for_a_client_that_does_not_read": (
        "一个只发不读的客户端会让你待发送的回复无止境地增长：读 lessons/zh/08-event_loop.md 的“背压”。",
        "给每个客户端定一个待发送回复的上限（最多 1 MiB）。超过上限就暂停读这个客户端：客户端的字节会留在内核的接收缓冲区里，客户端的 send() 会阻塞，这对你没有任何代价。",
        "重新注册客户端时，只在它待发送的回复低于你的上限时才在事件里包含 EVENT_READ；超过上限，就只等 EVENT_WRITE。",
    ),
    "test_loop_replies_to_each_line_reversed": (
        "每个客户端说的都是第 5 课的按行协议：每一整行回复反转后的这一行，b\"\\n\" 留在末尾。",
        "把每个客户端不完整的行存在它自己的状态里，每收到一段先接上去再按 b\"\\n\" 切分：行会分段到达，一段里也可能有好几行。",
        "对每个完整的行（不含 b\"\\n\"）：把倒序的这一行（步长为 -1 的切片）和一个 b\"\\n\" 加进这个客户端的待发送缓冲区。",
    ),
    "test_loop_delivers_every_reply_to_the_flooding_client": (
        "你排队的每个回复都必须送到它的客户端，不管那个客户端要多久才读。",
        "找出可能丢字节的地方：缓冲区大了就把回复扔掉、send() 没发出去的部分、还有回复在等待时就在 EOF 之后关闭了连接。",
        "从待发送缓冲区里只删掉 send() 报告它拿走的那些字节；收到 EOF 之后，只有待发送缓冲区空了才关闭这个客户端。",
    ),
    "test_loop_closes_each_connection_after_its_eof": (
        "客户端发完最后一行后会半关闭（FIN）；等它的回复全部发出后，你的服务端关闭这个连接。",
        "recv() 返回 b\"\" 是这个客户端的 EOF：把它记在客户端的状态里，继续发送排队的数据，然后注销并关闭。",
        "一个客户端已经 EOF、也没有要发给它的数据时：先把它的套接字从选择器注销，再 close()。",
    ),
    "test_loop_survives_a_client_that_resets": (
        "客户端重置连接（RST）时，只有那个套接字的 recv() 或 send() 会抛出 ConnectionResetError；循环必须继续服务其他客户端。",
        "逃出循环的异常会结束整个服务端。在处理一个就绪套接字的地方捕获它，把这个客户端当作已结束。",
        "在一个客户端的 recv() 和 send() 外面捕获 ConnectionResetError；然后只注销并关闭这个套接字，循环继续。",
    ),
    "test_loop_closes_the_listener_after_the_last_accept": (
        "接受了 count 个客户端之后，服务端不再接受新的：就在那时注销并关闭监听套接字，而客户端仍在被服务。",
        "在循环里数 accept() 的次数；数到了，监听套接字就离开选择器。等循环结束才关闭就太晚了。",
        "第 count 次 accept() 之后，马上把监听套接字从选择器注销，再 close()。",
    ),
    "test_loop_writes_only_when_the_selector_reports_writable": (
        "评分器从内核看你的服务端在客户端不读数据时在哪里等待：在选择器里是对的，在 send() 或 sendall() 里就不对。"
        "要发送的数据先在客户端的缓冲区里等待，直到选择器说套接字能再接收更多。",
        "sendall() 会一直循环到全部发出，所以遇到读得慢的客户端就会阻塞整个循环。客户端有待发送的回复时，为它注册 EVENT_WRITE。",
        "只有事件掩码里有 EVENT_WRITE 时：用待发送缓冲区调用一次 send()，只从中删掉 send() 拿走的字节。",
    ),
    "test_loop_returns_the_number_of_lines_answered": (
        "serve_clients_selectors() 以 int 返回所有客户端一共回复过多少行；回复入队后这一行就算数。",
        "循环里一个计数器就够了：只有一个线程。重置的客户端的行也要算。",
        "每回答一个完整的行，计数器加一；循环结束后返回这个计数器。",
    ),
    "test_loop_closes_every_socket": (
        "你的服务端创建的每个套接字，监听套接字和每个连接，都必须在返回之前关闭，重置之后也一样。",
        "从选择器注销一个套接字并不会关闭它；重置的客户端也需要 close()。",
        "每当一个客户端结束（不管什么原因），先把它的套接字从选择器注销，再 close()；最后监听套接字也一样。",
    ),
}
