"""The packets of a run's own conversations: captured on the run's loopback, kept as pcap, drawn as lines.

Each grading run has a private network namespace (`sandbox.enter_private_network`),
so everything on its loopback is that run's conversations and nothing else. An
`AF_PACKET` socket on `lo`, opened by the grader inside that namespace (standard
library only; it needs CAP_NET_RAW there: root, or the owner of a user namespace
it made), sees every frame twice, once leaving and once arriving: only the
outgoing copy is kept (a BPF filter drops the other in the kernel). The first `FULL_PACKETS` frames keep `SNAP_FULL` bytes,
later ones their headers only (`SNAP_HEADERS`), and past `PACKET_CAP` frames are
only counted, so that lesson 3's megabytes cost little; the kernel's count of
dropped frames (PACKET_STATISTICS) is reported.

`Capture` reads in a thread of its own; `Capture.between(start, end)` returns
the frames of one conversation by time. `write_pcap` writes classic pcap files
(`tcpdump -r` and Wireshark open them), `read_pcap` reads them back, `decode`
turns frames into TCP segments, and `render` draws them as one line per
packet in the edition's words: the handshake and the four-way close labelled,
a zero window marked, long transfers summarised, TIME_WAIT named on the side
that closed first.

Over 500 lines: capture, pcap and TCP decoding share one packet record; splitting them would only pass it around.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import select
import socket
import struct
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

ETH_P_ALL = 0x0003
ETH_P_IP = 0x0800
PACKET_OUTGOING = 4
SOL_PACKET = 263
PACKET_STATISTICS = 6
PACKET_VERSION, TPACKET_V2, PACKET_RX_RING = 10, 1, 5
TP_STATUS_USER = 1
TPACKET2_HDRLEN = 32  # struct tpacket2_hdr, aligned; struct sockaddr_ll follows it
# The ring: 16384 slots of 512 bytes (a frame's first 430 or so bytes: every header and some payload), 8 MiB.
RING_FRAME = 512
RING_BLOCK = 1 << 20
RING_BLOCKS = 8
RING_FRAMES = RING_BLOCK * RING_BLOCKS // RING_FRAME
READ_PAUSE = 0.002
ETH_HEADER = 14
# A frame's Ethernet, IPv4 and TCP headers at their longest (14 + 60 + 60), and a little payload.
SNAP_HEADERS = 160
SNAP_FULL = 400
FULL_PACKETS = 256
PACKET_CAP = 20_000
LINKTYPE_ETHERNET = 1

FIN, SYN, RST, PSH, ACK, URG = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20


@dataclass(frozen=True)
class Frame:
    """One captured frame: when (seconds since the epoch, the kernel's stamp), its bytes (maybe cut), its length."""

    time: float
    data: bytes
    length: int


def unavailable_reason() -> str | None:
    """Why no capture can be opened here, or None when one can (tried, then closed)."""
    if not sys.platform.startswith("linux") or not hasattr(socket, "AF_PACKET"):
        return "no AF_PACKET sockets on this system"
    try:
        socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL)).close()
    except OSError as error:
        return f"a packet socket cannot be opened here ({error.strerror or error})"
    return None


# A classic BPF program on the packet socket: the kernel hands over only the outgoing copy of each loopback
# frame (the incoming copy is the same frame again), which halves what it copies into the ring and what the
# reader thread walks past. ldb [pkttype]; jeq #PACKET_OUTGOING, keep, drop.
SO_ATTACH_FILTER = 26
SKF_AD_PKTTYPE = -0x1000 + 4  # SKF_AD_OFF + SKF_AD_PKTTYPE: the frame's packet type, an ancillary load
OUTGOING_ONLY = (
    (0x30, 0, 0, SKF_AD_PKTTYPE & 0xFFFFFFFF),  # BPF_LD | BPF_B | BPF_ABS
    (0x15, 0, 1, PACKET_OUTGOING),  # BPF_JMP | BPF_JEQ | BPF_K: to the next line if equal, else skip it
    (0x06, 0, 0, 0xFFFFFFFF),  # BPF_RET | BPF_K: keep the frame (the ring's slot cuts it)
    (0x06, 0, 0, 0),  # BPF_RET | BPF_K: drop it
)


def _keep_outgoing_only(sock: socket.socket) -> None:
    """Attach OUTGOING_ONLY (struct sock_fprog: the program's length and its address, which only ctypes gives).
    Where the kernel refuses it, nothing changes: the reader keeps the outgoing copies by itself anyway."""
    import ctypes

    program = ctypes.create_string_buffer(b"".join(struct.pack("HBBI", *line) for line in OUTGOING_ONLY))
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, SO_ATTACH_FILTER,
                        struct.pack("HP", len(OUTGOING_ONLY), ctypes.addressof(program)))


class Capture:
    """The frames on `lo` from now on, read by a thread of its own until `close()`.

    The kernel copies each frame's first bytes into a ring shared with this process
    (PACKET_RX_RING, TPACKET_V2): no system call per frame, and a frame costs the
    ring one slot of `RING_FRAME` bytes whatever its size, so lesson 3's megabytes
    take little room. The reader thread wakes when frames are there and keeps
    the outgoing copies; `drain()` takes what is queued in the caller's thread.
    """

    def __init__(self, interface: str = "lo") -> None:
        # Protocol 0 until bind(): a packet socket made with ETH_P_ALL is hooked into the stack at once, and both
        # the ring's setup and bind() then unhook it first, each waiting out an RCU grace period (15-40 ms a run).
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
        try:
            self.sock.setsockopt(SOL_PACKET, PACKET_VERSION, TPACKET_V2)
            self.sock.setsockopt(SOL_PACKET, PACKET_RX_RING,
                                 struct.pack("IIII", RING_BLOCK, RING_BLOCKS, RING_FRAME, RING_FRAMES))
            self.ring = mmap.mmap(self.sock.fileno(), RING_BLOCK * RING_BLOCKS, mmap.MAP_SHARED,
                                  mmap.PROT_READ | mmap.PROT_WRITE)
            _keep_outgoing_only(self.sock)
            self.sock.bind((interface, ETH_P_ALL))  # Python puts the protocol in network order
        except OSError:
            self.sock.close()
            raise
        self.frames: list[Frame] = []
        self.seen = 0  # outgoing frames seen, kept or not
        self._next = 0  # the ring's next slot to look at
        self._wake_r, self._wake_w = os.pipe()  # wakes the reader thread at close()
        self._lock = threading.Lock()
        self._closed = False
        self._thread = threading.Thread(target=self._read, name="packet-capture", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        """The reader thread: whatever is queued, as it comes, until close()."""
        poller = select.poll()
        poller.register(self.sock, select.POLLIN)
        poller.register(self._wake_r, select.POLLIN)
        while True:
            poller.poll()
            with self._lock:
                if self._closed:
                    return
                self._take()
            time.sleep(READ_PAUSE)  # let frames gather: one wake-up takes many

    def _take(self) -> None:
        """Take every frame the kernel has put in the ring (the caller holds the lock)."""
        ring, unpack = self.ring, struct.unpack_from
        while True:
            slot = self._next * RING_FRAME
            status, length, snaplen, mac, _net, seconds, nanoseconds = unpack("IIIHHII", ring, slot)
            if not status & TP_STATUS_USER:
                return
            if ring[slot + TPACKET2_HDRLEN + 10] == PACKET_OUTGOING:  # sockaddr_ll's sll_pkttype
                self.seen += 1
                if self.seen <= PACKET_CAP:
                    keep = min(snaplen, SNAP_FULL if self.seen <= FULL_PACKETS else SNAP_HEADERS)
                    self.frames.append(Frame(seconds + nanoseconds / 1e9, ring[slot + mac:slot + mac + keep], length))
            ring[slot:slot + 4] = b"\0\0\0\0"  # TP_STATUS_KERNEL: the slot is the kernel's again
            self._next = (self._next + 1) % RING_FRAMES

    def drain(self) -> None:
        """Take, in the caller's thread, every frame the kernel has queued: all those sent before this call.

        A loopback frame is handed to the packet socket as it is sent, so nothing
        sent before now can still be on its way; taking them here, rather than
        waiting for the reader thread, keeps a busy machine from cutting a view short.
        """
        with self._lock:
            if not self._closed:  # closed: every frame is taken already
                self._take()

    def between(self, start: float, end: float) -> list[Frame]:
        """The frames stamped from `start` to `end` (time.time() values), read so far."""
        # Frames sent from two CPUs may reach the socket out of order: the kernel's stamps put them back.
        return sorted((frame for frame in list(self.frames) if start <= frame.time <= end), key=lambda f: f.time)

    def statistics(self) -> tuple[int, int]:
        """(frames the kernel passed to the socket, frames it dropped), since the last call (or close())."""
        if self._final is not None:
            final, self._final = self._final, (0, 0)
            return final
        with contextlib.suppress(OSError):
            return struct.unpack("II", self.sock.getsockopt(SOL_PACKET, PACKET_STATISTICS, 8))
        return 0, 0

    _final: tuple[int, int] | None = None  # the statistics when it closed

    def close(self) -> None:
        """Stop reading. The packet socket's own close waits out one or two RCU grace periods in the kernel
        (10-25 ms) and nothing waits for it: it goes on in a thread of its own while the run ends."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._final = self.statistics()
        with contextlib.suppress(OSError):
            os.write(self._wake_w, b"x")
        self._thread.join(2)
        self.ring.close()
        threading.Thread(target=self._release, name="packet-close", daemon=True).start()

    def _release(self) -> None:
        self.sock.close()
        os.close(self._wake_r)
        os.close(self._wake_w)


# --------------------------------------------------------------------------- pcap files


def write_pcap(path, frames: Iterable[Frame]) -> None:
    """A classic pcap file (microsecond stamps, Ethernet link type) of `frames`."""
    with open(path, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, LINKTYPE_ETHERNET))
        for frame in frames:
            seconds = int(frame.time)
            micro = min(999_999, round((frame.time - seconds) * 1e6))
            out.write(struct.pack("<IIII", seconds, micro, len(frame.data), frame.length))
            out.write(frame.data)


def read_pcap(path) -> list[Frame]:
    """The frames of a classic pcap file (either byte order, micro- or nanosecond stamps)."""
    with open(path, "rb") as source:
        data = source.read()
    magic = data[:4]
    order = {b"\xd4\xc3\xb2\xa1": "<", b"\xa1\xb2\xc3\xd4": ">", b"\x4d\x3c\xb2\xa1": "<", b"\xa1\xb2\x3c\x4d": ">"}
    if magic not in order:
        raise ValueError("not a classic pcap file")
    endian, scale = order[magic], (1e-9 if magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d") else 1e-6)
    frames, offset = [], 24
    while offset + 16 <= len(data):
        seconds, fraction, kept, length = struct.unpack(endian + "IIII", data[offset:offset + 16])
        offset += 16
        frames.append(Frame(seconds + fraction * scale, data[offset:offset + kept], length))
        offset += kept
    return frames


# --------------------------------------------------------------------------- TCP segments


@dataclass(frozen=True)
class Segment:
    """A TCP segment as the wire carried it; `window` is the raw field (scale it with the SYN's shift)."""

    time: float
    src: tuple[str, int]
    dst: tuple[str, int]
    seq: int
    ack: int
    flags: int
    window: int
    payload: int
    wscale: int | None = None  # the window-scale option, on SYN segments only

    @property
    def connection(self) -> tuple:
        return tuple(sorted((self.src, self.dst)))


def decode(frames: Iterable[Frame]) -> list[Segment]:
    """The IPv4 TCP segments among `frames` (anything else is skipped)."""
    segments = []
    for frame in frames:
        data = frame.data
        if len(data) < ETH_HEADER + 20 or struct.unpack("!H", data[12:14])[0] != ETH_P_IP:
            continue
        ip = data[ETH_HEADER:]
        if ip[0] >> 4 != 4 or ip[9] != socket.IPPROTO_TCP:
            continue
        ihl = (ip[0] & 0x0F) * 4
        total = struct.unpack("!H", ip[2:4])[0]
        tcp = ip[ihl:]
        if len(tcp) < 20:
            continue
        sport, dport, seq, ack, offset_flags, window = struct.unpack("!HHIIHH", tcp[:16])
        header = (offset_flags >> 12) * 4
        wscale = None
        if offset_flags & SYN:
            options, index = tcp[20:header], 0
            while index < len(options):
                kind = options[index]
                if kind == 0:
                    break
                if kind == 1:
                    index += 1
                    continue
                size = options[index + 1] if index + 1 < len(options) else 0
                if kind == 3 and size == 3 and index + 2 < len(options):
                    wscale = options[index + 2]
                if size < 2:
                    break
                index += size
        source, target = socket.inet_ntoa(ip[12:16]), socket.inet_ntoa(ip[16:20])
        segments.append(Segment(frame.time, (source, sport), (target, dport), seq, ack, offset_flags & 0x3F,
                                window, max(0, total - ihl - header), wscale))
    return segments


def flag_names(flags: int) -> str:
    """SYN, SYN-ACK, FIN-ACK, PSH-ACK, RST, ACK...: the names a capture tool shows."""
    if flags & SYN:
        return "SYN-ACK" if flags & ACK else "SYN"
    names = [name for bit, name in ((FIN, "FIN"), (RST, "RST"), (PSH, "PSH"), (URG, "URG")) if flags & bit]
    if flags & ACK:
        names.append("ACK")
    return "-".join(names) or "-"


@dataclass(frozen=True)
class Line:
    """One line of the packet view, in facts; `render` puts it into the edition's words.

    kind: "packet" (a segment; `segment`, `seq`, `ack`, `window`, `label`), "more" (a summary of `count`
    segments carrying `size` bytes), "time_wait" (the side that closed first: `mine`).
    """

    kind: str
    segment: Segment | None = None
    mine: bool = False
    seq: int = 0
    ack: int = 0
    window: int = 0
    label: str | None = None  # "handshake-1".."handshake-3", "close-1".."close-4", "zero-window", "*-kill"
    count: int = 0
    size: int = 0
    connection: int = 0


# One packet's line: the same words in every edition (the names tcpdump and Wireshark show).
PACKET_LINE = "{time:>9} {who}  {flags:<11} seq={seq} ack={ack} win={window} len={length}{label}"
SUMMARY_KEEP = 3  # packets kept at each end of a long run of data packets


def describe(segments: list[Segment], mine: Callable[[tuple[str, int]], bool],
             by_kill: Callable[[Segment], bool] | None = None) -> list[Line]:
    """The packet view's lines, in facts: who sent each segment (`mine(src)`: the student's code), relative
    sequence numbers, scaled windows, the handshake and the close labelled, long runs of data summarised.
    `by_kill(segment)`: a FIN or RST of the student's side that the grader's kill of its process made (its
    sockets closed by the kernel): labelled so, and a TIME_WAIT it leaves is the kill's, not "your code closed
    first"."""
    by_kill = by_kill or (lambda segment: False)
    connections: dict[tuple, dict] = {}
    lines: list[Line] = []
    for segment in segments:
        state = connections.setdefault(segment.connection, {
            "number": len(connections) + 1, "isn": {}, "shift": {}, "fins": [], "handshake": 0})
        side, other = segment.src, segment.dst
        if segment.flags & SYN:
            state["isn"][side] = segment.seq
            state["shift"][side] = segment.wscale
        isn_mine, isn_other = state["isn"].get(side, segment.seq), state["isn"].get(other)
        relative_ack = (segment.ack - isn_other) % 2**32 if isn_other is not None and segment.flags & ACK else 0
        both_scale = all(state["shift"].get(end) is not None for end in (side, other))
        window = segment.window << (state["shift"][side] or 0) if both_scale and not segment.flags & SYN \
            else segment.window
        label = None
        fins = state["fins"]  # one per side that sent a FIN: [side, the ack value that acknowledges it, acked]
        acked = [fin for fin in fins if fin[0] == other and not fin[2] and segment.flags & ACK
                 and (segment.ack - fin[1]) % 2**32 < 2**31]
        for fin in acked:
            fin[2] = True
        if segment.flags & SYN:
            label = "handshake-2" if segment.flags & ACK else "handshake-1"
            state["handshake"] = 2 if segment.flags & ACK else 1
        elif state["handshake"] == 2 and segment.flags & ACK and not segment.payload and not segment.flags & FIN:
            label, state["handshake"] = "handshake-3", 3
        elif segment.flags & RST:
            label = "reset-kill" if mine(side) and by_kill(segment) else "reset"
        elif segment.flags & FIN and all(fin[0] != side for fin in fins):
            fins.append([side, (segment.seq + segment.payload + 1) % 2**32, False, mine(side) and by_kill(segment)])
            label = "close-1" if len(fins) == 1 else "close-2-3" if acked else "close-3"
            if label == "close-1" and fins[0][3]:
                label = "close-1-kill"
        elif acked:
            label = "close-2" if acked[0] is fins[0] else "close-4"
        elif segment.window == 0:
            label = "zero-window"
        lines.append(Line("packet", segment, mine(side), (segment.seq - isn_mine) % 2**32, relative_ack, window,
                          label, connection=state["number"]))
        if label == "close-4":
            lines.append(Line("time_wait", mine=mine(fins[0][0]), label="kill" if fins[0][3] else None,
                              connection=state["number"]))
    return summarise(lines)


def summarise(lines: list[Line]) -> list[Line]:
    """A long run of data packets (more than 2*SUMMARY_KEEP+1, zero windows included) keeps its ends, a count
    in between: the packets, their bytes and how many of them advertised a zero window."""
    out: list[Line] = []
    run: list[Line] = []

    def flush() -> None:
        if len(run) > 2 * SUMMARY_KEEP + 1:
            middle = run[SUMMARY_KEEP:-SUMMARY_KEEP]
            out.extend(run[:SUMMARY_KEEP])
            out.append(Line("more", count=len(middle), size=sum(line.segment.payload for line in middle),
                            window=sum(line.label == "zero-window" for line in middle)))
            out.extend(run[-SUMMARY_KEEP:])
        else:
            out.extend(run)
        run.clear()

    for line in lines:
        if line.kind == "packet" and line.label in (None, "zero-window"):
            run.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return out


def render(lines: list[Line]) -> list[str]:
    """The packet view in the edition's words: one line per packet, ASCII arrows (one column wide everywhere)."""
    from graders.text import lang, messages

    if not lines:
        return []
    start = next(line.segment.time for line in lines if line.segment is not None)
    width = max(lang.display_width(messages.PK_FROM_YOU), lang.display_width(messages.PK_FROM_PEER))
    several = len({line.connection for line in lines if line.kind == "packet"}) > 1
    out = []
    for line in lines:
        if line.kind == "more":
            zero = messages.PK_MORE_ZERO.format(zero=line.window) if line.window else ""
            out.append(messages.PK_MORE.format(packets=messages.counted(messages.MORE_PACKETS, line.count),
                                               size=messages.counted(messages.BYTES, line.size), zero=zero))
            continue
        if line.kind == "time_wait":
            out.append(messages.PK_TIME_WAIT_KILLED if line.label == "kill"
                       else messages.PK_TIME_WAIT_YOU if line.mine else messages.PK_TIME_WAIT_PEER)
            continue
        segment = line.segment
        who = lang.ljust(messages.PK_FROM_YOU if line.mine else messages.PK_FROM_PEER, width)
        if several:
            who = f"#{line.connection} {who}"
        label = f"  {messages.PK_LABEL[line.label]}" if line.label else ""
        out.append(PACKET_LINE.format(
            time=f"{(segment.time - start) * 1000:.3f}", who=who, flags=flag_names(segment.flags), seq=line.seq,
            ack=line.ack, window=line.window, length=segment.payload, label=label).rstrip())
    return out


@dataclass(frozen=True)
class WireFacts:
    """Facts of a conversation that only the wire shows, for checks to assert (see Run.wire_facts).

    The reference peer's socket cannot see an RST that arrives after it closed, nor tell which side's FIN
    left first: the packets can.
    """

    connections: int  # connections the code under test took part in
    resets_by_you: int  # RST segments its code's side sent
    resets_by_peer: int
    first_fin: str | None  # "you" or "peer": who sent the first FIN of the first connection that closed
    # Connection attempts of the code under test, by destination (host, port): when each of its SYNs left,
    # those refused (answered by RST, where no server listens) included, which no reference peer's socket
    # ever sees. By time, for `attempts`: a port freed by one list of servers may be another's later.
    attempt_times: dict[tuple[str, int], list[float]]
    # When each of its connections began: (its end, the destination) -> the first SYN's time (time.time(), the
    # kernel's stamp): the order of its connects, whatever the threads that accepted them were kept waiting.
    syns: dict[tuple[tuple[str, int], tuple[str, int]], float] = field(default_factory=dict)
    # When its side of each connection first ended: (its end, the destination) -> the time of its first FIN or
    # RST on the wire (a shutdown, a close, a reset), which a peer's thread sees only when it next gets a CPU.
    ends: dict[tuple[tuple[str, int], tuple[str, int]], float] = field(default_factory=dict)

    @classmethod
    def of(cls, segments: list[Segment], mine: Callable[[tuple[str, int]], bool]) -> WireFacts:
        first_fin = next(("you" if mine(s.src) else "peer" for s in segments if s.flags & FIN), None)
        first_syn: dict[tuple, float] = {}
        for s in segments:  # a SYN sent again (same port, same ISN) is the same attempt
            if s.flags & SYN and not s.flags & ACK and mine(s.src):
                key = (s.dst, s.src, s.seq)
                first_syn[key] = min(first_syn.get(key, s.time), s.time)
        attempts: dict[tuple[str, int], list[float]] = {}
        for (destination, _source, _isn), at in first_syn.items():
            attempts.setdefault(destination, []).append(at)
        times: dict[tuple[tuple[str, int], tuple[str, int]], float] = {}
        ends: dict[tuple[tuple[str, int], tuple[str, int]], float] = {}
        for s in segments:
            if s.flags & SYN and not s.flags & ACK and mine(s.src):
                times[(s.src, s.dst)] = min(times.get((s.src, s.dst), s.time), s.time)
            if s.flags & (FIN | RST) and mine(s.src):
                ends[(s.src, s.dst)] = min(ends.get((s.src, s.dst), s.time), s.time)
        return cls(len({s.connection for s in segments}),
                   sum(1 for s in segments if s.flags & RST and mine(s.src)),
                   sum(1 for s in segments if s.flags & RST and not mine(s.src)), first_fin, attempts, times, ends)

    def attempts(self, destination: tuple[str, int], window: tuple[float, float]) -> int:
        """How many times the code tried to connect to `destination` within `window` (time.time() values)."""
        return sum(window[0] <= at <= window[1] for at in self.attempt_times.get(tuple(destination), ()))


# --------------------------------------------------------------------------- one run's packets, check by check

_TAP: Tap | None = None


def _audit(event: str, args: tuple) -> None:
    """Every connect() the grader's own threads make: its destination is a student's (or a reference) server."""
    if event == "socket.connect" and _TAP is not None:
        address = args[1]
        if isinstance(address, tuple) and len(address) >= 2 and isinstance(address[1], int):
            _TAP.connected_to.add((str(address[0]), address[1]))


class Tap:
    """The run's capture, and who is who on its loopback.

    A connection's client is the grader's reference peer when the grader's
    own process connected to the SYN's destination (an audit hook, PEP 578,
    sees every connect() of the grader); otherwise the client is the code
    under test. Connections opened while a reference solution ran (lesson 3
    measures one) are not the student's and are left out of the view.
    """

    def __init__(self, capture: Capture) -> None:
        global _TAP
        self.capture = capture
        self.connected_to: set[tuple[str, int]] = set()
        self.reference: list[tuple[float, float]] = []  # when reference solutions ran (time.time())
        # The student's calls the grader killed: (when each started, when it was killed), time.time(). A FIN
        # or RST its side sends after the kill, on a connection opened while it ran, is the kill's.
        self.kills: list[tuple[float, float]] = []
        self.check_started = time.time()
        self.touched: list[tuple[float, float]] = []  # conversations (held once) this check judged
        self.written: set[str] = set()
        self.pending: list[tuple] = []  # checks judged, whose packets are taken when the next check starts
        if _TAP is None:
            sys.addaudithook(_audit)  # once per process: an audit hook cannot be removed
        _TAP = self

    @classmethod
    def open(cls) -> tuple[Tap | None, str | None]:
        """A tap on this namespace's loopback, or (None, why not)."""
        if not sys.platform.startswith("linux") or not hasattr(socket, "AF_PACKET"):
            return None, "no AF_PACKET sockets on this system"
        try:
            return cls(Capture()), None
        except OSError as error:
            return None, error.strerror or str(error)

    def check_begins(self) -> None:
        self.check_started = time.time()
        self.touched = []

    def frames(self, started: float, touched: list[tuple[float, float]], until: float | None = None) -> list[Frame]:
        """The frames of a check that started at `started` (until now), and of the conversations it judged
        that earlier checks held (`touched`)."""
        windows = [(started, until or time.time())] + touched
        frames = [frame for frame in list(self.capture.frames) if any(a <= frame.time <= b for a, b in windows)]
        return sorted(frames, key=lambda frame: frame.time)  # as between(): in the order they were sent

    def settle(self) -> list[tuple]:
        """The checks waiting for their packets, once every frame sent until now has been read."""
        pending, self.pending = self.pending, []
        if pending:
            self.capture.drain()
        return pending

    def _owned(self, frames: list[Frame]) -> tuple[list[Segment], Callable[[tuple[str, int]], bool]]:
        """The segments of the code under test's connections, and who sent them (`mine(src)`: its code)."""
        segments = decode(frames)
        clients: dict[tuple, tuple] = {}
        for segment in segments:
            if segment.flags & SYN and not segment.flags & ACK:
                clients.setdefault(segment.connection, (segment.src, segment.dst, segment.time))
        keep, grader_client = [], {}
        for segment in segments:
            client = clients.get(segment.connection)
            if client is None or any(a <= client[2] <= b for a, b in self.reference):
                continue
            grader_client[segment.connection] = client[1] in self.connected_to
            keep.append(segment)

        def mine(end: tuple[str, int]) -> bool:
            connection = next(s.connection for s in keep if end in (s.src, s.dst))
            return (end == clients[connection][0]) != grader_client[connection]

        return keep, mine

    def killed(self, started: float, at: float) -> None:
        """The grader killed a student's call that started at `started`, at `at` (time.time())."""
        self.kills.append((started, at))

    def by_kill(self, segments: list[Segment]) -> Callable[[Segment], bool]:
        """Whether a segment of the student's side came after the grader killed the call that held its
        connection (opened while that call ran): its sockets were closed by the kill, not by its code."""
        opened = {}
        for segment in segments:
            opened.setdefault(segment.connection, segment.time)
        kills = list(self.kills)

        def after_kill(segment: Segment) -> bool:
            start = opened.get(segment.connection, segment.time)
            return any(began <= start <= at <= segment.time for began, at in kills)

        return after_kill

    def view(self, frames: list[Frame]) -> list[str]:
        """The packet view of `frames`: the code under test's connections only, in the edition's words."""
        segments, mine = self._owned(frames)
        return render(describe(segments, mine, self.by_kill(segments)))

    def facts(self, window: tuple[float, float]) -> WireFacts:
        """What the wire says of the conversation held in `window` (time.time() values)."""
        self.capture.drain()
        segments, mine = self._owned(self.frames(window[0], [], until=window[1]))
        return WireFacts.of(segments, mine)

    def reference_ran(self, started: float) -> None:
        self.reference.append((started, time.time()))

    def pcap_name(self, lesson: str, check: str) -> str:
        name = f"{lesson}-{check.removeprefix('test_')}.pcap"
        self.written.add(name)
        return name

    def close(self) -> None:
        global _TAP
        if _TAP is self:
            _TAP = None
        self.capture.close()
