"""Correct, from COURSE.md: non-blocking connect_ex, select.poll() with the time left in ms, recv_into."""
import errno
import select
import socket
import time


def first_reply(servers, request, timeout):
    failures = []
    for idx, address in enumerate(servers):
        deadline = time.monotonic() + timeout
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(False)
        try:
            err = sock.connect_ex(address)
            poller = select.poll()
            if err == errno.EINPROGRESS:
                poller.register(sock, select.POLLOUT)
                left = deadline - time.monotonic()
                if left <= 0 or not poller.poll(max(0, int(left * 1000))):
                    raise TimeoutError("connect timed out")
                err = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if err:
                raise OSError(err, errno.errorcode.get(err, "error"))
            out = memoryview(request)
            poller.register(sock, select.POLLOUT)
            while out:
                left = deadline - time.monotonic()
                if left <= 0 or not poller.poll(int(left * 1000)):
                    raise TimeoutError("send timed out")
                out = out[sock.send(out):]
            sock.shutdown(socket.SHUT_WR)
            poller.modify(sock, select.POLLIN)
            buf = bytearray(4096)
            reply = bytearray()
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not poller.poll(int(left * 1000)):
                    raise TimeoutError("no reply in time")
                n = sock.recv_into(buf)
                if n == 0:
                    return idx, bytes(reply)
                reply += buf[:n]
        except OSError as e:
            failures.append(f"{address[0]}:{address[1]} -> {e!r}")
        finally:
            sock.close()
    raise ConnectionError("all failed: " + ", ".join(failures))
