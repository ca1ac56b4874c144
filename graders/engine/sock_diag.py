"""sock_diag: the kernel's own answers about TCP sockets, over netlink (Linux).

What /proc/net/tcp prints, as data, and more: a socket looked up by its
two ends in the kernel's hash tables (`lookup`, about 20 us) rather than
found by walking every socket of the machine (a dump, or a read of
/proc/net/tcp: a millisecond or two where the table is large), and the
attributes a check needs (tcp_info, the send buffer's memory). `kernel.py`
is the graders' face to it, with /proc where netlink is refused.
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass

STATES = {
    "01": "ESTABLISHED", "02": "SYN_SENT", "03": "SYN_RECV", "04": "FIN_WAIT1",
    "05": "FIN_WAIT2", "06": "TIME_WAIT", "07": "CLOSE", "08": "CLOSE_WAIT",
    "09": "LAST_ACK", "0A": "LISTEN", "0B": "CLOSING",
}

Address = tuple[str, int]


@dataclass(frozen=True)
class Row:
    """One line of /proc/net/tcp: a TCP socket as the kernel sees it."""

    local: Address
    remote: Address
    state: str
    tx_queue: int  # bytes sent and not yet acknowledged (LISTEN: unused)
    rx_queue: int  # bytes received and not yet read by the application
    inode: int  # 0 for TIME_WAIT: no process holds it any more


_NETLINK_SOCK_DIAG = 4
_SOCK_DIAG_BY_FAMILY = 20
_NLM_F_REQUEST_DUMP = 0x301
_NLMSG_DONE, _NLMSG_ERROR = 3, 2


LISTENING = 1 << 10  # the state mask of TCP_LISTEN alone (idiag_states)


def dump(family: int, states: int = 0xFFFFFFFF) -> list[Row]:
    """Every TCP socket of one address family in this network namespace, in `states` (a mask), from sock_diag.

    A dump of listeners alone (LISTENING) reads only the kernel's table of listeners; any other walks its
    whole table of connections, every network namespace's (a millisecond or two where it is large).
    """
    request = struct.pack("=BBBBI", family, socket.IPPROTO_TCP, 0, 0, states) + bytes(48)
    header = struct.pack("=IHHII", 16 + len(request), _SOCK_DIAG_BY_FAMILY, _NLM_F_REQUEST_DUMP, 1, 0)
    found = []
    with socket.socket(socket.AF_NETLINK, socket.SOCK_DGRAM, _NETLINK_SOCK_DIAG) as netlink:
        netlink.settimeout(2.0)
        netlink.send(header + request)
        while True:
            data = netlink.recv(1 << 16)
            offset = 0
            while offset + 16 <= len(data):
                length, kind = struct.unpack_from("=IH", data, offset)
                if kind == _NLMSG_ERROR:
                    raise OSError("sock_diag refused the request")
                if kind == _NLMSG_DONE or length < 16:
                    return found
                found.append(row_of(data[offset + 16 : offset + length]))
                offset += (length + 3) & ~3


def row_of(message: bytes) -> Row:
    """One struct inet_diag_msg as a Row."""
    family, state = message[0], message[1]
    sport, dport = struct.unpack_from("!HH", message, 4)
    size = 4 if family == socket.AF_INET else 16
    src = socket.inet_ntop(family, message[8 : 8 + size])
    dst = socket.inet_ntop(family, message[24 : 24 + size])
    if family == socket.AF_INET6:
        src, dst = (a[7:] if a.startswith("::ffff:") and "." in a else a for a in (src, dst))
    rqueue, wqueue, _uid, inode = struct.unpack_from("=IIII", message, 56)
    name = STATES.get(f"{state:02X}", str(state))
    if name == "LISTEN":  # /proc/net/tcp's rx/tx of a listener: its accept queue, and 0
        wqueue = 0
    return Row(local=(src, sport), remote=(dst, dport), state=name, tx_queue=wqueue, rx_queue=rqueue, inode=inode)


_INET_DIAG_INFO = 2  # the attribute that holds struct tcp_info
_INET_DIAG_SKMEMINFO = 7  # the attribute that holds the socket's memory: u32 SK_MEMINFO_* (sock_diag.h)
_TCPI_UNACKED = 24  # struct tcp_info: tcpi_unacked (u32), segments in flight
_TCPI_BYTES_ACKED = 120  # struct tcp_info: tcpi_bytes_acked (u64), Linux 4.1 on
_TCPI_BYTES_RECEIVED = 128  # struct tcp_info: tcpi_bytes_received (u64), Linux 4.1 on
_SK_MEMINFO = struct.Struct("=9I")  # rmem_alloc, rcvbuf, wmem_alloc, sndbuf, fwd_alloc, wmem_queued, optmem, ...
_RCVBUF, _SNDBUF, _WMEM_QUEUED = 1, 3, 5


@dataclass(frozen=True)
class Sending:
    """The sending side of one TCP socket, from sock_diag: what its code handed to it, and its send buffer."""

    row: Row  # the socket itself (its state, its receive queue)
    written: int  # bytes its code handed to it: its peer's acknowledged bytes and its send queue, none counted twice
    sndbuf: int  # its send buffer (sk_sndbuf), in the kernel's units: what its queued buffers take up (truesize)
    queued: int  # what its send queue takes up of it now (sk_wmem_queued), in the same units
    unacked: int  # segments it sent that its peer's kernel has not acknowledged yet (tcpi_unacked)
    received: int = 0  # bytes its peer sent that its kernel received in order (tcpi_bytes_received): read or queued
    rcvbuf: int = 0  # its receive buffer (sk_rcvbuf): what its receive queue may take up, so what one read returns
    rmem: int = 0  # what its receive queue takes up of that now (sk_rmem_alloc), in the same units

    @property
    def read(self) -> int:
        """Bytes its code has read: what its kernel received, less what still waits in its receive queue."""
        return self.received - self.row.rx_queue

    @property
    def writable(self) -> bool:
        """What poll() and select() say of it: free space at least half what is queued (sk_stream_is_writeable).

        A TCP socket that is not writable stays so until its peer's kernel
        acknowledges some of what is queued: a loop that writes only once
        the selector reports the socket writable writes nothing to it.
        """
        return self.sndbuf - self.queued >= self.queued >> 1


_NLM_F_REQUEST = 1
_NO_COOKIE = 0xFFFFFFFF
_ENOENT = 2


def lookup(local: Address, remote: Address, ext: int = 0) -> tuple[Row, dict[int, bytes]] | None:
    """The IPv4 TCP socket whose ends are exactly these, and its sock_diag attributes asked for in `ext`.

    The kernel finds it in its hash tables, as it finds the socket of an
    arriving segment: no walk of every socket of the machine, which a dump
    and /proc/net/tcp both make (a millisecond or two where the table is
    large, and the grader looks often). None: there is no such socket (a
    listener found in its place is not it). Raises OSError where sock_diag
    cannot answer, ValueError for ends that are not IPv4 addresses.
    """
    try:
        ends = socket.inet_aton(local[0]) + bytes(12) + socket.inet_aton(remote[0]) + bytes(12)
    except OSError:  # not an IPv4 address in numbers: not a question for this lookup
        raise ValueError(f"not IPv4 addresses: {local[0]!r}, {remote[0]!r}") from None
    sockid = struct.pack("!HH", local[1], remote[1]) + ends + struct.pack("=III", 0, _NO_COOKIE, _NO_COOKIE)
    request = struct.pack("=BBBBI", socket.AF_INET, socket.IPPROTO_TCP, ext, 0, 0xFFFFFFFF) + sockid
    header = struct.pack("=IHHII", 16 + len(request), _SOCK_DIAG_BY_FAMILY, _NLM_F_REQUEST, 1, 0)
    with socket.socket(socket.AF_NETLINK, socket.SOCK_DGRAM, _NETLINK_SOCK_DIAG) as netlink:
        netlink.settimeout(2.0)
        netlink.send(header + request)
        answer = netlink.recv(1 << 16)
    length, kind = struct.unpack_from("=IH", answer)
    if kind == _NLMSG_ERROR:
        error = -struct.unpack_from("=i", answer, 16)[0]
        if error == _ENOENT:
            return None
        raise OSError(error, "sock_diag could not look the socket up")
    message = answer[16:length]
    row = row_of(message)
    if row.local != local or row.remote != remote:
        return None
    found = {}
    at = 72  # after struct inet_diag_msg: its attributes
    while at + 4 <= len(message):
        size, kind = struct.unpack_from("=HH", message, at)
        if size < 4:
            break
        found[kind] = message[at + 4 : at + size]
        at += (size + 3) & ~3
    return row, found


_INET_DIAG_SHUTDOWN = 8  # the attribute that holds the socket's sk_shutdown: RCV_SHUTDOWN 1, SEND_SHUTDOWN 2
READ_SHUT = 1  # RCV_SHUTDOWN: shutdown(SHUT_RD) or SHUT_RDWR


def shut_down(local: Address, remote: Address) -> int | None:
    """Which sides of the IPv4 TCP socket local -> remote its owner shut down (sk_shutdown: READ_SHUT, and 2 for
    the writing side), as the kernel shows it; None if there is no such socket or the kernel does not say."""
    found = lookup(local, remote)
    if found is None:
        return None
    value = found[1].get(_INET_DIAG_SHUTDOWN)
    return value[0] if value else None


def sending(local: Address, remote: Address) -> Sending | None:
    """The sending side of the IPv4 TCP socket with these ends (sock_diag's tcp_info and meminfo; None where the
    kernel cannot say). Unlike the queues alone, nothing in `written` is counted twice."""
    try:
        found = lookup(local, remote, 1 << (_INET_DIAG_INFO - 1) | 1 << (_INET_DIAG_SKMEMINFO - 1))
    except (OSError, ValueError):
        return None
    if found is None:
        return None
    row, attributes = found
    info, memory = attributes.get(_INET_DIAG_INFO, b""), attributes.get(_INET_DIAG_SKMEMINFO, b"")
    if len(info) < _TCPI_BYTES_RECEIVED + 8 or len(memory) < _SK_MEMINFO.size:
        return None
    meminfo = _SK_MEMINFO.unpack_from(memory)
    acked = struct.unpack_from("=Q", info, _TCPI_BYTES_ACKED)[0]
    unacked = struct.unpack_from("=I", info, _TCPI_UNACKED)[0]
    received = struct.unpack_from("=Q", info, _TCPI_BYTES_RECEIVED)[0]
    return Sending(row=row, written=acked + row.tx_queue, sndbuf=meminfo[_SNDBUF], queued=meminfo[_WMEM_QUEUED],
                   unacked=unacked, received=received, rcvbuf=meminfo[_RCVBUF], rmem=meminfo[0])
