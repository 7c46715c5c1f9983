"""Column types and the kernel's own table metadata (outbox, processed events, timers)."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

# The kernel's tables live in every service's database; their migrations are the `kernel`
# branch in mcr_core/migrations/versions, applied together with the service's own branch.
kernel_metadata = sa.MetaData()

# An autoincrementing 64-bit key; SQLite only autoincrements an INTEGER PRIMARY KEY.
BigSerial = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


class UtcDateTime(sa.TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on both databases (SQLite would return naive values)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a UTC timestamp is required")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
