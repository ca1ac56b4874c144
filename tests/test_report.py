"""The grade report as a student reads it: a calm first run, one report per root cause, the truth on the
wire, and a next step at the end of every run (COURSE.md, "What a failure must tell the student")."""

from __future__ import annotations

import re
import shutil

import pytest

from graders import course
from graders.engine.student import PRINTED_LINES
from graders.text import messages
from tests.grading import HANG_LIMIT, SUBMISSIONS, describe, grade, grade_file

messages_zh = messages.texts("zh")  # the Chinese edition, read from its catalogue

# A first run on the untouched stubs: per lesson its heading and one line, one line in "What went wrong" and
# one in the progress table; then the next step. For 4 lessons it was 187 lines; this is 4 lines a lesson.
LINES_PER_LESSON = 4
LINES_MORE = 8  # the section rules, the next step and its command, the isolation and pytest's summary


def report_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip()]


def test_the_first_run_on_the_stubs_is_calm() -> None:
    graded = grade(course.STUBS)
    lines = report_lines(graded.output)
    limit = LINES_PER_LESSON * len(course.lessons()) + LINES_MORE
    assert len(lines) <= limit, f"{len(lines)} lines:\n{graded.output}"
    assert "What happened on the wire" not in graded.output, graded.output
    assert "Hint" not in graded.output, graded.output
    for lesson in course.lessons():
        said = [line for line in lines if f"not started: read lessons/{lesson.text}" in line]
        assert len(said) == 2, f"lesson {lesson.id}: once as it is graded, once in What went wrong\n{graded.output}"
        assert not any(title in graded.output for title in ("sends the message's bytes once", "closes its socket"))


def test_a_started_lesson_lists_its_checks() -> None:
    graded = grade_file(SUBMISSIONS / "client_flow" / "never_closes.py", "client_flow")
    assert "closes its socket" in graded.output, graded.output


def test_a_passing_lesson_ends_with_the_next_lesson_and_its_command() -> None:
    graded = grade(course.SOLUTIONS, ["client_flow"])
    last = report_lines(graded.output)[-4:]
    assert any("nox -s grade -- server_flow" in line for line in last), graded.output
    assert "lesson 2" in graded.output, graded.output


def test_a_passing_lesson_ends_with_the_next_lesson_in_chinese() -> None:
    graded = grade(course.SOLUTIONS, ["client_flow"], lang="zh")
    assert "nox -s grade -- server_flow --target solutions --lang zh" in graded.output, graded.output
    assert messages_zh.PASSED_NEXT.split("{")[0] in graded.output, graded.output


def test_the_last_lesson_passing_says_what_to_do_next() -> None:
    graded = grade(course.SOLUTIONS, [course.lessons()[-1].id])
    assert "nox -s grade\n" in graded.output + "\n", graded.output


def test_a_hang_costs_its_limit_once_per_function() -> None:
    """Each function's first check waits out its limit; its later checks say so in a line, at once."""
    graded = grade_file(SUBMISSIONS / "recv_loop" / "all_three_hang.py", "recv_loop", call_limit=HANG_LIMIT)
    first = {}
    for check, record in graded.checks.items():
        if record["template"] in ("HUNG", "SLOW"):
            assert record["outcome"] in ("timeout", "slow"), describe(graded, check)
            first.setdefault(record["message"].split("()")[0], []).append(check)
        else:  # not run: labelled FAIL, not HUNG or SLOW, which it did not do itself
            assert record["template"] in ("HUNG_BEFORE", "SLOW_BEFORE"), describe(graded, check)
            assert record["outcome"] == "failed", describe(graded, check)
            assert record["timeline"] == [] and "\n" not in record["message"], describe(graded, check)
    assert sorted(first) == ["recv_exactly", "recv_until_closed", "send_all"], first
    assert all(len(checks) == 1 for checks in first.values()), first
    assert graded.checks["test_recv_until_closed_collects_everything_until_fin"]["template"] == "SLOW"


@pytest.mark.parametrize("edition", ["en", "zh"])
def test_checks_not_run_are_marked_so_in_the_list(edition: str, tmp_path) -> None:
    """A check whose function an earlier check stopped is FAIL, counted as failed, and its line in the list says it
    was not run and why (it said plain FAIL, and "marked in the list above" pointed at no mark). Two functions'
    hangs are two stories: send_all()'s is not "the same mistake as" recv_exactly()'s (the same template, no line)."""
    texts = messages.texts(edition)
    shutil.copy(SUBMISSIONS / "recv_loop" / "all_three_hang.py", tmp_path / "recv_loop.py")
    graded = grade(tmp_path, ["recv_loop"], lang=edition, call_limit=HANG_LIMIT)
    listed = graded.output.split(texts.WHAT_WENT_WRONG, 1)[0]
    for check, record in graded.checks.items():
        line = next(line for line in listed.splitlines() if record["title"] in line)
        if record["template"] in ("HUNG_BEFORE", "SLOW_BEFORE"):
            name = record["message"].split("()")[0] + "()"
            mark = (texts.NOT_RUN_SLOW if record["template"] == "SLOW_BEFORE" else texts.NOT_RUN_HUNG).format(name=name)
            assert record["outcome"] == "failed" and record["mark"] == mark, describe(graded, check)
            assert line.endswith(texts.CHECK_LINE_MARKED.format(title=record["title"], mark=mark)), line
            assert line.split()[0] == texts.OUTCOME_LABEL["failed"], line
        else:
            assert "mark" not in record and line.endswith(record["title"]), line
    wrong = graded.output.split(texts.WHAT_WENT_WRONG, 1)[1]
    assert texts.ALSO_NOT_RUN.format(checks=texts.MORE_CHECKS[1].format(count=3), lesson="recv_loop") in wrong, wrong
    assert texts.SAME_CAUSE_ABOVE.split("{")[0] not in wrong, wrong
    for function in ("recv_exactly()", "send_all()", "recv_until_closed()"):  # each told, in its own words
        told = {record["message"] for record in graded.checks.values() if record.get("mark", "").find(function) > 0}
        assert told and all(message in wrong for message in told), (function, wrong)
    assert graded.results["passed"] == 0 and len(graded.checks) == 10, describe(graded)


def test_the_graders_close_is_not_drawn_as_the_students() -> None:
    """send_all() returns after one send(); without the kernel's view the runner then closes the socket it gave
    it: the grader's FIN, drawn as the grader's. With it, nobody closes that socket before the check has asked the
    kernel what the function did to it: no end is drawn at all."""
    check = "test_send_all_delivers_every_byte_when_send_is_partial"
    for env, closed_by_grader in (({"COURSE_KERNEL_VIEW": "off"}, True), (None, False)):
        graded = grade_file(SUBMISSIONS / "recv_loop" / "send_all_one_send.py", "recv_loop", checks=[check], env=env)
        assert graded.checks[check]["template"] == "SEND_PARTIAL", describe(graded, check)
        timeline = graded.checks[check]["timeline"]
        assert not any(line.startswith(("FIN", "RST")) for line in timeline), "\n".join(timeline)
        drawn = any(line.startswith("* FIN: the grader closed") for line in timeline)
        assert drawn == closed_by_grader, "\n".join(timeline)


def test_a_reply_just_before_an_rst_is_shown_and_judged() -> None:
    """The server replies to the first piece and closes; the next piece meets an RST: the reply still counts."""
    check = "test_serve_reads_the_request_until_eof"
    graded = grade_file(SUBMISSIONS / "graceful_close" / "serve_one_recv_for_request.py", "graceful_close",
                        checks=[check])
    record = graded.checks[check]
    assert "replied b'EUQER' (5 bytes)" in record["message"], describe(graded, check)
    sent = [number for number, line in enumerate(record["timeline"]) if line.startswith("sent b'EUQER'")]
    reset = [number for number, line in enumerate(record["timeline"]) if line.startswith("RST")]
    assert sent and reset and sent[0] < reset[0], describe(graded, check)


def test_your_code_was_stopped_is_said_once() -> None:
    graded = grade_file(SUBMISSIONS / "pathological" / "hangs_forever.py", "client_flow", call_limit=HANG_LIMIT)
    for check, record in graded.checks.items():
        said = [line for line in record["timeline"] if "stopped after" in line]
        assert len(said) <= 1, describe(graded, check)
    # ...at the limit it was given (COURSE_CALL_LIMIT), not the course's default 3 s
    assert f"stopped after {HANG_LIMIT:.1f} s" in str(graded.results), describe(graded)


def test_a_module_that_hangs_at_import_costs_its_limit_once() -> None:
    graded = grade_file(SUBMISSIONS / "recv_loop" / "tests_itself_at_import.py", "recv_loop", call_limit=HANG_LIMIT)
    templates = [record["template"] for record in graded.checks.values()]
    assert templates.count("IMPORT_RUNNING") == 1, "\n".join(describe(graded, check) for check in graded.checks)
    assert templates.count("IMPORT_HUNG_BEFORE") == len(templates) - 1, templates
    assert {record["outcome"] for record in graded.checks.values() if record["template"] == "IMPORT_HUNG_BEFORE"} == {
        "failed"}, describe(graded)


def printed(record: dict) -> str:
    """What the report shows the student's code printed, with this check (empty if nothing)."""
    message = record["message"]
    return message[message.index(messages.PRINTED):] if messages.PRINTED in message else ""


def test_what_the_code_printed_is_shown_when_the_function_returned_a_wrong_value() -> None:
    graded = grade_file(SUBMISSIONS / "client_flow" / "prints_and_returns_message.py", "client_flow")
    failed = [record for record in graded.checks.values() if record["outcome"] != "passed"]
    assert failed, describe(graded)
    shown = [record for record in failed if printed(record)]
    assert len(shown) == 1, describe(graded)  # with one check: the one that failed first
    assert "DEBUG got reply b'WELCOME" in printed(shown[0]), describe(graded)
    assert "\n".join("  " + line for line in printed(shown[0]).splitlines()) in graded.output, graded.output


def test_a_threads_print_and_its_traceback_are_shown() -> None:
    """A thread's print under "Your code printed"; the exception that ended the thread once, in the student's
    terms (their file's line, not Python's threading.py): quoted by the check's message (CROWD_THREAD_DIED) and
    then not printed again below it, or printed below a message that points there (CROWD_THREAD_CRASHED, when
    the thread died before its client was served: which one comes first depends on the threads' timing)."""
    graded = grade_file(SUBMISSIONS / "threaded_server" / "thread_prints_and_crashes.py", "threaded_server")
    shown = [record for record in graded.checks.values() if printed(record)]
    assert len(shown) == 1, describe(graded)
    assert "serving 127." in printed(shown[0]), describe(graded)
    assert shown[0]["template"] in ("CROWD_THREAD_DIED", "CROWD_THREAD_CRASHED"), describe(graded)
    assert graded.output.count("TypeError: can't concat str to bytes") == 1, graded.output
    assert "threading.py" not in graded.output and re.search(r'threaded_server\.py"?, line 13', graded.output), \
        graded.output
    assert "\n".join("  " + line for line in printed(shown[0]).splitlines()) in graded.output, graded.output


@pytest.mark.parametrize("name, template, exception", [
    ("reset_kills_the_thread", "CROWD_RESET_THREAD_DIED", "ConnectionResetError: [Errno 104]"),
    ("thread_decodes_the_line", "CROWD_THREAD_DIED", "UnicodeDecodeError:"),
])
def test_an_exception_the_message_quotes_is_not_printed_again(name: str, template: str, exception: str) -> None:
    """One explanation per root cause: a thread's exception that the check's message quotes (its line, the
    exception) is left out of "Your code printed" below it, where the process's own traceback of it was."""
    graded = grade_file(SUBMISSIONS / "threaded_server" / f"{name}.py", "threaded_server")
    templates = [record["template"] for record in graded.checks.values()]
    # (A thread that died before its client was served is CROWD_THREAD_CRASHED, which points to the print.)
    assert template in templates or "CROWD_THREAD_CRASHED" in templates, describe(graded)
    assert graded.output.count(exception) == 1, graded.output


def test_one_byte_is_one_byte() -> None:
    """A piece of one byte (a b"\\n" alone, in lesson 5's timeline) is counted in the singular: "(1 byte)"."""
    from graders.engine.timeline import show

    assert show(b"\n") == messages.BYTE_SHOWN.format(data=repr(b"\n"), count=1), show(b"\n")
    assert show(b"ab") == messages.BYTES_SHOWN.format(data=repr(b"ab"), count=2)
    assert messages.BYTE_SHOWN.format(data="b'x'", count=1) != messages.BYTES_SHOWN.format(data="b'x'", count=1)


def test_what_several_calls_printed_is_under_one_heading() -> None:
    """Lesson 6 plays its lists of servers at once: what each call printed is shown with the first failing
    check, under one "Your code printed:", not one heading per call."""
    graded = grade_file(SUBMISSIONS / "timeouts" / "prints_and_returns_the_reply_only.py", "timeouts")
    shown = [printed(record) for record in graded.checks.values() if printed(record)]
    assert len(shown) == 1, describe(graded)
    assert shown[0].count(messages.PRINTED) == 1, shown[0]
    assert shown[0].count("reply [b'") >= 2, shown[0]  # the prints of several lists, under that heading
    # ...each call's under its own label, the list it was given (t6's trial: "the student cannot tell which call
    # printed what"), in the order the calls were made.
    labels = [line.strip() for line in shown[0].splitlines() if line.strip().startswith("-- first_reply()")]
    assert len(labels) >= 2, shown[0]
    assert "-- " + messages.FIRST_REPLY_CALL.format(kinds=", ".join(
        [messages.SERVER_KINDS["refusing"], messages.SERVER_KINDS["silent"], messages.SERVER_KINDS["good"]])) + " --" \
        in labels, labels


def test_a_long_output_is_cut_in_the_middle_and_says_so() -> None:
    graded = grade_file(SUBMISSIONS / "framing" / "prints_while_reading_past_the_frame.py", "framing")
    shown = [printed(record) for record in graded.checks.values() if printed(record)]
    assert shown, describe(graded)
    cut = messages.PRINTED_CUT.split("{")[0]
    for output in shown:
        lines = output.splitlines()[1:]
        assert lines[0].strip() == "chunk 0 " + lines[0].split()[-1], output  # its beginning...
        assert any(line.strip().startswith(cut) for line in lines), output  # ...said to be cut...
        assert lines[-1].strip().startswith("chunk 29 "), output  # ...and its end
        assert len(lines) <= PRINTED_LINES + 1, output


def test_the_last_line_counts_the_checks_in_the_reports_own_words() -> None:
    """The untouched stubs: every line says "to do" (待办), so does the count, not pytest's "72 failed"."""
    for edition, texts in (("en", messages.texts("en")), ("zh", messages_zh)):
        graded = grade(course.STUBS, ["client_flow", "server_flow"], lang=edition)
        total = len(graded.checks)
        last = report_lines(graded.output)[-1]
        assert last.startswith(texts.SUMMARY_OUTCOME["not-implemented"].format(count=total)), graded.output
        assert texts.SUMMARY_OUTCOME["failed"].format(count=total) not in last, graded.output


def test_a_hang_whose_check_passed_is_reported_by_the_next_check() -> None:
    """reject_and_drain() replies at once (its first check passes) and then hangs, draining without SHUT_WR:
    the next check gives the hang's report, and no check points at a PASS for it."""
    graded = grade_file(SUBMISSIONS / "graceful_close" / "reject_drain_without_shut_wr.py", "graceful_close",
                        call_limit=HANG_LIMIT)
    by_title = {record["title"]: record for record in graded.checks.values()}
    assert by_title[messages.CHECK_TITLES["test_reject_replies_after_the_header_line"]]["outcome"] == "passed"
    assert any(record["template"] in ("HUNG", "SLOW") for record in graded.checks.values()), describe(graded)
    for check, record in graded.checks.items():
        if record["template"] in ("HUNG_BEFORE", "SLOW_BEFORE"):
            title = record["message"].split('"')[1]
            assert by_title[title]["outcome"] != "passed", describe(graded, check)


def test_the_upload_the_reject_client_announces_is_the_upload_it_sends() -> None:
    """Lesson 4's numbers add up: the header's size is the body the client sends (it said 4 MiB, sent 1.06)."""
    from graders.lessons import test_graceful_close as lesson

    announced = int(lesson.HEADER.split(b"size=")[1])
    assert announced == len(lesson.BODY_FIRST) + len(lesson.BODY_REST)


def test_meanwhile_says_what_the_peer_was_doing() -> None:
    """send_all() hangs while the reference peer reads: the peer waits for it to send, not to 'take in' data."""
    graded = grade_file(SUBMISSIONS / "recv_loop" / "all_three_hang.py", "recv_loop", call_limit=HANG_LIMIT)
    hung = [record for record in graded.checks.values()
            if record["template"] in ("HUNG", "SLOW") and record["message"].startswith("send_all()")]
    assert hung, describe(graded)
    for record in hung:
        assert messages.MEANWHILE.format(expected=messages.EXPECTED_YOUR_SEND) in record["message"], record["message"]
        assert messages.EXPECTED_READ_ALL not in record["message"], record["message"]


def test_a_server_that_crashes_on_a_reset_tells_one_story_with_one_timeline() -> None:
    """Lessons 7-8: one uncaught ConnectionResetError: one message (not 'got b\\'\\'' and a protocol hint), one
    timeline, however many checks it fails (it was five copies of a 36-line timeline)."""
    for lesson, name in (("event_loop", "reset_crashes_loop"), ("threaded_server", "reset_crashes_server")):
        graded = grade_file(SUBMISSIONS / lesson / f"{name}.py", lesson)
        failed = [record for record in graded.checks.values() if record["outcome"] != "passed"]
        assert failed, describe(graded)
        templates = {record["template"] for record in failed}
        assert templates <= {"CROWD_RESET_BROKE", "CROWD_RESET_CRASH"}, describe(graded)
        assert "CROWD_WRONG_REPLY" not in str([record["templates"] for record in failed]), describe(graded)
        wrong = graded.output.split(messages.WHAT_WENT_WRONG, 1)[1]
        assert wrong.count(messages.ON_THE_WIRE) == 1, graded.output
        assert wrong.count(messages.CROWD_RESET_BROKE.split("{")[0].split(":")[0]) <= 1, graded.output


SCREEN = 40  # lines: a report for one mistake fits on one screen, unless the student's own output is longer


@pytest.mark.parametrize("lesson, name", [("client_flow", "returns_message"), ("client_flow", "sends_twice"),
                                          ("server_flow", "no_reuseaddr"),
                                          ("client_flow", "prints_and_returns_message")])
def test_a_report_for_one_mistake_fits_on_one_screen(lesson: str, name: str) -> None:
    graded = grade_file(SUBMISSIONS / lesson / f"{name}.py", lesson)
    lines = report_lines(graded.output)
    own = sum(record.get("printed", 0) for record in graded.checks.values())  # the student's output, shown
    assert len(lines) - own <= SCREEN, f"{len(lines)} lines, {own} of them the student's output:\n{graded.output}"


# Meanwhile, only what is true: what the reference peer was waiting for when the student's function hung.
MEANWHILE_CASES = [
    # The server had sent its whole reply and closed its end: it waits only for the client's FIN.
    ("client_flow", "hangs_after_the_reply", "test_returns_the_servers_reply_as_bytes", "EXPECTED_CLIENT_CLOSE"),
    # The peer is the receiver and has every byte: it waits for send_all() to return.
    ("recv_loop", "send_all_waits_after_sending", "test_send_all_delivers_every_byte_when_send_is_partial",
     "EXPECTED_ALL_ARRIVED"),
    # The peer sent the first piece and waits for it to be read before the next: it says which piece.
    ("recv_loop", "all_three_hang", "test_recv_exactly_collects_every_piece", "EXPECTED_PIECE_READ"),
    # Lesson 4: the header line's first piece sits unread (the code sleeps): the peer never sent the newline, so it
    # waits for that piece to be read, not for b"REJECTED\n" "right after the header line".
    ("graceful_close", "reject_sleeps_before_reading", "test_reject_replies_after_the_header_line",
     "EXPECTED_PIECE_READ"),
    # The peer waits for bytes send_all() has not sent yet.
    ("recv_loop", "all_three_hang", "test_send_all_delivers_every_byte_when_send_is_partial", "EXPECTED_YOUR_SEND"),
]


@pytest.mark.parametrize("lesson, name, check, waiting", MEANWHILE_CASES, ids=lambda value: str(value)[:40])
def test_meanwhile_is_said_only_when_true(lesson: str, name: str, check: str, waiting: str) -> None:
    graded = grade_file(SUBMISSIONS / lesson / f"{name}.py", lesson, checks=[check], call_limit=HANG_LIMIT)
    record = graded.checks[check]
    assert record["outcome"] in ("timeout", "slow"), describe(graded, check)
    said = [key for key in record["templates"] if key.startswith("EXPECTED_")]
    assert "MEANWHILE" in record["templates"] and said == [waiting], (said, describe(graded, check))
    said_first = messages.MEANWHILE.format(expected=getattr(messages, waiting)).split("{")[0]  # up to its first field
    assert said_first in record["message"], describe(graded, check)


def test_a_line_sent_whole_is_not_said_to_complete_itself() -> None:
    """Lesson 5: "sent b'hello, world\\n', which completes b'hello, world\\n'" said the same bytes twice; only a
    piece that ends a line begun before (b'\\xa9 ... end\\n' completes b'caf\\xc3\\xa9 ... end\\n') says so."""
    check = "test_serve_lines_answers_each_line_at_once"
    whole = grade_file(SUBMISSIONS / "framing" / "serve_lines_reply_without_newline.py", "framing", checks=[check])
    assert whole.checks[check]["template"] == "NO_LINE_REPLY", describe(whole, check)
    assert "COMPLETES_LINES" not in whole.checks[check]["templates"], describe(whole, check)
    split = grade_file(SUBMISSIONS / "framing" / "serve_lines_drops_the_tail.py", "framing", checks=[check])
    assert split.checks[check]["template"] == "WRONG_LINE_REPLY", describe(split, check)
    assert "COMPLETES_LINES" in split.checks[check]["templates"], describe(split, check)


def test_a_long_exception_message_in_a_timeline_is_cut_visibly() -> None:
    """Lesson 6: the timeline's last line quoted the ConnectionError's message cut at 80 characters, mid-word
    ("[Errno 1"): a cut message says so."""
    check = "test_first_reply_moves_past_a_refused_and_a_silent_server"
    graded = grade_file(SUBMISSIONS / "timeouts" / "no_shutdown.py", "timeouts", checks=[check])
    record = graded.checks[check]
    raised = [line for line in record["timeline"] if "raised ConnectionError" in line]
    assert raised, describe(graded, check)
    message = record["message"].split("ConnectionError (", 1)[1].split("), but", 1)[0]
    assert len(message) > 80, message  # long enough to be cut
    assert raised[0].rstrip().endswith("..."), raised[0]


def test_an_unbound_local_gets_the_hint_of_its_kind() -> None:
    """UnboundLocalError is a NameError (a typo in `answerd += 1`): its report gives NameError's hint, as the
    hints of ERROR_HINTS go to an exception's subclasses too."""
    check = "test_loop_returns_the_number_of_lines_answered"
    graded = grade_file(SUBMISSIONS / "event_loop" / "typo_in_the_count.py", "event_loop", checks=[check])
    record = graded.checks[check]
    assert "UnboundLocalError" in record["message"], describe(graded, check)
    assert messages.ERROR_HINTS["NameError"] in record["message"], describe(graded, check)


def test_a_hint_about_max_frame_only_where_max_frame_was_refused() -> None:
    """recv_frame() decodes its payload: the MAX_FRAME check reports the UnicodeDecodeError with its own hint,
    without "a frame of exactly MAX_FRAME bytes is allowed", which is about a ValueError of the code's own."""
    check = "test_recv_frame_refuses_a_length_over_max_frame_before_reading_it"
    graded = grade_file(SUBMISSIONS / "framing" / "recv_frame_decodes_the_payload.py", "framing", checks=[check])
    record = graded.checks[check]
    assert "UnicodeDecodeError" in record["message"], describe(graded, check)
    assert messages.EXACT_MAX_HINT.format(max=1 << 20) not in record["message"], describe(graded, check)
    refused = grade_file(SUBMISSIONS / "framing" / "recv_frame_refuses_exactly_max.py", "framing", checks=[check])
    assert messages.EXACT_MAX_HINT.format(max=1 << 20) in refused.checks[check]["message"], describe(refused, check)


def test_a_broken_pipe_after_a_reset_gets_the_resets_hint_only() -> None:
    """Lesson 8: the send() to the client that reset raised BrokenPipeError: the reset's hint says what to do;
    BrokenPipeError's general hint ("or it is a listening socket, which only accepts") is not repeated under it."""
    check = "test_loop_survives_a_client_that_resets"
    graded = grade_file(SUBMISSIONS / "event_loop" / "sends_the_whole_buffer_again.py", "event_loop", checks=[check])
    record = graded.checks[check]
    assert record["template"] == "CROWD_RESET_BROKE", describe(graded, check)
    assert messages.ERROR_HINTS["BrokenPipeError"] not in record["message"], describe(graded, check)


def test_what_the_function_did_names_the_function() -> None:
    """Lesson 5: "... each piece only after your code had read the one before. Then it raised ValueError" (in
    Chinese "然后它抛出了", where 它 reads as the reference peer, the sentence's subject): the function is named."""
    check = "test_recv_frame_collects_a_frame_sent_in_pieces"
    graded = grade_file(SUBMISSIONS / "framing" / "recv_frame_native_order.py", "framing", checks=[check])
    record = graded.checks[check]
    assert record["template"] == "FRAME_IN_PIECES" and "DID_RAISE" in record["templates"], describe(graded, check)
    error = {"type": "ValueError", "message": "frame length 587268096 is over MAX_FRAME (1048576)"}
    said = messages.DID_RAISE.format(name="recv_frame()", **error)
    assert said in record["message"], describe(graded, check)
    for texts in (messages, messages_zh):  # the name is a placeholder of both editions' templates
        assert "recv_frame()" in texts.DID_RAISE.format(name="recv_frame()", **error)
        assert "recv_frame()" in texts.DID_RETURN.format(name="recv_frame()", got="None")


def test_a_send_that_never_began_is_not_called_this_send() -> None:
    """Lesson 4: the timeline drew the body's first 65552 bytes, then "1048576 of the 1048576 bytes of this send
    never left it", a send that is drawn nowhere. A send of which nothing left is PEER_NOT_SENT, with its size."""
    from graders.lessons.peers_graceful_close import BODY_REST

    check = "test_reject_closes_with_fin_not_rst"
    graded = grade_file(SUBMISSIONS / "graceful_close" / "reject_close_without_drain.py", "graceful_close",
                        checks=[check])
    timeline = "\n".join(graded.checks[check]["timeline"])
    total = messages.counted(messages.BYTES, len(BODY_REST))
    assert messages.PEER_STOPPED.format(left=len(BODY_REST), total=total) not in timeline, timeline
    # (If the reset came while the rest was leaving, PEER_STOPPED says how much of it never left.)
    assert (messages.PEER_NOT_SENT.format(total=total) in timeline
            or messages.PEER_STOPPED.split("{left}")[0] in timeline), timeline


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_target_folder_is_the_one_the_report_sends_the_student_to(lang: str, tmp_path) -> None:
    """Grading --target DIR, the report's next step names DIR's module and grades DIR again, never exercises/
    (whose grading the student did not ask for), in both editions; an untouched lesson's line names it too."""
    import shutil

    folder = tmp_path / "my work"
    folder.mkdir()
    shutil.copy(SUBMISSIONS / "client_flow" / "never_closes.py", folder / "client_flow.py")
    graded = grade(folder, ["client_flow", "server_flow"], lang=lang)
    tail = "\n".join(report_lines(graded.output)[-6:])
    assert f"{folder}/client_flow.py" in tail and f"--target '{folder}'" in tail, graded.output
    # exercises/ only as where a missing lesson file's stub is copied from, to that folder
    assert "exercises/" not in graded.output.replace("cp exercises/", ""), graded.output
    assert f"{folder}/server_flow.py" in graded.output, graded.output  # server_flow: not started, in that folder
    assert f"cp exercises/server_flow.py '{folder}/server_flow.py'" in graded.output, graded.output



def test_a_pause_is_told_as_a_give_up_only_when_the_code_acted_in_it() -> None:
    """Lesson 4: a client that polls with a 0.2 s select() (its timer fires in the server's pause mid-reply, and it
    goes on waiting) and returns the reply upper-cased. Its request's FIN, read by the server before the reply,
    left the server's socket readable: that was once taken for an act of the code in the pause, and the
    timeline said its own timeout had made it stop waiting (PEER_PAUSED_GAVE_UP)."""
    check = "test_request_reads_the_whole_reply_until_eof"
    graded = grade_file(SUBMISSIONS / "graceful_close" / "polls_and_returns_the_reply_upper_case.py",
                        "graceful_close", checks=[check])
    record = graded.checks[check]
    assert record["outcome"] == "failed" and record["template"] == "WRONG_RETURN", describe(graded, check)
    assert "PEER_PAUSED_GAVE_UP" not in record["templates"], describe(graded, check)



@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_same_mistake_on_another_line_gets_its_own_message(lang: str, tmp_path) -> None:
    """Two dup()s never closed, in two functions (an independent trial's): the second function's check names
    its own line, not "the same mistake as above" under the first's, whose message differs; and the socket is
    described in the student's terms, never by the grader's class (`<__main__.GradedSocket fd=5 ...>`)."""
    shutil.copy(SUBMISSIONS / "recv_loop" / "dups_never_closed_in_two_functions.py", tmp_path / "recv_loop.py")
    graded = grade(tmp_path, ["recv_loop"], lang=lang)
    texts = messages_zh if lang == "zh" else messages
    for line, function in ((24, "recv_until_closed"), (32, "send_all")):
        where = texts.SOCKET_CREATED_AT.format(line=line, file="recv_loop.py")
        assert where in graded.output, f"{function}()'s dup() at line {line} is not named\n{graded.output}"
    assert "GradedSocket" not in graded.output and "unclosed <" not in graded.output, graded.output


@pytest.mark.parametrize(("lesson", "name", "home"), [
    # bind() fails without SO_REUSEADDR: every check of that server fails alike, told under the option's check
    ("graceful_close", "serve_without_reuseaddr", "serve_one_request() listens with SO_REUSEADDR"),
    # a reset reaching a send() nothing catches ends the loop: told under the reset's check, not the first one
    # that needed a later phase (an independent trial's report was headed "sleeps while every client is idle")
    ("event_loop", "reset_caught_around_recv_only", "a client that resets ends only its own connection"),
])
def test_checks_that_failed_alike_are_headed_by_the_one_whose_subject_it_is(lesson, name, home) -> None:
    graded = grade_file(SUBMISSIONS / lesson / f"{name}.py", lesson)
    after = graded.output.split("What went wrong", 1)[1]
    first = next(line for line in after.splitlines() if line.startswith("FAIL "))
    assert first == f"FAIL {lesson}: {home}", graded.output
