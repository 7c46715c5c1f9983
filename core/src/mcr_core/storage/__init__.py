"""Storage: SQLAlchemy (async) on SQLite and PostgreSQL, and per-service Alembic migrations."""

from mcr_core.storage.bulk import bulk_insert
from mcr_core.storage.database import Database, SchemaNotMigrated, after_commit
from mcr_core.storage.types import UtcDateTime, kernel_metadata
from mcr_core.storage.upsert import upsert

__all__ = [
    "Database",
    "SchemaNotMigrated",
    "UtcDateTime",
    "after_commit",
    "bulk_insert",
    "kernel_metadata",
    "upsert",
]
