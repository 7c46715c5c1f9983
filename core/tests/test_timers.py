"""Persisted timers fire once: after the clock passes them, across restarts and replicas."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import sqlalchemy as sa
from mcr_core.storage import Database
from mcr_core.timers import TimerService

effects = sa.Table("timer_effects", sa.MetaData(), sa.Column("key", sa.String(64)))


async def prepare(db: Database) -> None:
    async with db.engine.begin() as conn:
        await conn.run_sync(effects.metadata.create_all)


def replica(db: Database, clock) -> TimerService:
    timers = TimerService(db, clock, poll_seconds=0.05)

    @timers.on("reminder")
    async def remind(timer, session) -> None:
        await session.execute(effects.insert().values(key=timer.key))

    return timers


async def fired(db: Database) -> list[str]:
    async with db.read() as session:
        return list((await session.execute(sa.select(effects.c.key))).scalars())


async def schedule_tomorrow(db: Database, timers: TimerService, clock, key: str = "p-1") -> None:
    async with db.transaction() as session:
        await timers.schedule(session, "reminder", key, clock.now() + timedelta(days=1), {"n": 1})


async def test_timer_for_tomorrow_fires_once_after_the_clock_advances(db, fake_clock):
    await prepare(db)
    timers = replica(db, fake_clock)
    await schedule_tomorrow(db, timers, fake_clock)
    assert await timers.fire_due() == 0
    fake_clock.advance(hours=23, minutes=59)
    assert await timers.fire_due() == 0
    fake_clock.advance(minutes=1)
    assert await timers.fire_due() == 1
    fake_clock.advance(days=3)
    assert await timers.fire_due() == 0
    assert await fired(db) == ["p-1"]


async def test_timer_survives_a_restart(database_url, fake_clock):
    first = Database(database_url)
    await first.migrate()
    await prepare(first)
    await schedule_tomorrow(first, replica(first, fake_clock), fake_clock)
    await first.close()  # the process stops with the timer pending

    restarted = Database(database_url)
    fake_clock.advance(days=2)
    assert await replica(restarted, fake_clock).fire_due() == 1
    assert await replica(restarted, fake_clock).fire_due() == 0
    assert await fired(restarted) == ["p-1"]
    await restarted.close()


async def test_two_replicas_fire_each_timer_once(database_url, fake_clock):
    setup = Database(database_url)
    await setup.migrate()
    await prepare(setup)
    scheduler = replica(setup, fake_clock)
    for index in range(40):
        await schedule_tomorrow(setup, scheduler, fake_clock, key=f"p-{index}")
    await setup.close()
    # Two replicas: separate engines (connection pools) on the same database, running their
    # loops concurrently while the clock moves past every timer.
    one, two = Database(database_url), Database(database_url)
    replicas = [replica(one, fake_clock), replica(two, fake_clock)]
    loops = [asyncio.create_task(r.run()) for r in replicas]
    fake_clock.advance(days=1)
    try:
        async with asyncio.timeout(20):
            while len(await fired(one)) < 40:
                await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)  # give a double fire the chance to show
    finally:
        for loop in loops:
            loop.cancel()
        await asyncio.gather(*loops, return_exceptions=True)
    keys = await fired(one)
    assert sorted(keys) == sorted(f"p-{index}" for index in range(40))
    await one.close()
    await two.close()


async def test_failing_handler_rolls_back_and_fires_again(db, fake_clock):
    await prepare(db)
    timers = TimerService(db, fake_clock)
    attempts = []

    @timers.on("reminder")
    async def flaky(timer, session) -> None:
        attempts.append(timer.key)
        await session.execute(effects.insert().values(key=timer.key))
        if len(attempts) == 1:
            raise ConnectionError("mail server down")

    await schedule_tomorrow(db, timers, fake_clock)
    fake_clock.advance(days=1)
    assert await timers.fire_due() == 0
    assert await fired(db) == []  # the effect rolled back with the claim
    assert await timers.fire_due() == 1
    assert await fired(db) == ["p-1"]


async def test_rescheduling_moves_the_timer(db, fake_clock):
    await prepare(db)
    timers = replica(db, fake_clock)
    await schedule_tomorrow(db, timers, fake_clock)
    async with db.transaction() as session:
        await timers.schedule(session, "reminder", "p-1", fake_clock.now() + timedelta(days=10))
    fake_clock.advance(days=2)
    assert await timers.fire_due() == 0
    fake_clock.advance(days=8)
    assert await timers.fire_due() == 1


async def test_the_timer_loop_stops_when_cancelled_as_the_clock_moves(db, fake_clock):
    """A stop that arrives in the same turn as a clock change must still end the loop (on
    Python 3.11 `asyncio.wait_for` returns the inner result instead of raising then)."""
    timers = replica(db, fake_clock)
    for _ in range(20):
        task = asyncio.create_task(timers.run())
        await asyncio.sleep(0.02)  # the loop waits for the clock now
        fake_clock.advance(seconds=1)
        task.cancel()
        done, _ = await asyncio.wait({task}, timeout=2)
        assert done, "the timer loop went on after it was cancelled"
        assert task.cancelled()


async def test_ensure_schedules_once_and_never_postpones(db, fake_clock):
    await prepare(db)
    timers = replica(db, fake_clock)
    async with db.transaction() as session:
        assert await timers.ensure(session, "reminder", "p-1", fake_clock.now() + timedelta(days=1))
    fake_clock.advance(hours=12)
    async with db.transaction() as session:  # a restart: the first due time stands
        later = fake_clock.now() + timedelta(days=1)
        assert not await timers.ensure(session, "reminder", "p-1", later)
    fake_clock.advance(hours=12)
    assert await timers.fire_due() == 1
    async with db.transaction() as session:  # fired: still there, still not scheduled again
        assert not await timers.ensure(session, "reminder", "p-1", later)
    assert await fired(db) == ["p-1"]
