"""Every text the student reads, in one place: the Chinese edition.

The same names as `graders/messages.py`, with the same placeholders
(tests/test_editions.py checks both); `messages` takes these when
COURSE_LANG=zh (or `--lang zh`). Terms follow the tutorial the course is
written from, one word per concept：
套接字、三次握手、四次挥手、发送缓冲区、接收缓冲区、半关闭、端口复用。
FIN, RST, EOF, TIME_WAIT, CLOSE_WAIT and the names of calls stay as they
are: they are what the student sees in code and in tools.

Written for a Chinese-speaking student, not translated word for word, to the
house style of the Chinese edition: full-width，：；（）？！in Chinese sentences,
the glossary's one word per concept. tests/test_zh_style.py checks every
template (and names the words the glossary forbids).
"""

from __future__ import annotations

# --------------------------------------------------------------------------- summary and report

OUTCOME_LABEL = {
    "passed": "通过", "failed": "失败", "timeout": "卡住", "slow": "太慢", "not-implemented": "待办",
    "error": "评分器出错", "skipped": "跳过", "not-judged": "未评判", "not-run": "未运行",
}
PROGRESS_HEADER = "学习进度"
WHAT_WENT_WRONG = "哪里出了问题"
ALSO_FAILED = "……{lesson} 还有 {count} 项检查也因为同一个原因没有通过（见上面的列表）。"
ON_THE_WIRE = "线路上实际发生了什么："
CHECK_HEADING = "{lesson}：{title}"  # 在“哪里出了问题”里，跟在结果标签后面
WIRE_ABOVE = "线路上实际发生了什么：见上面“{title}”下的图。"
SAME_CAUSE_ABOVE = "和上面“{title}”下的是同一个错误，只是发生在另一段对话里；要逐段完整查看，运行：nox -s grade -- {lesson} --packets --lang zh"
WIRE_NOT_DRAWN = "线路上实际发生了什么：为了让报告不超过一屏，这里没有画出（nox -s grade -- {lesson} --packets --lang zh 会画出每一段对话）。"
WIRE_ABOVE_ALSO = "线路上实际发生了什么：见上面“{title}”下的图；这项检查还看到了："
SAME_AS_ABOVE = "（同上）"
TITLE_WIDTH = 42
PROGRESS_LINE = "  {number}. {title} {passed:>2}/{total:<2} {state}"
STATE_DONE = "已完成"
STATE_STARTED = "进行中"
STATE_TODO = "尚未开始"
STATE_UNJUDGED = "在这里能评判的都通过了，另有 {count} 项在这个系统上未评判"
NEXT_LESSON = "下一步：第 {number} 课，{title}。先读 lessons/{text}，再编辑 exercises/{lesson}.py，然后运行：\n    nox -s grade -- {lesson} --lang zh"
NOT_STARTED = "还没开始：先读 lessons/{text}，再编辑 exercises/{lesson}.py"
PASSED_NEXT = (
    "第 {passed} 课的每一项检查都通过了，干得好！下一步：第 {number} 课，{title}。先读 lessons/{text}，再编辑 "
    "exercises/{lesson}.py，然后运行：\n    nox -s grade -- {lesson} --lang zh"
)
PASSED_GRADE_ALL = (
    "第 {passed} 课的每一项检查都通过了，干得好！想一次看到整个课程的每一课，运行：\n    nox -s grade -- --lang zh"
)
COURSE_FINISHED = (
    "整个课程的每一课都通过了：你已经学完了，干得好！想巩固所学，可以让参考对端和你自己的程序对话："
    "nox -s peer -- server --lang zh（或 client）。"
)
PASSED_NEXT_UNJUDGED = (
    "第 {passed} 课中这个系统能评判的检查项都通过了，其余的在这里未评判（见下文）。"
    "下一步：第 {number} 课，{title}。先读 lessons/{text}，再编辑 exercises/{lesson}.py，然后运行：\n"
    "    nox -s grade -- {lesson} --lang zh"
)
PASSED_GRADE_ALL_UNJUDGED = (
    "第 {passed} 课中这个系统能评判的检查项都通过了，其余的在这里未评判（见下文）。"
    "想一次看到整个课程的每一课，运行：\n    nox -s grade -- --lang zh"
)
COURSE_FINISHED_UNJUDGED = (
    "整个课程中这个系统能评判的检查项都通过了，其余的在这里未评判（见下文）："
    "要得到完整的评判，请在 Linux、Windows 上的 WSL 或课程的开发容器（dev container）里评分。"
)
PROGRESS_TITLE = "你的学习进度"
REGRADING = "重新评分 {lessons}：上次评分之后改过……"
COURSE_DONE = "整个课程的每一课都通过了，干得好！"
STUCK = "    卡住了？运行 nox -s hint -- {lesson} --lang zh   （每问一次，多给一条提示）"
HINT_FOR = "{lesson}：第一个没通过的检查是“{title}”。"
HINT_SAID = "  评分器的说明：{message}"
LESSON_CHECKLIST = "“{title}”这一课要记住："
CHECKLIST_ITEM = "  - {item}"
HINT_NOT_STARTED = (
    "{lesson} 尚未开始，所以还没有哪项检查需要提示（这次没有用掉提示）。先读 lessons/{text}，再按 "
    "exercises/{lesson}.py 里的 TODO 步骤写代码，然后运行：\n    nox -s grade -- {lesson} --lang zh"
)
HINT_TODO = (
    "这个函数还是初始代码的样子（这次没有用掉提示）：对照 lessons/{text}，按 exercises/{lesson}.py 里的 TODO "
    "步骤写，然后运行：\n    nox -s grade -- {lesson} --lang zh"
)
HINT_REPORTED = "  评分报告里的提示：{hint}"
HINT_LINE = "提示 {number}/{total}：{hint}"
HINT_MORE = (
    "试一试，然后给这一课重新评分：\n    nox -s grade -- {lesson} --lang zh\n"
    "试过之后还是卡住？再问一次，拿下一条提示：\n    nox -s hint -- {lesson} --lang zh"
)
HINT_LAST = "这是这个检查的最后一条提示了。请重读 lessons/{text}，再试一次，并读完评分器的完整说明：\n    nox -s grade -- {lesson} --lang zh"
HINT_NONE = "这个检查暂时还没有提示。请重读 lessons/{text}，然后给这一课重新评分：\n    nox -s grade -- {lesson} --lang zh"
RESET_ASK = "要把 {lesson} 的初始代码放回 exercises/{lesson}.py 吗？你现在的版本会保存为 {backup}。输入“是”或 y 确认，直接回车则不改："
RESET_DONE = "exercises/{lesson}.py 已恢复为初始代码。你原来的版本在 {backup}。"
RESET_CANCELLED = "什么都没有改动。"
RESET_ALREADY = "exercises/{lesson}.py 本来就是未改动的初始代码：不需要恢复。"
HINT_ALL_PASS = "{lesson} 的每个检查都通过了：不需要提示。"
GRADER_ERROR = (
    "这里是评分器自己出了错，不是你的代码的问题。"
    "请把下面的内容报告给课程维护者。\n{details}"
)
WINDOWS = (
    "评分器在独立的进程里运行你的代码，并按 Linux 和 macOS 提供的方式观察它的套接字，Windows 做不到这些。"
    "请使用 WSL（适用于 Linux 的 Windows 子系统）：安装后打开它的终端，在那里运行 nox -s grade -- --lang zh。"
)
UNKNOWN_LESSON = "没有名为 {name!r} 的课。现有的课是：{known}"
UNKNOWN_LANG = "没有 {value!r} 这个语言版本（由 --lang 或 COURSE_LANG 指定）。可选的版本是：{known}；默认是英文 en"
NO_SUCH_FOLDER = "--target {path}：没有这个文件夹"
LESSON_HEADING = "第 {number} 课：{title}（{lesson}）"
SUMMARY_COUNT = {
    "passed": "{count} 项通过", "failed": "{count} 项失败", "error": "{count} 项出错", "errors": "{count} 项出错",
    "skipped": "{count} 项跳过", "warning": "{count} 条警告", "warnings": "{count} 条警告",
    "deselected": "{count} 项未选",
}
SUMMARY_OUTCOME = {
    "passed": "{count} 项通过", "failed": "{count} 项失败", "timeout": "{count} 项卡住", "slow": "{count} 项太慢",
    "not-implemented": "{count} 项待办", "error": "{count} 项评分器出错", "skipped": "{count} 项跳过",
}
GRADING_STOPPED = "已停止（Ctrl-C）：这次评分没有留下任何还在运行的进程。重新评分：{command}"
SUMMARY_SEP = "，"
SUMMARY_NOT_IMPLEMENTED = "{count} 项待办"
SUMMARY_LINE = "{counts}，用时 {seconds:.2f} 秒"
LESSON_ALL = "全部课程"

# --------------------------------------------------------------------------- command-line help

ARGPARSE = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示这段帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少以下参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "需要一个值",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "not allowed with argument %s": "不能和参数 %s 一起使用",
}
HELP_LESSONS = "要评分的课（默认：全部）"
HELP_TARGET = "要评分的代码所在的文件夹（默认：exercises）"
HELP_JSON = "同时把结果以 JSON 格式写入这个文件"
HELP_HINT = "给出某一课第一个没通过的检查的下一条提示。"
HELP_HINT_LESSON = "课的名字（默认：第一个还没完成的课）"
HELP_RESET = "把某一课的初始代码放回去，你的版本另存为备份。"
HELP_RESET_LESSON = "要恢复初始代码的课"
HELP_YES = "不再询问"
RESET_YES = ("y", "yes", "是", "是的")
HELP_WATCH = "每次保存文件时，自动重新评分这一课。"
HELP_WATCH_LESSON = "要监视的课（默认：每一课）"
HELP_WATCH_TARGET = "要监视和评分的代码所在的文件夹（默认：exercises）"
HELP_INTERVAL = "两次检查文件之间相隔的秒数（默认：{interval}）"

# --------------------------------------------------------------------------- what the student's tools end with

HELP_PROGRESS = "每一课的状态、下一步做什么，以及要运行的命令。"
COURSE_DONE_NEXT = "想再看一遍每个检查和它的报告：\n    nox -s grade -- --lang zh"
RESET_NEXT = "重新开始：先读 lessons/{text}，再编辑 exercises/{lesson}.py，然后运行：\n    nox -s grade -- {lesson} --lang zh"
RESET_KEPT_NEXT = "给你现在的版本评分：\n    nox -s grade -- {lesson} --lang zh"
RESET_WHICH = "请写明要恢复初始代码的课名，例如：\n    nox -s reset -- {example} --lang zh"
HINT_WHICH = "用课名来要某一课的提示，例如：\n    nox -s hint -- {example} --lang zh"

# --------------------------------------------------------------------------- setup (the noxfile)

VENV_MAKING = "正在 {path} 创建课程的虚拟环境，只需这一次（几秒钟）：grade、progress、hint、watch 和 peer 都用它。"

PYTEST_HEADER = "这些是评分器自己的测试，供课程维护者使用（要跑好几分钟）。要给你的练习评分，请按 Ctrl-C，然后运行：nox -s grade -- --lang zh"

RUN_FROM_ROOT = "nox 要在课程的根目录（{root}）里运行课程的命令，而不是在 {here}/ 里。请运行：\n    cd .. && {command}"

# --------------------------------------------------------------------------- watch mode

WATCH_ONE = "正在监视 {path}：保存它就会重新评分。按 Ctrl-C 停止。"
WATCH_ALL = "正在监视 {path}（共 {count} 课）：保存哪一课的文件，就重新评分哪一课。按 Ctrl-C 停止。"
WATCH_STATUS = "[{when}] {label}：{outcome}（用时 {seconds:.1f} 秒）。等待你下一次保存……"
WATCH_PASSED = "通过 {passed}/{total}"
WATCH_GRADER_FAILED = "评分器没有正常结束（退出状态 {code}），见上方输出"
WATCH_STOPPED = "已停止监视。"
WATCH_BAD_INTERVAL = "--interval 必须是大于 0 的秒数。"

# --------------------------------------------------------------------------- nox -s peer (a reference peer by hand)

BYHAND_WHO = {"client": "客户端", "server": "服务端"}
BYHAND_WAIT_MESSAGE = "还在等你的消息：你的代码调用 send() 发送了吗？"
BYHAND_WAIT_REQUEST_FIN = "还在等你的 FIN：你调用 shutdown(SHUT_WR) 了吗？"
BYHAND_WAIT_ECHO_FIN = "还在等服务端的 FIN：你的服务端发送完之后 close() 连接了吗？"
BYHAND_WAIT_REPLY_FIN = "还在等服务端的 FIN：你的服务端是否读到 EOF、回复，然后 close()？"
BYHAND_WAIT_LINES_FIN = "还在等服务端的 FIN：recv() 返回 b\"\" 之后，你的服务端会关闭这个客户端的连接吗？"
BYHAND_ECHOED = "原样回送的消息"
BYHAND_REVERSED = "倒序的消息"
BYHAND_LINES_REVERSED = "每一行反转，换行符留在末尾"
BYHAND_BYTE = "{n} 字节"
BYHAND_BYTES = "{n} 字节"
BYHAND_MORE = "{data}……（另有 {more} 字节）"
BYHAND_RESET = "{who}重置了连接（RST）"
BYHAND_RECV_FAILED = "recv() 出错：{error}"
BYHAND_PAUSE = "{pause:g} 秒内没有更多数据：整条消息就是这些"
BYHAND_GIVE_UP = "{timeout:g} 秒内{who}什么都没发来：放弃"
BYHAND_GOT_FIN = "{who}发来了 FIN（recv() 返回 b''）"
BYHAND_RECEIVED = "收到 {count}：{data}"
BYHAND_SEND_RESET = "无法发送：{who}重置了连接（RST）"
BYHAND_SEND_FAILED = "无法发送：{error}"
BYHAND_SENT = "发送 {count}：{data}"
BYHAND_SHUTDOWN_FAILED = "shutdown(SHUT_WR) 出错：{error}"
BYHAND_SENT_FIN = "发送 FIN（shutdown SHUT_WR）"
BYHAND_SHUTDOWN_GONE = (
    "无法发送 FIN：{who}没有读我们发去的数据就已经关闭了它的套接字，它的内核用 RST 作了回应，连接已经不在了。"
    "你的代码在 close() 之前调用 recv() 了吗？"
)
BYHAND_CLIENT_LEFT = "客户端什么都没发送就关闭了连接：没有可回复的内容。你的代码在 close() 之前调用 send()（或 sendall()）了吗？"
BYHAND_SEND_STUCK = "{timeout:g} 秒内发送不出去：{who}不再读取数据，它的接收缓冲区和我们的发送缓冲区都满了"
BYHAND_REJECTION = "拒绝回复"
BYHAND_SENT_UPLOAD = "发送 {count}：首行 {header}，紧跟着 {body} 的消息体"
BYHAND_SENT_BODY = "发送 {count}：消息体的其余部分"
BYHAND_WAIT_REJECTED = "还在等 b'REJECTED\\n'：你的服务端读完首行之后立刻回复了吗？"
BYHAND_NO_REJECTED = "{timeout:g} 秒内没有收到服务端的 b'REJECTED\\n' 这一行：放弃"
BYHAND_WAIT_REJECT_FIN = "还在等服务端的 FIN：你的服务端回复之后、读取剩余消息体之前，立刻调用 shutdown(SHUT_WR) 了吗？"
BYHAND_NO_REQUEST_FIN = "{timeout:g} 秒内没有收到客户端的 FIN：放弃（请求要以 shutdown(SHUT_WR) 结束）"
BYHAND_NO_CLIENT_FIN = "{timeout:g} 秒内没有收到客户端的 FIN：你的代码 close() 套接字了吗？"
BYHAND_NO_SERVER_FIN = "{timeout:g} 秒内没有收到服务端的 FIN：放弃"
BYHAND_CANNOT_LISTEN = "无法在 {address} 上监听：{error}"
BYHAND_SERVER_BANNER = (
    "{lesson} 的参考服务端正在 {address} 上监听。"
    "让你的代码连过来，例如 {call}(\"{host}\", {port}, b\"hello\")。按 Ctrl-C 停止。"
)
BYHAND_CLIENT_CONNECTED = "客户端 {address} 已连接"
BYHAND_CLOSED = "已关闭"
BYHAND_PACKETS_OFF = "（数据包：这里无法显示：{reason}；在 Linux 上以 root 运行时，每段对话之后会显示它的数据包）"
BYHAND_STOPPED = "已停止"
BYHAND_REPLY_OK = "回复：{count}，{expected}，和 {call} 应当发送的一致。"
BYHAND_REPLY_WRONG = "回复：{got}（{count}）；{call} 应当发送{expected}：{want}（{want_count}）。"
BYHAND_END_FIN = "服务端用 FIN 关闭了连接，正确。"
BYHAND_END_RST = (
    "服务端重置了连接（RST），而不是用 FIN 关闭：如果关闭套接字时它的接收缓冲区里还有没读的数据，"
    "内核就会发送 RST。"
)
BYHAND_END_TIMEOUT = "服务端在 {timeout:g} 秒内没有关闭连接。"
BYHAND_END_FAILED = "服务端关闭连接之前，连接就出错了。"
BYHAND_CLIENT_BANNER = (
    "参考客户端（{lesson} 课），用来测试 {call}({port}, \"{host}\"{more})：请先启动你的服务端。按 Ctrl-C 停止。"
)
BYHAND_CONNECTING = "正在连接 {address}"
BYHAND_REFUSED = "{address} 上没有程序在监听：你的服务端在运行吗？端口对吗？"
BYHAND_CANNOT_CONNECT = "无法连接 {address}：{error}"
BYHAND_CONNECTED = "已连接到服务端 {address}（本端 {local}）"
BYHAND_NOT_A_PORT = "{text!r} 不是端口号（应为 {lowest} 到 65535）"
BYHAND_NOT_POSITIVE = "{text}：时间必须大于 0 秒"
BYHAND_NOT_HEX = "不是十六进制：{text!r}（{error}）"
BYHAND_DESCRIPTION = "手动运行一个参考对端，实时看到它和你的代码在线路上的每一步对话。"
BYHAND_SERVER_HELP = "给你的客户端用的参考服务端（一个接一个地服务客户端）"
BYHAND_SERVER_DESCRIPTION = "参考服务端：一个接一个地服务客户端，并打印每一次对话。"
BYHAND_SERVER_LESSON = (
    "行为方式：client_flow（固定回复，然后 FIN）、graceful_close"
    "（等你的 FIN，回复倒序的请求，然后 FIN）或 timeouts（同时启动六个服务端，给 first_reply() 用，"
    "第 6 课评分器用到的每种各一个：拒绝连接、沉默、涓流、重置、慢、正常；端口由内核挑选）；默认：%(default)s"
)
BYHAND_SERVER_HOST = "监听的地址（默认：%(default)s）"
BYHAND_SERVER_PORT = "监听的端口；0 表示让内核挑一个（默认）"
BYHAND_SERVER_TIMEOUT = "等待客户端请求多久后放弃（秒，默认：%(default)g）"
BYHAND_CLIENT_HELP = "给你的服务端用的参考客户端（只连接一次）"
BYHAND_CLIENT_DESCRIPTION = (
    "参考客户端：连接你的服务端一次，发送一条消息，一直读到 FIN 或 RST。\n"
    "退出状态：服务端用 FIN 关闭为 0，否则为 1，连不上为 2。"
)
BYHAND_CLIENT_LESSON = (
    "行为方式：server_flow（发送，读回送的数据直到 FIN）、graceful_close"
    "（发送，shutdown(SHUT_WR)，读回复直到 FIN）、reject_and_drain（graceful_close 这一课的上传："
    "先是首行，然后是一大段消息体，读取 b'REJECTED\\n' 以及服务端的 FIN 或 RST）、threaded_server 或 event_loop"
    "（发送几行，shutdown(SHUT_WR)，读取每一行倒序后的回复直到 FIN）；默认：%(default)s"
)
BYHAND_CLIENT_HOST = "你的服务端的地址（默认：%(default)s）"
BYHAND_CLIENT_PORT = "你的服务端的端口（1 到 65535）"
BYHAND_MESSAGE = "发送这段文字（以 UTF-8 编码；reject_and_drain：首行）"
BYHAND_HEX = "发送这些字节，例如 '48 69 00 ff'"
BYHAND_CLIENT_TIMEOUT = "等待服务端接受连接、回复并关闭的时间（秒，默认：%(default)g）"
BYHAND_TIMEOUTS_BANNER = (
    "{lesson} 的参考服务端：同时运行 {count} 个，评分器用到的每种服务端各一个，每个都一个接一个地服务客户端。"
    "按 Ctrl-C 停止。"
)
BYHAND_TIMEOUTS_SERVER = "  {index}. {kind}  {address}  {does}"
BYHAND_TIMEOUTS_DOES = {
    "refusing": "一个占着端口却不监听的套接字：connect() 会立刻被拒绝，下面的记录里也不会出现它",
    "silent": "读完你的请求，然后一言不发",
    "trickling": "读完你的请求，然后每 {every:g} 秒发一个字节，永不停止",
    "resetting": "读完你的请求，发出一半回复，然后重置连接（RST）",
    "slow": "读完你的请求，分 {pieces} 段回答，两段相隔 {apart:g} 秒，然后发 FIN：对 {timeout:g} 秒的超时来说来得及",
    "good": "读完你的请求，立刻回答，然后发 FIN",
}
BYHAND_TIMEOUTS_TRY = (
    "用评分器的超时（{timeout:g} 秒），按这个顺序对全部 {count} 个服务端试试你的 first_reply()：它应当返回"
    " ({index}, {reply})，也就是服务端 {index} 的回复（每个回复里都写着它来自哪个服务端）。"
    "删掉或调换几个服务端，就能试别的组合：\n    {command}"
)
BYHAND_TIMEOUTS_NO_KERNEL = (
    "这个系统看不到你的客户端什么时候关闭套接字（Linux 的 /proc 才看得到）：要等这件事的服务端，会等 {timeout:g} 秒。"
)
BYHAND_TIMEOUTS_NO_PORT = "--lesson timeouts 会启动 {count} 个服务端，端口都由内核挑选：不接受 --port"
BYHAND_TIMEOUTS_WHO = "服务端 {index}（{kind}）："
BYHAND_TIMEOUTS_CLOSED_UNENDED = (
    "这个 FIN 来自 close()，而不是 shutdown(SHUT_WR)：你的客户端还没结束请求就放弃了，"
    "而一个没有结束的请求，哪个服务端都不会回答"
)
BYHAND_TIMEOUTS_SILENT = "一言不发：不回答，也不发 FIN，一直等到你的客户端放弃"
BYHAND_TIMEOUTS_GAVE_UP = (
    "你的客户端在连接后 {after:.3f} 秒放弃，关闭了套接字（评分器允许 {timeout:g} 秒，机器繁忙时再多给 {slack:g} 秒）"
)
BYHAND_TIMEOUTS_TRICKLING = "开始每 {every:g} 秒发一个字节，直到你的客户端离开"
BYHAND_TIMEOUTS_STILL_TRICKLING = "还在一点一点地发：到现在一共发了 {count}"
BYHAND_TIMEOUTS_TRICKLE_END = (
    "你的客户端在连接后 {after:.3f} 秒离开；在这之前，一次一个字节，一共发给了它 {count}"
    "（评分器允许 {timeout:g} 秒，机器繁忙时再多给 {slack:g} 秒）"
)
BYHAND_TIMEOUTS_RST = "以 SO_LINGER 0 关闭：内核发出了 RST，回复的其余部分和 FIN 永远不会来了"
BYHAND_TIMEOUTS_LEFT_SLOW = (
    "你的客户端在连接后 {after:.3f} 秒就关闭了套接字，回复的其余部分还没发：停顿不是回复的结束，只有 FIN 才是"
)
BYHAND_TIMEOUTS_CLOSED = "你的客户端在连接后 {after:.3f} 秒关闭了套接字"
BYHAND_TIMEOUTS_STILL_OPEN = "又过了 {timeout:g} 秒，你的客户端的套接字还开着：关闭这一端"
BYHAND_EPILOG = """\
示例（通过 nox 运行：nox -s peer -- 参数 --lang zh）：
  python -m graders.peer server
      给第 1 课 client_flow 的 request() 用的服务端；用它打印出的端口 PORT 调用，例如
      python -c 'import sys; sys.path.insert(0, "exercises"); import client_flow; print(client_flow.request("127.0.0.1", PORT, b"hi"))'
  python -m graders.peer server --lesson graceful_close --port 5000
      给你的 request_and_half_close("127.0.0.1", 5000, ...) 用的服务端
  python -m graders.peer server --lesson timeouts
      给你的 first_reply() 用的六个服务端，每种各一个（拒绝连接、沉默、涓流、重置、慢、正常）；
      它会打印出各自的端口和一条可以直接粘贴的调用，例如用沉默服务端的 PORT1 和正常服务端的 PORT5：
      python -c 'import sys; sys.path.insert(0, "exercises"); import timeouts; print(timeouts.first_reply([("127.0.0.1", PORT1), ("127.0.0.1", PORT5)], b"hi", {timeout:g}))'
  python -m graders.peer client --port 5000
      和你的 serve_once(5000) 对话（先在另一个终端里启动它）
  python -m graders.peer client --lesson graceful_close --port 5000 --hex '00 ff 41'
      向你的 serve_one_request(5000) 发送三个字节，然后 shutdown(SHUT_WR)
  python -m graders.peer client --lesson reject_and_drain --port 5000
      向你的 reject_and_drain(5000) 上传：是否先收到 b'REJECTED\\n'，然后是 FIN 而不是 RST？
"""

# --------------------------------------------------------------------------- the wire diagram (timeline)

TL_YOUR_CODE = "你的代码"
# 长对话中间的部分在图里只用一行计数（不用 ……：它的宽度在中日韩终端里不确定，图会错位）。
TL_MORE_EVENTS = "（这段对话中间还有 {count} 行没有画出，加上 --packets 可以全部画出）"
PEER_REFERENCE = "参考对端"
PEER_SERVER = "参考服务端"
PEER_CLIENT = "参考客户端"
END_NAME = {"FIN": "FIN", "RST": "RST"}
NOTHING = "什么也没有（连接一直开着）"
STATE_GONE = "已不存在"
TL_CONNECT_FROM = "从端口 {port} 发起连接"
TL_ACCEPT = "accept 接受连接"
TL_CONNECT_TO = "连接到 {host}:{port}"
TL_ACCEPT_HANDSHAKE = "accept（三次握手已完成）"
TL_SEND = "发送 {data}"
TL_PIECE = "第 {number}/{count} 段：{label}"
TL_FIN_SHUTDOWN = "FIN（半关闭：shutdown SHUT_WR）"
TL_CLOSE = "close 关闭"
TL_END_KILLED = "{end}：评分器停止了你的进程，内核随之关闭了它的套接字（不是你的代码做的）"
TL_END_GIVEN = "{end}：{name} 结束后，评分器关闭了当初交给它的套接字"
TL_LISTENS_ON = "你的服务端在 {address} 上监听"
TL_RETURNED = "{name} 返回了 {value}"
TL_SERVER_STATE = "服务端这一端的连接现在的状态：{state}"
BYTES_SHOWN = "{data}（{count} 字节）"
MS_TIMES = "{ms:.0f} 毫秒"
TIMES_AND = " 和 "

# --------------------------------------------------------------------------- how a call went wrong

NOT_IMPLEMENTED = "{name} 尚未实现（它抛出了 NotImplementedError）。打开 exercises/{module}.py，按其中的 TODO 步骤来写。"
MISSING_MODULE = "没有文件 {path}。每一课是一个以课名命名的文件。"
SYNTAX_ERROR = "Python 无法读取 {module}.py：里面有语法错误。"
IMPORT_ERROR = "导入 {module}.py 时就出错了，任何函数都还没来得及运行："
MISSING_FUNCTION = (
    "缺少函数：{module}.py 里没有函数 {name}。是不是名字写错了，或者忘了定义？"
    "{module}.py 里定义的名字：{names}。"
)
RAISED = "{name} 抛出了 {type}："
EXITED = "{name} 没有返回，而是结束了整个进程（sys.exit / SystemExit，退出码 {code}）："
DIED = "运行 {name} 的进程在函数返回之前就{how}（os._exit、崩溃或信号）。"
HUNG = "{name} 运行了 {limit:.1f} 秒还没结束，评分器停止了它。"
DEADLOCK_SEEN = (
    "  它永远不可能结束：内核显示你的代码在一个没有数据可读的套接字上等待数据，而参考对端也在等待你的代码。"
    "情况不会再有任何变化，所以评分器立刻停止了它，没有等到 {limit:.1f} 秒的时限。"
)
STUCK_AT = "  你的代码卡在这里（最内层的调用在最后）："
SLOW = (
    "{name} 运行了 {limit:.1f} 秒还没结束，而且一直在占用 CPU（用了 {cpu:.1f} 秒 CPU 时间），并不是在等待网络，"
    "评分器停止了它：它太慢了，或者陷在一个停不下来的循环里。\n"
    "  提示：看看它被停下时所在的循环（见下）：是不是每一轮做了太多事（一次只处理一个字节，或者每次都复制已经收到的全部数据），"
    "或者 recv() 返回 b\"\" 之后还在继续循环？"
)
STOPPED_AT = "  它在这里被停下（最内层的调用在最后）："
HUNG_BEFORE = "{name} 在检查“{title}”中已经卡住过（报告见上面），所以这项检查没有再等它一次。先解决那个问题。"
SLOW_BEFORE = "{name} 在检查“{title}”中已经因为太慢被停止过（报告见上面），所以这项检查没有再运行它。先解决那个问题。"
IMPORT_HUNG_BEFORE = "{module}.py 在检查“{title}”中导入时就已经卡住（报告见上面）：它的每个函数都会这样，所以这项检查没有再等一次。先解决那个问题。"
IMPORT_RUNNING = (
    "导入 {module}.py 时，模块自己的代码还在运行，停在第 {line} 行（{source}），评分器还没来得及调用 {name}："
    "写在模块顶层的调用，一导入模块就会执行，比任何函数被调用都早。\n"
    "  提示：删掉那一行（或者把它放进 if __name__ == \"__main__\" 这个判断下面）。评分器会自己用正确的参数调用你的函数。"
)
IMPORT_CALL_HINT = (
    "  提示：第 {line} 行在模块顶层调用了函数，所以导入时它就执行了，那时评分器还什么都没调用。"
    "删掉那一行（或者把它放进 if __name__ == \"__main__\" 这个判断下面）。"
)
FLOODED = (
    "{name} 打印了超过 {cap} MiB 的内容（是不是在循环里 print()？），评分器截断了它的输出，超出上限的那次 print() "
    "因此出错（{error}）。这个错误是打印造成的，和套接字无关。\n"
    "  提示：把 print() 移出循环，或者只在最后打印一行简短的总结。"
)
PRINTED_FIRST = "  你的代码打印了（开头几行）："
TIMELINE_STOPPED = "你的代码运行 {limit:.1f} 秒后被停止，卡在 {where}"
TIMELINE_DEADLOCK = "内核看到死锁，双方都在等待：你的代码运行 {seconds:.1f} 秒后被停止，卡在 {where}"
RETURNED_EARLY = "{name} 已经返回了，而参考对端还在等待：{expected}"
PRINTED = "  你的代码打印了："
OUTPUT_FLOOD = "  你的代码打印了超过 {cap} MiB 的内容，所以输出被截断了（之后 print() 会报错 'File too large'）。"
MEANWHILE = "  同时，参考对端在等待：{expected}"
PEER_STOPPED = "参考对端停止发送：这次发送的 {total} 字节中有 {left} 字节没有发出（你这一端已经结束了）"
HOW_CLOSED_CHANNEL = "关闭了结果通道"
HOW_SIGNAL = "被信号 {signal} 杀死了"
HOW_KILLED = "被内核用 SIGKILL 结束了"
KILLED_HINT = (
    "  提示：进程用的内存超过机器或容器允许的上限（这里每次调用最多 {memory} MiB），或者 CPU 时间超过限制时，"
    "内核就用 SIGKILL 结束它。你的代码是不是保存了收到的全部数据，或者构造了很大的对象？"
)
HOW_EXIT = "以状态码 {code} 退出了"
REPORT_TOO_BIG = (
    "在评分器的结果通道上写了 {size} 字节（超过 {cap} MiB：评分器自己的报告从来没有这么大；是你的代码往那里写了东西），"
    "所以被停止了"
)
REPORT_MALFORMED = (
    "在评分器的结果通道上写了不是评分器自己报告的内容（是你的代码往那里写的），所以被停止了"
)
SYMLINK_REFUSED = (
    "{path} 是一个符号链接。评分器只从作业里取真正的课程文件，从不跟随指向别的文件的链接："
    "请把代码复制到这个文件里。"
)
FILE_REFUSED = "{path} 不能作为课程文件使用（{why}）。每一课都是一个普通的 .py 文件。"
FORKSERVER_GONE = (
    "替评分器启动你的代码的那个进程连续两次被杀死或停止了。只有以你的身份运行的代码才能做到这一点："
    "你的代码是否在杀死或停止别的进程（os.kill、os.killpg、给父进程发信号）？（{why}）"
)
THREADS_LEFT = (
    "{name} 返回时，你的代码还有 {count} 个线程在运行（从内核里你的进程的线程列表看到的）。"
    "函数必须在返回之前做完自己的工作：对它启动的每个线程调用 join()。"
)
JSON_INSIDE_TARGET = (
    "--json {path} 在被评分的文件夹（{target}）里面。结果从不写进作业里：请选一个文件夹外面的路径。"
)
BAD_CALL_LIMIT = (
    "COURSE_CALL_LIMIT={value} 不是一个时间限制：请给出学生代码的一次调用最多可用的秒数，"
    "{low:g} 到 {high:g} 之间的数（不设置时为 3）。"
)
NEVER_RAN = (
    "这个检查没有运行：评分在运行到它之前就被停止了（被中断或被杀死）。它算作失败。请重新评分。"
)
ISOLATION_LINE = "隔离级别：{level}（{what}）"
STDLIB_PRELOADED = (
    "注意：学生代码所用的用户读不了这个 Python 安装（{prefix}），而这台机器不允许用挂载命名空间让它可读："
    "标准库中常用的模块已在学生代码运行前加载，导入其他模块会失败。请把 Python 装在所有用户都能读的位置"
    "（例如 /usr 或 /opt），或者在能运行 bubblewrap 的机器上评分。"
)
ISOLATION_WHAT = {
    "full": "命名空间：独立的网络，每次调用一个独立的进程命名空间，课程目录隐藏且只读；无特权的用户；资源限制",
    "userns": "不用 root 创建的命名空间：独立的网络，每次调用一个独立的进程命名空间，课程目录隐藏且只读；"
              "以你自己的用户运行，但不带任何特权；资源限制",
    "uid": "无特权的用户，每次调用一个独立的进程命名空间或一个 subreaper，资源限制",
    "basic": "只有资源限制：你的代码以你的身份运行",
}
ISOLATION_BASIC_HINT = (
    "你的代码这次没有在沙箱里运行，而是以你的身份运行：它能连到你的网络、碰到你的文件，还能留下还在运行的进程。"
    "装上 bubblewrap（sudo apt install bubblewrap；Ubuntu 23.10 及以后的版本还要按 README 的“从这里开始”给它加上"
    " AppArmor 配置）再评一次分：你的代码就会在 userns 级别运行，和这些都隔开。"
)
PRINTED_CUT = "[……一共打印了 {size} 字节：中间部分已截去，只显示开头和结尾几行……]"
OUTPUT_CUT = "[……后面的输出被截断……]"
NO_NAMES = "无"

EXPECTED_CONNECT = "你的代码连接它。"
EXPECTED_LISTEN = "服务端在 {host}:{port} 上监听，也就是你的函数收到的地址。"
EXPECTED_YOUR_SEND = "你的代码发送数据，或者关闭它那一端的连接（FIN）。"
EXPECTED_READ_ALL = "你的代码把对端发来的数据读走。"
EXPECTED_CLIENT_CLOSE = "你的代码关闭它那一端的连接（FIN）：服务端已经发完整个回复，也关闭了自己那一端，没有什么要再发送或读取了。"
EXPECTED_ALL_ARRIVED = "你的函数返回：交给它发送的每个字节都已经到达。"

WRONG_ADDRESS_ALL = (
    "你的服务端在 {got} 上监听，也就是本机的所有网络接口；但要求是只在 {want} 上监听。"
    "\n  提示：bind((host, port)) 里用的必须正是函数收到的 host，而不是 \"\"。"
)
WRONG_ADDRESS = (
    "你的服务端在 {got} 上监听，但要求是在 {want} 上监听，所以客户端在那里找不到它。"
    "\n  提示：bind((host, port)) 里用的必须正是函数收到的 host 和 port。"
)

ERROR_HINTS = {
    "AttributeError": "提示：Python 在那个对象上找不到这个名字的属性：检查上面那一行的拼写（time、socket 这样的模块有哪些属性，见它们的文档）。",
    "NameError": "提示：Python 在这里找不到这个名字的变量或函数：检查上面那一行的拼写，以及它是否在这一行运行之前就已经赋值。",
    "ConnectionRefusedError": "提示：“connection refused”（连接被拒绝）表示那个地址上没有程序在监听。请连接（host, port），也就是函数收到的那两个值。",
    "UnicodeDecodeError": "提示：消息是 bytes，不是文本。不要 decode()：原样发送、原样返回这些字节。",
    "TypeError": "提示：某个调用收到的参数类型或个数不对：把上面那一行和课文里的调用方式对照一下。",
    "BrokenPipeError": "提示：这个套接字不能发送：要么对端已经关闭，要么它是只负责接受连接的监听套接字。请在 accept() 返回的套接字上发送。",
}
HINT_NOT_BYTES = "提示：套接字收发的是 bytes。bytes 对象原样传入、原样返回；不要 str()，也不要 encode() 或 decode()。"
HINT_ADDRESS_TUPLE = "提示：connect() 和 bind() 只接受一个参数，即地址元组：connect((host, port))、bind((host, port))，要写两层括号。"
HINT_WOULD_BLOCK = "提示：非阻塞套接字不会等待，而是抛出 BlockingIOError。在非阻塞套接字上调用 sendall()，发送缓冲区一满就会抛出它，这时数据已经发出了一部分，你却无从知道发了多少：只在选择器报告套接字可写时调用 send()，把 send() 没有拿走的字节留到下一次。"
HINT_ACCEPT_PAIR = "提示：accept() 返回一对值：新的套接字和客户端的地址，要写成 conn, address = listener.accept()，然后在 conn 上 recv() 和 send()。"
ERRNO_HINTS = {
    "Address already in use": "提示：旧连接处于 TIME_WAIT 时，端口仍被占用。在监听套接字上、bind() 之前设置 SO_REUSEADDR（端口复用）。",
    "Transport endpoint is not connected": "提示：监听套接字只负责接受连接，不能收发消息。请用 accept() 返回的新套接字收发数据。",
    "Bad file descriptor": "提示：这个套接字已经关闭了。用完之后再关闭套接字。",
    "EOF when reading a line": "提示：你的代码调用了 input()，但评分时没有键盘输入：不要从标准输入读取。",
    "File too large": "提示：你的代码打印得太多了；在套接字的循环里少打印，或者不打印。",
}

FRAME_LINE = "    {file}，第 {lineno} 行，在 {func} 中：{source}"

SIGNATURE_HINT = (
    "提示：评分器完全按照本课约定的方式调用你的函数（见初始代码里的 def 那一行）。"
    "函数名和参数请保持和初始代码一样。"
)

# --------------------------------------------------------------------------- checks shared by lessons

SOCKET_NOT_CLOSED = (
    "{name} 返回时，它创建的套接字没有关闭：{what}\n"
    "  提示：每个创建的套接字都要 close()（with 语句会替你关闭），出错时也一样。"
)
SOCKET_LEFT_OPEN = "返回后仍有一个套接字开着（{state}，{local} -> {remote}）"
SOCKET_LEFT_OPEN_IDLE = "返回后仍有 {count} 个套接字开着，始终没有关闭"
TIMELINE_LEFT_OPEN = "{name} 返回后，内核里它的套接字 {local} -> {remote} 仍处于 {state}"
LISTENER_LEFT_OPEN = "返回后监听套接字仍然开着（在 {local} 上 LISTEN）"
SOCKET_GC = (
    "有一个套接字没有调用 close() 就被丢弃了，只能等 Python 的垃圾回收在之后某个时刻关闭它"
    "（{message}{where}）"
)
SOCKET_CREATED_AT = "，创建于 {file} 第 {line} 行"
CLOSE_WAIT_LEFT = (
    "{name} 返回了，但留下一个处于 CLOSE_WAIT 的连接（{local} -> {remote}）："
    "对端已经关闭（FIN），你的代码却一直没有关闭自己这一端。\n"
    "  提示：每个套接字用完都要 close()；你不关，内核就一直保留这个连接。"
)
RETURN_TYPE = (
    "{name} 返回了 {type} 类型的值（{value}）；它必须返回 bytes。\n"
    "  提示：套接字传输的是字节。把 recv() 给你的数据原样返回，不要 decode() 或 str()。"
)
RETURNED_NONE = (
    "{name} 返回了 None；它必须返回 bytes。\n"
    "  提示：是不是忘了写 return？没有 return 语句的函数返回 None。"
)
WRONG_RETURN = (
    "{name} 返回了 {got}\n  而期望的值是 {want}。\n  {hint}"
)
NOT_JUDGED = (
    "在这个系统上未评判：{what}。只有 Linux 的内核能让评分器看到这一点，所以这个检查项在这里既不算通过，也不算失败。\n"
    "  要得到完整的评判，请在 Linux、Windows 上的 WSL 或课程的开发容器（dev container）里评分。"
)
NOT_JUDGED_SOCKETS = "你的代码是否关闭了它创建的每个套接字，要在内核的打开套接字表里才能看到"
NOT_JUDGED_UNREAD = "你的代码在套接字里留下了多少未读的字节，要看内核对接收队列的计数"
NOT_JUDGED_THREADS = "你的服务端运行了多少个线程，要看内核对这个进程线程数的计数"
NOT_JUDGED_GIVEN = "你的代码有没有让交给它的套接字保持打开，要在内核的套接字表里才能看到"
NOT_JUDGED_TIME_WAIT = "你的服务端第二次启动时，第一次运行的连接是否处于 TIME_WAIT，要在内核的套接字表里才能看到"
NOT_JUDGED_MEMORY = "客户端不读数据时你的服务端占用了多少内存，要看内核的计数"
NOT_JUDGED_LINE = (
    "有 {count} 个检查项在这个系统上未评判：它们需要 Linux 内核的视角。要得到完整的评判，"
    "请在 Linux、Windows 上的 WSL 或课程的开发容器（dev container）里评分。"
)
LINUX_ONLY = (
    "注意：这个系统没有 /proc/net/tcp（不是 Linux），所以无法观察内核眼中的套接字状态"
    "（TIME_WAIT、CLOSE_WAIT、LISTEN、未读的字节）：依赖这些观察的检查项显示“在这个系统上未评判”，"
    "分段发送改为用停顿隔开。在 Linux、Windows 上的 WSL 或课程的开发容器里才能完整评分。"
)

# --------------------------------------------------------------------------- lesson titles, check titles, hints

CHECK_TITLES = {
    # client_flow
    "test_connects_to_the_given_host_and_port": "连接到给定的 host 和 port",
    "test_sends_the_whole_message_once_unchanged": "把消息的字节原样发送一次",
    "test_returns_the_servers_reply_as_bytes": "以 bytes 返回服务端的回复",
    "test_client_closes_its_socket": "关闭自己的套接字",
    # server_flow
    "test_listens_on_the_given_host_and_port": "在给定的 host 和 port 上监听",
    "test_echoes_the_message_on_the_accepted_connection": "在 accept() 得到的连接上把消息原样回送",
    "test_returns_the_clients_message": "以 bytes 返回客户端的消息",
    "test_server_closes_the_connection_first_with_fin": "先关闭连接，发出 FIN",
    "test_server_closes_every_socket": "关闭连接和监听套接字",
    "test_restarts_on_the_same_port_during_time_wait": "上一个连接处于 TIME_WAIT 时，能在同一端口上重启",
    # recv_loop
    "test_recv_exactly_collects_every_piece": "recv_exactly() 收齐分段发来的消息",
    "test_recv_exactly_leaves_the_next_message_unread": "recv_exactly() 绝不读过第 n 个字节",
    "test_recv_exactly_raises_eoferror_when_the_peer_closes_early": "对端提前关闭时 recv_exactly() 抛出 EOFError",
    "test_recv_exactly_zero_returns_empty_bytes": "recv_exactly(sock, 0) 立即返回 b\"\"",
    "test_recv_exactly_is_fast_on_8_mib": "recv_exactly() 传输 8 MiB 的用时不超过参考解的 5 倍",
    "test_recv_until_closed_collects_everything_until_fin": "recv_until_closed() 返回对端 FIN 之前的全部数据",
    "test_recv_until_closed_is_fast_on_8_mib": "recv_until_closed() 传输 8 MiB 的用时不超过参考解的 5 倍",
    "test_send_all_delivers_every_byte_when_send_is_partial": "send() 只接收一部分时，send_all() 仍送出每个字节",
    "test_send_all_uses_send_not_sendall": "send_all() 自己循环调用 send()，不用 sendall()",
    "test_send_all_is_fast_on_8_mib": "send_all() 传输 8 MiB 的用时不超过参考解的 5 倍",
    # graceful_close
    "test_request_signals_its_end_with_shut_wr": "request_and_half_close() 用 shutdown(SHUT_WR) 结束请求",
    "test_request_reads_the_whole_reply_until_eof": "request_and_half_close() 一直读回复直到 EOF",
    "test_request_closes_its_socket": "request_and_half_close() 关闭自己的套接字",
    "test_serve_reads_the_request_until_eof": "serve_one_request() 读请求直到 EOF，并回复倒序的请求",
    "test_serve_closes_with_fin_not_rst": "serve_one_request() 用 FIN 而不是 RST 关闭",
    "test_serve_returns_the_request": "serve_one_request() 返回请求",
    "test_serve_leaves_no_close_wait": "serve_one_request() 关闭每个套接字，不留 CLOSE_WAIT",
    "test_reject_replies_after_the_header_line": "reject_and_drain() 读完首行后立即回复 REJECTED",
    "test_reject_closes_with_fin_not_rst": "reject_and_drain() 读空剩余数据，用 FIN 而不是 RST 关闭",
    "test_reject_returns_the_header_line": "reject_and_drain() 返回首行",
    "test_reject_closes_every_socket": "reject_and_drain() 关闭每个套接字",
    "test_reject_restarts_on_the_same_port_during_time_wait": "reject_and_drain() 在 TIME_WAIT 期间能在同一端口上重启",
}

# --------------------------------------------------------------------------- client_flow

CLIENT_SENT = (
    "参考服务端收到的是 {got}\n  而消息本来是 {want}。\n  {hint}"
)
CLIENT_SENT_TWICE = "提示：消息到达了不止一次。只发送一次（sendall() 本身就会把每个字节都发出去）。"
CLIENT_SENT_STR = "提示：这是 str(message) 得到的文本，而不是消息的字节。直接发送 bytes 对象本身。"
CLIENT_SENT_CHANGED = "提示：字节在途中被改动了。不要对消息 decode() 或 encode()：原样发送。"
CLIENT_SENT_EXTRA = "提示：消息之后还多发了别的东西。只发送消息本身，不要多发。"
CLIENT_RETURNED_MESSAGE = (
    "request() 返回的是它自己发出的消息 {got}，而不是服务端的回复。\n"
    "  提示：返回 recv() 给你的数据，而不是你交给 send() 的数据。"
)
CLIENT_REPLY_HINT = "提示：把 recv() 给你的字节原样返回。"
CLIENT_REPLY_HINT_EMPTY = "提示：recv() 会等待回复到来；发送之后调用它，并返回它给你的数据。"
SERVER_IS_AT = "（参考服务端当时在 {host}:{port} 上监听，也就是你的函数收到的 host 和 port。）"
CLIENT_RST = (
    "服务端发出回复和 FIN 之后，你的客户端这一端发出的是 RST（重置连接），而不是正常关闭的 FIN。"
    "如果关闭套接字时接收缓冲区里还有没读的数据（这里就是那条回复），内核就会发送 RST。\n"
    "  提示：先 recv() 读取回复，再 close()。"
)
CLIENT_NO_FIN = (
    "服务端发出回复和 FIN 之后，参考服务端一直等你的客户端关闭连接，"
    "等到的是：{end}，而不是你的 FIN。\n  提示：拿到回复后就 close() 套接字。"
)

# --------------------------------------------------------------------------- server_flow

SERVER_ECHO = "参考客户端发送的是 {want}\n  而你的服务端回送的是 {got}。\n  {hint}"
SERVER_ECHO_HINT = "提示：在 accept() 返回的套接字上，把 recv() 给你的字节原样发回去。"
SERVER_ECHO_HINT_EMPTY = "提示：在 accept() 得到的连接上 recv(1024) 之后，把同样的字节从这个连接发回去。"
SERVER_RETURN_HINT = "提示：返回从客户端收到的消息，类型是 bytes。"
SERVER_NO_FIN = (
    "回送之后，参考客户端等你的服务端先关闭连接，等到的是：{end}，而不是 FIN。\n"
    "  提示：回送完毕后（在返回之前）close() accept() 得到的连接。"
)
SERVER_RST_AFTER_FIN = (
    "回送之后，你的服务端发出的 FIN 到了参考客户端，但紧跟着又发出了 {count} 个 RST："
    "数据包显示连接是被重置的，而不是正常关闭。客户端的 recv() 先看到了 FIN，只靠它的套接字看不出来。\n"
    "  提示：SO_LINGER 设成 0 时，close() 会发送 RST，shutdown(SHUT_WR) 之后也一样：你这一端不会进入 "
    "TIME_WAIT，还在路上的数据也会被丢弃。不要去动 SO_LINGER；让服务端能在 TIME_WAIT 期间重启的是 SO_REUSEADDR。"
)
SERVER_STILL_LISTENING = (
    "serve_once() 已经返回，但它在端口 {port} 上的监听套接字还开着（LISTEN）。\n"
    "  提示：关闭连接之后，也要 close() 监听套接字。"
)
SERVER_NO_TIME_WAIT = (
    "第一次运行之后，服务端这一端的连接状态：{state}（本应是 TIME_WAIT），所以无法测试重启。"
    "\n  提示：服务端必须先关闭连接；见上面那个检查。"
)
SECOND_RUN = (
    "你的服务端第一次运行时服务了一个客户端并关闭了连接；这个连接在端口 {port} 上处于 TIME_WAIT。"
    "随后在同一端口上的第二次运行失败了："
)
REUSEPORT_USED = (
    "你的服务端第二次运行、在端口 {port} 上监听时，评分器在同一端口上又启动了一个服务端，内核竟然放行了："
    "你的监听套接字设置了 SO_REUSEPORT，它让别的程序可以共享你的端口、抢走你的客户端。"
    "SO_REUSEPORT 也能让重启穿过 TIME_WAIT，但这不是本课要求的端口复用。\n"
    "  提示：在 bind() 之前设置 SO_REUSEADDR（而不是 SO_REUSEPORT）。"
)

# --------------------------------------------------------------------------- recv_loop

ONE_RECV = (
    "参考对端把 {total} 字节分段发送（{pieces} 字节），每一段都等你的代码读完上一段才发。"
    "{name} 只返回了最前面的 {got} 字节。\n"
    "  提示：一次 recv() 只返回接收缓冲区里已经到达的数据，而不是一整条消息。要用循环。"
)
RECV_EXACTLY_HINT = "提示：用循环，每次只向 recv() 要还缺的字节数。"
RECV_UNTIL_CLOSED_HINT = "提示：不断调用 recv()，直到它返回 b\"\"（对端的 FIN）；最后再把各段拼接起来。"
READ_PAST_N = (
    "参考对端发送了 {sent} 字节：{n} 字节的消息，后面紧跟着下一条消息。"
    "recv_exactly() 必须把下一条消息留在套接字里，但之后套接字里剩下的是 {left}，"
    "而不是 {want}。\n"
    "  提示：向 recv() 要的字节数绝不能超过还缺的数量；从套接字里取走的数据就再也回不去了。"
)
RETURNED_PAST_N = (
    "recv_exactly(sock, {n}) 返回了 {got} 字节：要求的 {n} 字节，再加上下一条消息的开头。\n"
    "  提示：向 recv() 要的字节数绝不能超过还缺的数量；从套接字里取走的数据就再也回不去了。"
)
ZERO_HINT = "提示：n == 0 时没有东西要收：不调用 recv()，直接返回 b\"\"。"
SENT_THEN_FIN = "参考对端发送了 {n} 字节中的 {sent} 字节，然后关闭（FIN）"
EXPECTED_EOFERROR = "recv() 返回 b\"\"（对端已关闭）之后，recv_exactly() 抛出 EOFError。"
EXPECTED_RETURN_AT_FIN = (
    "recv_until_closed() 返回：对端已经关闭（FIN），此后每次 recv() 都会立即返回 b\"\"，"
    "所以遇到 b\"\" 不停止的循环会永远空转。"
)
NO_RETURN_AT_FIN = (
    "参考对端已经发完全部 {size} MiB 并关闭（FIN），但 {limit:.1f} 秒后 {name} 仍没有返回。"
)
NO_EOFERROR_RETURNED = (
    "对端在发完所要求的字节之前就关闭了，recv_exactly() 却返回了 {got}，"
    "而没有抛出 EOFError。\n"
    "  提示：在拿到 n 个字节之前 recv() 就返回了 b\"\"，就抛出 EOFError：不完整的消息不算消息。"
)
WRONG_EXCEPTION = (
    "对端在发完所要求的字节之前就关闭了；recv_exactly() 抛出了 {type}({message})，"
    "但约定要求的是 EOFError。\n  提示：recv() 过早返回 b\"\" 时，raise EOFError(...)。"
)
SEND_TOO_MUCH = (
    "send_all() 拿到了 {total} 字节；参考对端却收到了 {got} 字节，多了 {extra} 字节：前 {same} 字节是对的，"
    "之后又有字节被重新发送。\n"
    "  提示：send() 只发出一部分之后，只发送剩下的部分，从 send() 停下的地方接着发（memoryview 切片不会复制），"
    "而不是再从头发送。"
)
SEND_PARTIAL = (
    "send_all() 拿到了 {total} 字节；连接关闭之前，参考对端收到了 {got} 字节，"
    "其中只有前 {same} 字节正确。\n"
    "  提示：send() 返回它实际拷进发送缓冲区的字节数，可能比你给它的少。剩下的要用循环继续发。"
)
USED_SENDALL = (
    "send_all() 调用了 sock.sendall()（{count} 次）。这样能工作，但本课要你自己写的正是 sendall() "
    "里面的那个循环。\n  提示：调用 sock.send()，用它的返回值算出还剩多少没发。"
)
BIG_WRONG = (
    "{name} 要传输 {total} 字节，结果得到了 {got} 字节，而且内容不一致。\n"
    "  提示：每个字节都要有，只出现一次，顺序不变。"
)
TOO_SLOW = (
    "{name} 传输 {size} MiB 用了 {times}；本次运行中参考解用了 {reference:.0f} 毫秒，"
    "允许的上限是它的 {factor} 倍：{budget:.0f} 毫秒。\n  {hint}"
)
TOO_SLOW_KILLED = (
    "{name} 运行了 {limit:.1f} 秒还没传完 {size} MiB；本次运行中参考解用了 "
    "{reference:.0f} 毫秒（上限 {budget:.0f} 毫秒）。\n  {hint}"
)
SPEED_HINT = {
    "recv_exactly": "提示：一次接收大块数据（不要 recv(1)），收集到 bytearray 里，或放进列表最后拼接一次："
                    "对 bytes 做 data += chunk 每次都会把已收到的数据全部复制一遍。",
    "recv_until_closed": "提示：一次接收大块数据（不要 recv(1)），放进列表，最后拼接一次："
                         "对 bytes 做 data += chunk 每次都会把已收到的数据全部复制一遍。",
    "send_all": "提示：把剩下的全部交给 send()，而不是一次一个字节；memoryview 切片不会复制数据。",
}

# --------------------------------------------------------------------------- graceful_close

EXPECTED_REQUEST_EOF = "你的请求的结尾：你用 shutdown(SHUT_WR) 发出的 FIN，参考服务端要看到它才回复。"
HALF_CLOSE_HINT = (
    "提示：服务端只有知道请求已经完整，才会回复。shutdown(socket.SHUT_WR) 发出这个 FIN，"
    "同时套接字仍然开着，可以读回复（半关闭）。"
)
EXPECTED_READ_REPLY = "你的代码一段一段地读取回复。"
NO_HALF_CLOSE = (
    "参考服务端等待你的请求结束（FIN），等到的是：{end}。\n"
    "  提示：发送完请求后，调用 shutdown(socket.SHUT_WR)。"
)
REQUEST_CHANGED = "参考服务端收到的请求是 {got}\n  而消息本来是 {want}。"
CLOSED_TOO_EARLY_HINT = (
    "提示：close() 把两个方向都关掉了，SHUT_RD 则让你不能再读。只有 shutdown(SHUT_WR) "
    "能结束你的请求，同时让套接字保持打开以读取回复。"
)
CLOSED_BEFORE_REPLY = (
    "参考服务端看到了你的请求结束（FIN）并发出了回复，但你的代码一个字节都没读："
    "你的套接字已经关闭了，或者关闭了读方向。\n  "
    "提示：close() 把两个方向都关掉了，SHUT_RD 则让你不能再读。只有 shutdown(SHUT_WR) "
    "能结束你的请求，同时让套接字保持打开以读取回复。"
)
ONE_RECV_REPLY = (
    "参考服务端把 {total} 字节的回复分段发送（{pieces} 字节），每一段都等你的代码读完上一段才发，"
    "最后发出 FIN。request_and_half_close() 只返回了最前面的 {got} 字节。\n"
    "  提示：一直读到 recv() 返回 b\"\"：服务端的 FIN 就是回复的结尾。"
)
READ_UNTIL_EOF_HINT = "提示：一直读到 recv() 返回 b\"\"，保留每一段，最后拼接起来返回。"
NEWLINE_NOT_EOF_HINT = (
    "你的代码读到回复的第一个换行符就停了：在这里换行符只是普通的字节，回复在它后面还有内容。"
    "只有服务端的 FIN（recv() 返回 b\"\"）才表示回复结束。"
)
EXPECTED_READ_REQUEST = "你的服务端一段一段地读取请求。"
EXPECTED_REPLY_AND_FIN = "倒序的请求，然后是你的服务端的 FIN。"
WRONG_REVERSED = (
    "参考客户端分段发送请求，然后发出 FIN；你的服务端回复的是 {got}\n"
    "  而期望的回复是整个请求倒过来：{want}。\n"
    "  提示：一直读到 recv() 返回 b\"\"（客户端的 FIN），然后才用 request[::-1] 回复。"
)
SERVER_RST = (
    "回复之后，参考客户端看到连接被重置（RST），而不是正常关闭（FIN）。\n"
    "  提示：关闭套接字时如果收到的数据还没读完，或者 SO_LINGER 设成了 0，内核就会发送 RST。"
    "关闭前先把请求读到 b\"\"，也不要去动 SO_LINGER。"
)
SERVER_NO_CLOSE = (
    "回复之后，参考客户端等你的服务端关闭连接（FIN），但 serve_one_request() 返回时"
    "连接仍然开着。\n"
    "  提示：回复发出后，close() accept() 得到的连接。"
)
SERVE_RETURN_HINT = "提示：返回你读到的整个请求，而不是回复。"
EXPECTED_REJECTED = "首行之后（在消息体的其余部分之前）立即回复 b\"REJECTED\\n\"。"
EXPECTED_DRAIN = "你的服务端把消息体的剩余部分读走（然后丢掉）。"
EXPECTED_SERVER_FIN = (
    "回复之后、客户端还在发送消息体时，你的服务端发出 FIN（shutdown(SHUT_WR)）。"
)
NO_REJECTED = (
    "参考客户端发送了首行和消息体的开头，然后等待回复；"
    "收到的却是 {got}，而不是 b'REJECTED\\n'。\n"
    "  提示：读到第一个 b\"\\n\"（包括它）为止，然后立即发送 b\"REJECTED\\n\"。"
)
REJECT_RST = (
    "参考客户端收到了 {got}，然后连接被重置（RST），而不是正常关闭（FIN）。"
    "你的服务端关闭时，客户端的消息体还在接收缓冲区里没读，所以内核发送了 RST，"
    "这可能毁掉客户端还没读到的回复。\n"
    "  提示：回复之后先 shutdown(SHUT_WR)，再用 recv() 读取并丢弃数据直到 b\"\"，最后才 close()。"
)
REJECT_NO_FIN = (
    "回复之后，参考客户端继续发送消息体，并等待你的服务端的 FIN，"
    "但直到 reject_and_drain() 返回都没有等到。\n"
    "  提示：回复之后马上 shutdown(SHUT_WR)，告诉客户端回复已经完整。"
)
REJECT_REPLY = "你的服务端的全部回复是 {got}；它必须正好是 b'REJECTED\\n'。"
HEADER_HINT = "提示：返回首行，到 b\"\\n\" 为止（包括它），不要包含消息体。"
REJECT_NO_TIME_WAIT = (
    "第一次运行之后，服务端这一端的连接状态：{state}（本应是 TIME_WAIT），所以无法测试重启。"
    "\n  提示：服务端要先半关闭；见上面的检查。"
)

# --------------------------------------------------------------------------- framing

DID_RETURN = "它返回了 {got}"
DID_RAISE = "它抛出了 {type}({message})"
SEND_NATIVE_ORDER = (
    "send_frame() 发出的帧头是 {got}，而长度 {n} 按网络字节序（大端序）应该是 {want}："
    "你的帧头字节顺序反了，用的是这台机器的本机字节序（小端序）。\n"
    "  提示：struct.pack(\"!I\", n) 里的 \"!\" 表示网络字节序。不写它，对端读出的是另一个数。"
)
SEND_NO_HEADER = (
    "send_frame() 只发出了 {n} 字节的负载，前面没有 4 字节的长度，对端无法知道这一帧在哪里结束。\n"
    "  提示：先发送 struct.pack(\"!I\", len(payload))，再发送负载。"
)
SEND_FRAME_WRONG = (
    "send_frame() 拿到的是 {n} 字节的负载；参考对端收到的是 {got}\n"
    "  而一帧应该是 {want}：4 字节的大端序长度，然后是原样不变的负载字节。\n"
    "  提示：struct.pack(\"!I\", len(payload)) + payload，每个字节发送一次。"
)
EXPECTED_SEND_VALUEERROR = "send_frame() 抛出 ValueError，而且什么都不发送。"
SEND_EXACT_MAX_WRONG = (
    "send_frame() 拿到了正好 MAX_FRAME（{max}）字节的负载，这是允许的：参考对端应收到一个 {total} 字节的帧，"
    "实际收到了 {sent} 字节；{did}。\n"
    "  提示：只拒绝超过 MAX_FRAME 的负载（len(payload) > MAX_FRAME）；正好 MAX_FRAME 字节的负载要照常发送。"
)
SEND_OVER_MAX = (
    "send_frame() 拿到了 {size} 字节的负载，超过了 MAX_FRAME（{max}）；它必须抛出 ValueError，什么都不发送。"
    "参考对端收到了 {sent} 字节，而且{did}。\n"
    "  提示：在构造或发送任何东西之前先检查 len(payload)；反正接收方也会拒绝这样的帧。"
)
EXPECTED_FRAME = "recv_frame() 返回这一帧的负载。"
FRAME_IN_PIECES = (
    "参考对端把一个 {total} 字节的帧（4 字节的帧头写着 {n}，然后是负载）分段发送（{pieces} 字节）："
    "第一段只是半个帧头，第二段在字符“世”的中间结束。每一段都等你的代码读完上一段才发。然后{did}。\n  {hint}"
)
HEADER_ONE_RECV_HINT = (
    "提示：recv(4) 可能返回不到 4 个字节：这里只拿到了 2 个。用第 3 课的循环读帧头，直到 4 个字节都到手。"
)
PAYLOAD_ONE_RECV_HINT = (
    "提示：一次 recv() 只返回了负载的第一段，而对端并没有关闭。recv() 返回得少不等于 EOF："
    "要循环，直到拿到帧头所说的字节数；只有 b\"\" 才表示 EOF。"
)
NATIVE_ORDER_HINT = (
    "提示：你的代码把这一帧当成了长得多的一帧。它的帧头是 00 00 01 23：按网络字节序（大端序）是 {n}，"
    "按这台机器的本机小端序读却是 {little}。请用 struct.unpack(\"!I\", header)，并用循环读帧头："
    "一次 recv(4) 可能只返回 2 个字节。"
)
FRAME_BYTES_HINT = "提示：正好返回负载的字节：不含帧头，不做解码，也不含下一帧的任何字节。"
RETURNED_PAST_FRAME = (
    "recv_frame() 返回了 {got} 字节：{n} 字节的负载，后面还跟着下一帧的开头。\n"
    "  提示：向 recv() 要的字节数绝不能超过这一帧还缺的字节数。"
)
READ_PAST_FRAME = (
    "参考对端一次发送了 {sent} 字节：一个 {frame} 字节的帧，然后是下一帧。recv_frame() 必须把下一帧留在"
    "套接字里，但之后套接字里只剩 {left} 个未读字节，而不是 {want} 个。\n"
    "  提示：向 recv() 要的字节数绝不能超过还缺的字节数；从套接字里取出来的字节就再也回不去了。"
)
EXPECTED_NONE = "recv_frame() 返回 None：对端在两帧之间关闭了。"
CLOSED_BETWEEN_FRAMES = "参考对端在发送任何一帧的任何字节之前就关闭了（FIN）"
NO_NONE_AT_EOF = (
    "参考对端在一帧的第一个字节之前正常关闭了（FIN），而{did}。\n"
    "  提示：在帧头第一个字节之前读到 EOF，是一次对话的正常结束：这时返回 None。"
    "只有在一帧中间读到 EOF 才是错误。"
)
CUT_IN_HEADER = "参考对端只发送了这一帧 {total} 字节中的 {sent} 字节（在帧头中间），然后关闭了（FIN）"
CUT_IN_PAYLOAD = "参考对端只发送了这一帧 {total} 字节中的 {sent} 字节（在负载中间），然后关闭了（FIN）"
CUT_AFTER_HEADER = "参考对端只发送了这一帧 {total} 字节中的 {sent} 字节（整个帧头，负载一个字节也没有），然后关闭了（FIN）"
EXPECTED_EOFERROR_FRAME = "recv_frame() 抛出 EOFError：对端在一帧的中间关闭了。"
NO_EOFERROR_IN_FRAME = (
    "这里{where}，而{did}。\n"
    "  提示：被截断的帧不是帧：帧头的第一个字节一旦到达，在这一帧最后一个字节之前读到 EOF 就要抛出 EOFError。"
)
EXACT_MAX_HINT = "提示：正好 MAX_FRAME（{max}）字节的帧是允许的：只有超过 MAX_FRAME 的长度才要拒绝。"
EXACT_MAX_NATIVE = (
    "参考对端发送了一个正好 MAX_FRAME（{max}）字节的帧，这是允许的；recv_frame() 只返回了它的前 {got} 个字节："
    "它的帧头 00 10 00 00 按网络字节序（大端序）是 {max}，按这台机器的本机小端序读却是 {got}。\n"
    "  提示：用 struct.unpack(\"!I\", header) 解出长度：\"!\" 表示网络字节序。"
)
EXACT_MAX_WRONG = (
    "参考对端发送了一个正好 MAX_FRAME（{max}）字节的帧，这是允许的；recv_frame() 返回的 {got} 字节却不是"
    "它的负载。\n  提示：循环，直到拿到帧头所说的字节数。"
)
EXPECTED_VALUEERROR = "recv_frame() 抛出 ValueError：帧头声称的字节数超过了 MAX_FRAME。"
SENT_HUGE = "帧头声称有 {n} 字节；对端只发送了其中 {sent} 字节，然后关闭了（FIN）"
TRUSTED_LENGTH = (
    "参考对端发送的帧头声称有 {n} 字节，超过了 MAX_FRAME（{max}），然后发送了 {sent} 字节和 FIN。"
    "recv_frame() 必须在读取任何负载之前抛出 ValueError，但{did}。\n"
    "  提示：长度来自网络：在读取（或分配）这么多字节之前，先拿它和 MAX_FRAME 比较。"
    "否则任何对端都能让你为 4 GiB 等待下去，或者为它占用内存。"
)
READ_BEFORE_CHECK = (
    "recv_frame() 对声称 {n} 字节的帧头抛出了 ValueError，但那是在从套接字里读走了 {read} 字节负载之后。\n"
    "  提示：解出帧头之后马上检查长度，在对负载调用任何 recv() 之前。"
)
EXPECTED_LINE_REPLY = "每一个完整的行的回复，这一行一完整就发出。"
TIMELINE_NO_REPLY = "这一行发出 {wait:.1f} 秒后仍没有回复：你的代码被停下了"
NO_LINE_REPLY = (
    "参考客户端发送了 {sent}，这就补全了 {complete}，然后等待回复 {want}。"
    "{wait:.1f} 秒后它只收到了 {got}，而你的代码还在等更多数据。\n  {hint}"
)
WAITS_FOR_MORE_HINT = (
    "提示：客户端要收到这一行的回复才会发送下一行，所以先等更多数据再回答的服务端会永远等下去。"
    "每次 recv() 之后，立即回答缓冲区里每一个完整的行。"
)
LOST_AFTER_NEWLINE_HINT = (
    "提示：一次 recv() 可能带来好几行，或者一行再加下一行的开头。回答每一个完整的行，"
    "并把最后一个 b\"\\n\" 之后的字节留在缓冲区里：它们是下一行的开头。"
)
WRONG_LINE_REPLY = (
    "参考客户端发送了 {sent}，这就补全了 {complete}，收到的是 {got}\n"
    "  而期望的回复是 {want}。\n  {hint}"
)
PIECE_ANSWERED_HINT = (
    "提示：这一行的 b\"\\n\" 还没到，你的代码就回复了它的开头 {part}：一次 recv() 可能在一行的任何地方结束。"
    "把最后一个 b\"\\n\" 之后的字节留在缓冲区里，只回复完整的行。"
)
NEWLINE_REVERSED_HINT = (
    "提示：你把整行连同它的 b\"\\n\" 一起反转了，所以 b\"\\n\" 跑到了最前面（b\"abc\\n\" 变成了 b\"\\ncba\"）。"
    "先去掉这一行的 b\"\\n\"，把剩下的字节反转（line[::-1]），再在末尾加上 b\"\\n\"。"
)
REVERSE_HINT = (
    "提示：回复是去掉 b\"\\n\" 之后这一行的字节反转，再加上 b\"\\n\"：b\"abc\\n\" -> b\"cba\\n\"。"
    "直接处理字节（line[::-1]）；解码会在不是 UTF-8 的字节上出错。"
)
EXPECTED_COUNT = "客户端关闭（EOF）之后，serve_lines() 返回它回答过的行数。"
WRONG_COUNT_AT_EOF = (
    "参考客户端发送了 {sent}，然后发出 FIN：一个完整的行，加上最后一个没有 b\"\\n\" 的行（要丢弃）。"
    "它收到了 {got}（期望 {want}），而{did}；serve_lines() 应该返回 1。\n"
    "  提示：读到 EOF（recv() 返回 b\"\"）时，返回回答过的行数；没有 b\"\\n\" 的行不完整，不回复。"
)
NEWLINE_FIRST_AT_EOF = (
    "参考客户端发送了 {sent}，然后发出 FIN。serve_lines() 返回了 1，这是对的；但客户端收到的是 {got}，"
    "期望的是 {want}：这一行的 b\"\\n\" 排到了最前面。\n  {hint}"
)
WRONG_REPLY_AT_EOF = (
    "参考客户端发送了 {sent}，然后发出 FIN：一个完整的行，加上最后一个没有 b\"\\n\" 的行（要丢弃）。"
    "serve_lines() 返回了 1，这是对的；但客户端收到的是 {got}，期望的是 {want}。\n"
    "  提示：只回复完整的行，等它的 b\"\\n\" 到了再回复；最后一个 b\"\\n\" 之后的字节要等这一行剩下的部分，"
    "到 EOF 时它们不会得到回复。"
)
CLOSED_THE_SOCKET = (
    "serve_lines() 回答正确，也返回了 1，但它关闭了别人交给它的套接字。\n"
    "  提示：这个套接字属于调用者（第 7、8 课的服务端会去关闭它）：不要关闭它。"
)
EXPECTED_RESET_RAISED = "serve_lines() 让客户端重置（RST）引起的 ConnectionResetError 传出去。"
RESET_SWALLOWED = (
    "参考客户端发送了半行，然后重置了连接（RST），而{did}。\n"
    "  提示：重置不是正常结束：让 ConnectionResetError 传出去（不要捕获它），调用者才知道对话断了。"
)

CHECK_TITLES.update({
    "test_send_frame_sends_a_big_endian_length_then_the_payload": "send_frame() 先发 4 字节大端序长度，再发负载",
    "test_send_frame_refuses_a_payload_over_max_frame": "负载超过 MAX_FRAME 时，send_frame() 抛出 ValueError，什么都不发",
    "test_recv_frame_collects_a_frame_sent_in_pieces": "帧在帧头和字符中间被拆开时，recv_frame() 能收齐",
    "test_recv_frame_leaves_the_next_frame_unread": "recv_frame() 绝不读过这一帧的最后一个字节",
    "test_recv_frame_returns_none_at_a_clean_eof": "对端在两帧之间关闭时，recv_frame() 返回 None",
    "test_recv_frame_raises_eoferror_when_a_frame_is_cut": "对端在一帧中间关闭时，recv_frame() 抛出 EOFError",
    "test_recv_frame_refuses_a_length_over_max_frame_before_reading_it": "recv_frame() 在读取之前拒绝超过 MAX_FRAME 的长度",
    "test_serve_lines_answers_each_line_at_once": "无论行怎样被拆开，serve_lines() 都立即回答每一个完整的行",
    "test_serve_lines_returns_the_count_at_eof": "serve_lines() 丢弃最后一个没有 b\"\\n\" 的行，在 EOF 时返回行数",
    "test_serve_lines_lets_a_reset_propagate": "serve_lines() 让重置（ConnectionResetError）传出去",
})

# --------------------------------------------------------------------------- timeouts

PEER_SERVERS = "参考服务端"
ORDER_NONE = "无"
SERVER_KINDS = {
    "refusing": "拒绝连接", "silent": "沉默", "trickling": "涓流",
    "resetting": "回复到一半时重置", "slow": "慢但来得及", "good": "正常",
}
SERVER_KIND_STALLING = "涓流后停住"
SERVER_LABEL = "服务端 {index}（{kind}，{address}）"
TL_CONNECT = "连接服务端 {index}（在 {t:.3f} 秒时）"
TL_REQUEST = "请求（{size} 字节），FIN，发往服务端 {index}"
TL_RST = "请求结束之前向服务端 {index} 发出 RST"
TL_CLOSE_BEFORE_REPLY = "请求（{size} 字节），然后关闭，发往服务端 {index}：还没有收到任何回复"
TL_CLOSE_NO_FIN = "关闭，发往服务端 {index}：请求始终没有先结束"
TL_TRICKLE = "服务端 {index}：每 {every:.2f} 秒 1 个字节（共 {sent} 个）"
TL_STALL = "服务端 {index}：每 {every:.2f} 秒 1 个字节，持续 {stall:.2f} 秒（共 {sent} 个），然后什么也不发"
TL_SILENT = "服务端 {index}：一言不发"
TL_ANSWER = "服务端 {index}：{sent} 字节，然后 {end}"
TL_CLOSED = "你连向服务端 {index} 的套接字在连接后 {after:.3f} 秒关闭（截止时间 {timeout} 秒）"
TL_STILL_OPEN = "你连向服务端 {index} 的套接字在连接后 {after:.2f} 秒仍未关闭（截止时间 {timeout} 秒）：已停下"
TL_RAISED = "first_reply() 抛出了 {type}: {message}"
NOT_JUDGED_STOPPED = (
    "未评判：过了截止时间，你的代码还连着{server}，评分器停下了它；请看关于这个服务端截止时间的那项检查。"
)
EXPECTED_REPLY_FROM = "first_reply() 返回{server}的回复。"
RAISED_INSTEAD = (
    "first_reply() 抛出了 {type}({message})，但{server}本来会按时发来完整的回复和 FIN。\n  {hint}"
)
NEVER_CONNECTED_HINT = (
    "提示：你的代码从没连接过{server}。遇到被拒绝、被重置或超时的服务端之后，要继续尝试列表里的下一个，"
    "并给它定一个它自己的截止时间：每个服务端都有它自己的 timeout 秒。"
)
CLOSED_BEFORE_REPLY_HINT = (
    "提示：{server} 的回复还没到，你的代码就关闭了连到它的套接字（之后再读这个已关闭的套接字，就会出现 "
    "'Bad file descriptor' 这样的 OSError）。shutdown(socket.SHUT_WR) 之后，要一直读到 recv() 返回 b\"\"（服务端的 "
    "FIN），然后才关闭。"
)
NO_REQUEST_EOF_HINT = (
    "提示：服务端始终没看到你的请求结束。它要等到请求的 EOF 才回答：发完请求后调用 shutdown(socket.SHUT_WR)。"
)
OWN_DEADLINE_HINT = (
    "提示：每个服务端都有它自己的 timeout 秒：换到下一个服务端时重新定一个截止时间，不要整个列表共用一个。"
)
RESULT_TYPE = (
    "first_reply() 返回了一个 {type}({value})；它必须返回元组（index, reply）：一个 int 和回复的字节。\n"
    "  提示：return index, b\"\".join(chunks)"
)
WRONG_RESULT = "first_reply() 返回了 {got}\n  而期望的结果是 {want}。\n  {hint}"
REQUEST_NOT_SENT = (
    "first_reply() 返回的回复是对的，但 {server} 收到的请求是 {got}，而不是 {want}：参考服务端不管收到什么都会回复，"
    "真实的服务端不会。\n"
    "  提示：对每个尝试的服务端都要发送完整的请求（sendall），然后用 shutdown(SHUT_WR) 表示请求已经结束。"
)
RST_IS_FAILURE_HINT = (
    "提示：那个服务端在回复到一半时重置了连接（RST）：重置是失败，不是回复的结束。只有 recv() 返回 b\"\"（FIN）"
    "才表示回复完整；遇到 ConnectionResetError 就换下一个服务端。"
)
WHOLE_REPLY_HINT = "提示：一直读到 recv() 返回 b\"\"（服务端的 FIN），然后原样返回全部回复。"
FIRST_IN_ORDER_HINT = "提示：按列表的顺序尝试各个服务端，返回第一个按时发来完整回复的。"
GAVE_UP_ON_SLOW = (
    "{server}把回复分段发送，最后一段和 FIN 在你的代码连接后 {after:.2f} 秒发出：在 {timeout} 秒的超时之内。"
    "你的代码在那之前就放弃了它，返回了下一个服务端的回复。\n"
    "  提示：两段之间的停顿不是回复的结束，截止时间也还没到：只要还有时间，就一直读到 b\"\"。"
)
EXPECTED_CONNECTIONERROR = "first_reply() 抛出 ConnectionError：列表里没有一个服务端回复。"
RETURNED_INSTEAD_OF_RAISING = (
    "这个列表里没有一个服务端会回复（一个拒绝连接，一个沉默），但 first_reply() 返回了 {value}。\n"
    "  提示：所有服务端都失败时，抛出 ConnectionError；绝不要编造一个结果返回。"
)
OSERROR_ESCAPED_HINT = (
    "提示：某个服务端的 {type} 直接传出了 first_reply()：你的 except 子句没有捕获它。连接被拒绝"
    "（ConnectionRefusedError）、被重置（ConnectionResetError）和超时（TimeoutError）都是 OSError："
    "对每个服务端捕获 OSError，记下出了什么问题，再试下一个。"
)
SERVER_ERROR_ESCAPED = (
    "这个列表里没有一个服务端会回复，first_reply() 却让某个服务端的 {type}（{message}）直接传了出来，"
    "而不是自己抛出一个写明每个服务端的 ConnectionError。\n  {hint}"
)
LIST_SEPARATOR = "、"
NOT_A_CONNECTIONERROR = (
    "这个列表里没有一个服务端会回复，first_reply() 抛出了 {type}({message})，但约定是 ConnectionError。\n"
    "  提示：捕获每个服务端的错误，循环结束后自己抛出 ConnectionError(...)。"
)
ERROR_MISSES_SERVERS = (
    "first_reply() 抛出了 ConnectionError，但它的消息（{message}）没有写出 {missing}。\n"
    "  提示：每个服务端记一行 f\"{{host}}:{{port}}: {{problem}}\"（problem 写明出了什么问题），再把它们拼进消息里。"
)
WRONG_ORDER = (
    "服务端依次是：{servers}。你的代码依次连接了：{got}；应当依次尝试：{want}。"
    "要按列表顺序逐个尝试，每个只试一次，拿到第一个完整回复之后不再连接别的。\n"
    "  提示：用一个 enumerate(servers) 循环，一次一个服务端；回复一完整就返回。"
)
CONNECTED_AGAIN = (
    "你的代码连接了{server} {count} 次：数据包里有 {count} 个发往它端口的 SYN。每个服务端只试一次："
    "连接被拒绝（立刻收到 RST）或者失败，就是这个服务端的最终结果。\n"
    "  提示：捕获这一个服务端的异常，关闭它的套接字，接着试下一个；不要重试。"
)
OPEN_ROW = "{state}，连向 {remote}"
FAILED_SOCKETS_OPEN = (
    "first_reply() 返回时还有 {count} 个套接字没有关闭（{where}）。\n"
    "  提示：每个套接字都要关闭，失败的也不例外：给每个连接套上 with 语句，无论哪个异常结束它，都会关闭。"
)
FAILED_SOCKETS_GC = (
    "first_reply() 的 {count} 个套接字没有调用 close() 就被丢弃了{where}，只能等 Python 的垃圾回收在之后某个时刻关闭它们。\n"
    "  提示：换下一个服务端之前，先关闭失败服务端的套接字：给每个连接套上 with 语句，无论哪个异常结束它，都会关闭。"
)
SILENT_NOT_ABANDONED = (
    "{server}读完你的请求后一言不发。你的代码连接它 {after:.2f} 秒之后（超时 {timeout} 秒加 {slack} 秒余量），"
    "连向它的套接字仍然开着，所以你的代码被停下了。\n"
    "  提示：没有超时的 recv() 会永远等下去。设一个：sock.settimeout(left)，left 是距截止时间还剩的秒数。"
)
WAITS_PAST_DEADLINE = (
    "{server}：你的代码只在等这一个套接字，等待的超时是 {planned:.2f} 秒，所以无论机器多快，它都要到截止时间"
    "（超时 {timeout} 秒加 {slack} 秒余量）过后才会醒来：内核显示了这次等待和它的超时，所以你的代码在那里被停下了。\n"
    "  提示：连接时定下一个截止时间，每次等待只给剩下的时间：sock.settimeout(deadline - time.monotonic())，"
    "绝不超过给你的超时。"
)
TRICKLE_NOT_ABANDONED = (
    "{server}读完你的请求后，每 {every:.2f} 秒发一个字节，永不停止（到现在共 {sent} 字节）。"
    "你的代码连接它 {after:.2f} 秒之后（超时 {timeout} 秒加 {slack} 秒余量），连向它的套接字仍然开着，"
    "所以你的代码被停下了。\n"
    "  提示：每次 recv() 的超时每来一个字节就重新计时，所以在这里永远不会触发。连接时定下一个截止时间，"
    "每次 recv() 之前把超时设为剩下的时间：deadline - time.monotonic()。"
)
STALL_NOT_ABANDONED = (
    "{server}读完你的请求后，每 {every:.2f} 秒发一个字节，发了 {stall:.2f} 秒，然后什么也不发，也不发 FIN："
    "完整的回复永远不会来。你的代码连接它 {after:.2f} 秒之后（超时 {timeout} 秒加 {slack} 秒余量），"
    "连向它的套接字仍然开着，所以你的代码被停下了。\n"
    "  提示：只在两次 recv() 之间检查截止时间还不够：截止前刚开始的 recv() 仍会等满整个超时。"
    "每次 recv() 之前把超时设为剩下的时间：deadline - time.monotonic()。"
)
STUCK_AT_NOW = "  你的代码被停下时在这里（最内层的调用在最后）："
NEVER_TRIED = (
    "first_reply() 从头到尾都没有连接{server}，所以无法看出你的代码怎样放弃这样的服务端。\n"
    "  提示：按列表的顺序一个接一个地尝试服务端，直到有一个回复。"
)
SILENT_LATE = (
    "{server}一言不发；你的代码在连接后 {took:.3f} 秒才关闭连向它的套接字，晚于 {timeout} 秒的超时"
    "加 {slack} 秒余量。\n"
    "  提示：超时管的是和一个服务端的全部交互：连接、发送和每一次 recv() 加在一起。"
)
STALL_LATE = (
    "{server}涓流发了 {stall:.2f} 秒字节，然后什么也不发；你的代码在连接后 {took:.3f} 秒才关闭连向它的套接字，"
    "晚于 {timeout} 秒的超时加 {slack} 秒余量。\n"
    "  提示：截止时间之前开始的 recv() 仍会等满整个超时：每次 recv() 之前，"
    "settimeout(deadline - time.monotonic())。"
)
TRICKLE_LATE = (
    "{server}一次只发一个字节；你的代码在连接后 {took:.3f} 秒才关闭连向它的套接字，晚于 {timeout} 秒的超时"
    "加 {slack} 秒余量。\n"
    "  提示：每次 recv() 之前检查还剩多少时间，只给 recv() 这么多：settimeout(deadline - now)。"
)

CHECK_TITLES.update({
    "test_first_reply_moves_past_a_refused_and_a_silent_server": "first_reply() 越过拒绝连接和沉默的服务端，找到正常的",
    "test_first_reply_abandons_a_silent_server_at_its_deadline": "first_reply() 在截止时间关闭连向沉默服务端的套接字",
    "test_first_reply_abandons_a_trickling_server_at_its_deadline": "first_reply() 在截止时间放弃涓流的服务端",
    "test_first_reply_treats_a_reset_as_a_failure": "first_reply() 把回复中途的重置（RST）当作失败",
    "test_first_reply_waits_for_a_slow_server_that_answers_in_time": "first_reply() 等待慢但来得及回答的服务端",
    "test_first_reply_raises_connectionerror_naming_every_server": "first_reply() 抛出写明每个服务端的 ConnectionError",
    "test_first_reply_tries_the_servers_in_order": "first_reply() 按顺序尝试服务端，每个一次",
    "test_first_reply_closes_every_socket": "first_reply() 关闭每一个套接字，失败的也不例外",
})


# --------------------------------------------------------------------------- threaded_server and event_loop (several clients at once)

PEER_CLIENTS = "各参考客户端"
CLIENT_LINE = "{client}：{line}"
PROBE_RESULT = {"refused": "被拒绝", "accepted": "被接受了"}
EXPECTED_CROWD = "你的服务端把每个客户端服务到它的 EOF。"
EXPECTED_FLOOD_READ = "你的服务端读取客户端 F 的行，或者暂停读它、继续服务其他客户端。"
CROWD_REUSEADDR = "启动你的服务端之前，评分器在 {host}:{port} 上留下了一个处于 TIME_WAIT 的连接（就像重启服务端时遇到的那样），而你的服务端无法在那里 bind()。"
CROWD_WHILE_IDLE = "其他客户端（{idle}）都连着，停在一行的中间"
CROWD_WHILE_FLOOD = "其他客户端（{idle}）都连着，停在一行的中间，而客户端 {flooder} 发了大量的行、一个回复也不读，已经把它的连接塞满了"
CROWD_NOT_SERVED = "客户端 {client} 发送了 {line}\n  而{what}：{wait:.1f} 秒后，你的服务端仍在别处忙碌或等待，而此时{situation}。\n  {hint}"
CROWD_NO_REPLY = "没有收到回复"
CROWD_NOT_READ = "你的服务端连读都没有读它"
CROWD_NOT_SERVED_HINT = (
    "提示：一个服务端如果正忙于某个客户端（卡在它的 recv() 里，或卡在给一个不读数据的客户端的 send() 里），就无法回复别的客户端。每个客户端需要自己的线程（第"
    " 7 课），或在同一个 select 循环里占一个位置（第 8 课）；而且每收到一整行就立刻回复，不要等更多数据。"
)
CROWD_WRONG_REPLY = (
    "客户端 {client} 发送了 {line}\n"
    "  收到的是 {got}\n"
    "  但回复应当是 {want}。\n"
    "  提示：第 5 课的协议：每一行反转，b\"\\n\" 留在末尾，这一行一完整就发送；一行可能分几段到达，一段里也可能有好几行。"
)
CROWD_GONE = "客户端 {client} 无法继续：你的服务端已经关闭或重置了它的连接。\n  提示：把每个客户端服务到 recv() 返回 b\"\"（它的 EOF），然后再关闭那个连接。"
CROWD_CLOSED_EARLY = "客户端 {client} 还在发送行，你的服务端就结束了它的连接（{end}）。\n  提示：把每个客户端服务到 recv() 返回 b\"\"（它的 EOF），然后再关闭那个连接。"
CROWD_NO_FIN = (
    "客户端 {client} 发完了它的行（FIN，来自 shutdown(SHUT_WR)，半关闭），然后等你的服务端关闭连接；它等到的是 {end}。\n"
    "  提示：recv() 返回 b\"\" 时，这个客户端就结束了：关闭它的连接（with 块会替你关闭）。"
)
CROWD_RESET_BROKE = (
    "客户端 B 在一行的中间重置了连接（RST）之后，其他客户端就再也得不到服务了：\n"
    "{what}\n"
    "  提示：重置只结束那一个客户端的连接：在服务这个客户端的地方捕获 ConnectionResetError，关闭它的套接字，让其他客户端继续。"
)
CROWD_RESET_CRASH = (
    "客户端 B 在一行的中间重置了连接（RST），而 {name} 本身以 {type} 结束了：一个客户端的重置结束了整个服务端。\n"
    "  提示：在服务这个客户端的地方（它的线程，或循环里处理它的那部分）捕获 ConnectionResetError，并把重置之前已回复的行计入总数。"
)
CROWD_RESET_THREAD_DIED = (
    "客户端 B 在一行的中间重置了连接（RST），服务它的线程因 {type} 而死：没有任何代码捕获它，"
    "所以 Python 打印了“Exception in thread ……”，线程就此结束。"
    "重置是连接的一种正常结束方式，不是崩溃。\n"
    "  提示：在线程函数里，用 try 把这个客户端的循环包起来捕获 ConnectionResetError（recv() 和 sendall() 都会抛出它），"
    "关闭连接，让线程正常返回。\n"
    "  （这是由你自己的进程看到的：评分器通过 threading.excepthook 记录让线程结束的异常。）"
)
CROWD_LISTENER_OPEN = (
    "全部 {count} 个客户端都已连上，你的服务端也已空闲，但它在 {host}:{port} 上的监听套接字仍然打开着（LISTEN），新的客户端会被接受却永远得不到"
    "服务。\n"
    "  提示：最后一次 accept() 之后立刻关闭监听套接字，然后再去服务或等待客户端。"
)
CROWD_NOT_REFUSED = (
    "你在 {host}:{port} 上的监听套接字已经关闭，但再 connect 到那里的结果是 {what}，而不是被拒绝。\n"
    "  提示：最后一次 accept() 之后，关闭唯一的那个监听套接字；不要再打开另一个。"
)
CROWD_NOT_JOINED = (
    "{name} 返回时，客户端 {clients} 还连着，各自停在一行的中间：{name} 没有等这些客户端的线程结束。\n"
    "  提示：把启动的每个 Thread 都留着，返回总数之前对每一个调用 join()。"
)
CROWD_COUNT = (
    "{name} 返回了 {got}；客户端一共发完了 {want} 行，每一行都收到了回复（{detail}）。\n  {hint}"
)
COUNT_THREADS_HINT = (
    "提示：回复发出后这一行才计数，每个客户端的线程里都要计，包括客户端 B 重置之前已回复的那一行；然后以 int 返回总和。"
)
COUNT_LOOP_HINT = (
    "提示：每一行只计一次，在它的回复放进这个客户端的待发数据时计（不要按 send() 的次数计：一次 send() "
    "可能发出好几条回复，也可能只发出一条的一部分）；每个客户端都要计，包括客户端 B 重置之前已回复的那一行；"
    "然后以 int 返回总和。"
)
CROWD_COUNT_CLIENTS = (
    "{name} 返回了 {got}：这是客户端的个数，不是行数。客户端一共发完了 {want} 行，每一行都收到了回复（{detail}）。\n"
    "  {hint}"
)
VALUE_OF_TYPE = "{value}（类型为 {type}）"
CROWD_ONE_THREAD = (
    "{count} 个客户端同时连着的时候，你的服务端进程除了调用 serve_clients() 的那个线程之外，从来没有别的线程。\n"
    "  提示：这一课讲的是线程：为每个客户端启动一个 threading.Thread（或线程池里的一个工作线程）。"
)

CROWD_REFUSED = (
    "客户端 {client} 无法连接（{error}）：还没等全部 {count} 个客户端连上，你的服务端就停止了监听。\n"
    "  提示：正好 accept() count 个客户端，最后一个之后才关闭监听套接字。"
)
TL_NO_REPLY = "{client}：{wait:.1f} 秒后仍没有回复"
TL_NOT_READ = "{client}：{wait:.1f} 秒后你的服务端仍没有读它"
TL_RESET = "RST（设 SO_LINGER 为 0 后 close，停在一行的中间）"
TL_RESET_AT_LINE_END = "RST（设 SO_LINGER 为 0 后 close，紧跟在一个完整的行之后）"
TL_STOPPED_FOR_RESET = (
    "{client} 的最后一行和它的 RST 到达你的服务端时，评分器暂停了它的进程（SIGSTOP）：进程恢复运行后，"
    "recv() 先拿到这一行，发送回复的 send() 就碰上了重置"
)
TL_PROBE = "监听套接字已从 /proc/net/tcp 中消失；再 connect 到 {host}:{port} 的结果：{what}"
TL_STILL_LISTENING = "你的服务端已空闲，而 {host}:{port} 仍处于 LISTEN"
TL_RETURNED_EARLY = "{name} 已经返回；仍停在一行中间的客户端：{clients}"
TL_FLOOD = "发送了 {sent:.1f} MiB 的行、一个回复也不读，然后它的 send() 阻塞了"
TL_FLOOD_STALLED = "你的服务端不再读 F：它的接收队列里有 {rx} 字节在等待"
TL_FLOOD_DRAINED = "读回了 {got} / {want} 字节的回复，然后是你的服务端的 {end}"
LOOP_SECOND_THREAD = (
    "{count} 个客户端连着的时候，你的服务端进程自己有 {threads} 个线程；这一课要用一个线程服务所有客户端。\n"
    "  提示：不要 threading.Thread，也不要线程池：一个围绕 selector.select() 的循环就能服务每个客户端。"
)
LOOP_UNBOUNDED = (
    "客户端 F 发送行却从不读回复；它想发送的 {total} MiB 中，你的服务端已经读了 {sent:.1f} MiB 并且还在读，内存增长了 {growth:.1f"
    "} MiB（上限是 {bound} MiB）。如果服务端在待发送的回复超过上限后暂停读 F，F 的字节就会留在内核里：接收缓冲区被填满，F 的 send() 阻塞。\n"
    "  提示：当某个客户端待发送的回复超过你的上限（最多 1 MiB）时，不要再为它向选择器关注 EVENT_READ；等 send() 把它们发出去后再关注。"
)
LOOP_FLOOD_REPLIES = (
    "最后，客户端 F 发完了它的最后一行，结束发送（FIN），并读取每一个回复：它期望 {want} 字节（它那 {lines} 行的回复），收到 {got} 字节，然后是"
    " {end}（第一处错误的字节：{wrong}）。\n"
    "  提示：排队的每个回复都必须送到客户端：不要为了不超过上限而丢掉回复（应当少读），只从待发送的回复里删掉 send() 实际发出的部分，客户端 EOF 之后，等它排队"
    "的回复全部发完再关闭。"
)
LOOP_BLOCKED_IN_SEND = (
    "客户端 {client} 不读数据时，你的服务端睡在 {call}() 里（内核显示它的线程在那里等待）：阻塞的 send() 或 sendall() "
    "要等那个客户端腾出空间，整个循环连同其他所有客户端也跟着等。\n"
    "  提示：把每个客户端套接字设为非阻塞，每个客户端的回复放在你自己的缓冲区里，只在选择器报告套接字可写"
    "（EVENT_WRITE）时调用 send()，保留 send() 没有拿走的部分。"
)
LOOP_BLOCKED_IN_SEND_TIMEOUT = (
    "客户端 {client} 不读数据时，你的服务端睡在 {call}() 里，只等着可以写（内核显示它的线程在那里等待，没有询问任何可读的套接字）："
    "设置了超时（settimeout）的套接字上，send() 或 sendall() 就在那里等待。超时只限定了这次等待的长短：在超时之前，"
    "整个循环连同其他所有客户端都跟着等；超时之后，send() 抛出 TimeoutError。\n"
    "  提示：超时并不会让套接字对循环来说变成非阻塞。把每个客户端套接字设为非阻塞（setblocking(False)），"
    "每个客户端的回复放在你自己的缓冲区里，只在选择器报告套接字可写（EVENT_WRITE）时调用 send()，保留 send() 没有拿走的部分。"
)
TL_BLOCKED_IN_SEND = "服务端的线程睡在 {call}() 里：阻塞在向一个不读数据的客户端发送上"
LOOP_STATIC = (
    "对 {file} 的静态检查（评分器读了你的源代码，这一项没有运行它，因为这台机器的内核无法显示你的服务端在哪里等待）：{what}\n"
    "  提示：在事件循环里，回复先在这个客户端的缓冲区里等待；当选择器报告套接字可写（EVENT_WRITE、POLLOUT，"
    "或 select() 的写列表）时，调用一次 send()，保留它没有拿走的部分。"
)
LOOP_STATIC_SENDALL = "它调用了 sendall()（第 {line} 行），sendall() 会一直阻塞到全部字节发出：遇到不读数据的客户端，整个循环就停住了。"
LOOP_STATIC_NO_WRITE = "它从未向任何就绪 API 询问可写（EVENT_WRITE、POLLOUT、EPOLLOUT 或 select() 的写列表），所以无法知道 send() 什么时候不会阻塞。"

# Lessons 7 and 8: added here to keep merges simple.
CHECK_TITLES |= {
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
    "test_loop_listens_on_a_port_in_time_wait": "端口上有旧连接处于 TIME_WAIT 时也能监听",
    "test_loop_serves_a_client_while_others_idle_or_flood": "其他客户端停在半行或狂发不读时，仍能服务另一个客户端",
    "test_loop_never_starts_a_second_thread": "只用一个线程服务所有客户端",
    "test_loop_bounds_what_it_buffers_for_a_client_that_does_not_read": "不再读不读数据的客户端：接收队列填满，内存有界",
    "test_loop_replies_to_each_line_reversed": "每一行都回复：反转，换行符留在末尾",
    "test_loop_delivers_every_reply_to_the_flooding_client": "狂发数据的客户端开始读后，把排队的每个回复都交给它",
    "test_loop_closes_each_connection_after_its_eof": "客户端 EOF 之后关闭它的连接（FIN）",
    "test_loop_survives_a_client_that_resets": "一个客户端重置连接，只结束它自己的连接",
    "test_loop_closes_the_listener_after_the_last_accept": "最后一次 accept 之后关闭监听套接字（再连接会被拒绝）",
    "test_loop_writes_only_when_the_selector_reports_writable": "从不阻塞在发送里：只在套接字可写时写",
    "test_loop_returns_the_number_of_lines_answered": "以 int 返回回复过的行数",
    "test_loop_closes_every_socket": "关闭自己创建的每个套接字",
}

# 平台报告（graders/reports.py）：学生在 Gradescope 和 PrairieLearn 上看到的总结。
HELP_PACKETS = "显示每段对话的数据包（三次握手、数据、关闭）"
HELP_PCAP = "把每段对话的数据包写成 pcap 文件放进这个文件夹（可用 tcpdump -r 或 Wireshark 打开）"
HELP_REPORT = "同时写一份报告：json、gradescope、prairielearn、junit 或 csv（可以重复）"
REPORT_SUMMARY = "{passed}/{total} 项检查通过：{points}/{max_points} 分。"
REPORT_CUT = "（在此截断：整份报告超出了平台能接受的大小）"
# Gradescope 自动评分器（graders/gradescope.py）给不出分数时。
AUTOGRADER_FAILED = (
    "自动评分器没能给这份提交评分：{reason}\n"
    "这不是对你的代码的评判。请告诉老师，并附上这条消息。"
)
# 读取一份提交（grade-class 和 Gradescope 自动评分器）：取了什么、没取什么、为什么。
SUBMISSION_SEVERAL = "有 {count} 个名为 {lesson}.py 的文件；评分的是 {chosen}"
SUBMISSION_SEARCH_STOPPED = "超过 {limit} 个条目：没有继续查找"
SUBMISSION_TOO_DEEP = "超过 {limit} 层深的文件夹没有查找"
SUBMISSION_NOT_REGULAR = "忽略了 {path}：不是普通文件（符号链接？）"
SUBMISSION_TOO_LARGE = "忽略了 {path}：大于 {limit} MiB"
SUBMISSION_UNREADABLE = "无法读取 {path}：{reason}"
SUBMISSION_MEMBER_UNSAFE = "忽略了 zip 成员 {name!r}：{why}"
SUBMISSION_ABSOLUTE = "绝对路径"
SUBMISSION_DOTDOT = "路径经过 '..'，会跑到压缩包外面"
SUBMISSION_MEMBER_LINK = "忽略了 zip 成员 {name!r}：符号链接"
SUBMISSION_MEMBER_TOO_LARGE = "忽略了 zip 成员 {name!r}：大于 {limit} MiB"
SUBMISSION_ZIP_TOO_LARGE = "这个 zip 有 {size:.0f} MiB，超过 {limit} MiB 的上限：没有打开"
SUBMISSION_ZIP_TOO_MANY = "这个 zip 列出了 {count} 个成员，超过 {limit} 的上限"
SUBMISSION_ZIP_BROKEN = "不是可读的 zip（{reason}）"
SUBMISSION_NEITHER = "既不是文件夹，也不是 zip 文件"
SUBMISSION_NESTED_BROKEN = "无法打开其中的压缩包 {name}（{reason}）"
SUBMISSION_NESTED_TOO_MANY = "其中有 {count} 个压缩包：只打开了前 {limit} 个"
SUBMISSION_LOOSE_FILE = "单独的文件，又没有学习平台加的前缀（name_12345_67890_client_flow.py）：请改为传入它所在的文件夹"
SUBMISSION_NO_LESSON_FILE = "没有找到任何课的文件（{names}）"
SUBMISSION_UNISOLATED = "只在 'basic' 隔离级别下评分，而预期有更强的级别：不是最终成绩"
SUBMISSION_STOPPED = "{limit:g} 秒后被停止（一份提交的总时限，--timeout）：没有成绩"
# grade-class 为每个学生写的 feedback.md。
FEEDBACK_TITLE = "# {id} 的反馈"
FEEDBACK_POINTS = "{points}/{total} 分。"
FEEDBACK_NOTE = "说明：{note}"
AUTOGRADER_NO_START = "评分器没能启动（退出状态 {status}）。"
# 每个平台的拒绝消息只说这个平台自己的办法。
GRADESCOPE_UNISOLATED = (
    "评分器在这里只有 'basic' 隔离级别，而这个自动评分器被设置为拒绝这种情况"
    "（老师可以这样重新生成它：nox -s gradescope -- --allow-unisolated）。"
)

# `nox -l` with COURSE_LANG=zh: the noxfile's own help (its docstring in English).
NOXFILE_HELP = """课程的会话。每条命令都在这个文件夹（课程的根目录）里运行。

    nox -s grade -- --lang zh                    给 exercises/ 评分（每一课）
    nox -s grade -- client_flow --lang zh        只评一课（或几课）
    nox -s grade -- --target DIR --lang zh       改为给 DIR 里的模块评分
    nox -s grade -- --json results.json --lang zh    同时把结果写成 JSON
    nox -s grade -- --report junit:x.xml --lang zh   同时写成某个平台的格式（json、gradescope、prairielearn、junit、csv）
    nox -s progress -- --lang zh                 每一课的状态，以及下一步做什么
    nox -s hint -- LESSON --lang zh              一课里第一个没通过的检查的下一条提示
    nox -s watch -- LESSON --lang zh             每次保存这一课的文件就重新评分
    nox -s peer -- server|client --lang zh       手动运行一个参考对端，实时显示对话记录
    nox -s reset -- LESSON --lang zh             把一课的初始代码放回去（保留你的版本）
    nox -s solutions -- --lang zh                给 solutions/ 评分（必须全部通过）
    nox -s tests                                 评分器自己的测试
    nox -s lint                                  ruff 代码检查
    nox -s bench -- --lang zh                    评分要花多久
    nox -s grade-class -- SUB... --out DIR --lang zh   给全班评分（见 INSTRUCTORS.md）
    nox -s gradescope                            生成 Gradescope 的 autograder.zip
    nox -s classroom                             生成 GitHub Classroom 的工作流

每个会话都接受 --lang zh（或者先 export COURSE_LANG=zh，之后就不用再写）。

grade、solutions、progress、hint、watch、peer、bench 和 grade-class 共用一个虚拟环境
.nox/course，第一次使用时创建一次（删掉它就会重新创建）；tests 和 lint 各有自己的虚拟环境。
"""

PRAIRIELEARN_UNISOLATED = (
    "评分器在这个容器里只有 'basic' 隔离级别，在这个级别下它拒绝评分"
    "（老师可以这样重新构建评分器镜像：docker build --build-arg ALLOW_UNISOLATED=1 ……）。"
)

# --------------------------------------------------------------------------- 数据包（graders/packets.py）

PK_TITLE = "这段对话的数据包，在本次评分自己的回环接口上抓到（时间单位为毫秒）："
PK_TITLE_BYHAND = "这段对话的数据包，在回环接口上抓到（时间单位为毫秒）："
PK_FROM_YOU = "你的代码 -> 对端"
PK_FROM_PEER = "对端 -> 你的代码"
PK_LABEL = {
    "handshake-1": "三次握手 1/3",
    "handshake-2": "三次握手 2/3",
    "handshake-3": "三次握手 3/3：连接建立",
    "close-1": "四次挥手 1/4：第一个 FIN",
    "close-2": "四次挥手 2/4：确认这个 FIN",
    "close-2-3": "四次挥手 2/4 和 3/4 合在一个包里：ACK 和 FIN",
    "close-3": "四次挥手 3/4：第二个 FIN",
    "close-4": "四次挥手 4/4：确认第二个 FIN",
    "reset": "RST：连接被重置，而不是关闭",
    "zero-window": "零窗口：接收方的缓冲区满了",
}
PK_MORE = "          （中间还有 {count} 个包，共 {size} 字节{zero}）"  # 不用 ……：中日韩终端可能把它画成两列宽
PK_MORE_ZERO = "，其中 {zero} 个通告了零窗口"
PK_TIME_WAIT_YOU = "          你的代码先关闭：它这一端的连接现在处于 TIME_WAIT"
PK_TIME_WAIT_PEER = "          参考对端先关闭：它那一端处于 TIME_WAIT，你这一端已经不存在"
PK_SECTION = "数据包"
PK_NO_NAMESPACE = "这里的评分没有私有网络命名空间"
PK_SWITCHED_OFF = "已用 COURSE_PACKETS=off 关闭"
PK_SAME_AS_ABOVE = "这段对话的数据包：见上文。"
PK_HIDDEN = "这段对话的数据包共 {count} 行，这里没有列出；要看，运行：nox -s grade -- {lesson} --packets --lang zh"
PK_DROPPED = "（有 {dropped} 个包没有抓到：抓包跟不上）"
PK_OFF = "数据包：这个系统上无法抓包（{reason}）；报告的其余部分是完整的。"
PK_PCAP_WRITTEN = "数据包：{path} 里有 {count} 个 pcap 文件，每段对话一个（用 Wireshark 打开，或者运行：tcpdump -nr {example}）"
