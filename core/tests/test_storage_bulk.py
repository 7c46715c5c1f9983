"""bulk_insert: COPY on PostgreSQL, executemany on SQLite, in the caller's transaction."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from mcr_core.storage import UtcDateTime, bulk_insert
from mcr_core.storage.types import BigSerial

rows_table = sa.Table(
    "bulk_rows",
    sa.MetaData(),
    sa.Column("seq", BigSerial, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(20), nullable=False),
    sa.Column("at", UtcDateTime(), nullable=False),
    sa.Column("facts", sa.JSON(), nullable=True),
    sa.Column("flag", sa.Boolean(), nullable=False),
)


async def test_rows_commit_or_roll_back_with_the_transaction(db):
    async with db.transaction() as conn:
        await conn.run_sync(rows_table.metadata.create_all)
    at = datetime(2026, 3, 1, 8, 30, tzinfo=UTC)
    batch = [
        {"name": f"n{i}", "at": at, "facts": {"i": i, "tags": ["张"]}, "flag": i % 2 == 0}
        for i in range(3)
    ]
    with pytest.raises(RuntimeError):
        async with db.transaction() as conn:
            await conn.execute(rows_table.insert().values(name="first", at=at, flag=True))
            await bulk_insert(conn, rows_table, batch)
            raise RuntimeError("rolled back")
    async with db.transaction() as conn:
        await bulk_insert(conn, rows_table, batch)
        await bulk_insert(conn, rows_table, [])
    async with db.read() as conn:
        found = (await conn.execute(sa.select(rows_table).order_by(rows_table.c.seq))).all()
    assert [(r.name, r.at, r.facts, r.flag) for r in found] == [
        (f"n{i}", at, {"i": i, "tags": ["张"]}, i % 2 == 0) for i in range(3)
    ]
    assert len({r.seq for r in found}) == 3
