"""Import and export of customers, persons, organisation charts and employees (use cases).

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
from mcr_core.auth import Principal, within
from mcr_core.errors import FailedPrecondition, PermissionDenied
from mcr_core.service import Kernel
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_archive import events, store
from mcr_archive.domain import (
    Customer,
    Department,
    Employee,
    Person,
    apply_update,
    check_reporting_line,
    customer_fields,
    department_violations,
    employee_violations,
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
    EMPLOYEES,
    PERSON_FIELDS,
    PERSONS,
    Cells,
    ImportReport,
    customer_changes,
    customer_row,
    department_path,
    employee_changes,
    employee_row,
    paths_of,
    person_changes,
    person_row,
    referents_first,
)
from mcr_archive.service import employee_scope, register, visible_customer

MAX_BATCH = 5000
EXPORT_PAGE = 500
HR = "hr"  # the role that keeps the employee records (an HR file is theirs to import)


class _DryRun(Exception):
    """Rolls a dry run's transaction back."""


LATER = object()  # a reference to a record a later row of the import writes


class _Batch:
    """What one batch writes: history rows and events, staged in one statement each. In the
    final batch (the rows deferred until the rest was written), a reference still unknown is
    an error."""

    def __init__(self, principal: Principal, now: datetime, final: bool) -> None:
        self.principal, self.now, self.final = principal, now, final
        self.history: list[dict] = []
        self.events: list[tuple[str, object, str]] = []
        self.report = ImportReport()

    def defer(self, cells: Cells) -> None:
        self.report.deferred.append((cells.row, cells.values))

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
        final: bool = False,
    ) -> None:
        """Check and write one batch in one transaction (rolled back in a dry run), and add
        its outcome to `report`."""
        importer = {CUSTOMERS: self._customers, PERSONS: self._persons,
                    DEPARTMENTS: self._departments, EMPLOYEES: _employees}[kind]  # fmt: skip
        batch = _Batch(principal, self.kernel.clock.now(), final)
        batch.report.seen = set(report.seen)  # a key twice in one import is an error
        batch.report.known = dict(report.known)
        try:
            async with self.kernel.db.transaction() as conn:
                await register(self.kernel.outbox, conn, principal, batch.now)
                await importer(conn, batch, [Cells(kind, row, values) for row, values in rows])
                await store.log_many(conn, batch.history)
                await self.kernel.outbox.add_many(conn, batch.events)
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        before = report.created
        report.add(batch.report)
        if not dry_run and _doubled(before, report.created) and kind in (CUSTOMERS, PERSONS):
            async with self.kernel.db.transaction() as conn:
                await store.refresh_statistics(conn, {CUSTOMERS: store.customers,
                                                      PERSONS: store.persons}[kind])  # fmt: skip

    async def finish(
        self, principal: Principal, kind: str, dry_run: bool, report: ImportReport
    ) -> None:
        """After the last batch: the rows that named a group or a boss a later row wrote, and
        the errors in the order of the file's rows."""
        rows = referents_first(kind, report.deferred) if report.deferred else []
        report.deferred = []
        for start in range(0, len(rows), MAX_BATCH):
            chunk = rows[start : start + MAX_BATCH]
            await self.batch(principal, kind, dry_run, chunk, report, final=True)
        report.errors.sort(key=lambda error: error.row)

    # --- customers ----------------------------------------------------------------------------

    async def _customers(self, conn: AsyncConnection, batch: _Batch, rows: list[Cells]) -> None:
        principal = batch.principal
        industries = await self.hooks.industries()
        keys = [cells.get("key") for cells in rows]
        existing = await store.customers_by_keys(
            conn, principal.region, keys + [c.get("parent_group") for c in rows]
        )
        groups = _Groups(conn, batch, {key: c for key, (c, _) in existing.items()})
        owners = _Owners(conn, principal.region)
        inserts: list[Customer] = []
        ratings: list[tuple[Customer, str]] = []  # (as before, new rating): the credit history
        seen = batch.report.seen
        for cells in rows:
            changes = customer_changes(cells)
            if cells.has("parent_group"):
                if (group_id := groups.id_of(cells)) is LATER:
                    batch.defer(cells)
                    continue
                changes["parent_group_id"] = group_id
            key = cells.get("key")
            if key in seen:
                cells.error("key", "appears twice in this import")
            seen.add(key)
            if cells.get("region") not in ("", principal.region):
                cells.error("region", f"must be your region, {principal.region}: an import "
                                      "writes to the region of your token only")  # fmt: skip
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
                current = None
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
            if customer.parent_group_id and not cells.errors:
                await groups.check_tree(cells, customer)
            if cells.errors:
                batch.report.reject(cells.errors)
                continue
            groups.add(key, customer)
            if customer.credit_rating != (current.credit_rating if current else ""):
                ratings.append((current or replace(customer, credit_rating=""),
                                customer.credit_rating))  # fmt: skip
            if current is None:
                inserts.append(customer)
            await _write_customer(conn, batch, current, customer, owners)
        await store.insert_customers(conn, inserts)
        for before, rating in ratings:  # a rating from a file is a review (domain: rate_credit)
            await store.rate_credit(conn, before, rating, "review", "import",
                                    batch.principal.employee_id, batch.now)  # fmt: skip

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
        named = {cells.get(column) for cells in rows for column in ("key", "reports_to")}
        existing = await store.persons_by_keys(conn, ids, named - {""})
        bosses = _Bosses(conn, batch, {natural: p for natural, (p, _) in existing.items()})
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
            if cells.has("reports_to"):
                if (boss_id := bosses.id_of(cells, customer.id)) is LATER:
                    batch.defer(cells)
                    continue
                changes["reports_to_id"] = boss_id
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
                attributes = {v: k for k, v in PERSON_FIELDS.items()}
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
            if not cells.errors:
                await bosses.check_lines(cells, person)
            if cells.errors:
                batch.report.reject(cells.errors)
                continue
            bosses.add(cells.get("key"), person)
            if found is None:
                inserts.append(person)
            await _write_person(conn, batch, found[0] if found else None, person)
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


async def _write_customer(
    conn: AsyncConnection,
    batch: _Batch,
    current: Customer | None,
    customer: Customer,
    owners: _Owners,
) -> None:
    """Stage a row's customer: its history and event; a new one is inserted by the caller
    with the rest of the batch, a changed one updated here."""
    if current is None:
        batch.log(customer.name, None, customer_fields(customer))
        unit = await owners.org_unit(customer.owner_id)
        created = events_pb2.CustomerCreated(
            customer=customer_to_proto(customer), owner_org_unit=unit
        )
        batch.events.append((events.CUSTOMER_CREATED, created, customer.name))
        batch.report.created += 1
        return
    changed = batch.log(customer.name, customer_fields(current), customer_fields(customer))
    if not changed:
        batch.report.unchanged += 1
        return
    await store.update_customer(conn, customer, current.revision)
    updated = events_pb2.CustomerUpdated(
        customer=customer_to_proto(customer),
        changed_fields=FieldMask(paths=list(changed)),
        owner_org_unit=await owners.org_unit(customer.owner_id),
    )
    batch.events.append((events.CUSTOMER_UPDATED, updated, customer.name))
    batch.report.updated += 1


async def _write_person(
    conn: AsyncConnection, batch: _Batch, current: Person | None, person: Person
) -> None:
    """Stage a row's person, as `_write_customer` does a customer."""
    region = batch.principal.region
    if current is None:
        batch.log(person.name, None, person_fields(person))
        created = events_pb2.PersonCreated(person=person_to_proto(person), region=region)
        batch.events.append((events.PERSON_CREATED, created, person.name))
        batch.report.created += 1
        return
    changed = batch.log(person.name, person_fields(current), person_fields(person))
    if not changed:
        batch.report.unchanged += 1
        return
    await store.update_person(conn, person, current.revision)
    updated = events_pb2.PersonUpdated(
        person=person_to_proto(person), changed_fields=FieldMask(paths=list(changed)),
        region=region,
    )  # fmt: skip
    batch.events.append((events.PERSON_UPDATED, updated, person.name))
    batch.report.updated += 1


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
        self.units: dict[str, str] = {}

    async def check(self, cells: Cells, employee_id: str, column: str = "owner") -> None:
        if employee_id not in self.reasons:
            employee = await store.get_employee(self.conn, employee_id)
            self.units[employee_id] = employee.org_unit if employee else ""
            self.reasons[employee_id] = (
                "is not an employee known to the archive" if employee is None
                else "works in another region" if employee.region != self.region
                else "is no longer active" if not employee.active
                else ""
            )  # fmt: skip
        if reason := self.reasons[employee_id]:
            cells.error(column, f"employees/{employee_id} {reason}")

    async def org_unit(self, employee_id: str) -> str:
        """The employee's org unit, for the customer events (`events.org_unit_of`)."""
        if employee_id not in self.units:
            self.units[employee_id] = await events.org_unit_of(self.conn, employee_id)
        return self.units[employee_id]


class _Groups:
    """A row's `parent_group`: the key of a customer of the region, already in the archive or
    written by another row of the import (a row naming a later one waits for it); group
    structures stay trees."""

    def __init__(self, conn: AsyncConnection, batch: _Batch, existing: dict[str, Customer]):
        self.conn, self.batch = conn, batch
        written = {k[1]: c for k, c in batch.report.known.items() if k[0] == CUSTOMERS}
        self.by_key = existing | written
        self.by_id = {customer.id: customer for customer in self.by_key.values()}

    def id_of(self, cells: Cells) -> str | object | None:
        key = cells.get("parent_group")
        if not key:
            return None
        if key in self.by_key:
            return self.by_key[key].id
        if not self.batch.final:
            return LATER
        cells.error("parent_group", f"names no customer of your region ({key!r})")
        return None

    def add(self, key: str, customer: Customer) -> None:
        self.by_key[key] = self.by_id[customer.id] = customer
        self.batch.report.known[(CUSTOMERS, key)] = customer

    async def check_tree(self, cells: Cells, customer: Customer) -> None:
        seen = {customer.id}
        parent_id = customer.parent_group_id
        while parent_id:
            if parent_id in seen:
                cells.error("parent_group", "this group structure would contain a cycle")
                return
            seen.add(parent_id)
            parent = self.by_id.get(parent_id)
            if parent is None and (found := await store.get_customer(self.conn, parent_id)):
                parent = found[0]
            parent_id = parent.parent_group_id if parent else None


class _Bosses:
    """A row's `reports_to`: the key of a person of the same customer, already in the archive
    or written by another row of the import (a row naming a later one waits for it);
    reporting lines stay trees."""

    def __init__(self, conn: AsyncConnection, batch: _Batch, existing: dict[tuple, Person]):
        self.conn, self.batch = conn, batch
        written = {k[1:]: p for k, p in batch.report.known.items() if k[0] == PERSONS}
        self.by_key = existing | written
        self.lines: dict[str, dict[str, str | None]] = {}  # per customer: person -> boss

    def id_of(self, cells: Cells, customer_id: str) -> str | object | None:
        key = cells.get("reports_to")
        if not key:
            return None
        if (customer_id, key) in self.by_key:
            return self.by_key[(customer_id, key)].id
        if not self.batch.final:
            return LATER
        cells.error("reports_to", f"names no person of this customer ({key!r})")
        return None

    def add(self, key: str, person: Person) -> None:
        self.by_key[(person.customer_id, key)] = person
        self.batch.report.known[(PERSONS, person.customer_id, key)] = person
        if person.customer_id in self.lines:
            self.lines[person.customer_id][person.id] = person.reports_to_id

    async def check_lines(self, cells: Cells, person: Person) -> None:
        if person.reports_to_id is None:
            return
        if person.customer_id not in self.lines:
            self.lines[person.customer_id] = await store.reporting_lines(
                self.conn, person.customer_id
            )
        try:
            check_reporting_line(person.id, person.reports_to_id, self.lines[person.customer_id])
        except FailedPrecondition:
            cells.error("reports_to", "the reporting lines would contain a cycle")


async def _employees(conn: AsyncConnection, batch: _Batch, rows: list[Cells]) -> None:
    """Employees from an HR file, each row checked on its own: the region's own employees only,
    each in the region's organisation tree, managed by an employee the archive knows (or an
    earlier row names)."""
    principal = batch.principal
    if not principal.has_role(HR):
        raise PermissionDenied("importing employees is HR's: the token needs the role hr")
    region = principal.region
    named = {cells.employee(column) for cells in rows for column in ("employee_id", "manager")}
    known = _Staff(conn, batch, await store.employees_by_ids(conn, named - {""}))
    for cells in rows:
        changes = employee_changes(cells)
        employee_id = cells.employee("employee_id")
        manager_id = changes.get("manager_id")
        # A manager that no row wrote yet may come in a later row of the file: wait for it.
        waits = not batch.final and manager_id not in (None, "", employee_id)
        if waits and await known.get(manager_id) is None:
            batch.defer(cells)
            continue
        found = await known.get(employee_id)
        if ("employee", employee_id) in batch.report.seen:
            cells.error("employee_id", "appears twice in this import")
        elif found and found.region != region:
            cells.error("employee_id", f"employees/{employee_id} works in another region")
        batch.report.seen.add(("employee", employee_id))
        if cells.get("region") not in ("", region):
            cells.error("region", f"must be your region, {region}: HR imports its own region")
        if cells.errors:
            batch.report.reject(cells.errors)
            continue
        blank = Employee(employee_id, region, "", create_time=batch.now)
        employee = replace(found or blank, **changes, update_time=batch.now)
        await _check_employee(cells, employee, known)
        if cells.errors:
            batch.report.reject(cells.errors)
        elif found and replace(employee, update_time=found.update_time) == found:
            batch.report.unchanged += 1
        else:
            await store.save_employee(conn, employee)
            batch.events.append(events.employee_changed_event(employee))
            known.put(employee)
            batch.report.created += found is None
            batch.report.updated += found is not None


class _Staff:
    """The employees an HR import names, read once each, and those it wrote."""

    def __init__(self, conn: AsyncConnection, batch: _Batch, loaded: dict[str, Employee]):
        written = {k[1]: e for k, e in batch.report.known.items() if k[0] == EMPLOYEES}
        self.conn, self.batch, self.loaded = conn, batch, loaded | written

    async def get(self, employee_id: str) -> Employee | None:
        if employee_id and employee_id not in self.loaded:
            self.loaded[employee_id] = await store.get_employee(self.conn, employee_id)
        return self.loaded.get(employee_id)

    def put(self, employee: Employee) -> None:
        self.loaded[employee.employee_id] = employee
        self.batch.report.known[(EMPLOYEES, employee.employee_id)] = employee


async def _check_employee(cells: Cells, employee: Employee, staff: _Staff) -> None:
    region_tree = f"/{employee.region}"
    if not employee.org_unit:
        cells.error("org_unit", f"is required for a new employee, e.g. {region_tree}/sales")
    elif not within(employee.org_unit, region_tree):
        cells.error("org_unit", f"must lie in the region's tree, {region_tree}/...")
    manager_id = employee.manager_id
    manager = await staff.get(manager_id)
    if manager_id == employee.employee_id:
        cells.error("manager", "an employee cannot be their own manager")
    elif manager_id and manager is None:
        cells.error("manager", f"employees/{manager_id} is not an employee known to the archive")
    elif manager and manager.region != employee.region:
        cells.error("manager", f"employees/{manager_id} works in another region")
    cells.violations(employee_violations(employee))


class Exports:
    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel

    async def chunks(
        self, principal: Principal, kind: str, customer_id: str | None
    ) -> AsyncIterator[list[dict[str, str]]]:
        """The rows the caller may see, a page at a time (each page its own read)."""
        if kind == EMPLOYEES:
            async for rows in self._employees(principal):
                yield rows
            return
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

    async def _employees(self, principal: Principal) -> AsyncIterator[list[dict[str, str]]]:
        """The employees the caller may see, as ListEmployees shows them (decision 11: their
        own record and their unit's; the region's for HR)."""
        after = None
        scope = employee_scope(self.kernel, principal)
        while True:
            async with self.kernel.db.read() as conn:
                page = await store.list_employees(conn, scope, after, EXPORT_PAGE)
            if page:
                yield [employee_row(e) for e in page]
            if len(page) < EXPORT_PAGE:
                return
            after = page[-1].employee_id

    async def _rows(self, conn: AsyncConnection, kind: str, page: list) -> list[dict[str, str]]:
        if kind == CUSTOMERS:
            groups = await store.customer_groups(conn, {c.id for c in page if c.parent_group_id})
            return [customer_row(c, groups.get(c.id, "")) for c in page]
        ids = {r.customer_id for r in page} if kind == PERSONS else {c.id for c in page}
        keys = await store.customer_keys(conn, ids)
        charts = await store.departments_of(conn, ids)
        paths = {i: p for chart in charts.values() for i, p in paths_of(chart).items()}
        if kind == PERSONS:
            bosses = await store.person_keys(conn, {p.reports_to_id for p in page} - {None})
            return [
                person_row(
                    p,
                    keys[p.customer_id],
                    "/".join(paths.get(p.department_id, ())),
                    bosses.get(p.reports_to_id, ""),
                )
                for p in page
            ]
        return [
            {"customer_key": keys[c.id], "department": "/".join(paths[d.id]),
             "covering_employee": d.covering_employee_id}
            for c in page
            for d in charts[c.id]
        ]  # fmt: skip
