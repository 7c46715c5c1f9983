"""Failpoints: named places where a fault-injection test can stop a real process.

`MCR_FAILPOINTS="outbox.before_publish=hang"` makes the process wait forever when it reaches
that point, so a test can `kill -9` it exactly there; `=exit` ends the process at once as a
crash would. Unset (always, outside tests), a failpoint costs one dictionary lookup.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os

log = logging.getLogger(__name__)


@functools.cache
def _active() -> dict[str, str]:
    spec = os.environ.get("MCR_FAILPOINTS", "")
    pairs = (item.partition("=") for item in spec.split(",") if item.strip())
    return {name.strip(): action.strip() or "hang" for name, _, action in pairs}


async def failpoint(name: str) -> None:
    action = _active().get(name)
    if action is None:
        return
    log.warning("failpoint reached", extra={"failpoint": name, "action": action})
    if action == "exit":
        os._exit(137)
    await asyncio.Event().wait()  # "hang": wait for the test's kill
