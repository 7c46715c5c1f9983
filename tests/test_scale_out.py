"""Two replicas of a consuming service share one durable consumer: under a sustained load of
the archive's customer events, and through a rolling restart (one replica drained with SIGTERM
and replaced while events flow), every event has exactly one effect.

The replicas are real `mcr_insight` OS processes on one PostgreSQL database (the deployment's
shape: Kubernetes replicas of one Deployment), with their own NATS server on a free port.
"""

from __future__ import annotations

import asyncio

import nats
import pytest
from mcr_core.embedded_nats import EmbeddedNats
from processes import ServiceProcess
from replicas import effects, events_handled, publish_customers

CUSTOMERS = 600
CHUNK = 50


@pytest.mark.slow
@pytest.mark.timeout(300)
async def test_two_replicas_and_a_rolling_restart_give_each_event_one_effect(
    postgres_url, auth_keys, tmp_path
):
    server = EmbeddedNats(tmp_path / "nats").start()
    env = {
        "MCR_DATABASE_URL": postgres_url,
        "MCR_NATS_URL": server.url,
        "MCR_AUTH_PUBLIC_KEY_FILE": str(auth_keys.public_key_file),
        "MCR_DATA_DIR": str(tmp_path),
    }
    replicas: list[ServiceProcess] = []
    nc = await nats.connect(server.url)
    try:
        # The first replica migrates the database; the second starts on it, as a scale-up.
        replicas.append(await ServiceProcess("mcr_insight", env, tmp_path / "a.log").start())
        replicas.append(await ServiceProcess("mcr_insight", env, tmp_path / "b.log").start())
        first = replicas[0]
        js = nc.jetstream()

        async def load(start: int, count: int) -> None:
            for offset in range(0, count, CHUNK):
                await publish_customers(js, start + offset, CHUNK)
                await asyncio.sleep(0.05)  # sustained, not one burst

        half = CUSTOMERS // 2
        await load(0, half)
        # Rolling restart: a replacement comes up, then the old replica drains and exits,
        # while the load goes on.
        replicas.append(await ServiceProcess("mcr_insight", env, tmp_path / "c.log").start())
        publishing = asyncio.create_task(load(half, CUSTOMERS - half))
        by_first = await events_handled(first.admin_port)
        assert await asyncio.to_thread(first.terminate) == 0  # a clean, drained exit
        await publishing

        async def all_scored() -> bool:
            return (await effects(postgres_url)).scored >= CUSTOMERS

        async with asyncio.timeout(180):
            while not await all_scored():
                await asyncio.sleep(0.2)
        await asyncio.sleep(1.5)  # a redelivered duplicate would have its effect by now
        done = await effects(postgres_url)
        assert done.handled == CUSTOMERS  # nothing lost
        assert done.scored == CUSTOMERS
        # One tier change per new customer: a second handling would add a history row.
        assert done.history == done.history_customers == CUSTOMERS
        # The work was shared: each replica handled part of it.
        by_others = [await events_handled(r.admin_port) for r in replicas[1:]]
        assert by_first > 0 and by_others[0] > 0, (by_first, by_others)
        assert by_first + sum(by_others) >= CUSTOMERS
    finally:
        await nc.close()
        for replica in replicas:
            if replica.process.poll() is None:
                replica.terminate()
        server.stop()
