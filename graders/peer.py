"""Play with a reference peer by hand, as you would with netcat.

The graders talk to your code through reference peers: a server for your
clients, a client for your servers. This tool runs the same kind of peer on
its own, outside the grader, and prints a live transcript of everything it
sees on the wire: who connected, every piece of bytes sent and received
(shown with repr()), FIN (an orderly close: recv() returned b"") and RST (a
reset: ConnectionResetError), with local wall-clock times.

    python -m graders.peer server [--lesson client_flow|graceful_close] [--host H] [--port N]
    python -m graders.peer client [--lesson server_flow|graceful_close] --port N [--host H]
                                  [--message TEXT | --hex HEX]

The server serves one client after another until Ctrl-C:

* lesson client_flow (for `request`): reads what arrives until a pause of
  0.2 s (or the client's FIN), replies with fixed bytes, half-closes with
  shutdown(SHUT_WR) and waits a few seconds for the client's FIN;
* lesson graceful_close (for `request_and_half_close`): reads until the
  client's FIN, replies with the request reversed, then sends FIN.

The client connects once, sends the message (by default one with a zero
byte, bytes that are not UTF-8 and multi-byte UTF-8), for graceful_close
half-closes, then reads until the server's FIN or RST and closes. Its exit
status is 0 if the server ended with FIN, 1 if not, 2 if it could not
connect.

Standard library only. What a peer replies is decided by the small
protocol functions below; the socket driving is kept apart from it, and
every line goes out through `say`, so the transcript has one format.
"""

from __future__ import annotations

import argparse
import datetime
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

# --------------------------------------------------------------------------- protocol: what the peers send

# The same kind of bytes the graders use: a zero byte, bytes that are not
# UTF-8 and multi-byte UTF-8, so decoding, str() or re-encoding shows.
DEFAULT_MESSAGE = b"HELLO \x00\xff\xfe caf\xc3\xa9 \xe4\xbd\xa0\xe5\xa5\xbd\n"
CLIENT_FLOW_REPLY = b"WELCOME \x00\x80\x81 na\xc3\xafve \xf0\x9f\x91\x8b server reply\n"


def client_flow_reply(request: bytes) -> bytes:
    """The client_flow server's reply: always the same bytes, whatever the request."""
    return CLIENT_FLOW_REPLY


def reversed_reply(request: bytes) -> bytes:
    """The graceful_close server's reply: the request, reversed."""
    return request[::-1]


def echo(message: bytes) -> bytes:
    """What a server_flow server sends back: the message itself."""
    return message


@dataclass(frozen=True)
class ServerLesson:
    """How the reference server of one lesson behaves."""

    id: str
    call: str  # the student's function to point at it
    until_fin: bool  # the request ends with the client's FIN (else: with a short pause)
    reply: Callable[[bytes], bytes]
    waiting: str  # the note printed while the client's request does not end


@dataclass(frozen=True)
class ClientLesson:
    """How the reference client of one lesson behaves, and what it expects back."""

    id: str
    call: str  # the student's function it talks to
    half_close: bool  # shutdown(SHUT_WR) after the message
    expected: Callable[[bytes], bytes]
    expected_text: str
    waiting: str  # the note printed while the server does not close


SERVER_LESSONS = {
    lesson.id: lesson
    for lesson in (
        ServerLesson("client_flow", "request", False, client_flow_reply,
                     "still waiting for your message: did your code send() it?"),
        ServerLesson("graceful_close", "request_and_half_close", True, reversed_reply,
                     "still waiting for your FIN: did you call shutdown(SHUT_WR)?"),
    )
}

CLIENT_LESSONS = {
    lesson.id: lesson
    for lesson in (
        ClientLesson("server_flow", "serve_once", False, echo, "the message echoed back",
                     "still waiting for the server's FIN: does your server close() the connection after sending?"),
        ClientLesson("graceful_close", "serve_one_request", True, reversed_reply, "the message reversed",
                     "still waiting for the server's FIN: does your server read until EOF, reply, then close()?"),
    )
}

# --------------------------------------------------------------------------- the transcript

SHOW_LIMIT = 48  # bytes shown of a long piece; the rest is counted


def say(line: str = "") -> None:
    """Print one line of the transcript, at once (a pipe must see it now, not at exit)."""
    print(line, flush=True)


def event(text: str) -> None:
    """One timestamped line: local wall time with milliseconds."""
    stamp = datetime.datetime.now().strftime("%H:%M:%S.%f")[:-3]
    say(f"[{stamp}] {text}")


def count(n: int) -> str:
    return f"{n} byte" if n == 1 else f"{n} bytes"


def show(data: bytes) -> str:
    """repr() of bytes, truncated when long, with what was left out counted."""
    if len(data) <= SHOW_LIMIT:
        return repr(data)
    more = len(data) - SHOW_LIMIT
    return f"{data[:SHOW_LIMIT]!r}... (+{more} more byte{'' if more == 1 else 's'})"


def endpoint(address: tuple) -> str:
    return f"{address[0]}:{address[1]}"


# --------------------------------------------------------------------------- driving a socket

CHUNK = 65536
NOTE_EVERY = 2.0  # seconds between "still waiting" notes
PAUSE = 0.2  # client_flow: this long with nothing more ends the request
FIN_WAIT = 5.0  # client_flow: how long the server waits for the client's FIN after its own


def recv_within(sock: socket.socket, seconds: float) -> bytes | None:
    """One recv() that waits at most `seconds`: data, b"" (FIN) or None (nothing yet).

    An RST raises ConnectionResetError.
    """
    sock.settimeout(max(seconds, 0.001))
    try:
        return sock.recv(CHUNK)
    except TimeoutError:
        return None


def wait_for_piece(sock: socket.socket, seconds: float, note: str | None) -> bytes | None:
    """recv_within(), printing `note` every NOTE_EVERY seconds while nothing comes."""
    deadline = time.monotonic() + seconds
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        piece = recv_within(sock, min(NOTE_EVERY, left))
        if piece is not None:
            return piece
        if note and deadline - time.monotonic() > 0:
            event(note)


def read(sock: socket.socket, who: str, *, timeout: float, note: str | None = None,
         pause: float | None = None, give_up: str | None = None) -> tuple[bytes, str]:
    """Read and print every piece until the peer's FIN or RST.

    Also ends after `timeout` seconds with nothing at all ("timeout", then
    `give_up` is printed), or, with `pause`, after that long with nothing
    more once some data came ("pause"). Returns the data and how it ended:
    "FIN", "RST", "pause", "timeout" or "error".
    """
    received = bytearray()
    while True:
        quiet = pause is not None and bool(received)
        try:
            piece = wait_for_piece(sock, pause if quiet else timeout, None if quiet else note)
        except ConnectionResetError:
            event(f"{who} reset the connection (RST)")
            return bytes(received), "RST"
        except OSError as exc:
            event(f"recv() failed: {exc}")
            return bytes(received), "error"
        if piece is None:
            if quiet:
                event(f"nothing more for {pause:g} s: that is the whole message")
                return bytes(received), "pause"
            event(give_up or f"nothing from the {who} for {timeout:g} s: giving up")
            return bytes(received), "timeout"
        if not piece:
            event(f"{who} sent FIN (recv() returned b'')")
            return bytes(received), "FIN"
        event(f"received {count(len(piece))}: {show(piece)}")
        received += piece


def send(sock: socket.socket, data: bytes, who: str, timeout: float) -> bool:
    """Send all of `data` and print it; False if the peer is gone."""
    sock.settimeout(timeout)
    try:
        sock.sendall(data)
    except (BrokenPipeError, ConnectionResetError):
        event(f"could not send: the {who} reset the connection (RST)")
        return False
    except OSError as exc:
        event(f"could not send: {exc}")
        return False
    event(f"sent {count(len(data))}: {show(data)}")
    return True


def half_close(sock: socket.socket) -> bool:
    """shutdown(SHUT_WR): send FIN, keep reading."""
    try:
        sock.shutdown(socket.SHUT_WR)
    except OSError as exc:
        event(f"shutdown(SHUT_WR) failed: {exc}")
        return False
    event("sent FIN (shutdown SHUT_WR)")
    return True


# --------------------------------------------------------------------------- the server

def open_listener(host: str, port: int) -> socket.socket:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(8)
    except BaseException:
        listener.close()
        raise
    return listener


def serve_client(conn: socket.socket, lesson: ServerLesson, timeout: float) -> None:
    """One conversation of the reference server, printed as it happens."""
    if lesson.until_fin:
        request, end = read(conn, "client", timeout=timeout, note=lesson.waiting,
                            give_up=f"no FIN from the client within {timeout:g} s: giving up "
                                    "(a request ends with shutdown(SHUT_WR))")
        if end != "FIN":
            return
    else:
        request, end = read(conn, "client", timeout=timeout, note=lesson.waiting, pause=PAUSE)
        if end not in ("FIN", "pause"):
            return
    if not send(conn, lesson.reply(request), "client", timeout) or not half_close(conn):
        return
    if end != "FIN":  # the reply is out and FIN sent: now the client should close too
        read(conn, "client", timeout=FIN_WAIT,
             give_up=f"no FIN from the client within {FIN_WAIT:g} s: did your code close() its socket?")


def run_server(args: argparse.Namespace) -> int:
    lesson = SERVER_LESSONS[args.lesson]
    try:
        listener = open_listener(args.host, args.port)
    except OSError as exc:
        say(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}")
        return 2
    with listener:
        host, port = listener.getsockname()[:2]
        shown = "127.0.0.1" if host == "0.0.0.0" else host
        say(f"Reference server (lesson {lesson.id}) listening on {host}:{port}. "
            f'Point your code at it, e.g. {lesson.call}("{shown}", {port}, b"hello"). Ctrl-C to stop.')
        while True:
            conn, address = listener.accept()
            with conn:
                event(f"client {endpoint(address)} connected")
                serve_client(conn, lesson, args.timeout)
            event("closed")
            say()


# --------------------------------------------------------------------------- the client

def connect(host: str, port: int, timeout: float) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect((host, port))
    except BaseException:
        sock.close()
        raise
    return sock


def verdict(lesson: ClientLesson, message: bytes, reply: bytes, end: str, timeout: float) -> None:
    """A short summary after the transcript: the reply, and how the server ended."""
    want = lesson.expected(message)
    if reply == want:
        say(f"Reply: {count(len(reply))}, {lesson.expected_text}, as {lesson.call} should send.")
    else:
        say(f"Reply: {show(reply)} ({count(len(reply))}); {lesson.call} should send "
            f"{lesson.expected_text}: {show(want)} ({count(len(want))}).")
    if end == "FIN":
        say("The server closed the connection with FIN, as it should.")
    elif end == "RST":
        say("The server reset the connection (RST) instead of closing it with FIN: the kernel sends RST "
            "when a socket is closed with unread data in its receive queue.")
    elif end == "timeout":
        say(f"The server did not close the connection within {timeout:g} s.")
    else:
        say("The connection failed before the server closed it.")


def run_client(args: argparse.Namespace) -> int:
    lesson = CLIENT_LESSONS[args.lesson]
    message = args.hex if args.hex is not None else (
        args.message.encode() if args.message is not None else DEFAULT_MESSAGE)
    say(f"Reference client (lesson {lesson.id}) for {lesson.call}({args.port}, \"{args.host}\"): "
        "start your server first. Ctrl-C to stop.")
    event(f"connecting to {args.host}:{args.port}")
    try:
        sock = connect(args.host, args.port, args.timeout)
    except ConnectionRefusedError:
        event(f"nothing listens on {args.host}:{args.port}: is your server running, on that port?")
        return 2
    except OSError as exc:
        event(f"cannot connect to {args.host}:{args.port}: {exc}")
        return 2
    with sock:
        event(f"connected to server {args.host}:{args.port} (from {endpoint(sock.getsockname())})")
        reply, end = b"", "RST"
        if send(sock, message, "server", args.timeout):
            if lesson.half_close:
                half_close(sock)
            reply, end = read(sock, "server", timeout=args.timeout, note=lesson.waiting,
                              give_up=f"no FIN from the server within {args.timeout:g} s: giving up")
    event("closed")
    verdict(lesson, message, reply, end, args.timeout)
    return 0 if end == "FIN" else 1


# --------------------------------------------------------------------------- command line

EPILOG = """\
examples (with nox: nox -s peer -- ARGS):
  python -m graders.peer server
      a server for your client_flow request(); call it with the PORT it prints, e.g.
      python -c 'import sys; sys.path.insert(0, "exercises"); import client_flow; print(client_flow.request("127.0.0.1", PORT, b"hi"))'
  python -m graders.peer server --lesson graceful_close --port 5000
      a server for your request_and_half_close("127.0.0.1", 5000, ...)
  python -m graders.peer client --port 5000
      talk to your serve_once(5000), started first in another terminal
  python -m graders.peer client --lesson graceful_close --port 5000 --hex '00 ff 41'
      send three bytes to your serve_one_request(5000), then shutdown(SHUT_WR)
"""


def port_number(text: str, lowest: int = 0) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not lowest <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port ({lowest} to 65535)")
    return port


def server_port(text: str) -> int:
    return port_number(text, lowest=1)


def positive_seconds(text: str) -> float:
    seconds = float(text)
    if not seconds > 0:
        raise argparse.ArgumentTypeError(f"{text}: a time must be more than 0 seconds")
    return seconds


def hex_bytes(text: str) -> bytes:
    try:
        return bytes.fromhex(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not hex: {text!r} ({exc})") from None


def parser() -> argparse.ArgumentParser:
    formatter = argparse.RawDescriptionHelpFormatter
    top = argparse.ArgumentParser(
        prog="python -m graders.peer", formatter_class=formatter, epilog=EPILOG,
        description="Run a reference peer by hand and watch the conversation with your code on the wire.")
    modes = top.add_subparsers(dest="mode", required=True, metavar="{server,client}")

    server = modes.add_parser(
        "server", formatter_class=formatter, epilog=EPILOG,
        help="a reference server for your client (serves one client after another)",
        description="A reference server: serves one client after another, printing each conversation.")
    server.add_argument("--lesson", choices=list(SERVER_LESSONS), default="client_flow",
                        help="how to behave: client_flow (fixed reply, then FIN) or graceful_close "
                             "(wait for your FIN, reply reversed, then FIN); default: %(default)s")
    server.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    server.add_argument("--port", type=port_number, default=0,
                        help="port to listen on; 0 lets the kernel pick one (default)")
    server.add_argument("--timeout", type=positive_seconds, default=30.0, metavar="SECONDS",
                        help="how long to wait for a client's request before giving up (default: %(default)g)")
    server.set_defaults(run=run_server)

    client = modes.add_parser(
        "client", formatter_class=formatter, epilog=EPILOG,
        help="a reference client for your server (connects once)",
        description="A reference client: connects once to your server, sends a message, reads until FIN or RST.\n"
                    "Exit status: 0 if the server closed with FIN, 1 if not, 2 if it could not connect.")
    client.add_argument("--lesson", choices=list(CLIENT_LESSONS), default="server_flow",
                        help="how to behave: server_flow (send, read the echo until FIN) or graceful_close "
                             "(send, shutdown(SHUT_WR), read the reply until FIN); default: %(default)s")
    client.add_argument("--host", default="127.0.0.1", help="your server's address (default: %(default)s)")
    client.add_argument("--port", type=server_port, required=True, help="your server's port (1 to 65535)")
    what = client.add_mutually_exclusive_group()
    what.add_argument("--message", metavar="TEXT", help="send this text, encoded as UTF-8")
    what.add_argument("--hex", type=hex_bytes, metavar="HEX", help="send these bytes, e.g. '48 69 00 ff'")
    client.add_argument("--timeout", type=positive_seconds, default=10.0, metavar="SECONDS",
                        help="how long to wait for the server to connect, reply and close (default: %(default)g)")
    client.set_defaults(run=run_client)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:  # Ctrl-C: every socket was closed by its `with` on the way out
        if sys.stdout.isatty():
            say()  # past the ^C the terminal echoed
        event("stopped")
        return 0


if __name__ == "__main__":
    sys.exit(main())
