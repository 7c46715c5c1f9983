"""Many rows at once in the caller's transaction: PostgreSQL's COPY, executemany elsewhere.

Imports write tens of thousands of rows (records, their field history, their events); one
INSERT per row, or SQLAlchemy building parameters for each, costs more than the database does.
COPY through the asyncpg connection under the SQLAlchemy one keeps the rows in the same
transaction: they commit or roll back with everything else the caller wrote.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection


async def bulk_insert(conn: AsyncConnection, table: sa.Table, rows: list[dict]) -> None:
    """Insert `rows` (all with the same keys; omitted columns take their defaults)."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        await conn.execute(table.insert(), rows)
        return
    columns = list(rows[0])
    values = operator.itemgetter(*columns) if len(columns) > 1 else lambda row: (row[columns[0]],)
    converters = [
        (index, convert)
        for index, name in enumerate(columns)
        if (convert := _converter(table.c[name].type, conn.dialect)) is not None
    ]
    records = [_converted(values(row), converters) for row in rows]
    await conn.execute(sa.text("SELECT 1"))  # the transaction has begun on the driver too
    raw = await conn.get_raw_connection()
    await raw.driver_connection.copy_records_to_table(
        table.name, records=records, columns=columns, schema_name=table.schema
    )


def _converted(record: tuple, converters: list[tuple[int, Callable]]) -> tuple:
    if not converters:
        return record
    cells = list(record)
    for index, convert in converters:
        cells[index] = convert(cells[index])
    return tuple(cells)


def _converter(column_type: sa.types.TypeEngine, dialect: sa.Dialect) -> Callable | None:
    """What SQLAlchemy would do to a value before the driver sees it, for COPY (None: the
    driver takes the value as it is)."""
    if isinstance(column_type, sa.TypeDecorator):
        return lambda value: column_type.process_bind_param(value, dialect)
    if isinstance(column_type, sa.JSON):
        return lambda value: None if value is None else json.dumps(value)
    return None
