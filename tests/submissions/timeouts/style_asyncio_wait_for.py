"""Correct: asyncio streams, asyncio.wait_for() giving each server its own timeout for the whole exchange."""
import asyncio


async def _one(host, port, request):
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(request)
        await writer.drain()
        writer.write_eof()
        return await reader.read()  # until EOF
    finally:
        writer.close()
        try:
            await writer.wait_closed()
        except OSError:
            pass


async def _all(servers, request, timeout):
    notes = []
    for i, (host, port) in enumerate(servers):
        try:
            reply = await asyncio.wait_for(_one(host, port, request), timeout)
        except (OSError, asyncio.TimeoutError) as e:
            notes.append(f"{host}:{port}: {type(e).__name__}")
            continue
        return i, reply
    raise ConnectionError("; ".join(notes))


def first_reply(servers, request, timeout):
    return asyncio.run(_all(servers, request, timeout))
