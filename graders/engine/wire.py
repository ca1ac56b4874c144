"""Plain-data encoding shared by the grader and the student runner.

Everything that crosses the process boundary between the grader and the
student's code goes through `dumps` and `loads`: JSON for the structure and
raw bytes appended after it for every `bytes` value (a 16 MiB payload costs
no base64). Only plain data can be encoded: dict, list, tuple, str, int,
float, bool, None and bytes. A tuple comes back a tuple, a list a list: the
arguments a student's function is given are of the types its contract
names (lesson 6's servers are (host, port) tuples, which socket.connect()
takes as they are; a list it refuses). Nothing is unpickled, so nothing the student's process
writes can become an object in the grader.

This module is imported by `fork_server.py` inside the student's process, so it
must use the standard library only.
"""

from __future__ import annotations

import json
import struct

_HEADER = struct.Struct("!QQ")  # length of the JSON part, length of the blob part
_BYTES_KEY = "$bytes"
_TUPLE_KEY = "$tuple"


def dumps(value: object) -> bytes:
    """Encode plain data as one self-delimiting message."""
    blobs: list[bytes] = []
    offset = 0

    def encode(item: object) -> object:
        nonlocal offset
        if isinstance(item, (bytes, bytearray, memoryview)):
            blob = bytes(item)
            blobs.append(blob)
            ref = {_BYTES_KEY: [offset, len(blob)]}
            offset += len(blob)
            return ref
        if isinstance(item, dict):
            return {str(key): encode(val) for key, val in item.items()}
        if isinstance(item, tuple):
            return {_TUPLE_KEY: [encode(val) for val in item]}
        if isinstance(item, list):
            return [encode(val) for val in item]
        if item is None or isinstance(item, (str, int, float, bool)):
            return item
        raise TypeError(f"not plain data: {type(item).__name__}")

    structure = json.dumps(encode(value)).encode()
    return _HEADER.pack(len(structure), offset) + structure + b"".join(blobs)


def message_length(prefix: bytes) -> int | None:
    """Total length of the message that starts with `prefix`, once known."""
    if len(prefix) < _HEADER.size:
        return None
    structure, blobs = _HEADER.unpack_from(prefix)
    return _HEADER.size + structure + blobs


def loads(message: bytes) -> object:
    """Decode a message made by `dumps`."""
    structure_len, _blob_len = _HEADER.unpack_from(message)
    start = _HEADER.size
    structure = json.loads(message[start : start + structure_len])
    blobs = memoryview(message)[start + structure_len :]

    def decode(item: object) -> object:
        if isinstance(item, dict):
            if set(item) == {_BYTES_KEY}:
                blob_offset, length = item[_BYTES_KEY]
                return bytes(blobs[blob_offset : blob_offset + length])
            if set(item) == {_TUPLE_KEY} and isinstance(item[_TUPLE_KEY], list):
                return tuple(decode(val) for val in item[_TUPLE_KEY])
            return {key: decode(val) for key, val in item.items()}
        if isinstance(item, list):
            return [decode(val) for val in item]
        return item

    return decode(structure)
