"""`mcr import` and `mcr export`: CSV or XLSX files to and from the archive's streaming RPCs.

An import streams the file in batches (each one transaction in the archive) and reports the
rows the archive refused; an export writes what the caller may see.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from itertools import islice
from pathlib import Path

import grpc
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc
from mcr_core.tables import format_of, read_rows, write_rows

KINDS = {
    "customers": pb.RECORD_KIND_CUSTOMERS,
    "persons": pb.RECORD_KIND_PERSONS,
    "departments": pb.RECORD_KIND_DEPARTMENTS,
}


def count_rows(path: Path) -> int:
    return sum(1 for _ in read_rows(path, format_of(path)))


def _batches(
    path: Path, kind: str, dry_run: bool, size: int, advance: Callable[[int], None]
) -> Iterator[pb.ImportRecordsRequest]:
    rows = read_rows(path, format_of(path))
    while chunk := list(islice(rows, size)):
        yield pb.ImportRecordsRequest(
            kind=KINDS[kind],
            dry_run=dry_run,
            rows=[pb.ImportRow(row=number, values=values) for number, values in chunk],
        )
        advance(len(chunk))


async def import_file(
    target: str,
    token: str,
    kind: str,
    path: Path,
    dry_run: bool,
    batch_size: int,
    advance: Callable[[int], None] = lambda _: None,
) -> pb.ImportRecordsResponse:
    metadata = (("authorization", f"Bearer {token}"),)
    async with grpc.aio.insecure_channel(target) as channel:
        stub = archive_service_pb2_grpc.ArchiveServiceStub(channel)
        requests = _batches(path, kind, dry_run, batch_size, advance)
        return await stub.ImportRecords(requests, metadata=metadata)


async def export_file(
    target: str,
    token: str,
    kind: str,
    path: Path,
    customer: str = "",
    advance: Callable[[int], None] = lambda _: None,
) -> int:
    metadata = (("authorization", f"Bearer {token}"),)
    fmt = format_of(path)
    async with grpc.aio.insecure_channel(target) as channel:
        stub = archive_service_pb2_grpc.ArchiveServiceStub(channel)
        call = stub.ExportRecords(
            pb.ExportRecordsRequest(kind=KINDS[kind], customer=customer), metadata=metadata
        )
        columns: list[str] = []
        rows: list[dict] = []
        async for chunk in _chunks(call):
            columns += chunk.columns
            rows += [dict(row.values) for row in chunk.rows]
            advance(len(chunk.rows))
    return write_rows(path, fmt, columns, rows)


async def _chunks(call) -> AsyncIterator[pb.ExportRecordsResponse]:
    async for chunk in call:
        yield chunk


def write_errors(path: Path, report: pb.ImportRecordsResponse) -> None:
    """The error report as a table of its own (row, column, reason)."""
    rows = [{"row": str(e.row), "column": e.column, "reason": e.reason} for e in report.errors]
    write_rows(path, format_of(path), ["row", "column", "reason"], rows)
