"""The database handle a service holds: engine, transactions, migrations, readiness.

Code reads with `db.read()` (each statement sees the latest committed data; no transaction
round trips) and writes with `db.transaction()` (one transaction, committed when the block ends).
Both yield a SQLAlchemy Core connection. Do no network I/O inside a write transaction: on
SQLite the process's writers take turns (see `sqlite_inline`).
"""

from __future__ import annotations

import asyncio
import logging
import weakref
import zlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, nullcontext
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import event
from sqlalchemy.ext import asyncio as sa_asyncio
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_core.storage import sqlite_inline

log = logging.getLogger(__name__)
_MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
_AFTER_COMMIT = "mcr_after_commit"
# One write lock per SQLite file and event loop, shared by every Database on that file.
_WRITE_LOCKS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _engine_url(url: str) -> sa.URL:
    """`sqlite:///path` takes the inline driver; any other URL is used as given."""
    parsed = sa.make_url(url)
    if parsed.drivername == "sqlite":
        parsed = parsed.set(drivername=f"sqlite+{sqlite_inline.DRIVER}")
    return parsed


def after_commit(conn: AsyncConnection, callback: Callable[[], None]) -> None:
    """Run `callback` once the transaction of `conn` has committed (never if it rolls back)."""
    conn.info.setdefault(_AFTER_COMMIT, []).append(callback)


class Database:
    """One service's database."""

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = url
        engine_url = _engine_url(url)
        self.is_sqlite = engine_url.get_backend_name() == "sqlite"
        # A fixed pool: connections beyond it would be opened and closed on every checkout under
        # load. No ping on checkout either (a round trip per transaction); a connection lost
        # with the server is invalidated on first use and the call answers UNAVAILABLE.
        options: dict = {"pool_size": pool_size, "max_overflow": 0, "pool_recycle": 3600}
        if self.is_sqlite:
            if not engine_url.database or engine_url.database == ":memory:":
                raise ValueError("use a SQLite file: an in-memory database is per connection")
            self.sqlite_path = Path(engine_url.database).resolve()
            self.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
            options["connect_args"] = {"timeout": 30}
        # Looked up at call time: telemetry's instrumentation wraps the module attribute.
        self.engine = sa_asyncio.create_async_engine(engine_url, **options)
        if self.is_sqlite:
            _configure_sqlite(self.engine.sync_engine)
        self._reads = self.engine.execution_options(isolation_level="AUTOCOMMIT")

    def _write_turn(self):
        """On SQLite, wait for this file's other writers of the process to finish."""
        if not self.is_sqlite:
            return nullcontext()
        locks = _WRITE_LOCKS.setdefault(asyncio.get_running_loop(), {})
        return locks.setdefault(self.sqlite_path, asyncio.Lock())

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncConnection]:
        """A write transaction: committed when the block ends, rolled back if it raises."""
        async with self._write_turn(), self.engine.connect() as conn:
            try:
                async with conn.begin():
                    yield conn
            finally:
                # A cancelled statement invalidates the connection, and its info goes with it;
                # reading that info would reconnect, outside the event loop's reach.
                callbacks = () if conn.invalidated else conn.info.pop(_AFTER_COMMIT, ())
        for callback in callbacks:  # reached only after a commit
            callback()

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncConnection]:
        """Reads without a transaction: each statement sees the latest committed data."""
        async with self._reads.connect() as conn:
            yield conn

    async def ping(self) -> None:
        async with self.read() as conn:
            await conn.execute(sa.text("SELECT 1"))

    async def migrate(
        self, service_versions: Path | None = None, targets: tuple[str, ...] = ("heads",)
    ) -> None:
        """Apply the kernel's and the service's migrations up to their heads (or up to the
        revisions `targets`: an earlier release's schema, for the two-version checks)."""
        config = _alembic_config(service_versions)
        async with self.transaction() as conn:
            if not self.is_sqlite:
                # Replicas starting together must not migrate at the same time.
                lock = zlib.crc32(b"mcr-migrations")
                await conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock})
            for target in targets:
                await conn.run_sync(_upgrade, config, target)

    async def verify_migrated(self, service_versions: Path | None = None) -> None:
        """Raise `SchemaNotMigrated` unless the kernel's and the service's migrations were all
        applied: a process whose role may not change the schema must not serve an old one.

        A schema newer than the code (revisions it does not know: the next release migrated
        while this one still runs, or a rollout was undone) is served, with a warning: each
        release's migrations are additive for the release before (tests/test_two_versions.py),
        so a pod of the previous release that restarts during a rollout still starts."""
        script = ScriptDirectory.from_config(_alembic_config(service_versions))
        wanted = set(script.get_heads())
        async with self.read() as conn:
            applied = set(await conn.run_sync(_applied_heads))
        if applied == wanted:
            return
        newer = {revision for revision in applied if not _known(script, revision)}
        behind = {
            head for head in wanted - applied if not newer or _ancestors(script, head) & applied
        }
        if behind:
            raise SchemaNotMigrated(applied, wanted)
        log.warning(
            "the database schema is newer than this release; serving it",
            extra={"unknown_revisions": sorted(newer)},
        )

    async def close(self) -> None:
        await self.engine.dispose()


class SchemaNotMigrated(RuntimeError):
    """The database's schema is not the one this code needs."""

    def __init__(self, applied: set[str], wanted: set[str]) -> None:
        now = ", ".join(sorted(applied)) or "no migration at all"
        missing = ", ".join(sorted(wanted - applied))
        super().__init__(
            f"the database schema is not migrated (applied: {now}; missing: {missing}); run "
            "the migrations first (MCR_MIGRATIONS=only, the migration job or init container, "
            "with the migration role), or let this process apply them (MCR_MIGRATIONS=apply)"
        )
        self.applied, self.wanted = applied, wanted


def _alembic_config(service_versions: Path | None) -> Config:
    locations = [str(_MIGRATIONS / "versions")]
    if service_versions is not None:
        locations.append(str(service_versions))
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    config.set_main_option("version_locations", " ".join(locations))
    config.set_main_option("path_separator", "space")
    return config


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def _ancestors(script: ScriptDirectory, head: str) -> set[str]:
    """The revisions before `head` on its branch (what an older schema has applied)."""
    return {revision.revision for revision in script.iterate_revisions(head, "base")} - {head}


def _applied_heads(connection: sa.Connection) -> tuple[str, ...]:
    return MigrationContext.configure(connection).get_current_heads()


def _upgrade(connection: sa.Connection, config: Config, target: str) -> None:
    config.attributes["connection"] = connection
    command.upgrade(config, target)


def _configure_sqlite(engine: sa.Engine) -> None:
    """WAL (readers never wait), and write transactions that take the write lock at BEGIN.

    With the driver's default deferred BEGIN, two transactions that both read and then write
    deadlock and one fails at once with "database is locked"; BEGIN IMMEDIATE makes the second
    writer wait instead. Reads run in autocommit and take no lock.
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
        if conn.get_execution_options().get("isolation_level") != "AUTOCOMMIT":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
