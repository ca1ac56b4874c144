"""Lesson 7, threaded_server: serve_clients(port, host, count) -> int, one thread per client.

One scenario (`graders.engine.clients.Crowd`) is played once per run against the
student's server, with four reference clients at once on a port the grader
first leaves in TIME_WAIT: A and C hold idle halfway through a line, B gets
one reply and holds mid-line, and D, the fourth and last, must be served
meanwhile (a sequential server or a pool of fewer than four threads cannot
answer it, every time). Where the kernel can be seen, H1, one of the idle
clients, then sends a line, reads its reply and resets while its thread waits
in recv() (no reply left to send it): that reset is met by recv(), every time.
B then ends its line and resets while the grader
holds the server's process stopped (SIGSTOP), so the reply to that line can
never be sent and the line does not count; A and C must still be answered.
A's last words before its EOF are a line without b"\n": no reply to it, and it
does not count. Each client after A connects once the server is idle, so a
server that accepts fewer than `count` has closed its listener and refuses the
next one, every time. Each check below judges one behaviour of that scenario.

A client not served is told with where the server's main thread waited when
that is the cause (a join() in the accept loop, a pool's workers): from the
stack the student's process prints (faulthandler), its own word, which only
picks the hint; the verdict is the wire's.
"""

from __future__ import annotations

import ast

from graders.engine import kernel
from graders.engine.checks import expect_sockets_closed, fail, not_judged
from graders.engine.clients import Crowd
from graders.engine.harness import Run
from graders.lessons.peers_threaded_server import FUNCTION
from graders.text import messages as text

LESSON = "threaded_server"
LEFTOVERS_JUDGED_HERE = True  # its checks judge the server's threads themselves (plugin.pytest_pyfunc_call)


def crowd(run: Run) -> Crowd:
    return run.once((LESSON, FUNCTION), lambda: Crowd(run, LESSON, FUNCTION, flood=False))


def test_threads_listen_on_a_port_in_time_wait(run: Run) -> None:
    """listens on its host and port while an old connection there is in TIME_WAIT."""
    crowd(run).expect_listening()


def test_threads_serve_a_client_while_others_idle_mid_line(run: Run) -> None:
    """serves a client while the others are idle in the middle of a line."""
    crowd(run).reached("served")


def test_threads_run_each_client_in_a_thread(run: Run) -> None:
    """serves its clients from more than one thread.

    Judged from the kernel: the process's threads counted from /proc while the clients were connected, against
    those it had before; and, while client D waits between its pieces, which thread sleeps in a read of D's socket:
    not the main thread, the one that called the function (its thread id is the process's). Nothing of the
    student's own word (which thread it says serves whom) is taken."""
    talk = crowd(run)
    talk.reached("served")
    if not kernel.AVAILABLE:  # the threads are the kernel's count
        not_judged(talk.timeline, text.NOT_JUDGED_THREADS)
    if talk.max_threads <= talk.threads_before:
        fail(text.CROWD_ONE_THREAD.format(count=talk.count), talk.timeline)
    if talk.main_served:
        fail(text.CROWD_MAIN_THREAD_SERVED.format(client=talk.main_served, name=f"{talk.call.function}()"),
             talk.timeline)


def test_threads_sleep_while_every_client_is_idle(run: Run) -> None:
    """sleeps while every client is idle (no busy-waiting)."""
    crowd(run).expect_sleeps_when_idle()


def test_threads_reply_to_each_line_reversed(run: Run) -> None:
    """answers every line at once, reversed, its newline kept at the end."""
    crowd(run).expect_right_replies()


def test_threads_close_each_connection_after_its_eof(run: Run) -> None:
    """closes each client's connection (FIN) after that client's EOF."""
    crowd(run).expect_closed_after_eof(("D", "A", "C"))


def test_threads_survive_a_client_that_resets(run: Run) -> None:
    """a client that resets ends only its own thread.

    Two resets: H1's, met by recv() (its reply read, its thread back in recv(), the kernel's view), and B's, met by
    the send() of a reply (the server's process stopped meanwhile). The others must be served after both (the
    wire's). That a thread died of a reset is the student's process's own word (threading.excepthook), told as
    H1's when it printed then, before B's reset.
    """
    crowd(run).expect_reset_ends_one_client()


def test_threads_close_the_listener_after_the_last_accept(run: Run) -> None:
    """closes the listener after the last accept (a further connect is refused)."""
    crowd(run).expect_listener_closed()


def test_threads_wait_for_every_thread_before_returning(run: Run) -> None:
    """waits for every client's thread before returning."""
    talk = crowd(run)
    talk.reached("joined")
    if talk.returned_early:
        message = (text.CROWD_NOT_JOINED_ONE if len(talk.returned_early) == 1 else text.CROWD_NOT_JOINED).format(
            name=f"{FUNCTION}()", clients=text.and_list(talk.returned_early))
        if _joins_with_a_timeout(run):  # read, not run: the hint's word only
            message = message + "\n  " + text.JOIN_TIMEOUT_HINT
        fail(message, talk.timeline)
    talk.call.expect_joined(talk.timeline)  # a wait of its own (a counter, a Condition) is not a join()


def _joins_with_a_timeout(run: Run) -> bool:
    """The lesson's source calls join() with a timeout (join(0.5), join(timeout=...)): it returns when the time
    is up, whether or not the thread has ended."""
    try:
        tree = ast.parse(run.source(LESSON) or b"")
    except (SyntaxError, ValueError):
        return False
    # A number, or timeout=: not a string's join() of parts, nor os.path.join()
    return any(isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join"
               and (any(keyword.arg == "timeout" for keyword in node.keywords)
                    or (len(node.args) == 1 and isinstance(node.args[0], ast.Constant)
                        and isinstance(node.args[0].value, (int, float))))
               for node in ast.walk(tree))


def test_threads_return_the_number_of_lines_answered(run: Run) -> None:
    """returns the number of lines answered, as an int."""
    crowd(run).expect_count()


def test_threads_close_every_socket(run: Run) -> None:
    """closes every socket it created.

    Judged from the kernel once the function has returned (`checks.expect_sockets_closed`). Threads of its still
    running then (the kernel's list of its process's threads) that still hold sockets (its descriptors): told as
    sockets held by running threads, the join being judged by "waits for every client's thread"."""
    talk = crowd(run)
    talk.reached("returned")
    call = talk.call
    if call.status == "returned" and call.threads_left and call.open_inodes:
        fail(text.CROWD_SOCKETS_HELD_BY_THREADS.format(
            name=f"{FUNCTION}()", sockets=text.counted(text.SOCKETS, len(call.open_inodes)),
            threads=text.counted(text.MORE_THREADS, call.threads_left),
            title=text.CHECK_TITLES["test_threads_wait_for_every_thread_before_returning"]), talk.timeline)
    expect_sockets_closed(talk.call, talk.timeline)

