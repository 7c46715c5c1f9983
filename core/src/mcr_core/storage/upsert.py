"""Insert a row or update it where its key exists, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection


def upsert(conn: AsyncConnection, table: sa.Table, values: dict, keys: Sequence[str]):
    """The statement that writes `values`, replacing the non-key columns of a row with the same
    `keys`; a row of keys only is inserted once and left alone after that."""
    dialect = sqlite if conn.dialect.name == "sqlite" else postgresql
    insert = dialect.insert(table).values(values)
    update = {k: v for k, v in values.items() if k not in keys}
    if not update:
        return insert.on_conflict_do_nothing(index_elements=list(keys))
    return insert.on_conflict_do_update(index_elements=list(keys), set_=update)
