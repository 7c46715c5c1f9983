"""`mcr import` and `mcr export`: CSV or XLSX files to and from the archive's streaming RPCs.

An import streams the file in batches (each one transaction in the archive), with a progress
bar, and reports the rows the archive refused by row and column; an export writes what the
caller may see, in the columns an import takes.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from itertools import islice
from pathlib import Path

import grpc
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc
from mcr_core.tables import TableError, format_of, read_rows, write_rows
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from mcr_cli.options import fail
from mcr_cli.output import err, table

KINDS = {
    "customers": pb.RECORD_KIND_CUSTOMERS,
    "persons": pb.RECORD_KIND_PERSONS,
    "departments": pb.RECORD_KIND_DEPARTMENTS,
    "employees": pb.RECORD_KIND_EMPLOYEES,
}
SHOWN_ERRORS = 50


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


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=err,
    )  # fmt: skip


def run_import(target: str, token: str, kind: str, file: Path, dry_run: bool, batch_size: int,
               errors: Path | None) -> int:  # fmt: skip
    """`mcr import`: the exit code is 0 when every row was taken, 3 when some were refused."""
    try:
        total = count_rows(file)
    except (TableError, OSError) as exc:
        fail(f"cannot read {file}: {exc}", 2)
    with _progress() as progress:
        task = progress.add_task(f"{'checking' if dry_run else 'importing'} {kind}", total=total)
        try:
            report = asyncio.run(
                import_file(target, token, kind, file, dry_run, batch_size,
                            lambda n: progress.advance(task, n))
            )  # fmt: skip
        except grpc.aio.AioRpcError as exc:
            fail(f"the archive refused the import: {exc.details()}")
    verb = "would be" if report.dry_run else "were"
    err.print(
        f"{report.created} {verb} created, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.rejected} refused"
    )
    if report.errors:
        refused = table("row", "column", "reason", title="refused rows")
        for error in report.errors[:SHOWN_ERRORS]:
            refused.add_row(str(error.row), error.column, error.reason)
        err.print(refused)
        if len(report.errors) > SHOWN_ERRORS:
            err.print(f"... and {len(report.errors) - SHOWN_ERRORS} more (use --errors FILE)")
        if errors:
            write_errors(errors, report)
            err.print(f"error report written to {errors}")
    return 3 if report.rejected else 0


def run_export(target: str, token: str, kind: str, file: Path, customer: str) -> None:
    """`mcr export`; `customer` may be an id, a resource name or a display name."""
    try:
        format_of(file)
    except TableError as exc:
        fail(str(exc), 2)
    name = resolve_customer(target, token, customer).name if customer else ""
    with _progress() as progress:
        task = progress.add_task(f"exporting {kind}", total=None)
        try:
            count = asyncio.run(
                export_file(target, token, kind, file, name, lambda n: progress.advance(task, n))
            )
        except grpc.aio.AioRpcError as exc:
            fail(f"the archive refused the export: {exc.details()}")
    err.print(f"{count} {kind} written to {file}")


def resolve_customer(target: str, token: str, text: str):
    """The customer `text` names, looked up in the archive as the caller, or a clear exit."""
    from mcr_cli.customers import Customer, CustomerNotFound, resolve

    metadata = (("authorization", f"Bearer {token}"),)
    with grpc.insecure_channel(target) as channel:
        stub = archive_service_pb2_grpc.ArchiveServiceStub(channel)

        def get(customer_id: str) -> Customer | None:
            try:
                found = stub.GetCustomer(pb.GetCustomerRequest(name=f"customers/{customer_id}"),
                                         metadata=metadata, timeout=10)  # fmt: skip
            except grpc.RpcError as exc:
                if exc.code() in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.INVALID_ARGUMENT):
                    return None
                fail(f"the archive refused the lookup: {exc.details()}")
            return Customer(found.name.removeprefix("customers/"), found.display_name)

        def search(name: str) -> list[Customer]:
            try:
                found = stub.SearchCustomers(pb.SearchCustomersRequest(query=name, page_size=50),
                                             metadata=metadata, timeout=10)  # fmt: skip
            except grpc.RpcError as exc:
                fail(f"the archive refused the lookup: {exc.details()}")
            return [Customer(c.name.removeprefix("customers/"), c.display_name)
                    for c in found.customers]  # fmt: skip

        try:
            return resolve(text, get, search)
        except CustomerNotFound as exc:
            fail(str(exc))
