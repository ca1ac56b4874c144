"""Lesson 7, threaded_server: serve_clients(port, host, count) -> int, one thread per client.

One scenario (`graders.clients.Crowd`) is played once per run against the
student's server, with four reference clients at once on a port the grader
first leaves in TIME_WAIT: A and C hold idle halfway through a line, B gets
one reply and holds mid-line, and D, the fourth and last, must be served
meanwhile (a sequential server or a pool of fewer than four threads cannot
answer it, every time). B then resets, and A and C must still be answered.
Each check below judges one behaviour of that scenario.
"""

from __future__ import annotations

from graders import clients, kernel
from graders import messages as text
from graders.checks import expect_sockets_closed, fail
from graders.clients import Crowd
from graders.harness import Run
from graders.protocol import ClientProtocol

LESSON = "threaded_server"
FUNCTION = "serve_clients"

# The reference client as `nox -s peer -- client --lesson threaded_server` runs it by hand: one client
# of the crowd, its lines in one piece, then FIN; it expects each line reversed, then the server's FIN.
PEERS = [ClientProtocol(FUNCTION, clients.BY_HAND_LINES, half_close=True, expected=clients.replies,
                        expected_text="BYHAND_LINES_REVERSED", waiting="BYHAND_WAIT_LINES_FIN")]


def crowd(run: Run) -> Crowd:
    return run.once((LESSON, FUNCTION), lambda: Crowd(run, LESSON, FUNCTION, flood=False))


def test_threads_listen_on_a_port_in_time_wait(run: Run) -> None:
    """listens on its port while an old connection there is in TIME_WAIT."""
    crowd(run).reached("listen")


def test_threads_serve_a_client_while_others_idle_mid_line(run: Run) -> None:
    """serves a client while the others are idle in the middle of a line."""
    crowd(run).reached("served")


def test_threads_run_each_client_in_a_thread(run: Run) -> None:
    """serves its clients from more than one thread."""
    talk = crowd(run)
    talk.reached("served")
    if kernel.AVAILABLE and talk.max_threads <= talk.threads_before:
        fail(text.CROWD_ONE_THREAD.format(count=talk.count), talk.timeline)


def test_threads_reply_to_each_line_reversed(run: Run) -> None:
    """answers every line at once, reversed, its newline kept at the end."""
    talk = crowd(run)
    talk.reached("served")
    for client in talk.clients.values():
        if client.wrong:
            fail(client.wrong, talk.timeline)
    talk.reached("finished")
    for client in talk.clients.values():
        if client.wrong:
            fail(client.wrong, talk.timeline)


def test_threads_close_each_connection_after_its_eof(run: Run) -> None:
    """closes each client's connection (FIN) after that client's EOF."""
    talk = crowd(run)
    talk.reached("finished")
    for name in ("D", "A", "C"):
        end = talk.clients[name].end
        if end != "FIN":
            fail(text.CROWD_NO_FIN.format(client=name, end=text.END_NAME.get(end, text.NOTHING)), talk.timeline)


def test_threads_survive_a_client_that_resets(run: Run) -> None:
    """a client that resets ends only its own thread."""
    talk = crowd(run)
    talk.reached("closed")
    if talk.broken and talk.broken[0] == "reset":
        failure = talk.broken[1]
        fail(text.CROWD_RESET_BROKE.format(what=failure.message), talk.timeline)
    talk.reached("reset")
    expect_no_reset_crash(talk)


def expect_no_reset_crash(talk: Crowd) -> None:
    """The function must not raise because one client reset (a pool's future.result() re-raises it)."""
    talk.call.wait()
    error = talk.call.result.error if talk.call.result is not None else None
    if talk.call.status == "raised" and error is not None and error.is_a("ConnectionError"):
        failure = talk.call.failure(talk.timeline)
        raise failure.with_prefix(text.CROWD_RESET_CRASH.format(name=f"{talk.call.function}()", type=error.type))


def test_threads_close_the_listener_after_the_last_accept(run: Run) -> None:
    """closes the listener after the last accept (a further connect is refused)."""
    talk = crowd(run)
    talk.reached("listener")
    if talk.listener_open:
        fail(text.CROWD_LISTENER_OPEN.format(count=talk.count, host=talk.host, port=talk.port), talk.timeline)
    if kernel.AVAILABLE and talk.connect_after != "refused":
        fail(text.CROWD_NOT_REFUSED.format(host=talk.host, port=talk.port,
                                             what=clients.probe_result(talk.connect_after)), talk.timeline)


def test_threads_wait_for_every_thread_before_returning(run: Run) -> None:
    """waits for every client's thread before returning."""
    talk = crowd(run)
    talk.reached("joined")
    if talk.returned_early:
        fail(text.CROWD_NOT_JOINED.format(name=f"{FUNCTION}()", clients=" and ".join(talk.returned_early)),
             talk.timeline)


def test_threads_return_the_number_of_lines_answered(run: Run) -> None:
    """returns the number of lines answered, as an int."""
    talk = crowd(run)
    talk.reached("returned")
    expect_count(talk)


def expect_count(talk: Crowd) -> None:
    value = talk.call.returned(talk.timeline).value
    want = talk.lines_answered()
    detail = ", ".join(f"{name} {client.lines}" for name, client in talk.clients.items())
    if value.type != "int" or value.repr != str(want):  # ints cross the process boundary as repr()
        shown = repr(value.data) if value.data is not None else (value.repr or "?")
        fail(text.CROWD_COUNT.format(name=f"{talk.call.function}()", got=f"{shown} (of type {value.type})",
                                     want=want, detail=detail), talk.timeline)


def test_threads_close_every_socket(run: Run) -> None:
    """closes every socket it created."""
    talk = crowd(run)
    talk.reached("returned")
    expect_sockets_closed(talk.call, talk.timeline)

