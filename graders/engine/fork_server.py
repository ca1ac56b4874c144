"""Run one function of a student's module, in its own sandboxed process, and report.

The grader starts this file once per run as a fork server (``python -I -S
-u fork_server.py --serve FD CONFIG``, inside bubblewrap where the machine has
it: see `sandbox.py`), and each call of student code is a fork of it. The
grader passes every call five file descriptors and no path: the call's spec
(an unlinked file), the result pipe, the output file, the stack-dump file
and the exit-status pipe. Nothing the student's code does to a file name can
change what the grader reads.

A call (see `child`):

1. starts a new session; with `pidns`, it unshares a PID namespace and forks
   the student's process as its PID 1, so that when that process ends, the
   kernel kills every process it started (``setsid`` or not); without it,
   this fork server is a subreaper and `sweep` kills the orphans;
2. reads the spec and the lesson sources while still privileged, then sets
   its limits (memory, processes, CPU, open files, file size), clears the
   environment, moves to its own scratch folder and drops to the run's
   unprivileged uid (when the grader is root);
3. compiles the student's modules from their source (never a ``.pyc``),
   under the file names the student knows, and imports them from memory;
4. calls the function, catching whatever it raises (``SystemExit`` too);
5. reports, as plain data on the result pipe: the return value's type and
   value (large values by length and digest), the exception with the
   student's own frames, the sockets its code dropped without closing them
   (every socket is held by an audit hook, `SocketKeeper`, so that only an
   explicit close() closes it and the grader sees the rest open in the
   kernel; every file makefile() makes is held too, so that only its own
   close() releases its socket), the files makefile() made still open on a
   socket the code close()d, whether it made UDP sockets and no TCP one,
   and what the function did with the socket it was given;
6. waits to be killed, so that the grader can still look at what the
   student's code left open (a connection in CLOSE_WAIT, say).

Everything in the report comes from the student's process and could be
forged by its code; the grader uses it only for what nobody else can see
(the return value, the exception) and observes the rest itself: the wire,
the kernel's socket tables, its own clock.

The grader sends SIGUSR1 when a call runs past its limit: faulthandler then
writes every thread's stack to the dump file, which is how a hang is
reported as "stuck at your_file.py, line N".

Standard library only: this runs with -I -S, without site-packages.

Over 500 lines: it runs inside the sandbox, loaded by path with wire.py alone beside it, so it cannot import a module of its own.
"""

from __future__ import annotations

import builtins
import ctypes
import faulthandler
import gc
import hashlib
import importlib
import importlib.machinery
import itertools
import json
import linecache
import os
import reprlib
import resource
import select
import signal
import socket
import stat
import sys
import threading
import time
import traceback
import types
import weakref

_PARENT = os.getppid()  # read at once: the fork server ends with the process that started it
_HERE = os.path.dirname(os.path.abspath(__file__))
wire = types.ModuleType("_grader_wire")  # graders/engine/wire.py, loaded by path: -I puts no folder on sys.path
if os.path.exists(os.path.join(_HERE, "wire.pyc")):  # compiled beside this file's own .pyc (sandbox.compiled_runner)
    importlib.machinery.SourcelessFileLoader("_grader_wire", os.path.join(_HERE, "wire.pyc")).exec_module(wire)
else:
    importlib.machinery.SourceFileLoader("_grader_wire", os.path.join(_HERE, "wire.py")).exec_module(wire)

# The limits shared with the grader (what a call may print, the size of a lesson file) come in the fork server's
# config, `config["limits"]` (graders/engine/sandbox.py, LIMITS): written once, on the grader's side.
REPR_LIMIT = 300  # characters of repr() kept for a value that is not bytes
DROPPED_DESCRIBED = 20  # sockets dropped without close(): this many are described in a report...
DROPPED_COUNTED = 4096  # ...and this many counted, by inode (more than the sandbox's limit on open files)
THREAD_STACK = 1 << 20  # bytes of stack each thread of the student's reserves (`run_call`)
BIG_VALUE = 1 << 20  # bytes or str values longer than this are reported by length and SHA-256

_LIBC = ctypes.CDLL(None, use_errno=True)
CLONE_NEWPID = 0x20000000
PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36

class _Repr(reprlib.Repr):
    """reprlib's Repr, whose long str and other reprs are cut in the middle between two characters as the repr
    writes them (reprlib's own cut splits an escape: '\\u2...200b')."""

    def repr_str(self, x, level):
        return _cut_middle(builtins.repr(x[:self.maxstring]), self.maxstring)

    def repr_instance(self, x, level):
        try:
            text = builtins.repr(x)
        except Exception:  # a student's object whose repr() fails
            return f"<{type(x).__name__} object>"
        return _cut_middle(text, self.maxother)


_repr = _Repr()
_repr.maxstring = REPR_LIMIT
_repr.maxother = REPR_LIMIT
_repr.maxlevel = 3


class GradedSocket(socket.socket):
    """The socket handed to a student function: a real socket that counts sendall() and makefile().

    Only the student's process can see these counts (its code could change
    them); the check that reads one says so (makefile()'s only words a hint).
    """

    sendall_calls = 0
    makefile_calls = 0
    # Lesson 3's partial-send check: every send() of more than one byte takes half of it, as the kernel may take
    # any part at any time, so that code which ignores send()'s return value loses bytes whatever its chunk size
    # (a send buffer fills only for chunks larger than a third of it). The rest of the data is the code's to send.
    half_sends = False

    # A check may set a kernel send timeout (SO_SNDTIMEO) on this socket, so that send() returns a partial
    # count even on a socket the student made blocking. Its other effect, EAGAIN from a blocking send() that
    # could copy nothing within that time, is the grader's doing, not something a blocking socket ever does:
    # in blocking mode such a send() waits for room and tries again, as it would without the timeout.

    def send(self, data, flags=0):
        if self.half_sends:
            try:
                view = memoryview(data).cast("B")
            except TypeError:  # not bytes-like: Python's own error, as send() words it
                view = None
            if view is not None and len(view) > 1:
                data = view[: len(view) // 2]
        while True:
            try:
                return super().send(data, flags)
            except BlockingIOError:
                if self.gettimeout() is not None:  # non-blocking, or a timeout: the student's own mode
                    raise
                select.select([], [self], [])

    def sendmsg(self, buffers, *args):
        while True:  # as send(): a kernel send timeout of the grader's is never the student's EAGAIN
            try:
                return super().sendmsg(buffers, *args)
            except BlockingIOError:
                if self.gettimeout() is not None:
                    raise
                select.select([], [self], [])

    def makefile(self, *args, **kwargs):
        GradedSocket.makefile_calls += 1
        return super().makefile(*args, **kwargs)

    def sendall(self, data, flags=0):
        GradedSocket.sendall_calls += 1
        if self.gettimeout() is not None:
            return super().sendall(data, flags)
        try:
            remaining = memoryview(data).cast("B")
        except TypeError:  # not bytes: Python's own error, as sendall() words it
            return super().sendall(data, flags)
        while remaining:  # blocking: what sendall() does, through send()
            remaining = remaining[self.send(remaining, flags):]
        return None


# --------------------------------------------------------------------------- the student's modules


class LessonFinder:
    """Imports the submission's lesson modules from memory: compiled from source, never a .pyc.

    A meta path finder and its loader by protocol (find_spec, create_module,
    exec_module), not by base class: importlib.abc costs the fork server's
    start half its time (it imports importlib.resources, pathlib, re...).

    Only the lesson files the grader copied out of the submission exist
    here; no folder of the submission (or of the course) is on sys.path.
    """

    def __init__(self, sources: dict[str, tuple[str, bytes]]):
        self.sources = sources  # module name -> (the file name the student knows, source)

    def find_spec(self, fullname, path=None, target=None):
        if fullname in self.sources:
            return importlib.machinery.ModuleSpec(fullname, self, origin=self.sources[fullname][0])
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        filename, source = self.sources[module.__name__]
        module.__file__ = filename
        text = source.decode("utf-8", errors="replace")
        # The traceback's source lines come from here: the file itself is not visible in the sandbox.
        linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
        code = compile(source, filename, "exec", dont_inherit=True)
        exec(code, module.__dict__)


def student_frames(tb, files: set[str]) -> list[list]:
    """The frames of a traceback that are in the student's files: never the grader's."""
    frames = traceback.extract_tb(tb)
    return [[f.filename, f.lineno, f.name, (f.line or "").strip()] for f in frames if f.filename in files]


def exception_name(cls: type) -> str:
    """How the student would write the class: `struct.error`, `socket.gaierror`; a builtin by its name."""
    module = getattr(cls, "__module__", "builtins")
    if module in ("builtins", "__main__") or module.startswith("_"):
        return cls.__name__
    return f"{module}.{cls.__name__}"


def describe_exception(exc: BaseException, files: set[str]) -> dict:
    try:
        message = str(exc)[:REPR_LIMIT]
    except Exception:  # a student's exception whose str() fails
        message = ""
    return {
        "type": exception_name(type(exc))[:REPR_LIMIT],
        "bases": [cls.__name__[:REPR_LIMIT] for cls in type(exc).__mro__][:20],
        "message": message,
        "frames": student_frames(exc.__traceback__, files)[-20:],
    }


def _escape_length(text: str, at: int) -> int:
    """How many characters the escape starting at text[at] (a backslash) spans in a repr()."""
    kind = text[at + 1:at + 2]
    if kind in ("x", "u", "U"):
        return {"x": 4, "u": 6, "U": 10}[kind]
    if kind == "N":
        end = text.find("}", at)
        return end + 1 - at if end > 0 else 2
    if kind and kind in "01234567":
        length = 2
        while length < 4 and text[at + length:at + length + 1] and text[at + length] in "01234567":
            length += 1
        return length
    return 2


def cut_repr(text: str, limit: int) -> str:
    """A repr() cut to at most `limit` characters, never inside an escape such as \\xe6 or \\u00e9: the rule
    of timeline.cut_repr, written again here, where nothing of the course is imported (tests/test_result.py
    holds them to the same answers)."""
    if len(text) <= limit:
        return text
    at = 0
    while at < len(text):
        step = _escape_length(text, at) if text[at] == "\\" else 1
        if at + step > limit:
            break
        at += step
    return text[:at]


def _cut_middle(text: str, limit: int) -> str:
    """A repr() of at most about `limit` characters: its start and its end, "..." between, each cut between
    two characters as the repr writes them."""
    if len(text) <= limit:
        return text
    head = max(0, (limit - 3) // 2)
    tail_from = len(text) - max(0, limit - 3 - head)
    at = 0
    while at < tail_from:
        at += _escape_length(text, at) if text[at] == "\\" else 1
    return cut_repr(text, head) + "..." + text[at:]


def describe_value(value: object) -> dict:
    """A return value as plain data: its type name, and the value if it is bytes or str."""
    kind = type(value).__name__[:REPR_LIMIT]
    if isinstance(value, (bytes, bytearray)):
        if len(value) > BIG_VALUE:
            # Megabytes: their length and digest cross the pipe, not the bytes themselves.
            return {"type": kind, "length": len(value), "sha256": hashlib.sha256(value).hexdigest()}
        return {"type": kind, "value": bytes(value)}
    if isinstance(value, memoryview) and value.nbytes <= BIG_VALUE:  # its bytes, not "<memory at 0x...>"
        try:
            return {"type": kind, "value": value.tobytes()}
        except Exception:  # noqa: BLE001 - a released view: its repr below
            pass
    if isinstance(value, str):
        if len(value) > BIG_VALUE:
            return {"type": kind, "length": len(value), "repr": repr(value[:REPR_LIMIT])}
        return {"type": kind, "value": value}
    try:
        text = cut_repr(_repr.repr(value), REPR_LIMIT)
    except Exception:  # a student's object whose repr() fails
        text = f"<{kind} object>"
    return {"type": kind, "repr": text}


def _student_line(files: set[str]) -> list:
    """[[file, line]] of the innermost frame of the student's files calling this, or []."""
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_filename in files:
            return [[frame.f_code.co_filename, frame.f_lineno]]
        frame = frame.f_back
    return []


def record_socket_creation(files: set[str]) -> dict[int, list]:
    """Remember where the student's code created each socket: {id(socket): [[file, line]]}.

    A socket left open is then reported as "created at line N". (tracemalloc could tell
    too, but tracing every allocation costs far more than this.)
    """
    created_at: dict[int, list] = {}
    original = socket.socket.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_code.co_filename in files:
                created_at[id(self)] = [[frame.f_code.co_filename, frame.f_lineno]]
                break
            frame = frame.f_back

    socket.socket.__init__ = init
    return created_at


class SocketKeeper:
    """Every socket the call creates, held until the process is killed: only an explicit close() closes one.

    Held from an audit hook (PEP 578, ``socket.__new__``: every socket
    object, accept()'s and socketpair()'s too), which no code can remove
    once added. Held by a reference count of its own (Py_IncRef), which no
    container holds: nothing in the garbage collector's lists leads to it,
    and only ctypes could take it back. A socket the student's code drops
    without close() is then not closed by the garbage collector behind the
    grader's back (and no ``warnings.filterwarnings("ignore")`` hides it):
    it stays open, and the grader sees it open in the kernel
    (/proc/<pid>/fd). What the keeper reports (which of the open sockets the
    code had dropped, and where it created them) only words the message;
    the verdict is the kernel's.
    """

    def __init__(self) -> None:
        self.held: list = []  # weak references to the held sockets (a socket without them: the socket itself)
        # The files makefile() made, held the same way: (a weak reference to the file, to its socket, and the
        # student's line that called makefile()). A socket stays open while a file made from it is open (the
        # socket's count of them, _io_refs): a file dropped unclosed would close it when the garbage collector
        # (or CPython's reference counting, as the function returns) frees the file. Held, only the file's own
        # close() releases the socket, as only a socket's close() closes it.
        self.files: list[tuple] = []
        self.kinds: set[int] = set()  # the types of the internet sockets the call created (SOCK_STREAM, SOCK_DGRAM)

    def hold_files(self, files: set[str]) -> None:
        """Hold every file socket.makefile() returns (and every socket.SocketIO, the raw file under it, made
        directly too) until the process is killed. The student's process's own word: its code could undo
        this (replace the methods back); it can only hide a fault then, and the kernel's view is the verdict."""
        keeper = self
        makefile, socket_io_init = socket.socket.makefile, socket.SocketIO.__init__

        def held_makefile(sock, *args, **kwargs):
            made = makefile(sock, *args, **kwargs)
            try:
                keeper.files.append((weakref.ref(made), weakref.ref(sock), _student_line(files)))
                ctypes.pythonapi.Py_IncRef(ctypes.py_object(made))
            except TypeError:  # no weak references: not held
                pass
            return made

        def held_socket_io(raw, *args, **kwargs):
            socket_io_init(raw, *args, **kwargs)
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(raw))

        socket.socket.makefile = held_makefile
        socket.SocketIO.__init__ = held_socket_io

    def open_files(self, exclude: object = None) -> list[dict]:
        """The files makefile() made that are still open, with their socket still open: the socket's inode,
        the line of makefile(), and whether the code had close()d the socket itself (only the file holds it)."""
        found = []
        for made, sock_ref, where in self.files:
            made, sock = made(), sock_ref()
            try:
                if made is None or sock is None or sock is exclude or made.closed or sock.fileno() == -1:
                    continue
                inode = os.fstat(sock.fileno()).st_ino
            except (OSError, ValueError, AttributeError):
                continue
            found.append({"inode": inode, "where": where, "socket_closed": bool(getattr(sock, "_closed", False))})
        return found[:20]

    def hook(self, event: str, args: tuple) -> None:
        if event == "socket.__new__":
            sock = args[0]
            if len(args) >= 3 and args[1] in (socket.AF_INET, socket.AF_INET6) and isinstance(args[2], int):
                self.kinds.add(args[2] & 0xF)  # SOCK_STREAM or SOCK_DGRAM, without SOCK_NONBLOCK/SOCK_CLOEXEC
            try:
                self.held.append(weakref.ref(sock))
            except TypeError:  # a bare _socket.socket has no weak references: kept in the list instead
                self.held.append(sock)
                return
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(sock))

    def dropped(self, created_at: dict[int, list], exclude: object = None) -> list[dict]:
        """The sockets still open that no code but this keeper refers to: dropped without close()."""
        found = []
        for entry in self.held:
            kept = isinstance(entry, weakref.ref)
            sock = entry() if kept else entry
            if sock is None or sock is exclude or sock.fileno() == -1:
                continue
            # The keeper's own reference (its count, or its list), this loop's, getrefcount's argument.
            if sys.getrefcount(sock) > 3:
                continue
            try:
                inode = os.fstat(sock.fileno()).st_ino
            except OSError:
                continue
            found.append({**_socket_facts(sock), "where": created_at.get(id(sock), []), "inode": inode})
        return found  # the caller reports the first DROPPED_DESCRIBED described, and every one's inode


def _socket_facts(sock: socket.socket) -> dict:
    """What describes a socket to the student (its kind and its addresses), as plain data: never its repr(),
    which names the runner's own class (`<__main__.GradedSocket fd=5 ...>` for a dup() of the given socket)."""
    facts: dict = {"kind": {socket.SOCK_STREAM: "tcp", socket.SOCK_DGRAM: "udp"}.get(sock.type, "other")
                   if sock.family in (socket.AF_INET, socket.AF_INET6) else "other"}
    for name, read in (("local", sock.getsockname), ("remote", sock.getpeername)):
        try:
            address = read()
        except OSError:
            continue
        if isinstance(address, tuple) and len(address) >= 2 and isinstance(address[0], str):
            facts[name] = [address[0][:100], int(address[1])]
    return facts


# The grader's request, once a call has reported and the grader has looked at the socket it gave the function:
# close that socket as the function's caller would (`close_on_request`). Sent only after the function ended.
CLOSE_GIVEN = signal.SIGUSR2
_SOCKET_CLOSE = socket.socket.close  # taken before any student's code runs: the caller's own close(), as Python has it


def close_on_request(given: socket.socket, result_pipe) -> None:
    """On CLOSE_GIVEN, close `given` with socket.socket.close(), as the caller of the function would, then say
    so with one byte on the result pipe. That close() is Python's own: while a file makefile() made from the
    socket is still open, it only marks the socket closed and leaves its descriptor open (its count of such
    files, _io_refs); a copy (dup()) keeps the connection open too. Whether the connection is closed then is
    the kernel's to say (the grader reads this process's descriptors), not this process's."""

    def close(_signum, _frame) -> None:
        try:
            _SOCKET_CLOSE(given)
        except Exception:  # noqa: BLE001 - a socket the code took apart: the kernel tells what is left
            pass
        try:  # the descriptor itself, not the buffered file: this handler may run inside that file's own flush()
            os.write(result_pipe.fileno(), b"c")
        except (OSError, ValueError):
            pass

    signal.signal(CLOSE_GIVEN, close)


def _send_options(sock: socket.socket) -> tuple | None:
    try:
        return (sock.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF),
                sock.getsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, 16))
    except OSError:
        return None


# --------------------------------------------------------------------------- one call


def step_wall_clock(step: float) -> None:
    """Set this process's wall clock back `step` seconds between every two readings of it (time.time(),
    time.time_ns(), datetime.datetime.now()), as NTP or a user may set a machine's clock at any moment. Lesson 6: a deadline taken from
    the wall clock moves, by construction; time.monotonic() and every timeout the kernel keeps are untouched.
    Only this process's view of the clock changes (setting the machine's clock needs root, and would move
    everyone's); the student's code could undo it, which would only hide its own mistake."""
    real_time, real_ns = time.time, time.time_ns
    readings = itertools.count()  # shared: a reading of either is a reading of the clock

    def stepped_time() -> float:
        return real_time() - step * next(readings)

    def stepped_ns() -> int:
        return real_ns() - int(step * 1e9) * next(readings)

    time.time, time.time_ns = stepped_time, stepped_ns
    real_clock, real_clock_ns = time.clock_gettime, time.clock_gettime_ns

    def stepped_clock(clock_id: int) -> float:  # CLOCK_REALTIME is the wall clock under another name
        return stepped_time() if clock_id == time.CLOCK_REALTIME else real_clock(clock_id)

    def stepped_clock_ns(clock_id: int) -> int:
        return stepped_ns() if clock_id == time.CLOCK_REALTIME else real_clock_ns(clock_id)

    time.clock_gettime, time.clock_gettime_ns = stepped_clock, stepped_clock_ns

    # datetime's now(), utcnow() and today() read the clock in C, past time.time: the module's class is replaced by
    # a subclass whose readings come from the stepped clock (`from datetime import datetime` then takes it too).
    import datetime as datetime_module

    real = datetime_module.datetime

    class SteppedDatetime(real):
        @classmethod
        def now(cls, tz=None):
            return cls.fromtimestamp(stepped_time(), tz)

        @classmethod
        def utcnow(cls):
            return cls.fromtimestamp(stepped_time(), datetime_module.UTC).replace(tzinfo=None)

        @classmethod
        def today(cls):
            return cls.fromtimestamp(stepped_time())

    SteppedDatetime.__name__ = SteppedDatetime.__qualname__ = "datetime"
    SteppedDatetime.__module__ = "datetime"
    datetime_module.datetime = SteppedDatetime


def run_prelude(function, calls: list[dict]) -> None:
    """Call `function` as each of `calls` says ({"args": [...], "connect": [host, port] for a socket given first,
    "timeout": its timeout}), before the call judged, in the same process: whatever the function keeps between
    calls (a mutable default argument, a module-level variable) then carries over, as in a program that calls it
    again. Their outcome is not reported (the grader judges the next call; its peer served these); a socket given
    to one is closed after it."""
    for prelude in calls:
        args = list(prelude.get("args", []))
        sock = None
        try:
            if prelude.get("connect"):
                sock = socket.create_connection(tuple(prelude["connect"]))
                sock.settimeout(prelude.get("timeout"))
                args.insert(0, sock)
            function(*args)
        except BaseException:  # noqa: BLE001, S110 - the call judged is the next one; this one's outcome is not
            pass
        finally:
            if sock is not None:
                sock.close()


def run_call(spec: dict, sources: dict[str, tuple[str, bytes]], result_fd: int) -> None:
    """Run the call described by `spec`; report on result_fd; never return."""
    my_pid = os.getpid()
    result_pipe = os.fdopen(result_fd, "wb")

    def report(result: dict) -> None:
        if os.getpid() != my_pid:  # a process the student's code forked: say nothing
            os._exit(0)
        result_pipe.write(wire.dumps(result))
        result_pipe.flush()
        # Stay alive until the grader has looked at what is left open.
        while True:
            signal.pause()

    # Each thread the student's code starts reserves its stack in the call's address space (RLIMIT_AS): glibc's
    # default, 8 MiB, lets about 45 threads start under a 768 MB container (Gradescope's), fewer than lesson 7's
    # 91 clients. 1 MiB is far more than a socket's thread needs (Python 3.11's own calls use no C stack).
    threading.stack_size(THREAD_STACK)
    files = {filename for filename, _ in sources.values()}
    module_name = spec["module"]
    keeper = SocketKeeper()
    sys.addaudithook(keeper.hook)  # before any of the student's code runs; nothing removes it

    if module_name not in sources:
        report({"status": "missing-module", "path": spec["files"].get(module_name, module_name + ".py")})
    sys.meta_path.insert(0, LessonFinder(sources))
    if spec.get("wall_clock_step"):  # before the import: `from time import time` takes the stepped one
        step_wall_clock(spec["wall_clock_step"])
    created_at = record_socket_creation(files)
    keeper.hold_files(files)
    filename, source = sources[module_name]
    try:
        module = importlib.import_module(module_name)
    except SyntaxError as exc:
        report({
            "status": "syntax-error",
            "error": {"type": type(exc).__name__, "message": (exc.msg or str(exc))[:REPR_LIMIT],
                      "frames": [[filename, exc.lineno or 0, "<module>", (exc.text or "").strip()[:REPR_LIMIT]]]},
        })
    except BaseException as exc:  # noqa: BLE001 - anything at import time is the student's
        report({"status": "import-error", "error": describe_exception(exc, files)})

    function = getattr(module, spec["function"], None)
    if not callable(function):
        names = sorted(n for n in vars(module) if not n.startswith("_"))[:50]
        report({"status": "missing-function", "names": [n[:REPR_LIMIT] for n in names]})

    args = list(spec["args"])
    given = None
    sock_spec = spec.get("socket")
    if sock_spec:
        given = GradedSocket(socket.AF_INET, socket.SOCK_STREAM)
        if sock_spec.get("rcvbuf"):
            given.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, sock_spec["rcvbuf"])
        if sock_spec.get("sndbuf"):
            given.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, sock_spec["sndbuf"])
        if sock_spec.get("sndtimeo"):
            # The kernel's own send timeout: even a socket the student made blocking returns
            # from send() with a partial count once the peer stops reading this long.
            seconds = sock_spec["sndtimeo"]
            timeval = int(seconds).to_bytes(8, sys.byteorder) + int(seconds % 1 * 1e6).to_bytes(8, sys.byteorder)
            given.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, timeval)
        given.half_sends = bool(sock_spec.get("half_sends"))
        given.connect(tuple(sock_spec["connect"]))
        given.settimeout(sock_spec.get("timeout"))
        options_before = _send_options(given)
        args.insert(0, given)

    # Exceptions nothing caught in the function's threads (Python prints "Exception in thread ..." and the
    # thread ends): recorded, then printed as usual. The student's process's word: its code could replace this.
    thread_errors: list[dict] = []
    print_thread_error = threading.excepthook

    def record_thread_error(hook_args) -> None:
        if len(thread_errors) < 20 and hook_args.exc_value is not None:
            thread_errors.append(describe_exception(hook_args.exc_value, files))
        frames = [frame for frame in traceback.extract_tb(hook_args.exc_traceback) if frame.filename in files]
        if not frames or hook_args.exc_type is SystemExit:
            print_thread_error(hook_args)
            return
        # Python's own print, in the student's terms: their frames, not threading.py's around them.
        name = hook_args.thread.name if hook_args.thread is not None else threading.get_ident()
        try:
            sys.stderr.write(f"Exception in thread {name}:\nTraceback (most recent call last):\n"
                             + "".join(traceback.format_list(frames))
                             + "".join(traceback.format_exception_only(hook_args.exc_type, hook_args.exc_value)))
            sys.stderr.flush()
        except Exception:  # a closed stderr, a str() that fails: Python's own print
            print_thread_error(hook_args)

    threading.excepthook = record_thread_error
    # Threads the student's own code started (Thread.start() called from a line of theirs, or by a library on
    # its behalf: an executor's workers) and whether a join() saw each one end (a with-block's or shutdown()'s too). A thread that finished
    # before the function returned, unjoined, is as much a bug as one still running, but only this record
    # tells it: the student's process's own word, which its code could undo.
    started: dict[threading.Thread, tuple[str, int]] = {}
    joined: set[threading.Thread] = set()
    thread_start, thread_join = threading.Thread.start, threading.Thread.join

    def start_recorded(thread, *start_args, **start_kwargs):
        caller = sys._getframe(1)
        while caller is not None and caller.f_code.co_filename not in files:  # a library's start, on its behalf
            caller = caller.f_back  # (an executor's worker, started by submit()): the student's line that asked
        if caller is not None:
            started[thread] = (os.path.basename(caller.f_code.co_filename), caller.f_lineno)
        return thread_start(thread, *start_args, **start_kwargs)

    def join_recorded(thread, *join_args, **join_kwargs):
        thread_join(thread, *join_args, **join_kwargs)
        if not thread.is_alive():
            joined.add(thread)

    # A thread the code saw ended (is_alive() False after its start) is as good as joined: a loop of join(timeout)
    # while is_alive(), or one over the threads still alive, makes sure of every end without a join() that saw it.
    thread_is_alive = threading.Thread.is_alive

    def is_alive_recorded(thread):
        alive = thread_is_alive(thread)
        if not alive and thread in started:
            joined.add(thread)
        return alive

    threading.Thread.start, threading.Thread.join = start_recorded, join_recorded
    threading.Thread.is_alive = is_alive_recorded
    # multiprocessing's default start method, where the student's module imported it: fork, as on Linux
    # before Python 3.14. "spawn" (macOS) and "forkserver" (Linux from 3.14) start a new interpreter that
    # imports the student's module by name, which only this process can (from memory): a correct
    # multiprocessing.Process would fail on those systems alone. An explicit get_context() is the code's own.
    if (mp := sys.modules.get("multiprocessing")) is not None:
        try:
            mp.set_start_method("fork", force=True)
        except (ValueError, RuntimeError):  # no fork on this system
            pass
    # A child started with a new interpreter all the same (an explicit get_context("spawn")) imports the
    # student's modules by name: from copies in the call's own scratch folder, readable by its uid, at the end of
    # sys.path (here the finder above comes first); and not this runner as its main module (without a __file__,
    # multiprocessing does not run it again).
    sys.modules["__main__"].__dict__.pop("__file__", None)
    lessons = os.path.join(spec["scratch"], "lessons")
    try:
        os.makedirs(lessons, exist_ok=True)
        for name, (_, source) in sources.items():
            with open(os.path.join(lessons, f"{name}.py"), "wb") as copy:
                copy.write(source)
        sys.path.append(lessons)
    except OSError:  # a full scratch: such a child cannot import them, as before
        pass
    run_prelude(function, spec.get("prelude") or [])  # as the call judged runs: hooks and imports ready
    result: dict = {}
    try:
        try:
            value = function(*args)
        finally:
            # From the moment it returns, no pass of the garbage collector the student's code did not have: a
            # socket kept open by a reference cycle (a file makefile() made, a close() in __del__) stays open,
            # as it would in a plain Python run until some later pass, and the kernel shows it so.
            gc.disable()
    except NotImplementedError as exc:
        result = {"status": "not-implemented", "error": describe_exception(exc, files)}
    except SystemExit as exc:
        result = {"status": "exit", "code": cut_repr(_repr.repr(exc.code), REPR_LIMIT), "error": describe_exception(exc, files)}
    except BaseException as exc:  # noqa: BLE001 - report whatever the student's code raised
        result = {"status": "raised", "error": describe_exception(exc, files)}
    else:
        result = {"status": "returned", "value": describe_value(value)}
        del value
    result["threads_running"] = threading.active_count()  # the threads it joined are not counted
    # Started by its code, and no join() of its code saw it end: still running, or ended by chance in time.
    result["threads_unjoined"] = sorted({where for thread, where in started.items() if thread not in joined})[:10]
    result["thread_errors"] = list(thread_errors)
    if os.getpid() != my_pid:
        os._exit(0)

    if given is not None:
        result["sendall_calls"] = GradedSocket.sendall_calls
        result["makefile_calls"] = GradedSocket.makefile_calls
        # Did the function change the send buffer or the kernel's send timeout? (Only this process can tell.)
        result["send_options_changed"] = _send_options(given) not in (options_before, None)
        result["given_closed"] = given.fileno() == -1  # closed by the function itself
        if sock_spec.get("close") and given.fileno() != -1:
            # The peer then reads until FIN: everything sent has arrived. Closed for good: a file the function
            # made from it with makefile() (held, see SocketKeeper) does not keep the grader's socket open.
            os.close(given.detach())
        # Otherwise the socket stays open, unread bytes and all: the grader reads the kernel's
        # count of them, and no close with unread data turns into an RST the peer would see. Then, once it
        # has looked, the grader may ask for the caller's close (CLOSE_GIVEN).
        elif given.fileno() != -1:
            close_on_request(given, result_pipe)
        args = None
    dropped = keeper.dropped(created_at, exclude=given)
    result["resource_warnings"] = dropped[:DROPPED_DESCRIBED]
    # Every dropped socket's inode, so that the grader counts them all in the kernel (lesson 7 drops 91 at once).
    result["dropped_inodes"] = [entry["inode"] for entry in dropped[:DROPPED_COUNTED]]
    result["files_open"] = keeper.open_files(exclude=given)
    # UDP sockets and no TCP one: a TCP lesson's peer never sees a connection (only words a hint).
    result["udp_only"] = socket.SOCK_DGRAM in keeper.kinds and socket.SOCK_STREAM not in keeper.kinds
    report(result)


# --------------------------------------------------------------------------- the sandbox of one call


def _prctl(option: int, value: int) -> None:
    if sys.platform.startswith("linux"):  # macOS has no prctl: no subreaper, no parent-death signal
        _LIBC.prctl(option, value, 0, 0, 0)


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _read_source(path: str, limit: int) -> bytes | None:
    """A lesson file copied by the grader: a regular file, read without following a symlink nor blocking; at
    most `limit` bytes (the grader refused a larger one when it copied it)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.read(fd, limit + 1)[:limit]
    finally:
        os.close(fd)


def _limit(name: str, value: int) -> None:
    which = getattr(resource, name)
    try:
        _soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(which, (value, value))
    except (ValueError, OSError):
        pass


PR_CAPBSET_READ, PR_CAPBSET_DROP = 23, 24
PR_SET_NO_NEW_PRIVS = 38
_CAPABILITY_VERSION_3 = 0x20080522


def _drop_capabilities() -> None:
    """Give up every capability, for good: the bounding set, then effective, permitted and inheritable.

    At the userns level the fork server keeps CAP_SYS_ADMIN in bubblewrap's
    user namespace (to give each call a PID namespace); the student's code
    must not have it (it could remount the sandbox's read-only folders
    writable). No exec can bring a capability back (no new privileges).
    If the kernel refuses, the call ends here rather than run privileged.
    """
    for cap in range(64):
        _LIBC.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)  # past the last capability: EINVAL, ignored
    header = (ctypes.c_uint32 * 2)(_CAPABILITY_VERSION_3, 0)
    data = (ctypes.c_uint32 * 6)()  # two {effective, permitted, inheritable}, all zero
    if _LIBC.capset(header, data) != 0 or _LIBC.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        os._exit(71)
    left = (ctypes.c_uint32 * 6)()
    if _LIBC.capget(header, left) != 0 or any(left) or any(_LIBC.prctl(PR_CAPBSET_READ, cap, 0, 0, 0) == 1
                                                           for cap in range(64)):
        os._exit(71)


def _interrupted(signum, frame) -> None:
    """The grader's INTERRUPT_SIGNAL (graders/engine/deadlock.py, `interrupt_sends`): nothing to do. That the signal
    is handled is all it takes: a send() asleep on a full buffer returns the bytes it took so far (POSIX)."""


def become_student(spec: dict, config: dict, fds: dict[str, int]) -> None:
    """In the call's own process: limits, scratch folder, environment, uid; then the call."""
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(fds["output"], 1)
    os.dup2(fds["output"], 2)
    os.close(devnull)
    os.close(fds["output"])
    faulthandler.register(signal.SIGUSR1, file=fds["dump"], all_threads=True)
    if config.get("interrupt_signal"):  # handled and ignored: it ends a send() asleep on a full buffer with what it took
        signal.signal(config["interrupt_signal"], _interrupted)

    limits = config["limits"]
    sources = {}
    for name, path in spec["copies"].items():
        source = _read_source(path, limits["source"])
        if source is not None:
            sources[name] = (spec["files"][name], source)

    scratch = spec["scratch"]
    os.makedirs(scratch, mode=0o700, exist_ok=True)
    uid = config.get("uid")
    if uid is not None:
        os.chown(scratch, uid, uid)
    os.chdir(scratch)
    _limit("RLIMIT_FSIZE", limits["output"])
    _limit("RLIMIT_CORE", 0)
    _limit("RLIMIT_AS", limits["memory"])
    _limit("RLIMIT_NOFILE", limits["files"])
    _limit("RLIMIT_CPU", max(1, int(spec["lifetime"]) + 1))
    if uid is not None:
        _limit("RLIMIT_NPROC", limits["processes"])  # counted per uid: the run's own uid
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    elif config.get("drop_capabilities"):
        # The userns level: the grader's uid, counted in bubblewrap's user namespace alone (the kernel counts
        # processes per uid and user namespace), and none of the capabilities the fork server kept there.
        _limit("RLIMIT_NPROC", limits["processes"])
        _drop_capabilities()
    # Our parent (the call's reaper, or the fork server) gone: so are we. Set after setuid(), which clears it;
    # and if the reaper died before that, its lifeline has already closed.
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    lifeline = fds.pop("lifeline", None)
    if lifeline is not None:
        if select.select([lifeline], [], [], 0)[0]:
            os._exit(0)
        os.close(lifeline)
    elif os.getppid() != fds.pop("server", os.getppid()):
        os._exit(0)
    os.environ.clear()
    os.environ.update({"PATH": "/usr/bin:/bin", "HOME": scratch, "LANG": "C.UTF-8", "TMPDIR": scratch})
    sys.dont_write_bytecode = True
    run_call(spec, sources, fds["result"])


def _die_with_parent(parent: int) -> None:
    """Be killed when our parent dies; if it already has (it died before we asked), end now."""
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(0)


def child(spec_fd: int, fds: dict[str, int], pid_w: int, config: dict, server: int) -> None:
    """The forked call: its own session; with a PID namespace, its process is PID 1 of it."""
    _die_with_parent(server)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.setsid()
    spec = wire.loads(_read_all(spec_fd))
    os.close(spec_fd)
    if config.get("pidns") and sys.platform.startswith("linux") and _LIBC.unshare(CLONE_NEWPID) == 0:
        # A lifeline: the call's process holds its read end; it reads EOF once this reaper is gone.
        life_r, life_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(pid_w)
            os.close(life_w)
            os.close(fds.pop("status"))
            fds["lifeline"] = life_r
            become_student(spec, config, fds)
        os.close(life_r)
        # The reaper: the call's process is PID 1 of its namespace. When it ends, the
        # kernel kills everything it started; then its exit status goes to the grader.
        os.write(pid_w, pid.to_bytes(4, "big"))
        os.close(pid_w)
        for name in ("result", "output", "dump"):
            os.close(fds[name])
        _, status = os.waitpid(pid, 0)
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        # One line: the fork server writes this reaper's own exit after it, and the grader reads the first.
        os.write(fds["status"], f"{code}\n".encode())
        os._exit(0)
    os.write(pid_w, os.getpid().to_bytes(4, "big"))
    os.close(pid_w)
    os.close(fds.pop("status"))  # the fork server reports this process's exit
    become_student(spec, config, fds)


# --------------------------------------------------------------------------- the fork server

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 0x1, 0x2, 0x4, 0x20, 0x1000, 0x4000, 0x40000
CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000


def _hiding_folder(prefix: str) -> str | None:
    """The outermost folder above `prefix` that other users cannot traverse (/root, mode 700), if any."""
    parts = prefix.strip("/").split("/")
    for depth in range(1, len(parts)):
        folder = "/" + "/".join(parts[:depth])
        try:
            if not os.stat(folder).st_mode & 0o001:
                return folder
        except OSError:
            return None
    return None


def _private_tmp(folders: list[str], keep: list[str], size: int, readable: str | None = None) -> None:
    """A mount namespace of our own with a size-capped tmpfs on each folder (the uid level, no bwrap).

    The folders in `keep` (the run's copy of the lesson files, under /tmp)
    are bound back into place. `readable`: the interpreter's folder, hidden
    from the student's uid by a folder above it (pyenv under /root): a
    tmpfs goes over that folder and the interpreter's is bound back into it,
    read-only (the rest of the hiding folder stays hidden). The shared
    temporary folders (/tmp, /var/tmp, /dev/shm, /run/lock) get a fresh writable
    tmpfs: nothing written there outlives the run or reaches another run.
    Where the kernel refuses (no CAP_SYS_ADMIN, a seccomp filter), the
    folders stay as they are (the grader then sweeps what the uid left).
    """
    if not sys.platform.startswith("linux") or _LIBC.unshare(CLONE_NEWNS) != 0:
        return
    if _LIBC.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None) != 0:
        return
    held = {path: os.open(path, os.O_RDONLY | os.O_DIRECTORY) for path in keep}
    hiding = _hiding_folder(readable) if readable else None
    if hiding is not None:
        prefix_fd = os.open(readable, os.O_RDONLY | os.O_DIRECTORY)
        if _LIBC.mount(b"tmpfs", hiding.encode(), b"tmpfs", MS_NOSUID | MS_NODEV, b"size=1m,mode=0755") == 0:
            os.makedirs(readable, mode=0o755, exist_ok=True)
            folder = readable
            while folder != hiding:  # the umask may have narrowed what makedirs made
                os.chmod(folder, 0o755)
                folder = os.path.dirname(folder)
            _LIBC.mount(f"/proc/self/fd/{prefix_fd}".encode(), readable.encode(), None, MS_BIND | MS_REC, None)
            _LIBC.mount(None, readable.encode(), None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID, None)
        os.close(prefix_fd)
    for folder in folders:
        os.makedirs(folder, exist_ok=True)
        # every user may write there: so may the call (its own tmpfs, sticky: the kept folders, root's, stay put)
        shared = folder in ("/tmp", "/var/tmp", "/dev/shm", "/run/lock")
        options = f"size={size},mode={'1777' if shared else '0755'}".encode()
        _LIBC.mount(b"tmpfs", folder.encode(), b"tmpfs", MS_NOSUID | MS_NODEV, options)
    for path, fd in held.items():
        os.makedirs(path, exist_ok=True)
        _LIBC.mount(f"/proc/self/fd/{fd}".encode(), path.encode(), None, MS_BIND | MS_REC, None)
        os.close(fd)


CLONE_NEWUSER, CLONE_NEWIPC, CLONE_NEWUTS = 0x10000000, 0x08000000, 0x04000000
MS_RDONLY, MS_REMOUNT = 0x1, 0x20
SYS_MOUNT_SETATTR = 442  # the same number on every architecture (added after the tables were unified)
MOUNT_ATTR_RDONLY, MOUNT_ATTR_NOSUID = 0x1, 0x2
AT_FDCWD, AT_RECURSIVE = -100, 0x8000


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    def encode(text: str | None) -> bytes | None:
        return text.encode() if text is not None else None

    if _LIBC.mount(encode(source), encode(target), encode(fstype), flags, encode(data)) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"mount {target}: {os.strerror(errno)}")


def own_sandbox(setup: dict) -> None:
    """The userns level where bubblewrap is missing: this process makes the sandbox itself, as bwrap would.

    A user namespace of its own (its uid and gid mapped to themselves),
    with mount, IPC and UTS namespaces: the whole file system read-only
    (and nosuid), then an empty size-capped tmpfs over every folder in
    `hide` (the course, the homes, /tmp, /run, ...; /proc and /sys last),
    the folders in `keep` (the run's copy of the lesson files, the Python
    installation) bound back read-only, a tmpfs on each `scratch` folder.
    The network namespace stays the grader's (the run's private loopback).
    Its capabilities in that namespace give each call a PID namespace; each
    call drops them all (`_drop_capabilities`). Raises OSError if the
    kernel refuses any step (the probe tries this first, in a throwaway
    process, and the level is then `basic`).
    """
    uid, gid = os.getuid(), os.getgid()
    if _LIBC.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"unshare: {os.strerror(errno)}")
    for path, text in (("/proc/self/setgroups", "deny"), ("/proc/self/uid_map", f"{uid} {uid} 1"),
                       ("/proc/self/gid_map", f"{gid} {gid} 1")):
        with open(path, "w") as f:
            f.write(text)
    _mount("none", "/", None, MS_REC | MS_PRIVATE)
    held = {path: os.open(path, os.O_PATH | os.O_DIRECTORY) for path in setup["keep"] if os.path.isdir(path)}
    attr = ctypes.create_string_buffer(int.to_bytes(MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID, 8, sys.byteorder)
                                       + bytes(24))  # struct mount_attr: attr_set, attr_clr, propagation, userns_fd
    if _LIBC.syscall(SYS_MOUNT_SETATTR, AT_FDCWD, b"/", AT_RECURSIVE, attr, 32) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"mount_setattr: {os.strerror(errno)}")
    size = setup["size"]
    hidden: list[str] = []
    late = ("/proc", "/sys")
    for folder in sorted(setup["hide"]):
        if folder in late or not os.path.isdir(folder) or any(folder.startswith(h.rstrip("/") + "/") for h in hidden):
            continue
        _mount("tmpfs", folder, "tmpfs", MS_NOSUID | MS_NODEV, f"size={size},mode=0755")
        hidden.append(folder)
    for folder in setup["scratch"]:
        os.makedirs(folder, exist_ok=True)
        _mount("tmpfs", folder, "tmpfs", MS_NOSUID | MS_NODEV, f"size={size},mode=0755")
    for path, fd in held.items():
        os.makedirs(path, exist_ok=True)
        _mount(f"/proc/self/fd/{fd}", path, None, MS_BIND | MS_REC)
        _mount(None, path, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID)
        os.close(fd)
    for folder in hidden:  # the empty folders over the course and the homes: read-only too, once filled
        if folder not in setup["writable"]:
            _mount(None, folder, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
    for folder in late:
        if folder in setup["hide"] and os.path.isdir(folder):
            _mount("tmpfs", folder, "tmpfs", MS_NOSUID | MS_NODEV | MS_RDONLY, "size=4096,mode=0555")


def serve(control_fd: int, config: dict) -> None:
    """The fork server: start each call as a fork of this already-initialised process.

    A fresh `python` for every call costs tens of milliseconds (startup and
    imports); a fork of this process costs about one. Requests come on the
    Unix socket `control_fd`:

    * ``start`` with five descriptors (spec, result, output, dump, status):
      fork the call (see `child`); reply with the pid of the student's
      process as the grader sees it (4 bytes);
    * ``sweep``: kill every process that came back to this one as an orphan
      (a ``setsid``'d grandchild of a call that has ended); reply ``done``.

    This process is a subreaper, stays single-threaded and never imports
    student code. When the grader closes the socket (or dies), it kills
    every call still running and exits.
    """
    control = socket.socket(fileno=control_fd)
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    _die_with_parent(_PARENT)
    if config.get("private_ipc") and sys.platform.startswith("linux"):
        _LIBC.unshare(CLONE_NEWIPC)  # SysV IPC of the run's own: gone with its last process (uid level)
    if config.get("private_tmp"):
        _private_tmp(config["private_tmp"], config.get("keep", []), config["limits"]["scratch"],
                     config.get("readable_prefix"))
    if config.get("preload_stdlib"):  # the uid cannot read the interpreter's folder, and no mount could fix it
        for name in STDLIB_PRELOAD:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - a module this build lacks (ssl, sqlite3...)
                pass
    if config.get("own_sandbox"):
        own_sandbox(config["own_sandbox"])  # refused: this process ends, and the grader says so
    calls: dict[int, int] = {}  # pid of a forked call -> its exit-status pipe (where this process reports it)
    forked: set[int] = set()

    def reap(_signum=None, _frame=None) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            forked.discard(pid)
            status_fd = calls.pop(pid, None)
            if status_fd is not None:
                code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
                try:
                    os.write(status_fd, f"{code}\n".encode())  # after the reaper's line, if it wrote one
                except OSError:
                    pass
                os.close(status_fd)

    def orphans() -> list[int]:
        """Processes that are our children but no call we forked: escaped descendants."""
        found = []
        try:
            tasks = os.listdir("/proc/self/task")
        except OSError:
            return found
        for task in tasks:
            try:
                with open(f"/proc/self/task/{task}/children") as f:
                    found += [int(p) for p in f.read().split()]
            except OSError:
                continue
        return [pid for pid in found if pid not in forked]

    def sweep() -> None:
        for _ in range(1000):
            left = orphans()
            if not left:
                return
            for pid in left:
                for kill in (os.killpg, os.kill):
                    try:
                        kill(pid, signal.SIGKILL)
                    except OSError:
                        pass
            select.select([], [], [], 0.001)
            reap()

    def end() -> None:
        """The grader is gone (finished, or stopped with Ctrl-C): take every call with us."""
        for pid in list(forked):
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
        sweep()

    signal.signal(signal.SIGCHLD, reap)
    while True:
        try:
            message, fds, _flags, _addr = socket.recv_fds(control, 4096, 5)
        except InterruptedError:
            continue
        except OSError:
            message = b""
        if not message:
            end()
            return
        if message == b"sweep":
            sweep()
            control.sendall(b"done")
            continue
        spec_fd, result_fd, output_fd, dump_fd, status_fd = fds
        pid_r, pid_w = os.pipe()
        me = os.getpid()
        # Everything this server holds, out of the collector's sight: a call's gc.collect() then walks only the
        # objects of the call (the student's), not every object of this process, each of which it would touch
        # and so copy (copy-on-write) into the call's memory: a tenth of a whole grading's CPU time.
        gc.freeze()
        pid = os.fork()
        if pid == 0:
            try:
                control.close()
                os.close(pid_r)
                for other in calls.values():  # the exit-status pipes of calls still running: while a later
                    os.close(other)  # call held a copy, an earlier one's EOF never came (kill() waited 2 s)
                child(spec_fd, {"result": result_fd, "output": output_fd, "dump": dump_fd, "status": status_fd,
                                "server": me}, pid_w, config, me)
            finally:
                os._exit(70)
        forked.add(pid)
        calls[pid] = status_fd
        for fd in (spec_fd, result_fd, output_fd, dump_fd, pid_w):
            os.close(fd)
        ready, _, _ = select.select([pid_r], [], [], 10.0)
        answer = os.read(pid_r, 4) if ready else b""
        os.close(pid_r)
        control.sendall(answer.rjust(4, b"\0") if len(answer) == 4 else b"\0\0\0\0")


# What a call of student code may import without reading the disk: loaded once, here, before any fork.
# (At the uid level the Python installation may be unreadable to the student's uid, e.g. under /root.)
PRELOAD = (
    "encodings.idna", "encodings.ascii", "encodings.latin_1", "selectors", "threading", "struct", "time",
    "errno", "io", "queue", "contextlib", "dataclasses", "typing", "collections", "functools", "itertools",
    "concurrent.futures", "concurrent.futures.thread", "socketserver", "random", "math", "string", "array",
    "enum", "codecs", "binascii", "textwrap", "operator", "heapq", "bisect", "weakref", "copy",
)

# What a call may import when the Python installation is unreadable to the student's uid and no mount
# namespace can make it readable (uid level in a restricted container): the standard library's common modules,
# imported by the fork server while it is still privileged. The grader's report says so.
STDLIB_PRELOAD = (
    "argparse", "ast", "asyncio", "base64", "bisect", "calendar", "collections.abc", "csv", "ctypes", "datetime",
    "decimal", "difflib", "email.message", "email.parser", "email.utils", "fractions", "glob", "gzip", "hashlib",
    "hmac", "html", "html.parser", "http.client", "http.server", "inspect", "ipaddress", "json", "locale",
    "logging", "logging.handlers", "lzma", "mimetypes", "multiprocessing", "pathlib", "pickle", "platform",
    "pprint", "re", "secrets", "shlex", "shutil", "signal", "socketserver", "ssl", "statistics", "subprocess",
    "tempfile", "tokenize", "traceback", "unittest", "urllib.parse", "urllib.request", "uuid", "xml.dom.minidom",
    "xml.etree.ElementTree", "zipfile", "zlib", "zoneinfo",
)


def probe_own_sandbox(setup: dict) -> int:
    """0 if `own_sandbox` works here and holds: the course and the homes unseen, the rest read-only."""
    try:
        own_sandbox(setup)
    except OSError as exc:
        print(exc, file=sys.stderr)
        return 1
    for folder in setup["hide"]:
        if folder not in ("/proc", "/sys") and os.path.isdir(folder) and os.listdir(folder) and not any(
                kept == folder or kept.startswith(folder.rstrip("/") + "/")
                for kept in (*setup["keep"], *setup["scratch"])):
            return 2
    for folder in ("/", *setup["keep"]):
        try:
            with open(os.path.join(folder, ".write-probe"), "w"):
                return 3
        except OSError:
            pass
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "--probe-own-sandbox":
        sys.exit(probe_own_sandbox(json.loads(sys.argv[2])))
    for _name in PRELOAD:
        try:
            importlib.import_module(_name)
        except ImportError:
            pass
    serve(int(sys.argv[2]), json.loads(sys.argv[3]))
