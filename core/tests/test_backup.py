"""Backup and restore of a service's database and its stream (`mcr_core.backup`), on both
databases and a real JetStream: the streams' snapshot comes first, the database's backup
after it, and what was committed in between is published again after the restore, once."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest
from mcr.archive.v1 import customer_pb2, events_pb2
from mcr_core.backup import (
    BackupError,
    backup_database,
    replay_outbox,
    restore_database,
    restore_stream,
    snapshot_stream,
)
from mcr_core.bus import Outbox, OutboxRelay, stream_name
from mcr_core.clock import SystemClock
from test_bus import stream_messages


def created(display_name: str) -> events_pb2.CustomerCreated:
    return events_pb2.CustomerCreated(customer=customer_pb2.Customer(display_name=display_name))


async def test_a_restore_replays_what_the_database_committed_after_the_streams_snapshot(
    db, js, service, database_url, tmp_path
):
    outbox = Outbox(f"mcr/{service}", SystemClock())
    relay = OutboxRelay(db, js, outbox)
    subject = f"mcr.{service}.customer.created"

    async def commit(name: str, *, publish: bool) -> str:
        async with db.transaction() as conn:
            event_id = await outbox.add(conn, subject, created(name), resource=name)
        if publish:
            await relay.publish_all()
        return event_id

    before = await commit("before the backup", publish=True)
    stream = stream_name(service)
    taken = datetime.now(UTC)
    snapshot = await snapshot_stream(js._nc, stream, tmp_path / "stream")
    between = await commit("published between the snapshot and the backup", publish=True)
    unsent = await commit("committed, not yet published at the backup", publish=False)
    saved = backup_database(database_url, tmp_path / "db")
    after = await commit("after the backup", publish=True)

    await restore_stream(js._nc, stream, tmp_path / "stream", snapshot)
    restore_database(database_url, tmp_path / saved["file"], saved["kind"])
    assert await replay_outbox(database_url, since=taken) == 1  # published after the snapshot
    await relay.publish_all()

    ids = Counter(m.headers["Nats-Msg-Id"] for m in await stream_messages(js, stream))
    assert set(ids) == {before, between, unsent}  # nothing lost; nothing after the backup
    assert after not in ids
    assert max(ids.values()) == 1, ids  # and nothing twice


def test_a_backup_of_one_kind_is_not_restored_into_the_other(tmp_path):
    with pytest.raises(BackupError, match="sqlite backup"):
        restore_database("postgresql+asyncpg://u@127.0.0.1/x", tmp_path / "x.sqlite", "sqlite")
