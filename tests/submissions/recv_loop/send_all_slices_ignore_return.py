"""Bug: send_all sends 64 KiB slices and ignores what send() returned."""


def recv_exactly(sock, n):
    data = bytearray()
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise EOFError(f"peer closed after {len(data)} of {n} bytes")
        data += chunk
    return bytes(data)


def recv_until_closed(sock):
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def send_all(sock, data):
    for start in range(0, len(data), 64 << 10):
        sock.send(data[start:start + (64 << 10)])
