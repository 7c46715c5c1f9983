"""Import and export of customers, persons and organisation charts (use cases).

An import arrives in batches; each batch is one transaction: its valid rows are written with
their field history and events (through the outbox, in one statement each), its invalid rows
are reported (row, column, reason) and nothing of them is written. A row whose natural key
names an existing record updates it (or changes nothing), so re-importing a file creates no
duplicates. A dry run runs the same checks and rolls the transaction back.
An export yields what the caller may see, in the columns an import takes.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import datetime

from google.protobuf.field_mask_pb2 import FieldMask
from mcr.archive.v1 import events_pb2
from mcr_core.auth import Principal
from mcr_core.service import Kernel
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_archive import events, store
from mcr_archive.domain import (
    Customer,
    Department,
    Person,
    apply_update,
    customer_fields,
    department_violations,
    field_changes,
    person_fields,
    person_violations,
    violations,
)
from mcr_archive.hooks import ArchiveHooks
from mcr_archive.mapping import customer_to_proto, department_to_proto, person_to_proto
from mcr_archive.rows import (
    CUSTOMER_FIELDS,
    CUSTOMERS,
    DEPARTMENTS,
    PERSON_FIELDS,
    PERSONS,
    Cells,
    ImportReport,
    customer_changes,
    customer_row,
    department_path,
    paths_of,
    person_changes,
    person_row,
)
from mcr_archive.service import register, visible_customer

MAX_BATCH = 5000
EXPORT_PAGE = 500


class _DryRun(Exception):
    """Rolls a dry run's transaction back."""


class _Batch:
    """What one batch writes: history rows and events, staged in one statement each."""

    def __init__(self, principal: Principal, now: datetime) -> None:
        self.principal, self.now = principal, now
        self.history: list[dict] = []
        self.events: list[tuple[str, object, str]] = []
        self.report = ImportReport()

    def log(self, record: str, before: dict | None, after: dict) -> tuple[str, ...]:
        changes = field_changes(before, after)
        self.history += [
            {"record": record, "field": f, "old_value": old, "new_value": new,
             "actor_id": self.principal.employee_id, "changed_at": self.now}
            for f, old, new in changes
        ]  # fmt: skip
        return tuple(f for f, _, _ in changes)


class Imports:
    def __init__(self, kernel: Kernel, hooks: ArchiveHooks) -> None:
        self.kernel = kernel
        self.hooks = hooks

    async def batch(
        self,
        principal: Principal,
        kind: str,
        dry_run: bool,
        rows: list[tuple[int, dict[str, str]]],
        report: ImportReport,
    ) -> None:
        """Check and write one batch in one transaction (rolled back in a dry run), and add
        its outcome to `report`."""
        importer = {CUSTOMERS: self._customers, PERSONS: self._persons,
                    DEPARTMENTS: self._departments}[kind]  # fmt: skip
        batch = _Batch(principal, self.kernel.clock.now())
        batch.report.seen = set(report.seen)  # a key twice in one import is an error
        try:
            async with self.kernel.db.transaction() as conn:
                await register(conn, principal, batch.now)
                await importer(conn, batch, [Cells(kind, row, values) for row, values in rows])
                await store.log_many(conn, batch.history)
                await self.kernel.outbox.add_many(conn, batch.events)
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        before = report.created
        report.add(batch.report)
        if not dry_run and _doubled(before, report.created) and kind != DEPARTMENTS:
            async with self.kernel.db.transaction() as conn:
                await store.refresh_statistics(conn, {CUSTOMERS: store.customers,
                                                      PERSONS: store.persons}[kind])  # fmt: skip

    # --- customers ----------------------------------------------------------------------------

    async def _customers(self, conn: AsyncConnection, batch: _Batch, rows: list[Cells]) -> None:
        principal = batch.principal
        industries = await self.hooks.industries()
        keys = [cells.get("key") for cells in rows]
        existing = await store.customers_by_keys(conn, principal.region, keys)
        owners = _Owners(conn, principal.region)
        inserts: list[Customer] = []
        seen = batch.report.seen
        for cells in rows:
            changes = customer_changes(cells)
            key = cells.get("key")
            if key in seen:
                cells.error("key", "appears twice in this import")
            seen.add(key)
            found = existing.get(key)
            if found and not self.kernel.policy.allows(principal, found[1]):
                cells.error("key", "names a customer you may not change")
            if cells.errors:
                batch.report.reject(cells.errors)
                continue
            if found:
                current = found[0]
                mask = frozenset(CUSTOMER_FIELDS.get(k, k) for k in changes)
                change = apply_update(current, replace(current, **changes), mask)
                customer = replace(change.record, update_time=batch.now)
            else:
                customer = Customer(
                    id=str(uuid.uuid4()), region=principal.region, natural_key=key,
                    create_time=batch.now, update_time=batch.now,
                    **{"display_name": "", "owner_id": principal.employee_id, **changes},
                )  # fmt: skip
            cells.violations(violations(customer))
            if customer.industry and customer.industry not in industries:
                cells.error("industry", f"unknown industry {customer.industry!r}")
            if not found or "owner_id" in changes:
                await owners.check(cells, customer.owner_id)
            if cells.errors:
                batch.report.reject(cells.errors)
            elif found is None:
                inserts.append(customer)
                batch.log(customer.name, None, customer_fields(customer))
                batch.events.append(
                    (events.CUSTOMER_CREATED,
                     events_pb2.CustomerCreated(customer=customer_to_proto(customer)),
                     customer.name)
                )  # fmt: skip
                batch.report.created += 1
            elif not change.changed:
                batch.report.unchanged += 1
            else:
                await store.update_customer(conn, customer, current.revision)
                before, after = customer_fields(current), customer_fields(customer)
                changed = batch.log(customer.name, before, after)
                batch.events.append(
                    (events.CUSTOMER_UPDATED,
                     events_pb2.CustomerUpdated(customer=customer_to_proto(customer),
                                                changed_fields=FieldMask(paths=list(changed))),
                     customer.name)
                )  # fmt: skip
                batch.report.updated += 1
        await store.insert_customers(conn, inserts)

    # --- persons ------------------------------------------------------------------------------

    async def _persons(self, conn: AsyncConnection, batch: _Batch, rows: list[Cells]) -> None:
        principal = batch.principal
        accounts = await store.customers_by_keys(
            conn, principal.region, list({cells.get("customer_key") for cells in rows})
        )
        visible = {
            key: customer
            for key, (customer, record) in accounts.items()
            if self.kernel.policy.allows(principal, record)
        }
        ids = {customer.id for customer in visible.values()}
        charts = {
            customer_id: {path: d for d, path in _path_index(departments).items()}
            for customer_id, departments in (await store.departments_of(conn, ids)).items()
        }
        existing = await store.persons_by_keys(conn, ids, {cells.get("key") for cells in rows})
        owners = _Owners(conn, principal.region)
        inserts: list[Person] = []
        seen = batch.report.seen
        for cells in rows:
            changes = person_changes(cells)
            customer = visible.get(cells.get("customer_key"))
            if customer is None:
                cells.error("customer_key", "names no customer you can see")
                batch.report.reject(cells.errors)
                continue
            if cells.has("department"):
                path = department_path(cells.get("department"))
                changes["department_id"] = charts[customer.id].get(path) if path else None
                if path and changes["department_id"] is None:
                    cells.error("department", "is not in the customer's organisation chart")
            natural = (customer.id, cells.get("key"))
            if natural in seen:
                cells.error("key", "appears twice in this import")
            seen.add(natural)
            found = existing.get(natural)
            if found and not self.kernel.policy.allows(principal, found[1]):
                cells.error("key", "names a person you may not change")
            if cells.errors:
                batch.report.reject(cells.errors)
                continue
            if found:
                current = found[0]
                mask = frozenset(PERSON_FIELDS.get(k, k) for k in changes)
                attributes = {"department": "department_id", "owner": "owner_id"}
                change = apply_update(current, replace(current, **changes), mask, attributes)
                person = replace(change.record, update_time=batch.now)
            else:
                person_id = str(uuid.uuid4())
                person = Person(
                    id=person_id, customer_id=customer.id, individual_id=person_id,
                    natural_key=cells.get("key"), create_time=batch.now, update_time=batch.now,
                    **{"display_name": "", "owner_id": principal.employee_id, **changes},
                )  # fmt: skip
            cells.violations(person_violations(person))
            if not found or "owner_id" in changes:
                await owners.check(cells, person.owner_id)
            if cells.errors:
                batch.report.reject(cells.errors)
            elif found is None:
                inserts.append(person)
                batch.log(person.name, None, person_fields(person))
                batch.events.append(
                    (events.PERSON_CREATED,
                     events_pb2.PersonCreated(person=person_to_proto(person),
                                              region=principal.region),
                     person.name)
                )  # fmt: skip
                batch.report.created += 1
            elif not change.changed:
                batch.report.unchanged += 1
            else:
                await store.update_person(conn, person, current.revision)
                changed = batch.log(person.name, person_fields(current), person_fields(person))
                batch.events.append(
                    (events.PERSON_UPDATED,
                     events_pb2.PersonUpdated(person=person_to_proto(person),
                                              changed_fields=FieldMask(paths=list(changed)),
                                              region=principal.region),
                     person.name)
                )  # fmt: skip
                batch.report.updated += 1
        await store.insert_persons(conn, inserts)

    # --- organisation charts ------------------------------------------------------------------

    async def _departments(self, conn: AsyncConnection, batch: _Batch, rows: list[Cells]) -> None:
        """Each row is a path in a customer's chart; missing departments on the way are
        created, parents first."""
        principal = batch.principal
        accounts = await store.customers_by_keys(
            conn, principal.region, list({cells.get("customer_key") for cells in rows})
        )
        owners = _Owners(conn, principal.region)
        charts: dict[str, dict[tuple[str, ...], Department]] = {}
        for cells in rows:
            found = accounts.get(cells.get("customer_key"))
            if found is None or not self.kernel.policy.allows(principal, found[1]):
                cells.error("customer_key", "names no customer you can see")
            path = department_path(cells.get("department"))
            for name in path:
                cells.violations(department_violations(Department("", "", name)))
            covering = cells.employee("covering_employee")
            if covering:
                await owners.check(cells, covering, "covering_employee")
            if cells.errors:
                batch.report.reject(cells.errors)
                continue
            customer = found[0]
            if customer.id not in charts:
                chart = (await store.departments_of(conn, {customer.id}))[customer.id]
                charts[customer.id] = {p: d for d, p in _path_index(chart, objects=True).items()}
            outcome = await self._ensure(conn, batch, charts[customer.id], customer, path, covering)
            setattr(batch.report, outcome, getattr(batch.report, outcome) + 1)

    async def _ensure(self, conn, batch: _Batch, chart: dict, customer: Customer, path, covering):
        outcome = "unchanged"
        parent = None
        for depth in range(1, len(path) + 1):
            department = chart.get(path[:depth])
            if department is None:
                department = Department(
                    id=str(uuid.uuid4()), customer_id=customer.id, display_name=path[depth - 1],
                    parent_id=parent.id if parent else None, create_time=batch.now,
                    update_time=batch.now,
                )  # fmt: skip
                await store.insert_department(conn, department, None)
                chart[path[:depth]] = department
                outcome = "created"
                batch.events.append(_department_event(department))
            parent = department
        leaf = parent
        if covering and leaf.covering_employee_id != covering:
            updated = replace(
                leaf, covering_employee_id=covering, update_time=batch.now,
                revision=leaf.revision + 1,
            )  # fmt: skip
            await store.update_department(conn, updated, leaf.revision)
            chart[path] = updated
            batch.events.append(_department_event(updated))
            outcome = "updated" if outcome == "unchanged" else outcome
        return outcome


def _doubled(before: int, after: int) -> bool:
    """Whether an import's created rows passed 1,000, 2,000, 4,000, ...: statistics are
    refreshed a logarithmic number of times, as the tables grow."""
    return after >= 1000 and (after // 1000).bit_length() > (before // 1000).bit_length()


def _department_event(department: Department) -> tuple:
    message = events_pb2.DepartmentChanged(department=department_to_proto(department))
    return (events.DEPARTMENT_CHANGED, message, department.name)


def _path_index(departments: list[Department], objects: bool = False) -> dict:
    """Departments by their path (as ids, or as the department objects)."""
    paths = paths_of(departments)
    by_id = {d.id: d for d in departments}
    return {(by_id[i] if objects else i): path for i, path in paths.items()}


class _Owners:
    """Checks the employees a batch names (known, active, of the region), each once."""

    def __init__(self, conn: AsyncConnection, region: str) -> None:
        self.conn, self.region = conn, region
        self.reasons: dict[str, str] = {}

    async def check(self, cells: Cells, employee_id: str, column: str = "owner") -> None:
        if employee_id not in self.reasons:
            employee = await store.get_employee(self.conn, employee_id)
            self.reasons[employee_id] = (
                "is not an employee known to the archive" if employee is None
                else "works in another region" if employee.region != self.region
                else "is no longer active" if not employee.active
                else ""
            )  # fmt: skip
        if reason := self.reasons[employee_id]:
            cells.error(column, f"employees/{employee_id} {reason}")


class Exports:
    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel

    async def chunks(
        self, principal: Principal, kind: str, customer_id: str | None
    ) -> AsyncIterator[list[dict[str, str]]]:
        """The rows the caller may see, a page at a time (each page its own read)."""
        if customer_id is not None:
            async with self.kernel.db.read() as conn:
                await visible_customer(self.kernel, conn, principal, customer_id)
        source = store.search_persons if kind == PERSONS else store.search_customers
        scope = self.kernel.policy.scope(principal)
        after = None
        field = "customer_id" if kind == PERSONS else "id"
        while True:
            async with self.kernel.db.read() as conn:
                page = await source(conn, scope, {}, after, EXPORT_PAGE)
                selected = [r for r in page if customer_id in (None, getattr(r, field))]
                rows = await self._rows(conn, kind, selected)
            if rows:
                yield rows
            if len(page) < EXPORT_PAGE:
                return
            after = (page[-1].create_time, page[-1].id)

    async def _rows(self, conn: AsyncConnection, kind: str, page: list) -> list[dict[str, str]]:
        if kind == CUSTOMERS:
            return [customer_row(c) for c in page]
        ids = {r.customer_id for r in page} if kind == PERSONS else {c.id for c in page}
        keys = await store.customer_keys(conn, ids)
        charts = await store.departments_of(conn, ids)
        paths = {i: p for chart in charts.values() for i, p in paths_of(chart).items()}
        if kind == PERSONS:
            return [
                person_row(p, keys[p.customer_id], "/".join(paths.get(p.department_id, ())))
                for p in page
            ]
        return [
            {"customer_key": keys[c.id], "department": "/".join(paths[d.id]),
             "covering_employee": d.covering_employee_id}
            for c in page
            for d in charts[c.id]
        ]  # fmt: skip
