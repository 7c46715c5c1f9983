"""The database handle a service holds: engine, transactions, migrations, readiness."""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

_MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
_READ_ONLY = "mcr_read_only"


class Database:
    """One service's database. Writes go through `transaction()`, reads through `read()`."""

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        options: dict = {"pool_pre_ping": True}
        if self.is_sqlite:
            if ":memory:" in url:
                raise ValueError("use a SQLite file: an in-memory database is per connection")
            Path(sa.make_url(url).database or "").parent.mkdir(parents=True, exist_ok=True)
            options["connect_args"] = {"timeout": 30}
        else:
            options.update(pool_size=pool_size, max_overflow=pool_size)
        self.engine = create_async_engine(url, **options)
        if self.is_sqlite:
            _use_immediate_transactions(self.engine.sync_engine)
        self._writes = async_sessionmaker(self.engine, expire_on_commit=False)
        self._reads = async_sessionmaker(
            self.engine.execution_options(**{_READ_ONLY: True}), expire_on_commit=False
        )

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A write transaction: committed when the block ends, rolled back if it raises."""
        async with self._writes() as session, session.begin():
            yield session

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        """A read-only transaction (on SQLite it takes no write lock)."""
        async with self._reads() as session, session.begin():
            yield session

    async def ping(self) -> None:
        async with self.engine.connect() as conn:
            await conn.execute(sa.text("SELECT 1"))

    async def migrate(self, service_versions: Path | None = None) -> None:
        """Apply the kernel's and the service's migrations up to their heads."""
        locations = [str(_MIGRATIONS / "versions")]
        if service_versions is not None:
            locations.append(str(service_versions))
        config = Config()
        config.set_main_option("script_location", str(_MIGRATIONS))
        config.set_main_option("version_locations", " ".join(locations))
        config.set_main_option("path_separator", "space")
        async with self.engine.begin() as conn:
            if not self.is_sqlite:
                # Replicas starting together must not migrate at the same time.
                lock = zlib.crc32(b"mcr-migrations")
                await conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock})
            await conn.run_sync(_upgrade, config)

    async def close(self) -> None:
        await self.engine.dispose()


def _upgrade(connection: sa.Connection, config: Config) -> None:
    config.attributes["connection"] = connection
    command.upgrade(config, "heads")


def _use_immediate_transactions(engine: sa.Engine) -> None:
    """Make SQLite take the write lock when a write transaction begins.

    With the driver's default deferred BEGIN, two transactions that both read and then write
    deadlock and one fails at once with "database is locked"; BEGIN IMMEDIATE makes the second
    writer wait (busy timeout) instead. Read transactions keep the deferred BEGIN.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy, not the driver, emits BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        read_only = conn.get_execution_options().get(_READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
