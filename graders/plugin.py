"""pytest plugin for grading: options, fixtures, the student's report, JSON results.

Loaded with ``-p graders.plugin`` (the noxfile does it). It adds:

* ``--target DIR``: the folder of student modules to grade (default: exercises/);
* ``--json FILE``: also write the results, one record per check (lesson,
  check, title, outcome, message, timeline, duration, points, template: the
  model of graders/engine/result.py, made there);
* the ``run`` fixture: the grading run (target, loopback host, live student
  processes), and per check the guarantee that no student process survives it;
* a report written for students instead of pytest's tracebacks: one line per
  check as it finishes, the failures with their messages and timelines, then
  each lesson's passed/total and the next lesson to work on.

Outcomes: passed, failed, timeout (the student's code hung: asleep, waiting),
slow (stopped at its limit while busy on the CPU), not-implemented (the stub
is untouched), not-judged (the check rests on what only Linux's kernel shows
the grader, and this system has no such view: neither passed nor failed,
counted apart, with the way to the full verdict), error (the grader itself
broke: never the student's fault, and said so).

The report follows COURSE.md, "What a failure must tell the student": a
lesson whose checks all say "not implemented" is one line (live and in
"What went wrong"), with no wire and no hint; checks that failed the same
way are listed under one message; every run ends with its next step, the
command included, also when the graded lessons pass (`next_step`).

Over 500 lines: the one module pytest loads with -p, its hooks and fixtures; a candidate to split (options, live report, JSON, exit status).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shlex
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

import pytest

from graders import course
from graders.engine import container, kernel, packets, result, sandbox, student, untrusted
from graders.engine.checks import expect_no_dropped_sockets
from graders.engine.harness import CheckFailed, Run
from graders.engine.timeline import NOTE as timeline_note
from graders.platforms import reports
from graders.text import lang, messages
from graders.tools import progress_store

RECORDS = pytest.StashKey[list]()
ISOLATION = pytest.StashKey[sandbox.Isolation]()
ITEMS = pytest.StashKey[list]()
RUN = pytest.StashKey[Run]()
STOPPED = pytest.StashKey[bool]()  # the run was stopped (Ctrl-C, SIGTERM): no report, one line
PACKETS = pytest.StashKey[tuple]()  # (packets.Tap or None, why there is none)
TAP_OPENING = pytest.StashKey[tuple]()  # (the thread opening the tap, the dict it puts its (tap, why) in)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("grading")
    group.addoption("--target", default=str(course.EXERCISES), help="folder of student modules to grade")
    group.addoption("--json", dest="json_path", default=None, help="also write the results as JSON to this file")
    group.addoption("--isolation", default=os.environ.get("COURSE_ISOLATION") or None,
                    help="force a lower isolation level: basic, uid, userns or full (default: the strongest available)")
    group.addoption("--report", dest="reports", action="append", type=reports.parse_spec, default=[],
                    metavar="FORMAT:FILE", help=f"also write a report: FORMAT one of {', '.join(reports.ADAPTERS)}")
    group.addoption("--packets", action="store_true", help="show the packets of every conversation, passed or not")
    group.addoption("--pcap", dest="pcap_dir", default=None, metavar="DIR",
                    help="write each conversation's packets to DIR as a pcap file (tcpdump -r, Wireshark)")


def pytest_configure(config: pytest.Config) -> None:
    if sys.platform == "win32":  # no fork, no process groups, no /proc: the harness needs a POSIX system
        raise pytest.UsageError(messages.WINDOWS)
    global _graded_folder
    _graded_folder = graded_folder(config.getoption("--target"))
    _CONFIG[:] = [config]  # for pytest_internalerror, which is given none
    config.stash[RECORDS] = []
    config.stash[ITEMS] = []
    # Stopped with SIGTERM (watch mode, a scheduler, `kill`): end as on Ctrl-C, so that the run's
    # processes and its scratch folder go with it instead of staying behind.
    signal.signal(signal.SIGTERM, _terminated)
    config.option.tbstyle = "no"  # our report replaces tracebacks
    config.option.reportchars = ""
    if config.getoption("json_path"):
        _check_json_path(config)
    try:
        student.call_limit()
    except ValueError as exc:
        low, high = student.CALL_LIMIT_RANGE
        raise pytest.UsageError(messages.BAD_CALL_LIMIT.format(value=exc, low=low, high=high)) from None
    try:
        isolation = sandbox.probe(config.getoption("--isolation"))
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from None
    if isolation.level != "basic":
        # Before any socket or thread exists: the run gets a loopback of its own (as an ordinary user, in a user
        # namespace of the grader's own: see sandbox.enter_private_network).
        netns = sandbox.enter_private_network(user_namespace=isolation.level == "userns",
                                              entry=isolation.entry or "unshare", bwrap=isolation.bwrap)
        if netns is None and isolation.level == "userns":  # the probe's fork could, this process cannot
            isolation = sandbox.Isolation("basic")
        else:
            isolation = dataclasses.replace(isolation, netns=netns)
    config.stash[ISOLATION] = isolation
    # The run starts now, so that its fork server prepares itself while the tap opens and pytest collects the checks.
    grading = Run(Path(config.getoption("--target")), Path(tempfile.mkdtemp(prefix="grade-")), isolation)
    config.stash[RUN] = grading  # from now on pytest_unconfigure stops it, whatever fails next
    grading.warm_up()
    # The packets of the run's own loopback (graders/engine/packets.py): only inside its private network namespace.
    # Opened before any check talks: the fork server's start sends nothing on the loopback.
    # Opened in a thread of its own while pytest collects the checks (its ring's setup and bind() wait on the
    # kernel for 10-20 ms), ready before the first check starts (_tap_ready). The thread is in the run's network.
    if os.environ.get("COURSE_PACKETS", "on").lower() in ("off", "0", "no"):
        config.stash[PACKETS] = (None, messages.PK_SWITCHED_OFF)
    elif not isolation.netns:
        config.stash[PACKETS] = (None, messages.PK_NO_NAMESPACE)
    else:
        config.stash[PACKETS] = (None, None)
        opened: dict = {}

        def open_tap() -> None:
            try:
                opened["tap"] = packets.Tap.open()
            except Exception as exc:  # noqa: BLE001 - no capture is a line in the report, never a failed run
                opened["tap"] = (None, str(exc))

        opening = threading.Thread(target=open_tap, name="packet-open", daemon=True)
        opening.start()
        config.stash[TAP_OPENING] = (opening, opened)
    config._grading_host = grading.host
    config._grading_run_id = grading.run_id


def _terminated(signum, frame) -> None:
    raise KeyboardInterrupt


def _check_json_path(config: pytest.Config) -> None:
    """Results go outside the submission: never into the folder being graded."""
    target = Path(config.getoption("--target")).resolve()
    path = Path(config.getoption("json_path")).resolve()
    if path == target or target in path.parents:
        raise pytest.UsageError(messages.JSON_INSIDE_TARGET.format(path=path, target=target))


@pytest.fixture(scope="session")
def run(request: pytest.FixtureRequest):
    """The grading run: shared by all checks, and it kills every student process at the end."""
    grading = request.config.stash[RUN]
    _tap_ready(request.config)
    yield grading
    # The last check's packets, then the tap closes: its socket's close (the kernel's grace periods) goes on
    # while the run's processes end.
    _settle_packets(request.config)
    tap = request.config.stash.get(PACKETS, (None, None))[0]
    if tap is not None:
        tap.close()
    grading.shutdown()
    shutil.rmtree(grading.tmp, ignore_errors=True)


def _tap_ready(config: pytest.Config) -> None:
    """The tap opened in pytest_configure, once it is open (or why it is not): before any check talks."""
    opening = config.stash.get(TAP_OPENING, None)
    if opening is None:
        return
    del config.stash[TAP_OPENING]
    thread, opened = opening
    thread.join()
    tap, why = opened.get("tap", (None, messages.PK_NO_NAMESPACE))
    config.stash[PACKETS] = (tap, why)
    grading = config.stash.get(RUN, None)
    if grading is not None:
        grading.tap = tap


def pytest_unconfigure(config: pytest.Config) -> None:
    _tap_ready(config)  # no check ran: the tap opened all the same, and is closed
    tap = config.stash.get(PACKETS, (None, None))[0]
    if tap is not None:
        tap.close()
    grading = config.stash.get(RUN, None)
    if grading is not None:  # no check ran (nothing selected, or a usage error): still leave nothing behind
        grading.shutdown()
        shutil.rmtree(grading.tmp, ignore_errors=True)


@pytest.fixture(autouse=True)
def _no_student_process_survives_a_check(run: Run, request: pytest.FixtureRequest):
    """Each check ends with its student processes (and their process groups) killed."""
    run.check_title = messages.CHECK_TITLES.get(request.node.originalname, request.node.originalname)
    if run.tap is not None:
        _settle_packets(request.config)
        run.tap.check_begins()
    yield
    run.close()


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function):
    """A check whose function returned (or raised) with work of it still running, or never waited for, fails
    with that story, whatever else it saw: a thread left running, a child not waited for, a thread of its
    code never joined (`StudentCall.expect_nothing_left`). It is the cause of what the wire showed (a reply
    that never came because the process was stopped after the return), and a check that saw nothing wrong
    must not pass it. Lessons 7 and 8 judge their threads in their own checks (LEFTOVERS_JUDGED_HERE)."""
    try:
        outcome = yield
    except CheckFailed as failure:
        if failure.outcome == "failed" and failure.template not in OWN_STORIES:
            _expect_nothing_left(pyfuncitem, failure.timeline)
        raise
    _expect_nothing_left(pyfuncitem, None, passed=True)
    return outcome


# Failures that already tell what the call left behind (a socket a child holds, work left running), or that do
# not depend on it (too slow): kept as they are. Any other failure of a call that left work running is that
# work's doing, told as such (a reply that never came because the process was stopped after the return).
OWN_STORIES = {"SOCKET_HELD_BY_CHILD", "SERVER_STILL_LISTENING", "SOCKET_NOT_CLOSED", "CLOSE_WAIT_LEFT",
               "HELD_AFTER_MOVING_ON",  # lesson 6: a server's socket a thread or child still held, its hint says which
               "TOO_SLOW", "TOO_SLOW_KILLED", "THREADS_LEFT", "CHILDREN_LEFT", "THREADS_UNJOINED",
               "FIN_BEFORE_THREAD_SENT"}  # lesson 4: a FIN before the message, sent by a thread never joined


def _expect_nothing_left(item: pytest.Function, timeline: list | None, passed: bool = False) -> None:
    """Raise the story of what a finished call left behind. Where a lesson's functions get their socket
    (SOCKETS_GIVEN: lessons 3 and 5), no check of its own judges the sockets they make, so a check that
    passed fails for one the code dropped without close() (a dup() of the given socket too): the kernel
    shows it open (`checks.expect_no_dropped_sockets`). A check that failed keeps its own story then."""
    grading = item.config.stash.get(RUN, None)
    if grading is None or getattr(item.module, "LEFTOVERS_JUDGED_HERE", False):
        return
    for student_call in grading.check_calls:
        if student_call.finished and not student_call.reference:
            try:
                student_call.expect_nothing_left()
                if passed and getattr(item.module, "SOCKETS_GIVEN", False):
                    expect_no_dropped_sockets(student_call)
            except CheckFailed as left:
                raise CheckFailed(left.message, left.outcome, timeline or left.timeline, left.template,
                                  left.templates) from None


def lesson_of(item: pytest.Item) -> str:
    return getattr(item.module, "LESSON", item.module.__name__.removeprefix("test_"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.when == "call" or (report.when == "setup" and not report.passed):
        made: dict = {"outcome": "passed"}  # the record's fields this check's end decides (result.check_result)
        printed: list[str] = []  # what the student's code printed, shown at the end of a failure's message
        excinfo = call.excinfo
        if report.skipped:
            made.update(outcome="skipped", message=str(excinfo.value) if excinfo else "")
        elif excinfo is None:
            made["earned"] = 1
            grading = item.config.stash.get(RUN, None)
            if grading is not None and report.when == "call":  # it passed, though a call of it was stopped
                grading.stopped_untold.update(key for key, (title, _) in grading.stopped.items()
                                              if title == grading.check_title)
        elif isinstance(excinfo.value, CheckFailed) or (fault := _student_fault(item, excinfo.value)) is not None:
            failure = excinfo.value if isinstance(excinfo.value, CheckFailed) else fault
            message = failure.message
            if failure.outcome != "not-implemented":
                # What the student's code printed (threads and their tracebacks included), with the first
                # failing check that used the call, whether the function raised, returned or hung.
                grading = item.config.stash.get(RUN, None)
                calls = list(grading.check_calls) if grading else []
                # Several calls at once (lesson 6's lists): each one's prints under its own label, if it has one.
                several = sum(1 for c in calls if not c.output_shown and c.label and c.printed_lines(message)) > 1
                for student_call in calls:
                    # Its heading, then its lines (one heading for them all), a traceback the message quotes left out.
                    lines = student_call.printed_report(quoted=message)
                    if lines and several and student_call.label:
                        lines = [lines[0], "  " + messages.PRINTED_BY_CALL.format(call=student_call.label), *lines[1:]]
                    printed += lines[1:] if printed else lines
                if printed:
                    message = "\n".join([message, *printed])
            made.update(outcome=failure.outcome, message=message, timeline=failure.timeline,
                        template=failure.template, templates=list(failure.templates))
            report.longrepr = message
            if failure.outcome == "not-judged":  # pytest's own count says so too: not judged is no failure, no pass
                report.outcome = "skipped"
                report.longrepr = (str(item.path), item.location[1] or 0, failure.message.split("\n", 1)[0])
        else:
            details = "".join(traceback.format_exception(excinfo.value)[-12:])
            made.update(outcome="error", message=messages.GRADER_ERROR.format(details=details))
            report.longrepr = made["message"]
        # Student text (output, exception messages, file names) reaches every report through this record: made
        # safe once here for the terminal and every format built from it (untrusted.py), and again by each sink.
        for key in ("message", "timeline"):
            if key in made:
                made[key] = untrusted.clean_model(made[key])
        record = result.check_result(lesson_of(item), item.originalname,
                                     messages.CHECK_TITLES.get(item.originalname, item.originalname),
                                     duration=call.duration, **made)
        if printed:
            record["printed"] = len(printed)  # its last lines: not part of what the check said
        if excinfo is not None and isinstance(excinfo.value, CheckFailed) and excinfo.value.home:
            record["home"] = True  # its subject: it heads the checks that failed alike
        if excinfo is not None and isinstance(excinfo.value, CheckFailed) and excinfo.value.mark:
            record["mark"] = excinfo.value.mark  # not run (an earlier check stopped its function): said in the list
        if report.longrepr is not None and isinstance(report.longrepr, str):
            report.longrepr = record["message"]
        _packets(item.config, record)
        item.config.stash[RECORDS].append(record)
        report.grading_record = record
    return report


def _student_fault(item: pytest.Item, exc: BaseException) -> CheckFailed | None:
    """A check whose grader code raised: the student's failure instead, when their call failed first
    (`Run.student_fault`). A student's mistake never shows as a grader error."""
    grading = item.config.stash.get(RUN, None)
    if grading is None or not isinstance(exc, Exception):
        return None
    try:
        return grading.student_fault(exc)
    except Exception:  # noqa: BLE001 - the grader error is reported as it is
        return None


def _packets(config: pytest.Config, record: dict) -> None:
    """The check's packets: drawn under a failed conversation's timeline (every check's with --packets), and
    written as a pcap file with --pcap (each conversation in the file of the check that held it). Settled
    when the next check starts, so that the last packets of a close (and of the grader's kill) are in."""
    tap = config.stash[PACKETS][0]
    if tap is None:
        return
    shown = bool(config.getoption("packets") or (record["timeline"] and record["outcome"] not in (
        "passed", "skipped", "not-implemented")))
    folder = config.getoption("pcap_dir")
    if shown or folder:
        tap.pending.append((record, tap.check_started, list(tap.touched), shown, folder))


def _settle_packets(config: pytest.Config) -> None:
    tap = config.stash.get(PACKETS, (None, None))[0]
    if tap is None:
        return
    for record, started, touched, shown, folder in tap.settle():
        if shown:
            record["packets"] = untrusted.clean_model(tap.view(tap.frames(started, touched)))  # bytes off the wire
        if folder:
            own = tap.frames(started, [])
            if own:
                path = Path(folder)
                path.mkdir(parents=True, exist_ok=True)
                packets.write_pcap(path / tap.pcap_name(record["lesson"], record["check"]), own)


def pytest_report_teststatus(report: pytest.TestReport, config: pytest.Config):
    """No progress letters: the per-check lines below replace them."""
    if report.when == "call" or (report.when == "setup" and not report.passed):
        return report.outcome, "", ""
    return None


class _LiveLines:
    """The per-check lines, written as checks finish, lesson by lesson.

    A lesson whose checks so far all say "not implemented yet" is held back:
    if it ends that way (an untouched lesson), it is one line, not one per
    check; as soon as one of its checks says more, its lines are written.
    """

    def __init__(self) -> None:
        self.lesson: str | None = None
        self.held: list[dict] = []
        self.live = False

    def add(self, reporter, record: dict) -> None:
        if record["lesson"] != self.lesson:
            self.finish(reporter)
            self.lesson, self.held, self.live = record["lesson"], [], False
        if not self.live and record["outcome"] == "not-implemented":
            self.held.append(record)
            return
        if not self.live:
            self.live = True
            _write_heading(reporter, record["lesson"])
            for held in self.held:
                _write_check_line(reporter, held)
            self.held = []
        _write_check_line(reporter, record)

    def finish(self, reporter) -> None:
        """The current lesson ended: an untouched one is said in one line."""
        if self.lesson is not None and not self.live and self.held:
            _write_heading(reporter, self.lesson)
            label = messages.OUTCOME_LABEL["not-implemented"]
            reporter.write(f"  {lang.ljust(label, 5)} ", red=True)
            reporter.write_line(_not_started(self.lesson))
        self.lesson, self.held, self.live = None, [], False


_live = _LiveLines()


def _not_started(lesson_id: str) -> str:
    lesson = course.lesson(lesson_id)
    if lesson is None:
        return messages.OUTCOME_LABEL["not-implemented"]
    return messages.NOT_STARTED.format(text=lesson.text, module=module_path(lesson.id, _graded_folder))


_graded_folder: str | None = None  # the --target folder graded, where it is not exercises/ (`graded_folder`)


def graded_folder(target: str | Path | None) -> str | None:
    """The folder a --target grading grades, as the report names it: None for exercises/ (the course's own); a
    folder of the course as a relative path (solutions), any other as given, made absolute."""
    if target is None or progress_store.is_exercises(Path(target)):
        return None
    path = Path(target).resolve()
    # A folder's name is the submitter's (control characters, escapes): shown escaped, as every untrusted text
    return untrusted.clean(str(path.relative_to(course.ROOT)) if course.ROOT in path.parents else str(path))


def module_path(lesson_id: str, folder: str | None) -> str:
    """The module a student edits for a lesson: exercises/LESSON.py, or LESSON.py in the graded folder (where the
    folder has none yet, with the command that copies the stub there)."""
    if folder is None:
        return f"exercises/{lesson_id}.py"
    module = f"{folder}/{lesson_id}.py"
    if not (course.ROOT / folder / f"{lesson_id}.py").exists():
        return messages.MODULE_FROM_STUB.format(module=module, lesson=lesson_id, dest=shlex.quote(module))
    return module


def target_option(folder: str | None) -> str:
    """What the report's grade command adds after the lesson for a --target folder ("" for exercises/)."""
    return "" if folder is None else f" --target {shlex.quote(folder)}"


def _write_heading(reporter, lesson_id: str) -> None:
    lesson = course.lesson(lesson_id)
    heading = (messages.LESSON_HEADING.format(number=lesson.number, title=lesson.title, lesson=lesson.id)
               if lesson else lesson_id)
    reporter.ensure_newline()
    reporter.write_line("")
    reporter.write_line(heading, bold=True)


def _write_check_line(reporter, record: dict) -> None:
    label = messages.OUTCOME_LABEL.get(record["outcome"], record["outcome"].upper())
    colour = {"passed": {"green": True}, "skipped": {"yellow": True}, "not-judged": {"yellow": True}}.get(
        record["outcome"], {"red": True})
    reporter.write(f"  {lang.ljust(label, 5)} ", **colour)
    # A check that did not run its function (an earlier check stopped it) says so after its title: still FAIL,
    # counted as failed, but not a second mistake of the student's.
    reporter.write_line(messages.CHECK_LINE_MARKED.format(title=record["title"], mark=record["mark"])
                        if record.get("mark") else record["title"])


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """One line per check as soon as it is judged, under its lesson's heading."""
    record = getattr(report, "grading_record", None)
    if record is None or _reporter is None:
        return
    _live.add(_reporter, record)


LAST_OF_LESSON = pytest.StashKey[set]()


def pytest_runtest_logfinish(nodeid: str, location) -> None:
    """After a lesson's last check, its lines are complete (an untouched lesson's one line is written)."""
    if _reporter is not None and _config is not None and nodeid in _config.stash.get(LAST_OF_LESSON, set()):
        _live.finish(_reporter)


_reporter = None
_config = None


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    global _reporter, _config
    _config = session.config
    _reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if _reporter is not None:
        _summary_in_edition(_reporter)


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    if exitstatus == pytest.ExitCode.INTERRUPTED:  # stopped: what was judged so far is on screen already
        config.stash[STOPPED] = True
        return
    _live.finish(terminalreporter)
    records = _with_never_run(config, config.stash[RECORDS])
    write = terminalreporter.write_line
    problems = [r for r in records if r["outcome"] not in ("passed", "skipped", "not-judged")]
    if problems:
        _section(terminalreporter, messages.WHAT_WENT_WRONG)
        _what_went_wrong(terminalreporter, records, problems, full=bool(config.getoption("packets")))
    _progress(terminalreporter, records)
    _packets_summary(terminalreporter, config, records, problems)
    isolation = config.stash[ISOLATION]
    write(messages.ISOLATION_LINE.format(level=isolation.level, what=messages.ISOLATION_WHAT[isolation.level]))
    grading = config.stash.get(RUN, None)
    if grading is not None and grading.stdlib == "preloaded":
        write(messages.STDLIB_PRELOADED.format(prefix=container.interpreter_prefix()), yellow=True)
    if isolation.level == "basic" and sys.platform.startswith("linux") and not config.getoption("--isolation"):
        write(messages.ISOLATION_BASIC_HINT, yellow=True)  # a student's Linux machine without a sandbox: how to get one
    unjudged = [r for r in records if r["outcome"] == "not-judged"]
    if unjudged:  # never a pass: counted apart, with the way to the full verdict
        write("")
        write(messages.NOT_JUDGED_LINE.format(checks=messages.counted(messages.CHECKS, len(unjudged))), yellow=True)
        for record in unjudged:
            write(f"  {record['lesson']}: {record['title']}", yellow=True)
    if records and not kernel.AVAILABLE:
        write("")
        write(messages.LINUX_ONLY, yellow=True)


def _packets_summary(terminalreporter, config: pytest.Config, records: list[dict], problems: list[dict]) -> None:
    """--packets: every other check's packets too; where no capture is possible, one line says so."""
    write = terminalreporter.write_line
    tap, why = config.stash[PACKETS]
    asked = config.getoption("packets") or config.getoption("pcap_dir")
    if tap is None:
        if asked or problems:
            write(messages.PK_OFF.format(reason=why))
        return
    if config.getoption("packets"):
        listed = [r.get("packets") for r in problems]  # listed under "What went wrong" already (--packets: all)
        shown = [r for r in records if r.get("packets") and r not in problems and r["packets"] not in listed]
        # Checks that judged the same conversations together, in the order each listing first came: a check that
        # also held a conversation of its own (lesson 1's 8 MiB message) does not split the others' run.
        first_seen: dict[tuple, int] = {}
        for record in shown:
            first_seen.setdefault(tuple(record["packets"]), len(first_seen))
        shown.sort(key=lambda record: first_seen[tuple(record["packets"])])
        if shown:
            _section(terminalreporter, messages.PK_SECTION)
        for index, record in enumerate(shown):  # checks that judged one conversation: its packets once
            if index == 0 or record["packets"] != shown[index - 1]["packets"]:
                write("")
            write(f"{record['lesson']}: {record['title']}", bold=True)
            if index + 1 == len(shown) or record["packets"] != shown[index + 1]["packets"]:
                _write_packets(write, record)
    if config.getoption("pcap_dir") and tap.written:
        folder = Path(config.getoption("pcap_dir"))
        write(messages.PK_PCAP_WRITTEN.format(path=folder, count=len(tap.written),
                                              example=folder / sorted(tap.written)[0]))
    received, dropped = tap.capture.statistics()
    if dropped and asked:
        write(messages.PK_DROPPED.format(dropped=messages.counted(messages.PACKETS, dropped)))


# A report for one mistake fits on one screen (SCREEN lines): a long conversation shows its first and last
# events (the failure is at its end), and the lines between are counted (TL_MORE_EVENTS); a packet listing
# is drawn where the report still fits, else one line gives its command (PK_HIDDEN). --packets: all of both.
SCREEN = 40
AROUND = 8  # the report's lines besides "What went wrong", the checks and the lessons: rules, next step, counts
TIMELINE_HEAD = 6  # the diagram's heading (two lines) and the first events
TIMELINE_TAIL = 10  # the last events, where the conversation went wrong


def _cut_timeline(timeline: list[str], full: bool) -> list[str]:
    """A long timeline's first and last lines, the middle counted in one line (all of them with --packets)."""
    if full or len(timeline) <= TIMELINE_HEAD + TIMELINE_TAIL + 1:
        return timeline
    return _cut_between(timeline, TIMELINE_HEAD, len(timeline) - TIMELINE_TAIL)


def _cut_between(timeline: list[str], head: int, tail: int) -> list[str]:
    """The timeline's lines before `head` and from `tail` on, those between counted in one line. A long line of
    the code's own is drawn as two, its text and then its arrow: never cut between them."""
    if _bare_arrow(timeline[head]):
        head += 1
    if _bare_arrow(timeline[tail]):
        tail -= 1
    if tail <= head + 1:
        return timeline
    return [*timeline[:head], messages.TL_MORE_EVENTS.format(count=tail - head), *timeline[tail:]]


FIRST_WIRE_MIN = 6  # the first conversation, cut to fit the screen, keeps at least this many lines


def _cut_to(timeline: list[str], keep: int) -> list[str]:
    """A timeline cut to about `keep` lines: its first and last lines, the middle counted in one line."""
    if len(timeline) <= keep:
        return timeline
    return _cut_between(timeline, (keep - 1) // 2, len(timeline) - (keep - 1 - (keep - 1) // 2))


def _bare_arrow(line: str) -> bool:
    """The arrow of the code's own line whose text was drawn on the line above (Timeline.render)."""
    return len(line) > 2 and line.endswith(">") and set(line[:-1]) == {"-"}


def _what_went_wrong(terminalreporter, records: list[dict], problems: list[dict], full: bool = False) -> None:
    """Each failure once: an untouched lesson in one line; checks that failed alike under one message.

    A check whose message is the same as one before it (a stub, a syntax
    error, a function that already hung, a server that crashed) is listed
    under that message, not given its own copy; a timeline already drawn
    (one conversation that several checks judged) is named, not drawn again.
    A long timeline is cut, and a packet listing drawn only where the report still fits a screen
    (SCREEN lines; otherwise one line gives the command), unless `full` (--packets).
    """
    out = _Report()
    write = out.line
    by_lesson: dict[str, list[dict]] = {}
    for record in records:
        by_lesson.setdefault(record["lesson"], []).append(record)
    untouched = {lesson for lesson, checks in by_lesson.items() if progress_store.judge(checks)[0] == "todo"}
    said = set()
    groups: list[list[dict]] = []
    by_key: dict[tuple, list[dict]] = {}
    for record in problems:
        if record["lesson"] in untouched:
            if record["lesson"] not in said:
                said.add(record["lesson"])
                groups.append([record])
            continue
        key = (record["lesson"], _said(record), _story(record))
        if key in by_key:  # the same story as a check before it, next to it or not: listed under it
            by_key[key].append(record)
        else:
            by_key[key] = [record]
            groups.append(by_key[key])
    for group in groups:  # headed by the check whose subject the failure is, if one says so (CheckFailed.home)
        home = next((record for record in group if record.get("home")), None)
        if home is not None and home is not group[0]:
            group.remove(home)
            group.insert(0, home)
    drawn: dict[tuple, str] = {}  # each conversation's timeline is drawn once: (lesson, timeline) -> its check
    told: dict[tuple, str] = {}  # each cause is explained once: (lesson, outcome, its templates) -> its check
    previous_untouched = False
    for group in groups:
        first = group[0]
        if not (first["lesson"] in untouched and previous_untouched):  # untouched lessons: one line each, together
            write("")
        previous_untouched = first["lesson"] in untouched
        if first["lesson"] in untouched:
            label = messages.OUTCOME_LABEL["not-implemented"]
            out.part(f"{label} ", red=True, bold=True)
            write(messages.CHECK_HEADING.format(lesson=first["lesson"], title=_not_started(first["lesson"])), bold=True)
            continue
        listed = group if len(group) <= GROUP_LISTED + 1 else group[:GROUP_LISTED]
        for record in listed:
            label = messages.OUTCOME_LABEL.get(record["outcome"], record["outcome"].upper())
            out.part(f"{label} ", red=True, bold=True)
            write(messages.CHECK_HEADING.format(lesson=record["lesson"], title=record["title"]), bold=True)
        if len(listed) < len(group):  # the others are in the per-check list above: counted here
            more = messages.counted(messages.MORE_CHECKS, len(group) - len(listed))
            # Not run (HUNG_BEFORE and the like): marked so in the list; otherwise only counted.
            template = messages.ALSO_NOT_RUN if all(record.get("mark") for record in group[len(listed):]) else (
                messages.ALSO_FAILED)
            write(template.format(checks=more, lesson=first["lesson"]), bold=True)
        # The same mistake only where it is in the same place of the student's code: the same templates, naming
        # the same lines (a second dup() left open, on another line, is a mistake of its own, told in full), and
        # for a check not run, the same function stopped before (its mark names it: HUNG_BEFORE names no line,
        # and send_all()'s hang is not recv_exactly()'s).
        cause = (first["lesson"], first["outcome"], tuple(first.get("templates") or ()), _places(_said(first)),
                 first.get("mark", ""))
        printed = any(record.get("printed") for record in group)
        if not full and cause[2] and cause in told and not printed:
            # The same mistake in another conversation (its own facts): explained above, drawn with --packets.
            write("  " + messages.SAME_CAUSE_ABOVE.format(title=told[cause],
                                                          lesson=first["lesson"] + target_option(_graded_folder)))
            continue
        told.setdefault(cause, first["title"])
        shown = next((record for record in group if record.get("printed")), first)  # with what it printed
        for line in _shown_message(shown).splitlines():
            write("  " + line)
        timeline = _shown_timeline(first)
        drawn_under = drawn.get((first["lesson"], tuple(timeline)))
        above, extra = _drawn_before(first["lesson"], timeline, drawn)
        if timeline and drawn_under is not None:
            out.ref(drawn_under, first["lesson"], [])
        elif timeline and above is not None:  # the same conversation, with this check's own observations
            out.ref(above, first["lesson"], _cut_timeline(extra, full))
        elif timeline:
            drawn[(first["lesson"], tuple(timeline))] = first["title"]
            out.wire(first["title"], first["lesson"], _cut_timeline(timeline, full))
        if first.get("packets"):
            out.packets(first, said)
    # The rest of the run's output shares the screen: a line per check and per lesson above, the progress,
    # the next step, the isolation and the count below.
    around = len(records) + 2 * len(by_lesson) + AROUND
    out.flush(terminalreporter, full, SCREEN - around)


def _draw(write, timeline: list[str]) -> None:
    for line in timeline:
        # Colour only where the terminal takes it (pytest honours NO_COLOR and pipes).
        colour = {">": {"cyan": True}, "<": {"yellow": True}, timeline_note: {"bold": True}}
        key = ">" if line.endswith("-->") else line[:1]
        write("    " + line, **colour.get(key, {}))


def _drawn_before(lesson: str, timeline: list[str], drawn: dict[tuple, str]) -> tuple[str | None, list[str]]:
    """A conversation drawn already whose events this timeline repeats, and what it adds (its own notes).

    The timeline of a drawn one, its closing observations (notes, "* ") aside, is the beginning of this
    one: only the lines after that beginning are new. (The check under which it was drawn, those lines.)
    """
    for (where, lines), title in drawn.items():
        if where != lesson:
            continue
        events = len(lines)
        while events and lines[events - 1].startswith(timeline_note):
            events -= 1
        if events > 2 and len(timeline) > events and tuple(timeline[:events]) == lines[:events]:
            extra = [line for line in timeline[events:] if line not in lines[events:]]
            return title, extra
    return None, []


class _Report:
    """"What went wrong", held until it is complete, to fit on one screen (SCREEN lines): the first
    conversation is always drawn; another one, and a packet listing, only where the report still fits
    (otherwise one line gives the command that draws it: WIRE_NOT_DRAWN, PK_HIDDEN). --packets: all."""

    def __init__(self) -> None:
        self.entries: list[tuple] = []

    def part(self, text: str, **style) -> None:  # the start of a line (its outcome label, in colour)
        self.entries.append(("part", text, style))

    def line(self, text: str = "", **style) -> None:
        self.entries.append(("line", text, style))

    def wire(self, title: str, lesson: str, lines: list[str]) -> None:
        """A conversation's timeline, drawn under the check titled `title`."""
        self.entries.append(("wire", (title, lesson, lines), {}))

    def ref(self, title: str, lesson: str, extra: list[str]) -> None:
        """The conversation drawn under `title`, and what this check also saw (`extra`)."""
        self.entries.append(("ref", (title, lesson, extra), {}))

    def packets(self, record: dict, said: set) -> None:
        key = ("packets", tuple(record["packets"]))
        self.entries.append(("same", key, {}) if key in said else ("packets", record, {}))
        said.add(key)

    def flush(self, terminalreporter, full: bool, room: int = SCREEN) -> None:
        """Write it out; `room`: the lines the conversations after the first and the packets may fill up to
        (the screen, less the run's other lines)."""
        write = terminalreporter.write_line
        lines = sum(1 for kind, value, _ in self.entries if kind in ("same", "packets", "wire") or (
            kind == "line" and value.strip()) or kind == "ref")  # lines with something on them: a screen
        lines += sum(len(value[2]) for kind, value, _ in self.entries if kind == "ref")
        drawn = set()
        for index, (kind, value, style) in enumerate(self.entries):  # conversations first, in order; then packets
            if kind == "wire" and (full or not drawn or lines + len(value[2]) <= room):
                if not full and not drawn and lines + len(value[2]) > room:  # the first, always drawn: cut to fit
                    value = (value[0], value[1], _cut_to(value[2], max(FIRST_WIRE_MIN, room - lines)))
                    self.entries[index] = (kind, value, style)
                lines += len(value[2])  # its heading was counted: one line for it either way
                drawn.add(value[0])
        for kind, value, _ in self.entries:
            if kind == "packets" and (full or lines + len(value["packets"]) <= room):
                lines += len(value["packets"])
                drawn.add(("packets", tuple(value["packets"])))
        for kind, value, style in self.entries:
            if kind == "part":
                terminalreporter.write(value, **style)
            elif kind == "line":
                write(value, **style)
            elif kind in ("wire", "ref") and value[0] not in drawn:
                write("  " + messages.WIRE_NOT_DRAWN.format(lesson=value[1] + target_option(_graded_folder)))
            elif kind == "wire":
                write("  " + messages.ON_THE_WIRE)
                _draw(write, value[2])
            elif kind == "ref":
                write("  " + (messages.WIRE_ABOVE_ALSO if value[2] else messages.WIRE_ABOVE).format(title=value[0]))
                _draw(write, value[2])
            elif kind == "same":
                if value in drawn:  # a listing not drawn was given its command already
                    write("  " + messages.PK_SAME_AS_ABOVE)
            elif ("packets", tuple(value["packets"])) in drawn:
                _write_packets(write, value)
            else:
                write("  " + messages.PK_HIDDEN.format(count=len(value["packets"]),
                                                       lesson=value["lesson"] + target_option(_graded_folder)))


def _write_packets(write, record: dict, said: set | None = None) -> None:
    """A conversation's packets, once per report: another check judging the same conversation says so."""
    if not record.get("packets"):
        return
    key = ("packets", tuple(record["packets"]))
    if said is not None and key in said:
        write("  " + messages.PK_SAME_AS_ABOVE)
        return
    if said is not None:
        said.add(key)
    write("  " + messages.PK_TITLE)
    for line in record["packets"]:  # coloured as the timeline's arrows (pytest honours NO_COLOR and pipes)
        colour = {"cyan": True} if messages.PK_FROM_YOU in line else {"yellow": True} if (
            messages.PK_FROM_PEER in line) else {}
        write("    " + line, **colour)


# Checks named under one message; the others that failed alike are counted (marked in the list above). One: the
# first is where the story was seen (the earliest check, in the lesson's order); a second title, a check that only
# needed the same run ("sleeps while every client is idle" under a reset that ended the loop), read as an accusation.
GROUP_LISTED = 1


def _shown_message(record: dict) -> str:
    """A stub's message is its first line: nothing was done, so no hint and no wire to show."""
    if record["outcome"] == "not-implemented":
        return record["message"].split("\n", 1)[0]
    return record["message"]


def _said(record: dict) -> str:
    """What the check said, without what the student's code printed (shown with one check only)."""
    message = _shown_message(record)
    if record.get("printed"):
        message = "\n".join(message.split("\n")[:-record["printed"]])
    return message


# The templates that name a place in the student's code, a file and a line (in the current edition).
PLACES = ("SOCKET_CREATED_AT", "MAKEFILE_MADE_AT", "LINE_OF_FILE", "FRAME_LINE")


def _places(message: str) -> tuple:
    """The places of the student's code a message names ((file, line) as its templates wrote them, in order).

    Two failures with the same templates are the same mistake (SAME_CAUSE_ABOVE) only where these agree: the
    rest of what their templates were filled with is each conversation's own (its ports, the servers of a list,
    the values returned there), and one explanation per root cause keeps the report on one screen."""
    found = []
    for name in PLACES:
        template = str(getattr(messages, name)).strip()
        ends = [template.index(field) + len(field) for field in ("{line}", "{lineno}", "{file}") if field in template]
        pattern = re.escape(template[: max(ends)])
        for field, group in (("{line}", r"(?P<line>\d+)"), ("{lineno}", r"(?P<line>\d+)"), ("{file}", r"(?P<file>[\w.-]+)")):
            pattern = pattern.replace(re.escape(field), group)
        found += [(match.group("file"), match.group("line")) for match in re.finditer(pattern, message)]
    return tuple(found)


# The failures told by the student's own traceback (their exception, their exit, their syntax or import error):
# the traceback is the root cause, whichever conversation it ended (each has its own ports and times).
OWN_TRACEBACK = {"RAISED", "EXITED", "SYNTAX_ERROR", "IMPORT_ERROR"}


def _story(record: dict) -> tuple:
    """What makes two checks' failures the same story, besides their message: the conversation they judged,
    unless the message is the student's own traceback, which is one root cause in every conversation (lesson 2's
    restart check holds a conversation of its own: an exception after accept() ends both alike)."""
    if OWN_TRACEBACK & set(record.get("templates") or ()):
        return ()
    return tuple(_shown_timeline(record))


def _shown_timeline(record: dict) -> list[str]:
    return [] if record["outcome"] == "not-implemented" else record["timeline"]


def _progress(terminalreporter, records: list[dict]) -> None:
    write = terminalreporter.write_line
    by_lesson: dict[str, list[dict]] = {}
    for record in records:
        by_lesson.setdefault(record["lesson"], []).append(record)
    if not by_lesson:
        return
    _section(terminalreporter, messages.PROGRESS_HEADER)
    next_lesson = None
    for lesson in course.lessons():
        checks = by_lesson.get(lesson.id)
        if checks is None:
            continue
        kind, passed, total = progress_store.judge(checks)
        label = progress_store.state_label(kind, checks)
        if kind not in progress_store.FINISHED_HERE and next_lesson is None:
            next_lesson = lesson
        write(messages.PROGRESS_LINE.format(
            number=lesson.number, title=lang.ljust(lesson.title, messages.TITLE_WIDTH), passed=passed, total=total,
            state=label))
    write("")
    unjudged = any(progress_store.judge(checks)[0] == "unjudged" for checks in by_lesson.values())
    for line in next_step(list(by_lesson), next_lesson, unjudged, _graded_folder):
        write(line, green=next_lesson is None)


def next_step(graded: list[str], next_lesson, unjudged: bool = False, folder: str | None = None) -> list[str]:
    """What to do after this run, the command included: every run ends with it.

    A lesson still failing: that lesson. Every graded lesson passes: the
    course's next lesson after them (or the whole course, or the end of it).
    `unjudged`: some of their checks were not judged on this system: never
    said to pass, only what this system can judge. `folder`: a --target folder graded (`graded_folder`): its
    module is the one to edit, and the command grades it again.
    """
    if next_lesson is not None:
        return messages.NEXT_LESSON.format(number=next_lesson.number, title=next_lesson.title, text=next_lesson.text,
                                           lesson=next_lesson.id, module=module_path(next_lesson.id, folder),
                                           target=target_option(folder)).splitlines()
    lessons = course.lessons()
    last = max(i for i, lesson in enumerate(lessons) if lesson.id in graded)
    passed = messages.LIST_SEPARATOR.join(str(lesson.number) for lesson in lessons if lesson.id in graded)
    later = lessons[last + 1:]
    if later:
        after = later[0]
        template = messages.PASSED_NEXT_UNJUDGED if unjudged else messages.PASSED_NEXT
        return template.format(passed=passed, number=after.number, title=after.title, text=after.text,
                               lesson=after.id, module=module_path(after.id, folder),
                               target=target_option(folder)).splitlines()
    if all(lesson.id in graded for lesson in lessons):
        return (messages.COURSE_FINISHED_UNJUDGED if unjudged else messages.COURSE_FINISHED).splitlines()
    return (messages.PASSED_GRADE_ALL_UNJUDGED if unjudged else messages.PASSED_GRADE_ALL).format(
        passed=passed).splitlines()


def pytest_collection_finish(session: pytest.Session) -> None:
    """Every selected check is in the JSON from the start, as never run: a run that is stopped still counts it."""
    session.config.stash[ITEMS] = [(lesson_of(item), item.originalname) for item in session.items]
    grading = session.config.stash.get(RUN, None)
    if grading is not None:  # what it grades: a conversation that only some check needs is played only for it
        grading.selected = set(session.config.stash[ITEMS])
    last = {}
    for item in session.items:
        last[lesson_of(item)] = item.nodeid
        # A failed check's report is written by pytest_runtest_makereport, which replaces pytest's own longrepr
        # (a formatted traceback, about 1 ms a failure, 70 ms for the untouched stubs): not made at all.
        item.repr_failure = _no_traceback
    session.config.stash[LAST_OF_LESSON] = set(last.values())
    if session.config.getoption("json_path"):
        _write_json(session.config, _with_never_run(session.config, []))


def _no_traceback(excinfo, style=None) -> str:
    return str(excinfo.value)


def _with_never_run(config: pytest.Config, records: list[result.CheckResult]) -> list[result.CheckResult]:
    """The records, plus a failing record for every selected check that has none.

    "not-run": the run stopped first (killed, interrupted, or pytest's -x after a failure). It counts as failed,
    and it is not a grader error: nothing of the grader's own raised."""
    done = {(r["lesson"], r["check"]) for r in records}
    # Stopped by the grader's own crash (pytest's INTERNALERROR), not by anyone's interrupt: said so.
    why = messages.NEVER_RAN_GRADER_FAILED if config.stash.get(INTERNAL_ERROR, False) else messages.NEVER_RAN
    missing = [result.never_ran(lesson, check, messages.CHECK_TITLES.get(check, check), why)
               for lesson, check in config.stash[ITEMS] if (lesson, check) not in done]
    return records + missing


INTERNAL_ERROR = pytest.StashKey[bool]()
_CONFIG: list[pytest.Config] = []  # this process's pytest config (one run per process)


def pytest_internalerror(excrepr, excinfo) -> None:
    """The grader itself crashed outside any check (its report, a hook): the checks it never ran say so."""
    config = _CONFIG[0] if _CONFIG else None
    if config is not None:
        config.stash[INTERNAL_ERROR] = True


def _write_json(config: pytest.Config, records: list[result.CheckResult]) -> result.Results:
    isolation = config.stash[ISOLATION]
    summary = result.results(
        records,
        target=untrusted.clean(config.getoption("--target")),
        host=getattr(config, "_grading_host", None),
        run_id=getattr(config, "_grading_run_id", None),
        isolation=isolation.level,
        isolation_details={**isolation.describe(),
                           "stdlib": getattr(config.stash.get(RUN, None), "stdlib", "readable"),
                           "uid": isolation.uid},
        netns=isolation.netns,
        finished=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    )
    if not config.getoption("json_path"):
        return summary
    path = Path(config.getoption("json_path")).absolute()
    # A new file renamed into place: a symlink planted at `path` is replaced, never followed.
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".results-")
    with os.fdopen(fd, "w") as f:
        f.write(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    os.chmod(temp, 0o644)
    os.replace(temp, path)
    return summary


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _settle_packets(session.config)
    records = _with_never_run(session.config, session.config.stash[RECORDS])
    if exitstatus == pytest.ExitCode.INTERRUPTED and not session.config.getoption("json_path"):
        return  # stopped by the student: their progress stays as the last finished grading left it
    whole_lessons = not session.config.getoption("keyword") and not session.config.getoption("markexpr")
    if records and whole_lessons and progress_store.is_exercises(session.config.getoption("--target")):
        progress_store.record(records)  # for nox -s progress and nox -s hint
    if session.config.getoption("json_path") or session.config.getoption("reports"):
        reports.write(_write_json(session.config, records), session.config.getoption("reports"))
    if records and session.exitstatus == 0 and any(r["outcome"] not in ("passed", "skipped") for r in records):
        session.exitstatus = 1  # a check that never ran is a failure


def _summary_in_edition(reporter) -> None:
    """pytest's last line ("3 passed, 1 failed in 0.52s") in the report's own words and edition.

    The checks are counted by outcome as the report names them (a stub's
    check is "to do", not "failed"); a run stopped with Ctrl-C ends with one
    calm line instead of pytest's KeyboardInterrupt banner and its count.
    """
    started = time.monotonic()

    def summary_stats() -> None:
        if reporter.config.stash.get(STOPPED, False):
            return
        records = reporter.config.stash.get(RECORDS, [])
        if not records:
            return _pytest_summary_stats()
        order = list(messages.SUMMARY_OUTCOME)
        counted: dict[str, int] = {}
        for record in records:
            counted[record["outcome"]] = counted.get(record["outcome"], 0) + 1
        counts = [messages.SUMMARY_OUTCOME.get(outcome, "{count} " + outcome).format(count=counted[outcome])
                  for outcome in sorted(counted, key=lambda o: order.index(o) if o in order else len(order))]
        try:  # pytest's own clock, started before collection, as in its English line
            seconds = reporter._session_start.elapsed().seconds
        except AttributeError:
            seconds = time.monotonic() - started
        line = messages.SUMMARY_LINE.format(counts=messages.SUMMARY_SEP.join(counts), seconds=seconds)
        passed = all(record["outcome"] in ("passed", "skipped") for record in records)
        reporter.write_line(line, **{"green" if passed else "red": True})

    def _pytest_summary_stats() -> None:  # nothing was graded (a usage error): pytest's words, translated
        parts, colour = reporter.build_summary_stats_line()
        todo = sum(1 for record in reporter.config.stash.get(RECORDS, []) if record["outcome"] == "not-implemented")
        counts = []
        for text, _markup in parts:
            number, _, word = text.partition(" ")
            if word == "failed" and number.isdigit() and 0 < todo <= int(number):  # a stub's check is no failure
                if int(number) > todo:
                    counts.append(messages.SUMMARY_COUNT["failed"].format(count=int(number) - todo))
                counts.append(messages.SUMMARY_NOT_IMPLEMENTED.format(count=todo))
                continue
            template = messages.SUMMARY_COUNT.get(word)
            counts.append(template.format(count=number) if template and number.isdigit() else text)
        try:
            seconds = reporter._session_start.elapsed().seconds
        except AttributeError:
            seconds = time.monotonic() - started
        reporter.write_line(messages.SUMMARY_LINE.format(counts=messages.SUMMARY_SEP.join(counts), seconds=seconds),
                            **{colour: True})

    def stopped() -> None:
        """Ctrl-C (or SIGTERM): one line, instead of pytest's banner and the place it was interrupted."""
        reporter.write_line(messages.GRADING_STOPPED.format(command=_again_command(reporter.config)), yellow=True)

    reporter.summary_stats = summary_stats
    reporter._report_keyboardinterrupt = stopped


def _again_command(config: pytest.Config) -> str:
    """The command that grades the same lessons again."""
    graded = sorted({lesson for lesson, _ in config.stash.get(ITEMS, [])},
                    key=lambda lesson: course.lesson(lesson).number if course.lesson(lesson) else 0)
    every = [lesson.id for lesson in course.lessons()]
    chosen = "" if not graded or graded == every else " -- " + " ".join(graded)
    target = target_option(_graded_folder)
    if target and not chosen:
        chosen = " --"
    suffix = "" if lang.current() == "en" else (" --lang " if chosen else " -- --lang ") + lang.current()
    return f"nox -s grade{chosen}{target}{suffix}"


def _section(terminalreporter, title: str) -> None:
    """A `===== title =====` line as wide as pytest's own, also when the title has double-width characters."""
    extra = lang.display_width(title) - len(title)  # pytest measures the title with len()
    terminalreporter.section(title, sep="=", fullwidth=terminalreporter._tw.fullwidth - extra)
