"""Import and export carry every field the archive has: a customer's revenue with its currency,
headcount, group, region and credit rating; a person's boss; our employees from an HR file. An
archive's export imports into a fresh archive and reproduces the records; every refused enum
says the values it takes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import grpc
import pytest
from archive_kit import customer, refused
from archive_people import HEAD, OWNER
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc, customer_pb2
from mcr.common.v1 import money_pb2
from mcr_archive.__main__ import SPEC
from mcr_archive.config import ArchiveSettings
from mcr_core.service import start_service
from mcr_core.tables import read_rows, write_rows
from mcr_core.testing import service_settings
from mcr_core.testing.kit import temporary_postgres_database
from test_import_export import counts, export, load

CUSTOMERS, PERSONS = pb.RECORD_KIND_CUSTOMERS, pb.RECORD_KIND_PERSONS
DEPARTMENTS, EMPLOYEES = pb.RECORD_KIND_DEPARTMENTS, pb.RECORD_KIND_EMPLOYEES
HR = {"employee_id": "e-0001", "org_unit": "/cn-south/hr", "roles": ("hr",)}
HR_HEAD = HEAD | {"roles": ("manager", "hr")}

STAFF = [
    {"employee_id": "e-1000", "display_name": "林卫东", "org_unit": "/cn-south/enterprise",
     "job_grade": "20", "active": "yes"},
    {"employee_id": "e-1001", "display_name": "赵敏", "region": "cn-south",
     "org_unit": "/cn-south/enterprise/team-1", "job_grade": "15", "manager": "e-1000"},
    {"employee_id": "employees/e-1003", "display_name": "钱进",
     "org_unit": "/cn-south/enterprise/team-1/", "manager": "employees/e-1001", "active": "否"},
]  # fmt: skip
ACCOUNTS = [
    {"key": "G-1", "display_name": "南海电信集团", "industry": "telecom", "country_code": "cn",
     "region": "cn-south", "province": "广东", "ownership_type": "state-owned",
     "lifecycle_state": "active", "owner": "e-1001", "annual_revenue": "420,000,000,000",
     "annual_revenue_currency": "cny", "employee_count": "180 000", "credit_rating": "a"},
    {"key": "G-1-GD", "display_name": "南海电信广东分公司", "industry": "telecom",
     "parent_group": "G-1", "annual_revenue": "61000000000.5", "annual_revenue_currency": "CNY",
     "employee_count": "26000", "owner": "e-1000"},
    {"key": "H-1", "display_name": "珠江医院", "industry": "healthcare", "employee_count": "0"},
]  # fmt: skip
CHART = [
    {"customer_key": "G-1-GD", "department": "总经理办公室/网络部", "covering_employee": "e-1001"}
]
PEOPLE = [
    {"key": "ceo", "customer_key": "G-1-GD", "display_name": "周建国",
     "department": "总经理办公室", "layer": "senior", "decision_roles": "core:decider"},
    {"key": "cto", "customer_key": "G-1-GD", "display_name": "李明",
     "department": "总经理办公室/网络部", "reports_to": "ceo", "layer": "senior"},
    {"key": "planner", "customer_key": "G-1-GD", "display_name": "陈晓", "reports_to": "cto"},
]  # fmt: skip


@pytest.fixture
def fresh_database_url(database_url, tmp_path) -> Iterator[str]:
    """A second, empty database of the same kind as the test's."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    with temporary_postgres_database() as url:
        yield url


@pytest.fixture
async def fresh_stub(
    fresh_database_url, nats_url, auth_keys, tmp_path
) -> AsyncIterator[archive_service_pb2_grpc.ArchiveServiceStub]:
    """Another archive, empty, on its own database: where an export is imported again."""
    settings = service_settings(
        ArchiveSettings,
        database_url=fresh_database_url,
        nats_url=nats_url,
        auth_keys=auth_keys,
        data_dir=tmp_path / "fresh",
    )
    service = await start_service(SPEC, settings)
    async with grpc.aio.insecure_channel(f"127.0.0.1:{service.grpc_port}") as channel:
        yield archive_service_pb2_grpc.ArchiveServiceStub(channel)
    await service.stop()


async def _fill(stub, auth) -> None:
    assert counts(await load(stub, auth, EMPLOYEES, STAFF, HR_HEAD)) == (3, 0, 0, 0)
    report = await load(stub, auth, CUSTOMERS, ACCOUNTS, HR_HEAD)
    assert counts(report) == (3, 0, 0, 0), report.errors
    assert counts(await load(stub, auth, DEPARTMENTS, CHART, HR_HEAD)) == (1, 0, 0, 0)
    report = await load(stub, auth, PERSONS, PEOPLE, HR_HEAD)
    assert counts(report) == (3, 0, 0, 0), report.errors
    # One of each made through the API: no key, its id stands in for it.
    revenue = money_pb2.Money(currency_code="EUR", units=2_100_000_000, nanos=250_000_000)
    await customer(stub, auth, "Atlântico Telecom", HEAD, annual_revenue=revenue,
                   employee_count=4100, country_code="PT")  # fmt: skip


async def test_an_export_imports_into_a_fresh_archive_as_the_same_records(
    stub, auth, fresh_stub, tmp_path
):
    await _fill(stub, auth)
    for kind in (EMPLOYEES, CUSTOMERS, DEPARTMENTS, PERSONS):  # the order a file set loads in
        columns, exported = await export(stub, auth, kind, HR_HEAD)
        path = tmp_path / f"{kind}.xlsx"
        write_rows(path, "xlsx", columns, exported)
        rows = [values for _, values in read_rows(path, "xlsx")]
        report = await load(fresh_stub, auth, kind, rows, HR_HEAD, size=500)
        assert report.rejected == 0, report.errors
        _, again = await export(fresh_stub, auth, kind, HR_HEAD)
        key = lambda row: sorted(row.items())  # noqa: E731
        assert sorted(again, key=key) == sorted(exported, key=key)

    found = await fresh_stub.SearchCustomers(
        pb.SearchCustomersRequest(query="广东分公司"), metadata=auth(**HEAD)
    )
    [branch] = found.customers
    assert (branch.annual_revenue.units, branch.annual_revenue.nanos) == (61_000_000_000, 5 * 10**8)
    assert branch.employee_count == 26000 and branch.owner == "employees/e-1000"
    group = await fresh_stub.GetCustomer(
        pb.GetCustomerRequest(name=branch.parent_group), metadata=auth(**HEAD)
    )
    assert (group.display_name, group.credit_rating, group.ownership_type) == (
        "南海电信集团", "A", customer_pb2.OWNERSHIP_TYPE_STATE_OWNED
    )  # fmt: skip
    persons = await fresh_stub.ListPersons(
        pb.ListPersonsRequest(parent=branch.name), metadata=auth(**HEAD)
    )
    by_name = {p.display_name: p for p in persons.persons}
    assert by_name["陈晓"].reports_to == by_name["李明"].name
    assert by_name["李明"].reports_to == by_name["周建国"].name
    manager = await fresh_stub.GetEmployee(
        pb.GetEmployeeRequest(name="employees/e-1003"), metadata=auth(**HEAD)
    )
    assert (manager.manager, manager.active, manager.org_unit) == (
        "employees/e-1001", False, "/cn-south/enterprise/team-1"
    )  # fmt: skip


async def test_every_customer_field_is_checked_and_enums_name_their_values(stub, auth):
    await load(stub, auth, EMPLOYEES, STAFF[:2], HR_HEAD)
    rows = [
        {"key": "C-1", "display_name": "x", "annual_revenue": "12", "annual_revenue_currency": ""},
        {"key": "C-2", "display_name": "x", "annual_revenue": "lots",
         "annual_revenue_currency": "CNY"},
        {"key": "C-3", "display_name": "x", "annual_revenue": "1",
         "annual_revenue_currency": "XYZ"},
        {"key": "C-4", "display_name": "x", "employee_count": "-3"},
        {"key": "C-5", "display_name": "x", "region": "eu-west"},
        {"key": "C-6", "display_name": "x", "parent_group": "G-404"},
        {"key": "C-7", "display_name": "x", "credit_rating": "AAA"},
        {"key": "C-8", "display_name": "x", "lifecycle_state": "zombie"},
        {"key": "C-9", "display_name": "x", "ownership_type": "public"},
        {"key": "C-10", "display_name": "group", "parent_group": ""},
        {"key": "C-11", "display_name": "member", "parent_group": "C-10"},
        {"key": "C-10", "display_name": "group", "parent_group": "C-11"},
    ]  # fmt: skip
    report = await load(stub, auth, CUSTOMERS, rows, size=20)
    errors = {(e.row, e.column): e.reason for e in report.errors}
    assert counts(report) == (2, 0, 0, 10), errors
    assert list(errors) == [
        (2, "annual_revenue_currency"),
        (3, "annual_revenue"),
        (4, "annual_revenue_currency"),
        (5, "employee_count"),
        (6, "region"),
        (7, "parent_group"),
        (8, "credit_rating"),
        (9, "lifecycle_state"),
        (10, "ownership_type"),
        (13, "key"),  # C-10 twice in one import
    ]
    assert "prospect, active, dormant, closed" in errors[(9, "lifecycle_state")]
    assert "private, state_owned, foreign, listed" in errors[(10, "ownership_type")]
    assert "A, B, C, D" in errors[(8, "credit_rating")]
    assert "cn-south" in errors[(6, "region")]

    # A group structure stays a tree, across imports too.
    cycle = [{"key": "C-10", "display_name": "group", "parent_group": "C-11"}]
    report = await load(stub, auth, CUSTOMERS, cycle)
    assert [(e.column, e.reason) for e in report.errors] == [
        ("parent_group", "this group structure would contain a cycle")
    ]

    persons = [
        {"key": "P-1", "customer_key": "C-10", "display_name": "x", "decision_roles": "core:boss"},
        {"key": "P-2", "customer_key": "C-10", "display_name": "x", "layer": "top"},
        {"key": "P-3", "customer_key": "C-10", "display_name": "x", "reports_to": "P-404"},
        {"key": "P-4", "customer_key": "C-10", "display_name": "x", "reports_to": "P-4"},
    ]  # fmt: skip
    report = await load(stub, auth, PERSONS, persons, size=10)
    errors = {(e.row, e.column): e.reason for e in report.errors}
    assert list(errors) == [(2, "decision_roles"), (3, "layer"), (4, "reports_to"),
                            (5, "reports_to")]  # fmt: skip
    seven = "initiator, user, influencer, decider, approver, buyer, gatekeeper"
    assert seven in errors[(2, "decision_roles")]
    assert "unspecified, senior, middle, grassroots" in errors[(3, "layer")]


async def test_employees_come_from_hr_row_by_row(stub, auth):
    request = pb.ImportRecordsRequest(kind=EMPLOYEES, rows=[pb.ImportRow(row=2, values=STAFF[0])])
    denied = await refused(stub.ImportRecords(iter([request]), metadata=auth(**OWNER)))
    assert denied.code() == grpc.StatusCode.PERMISSION_DENIED
    assert "hr" in denied.details()
    await load(stub, auth, EMPLOYEES, [{"employee_id": "e-2001",
                                        "org_unit": "/eu-west/enterprise"}],
               HR | {"region": "eu-west", "org_unit": "/eu-west/hr"})  # fmt: skip

    rows = [
        *STAFF,
        {"employee_id": "e-1004", "org_unit": "/eu-west/enterprise"},
        {"employee_id": "e-1005"},
        {"employee_id": "e-1006", "org_unit": "/cn-south/x", "manager": "e-9999"},
        {"employee_id": "e-1007", "org_unit": "/cn-south/x", "manager": "e-1007"},
        {"employee_id": "e-1008", "org_unit": "/cn-south/x", "job_grade": "99"},
        {"employee_id": "e-1009", "org_unit": "/cn-south/x", "active": "maybe"},
        {"employee_id": "e-1010", "org_unit": "/cn-south/x", "region": "eu-west"},
        {"employee_id": "e-2001", "org_unit": "/cn-south/x"},
        {"employee_id": "e-1001", "org_unit": "/cn-south/x"},
        {"employee_id": "e 1011", "org_unit": "/cn-south/x"},
    ]
    report = await load(stub, auth, EMPLOYEES, rows, HR, size=4)
    errors = [(e.row, e.column) for e in report.errors]
    # e-1001 is known already, from the first call of their token (the refused import).
    assert counts(report) == (2, 1, 0, 10), report.errors
    assert errors == [
        (5, "org_unit"),
        (6, "org_unit"),
        (7, "manager"),
        (8, "manager"),
        (9, "job_grade"),
        (10, "active"),
        (11, "region"),
        (12, "employee_id"),  # another region's employee
        (13, "employee_id"),  # twice in this import
        (14, "employee_id"),
    ]
    assert counts(await load(stub, auth, EMPLOYEES, STAFF, HR)) == (0, 0, 3, 0)
    promoted = [STAFF[1] | {"job_grade": "16", "manager": ""}]
    assert counts(await load(stub, auth, EMPLOYEES, promoted, HR)) == (0, 1, 0, 0)
    employee = await stub.GetEmployee(
        pb.GetEmployeeRequest(name="employees/e-1001"), metadata=auth(**HR)
    )
    assert (employee.display_name, employee.job_grade, employee.manager) == ("赵敏", 16, "")

    # An employee from the HR file can own customers at once.
    owned = [{"key": "C-1", "display_name": "x", "owner": "e-1001"},
             {"key": "C-2", "display_name": "y", "owner": "e-1003"}]  # fmt: skip
    report = await load(stub, auth, CUSTOMERS, owned, HEAD)
    assert [(e.row, e.column) for e in report.errors] == [(3, "owner")]  # e-1003 left (active no)
    assert "no longer active" in report.errors[0].reason

    columns, exported = await export(stub, auth, EMPLOYEES, HR)
    assert columns == ["employee_id", "display_name", "region", "org_unit", "job_grade",
                       "manager", "active"]  # fmt: skip
    assert {r["employee_id"] for r in exported} >= {"e-1000", "e-1001", "e-1003", "e-0001"}
    assert "e-2001" not in {r["employee_id"] for r in exported}  # another region's
    # Employee records are one's own and one's superiors' (decision 11), in exports too.
    _, own = await export(stub, auth, EMPLOYEES, OWNER)
    assert {r["employee_id"] for r in own} == {"e-1001"}


@pytest.mark.parametrize("dry_run", [True, False])
async def test_a_row_may_name_a_group_boss_or_manager_a_later_row_brings(stub, auth, dry_run):
    staff = [STAFF[1], STAFF[0]]  # a report before their manager, one row per batch
    report = await load(stub, auth, EMPLOYEES, staff, HR_HEAD, dry_run=dry_run, size=1)
    assert counts(report) == (2, 0, 0, 0), report.errors
    if dry_run:  # what the rest of the files name must be there
        await load(stub, auth, EMPLOYEES, staff, HR_HEAD)
    accounts = [ACCOUNTS[1] | {"owner": "e-1001"}, ACCOUNTS[0]]
    report = await load(stub, auth, CUSTOMERS, accounts, HEAD, dry_run=dry_run, size=1)
    assert counts(report) == (2, 0, 0, 0), report.errors
    if dry_run:
        await load(stub, auth, CUSTOMERS, accounts, HEAD)
    await load(stub, auth, DEPARTMENTS, CHART, HEAD)
    people = list(reversed(PEOPLE))
    report = await load(stub, auth, PERSONS, people, HEAD, dry_run=dry_run, size=1)
    assert counts(report) == (3, 0, 0, 0), report.errors
    orphan = [{"key": "x", "customer_key": "G-1-GD", "display_name": "x", "reports_to": "nobody"}]
    report = await load(stub, auth, PERSONS, orphan, HEAD, dry_run=dry_run)
    assert [(e.row, e.column) for e in report.errors] == [(2, "reports_to")]
