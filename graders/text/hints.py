"""Progressive hints, one ladder per check (English edition).

`nox -s hint -- LESSON` finds the student's first failing check in that
lesson and shows the next rung of its ladder: the first time the gentlest
nudge (which idea of the lesson the check is about), then a more concrete
pointer (which call or step, where to look in their code), then the exact
call, argument or condition, at most one line of code. A ladder gives a
little more each time it is asked, never the solution itself: no rung holds
a whole function body.

Like `messages`, this module holds student-facing text only, in English;
another edition's ladders are in its catalogue (graders/text/locale/, msgctxt
`HINTS[check][rung]`, as many rungs), read when `hints.HINTS` is read.
`tests/` check that every id in `messages.CHECK_TITLES` has a ladder here,
with at least three rungs, and no ladder for a check that does not exist.

Over 500 lines: a table of text, one hint ladder per check, not code.
"""

from __future__ import annotations

import functools

from graders.text import lang

HINTS: dict[str, tuple[str, ...]] = {
    # ----------------------------------------------------------------------- client_flow
    "test_connects_to_the_given_host_and_port": (
        "This check is about step 2 of 'The steps' in lessons/01-client_flow.md: a client talks to the "
        "address it is given. The reference server listens somewhere new on every run, so only the host "
        "and port passed to request() can reach it.",
        "Look at your connect() call (or create_connection()). Do the values in it come from the function's "
        "parameters, or did you type in an address such as 127.0.0.1, \"localhost\" or the tutorial's 8989? "
        "The grader's host is often not 127.0.0.1 at all.",
        "connect() takes ONE argument: a tuple of the two values you were given, host first and port second, "
        "so the call has two pairs of parentheses. The socket must be IPv4 TCP: AF_INET and SOCK_STREAM.",
    ),
    "test_sends_the_whole_message_once_unchanged": (
        "The message is bytes, not text (see the introduction of lessons/01-client_flow.md): the server "
        "must receive exactly the bytes you were given, once, and nothing else.",
        "Read the failure message: it shows what the server received. Quotes and a leading b mean you sent "
        "str(message); the message twice means a leftover send() next to sendall(); changed bytes mean a "
        "decode() or encode() somewhere; extra bytes at the end mean you added something, such as a newline.",
        "Give the message itself, untouched, to one single sendall() call, and send nothing else before or "
        "after it: no str(), no encode(), no added newline.",
    ),
    "test_returns_the_servers_reply_as_bytes": (
        "The point of a client is the answer: after sending, it must wait for the server's reply and return "
        "it (step 4 of 'The steps' in lessons/01-client_flow.md).",
        "Check three things in your code: that you call recv() on the socket after sending, that you return "
        "what recv() gave you and not `message`, and that nothing calls decode() or str() on it.",
        "Keep what one recv() call with a size of 1024 returns in a variable, and make that variable, "
        "unchanged, the function's return value.",
    ),
    "test_client_closes_its_socket": (
        "Every socket you create must be handed back to the kernel with close(); see 'The close' under "
        "'What the kernel does' in lessons/01-client_flow.md, and what CLOSE_WAIT means there.",
        "The server has already sent FIN, so until your code calls close() your end sits in CLOSE_WAIT. "
        "Make sure close() runs on every path, also when an exception escapes: a `with` block or "
        "try/finally does that. If the failure says RST, you closed before reading the reply.",
        "Create the socket as the target of a with-statement (with ... as sock:), so that it is closed for "
        "you when the block ends, after you have the reply, whatever happens.",
    ),
    # ----------------------------------------------------------------------- server_flow
    "test_listens_on_the_given_host_and_port": (
        "A server must be reachable where the client will look: on the host and port your function was "
        "given (steps 3 and 4 of 'The steps' in lessons/02-server_flow.md).",
        "The grader waits until your process has a listening socket on exactly that host and port. Check "
        "your bind() call: no hard-coded port, and not the tutorial's \"\" (every interface) instead of host. "
        "Then check that you call listen() before accept().",
        "bind() takes ONE argument, the tuple of the host and the port your function was given (two pairs of "
        "parentheses); call listen() right after it.",
    ),
    "test_echoes_the_message_on_the_accepted_connection": (
        "A server has two sockets: the listener only waits for clients, and all talking happens on the new "
        "socket accept() returns (see the introduction of lessons/02-server_flow.md).",
        "Look at which socket you call recv() and sendall() on: it must be the `conn` from accept(), not the "
        "listening socket. Then check that you send back exactly the bytes you received, with no decode(), "
        "upper() or fixed reply.",
        "accept() returns a pair: unpack it into the new socket and the client's address. Then recv() on "
        "that new socket, and sendall() the very bytes you received back on the same one.",
    ),
    "test_returns_the_clients_message": (
        "serve_once() returns the message the client sent, as bytes (the last step of 'Your task' in "
        "lessons/02-server_flow.md).",
        "Keep the value recv() gave you in a variable and make sure the function ends with a return "
        "statement; a function without one returns None. Do not decode() it.",
        "The function's last statement returns the variable that holds what recv() gave you on the accepted "
        "connection, after both sockets are closed.",
    ),
    "test_server_closes_the_connection_first_with_fin": (
        "In this lesson the server hangs up first: the reference client reads until your FIN and only then "
        "closes (step 8 of 'The steps' and the diagram in lessons/02-server_flow.md).",
        "Closing the accepted connection is what sends FIN. Check that you close `conn` (not only the "
        "listener) after sending the echo and before the function returns, and that your function does not "
        "raise on the way.",
        "As soon as the echo is sent, call close() on the accepted connection (not only on the listener): "
        "that sends your FIN before the client sends its own.",
    ),
    "test_server_closes_every_socket": (
        "Your server created two sockets, and both must be closed before serve_once() returns (steps 8 and 9 "
        "of 'The steps' in lessons/02-server_flow.md).",
        "A listener that is never closed keeps the port in LISTEN; a socket that is only dropped gets closed "
        "by Python's garbage collector with a ResourceWarning. Look for every socket.socket() and accept() "
        "in your code and find the close() that belongs to it.",
        "Call close() on the accepted connection first and on the listening socket last, or create each as "
        "the target of its own with-statement, so that both close on every path.",
    ),
    "test_restarts_on_the_same_port_during_time_wait": (
        "This check runs your server a second time on the same port while the first connection is still in "
        "TIME_WAIT; see 'Closing first means TIME_WAIT' and 'Why SO_REUSEADDR' in lessons/02-server_flow.md.",
        "A plain bind() fails with 'Address already in use' while that TIME_WAIT lasts (about 60 s). The "
        "option that allows it must be set on the listening socket on every run, and it only counts if it is "
        "set BEFORE bind().",
        "If the failure says the connection was not in TIME_WAIT, fix 'closes the connection first' above. "
        "Otherwise call setsockopt() on the listening socket right after creating it, before bind(): level "
        "SOL_SOCKET, option SO_REUSEADDR, value 1.",
    ),
    # ----------------------------------------------------------------------- recv_loop
    "test_recv_exactly_collects_every_piece": (
        "TCP is a stream, not messages: one recv() returns whatever has arrived so far, maybe only a few "
        "bytes (see 'The receive buffer' under 'What the kernel does' in lessons/03-recv_loop.md).",
        "The grader sends the message in pieces and sends each piece only after your code has read the one "
        "before, so a single recv() always gets just the first 2 bytes. You need a loop that keeps "
        "receiving and keeps count of how many bytes you hold.",
        "Keep a count of the bytes you hold and loop while it is less than n; each round, recv() and keep "
        "the piece (in a list, or added to a bytearray). Join once at the end.",
    ),
    "test_recv_exactly_leaves_the_next_message_unread": (
        "recv_exactly() must take exactly n bytes out of the socket and no more: whatever comes after belongs "
        "to the next message (see 'The receive buffer' in lessons/03-recv_loop.md).",
        "Here the message and the next one arrive together. Look at the number you pass to recv(): if it is "
        "a fixed 65536 or even n every time, one call can swallow the start of the next message, and bytes "
        "taken out of the socket cannot be put back.",
        "Each round, the size you pass to recv() is what is still missing (n minus what you hold), capped at "
        "a big chunk such as 65536: never a fixed size, and never n itself after the first round.",
    ),
    "test_recv_exactly_raises_eoferror_when_the_peer_closes_early": (
        "recv() returning b\"\" means the peer closed (FIN): nothing more will ever come, and every later "
        "recv() returns b\"\" at once (see 'b\"\" means FIN' in lessons/03-recv_loop.md).",
        "Here the peer sends a few bytes less than n and closes. Inside your loop, check each piece right "
        "after recv(): without that check the loop spins forever, and returning the short data is not "
        "allowed either.",
        "The contract names one exception: EOFError, not ConnectionError, ValueError or Exception. Right "
        "after each recv() call, test whether the piece is empty, and if it is, raise EOFError with a "
        "message that says how many of the n bytes arrived.",
    ),
    "test_recv_exactly_zero_returns_empty_bytes": (
        "Asking for zero bytes is a valid request with an obvious answer: b\"\" (see step 5 of recv_exactly "
        "in 'The steps' of lessons/03-recv_loop.md).",
        "With n == 0 your function must return at once without touching the socket: the next message is "
        "already waiting in it and must still be there afterwards. A loop that checks 'fewer than n bytes' "
        "before receiving never runs for n == 0.",
        "Be careful with recv(0): it returns b\"\", which your EOF test would take for the peer closing. Let "
        "the loop's condition (fewer than n bytes held) guard every recv() call, so that n == 0 never calls "
        "recv() at all.",
    ),
    "test_recv_exactly_is_fast_on_16_mib": (
        "Correct is not enough here: 16 MiB must go through recv_exactly() within 5 times the reference "
        "solution's time in the same run (see 'Size and speed' under 'Your task' in lessons/03-recv_loop.md).",
        "Two habits are too slow: recv(1) (millions of system calls) and `data += chunk` on bytes, which "
        "copies everything received so far on every piece. Your socket has a 16 KiB receive buffer, so each "
        "recv() returns at most 16 KiB: asking for bigger chunks alone does not save a += loop.",
        "Collect the pieces in a list and join once at the end, or append them to a bytearray and convert "
        "once: `buf = bytearray()` then `buf += chunk`.",
        "The fastest way copies nothing: make a bytearray of n bytes and a memoryview over it, and let "
        "recv_into() write into the view's slice from your count onwards; it returns how many bytes it "
        "wrote, and 0 is the peer's FIN, as before.",
    ),
    "test_recv_until_closed_collects_everything_until_fin": (
        "The peer's FIN is the end of the data: recv_until_closed() keeps reading until recv() returns b\"\" "
        "(see 'b\"\" means FIN' in lessons/03-recv_loop.md).",
        "The grader sends the data in pieces, each only after you read the previous one, then closes. One "
        "recv() gets only the first piece; a loop that never looks for b\"\" spins forever after the FIN. "
        "Check that your loop keeps every piece and has a way out.",
        "Stop the loop on the empty piece (recv() returned b\"\": the peer's FIN), and return all the pieces "
        "you kept, joined once.",
    ),
    "test_recv_until_closed_is_fast_on_16_mib": (
        "Here 16 MiB go through recv_until_closed(), which must finish within 5 times the reference "
        "solution's time (see 'Size and speed' under 'Your task' in lessons/03-recv_loop.md).",
        "If the failure says your function had not returned after the peer's FIN, the loop does not stop at "
        "b\"\": fix that first. Otherwise look for recv(1) or small sizes like recv(1024), and for "
        "`data += chunk` on bytes.",
        "The receive buffer is only 16 KiB, so there are over a thousand pieces: with bytes `+=` each one "
        "copies everything received so far, and the work grows with the square of the size. Append each "
        "piece to a list instead: `chunks.append(chunk)`.",
        "Ask recv() for big pieces (65536), append each to a list, and join the list exactly once, after the "
        "loop: one copy in all.",
    ),
    "test_send_all_delivers_every_byte_when_send_is_partial": (
        "send() copies only what fits in the kernel's send buffer and tells you how much that was (see 'The "
        "send buffer' under 'What the kernel does' in lessons/03-recv_loop.md).",
        "The grader gives your socket a small 16 KiB send buffer and 1 MiB of data, so one send() never takes "
        "it all. Check that you use send()'s return value: ignoring it loses bytes, and resending from the "
        "start each time sends bytes twice.",
        "Keep a count of the bytes sent and loop until it reaches len(data); each round, give send() only "
        "the rest (a slice of a memoryview from the count onwards), and add what send() returns to the "
        "count.",
    ),
    "test_send_all_uses_send_not_sendall": (
        "This lesson asks you to write the loop that sendall() hides (see 'The send buffer' in "
        "lessons/03-recv_loop.md): the grader counts calls to sendall().",
        "Remove sock.sendall() from send_all(); call sock.send() instead, and look at the number it returns.",
        "send() says how many bytes it took, and the rest is still yours: call send() (never sendall()) in a "
        "loop, add each return value to your count, and send from the count onwards next round.",
    ),
    "test_send_all_is_fast_on_16_mib": (
        "Here send_all() moves 16 MiB and must finish within 5 times the reference solution's time (see "
        "'Size and speed' under 'Your task' in lessons/03-recv_loop.md).",
        "Don't feed send() one byte or a small fixed chunk at a time: give it everything that is still left, "
        "and let the kernel take as much as fits.",
        "Slicing bytes copies the whole rest of the data on every call; slicing a memoryview copies nothing. "
        "Make it once, before the loop: `view = memoryview(data)`.",
        "Then each round gives send() the view's slice from your count onwards, and adds what send() returns "
        "to the count, until the count reaches len(data).",
    ),
    # ----------------------------------------------------------------------- graceful_close
    "test_request_signals_its_end_with_shut_wr": (
        "The reference server replies only once it knows your request is complete, that is once it sees your "
        "FIN; see the introduction and 'FIN and EOF' in lessons/04-graceful_close.md.",
        "If your code hung in recv(), nobody sent that FIN: server and client are waiting for each other. "
        "After sending the request you must end your sending direction while keeping the socket open to read "
        "the reply.",
        "close() ends both directions, so you could not read the reply, and SHUT_RD sends nothing at all "
        "(see 'shutdown(SHUT_RD)' in 'What the kernel does'). The one that sends FIN and keeps reading is "
        "SHUT_WR.",
        "Right after sending all of the message, before the first recv(): shutdown() on the socket with "
        "SHUT_WR (from the socket module). It sends your FIN and keeps the socket open for reading.",
    ),
    "test_request_reads_the_whole_reply_until_eof": (
        "The server's reply arrives in pieces, and its FIN marks the end (step 4 of request_and_half_close "
        "in 'The steps' of lessons/04-graceful_close.md, and lesson 3).",
        "The grader sends each piece of the reply only after your code read the previous one, so one recv() "
        "returns just the first 7 bytes. Use the same loop as recv_until_closed() in lesson 3.",
        "Receive in a loop and keep every piece; when a piece is empty, the server's FIN has arrived: stop, "
        "and return the pieces joined once.",
    ),
    "test_request_closes_its_socket": (
        "shutdown() ends one direction but does not release the socket: you still need close() afterwards "
        "(see 'shutdown(SHUT_WR)' under 'What the kernel does' in lessons/04-graceful_close.md).",
        "The server's FIN has arrived once your loop sees b\"\", so your end sits in CLOSE_WAIT until you "
        "close it. Make sure close() runs after reading the reply, on every path.",
        "Make the socket the target of a with-statement around the whole conversation (create_connection() "
        "works there too): it is closed for you after the reply, whatever happens.",
    ),
    "test_serve_reads_the_request_until_eof": (
        "The client marks the end of its request with FIN, so the server reads until recv() returns b\"\" "
        "and only then replies (step 3 of serve_one_request in lessons/04-graceful_close.md).",
        "The reference client sends the request in pieces, each after your server read the previous one, "
        "then half-closes. One recv() gets only the first 5 bytes; read in a loop on the accepted connection, "
        "and send the reply only after the loop.",
        "Only once recv() has returned b\"\" do you hold the whole request: then sendall() it reversed (a "
        "slice with step -1 reverses bytes) on the accepted connection.",
    ),
    "test_serve_listens_with_so_reuseaddr": (
        "A server's listening socket needs SO_REUSEADDR so that it can start again while an old connection on "
        "its port is in TIME_WAIT (see 'Why SO_REUSEADDR' in lessons/02-server_flow.md); here the client closes "
        "first, so the grader leaves an old connection on the port in TIME_WAIT itself before your server starts.",
        "The option must be on the listening socket itself (set on an accepted connection, it is too late), and "
        "set before bind(), where it has its effect (set after bind(), it changes nothing). SO_REUSEPORT is "
        "another option.",
        "On the listening socket, before bind(): setsockopt() at level SOL_SOCKET, option SO_REUSEADDR, value 1.",
    ),
    "test_serve_closes_with_fin_not_rst": (
        "Closing is a goodbye (FIN) only when nothing is left unread; otherwise it is an abort (RST); see "
        "'RST' under 'What the kernel does' in lessons/04-graceful_close.md.",
        "If the failure says RST: your server closed while request bytes were still unread in its socket, "
        "for example after a single recv(), or SO_LINGER is set to 0. Read until b\"\" before closing, and "
        "leave SO_LINGER alone.",
        "If the failure says the connection was still open: the client waits for your FIN after the reply, "
        "so the accepted connection must be closed before serve_one_request() returns, and the function must "
        "not raise on the way.",
        "After the reply is sent, and with the request read up to b\"\", call close() on the accepted "
        "connection: with nothing left unread, close() sends FIN.",
    ),
    "test_serve_returns_the_request": (
        "serve_one_request() returns the request as the client sent it, not the reply (see 'Your task' in "
        "lessons/04-graceful_close.md).",
        "Keep the joined request in its own variable, build the reversed reply separately, and return the "
        "request as bytes, the whole of it, not just the first piece.",
        "The reversed copy is only for sending: the function returns the request itself, as it arrived, in "
        "the order it arrived.",
    ),
    "test_serve_leaves_no_close_wait": (
        "Here the client closes first, so once its FIN has arrived your end is in CLOSE_WAIT until your code "
        "calls close(); see 'The states' under 'What the kernel does' in lessons/04-graceful_close.md.",
        "Find both sockets your server creates, the listener and the one accept() returns, and check that "
        "each is closed before the function returns, also when something fails.",
        "Make the listener and the accepted connection each the target of its own with-statement: both are "
        "closed for you, also when something fails.",
    ),
    "test_reject_replies_after_the_header_line": (
        "A server may answer before the client has finished: here it rejects the upload as soon as it has "
        "read the header line (steps 2 and 3 of reject_and_drain in lessons/04-graceful_close.md).",
        "The reference client sends the header and the start of the body, then waits for your reply before "
        "sending the rest. If your server waits for the whole body or for EOF first, nobody moves. Read only "
        "until you have seen the first b\"\\n\".",
        "Receive until the bytes you hold contain b\"\\n\", then at once sendall() exactly b\"REJECTED\\n\" on the "
        "accepted connection, before reading any more.",
    ),
    "test_reject_closes_with_fin_not_rst": (
        "Closing with unread data makes the kernel send RST, which can destroy your reply; read 'Why that "
        "order in reject_and_drain?' under 'Your task' in lessons/04-graceful_close.md.",
        "If the failure says RST, you closed while the client's body was still in your socket. Two steps "
        "must come between the reply and close(): a FIN that says 'my reply is complete', and draining what "
        "the client still sends.",
        "The order matters: the client waits for your FIN before it finishes its body, so a server that "
        "drains until EOF before half-closing waits forever. Half-close first: "
        "`conn.shutdown(socket.SHUT_WR)`.",
        "Then drain: recv() in a loop and throw the data away until it returns b\"\", and only then close(). "
        "Send nothing but b\"REJECTED\\n\", and leave SO_LINGER alone.",
    ),
    "test_reject_returns_the_header_line": (
        "reject_and_drain() returns the header line, everything up to and including the first b\"\\n\" "
        "(see 'Your task' in lessons/04-graceful_close.md).",
        "If you receive in big chunks, the first chunk may hold the header and part of the body: keep only "
        "the bytes up to the newline. If you strip() or decode() the line, the b\"\\n\" or bytes get lost.",
        "Return the bytes up to and including the first b\"\\n\": find its position with index() and slice up "
        "to one past it. With recv(1) you can simply stop right after the newline.",
    ),
    "test_reject_closes_every_socket": (
        "After the drain, both sockets of your server must be closed before reject_and_drain() returns (step 6 "
        "in lessons/04-graceful_close.md).",
        "shutdown(SHUT_WR) does not close the connection, it only ends your sending side: you still need "
        "close() on it after the drain loop, and close() on the listener too.",
        "Give each socket, the listener and the accepted connection, its own with-statement: both are closed "
        "for you, even if something fails.",
    ),
    "test_reject_restarts_on_the_same_port_during_time_wait": (
        "reject_and_drain() sends the first FIN, so its end of the connection goes to TIME_WAIT, and this "
        "check starts it again on the same port meanwhile (see 'Why SO_REUSEADDR' in "
        "lessons/02-server_flow.md).",
        "If the failure says the connection was not in TIME_WAIT, your server did not send the first FIN: fix "
        "the FIN-not-RST check first. If it says 'Address already in use', the listener lacks the option that "
        "allows the restart.",
        "On the listening socket, every run, before bind(): setsockopt() at level SOL_SOCKET, option "
        "SO_REUSEADDR, value 1.",
    ),
}

# ----------------------------------------------------------------------- framing
HINTS.update({
    "test_send_frame_sends_a_big_endian_length_then_the_payload": (
        "A frame is a 4-byte length, then the payload (see 'The steps' in lessons/05-framing.md): the receiver "
        "reads the length first to know where the frame ends.",
        "Look at how you build the header. Is it exactly 4 bytes? Is the most significant byte first? The failure "
        "message shows the header you sent next to the right one: reversed bytes mean native byte order.",
        "Pack the payload's length with struct.pack() in network byte order, as a 4-byte unsigned integer "
        "(format \"!I\"), and send those 4 bytes first, then the payload.",
    ),
    "test_send_frame_refuses_a_payload_over_max_frame": (
        "Both ends agree on a largest frame, MAX_FRAME; a sender that breaks the rule makes the receiver fail "
        "(step 1 of send_frame in lessons/05-framing.md).",
        "The check must come before anything is sent: once the header is on the wire, the frame is started. "
        "Raise, do not return or print.",
        "The very first thing send_frame does: if the payload is longer than MAX_FRAME, raise ValueError, "
        "before anything is sent.",
    ),
    "test_recv_frame_collects_a_frame_sent_in_pieces": (
        "The header is bytes on a stream like any others: it can arrive in pieces (lesson 3). Read 'What goes "
        "wrong, and why' in lessons/05-framing.md.",
        "If the message says struct.error or 'recv(4) may return 1, 2 or 3 bytes', your header read is one recv() "
        "(or one retry); if it says 'a much longer one', check the byte order of your unpack; if it says 'a short "
        "recv() is not EOF', your payload read stops too early; if it says 'bytes of the next frame', a recv() "
        "asked for more than was still missing.",
        "Reuse lesson 3's recv_exactly loop twice: once for the 4 header bytes, decoded with struct.unpack() "
        "and the same \"!I\" format, then once for that many payload bytes.",
    ),
    "test_recv_frame_leaves_the_next_frame_unread": (
        "The socket may already hold the next frame: what recv_frame takes out of the socket and does not return "
        "is lost (lesson 3, 'recv_exactly never reads past n').",
        "Look at the size you pass to recv() while reading the payload. Asking for 65536 when 291 bytes are "
        "missing takes the next frame too.",
        "Each recv() asks only for what is still missing of the current part: the header's 4 bytes, then the "
        "payload's length, minus what you already hold.",
    ),
    "test_recv_frame_returns_none_at_a_clean_eof": (
        "A conversation of frames ends when the peer closes between two frames: that is not an error "
        "(step 2 of recv_frame in lessons/05-framing.md).",
        "Your header loop sees recv() return b\"\" before it holds any byte: tell that case apart from an EOF "
        "after one, two or three header bytes.",
        "When the header loop gets b\"\" before any byte of a new frame arrived, the peer closed between "
        "frames: return None, not an exception.",
    ),
    "test_recv_frame_raises_eoferror_when_a_frame_is_cut": (
        "Once a frame has started, the peer closing before its last byte means the frame is broken "
        "(steps 2 and 4 of recv_frame in lessons/05-framing.md).",
        "Only 'no byte at all' is a clean end. Check both places where your code can meet b\"\": inside the header "
        "after some bytes, and inside the payload.",
        "In both loops, b\"\" after the frame has started (some header byte, or the payload) means the frame "
        "was cut: raise EOFError with a message that says so.",
    ),
    "test_recv_frame_refuses_a_length_over_max_frame_before_reading_it": (
        "A length read from the network is data from a stranger: check it before you act on it (step 3 of "
        "recv_frame in lessons/05-framing.md).",
        "The check must sit between decoding the header and the first recv() of the payload, and use '>' so "
        "that a frame of exactly MAX_FRAME bytes is still accepted.",
        "Right after decoding the header, compare the length with MAX_FRAME, and raise ValueError if it is "
        "larger, before a single payload byte is read.",
    ),
    "test_serve_lines_answers_each_line_at_once": (
        "The client waits for each reply before sending more, so every complete line must be answered as soon "
        "as it is in your buffer (see the diagram in lessons/05-framing.md).",
        "If your server waits for more data (until EOF, or until a buffer is full), nothing more comes. If a "
        "reply is missing or cut short, the bytes after a b\"\\n\" were lost: one recv() can hold two lines and "
        "the start of a third.",
        "After each recv(), add the piece to a buffer, then, as long as the buffer holds a b\"\\n\", cut off "
        "the first line (partition() does it) and answer it; keep the rest for the next recv().",
    ),
    "test_serve_lines_returns_the_count_at_eof": (
        "At EOF the conversation is over: serve_lines returns how many lines it answered (step 2 of "
        "serve_lines in lessons/05-framing.md).",
        "A last line without b\"\\n\" is not complete: it gets no reply and is not counted. The socket belongs "
        "to the caller, so it stays open.",
        "When recv() returns b\"\", return the number of lines you answered, whatever is still left in the "
        "buffer.",
    ),
    "test_serve_lines_lets_a_reset_propagate": (
        "A reset (RST) is not a clean end: the caller must learn that the conversation broke (lesson 4 on FIN "
        "and RST).",
        "Look for a try/except around your recv() that catches ConnectionResetError, OSError or Exception: it "
        "turns the reset into a normal return.",
        "Let recv() raise: do not catch ConnectionResetError inside serve_lines.",
    ),
})

# ----------------------------------------------------------------------- timeouts
HINTS.update({
    "test_first_reply_moves_past_a_refused_and_a_silent_server": (
        "first_reply tries the servers one after another and returns the first whole reply (see 'The steps' in "
        "lessons/06-timeouts.md): a refused or silent server only means 'try the next one'.",
        "Read what the good server saw in the failure's diagram. No connection: your loop stopped early. "
        "'close' instead of FIN: the request never ended (shutdown). A connection with no time left: your "
        "deadline covers the whole list instead of one server.",
        "Start each server's clock inside the loop over the servers: its deadline is time.monotonic() at "
        "that moment plus the timeout.",
    ),
    "test_first_reply_abandons_a_silent_server_at_its_deadline": (
        "A server that says nothing must not hold your client forever: read 'The idea: a deadline' in "
        "lessons/06-timeouts.md.",
        "Without a timeout, recv() blocks until data or EOF, and a silent server sends neither. Look at where "
        "the failure says your code was stopped.",
        "Before each recv(), set the socket's timeout to the time left until that server's deadline (the "
        "deadline minus time.monotonic()).",
    ),
    "test_first_reply_abandons_a_trickling_server_at_its_deadline": (
        "A timeout on each call is not a deadline: see the first section of lessons/06-timeouts.md and its "
        "diagram with the trickling server.",
        "If you call settimeout(timeout) once, every byte that comes starts the clock again. Compute the time "
        "left before every recv(), and stop when there is none.",
        "Before each recv(), compute the time left until the deadline; if none is left, give up on this "
        "server; otherwise make it the socket's timeout.",
    ),
    "test_first_reply_treats_a_reset_as_a_failure": (
        "A reset (RST) in the middle of a reply means the reply is broken (the table in lessons/06-timeouts.md).",
        "Look for an except clause that catches ConnectionResetError (or OSError) inside your read loop and "
        "then returns what came so far.",
        "Only b\"\" completes a reply. Let ConnectionResetError, like any OSError, reach the handler that "
        "notes the problem and moves on to the next server.",
    ),
    "test_first_reply_waits_for_a_slow_server_that_answers_in_time": (
        "A slow server that finishes before the deadline has answered: see 'slow but in time' in "
        "lessons/06-timeouts.md.",
        "Did your code stop reading at the first pause (a short timeout, a non-blocking read that found "
        "nothing), or after one recv()? Only b\"\" or the deadline ends the reading.",
        "Keep reading in a loop until a recv() returns b\"\", giving each recv() the time left as its timeout.",
    ),
    "test_first_reply_raises_connectionerror_naming_every_server": (
        "When every server failed, the caller must learn which ones and why (step 5 in lessons/06-timeouts.md).",
        "Collect one note per failed server in a list while you loop; after the loop, raise one ConnectionError "
        "with all of them, not the last server's own exception.",
        "Collect one note per failed server, each starting with its host and port, and raise ConnectionError "
        "with all the notes joined into one message.",
    ),
    "test_first_reply_tries_the_servers_in_order": (
        "The servers are tried in the list's order, one at a time, and the first whole reply ends the search "
        "(step 1 and 3 in lessons/06-timeouts.md).",
        "Check that you loop over the list forwards, connect to each server once, and return inside the loop "
        "as soon as recv() returned b\"\".",
        "Loop over the servers with enumerate(), in order, and return the index together with the joined "
        "reply as soon as recv() gives b\"\".",
    ),
    "test_first_reply_closes_every_socket": (
        "A failed server's socket must be closed too: the kernel keeps it (and its port) until you do.",
        "An exception (refused, reset, timeout) jumps over a close() written after the reading loop. Make the "
        "close happen on every path.",
        "Make each connection the target of a with-statement (create_connection() with the timeout works "
        "there): it is closed whether that server answered or failed.",
    ),
})

# Lessons 7 and 8 (several clients at once): added here to keep merges simple.
HINTS |= {
    # ----------------------------------------------------------------------- threaded_server
    "test_threads_listen_on_a_port_in_time_wait": (
        "The grader starts your server on a port that still has a connection in TIME_WAIT, as a restarted "
        "server finds it (see 'Why SO_REUSEADDR' in lessons/02-server_flow.md).",
        "If the failure says 'Address already in use', the listening socket lacks the option that allows "
        "this, or sets it too late. If it names another address, bind exactly the host and port you were given.",
        "Before bind(), on the listening socket: setsockopt() at level SOL_SOCKET, option SO_REUSEADDR, "
        "value 1.",
    ),
    "test_threads_serve_a_client_while_others_idle_mid_line": (
        "While one client is idle, the others must still be answered: that is the whole point of lesson 7 "
        "(read 'The idea' in lessons/07-threaded_server.md).",
        "Look at where the failure says your code was stuck: a recv() for another client in the main loop "
        "means one client after another; a pool means too few workers (count clients can all be idle at once).",
        "Right after accept(), hand the new connection to a new thread (threading.Thread, with your "
        "per-client function as its target and the connection as its argument), start it, and go straight "
        "back to accept().",
    ),
    "test_threads_run_each_client_in_a_thread": (
        "This lesson asks for threads: the grader counts your process's threads while all the clients are "
        "connected, and looks which thread reads the last client's socket: never the main thread, the one that "
        "called serve_clients() (lesson 8 does the same with one thread and selectors).",
        "A single select loop passes the other checks, but not this one: start a thread per client, or use "
        "a ThreadPoolExecutor with one worker per client.",
        "For each accepted connection, the last one too, create a threading.Thread whose target is your "
        "per-client function, with the connection as its only argument, then start() it.",
    ),
    "test_threads_sleep_while_every_client_is_idle": (
        "A thread waiting for its client should cost nothing: blocked in recv(), it sleeps in the kernel until "
        "that client sends, closes or resets. The grader measures your server's CPU time while every client is idle.",
        "A loop that tries recv() again and again on a non-blocking socket (catching BlockingIOError), or with a "
        "timeout of 0, never sleeps: it burns a CPU for nothing.",
        "Leave each connection blocking (the default) and call recv() once per round: it returns when there is "
        "something to read, b\"\" at EOF, or raises at a reset.",
    ),
    "test_threads_reply_to_each_line_reversed": (
        "Each client speaks lesson 5's line protocol: every complete line is answered at once with the line "
        "reversed, its b\"\\n\" kept at the end.",
        "Keep what arrived after the last newline for the next recv(): lines arrive in pieces, and several in "
        "one piece. Reverse the line without its newline, then add the newline back.",
        "For each complete line, without its b\"\\n\": sendall() the line reversed (a slice with step -1), "
        "followed by one b\"\\n\".",
    ),
    "test_threads_close_each_connection_after_its_eof": (
        "When a client has sent its last line it half-closes (FIN); your server then closes that connection, "
        "and the client sees your FIN.",
        "recv() returning b\"\" is that client's EOF: leave the loop and close that client's socket, in its "
        "own thread. Keeping the sockets in a list somewhere keeps them open.",
        "Serve each connection inside a with-statement in its own thread, so that it is closed as soon as "
        "that thread is done with it.",
    ),
    "test_threads_survive_a_client_that_resets": (
        "A client that resets (RST) makes recv() raise ConnectionResetError in the thread serving it; that "
        "must end only this client, never the server or the total.",
        "If you use a pool, future.result() raises the thread's exception again in your main thread. Catch "
        "the reset where the client is served, and still count its answered lines.",
        "Catch ConnectionResetError around that client's whole loop (its recv() and the sendall() of each "
        "reply), inside its thread: then close it, count what was answered, and return normally.",
    ),
    "test_threads_close_the_listener_after_the_last_accept": (
        "After count clients, your server takes no more: the listening socket must be closed then, while the "
        "clients are still being served (see the diagram in lessons/07-threaded_server.md).",
        "If the listener is closed at the end of a with-block that also holds the joins, it stays open while "
        "you wait for the threads. Close it first, then wait.",
        "As soon as the accept() loop has taken its last client, and before any join(), call close() on the "
        "listening socket.",
    ),
    "test_threads_wait_for_every_thread_before_returning": (
        "The total is only known when every client is done, so serve_clients() returns after all of its "
        "threads have ended.",
        "Keep every Thread you start in a list; daemon threads that nobody joins keep serving after your "
        "function returned.",
        "Keep every Thread you started in a list; after closing the listener, call join() on each of them "
        "before returning.",
    ),
    "test_threads_return_the_number_of_lines_answered": (
        "serve_clients() returns how many lines were answered, over all clients, as an int.",
        "Count in each thread, once a reply is sent (after its sendall() returned), and add the counts up only "
        "after the joins. A thread that ends by a reset must still add its count: an early return skips it.",
        "Count replies where several threads can add safely: append one item to a shared list per reply "
        "(list.append is safe across threads), and return the list's length.",
    ),
    "test_threads_close_every_socket": (
        "Every socket your server created, the listener and each client's connection, must be closed before "
        "serve_clients() returns, also after a reset.",
        "A connection closed only on the normal path (after EOF) stays open when its client resets: close "
        "it whatever happens.",
        "Put a with-statement around the whole of each client's service in its thread: the connection is "
        "then closed on every path.",
    ),
    # ----------------------------------------------------------------------- event_loop
    "test_loop_listens_on_a_port_in_time_wait": (
        "As in lesson 7, the grader starts your server on a port that still has a connection in TIME_WAIT "
        "(see 'Why SO_REUSEADDR' in lessons/02-server_flow.md).",
        "'Address already in use' means the listening socket lacks the option, or sets it after bind(). "
        "socket.create_server((host, port)) sets it for you on Linux.",
        "Before bind(), on the listening socket: setsockopt() at level SOL_SOCKET, option SO_REUSEADDR, "
        "value 1.",
    ),
    "test_loop_serves_a_client_while_others_idle_or_flood": (
        "One thread serves everyone only if it never waits for one client: read 'The idea' in "
        "lessons/08-event_loop.md.",
        "Look at where the failure says your code was stuck. A recv() or accept() there means a blocking "
        "socket; a sendall() or send() there means it waited for a client that does not read (F).",
        "Make every accepted socket non-blocking (setblocking with False), and call recv() or send() on it "
        "only when the selector has reported it ready.",
    ),
    "test_loop_never_starts_a_second_thread": (
        "This lesson serves every client from one thread; the grader counts your process's threads all "
        "along (lesson 7 was the one with threads).",
        "Remove threading.Thread, ThreadPoolExecutor and socketserver's threading classes: the select loop "
        "itself switches between the clients.",
        "Everything happens in one loop over what selector.select() returns: for each ready key and its "
        "event mask, handle that one socket, then go round again.",
    ),
    "test_loop_bounds_what_it_buffers_for_a_client_that_does_not_read": (
        "A client that sends and never reads would make your unsent replies grow without end: read "
        "'Backpressure' in lessons/08-event_loop.md.",
        "Decide a bound (at most 1 MiB) of unsent replies per client. Above it, stop reading that client: "
        "its bytes then wait in the kernel's receive buffer and its send() blocks, which costs you nothing.",
        "When you re-register a client, include EVENT_READ in its events only while its unsent replies are "
        "under your limit; above it, wait for EVENT_WRITE alone.",
    ),
    "test_loop_replies_to_each_line_reversed": (
        "Each client speaks lesson 5's line protocol: every complete line is answered with the line "
        "reversed, its b\"\\n\" kept at the end.",
        "Keep each client's unfinished line in its own state, and add each new chunk to it before splitting "
        "at b\"\\n\": lines arrive in pieces, and several in one piece.",
        "For each complete line, without its b\"\\n\": add the line reversed (a slice with step -1) and one "
        "b\"\\n\" to that client's unsent buffer.",
    ),
    "test_loop_delivers_every_reply_to_the_flooding_client": (
        "Every reply you queue must reach its client, however long it takes that client to read.",
        "Look for the places where bytes can be lost: replies thrown away when the buffer is big, what "
        "send() did not take, a connection closed after EOF while replies still wait.",
        "Remove from the unsent buffer only the bytes send() reports it took, and close a client after its "
        "EOF only once its unsent buffer is empty.",
    ),
    "test_loop_closes_each_connection_after_its_eof": (
        "When a client has sent its last line it half-closes (FIN); once its replies are all sent, your "
        "server closes that connection.",
        "recv() returning b\"\" is that client's EOF: remember it in the client's state, keep writing what is "
        "queued, then unregister and close.",
        "Once a client's EOF was seen and nothing is left to send to it: unregister its socket from the "
        "selector, then close() it.",
    ),
    "test_loop_survives_a_client_that_resets": (
        "A client that resets (RST) makes recv() or send() raise ConnectionResetError for that socket only; "
        "the loop must go on for the others.",
        "An exception that escapes your loop ends the whole server. Catch it around the work on one ready "
        "socket, and treat that client as finished.",
        "Catch ConnectionResetError around one client's recv() and send(); then unregister and close that "
        "socket only, and go on with the loop.",
    ),
    "test_loop_closes_the_listener_after_the_last_accept": (
        "After count clients, your server takes no more: unregister and close the listening socket right "
        "then, while the clients are still served.",
        "Count your accept() calls in the loop; when the count is reached, the listener leaves the selector. "
        "Closing it only after the loop is too late.",
        "Right after the count-th accept(), unregister the listening socket from the selector, then close() "
        "it.",
    ),
    "test_loop_writes_only_when_the_selector_reports_writable": (
        "The grader looks, from the kernel, at where your server waits while a client does not read: in the "
        "selector is right, inside send() or sendall() is not. Data to send waits in the client's buffer "
        "until the selector says the socket can take more.",
        "sendall() loops until everything is sent, so it blocks the whole loop on a slow reader. Register "
        "EVENT_WRITE while a client has unsent replies.",
        "Only when the event mask holds EVENT_WRITE: call send() once with the unsent buffer, and remove "
        "from it just the bytes send() took.",
    ),
    "test_loop_sleeps_while_every_client_is_idle": (
        "An event loop with nothing to do should sleep inside selector.select() until a socket is ready. The "
        "grader measures your server's CPU time while every client is idle.",
        "select(timeout=0) returns at once, and so does a select() that asks for EVENT_WRITE on a socket with "
        "room in its send buffer (almost always): either makes the loop spin.",
        "Call selector.select() with no timeout, and register EVENT_WRITE for a client only while it has "
        "unsent replies (selector.modify() back to EVENT_READ once they are sent).",
    ),
    "test_loop_returns_the_number_of_lines_answered": (
        "serve_clients_selectors() returns how many lines were answered over all clients, as an int; a "
        "line counts once its reply is queued.",
        "One counter in the loop is enough: there is only one thread. Count the lines of a client that "
        "resets too.",
        "Add one to a counter for each complete line you answer, and return that counter once the loop is "
        "over.",
    ),
    "test_loop_closes_every_socket": (
        "Every socket your server created, the listener and each connection, must be closed before it "
        "returns, also after a reset.",
        "Unregistering a socket from the selector does not close it; a client that resets still needs "
        "close().",
        "Each time a client is done, for whatever reason, unregister its socket from the selector and then "
        "close() it; the listener too, at the end.",
    ),
}

# HINTS above is the English edition. Read from outside, `hints.HINTS` is the ladders of the edition COURSE_LANG
# selects (`lang.by_edition`), looked up in its catalogue when read (msgctxt HINTS[check][rung]).


@functools.cache
def _table(edition: str) -> dict:
    return {"HINTS": lang.translated(HINTS, edition, "HINTS")}


def ladders(edition: str) -> dict[str, tuple[str, ...]]:
    """The hint ladders of one edition, whatever COURSE_LANG says."""
    return _table(edition)["HINTS"]


lang.by_edition(__name__, _table)
