"""Bulk import and export over gRPC streams: natural keys make re-imports idempotent, a dry
run writes nothing, malformed rows are reported by row and column and not written, exports
honour visibility and re-import as they are (CSV and XLSX)."""

from __future__ import annotations

import grpc
import pytest
from archive_kit import announced, customer, refused
from archive_people import HEAD, OTHER_REGION, OWNER, PEER
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import events_pb2
from mcr_core.tables import read_rows, write_rows

CUSTOMERS = [
    {"key": "C-1", "display_name": "南海电信", "industry": "telecom", "owner": "e-1001"},
    {"key": "C-2", "display_name": "珠江医院", "industry": "healthcare", "province": "广东"},
]
CHART = [
    {"customer_key": "C-1", "department": "总部/网络部/规划室"},
    {"customer_key": "C-1", "department": "总部/采购部"},
]
PERSONS = [
    {"key": "P-1", "customer_key": "C-1", "display_name": "张伟", "title": "CTO",
     "department": "总部/网络部", "layer": "senior", "decision_roles": "core:decider; it:user",
     "veto_holder": "yes"},
    {"key": "P-2", "customer_key": "C-1", "display_name": "李娜", "department": "总部/采购部",
     "layer": "middle", "rising_star": "true"},
    {"key": "P-1", "customer_key": "C-2", "display_name": "王芳"},  # keys are per customer
]  # fmt: skip


def batches(kind, rows, dry_run=False, size=2, first_row=2):
    numbered = list(enumerate(rows, start=first_row))
    for start in range(0, len(numbered), size):
        yield pb.ImportRecordsRequest(
            kind=kind,
            dry_run=dry_run,
            rows=[pb.ImportRow(row=n, values=r) for n, r in numbered[start : start + size]],
        )


async def load(stub, auth, kind, rows, claims=OWNER, **options) -> pb.ImportRecordsResponse:
    return await stub.ImportRecords(batches(kind, rows, **options), metadata=auth(**claims))


async def export(stub, auth, kind, claims=OWNER, **request) -> tuple[list[str], list[dict]]:
    columns, rows = [], []
    call = stub.ExportRecords(
        pb.ExportRecordsRequest(kind=kind, **request), metadata=auth(**claims)
    )
    async for chunk in call:
        columns += chunk.columns
        rows += [dict(row.values) for row in chunk.rows]
    return columns, rows


def counts(report) -> tuple[int, int, int, int]:
    return report.created, report.updated, report.unchanged, report.rejected


async def test_import_then_reimport_creates_no_duplicates(stub, auth, archive):
    assert counts(await load(stub, auth, pb.RECORD_KIND_CUSTOMERS, CUSTOMERS)) == (2, 0, 0, 0)
    assert counts(await load(stub, auth, pb.RECORD_KIND_DEPARTMENTS, CHART)) == (2, 0, 0, 0)
    assert counts(await load(stub, auth, pb.RECORD_KIND_PERSONS, PERSONS)) == (3, 0, 0, 0)
    for kind, rows in (
        (pb.RECORD_KIND_CUSTOMERS, CUSTOMERS),
        (pb.RECORD_KIND_DEPARTMENTS, CHART),
        (pb.RECORD_KIND_PERSONS, PERSONS),
    ):
        assert counts(await load(stub, auth, kind, rows)) == (0, 0, len(rows), 0)

    changed = [CUSTOMERS[0] | {"display_name": "南海电信集团"}, CUSTOMERS[1]]
    assert counts(await load(stub, auth, pb.RECORD_KIND_CUSTOMERS, changed)) == (0, 1, 1, 0)

    found = await stub.SearchCustomers(pb.SearchCustomersRequest(query="nanhai"), metadata=auth())
    [telecom] = found.customers
    assert telecom.display_name == "南海电信集团"
    chart = await stub.ListDepartments(
        pb.ListDepartmentsRequest(parent=telecom.name), metadata=auth()
    )
    names = [d.display_name for d in chart.departments]  # parents first
    assert names[0] == "总部" and names[-1] == "规划室" and len(names) == 4
    persons = await stub.ListPersons(pb.ListPersonsRequest(parent=telecom.name), metadata=auth())
    zhang = next(p for p in persons.persons if p.display_name == "张伟")
    assert (zhang.veto_holder, [r.scenario for r in zhang.decision_roles]) == (True, ["core", "it"])
    assert len(persons.persons) == 2
    history = await stub.ListFieldHistory(
        pb.ListFieldHistoryRequest(name=telecom.name), metadata=auth()
    )
    assert history.values["display_name"] == "南海电信集团"
    updates = await announced(
        archive, "mcr.archive.customer.updated", events_pb2.CustomerUpdated.FromString,
        lambda e: e.customer.name == telecom.name,
    )  # fmt: skip
    assert list(updates[0].changed_fields.paths) == ["display_name"]


async def test_malformed_rows_are_reported_and_not_written(stub, auth):
    await load(stub, auth, pb.RECORD_KIND_CUSTOMERS, CUSTOMERS[:1])
    await load(stub, auth, pb.RECORD_KIND_DEPARTMENTS, CHART[:1])
    rows = [
        {"key": "P-1", "customer_key": "C-1", "display_name": "ok"},
        {"key": "P-2", "customer_key": "C-1", "display_name": ""},
        {"key": "P-3", "customer_key": "C-1", "display_name": "x", "layer": "top"},
        {"key": "P-4", "customer_key": "C-9", "display_name": "x"},
        {"key": "P-5", "customer_key": "C-1", "display_name": "x", "department": "总部/无"},
        {"key": "P-6", "customer_key": "C-1", "display_name": "x", "owner": "e-nobody"},
        {"key": "P-7", "customer_key": "C-1", "display_name": "x", "veto_holder": "maybe"},
        {"key": "P-8", "customer_key": "C-1", "display_name": "x", "decision_roles": "core:boss"},
        {"key": "P-9", "customer_key": "C-1", "display_name": "x", "shoe_size": "42"},
        {"key": "P-1", "customer_key": "C-1", "display_name": "again"},
        {"key": "P-10", "customer_key": "C-1", "display_name": "x", "department": "总部",
         "outside_org_chart": "true"},
    ]  # fmt: skip
    report = await load(stub, auth, pb.RECORD_KIND_PERSONS, rows, size=4)
    assert counts(report) == (1, 0, 0, 10)
    assert [(e.row, e.column) for e in report.errors] == [
        (3, "display_name"),
        (4, "layer"),
        (5, "customer_key"),
        (6, "department"),
        (7, "owner"),
        (8, "veto_holder"),
        (9, "decision_roles"),
        (10, "shoe_size"),
        (11, "key"),
        (12, "department"),
    ]
    assert all(e.reason for e in report.errors)
    bad_customers = [
        {"key": "C-5", "display_name": "x", "industry": "mining"},
        {"key": "C-6", "display_name": "x", "country_code": "XX"},
        {"display_name": "no key"},
        {"key": "C-7", "display_name": "y", "ownership_type": "public"},
    ]
    report = await load(stub, auth, pb.RECORD_KIND_CUSTOMERS, bad_customers)
    assert [(e.row, e.column) for e in report.errors] == [
        (2, "industry"),
        (3, "country_code"),
        (4, "key"),
        (5, "ownership_type"),
    ]
    listed = await stub.ListCustomers(pb.ListCustomersRequest(), metadata=auth())
    assert [c.display_name for c in listed.customers] == ["南海电信"]


async def test_a_dry_run_writes_nothing(stub, auth):
    report = await load(stub, auth, pb.RECORD_KIND_CUSTOMERS, CUSTOMERS, dry_run=True)
    assert report.dry_run and counts(report) == (2, 0, 0, 0)
    listed = await stub.ListCustomers(pb.ListCustomersRequest(), metadata=auth())
    assert list(listed.customers) == []
    mixed = await refused(
        stub.ImportRecords(
            iter([*batches(pb.RECORD_KIND_CUSTOMERS, CUSTOMERS[:1], dry_run=True),
                  *batches(pb.RECORD_KIND_CUSTOMERS, CUSTOMERS[1:])]),
            metadata=auth(),
        )
    )  # fmt: skip
    assert mixed.code() == grpc.StatusCode.INVALID_ARGUMENT
    listed = await stub.ListCustomers(pb.ListCustomersRequest(), metadata=auth())
    assert list(listed.customers) == []


async def test_an_import_needs_a_token_and_a_kind(stub, auth):
    anonymous = await refused(stub.ImportRecords(batches(pb.RECORD_KIND_CUSTOMERS, CUSTOMERS)))
    assert anonymous.code() == grpc.StatusCode.UNAUTHENTICATED
    no_kind = await refused(stub.ImportRecords(batches(0, CUSTOMERS), metadata=auth()))
    assert no_kind.code() == grpc.StatusCode.INVALID_ARGUMENT


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
async def test_export_follows_visibility_and_round_trips(stub, auth, tmp_path, fmt):
    await load(stub, auth, pb.RECORD_KIND_CUSTOMERS, CUSTOMERS)
    await load(stub, auth, pb.RECORD_KIND_DEPARTMENTS, CHART)
    await load(stub, auth, pb.RECORD_KIND_PERSONS, PERSONS)
    await customer(stub, auth, "同事的客户", PEER)  # made through the API: no key

    columns, rows = await export(stub, auth, pb.RECORD_KIND_PERSONS)
    assert columns[:3] == ["key", "customer_key", "display_name"]
    assert sorted(r["display_name"] for r in rows) == ["张伟", "李娜", "王芳"]
    zhang = next(r for r in rows if r["display_name"] == "张伟")
    assert (zhang["department"], zhang["decision_roles"]) == (
        "总部/网络部",
        "core:decider; it:user",
    )

    seen = {}
    for viewer, claims in {
        "owner": OWNER,
        "head": HEAD,
        "peer": PEER,
        "west": OTHER_REGION,
    }.items():
        _, customers = await export(stub, auth, pb.RECORD_KIND_CUSTOMERS, claims)
        seen[viewer] = sorted(r["display_name"] for r in customers)
    assert seen == {
        "owner": ["南海电信", "珠江医院"],
        "head": ["南海电信", "同事的客户", "珠江医院"],
        "peer": ["同事的客户"],
        "west": [],
    }
    _, chart = await export(stub, auth, pb.RECORD_KIND_DEPARTMENTS)
    assert sorted(r["department"] for r in chart) == [
        "总部",
        "总部/网络部",
        "总部/网络部/规划室",
        "总部/采购部",
    ]

    # An export re-imports onto the same records, through a file.
    for kind in (pb.RECORD_KIND_CUSTOMERS, pb.RECORD_KIND_DEPARTMENTS, pb.RECORD_KIND_PERSONS):
        columns, exported = await export(stub, auth, kind, HEAD)
        path = tmp_path / f"{kind}.{fmt}"
        write_rows(path, fmt, columns, exported)
        rows = [values for _, values in read_rows(path, fmt)]
        report = await load(stub, auth, kind, rows, HEAD)
        assert counts(report) == (0, 0, len(exported), 0), report.errors
