"""Two releases at once on one database (deploy/README.md, rolling upgrade): while a rollout
replaces the previous release's pods, they keep reading and writing the schema the new
release's migrations changed. So every migration since the previous release
(`previous_release.json`) is additive for what that release reads and writes: no table or
column dropped or renamed, no type narrowed, no column made NOT NULL, and a NOT NULL column
added to an existing table has a server default (the previous release's inserts leave it out).

Checked on the real schema, both databases: each service's database migrated to the previous
release's heads and inspected, then to the current heads and inspected again.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from mcr_core.service import load_spec
from mcr_core.storage import Database

PREVIOUS = json.loads((Path(__file__).parent / "previous_release.json").read_text())
SERVICES = ("archive", "insight", "planning", "contact", "satisfaction")

# table -> column -> (type, nullable, has a server default)
Schema = dict[str, dict[str, tuple[str, bool, bool]]]


async def schema(db: Database) -> Schema:
    def inspect(conn: sa.Connection) -> Schema:
        inspector = sa.inspect(conn)
        return {
            table: {
                column["name"]: (
                    str(column["type"].compile(conn.dialect)),
                    bool(column["nullable"]),
                    column.get("default") is not None,
                )
                for column in inspector.get_columns(table)
            }
            for table in inspector.get_table_names()
            if table != "alembic_version"
        }

    async with db.read() as conn:
        return await conn.run_sync(inspect)


def breaking_changes(before: Schema, after: Schema) -> list[str]:
    """What the previous release, written for `before`, would trip over in `after`."""
    problems = []
    for table, columns in before.items():
        if table not in after:
            problems.append(f"table {table} dropped or renamed")
            continue
        for name, (kind, nullable, _) in columns.items():
            if name not in after[table]:
                problems.append(f"{table}.{name} dropped or renamed")
                continue
            new_kind, new_nullable, _ = after[table][name]
            if not _widened(kind, new_kind):
                problems.append(f"{table}.{name} changed type {kind} -> {new_kind}")
            if nullable and not new_nullable:
                problems.append(f"{table}.{name} became NOT NULL")
        for name, (_, nullable, has_default) in after[table].items():
            if name not in columns and not nullable and not has_default:
                problems.append(
                    f"{table}.{name} added NOT NULL without a server default: the previous "
                    "release's inserts fail"
                )
    return problems


def _widened(kind: str, new_kind: str) -> bool:
    """The same type, or a longer VARCHAR."""
    if kind == new_kind:
        return True
    old_base, _, old_size = kind.partition("(")
    new_base, _, new_size = new_kind.partition("(")
    return (
        old_base == new_base == "VARCHAR"
        and bool(old_size)
        and (not new_size or int(new_size.rstrip(")")) >= int(old_size.rstrip(")")))
    )


@pytest.mark.parametrize("service", SERVICES)
async def test_every_migration_since_the_previous_release_is_additive(service, database_url):
    spec = load_spec(service)
    heads = PREVIOUS["heads"]
    db = Database(database_url)
    try:
        await db.migrate(spec.migrations, targets=(heads["kernel"], heads[service]))
        before = await schema(db)
        await db.migrate(spec.migrations)
        after = await schema(db)
    finally:
        await db.close()
    assert before, "the previous release's schema is empty: are its heads right?"
    assert breaking_changes(before, after) == []


def test_the_check_names_what_would_break_the_previous_release():
    before: Schema = {
        "customers": {
            "id": ("VARCHAR(64)", False, False),
            "name": ("VARCHAR(200)", False, False),
            "note": ("TEXT", True, False),
            "code": ("VARCHAR(10)", False, False),
        },
        "gone": {"id": ("VARCHAR(64)", False, False)},
    }
    after: Schema = {
        "customers": {
            "id": ("VARCHAR(64)", False, False),
            "display_name": ("VARCHAR(200)", False, False),  # a rename
            "note": ("TEXT", False, False),
            "code": ("VARCHAR(5)", False, False),
            "region": ("VARCHAR(63)", False, False),
            "tier": ("VARCHAR(32)", False, True),
        },
    }
    assert breaking_changes(before, after) == [
        "customers.name dropped or renamed",
        "customers.note became NOT NULL",
        "customers.code changed type VARCHAR(10) -> VARCHAR(5)",
        "customers.display_name added NOT NULL without a server default: the previous "
        "release's inserts fail",
        "customers.region added NOT NULL without a server default: the previous "
        "release's inserts fail",
        "table gone dropped or renamed",
    ]
