"""The hand-played reference peer, `python -m graders.tools.peer`, on real sockets.

Each test starts the tool as a real subprocess and talks to it, or lets it
talk, over loopback with the reference solutions. Nothing waits by sleeping:
the port of the tool's server comes from its "listening on" line, read as it
is printed; a solution's server runs in a thread and is known to listen once
its own listen() call has returned. Every wait is bounded, and every
subprocess is killed in a `finally`.
"""

from __future__ import annotations

import ast
import contextlib
import datetime
import importlib.util
import os
import re
import select
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graders.lessons import test_client_flow as grader_client_flow
from graders.lessons import test_graceful_close as grader_graceful_close
from graders.lessons import test_server_flow as grader_server_flow
from graders.lessons import test_timeouts as grader_timeouts
from graders.text import messages
from graders.tools.peer import show as peer_show

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
WAIT = 10.0  # the bound on every wait; a working run takes a fraction of a second
STAMP = r"\[\d\d:\d\d:\d\d\.\d{3}\] "
LISTENING = r"Reference server \(lesson \d+, (\w+)\) listening on 127\.0\.0\.1:(\d+)\. .*Ctrl-C to stop\.\n"


def solution(lesson: str):
    """A reference solution's module, loaded from its file."""
    path = ROOT / "solutions" / f"{lesson}.py"
    spec = importlib.util.spec_from_file_location(f"peer_test_solution_{lesson}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Peer:
    """`python -m graders.tools.peer ARGS` running, its output read as it comes."""

    def __init__(self, proc: subprocess.Popen):
        self.proc = proc
        self.fd = proc.stdout.fileno()
        self.text = ""

    def wait_for(self, pattern: str, timeout: float = WAIT) -> re.Match:
        """Read the output until `pattern` matches in it; fail after `timeout` s or at EOF."""
        deadline = time.monotonic() + timeout
        while (match := re.search(pattern, self.text)) is None:
            left = deadline - time.monotonic()
            if left <= 0:
                pytest.fail(f"not printed within {timeout:g} s: {pattern!r}\n--- output:\n{self.text}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                chunk = os.read(self.fd, 65536)
                if not chunk:
                    pytest.fail(f"the tool ended before printing {pattern!r}\n--- output:\n{self.text}")
                self.text += chunk.decode()
        return match

    def finish(self, timeout: float = WAIT) -> int:
        """Read the rest of the output and the exit status."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                pytest.fail(f"the tool still runs after {timeout:g} s\n--- output:\n{self.text}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                chunk = os.read(self.fd, 65536)
                if not chunk:
                    return self.proc.wait(timeout=max(deadline - time.monotonic(), 0.1))
                self.text += chunk.decode()


@contextlib.contextmanager
def run_peer(*args: str, sigint: bool = False, lang: str = "en") -> Iterator[Peer]:
    """Start the tool, in the edition `lang`; kill it at the end, whatever happened."""
    # A background job of a shell inherits SIGINT ignored; the Ctrl-C test needs it live.
    restore = (lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)) if sigint else None
    proc = subprocess.Popen([sys.executable, "-m", "graders.tools.peer", *args], cwd=ROOT, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, preexec_fn=restore,
                            env={**os.environ, "COURSE_LANG": lang})
    try:
        yield Peer(proc)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=WAIT)
        proc.stdout.close()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def server_in_thread(function, port: int) -> Iterator[dict]:
    """Run a solution's server function in a thread; enter once it listens.

    The real listen() runs; a thin wrapper only signals that it returned, so
    the tool's client connects neither too early (refused) nor by probing.
    """
    listening = threading.Event()
    real_listen = socket.socket.listen
    outcome: dict = {}

    def listen(self, *args):
        real_listen(self, *args)
        listening.set()

    def target() -> None:
        try:
            outcome["returned"] = function(port, HOST)
        except BaseException as exc:  # reported by the test, not lost in the thread
            outcome["raised"] = exc

    thread = threading.Thread(target=target, daemon=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "listen", listen)
        thread.start()
        started = listening.wait(WAIT)
    try:
        assert started, f"the solution's server did not listen within {WAIT:g} s"
        yield outcome
        thread.join(WAIT)
        assert not thread.is_alive(), "the solution's server did not return"
    finally:
        if thread.is_alive():  # release its accept() so that it closes its sockets
            with contextlib.suppress(OSError):
                socket.create_connection((HOST, port), timeout=1).close()
            thread.join(WAIT)


def in_order(text: str, *patterns: str) -> None:
    """Every pattern matches a line of `text`, each after the previous one."""
    position = 0
    for pattern in patterns:
        match = re.compile(pattern, re.MULTILINE).search(text, position)
        assert match, f"{pattern!r} not found (in this order) in:\n{text}"
        position = match.end()


@contextlib.contextmanager
def default_timeout(seconds: float) -> Iterator[None]:
    """Bound the blocking calls of a solution run in this process."""
    before = socket.getdefaulttimeout()
    socket.setdefaulttimeout(seconds)
    try:
        yield
    finally:
        socket.setdefaulttimeout(before)


def test_server_prints_the_transcript_of_a_client_flow_request() -> None:
    client_flow = solution("client_flow")
    message = grader_client_flow.MESSAGE
    with run_peer("server") as tool:
        lesson, port = tool.wait_for(LISTENING).groups()
        assert lesson == "client_flow"
        assert f'request("127.0.0.1", {port}, b"hello")' in tool.text
        for _ in range(2):  # one client after another
            with default_timeout(WAIT):
                reply = client_flow.request(HOST, int(port), message)
            assert reply == grader_client_flow.REPLY  # the grader's own reference server, run by hand
            tool.wait_for(STAMP + r"closed\n\n")
            transcript, tool.text = tool.text, ""
            in_order(
                transcript,
                "^" + STAMP + r"client 127\.0\.0\.1:\d+ connected$",
                "^" + STAMP + re.escape(f"received {len(message)} bytes: {message!r}") + "$",
                "^" + STAMP + re.escape(f"sent {len(reply)} bytes: {reply!r}") + "$",
                "^" + STAMP + re.escape("sent FIN (shutdown SHUT_WR)") + "$",
                "^" + STAMP + "client sent FIN",
                "^" + STAMP + "closed$",
            )


def test_graceful_close_server_replies_after_the_clients_fin() -> None:
    graceful_close = solution("graceful_close")
    message = b"ABC \x00\xff caf\xc3\xa9"
    with run_peer("server", "--lesson", "graceful_close") as tool:
        _, port = tool.wait_for(LISTENING).groups()
        with default_timeout(WAIT):
            reply = graceful_close.request_and_half_close(HOST, int(port), message)
        assert reply == grader_graceful_close.REPLY  # the grader's own reference server, run by hand
        tool.wait_for(STAMP + r"closed\n")
        in_order(tool.text, "client sent FIN", re.escape(f"sent {len(reply)} bytes: "), "sent FIN", "closed")


def test_client_gets_the_echo_of_serve_once_and_exits_0() -> None:
    server_flow = solution("server_flow")
    port = free_port()
    message = grader_server_flow.MESSAGE  # the grader's own reference client, run by hand
    with server_in_thread(server_flow.serve_once, port) as outcome:
        with run_peer("client", "--port", str(port)) as tool:
            status = tool.finish()
    assert status == 0, tool.text
    assert outcome == {"returned": message}
    in_order(
        tool.text,
        "^" + STAMP + re.escape(f"connected to server 127.0.0.1:{port}"),
        # (a long message is shown by its start and the count of the rest)
        "^" + STAMP + re.escape(f"sent {len(message)} bytes: {message[:20]!r}"[:-1]),
        "^" + STAMP + re.escape(f"received {len(message)} bytes: {message[:20]!r}"[:-1]),
        "^" + STAMP + "server sent FIN",
        "^" + STAMP + "closed$",
        "the message echoed back",
    )


def test_graceful_close_client_half_closes_and_gets_the_reply_reversed() -> None:
    graceful_close = solution("graceful_close")
    port = free_port()
    message = bytes([0, 255, 65, 0xE2, 0x9C, 0x93])
    with server_in_thread(graceful_close.serve_one_request, port) as outcome:
        with run_peer("client", "--lesson", "graceful_close", "--port", str(port), "--hex", message.hex()) as tool:
            status = tool.finish()
    assert status == 0, tool.text
    assert outcome == {"returned": message}
    in_order(tool.text, re.escape("sent FIN (shutdown SHUT_WR)"), re.escape(f"received 6 bytes: {message[::-1]!r}"),
             "server sent FIN", "the message reversed")


def test_client_says_nothing_listens_and_exits_2() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as bound:  # holds the port, never listens
        bound.bind((HOST, 0))
        port = bound.getsockname()[1]
        with run_peer("client", "--port", str(port)) as tool:
            status = tool.finish()
    assert status == 2, tool.text
    assert f"nothing listens on 127.0.0.1:{port}: is your server running, on that port?" in tool.text
    assert "Traceback" not in tool.text


def test_ctrl_c_stops_the_server_cleanly() -> None:
    with run_peer("server", sigint=True) as tool:
        tool.wait_for(LISTENING)
        tool.proc.send_signal(signal.SIGINT)
        status = tool.finish()
    assert status == 0, tool.text
    assert re.search("^" + STAMP + "stopped$", tool.text, re.MULTILINE), tool.text
    assert "Traceback" not in tool.text


def module_from(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reject_and_drain_client_uploads_gets_rejected_then_fin_and_exits_0() -> None:
    graceful_close = solution("graceful_close")
    port = free_port()
    with server_in_thread(graceful_close.reject_and_drain, port) as outcome:
        with run_peer("client", "--lesson", "reject_and_drain", "--port", str(port)) as tool:
            status = tool.finish()
    assert status == 0, tool.text
    assert outcome == {"returned": grader_graceful_close.HEADER}
    in_order(
        tool.text,
        "^" + STAMP + re.escape(messages.BYHAND_SENT_UPLOAD.format(
            count=f"{len(grader_graceful_close.HEADER) + len(grader_graceful_close.BODY_FIRST)} bytes",
            header=peer_show(grader_graceful_close.HEADER),  # (over 8 KiB: its start, and how much more)
            body=f"{len(grader_graceful_close.BODY_FIRST)} bytes")) + "$",
        "^" + STAMP + re.escape(f"received 9 bytes: {grader_graceful_close.REJECTED!r}") + "$",
        "^" + STAMP + re.escape(messages.BYHAND_SENT_BODY.format(count=f"{len(grader_graceful_close.BODY_REST)} bytes")) + "$",
        "^" + STAMP + "server sent FIN",
        "^" + STAMP + re.escape(messages.BYHAND_SENT_FIN) + "$",  # the end of the body, after the server's FIN
        "^" + STAMP + "closed$",
        re.escape(messages.BYHAND_REPLY_OK.format(count="9 bytes", expected=messages.BYHAND_REJECTION,
                                                  call="reject_and_drain")),
        re.escape(messages.BYHAND_END_FIN),
    )


def test_reject_and_drain_client_shows_the_rst_of_a_server_that_closes_without_draining() -> None:
    buggy = module_from(ROOT / "tests" / "submissions" / "graceful_close" / "reject_close_without_drain.py",
                        "peer_test_reject_close_without_drain")
    port = free_port()
    with server_in_thread(buggy.reject_and_drain, port):
        with run_peer("client", "--lesson", "reject_and_drain", "--port", str(port)) as tool:
            status = tool.finish()
    assert status == 1, tool.text
    in_order(tool.text, re.escape(f"received 9 bytes: {grader_graceful_close.REJECTED!r}"), "server reset the connection",
             re.escape(messages.BYHAND_END_RST))
    assert "server sent FIN" not in tool.text and "Traceback" not in tool.text


def test_server_says_in_words_when_a_client_leaves_without_sending_or_reading() -> None:
    with run_peer("server") as tool:
        _, port = tool.wait_for(LISTENING).groups()
        socket.create_connection((HOST, int(port)), timeout=WAIT).close()  # connects, sends nothing, closes
        tool.wait_for(STAMP + r"closed\n\n")
        assert messages.BYHAND_CLIENT_LEFT in tool.text, tool.text
        assert f"sent {len(grader_client_flow.REPLY)} bytes" not in tool.text  # no reply to a client that is gone
        tool.text = ""
        with socket.create_connection((HOST, int(port)), timeout=WAIT) as client:  # sends, closes without reading
            client.sendall(b"hi")
        tool.wait_for(STAMP + r"closed\n\n")
    assert "Errno" not in tool.text and "failed" not in tool.text, tool.text


# --------------------------------------------------------------------------- lesson timeouts: six servers at once

TIMEOUT = grader_timeouts.TIMEOUT  # what the grader gives first_reply(), and the timings the servers keep to
KIND_OF = {words: kind for kind, words in messages.SERVER_KINDS.items()}
SERVER_LINE = r"^  (\d)\. (.+?) +127\.0\.0\.1:(\d+)  (.+)$"
TRY_LINE = r"(?m)^    (python -c .*first_reply\(\[.*\], b\"hello\", " + re.escape(f"{TIMEOUT:g}") + r"\)\)')\n"


def timeouts_servers(tool: Peer) -> dict[str, tuple[int, tuple[str, int]]]:
    """Each kind of server's index and address, read from the banner as printed."""
    tool.wait_for(TRY_LINE)
    found = {KIND_OF[words.strip()]: (int(index), (HOST, int(port)))
             for index, words, port, _ in re.findall(SERVER_LINE, tool.text, re.MULTILINE)}
    assert sorted(found) == sorted(messages.SERVER_KINDS), tool.text
    return found


def who(index: int, kind: str) -> str:
    return messages.BYHAND_TIMEOUTS_WHO.format(index=index, kind=messages.SERVER_KINDS[kind])


def said(template: str) -> str:
    """A pattern for a line filled from `template`: its words up to the first placeholder."""
    return re.escape(template.split("{")[0])


def lines_of(text: str, index: int, kind: str) -> str:
    """The transcript of one server: its lines, without their time and the server's name."""
    prefix = re.compile(STAMP + re.escape(who(index, kind)))
    return "\n".join(line[match.end():] for line in text.splitlines() if (match := prefix.match(line)))


def until_closed(tool: Peer, *served: tuple[int, str]) -> None:
    """Wait until each of these servers has printed the end of its conversation."""
    for index, kind in served:
        tool.wait_for("(?m)^" + STAMP + re.escape(who(index, kind) + messages.BYHAND_CLOSED) + "$")


def first_reply(servers: dict, *kinds: str) -> tuple[int, bytes]:
    """The reference solution's first_reply() on these servers, in this order, with the grader's timeout."""
    with default_timeout(WAIT):
        return solution("timeouts").first_reply([servers[kind][1] for kind in kinds], b"hello", TIMEOUT)


def reply(servers: dict, kind: str) -> bytes:
    return grader_timeouts.reply_of("timeouts", servers[kind][0], kind)


def test_timeouts_servers_first_reply_moves_past_refused_and_silent_to_the_good_one() -> None:
    with run_peer("server", "--lesson", "timeouts") as tool:
        servers = timeouts_servers(tool)
        assert first_reply(servers, "refusing", "silent", "good") == (2, reply(servers, "good"))
        until_closed(tool, (servers["silent"][0], "silent"), (servers["good"][0], "good"))
    refusing, silent, good = (servers[kind][0] for kind in ("refusing", "silent", "good"))
    assert lines_of(tool.text, refusing, "refusing") == ""  # refused by the kernel: nothing to show
    in_order(
        lines_of(tool.text, silent, "silent"),
        r"^client 127\.0\.0\.1:\d+ connected$",
        "^" + re.escape("received 5 bytes: b'hello'") + "$",
        "^client sent FIN",
        "^" + re.escape(messages.BYHAND_TIMEOUTS_SILENT) + "$",
        "^" + said(messages.BYHAND_TIMEOUTS_GAVE_UP),
        "^closed$",
    )
    good_reply = reply(servers, "good")
    in_order(
        lines_of(tool.text, good, "good"),
        r"^client 127\.0\.0\.1:\d+ connected$",
        "^client sent FIN",
        "^" + re.escape(f"sent {len(good_reply)} bytes: {good_reply!r}") + "$",
        "^" + re.escape(messages.BYHAND_SENT_FIN) + "$",
        "^" + said(messages.BYHAND_TIMEOUTS_CLOSED),
        "^closed$",
    )


def test_timeouts_servers_first_reply_gives_up_on_the_trickle_and_waits_for_the_slow_one() -> None:
    with run_peer("server", "--lesson", "timeouts") as tool:
        servers = timeouts_servers(tool)
        assert first_reply(servers, "trickling", "slow") == (1, reply(servers, "slow"))
        until_closed(tool, (servers["trickling"][0], "trickling"), (servers["slow"][0], "slow"))
    trickled = lines_of(tool.text, servers["trickling"][0], "trickling")
    in_order(
        trickled,
        "^client sent FIN",
        "^" + re.escape(messages.BYHAND_TIMEOUTS_TRICKLING.format(every=grader_timeouts.TRICKLE_EVERY)) + "$",
        "^" + said(messages.BYHAND_TIMEOUTS_TRICKLE_END),
        "^closed$",
    )
    assert "sent 1 byte" not in trickled, trickled  # counted, not one line a byte
    slow = lines_of(tool.text, servers["slow"][0], "slow")
    pieces = re.findall(r"^sent \d+ bytes: (b'.*')$", slow, re.MULTILINE)
    assert len(pieces) == len(grader_timeouts.SLOW_PIECES), slow
    assert b"".join(ast.literal_eval(piece) for piece in pieces) == reply(servers, "slow")
    in_order(slow, "^sent ", "^sent ", "^" + re.escape(messages.BYHAND_SENT_FIN) + "$",
             "^" + said(messages.BYHAND_TIMEOUTS_CLOSED), "^closed$")
    # The pause between the pieces, on the tool's own clock: the grader's, at least SLOW_PAUSE.
    stamps = [datetime.datetime.strptime(stamp, "%H:%M:%S.%f") for stamp in re.findall(
        r"^\[(\d\d:\d\d:\d\d\.\d{3})\] " + re.escape(who(servers["slow"][0], "slow")) + "sent \\d+ bytes",
        tool.text, re.MULTILINE)]
    assert (stamps[1] - stamps[0]).total_seconds() >= grader_timeouts.SLOW_PAUSE - 0.001, tool.text


def test_timeouts_servers_first_reply_takes_a_reset_for_a_failure() -> None:
    with run_peer("server", "--lesson", "timeouts") as tool:
        servers = timeouts_servers(tool)
        assert first_reply(servers, "resetting", "good") == (1, reply(servers, "good"))
        until_closed(tool, (servers["resetting"][0], "resetting"), (servers["good"][0], "good"))
    half = reply(servers, "resetting")[: len(reply(servers, "resetting")) // 2]
    in_order(
        lines_of(tool.text, servers["resetting"][0], "resetting"),
        "^client sent FIN",
        "^" + re.escape(f"sent {len(half)} bytes: {half!r}") + "$",
        "^" + re.escape(messages.BYHAND_TIMEOUTS_RST) + "$",
        "^closed$",
    )
    assert messages.BYHAND_SENT_FIN not in lines_of(tool.text, servers["resetting"][0], "resetting")


def test_timeouts_servers_print_a_call_that_runs_as_printed(tmp_path: Path) -> None:
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "timeouts.py").write_text((ROOT / "solutions" / "timeouts.py").read_text())
    with run_peer("server", "--lesson", "timeouts") as tool:
        command = tool.wait_for(TRY_LINE).group(1)
        servers = timeouts_servers(tool)
        assert command.startswith("python -c ")
        ran = subprocess.run([sys.executable, "-c", shlex.split(command)[2]], cwd=tmp_path, capture_output=True,
                             text=True, timeout=WAIT)
        slow = servers["slow"][0]
        until_closed(tool, *((index, kind) for kind, (index, _) in servers.items()
                             if kind != "refusing" and index <= slow))
    assert who(servers["good"][0], "good") not in tool.text  # after the slow server's whole reply: never tried
    expected = (slow, reply(servers, "slow"))  # every server in the banner's order: the first to answer in time
    assert ran.returncode == 0 and ran.stdout == f"{expected!r}\n", ran.stderr
    assert repr(expected) in tool.text  # what the banner says it should return


def test_timeouts_servers_stop_at_ctrl_c_mid_request_and_say_nothing_more() -> None:
    with run_peer("server", "--lesson", "timeouts", sigint=True) as tool:
        servers = timeouts_servers(tool)
        index = servers["silent"][0]
        with socket.create_connection(servers["silent"][1], timeout=WAIT) as client:
            client.sendall(b"no FIN yet")  # the server's thread now waits in recv() for the rest
            tool.wait_for(re.escape(who(index, "silent") + "received 10 bytes"))
            tool.proc.send_signal(signal.SIGINT)
            status = tool.finish()  # 1 if a thread was not woken: its join gave up after JOIN_WAIT
            assert client.recv(100) == b""  # the server closed its end on the way out
    assert status == 0, tool.text
    assert re.search(STAMP + "stopped\n\\Z", tool.text), tool.text  # the last line
    assert "client sent FIN" not in tool.text and "Traceback" not in tool.text, tool.text


def test_timeouts_servers_refuse_a_port() -> None:
    with run_peer("server", "--lesson", "timeouts", "--port", "5000") as tool:
        status = tool.finish()
    assert status == 2
    assert messages.BYHAND_TIMEOUTS_NO_PORT.format(count=len(messages.SERVER_KINDS)) in tool.text


def test_client_of_lesson_8_shows_the_whole_call_and_gets_its_lines_reversed() -> None:
    event_loop = solution("event_loop")
    port = free_port()
    with server_in_thread(lambda port, host: event_loop.serve_clients_selectors(port, host, 1), port) as outcome:
        with run_peer("client", "--lesson", "event_loop", "--port", str(port)) as tool:
            status = tool.finish()
    assert status == 0, tool.text
    assert "returned" in outcome, outcome
    # The call with every argument, as the student's server must be started to serve this one client.
    assert f'serve_clients_selectors({port}, "{HOST}", 1)' in tool.text, tool.text


def test_client_exits_1_when_the_reply_is_wrong_though_the_server_closed_with_fin() -> None:
    """serve_once() echoes, where lesson 4's client expects the request reversed: a wrong reply is no success."""
    server_flow = solution("server_flow")
    port = free_port()
    with server_in_thread(server_flow.serve_once, port):
        with run_peer("client", "--lesson", "graceful_close", "--port", str(port), "--message", "abc") as tool:
            status = tool.finish()
    assert "server sent FIN" in tool.text, tool.text
    assert status == 1, tool.text


# Words of the English edition that a Chinese transcript must not show outside code (bytes, calls, options).
ENGLISH_WORDS = re.compile(r"\b(lesson|Reference|received|sent|closed|connected|connecting|listening|server|client|"
                           r"reply|bytes|start|stop|expected|wrong|right)\b")
CODE = re.compile(r"b'(?:[^'\\]|\\.)*'|b\"(?:[^\"\\]|\\.)*\"|\w+\([^()]*\)|--\w+|python -\S.*")


def chinese_defects(text: str) -> list[str]:
    """Lines of a Chinese transcript against ZH-STYLE.md: half-width punctuation at a Chinese character, English
    words outside code."""
    from tests.test_zh_style import HAN, _punctuation_defects

    found = []
    for number, line in enumerate(text.splitlines(), 1):
        prose = CODE.sub("CODE", line)
        found += _punctuation_defects(f"line {number}", prose)
        if re.search(f"[{HAN}] +[{HAN}]", prose):
            found.append(f"line {number}: a space between two Chinese characters: {line}")
        if "）（" in prose:  # a count after a count: "……（另有 976 字节）（1024 字节）"
            found.append(f"line {number}: two brackets in a row: {line}")
        found += [f"line {number}: English word {word!r}: {line}" for word in ENGLISH_WORDS.findall(prose)]
    return found


def test_the_chinese_transcripts_read_as_chinese() -> None:
    """COURSE_LANG=zh: the client of lesson 8, a wrong reply (lesson 4's client against serve_once) and lesson 6's
    servers, in Chinese sentences; each reference peer named by its lesson's number, as the lessons are."""
    event_loop, server_flow = solution("event_loop"), solution("server_flow")
    transcripts = []
    port = free_port()
    with server_in_thread(lambda port, host: event_loop.serve_clients_selectors(port, host, 1), port):
        with run_peer("client", "--lesson", "event_loop", "--port", str(port), lang="zh") as tool:
            assert tool.finish() == 0, tool.text
    assert "第 8 课 event_loop 的参考客户端" in tool.text, tool.text
    transcripts.append(tool.text)
    port = free_port()
    with server_in_thread(server_flow.serve_once, port):
        with run_peer("client", "--lesson", "graceful_close", "--port", str(port), "--message", "abc",
                      lang="zh") as tool:
            assert tool.finish() == 1, tool.text
    transcripts.append(tool.text)
    port = free_port()  # lesson 4's upload against a server that neither rejects nor drains: a long wrong reply
    with server_in_thread(server_flow.serve_once, port):
        with run_peer("client", "--lesson", "reject_and_drain", "--port", str(port), lang="zh") as tool:
            assert tool.finish() == 1, tool.text
    assert "第 4 课 reject_and_drain() 的参考客户端" in tool.text, tool.text
    transcripts.append(tool.text)
    with run_peer("server", "--lesson", "timeouts", sigint=True, lang="zh") as tool:
        tool.wait_for(r"python -c .*\n")
        tool.proc.send_signal(signal.SIGINT)
        tool.finish()
    assert "第 6 课 timeouts 的参考服务端" in tool.text, tool.text
    transcripts.append(tool.text)
    with run_peer("server", lang="zh") as tool:
        tool.wait_for("Ctrl-C")
    assert "第 1 课 client_flow 的参考服务端" in tool.text, tool.text
    transcripts.append(tool.text)
    found = [defect for text in transcripts for defect in chinese_defects(text)]
    assert not found, "\n".join(found) + "\n--- output:\n" + "\n".join(transcripts)
