"""SQLite for the async engine without a thread per connection (URL `sqlite:///path`).

aiosqlite runs every cursor call on a worker thread; each hand-over costs about as much as a
whole local SQLite statement, and a statement makes several. This dialect declares the standard
library driver asynchronous, so SQLAlchemy's async engine runs it inline on the event loop.

That is safe under two rules the kernel keeps: in WAL mode readers never wait, and `Database`
lets one write transaction at a time run per database file in a process, so BEGIN IMMEDIATE
never waits for a writer of its own process. One process per SQLite file is the embedded
default's rule (a second writing process would make BEGIN wait, up to the busy timeout, on the
event loop).
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import pool
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.util.concurrency import await_

DRIVER = "mcr_inline"


async def _done() -> None:
    return None


def _checkpoint() -> None:
    # The async engine insists that executing a statement awaits something; awaiting a
    # finished coroutine satisfies it without handing control to the event loop.
    await_(_done())


class _Cursor(sqlite3.Cursor):
    async def _async_soft_close(self) -> None:
        """What SQLAlchemy's async results call on an async driver's cursor: nothing to do."""


class _Connection(sqlite3.Connection):
    def cursor(self, factory=_Cursor):
        return super().cursor(factory)


class SQLiteInlineDialect(SQLiteDialect_pysqlite):
    driver = DRIVER
    is_async = True
    supports_statement_cache = True

    @classmethod
    def get_pool_class(cls, url):
        return pool.AsyncAdaptedQueuePool

    def set_isolation_level(self, dbapi_connection, level) -> None:
        # The driver never begins a transaction on its own: the kernel's BEGIN IMMEDIATE (or
        # none, for autocommit reads) is the only one, whatever level a connection is reset to.
        dbapi_connection.isolation_level = None

    def detect_autocommit_setting(self, dbapi_conn) -> bool:
        return False

    def do_execute(self, cursor, statement, parameters, context=None) -> None:
        _checkpoint()
        super().do_execute(cursor, statement, parameters, context)

    def do_execute_no_params(self, cursor, statement, context=None) -> None:
        _checkpoint()
        super().do_execute_no_params(cursor, statement, context)

    def do_executemany(self, cursor, statement, parameters, context=None) -> None:
        _checkpoint()
        super().do_executemany(cursor, statement, parameters, context)

    def create_connect_args(self, url):
        args, kwargs = super().create_connect_args(url)
        kwargs["check_same_thread"] = False  # the pool may close connections from another thread
        kwargs["factory"] = _Connection
        return args, kwargs


registry.register(f"sqlite.{DRIVER}", __name__, "SQLiteInlineDialect")
