"""Every lesson's reference peers, by lesson id: what `nox -s peer` can play by hand.

Each lesson that has peers to play declares them in `PEERS`, in `peers_<lesson>.py` beside its checks
(`protocol.ServerProtocol`, `protocol.ClientProtocol`); a lesson without them has none (lesson 6's
servers are played by `nox -s peer -- server --lesson timeouts` with the timings of `peers_timeouts.py`).
"""

from __future__ import annotations

import importlib
import importlib.util

from graders import course
from graders.engine.protocol import ClientProtocol, ServerProtocol


def by_lesson() -> tuple[dict[str, ServerProtocol], dict[str, ClientProtocol]]:
    """Every lesson's reference servers and clients, by lesson id, in course order."""
    servers, clients = {}, {}
    for lesson in course.lessons():
        name = f"{__package__}.peers_{lesson.id}"
        if importlib.util.find_spec(name) is None:
            continue
        for peer in getattr(importlib.import_module(name), "PEERS", ()):
            (servers if isinstance(peer, ServerProtocol) else clients)[lesson.id] = peer
    return servers, clients
