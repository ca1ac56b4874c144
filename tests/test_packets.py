"""The packets of a run's own conversations (graders/engine/packets.py): captured, written as pcap, drawn.

Every grading here is a real one: the grader captures its private loopback with
an AF_PACKET socket while the student's code talks to the reference peers, so
each assertion is about packets that really crossed it. The capture needs a
private network namespace (root here, as in CI; an ordinary user where the run
makes a user namespace): without one, the tests of the capture are skipped and
the "not captured" line is tested instead.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from graders.engine import packets
from graders.text import messages
from tests.grading import ROOT, SUBMISSIONS, grade

CAPTURE = packets.unavailable_reason() is None
needs_capture = pytest.mark.skipif(not CAPTURE, reason="no packet socket can be opened here")


def _submission(lesson: str, name: str | None) -> Path:
    """A folder holding one lesson file: a catalogue submission, or the reference solution (name None)."""
    folder = Path(tempfile.mkdtemp(prefix="submission-"))
    source = SUBMISSIONS / lesson / f"{name}.py" if name else ROOT / "solutions" / f"{lesson}.py"
    shutil.copy(source, folder / f"{lesson}.py")
    return folder


@pytest.fixture
def folder(request):
    made = []

    def make(lesson: str, name: str | None = None) -> Path:
        made.append(_submission(lesson, name))
        return made[-1]

    yield make
    for path in made:
        shutil.rmtree(path, ignore_errors=True)


@needs_capture
def test_pcap_files_hold_the_handshake_and_the_close_once_each(folder, tmp_path) -> None:
    """--pcap DIR: one file per conversation, named after its lesson and check; each packet once (loopback
    shows every frame leaving and arriving: only the outgoing copy is kept); read back by our decoder."""
    graded = grade(folder("client_flow"), ["client_flow"], extra=["--pcap", str(tmp_path / "pcap")])
    assert graded.returncode == 0, graded.output
    files = sorted((tmp_path / "pcap").iterdir())
    # lesson 1's conversations, each in the file of the first check that judged it: the request; the second call
    # in one process (its first call's connection, then its own) of the reply check; and the 8 MiB message, the
    # empty message and the one-byte message of the check that it sends the whole message
    connections = {"client_flow-connects_to_the_given_host_and_port.pcap": 1,
                   "client_flow-returns_the_servers_reply_as_bytes.pcap": 2,
                   "client_flow-sends_the_whole_message_once_unchanged.pcap": 3}
    assert [f.name for f in files] == sorted(connections)
    for file in files:
        segments = packets.decode(packets.read_pcap(file))
        names = [packets.flag_names(s.flags) for s in segments]
        count = connections[file.name]
        assert names[:3] == ["SYN", "SYN-ACK", "ACK"], names
        assert names.count("SYN") == count and names.count("SYN-ACK") == count, names
        assert sum("FIN" in name for name in names) == 2 * count, names
        assert not any("RST" in name for name in names), names
        assert len(set(segments)) == len(segments), "a packet was kept twice"
    big = packets.decode(packets.read_pcap(files[-1]))
    assert sum(s.payload for s in big if s.src == big[0].src) >= 8 << 20  # the message, whole (the SYN is the client's)


@needs_capture
@pytest.mark.skipif(shutil.which("tcpdump") is None, reason="tcpdump is not installed (Debian: apt-get install tcpdump)")
def test_tcpdump_reads_the_pcap_files(folder, tmp_path) -> None:
    grade(folder("graceful_close"), ["graceful_close"], extra=["--pcap", str(tmp_path)])
    files = sorted(tmp_path.glob("*.pcap"))
    assert len(files) >= 3, files  # one per function's conversation, at least
    for path in files:
        read = subprocess.run(["tcpdump", "-nr", str(path)], capture_output=True, text=True, timeout=30)
        assert read.returncode == 0, read.stderr
        assert "Flags [S]" in read.stdout and "Flags [S.]" in read.stdout, read.stdout
        ours = packets.decode(packets.read_pcap(path))
        assert len(read.stdout.splitlines()) == len(ours)  # tcpdump and our decoder see the same packets


@needs_capture
@pytest.mark.parametrize("edition", ["en", "zh"])
def test_a_failed_conversation_shows_its_packets(folder, edition) -> None:
    """Lesson 1's client that closes before its recv(): under its timeline, the handshake and the RST its
    kernel sends when the reply meets the closed socket, labelled in the edition's words."""
    labels = messages.texts(edition).PK_LABEL
    target = folder("client_flow", "closes_before_recv")
    graded = grade(target, ["client_flow"], lang=edition)
    record = graded.checks["test_client_closes_its_socket"]
    assert record["outcome"] == "failed"
    shown = record["packets"]
    assert [line for line in shown if line.endswith(labels["handshake-1"])], shown
    assert [line for line in shown if line.endswith(labels["handshake-3"])], shown
    assert [line for line in shown if line.endswith(labels["reset"])], shown
    texts = messages.texts(edition)
    # Listed under the timeline where the report fits on one screen (plugin.SCREEN), else one line says how
    # many lines and the command that lists them; --packets lists them always, once for the one conversation.
    hidden = texts.PK_HIDDEN.format(count=len(shown), lesson=f"client_flow --target {shlex.quote(str(target))}")
    assert (texts.PK_TITLE in graded.output) != (hidden in graded.output), graded.output
    asked = grade(folder("client_flow", "closes_before_recv"), ["client_flow"], lang=edition, extra=["--packets"])
    assert texts.PK_TITLE in asked.output and hidden not in asked.output, asked.output
    for line in asked.checks["test_returns_the_servers_reply_as_bytes"]["packets"]:
        assert asked.output.count(line) == 1, line


@needs_capture
def test_passing_checks_show_packets_only_when_asked(folder) -> None:
    plain = grade(folder("client_flow"), ["client_flow"])
    assert not any(r.get("packets") for r in plain.checks.values())
    asked = grade(folder("client_flow"), ["client_flow"], extra=["--packets"])
    assert all(r.get("packets") for r in asked.checks.values())
    closing = asked.checks["test_client_closes_its_socket"]["packets"]
    labels = messages.texts("en").PK_LABEL
    assert any(line.endswith(labels["close-1"]) for line in closing), closing
    # three checks judged one conversation: its packets are printed once; the reply check also held a second call,
    # and the message check the 8 MiB message and the empty one
    assert asked.output.count(messages.texts("en").PK_TITLE) == 4


@needs_capture
def test_the_side_that_closed_first_is_named(folder) -> None:
    """A client that reads until EOF closes after the server's FIN, by construction: TIME_WAIT is the peer's.

    (The reference client closes after one recv(): whether its FIN or the server's half-close goes first is a
    race on a loaded machine, so it cannot prove this.)
    """
    path = folder("client_flow")
    (path / "client_flow.py").write_text(
        "import socket\n\n\n"
        "def request(host, port, message):\n"
        "    with socket.create_connection((host, port)) as client:\n"
        "        client.sendall(message)\n"
        "        reply = b''\n"
        "        while chunk := client.recv(1024):\n"
        "            reply += chunk\n"
        "    return reply\n")
    graded = grade(path, ["client_flow"], extra=["--packets"])
    assert graded.returncode == 0, graded.output
    closing = graded.checks["test_client_closes_its_socket"]["packets"]
    assert messages.texts("en").PK_TIME_WAIT_PEER in closing, closing
    assert messages.texts("en").PK_TIME_WAIT_YOU not in closing, closing


@needs_capture
def test_a_close_made_by_the_grader_s_kill_is_never_your_code_s(folder) -> None:
    """A server that hangs is killed by the grader: the kernel closes its sockets then. Its FIN is labelled
    as the kill's, and the TIME_WAIT it leaves as the kill's, never "your code closed first"."""
    graded = grade(folder("server_flow", "never_replies_sleeps"), ["server_flow"],
                   checks=["test_echoes_the_message_on_the_accepted_connection"], extra=["--packets"])
    shown = graded.checks["test_echoes_the_message_on_the_accepted_connection"]["packets"]
    texts = messages.texts("en")
    assert texts.PK_TIME_WAIT_YOU not in shown and texts.PK_TIME_WAIT_KILLED in shown, shown
    assert any(line.endswith(texts.PK_LABEL["close-1-kill"]) for line in shown), shown


def test_the_view_labels_the_kill_s_fin_and_rst() -> None:
    """The view's rules: the student's FIN after the grader's kill opens the close as the kill's, and so
    is the TIME_WAIT it leaves; an RST after it is the kill's too; before it, both are the code's."""
    you, peer = ("127.0.0.1", 40000), ("127.0.0.2", 5000)
    handshake = [packets.Segment(0.0, peer, you, 100, 0, packets.SYN, 65535, 0, 7),
                 packets.Segment(0.1, you, peer, 900, 101, packets.SYN | packets.ACK, 65535, 0, 7),
                 packets.Segment(0.2, peer, you, 101, 901, packets.ACK, 512, 0)]
    close = [packets.Segment(5.0, you, peer, 901, 101, packets.FIN | packets.ACK, 512, 0),
             packets.Segment(5.1, peer, you, 101, 902, packets.ACK, 512, 0),
             packets.Segment(5.2, peer, you, 101, 902, packets.FIN | packets.ACK, 512, 0),
             packets.Segment(5.3, you, peer, 902, 102, packets.ACK, 512, 0)]
    for killed_at, label, wait in ((4.0, "close-1-kill", "kill"), (6.0, "close-1", None)):
        lines = packets.describe(handshake + close, lambda end: end == you,
                                 lambda segment, at=killed_at: segment.time >= at)
        assert lines[3].label == label and lines[-1].kind == "time_wait" and lines[-1].label == wait
        assert (messages.texts("en").PK_TIME_WAIT_KILLED in packets.render(lines)) == (wait == "kill")
    reset = [packets.Segment(5.0, you, peer, 901, 101, packets.RST, 0, 0)]
    assert packets.describe(handshake + reset, lambda end: end == you, lambda s: True)[3].label == "reset-kill"
    assert packets.describe(handshake + reset, lambda end: end == you)[3].label == "reset"


def test_connection_attempts_are_counted_within_a_window() -> None:
    """Lesson 6 counts the SYNs sent to each server of a list. A list played again may get the port an
    earlier play's server had (the kernel hands out freed ports again): the earlier SYN is not this play's.
    A SYN sent again (same port, same ISN) is the same attempt."""
    you, other, server = ("127.0.0.1", 40000), ("127.0.0.1", 40002), ("127.0.0.2", 5000)
    segments = [packets.Segment(1.0, you, server, 100, 0, packets.SYN, 65535, 0, 7),
                packets.Segment(2.0, you, server, 100, 0, packets.SYN, 65535, 0, 7),  # sent again
                packets.Segment(5.0, other, server, 300, 0, packets.SYN, 65535, 0, 8)]
    wire = packets.WireFacts.of(segments, lambda end: end[1] >= 40000)
    assert wire.attempts(server, (0.0, 9.0)) == 2
    assert wire.attempts(server, (4.0, 9.0)) == 1  # the later play's own
    assert wire.attempts(("127.0.0.2", 5001), (0.0, 9.0)) == 0


@needs_capture
def test_a_long_transfer_is_summarised(folder) -> None:
    """Lesson 3 moves 16 MiB: the view keeps the ends of the transfer and counts the middle."""
    graded = grade(folder("recv_loop"), ["recv_loop"], extra=["--packets"])
    assert graded.returncode == 0, graded.output
    longest = graded.checks["test_recv_until_closed_is_fast_on_16_mib"]["packets"]
    assert any("..." in line for line in longest), longest
    assert len(longest) < 60, longest


def test_without_a_namespace_the_report_says_so_in_one_line(folder) -> None:
    """At the basic level there is no private loopback to capture: one line says so, all else works."""
    graded = grade(folder("client_flow", "never_receives"), ["client_flow"], isolation="basic")
    reason = messages.texts("en").PK_NO_NAMESPACE
    off = messages.texts("en").PK_OFF.format(reason=reason)
    assert graded.output.count(off) == 1, graded.output
    assert graded.checks["test_returns_the_servers_reply_as_bytes"]["outcome"] == "failed"
    assert not any(r.get("packets") for r in graded.checks.values())


def test_the_capture_can_be_switched_off(folder) -> None:
    graded = grade(folder("client_flow"), ["client_flow"], env={"COURSE_PACKETS": "off"}, extra=["--packets"])
    assert graded.returncode == 0
    off = messages.texts("en").PK_OFF.format(reason=messages.texts("en").PK_SWITCHED_OFF)
    assert off in graded.output
    assert not any(r.get("packets") for r in graded.checks.values())


def test_the_view_summarises_runs_of_data_and_marks_zero_windows() -> None:
    """The view's rules on a made-up connection: 40 data segments, one of them a zero window, in a row."""
    you, peer = ("127.0.0.1", 40000), ("127.0.0.2", 5000)
    segs = [packets.Segment(0.0, you, peer, 100, 0, packets.SYN, 65535, 0, 7),
            packets.Segment(0.1, peer, you, 900, 101, packets.SYN | packets.ACK, 65535, 0, 7),
            packets.Segment(0.2, you, peer, 101, 901, packets.ACK, 512, 0)]
    for i in range(40):
        window = 0 if i == 20 else 512
        segs.append(packets.Segment(0.3 + i / 100, you, peer, 101 + 1000 * i, 901, packets.ACK | packets.PSH, window,
                                    1000))
    lines = packets.describe(segs, lambda end: end == you)
    more = [line for line in lines if line.kind == "more"]
    assert len(more) == 1 and more[0].count == 40 - 2 * packets.SUMMARY_KEEP
    assert more[0].size == 1000 * more[0].count and more[0].window == 1  # the zero window is counted
    assert lines[0].label == "handshake-1" and lines[2].label == "handshake-3"
    assert lines[2].window == 512 << 7  # scaled by the SYN's window-scale option


@needs_capture
def test_grade_class_writes_each_submissions_packets(tmp_path) -> None:
    """grade-class --pcap: every student's conversations, in their own folder of the output."""
    import sys

    for student in ("alice", "bob"):
        (tmp_path / "class" / student).mkdir(parents=True)
        shutil.copy(ROOT / "solutions" / "client_flow.py", tmp_path / "class" / student / "client_flow.py")
    done = subprocess.run([sys.executable, "-m", "graders.platforms.grade_class", str(tmp_path / "class" / "alice"),
                           str(tmp_path / "class" / "bob"), "--out", str(tmp_path / "out"), "--lesson", "client_flow",
                           "--pcap"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    for student in ("alice", "bob"):
        files = sorted((tmp_path / "out" / student / "packets").glob("*.pcap"))
        assert len(files) == 3, files  # lesson 1's request, its second call, and its 8 MiB message
        for file in files:
            names = [packets.flag_names(s.flags) for s in packets.decode(packets.read_pcap(file))]
            assert names[:2] == ["SYN", "SYN-ACK"], names


@needs_capture
def test_the_peer_tool_prints_each_conversations_packets() -> None:
    """nox -s peer -- server: after each conversation, its packets (the tool runs on the machine's own loopback,
    so only that connection's packets are shown)."""
    import re
    import socket
    import sys

    tool = subprocess.Popen([sys.executable, "-m", "graders.tools.peer", "server", "--lesson", "client_flow"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={"PATH": "/usr/bin:/bin", "COURSE_LANG": "en", "NO_COLOR": "1"})
    try:
        banner = tool.stdout.readline()
        port = int(re.search(r":(\d+)\.", banner).group(1))
        with socket.create_connection(("127.0.0.1", port)) as client:
            client.sendall(b"hello")
            while client.recv(1024):
                pass
        title = messages.texts("en").PK_TITLE_BYHAND
        lines = []
        for line in tool.stdout:
            lines.append(line)
            if lines[-1].strip().endswith(messages.texts("en").PK_TIME_WAIT_PEER.strip()):
                break
        shown = "".join(lines)
        assert title in shown, shown
        assert shown.count(" SYN ") == 1 and " SYN-ACK " in shown, shown
    finally:
        tool.kill()
        tool.wait()
