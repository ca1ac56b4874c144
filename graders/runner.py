"""Run one function of a student's module, in its own process, and report.

The grader starts this file once per run as a fork server (``python -I -S
-u runner.py --serve FD``, see `serve`), and each call is a fork of it, in
a new session (its own process group), with stdin from /dev/null and
stdout/stderr going to a capped file: never inside the grader's process.
(``runner.py SPEC RESULT_FD`` runs one call directly, for debugging.)
Each call:

1. reads the call's spec (see `harness.StudentCall`) from the file SPEC;
2. imports the student's module from the target folder, reporting a syntax
   error or an import error in the student's own terms;
3. optionally creates and connects the socket the function is given;
4. calls the function, timing it and catching whatever it raises (including
   ``SystemExit``);
5. reports, as plain data on RESULT_FD: the return value's type and value,
   the exception with the student's frames, ``ResourceWarning``s for sockets
   that were garbage-collected unclosed, the sockets still open afterwards,
   and what the function did with the socket it was given;
6. then waits to be killed, so that the grader can still look at the sockets
   the student's code left open (for example in CLOSE_WAIT).

The grader sends SIGUSR1 when a call runs past its limit: faulthandler then
writes every thread's stack to the dump file, which is how a hang is
reported as "stuck at your_file.py, line N". A watchdog ends this process by
itself if the grader disappears.

Standard library only: this runs with -S, without site-packages.
"""

from __future__ import annotations

import faulthandler
import gc
import hashlib
import importlib.machinery
import os
import resource
import signal
import socket
import sys
import time
import traceback
import types
import warnings

_HERE = os.path.dirname(os.path.abspath(__file__))
wire = types.ModuleType("_grader_wire")  # graders/wire.py, loaded by path: -I puts no folder on sys.path
importlib.machinery.SourceFileLoader("_grader_wire", os.path.join(_HERE, "wire.py")).exec_module(wire)

OUTPUT_CAP = 1 << 20  # bytes of stdout + stderr a student's code may write (harness.OUTPUT_CAP)
REPR_LIMIT = 300
BIG_VALUE = 1 << 20  # bytes values longer than this are reported by length and SHA-256  # characters of repr() kept for a value that is not bytes


class GradedSocket(socket.socket):
    """The socket handed to a student function: a real socket that counts sendall()."""

    sendall_calls = 0

    def sendall(self, *args, **kwargs):
        GradedSocket.sendall_calls += 1
        return super().sendall(*args, **kwargs)


def student_frames(tb, target: str) -> list[list]:
    """The frames of a traceback that are in the student's folder: never the grader's."""
    frames = traceback.extract_tb(tb)
    mine = [f for f in frames if os.path.realpath(f.filename).startswith(target + os.sep)]
    return [[f.filename, f.lineno, f.name, (f.line or "").strip()] for f in mine]


def describe_exception(exc: BaseException, target: str) -> dict:
    return {
        "type": type(exc).__name__,
        "bases": [cls.__name__ for cls in type(exc).__mro__],
        "message": str(exc)[:REPR_LIMIT],
        "frames": student_frames(exc.__traceback__, target),
    }


def describe_value(value: object) -> dict:
    """A return value as plain data: its type name, and the value if it is bytes or str."""
    kind = type(value).__name__
    if isinstance(value, (bytes, bytearray)) and len(value) > BIG_VALUE:
        # Megabytes: their length and digest cross the pipe, not the bytes themselves.
        return {"type": kind, "length": len(value), "sha256": hashlib.sha256(value).hexdigest()}
    if isinstance(value, (bytes, str)):
        return {"type": kind, "value": value}
    if isinstance(value, bytearray):
        return {"type": kind, "value": bytes(value)}
    try:
        text = repr(value)[:REPR_LIMIT]
    except Exception:  # a student's object whose repr() fails
        text = f"<{kind} object>"
    return {"type": kind, "repr": text}


def record_socket_creation(target: str) -> dict[int, list]:
    """Remember where the student's code created each socket: {id(socket): [[file, line]]}.

    A ResourceWarning then says "created at line N". (tracemalloc could tell
    too, but tracing every allocation costs far more than this.)
    """
    created_at: dict[int, list] = {}
    original = socket.socket.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        frame = sys._getframe(1)
        while frame is not None:
            if os.path.realpath(frame.f_code.co_filename).startswith(target + os.sep):
                created_at[id(self)] = [[frame.f_code.co_filename, frame.f_lineno]]
                break
            frame = frame.f_back

    socket.socket.__init__ = init
    return created_at


def open_socket_inodes(exclude: set[int]) -> list[int] | None:
    """Inodes of the sockets this process still holds open (None where /proc is missing)."""
    try:
        fds = os.listdir("/proc/self/fd")
    except OSError:
        return None
    inodes = []
    for fd in fds:
        try:
            link = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if link.startswith("socket:["):
            inode = int(link[8:-1])
            if inode not in exclude:
                inodes.append(inode)
    return inodes


def socket_inode(sock: socket.socket) -> int | None:
    try:
        return os.fstat(sock.fileno()).st_ino
    except OSError:
        return None


def run_call(spec_path: str, result_fd: int) -> None:
    """Run the call described in spec_path; report on result_fd; never return."""
    with open(spec_path, "rb") as f:
        spec = wire.loads(f.read())
    my_pid = os.getpid()
    result_pipe = os.fdopen(result_fd, "wb")

    def report(result: dict) -> None:
        if os.getpid() != my_pid:  # a process the student's code forked: say nothing
            os._exit(0)
        result["pid"] = my_pid
        result_pipe.write(wire.dumps(result))
        result_pipe.flush()
        # Stay alive until the grader has looked at what is left open.
        while True:
            time.sleep(60)

    dump = open(spec["dump_path"], "w")
    faulthandler.register(signal.SIGUSR1, file=dump, all_threads=True)
    # Watchdog: if the grader is gone, end anyway.
    faulthandler.dump_traceback_later(spec["lifetime"], exit=True, file=dump)
    try:
        resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT_CAP, OUTPUT_CAP))
    except (ValueError, OSError):
        pass

    target = os.path.realpath(spec["target"])
    module_name = spec["module"]
    path = os.path.join(target, module_name + ".py")
    # Warnings are recorded, not printed; ResourceWarning's source is the unclosed socket.
    recorder = warnings.catch_warnings(record=True)
    recorded = recorder.__enter__()
    warnings.simplefilter("always", ResourceWarning)

    if not os.path.exists(path):
        report({"status": "missing-module", "path": path})
    sys.path.insert(0, target)
    created_at = record_socket_creation(target)
    try:
        module = types.ModuleType(module_name)
        module.__file__ = path
        sys.modules[module_name] = module
        importlib.machinery.SourceFileLoader(module_name, path).exec_module(module)
    except SyntaxError as exc:
        report({
            "status": "syntax-error",
            "error": {"type": type(exc).__name__, "message": exc.msg or str(exc),
                      "frames": [[exc.filename or path, exc.lineno or 0, "<module>", (exc.text or "").strip()]]},
        })
    except BaseException as exc:  # noqa: BLE001 - anything at import time is the student's
        report({"status": "import-error", "error": describe_exception(exc, target)})

    function = getattr(module, spec["function"], None)
    if not callable(function):
        report({"status": "missing-function", "names": sorted(n for n in vars(module) if not n.startswith("_"))})

    args = list(spec["args"])
    given = None
    exclude: set[int] = set()
    sock_spec = spec.get("socket")
    if sock_spec:
        given = GradedSocket(socket.AF_INET, socket.SOCK_STREAM)
        if sock_spec.get("rcvbuf"):
            given.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, sock_spec["rcvbuf"])
        if sock_spec.get("sndbuf"):
            given.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, sock_spec["sndbuf"])
        given.connect(tuple(sock_spec["connect"]))
        given.settimeout(sock_spec.get("timeout"))
        exclude.add(socket_inode(given))
        args.insert(0, given)

    result: dict = {}
    started = time.perf_counter()
    try:
        value = function(*args)
    except NotImplementedError as exc:
        result = {"status": "not-implemented", "error": describe_exception(exc, target)}
    except SystemExit as exc:
        result = {"status": "exit", "code": repr(exc.code)[:REPR_LIMIT], "error": describe_exception(exc, target)}
    except BaseException as exc:  # noqa: BLE001 - report whatever the student's code raised
        result = {"status": "raised", "error": describe_exception(exc, target)}
    else:
        result = {"status": "returned", "value": describe_value(value)}
        del value
    result["elapsed"] = time.perf_counter() - started
    if os.getpid() != my_pid:
        os._exit(0)

    if given is not None:
        result["sendall_calls"] = GradedSocket.sendall_calls
        if spec.get("after") == "drain":
            # What the function left unread: must be exactly the next message.
            chunks = []
            try:
                given.settimeout(spec["lifetime"])
                while chunk := given.recv(1 << 16):
                    chunks.append(chunk)
            except OSError as exc:
                result["drain_error"] = type(exc).__name__
            result["leftover"] = b"".join(chunks)
        given.close()
        args = None
    gc.collect()
    result["resource_warnings"] = [
        {"message": str(w.message)[:REPR_LIMIT], "where": created_at.get(id(w.source), [])}
        for w in recorded if issubclass(w.category, ResourceWarning)
    ]
    result["open_sockets"] = open_socket_inodes(exclude)
    report(result)


def serve(control_fd: int) -> None:
    """The fork server: start each call as a fork of this already-initialised process.

    A fresh `python` for every call costs tens of milliseconds (startup and
    imports); a fork of this process costs about one. The grader sends, on
    the Unix socket `control_fd`, a call's spec path with two file
    descriptors (the result pipe's write end and the output file); this
    process forks, and the child becomes the call exactly as in direct mode:
    a new session (its own process group), stdin from /dev/null, stdout and
    stderr to the output file, its own folder as working directory. The
    child's pid goes back on the control socket. Exit statuses are written
    to `exit_status` beside the spec when children end, since only this
    process can wait for them. When the grader closes the socket (or dies),
    it kills every call still running and exits.
    This process stays single-threaded and never imports student code.
    """
    control = socket.socket(fileno=control_fd)
    call_dirs: dict[int, str] = {}

    def reap(_signum=None, _frame=None) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            folder = call_dirs.pop(pid, None)
            if folder:
                code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
                with open(os.path.join(folder, "exit_status"), "w") as f:
                    f.write(str(code))

    def end() -> None:
        """The grader is gone (finished, or stopped with Ctrl-C): take every call with us."""
        for pid in list(call_dirs):
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass

    signal.signal(signal.SIGCHLD, reap)
    while True:
        try:
            message, fds, _flags, _addr = socket.recv_fds(control, 4096, 2)
        except OSError:
            message = b""
        if not message:
            end()
            return
        spec_path = message.decode()
        result_fd, output_fd = fds
        pid = os.fork()
        if pid == 0:
            try:
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                control.close()
                os.setsid()
                devnull = os.open(os.devnull, os.O_RDONLY)
                os.dup2(devnull, 0)
                os.dup2(output_fd, 1)
                os.dup2(output_fd, 2)
                for fd in (devnull, output_fd):
                    os.close(fd)
                os.chdir(os.path.dirname(spec_path))
                run_call(spec_path, result_fd)
            finally:
                os._exit(70)
        call_dirs[pid] = os.path.dirname(spec_path)
        os.close(result_fd)
        os.close(output_fd)
        control.sendall(pid.to_bytes(4, "big"))


if __name__ == "__main__":
    if sys.argv[1] == "--serve":
        serve(int(sys.argv[2]))
    else:  # direct mode, one call: runner.py SPEC RESULT_FD
        run_call(sys.argv[1], int(sys.argv[2]))
