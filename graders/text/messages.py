"""Every text the student reads, in one place (English edition).

Graders never build student-facing sentences themselves: they format the
templates below, and read them as `messages.NAME` whatever the edition: it is
NAME in the edition COURSE_LANG selects, looked up in that edition's catalogue
(`graders/text/locale/<code>/LC_MESSAGES/course.po`, compiled to `.mo`; msgctxt the
name, msgid the English text below) when it is read (`graders/text/lang.py`). A
name an edition lacks shows in English, and `tests/test_editions.py` names it.
`tests/` match these names, not copies of the texts.

Templates say what the check did, what it expected, what it saw, and end
with one hint toward the lesson's idea.

Over 500 lines: a table of text, every template the student reads, not code.
"""

from __future__ import annotations

import functools
import os
import types

from graders.text import lang

# --------------------------------------------------------------------------- summary and report

OUTCOME_LABEL = {
    "passed": "PASS", "failed": "FAIL", "timeout": "HUNG", "slow": "SLOW", "not-implemented": "TODO",
    "error": "GRADER ERROR", "skipped": "SKIP", "not-judged": "NOT JUDGED", "not-run": "NOT RUN",
}
PROGRESS_HEADER = "Progress"
WHAT_WENT_WRONG = "What went wrong"
# Checks that failed with the same message as the one named above them: counted, not named (the list above
# names every check; it marks only those not run, NOT_RUN_*).
ALSO_FAILED = "... and {checks} of {lesson} failed for this same reason."
ALSO_NOT_RUN = (
    "... and {checks} of {lesson} were not run for this same reason (marked \"not run\" in the list above); "
    "they count as failed."
)
CHECK_HEADING = "{lesson}: {title}"  # after the outcome's label, in "What went wrong"
CHECK_LINE_MARKED = "{title}  {mark}"  # a check's line in the list, with its note (NOT_RUN_HUNG)
ON_THE_WIRE = "What happened on the wire:"
WIRE_ABOVE = "What happened on the wire: drawn above, under \"{title}\"."
SAME_CAUSE_ABOVE = ("The same mistake as under \"{title}\" above, in another conversation; each in full: "
                    "nox -s grade -- {lesson} --packets")
WIRE_NOT_DRAWN = ("What happened on the wire: not drawn here, to keep this report on one screen "
                  "(nox -s grade -- {lesson} --packets draws every conversation).")
WIRE_ABOVE_ALSO = "What happened on the wire: drawn above, under \"{title}\"; this check also saw:"
SAME_AS_ABOVE = "(the same as above)"
# {title} comes padded to TITLE_WIDTH terminal columns (lang.ljust: Chinese characters take two).
TITLE_WIDTH = 42
PROGRESS_LINE = "  {number}. {title} {passed:>2}/{total:<2} {state}"
STATE_DONE = "done"
STATE_STARTED = "in progress"
STATE_TODO = "not started"
# Every check passed that this system can judge; some need Linux's kernel view (outcome "not-judged").
STATE_UNJUDGED = "passes here, {count} not judged on this system"
NEXT_LESSON = "Next: lesson {number}, {title}. Read lessons/{text}, edit {module}, then run:\n    nox -s grade -- {lesson}{target}"
NOT_STARTED = "not started: read lessons/{text}, then edit {module}"
MODULE_FROM_STUB = "{module} (copy the stub there first: cp exercises/{lesson}.py {dest})"
PASSED_NEXT = (
    "Lesson {passed}: every check passes. Well done! Next: lesson {number}, {title}. Read lessons/{text}, edit "
    "{module}, then run:\n    nox -s grade -- {lesson}{target}"
)
PASSED_GRADE_ALL = (
    "Lesson {passed}: every check passes. Well done! To see every lesson of the course at once, run:\n    nox -s grade"
)
COURSE_FINISHED = (
    "Every lesson of the course passes: you have finished it. Well done! To keep what you learnt, talk to "
    "your own programs with the reference peer: nox -s peer -- server (or client)."
)
# The same, when some checks of those lessons were not judged on this system (they need Linux's kernel view).
PASSED_NEXT_UNJUDGED = (
    "Lesson {passed}: every check this system can judge passes; the others were not judged here (see below). "
    "Next: lesson {number}, {title}. Read lessons/{text}, edit {module}, then run:\n"
    "    nox -s grade -- {lesson}{target}"
)
PASSED_GRADE_ALL_UNJUDGED = (
    "Lesson {passed}: every check this system can judge passes; the others were not judged here (see below). "
    "To see every lesson of the course at once, run:\n    nox -s grade"
)
COURSE_FINISHED_UNJUDGED = (
    "Every check of the course that this system can judge passes; the others were not judged here (see below): "
    "grade on Linux, in WSL on Windows, or in the course's dev container for the full verdict."
)
PROGRESS_TITLE = "Your progress"
REGRADING = "Grading {lessons} again: changed since the last grade..."
COURSE_DONE = "Every lesson of the course passes. Well done!"
STUCK = "    Stuck? nox -s hint -- {lesson}   (one more hint each time you ask)"
HINT_FOR = "{lesson}: the first check that fails is \"{title}\"."
HINT_SAID = "  The grader said: {message}"
LESSON_CHECKLIST = "Keep in mind for {title}:"
CHECKLIST_ITEM = "  - {item}"
HINT_NOT_STARTED = (
    "{lesson} is not started yet, so there is no check to give a hint for (no hint was used up). Read "
    "lessons/{text}, write exercises/{lesson}.py following its TODO steps, then run:\n    nox -s grade -- {lesson}"
)
HINT_TODO = (
    "That function is still the stub (no hint was used up): follow the TODO steps in exercises/{lesson}.py, "
    "with lessons/{text} open beside it, then run:\n    nox -s grade -- {lesson}"
)
HINT_REPORTED = "  Its hint: {hint}"
HINT_LINE = "Hint {number}/{total}: {hint}"
HINT_MORE = (
    "Try it, then grade the lesson again:\n    nox -s grade -- {lesson}\n"
    "Still stuck after trying it? Ask again for the next hint:\n    nox -s hint -- {lesson}"
)
HINT_LAST = (
    "That is the last hint for this check. Re-read lessons/{text}, try again, and read the grader's "
    "whole message:\n    nox -s grade -- {lesson}"
)
HINT_NONE = "There is no hint for this check yet. Re-read lessons/{text}, then grade the lesson again:\n    nox -s grade -- {lesson}"
RESET_ASK = "Put the stub of {lesson} back in exercises/{lesson}.py? Your version is kept as {backup}. [y/N] "
RESET_DONE = "exercises/{lesson}.py is the stub again. Your version is in {backup}."
RESET_CANCELLED = "Nothing changed."
RESET_ALREADY = "exercises/{lesson}.py is already the untouched stub: nothing to reset."
HINT_ALL_PASS = "Every check of {lesson} passes: no hint needed."
GRADER_ERROR = (
    "The grader itself failed here; this is not your code's fault. "
    "Please report it with the text below.\n{details}"
)
WINDOWS = (
    "The grader runs your code in processes and watches its sockets the way Linux and macOS allow, which "
    "Windows does not. Please use WSL (Windows Subsystem for Linux): install it, open its terminal, and run "
    "nox -s grade there."
)
UNKNOWN_LESSON = "There is no lesson {name!r}. The lessons are: {known}"
UNKNOWN_LANG = "There is no edition {value!r} (asked for with --lang or COURSE_LANG). The editions are: {known}; English is the default"
NO_SUCH_FOLDER = "--target {path}: no such folder"
LESSON_HEADING = "Lesson {number}: {title} ({lesson})"
# pytest's last line ("3 passed, 1 failed in 0.52s"), by pytest's own words; used in other editions
# than English only (in English, pytest writes it itself).
SUMMARY_COUNT = {
    "passed": "{count} passed", "failed": "{count} failed", "error": "{count} error", "errors": "{count} errors",
    "skipped": "{count} skipped", "warning": "{count} warning", "warnings": "{count} warnings",
    "deselected": "{count} deselected",
}
# The run's last line: the checks counted by outcome, in the words of the per-check labels.
SUMMARY_OUTCOME = {
    "passed": "{count} passed", "failed": "{count} failed", "timeout": "{count} hung", "slow": "{count} slow",
    "not-implemented": "{count} to do", "error": "{count} grader errors", "skipped": "{count} skipped",
}
GRADING_STOPPED = "Stopped (Ctrl-C): nothing of this grading is left running. To grade again: {command}"
SUMMARY_SEP = ", "
SUMMARY_NOT_IMPLEMENTED = "{count} to do"  # the checks of untouched stubs, apart from the failures
SUMMARY_LINE = "{counts} in {seconds:.2f}s"
LESSON_ALL = "all lessons"

# --------------------------------------------------------------------------- command-line help

# argparse's own words, by its English text (argparse's own msgid): each edition translates every one.
ARGPARSE: dict[str, str] = {text: text for text in (
    "usage: ", "positional arguments", "options", "optional arguments", "show this help message and exit",
    "%(prog)s: error: %(message)s\n", "the following arguments are required: %s", "unrecognized arguments: %s",
    "expected one argument", "argument %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)", "invalid %(type)s value: %(value)r",
    "not allowed with argument %s",
)}
HELP_LESSONS = "lessons to grade (default: all)"
HELP_TARGET = "folder of modules to grade (default: exercises)"
HELP_JSON = "write results as JSON to this file"
HELP_HINT = "The next hint for a lesson's first failing check."
HELP_HINT_LESSON = "the lesson (default: the first one not done)"
HELP_RESET = "Put a lesson's stub back, keeping your version as a backup."
HELP_RESET_LESSON = "the lesson whose stub to restore"
HELP_YES = "do not ask"
RESET_YES = "y yes"  # the answers that mean yes, separated by spaces
HELP_WATCH = "Re-grade a lesson each time its file is saved."
HELP_WATCH_LESSON = "the lesson to watch (default: every lesson)"
HELP_WATCH_TARGET = "folder of modules to watch and grade (default: exercises)"
HELP_INTERVAL = "seconds between two looks at the files (default: {interval})"

# --------------------------------------------------------------------------- what the student's tools end with

HELP_PROGRESS = "Each lesson's state, what to do next, and the command for it."
COURSE_DONE_NEXT = "To see every check again, with its report:\n    nox -s grade"
RESET_NEXT = "Start it again: read lessons/{text}, edit exercises/{lesson}.py, then run:\n    nox -s grade -- {lesson}"
RESET_KEPT_NEXT = "To grade your version as it is:\n    nox -s grade -- {lesson}"
RESET_WHICH = "Name the lesson whose stub to put back, e.g.:\n    nox -s reset -- {example}"
HINT_WHICH = "Ask for a lesson's hint by its name, e.g.:\n    nox -s hint -- {example}"

# --------------------------------------------------------------------------- setup (the noxfile)

VENV_MAKING = (
    "Making the course's virtual environment in {path}, once (a few seconds): grade, progress, hint, watch "
    "and peer all use it."
)

PYTEST_HEADER = (
    "These are the graders' own tests, for the course's maintainers (minutes of work). "
    "To grade your exercises, press Ctrl-C and run: nox -s grade"
)

RUN_FROM_ROOT = (
    "nox runs the course's sessions from the course's root folder ({root}), not from {here}/. Run:\n"
    "    cd .. && {command}"
)

# --------------------------------------------------------------------------- watch mode

WATCH_ONE = "Watching {path}: save it to re-grade. Ctrl-C to stop."
WATCH_ALL = "Watching {path} ({count} lessons): save a lesson's file to re-grade it. Ctrl-C to stop."
WATCH_STATUS = "[{when}] {label}: {outcome}. Waiting for your next save..."
WATCH_PASSED = "{passed}/{total} passed"
WATCH_GRADER_FAILED = "the grader did not finish (exit status {code}), see above"
WATCH_STOPPED = "Stopped watching."
WATCH_BAD_INTERVAL = "--interval must be a positive number of seconds."

# --------------------------------------------------------------------------- nox -s peer (a reference peer by hand)

BYHAND_WHO = {"client": "client", "server": "server"}
BYHAND_WAIT_MESSAGE = "still waiting for your message: did your code send() it?"
BYHAND_WAIT_REQUEST_FIN = "still waiting for your FIN: did you call shutdown(SHUT_WR)?"
BYHAND_WAIT_ECHO_FIN = "still waiting for the server's FIN: does your server close() the connection after sending?"
BYHAND_WAIT_REPLY_FIN = "still waiting for the server's FIN: does your server read until EOF, reply, then close()?"
BYHAND_WAIT_LINES_FIN = (
    "still waiting for the server's FIN: does your server close a client's connection once recv() returns b\"\"?"
)
BYHAND_ECHOED = "the message echoed back"
BYHAND_REVERSED = "the message reversed"
BYHAND_LINES_REVERSED = "each line reversed, its newline kept at the end"
BYHAND_BYTE = "{n} byte"
BYHAND_BYTES = "{n} bytes"
BYHAND_MORE = "{data}... ({more})"  # more: counted(MORE_BYTES, n)
BYHAND_CUT = "{data}..."  # cut where its length is said right after it
BYHAND_RESET = "{who} reset the connection (RST)"
BYHAND_RECV_FAILED = "recv() failed: {error}"
BYHAND_PAUSE = "nothing more for {pause:g} s: that is the whole message"
BYHAND_GIVE_UP = "nothing from the {who} for {timeout:g} s: giving up"
BYHAND_GOT_FIN = "{who} sent FIN (recv() returned b'')"
BYHAND_RECEIVED = "received {count}: {data}"
BYHAND_SEND_RESET = "could not send: the {who} reset the connection (RST)"
BYHAND_SEND_FAILED = "could not send: {error}"
BYHAND_SENT = "sent {count}: {data}"
BYHAND_SHUTDOWN_FAILED = "shutdown(SHUT_WR) failed: {error}"
BYHAND_SENT_FIN = "sent FIN (shutdown SHUT_WR)"
BYHAND_SHUTDOWN_GONE = (
    "could not send FIN: the {who} had already closed its socket, without reading what we sent, and its "
    "kernel answered with RST: there is no connection left to end. Does your code recv() before close()?"
)
BYHAND_CLIENT_LEFT = (
    "the client closed the connection without sending anything: no reply to send. Did your code call "
    "send() (or sendall()) before close()?"
)
BYHAND_SEND_STUCK = (
    "could not send within {timeout:g} s: the {who} stopped reading, and its receive buffer and our send "
    "buffer are full"
)
BYHAND_REJECTION = "the rejection"
BYHAND_SENT_UPLOAD = "sent {count}: the header line {header} and {body} of body right behind it"
BYHAND_SENT_BODY = "sent {count}: the rest of the body"
BYHAND_WAIT_REJECTED = "still waiting for b'REJECTED\\n': does your server reply as soon as it has read the header line?"
BYHAND_NO_REJECTED = "no b'REJECTED\\n' line from the server within {timeout:g} s: giving up"
BYHAND_WAIT_REJECT_FIN = (
    "still waiting for the server's FIN: does your server shutdown(SHUT_WR) right after its reply, "
    "before it reads the rest of the body?"
)
BYHAND_NO_REQUEST_FIN = "no FIN from the client within {timeout:g} s: giving up (a request ends with shutdown(SHUT_WR))"
BYHAND_NO_CLIENT_FIN = "no FIN from the client within {timeout:g} s: did your code close() its socket?"
BYHAND_NO_SERVER_FIN = "no FIN from the server within {timeout:g} s: giving up"
BYHAND_CANNOT_LISTEN = "cannot listen on {address}: {error}"
BYHAND_SERVER_BANNER = (
    "Reference server (lesson {number}, {lesson}) listening on {address}. "
    "Point your code at it, e.g. {call}(\"{host}\", {port}, b\"hello\"). Ctrl-C to stop."
)
BYHAND_CLIENT_CONNECTED = "client {address} connected"
BYHAND_CLOSED = "closed"
BYHAND_PACKETS_OFF = "(packets: not shown here: {reason}; as root on Linux, each conversation's packets follow it)"
BYHAND_STOPPED = "stopped"
BYHAND_REPLY_OK = "Reply: {count}, {expected}, as {call} should send."
BYHAND_REPLY_WRONG = "Reply: {got} ({count}); {call} should send {expected}: {want} ({want_count})."
BYHAND_END_FIN = "The server closed the connection with FIN, as it should."
BYHAND_END_RST = (
    "The server reset the connection (RST) instead of closing it with FIN: the kernel sends RST "
    "when a socket is closed with unread data in its receive queue."
)
BYHAND_END_TIMEOUT = "The server did not close the connection within {timeout:g} s."
BYHAND_END_FAILED = "The connection failed before the server closed it."
BYHAND_CLIENT_BANNER = (
    "Reference client (lesson {number}, {lesson}) for {call}({port}, \"{host}\"{more}): start your server first. Ctrl-C to stop."
)
BYHAND_CONNECTING = "connecting to {address}"
BYHAND_REFUSED = "nothing listens on {address}: is your server running, on that port?"
BYHAND_CANNOT_CONNECT = "cannot connect to {address}: {error}"
BYHAND_CONNECTED = "connected to server {address} (from {local})"
BYHAND_NOT_A_PORT = "{text!r} is not a port ({lowest} to 65535)"
BYHAND_NOT_POSITIVE = "{text}: a time must be more than 0 seconds"
BYHAND_NOT_HEX = "not hex: {text!r} ({error})"
BYHAND_DESCRIPTION = "Run a reference peer by hand and watch the conversation with your code on the wire."
BYHAND_SERVER_HELP = "a reference server for your client (serves one client after another)"
BYHAND_SERVER_DESCRIPTION = "A reference server: serves one client after another, printing each conversation."
BYHAND_SERVER_LESSON = (
    "how to behave: client_flow (fixed reply, then FIN), graceful_close "
    "(wait for your FIN, reply reversed, then FIN) or timeouts (seven servers at once for first_reply(), "
    "one of each kind lesson 6's grader uses: refusing, silent, trickling, resetting, slow, good, deaf; "
    "on ports the kernel picks); default: %(default)s"
)
BYHAND_SERVER_HOST = "address to listen on (default: %(default)s)"
BYHAND_SERVER_PORT = "port to listen on; 0 lets the kernel pick one (default)"
BYHAND_SERVER_TIMEOUT = "how long to wait for a client's request before giving up (default: %(default)g)"
BYHAND_CLIENT_HELP = "a reference client for your server (connects once)"
BYHAND_CLIENT_DESCRIPTION = (
    "A reference client: connects once to your server, sends a message, reads until FIN or RST.\n"
    "Exit status: 0 if the server closed with FIN, 1 if not, 2 if it could not connect."
)
BYHAND_CLIENT_LESSON = (
    "how to behave: server_flow (send, read the echo until FIN), graceful_close "
    "(send, shutdown(SHUT_WR), read the reply until FIN), reject_and_drain (lesson graceful_close's "
    "upload: a header line and a large body, read b'REJECTED\\n' and the server's FIN or RST), "
    "threaded_server or event_loop (send lines, shutdown(SHUT_WR), read each line reversed until FIN); "
    "default: %(default)s"
)
BYHAND_CLIENT_HOST = "your server's address (default: %(default)s)"
BYHAND_CLIENT_PORT = "your server's port (1 to 65535)"
BYHAND_MESSAGE = "send this text, encoded as UTF-8 (reject_and_drain: the header line)"
BYHAND_HEX = "send these bytes, e.g. '48 69 00 ff'"
BYHAND_CLIENT_TIMEOUT = "how long to wait for the server to connect, reply and close (default: %(default)g)"
# Lesson 6's reference servers by hand (--lesson timeouts): six at once, each line of the transcript after
# the name of its server (BYHAND_TIMEOUTS_WHO, with SERVER_KINDS' words).
BYHAND_TIMEOUTS_BANNER = (
    "Reference servers (lesson {number}, {lesson}): {count} at once, one of each kind the grader uses, each serving "
    "one client after another. Ctrl-C to stop."
)
BYHAND_TIMEOUTS_SERVER = "  {index}. {kind}  {address}  {does}"
BYHAND_TIMEOUTS_DOES = {
    "refusing": "a port held by a socket that does not listen: connect() is refused at once, and nothing of it "
                "shows below",
    "silent": "reads your request, then says nothing",
    "trickling": "reads your request, then sends one byte every {every:g} s, forever",
    "resetting": "reads your request, sends half its reply, then resets the connection (RST)",
    "slow": "reads your request, answers in {pieces} pieces {apart:g} s apart, then FIN: in time for a "
            "{timeout:g} s timeout",
    "good": "reads your request, answers at once, then FIN",
    "deaf": "listens, but its accept queue is full: your SYN is dropped, connect() never completes, and your client "
            "must give up at its deadline",
}
BYHAND_TIMEOUTS_TRY = (
    "Try your first_reply() on all {count}, in this order, with the grader's timeout ({timeout:g} s): it should "
    "return ({index}, {reply}), server {index}'s reply (each reply names its server). Drop or reorder servers "
    "to try others:\n    {command}"
)
BYHAND_TIMEOUTS_NO_KERNEL = (
    "This system does not show when your client closes its socket (Linux's /proc does): a server that waits "
    "for it waits {timeout:g} s."
)
BYHAND_TIMEOUTS_NO_PORT = "--lesson timeouts starts {count} servers, on ports the kernel picks: it takes no --port"
BYHAND_TIMEOUTS_WHO = "server {index} ({kind}): "
BYHAND_TIMEOUTS_CLOSED_UNENDED = (
    "that FIN came from close(), not shutdown(SHUT_WR): your client gave up before it ended its request, and "
    "no server answers a request that never ended"
)
BYHAND_TIMEOUTS_SILENT = "says nothing: no answer, no FIN, until your client gives up"
BYHAND_TIMEOUTS_GAVE_UP = (
    "your client gave up and closed its socket {after:.3f} s after connecting (the grader allows {timeout:g} s, "
    "and {slack:g} s more on a busy machine)"
)
BYHAND_TIMEOUTS_TRICKLING = "sends one byte every {every:g} s, until your client leaves"
BYHAND_TIMEOUTS_STILL_TRICKLING = "still trickling: {count} sent so far"
BYHAND_TIMEOUTS_TRICKLE_END = (
    "your client left {after:.3f} s after connecting; {count} trickled out in all (the grader allows {timeout:g} s, "
    "and {slack:g} s more on a busy machine)"
)
BYHAND_TIMEOUTS_RST = "closed with SO_LINGER 0: the kernel sent RST, and the rest of the reply and FIN never come"
BYHAND_TIMEOUTS_LEFT_SLOW = (
    "your client closed its socket {after:.3f} s after connecting, before the rest of the reply: a pause is not "
    "the end of a reply, only FIN is"
)
BYHAND_TIMEOUTS_CLOSED = "your client closed its socket, {after:.3f} s after connecting"
BYHAND_TIMEOUTS_DEAF_SYN = "client {address} is connecting: its SYN is dropped, no SYN+ACK will come"
BYHAND_TIMEOUTS_DEAF_GAVE_UP = (
    "your client gave up connecting {after:.3f} s after its SYN was seen (the grader allows {timeout:g} s, and "
    "{slack:g} s more on a busy machine)"
)
BYHAND_TIMEOUTS_DEAF_STILL = "your client is still connecting {timeout:g} s later: a connect() without a timeout waits minutes"
BYHAND_TIMEOUTS_STILL_OPEN = "your client's socket is still open {timeout:g} s later: closing this end"
BYHAND_EPILOG = """\
examples (with nox: nox -s peer -- ARGS):
  python -m graders.tools.peer server
      a server for your client_flow request(); call it with the PORT it prints, e.g.
      python -c 'import sys; sys.path.insert(0, "exercises"); import client_flow; print(client_flow.request("127.0.0.1", PORT, b"hi"))'
  python -m graders.tools.peer server --lesson graceful_close --port 5000
      a server for your request_and_half_close("127.0.0.1", 5000, ...)
  python -m graders.tools.peer server --lesson timeouts
      seven servers for your first_reply(), one of each kind (refusing, silent, trickling, resetting, slow,
      good, deaf); it prints their ports and a call to paste, e.g. on the silent server's PORT1 and the good one's PORT5
      python -c 'import sys; sys.path.insert(0, "exercises"); import timeouts; print(timeouts.first_reply([("127.0.0.1", PORT1), ("127.0.0.1", PORT5)], b"hi", {timeout:g}))'
  python -m graders.tools.peer client --port 5000
      talk to your serve_once(5000), started first in another terminal
  python -m graders.tools.peer client --lesson graceful_close --port 5000 --hex '00 ff 41'
      send three bytes to your serve_one_request(5000), then shutdown(SHUT_WR)
  python -m graders.tools.peer client --lesson reject_and_drain --port 5000
      upload to your reject_and_drain(5000): does b'REJECTED\\n' come back, then FIN, not RST?
"""

# --------------------------------------------------------------------------- the wire diagram (timeline)

# The two columns' headings, and the reference peer's names.
TL_YOUR_CODE = "your code"
# A long conversation's middle, counted in one line of the diagram (ASCII: aligned in every terminal).
TL_MORE_EVENTS = "... {count} more lines of this conversation (--packets draws them all) ..."
PEER_REFERENCE = "reference peer"
PEER_SERVER = "reference server"
PEER_CLIENT = "reference client"
PEER_CLIENTS = "reference clients"  # lessons 7 and 8: several at once, each line named A, B, ...
CLIENT_LINE = "{client}: {line}"  # a line of the wire diagram, by one of those clients
# FIN and RST as drawn (and as written into messages about how a connection ended).
END_NAME = {"FIN": "FIN", "RST": "RST"}
NOTHING = "nothing"
SECOND_CALL_WRONG = (
    "Called a second time in the same process, as a program may call it again and again, {name} returned {got} "
    "instead of {want}{carried}. Its first call, on a connection of its own, was served in full as in the checks above.\n"
    "  Hint: something your function keeps from one call to the next carried over: a mutable default argument "
    "(def f(..., chunks=[]) makes one list, shared by every call) or a module-level variable. Make each buffer "
    "and each count inside the function, at each call."
)
SECOND_CALL_CACHED = (
    "Called a second time in the same process with the same arguments, {name} returned {got}, the first call's "
    "reply, without asking the server again: the server was waiting for a connection that never came, and would "
    "have answered otherwise this time.\n"
    "  Hint: a request over the network must go over the network each time: do not keep replies for later calls "
    "(functools.lru_cache or functools.cache on the function, a dict of earlier replies)."
)
SECOND_CALL_NOT_SERVED = (
    "Called a second time in the same process with the same arguments, {name} returned {got}, the first call's "
    "message, without listening again: the reference client waited for a listening socket on the port, to send a "
    "different message, and none came.\n"
    "  Hint: a server must serve a client at each call: do not keep results for later calls (functools.lru_cache "
    "or functools.cache on the function, a dict of earlier messages)."
)
SECOND_CALL_ECHO = (
    "Called a second time in the same process, {name} sent {got} back to its client instead of {want}, the message "
    "that client sent{carried}. Its first call, on a connection of its own, was served in full as in the checks "
    "above.\n"
    "  Hint: something your function keeps from one call to the next carried over: a mutable default argument "
    "(def f(..., chunks=[]) makes one list, shared by every call) or a module-level variable. Make each buffer "
    "inside the function, at each call."
)
SECOND_CALL_RAISED = (
    "(This was {name}'s second call in the same process, as a program may call it again and again; its first, on "
    "a connection of its own, was served in full. Something kept from the first call made this one fail, such as "
    "a socket kept in a module-level variable and closed at the first call's end: make every socket inside the "
    "function, at each call.)"
)
SECOND_CALL_ADDRESS_IN_USE = (
    "Called a second time in the same process, with the same port, {name} raised OSError: Address already in "
    "use: its bind() was refused. Its first call, on a connection of its own, was served in full and closed first, "
    "so that connection waits in TIME_WAIT on this port, and Linux lets a new listener bind() there only if it has "
    "SO_REUSEADDR.\n"
    "  Hint: set SO_REUSEADDR on the listening socket, right after socket() and before its bind(), at every call. "
    "An option belongs to one socket, not to the port or the process: set on the connection accept() returns, or "
    "on the first call's listener alone, it leaves this listener without it."
)
SECOND_CALL_CARRIED = ": the first call's {what} is in it"
SECOND_CALL_COUNTED = ": the first call's {first} lines counted too"
TL_CALLED_AGAIN = (
    "{name} was called once before in this process, on a connection of its own, served in full; this is its "
    "second call"
)
TL_EMPTY_MESSAGE = (
    "{name} called with an empty message, b\"\": a request all the same (connect, send nothing, read the reply, "
    "close)"
)
MESSAGE_WORD = "message"  # what SENDALL_GIVEN_PART_HINT says was given in part
REPLY_WORD = "reply"
DATA_WORD = "data"
STATE_GONE = "gone"
STATE_NAMED = "{state}"  # a TCP state by its name, as the kernel calls it; the Chinese edition adds its verb
TL_CONNECT_FROM = "connect from port {port}"
TL_ACCEPT = "accept"
TL_CONNECT_TO = "connect to {host}:{port}"
TL_ACCEPT_HANDSHAKE = "accept (handshake done)"
TL_SEND = "send {data}"  # one send() of the reference peer's
# What the student's code sent, as one read of the peer's took it: one send() of the code's, several, or part of one
# (the wire keeps no send() boundaries: two replies sent apart may be read together), never drawn as one send().
TL_SENT_READ = "sent {data}, read at once"
TL_PIECE = "piece {number}/{count}: {label}"
TL_FIN_SHUTDOWN = "FIN (shutdown SHUT_WR)"
TL_CLOSE = "close"
TL_END_KILLED = "{end}: the grader stopped your process, and the kernel closed its socket (not your code's doing)"
TL_END_GIVEN = "{end}: the grader closed the socket it had given {name}, once the function was done"
TL_LISTENS_ON = "your server listens on {address}"
TL_RETURNED = "{name} returned {value}"
TL_SERVER_STATE = "the server's end of the connection is now {state}"
BYTES_SHOWN = "{data} ({count} bytes)"
BYTE_SHOWN = "{data} ({count} byte)"  # one byte
MS_TIMES = "{ms:.0f} ms"
TIMES_AND = " and "

# --------------------------------------------------------------------------- how a call went wrong

NOT_IMPLEMENTED = "{name} is not implemented yet (it raises NotImplementedError). Open exercises/{module}.py and follow its TODO steps."
MISSING_MODULE = "There is no file {path}. Each lesson is one file named after it."
SYNTAX_ERROR = "Python could not read {module}.py: it has a syntax error."
IMPORT_ERROR = "Importing {module}.py failed before any function could run:"
MISSING_FUNCTION = (
    "MISSING FUNCTION: {module}.py has no function {name}. Did you misname it or forget to define it? "
    "Names it defines: {names}."
)
RAISED = "{name} raised {type}:"
EXITED = "{name} ended the whole process (sys.exit / SystemExit with code {code}) instead of returning:"
DIED = "The process running {name} {how} before the function returned (os._exit, a crash, or a signal)."
HOW_CLOSED_CHANNEL = "closed its result channel"
HOW_SIGNAL = "was killed by signal {signal}"
HOW_KILLED = "was killed by the kernel (SIGKILL)"
KILLED_HINT = (
    "  Hint: the kernel ends a process with SIGKILL when it uses more memory than the machine or its container "
    "allows (a call may use at most {memory} MiB here), or more CPU time than its limit. Does your code keep "
    "everything it receives, or build something huge?"
)
HOW_EXIT = "exited with status {code}"
REPORT_TOO_BIG = (
    "wrote {size} bytes on the grader's result channel (more than {cap} MiB: no report of the grader's own is that "
    "big; something in your code wrote there), so it was stopped"
)
REPORT_MALFORMED = (
    "wrote something on the grader's result channel that is not a report of the grader's own (your code wrote "
    "there), so it was stopped"
)
SYMLINK_REFUSED = (
    "{path} is a symbolic link. The grader takes only real lesson files from a submission, never a link to "
    "another file: copy the code into this file."
)
FILE_REFUSED = "{path} could not be taken as a lesson file ({why}). Each lesson is one ordinary .py file."
FORKSERVER_GONE = (
    "The process that starts your code for the grader was killed or stopped, twice in a row. Only code that "
    "runs as you can do that: does your code kill or stop other processes (os.kill, os.killpg, signals to "
    "its parent)? ({why})"
)
THREADS_UNJOINED = (
    "{name} {ended} without a join() of each thread it started ({where}). This time each had ended first, but "
    "only join() waits until a thread has ended: a thread that says it is done (a counter, an Event, a "
    "Condition, a queue) still runs after saying so, and on another run, or on a busier machine, it is still "
    "running when the function returns.\n"
    "  Hint: join() every thread you start before the function returns (an executor: leave its with-block, "
    "or call shutdown(wait=True)).\n"
    "  (Seen by your own process: the grader records the threads your code starts and the join() calls that "
    "see them end.)"
)
ENDED_RETURNED = "returned"  # how a function ended, in THREADS_LEFT, CHILDREN_LEFT and THREADS_UNJOINED
ENDED_RAISED = "raised {type}"
LINE_OF_FILE = "started at line {line} of {file}"
CHILDREN_LEFT = (
    "{name} {ended} while {processes} it started had not been waited for (seen in the kernel's list of your "
    "call's processes): still running, or ended and never reaped. A function must finish its work before it "
    "returns.\n"
    "  Hint: wait for every child process you start: Process.join(), or os.waitpid() after os.fork()."
)
THREADS_LEFT = (
    "{name} {ended} with {threads} of yours still running (seen in the kernel's list of "
    "your process's threads). A function must finish its work before it returns.\n"
    "  Hint: join() every thread you start before the function returns (an executor: leave its with-block, "
    "or call shutdown(wait=True))."
)
JSON_INSIDE_TARGET = (
    "--json {path} is inside the folder being graded ({target}). Results are never written into a submission: "
    "choose a path outside it."
)
BAD_CALL_LIMIT = (
    "COURSE_CALL_LIMIT={value} is not a time limit: give the seconds a call of student code may take, "
    "a number from {low:g} to {high:g} (unset: 3)."
)
NEVER_RAN = (
    "This check never ran: the grading run was stopped before it got there (interrupted, or killed). "
    "It counts as failed. Run the grader again."
)
NEVER_RAN_GRADER_FAILED = (
    "This check never ran: the grader itself failed before it got there (its INTERNALERROR is above). That is not "
    "your code's fault: please report it to the course's maintainers. It counts as failed until it runs."
)
ISOLATION_LINE = "Isolation: {level} ({what})"
STDLIB_PRELOADED = (
    "Note: the student's uid cannot read this Python installation ({prefix}), and this machine allows no mount "
    "namespace to make it readable: the standard library's common modules were loaded before the student's code "
    "ran, and importing any other module fails. Install Python where every user can read it (e.g. /usr or "
    "/opt), or grade where bubblewrap runs."
)
ISOLATION_WHAT = {
    "full": "namespaces: a private network, a process namespace per call, the course hidden and read-only; "
            "an unprivileged uid; limits",
    "userns": "namespaces made without root: a private network, a process namespace per call, the course "
              "hidden and read-only; your uid without any privilege; limits",
    "uid": "an unprivileged uid, a process namespace per call or a subreaper, limits",
    "basic": "limits only: your code runs as you",
}
ISOLATION_BASIC_HINT = (
    "Your code ran without a sandbox, as you: it could reach your network and your files, and leave processes "
    "running. Install bubblewrap (sudo apt install bubblewrap; on Ubuntu 23.10 and later also give it the "
    "AppArmor profile shown in the README, \"Start here\") and grade again: your code then runs at the userns level, "
    "cut off from all of that."
)
REUSEPORT_USED = (
    "While the second run of your server listened on port {port}, the grader started a second server on the "
    "same port, and the kernel let it in: your listening socket has SO_REUSEPORT, which lets other programs "
    "share your port and take your clients. SO_REUSEPORT also lets a restart through TIME_WAIT, but it is "
    "not what this lesson asks for.\n"
    "  Hint: set SO_REUSEADDR (and not SO_REUSEPORT) before bind()."
)
HUNG = "{name} was still running after {limit} s, so it was stopped."
DEADLOCK_SEEN = (
    "  It could never have finished: the kernel showed your code waiting for data on a socket with nothing to "
    "read, and the reference peer waiting for your code. Nothing could change any more, so it was stopped at "
    "once, not after the {limit:.1f} s limit."
)
DEADLOCK_SEEN_ACCEPT = (
    "  It could never have finished: the kernel showed your code waiting in accept() on its listening socket, with "
    "no client in its queue and none to come (the reference clients had done their part). Nothing could change "
    "any more, so it was stopped at once, not after the {limit:.1f} s limit.\n"
    "    Hint: accept() only as many clients as your function serves (one, unless the lesson gives a count): a loop "
    "around accept() waits for a next client for ever."
)
DEADLOCK_SEEN_EOF = (
    "  It could never have finished: the kernel showed your code asleep in a wait to read a socket whose peer had "
    "already ended its side (its FIN had arrived: the socket was in CLOSE_WAIT, and a recv() on it would have "
    "returned b\"\" at once), and the reference peer waiting for your code. Only a wait that reports a socket once "
    "per arrival sleeps through that: epoll with EPOLLET (or EPOLLONESHOT, never armed again), once the reads of "
    "that event stopped before the EOF. Nothing could change any more, so it was stopped at once, not after the "
    "{limit:.1f} s limit.\n"
    "    Hint: after each edge-triggered event, call recv() until it raises BlockingIOError or returns b\"\"."
)
STUCK_AT = "  Your code was stuck here (innermost call last):"
MAIN_STUCK_AT = "  ...and the thread that called your function was here:"
SLOW = (
    "{name} was still busy after {limit:.1f} s: it was running on the CPU ({cpu:.1f} s of CPU time), not waiting "
    "for the network, so it was stopped. It is too slow, or it loops without end.\n"
    "  Hint: look at the loop where it was stopped (below): does each round do too much work (one byte at a "
    "time, or copying everything collected so far), or does it go on after recv() returned b\"\"?"
)
# SLOW, stopped in a send: the loop that sends, not one that receives, is the one to look at.
SLOW_SEND = (
    "{name} was still busy after {limit:.1f} s: it was running on the CPU ({cpu:.1f} s of CPU time), not waiting "
    "for the network, so it was stopped. It is too slow, or it loops without end.\n"
    "  Hint: look at the loop where it was stopped (below): does each round send only what is left, from where "
    "the last send() stopped, and does the count of bytes sent grow (sent += ...), so that the loop ends?"
)
# SLOW, and the replies on the wire were the right ones, then empty ones without end (lesson 5): {hint} says so
# (EMPTY_REPLIES_HINT), not a send loop's count.
SLOW_EMPTY_REPLIES = (
    "{name} was still busy after {limit:.1f} s: it was running on the CPU ({cpu:.1f} s of CPU time), sending one "
    "empty reply after another, so it was stopped. It loops without end.\n"
    "  {hint}"
)
STOPPED_AT = "  It was stopped here (innermost call last):"
HUNG_BEFORE = (
    "{name} already hung in the check \"{title}\" (its report is above), so this check did not wait for it "
    "again. Fix that first."
)
SLOW_BEFORE = (
    "{name} was already stopped as too slow in the check \"{title}\" (its report is above), so this check did "
    "not run it again. Fix that first."
)
IMPORT_HUNG_BEFORE = (
    "{module}.py already hung at import in the check \"{title}\" (its report is above): every function of it "
    "would, so this check did not wait again. Fix that first."
)
# The same, as a note after the check's title in the report's list of checks (its label stays FAIL: it counts
# as failed): the check was not run, because of an earlier one.
NOT_RUN_HUNG = "(not run: {name} already hung above)"
NOT_RUN_SLOW = "(not run: {name} was too slow above)"
NOT_RUN_IMPORT = "(not run: {module}.py already hung at import above)"
IMPORT_RUNNING = (
    "{module}.py was still running its own code at import, at line {line} ({source}), when the grader "
    "wanted to call {name}: a call at the top level of a module runs as soon as the module is imported, "
    "before any function is called.\n"
    "  Hint: delete that line (or move it under if __name__ == \"__main__\":). The grader calls your function "
    "itself, with the right arguments."
)
IMPORT_CALL_HINT = (
    "  Hint: line {line} calls a function at the top level of the module, so it ran on import, before the "
    "grader called anything. Delete that line (or move it under if __name__ == \"__main__\":)."
)
FLOODED = (
    "{name} printed more than {cap} MiB (a print() inside a loop?), so the grader cut its output off, and the "
    "print() that went over the limit failed ({error}). That failure is about printing, not about sockets.\n"
    "  Hint: take the print() out of the loop, or print one short summary at the end."
)
PRINTED_FIRST = "  Your code printed (the first lines):"
TIMELINE_STOPPED = "your code was stopped after {limit:.1f} s, stuck at {where}"
TIMELINE_DEADLOCK = "deadlock seen by the kernel, both sides waiting: your code was stopped after {seconds:.1f} s, stuck at {where}"
RETURNED_EARLY = "{name} returned while the reference peer was still waiting for {expected}"
PRINTED = "  Your code printed:"
PRINTED_BY_CALL = "-- {call} --"  # over one call's prints, where a check made several at once
OUTPUT_FLOOD = "  Your code printed more than {cap} MiB, so printing was cut off (print() then fails with 'File too large')."
MEANWHILE = "  Meanwhile the reference peer was waiting for {expected}"
PEER_STOPPED = (
    "the reference peer stopped sending: {left} of the {total} of this send never left it (your side was done)"
)
PEER_PAUSED_GAVE_UP = (
    "the reference peer paused here for {seconds} s, as a real peer may, and in the pause a timeout of your code's "
    "own ran out and your code stopped waiting. A timeout says only that nothing came for a while, not that the "
    "message (or the peer) is done: only the length, or EOF, says that. Hint: wait here with no timeout, or go on "
    "waiting when one runs out."
)
# A long hold (deadlock.hold_past_long_timer) out-waited a timer of the code's own of 2 s or more: that timer is named.
PEER_PAUSED_PAST_TIMER = (
    "the reference peer paused here for {seconds} s, as a real peer may, and in the pause your code's own timer of "
    "{timer} s (a timeout it set with settimeout(), say) ran out and your code stopped waiting. A timeout, however "
    "long, says only that nothing came for a while, not that the message (or the peer) is done: only the length, or "
    "EOF, says that. Hint: wait here with no timeout, or go on waiting when one runs out."
)
PEER_PAUSED_BEFORE_CONNECT = (
    "the reference client paused {seconds} s before connecting, as a client may come late, and in the pause a "
    "timeout of your server's own ran out (accept() with a timeout, say) and it stopped listening"
)
EXPECTED_CONNECT_AFTER_PAUSE = (
    "its client, which came a little late: a server waits for its client however long it takes (no timeout on "
    "accept(), nor on the recv() of the client's message)."
)
PEER_STALL_GAVE_UP = (
    "the reference peer stopped reading here for {seconds} s, as a busy peer may, and in the pause a timeout of "
    "your code's own ran out and your function ended (it returned or raised), its data not all sent"
)
PEER_NOT_SENT = "the reference peer did not send its next {total} (your side was done)"
PRINTED_CUT = "[... {size} bytes printed in all: the middle is cut, only the first and the last lines are shown ...]"
OUTPUT_CUT = "[... more output cut ...]"
NO_NAMES = "none"

EXPECTED_CONNECT = "your code to connect to it."
EXPECTED_CONNECT_EMPTY = (
    "your code to connect to it. This call's message was empty (b\"\"), and an empty message is still a request: "
    "the server has a reply for it. Connect, send nothing (sendall(b\"\") sends no byte), read the reply, close."
)
EXPECTED_LISTEN = "a server to listen on {host}:{port}, the address your function was given."
EXPECTED_YOUR_SEND = "your code to send, or to close its end of the connection (FIN)."
EXPECTED_READ_ALL = "your code to take in what the peer had sent."
# The peer sends in pieces, each once the one before was read: it was waiting for one piece, the rest not yet sent.
EXPECTED_PIECE_READ = ("your code to read piece {number} of {count}, {piece}, before it sent the next: the other "
                       "pieces had not been sent yet.")
EXPECTED_CLIENT_CLOSE = ("your code to close its end of the connection (FIN): the server had sent its whole reply and "
                         "closed its own end, so nothing more was to be sent or read.")
EXPECTED_ALL_ARRIVED = "your function to return: every byte it was given to send had arrived."
# ...and more bytes than that: the code sent some of them again (its count of bytes sent kept no total).
EXPECTED_MORE_ARRIVED = (
    "your function to return: it was given {total} to send, and {got} had arrived, more than that: your code "
    "sent some bytes again."
)
# The peer waited for the rest of the bytes the code was given to send, some of them arrived: {how} says where
# they differ from the bytes expected (received_versus), or that they are only their start.
EXPECTED_REST_WRONG_ARRIVED = (
    "the rest of the {total} your code was given to send. It had received {got}: {how}."
)
EXPECTED_RETURN_WRONG_ARRIVED = (
    "your function to return. It was given {total} bytes to send; the reference peer had received {got}: "
    "{how}."
)

WRONG_ADDRESS_ALL = (
    "Your server listens on {got}, that is on every network interface of the machine, but it was asked to "
    "listen on {want} only.\n  Hint: bind((host, port)) with exactly the host your function was given, not \"\"."
)
WRONG_ADDRESS_IPV6_HINT = (
    "Hint: that is an IPv6 socket (AF_INET6) on \"::\", which also takes IPv4 connections on every interface "
    "(dual stack). The lesson's server is IPv4: socket.socket(socket.AF_INET, socket.SOCK_STREAM), bound to the host "
    "you were given."
)
WRONG_DEFAULT_HOST = (
    "Called as serve_once({port}), without a host, your server listens on {got}: on every network interface of "
    "the machine, where anyone on the network can reach it. The default host in serve_once's signature is "
    "127.0.0.1.\n  Hint: keep host: str = \"127.0.0.1\" as the default; \"\" in bind() means every interface."
)
WRONG_ADDRESS = (
    "Your server listens on {got}, but it was asked to listen on {want}, so no client can reach it "
    "there.\n  Hint: bind((host, port)) with exactly the host and port your function was given."
)

ERROR_HINTS = {
    "AttributeError": "Hint: Python found no attribute of that name on that object: check the spelling on the line above (a module such as time or socket says what it has in its documentation).",
    "NameError": "Hint: Python found no variable or function of that name at that point: check its spelling on the line above, and that it was assigned before this line runs.",
    "ConnectionRefusedError": "Hint: 'connection refused' means nothing listens at that address. Connect to (host, port), the ones your function was given.",
    "UnicodeDecodeError": "Hint: the messages are bytes, not text. Never decode() them: send and return the bytes as they are.",
    "TypeError": "Hint: a call got an argument of the wrong kind or number: compare the line above with how the lesson calls it.",
    "ExceptionGroup": "Hint: an ExceptionGroup carries several exceptions at once (socket.create_connection(..., all_errors=True) raises one): `except OSError` does not catch it. Catch it with `except* OSError`, or leave out all_errors=True.",
    "BrokenPipeError": "Hint: that socket cannot send: either the other side has closed, or it is a listening socket, which only accepts. Send on the socket accept() returns.",
}
HINT_UDP = (
    "Hint: your code made a UDP socket (SOCK_DGRAM), which sends datagrams and never makes a connection: no TCP "
    "connection was ever made. TCP needs SOCK_STREAM: socket.socket(socket.AF_INET, socket.SOCK_STREAM)."
)
# BrokenPipeError where the wire shows the code's own FIN first (not the peer's close): its shutdown stopped it sending.
OWN_SHUT_WR_HINT = (
    "Hint: your own code ended its sending first: its FIN (shutdown(SHUT_WR)) went out while the other side "
    "had not closed. After shutdown(SHUT_WR) the socket can only receive, so a send() or sendall() on it raises "
    "BrokenPipeError. Send everything first, then shutdown(SHUT_WR)."
)
HINT_NOT_BYTES = "Hint: sockets send and receive bytes. Pass and return bytes objects unchanged; no str(), no encode() or decode()."
HINT_ADDRESS_TUPLE = "Hint: connect() and bind() take ONE argument, the address as a tuple: connect((host, port)) and bind((host, port)), with two pairs of parentheses."
WOULD_BLOCK_READ_HINT = (
    "Hint: a non-blocking socket (setblocking(False), or settimeout(0)) raises BlockingIOError instead of waiting "
    "when nothing has come yet (no data for recv(), no client for accept()). Unless your code first waits until a "
    "selector reports the socket readable, keep the socket blocking, or give it a real timeout."
)
HINT_WOULD_BLOCK = "Hint: a non-blocking socket raises BlockingIOError instead of waiting. sendall() on one raises it once the send buffer is full, after sending part of the data, and you cannot tell how much: call send() only when the selector reports the socket writable, and keep the bytes it did not take for the next time."
HINT_ACCEPT_PAIR = "Hint: accept() returns a pair, the new socket and the client's address: conn, address = listener.accept(). Then recv() and send() on conn."
# "Timeout value out of range" raised inside socket.create_connection(): the timeout it was given was negative.
CREATE_CONNECTION_TIMEOUT_HINT = (
    "Hint: the negative time went to socket.create_connection(..., timeout=...), whose settimeout() raised before "
    "it gave you a socket. Each server gets its own `timeout`, the one first_reply() was given: a variable "
    "overwritten with the time left (timeout = deadline - time.monotonic()) carries into the next server, whose "
    "deadline is then gone before it starts. Keep the parameter as it came, and put the time left in a name of "
    "its own."
)
ERRNO_HINTS = {
    "Timeout value out of range": "Hint: settimeout() was given a negative time: the deadline had already passed when your code computed the time left. When the time left is 0 or less, the deadline has passed: give up on that server instead of calling settimeout().",
    "Address already in use": "Hint: that address is taken: by an old connection in TIME_WAIT (a server sets SO_REUSEADDR on its listening socket, before bind(); socketserver: allow_reuse_address = True), or by another socket (a client does not bind() at all: connect() picks a free port itself).",
    "Transport endpoint is not connected": "Hint: the listening socket only accepts connections. Send and receive on the NEW socket that accept() returns.",
    "Bad file descriptor": "Hint: that socket was already closed. Close a socket only when you are done with it.",
    "EOF when reading a line": "Hint: your code called input(), but graded code gets no keyboard: it must not read from stdin.",
    "File too large": "Hint: your code printed too much; print less, or nothing, inside socket loops.",
    "Address family for hostname not supported": "Hint: the host you were given is an IPv4 address (127.x.y.z), and your socket is of another family (AF_INET6?): make it with socket.AF_INET.",
}


FRAME_LINE = "    {file}, line {lineno}, in {func}: {source}"


def frame_line(path: str, lineno: int, func: str, source: str) -> str:
    return _texts().FRAME_LINE.format(file=os.path.basename(path), lineno=lineno, func=func, source=source)


def and_list(items) -> str:
    """A list in a sentence, in the current edition: "A, B and C" ("A、B 和 C")."""
    texts, items = _texts(), list(items)
    return items[0] if len(items) == 1 else texts.LIST_SEPARATOR.join(items[:-1]) + texts.LIST_AND + items[-1]


def counted(forms: tuple[str, str], count: int) -> str:
    """A counted phrase: `forms` is a pair (for 1, for any other count) such as messages.SOCKETS, read in the
    current edition; the one that fits `count` is filled with it ("1 socket", "2 sockets"). An edition
    without plurals (Chinese) writes both forms the same."""
    return forms[0 if count == 1 else 1].format(count=count)


# Counted phrases for a template's placeholder (`counted`): (for 1, for any other count). A template never
# writes "socket(s)": tests/test_editions.py fails on one.
SOCKETS = ("{count} socket", "{count} sockets")
CHILD_PROCESSES = ("{count} child process", "{count} child processes")
MORE_THREADS = ("{count} more thread", "{count} more threads")
MORE_SOCKETS = ("{count} more socket", "{count} more sockets")
CHECKS = ("{count} check", "{count} checks")
MORE_CHECKS = ("{count} more check", "{count} more checks")
TIMES = ("{count} time", "{count} times")
RST_SEGMENTS = ("{count} RST segment", "{count} RST segments")
MORE_PACKETS = ("{count} more packet", "{count} more packets")
BYTES = ("{count} byte", "{count} bytes")
MORE_BYTES = ("+{count} more byte", "+{count} more bytes")
LINES = ("{count} line", "{count} lines")
REPLIES = ("{count} reply", "{count} replies")
PACKETS = ("{count} packet", "{count} packets")
CONNECTIONS = ("{count} connection", "{count} connections")


def error_lines(error) -> list[str]:
    """An exception from the student's code (a verdict.Error): their frames, then the exception."""
    if not error:
        return []
    lines = [frame_line(*frame) for frame in error.frames]
    lines.append(f"    {error.type}: {error.message}" if error.message else f"    {error.type}")
    return lines


# NameError (UnboundLocalError) for a name that an `except ... as NAME:` of the same function binds (read from the
# source): Python deletes that name when the except block ends.
EXCEPT_AS_CLEARED_HINT = (
    "Hint: {name} is the name of an `except ... as {name}:` in this function, and Python deletes that name when "
    "the except block ends (so that the exception and its traceback are freed): after the block, {name} no longer "
    "exists. To use the exception later, keep it in another variable inside the block (last_error = {name})."
)
SIGNATURE_HINT = (
    "Hint: the grader calls your function exactly as the lesson's contract says (see the stub's def line). "
    "Keep the function's name and parameters as they are in the stub."
)


# Exceptions whose message names their cause, whatever their type (TypeError covers arguments and bytes
# alike): fragment of the message -> the hint (a template: the verdict is then written from it).
_diagnosed = {
    "a bytes-like object is required": "HINT_NOT_BYTES",
    "takes exactly one argument": "HINT_ADDRESS_TUPLE",
    "address must be tuple": "HINT_ADDRESS_TUPLE",
    "'tuple' object has no attribute": "HINT_ACCEPT_PAIR",
    "Resource temporarily unavailable": "HINT_WOULD_BLOCK",  # BlockingIOError (EAGAIN): a non-blocking socket
}


OS_WRITE_HINT = (
    "Hint: os.write() on a socket's fileno() bypasses the socket object: a socket with a timeout is non-blocking "
    "underneath, so the write fails with BlockingIOError (EAGAIN) as soon as the send buffer is full, instead of "
    "waiting. Send with sock.send(), which keeps the socket's timeout, in a loop: each call may take only part."
)
TIMEOUT_ON_SEND_HINT = (
    "Hint: a timeout set with settimeout() bounds every call on that socket, send() and sendall() too: when the "
    "peer reads slowly, your send waits for room in its buffers and runs out of time. Do not set a timeout the "
    "contract does not ask for, or catch the error where you decide what it means."
)
TIMEOUT_ON_ACCEPT_HINT = (
    "Hint: accept() ran out of time: a timeout on the listening socket bounds every accept(), and "
    "socket.setdefaulttimeout() gives one to every socket made after it. A client may come after a quiet spell: "
    "a pause is not the end. Set no timeout on the listener (or catch the error and accept() again)."
)
MAKEFILE_UNFLUSHED_HINT = (
    "Hint: your code writes through a file made by makefile() and never calls flush(): what it wrote may still "
    "sit in that file's buffer, never sent, while it waits for the other side. Call f.flush() after writing what "
    "the other side needs now (or write with sendall() on the socket)."
)
NONE_ATTRIBUTE_HINT = (
    "Hint: the object on that line was None, not the one your code expected: a function that returns nothing (no "
    "return), a variable set to None and never given its object, or a method that changes its object in place and "
    "returns None (list.sort(), list.append())."
)
NONE_DATA_HINT = (
    "Hint: the object on that line was None, not the one your code expected: a function that returns nothing (no "
    "return), or a selector key's data: register() and modify() set key.data to None unless you pass data= (to "
    "change only the events, give modify() the same data again: sel.modify(sock, events, key.data))."
)
ALREADY_REGISTERED_HINT = (
    "Hint: a socket your code closed was still registered with the selector: close() does not unregister it, so "
    "the selector still holds it under its descriptor number, and the kernel gives that freed number to the next "
    "socket accept() returns. Call sel.unregister(sock) first, then sock.close()."
)
EBADF_ACCEPT_HINT = (
    "Hint: accept() was called on a listening socket your code had already closed: a closed socket that is still "
    "registered with a selector (or still in a list for select()) goes on being reported ready. Unregister it from "
    "the selector first, then close it."
)


ENOTCONN_SHUTDOWN_HINT = (
    "Hint: shutdown() on a connection that is over already (the other side reset it, or it never connected) "
    "raises OSError (Transport endpoint is not connected): catch OSError around that shutdown(), or just close() "
    "the socket."
)


def diagnosis(error):
    """The named hint (a template) for an exception whose message names its cause, or None."""
    if error.is_a("BlockingIOError") and error.frames and any(
            call in (error.frames[-1][3] or "") for call in (".recv(", ".recv_into(", ".recvfrom(", ".recvmsg(", ".accept(")):
        return _texts().WOULD_BLOCK_READ_HINT  # nothing had come yet: not the sendall() of HINT_WOULD_BLOCK
    for fragment, name in _diagnosed.items():
        if fragment in error.message:
            return getattr(_texts(), name)
    return None


def udp_hint() -> lang.Message:
    """HINT_UDP, indented as a hint under an exception, the verdict naming it."""
    hint = _texts().HINT_UDP
    return lang.Message("  " + hint, None, getattr(hint, "keys", ()))


def hint_for_error(error) -> str:
    """A hint for an exception from the student's code (a verdict.Error), or ""."""
    named, texts = diagnosis(error), _texts()
    if error.is_a("BlockingIOError") and error.frames and "os.write(" in (error.frames[-1][3] or ""):
        hint = texts.OS_WRITE_HINT  # a socket with a timeout is non-blocking underneath: the fd's own write
        return lang.Message("  " + hint, None, getattr(hint, "keys", ()))
    if named is not None:
        return "  " + named
    if error.type == "TypeError" and not error.frames:  # raised by the call itself: the signature
        return "  " + texts.SIGNATURE_HINT
    if "Bad file descriptor" in error.message and error.frames and ".accept(" in (error.frames[-1][3] or ""):
        hint = texts.EBADF_ACCEPT_HINT  # a listener closed, still registered: unregister before close
        return lang.Message("  " + hint, None, getattr(hint, "keys", ()))  # the verdict names its hint
    if error.type == "AttributeError" and "'NoneType' object has no attribute" in error.message:
        # not a misspelt name: a None where an object was expected (a selector's key.data, where the code selects)
        selects = any("select" in (frame[3] or "") or ".data" in (frame[3] or "") for frame in error.frames)
        hint = texts.NONE_DATA_HINT if selects else texts.NONE_ATTRIBUTE_HINT
        return lang.Message("  " + hint, None, getattr(hint, "keys", ()))
    if error.type == "KeyError" and "is already registered" in error.message:
        hint = texts.ALREADY_REGISTERED_HINT  # a socket closed while still registered: its number came back
        return lang.Message("  " + hint, None, getattr(hint, "keys", ()))
    if (error.is_a("TimeoutError") or error.type == "timeout") and error.frames and any(
            call in (error.frames[-1][3] or "") for call in (".sendall(", ".send(")):
        hint = texts.TIMEOUT_ON_SEND_HINT  # settimeout() bounds every call on the socket, sends too
        return lang.Message("  " + hint, None, getattr(hint, "keys", ()))
    if (error.is_a("TimeoutError") or error.type == "timeout") and error.frames and ".accept(" in (
            error.frames[-1][3] or ""):
        hint = texts.TIMEOUT_ON_ACCEPT_HINT  # a listener with a timeout (setdefaulttimeout): a pause taken for the end
        return lang.Message("  " + hint, None, getattr(hint, "keys", ()))
    if "not connected" in error.message and error.frames and ".shutdown(" in (error.frames[-1][3] or ""):
        hint = texts.ENOTCONN_SHUTDOWN_HINT  # a shutdown() of a reset connection, not a listener's recv()
        return lang.Message("  " + hint, None, getattr(hint, "keys", ()))
    if ("Timeout value out of range" in error.message and error.frames
            and "create_connection(" in (error.frames[-1][3] or "")):
        hint = texts.CREATE_CONNECTION_TIMEOUT_HINT  # the negative time was create_connection()'s own timeout
        return lang.Message("  " + hint, None, getattr(hint, "keys", ()))
    for fragment, hint in texts.ERRNO_HINTS.items():
        if fragment in error.message:
            return lang.Message("  " + hint, None, (f"ERRNO_HINTS[{fragment}]",))  # the verdict names its hint
    # The exception's own class first, then its bases: UnboundLocalError gets NameError's hint.
    name = next((name for name in (error.type, *error.bases) if name in texts.ERROR_HINTS), None)
    return lang.Message("  " + texts.ERROR_HINTS[name], None, (f"ERROR_HINTS[{name}]",)) if name else ""


# --------------------------------------------------------------------------- checks shared by lessons

SOCKET_NOT_CLOSED = (
    "{name} ended without closing a socket it created: {what}\n"
    "  Hint: close() every socket you create (a with-block does it for you), also when something fails."
)
SOCKET_LEFT_OPEN = "a socket was still open after it returned ({state}, {local} -> {remote})"
SOCKET_LEFT_OPEN_IDLE = (
    "{sockets} still open after it returned, never closed: their connections had ended (a shutdown(), or the "
    "peer's close, ends a connection), but only close() frees a socket"
)
TIMELINE_LEFT_OPEN = "after {name} returned, the kernel still had its socket {local} -> {remote} in {state}"
TIMELINE_LEFT_OPEN_MORE = "after {name} returned, the kernel still had {sockets} of its open (not drawn one by one)"
LISTENER_LEFT_OPEN = "a listening socket was still open after it returned (LISTEN on {local})"
SOCKET_GC_MANY = (
    "{sockets} were dropped without close(), so only Python's garbage collector would have closed them, some "
    "time later (the first: {message}{where})"
)
SOCKET_GC = (
    "a socket was dropped without close(), so only Python's garbage collector would have closed it, "
    "some time later ({message}{where})"
)
SOCKET_CREATED_AT = ", created at line {line} of {file}"
# A socket the code dropped, in the student's terms ({message} of SOCKET_GC): never the runner's class or its fd.
SOCKET_DESCRIBED_COPY = "a copy of the socket it was given, as dup() makes"
SOCKET_DESCRIBED_CONNECTED = "a {kind} socket connected from {local} to {remote}"
SOCKET_DESCRIBED_BOUND = "a {kind} socket bound to {local}"
SOCKET_DESCRIBED = "a {kind} socket, neither bound nor connected"
SOCKET_DESCRIBED_OTHER = "a socket"
MAKEFILE_LEFT_OPEN = (
    "{name} close()d its socket, but not the file that makefile() made from it{where}. A socket stays open "
    "while a file made from it is open: close() on the socket waits for that file's close(). So {what}.\n"
    "  Hint: close the file too (f.close(), or open it in a with-block: with sock.makefile(\"rb\") as f:), "
    "before or after the socket's close()."
)
MAKEFILE_MADE_AT = " (made at line {line} of {file})"
MAKEFILE_SOCKET_OPEN = "its socket was still open after it returned"
SOCKET_HELD_BY_CHILD = (
    "{name} returned, and a child process it started still holds a copy of a socket: {what}. A forked child "
    "gets a copy of every socket open in its parent, and a socket stays open until every copy is closed.\n"
    "  Hint: in the child, close the sockets it does not use; and wait for the child before returning "
    "(Process.join(), os.waitpid())."
)
CLOSE_WAIT_LEFT = (
    "{name} returned but left a connection in CLOSE_WAIT ({local} -> {remote}): the other side had "
    "closed (FIN) and your code never closed its end.\n"
    "  Hint: close() every socket once you are done with it; the kernel keeps the connection until you do."
)
RETURN_TYPE = "{name} returned a value of type {type} ({value}); it must return bytes.\n  {hint}"
RETURN_TYPE_HINT = "Hint: sockets carry bytes. Return what recv() gave you, without decode() or str()."
RETURN_TYPE_BYTEARRAY_HINT = (
    "Hint: a bytearray is a good buffer to collect into, but the contract says bytes: return bytes(buffer)."
)
RETURN_TYPE_VIEW_HINT = (
    "Hint: a memoryview is a window onto a buffer (the one recv_into() filled), not bytes of its own: return "
    "bytes(view), or view.tobytes()."
)
RETURN_TYPE_SUBCLASS_HINT = (
    "Hint: {type} is a subclass of bytes, and the contract asks for bytes itself: the caller gets your class, "
    "with whatever it changes. Return bytes(reply)."
)
RETURNED_NONE = (
    "{name} returned None; it must return bytes.\n"
    "  Hint: did you forget the return statement? A function without one returns None."
)
WRONG_RETURN = (
    "{name} returned {got}\n  but the expected value was {want}.\n  {hint}"
)
NOT_JUDGED = (
    "Not judged on this system: {what}. Only Linux's kernel shows the grader this, so this check neither "
    "passed nor failed here.\n"
    "  To get the full verdict, grade on Linux, in WSL on Windows, or in the course's dev container."
)
NOT_JUDGED_SOCKETS = "whether your code closed every socket it created is seen in the kernel's table of open sockets"
NOT_JUDGED_UNREAD = "what your code left unread in the socket is the kernel's count of its receive queue"
NOT_JUDGED_THREADS = "how many threads your server ran is the kernel's count of the process's threads"
NOT_JUDGED_ADDRESS = (
    "whether your server listens on that address only, and not on every network interface, is seen in the "
    "kernel's table of listening sockets"
)
NOT_JUDGED_GIVEN = "whether your code left open the socket it was given is seen in the kernel's table of sockets"
NOT_JUDGED_TIME_WAIT = (
    "that the first run's connection was in TIME_WAIT when your server started again is seen in the kernel's "
    "table of sockets"
)
NOT_JUDGED_BUSY = "whether your server slept while its clients were idle is the kernel's account of its CPU time"
NOT_JUDGED_MEMORY = "how much memory your server held while a client did not read is the kernel's count"
NOT_JUDGED_LINE = (
    "{checks} could not be judged on this system, which lacks Linux's view of the kernel. To get the full "
    "verdict, grade on Linux, in WSL on Windows, or in the course's dev container."
)
LINUX_ONLY = (
    "Note: this system has no /proc/net/tcp (it is not Linux), so the kernel's view of your sockets "
    "(TIME_WAIT, CLOSE_WAIT, LISTEN, unread bytes) was not observed: the checks that rest on it say "
    "\"not judged on this system\", and pieces were separated by pauses instead. Linux, WSL on Windows or the "
    "course's dev container grades everything."
)

# --------------------------------------------------------------------------- lesson titles, check titles, hints

CHECK_TITLES = {
    # client_flow
    "test_connects_to_the_given_host_and_port": "connects to the host and port it is given",
    "test_sends_the_whole_message_once_unchanged": "sends the message's bytes once, unchanged",
    "test_returns_the_servers_reply_as_bytes": "returns the server's reply, as bytes",
    "test_client_closes_its_socket": "closes its socket",
    # server_flow
    "test_listens_on_the_given_host_and_port": "listens on the host and port it is given",
    "test_echoes_the_message_on_the_accepted_connection": "echoes the message back on the accepted connection",
    "test_returns_the_clients_message": "returns the client's message, as bytes",
    "test_server_closes_the_connection_first_with_fin": "closes the connection first, with FIN",
    "test_server_closes_every_socket": "closes the connection and the listening socket",
    "test_restarts_on_the_same_port_during_time_wait": "restarts on the same port while the last connection is in TIME_WAIT",
    # recv_loop
    "test_recv_exactly_collects_every_piece": "recv_exactly() collects a message sent in pieces",
    "test_recv_exactly_leaves_the_next_message_unread": "recv_exactly() never reads past the nth byte",
    "test_recv_exactly_raises_eoferror_when_the_peer_closes_early": "recv_exactly() raises EOFError when the peer closes early",
    "test_recv_exactly_zero_returns_empty_bytes": "recv_exactly(sock, 0) returns b\"\" at once",
    "test_recv_exactly_is_fast_on_16_mib": "recv_exactly() moves 16 MiB within 5x the reference time",
    "test_recv_until_closed_collects_everything_until_fin": "recv_until_closed() returns everything up to the peer's FIN",
    "test_recv_until_closed_is_fast_on_16_mib": "recv_until_closed() moves 16 MiB within 5x the reference time",
    "test_send_all_delivers_every_byte_when_send_is_partial": "send_all() delivers every byte when send() takes only part",
    "test_send_all_uses_send_not_sendall": "send_all() loops over send() itself, without sendall()",
    "test_send_all_is_fast_on_16_mib": "send_all() moves 16 MiB within 5x the reference time",
    # graceful_close
    "test_request_signals_its_end_with_shut_wr": "request_and_half_close() sends the whole message, then shutdown(SHUT_WR)",
    "test_request_reads_the_whole_reply_until_eof": "request_and_half_close() reads the reply until EOF",
    "test_request_closes_its_socket": "request_and_half_close() closes its socket",
    "test_serve_reads_the_request_until_eof": "serve_one_request() reads the request until EOF and replies reversed",
    "test_serve_listens_with_so_reuseaddr": "serve_one_request() listens with SO_REUSEADDR",
    "test_serve_closes_with_fin_not_rst": "serve_one_request() closes with FIN, not RST",
    "test_serve_returns_the_request": "serve_one_request() returns the request",
    "test_serve_leaves_no_close_wait": "serve_one_request() closes every socket, none left in CLOSE_WAIT",
    "test_reject_replies_after_the_header_line": "reject_and_drain() replies REJECTED right after the header line",
    "test_reject_closes_with_fin_not_rst": "reject_and_drain() drains and closes with FIN, not RST",
    "test_reject_returns_the_header_line": "reject_and_drain() returns the header line",
    "test_reject_closes_every_socket": "reject_and_drain() closes every socket",
    "test_reject_restarts_on_the_same_port_during_time_wait": "reject_and_drain() restarts on the same port during TIME_WAIT",
}
# Lessons 7 and 8 (several clients at once): added here to keep merges simple.
CHECK_TITLES |= {
    # threaded_server
    "test_threads_listen_on_a_port_in_time_wait": "listens on its host and port while an old connection there is in TIME_WAIT",
    "test_threads_serve_a_client_while_others_idle_mid_line": "serves a client while the others are idle in the middle of a line",
    "test_threads_run_each_client_in_a_thread": "serves its clients from more than one thread",
    "test_threads_sleep_while_every_client_is_idle": "sleeps while every client is idle (no busy-waiting)",
    "test_threads_reply_to_each_line_reversed": "answers every line at once, reversed, its newline kept at the end",
    "test_threads_close_each_connection_after_its_eof": "closes each client's connection (FIN) after that client's EOF",
    "test_threads_survive_a_client_that_resets": "a client that resets ends only its own thread",
    "test_threads_close_the_listener_after_the_last_accept": "closes the listener after the last accept (a further connect is refused)",
    "test_threads_wait_for_every_thread_before_returning": "waits for every client's thread before returning",
    "test_threads_return_the_number_of_lines_answered": "returns the number of lines answered, as an int",
    "test_threads_close_every_socket": "closes every socket it created",
    # event_loop
    "test_loop_listens_on_a_port_in_time_wait": "listens on its host and port while an old connection there is in TIME_WAIT",
    "test_loop_serves_a_client_while_others_idle_or_flood": "serves a client while others idle mid-line or flood without reading",
    "test_loop_never_starts_a_second_thread": "serves every client from one thread",
    "test_loop_sleeps_while_every_client_is_idle": "sleeps while every client is idle (no busy-waiting)",
    "test_loop_bounds_what_it_buffers_for_a_client_that_does_not_read": "stops reading a client that does not read: its receive queue fills, memory stays bounded",
    "test_loop_replies_to_each_line_reversed": "answers every line, reversed, its newline kept at the end",
    "test_loop_delivers_every_reply_to_the_flooding_client": "delivers every queued reply to the flooding client once it reads",
    "test_loop_closes_each_connection_after_its_eof": "closes each client's connection (FIN) after that client's EOF",
    "test_loop_survives_a_client_that_resets": "a client that resets ends only its own connection",
    "test_loop_closes_the_listener_after_the_last_accept": "closes the listener after the last accept (a further connect is refused)",
    "test_loop_writes_only_when_the_selector_reports_writable": "never blocks in a send: writes only when a socket is writable",
    "test_loop_returns_the_number_of_lines_answered": "returns the number of lines answered, as an int",
    "test_loop_closes_every_socket": "closes every socket it created",
}

# --------------------------------------------------------------------------- client_flow

CLIENT_SENT = (
    "The reference server received {got}\n  but the message was {want}.\n  {hint}"
)
CLIENT_SENT_NOTHING = (
    "Hint: not one byte arrived on this connection: your code closed it, or stopped, before sendall(message). "
    "Connect, send the whole message, then read the reply, and only then close()."
)
CLIENT_SENT_ONE_BYTE_LOST = (
    "Hint: this call's message was one byte, and not one byte arrived, while the longer message arrived whole: "
    "the end of a message is what your code leaves out. A loop over pieces that stops one short of the end "
    "(range(0, len(message) - 1, step)) never sends the last piece, here all of it. Loop until every byte is "
    "sent, or send it whole with sendall(message)."
)
CLIENT_SENT_TWICE = "Hint: the message arrived more than once. Send it once (sendall() already sends every byte)."
CLIENT_SENT_STR = "Hint: that is the text of str(message), not its bytes. Send the bytes object itself."
CLIENT_SENT_PREFIXED = (
    "Hint: your message arrived whole, but after {extra} of your own in front of it (a length prefix, a header?). "
    "This server expects the message alone: sendall(message), nothing before it."
)
CLIENT_SENT_CHANGED = "Hint: the bytes were changed on the way. Do not decode() or encode() the message: send it as it is."
CLIENT_SENT_EXTRA = "Hint: something extra was sent after the message. Send exactly the message, nothing more."
CLIENT_SENT_TO_EMPTY = (
    "Hint: this call's message was empty (b\"\"): sent unchanged, that is not one byte. The reference server "
    "needs nothing to answer: it knows the message is over (here at once), and replies. Send the message as it "
    "is, even empty: bytes of your own (a b\"\\n\" so that something goes?) are not the caller's message."
)
CLIENT_EXTRA_CONNECTION = (
    "Your code opened {connections} to the reference server. Before the last one, it closed {earlier} "
    "without sending a byte on it (the reference server accepted it, received 0 bytes, and sent nothing). "
    "On the last connection the reference server received {got}; the message is {want}.\n"
    "  Hint: request() holds one conversation on one connection: connect once, then send the message and read "
    "the reply on that same socket. Do not open a connection only to see whether the server is up: the server "
    "has to take every connection as a client's conversation."
)
PORT_ENDED = "the connection from port {port} ({end})"
CLIENT_RETURNED_MESSAGE = (
    "request() returned the message it sent, {got}, instead of the server's reply.\n"
    "  Hint: return what recv() gives you, not what you passed to send()."
)
CLIENT_REPLY_HINT = "Hint: return the bytes recv() gave you, unchanged."
CLIENT_REPLY_HINT_SHORT = (
    "Hint: that is the first {got} of the reply ({total}), which the reference server sent in one piece: "
    "recv(n) returns at most n bytes. Call recv(1024), as the lesson does: the reply is shorter than that."
)
CLIENT_REPLY_HINT_NUL = (
    "Hint: that is the reply up to its first zero byte (b\"\\x00\"), {got}: your code stopped there, as C stops at "
    "a string's end. In Python a zero byte is data like any other: return every byte recv() gave you (with "
    "recv_into(), the first n of the buffer, n being what it returned)."
)
STRIPPED_HINT = (
    "Hint: those are the message's bytes with the whitespace at its end (or start) stripped: send back and return "
    "what recv() gave you, without strip() or rstrip(). A newline (b\"\\r\\n\" too) is part of the message."
)
CLIENT_REPLY_HINT_STRIPPED = (
    "Hint: those are the reply's bytes with the whitespace at its end (or start) stripped: return what recv() "
    "gave you, without strip(). The newline is part of the reply."
)
# The second call's reply, not kept from the first call but changed on its way (SECOND_CALL_WRONG otherwise).
SECOND_MESSAGE_CHANGED = (
    "Called a second time in the same process, as a program may call it again and again, {name} returned {got} "
    "instead of {want}, the message its client sent this time, in one piece. Its first call, on a connection of "
    "its own, was served in full as in the checks above.\n"
    "  {hint}"
)
SECOND_REPLY_CHANGED = (
    "Called a second time in the same process, as a program may call it again and again, {name} returned {got} "
    "instead of {want}, the reply the reference server sent this time, in one piece. Its first call, on a "
    "connection of its own, was served in full as in the checks above.\n"
    "  {hint}"
)
CLIENT_REPLY_HINT_LINE = (
    "Hint: that is the reply up to its first newline (b\"\\n\"), {got}: your code read one line (readline()?). A "
    "reply is bytes, not a line: this one has a newline inside it, and more bytes after it. Return every byte "
    "recv(1024) gives you (or read until EOF)."
)
CLIENT_REPLY_HINT_NUL_STRIPPED = (
    "Hint: that is the reply without the zero byte (b\"\\x00\") at its end: your code stripped it "
    "(rstrip(b\"\\x00\")?), as if zeros were a C string's padding. In Python a zero byte is data like any other, "
    "at the end too: return every byte recv() gave you."
)
CLIENT_RETURNED_BEFORE_REPLY = (
    "request() returned {got} before the reply came. The reference server read your whole message, then held its "
    "reply until your code would be asleep waiting for it, as a slow server does; your code returned in that "
    "silence instead.\n"
    "  Hint: recv(1024) blocks until the reply's first bytes are there: call it and return what it gives. Code "
    "that returns before that, on a timeout (settimeout(), or select() with one) or on an error it caught, takes a "
    "slow server's silence for its answer."
)
CLIENT_GAVE_UP_ON_HELD_REPLY = (
    "request() raised {type} ({message}) while the reference server held its reply, {held:.2f} s after your message "
    "had come: it was slow on purpose, as a busy server is, and your code's own timeout gave up on it first.\n"
    "  Hint: a client's recv() waits as long as the server takes: no timeout here, or a generous one (seconds, "
    "not a fraction of one)."
)
CLIENT_RETRIED_HELD_REPLY = (
    "request() raised {type} ({message}): while the reference server held its reply, {held:.2f} s after your "
    "message had come (slow on purpose, as a busy server is), your code gave up on that connection and connected "
    "again, and the server, which takes one connection, refused the second.\n"
    "  Hint: wait for the reply on the one connection, however long the server takes: no short timeout, and no "
    "retry."
)
TL_RETURNED_BEFORE_REPLY = "request() returned while the server held its reply, before sending it"
CLIENT_REPLY_HINT_EMPTY = "Hint: recv() waits for the reply; call it after sending, and return what it gives you."
SERVER_IS_AT = "(The reference server was listening on {host}:{port}, the host and port your function was given.)"
CLIENT_RST = (
    "After {after}, your client's side of the connection was reset (RST), not closed (FIN). The kernel sends RST "
    "when a socket is closed while data it received is still unread, or when data arrives at a socket already "
    "closed: here, {unread}.\n"
    "  {hint}"
)
CLIENT_AFTER_REPLY_FIN = "the server's reply and FIN"
CLIENT_AFTER_REPLY = "the server's reply (the reset came before the server's FIN)"
CLIENT_UNREAD_REPLY = "the reply"
CLIENT_UNREAD_REST = "the last {left} of the reply, which recv() did not take (it gave your code the first {got})"
CLIENT_RST_HINT = "Hint: recv() the reply before you close()."
# ...when its own timeout had given up on the held reply (CLIENT_GAVE_UP_ON_HELD_REPLY): it did call recv().
CLIENT_RST_GAVE_UP_HINT = (
    "Hint: your code closed its socket when its own timeout gave up waiting (above), before the reply came: wait "
    "for the reply as long as the server takes, then close()."
)
CLIENT_RST_SHORT_HINT = (
    "Hint: recv(n) returns at most n bytes: receive the whole reply (recv(1024) holds it) before you close()."
)
CLIENT_RST_READ_ALL = (
    "Your client returned the whole reply, yet its side of the connection was reset (RST), not closed (FIN). "
    "The kernel resets a connection at close() for one of two reasons: bytes it received are still unread in "
    "the socket (a reply only looked at with MSG_PEEK is still unread), or SO_LINGER is set with a zero "
    "timeout.\n"
    "  Hint: read the reply with plain recv() calls, and do not set SO_LINGER to (1, 0): close() then ends the "
    "connection with a FIN."
)
CLIENT_NO_FIN = (
    "After the server's reply and FIN, the reference server waited for your client to close the "
    "connection and saw {end} instead of your FIN.\n  Hint: close() the socket once you have the reply."
)

# --------------------------------------------------------------------------- server_flow

SERVER_ECHO = "The reference client sent {want}\n  and your server sent back {got}.\n  {hint}"
SERVER_ECHO_HINT = "Hint: send back exactly the bytes recv() gave you, on the socket accept() returned."
SERVER_ECHO_HINT_EMPTY = "Hint: after recv(1024) on the accepted connection, send the same bytes back on it."
SERVER_CLOSED_BEFORE_ECHO_HINT = (
    "Hint: your server closed the connection without sending anything back (its {end} came instead): sendall() the "
    "message on the accepted connection first, and only then close() it."
)
SERVER_GAVE_UP_HINT = (
    "Hint: your server stopped waiting for the message when a timeout of its own ran out (see the pause on the "
    "wire), before the client sent it. Let recv() on the accepted connection wait with no timeout: a timeout says "
    "only that nothing came yet, not that the client has nothing to send."
)
SERVER_READLINE_HINT = (
    "Hint: that is the client's message up to its first newline: a readline() (or a loop until b\"\\n\") stops "
    "there. The message is any bytes, newlines included, and the client sends it in one piece: one conn.recv(1024) "
    "takes it whole."
)
SERVER_SHORT_RECV_HINT = (
    "Hint: that is the first {got} of the client's message ({total}), which the reference client sent in one "
    "piece: recv(n) returns at most n bytes. Call conn.recv(1024), as the lesson does: the message is shorter "
    "than that."
)
SERVER_RETURN_HINT = "Hint: return the message you received from the client, as bytes."
SERVER_NO_FIN = (
    "After the echo, the reference client waited for your server to close the connection first, "
    "and saw {end} instead of a FIN.\n"
    "  Hint: close() the accepted connection when you have sent the echo (before returning)."
)
ECHO_RST = (
    "After the echo, the reference client waited for your server to close the connection first, and saw an RST "
    "(a reset) instead of a FIN. The kernel resets a connection at close() for one of two reasons: bytes the "
    "client sent are still unread in the socket (a recv() smaller than the message, or MSG_PEEK, which leaves "
    "them there), or SO_LINGER is set with a zero timeout.\n"
    "  Hint: recv() the client's whole message before you close(), and do not set SO_LINGER to (1, 0)."
)
SERVER_CLOSED_GAVE_UP = (
    "Your server closed the connection without echoing anything: a timeout of its own ran out while the client "
    "paused (see the pause on the wire), and it closed before the message came. The message then arrived at a "
    "closed socket, and the kernel answered it with RST (a reset), not the clean close (FIN) the client waited "
    "for.\n"
    "  Hint: let recv() on the accepted connection wait with no timeout (or go on waiting when one runs out): a "
    "timeout says only that nothing came yet. Then send the message back with sendall(), and only then close()."
)
SERVER_CLOSED_UNREAD = (
    "Your server closed the connection without echoing anything, and the client's message was never read from "
    "it: the kernel answered that message with RST (a reset), not the clean close (FIN) the client waited for. A "
    "socket closed with bytes unread in it, or before they arrived, resets the connection.\n"
    "  Hint: recv() the message from the connection accept() returned (conn, not the listening socket), send it "
    "back with sendall(), and only then close()."
)
SERVER_RST_AFTER_FIN = (
    "After the echo, your server's FIN reached the reference client, but {segments} from your "
    "server followed it: the packets show the connection reset, not closed. The client's recv() saw the FIN "
    "first, so its socket alone could not tell.\n"
    "  Hint: SO_LINGER set to 0 makes close() send RST, even after shutdown(SHUT_WR): your end never goes to "
    "TIME_WAIT, and data still on its way is destroyed. Leave SO_LINGER alone; SO_REUSEADDR is what lets a "
    "server restart during TIME_WAIT."
)
SERVER_STILL_LISTENING = (
    "serve_once() returned but its listening socket on port {port} is still open (LISTEN).\n"
    "  Hint: close() the listening socket too, after the connection."
)
SERVER_NO_TIME_WAIT = (
    "After the first run, the server's end of the connection was {state}, not TIME_WAIT, so the "
    "restart could not be tested.\n  Hint: the server must close the connection first; see the check above."
)
SECOND_RUN = (
    "The first run of your server served a client and closed; its connection is in TIME_WAIT on "
    "port {port}. A second run on the same port then failed:"
)

# --------------------------------------------------------------------------- recv_loop

ONE_RECV = (
    "The reference peer sends {total} bytes in pieces ({pieces} bytes), each piece only once your "
    "code has read the one before. {name} returned after the first {got} bytes, without waiting for the rest.\n"
    "  Hint: one recv() returns what has arrived so far, not a whole message. Loop."
)
RECV_EXACTLY_HINT = "Hint: loop, and ask recv() only for the bytes still missing."
RECV_UNTIL_CLOSED_HINT = "Hint: keep calling recv() until it returns b\"\" (the peer's FIN); join the pieces at the end."
CHUNKS_SHARE_A_BUFFER_HINT = (
    "Hint: the right number of bytes, but each chunk holds the start of what the last recv_into() wrote: your "
    "chunks are views of one buffer that every recv_into() writes again (a memoryview or a slice of it kept in "
    "the list), so later reads overwrote earlier chunks. Copy each chunk as you receive it, bytes(view[:k]), or "
    "use recv(), which returns new bytes each time."
)
DECODED_PIECES_HINT = (
    "Hint: the bytes came back changed because your code decoded them as text and encoded them again: a piece "
    "can end inside a multi-byte character, and not every byte is text (b\"\\xff\" is not UTF-8), so decoding "
    "gives replacement characters. Do not decode the pieces: keep them as bytes, join them, and return that "
    "(decode once, at the end, only where the caller wants text)."
)
READ_PAST_N = (
    "The reference peer sent {sent} bytes: the {n}-byte message and then the next message. "
    "recv_exactly() must leave the next message in the socket, but when it returned the kernel counted {left} "
    "unread bytes in your socket instead of the next message's {want}.\n"
    "  {hint}"
)
READ_PAST_N_HINT = "Hint: never ask recv() for more than the bytes still missing; what you take out of the socket is gone."
READ_AHEAD_HINT = (
    "Hint: your code read through sock.makefile(): a buffered file takes as much as has arrived out of the "
    "socket (its buffer, 8 KiB or more), not just the n bytes you asked read() for, and what it read ahead is "
    "gone with the file. Call recv() yourself, for at most the bytes still missing."
)
RETURNED_PAST_N = (
    "recv_exactly(sock, {n}) returned {got} bytes: the {n} asked for, then the start of the next message.\n"
    "  Hint: never ask recv() for more than the bytes still missing; what you take out of the socket is gone."
)
EOF_AFTER_ALL_TAKEN = (
    "recv_exactly(sock, {n}) raised EOFError, yet the reference peer sent {sent} bytes before its FIN, and the "
    "kernel shows your code took every one of them and the FIN (nothing was left unread in your socket): the peer "
    "did not close early. Your count of the bytes received was wrong: it fell behind what recv() returned, so the "
    "loop kept asking for more until it met the FIN.\n"
    "  Hint: after each recv(), add the length of what that recv() returned (len(chunk), not the length of a "
    "list of chunks) to your count, and ask recv() for at most n minus that count."
)
ZERO_STR_HINT = (
    "Hint: \"\" is an empty str (text), not bytes: sockets carry bytes, and even an empty result must be bytes. "
    "Write b\"\" (with the b prefix) for n == 0."
)
ZERO_HINT = "Hint: with n == 0 there is nothing to receive: return b\"\" without calling recv()."
SENT_THEN_FIN = "the reference peer sent {sent} of the {n} bytes, then closed (FIN)"
EXPECTED_EOFERROR = "recv_exactly() to raise EOFError once recv() returned b\"\" (the peer had closed)."
EXPECTED_RETURN_AT_FIN = (
    "recv_until_closed() to return: the peer had closed (FIN), and from then on every recv() returns b\"\" "
    "at once, so a loop that does not stop at b\"\" spins forever."
)
NO_RETURN_AT_FIN = (
    "The reference peer had sent all {size} MiB and closed (FIN), but {name} had not returned {limit:.1f} s later."
)
NO_EOFERROR_RETURNED = (
    "The peer closed before sending all the bytes asked for, and recv_exactly() returned {got} "
    "instead of raising EOFError.\n"
    "  Hint: when recv() returns b\"\" before you have n bytes, raise EOFError: a short message is not a message."
)
# ...a second conversation: the FIN came before any byte.
NO_EOFERROR_AT_ONCE = (
    "In a second conversation, the peer closed (FIN) before sending any byte, and recv_exactly(sock, {n}) "
    "returned {got} instead of raising EOFError: no bytes are not {n} bytes either.\n"
    "  Hint: raise EOFError whenever recv() returns b\"\" before you have n bytes, even when none came at all."
)
WRONG_EXCEPTION = (
    "The peer closed before sending all the bytes asked for; recv_exactly() raised {type} ({message}), "
    "but the contract says EOFError.\n  Hint: raise EOFError(...) when recv() returns b\"\" too early."
)
SEND_TOO_MUCH = (
    "send_all() was given {total} bytes; the reference peer received {got}, {extra} more than that: {how}.\n"
    "  {hint}"
)
SEND_RETURNED_UNSENT = (
    "In a second conversation, send_all() was given {total} bytes on a socket whose timeout was {timeout} s, "
    "and the reference peer never read any of them. Once the buffers were full and no room came within the "
    "timeout, send_all() returned normally, having handed only {sent} to the kernel. Returning says that every "
    "byte was sent: its caller goes on as if the peer would get all of them.\n"
    "  Hint: when no room comes within the timeout, send_all() must raise TimeoutError: let send()'s propagate "
    "(or raise it again after cleaning up), and if you wait for room yourself (select()), raise TimeoutError when "
    "that wait times out, never return."
)
# Lesson 3, send_all(): a third conversation, the peer resets while the code waits for room.
SEND_RETURNED_AFTER_RESET = (
    "In a third conversation, send_all() was given {total} bytes, and the reference peer read none of them, then "
    "reset the connection (RST) while send_all() waited for room in the send buffer. send() then raised an error "
    "(ConnectionResetError or BrokenPipeError); but send_all() returned normally, as if every byte had been sent.\n"
    "  Hint: do not catch the errors of send() to return: a reset connection cannot take the rest. Let the "
    "exception propagate out of send_all() (or raise it again after cleaning up), so that its caller learns that "
    "the data did not all go."
)
TL_PEER_RESET_MID_SEND = "RST (the peer read nothing, then reset the connection while send_all() waited for room)"
EXPECTED_SEND_RESET_RAISED = (
    "send_all() to raise the error of the reset (ConnectionResetError or BrokenPipeError): the peer had reset the "
    "connection with most of the bytes unsent."
)
EXPECTED_TIMEOUT_RAISED = (
    "send_all() to raise TimeoutError: the peer read nothing, and the socket's timeout had run out with no room "
    "in the send buffer."
)
TL_PEER_NEVER_READ = "the peer read nothing, and send_all() returned after its socket's timeout"
SEND_KEPT_TRYING = (
    "In a second conversation, send_all() was given {total} bytes on a socket whose timeout was {timeout} s, "
    "and the reference peer never read any of them. Once the buffers were full and no room came within the "
    "timeout, send() raises TimeoutError (BlockingIOError at once, on a socket made non-blocking); but send_all() "
    "did not end: long after, it was still {how}. So it would never end while the peer does not read, and its "
    "caller would wait for ever.\n"
    "  It was stopped here (innermost call last):\n{where}\n"
    "  Hint: do not catch send()'s TimeoutError (on a non-blocking socket, BlockingIOError) to try again, and do "
    "not wait for room without a timeout: let the TimeoutError of send() propagate out of send_all() (or raise it "
    "again after cleaning up). The socket's timeout is the caller's limit: only a blocking socket waits for the peer."
)
KEPT_RETRYING = (
    "waiting on a short timer of its own (the socket's timeout, or a sleep between tries): it caught the exception "
    "and tried again"
)
KEPT_SPINNING = "running on the CPU, calling send() again at once: it caught the exception and tried again"
KEPT_WAITING = (
    "waiting for room without a timeout (a select() or poll() with none), on a socket that still had its timeout: "
    "the wait was in that call, not in send(), so the socket's timeout never counted"
)
KEPT_BLOCKING = (
    "waiting in a blocking send(), after its socket's timeout had run out: it caught the TimeoutError, made the "
    "socket blocking and went on (a socket blocking from the start is your choice; after its timeout, it is a "
    "retry that never ends)"
)
TL_PEER_NEVER_READ_KEPT = "the peer read nothing; send_all() still went on after its socket's timeout, and was stopped"
SEND_RAISED_NOT_TIMEOUT = (
    "In a second conversation, send_all() was given {total} bytes on a socket whose timeout was {timeout} s, "
    "and the reference peer never read any of them. Once no room came within the timeout, send() raises "
    "TimeoutError, and send_all() must let that exception out: its caller catches it by its type. Yours raised "
    "{type} instead:\n{where}\n"
    "  Hint: if your code catches TimeoutError to raise another exception in its place, let the TimeoutError out "
    "as it is (a bare `raise` in the except block, or try/finally to clean up)."
)
TL_PEER_NEVER_READ_RAISED = "the peer read nothing; send_all() raised {type}, not TimeoutError"
SEND_PARTIAL = (
    "send_all() was given {total} bytes; the reference peer received {got} (the first {same} of them "
    "correct), and nothing more came after the function returned.\n"
    "  Hint: send() returns how many bytes it took, which may be fewer than you gave it. Send the rest, in a loop."
)
SEND_SMALL_PARTIAL = (
    "In another conversation, send_all() was given {total} bytes, less than 64 KiB, while the send buffer and the "
    "reference peer's receive buffer had room for far fewer (a few KiB each); the peer read nothing until your "
    "code waited for room or returned. It received {got} of them (all correct), and nothing more came after the "
    "function returned: send_all() returned with bytes unsent.\n"
    "  Hint: small data is no exception: send() may take part of any amount, whenever the buffers are nearly "
    "full. Always loop on send()'s count until every byte is sent."
)
TL_PEER_READ_LATE = "the peer read nothing until send_all() waited for room or returned ({size} bytes given)"
SEND_TIMEOUT_AS_DEADLINE = (
    "In another conversation, send_all() was given {total} bytes on a socket whose timeout was {timeout} s, and "
    "the reference peer read steadily: {size} bytes every {every} s, so room came well within each timeout. "
    "send_all() raised TimeoutError after the peer had read {got}: it gave up while the peer was still "
    "reading.\n"
    "  Hint: the socket's timeout bounds each wait for room (each send()), not the whole transfer: raise "
    "TimeoutError only once no room has come within the timeout. Let each send() time out by itself, without a "
    "deadline of your own for the whole call."
)
TL_PEER_READ_PACED = "the peer read {size} bytes every {every} s, room within each timeout"
SEND_CHANGED = (
    "send_all() was given {total} bytes; the reference peer received {got}: {how}.\n  {hint}"
)
SEND_AGAIN_HINT = (
    "Hint: after a partial send(), send only the rest, from where send() stopped (a memoryview slices without "
    "copying), not the data from its start again; count every byte sent so far."
)
SEND_CHANGED_HINT = (
    "Hint: send the bytes you were given, unchanged and each once: do not decode, encode or build them again."
)
RECEIVED_AS_GIVEN = "exactly the bytes expected"
RECEIVED_PREFIX_ONLY = "the first {same} of the bytes expected, and nothing after them"
RECEIVED_THEN_AGAIN = (
    "the first {same} as expected, then, from byte {same} on, the data from its start again"
)
RECEIVED_THEN_SKIPPED = (
    "the first {same} as expected, then, from byte {same} on, bytes from further on in the data: some were skipped"
)
RECEIVED_THEN_REPEATED = (
    "the first {same} as expected, then, from byte {same} on, bytes from earlier in the data again: some were "
    "sent twice"
)
SEND_SKIPPED_HINT = (
    "Hint: send() returns how many bytes it took, which may be fewer than you gave it: send the rest from "
    "exactly there, before anything that follows."
)
RECEIVED_OTHER_FROM_START = "other bytes from the very first one on"
RECEIVED_ALL_THEN_MORE = "the {same} expected, then more bytes after them"
RECEIVED_THEN_OTHER = "the first {same} as expected, then other bytes: the first difference is at byte {same}"
USED_SENDALL = (
    "send_all() called sock.sendall() ({times}). It works, but it is the loop this lesson asks you "
    "to write.\n  Hint: call sock.send() and use its return value to know what is left to send."
)
RECV_INTO_NO_OFFSET_HINT = (
    "Hint: the right length, but the message's last piece at its start: each recv_into(buf, k) wrote what came "
    "at the start of the buffer again, over the piece before. Give it the part still to fill: "
    "view = memoryview(buf), then sock.recv_into(view[got:], n - got)."
)
RECV_INTO_COPY_HINT = (
    "Hint: the right length, but zeros where the message's bytes were: your buffer kept the zeros it was made "
    "with. A slice of a bytearray (buf[got:]) is a new bytearray, a copy: recv_into() fills that copy, and it is "
    "thrown away. Slice a memoryview of the buffer instead, which writes into the buffer itself: "
    "view = memoryview(buf), then sock.recv_into(view[got:])."
)
BIG_WRONG = (
    "{name} was given {total} bytes to move; its result ({got}) is not those bytes.\n"
    "  Hint: every byte, once, in order."
)
BIG_SHORT = (
    "{name} was given {total} bytes to move, and its result is only the first {got}: it returned before the end.\n"
    "  Hint: {hint}"
)
BIG_SHORT_HINTS = {
    "recv_exactly": "loop until you have n bytes, asking recv() only for the bytes still missing.",
    "recv_until_closed": "loop until recv() returns b\"\" (the peer's FIN), keeping every piece.",
}
TOO_SLOW = (
    "{name} took {times} of CPU time to move {size} MiB; the reference solution took {reference:.0f} ms in "
    "this run, and the budget is {factor}x that: {budget:.0f} ms.\n  {hint}"
)
TOO_SLOW_KILLED = (
    "{name} had not finished moving {size} MiB after {limit:.1f} s; the reference solution took "
    "{reference:.0f} ms in this run (budget {budget:.0f} ms).\n  {hint}"
)
SPEED_HINT = {
    "recv_exactly": "Hint: receive in large pieces (not recv(1)), and collect them in a bytearray (buf += chunk "
                    "extends it in place) or a list joined once: data += chunk on bytes, or buf = buf + chunk even "
                    "on a bytearray, copies everything received so far, every time.",
    "recv_until_closed": "Hint: receive in large pieces (not recv(1)), and collect them in a list joined once "
                         "at the end, or a bytearray extended in place (buf += chunk): data += chunk on bytes, or "
                         "buf = buf + chunk even on a bytearray, copies everything received so far, every time.",
    "send_all": "Hint: give send() everything that is left, not one byte at a time; a memoryview slices without copying.",
}

# --------------------------------------------------------------------------- graceful_close

EXPECTED_REQUEST_EOF = "the end of your request (your FIN, from shutdown(SHUT_WR)) before sending the reply."
HALF_CLOSE_HINT = (
    "Hint: the server replies only once it knows the request is complete. shutdown(socket.SHUT_WR) sends "
    "that FIN and keeps your socket open to read the reply."
)
EXPECTED_READ_REPLY = "your code to read the reply, piece by piece."
# request_and_half_close() given an empty message (b""): the server waits for its FIN, which never came.
EMPTY_MESSAGE_NO_FIN_HINT = (
    "Hint: no FIN after an empty request: request_and_half_close() was given the message b\"\", and the reference "
    "server, which replies once the request has ended, never saw its end. shutdown(socket.SHUT_WR) must be called "
    "even when there is nothing to send: the FIN alone says \"that was the whole request\" (an empty one). Put "
    "no `if message:` around sendall() and shutdown(): sendall(b\"\") is harmless."
)
NO_HALF_CLOSE = (
    "The reference server waited for the end of your request (FIN) and saw {end} instead.\n"
    "  Hint: after sending the request, call shutdown(socket.SHUT_WR)."
)
REQUEST_CHANGED = "The reference server received the request {got}\n  but the message was {want}."
# The request's FIN came after only the start of the message (nothing at all, or a part): the code's own shutdown.
FIN_BEFORE_REQUEST_HINT = (
    "Hint: your FIN arrived after only {sent} of the message's {total}: your code ended its sending "
    "(shutdown(SHUT_WR)) before the message was all sent, and a socket cannot send after that. "
    "sendall(message) first, then shutdown(SHUT_WR)."
)
# The request's FIN before the message's end (the wire), where the code sends from a thread it never joined (its
# process's word, which only words the message): the FIN left while that thread had not sent it all.
FIN_BEFORE_THREAD_SENT = (
    "The reference server received {sent} of the message's {total}, then your FIN: your code ended its sending "
    "(shutdown(SHUT_WR)) before the message was all sent, and a socket cannot send after that. The message was "
    "sent by a thread your code started ({where}), and the function never join()ed it: shutdown(SHUT_WR) ran "
    "while that thread had not sent the whole message yet.\n"
    "  Hint: the FIN must follow the last byte of the message: join() the thread that sends before "
    "shutdown(SHUT_WR), or simply call sendall(message), then shutdown(SHUT_WR), in the function itself.\n"
    "  (The bytes and the FIN are the wire's; which thread, your own process's word: the grader records the threads "
    "your code starts and the join() calls that see them end.)"
)
CLOSED_TOO_EARLY_HINT = (
    "Hint: close() ends both directions, and SHUT_RD (or SHUT_RDWR) stops your reading. Only shutdown(SHUT_WR) "
    "ends your request while keeping the socket open to read the reply."
)
CLOSED_BEFORE_REPLY = (
    "The reference server saw the end of your request (FIN) and sent its reply, but your code never read "
    "any of it: your socket was already closed, or closed for reading.\n  "
    "Hint: close() ends both directions, and SHUT_RD (or SHUT_RDWR) stops your reading. Only shutdown(SHUT_WR) "
    "ends your request while keeping the socket open to read the reply."
)
ONE_RECV_REPLY = (
    "The reference server sends its {total}-byte reply in pieces ({pieces} bytes), each piece only once "
    "your code has read the one before, then FIN. request_and_half_close() returned after the first {got} bytes, "
    "without waiting for the rest.\n"
    "  Hint: read until recv() returns b\"\": the server's FIN is the end of its reply."
)
# A reply far longer than the request (16 times it and 256 KiB more), in pieces: the code returned its start only
# (the timeline shows the RST of a close with the rest unread, where the kernel saw one).
BIG_REPLY_CUT = (
    "The reference server answered your request ({message}) again, this time with a reply of {total}, many times the "
    "request, in pieces ({pieces} bytes), each sent once your code had read the one before, then FIN. "
    "request_and_half_close() returned only the first {got} of it, and closed its socket before the rest was read "
    "(a socket closed with data unread makes the kernel send RST).\n"
    "  Hint: a read with a size (one recv(n), or makefile().read(n)) stops at n bytes, and no size made from the "
    "message bounds the reply: only the server's FIN ends it. Read with a recv() loop until it returns b\"\", keep "
    "every piece, and return them joined."
)
READ_UNTIL_EOF_HINT = "Hint: read until recv() returns b\"\", keep every piece, and return them joined."
NEWLINE_NOT_EOF_HINT = (
    "Your code stopped at the reply's first newline: a newline is a byte like any other here, and the reply "
    "goes on after it. Only the server's FIN (recv() returns b\"\") ends the reply."
)
EXPECTED_READ_REQUEST = "your server to read the request, piece by piece."
EXPECTED_REPLY_AND_FIN = "the reversed request and then your server's FIN."
WRONG_REVERSED = (
    "The reference client sent its request in pieces and then FIN; your server replied {got}\n"
    "  but the expected reply was the whole request reversed: {want}.\n"
    "  Hint: read until recv() returns b\"\" (the client's FIN), and only then reply with request[::-1]."
)
WRONG_REVERSED_PAUSED = (
    "The reference client paused while it was sending its request ({sent} of it sent), before its FIN; your server "
    "replied {got} in the pause\n"
    "  but the expected reply was the whole request reversed: {want}.\n"
    "  Hint: only the client's FIN (recv() returns b\"\") ends the request: a timeout, or a quiet spell, does not."
)
SEND_ONCE_PARTIAL = (
    "Your client was given a message of {total} to send. The reference server read nothing until your code was "
    "waiting in send() on a full buffer; then the grader sent your thread a signal, as any signal may come. send() "
    "then returned how many bytes it had taken, {sent}, and your code did not send the rest: the server received "
    "the first {sent} of the message, then {end}.\n"
    "  Hint: send() may take only part of what you give it, and returns how many bytes it took. sendall() sends "
    "every byte (or raises): use sock.sendall(message), or loop over send() until every byte is sent."
)
SEND_RETRIED_PARTIAL = (
    "Your client was given a message of {total} to send. The reference server read nothing until your code was "
    "waiting in send() on a full buffer; then the grader sent your thread a signal, as any signal may come, and "
    "send() returned how many bytes it had taken. Your code called send() once more for the rest; the server read a "
    "little to make room and, once that send() was waiting on the full buffer again, sent a second signal: that "
    "send() too returned part, and your code did not send the rest: the server received the first {sent} of the "
    "message, then {end}.\n"
    "  Hint: every send() may take only part of what you give it, however many times you call it: one more send() "
    "for the rest is not enough. Use sock.sendall(message), or loop until every byte is sent: sent = 0; while sent < "
    "len(message): sent += sock.send(message[sent:])."
)
REQUEST_SENT_PART = (
    "Your client was given a message of {total} to send. The reference server read nothing until your code was "
    "waiting, then received the first {sent} of the message, then {end}: your code did not send the rest.\n"
    "  {hint}"
)
SEND_PART_HINT = (
    "Hint: send() may take only part of what you give it (on a socket with a timeout, what fits in the buffer at "
    "once), and returns how many bytes it took. sendall() sends every byte (or raises): use {call}, or loop over "
    "send() until every byte is sent."
)
SENDALL_GIVEN_PART_HINT = (
    "Hint: your code sends with sendall() alone, which sends every byte it is given (or raises): so it was given "
    "only part of the {what}. Look at what you pass to it: a slice's end (data[i:i + size], not data[i:size]), or a "
    "loop that ends too early."
)
REPLY_SENT_ONCE_PARTIAL = (
    "The reference client sent a request of {total}, so your reply is as long. It set your connection's send "
    "buffer small (SO_SNDBUF {sndbuf}, as a machine short of memory may) and read nothing until your code was "
    "waiting in send() on the full buffer; then the grader sent your thread a signal, as any signal may come. send() "
    "then returned how many bytes it had taken, {sent}, and your code did not send the rest: the client received "
    "the first {sent} of the reply, then {end}.\n"
    "  Hint: send() may take only part of what you give it, and returns how many bytes it took. sendall() sends "
    "every byte (or raises): use conn.sendall(reply), or loop over send() until every byte is sent."
)
REPLY_SENT_RETRIED_PARTIAL = (
    "The reference client sent a request of {total}, so your reply is as long. It set your connection's send "
    "buffer small (SO_SNDBUF {sndbuf}, as a machine short of memory may) and read nothing until your code was "
    "waiting in send() on the full buffer; then the grader sent your thread a signal, as any signal may come, and "
    "send() returned how many bytes it had taken. Your code called send() once more for the rest; the client read "
    "a little to make room and, once that send() was waiting on the full buffer again, sent a second signal: that "
    "send() too returned part, and your code did not send the rest: the client received the first {sent} of the "
    "reply, then {end}.\n"
    "  Hint: every send() may take only part of what you give it, however many times you call it: one more send() "
    "for the rest is not enough. Use conn.sendall(reply), or loop until every byte is sent: sent = 0; while sent < "
    "len(reply): sent += conn.send(reply[sent:])."
)
REPLY_SENT_PART = (
    "The reference client sent a request of {total}, so your reply is as long. It set your connection's send "
    "buffer small (SO_SNDBUF {sndbuf}, as a machine short of memory may) and read nothing until your code was "
    "waiting, then received the first {sent} of the reply, then {end}: your code did not send the rest.\n"
    "  {hint}"
)
BIG_MESSAGE_CHANGED = (
    "Your client was given a message of {total} to send, more than the buffers hold, and the reference server "
    "received {got}: {how}. Each send() takes part of what it is given and returns how many bytes it took: a loop "
    "over send() must add that count up (sent += n) and go on from there, every byte once.\n"
    "  Hint: use sock.sendall(message); or loop: sent = 0; while sent < len(message): sent += "
    "sock.send(message[sent:])."
)
BIG_REPLY_CHANGED = (
    "The reference client sent a request of {total}, so your reply is as long, more than the buffers hold; it "
    "received {got}: {how}. Each send() takes part of what it is given and returns how many bytes it took: a loop "
    "over send() must add that count up and go on from there, every byte once.\n"
    "  Hint: use conn.sendall(reply); or loop: sent = 0; while sent < len(reply): sent += conn.send(reply[sent:])."
)
SERVE_NO_REUSEADDR = (
    "Before starting your server, the grader left a connection on {host}:{port} in TIME_WAIT, as a server "
    "restarted on its port finds it (lesson 2), and your server's bind() failed there: its listening socket did not "
    "have SO_REUSEADDR when it was bound. (Here the client closes first, so restarting this server alone would not "
    "show it.)\n"
    "  Hint: call server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1) right after creating the socket, "
    "before bind(): set after bind(), it changes nothing (SO_REUSEPORT is another option, with another meaning)."
)
SERVER_RST = (
    "After the reply, the reference client saw the connection reset (RST), not closed (FIN).\n"
    "  Hint: the kernel sends RST when a socket is closed with received data still unread, or with SO_LINGER "
    "set to 0. Read the request until b\"\" before you close, and leave SO_LINGER alone."
)
SERVER_NO_CLOSE = (
    "After the reply, the reference client waited for your server to close the connection (FIN), but the "
    "connection was still open when serve_one_request() returned.\n"
    "  Hint: close() the accepted connection once the reply is sent."
)
SERVE_RETURN_HINT = "Hint: return the whole request you read, not the reply."
SERVE_RETURN_PART_HINT = (
    "Hint: that is only the first {got} of the request ({total}): read until recv() returns b\"\" (the client's "
    "FIN), keep every piece, and return them joined."
)
EXPECTED_REJECTED = "b\"REJECTED\\n\" right after the header line (before the rest of the body)."
EXPECTED_REJECTED_BEFORE_BODY = (
    "b\"REJECTED\\n\" right after the header line: the client sent the line alone and waits for the reply before it "
    "sends any of the body."
)
EXPECTED_DRAIN = "your server to read (and throw away) the rest of the body."
EXPECTED_SERVER_FIN = (
    "your server's FIN (shutdown(SHUT_WR)) after the reply, while the client was still sending its body."
)
REJECTED_BEFORE_HEADER = (
    "Your server sent b'REJECTED\\n' before the header line had ended: the reference client had sent only its "
    "first {sent} of the line's {total}, and your code had read them and was waiting, when the reply came.\n"
    "  Hint: read up to and including the first b\"\\n\" (the whole header line), and only then send "
    "b\"REJECTED\\n\"."
)
EMPTY_REQUEST = (
    "With an empty request (the reference client sent its FIN at once, no byte before it), serve_one_request():"
)
NO_REJECTED = (
    "The reference client sent the header line and the start of the body, then waited for the reply; "
    "it got {got} instead of b'REJECTED\\n'.\n"
    "  Hint: read up to and including the first b\"\\n\", then send b\"REJECTED\\n\" at once."
)
# The header line sent alone (no body byte behind its b"\n"), the client waiting for the reply: {got} came instead.
NO_REJECTED_HEADER_ALONE = (
    "The reference client sent the header line alone, nothing of the body behind its b\"\\n\", and waited for the "
    "reply; it got {got} instead of b'REJECTED\\n'.\n"
    "  Hint: read up to and including the first b\"\\n\", then send b\"REJECTED\\n\" at once: don't wait for the "
    "body, which a client may send only after your reply."
)
# The reference client paused before the header line's end (before its first byte, or before its last piece: the
# grader's hold, Peer._hold_for_timers), a timer of the server's own fired in it, and the server ended: {got} came.
REJECT_PAUSED = (
    "The reference client paused before it had sent the whole header line ({sent} sent), as a client may, and "
    "your server stopped waiting in the pause: it closed, with {got} sent back, before the line had come.\n"
    "  Hint: only the line's b\"\\n\" ends it, however long it takes to come: read it with no timeout (or go on "
    "waiting when one runs out), then send b\"REJECTED\\n\"."
)
REJECT_RST = (
    "The reference client received {got} and then the connection was reset (RST) instead of closed (FIN). "
    "Your server closed while the client's body was still unread in its socket, so the kernel sent RST, which "
    "can destroy a reply the client has not read yet.\n"
    "  {hint}"
)
DRAIN_HEADER_ALONE_HINT = (
    "Hint: here the header line came alone, no body byte behind its newline, and the body only after your REJECTED; "
    "your server closed without reading it. Drain every time, whatever came with the header line: after the reply, "
    "shutdown(SHUT_WR), then recv() and discard until b\"\", and only then close()."
)
REJECT_RST_HINT = "Hint: after the reply, shutdown(SHUT_WR), then recv() and discard until b\"\", and only then close()."
# The wire showed the server's FIN, then its RST while the client was still sending its body: a half-close, then a
# close with the body unread (a shutdown that also ended the reading, SHUT_RDWR or SHUT_RD, or no drain at all).
REJECT_FIN_THEN_RST = (
    "The reference client received {got}, then your server's FIN, and then, while the client was still sending "
    "its body, the connection was reset (RST) instead of closed. Your server closed while the client's body was "
    "still unread in its socket, so the kernel sent RST, which can destroy a reply the client has not read yet.\n"
    "  {hint}"
)
# The server's FIN, then its RST while the client was still sending, where the server had closed with nothing unread
# (its connection an orphan, no RST from that close: the kernel's view): the RST answered the body's rest.
REJECT_CLOSED_MID_BODY = (
    "The reference client received {got}, then your server's FIN, and then, while the client was still sending "
    "its body, the connection was reset (RST) instead of closed. Your server had closed its socket before the "
    "body's end (the client's FIN), and the kernel answers bytes that reach a closed socket with RST, which can "
    "destroy a reply the client has not read yet.\n"
    "  {hint}"
)
REJECT_FIN_THEN_RST_HINT = (
    "Hint: the FIN shows a shutdown, but your close still found bytes of the body unread (the kernel resets only "
    "then): nothing read the body until b\"\" after the shutdown. Either no drain loop ran after it, or the "
    "shutdown also ended your reading (SHUT_RDWR or SHUT_RD: recv() then returns b\"\" at once, so the drain loop "
    "stops before the body has come). shutdown(SHUT_WR) ends only your sending: after it, recv() and discard until "
    "b\"\", and only then close()."
)
# The same FIN, then RST (a close with bytes unread: the wire's), where the source of reject_and_drain reads after its
# shutdown but with no loop around the read (one recv(): read, not run, the hint's word). {body}: the body's size.
DRAIN_READ_ONCE_HINT = (
    "Hint: your drain did read, but once: after the shutdown, one recv() returns what has come so far, at most "
    "the size you ask for, and the client's body ({body}) is longer than that. Your close then found the rest "
    "unread, so the kernel sent RST instead of FIN. Drain with recv() in a loop until it returns b\"\", whatever "
    "each recv() returns before that, and only then close()."
)
# The server's FIN, then its close with the body unread (the RST, from the wire), where the source of its drain reads 0
# bytes at a time (recv_into() an empty bytearray, recv(0): read, not run, the hint's word).
DRAIN_READS_NOTHING_HINT = (
    "Hint: your drain read none of the body: a read of 0 bytes (recv_into() an empty bytearray, or recv(0)) asks "
    "for nothing and returns 0 (or b\"\") at once, whatever waits in the socket. That is not the EOF: only a "
    "recv() that asks for bytes (recv(65536)) and returns b\"\" is. So your loop stopped at once, and close() "
    "found the body unread. Drain with recv(65536) (or recv_into() a buffer of that size) until it returns b\"\" "
    "(or 0), and only then close()."
)
# The server closed with nothing unread (its close sent no RST: the kernel's view) before the client had sent the
# body's rest: its drain read all of the body that had come ({read}) and stopped before b"" (a recv() shorter than
# its buffer taken for the end, a fixed number of reads). The RST answered the rest, sent to a closed socket.
DRAIN_STOPPED_EARLY_HINT = (
    "Hint: your drain did run: it read all {read} of the body that had come (your close sent no RST: nothing was "
    "unread then), and then your server closed while the client was still sending, so the kernel answered the "
    "rest of the body with RST. A recv() that returns fewer bytes than you asked for only means that is all that "
    "has come so far: only b\"\" (the client's FIN) ends the body. Drain with recv() in a loop until it returns "
    "b\"\", whatever each recv() returns before that, and only then close()."
)
# The same close with nothing unread before the body's end, where the source shuts its reading side (SHUT_RDWR or
# SHUT_RD, read, not run: the hint's word): its recv() returned b"" once what had come was read.
DRAIN_READ_SHUT_HINT = (
    "Hint: your drain did run: it read all {read} of the body that had come (your close sent no RST: nothing was "
    "unread then). Then recv() returned b\"\" at once, because your shutdown also ended your reading (SHUT_RDWR or "
    "SHUT_RD: recv() then returns b\"\" as soon as what has come is read, before the client's FIN), and your server "
    "closed while the client was still sending. shutdown(SHUT_WR) ends only your sending: after it, recv() and "
    "discard until b\"\", and only then close()."
)
# The drain does not wait (its source, read: MSG_DONTWAIT, settimeout(0), setblocking(False); or it raised
# BlockingIOError): it stopped at the first moment nothing was queued, the body still coming. Only the hint's word.
DRAIN_NOT_WAITING_HINT = (
    "Hint: your drain does not wait for the body: with MSG_DONTWAIT, settimeout(0) or setblocking(False), recv() "
    "raises BlockingIOError at the first moment nothing is queued, and your drain stopped there, while the client "
    "was still sending. Nothing queued for a moment is not the end of the body: only b\"\" (the client's FIN) is. "
    "Drain with a blocking recv() (no MSG_DONTWAIT, no timeout of 0) in a loop until b\"\", and only then close()."
)
DRAIN_ENDED_ON_SILENCE = (
    "After your server's FIN, the reference client went quiet for a moment, its upload not finished (no FIN from "
    "it yet), and reject_and_drain() closed and returned in that silence. A pause is not the end of the upload: "
    "what the client sends next meets a closed socket, and the kernel answers it with RST, which can destroy "
    "the reply it has not read yet.\n"
    "  Hint: drain with recv() until it returns b\"\" (the client's FIN); do not stop on a pause (a timeout, or a "
    "sleep and then a read that finds nothing)."
)
REJECT_NO_FIN = (
    "After the reply, the reference client kept sending its body and waited for your server's FIN, but "
    "none came before reject_and_drain() returned.\n"
    "  Hint: shutdown(SHUT_WR) right after the reply tells the client the reply is complete."
)
REJECT_REPLY = "Your server's whole reply was {got}; it must be exactly b'REJECTED\\n'."
HEADER_HINT = "Hint: return the header line, up to and including b\"\\n\", and none of the body."
HEADER_END_ONLY_HINT = (
    "Hint: that is only the end of the header line: the line came in pieces, and the ones before its end are "
    "missing. Keep every piece you receive (add each recv()'s bytes to what you have) until the b\"\\n\", and "
    "return them all."
)
# The value returned is the header line's start only ({got} of its {total}): the read stopped before the line's
# b"\n" (a fixed number of recv()s, a size limit such as readline(100)). {pieces}: the first pieces' sizes.
HEADER_CUT_HINT = (
    "Hint: that is only the first {got} of the header line's {total}, without its b\"\\n\": the line came in "
    "pieces ({pieces} bytes first, then its end), and your read stopped before the end had come, after a fixed "
    "number of recv()s or at a fixed size (readline(100), one recv(4096)). A line can be longer than any size you "
    "pick: recv() and keep what comes until you have seen the b\"\\n\", and return the line whole."
)
# The value returned is the header line's start only ({got} of its {total}), without its b"\n", where REJECTED came
# only after the line's last piece, its b"\n" in it, was sent (the wire's): the read went on to the line's end, and
# the line was cut when it was taken out of what was read (an index found in one chunk, used in the whole buffer).
HEADER_CUT_AFTER_END_HINT = (
    "Hint: that is only the first {got} of the header line's {total}, without its b\"\\n\". Yet your read did go "
    "far enough: your server sent REJECTED only after the client had sent the line's last piece, the one that "
    "holds its b\"\\n\" (see the wire below). So the whole line had reached your code, and the cut came when you "
    "took it out of what you had read: a position of b\"\\n\" counted in one piece (chunk.find(b\"\\n\")) but "
    "used to slice another (the whole buffer), or a slice that ends too soon. Find the b\"\\n\" in the very bytes "
    "you slice, and return them up to and including it."
)
# An empty header line: b"\n" alone, the first byte the client sent, the body right behind it. The line is everything
# up to and including the first b"\n" (the lesson's words), so it is b"\n".
EMPTY_HEADER_LINE_HINT = (
    "Hint: this time the header line was empty: the client's very first byte was its b\"\\n\", the body right "
    "behind it. The header line is everything up to and including the first b\"\\n\", so here it is b\"\\n\" "
    "alone: reply REJECTED, drain, and return b\"\\n\". find() returns 0 for a b\"\\n\" at the very start, and "
    "-1 only when there is none: test `!= -1` (or `b\"\\n\" in data`), not `> 0`."
)
# The header line sent alone, the client waiting for REJECTED before any of the body: the server waited for more.
REPLY_BEFORE_BODY_HINT = (
    "Hint: this time the client sent the header line alone and waited for your reply before sending any of the "
    "body, as a client may (it wants to know whether to send the body at all). Your server was still waiting in "
    "a read for more bytes after the line's b\"\\n\" had come: one recv() more after the chunk that held it, or a "
    "read that waits for a full size (MSG_WAITALL, a read of n bytes). Reply at once: don't wait for the body. "
    "Stop reading as soon as what you have holds the b\"\\n\", then send b\"REJECTED\\n\"."
)
HEADER_LF_HINT = (
    "Hint: this time the header line ended with a bare b\"\\n\" (no b\"\\r\"): a line ends at its first "
    "b\"\\n\", whatever comes before it. Look for b\"\\n\", not b\"\\r\\n\", and return the line as it came."
)
# The bare-b"\n" line returned whole and then {extra} of the body (lines of their own) up to a later b"\n".
HEADER_PAST_NEWLINE_HINT = (
    "Hint: your value is the whole header line and then {extra} of the body, up to a later b\"\\n\": this body "
    "holds lines of its own, and they came in the same recv() as the header's end. The header line ends at the "
    "first b\"\\n\", not at the last one you have read (rindex(), rfind()); what follows it is the body."
)
REJECT_NO_TIME_WAIT = (
    "After the first run, the server's end of the connection was {state}, not TIME_WAIT, so the restart "
    "could not be tested.\n  Hint: the server half-closes first; see the checks above."
)

# --------------------------------------------------------------------------- framing

DID_RETURN = "{name} returned {got}"
DID_RAISE = "{name} raised {type} ({message})"
SEND_NATIVE_ORDER = (
    "send_frame() sent the header {got}, but the length {n} in network byte order (big-endian) is {want}: "
    "your header has the bytes the other way round, in this machine's native (little-endian) order.\n"
    "  Hint: struct.pack(\"!I\", n): the \"!\" means network byte order. Without it, the peer reads another number."
)
SEND_NO_HEADER = (
    "send_frame() sent the {n}-byte payload alone, without the 4-byte length in front of it, so the peer cannot "
    "know where the frame ends.\n  Hint: send struct.pack(\"!I\", len(payload)) first, then the payload."
)
SEND_FRAME_WRONG = (
    "send_frame() was given a {n}-byte payload; the reference peer received {got}\n"
    "  but one frame is {want}: the 4-byte big-endian length, then the payload's bytes unchanged.\n"
    "  Hint: struct.pack(\"!I\", len(payload)) + payload, every byte sent once."
)
EXPECTED_SEND_EMPTY = "send_frame(b\"\") to send the header 00 00 00 00 and return."
SEND_EMPTY_WRONG = (
    "send_frame() was given an empty payload, b\"\", which is allowed: its frame is the header 00 00 00 00 "
    "alone. The reference peer received {got}, and {did}.\n"
    "  Hint: refuse only a payload over MAX_FRAME; a payload of 0 bytes is sent as the 4-byte length 0, "
    "with nothing after it."
)
EXPECTED_SEND_VALUEERROR = "send_frame() to raise ValueError without sending anything."
SEND_GAVE_UP_ON_PAUSE = (
    "send_frame() raised {type} ({message}) while the reference peer paused its reading, as a busy peer may: "
    "{sent} of the frame's {total} bytes had gone out. A timeout of your code's own gave up on a peer that was "
    "only slow, and the frame is cut, which the peer can never make sense of.\n"
    "  Hint: no timeout of your own in send_frame(): sendall() waits as long as the peer takes (the caller sets "
    "one on its socket if it wants one)."
)
SEND_GAVE_UP_QUIETLY = (
    "send_frame() was given a payload of exactly MAX_FRAME bytes, and returned while the reference peer paused its "
    "reading for {held:.2f} s, as a busy peer may: a timeout of your code's own ran out in the pause, and only "
    "{sent} of the frame's {total} bytes had gone out. The frame is cut, which the peer can never make sense of, "
    "and the caller was told it was sent.\n"
    "  Hint: no timeout of your own in send_frame(): sendall() waits as long as the peer takes (the caller sets one "
    "on its socket if it wants one), and an error it raises is the caller's to see, not to swallow."
)
SEND_FRAME_PART = (
    "send_frame() was given a payload of exactly MAX_FRAME ({max}) bytes and returned, but the reference peer "
    "received only the first {sent} of the frame's {total} bytes: the rest was never sent. The peer read "
    "nothing for a moment, and one send() took only what fit in your socket's send buffer; send() returns "
    "how many bytes that was.\n"
    "  Hint: use sock.sendall(), or call send() again on the bytes not sent yet until none is left "
    "(lesson 3's send_all)."
)
SEND_EXACT_MAX_WRONG = (
    "send_frame() was given a payload of exactly MAX_FRAME ({max}) bytes, which is allowed: the reference peer "
    "expected a frame of {total} bytes, and received {sent}; {did}.\n"
    "  Hint: refuse only a payload over MAX_FRAME (len(payload) > MAX_FRAME); one of exactly MAX_FRAME is sent."
)
SEND_EXACT_MAX_FRAME_WRONG = (
    "send_frame() was given a payload of exactly MAX_FRAME ({max}) bytes, which is allowed, and {did}; the "
    "reference peer expected one frame of {total} bytes and received {got}: {how}. The frame is wrong, not the "
    "limit: the mistake of the first check of send_frame() above, if it failed there.\n"
    "  Hint: struct.pack(\"!I\", len(payload)) + payload, every byte sent once, the header first."
)
EXACT_MAX_TOO_LONG = (
    "The reference peer sent a frame of exactly MAX_FRAME ({max}) bytes, which is allowed; recv_frame() returned "
    "{got} bytes, {extra} more than its payload.\n  {hint}"
)
SEND_EXACT_MAX_NATIVE = (
    "send_frame() was given a payload of exactly MAX_FRAME ({max}) bytes, which is allowed, and sent it behind the "
    "header {got}, where {want} was expected: the same byte order mistake as in the first check of send_frame() "
    "above. Fix the header's byte order first."
)
SEND_OVER_MAX = (
    "send_frame() was given a payload of {size} bytes, over MAX_FRAME ({max}); it must raise ValueError and send "
    "nothing. The reference peer received {sent}, and {did}.\n"
    "  Hint: check len(payload) before building or sending anything; the receiver would refuse such a frame anyway."
)
EXPECTED_FRAME = "recv_frame() to return the frame's payload."
FRAME_IN_PIECES = (
    "The reference peer sends one {total}-byte frame (the 4-byte header saying {n}, then the payload) in pieces "
    "({pieces} bytes): the header comes one byte at a time, its last byte with the payload's start, which ends "
    "inside the character 世 after that character's first byte. The payload follows in three more pieces, the "
    "last ending the frame and carrying the next frame ({next} bytes) behind it. Each piece is sent only once your code has read the one before. "
    "Then {did}.\n  {hint}"
)
PIECES_READ_PAST = (
    "The reference peer sends one {total}-byte frame in pieces ({pieces} bytes), the last piece carrying the "
    "next frame ({next} bytes) behind it, in the same send(). recv_frame() returned the payload, but afterwards "
    "the socket held {left} unread bytes instead of {next}: bytes of the next frame were read, and are lost.\n"
    "  {hint}"
)
# {hint} of PIECES_READ_PAST, READ_PAST_FRAME and READ_BEFORE_CHECK: MAKEFILE_READ_AHEAD_HINT instead where the code
# reads through a buffered file (it asks recv() for a whole buffer, whatever the code asked of the file).
PIECES_READ_PAST_HINT = (
    "Hint: ask recv() only for the bytes still missing from this frame (its length minus what you hold), "
    "not for the whole length again: one recv() returns whatever has arrived, the next frame's bytes too."
)
HEADER_ONE_RECV_HINT = (
    "Hint: recv(4) may return 1, 2 or 3 bytes: here the header came one byte at a time. Read it with lesson 3's "
    "loop, until you hold all 4 bytes: one recv(), or one retry, is not enough."
)
HEADER_READ_TOO_MUCH_HINT = (
    "Hint: your code had taken {taken} bytes from the socket when it unpacked the header: struct.unpack(\"!I\", ...) "
    "needs exactly 4. Ask recv() only for the header's missing bytes (4 - len(buf)), then for the payload's."
)
PAYLOAD_ONE_RECV_HINT = (
    "Hint: one recv() returned only the payload's first piece, and the peer had not closed. A short recv() is "
    "not EOF: loop until you hold as many bytes as the header says; only b\"\" means EOF."
)
NATIVE_ORDER_HINT = (
    "Hint: your code took this frame for a much longer one. Its header is 00 00 01 23: {n} in network byte "
    "order (big-endian), but {little} when read in this machine's native little-endian order. "
    "Use struct.unpack(\"!I\", header), and read the header with a loop: one recv(4) may return 2 bytes."
)
# recv() given a negative size raised ValueError ("negative buffersize in recv"): the count of the bytes still
# missing went wrong (a loop subtracting what it holds in all, not the new chunk). The exception's own words.
NEGATIVE_RECV_SIZE_HINT = (
    "Hint: recv() was given a negative size, and that is what raised ValueError: your count of the bytes still "
    "missing went wrong. Compute it from what you hold (need = 4 - len(header)), or subtract only what each recv() "
    "returned (need -= len(chunk)), never the whole buffer's length; stop the loop when nothing is missing."
)
PAYLOAD_READ_PAST_HINT = (
    "Hint: your code returned the {n}-byte payload and then {extra} of the next frame: a recv() asked for "
    "more bytes than were still missing. Ask for the length minus everything you hold (n - len(buf)), not minus "
    "the last chunk: one recv() returns whatever has arrived, the next frame's bytes too."
)
FRAME_BYTES_HINT = "Hint: return exactly the payload's bytes: not the header, nothing decoded, nothing of the next frame."
RETURNED_PAST_FRAME = (
    "recv_frame() returned {got} bytes: the {n}-byte payload, then the start of the next frame.\n"
    "  Hint: never ask recv() for more than the bytes still missing from this frame."
)
MAKEFILE_READ_AHEAD_HINT = (
    "Hint: your code reads through a file made by makefile(): that file reads ahead, asking recv() for a whole buffer "
    "(8 KiB) however few bytes you asked it for, and keeps what is past the frame in its own buffer, out of the "
    "socket. Read with recv() in a loop, or make the file unbuffered: sock.makefile(\"rb\", buffering=0)."
)
MAKEFILE_NOT_FLUSHED_HINT = (
    "Hint: your code writes its replies into a file made by makefile(\"wb\"): that file keeps what you write in its "
    "own buffer (8 KiB) until it is full, flushed or closed, so nothing reached the socket. Call flush() after "
    "each reply, or send with sock.sendall()."
)
WHOLE_FRAME_THEN_EOF = (
    "The reference peer sent a whole {frame}-byte frame (its header {header}: a payload of {length} bytes), the "
    "next frame behind it, then FIN; recv_frame() raised EOFError: it waited for more bytes than the frame holds.\n"
    "  Hint: check the length you decode, and what you ask for after it: 4 bytes in network byte order "
    "(big-endian), struct.unpack(\"!I\", header)[0] or int.from_bytes(header, \"big\"), then exactly that many "
    "bytes of payload. Read in a little-endian machine's own order, the same 4 bytes say {native}."
)
READ_PAST_FRAME = (
    "The reference peer sent {sent} bytes at once: a {frame}-byte frame and then the next frame. recv_frame() "
    "must leave the next frame in the socket, but afterwards the socket held {left} unread bytes instead of "
    "{want}.\n"
    "  {hint}"
)
READ_PAST_FRAME_HINT = "Hint: never ask recv() for more than the bytes still missing; what you take out of the socket is gone."
EXPECTED_EMPTY_FRAME = "recv_frame() to return b\"\": the frame's length is 0."
EMPTY_FRAME_WRONG = (
    "The reference peer sent a frame with an empty payload, its header 00 00 00 00 in two pieces (3 + 1 bytes), "
    "the last header byte in the same send() as the next frame ({next} bytes). recv_frame() must return b\"\" "
    "and leave the next frame in the socket, but {did}.\n  {hint}"
)
EMPTY_FRAME_LEFT = "recv_frame() returned b\"\" and left {left} unread bytes in the socket, not {want}"
EMPTY_FRAME_HINT = (
    "Hint: a length of 0 is a valid frame: its payload is b\"\", returned once the header is complete. None is "
    "only for an EOF before a header. And recv(0) returns b\"\" at once, which is not EOF: when no byte is "
    "missing, do not call recv()."
)
HEADER_READ_PAST_HINT = (
    "Hint: ask recv() only for the header bytes still missing (4 minus what you hold), then for the payload's: "
    "after the header's last byte may come the next frame, which is not yours."
)
EXPECTED_NONE = "recv_frame() to return None: the peer closed between two frames."
CLOSED_BETWEEN_FRAMES = "the reference peer closed (FIN) before sending any byte of a frame"
NO_NONE_AT_EOF = (
    "The reference peer closed cleanly (FIN) before the first byte of a frame, and {did}.\n"
    "  Hint: EOF before the first byte of a header is the normal end of a conversation: return None there. "
    "Only an EOF in the middle of a frame is an error."
)
FRAME_SILENCE_IS_NOT_EOF = (
    "The reference peer sent {sent} and then went quiet, its side still open (no FIN yet), and {did} in the "
    "silence. A pause is not the peer's close: only its FIN is, which recv() shows as b\"\".\n"
    "  Hint: return None or raise EOFError only when recv() returns b\"\"; do not take a timeout "
    "(socket.timeout) for the end, however long."
)
# A long hold of the quiet peer (deadlock.returned_in_silence, long=True) out-waited a timer of the code's own.
QUIET_PAST_TIMER = (
    "  The peer stayed quiet until your code's own timer of {timer} s (a timeout it set with settimeout(), say) had "
    "run out: that timer ended the wait, not anything the peer did."
)
CR_SPLIT_HINT = (
    "Hint: your code ended a line before its b\"\\n\" (at a b\"\\r\", or another character splitlines() takes for a "
    "line break) and answered its parts as lines: bytes.splitlines() ends a line at a lone b\"\\r\" too, and "
    "str.splitlines() also at \\x0b, \\x0c, \\x1c, \\x1d, \\x1e and \\x85. Here only b\"\\n\" ends a line: split "
    "with split(b\"\\n\") (or find b\"\\n\"), and keep the bytes after the last one for the next recv()."
)
FRAME_PAUSE_HINT = (
    "Hint: the reference peer paused inside the frame, and your code's own timeout ran out there: it took the "
    "pause for the end. A pause is not the peer's close: return None or raise EOFError only when recv() returns "
    "b\"\"; do not take a timeout (socket.timeout) for the end, however long."
)
NOTHING_SENT = "nothing"
SENT_OF_FRAME = "{sent} of a frame's {total} bytes"
CUT_IN_HEADER = "the reference peer sent {sent} of the frame's {total} bytes (inside its header), then closed (FIN)"
CUT_IN_PAYLOAD = "the reference peer sent {sent} of the frame's {total} bytes (inside its payload), then closed (FIN)"
CUT_AFTER_HEADER = (
    "the reference peer sent {sent} of the frame's {total} bytes (its whole header, none of its payload), "
    "then closed (FIN)"
)
EXPECTED_EOFERROR_FRAME = "recv_frame() to raise EOFError: the peer closed in the middle of a frame."
NO_EOFERROR_IN_FRAME = (
    "Here {where}, and {did}.\n"
    "  Hint: a frame cut short is not a frame: once the first byte of a header has come, an EOF before the "
    "frame's last byte raises EOFError."
)
EXACT_MAX_HINT = "Hint: a frame of exactly MAX_FRAME ({max}) bytes is allowed: only a length over MAX_FRAME is refused."
EXACT_MAX_NATIVE = (
    "The reference peer sent a frame of exactly MAX_FRAME ({max}) bytes, which is allowed; recv_frame() returned "
    "its first {got} bytes: its header, 00 10 00 00, says {max} in network byte order (big-endian), but {got} "
    "when read in this machine's native little-endian order.\n"
    "  Hint: unpack the length with struct.unpack(\"!I\", header): \"!\" is network byte order."
)
EXACT_MAX_WRONG = (
    "The reference peer sent a frame of exactly MAX_FRAME ({max}) bytes, which is allowed; recv_frame() returned "
    "{got}, not its payload.\n"
    "  Hint: loop until you hold as many bytes as the header says."
)
EXPECTED_VALUEERROR = "recv_frame() to raise ValueError: the header announced more than MAX_FRAME bytes."
SENT_HUGE = "the header announced {n} bytes; the peer sent only {sent} of them, then closed (FIN)"
TRUSTED_LENGTH = (
    "The reference peer sent a header announcing {n} bytes, more than MAX_FRAME ({max}), then {sent} bytes and "
    "FIN. recv_frame() must raise ValueError before reading any of the payload, but {did}.\n"
    "  Hint: a length comes from the network: check it against MAX_FRAME before you read (or allocate) that many "
    "bytes. Otherwise any peer can make you wait for, or reserve memory for, 4 GiB."
)
SIGNED_LENGTH = (
    "The reference peer sent the header ff ff ff ff, which announces {n} bytes (unsigned, big-endian), more than "
    "MAX_FRAME ({max}), then {sent} bytes and FIN. recv_frame() must raise ValueError before reading any of the "
    "payload, but {did}.\n"
    "  Hint: the length is unsigned: struct.unpack(\"!I\", header), with a capital I. Read as signed (\"!i\"), "
    "ff ff ff ff is -1, which passes a test against MAX_FRAME."
)
READ_BEFORE_CHECK = (
    "recv_frame() raised ValueError for a header announcing {n} bytes, but only after reading {read} of that payload "
    "out of the socket.\n"
    "  {hint}"
)
READ_BEFORE_CHECK_HINT = "Hint: check the length right after decoding the header, before any recv() of the payload."
EXPECTED_LINE_REPLY = "the reply to each complete line, sent as soon as the line was complete."
TIMELINE_NO_REPLY = "no reply {wait:.1f} s after the line was sent: your code was stopped"
COMPLETES_LINES = ", which completes {lines}"  # after the piece a check sent, when it ends a line begun before
NO_LINE_REPLY = (
    "The reference client sent {sent}{complete}, and waited for the reply {want}. "
    "{wait:.1f} s later it had received {got}, and your code was waiting for more data.\n  {hint}"
)
# A line read (the kernel: every byte taken, the code asleep, no reply on its way) and never answered, while the
# next line sent after it was: the line was skipped (a blank line dropped with `if not line.strip()`, say).
LINE_SKIPPED = (
    "The reference client sent {sent}{complete}, and waited for the reply {want}; your code read it and went back "
    "to waiting without a reply. The client then sent the next line, {next}, and your code answered that one "
    "({reply}): it skipped the line before.\n"
    "  Hint: every line that ends in b\"\\n\" gets its reply, an empty line or a line of spaces or control bytes "
    "too: the reply to b\"\\n\" is b\"\\n\". Do not skip, strip or filter lines: reply line[::-1] + b\"\\n\" "
    "for each."
)
WAITS_FOR_MORE_HINT = (
    "Hint: the client sends its next line only after the reply to this one, so a server that waits for more "
    "data first waits forever. After every recv(), answer each complete line in your buffer at once."
)
REPLY_NEWLINE_HINT = (
    "Hint: each reply ends with b\"\\n\", as each line does: the line without its b\"\\n\", reversed, then "
    "b\"\\n\". The client reads a reply up to its b\"\\n\", so without it, it waits for the rest."
)
# serve_lines answered the first of two lines in a piece and not the second, shorter than the line's start it kept.
STALE_OFFSET_HINT = (
    "Hint: before this piece came, your buffer held {kept} of a line; your code answered that line and not the "
    "next one, {line}, shorter than those bytes. A search for b\"\\n\" that starts where the new bytes began finds the first "
    "newline, but once a line is cut off the front of the buffer every position in it moves back: search again from "
    "the buffer's start after each cut (buffer.find(b\"\\n\")), or move the offset back too."
)
LOST_AFTER_NEWLINE_HINT = (
    "Hint: one recv() may bring several lines, or a line and the start of the next. Answer every complete line, "
    "and keep the bytes after the last b\"\\n\" in your buffer: they are the start of the next line."
)
LINE_WITHHELD = (
    "The reference client sent {sent}, which completes {lines}; your code read all of it and went back to waiting "
    "with {got} sent, and answered only {late:.2f} s later, once something else happened (a timer of its own ran "
    "out, say). Each complete line is to be answered at once: a client that waits for its answer before it sends "
    "more would wait that long every time.\n"
    "  Hint: answer each complete line as soon as you have read it: after every recv(), reply to every line that is "
    "complete in your buffer, then wait for more."
)
REPLY_SENT_HALF = (
    "The reference client sent {sent} and received only the first {got} of the reply's {total} bytes: the rest was "
    "never sent. send() may send only part of what it is given (here each send() took half, as the kernel may), "
    "and returns how many bytes that was.\n"
    "  Hint: reply with sock.sendall(), or call send() again on the bytes not sent yet until none is left "
    "(lesson 3's send_all)."
)
WRONG_LINE_REPLY = (
    "The reference client sent {sent}{complete}, and received {got}\n"
    "  but the expected reply was {want}.\n  {hint}"
)
PIECE_ANSWERED_HINT = (
    "Hint: your code replied to {part}, the start of that line, before its b\"\\n\" had come: one recv() "
    "can end anywhere in a line. Keep the bytes after the last b\"\\n\" in a buffer, and reply only to complete "
    "lines."
)
NEWLINE_REVERSED_HINT = (
    "Hint: your reply is the whole line reversed, its b\"\\n\" too, so the b\"\\n\" comes first (b\"\\ncba\" for "
    "b\"abc\\n\"). Take the line without its b\"\\n\", reverse that (line[::-1]), then add b\"\\n\" at the end."
)
LINE_STRIPPED_HINT = (
    "Hint: your reply lacks bytes of the line's end: a b\"\\r\" or spaces before b\"\\n\" are part of the "
    "line. A line is every byte up to b\"\\n\": strip nothing (no strip(), rstrip(), splitlines()), remove "
    "only the b\"\\n\"."
)
# Every line's reply right, then {extra} made of b"\n" alone that no line asked for (the newline left in the buffer).
EMPTY_REPLIES_HINT = (
    "Hint: your code sent back more replies than the client sent lines ({lines}): after the right ones came "
    "{extra} more, each an empty line (b\"\\n\" alone). The b\"\\n\" of a line you answered stayed in your "
    "buffer, so the next search finds it again at once: cut each line off with its b\"\\n\"."
)
REVERSE_HINT = (
    "Hint: the reply is the line's bytes reversed without its b\"\\n\", then b\"\\n\": b\"abc\\n\" -> b\"cba\\n\". "
    "Work on bytes (line[::-1]); decoding would break on bytes that are not UTF-8."
)
EXPECTED_COUNT = "serve_lines() to return the number of lines it answered, once the client had closed (EOF)."
# What lesson 5's client sent in the check of the count: two segments, the second once the first was answered.
COUNT_SENT = "{first} in one segment, then, once its two lines were answered, {second} in the next"
WRONG_COUNT_AT_EOF = (
    "The reference client sent {sent}, and then FIN: {count} complete lines (the third one split over the two "
    "segments), and a last line without b\"\\n\", which is dropped. It received {got} (expected {want}), and "
    "{did}, where it must return {count}.\n"
    "  Hint: at EOF (recv() returns b\"\"), return how many lines you answered: count each line as you answer it, "
    "not each recv() (one recv() may bring several lines, or part of one); a line without b\"\\n\" is not "
    "complete, so it gets no reply."
)
WRONG_COUNT_RIGHT_REPLY = (
    "The reference client sent {sent}, and then FIN: {count} complete lines (the third one split over the two "
    "segments), and a last line without b\"\\n\", which is dropped. Your replies were right, but {did}, where "
    "it must return {count}.\n"
    "  Hint: at EOF (recv() returns b\"\"), return how many lines you answered: count each line as you answer it, "
    "not each recv() (one recv() may bring several lines, or part of one); a line without b\"\\n\" is not "
    "complete, so it gets no reply and is not counted."
)
NEWLINE_FIRST_AT_EOF = (
    "The reference client sent {sent}, and then FIN. serve_lines() returned {count}, which is right, but the "
    "client received {got} where it expected {want}: each line's b\"\\n\" came first.\n  {hint}"
)
WRONG_REPLY_AT_EOF = (
    "The reference client sent {sent}, and then FIN: {count} complete lines, and a last line without b\"\\n\", "
    "which is dropped. serve_lines() returned {count}, which is right, but the client received {got} where it "
    "expected {want}.\n"
    "  Hint: reply to a complete line only, once its b\"\\n\" has come; the bytes after the last b\"\\n\" wait "
    "for the rest of their line, and at EOF they get no reply."
)
CLOSED_THE_SOCKET = (
    "serve_lines() answered correctly and returned the right count, but its end of the connection was gone when it "
    "returned: it closed the socket it was given, or shut it down (its FIN went out, and the client's FIN had "
    "come).\n"
    "  Hint: the socket belongs to the caller (the servers of lessons 7 and 8 will close it): neither close it nor "
    "shut it down."
)
SILENCE_IS_NOT_EOF = (
    "The reference peer sent {sent} bytes and then went quiet, its side still open (no FIN yet), and {name} "
    "returned in the silence. A pause is not the end of the data: only the peer's FIN is, which recv() shows "
    "as b\"\".\n"
    "  Hint: loop until recv() returns b\"\"; do not end the loop on a timeout (socket.timeout), however long."
)
TL_RETURNED_BEFORE_FIN = "the function returned while the peer was quiet, before its FIN"
TL_SEND_INTERRUPTED = "a signal to the thread waiting in send() on the full buffer (as any signal may come)"
TL_SEND_INTERRUPTED_AGAIN = ("the peer read {room} to make room; once your code waited in send() again, the full "
                             "buffer holding part of that room, a second signal to its thread")
SIGNAL_IS_NOT_EOF = (
    "The reference peer sent {got}; while your code waited for more, the grader sent its thread a signal, as "
    "any signal may come to a process (handled, and ignored); then the peer sent {rest} more and closed "
    "(FIN). {name} returned those first {got} alone: the recv() the signal interrupted returned the bytes it "
    "had so far, fewer than it asked for (a recv() with MSG_WAITALL does that), and your code took that short "
    "result for the end.\n"
    "  Hint: only b\"\" from recv() is the end (the peer's FIN); a chunk shorter than you asked for is not. Loop "
    "until recv() returns b\"\", whatever the length of each chunk."
)
EXACTLY_SIGNAL_NOT_EOF = (
    "The reference peer sent {got} of the {n} bytes; while your code waited for more, the grader sent its thread "
    "a signal, as any signal may come to a process (handled, and ignored); then the peer sent the other {rest} "
    "and closed (FIN). recv_exactly(sock, {n}) raised EOFError ({message}), though the peer had not closed "
    "early: the recv() the signal interrupted returned the bytes it had so far, fewer than it asked for (a recv() "
    "with MSG_WAITALL does that), and your code took that short result for the end.\n"
    "  Hint: only b\"\" from recv() means the peer closed; a chunk shorter than you asked for is not the end. "
    "Loop until you have n bytes, asking for the bytes still missing each time."
)
TL_RECV_INTERRUPTED = "a signal to your code's thread waiting in recv() (as any signal may come)"
TL_FIN_ONLY = "the reference peer sends nothing and closes (FIN): everything it sent is b\"\""
UNTIL_CLOSED_NONE_AT_FIN = (
    "The reference peer closed (FIN) without sending a byte, and {name} returned None; it must return bytes: "
    "b\"\", everything the peer sent.\n"
    "  Hint: return the bytes you collected whatever came (b\"\".join([]) is b\"\"); no special case that "
    "returns None when nothing came."
)
UNTIL_CLOSED_EMPTY_HINT = (
    "Hint: the peer closed without sending a byte, so everything it sent is b\"\": return that, bytes like any "
    "other result (b\"\".join([]) is b\"\"), never None."
)
TL_SEND_EMPTY = "send_all() is given empty data, b\"\": nothing to send"
SEND_EMPTY_HINT = (
    "Hint: send_all(sock, b\"\") is given empty data: it must return at once, having sent nothing (a loop "
    "while sent < len(data) never runs). A chunk size worked out from len(data) is 0 here (range() with a step of 0 "
    "raises ValueError)."
)
GIVEN_OPTIONS_LEFT = (
    "{name} {ended}, but it left the socket it was given changed: {options}. That socket is its caller's, who "
    "goes on using it; the lesson says each function leaves it as it found it (only its timeout and blocking mode "
    "are yours to change).\n"
    "  Hint: set each option you change back before your function returns or raises (read it first with "
    "getsockopt(), restore it in a finally: block), or do without it: a loop of recv() or send() needs none."
)
GIVEN_ENDED_RETURNED = "returned"  # how the function ended, in GIVEN_OPTIONS_LEFT
GIVEN_ENDED_RAISED = "raised {type}"
OPTION_CORK_LEFT = (
    "TCP_CORK is still on (it was off): the kernel holds back the caller's next small sends, up to 200 ms each, "
    "to fill a segment"
)
OPTION_RCVLOWAT_LEFT = (
    "SO_RCVLOWAT is {value} (it was 1): the caller's next recv() waits until {count} are there, not one"
)
OPTION_LINGER_LEFT = (
    "SO_LINGER is on, {seconds} s (it was off): the caller's close() waits up to {seconds} s for unsent data"
)
OPTION_LINGER_ZERO_LEFT = (
    "SO_LINGER is on, 0 s (it was off): the caller's close() resets the connection (RST) instead of closing it"
)
RECV_CLOSED_GIVEN = (
    "{name} returned the right bytes, but it closed the socket it was given.\n"
    "  Hint: the socket belongs to the caller, who may still read from it or send on it: do not close it (no "
    "`with sock:` and no close() in the function)."
)
SEND_CLOSED_GIVEN = (
    "{name} delivered every byte, but it closed the socket it was given.\n"
    "  Hint: the socket belongs to the caller, who may still read a reply from it or send more: do not close it "
    "(no `with sock:` and no close() in the function)."
)
EOF_CLOSED_GIVEN = (
    "{name} raised EOFError, as it should, but it closed the socket it was given.\n"
    "  Hint: the socket belongs to the caller, even when the peer closed early: raise EOFError and leave the "
    "socket to the caller (no close() before the raise, no `with sock:`)."
)
RECV_SHUT_GIVEN = (
    "{name} returned the right bytes, but it shut down the socket it was given: its end of the connection sent "
    "a FIN to the reference peer before the function returned.\n"
    "  Hint: the socket belongs to the caller, who may still send on it (a reply, say): no shutdown() in the "
    "function; the caller decides when its side is done."
)
SEND_SHUT_GIVEN = (
    "{name} delivered every byte, but it shut down the socket it was given: its end of the connection sent a FIN "
    "to the reference peer before the function returned.\n"
    "  Hint: the socket belongs to the caller, who may still send more on it: no shutdown() in the function "
    "(send() returning means the kernel has the bytes; nothing needs flushing); the caller decides when its side "
    "is done."
)
SEND_READ_SHUT_GIVEN = (
    "{name} delivered every byte, but it shut down the reading side of the socket it was given "
    "(shutdown(SHUT_RD)): no packet shows it, the kernel does. The caller can no longer read a reply on that "
    "socket: its recv() returns b\"\" as if the peer had closed.\n"
    "  Hint: the socket belongs to the caller, who may wait for a reply on it: no shutdown() in the function."
)
GIVEN_KEPT_AFTER_CLOSE = (
    "{name} left the socket it was given open, as it should; then the grader, as its caller, closed that socket "
    "with sock.close(), and the connection stayed open: your process still held a descriptor of it, so the "
    "reference peer never got the FIN of that close. Something your code kept past its return still holds the "
    "socket: a file made with sock.makefile() and never closed (while one is open, sock.close() only marks the "
    "socket closed; the real close waits for that file's close()), or a copy made with sock.dup() or "
    "socket.socket(fileno=...).\n"
    "  Hint: close every file and every copy you make of the socket before the function returns (a with-block "
    "does it), and keep none of them in a global or a cache: the socket is the caller's, and the caller's "
    "close() must close it."
)
EOF_SHUT_GIVEN = (
    "{name} raised EOFError, as it should, but it shut down the socket it was given: its end of the connection "
    "sent a FIN to the reference peer before the function returned.\n"
    "  Hint: the socket belongs to the caller, even when the peer closed early (it may still send a reply): "
    "raise EOFError and leave the socket as it is, with no shutdown() before the raise."
)
EXPECTED_RESET_RAISED = "serve_lines() to let the ConnectionResetError of the client's reset (RST) propagate."
RESET_SWALLOWED = (
    "The reference client sent half a line, then reset the connection (RST), and {did}.\n"
    "  Hint: a reset is not a clean end: let ConnectionResetError propagate (do not catch it), so that the "
    "caller knows the conversation broke."
)

CHECK_TITLES.update({
    "test_send_frame_sends_a_big_endian_length_then_the_payload": "send_frame() sends a 4-byte big-endian length, then the payload",
    "test_send_frame_refuses_a_payload_over_max_frame": "send_frame() sends a payload of MAX_FRAME bytes whole, and refuses one byte more (ValueError, nothing sent)",
    "test_recv_frame_collects_a_frame_sent_in_pieces": "recv_frame() collects a frame split inside its header and a character",
    "test_recv_frame_leaves_the_next_frame_unread": "recv_frame() never reads past the frame's last byte",
    "test_recv_frame_returns_none_at_a_clean_eof": "recv_frame() returns None when the peer closes between frames",
    "test_recv_frame_raises_eoferror_when_a_frame_is_cut": "recv_frame() raises EOFError when the peer closes inside a frame",
    "test_recv_frame_refuses_a_length_over_max_frame_before_reading_it": "recv_frame() refuses a length over MAX_FRAME before reading it",
    "test_serve_lines_answers_each_line_at_once": "serve_lines() answers each complete line at once, however lines are split",
    "test_serve_lines_returns_the_count_at_eof": "serve_lines() drops a last line without b\"\\n\" and returns the count at EOF",
    "test_serve_lines_lets_a_reset_propagate": "serve_lines() lets a reset (ConnectionResetError) propagate",
})

# --------------------------------------------------------------------------- timeouts

PEER_SERVERS = "reference servers"
ORDER_NONE = "none"
SERVER_KINDS = {
    "refusing": "refuses connections", "silent": "silent", "trickling": "trickles",
    "resetting": "resets mid-reply", "slow": "slow but in time", "good": "good",
    "deaf": "never answers the handshake",
}
FIRST_REPLY_CALL = "first_reply() with servers that are: {kinds}"  # one of lesson 6's calls, by its list
FIRST_REPLY_CALL_EMPTY = "first_reply() with no server"
SERVER_KIND_STALLING = "trickles, then stops"  # lesson 6's grader only: not one of the by-hand peer's kinds
SERVER_KIND_RESETTING_ONCE = "resets its first connection, answers the next"  # lesson 6's grader only, likewise
SERVER_KIND_EMPTY_REPLY = "answers with its FIN alone"  # lesson 6's grader only, likewise
SERVER_KIND_SAME = "the same address again"  # lesson 6: a server listed twice, in a call's list of kinds
SERVER_LABEL = "server {index} ({kind}, {address})"
TL_CONNECT = "connect to server {index} (at {t:.3f} s)"
TL_CONNECT_REFUSED_TO = "connect to server {index} (at {t:.3f} s): refused, RST"
TL_CONNECT_ELSEWHERE = "connect to {address}, not server {index}'s address (at {t:.3f} s): refused, RST"
TL_REQUEST = "request ({size}), FIN to server {index}"
TL_RST = "RST to server {index} before the request's end"
TL_CLOSE_BEFORE_REPLY = "request ({size}), then close, to server {index}: before any reply"
TL_CLOSE_NO_FIN = "close, to server {index}: the request never ended first"
TL_TRICKLE = "server {index}: 1 byte every {every:.2f} s ({sent} in all)"
TL_STALL = "server {index}: 1 byte every {every:.2f} s for {stall:.2f} s ({sent} in all), then nothing"
TL_SILENT = "server {index}: says nothing"
TL_DEAF = "server {index}: its accept queue is full, so your SYN is dropped: no SYN+ACK, ever"
TL_ANSWER = "server {index}: {sent}, then {end}"
TL_CLOSED = "your socket to server {index} closed {after:.3f} s after connecting (deadline {timeout} s)"
TL_STILL_OPEN = "your socket to server {index} still open {after:.2f} s after connecting (deadline {timeout} s): stopped"
TL_RAISED = "first_reply() raised {type}: {message}"
STOPPED_PAST_DEADLINE = (
    "Your code was stopped while it was still connected to {server} past its deadline, so it never got as far "
    "as what this check looks at: see the check about that server's deadline."
)
EXPECTED_REPLY_FROM = "first_reply() to return the reply of {server}."
RAISED_INSTEAD = (
    "first_reply() raised {type} ({message}), but {server} would have sent its whole reply and FIN in time.\n  {hint}"
)
NEVER_CONNECTED_HINT = (
    "Hint: your code never connected to {server}. After a refused, reset or timed-out server, go on with the "
    "next one in the list, with a deadline of its own: each server gets its own timeout seconds."
)
SKIPPED_SERVER_HINT = (
    "Hint: your code never connected to {server} before it raised {type}: it skipped that position of the list. "
    "Try every position of the list, in order, even when an address repeats (an address listed twice is tried "
    "twice: for index, (host, port) in enumerate(servers)), each with a deadline of its own."
)
CLOSED_BEFORE_REPLY_HINT = (
    "Hint: your code closed its socket to {server} before its reply came (an OSError such as 'Bad file "
    "descriptor' follows from reading a closed socket). After shutdown(socket.SHUT_WR), read until recv() returns "
    "b\"\" (the server's FIN), and only then close."
)
EMPTY_REQUEST_GIVEN = "With an empty request (first_reply(servers, b\"\", timeout), one good server in the list):"
EMPTY_REQUEST_NO_FIN_HINT = (
    "Hint: no FIN after an empty request: the good server replies once the request has ended, and it never saw "
    "that end, so it looked silent. shutdown(socket.SHUT_WR) must be called even when there is nothing to send: "
    "the FIN alone says the request (an empty one) is complete. Put no `if request:` around sendall() and "
    "shutdown(): sendall(b\"\") is harmless."
)
NO_REQUEST_EOF_HINT = (
    "Hint: the server never saw the end of your request. It answers only after the request's EOF: call "
    "shutdown(socket.SHUT_WR) after sending it."
)
SLEPT_THROUGH_REPLY_HINT = (
    "Hint: the whole reply of {server}, and its FIN, were in your socket {after:.3f} s before your code gave up on "
    "it: "
    "your code was not waiting on the socket when they came (a time.sleep() between non-blocking reads sleeps "
    "through them). Wait on the socket itself with the time left: sock.settimeout(left) and recv(), or select() "
    "with it."
)
OWN_DEADLINE_HINT = (
    "Hint: each server gets its own timeout seconds: start a new deadline when you move to the next server, "
    "not one deadline for the whole list."
)
RESULT_TYPE = (
    "first_reply() returned a {type} ({value}); it must return a tuple (index, reply): an int and the reply's bytes.\n"
    "  Hint: return index, b\"\".join(chunks)"
)
RESULT_ITEM_TYPES = (
    "first_reply() returned the pair {value}, of the types ({types}); it must return (index, reply): an int and "
    "the reply's bytes.\n  Hint: return index, b\"\".join(chunks)"
)
WRONG_RESULT = "first_reply() returned {got}\n  but the expected result was {want}.\n  {hint}"
REQUEST_NOT_SENT = (
    "first_reply() returned the right reply, but {server} received {got} as the request, not {want}: the "
    "reference servers answer whatever they get, a real one would not.\n"
    "  Hint: send the whole request (sendall) to each server you try, then shutdown(SHUT_WR) to say it is complete."
)
# Lesson 6: the winner's reply was empty (it read the request, then sent its FIN and no byte: the wire's), and the code
# returned a later server's: its b"" at once taken for a failure. {server}: its label; {index}: its position.
EMPTY_REPLY_IS_A_REPLY_HINT = (
    "Hint: {server} did answer: it read your request, then sent its FIN with no byte before it, and that FIN "
    "reached your socket before your code left it. Your recv() returned b\"\" at once, and b\"\" says the reply "
    "is whole: here it is whole and empty. An empty reply is still a reply, not a failure: return ({index}, b\"\") "
    "and try no other server. Only a refused connect, a reset or the deadline is a failure."
)
RST_IS_FAILURE_HINT = (
    "Hint: that server reset the connection (RST) in the middle of its reply: a reset is a failure, not the end "
    "of a reply. Only recv() returning b\"\" (FIN) means the reply is complete; on ConnectionResetError, move on."
)
DEADLINE_IS_FAILURE_HINT = (
    "Hint: that server was still sending when its deadline passed: a deadline that passes is a failure, not the "
    "end of a reply, whatever came before it. Only recv() returning b\"\" (FIN) means the reply is complete; when "
    "the time is up, close that socket and move on to the next server."
)
WHOLE_REPLY_HINT = "Hint: read the reply until recv() returns b\"\" (the server's FIN), and return all of it, unchanged."
FIRST_IN_ORDER_HINT = (
    "Hint: try the servers in the order of the list, and return the first one whose whole reply came in time."
)
MOVED_ON_AFTER_REPLY = (
    "{server} sent its whole reply and FIN {after:.3f} s after your code connected, within the timeout of "
    "{timeout} s, and your code closed that socket {closed:.3f} s after connecting: after the FIN, so the whole "
    "reply had reached it. Yet your code went on to the next server and returned its reply.\n"
    "  Hint: when recv() returns b\"\" (the FIN), the reply is complete: return (index, reply) at once; never "
    "contact the next server after a whole reply."
)
SAME_ADDRESS_INDEX_HINT = (
    "Hint: {address} is listed twice, as server {index} and server {winner}: its first connection was reset, and "
    "the reply came on the second, the one for server {winner}. You returned {index}, the position of its first "
    "listing (as servers.index((host, port)) finds it): return the position in the loop, for index, (host, port) in "
    "enumerate(servers)."
)
WRONG_INDEX_HINT = (
    "Hint: the reply you returned is {server}'s, but the index you returned with it is {index}: return that "
    "server's position in the list (the first is 0, as enumerate(servers) counts)."
)
NOT_CONNECTED_INDEX_HINT = (
    "Hint: your code returned the index {index}, but it never connected to {server}: return the position in the "
    "list of the server whose reply you return (the first is 0, as enumerate(servers) counts)."
)
MIXED_REPLIES_HINT = (
    "Hint: the reply you returned is not the bytes one server sent: it holds {server}'s reply with bytes of "
    "another server mixed in ({count} that {other} had sent). Start an empty reply for each server you try, so "
    "that what a failed server sent never becomes part of the next one's reply."
)
LINE_END_IS_NOT_END_HINT = (
    "Hint: your code stopped reading {server} where its first piece ended, at a line's end (b\"\\n\"): "
    "{count} of the {total} it sent before its FIN. Neither a line's end nor one recv() (it returns what has "
    "arrived so far) ends a reply: call recv() until it returns b\"\" (the server's FIN) or the deadline passes."
)
STOPPED_READING_HINT = (
    "Hint: your code read {count} from {server} and closed its socket {after:.3f} s after connecting, long "
    "before its deadline ({timeout} s), while that server had not ended its reply (no FIN). One recv() returns "
    "what has arrived so far, not the whole reply: call recv() again until it returns b\"\" or the deadline passes."
)
PAUSE_IS_NOT_END_HINT = (
    "Hint: your code read {count} from {server} and closed its socket {after:.3f} s after connecting, before its "
    "deadline ({timeout} s) had passed, while that server had not ended its reply (no FIN): a pause between pieces "
    "is not the end of a reply. Keep calling recv() until it returns b\"\" (the server's FIN) or the deadline passes."
)
READ_SIDE_SHUT_HINT = (
    "Hint: your code shut down the reading side of its socket to {server}: the kernel showed it shut when the "
    "request ended, by shutdown(SHUT_RD) or SHUT_RDWR. From then on recv() returns b\"\" at once, and a reply that "
    "arrives anyway is answered by your own kernel with a reset (RST), which recv() raises as ConnectionResetError. "
    "Shut down only the writing side, shutdown(socket.SHUT_WR), and read until the server's FIN."
)
EOF_WITHOUT_FIN_HINT = (
    "Hint: your code returned b\"\" as the reply of {server} and closed its socket {after:.3f} s after "
    "connecting, long before its deadline ({timeout} s), but that server had sent no FIN: that b\"\" was not the "
    "end of its reply. A shutdown of your own reading side (SHUT_RD, SHUT_RDWR) makes recv() return b\"\" at "
    "once: shut down only the writing side, shutdown(socket.SHUT_WR), and read until the server's FIN."
)
GAVE_UP_ON_SLOW = (
    "{server} sends its reply in pieces, the last one with FIN {after:.2f} s after your code connected: "
    "within the timeout of {timeout} s. Your code gave up on it before, and returned the next server's reply.\n"
    "  Hint: a pause between pieces is not the end of a reply, and the deadline is not over yet: keep reading "
    "until b\"\" as long as time is left."
)
# The held slow server: its first piece, then the rest held until a timer of the code's own had fired; the code
# gave up on it then, and returned the next server's reply.
GAVE_UP_ON_OWN_TIMER = (
    "With timeout={timeout}, {server} sent the first piece of its reply at once, then paused {held} s, until a timer "
    "of your code's own, shorter than the time left, had run out; it would have sent the rest and its FIN right "
    "after, well within the deadline. Your code gave up on it when that timer ran out, and returned the next "
    "server's reply.\n"
    "  Hint: a timeout of your own on one recv() (settimeout(1.0), min(left, 1.0)) running out is not the server "
    "failing: only the deadline is. When it runs out with time left, go round again and wait with the time left "
    "(settimeout(deadline - time.monotonic()))."
)
EXPECTED_CONNECTIONERROR = "first_reply() to raise ConnectionError: no server of the list replies."
RETURNED_INSTEAD_OF_RAISING = (
    "No server of this list replies (one refuses, one is silent, one resets mid-reply), but first_reply() returned "
    "{value}.\n  {hint}"
)
MADE_UP_RESULT_HINT = "Hint: when every server failed, raise ConnectionError; never return a made-up result."
EMPTY_LIST_RETURNED = (
    "first_reply([], request, timeout), an empty list of servers, returned {value}. No server replied, so, as "
    "when every server of a list failed, it must raise ConnectionError.\n"
    "  Hint: raise ConnectionError after the loop, once every server was tried, not inside it at the last "
    "server: with no server, the loop never runs."
)
EMPTY_LIST_RAISED = "first_reply([], request, timeout), an empty list of servers, raised {type}:"
EMPTY_LIST_RAISED_HINT = (
    "Hint: with no server, the loop never runs: the code after it runs with no server tried and no error "
    "collected. There it must raise ConnectionError, as the contract says for an empty list (its message then "
    "names no server)."
)
EMPTY_LIST_NOT_A_CONNECTIONERROR = (
    "first_reply([], request, timeout), an empty list of servers, raised {type} ({message}). No server replied, "
    "so it must raise ConnectionError, as when every server of a list failed.\n"
    "  Hint: raise ConnectionError after the loop, once every server was tried: with no server, the loop never runs."
)
OSERROR_ESCAPED_HINT = (
    "Hint: the {type} of one server left first_reply(): your except clause does not catch it. A refused "
    "connect (ConnectionRefusedError), a reset (ConnectionResetError) and a timeout (TimeoutError) are all "
    "OSError: catch OSError for each server, note it, and go on with the next one."
)
ESCAPED_AS_ABOVE_HINT = (
    "Hint: the same {type} as in the report above: catch OSError for each server, note it, and go on with the next "
    "one."
)
NOT_REACHED_ESCAPED = (
    "first_reply() never reached {server}: the {type} ({message}) of a server before it had already left "
    "first_reply(), so how it gives up on such a server could not be seen. Fix that {type} first."
)
SERVER_ERROR_ESCAPED = (
    "No server of this list replies, and first_reply() let one server's {type} ({message}) escape, instead of "
    "raising a ConnectionError of its own that names every server.\n  {hint}"
)
LIST_SEPARATOR = ", "
LIST_AND = " and "  # before the last item of a list in a sentence: "A, B and C"
NOT_A_CONNECTIONERROR = (
    "No server of this list replies, and first_reply() raised {type} ({message}), but the contract says "
    "ConnectionError.\n  Hint: catch each server's error, and after the loop raise ConnectionError(...) yourself."
)
FULLWIDTH_COLON_HINT = (
    "Hint: your message writes the address with a full-width colon between host and port (U+FF1A, which a "
    "Chinese input method types), not the ASCII colon (:) that host:port has. Type that colon with the input "
    "method in English mode."
)
ERROR_MISSES_SERVERS = (
    "first_reply() raised ConnectionError, but its message ({message}) does not name {missing}.\n"
    "  Hint: collect one line per server, f\"{{host}}:{{port}}: what went wrong\", in every except clause that moves "
    "on to the next server (a refused, a silent and a reset server each get theirs), and join them into the message."
)
ERROR_MISSES_REASONS = (
    "first_reply() raised ConnectionError, and its message ({message}) names every server, but does not say what "
    "went wrong with {servers}: one refused the connection, one stayed silent past its deadline, one reset its "
    "reply (listed twice, it reset both times).\n"
    "  Hint: next to each host:port, say why that server failed: the exception (f\"{{host}}:{{port}}: {{exc!r}}\") "
    "or your own words (refused, timed out, reset)."
)
# An address listed twice failed both times, and the message names it fewer times: a note per server tried.
ERROR_MISSES_NOTES = (
    "first_reply() raised ConnectionError, but its message ({message}) names {address} {named}: that address "
    "is listed {tried} ({servers}) and failed each time, so the message must hold a note for each: one note per "
    "server tried.\n"
    "  Hint: append each note to a list, one per failure, in the order the servers were tried; a dict keyed by "
    "host:port keeps only the last note of an address listed twice."
)
# A server's note reads "None" where the reason goes (exc.strerror of a timeout, which has no error number).
ERROR_NOTE_SAYS_NONE = (
    "first_reply() raised ConnectionError ({message}), but its note for {server} reads {note}: None says "
    "nothing of what went wrong.\n"
    "  Hint: exc.strerror and exc.errno are None for an exception without an error number, such as a timeout "
    "(socket.timeout, or a TimeoutError you raise at your deadline). Say what went wrong with str(exc), repr(exc) "
    "or your own words (timed out)."
)
# A note with nothing after the server's address: str() of an exception raised without words is ''.
ERROR_NOTE_EMPTY = (
    "first_reply() raised ConnectionError ({message}), but its note for {server} reads {note}: nothing after the "
    "address says what went wrong.\n"
    "  Hint: str() of an exception raised without words is empty: str(TimeoutError()) is ''. That is what a bare "
    "`raise TimeoutError` at your own deadline check gives. Raise it with words (TimeoutError(\"no reply within "
    "the timeout\")), or write the note yourself (timed out), or add type(exc).__name__."
)
WRONG_ORDER = (
    "The servers were {servers}. Your code connected to them in the order {got}; it should have tried {want}: "
    "in the list's order, each once, and none after the first whole reply.\n"
    "  Hint: one loop over enumerate(servers), one server at a time; return as soon as a reply is complete."
)
CONNECTED_AGAIN = (
    "Your code connected to {server} {count} times: the packets show {count} SYNs to its port. Each server is "
    "tried once: a refused connection (RST at once) or a failed one is the final answer for that server.\n"
    "  Hint: catch the error of one server, close its socket and go on with the next; no retries."
)
HELD_BY_FILE_HINT = (
    "Hint: your code close()d that socket (its with-block did), but a file that makefile() made from it was still "
    "open, and a socket stays open while such a file is: close the file too (with sock.makefile(\"rb\") as f:)."
)
OPEN_ROW = "{state} to {remote}"
# Sockets open when the function returned that have no row in the kernel's table when the grader reads it: a
# connect that failed (refused), a reset, or a close that came only after the return (a socket dropped without
# close(): the reply's FIN had come, so that late close ends the connection at once). Of the {sockets} counted.
OPEN_WITHOUT_ROW = (
    "{count} of them with no connection in the kernel's table when the grader looked: never connected, reset, "
    "or closed only after your function returned"
)
FAILED_SOCKETS_OPEN = (
    "first_reply() returned with {sockets} still open ({where}).\n"
    "  Hint: close every socket, the failed ones too: a with-block around each connection does it, whatever "
    "exception ends it."
)
FAILED_SOCKETS_GC = (
    "first_reply() dropped {sockets} without close(){where}, leaving the closing to Python's garbage collector, "
    "some time later.\n"
    "  {hint}"
)
FAILED_SOCKET_GC_HINT = (
    "Hint: close a failed server's socket before you move on: a with-block around each connection does it, "
    "whatever exception ends it."
)
EVERY_SOCKET_GC_HINT = (
    "Hint: close every socket, whether its server failed or replied: a with-block around each connection does it, "
    "however the block ends, by an exception or by a return."
)
REPLIED_SOCKET_GC = (
    "first_reply() returned the reply of {server}, but dropped that server's socket without close(){where}, "
    "leaving the closing to Python's garbage collector, some time later.\n"
    "  Hint: close the socket of the server that replied too, not only those of the servers that failed: a "
    "with-block around each connection closes it however the block ends, by a return as well as by an exception."
)
SILENT_NOT_ABANDONED = (
    "{server} read your request and then said nothing. {after:.2f} s after your code connected to it (the "
    "timeout {timeout} s plus {slack} s of slack) your socket to it was still open, so your code was stopped.\n"
    "  Hint: without a timeout, recv() waits forever. Set one: sock.settimeout(time left until the deadline)."
)
DEAF_NOT_ABANDONED = (
    "{server} never answered your connect(): its accept queue is full, so the kernel drops your SYN, as it would "
    "for a server that is down or behind a firewall. {after:.2f} s after your code began to connect (the timeout "
    "{timeout} s plus {slack} s of slack) it was still connecting, so your code was stopped.\n"
    "  Hint: connect with a timeout, the time left before the deadline: socket.create_connection((host, port), "
    "timeout=...), or settimeout() before connect(). Without one, connect() waits for the handshake for about two "
    "minutes, the kernel sending the SYN again and again."
)
CARRIED_OVER = (
    "{server} came right after {previous}, which refused your connect at once. Your code then waited for that "
    "socket alone with a timeout of {planned:.2f} s, which ends past that server's own deadline (the timeout "
    "{timeout} s plus {slack} s of slack), however fast the machine: the kernel showed the wait and its timeout. "
    "The time the refused server left unused went to the next one.\n"
    "  Hint: each server gets timeout seconds of its own: deadline = time.monotonic() + timeout, fixed when your "
    "code starts on that server, not a deadline that grows by timeout per server (deadline += timeout)."
)
WAITS_PAST_DEADLINE = (
    "{server}: your code was asleep waiting for that socket alone with a timeout of {planned:.2f} s, so it could "
    "not wake before its deadline had passed (the timeout {timeout} s plus {slack} s of slack), however fast the "
    "machine: the kernel showed the wait and its timeout, so your code was stopped there.\n"
    "  Hint: fix one deadline when you connect, and give each wait only the time left: "
    "sock.settimeout(deadline - time.monotonic()), never more than the timeout you were given."
)
WALL_CLOCK_NOT_ABANDONED = (
    "{server}: {after:.2f} s after your code connected to it (the timeout {timeout} s plus {slack} s of slack) "
    "your socket to it was still open, so your code was stopped.\n"
    "  Your code reads the wall clock ({file} line {line}: {code}). While it ran, its wall clock was set back "
    "{step:.0f} s between every two readings, as NTP or a user may set a computer's clock at any moment: each time, "
    "your deadline moved that much further away, and the time left never ran out.\n"
    "  Hint: take deadlines from time.monotonic(), which never jumps: deadline = time.monotonic() + timeout, "
    "and before each wait, left = deadline - time.monotonic()."
)
CPU_CLOCK_NOT_ABANDONED = (
    "{server}: {after:.2f} s after your code connected to it (the timeout {timeout} s plus {slack} s of slack) "
    "your socket to it was still open, so your code was stopped.\n"
    "  Your code takes its deadline from a clock of CPU time ({file} line {line}: {code}). That clock counts only "
    "the time your process computes, not the time it waits in recv(): while the server trickles, it hardly moves, "
    "and the time left never runs out.\n"
    "  Hint: take deadlines from time.monotonic(), which counts every second, waiting too: "
    "deadline = time.monotonic() + timeout, and before each wait, left = deadline - time.monotonic()."
)
WRONG_HOST = (
    "Your code connected to {got}, but {server} is at {want}: nothing listens at the address your code used, so "
    "the kernel refused the connection (the wire shows your SYN to {got}, answered by RST).\n"
    "  Hint: use the host you were given: connect((host, port)) with both parts of each (host, port) in servers, "
    "never a host of your own such as \"127.0.0.1\" or \"localhost\"."
)
TRICKLE_NOT_ABANDONED = (
    "{server} read your request and then sent one byte every {every:.2f} s, forever ({sent} so far). {after:.2f} s "
    "after your code connected to it (the timeout {timeout} s plus {slack} s of slack) your socket to it was still "
    "open, so your code was stopped.\n"
    "  Hint: a timeout on each recv() restarts with every byte, so it never expires here. Fix one deadline when you "
    "connect, and before each recv() set the timeout to the time left: deadline - time.monotonic()."
)
TRICKLE_NO_TIMEOUT = (
    "{server} read your request and then sent one byte every {every:.2f} s, forever ({sent} so far). {after:.2f} s "
    "after your code connected to it (the timeout {timeout} s plus {slack} s of slack) your socket to it was still "
    "open, so your code was stopped.\n"
    "  Hint: that socket had no timeout at all (the kernel showed it blocking, with no receive timeout): recv() "
    "waits as long as the server likes. Fix one deadline when you connect, and before each recv() set the timeout "
    "to the time left: sock.settimeout(deadline - time.monotonic())."
)
STALL_NOT_ABANDONED = (
    "{server} read your request, sent one byte every {every:.2f} s for {stall:.2f} s, then nothing more, and no "
    "FIN: its whole reply never came. {after:.2f} s after your code connected to it (the timeout {timeout} s "
    "plus {slack} s of slack) your socket to it was still open, so your code was stopped.\n"
    "  Hint: checking the deadline between recv() calls is not enough: a recv() started just before it still "
    "waits a whole timeout. Before each recv(), set the timeout to the time left: deadline - time.monotonic()."
)
STUCK_AT_NOW = "  Your code was here when it was stopped (innermost call last):"
NEVER_CONNECTED = (
    "first_reply() never connected to a single server, in any of the lists it was given, so this check had "
    "nothing to judge; that is not a pass.\n"
    "  Hint: try the servers of the list in order, one after another, until one replies."
)
NEVER_TRIED = (
    "first_reply() ended without ever connecting to {server}, so how it gives up on such a server could not "
    "be seen.\n  Hint: try the servers of the list in order, one after another, until one replies."
)
NEVER_GOT_TO_NONBLOCKING = (
    "{server} waits for your request's end (its EOF) before it sends anything; your code closed its socket to it "
    "at once, before its first byte came, so that server never got to do what this check is about. Your "
    "first_reply() raised {type}, whose message tells of a recv() on a non-blocking socket ([Errno 11] Resource "
    "temporarily unavailable: BlockingIOError).\n"
    "  Hint: a timeout of 0 makes a socket non-blocking: recv() then raises BlockingIOError at once when no byte has "
    "come yet, instead of waiting. settimeout(int(left)) is settimeout(0) whenever less than 1 s is left: give "
    "settimeout() the time left itself, a float, once you have checked that it is above 0."
)
NONBLOCKING_HINT = (
    "Hint: your error's message tells of a recv() on a non-blocking socket (BlockingIOError, [Errno 11] Resource "
    "temporarily unavailable): a timeout of 0 makes a socket non-blocking, and recv() then raises BlockingIOError at "
    "once when the reply has not come yet, instead of waiting for it. settimeout(int(left)) is settimeout(0) "
    "whenever less than 1 s is left: give settimeout() the time left itself, a float, once you have checked that it "
    "is above 0."
)
NEVER_GOT_TO = (
    "{server} waits for your request's end (its EOF) before it sends anything, and your code never ended its "
    "request, so that server never got to do what this check is about, and how your code meets it could not be "
    "seen.\n"
    "  Hint: after sending the request, call shutdown(socket.SHUT_WR): its FIN is the request's end."
)
HELD_AFTER_MOVING_ON = (
    "Your code went on to {next}, which had your whole request {moved:.3f} s after your code connected to "
    "{server}, while its socket to {server} was still open: the kernel showed it open {seen:.3f} s after "
    "connecting, past its deadline ({timeout} s). A server is given up on, and its socket closed, before the "
    "next one is tried.\n  {hint}"
)
CLOSE_AT_DEADLINE_HINT = (
    "Hint: close a server's socket when you give up on it, before you try the next one: a with-block around each "
    "connection closes it as the deadline's exception leaves the block. Sockets kept and closed only at the end "
    "stay open while every other server is tried."
)
HELD_BY_THREAD_HINT = (
    "Hint: a thread of yours held it: first_reply() returned with {threads} still running. A thread given up on "
    "(a future's result(timeout) that expired) still waits in its recv(), its socket open. Give the socket itself "
    "the time left (settimeout) and close it in the code that gives up; join() every thread you start."
)
HELD_BY_CHILD_HINT = (
    "Hint: a child process of yours held it: first_reply() returned while {processes} it started had not been "
    "waited for. A child given up on (a join(timeout) that expired) still waits in its recv(), its socket open. "
    "Stop it (terminate()) and wait for it (join()); or give the socket itself the time left, in your own process."
)
SILENT_LATE = (
    "{server} said nothing; your code closed its socket to it {took:.3f} s after connecting, later than the "
    "timeout of {timeout} s plus {slack} s of slack.\n"
    "  Hint: the timeout is for everything with one server: connect, send and every recv() together."
)
DEAF_LATE = (
    "{server} never answered your connect(); your code gave up on it {took:.3f} s after it began to connect, "
    "later than the timeout of {timeout} s plus {slack} s of slack.\n"
    "  Hint: the timeout is for everything with one server: connect, send and every recv() together."
)
STALL_LATE = (
    "{server} trickled bytes for {stall:.2f} s, then sent nothing; your code closed its socket to it {took:.3f} s "
    "after connecting, later than the timeout of {timeout} s plus {slack} s of slack.\n"
    "  Hint: a recv() started before the deadline still waits its whole timeout: before each recv(), "
    "settimeout(deadline - time.monotonic())."
)
TRICKLE_LATE = (
    "{server} sent one byte at a time; your code closed its socket to it {took:.3f} s after connecting, later "
    "than the timeout of {timeout} s plus {slack} s of slack.\n"
    "  Hint: check the time left before each recv(), and give recv() only that much: settimeout(deadline - now)."
)

CHECK_TITLES.update({
    "test_first_reply_moves_past_a_refused_and_a_silent_server": "first_reply() moves past a refused and a silent server to a good one",
    "test_first_reply_abandons_a_silent_server_at_its_deadline": "first_reply() gives up on a silent server, and on a connect() never answered, at its deadline",
    "test_first_reply_abandons_a_trickling_server_at_its_deadline": "first_reply() abandons a server that trickles bytes, at its deadline",
    "test_first_reply_treats_a_reset_as_a_failure": "first_reply() treats a reset (RST) mid-reply as a failure",
    "test_first_reply_waits_for_a_slow_server_that_answers_in_time": "first_reply() waits for a slow server that answers in time",
    "test_first_reply_raises_connectionerror_naming_every_server": "first_reply() raises ConnectionError naming every server",
    "test_first_reply_tries_the_servers_in_order": "first_reply() tries the servers in order, each once",
    "test_first_reply_closes_every_socket": "first_reply() closes every socket, whether its server replied or failed",
})

# --------------------------------------------------------------------------- threaded_server and event_loop (several clients at once)

EXPECTED_CROWD = "your server to serve every client until its EOF."
EXPECTED_FLOOD_READ = "your server to read client F's lines, or stop reading them and go on serving the others."
PROBE_RESULT = {"refused": "refused", "accepted": "accepted"}  # a connect once the listener has gone
CROWD_REUSEADDR = (
    "Before starting your server, the grader left a connection on {host}:{port} in TIME_WAIT, as a server "
    "restarted on its port finds it, and your server could not bind() there."
)
CROWD_WHILE_IDLE = "the other clients ({idle}) were connected and idle in the middle of a line"
CROWD_WHILE_HERD = (
    "the other clients ({idle}) were connected and idle in the middle of a line, and so were {herd}, which had sent "
    "nothing yet"
)
HERD_NAMES = "H1 to H{last}"  # lesson 7's idle clients, when there are two or more
CROWD_WHILE_FLOOD = (
    "the other clients ({idle}) were connected and idle in the middle of a line, and client {flooder} had filled its "
    "connection with lines without reading any reply"
)
CROWD_NOT_SERVED = (
    "Client {client} sent {line}\n  and {what}: after {wait:.1f} s your server was still busy or waiting "
    "elsewhere, while {situation}.\n"
    "  {hint}"
)
CROWD_WHILE_TOGETHER = (
    "the line of client {others} had reached your server's kernel together with this one (the grader held your "
    "server's process stopped until both were in, so its next select() reported both sockets at once)"
)
CROWD_TOGETHER_HINT = (
    "Hint: one select() can report several sockets: handle every (key, mask) pair it returns, and re-register "
    "each one's interest (modify(); or unregister() and close() at its EOF) inside the for loop, for that key. "
    "Code after the loop sees only the last key: the other clients keep their old interest, and their replies "
    "wait unsent."
)
CROWD_BURST_UNREAD = (
    "Client {client} sent its last {lines} at once ({total}: they all reached your server's kernel together, "
    "while the grader had its process stopped), and got the replies to {answered} of them: your server went to "
    "sleep with {left} of them still unread in its receive queue, and never read them.\n"
    "  Hint: your loop read {client}'s socket and was not told again that it was readable. An edge-triggered "
    "selector (epoll with EPOLLET) reports a socket once per arrival, not for as long as data waits: with it, "
    "read until recv() raises BlockingIOError. The selectors module is level-triggered: it reports the socket "
    "again at the next select(). And a loop that stops reading a client at its bound must ask for EVENT_READ "
    "again once the replies are sent."
)
CROWD_NO_REPLY = "got no reply"
CROWD_NOT_READ = "your server did not even read it"
CROWD_NOT_ACCEPTED = (
    "your server had not even accepted its connection (the kernel still held it, its handshake done, in your "
    "listening socket's accept queue)"
)
CROWD_NOT_SERVED_HINT = (
    "Hint: a server busy with one client (in its recv(), or in a send() to a client that does not read) "
    "cannot answer another. Each client needs its own thread (lesson 7) or a place in one select loop "
    "(lesson 8); and each complete line is answered at once, without waiting for more data."
)
CROWD_BLOCKED_SEND_HINT = (
    "Hint: the kernel showed your loop asleep in a send to client {client}, which does not read (in {call}()): a "
    "send() or sendall() that waits for room waits until {client} makes some, and every other client waits with "
    "it. Make every client socket non-blocking, keep each client's replies in a buffer of yours, and send() only "
    "when the selector reports the socket writable; keep what send() did not take."
)
# Where the main thread waited instead (its stack, shown below the hint), when it tells the cause.
CROWD_JOIN_IN_LOOP_HINT = (
    "Hint: your main thread was waiting in join() (below) while client {client}'s connection waited to be "
    "accepted: nothing was calling accept(). A join() inside the accept loop waits for one client's EOF before "
    "the next accept(). Start each thread and go straight back to accept(); join() every thread after the last "
    "accept()."
)
CROWD_POOL_TOO_SMALL_HINT = (
    "Hint: your main thread was waiting for your pool's workers (below), and client {client}'s connection, "
    "accepted and handed to the pool, waited for a worker: every worker was busy with an idle client. A pool with "
    "fewer workers than clients never gets to the last ones: give it one worker per client, "
    "ThreadPoolExecutor(max_workers=count)."
)
CROWD_MAIN_TIMER_HINT = (
    "Hint: your main thread, the one that accepts, had waited with a timer of its own ({call}() with a timeout of "
    "{seconds:.1f} s: a timeout on the listening socket, settimeout(), makes accept() wait like that); it ran out in "
    "the {held:.2f} s of silence before this client came, and your code stopped accepting: the client's connection "
    "waits in the listener's queue, never accepted. A pause is not the end: set no timeout on the listening socket "
    "(or, on socket.timeout, accept() again), and accept exactly count clients."
)
CROWD_SPIN_HINT = (
    "Hint: your server was not waiting: the kernel showed it on the CPU, never asleep ({cpu:.2f} s of CPU in "
    "{look} s), a loop that spins. A socket the selector reports ready is reported again at once until your code "
    "does what it is ready for (reads what waits, accepts, or stops asking): see where your code was, below."
)
CROWD_LONG_LINE_SLOW_HINT = (
    "Hint: your server was not waiting: the kernel showed it on the CPU, never asleep ({cpu:.2f} s of CPU in "
    "{look} s), still at work on this line of {size}. Code that reads a few bytes at a time and searches its whole "
    "buffer for b\"\\n\" again after each read takes a time that grows with the square of the line's length: "
    "minutes for this one. Read in large pieces (recv(65536)), or search only the bytes a read has just added."
)
CROWD_ACCEPT_SPIN_HINT = (
    "Hint: your server was not waiting: the kernel showed it on the CPU, never asleep ({cpu:.2f} s of CPU in "
    "{look} s), calling accept() again and again on a listener with no connection waiting (its accept queue was "
    "empty). The selector was reporting another socket ready, a client's, and your code took that event for the "
    "listener's. Tell the listener by key.fileobj, or by the data you registered it with, and keep each client's "
    "data when you change its events: selector.modify(sock, events, data)."
)
CROWD_WRONG_REPLY = "Client {client} sent {line}\n  and got {got}\n  but the reply must be {want}.\n  {hint}"
CROWD_EOF_LINE_ANSWERED = (
    "Client {client} sent {line}, a last line without b\"\\n\", then ended its lines (FIN); your server "
    "answered it with {got}. At a client's EOF a last line without b\"\\n\" is dropped: no reply, and it is "
    "not counted.\n"
    "  Hint: when recv() returns b\"\" (EOF), forget the bytes after the client's last b\"\\n\": only a line that "
    "ends in b\"\\n\" is answered and counted."
)
CROWD_PROTOCOL_HINT = (
    "Hint: the lesson 5 protocol: each line reversed, its b\"\\n\" kept at the end, sent as soon as the "
    "line is complete; a line may arrive in several pieces, and several lines in one piece."
)
CROWD_TAIL_DROPPED_HINT = (
    "Hint: the replies stop in the middle of one, after {got}, and nothing more came: what a send() did not take "
    "was dropped. send() returns how many bytes it took: keep the rest in that client's buffer, and send it when "
    "the socket is writable again."
)
CROWD_PIECE_ANSWERED_HINT = (
    "Hint: your server replied to {part} alone, the part of the line that came in the last recv(), as if it were "
    "the whole line: one recv() can end anywhere in a line. Keep each client's bytes after its last b\"\\n\" in a "
    "buffer of its own, and reply only to complete lines."
)
EMPTY_LINE_SKIPPED_HINT = (
    "Hint: your server sent every reply due except those to the empty lines: b\"\\n\" alone is a line too, an "
    "empty one, and its reply is b\"\\n\" (nothing reversed, then the newline). Skip no line (no \"if not line: "
    "continue\"): answer and count each one, empty or not."
)
CROWD_START_LOST_HINT = (
    "Hint: your server answered {part}, only the end of the line: the bytes of it that came in earlier recv()s "
    "were lost. Add what each recv() returns to that client's buffer (buffer += data, also when it holds no "
    "b\"\\n\"), never put it in the buffer's place, and reply only to complete lines."
)
# The line came whole in one piece, and the reply is it reversed with whitespace bytes missing at its ends.
CROWD_LINE_TRIMMED_HINT = (
    "Hint: your server answered {part}: that line with {missing} of spaces, tabs or b\"\\r\" cut off its ends. "
    "The client sent the whole line in one piece, so nothing of it was lost between recv()s: your code trimmed it. "
    "A line is every byte up to b\"\\n\", spaces at its start and its end too: strip nothing (no strip(), "
    "strip(b\" \"), lstrip(), rstrip()), remove only the b\"\\n\"."
)
CROWD_REPEATED_HINT = (
    "Hint: the reply came more than once: the bytes a send() took were sent again. send() returns how many bytes "
    "it took: remove those from the client's unsent bytes, and send only the rest next time."
)
CROWD_GONE = (
    "Client {client} could not go on: your server had already closed or reset its connection.\n"
    "  Hint: serve each client until recv() returns b\"\" (its EOF), then close that connection."
)
CROWD_THREAD_CRASHED = (
    "A thread of your server ended with an uncaught exception before client {client} was served: Python printed "
    "\"Exception in thread ...\" and its traceback (below, with what your code printed), and that thread's "
    "client was served no more. Fix that exception first: it is a bug in the thread's function, or in how the "
    "thread was started (args=(conn,) is a tuple of one; args=(conn) is not a tuple)."
)
CROWD_CLOSED_EARLY = (
    "Client {client} was still sending lines when your server ended its connection ({end}).\n"
    "  Hint: serve each client until recv() returns b\"\" (its EOF), then close that connection."
)
CROWD_LONG_LINE_CLOSED = (
    "Client {client} sent a long line, {line}, and your server ended its connection ({end}) before the whole "
    "reply to it came.\n"
    "  Hint: nothing limits a line's length: a readline(limit), or one recv() taken for a whole line, returns a "
    "part of a long line, without its b\"\\n\". Add what each recv() returns to that client's buffer until "
    "b\"\\n\" comes, whatever the line's length, and end the connection only once recv() returns b\"\" (its EOF)."
)
CROWD_THREAD_DIED = (
    "Your server ended client {client}'s connection while the client was still sending lines: a thread of "
    "yours died of {type}. Nothing caught it, so Python printed \"Exception in thread ...\" and the thread "
    "ended there, its connection with it:"
)
THREAD_DIED_HINT = "Hint: an exception nothing catches ends its thread: fix the line above."
CROWD_CLOSED_MID_LINE = (
    "Client {client} was idle in the middle of a line, its side still open (no FIN from it), and your server "
    "closed the connection (FIN): it took the client's silence for its end. A client may pause as long as it "
    "likes; only its FIN, which recv() shows as b\"\", ends it.\n"
    "  Hint: serve each client until recv() returns b\"\"; do not end its loop on a timeout (socket.timeout), nor "
    "on BlockingIOError (a non-blocking socket with nothing to read yet)."
)
# Lesson 8: the one client closed mid-line had, in the server, the descriptor number of a client closed before it
# was accepted, one that had ended its lines (the kernel's view of the server's descriptors).
CROWD_FD_REUSED = (
    "Your server closed client {client}'s connection while {client} was in the middle of a line, its side still "
    "open (no FIN from it), as if {client} had ended. {client} had not; client {old} had: {old} ended its lines "
    "(FIN), and your server closed its socket before it accepted {client}. {client}'s new socket then got the "
    "same descriptor number in your process, {fd} (what fileno() returns; the kernel's table of your process's "
    "descriptors, read while each socket was open): the kernel gives a closed socket's number to the next socket "
    "opened. State kept under that number (a dict keyed by fileno(), never emptied when {old} was closed) made "
    "your server treat {client} as {old}.{also}\n"
    "  Hint: keep each client's state with its own socket: make it fresh at accept() and hand it to register() as "
    "data= (key.data gives it back), or key a dict by the socket object; and delete a client's entry when you "
    "close its socket. A number from fileno() names a socket only while that socket is open."
)
CROWD_FD_REUSED_ALSO = (  # (its leading space: it follows a sentence of CROWD_FD_REUSED, or nothing)
    " The same had happened to {old}: its socket had got the number of client {older}'s, closed before {old} was "
    "accepted, and {old}'s reply was not the reply to its line."
)
CROWD_CLOSED_ALSO = "Your server did the same to {clients}, each idle in the middle of a line too."
CROWD_NO_FIN = (
    "Client {client} ended its lines (FIN, from shutdown(SHUT_WR)) and waited for your server to close the "
    "connection; it saw {end}.\n"
    "  {hint}"
)
CROWD_EOF_UNSEEN_EDGE = (
    "Client {client} sent its last bytes ({tail}, no newline) and ended its lines (FIN, from shutdown(SHUT_WR)) "
    "at once: both reached your server's kernel together, while the grader had its process stopped. Then it "
    "waited for your server to close the connection; it saw {end}. The kernel shows your server asleep, its "
    "socket to {client} still open, at its EOF (CLOSE_WAIT), and registered in your epoll edge-triggered "
    "(EPOLLET): your loop took {client}'s bytes with one recv() and was never told of that socket again, so the "
    "recv() that returns b\"\" never came.\n"
    "  Hint: epoll with EPOLLET reports a socket once per arrival, not for as long as there is something to "
    "read, and one recv() returns bytes or b\"\", never both. After each event, call recv() until it raises "
    "BlockingIOError (nothing more for now) or returns b\"\" (the EOF: unregister() that client and close() "
    "it). The selectors module is level-triggered: it would have reported the socket again."
)
CROWD_NO_FIN_HINT = "Hint: when recv() returns b\"\", that client is done: close its connection (a with-block does it)."
CROWD_NO_FIN_LOOP_HINT = (
    "Hint: when recv() returns b\"\", that client is done: unregister() it from the selector, then close() it. "
    "unregister() only forgets the socket: its connection stays open until close()."
)
# The FIN check, lesson 8's F: its EOF came with replies held, they drained, and the socket was never closed (kernel).
CROWD_NO_FIN_AFTER_DRAIN_HINT = (
    "Hint: {client}'s EOF came while replies for {client} still waited in your server's buffer, so it could not "
    "close {client} then. It sent them all later, and never closed the socket: the kernel shows it at {client}'s "
    "EOF (CLOSE_WAIT), nothing left to send, still open in your process. A client is done once it is at EOF with "
    "nothing left to send, whichever comes last: check that after a send() that empties its buffer too, not only "
    "when recv() returns b\"\"; then unregister() it and close() it."
)
CROWD_RESET_BROKE = (
    "After client B reset its connection (RST), the other clients were not served "
    "any more:\n{what}\n"
    "  Hint: a reset ends only that client's connection: catch ConnectionResetError where that client is "
    "served, close its socket, and let the others go on."
)
# Lesson 8: the loop ended with a selector call on the socket it had just closed (its reset handler went on).
CROWD_RESET_BROKE_USED_AFTER_CLOSE = (
    "After client B reset its connection (RST), the other clients were not served "
    "any more:\n{what}\n"
    "  Hint: your code met B's reset and closed B's socket, then went on handling B as if it were still open: "
    "{call} on a closed socket raises {type} (a closed socket's descriptor is -1, and the selector no longer knows "
    "it). Once a client's socket is closed, skip the rest of that client's handling: continue (or return) right "
    "after the close, so that no modify(), unregister(), send() or recv() touches it again."
)
CROWD_RESET_UNREAD_BROKE = (
    "After client G reset its connection (RST) while your server had stopped reading it (its replies to G "
    "waiting to be sent), the other clients were not served any more:\n{what}\n"
    "  Hint: a reset can be met by send() as well as by recv(): a client you no longer read is only ever written "
    "to. Catch ConnectionError (ConnectionResetError, BrokenPipeError) around send() too, close that client's "
    "socket, and let the others go on."
)
# Lesson 8, from the kernel: after G's reset, the server's socket to G was still one of its process's descriptors.
CROWD_RESET_KEPT = (
    "Client G reset its connection (RST) while your server had replies waiting for it, and your server never "
    "closed its socket to G: after the reset, that socket was still open in your process (the kernel's list of its "
    "descriptors), and your server never slept again ({cpu:.2f} s of CPU in {wall:.2f} s). A reset connection is "
    "over, but its socket stays registered until you unregister it: a select() that asks about it returns at once, "
    "for ever, and every send() to it fails again (ConnectionResetError, then BrokenPipeError). Your loop went "
    "round and round writing to a connection that was gone.\n"
    "  Hint: a ConnectionError from send() (ConnectionResetError, BrokenPipeError) ends that client just as one "
    "from recv() does: unregister its socket, close it, and count that client done. Catch only BlockingIOError "
    "where you mean \"no room yet\": an except Exception: pass (or except OSError: pass) around send() hides the "
    "reset."
)
CROWD_RESET_UNASKED = (
    "Client G reset its connection (RST), and your server never learned of it: after the reset, its socket to G was "
    "still open in your process (the kernel's list of its descriptors), registered with your selector without "
    "EVENT_READ, and the reset still waiting in it, unmet (the socket's pending error, ECONNRESET). Your loop had "
    "stopped reading G and never asked to read it again, and it sent G nothing more: no recv() and no send() was "
    "called on that socket after the reset, and only such a call learns of one. Meanwhile G's socket, and its "
    "descriptor, stay in your process for nothing.\n"
    "  Hint: stopping to read a client at your bound is right, but only for a while: after every send(), whatever "
    "event woke your loop, ask for EVENT_READ again once that client's unsent replies are back within your bound, "
    "and for EVENT_WRITE only while replies wait (selector.modify()). Then recv() meets the reset: unregister the "
    "socket and close it."
)
CROWD_RESET_KEPT_ASLEEP = (
    "Client G reset its connection (RST) while your server had replies waiting for it, and your server never "
    "closed its socket to G: once it slept again, after the reset, that socket was still open in your process (the "
    "kernel's list of its descriptors). A reset connection is over, and its socket must be closed like any other: "
    "kept, it holds a descriptor of your process for nothing.\n"
    "  Hint: when send() or recv() raises ConnectionResetError or BrokenPipeError, unregister that client's socket "
    "and close() it: unregister() only forgets it."
)
CROWD_RESET_CRASH = (
    "Client {client} reset its connection (RST), and {name} itself ended with {type}: one "
    "client's reset ended the whole server.\n"
    "  Hint: catch ConnectionResetError where that client is served (its thread, or its part of the loop), "
    "and count the lines it was answered before the reset."
)
CROWD_RESET_RECV_ALSO = "  The thread serving client {client}, whose reset recv() met, died the same way:"
CROWD_RESET_RECV_THREAD_DIED = (
    "Client {client} got the reply to its line, then reset its connection (RST) while the thread serving it waited "
    "in recv() for its next line; that recv() raised {type}, nothing caught it there, so Python printed \"Exception "
    "in thread ...\" and the thread ended. (Client B's reset, met by the sendall() of a reply, was caught.) A reset "
    "is an expected end of a connection, and recv() meets it as often as sendall() does.\n"
    "  Hint: in the thread's function, put the try/except ConnectionResetError around the client's whole loop, "
    "recv() included, not around sendall() alone; close the connection and let the thread return normally.\n"
    "  (Seen by your own process: the grader records exceptions that end a thread, through threading.excepthook.)"
)
CROWD_RESET_THREAD_DIED = (
    "Client B reset its connection (RST), and the thread serving it died of {type}: "
    "nothing caught it, so Python printed \"Exception in thread ...\" and the thread ended there. A reset is an expected end of a connection, not a crash.\n"
    "  Hint: in the thread's function, catch ConnectionResetError around that client's loop (recv() and "
    "sendall() both raise it), close the connection, and let the thread return normally.\n"
    "  (Seen by your own process: the grader records exceptions that end a thread, through threading.excepthook.)"
)
# Lesson 7: B's thread died of BrokenPipeError: the reset met (and caught) at one sendall(), then a send() again.
CROWD_RESET_SENT_AGAIN_HINT = (
    "  Hint: BrokenPipeError is what a send() raises on a connection whose reset was already met: B sent three "
    "lines in one piece, so one recv() returned them all; the first reply's sendall() raised ConnectionResetError, "
    "your code caught it there and went on to the next line, and that sendall() raised BrokenPipeError. Once a "
    "recv() or sendall() has met the reset, that client is done: catch the reset around the thread's whole loop "
    "(not around each sendall()), so that it leaves the loop, and keep the lines answered before it."
)
CROWD_THREAD_DIED_LATE = (
    "Every client was served, but a thread of your server died of {type}: nothing caught it, so Python printed "
    "\"Exception in thread ...\" and the thread ended there. After a client's reset or its EOF, the thread "
    "serving it must close the connection and return normally. (An exception raised inside an except block, "
    "while handling a ConnectionResetError, is not caught by that block: on a reset socket, shutdown() raises "
    "OSError.)\n"
    "  (Seen by your own process: the grader records exceptions that end a thread, through threading.excepthook.)"
)
CROWD_LISTENER_OPEN = (
    "All {count} clients had connected and your server was idle, but its listening socket on {host}:{port} "
    "was still open (LISTEN), so further clients would be accepted and never served.\n"
    "  Hint: close the listening socket right after the last accept(), before serving or waiting for the "
    "clients."
)
CROWD_NOT_REFUSED = (
    "Your listening socket on {host}:{port} was closed, yet a further connect there was {what}, not refused.\n"
    "  Hint: after the last accept(), close the one listening socket; do not open another."
)
LINGER_RST_HINT = (
    "Hint: your code sets SO_LINGER: with a timeout of 0, close() sends RST instead of FIN, whatever was read. "
    "Leave SO_LINGER alone; close() then ends the connection with FIN."
)
CROWD_NOT_JOINED_ONE = (
    "{name} returned while client {clients} was still connected, in the middle of a line: it did not wait for "
    "its thread.\n"
    "  Hint: keep every Thread you start and join() each one before returning the total."
)
CROWD_NOT_JOINED = (
    "{name} returned while clients {clients} were still connected, each in the middle of a line: it did "
    "not wait for their threads.\n"
    "  Hint: keep every Thread you start and join() each one before returning the total."
)
JOIN_TIMEOUT_HINT = (
    "Your code calls join() with a timeout: it returns when the time is up, whether or not the thread has ended. "
    "Call join() without one: it returns once the thread has ended, however long its client takes."
)
CROWD_COUNT = (
    "{name} returned {got}, but {want} count: the lines answered, each client's ({detail}).\n"
    "  {hint}"
)
COUNT_THREADS_HINT = (
    "Hint: count a line once its reply was sent (after sendall() returned: a line whose sendall() met a reset "
    "was not answered), in every client's thread, including the line client B was answered before it reset; "
    "then return the sum, as an int. Bytes without b\"\\n\" before a client's EOF (client A's last ones) are no "
    "line: not answered, not counted."
)
COUNT_REPEATED_HINT = (
    "Hint: client {client} sent the line {line} {times} times, and each time it was answered: each of them "
    "counts, but your count took it once. Count every reply sent (a counter, under a lock), not the distinct "
    "lines (a set keeps one of each)."
)
COUNT_QUEUED_HINT = (
    "Hint: count each line once, when its reply is queued for its client (not per send(): one send() may carry "
    "several replies, or part of one), for every client, including client B's last line: it ends just before B's "
    "reset, and recv() returns it before a later recv() raises ConnectionResetError, so queue its reply and count "
    "it before you handle the reset. Then return the sum, as an int. Bytes without b\"\\n\" before a client's EOF "
    "(client A's last ones) are no line: not answered, not counted."
)
CROWD_COUNT_CLIENTS = (
    "{name} returned {got}: the number of clients, not of lines. {want} count: the lines answered, each "
    "client's ({detail}).\n"
    "  {hint}"
)
CROWD_COUNT_THREADS_LEFT = (
    "{name} returned {got} while {threads} of yours were still running (seen in the kernel's list of your "
    "process's threads). By the end, {want} count: the lines answered, each client's ({detail}). A total taken "
    "before every thread has ended misses the lines they answer after it.\n"
    "  Hint: join() every thread you start (each one, not only the last), then return the total, as an int."
)
CROWD_SOCKETS_HELD_BY_THREADS = (
    "{name} returned with {sockets} still open, held by {threads} of yours still running (the kernel's view of "
    "your process): those threads had not finished with their clients. Only what the function itself closes before "
    "it returns is closed by it; your sockets are judged once it waits for its threads (see \"{title}\").\n"
    "  Hint: join() every thread you start before the function returns: each thread closes its own client's "
    "socket as it ends."
)
VALUE_OF_TYPE = "{value} (of type {type})"
CROWD_MAIN_THREAD_SERVED = (
    "The thread that called {name}, your main thread, read client {client}'s connection itself: the kernel showed "
    "it asleep in a read of {client}'s socket, waiting for the rest of its line. So client {client} was never given "
    "a thread of its own.\n"
    "  Hint: start a threading.Thread for every connection accept() returns, the last one too, and go straight "
    "back to accept(): never talk to a client in the main thread. After the last accept(), close the listener "
    "and join() the threads."
)
CROWD_ONE_THREAD = (
    "Your server's process never had a thread of its own beyond the one that called serve_clients(), while "
    "{count} clients were connected at once.\n"
    "  Hint: this lesson is about threads: start a threading.Thread (or a pool's worker) for each client."
)
TL_NO_REPLY = "{client}: no reply after {wait:.1f} s"
TL_CONNECT_REFUSED = "connect to {host}:{port}: refused (the kernel answered with RST: nothing listens there)"
TL_CONNECT_FAILED = "connect to {host}:{port}: {error}"
TL_HERD = "more clients connect, one after another, and stay idle, sending nothing, until the end: {herd}"
TL_H1_SPEAKS = "H1, idle since it connected, now sends one line; once it has read the reply, it resets"
TL_RESET_IN_RECV = (
    "RST (close with SO_LINGER 0, its reply read, while your server's thread for it waited in recv() on its socket)"
)
TL_RESET_REPLY_READ = "RST (close with SO_LINGER 0, its reply read, while your server was idle)"
TL_RESET_IN_RECV_DIED = "a thread of your server died of {type} at that reset, met by recv()"
TL_RESET_IN_QUEUE = "reset, never accepted: your server closed its listening socket with this connection in its accept queue"
TL_NOT_READ = "{client}: still unread by your server after {wait:.1f} s"
TL_RESET_SENT = "RST (close with SO_LINGER 0)"
TL_RESET = "RST (close with SO_LINGER 0, in the middle of a line)"
TL_RESET_AT_LINE_END = "RST (close with SO_LINGER 0, right after a complete line)"
TL_STOPPED_FOR_RESET = (
    "{client}'s last line and its RST reached your server while the grader had its process stopped (SIGSTOP): "
    "once it ran again, that line could still be read, and the next recv() or send() on that socket met the reset"
)
TL_PROBE = "the listener has left /proc/net/tcp; a further connect to {host}:{port} was {what}"
TL_KEPT_AFTER_DRAIN = (
    "your server's socket to {client}: at {client}'s EOF (CLOSE_WAIT), every reply sent, nothing left to read, and "
    "still open in your process"
)
TL_STOPPED_WHEN_DONE = (
    "every client accepted so far ({clients}) was done and closed by your server, which then stopped listening"
)
TL_STILL_LISTENING = "your server is idle, and {host}:{port} is still in LISTEN"
TL_CLOSED_MID_LINE = "your server had closed the connection (FIN) of clients idle in the middle of a line: {clients}"
TL_MAIN_TIMER = (
    "no client sent anything for {held:.2f} s, until the timer your main thread waited on ({call}() with a timeout "
    "of {seconds:.1f} s) had run out"
)
TL_QUIET_AFTER_LAST = (
    "every client accepted, A and C still in the middle of a line, no client sent anything for {held:.2f} s: in that "
    "silence a timer of your server's own ran out and {name} returned (a quiet spell is not the end: a client goes "
    "on whenever it likes)"
)
TL_RETURNED_EARLY = "{name} has returned; still in the middle of a line: {clients}"
TL_FLOOD = "sent {sent:.1f} MiB of lines without reading, then its send() blocked"
TL_FLOOD_STALLED = "your server stopped reading F: its receive queue holds {rx}"
TL_UNREAD_SENT = "sent {lines} of {size} bytes each, every one read by your server before the next, and read no reply"
TL_UNREAD_SENT_NONE = "sent part of a first line of {size} bytes, and read no reply: your server stopped reading it before its end"
TL_TOGETHER = (
    "the lines of {clients} reached your server's kernel together, while the grader had its process stopped "
    "(SIGSTOP): all their sockets readable at its next select()"
)
TL_BURST_STOPPED = (
    "{client}'s next lines ({total}) all reached your server's kernel while the grader had its process stopped "
    "(SIGSTOP): they wait together in its receive queue"
)
TL_TAIL_WITH_EOF = (
    "{client}'s last bytes and its FIN reached your server's kernel together, while the grader had its process "
    "stopped (SIGSTOP)"
)
TL_EOF_UNSEEN = (
    "your server sleeps with its socket to {client} at its EOF (CLOSE_WAIT), registered in its epoll "
    "edge-triggered (EPOLLET): no event will come for that socket again"
)
TL_BURST_UNREAD = "your server sleeps with {rx} of {client}'s still unread in its receive queue"
TL_UNREAD_STOPPED = "your server stopped reading G: its receive queue holds {rx}, with no newline"
TL_RESET_UNREAD = "RST (close with SO_LINGER 0, while your server was not reading it)"
TL_UNREAD_RESET = (
    "G's RST is in your server's kernel; just before it, {rx} of G's were still unread in your server's receive "
    "queue for G (the kernel's count)"
)
TL_QUEUED_PAST_COUNT = (
    "X connected right after D, while the grader had your server's process stopped (SIGSTOP): when it went on, D "
    "(client number {count}, the last) and X both waited in its listener's accept queue (the kernel's count)"
)
TL_ACCEPTED_PAST_COUNT = "your server accepted X too: a connection past the {count} it was asked for"
TL_RESET_KEPT = (
    "after G's reset your server still held its socket to G (a descriptor of its process), and never slept: "
    "{cpu:.2f} s of CPU in {wall:.2f} s"
)
TL_RESET_UNASKED = (
    "after G's reset your server still held its socket to G, registered without EVENT_READ, the reset unmet (its "
    "pending error): no recv() or send() was called on it"
)
TL_RESET_KEPT_ASLEEP = "after G's reset your server went to sleep with its socket to G still open (a descriptor of its process)"
TL_FLOOD_DRAINED = "read back {got} of {want} reply bytes, then your server's {end}"
TL_FLOOD_DRAINED_OPEN = "read back {got} of {want} reply bytes; your server neither closed nor reset the connection"
CROWD_ALL_DONE_HUNG = (
    "Every client had finished: all {count} were accepted, each one ended its lines (FIN) or reset, and your server "
    "had closed every connection. Yet {name} kept waiting in its loop, and never returned.\n"
    "  Hint: a client is done once its EOF came and its replies were sent, or once it reset (a ConnectionError): "
    "count both, and leave the loop when all {count} clients are done."
)
CROWD_REFUSED = (
    "Client {client} could not connect ({error}): {why}.\n"
    "  Hint: accept() exactly count clients (for _ in range(count)), and close the listening socket only after the "
    "last one."
)
# Lesson 8: A refused once Z, the only client so far, had come and gone (`Crowd._first_comes_and_goes`).
CROWD_STOPPED_WHEN_DONE = (
    "Client {client} could not connect ({error}): your server had closed its listening socket once every client it "
    "had accepted so far ({done}) was done: its EOF read, its connection closed. That was {accepted} of its {count} "
    "clients; {left} more were still to come. For a moment no client was connected, and your loop took that for the "
    "end.\n"
    "  Hint: leave the loop only when count clients were accepted and every one of them is done, "
    "not as soon as no client is connected: between two clients there may be none."
)
CROWD_GAVE_UP_IN_SILENCE = (
    "Client {client} could not connect ({error}): {why}, during a silence of {held:.2f} s before it came, in which "
    "no client sent anything and each was still connected. A pause is not the end: a client may come late, and one "
    "may go on whenever it likes.\n"
    "  Hint: no timeout on accept() or on your loop's wait that ends the serving: accept exactly count clients, and "
    "serve each until its recv() returns b\"\"."
)
# Lesson 7: D refused once the main thread's own timer of 2 s or more had fired while the grader held (`_outwait_main`).
CROWD_GAVE_UP_ON_MAIN_TIMER = (
    "Client {client} could not connect ({error}): {why}. Your main thread, the one that accepts, was waiting with a "
    "timer of its own ({call}() with a timeout of {seconds:.1f} s: a timeout on the listening socket, settimeout(), "
    "makes accept() wait like that); the grader let {held:.2f} s of silence pass, every client connected and none "
    "sending, until that timer had run out, and your code then stopped accepting. A pause is not the end: a client "
    "may come late, after any quiet spell.\n"
    "  Hint: set no timeout on the listening socket (or, on socket.timeout, accept() again): accept exactly count "
    "clients, and close the listening socket only after the last one."
)
CROWD_ACCEPTED_PAST_COUNT = (
    "Your server accepted more clients than count ({count}). D, the last of them, and X, one more, both waited in "
    "your listener's accept queue when your server accepted D (the grader had connected them while your server's "
    "process was stopped); your server took X too (the kernel: its socket is one of your process's). Once the "
    "count-th client is accepted, every further connection must be refused: the lesson's listener is closed "
    "then, and a connection still in its queue is reset.\n"
    "  Hint: check count after each accept(), not after a loop that accepts until BlockingIOError: when accepted "
    "== count, unregister and close the listening socket before accepting again."
)
CROWD_LOOP_TIMER_ENDED = (
    "Client {client} could not connect ({error}): {why}. While every client was connected and idle, your loop waited "
    "in {call}() with a timeout of {seconds:.3g} s (the kernel's record of the call); the grader kept every client "
    "quiet until that timer ran out ({held:.2f} s in all), and then your loop stopped: a round with no event was "
    "taken for the end. A pause is not the end: a client may come late, and one may go on whenever it likes.\n"
    "  Hint: leave the loop only when count clients were accepted and every one of them is done; wait without a "
    "timeout (selector.select() with none), or, if you keep one, go round again when it returns no event."
)
CROWD_RESET_IN_QUEUE = (
    "Client {client} connected, and its connection was reset (RST) before it sent anything: {why} while that "
    "connection still waited in its accept queue, never accepted (closing a listening socket resets those).\n"
    "  Hint: accept() exactly count clients (for _ in range(count)), and close the listening socket only after the "
    "last one."
)
CROWD_STOPPED_LISTENING = "your server stopped listening before all {count} clients had connected"
# From the kernel: the connections the server's process had taken from its listener (each a socket of its own).
CROWD_ACCEPTED_FEWER = (
    "your server had accepted {accepted} of its {count} clients ({names}) and then closed its listening socket"
)
CROWD_BUSY_WAIT = (
    "While every client was idle (each one waiting, nothing on its way to your server), your server never "
    "slept: in {wall:.2f} s it used {cpu:.2f} s of CPU, asking again and again instead of waiting. A server "
    "with nothing to do should sleep in the kernel until a client acts.\n"
    "  {hint}"
)
BUSY_THREADS_HINT = (
    "Hint: let each thread block in recv() (a blocking socket: no setblocking(False), no timeout of 0, no "
    "loop around BlockingIOError); the kernel wakes it when its client sends, closes or resets."
)
BUSY_LOOP_HINT = (
    "Hint: call selector.select() without a timeout (or with a real one, never 0), and ask for EVENT_WRITE only "
    "while a client has unsent replies: a socket with room in its send buffer is always writable, so a select() "
    "that asks for it returns at once, forever. So does one that asks about a socket at its EOF (recv() returned "
    "b\"\"), or about a socket you closed without unregistering it first."
)
CROWD_POLLS = (
    "While every client was idle (each one waiting, nothing on its way to your server), your server slept, but "
    "only a little at a time: its threads woke up {wakeups} times in {wall:.2f} s (the kernel's count), to find "
    "nothing to do. A server with nothing to do should sleep in the kernel until a client acts.\n"
    "  {hint}"
)
POLL_LOOP_HINT = (
    "Hint: no time.sleep() in the loop and no short timeout: call selector.select() without a timeout (it returns as "
    "soon as a socket is ready), or with one of a second or more if your loop has something else to do."
)
POLL_THREADS_HINT = (
    "Hint: no time.sleep() between tries and no short timeout: let each thread block in recv() on a blocking socket; "
    "the kernel wakes it when its client sends, closes or resets."
)
CROWD_POLL_TIMEOUT = (
    "While every client was idle (each one waiting, nothing on its way to your server), your loop waited in "
    "{call}() (the system call under select()) with a timeout of {seconds:.3g} s (the kernel's record of the call): "
    "it wakes up every {seconds:.3g} s to find nothing to do. That is polling: the lesson's loop waits without a "
    "timeout, or with one of a second or more.\n"
    "  {hint}"
)
CROWD_POLL_SLEEP = (
    "While every client was idle (each one waiting, nothing on its way to your server), your loop slept in "
    "{call}() between its tries, every {seconds:.3g} s (the kernel's record of its sleeps): it wakes up to find "
    "nothing to do. That is polling: the lesson's loop waits in select() without a timeout, or with one of a "
    "second or more.\n"
    "  {hint}"
)
TL_POLL_TIMER = "your loop waited on a timer of {seconds:.3g} s ({call}) while every client was idle"
TL_POLLS = "your server woke up {wakeups} times in {wall:.2f} s while every client was idle"
BUSY_EOF_HINT = (
    "Hint: client {client} had ended its lines (FIN), and your server still held its connection open: a socket "
    "whose recv() returned b\"\" is readable for ever, so a select() that asks for EVENT_READ on it returns at once, "
    "for ever. Once recv() returns b\"\" and its replies are sent, unregister that socket and close it (unregister "
    "first: a closed socket still registered is reported ready too)."
)
BUSY_EOF_UNSENT_HINT = (
    "Hint: client {client} had ended its lines (FIN) and was not reading, and your server held replies for it "
    "that it could not send yet: a socket whose recv() returned b\"\" is readable for ever, so a select() that "
    "asks for EVENT_READ on it returns at once, for ever. At a client's EOF, stop asking to read it: ask only for "
    "EVENT_WRITE while its replies wait, then unregister and close it."
)
TL_BUSY_WAIT = "your server never slept while every client was idle: {cpu:.2f} s of CPU in {wall:.2f} s"
LOOP_SECOND_THREAD = (
    "Your server's process had {threads} threads of its own while {count} clients were connected; this "
    "lesson serves them all from one thread.\n"
    "  Hint: no threading.Thread and no pool: one loop around selector.select() serves every client."
)
LOOP_OVER_BOUND = (
    "Client F sent lines without ever reading a reply. Your server stopped reading F, but only once it held "
    "{held:.1f} MiB of F's lines, read and not yet sent back (the kernel's count on F's connection: bytes read, "
    "less bytes written). The lesson's bound is at most {bound} MiB; the one read that crosses it may add at most "
    "{slack} KiB (your socket's receive buffer for F, and the line that read ends inside).\n"
    "  Hint: compare each client's unsent replies with a bound of at most 1 MiB, and stop asking the selector for "
    "EVENT_READ on it as soon as they pass it: a larger bound is memory a client that does not read makes you spend. "
    "What is held counts the lines read and not yet answered too: answer every complete line each recv() brings, "
    "not one line per recv()."
)
LOOP_FLOOD_NOT_READ_AGAIN = (
    "At the end, client F finished its last line, ended its lines (FIN) and read every reply: it expected {want} "
    "bytes (the replies to its {lines} lines), got {got}, then {end}. Your server had stopped reading F and never "
    "read it again: {unread} of F's still wait in its receive queue, F's EOF behind them.\n"
    "  {hint}"
)
LOOP_FLOOD_CLOSED_UNREAD = (
    "At the end, client F finished its last line, ended its lines (FIN) and read every reply: it expected {want} "
    "bytes (the replies to its {lines} lines), got {got}, then RST. Your server had stopped reading F and never "
    "read it again, then closed F's connection with {unread} of F's still unread in its receive queue (the kernel "
    "showed them there): a close with unread bytes sends RST, and the replies not yet delivered are lost with it.\n"
    "  {hint}"
)
CROWD_CLOSED_UNREAD = (
    "Client {client} ended its lines (FIN, from shutdown(SHUT_WR)) and waited for your server to close the "
    "connection; it saw RST. Your server had stopped reading {client} and never read it again, then closed its "
    "connection with {unread} of {client}'s still unread in its receive queue (the kernel showed them there): a "
    "close with unread bytes sends RST, not FIN.\n"
    "  {hint}"
)
LOOP_RESUME_HINT = (
    "Hint: stopping to read a client at your bound is right, but only for a while: ask the selector for EVENT_WRITE "
    "on it while its replies wait, so that send() drains them, and ask for EVENT_READ again as soon as its unsent "
    "replies are back within your bound (selector.modify() after each send()). With edge-triggered epoll (EPOLLET), "
    "read until BlockingIOError each time: no new event comes for bytes already waiting."
)
CROWD_NO_FIN_UNREAD = (
    "Client {client} ended its lines (FIN, from shutdown(SHUT_WR)) and waited for your server to close the "
    "connection; it saw {end}. Your server never read that far: it had stopped reading {client}, and {unread} of "
    "{client}'s still wait in its receive queue, the EOF behind them.\n"
    "  {hint}"
)
LOOP_READ_WITHOUT_BOUND = (
    "Client F sent lines without ever reading a reply; of the {total} MiB it tried to send, your server had read "
    "{sent:.1f} MiB when the grader stopped F, and was still reading, its memory grown by {growth:.1f} MiB. A server "
    "that stops reading F once its unsent replies pass the lesson's bound, at most {bound} MiB, lets F's bytes wait "
    "in the kernel: its receive queue fills and F's send() blocks.\n"
    "  Hint: while a client's unsent replies exceed your bound (at most {bound} MiB), do not ask the selector for "
    "EVENT_READ on it; ask again once send() has taken them."
)
LOOP_FLOOD_WRONG = " (the first bytes that differ: {data})"  # LOOP_FLOOD_REPLIES's {wrong}, where some did
LOOP_FLOOD_REPLIES = (
    "At the end, client F finished its last line, ended its lines (FIN) and read every reply: it expected {want} bytes "
    "(the replies to its {lines} lines), got {got}, then {end}{wrong}.\n"
    "  Hint: every reply you queue must reach the client: never drop replies to stay under your bound (read less "
    "instead), remove from the unsent replies only what send() took, and close a client after its EOF only once "
    "everything queued for it has been sent."
)
LOOP_BLOCKED_IN_SEND = (
    "Your server was asleep inside {call}() while client {client} was not reading (the kernel showed its "
    "thread waiting there): a blocking send() or sendall() waits until that client makes room, and the whole "
    "loop, every other client with it, waits too.\n"
    "  Hint: make every client socket non-blocking (setblocking(False); settimeout(None) makes it blocking), "
    "keep each client's replies in a buffer of yours, and send() "
    "only when the selector reports the socket writable (EVENT_WRITE); keep what send() did not take."
)
LOOP_BLOCKING_SOCKET = (
    "Your server's socket for client {client} was in blocking mode (the kernel showed its descriptor without "
    "O_NONBLOCK) while {client} was not reading: a send() on it that does not fit waits until {client} makes "
    "room, and the whole loop, every other client with it, waits too. It did not wait this time, but nothing in "
    "your code stops it.\n"
    "  Hint: call setblocking(False) on every socket accept() returns (settimeout(None) makes a socket blocking), "
    "and send() only when the selector reports the socket writable; keep what send() did not take."
)
MSG_DONTWAIT_HINT = (
    "Your code passes MSG_DONTWAIT: that keeps the calls that pass it from waiting, not the socket. The lesson "
    "asks for non-blocking sockets, so that no call on them can block the loop: one call without the flag (a "
    "sendall(), a recv() in a helper, a file from makefile()) would."
)
LOOP_BLOCKED_IN_SEND_TIMEOUT = (
    "Your server was asleep inside {call}(), waiting only for room to write, while client {client} was not reading "
    "(the kernel showed its thread waiting there, asking about nothing to read): that is where a send() or "
    "sendall() on a socket with a timeout (settimeout) waits. The timeout only bounds that wait: until it runs out, "
    "the whole loop, every other client with it, waits too; then send() raises TimeoutError.\n"
    "  Hint: a timeout does not make a socket non-blocking for the loop. Make every client socket non-blocking "
    "(setblocking(False)), keep each client's replies in a buffer of yours, and send() only when the selector "
    "reports the socket writable (EVENT_WRITE); keep what send() did not take."
)
TL_BLOCKED_IN_SEND = "the server's thread is asleep in {call}(): blocked sending to a client that does not read"
LOOP_STATIC = (
    "Static check of {file} (the grader read your source; it did not run it for this, as this machine's "
    "kernel cannot show where your server waits): {what}\n"
    "  Hint: in an event loop a reply waits in that client's buffer; when the selector reports the socket "
    "writable (EVENT_WRITE, POLLOUT, or select()'s list to write), call send() once and keep what it did not take."
)
LOOP_STATIC_SENDALL = (
    "it calls sendall() (line {line}), which blocks until every byte is sent: with a client that does not "
    "read, the whole loop stops."
)
LOOP_STATIC_NO_WRITE = (
    "it never asks a readiness API about writing (EVENT_WRITE, POLLOUT, EPOLLOUT, or select()'s list to write), "
    "so it cannot know when send() will not block."
)

# Platform reports (graders/platforms/reports.py): the summary a student sees on Gradescope and PrairieLearn.
HELP_PACKETS = "show the packets of every conversation (the handshake, the data, the close)"
HELP_PCAP = "write each conversation's packets to this folder as a pcap file (tcpdump -r, Wireshark)"
HELP_REPORT = "also write a report: json, gradescope, prairielearn, junit or csv (repeatable)"
REPORT_SUMMARY = "{passed}/{total} checks passed: {points}/{max_points} points."
REPORT_CUT = "(cut here: the whole report was larger than the platform accepts)"
# The Gradescope autograder (graders/platforms/gradescope.py), when no grade could be given.
AUTOGRADER_FAILED = (
    "The autograder could not grade this submission: {reason}\n"
    "This is not a verdict on your code. Tell your instructor, quoting this message."
)
# Reading a submission (grade-class and the Gradescope autograder): what was taken, what was not, and why.
SUBMISSION_SEVERAL = "{count} files named {lesson}.py ({places}); graded {chosen}"
SUBMISSION_SEARCH_STOPPED = "more than {limit} entries: searched no further"
SUBMISSION_TOO_DEEP = "folders more than {limit} levels deep were not searched"
SUBMISSION_NOT_REGULAR = "ignored {path}: not a regular file (a symlink?)"
SUBMISSION_NEAR_MISS = "not graded: {path} (the lesson's file must be named {lesson}.py)"
SUBMISSION_TOO_LARGE = "ignored {path}: larger than {limit} MiB"
SUBMISSION_UNREADABLE = "could not read {path}: {reason}"
SUBMISSION_MEMBER_UNSAFE = "ignored zip member {name!r}: {why}"
SUBMISSION_ABSOLUTE = "an absolute path"
SUBMISSION_DOTDOT = "a path through '..' that leaves the archive"
SUBMISSION_MEMBER_LINK = "ignored zip member {name!r}: a symbolic link"
SUBMISSION_MEMBER_TOO_LARGE = "ignored zip member {name!r}: larger than {limit} MiB"
SUBMISSION_ZIP_TOO_LARGE = "the zip is {size:.0f} MiB, over the {limit} MiB limit: not opened"
SUBMISSION_ZIP_TOO_MANY = "the zip lists {count} members, over the limit of {limit}"
SUBMISSION_ZIP_BROKEN = "not a readable zip ({reason})"
ZIP_NOT_AN_ARCHIVE = "named .zip, but its bytes are not a zip archive: a broken or unfinished upload?"
SUBMISSION_NEITHER = "neither a folder nor a zip file"
SUBMISSION_NESTED_BROKEN = "could not open {name}, a zip inside it ({reason})"
SUBMISSION_NESTED_TOO_MANY = "{count} zips inside it: opened the first {limit} only"
SUBMISSION_LOOSE_FILE = "a loose file without an LMS prefix (name_12345_67890_client_flow.py): pass its folder instead"
SUBMISSION_NO_LESSON_FILE = "no lesson file found ({names})"
SUBMISSION_UNISOLATED = "graded at the 'basic' isolation level only, though a stronger one was expected: not final"
SUBMISSION_STOPPED = "stopped after {limit:g} s (the wall-clock bound for one submission, --timeout): no grade"
# feedback.md, written by grade-class for each student.
FEEDBACK_TITLE = "# Feedback for {id}"
FEEDBACK_POINTS = "{points}/{total} points."
FEEDBACK_NOTE = "Note: {note}"
AUTOGRADER_NO_START = "the grader could not start (exit status {status})."
# Each platform's refusal names that platform's own remedy, never another's.
GRADESCOPE_UNISOLATED = (
    "the grader only has the 'basic' isolation level here, and this autograder was built to refuse that "
    "(your instructor can rebuild it with: nox -s gradescope -- --allow-unisolated)."
)
PRAIRIELEARN_UNISOLATED = (
    "the grader only has the 'basic' isolation level in this container, and it refuses to grade at that level "
    "(your instructor can rebuild the grader image with: docker build --build-arg ALLOW_UNISOLATED=1 ...)."
)

# --------------------------------------------------------------------------- the packets (graders/engine/packets.py)

PK_TITLE = "The packets of this conversation, captured on the run's own loopback (times in ms):"
PK_TITLE_BYHAND = "The packets of this conversation, captured on loopback (times in ms):"
PK_FROM_YOU = "your code -> peer"
PK_FROM_PEER = "peer -> your code"
PK_LABEL = {
    "handshake-1": "three-way handshake 1/3",
    "handshake-2": "three-way handshake 2/3",
    "handshake-3": "three-way handshake 3/3: connected",
    "close-1": "four-way close 1/4: the first FIN",
    "close-1-kill": "four-way close 1/4: the first FIN, sent by the kernel: the grader killed your process",
    "close-2": "four-way close 2/4: the FIN acknowledged",
    "close-2-3": "four-way close 2/4 and 3/4 in one packet: ACK and FIN",
    "close-3": "four-way close 3/4: the second FIN",
    "close-4": "four-way close 4/4: the second FIN acknowledged",
    "reset": "RST: the connection is reset, not closed",
    "reset-kill": "RST: sent by the kernel as the grader killed your process, not by your code",
    "zero-window": "zero window: the receiver's buffer is full",
}
PK_MORE = "          ... {packets}, {size}{zero} ..."  # counted(MORE_PACKETS), counted(BYTES)
PK_MORE_ZERO = ", {zero} of them advertising a zero window"
PK_TIME_WAIT_YOU = "          your code closed first: its end of the connection now waits in TIME_WAIT"
PK_TIME_WAIT_KILLED = (
    "          the grader's kill closed your code's end first (its process was killed, the kernel closed its "
    "sockets): that end now waits in TIME_WAIT"
)
PK_TIME_WAIT_PEER = "          the reference peer closed first: its end waits in TIME_WAIT, yours is gone"
PK_SECTION = "Packets"
PK_NO_NAMESPACE = "the run has no private network namespace here"
PK_SWITCHED_OFF = "switched off with COURSE_PACKETS=off"
PK_SAME_AS_ABOVE = "The packets of this conversation: shown above."
PK_HIDDEN = "The packets of this conversation ({count} lines) are listed by: nox -s grade -- {lesson} --packets"
PK_DROPPED = "(the capture fell behind: {dropped} not captured)"
PK_OFF = "Packets: not captured on this system ({reason}); the rest of the report is complete."
PK_PCAP_WRITTEN = "Packets: one pcap file per conversation ({count}) in {path} (open one in Wireshark, or: tcpdump -nr {example})"

# `nox -l`: the noxfile's own help, in the edition of COURSE_LANG (English: the noxfile's docstring itself).
NOXFILE_HELP = ""

# --------------------------------------------------------------------------- the edition

# This module's upper-case names are the English edition. Read from outside, `messages.NAME` is NAME in the
# edition COURSE_LANG selects (`lang.by_edition`), looked up in its catalogue (graders/text/locale/) when read:
# nothing is swapped at import, and a name written anywhere in this file is found like any other. Functions
# of this module read `_texts().NAME`, not the bare global (which is English).


def english() -> dict:
    """The English table, as written above: every upper-case name of this module."""
    return {name: value for name, value in globals().items() if name.isupper()}


@functools.cache
def _table(edition: str) -> dict:
    # Every template knows its own name, and so does every message filled from it: a verdict records which
    # template it was written from, and the graders' own tests assert that name, the same in every edition.
    return {name: lang.Template(text, name) if isinstance(text := lang.translated(value, edition, name), str)
            else text for name, value in english().items()}


def texts(edition: str):
    """The student-facing templates of one edition, whatever COURSE_LANG says (the noxfile needs this:
    its own `--lang` decides). Same names as this module's. (Here, not in `lang`: `lang` is below the
    text layer and imports none of it.)"""
    return types.SimpleNamespace(**_table(edition))


def _texts():
    return texts(lang.current())


lang.by_edition(__name__, _table)
if lang.current() != lang.DEFAULT:
    lang.translate_argparse(lambda: _table(lang.current())["ARGPARSE"])
