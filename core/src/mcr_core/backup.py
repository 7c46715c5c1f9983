"""Backup and restore of a region: every JetStream stream (the server's snapshot, with its
durable consumers' positions) and each service's database (SQLite's online backup API, or
PostgreSQL's `pg_dump`/`pg_restore`), driven by `mcr region backup|restore`.

The order is what makes a restored region consistent without stopping it for the backup:

1. the streams' snapshots first (the moment T): every event they hold was committed before T,
   so no stream holds an event whose change a database backup lacks;
2. then each database, online: it holds every change committed before its own backup, and
   the events of those changes are in the stream snapshot, or still in its outbox, or (sent
   after T) among the published rows the relay keeps (`outbox_published`,
   `MCR_OUTBOX_RETENTION_SECONDS`, longer than a backup takes);
3. a restore puts back the streams and the databases, then returns each database's kept
   rows published since T to its outbox (`replay_published`): the relays publish them again
   when the services start. Every consumer records the event ids it handled in the same
   transaction as the effect, so each event has exactly one effect: the restore point is the
   end of the backup, and nothing committed before it is lost. (Rows published up to
   `CLOCK_SKEW` before T are sent again too, in case the pods' clocks are behind the
   backup's; the stream then holds those events twice, each handled once.)

A consumer's database backed up after T has the effects of events its durable consumer had
not acknowledged at T: they are delivered again and skipped as already handled.

The databases are backed up consumers first (`BACKUP_ORDER`): a consumer backed up after the
service it consumes from could hold the effect of a change that service's backup lacks (a
customer tiered in insight but missing from the archive). Services that consume each other
(planning and contact) have no such order: a change crossing between them during the backup
may leave an effect without its cause; back up a quiet region, or accept that.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from nats.aio.client import Client

MANIFEST = "manifest.json"
CLOCK_SKEW = timedelta(seconds=5)
CHUNK_BYTES = 128 * 1024
API = "$JS.API.STREAM"


class BackupError(RuntimeError):
    """A backup or restore step failed; the message says which and why (no secret)."""


@dataclass
class Manifest:
    """What a backup folder holds, written last: a folder without it is no backup."""

    started_at: float
    streams: dict[str, dict] = field(default_factory=dict)  # name: the snapshot's file, meta
    databases: dict[str, dict] = field(default_factory=dict)  # service: kind, file
    finished_at: float | None = None

    @property
    def snapshot_time(self) -> datetime:
        """When the streams' snapshots began (T)."""
        return datetime.fromtimestamp(self.started_at, UTC)

    def save(self, directory: Path) -> None:
        (directory / MANIFEST).write_text(json.dumps(asdict(self), indent=2))

    @classmethod
    def load(cls, directory: Path) -> Manifest:
        path = directory / MANIFEST
        if not path.exists():
            raise BackupError(f"{directory} holds no finished backup ({MANIFEST} is missing)")
        return cls(**json.loads(path.read_text()))


# Consumers before the services whose events they consume; the archive, whose events every
# other service consumes, last. A service not named here goes first.
BACKUP_ORDER = ("satisfaction", "contact", "planning", "insight", "archive")


def _consumers_first(service: str) -> int:
    return BACKUP_ORDER.index(service) if service in BACKUP_ORDER else -1


async def backup_region(
    nc: Client, databases: dict[str, str], directory: Path, *, progress=print
) -> Manifest:
    """Snapshot every stream, then back up each service's database, into `directory`."""
    _new_folder(directory)
    manifest = Manifest(started_at=time.time())
    for name in await stream_names(nc):
        manifest.streams[name] = await snapshot_stream(nc, name, directory / f"{name}.stream")
        progress(f"stream {name}: {manifest.streams[name]['state']['messages']} messages")
    for service in sorted(databases, key=_consumers_first):
        url = databases[service]
        at = time.time()  # what was acknowledged before this moment is in the backup
        saved = await asyncio.to_thread(backup_database, url, directory / service)
        manifest.databases[service] = saved | {"at": at}
        progress(f"database {service}: {manifest.databases[service]['kind']}")
    manifest.finished_at = time.time()
    manifest.save(directory)
    return manifest


async def restore_region(
    nc: Client, databases: dict[str, str], directory: Path, *, progress=print
) -> dict[str, int]:
    """Put back every stream and database of the backup in `directory` (the services must be
    stopped); returns how many published events each database gives its relay to send again."""
    manifest = Manifest.load(directory)
    missing = set(manifest.databases) - set(databases)
    if missing:
        raise BackupError(f"no database given for {', '.join(sorted(missing))}")
    for name, stream in manifest.streams.items():
        await restore_stream(nc, name, directory / stream["file"], stream)
        progress(f"stream {name}: restored")
    replayed = {}
    for service, saved in manifest.databases.items():
        url = databases[service]
        await asyncio.to_thread(restore_database, url, directory / saved["file"], saved["kind"])
        replayed[service] = await replay_outbox(url, since=manifest.snapshot_time - CLOCK_SKEW)
        progress(f"database {service}: restored, {replayed[service]} events to publish again")
    return replayed


def _new_folder(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.iterdir()):
        raise BackupError(f"{directory} is not empty: back up into a new folder")


# ---- JetStream -------------------------------------------------------------------------------


async def _api(nc: Client, subject: str, request: dict, timeout: float = 10.0) -> dict:
    answer = json.loads((await nc.request(subject, json.dumps(request).encode(), timeout)).data)
    if "error" in answer:
        raise BackupError(f"{subject}: {answer['error'].get('description', answer['error'])}")
    return answer


async def stream_names(nc: Client) -> list[str]:
    names: list[str] = []
    while True:
        page = await _api(nc, "$JS.API.STREAM.NAMES", {"offset": len(names)})
        names += page.get("streams") or []
        if len(names) >= page.get("total", 0) or not page.get("streams"):
            return sorted(names)


async def snapshot_stream(nc: Client, name: str, path: Path, timeout: float = 300.0) -> dict:
    """The server's snapshot of stream `name` (messages and consumers) into `path`; returns
    its configuration and state, which the restore hands back to the server."""
    inbox = nc.new_inbox()
    finished = asyncio.get_running_loop().create_future()
    with path.open("wb") as out:

        async def chunk(message) -> None:
            if not message.data:  # an empty message ends the snapshot
                if not finished.done():
                    finished.set_result(None)
                return
            out.write(message.data)
            if message.reply:  # flow control: the server waits for this before going on
                await nc.publish(message.reply, b"")

        subscription = await nc.subscribe(inbox, cb=chunk)
        try:
            meta = await _api(
                nc, f"{API}.SNAPSHOT.{name}", {"deliver_subject": inbox, "chunk_size": CHUNK_BYTES}
            )
            await asyncio.wait_for(finished, timeout)
        finally:
            await subscription.unsubscribe()
    return {"file": path.name, "config": meta["config"], "state": meta["state"]}


async def restore_stream(nc: Client, name: str, path: Path, meta: dict) -> None:
    """Replace stream `name` by its snapshot in `path`."""
    with contextlib.suppress(BackupError):  # not there: nothing to replace
        await _api(nc, f"{API}.DELETE.{name}", {})
    started = await _api(
        nc, f"{API}.RESTORE.{name}", {"config": meta["config"], "state": meta["state"]}
    )
    target = started["deliver_subject"]
    with path.open("rb") as source:
        while data := source.read(CHUNK_BYTES):
            await nc.request(target, data, timeout=30)
    done = json.loads((await nc.request(target, b"", timeout=300)).data)
    if "error" in done:
        raise BackupError(f"stream {name} not restored: {done['error'].get('description')}")


# ---- databases -------------------------------------------------------------------------------


def backup_database(url: str, base: Path) -> dict:
    """Back up the database at `url` to `base` + a suffix; returns its kind and file."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        target = base.with_suffix(".sqlite")
        _sqlite_copy(_sqlite_path(parsed), target)  # online: consistent while it writes
        return {"kind": "sqlite", "file": target.name}
    target = base.with_suffix(".pgdump")
    _postgres("pg_dump", parsed, "--format=custom", f"--file={target}")
    return {"kind": "postgresql", "file": target.name}


def restore_database(url: str, source: Path, kind: str) -> None:
    parsed = sa.make_url(url)
    backend = "sqlite" if parsed.get_backend_name() == "sqlite" else "postgresql"
    if backend != kind:
        raise BackupError(f"{source.name} is a {kind} backup; the database given is {backend}")
    if kind == "sqlite":
        path = Path(_sqlite_path(parsed))
        path.parent.mkdir(parents=True, exist_ok=True)
        _sqlite_copy(source, path)  # over the file and its write-ahead log alike
        return
    _postgres(
        "pg_restore", parsed, "--clean", "--if-exists", "--single-transaction",
        "--exit-on-error", str(source),
    )  # fmt: skip


def _sqlite_copy(source: str | Path, target: str | Path) -> None:
    """SQLite's backup API, page by page from one database into another."""
    reading, writing = sqlite3.connect(source), sqlite3.connect(target)
    try:
        reading.backup(writing)
    finally:
        reading.close()
        writing.close()


def _sqlite_path(url: sa.URL) -> str:
    if not url.database or url.database == ":memory:":
        raise BackupError("an SQLite database to back up is a file")
    return url.database


def _postgres(program: str, url: sa.URL, *arguments: str) -> None:
    """Run `pg_dump` or `pg_restore` on the database of `url`; the password goes through the
    environment, never the command line."""
    if shutil.which(program) is None:
        raise BackupError(f"{program} is not installed (PostgreSQL's client programs)")
    conninfo = url.set(drivername="postgresql", password=None).render_as_string()
    env = os.environ | ({"PGPASSWORD": url.password} if url.password else {})
    done = subprocess.run(
        [program, f"--dbname={conninfo}", *arguments],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise BackupError(f"{program} failed for database {url.database}: {done.stderr.strip()}")


async def replay_outbox(url: str, since: datetime | None = None) -> int:
    """Return the restored database's events published `since` to its outbox."""
    from mcr_core.bus.outbox import replay_published
    from mcr_core.storage import Database

    db = Database(url, pool_size=1)
    try:
        async with db.transaction() as conn:
            kept = await conn.run_sync(lambda c: sa.inspect(c).has_table("outbox_published"))
            # A backup of a release before kernel_0002 kept nothing.
            return await replay_published(conn, since) if kept else 0
    finally:
        await db.close()
