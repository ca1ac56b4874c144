"""The reference peer's end of a connection, driven step by step by a check.

Every blocking step of a `Peer` is a select() loop that also watches the
student's process (`student.StudentCall`), so that a student's function
that finishes, crashes or hangs ends the step at once, with the right
verdict, instead of stalling the check. Pieces are sent only once the
student's code has read the previous one (fragmentation by construction);
FIN and RST are read from the wire; what the kernel says of the student's
socket (its unread bytes, its LISTEN row) comes from /proc. Each step is
written into the conversation's `Timeline`.

Over 500 lines: one class, the peer's every step (connect, accept, send in
pieces, wait for a piece read, read, half-close, a reset) with the kernel's
view each step needs; split, each part would reach into the others' state.
"""

from __future__ import annotations

import errno
import select
import socket
import sys
import time

from graders.engine import deadlock, kernel
from graders.engine.student import CPU_LOOK, StudentCall
from graders.engine.timeline import TIMELINE_BYTES, Timeline, received_versus, show
from graders.engine.verdict import CheckFailed
from graders.text import messages

SETTLE = 0.05  # after the student's function returned: packets still on loopback arrive
POLL = 0.0005  # the step of loops that watch /proc (fragmentation, LISTEN)
# A connection's pauses (`Peer._hold_for_timers`) out-wait the code's timers shorter than this: a peer may pause up
# to a second mid-message (the grader's peers wait up to a second elsewhere); a longer timeout of the code's own is
# its choice (lesson 3 leaves a given socket's timeout to the code), and a TimeoutError past it is not staged.
PAUSE_WITHIN = 1.0
PAUSE_TOLD = 0.05  # a hold shorter than this is no pause worth telling
GAVE_UP_LOOK = 0.05  # after a hold in which a timer of the code's fired: CPU seconds of its, never asleep, to look
STALL_TIMERS_CAP = 2.5  # the longest a stall, or a client's connect, waits on the code's own short timers
# Linux delays ACKs (up to 40 ms): a student's socket with a 16 KiB send buffer then sends at a
# trickle. The peer asks for an immediate ACK before each read (TCP_QUICKACK is not sticky).
QUICKACK = getattr(socket, "TCP_QUICKACK", None)
ASLEEP_WAIT = 0.2  # fragmentation: how long to wait for a reader that never sleeps (non-blocking polling)
ROOM_STEP = 16 << 10  # `interrupt_send`: what the peer reads at a time, between its signals, to make room
SPIN_CPU = 0.1  # `interrupt_send`: CPU seconds of the code's, never asleep in a send(), that say it sends another way


class Peer:
    """The reference peer's end of one connection, driven step by step by a check.

    Every blocking step is a select() loop that also watches the student's
    process, so a student's function that finishes, crashes or hangs ends
    the step at once (with `ended` set) instead of stalling the check.
    """

    came_mid_message = 0  # bytes from the student's code before the last piece of a message in pieces (`send`)

    def __init__(self, sock: socket.socket, call: StudentCall, timeline: Timeline, remote: tuple | None = None):
        sock.setblocking(False)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock = sock
        self.call = call
        self.timeline = timeline
        self.local = sock.getsockname()[:2]
        # The address accept() or connect() gave: getpeername() fails on a connection the student's
        # code has reset already (ENOTCONN), which is the student's doing, to be judged, not a grader error.
        self.remote = tuple(remote[:2]) if remote is not None else sock.getpeername()[:2]
        self.received = bytearray()
        self.end: str | None = None  # "FIN" or "RST" once the student's side ended
        # What the peer is waiting for, in the student's words: shown if it never comes. Unset, it is what
        # the peer is doing at that moment: sending (the student's code to take it in) or reading (to send).
        self.expecting: str | None = None
        # How many bytes this peer is to receive in all, where the check knows it (send_all(data): len(data)):
        # with all of them here, a hang is waiting for the function to return, not for it to send.
        self.complete_at: int | None = None
        # The very bytes it is to receive, where the check knows them: a hang is then told with what arrived (set
        # alone, without `complete_at`: only a hang before all of them came is told so).
        self.complete_data: bytes | None = None
        self.pieces_read = 0  # pieces of a send() the student's code read before the next was sent
        # Nobody closes the student's socket once its function returns (a check that looks at it first, lesson 3's
        # send_all()): what its kernel still holds unacknowledged is then on its way here, and a read waits for it.
        self.open_after_return = False
        self.piece_went = 0  # of the piece being sent when the student's side stopped taking it: bytes that left
        # The student's FIN was found queued when an RST stopped this peer's send: it half-closed, then reset.
        self.fin_before_reset = False
        self.fin_drawn = False  # its FIN drawn already, where it came (`take_arrived`)
        self.fin_sent = False
        # Where this connection holds for the code's own short timers before sending (`_hold_for_timers`), once
        # each: "middle", before the last piece of a message sent in pieces; "first", before its first byte, where
        # the peer is a client of the student's server (`connect`). None in lessons 7-8's crowds (`Crowd._outwait`).
        self.holds: tuple[str, ...] = ("middle",)
        self.held: set[str] = set()
        # The "first" hold out-waits the code's timers shorter than this (`connect`'s `first_within`); above
        # deadlock.LONG_TIMEOUT, a long hold too (`deadlock.hold_past_long_timer`: up to LONG_CAP, once per call).
        self.first_within = PAUSE_WITHIN
        self.reset_after_fin = False  # the student's FIN, then an RST, met by our shutdown() (`shutdown_write`)
        self.one_of_many = False  # one client of a crowd (lessons 7-8): its reset does not wait for the call's end
        self.sent_bytes = 0  # what `send` has sent on this connection in all
        self.stall_gave_up: float | None = None  # the code ended in a stall (`stall`) as a timer of its own fired
        self.stall_fired = False  # in the last stall a timer of the code's own fired (it went on, or ended)
        # What it had sent when a timer of the code's own fired in its hold and the code gave up waiting (None: not so)
        self.gave_up_after: int | None = None
        # An end seen on the wire is the grader's when the grader killed the process first, or closed
        # the socket it had given the function (the student's call knows which).
        timeline.ended_by_grader = lambda seen: call.ended_by_grader(seen, self.remote, self.local)

    # ---- setting up

    @classmethod
    def accept(cls, listener: socket.socket, call: StudentCall, timeline: Timeline,
               expected: str = "", quiet: bool = False) -> Peer:
        """Wait for the student's code to connect to `listener`."""
        while True:
            try:
                sock, address = listener.accept()
            except BlockingIOError:
                pass
            else:
                peer = cls(sock, call, timeline, remote=address)
                call.accepted_at = time.monotonic()
                call.cpu_accepted = kernel.cpu_time(call.pid) if kernel.AVAILABLE else None
                call.own_cpu_accepted = kernel.own_cpu_time(call.pid) if kernel.AVAILABLE else None
                if not quiet:
                    timeline.student(messages.TL_CONNECT_FROM.format(port=peer.remote[1]))
                    timeline.peer(messages.TL_ACCEPT, wire=False)
                return peer
            if not _step(call, [listener]):
                raise _ended(call, timeline, expected or messages.EXPECTED_CONNECT)

    @classmethod
    def connect(cls, host: str, port: int, call: StudentCall, timeline: Timeline,
                rcvbuf: int | None = None, outwait: bool = True, first_within: float = PAUSE_WITHIN) -> Peer:
        """Connect to the student's server once it listens on (host, port).

        On Linux, wait for its LISTEN socket in /proc/net/tcp, held by the
        student's process, then connect once: a server that accepts a single
        client gets no throwaway probe. Elsewhere, retry the connect until
        it is accepted, and that connection is the conversation. A connect
        that fails after all is the student's server's doing (it closed its
        listener, returned, raised, died): the call's outcome is the verdict.
        `first_within`: the pause before its first byte out-waits the server's own timers shorter than this
        (`_hold_for_timers`); a server whose contract has it wait for its client's message however long it takes
        (lesson 2) passes LONG_TIMEOUT, as before its connect; one over LONG_TIMEOUT (lesson 4's LONG_CAP) has a long
        hold out-wait the server's own longest timer up to LONG_CAP once per call, after the short one
        (`deadlock.hold_past_long_timer`: the cost is the server's own timer, and nothing where it sets none).
        """
        expected = None  # what the peer waits for, told if the call ends first (the listener, by default)
        while True:
            if kernel.AVAILABLE:
                ready = _student_listens(call, host, port, timeline)
            else:
                ready = True
            if ready and outwait and kernel.AVAILABLE:
                # A client that comes a little late: the server's own short timers (a timeout on accept() taken
                # for "no client") have had their chance first, by construction (`deadlock.hold_past_timers`).
                held, fired = deadlock.hold_past_timers(call, STALL_TIMERS_CAP)  # (a listener closed since: refused)
                if fired and call.finished and held >= PAUSE_TOLD:
                    timeline.note(messages.PEER_PAUSED_BEFORE_CONNECT.format(seconds=f"{held:.2f}"), told=True)
                    expected = messages.EXPECTED_CONNECT_AFTER_PAUSE
            if ready:
                probe, call.run.on_listen = call.run.on_listen, None  # set by a check that looks at the listener
                if probe is not None:
                    probe(host, port)
                sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                if rcvbuf:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
                sock.settimeout(max(0.1, call.deadline - time.monotonic()))
                try:
                    sock.connect((host, port))
                except OSError:
                    # Refused (or reset, or timed out) although it listened: the student's process closed its
                    # listener (it returned, raised or died) or cannot accept. Its outcome decides (_step):
                    # never the grader's error. A listener opened again is connected to again.
                    sock.close()
                else:
                    peer = cls(sock, call, timeline, remote=(host, port))
                    peer.holds = ("first", "middle") if outwait else ()
                    peer.first_within = first_within
                    timeline.peer(messages.TL_CONNECT_TO.format(host=host, port=port))
                    timeline.student(messages.TL_ACCEPT_HANDSHAKE, wire=False)
                    return peer
            if not _step(call, [], timeout=0.005 if not kernel.AVAILABLE else POLL):
                raise _ended(call, timeline, expected or messages.EXPECTED_LISTEN.format(host=host, port=port))

    # ---- sending

    def send(self, data: bytes, pieces: list[int] | None = None) -> bool:
        """Send data; with `pieces`, in pieces of those sizes, each read before the next.

        Between pieces, wait until the student's kernel has acknowledged the
        piece and the student's code has read every byte of it (rx_queue 0):
        one recv() can then never return two pieces together, however loaded
        the machine. (Waiting for the ACK matters: without it, an empty
        rx_queue could also mean "not arrived yet". So does waiting until every
        thread of the student's process sleeps: a recv() that has copied the
        last byte but not yet returned still holds the socket, and would
        pick up a piece sent at that moment; asleep, it holds nothing. Only
        code that polls a non-blocking socket never sleeps; for it, the
        pieces go on after ASLEEP_WAIT.) Code that looks at a piece without
        taking it (recv(MSG_PEEK) until the newline has come) and waits for
        more leaves it queued: once it is seen to have run and gone back to
        sleep with the piece untouched, the next piece goes (`wait_consumed`).

        Returns False if sending stopped early because the student's function
        had returned (or its side was gone): what it got is then for the
        check to judge. If the function raised, crashed or hung instead,
        that is the verdict (CheckFailed).
        """
        sizes = pieces or [len(data)]
        assert sum(sizes) == len(data), "pieces must add up to the data"
        offset = 0
        for number, size in enumerate(sizes):
            piece = data[offset : offset + size]
            offset += size
            if number == 0:
                self._hold_for_timers("first")
            elif number == len(sizes) - 1:
                self._hold_for_timers("middle")

            def label(part: bytes, number: int = number) -> str:
                sending = messages.TL_SEND.format(data=show(part, TIMELINE_BYTES))
                if len(sizes) == 1:
                    return sending
                return messages.TL_PIECE.format(number=number + 1, count=len(sizes), label=sending)

            if not self._send_piece(piece, label):
                total = messages.counted(messages.BYTES, len(data))
                went = offset - size + self.piece_went  # this send's bytes that left before it stopped
                if went == 0:  # nothing of this send is drawn: no "of this send"
                    self.timeline.note(messages.PEER_NOT_SENT.format(total=total))
                else:
                    self.timeline.note(messages.PEER_STOPPED.format(left=len(data) - went, total=total))
                return False
            self.timeline.peer(label(piece))
            self.sent_bytes += len(piece)
            if number < len(sizes) - 1:
                waiting = messages.EXPECTED_PIECE_READ.format(
                    number=number + 1, count=len(sizes), piece=show(piece, TIMELINE_BYTES))
                if not self.wait_consumed(waiting):
                    self.timeline.note(messages.PEER_STOPPED.format(
                        left=len(data) - offset, total=messages.counted(messages.BYTES, len(data))))
                    return False
                self.pieces_read += 1
                # What the student's code sent before the rest of this message came: what this peer has read, what
                # waits in its queue, and what the kernel shows still in flight from the student's end (sent, not
                # yet acknowledged: a busy machine may defer loopback's delivery). A code that read the piece and
                # sleeps sends nothing more: a reply before the message's end shows, by construction.
                row = kernel.connection(self.remote, self.local) if kernel.AVAILABLE else None
                self.came_mid_message = len(self.received) + kernel.unread(self.sock) + (row.tx_queue if row else 0)
        return True

    def _hold_for_timers(self, where: str) -> None:
        """Once per connection at each of its places (`holds`), send nothing until every timer of the code's
        own shorter than PAUSE_WITHIN has had its chance to fire: in the middle of a message, before its last
        piece; and, for a client of the student's server, before its first byte (timers shorter than
        `first_within`), once the server has accepted the connection: its timer on the accepted socket runs
        only from then (`_until_accepted`). Code that takes its own
        timeout for "nothing is coming" (a recv() with settimeout(0.5) read as the end of a message, or as a
        client with nothing to say) has given up when the next byte goes, by construction; code that waits for
        good costs a look, and a loop that wakes on a timer costs its period once per call (the hold's memo).
        Where `first_within` is over LONG_TIMEOUT, the "first" hold then out-waits the code's longest timer up to
        deadlock.LONG_CAP, once per call (`deadlock.hold_past_long_timer`), and a give-up names that timer.
        The grader's wait: the call's limit moves by as long."""
        if where in self.held or where not in self.holds or not kernel.AVAILABLE:
            return
        self.held.add(where)
        within, cap = PAUSE_WITHIN, STALL_TIMERS_CAP
        if where == "first":
            cap -= self._until_accepted(cap)
            within = min(self.first_within, deadlock.LONG_TIMEOUT)
        # Something of the code's already waiting here (its request's FIN, in lesson 4's reply): not its act.
        was_ready = bool(select.select([self.sock], [], [], 0)[0])
        held, fired = deadlock.hold_past_timers(self.call, max(cap, 0.0), within=within)
        timer = None
        if where == "first" and self.first_within > deadlock.LONG_TIMEOUT and not fired and not self.call.finished:
            # A contract of "however long it takes" (lesson 4's servers): a timer of the code's own up to
            # first_within (deadlock.LONG_CAP) is out-waited too, once per call; no timer, no cost.
            more, timer, fired = deadlock.hold_past_long_timer(self.call)
            held += more
        if not fired or self.call.finished:
            gave_up = fired
        else:  # a timer of its own fired: did the code go on waiting, or act (return, close, send)?
            gave_up = self._acted(was_ready)
        if gave_up:
            self.gave_up_after = self.sent_bytes
            if timer is not None:  # a long timer of its own: named, as the cause (`deadlock.hold_past_long_timer`)
                self.timeline.note(messages.PEER_PAUSED_PAST_TIMER.format(seconds=f"{held:.2f}", timer=f"{timer:g}"),
                                   told=True)
            else:
                self.timeline.note(messages.PEER_PAUSED_GAVE_UP.format(seconds=f"{held:.2f}"), told=True)

    def _acted(self, was_ready: bool) -> bool:
        """After a timer of the code's fired: look until it has acted (its call ended, or its socket sent or closed
        something) or is asleep again (every thread, the kernel's view: what it did on waking is done, and seen by
        the look that follows), or has run GAVE_UP_LOOK of CPU without either (it works or spins). Not a wait on
        the clock: a busy machine that keeps the code from running keeps it from acting too (seen: a recv_exactly()
        that returned on its timeout, under load, after a look of 50 ms had ended). The grader's wait: the call's
        limit moves by as long."""
        started, cpu = time.monotonic(), kernel._threads_cpu(self.call.pid)
        while True:
            asleep = kernel.sleeping(self.call.pid)  # read before the look: an act done before it is seen by it
            ready, _, _ = select.select([self.sock, self.call], [], [], 0 if asleep else POLL)
            self.call.pump()
            if self.call.finished or (self.sock in ready and not was_ready):
                acted = True
                break
            ran = kernel._threads_cpu(self.call.pid)
            if asleep or cpu is None or ran is None or ran - cpu >= GAVE_UP_LOOK \
                    or time.monotonic() > started + STALL_TIMERS_CAP:
                acted = False
                break
        self.call.deadline += time.monotonic() - started
        return acted

    def _until_accepted(self, cap: float) -> float:
        """Wait until the student's server has accept()ed this connection, or its call ended, or `cap` passed; the
        seconds waited. The kernel's table says: a connection still in the listener's queue has no socket of the
        code's yet (inode 0), one accept() took has; gone, it was reset (its listener closed first). A hold that
        began before would see the server asleep in accept(), no timer of its own, and end at once, before its
        recv() with a timeout began. The grader's wait: the call's limit moves by as long."""
        started = time.monotonic()
        while not self.call.finished and time.monotonic() < started + cap:
            row = kernel.connection(self.remote, self.local)
            if row is None or row.inode:
                break
            select.select([self.call], [], [], POLL)
            self.call.pump()
        waited = time.monotonic() - started
        self.call.deadline += waited
        return waited

    def _stop(self, gone: bool = False, waiting: str | None = None) -> bool:
        """The student's side stopped taking data: its function's outcome decides what that means.

        `gone`: its socket was closed or reset, so the peer was not waiting for it to take anything in.
        `waiting`: what the peer was waiting for right then, in place of the check's words (a piece to be read).
        A peer among others (lessons 7-8's crowd: `one_of_many`) whose socket is gone does not wait for the
        function's end, which the others' connections still hold off: the crowd judges what happened.
        """
        if gone and self.one_of_many:
            return False
        self.call.wait()
        if self.call.status != "returned":
            if gone:
                waiting = None
            raise self.call.failure(self.timeline, waiting or self.expecting or (
                None if gone else messages.EXPECTED_READ_ALL))
        return False

    def _send_piece(self, piece: bytes, label) -> bool:
        """Send one piece; False (or the call's verdict) if the student's side stopped taking it.

        `piece_went` is then how much of it left this peer: on a reset, what
        the kernel had sent of what it took (drawn with `label(part)`, the
        rest never left: the reset threw it away); otherwise none of it.
        """
        view = memoryview(piece)
        self.piece_went = 0
        # Something from the student's side already queued here (its FIN, say): drawn before this piece, if reset.
        queued_before = bool(select.select([self.sock], [], [], 0)[0])
        while view:
            try:
                sent = self.sock.send(view)
                view = view[sent:]
                continue
            except BlockingIOError:
                pass
            except (BrokenPipeError, ConnectionResetError):
                # EPIPE too means RST here: this peer never shuts down before it is done sending.
                taken = len(piece) - len(view)
                try:  # what its kernel took and never sent (SIOCOUTQNSD, still known after the reset)
                    self.piece_went = max(0, taken - kernel.not_sent(self.sock))
                except OSError:
                    self.piece_went = 0
                if self.piece_went and not queued_before:
                    self.timeline.peer(label(piece[: self.piece_went]))
                self._take_before_reset()
                if self.piece_went and queued_before:  # its FIN (or data) came first: then these bytes left
                    self.timeline.peer(label(piece[: self.piece_went]))
                if self.end != "RST":
                    self.end = "RST"
                    self.timeline.end("RST")
                return self._stop(gone=True)
            if not _step(self.call, [], [self.sock]):
                return self._stop()
        return True

    def wait_consumed(self, waiting: str | None = None) -> bool:
        """Wait until everything sent has arrived and the student's code has read it, or waits for more without
        taking it (`waiting`: what the peer waits for meanwhile, if the code hangs).

        Read: its receive queue is empty and every thread sleeps (or, for code
        that polls and never sleeps, ASLEEP_WAIT passed). Left queued: the
        code looks at the bytes without taking them (recv(MSG_PEEK) until a
        newline has come) and waits, by a sleep or a wait with a timeout,
        for more. Seen from the kernel: every thread asleep beside the queued
        bytes, then run (their context switches went up) and all asleep
        again, the bytes untouched. Then the next piece goes: the code has
        had its look. So has code asleep in a read of the socket itself while
        bytes wait there: it asked for more than they are (recv(n,
        MSG_PEEK | MSG_WAITALL)). Code that sleeps before its first recv() does not run
        in between, so the piece waits for that recv(), which can never
        return two pieces.
        """
        if not kernel.AVAILABLE:
            return _step(self.call, [], timeout=0.05) or self._stop(waiting=waiting)  # best effort without /proc
        read_at = None
        left = None  # (bytes queued, the code's context switches) since the bytes arrived, unread and untouched
        while True:
            if kernel.unsent(self.sock) == 0:
                row = kernel.connection(self.remote, self.local)
                if row is None:  # the student's socket is gone
                    return self._stop(gone=True)
                if row.rx_queue == 0:
                    read_at = read_at or time.monotonic()
                    # Code that polls a non-blocking socket never sleeps: after a while, go on.
                    if kernel.sleeping(self.call.pid) or time.monotonic() - read_at > ASLEEP_WAIT:
                        return True
                elif self.looked_without_taking(row.rx_queue, left):
                    return True
                elif row.inode and kernel.sleeping(self.call.pid) and deadlock.reads_socket(self.call.pid, row.inode):
                    return True  # asleep reading this socket beside its bytes: it asked for more (MSG_WAITALL, a peek)
                elif left is None or left[0] != row.rx_queue:
                    left = self.asleep_beside(row.rx_queue)  # none yet, or it read some: look again from here
            if not _step(self.call, [], timeout=POLL):
                return self._stop(waiting=waiting)

    def asleep_beside(self, queued: int) -> tuple | None:
        """(`queued`, the code's context switches) if every thread of the student's code sleeps now, beside
        those bytes; else None. Asleep, not merely before its next step: code still running when the bytes
        arrive and sleeping next (a sleep before its recv()) has not looked at them."""
        if not kernel.sleeping(self.call.pid):  # running: the cheap look first (this loop turns every POLL)
            return None
        before = kernel.wakeups(self.call.pid)
        asleep = kernel.sleeping(self.call.pid)
        if before is None or not asleep or kernel.wakeups(self.call.pid) != before:
            return None
        return queued, before

    def looked_without_taking(self, queued: int, left: tuple | None) -> bool:
        """Has the student's code, asleep beside `queued` unread bytes when `left` was taken, run since and
        gone back to sleep with them untouched?"""
        if left is None or left[0] != queued or left[1] is None or not kernel.sleeping(self.call.pid):
            return False
        switches = kernel.wakeups(self.call.pid)
        if switches is None or switches <= left[1] or not kernel.sleeping(self.call.pid):
            return False
        row = kernel.connection(self.remote, self.local)  # asleep now, and the bytes still there: it left them
        return row is not None and row.rx_queue == queued

    def stall(self, seconds: float, told: bool = True) -> None:
        """Read nothing until the student's code waits (asleep) on a full buffer, then until every timer of its
        own shorter than deadlock.LONG_TIMEOUT has had its chance to fire (a send() with a short timeout of the
        code's gives up in the stall, by construction: `deadlock.hold_past_timers`), then `seconds` more.
        `told`: a call that ended in the pause is told on the timeline as a busy peer's pause (not for a peer
        that never reads, whose caller tells its own story)."""
        since = time.monotonic()
        while not self.call.finished and not kernel.sleeping(self.call.pid):
            if time.monotonic() - since > ASLEEP_WAIT:
                break  # code that retries a non-blocking send() in a loop never sleeps: the stall goes on
            if not _step(self.call, [], timeout=POLL):
                return
        held, fired = deadlock.hold_past_timers(self.call, STALL_TIMERS_CAP)
        self.stall_fired = fired
        if told and fired and self.call.finished and held >= PAUSE_TOLD:  # a timer of its own ended it in the stall
            self.stall_gave_up = held
            self.timeline.note(messages.PEER_STALL_GAVE_UP.format(seconds=f"{held:.2f}"), told=True)
        end = time.monotonic() + seconds
        while time.monotonic() < end and _step(self.call, [], timeout=end - time.monotonic(), waiting=False):
            pass

    def interrupt_send(self) -> int:
        """Read nothing until the student's code sleeps in a send() on this full buffer, then send its thread the
        grader's signal (`deadlock.interrupt_sends`): a send() that took part of a message larger than the buffers
        returns that count, as after any handled signal, so code that sends a message with one send() has sent
        only part of it, by construction; sendall() and a loop over send() go on with the rest. Looks until the
        call ends, or sleeps elsewhere, twice alike (a socket with a timeout waits in poll() for room: its send()
        is non-blocking inside, and returns what fits at once), or spins (SPIN_CPU of its own CPU time never
        asleep: a non-blocking send() retried in a loop; the peer then reads, and it goes on). Then once more
        (`_interrupt_again`): code that sends the rest with one more send() (a fixed number of tries, no loop) has
        that one interrupted too. How many times a thread was interrupted: 0, 1 or 2. Without the kernel's view
        nothing is sent (the message is then read whole or not)."""
        if not deadlock.AVAILABLE or not self._interrupt_when_sending():
            return 0
        self.timeline.note(messages.TL_SEND_INTERRUPTED)
        if not self._interrupt_again():
            return 1
        self.timeline.note(messages.TL_SEND_INTERRUPTED_AGAIN.format(room=messages.counted(messages.BYTES,
                                                                                           self.room_made)))
        return 2

    def _interrupt_when_sending(self) -> bool:
        """Signal the code's threads once they sleep in a send() (`interrupt_send`): True if one was."""
        last = None
        cpu = kernel.cpu_time(self.call.pid)
        while not self.call.finished:
            now = kernel.cpu_time(self.call.pid)
            if cpu is None or now is None or now - cpu > SPIN_CPU:
                return False
            if kernel.sleeping(self.call.pid) and deadlock.interrupt_sends(self.call.pid):
                return True
            seen = deadlock.asleep_anywhere(self.call.pid)  # asleep, and not in a send: not a blocking one
            if seen is not None and seen == last:
                return False
            last = seen
            if not _step(self.call, [], timeout=POLL * 4):
                return False
        return False

    room_made = 0  # bytes this peer read between the two signals of `interrupt_send`

    def _interrupt_again(self) -> bool:
        """After a first signal: once the code sleeps again in a send() (one more send() for the rest, sendall()'s
        next, a loop's), this peer reads a little at a time (ROOM_STEP) until that send() has taken bytes into
        the room made (the bytes the code has written, `_written`, grew, every thread asleep in a send() again
        and the kernel still: the buffer full again), then signals again: that send() returns the part it took,
        by construction. A send() that had taken nothing would be restarted (PEP 475): it is never signalled
        then. The room made stays a little of the rest of the data (each step read only once the last was seen
        untaken, and a send() woken by the room it is given), so the rest never fits in it. False where no
        second signal went: the code sleeps elsewhere (it was done sending, or gave up), it ended, or spins."""
        written = self._asleep_in_send()
        if written is None:
            return False
        while True:
            before = len(self.received)
            self.read(ROOM_STEP)
            self.room_made += len(self.received) - before
            if self.end is not None or self.call.finished:
                return False
            now = self._asleep_in_send()
            if now is None:
                return False
            if now > written:
                return bool(deadlock.interrupt_sends(self.call.pid))

    def _asleep_in_send(self) -> int | None:
        """Once every thread of the code sleeps, twice alike, and the kernel is still (`_written` alike too): how
        many bytes the code has written to its socket, if a thread of it is in a send(); None if none is (or
        the call ended, or it spins: SPIN_CPU of its CPU time never asleep)."""
        last = None
        cpu = kernel.cpu_time(self.call.pid)
        while not self.call.finished:
            now = kernel.cpu_time(self.call.pid)
            if cpu is None or now is None or now - cpu > SPIN_CPU:
                return None
            seen = deadlock.asleep_anywhere(self.call.pid)
            seen = (seen, self._written()) if seen is not None else None
            if seen is not None and seen == last and seen[1] is not None:
                return seen[1] if deadlock.in_send(self.call.pid) else None
            last = seen
            if not _step(self.call, [], timeout=POLL * 4):
                return None
        return None

    def _written(self) -> int | None:
        """The bytes the student's code has written to its end of this connection: what this peer read, what
        waits in its queue, and what the student's kernel holds unacknowledged (its tx_queue). None if its row
        is gone."""
        row = kernel.connection(self.remote, self.local)
        if row is None:
            return None
        return len(self.received) + kernel.unread(self.sock) + row.tx_queue

    def shrink_student_sndbuf(self, size: int) -> bool:
        """Give the student's end of this connection a send buffer of `size` (SO_SNDBUF, set on a copy of its
        descriptor, `deadlock.set_socket_option`), as a machine short of memory may: a reply larger than it and
        this peer's receive buffer then waits in send() until this peer reads. Waits until the student's code has
        accepted the connection (a descriptor of its process holds that end) or sleeps elsewhere, twice alike.
        False where it was not set (not Linux; never accepted)."""
        if not deadlock.AVAILABLE:
            return False
        last = None
        while not self.call.finished:
            row = kernel.connection(self.remote, self.local)
            if row is not None and row.inode:
                done = deadlock.set_socket_option(self.call.pid, row.inode, socket.SO_SNDBUF, size)
                if done is not False:
                    return bool(done)
            seen = deadlock.asleep_anywhere(self.call.pid)
            if seen is not None and seen == last:
                return False
            last = seen
            if not _step(self.call, [], timeout=POLL * 4):
                return False
        return False

    def unread_by_student(self, wait: float = 1.0) -> int | None:
        """Bytes the student's side of this connection holds unread, once all we sent has arrived.

        From the kernel (rx_queue), not from the student's process. None where
        /proc is missing or the student's socket is gone.
        """
        if not kernel.AVAILABLE:
            return None
        end = time.monotonic() + wait
        while kernel.unsent(self.sock) and time.monotonic() < end:
            time.sleep(POLL)
        row = kernel.connection(self.remote, self.local)
        if row is None:
            return None
        # Our FIN counts as one byte in rx_queue until the student's code reads it (recv() == b""),
        # which it can do only after every byte before it: unread data means an unread FIN.
        return row.rx_queue - 1 if self.fin_sent and row.rx_queue else row.rx_queue

    def delivered_and_read(self) -> bool:
        """Has the student's code read every byte sent so far? (False where /proc is missing.)"""
        if not kernel.AVAILABLE or kernel.unsent(self.sock):
            return False
        row = kernel.connection(self.remote, self.local)
        return row is not None and row.rx_queue == 0

    def wait_delivered(self) -> bool:
        """Wait until everything sent sits in the student's kernel (acknowledged)."""
        if not kernel.AVAILABLE:
            return _step(self.call, [], timeout=0.05) or self._stop()  # best effort without TIOCOUTQ
        while kernel.unsent(self.sock):
            if not _step(self.call, [], timeout=POLL):
                return self._stop()
        return True

    def shutdown_write(self) -> None:
        """Send FIN; if the student's side already reset the connection, note it instead."""
        try:
            self.sock.shutdown(socket.SHUT_WR)
        except OSError as exc:  # ENOTCONN, ECONNRESET, EPIPE: an RST arrived first
            if exc.errno not in (errno.ENOTCONN, errno.ECONNRESET, errno.EPIPE):
                raise
            if self.end is None:
                self._take_before_reset()
                self._note_end("RST")
                self.timeline.end("RST")
            elif self.end == "FIN":  # its FIN came, then an RST (a close() with bytes of ours unread)
                self.reset_after_fin = True
            return
        self.fin_sent = True
        self.timeline.peer(messages.TL_FIN_SHUTDOWN)

    def close(self) -> None:
        if self.sock.fileno() >= 0:
            self.sock.close()

    # ---- receiving

    def read_some(self, until: float | None = None) -> bytes:
        """Whatever arrives next (b"" at FIN); CheckFailed via _ended if nothing does."""
        while True:
            try:
                if QUICKACK:  # acknowledge at once: a sender with a small send buffer waits on our ACKs
                    self.sock.setsockopt(socket.IPPROTO_TCP, QUICKACK, 1)
                data = self.sock.recv(1 << 16)
            except BlockingIOError:
                pass
            except ConnectionResetError:
                self._note_end("RST")
                return b""
            else:
                if not data:
                    self._note_end("FIN")
                return data
            if not _step(self.call, [self.sock], until=until, more=self._more_coming):
                return None

    def read(self, count: int | None = None, until: float | None = None) -> bytes:
        """Read until `count` more bytes arrived (None: until the student's side ends).

        Stops early at FIN or RST, or when the student's function has
        returned and nothing more arrives, and returns what this call
        received (a recv() may bring more than `count`: it is kept). If the
        student's code hangs, raises or crashes first, that is the verdict.
        """
        start = len(self.received)
        ended_before = self.end
        while self.end is None and (count is None or len(self.received) - start < count):
            data = self.read_some(until)
            if data is None:
                if self.call.timed_out or (self.call.finished and self.call.status != "returned"):
                    self._log_read(start, ended_before)
                    raise _ended(self.call, self.timeline, self._waiting_for())
                break
            self.received += data
        self._log_read(start, ended_before)
        return bytes(self.received[start:])

    def take_arrived(self) -> None:
        """What the student's side has sent by now, taken without waiting and drawn where it came: before this
        peer's next send, not after it (a client that gave up and closed while the server held its reply was drawn
        closing after the reply). Its FIN is drawn, not taken (a peek): the end of the connection is still read as
        it comes, an RST that the next send provokes included."""
        start = len(self.received)
        while self.end is None:
            try:
                data = self.sock.recv(1 << 16, socket.MSG_PEEK)
            except (BlockingIOError, ConnectionResetError):  # nothing yet; or a reset, read (and drawn) as it comes
                break
            if not data:
                self.timeline.end("FIN")
                self.fin_drawn = True
                break
            self.received += self.sock.recv(len(data))
        if len(self.received) > start:
            self.timeline.student(messages.TL_SENT_READ.format(data=show(bytes(self.received[start:]), TIMELINE_BYTES)))

    def _log_read(self, start: int, ended_before: str | None) -> None:
        new = bytes(self.received[start:])
        if new:
            self.timeline.student(messages.TL_SENT_READ.format(data=show(new, TIMELINE_BYTES)))
        if self.end and not ended_before and not (self.end == "FIN" and self.fin_drawn):
            self.timeline.end(self.end)

    def _take_before_reset(self) -> None:
        """An RST stopped our send: what the student's code sent before it still waits in our receive
        queue (Linux hands it out before the reset), and it is part of what the student's code did.
        Its FIN, if one came before the reset, is drawn after that data (`_fin_arrived`: the kernel's count,
        not recv()'s b"", which a reset already reported leaves too)."""
        start = len(self.received)
        while True:
            try:
                data = self.sock.recv(1 << 16)
            except OSError:  # BlockingIOError: nothing more; ConnectionResetError: the reset itself
                break
            if not data:
                break
            self.received += data
        if len(self.received) > start:
            self.timeline.student(messages.TL_SENT_READ.format(data=show(bytes(self.received[start:]), TIMELINE_BYTES)))
        if self.end is None and _fin_arrived(self.sock, len(self.received)):  # a half-close, then an abort
            self.fin_before_reset = True
            if not self.fin_drawn:
                self.timeline.end("FIN")

    def _waiting_for(self) -> str:
        """What this peer waited for while it read, in the words of a hung call's report (MEANWHILE): only
        what is true. The check's own words if it gave them; every byte expected here already: the function
        to return; the rest of the very bytes it is to receive (`complete_data`), some of them here: what arrived
        against them (where they differ, or only their start); otherwise more bytes, or the end of the connection."""
        if self.expecting:
            return self.expecting
        want = self.complete_data
        if want is not None and self.received and len(self.received) < len(want):  # the rest, after what differs
            return messages.EXPECTED_REST_WRONG_ARRIVED.format(
                total=messages.counted(messages.BYTES, len(want)),
                got=messages.counted(messages.BYTES, len(self.received)), how=received_versus(want, bytes(self.received)))
        if self.complete_at is not None and len(self.received) >= self.complete_at:
            if self.complete_data is None and len(self.received) > self.complete_at:
                return messages.EXPECTED_MORE_ARRIVED.format(total=messages.counted(messages.BYTES, self.complete_at),
                                                             got=messages.counted(messages.BYTES, len(self.received)))
            if self.complete_data is None or self.received == self.complete_data:
                return messages.EXPECTED_ALL_ARRIVED
            return messages.EXPECTED_RETURN_WRONG_ARRIVED.format(
                total=len(self.complete_data), got=messages.counted(messages.BYTES, len(self.received)),
                how=received_versus(self.complete_data, bytes(self.received)))
        return messages.EXPECTED_YOUR_SEND

    def wait_end(self, until: float | None = None) -> str | None:
        """Wait for the student's side to end the connection: "FIN", "RST" or None."""
        self.read(None, until)
        return self.end

    def _more_coming(self) -> bool | None:
        """Can more come from the student's side, now that its function returned?

        True: its socket was closed and its FIN or RST is still on its way;
        or (`open_after_return`) its kernel holds bytes it sent that ours has
        not acknowledged yet: they are on their way, and this peer reads.
        False: nothing can come (its end arrived; or its kernel has every
        byte it sent acknowledged by ours, so all of it is here already).
        None: the kernel cannot say (no /proc): wait a short settle.
        """
        if self.end is not None:
            return False
        if not kernel.AVAILABLE:
            return None
        row = kernel.connection(self.remote, self.local)
        if row is None or row.inode == 0:  # closed by the student's code: its end is on the wire
            return True
        if row.tx_queue and self.open_after_return:
            return True
        return None if row.tx_queue else False

    def _note_end(self, how: str) -> None:
        if self.end is None:
            self.end = how


_BYTES_RECEIVED = 128  # offset of tcpi_bytes_received (u64, Linux 4.1+) in struct tcp_info


def _fin_arrived(sock: socket.socket, data: int) -> bool:
    """Had the other side's FIN arrived at this socket, which received `data` bytes of data in all?

    Linux counts the FIN as one more byte in tcpi_bytes_received (the
    receive sequence it advanced), and keeps the count after a reset. False
    where it cannot say (not Linux, an older kernel).
    """
    info = getattr(socket, "TCP_INFO", None)
    if info is None:
        return False
    try:
        raw = sock.getsockopt(socket.IPPROTO_TCP, info, 256)
    except OSError:
        return False
    if len(raw) < _BYTES_RECEIVED + 8:
        return False
    return int.from_bytes(raw[_BYTES_RECEIVED:_BYTES_RECEIVED + 8], sys.byteorder) == data + 1


def _step(call: StudentCall, readable: list, writable: list = (), timeout: float | None = None,
          until: float | None = None, more=None, waiting: bool = True) -> bool:
    """One wait of a peer loop; False when waiting longer is pointless.

    That is when the student's call has ended (its function returned, and
    nothing more can come: `more()` says so from the kernel's view, or else
    a short settle passed; or it crashed or was killed), or its limit passed
    (the call is then ended as hung, with its stack taken), or the kernel
    showed a deadlock (`StudentCall.deadlock_seen`) while this peer waits
    for the student's code up to its limit (`waiting`, no `until` of its
    own): ended as hung at once.
    """
    until = call.deadline if until is None else min(until, call.deadline)
    if call.finished:
        # Returned normally: what the student's code sent before returning may
        # still be on its way (a busy machine defers loopback delivery), and
        # the kernel says whether something is. Raised, crashed or killed:
        # that is the verdict, whatever comes.
        settle_end = call.finished_at + SETTLE if call.status == "returned" else 0.0
        coming = more() if call.status == "returned" and more is not None else None
        if coming:
            settle_end = until
            timeout = POLL * 10 if timeout is None else timeout
        elif coming is False:  # the kernel says nothing more is on its way: no settle to wait
            settle_end = 0.0
        if time.monotonic() >= settle_end:
            r, w, _ = select.select(readable, writable, [], 0)
            return bool(r or w)
        until = min(until, settle_end)
    if call.over_cpu():  # a CPU budget spent: stopped as slow now, whatever the wall clock says
        call.hang()
        return False
    # This peer will do nothing before the student's code acts or its limit passes: a deadlock ends it now.
    watch = waiting and until >= call.deadline and not call.finished and deadlock.AVAILABLE
    if watch and call.deadlock_seen():
        call.hang()
        return False
    left = until - time.monotonic()
    if left <= 0:
        if until >= call.deadline:
            call.hang()
        return False
    wait = left if timeout is None else min(left, timeout)
    if call.cpu_cap is not None:
        wait = min(wait, CPU_LOOK)
    if watch:
        wait = min(wait, deadlock.LOOK_EVERY)
    watch = list(readable) + ([call] if not call.finished else [])
    select.select(watch, list(writable), [], wait)
    call.pump()
    return True


def _ended(call: StudentCall, timeline: Timeline, expected: str) -> CheckFailed:
    """The failure for a peer step that could not complete."""
    if call.finished and call.result is not None and call.result.status == "returned":
        return call.failure(timeline, expected)
    if not call.finished:
        call.hang()
    return call.failure(timeline, expected)


def _student_listens(call: StudentCall, host: str, port: int, timeline: Timeline) -> bool:
    """True once a process of the student's call holds a LISTEN socket on (host, port).

    A LISTEN socket of the student's process on another address or port is
    reported at once: it is the wrong address, and no client will ever come.
    """
    # Any process of the call: a pre-fork server's child may hold the only copy of the listener.
    mine = kernel.call_socket_inodes(call.pid)
    if not mine:
        return False
    for row in kernel.by_inode(list(mine), kernel.listeners()):
        if row.local == (host, port):
            return True
        timeline.note(messages.TL_LISTENS_ON.format(address=f"{row.local[0]}:{row.local[1]}"))
        if row.local[1] == port and row.local[0] in ("0.0.0.0", "::"):
            # Every interface includes this one: the client reaches it, and the conversation is judged
            # as usual; only the check of the address fails (checks.expect_given_address).
            call.listened_on = (row.local, (host, port))
            return True
        call.take_stack()  # a wrong address, or a call at the module's top level still importing?
        call.kill()
        if call.at_import() is not None:
            raise call.failure(timeline)
        template = messages.WRONG_ADDRESS_ALL if row.local[0] in ("0.0.0.0", "::") else messages.WRONG_ADDRESS
        raise CheckFailed(template.format(got=f"{row.local[0]}:{row.local[1]}", want=f"{host}:{port}"),
                          timeline=timeline.render())
    return False
