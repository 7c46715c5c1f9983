"""The archive's use cases: one transaction per command, visibility on every read, an event
for every change. Rules live in `domain`; this module orders the steps."""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import replace
from datetime import datetime

import sqlalchemy as sa
from mcr_core.auth import HR, MANAGER, Principal, Record, Scope, within
from mcr_core.bus import Outbox
from mcr_core.crypto import NoDataKey, Sealer
from mcr_core.errors import (
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    collect,
)
from mcr_core.faults import failpoint
from mcr_core.listing import (
    Comparison,
    decode_page_token,
    encode_page_token,
    page_size,
    parse_filter,
)
from mcr_core.service import Kernel
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_archive import events, store
from mcr_archive.domain import (
    DEPARTMENT_ATTRIBUTES,
    DEPARTMENT_FIELDS,
    EMPLOYEE_IMMUTABLE_FIELDS,
    EMPLOYEE_MUTABLE_FIELDS,
    NOT_STORED,
    PERSON_ATTRIBUTES,
    PERSON_IMMUTABLE_FIELDS,
    PERSON_MUTABLE_FIELDS,
    POSTCARD_FIELDS,
    AccountTeam,
    Customer,
    Department,
    Employee,
    InfluenceLink,
    Money,
    Person,
    Postcard,
    TerritoryCase,
    apply_update,
    check_credit_rating,
    check_department_tree,
    check_reporting_line,
    check_request_id,
    check_update_mask,
    customer_fields,
    department_violations,
    employee_id_from_name,
    employee_violations,
    field_changes,
    influence_violations,
    owner_after_move,
    person_fields,
    person_violations,
    postcard_fields,
    postcard_violations,
    revenue_violations,
    search_query,
    team_violations,
    territory_case,
    values_as_of,
    violations,
)
from mcr_archive.hooks import ArchiveHooks
from mcr_archive.mapping import lifecycle_filter_value

log = logging.getLogger(__name__)


class CustomerArchive:
    def __init__(self, kernel: Kernel, hooks: ArchiveHooks) -> None:
        self.kernel = kernel
        self.hooks = hooks

    async def get(self, principal: Principal, customer_id: str) -> Customer:
        async with self.kernel.db.read() as conn:
            return await visible_customer(self.kernel, conn, principal, customer_id)

    async def list(
        self, principal: Principal, filter_text: str, token: str, size: int
    ) -> tuple[list[Customer], str]:
        limit = page_size(size)
        comparisons = parse_filter(filter_text, frozenset(store.FILTER_COLUMNS))
        comparisons = [_stored_spelling(c) for c in comparisons]
        after = decode_page_token(token, filter_text)
        if after is not None:
            after = (datetime.fromisoformat(after[0]), after[1])
        scope = self.kernel.policy.scope(principal)
        async with self.kernel.db.read() as conn:
            page = await store.list_customers(conn, scope, comparisons, after, limit + 1)
        if len(page) <= limit:
            return page, ""
        last = page[limit - 1]
        return page[:limit], encode_page_token([last.create_time.isoformat(), last.id], filter_text)

    async def create(self, principal: Principal, draft: Customer, request_id: str) -> Customer:
        check_request_id(request_id)
        if draft.region != principal.region:
            raise PermissionDenied("customer.region: you can only create customers in your region")
        now = self.kernel.clock.now()
        customer = replace(
            draft,
            id=str(uuid.uuid4()),
            owner_id=draft.owner_id or principal.employee_id,
            create_time=now,
            update_time=now,
            revision=1,
        )
        await self._validate(customer)
        async with self.kernel.db.transaction() as conn:
            if request_id and (earlier := await store.get_by_request_id(conn, request_id)):
                return earlier  # a retry: answer what the first call created
            await register(self.kernel.outbox, conn, principal, now)
            await check_owner(conn, customer.owner_id, customer.region, "customer.owner")
            await self._check_parent(conn, customer)
            if not await store.insert_customer(conn, customer, request_id or None):
                return await store.get_by_request_id(conn, request_id)
            await record_history(
                conn, customer.name, None, customer_fields(customer), principal, now
            )
            await events.customer_created(self.kernel.outbox, conn, customer)
        return customer

    async def update(
        self, principal: Principal, proposed: Customer, mask_paths: list[str], etag: str
    ) -> Customer:
        mask = check_update_mask(mask_paths)
        async with self.kernel.db.transaction() as conn:
            current = await visible_customer(self.kernel, conn, principal, proposed.id)
            if etag and etag != current.etag:
                raise FailedPrecondition.field(
                    "customer.etag", "the customer changed since you read it; read it again"
                )
            change = apply_update(current, replace(proposed, region=current.region), mask)
            if not change.changed:
                return current
            customer = replace(change.record, update_time=self.kernel.clock.now())
            await self._validate(customer)
            if "parent_group" in change.changed:
                await self._check_parent(conn, customer)
            if "owner" in change.changed:
                await check_owner(conn, customer.owner_id, customer.region, "customer.owner")
            if not await store.update_customer(conn, customer, current.revision):
                raise FailedPrecondition.field("customer.etag", "the customer changed concurrently")
            await record_history(
                conn,
                customer.name,
                customer_fields(current),
                customer_fields(customer),
                principal,
                customer.update_time,
            )
            await events.customer_updated(self.kernel.outbox, conn, customer, change.changed)
        return customer

    async def delete(self, principal: Principal, customer_id: str, etag: str) -> None:
        async with self.kernel.db.transaction() as conn:
            current = await visible_customer(self.kernel, conn, principal, customer_id)
            if etag and etag != current.etag:
                raise FailedPrecondition.field("etag", "the customer changed since you read it")
            if subsidiaries := await store.count_subsidiaries(conn, customer_id):
                raise FailedPrecondition(
                    f"customers/{customer_id} is the group of {subsidiaries} customers; "
                    "move or delete them first"
                )
            now = self.kernel.clock.now()
            if not await store.mark_deleted(conn, customer_id, current.revision, now):
                raise FailedPrecondition.field("etag", "the customer changed concurrently")
            await record_history(conn, current.name, customer_fields(current), None, principal, now)
            await events.customer_deleted(self.kernel.outbox, conn, current)

    async def rate_credit(
        self, principal: Principal, customer_id: str, rating: str, cause: str, note: str
    ) -> Customer:
        async with self.kernel.db.transaction() as conn:
            current = await visible_customer(self.kernel, conn, principal, customer_id)
            check_credit_rating(current.credit_rating, rating, cause)
            now = self.kernel.clock.now()
            await store.rate_credit(
                conn, current, rating, cause, note.strip(), principal.employee_id, now
            )
            customer = replace(current, credit_rating=rating, update_time=now)
            await record_history(
                conn, customer.name, customer_fields(current), customer_fields(customer),
                principal, now,
            )  # fmt: skip
            await events.customer_updated(self.kernel.outbox, conn, customer, ("credit_rating",))
        return customer

    async def record_revenue(
        self, principal: Principal, customer_id: str, year: int, amount: Money | None
    ) -> None:
        collect(revenue_violations(year, amount, self.kernel.clock.now().year))
        async with self.kernel.db.transaction() as conn:
            customer = await visible_customer(self.kernel, conn, principal, customer_id)
            await store.record_revenue(conn, customer_id, year, amount)
            await events.revenue_recorded(self.kernel.outbox, conn, customer, year, amount)

    async def revenue(self, principal: Principal, customer_id: str) -> list[tuple[int, Money]]:
        async with self.kernel.db.read() as conn:
            await visible_customer(self.kernel, conn, principal, customer_id)
            return await store.list_revenue(conn, customer_id)

    async def credit_history(self, principal: Principal, customer_id: str) -> list:
        async with self.kernel.db.read() as conn:
            await visible_customer(self.kernel, conn, principal, customer_id)
            return await store.list_credit_history(conn, customer_id)

    async def _validate(self, customer: Customer) -> None:
        found = violations(customer)
        if customer.industry and customer.industry not in await self.hooks.industries():
            found.append(
                FieldViolation("customer.industry", f"unknown industry {customer.industry!r}")
            )
        collect(found)

    async def _check_parent(self, conn: AsyncConnection, customer: Customer) -> None:
        """The group must exist in the same region and not be a subsidiary of this customer
        (group structures are trees). Its owner may be someone else: groups span teams."""
        seen = {customer.id}
        parent_id = customer.parent_group_id
        while parent_id is not None:
            found = await store.get_customer(conn, parent_id)
            parent = found[0] if found else None
            if parent is None or parent.region != customer.region:
                raise FailedPrecondition.field(
                    "customer.parent_group", f"customers/{parent_id} not found in this region"
                )
            if parent.id in seen:
                raise FailedPrecondition.field(
                    "customer.parent_group", "this group structure would contain a cycle"
                )
            seen.add(parent.id)
            parent_id = parent.parent_group_id


def _stored_spelling(comparison: Comparison) -> Comparison:
    """A filter value as the API spells it, as the table stores it."""
    if comparison.field == "lifecycle_state":
        return replace(comparison, value=lifecycle_filter_value(comparison.value))
    if comparison.field == "owner":
        return replace(comparison, value=comparison.value.removeprefix("employees/"))
    return comparison


# ---------------------------------------------------------------------------------------------
# Shared steps
# ---------------------------------------------------------------------------------------------


async def visible_customer(
    kernel: Kernel, conn: AsyncConnection, principal: Principal, customer_id: str
) -> Customer:
    found = await store.get_customer(conn, customer_id)
    members = store.team_members.c.customer_id
    if found is None or not await _allows(kernel, conn, principal, found[1], members, customer_id):
        # Another region's or a peer's customer is "not found": its existence is not disclosed.
        raise NotFound(f"customers/{customer_id} not found")
    return found[0]


async def _allows(
    kernel: Kernel,
    conn: AsyncConnection,
    principal: Principal,
    record: Record,
    members: sa.Column,
    record_id: str,
) -> bool:
    """The policy over the record's owners, and, only if they do not grant it, over its team
    members too (one query less on the common path)."""
    if kernel.policy.allows(principal, record):
        return True
    extra = await store.member_stakeholders(conn, members, record_id)
    return bool(extra) and kernel.policy.allows(
        principal, replace(record, stakeholders=record.stakeholders + extra)
    )


async def visible_person(
    kernel: Kernel, conn: AsyncConnection, principal: Principal, customer_id: str, person_id: str
) -> Person:
    found = await store.get_person(conn, customer_id, person_id)
    pairings = store.person_pairings.c.person_id
    if found is None or not await _allows(kernel, conn, principal, found[1], pairings, person_id):
        raise NotFound(f"customers/{customer_id}/persons/{person_id} not found")
    return found[0]


async def register(
    outbox: Outbox, conn: AsyncConnection, principal: Principal, now: datetime
) -> Employee:
    """Record the calling employee's position from their token (the identity provider is the
    source of truth for it); name, grade and the active flag are kept."""
    known = await store.get_employee(conn, principal.employee_id)
    if known and (known.region, known.org_unit) == (principal.region, principal.org_unit):
        return known
    employee = replace(
        known
        or Employee(principal.employee_id, principal.region, principal.org_unit, create_time=now),
        region=principal.region,
        org_unit=principal.org_unit,
        update_time=now,
    )
    await store.save_employee(conn, employee)
    await events.employee_changed(outbox, conn, employee)
    return employee


async def check_owner(conn: AsyncConnection, owner_id: str, region: str, field: str) -> None:
    """An owner is a known, active employee of the record's region."""
    owner = await store.get_employee(conn, owner_id)
    if owner is None:
        raise FailedPrecondition.field(field, f"employees/{owner_id} is not known to the archive")
    if owner.region != region:
        raise FailedPrecondition.field(field, f"employees/{owner_id} works in another region")
    if not owner.active:
        raise FailedPrecondition.field(field, f"employees/{owner_id} is no longer active")


def manages(principal: Principal, employee: Employee) -> bool:
    """Whether the principal is a superior of the employee (decision 11)."""
    return (
        principal.has_role(MANAGER)
        and employee.region == principal.region
        and within(employee.org_unit, principal.org_unit)
    )


def keeps_records_of(principal: Principal, employee: Employee) -> bool:
    """Whether the principal may see and change the employee's record: their superior, or
    the region's HR, who keep employee records by trade."""
    return manages(principal, employee) or (
        principal.has_role(HR) and employee.region == principal.region
    )


def employee_scope(kernel: Kernel, principal: Principal) -> Scope:
    """The employee records a principal lists: their own and their unit's, or the region's
    for HR (decision 11, as `sees_employee` decides one record)."""
    if principal.has_role(HR):
        return Scope(principal.region)
    return kernel.policy.scope(principal)


def sees_employee(principal: Principal, employee: Employee) -> bool:
    """An employee record (org unit, job grade) is the employee's own and their superiors'
    (decision 11); peers do not see each other's."""
    return employee.employee_id == principal.employee_id or keeps_records_of(principal, employee)


# ---------------------------------------------------------------------------------------------
# Our employees and handover
# ---------------------------------------------------------------------------------------------


class EmployeeDirectory:
    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel

    async def know(self, principal: Principal) -> None:
        """Record a caller the first time this process sees their token: employees are known
        from the tokens they call with, readers too (the IdP is the source of their place)."""
        async with self.kernel.db.transaction() as conn:
            await register(self.kernel.outbox, conn, principal, self.kernel.clock.now())

    async def get(self, principal: Principal, employee_id: str) -> Employee:
        async with self.kernel.db.read() as conn:
            employee = await store.get_employee(conn, employee_id)
        if employee is None or not sees_employee(principal, employee):
            raise NotFound(f"employees/{employee_id} not found")
        return employee

    async def list(self, principal: Principal, token: str, size: int) -> tuple[list[Employee], str]:
        limit = page_size(size)
        after = decode_page_token(token, "employees")
        async with self.kernel.db.read() as conn:
            page = await store.list_employees(
                conn, employee_scope(self.kernel, principal), after and after[0], limit + 1
            )
        if len(page) <= limit:
            return page, ""
        return page[:limit], encode_page_token([page[limit - 1].employee_id], "employees")

    async def update(
        self, principal: Principal, proposed: Employee, mask_paths: list[str]
    ) -> Employee:
        mask = check_update_mask(mask_paths, EMPLOYEE_MUTABLE_FIELDS, EMPLOYEE_IMMUTABLE_FIELDS)
        collect(employee_violations(proposed))
        async with self.kernel.db.transaction() as conn:
            current = await store.get_employee(conn, proposed.employee_id)
            if current is None or not sees_employee(principal, current):
                raise NotFound(f"employees/{proposed.employee_id} not found")
            if not keeps_records_of(principal, current):
                raise PermissionDenied(
                    "only a manager over the employee's unit or HR may change it"
                )
            change = apply_update(current, proposed, mask, {})
            employee = replace(change.record, update_time=self.kernel.clock.now())
            await store.save_employee(conn, employee)
            await events.employee_changed(self.kernel.outbox, conn, employee)
        return employee

    async def transfer_portfolio(
        self, principal: Principal, from_id: str, to_id: str, reason: str
    ) -> tuple[list[Customer], list[Person]]:
        """Move everything `from_id` owns to `to_id` in one transaction (customers belong to
        the company, book ch.7 "客户是企业的资源而不是员工的资源"; 4-year rotation, ch.6)."""
        if not reason.strip():
            raise InvalidArgument.field("reason", "say why the portfolio moves")
        if from_id == to_id:
            raise InvalidArgument.field("to_employee", "must differ from from_employee")
        now = self.kernel.clock.now()
        async with self.kernel.db.transaction() as conn:
            source = await store.get_employee(conn, from_id)
            if source is None or source.region != principal.region:
                raise NotFound(f"employees/{from_id} not found")
            if principal.employee_id != from_id and not manages(principal, source):
                raise PermissionDenied("only the employee or their superior may hand over")
            to_id = to_id or await _the_backup(conn, from_id)
            await check_owner(conn, to_id, source.region, "to_employee")
            customers = await store.transfer_customers(conn, from_id, to_id, source.region, now)
            persons = await store.transfer_persons(conn, from_id, to_id, source.region, now)
            await store.move_memberships(conn, from_id, to_id)
            moved = _owned_by(customers, to_id, now), _owned_by(persons, to_id, now)
            for record in (*moved[0], *moved[1]):
                owner_change = [("owner", f"employees/{from_id}", f"employees/{to_id}")]
                await store.log_changes(conn, record.name, owner_change, principal.employee_id, now)
            await events.portfolio_transferred(
                self.kernel.outbox, conn, from_id, to_id, reason, source.region, *moved
            )
            await failpoint("archive.transfer.before_commit")
        return moved


async def _the_backup(conn: AsyncConnection, employee_id: str) -> str:
    """The successor when none is named: the employee's one backup (the B of an A/B pair)."""
    backups = await store.backups_of(conn, employee_id)
    if len(backups) != 1:
        found = ", ".join(f"employees/{b}" for b in sorted(backups)) or "none"
        raise InvalidArgument.field(
            "to_employee",
            f"name a successor: the employee has one backup to default to, not {found}",
        )
    return backups.pop()


async def record_history(
    conn: AsyncConnection,
    record: str,
    before: dict[str, str] | None,
    after: dict[str, str] | None,
    principal: Principal,
    when: datetime,
) -> None:
    """Append what changed to the record's field history, in the change's transaction."""
    await store.log_changes(conn, record, field_changes(before, after), principal.employee_id, when)


def _owned_by(records: list, owner_id: str, now: datetime) -> list:
    return [
        replace(r, owner_id=owner_id, update_time=now, revision=r.revision + 1) for r in records
    ]


# ---------------------------------------------------------------------------------------------
# Organisation charts
# ---------------------------------------------------------------------------------------------


class OrgChart:
    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel

    async def list(self, principal: Principal, customer_id: str) -> list[Department]:
        async with self.kernel.db.read() as conn:
            await visible_customer(self.kernel, conn, principal, customer_id)
            return _parents_first(await store.list_departments(conn, customer_id))

    async def create(self, principal: Principal, draft: Department, request_id: str) -> Department:
        check_request_id(request_id)
        collect(department_violations(draft))
        now = self.kernel.clock.now()
        department = replace(draft, id=str(uuid.uuid4()), create_time=now, update_time=now)
        async with self.kernel.db.transaction() as conn:
            await visible_customer(self.kernel, conn, principal, department.customer_id)
            if request_id and (
                earlier := await store.get_department_by_request_id(conn, request_id)
            ):
                return earlier  # a retry: answer what the first call created
            chart = {
                d.id: d.parent_id for d in await store.list_departments(conn, draft.customer_id)
            }
            if department.parent_id is not None and department.parent_id not in chart:
                raise FailedPrecondition.field(
                    "department.parent_department", "is not a department of this customer"
                )
            await _check_covering(conn, principal, department)
            if not await store.insert_department(conn, department, request_id or None):
                return await store.get_department_by_request_id(conn, request_id)
            await events.department_changed(self.kernel.outbox, conn, department)
        return department

    async def update(
        self, principal: Principal, proposed: Department, mask_paths: list[str], etag: str = ""
    ) -> Department:
        mask = check_update_mask(mask_paths, DEPARTMENT_FIELDS, frozenset({"name"}))
        async with self.kernel.db.transaction() as conn:
            await visible_customer(self.kernel, conn, principal, proposed.customer_id)
            chart = {d.id: d for d in await store.list_departments(conn, proposed.customer_id)}
            current = chart.get(proposed.id)
            if current is None:
                raise NotFound(f"{proposed.name} not found")
            if etag and etag != current.etag:
                raise FailedPrecondition.field(
                    "department.etag", "the department changed since you read it"
                )
            change = apply_update(current, proposed, mask, DEPARTMENT_ATTRIBUTES)
            department = replace(change.record, update_time=self.kernel.clock.now())
            collect(department_violations(department))
            if department.parent_id is not None and department.parent_id not in chart:
                raise FailedPrecondition.field(
                    "department.parent_department", "is not a department of this customer"
                )
            parents = {d.id: d.parent_id for d in chart.values()}
            check_department_tree(department.id, department.parent_id, parents)
            if "covering_employee" in change.changed:
                await _check_covering(conn, principal, department)
            if change.changed:
                if not await store.update_department(conn, department, current.revision):
                    raise FailedPrecondition.field("department.etag", "changed concurrently")
                await events.department_changed(self.kernel.outbox, conn, department)
        return department

    async def delete(self, principal: Principal, customer_id: str, department_id: str) -> None:
        async with self.kernel.db.transaction() as conn:
            await visible_customer(self.kernel, conn, principal, customer_id)
            chart = {d.id: d for d in await store.list_departments(conn, customer_id)}
            if department_id not in chart:
                raise NotFound(f"customers/{customer_id}/departments/{department_id} not found")
            if await store.department_in_use(conn, department_id):
                raise FailedPrecondition(
                    "the department still has sub-departments or persons; move them first"
                )
            await store.delete_department(conn, department_id)
            await events.department_changed(
                self.kernel.outbox, conn, chart[department_id], deleted=True
            )


async def _check_covering(
    conn: AsyncConnection, principal: Principal, department: Department
) -> None:
    if department.covering_employee_id:
        await check_owner(
            conn,
            department.covering_employee_id,
            principal.region,
            "department.covering_employee",
        )


def _parents_first(departments: list[Department]) -> list[Department]:
    children: dict[str | None, list[Department]] = {}
    for department in departments:
        children.setdefault(department.parent_id, []).append(department)
    ordered, queue = [], list(children.get(None, []))
    while queue:
        department = queue.pop(0)
        ordered.append(department)
        queue.extend(children.get(department.id, []))
    return ordered


# ---------------------------------------------------------------------------------------------
# Persons
# ---------------------------------------------------------------------------------------------


class PersonArchive:
    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel

    async def get(self, principal: Principal, customer_id: str, person_id: str) -> Person:
        async with self.kernel.db.read() as conn:
            return await visible_person(self.kernel, conn, principal, customer_id, person_id)

    async def list(
        self, principal: Principal, customer_id: str, token: str, size: int
    ) -> tuple[list[Person], str]:
        limit = page_size(size)
        after = decode_page_token(token, customer_id)
        key = (datetime.fromisoformat(after[0]), after[1]) if after else None
        scope = self.kernel.policy.scope(principal)
        async with self.kernel.db.read() as conn:
            await visible_customer(self.kernel, conn, principal, customer_id)
            page = await store.list_persons(conn, scope, customer_id, key, limit + 1)
        if len(page) <= limit:
            return page, ""
        last = page[limit - 1]
        return page[:limit], encode_page_token([last.create_time.isoformat(), last.id], customer_id)

    async def create(self, principal: Principal, draft: Person, request_id: str) -> Person:
        check_request_id(request_id)
        collect(person_violations(draft))
        now = self.kernel.clock.now()
        person_id = str(uuid.uuid4())
        person = replace(
            draft,
            id=person_id,
            owner_id=draft.owner_id or principal.employee_id,
            individual_id=draft.individual_id or person_id,
            create_time=now,
            update_time=now,
        )
        async with self.kernel.db.transaction() as conn:
            if request_id and (earlier := await store.get_person_by_request_id(conn, request_id)):
                return earlier
            customer = await visible_customer(self.kernel, conn, principal, person.customer_id)
            await register(self.kernel.outbox, conn, principal, now)
            if draft.individual_id:
                await self._check_individual(conn, principal, person)
            await self._check_links(conn, person, customer.region)
            if not await store.insert_person(conn, person, request_id or None):
                return await store.get_person_by_request_id(conn, request_id)
            await record_history(conn, person.name, None, person_fields(person), principal, now)
            await events.person_created(self.kernel.outbox, conn, person, customer.region)
        return person

    async def update(
        self, principal: Principal, proposed: Person, mask_paths: list[str], etag: str
    ) -> Person:
        mask = check_update_mask(mask_paths, PERSON_MUTABLE_FIELDS, PERSON_IMMUTABLE_FIELDS)
        async with self.kernel.db.transaction() as conn:
            current = await visible_person(
                self.kernel, conn, principal, proposed.customer_id, proposed.id
            )
            if etag and etag != current.etag:
                raise FailedPrecondition.field(
                    "person.etag", "the person changed since you read it"
                )
            change = apply_update(current, proposed, mask, PERSON_ATTRIBUTES)
            if not change.changed:
                return current
            person = replace(change.record, update_time=self.kernel.clock.now())
            collect(person_violations(person))
            customer = await visible_customer(self.kernel, conn, principal, person.customer_id)
            await self._check_links(conn, person, customer.region)
            if not await store.update_person(conn, person, current.revision):
                raise FailedPrecondition.field("person.etag", "the person changed concurrently")
            await record_history(
                conn,
                person.name,
                person_fields(current),
                person_fields(person),
                principal,
                person.update_time,
            )
            await events.person_updated(
                self.kernel.outbox, conn, person, change.changed, customer.region
            )
        return person

    async def delete(
        self, principal: Principal, customer_id: str, person_id: str, etag: str
    ) -> None:
        async with self.kernel.db.transaction() as conn:
            current = await visible_person(self.kernel, conn, principal, customer_id, person_id)
            if etag and etag != current.etag:
                raise FailedPrecondition.field("etag", "the person changed since you read it")
            customer = await visible_customer(self.kernel, conn, principal, customer_id)
            now = self.kernel.clock.now()
            if not await store.mark_person_deleted(conn, person_id, current.revision, now):
                raise FailedPrecondition.field("etag", "the person changed concurrently")
            await record_history(conn, current.name, person_fields(current), None, principal, now)
            await events.person_deleted(self.kernel.outbox, conn, current, customer.region)

    async def _check_individual(
        self, conn: AsyncConnection, principal: Principal, person: Person
    ) -> None:
        """A new context links to a human the caller knows, and to one not already here."""
        scope = self.kernel.policy.scope(principal)
        known = await store.persons_of_individual(conn, scope, person.individual_id)
        if not known:
            raise FailedPrecondition.field(
                "person.individual", f"individuals/{person.individual_id} not found"
            )
        if any(p.customer_id == person.customer_id and not p.moved_to for p in known):
            raise FailedPrecondition.field(
                "person.individual", "this human is already a person at this customer"
            )

    async def _check_links(self, conn: AsyncConnection, person: Person, region: str) -> None:
        """The department belongs to the person's customer, the boss works there too and the
        reporting lines stay a tree; the owner works in its region."""
        if person.department_id is not None:
            await check_department(conn, person.customer_id, person.department_id)
        if person.reports_to_id is not None:
            lines = await store.reporting_lines(conn, person.customer_id)
            if person.reports_to_id not in lines:
                raise FailedPrecondition.field(
                    "person.reports_to", "is not a person of the person's customer"
                )
            check_reporting_line(person.id, person.reports_to_id, lines)
        await check_owner(conn, person.owner_id, region, "person.owner")


async def check_department(
    conn: AsyncConnection, customer_id: str, department_id: str, field: str = "person.department"
) -> Department:
    department = await store.get_department(conn, customer_id, department_id)
    if department is None:
        if await store.department_customer(conn, department_id) is not None:
            raise InvalidArgument.field(field, "is a department of another customer")
        raise FailedPrecondition.field(field, "is not a department of the person's customer")
    return department


# ---------------------------------------------------------------------------------------------
# Field history
# ---------------------------------------------------------------------------------------------


class History:
    """What the archive knew of a record, and when (the field history, read side)."""

    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel

    async def list(
        self,
        principal: Principal,
        ids: tuple[str, ...],
        record: str,
        as_of: datetime | None,
        token: str,
        size: int,
    ) -> tuple[list, str, dict[str, str]]:
        limit = page_size(size) if size else 100
        after = decode_page_token(token, record)
        async with self.kernel.db.read() as conn:
            if len(ids) == 1:
                await visible_customer(self.kernel, conn, principal, ids[0])
            else:
                await visible_person(self.kernel, conn, principal, *ids)
            page = await store.list_history(
                conn, record, as_of, after[0] if after else 0, limit + 1
            )
            values = {}
            if after is None:
                everything = await store.list_history(conn, record, as_of, 0, None)
                values = values_as_of([(r.field, r.old_value, r.new_value) for r in everything])
        token = encode_page_token([page[limit - 1].id], record) if len(page) > limit else ""
        return page[:limit], token, values


# ---------------------------------------------------------------------------------------------
# Personal postcards and sensitive personal data (decision 10)
# ---------------------------------------------------------------------------------------------

_POSTCARD_OUTPUT = frozenset({"name", "etag", "update_time", "sensitive_withheld"})


class Postcards:
    """Personal postcards. Sensitive fields are refused where the region's policy does not
    store them; elsewhere they are sealed at rest, returned only to a caller who gives a
    reason, and every such read is audited (who, what, when, why)."""

    def __init__(
        self, kernel: Kernel, policies: dict[str, str], sealer: Sealer | NoDataKey
    ) -> None:
        self.kernel = kernel
        self.policies = policies
        self.sealer = sealer

    def policy(self, region: str) -> str:
        return self.policies.get(region, NOT_STORED)

    async def _load(self, conn: AsyncConnection, customer_id: str, person_id: str) -> Postcard:
        row = await store.get_postcard(conn, person_id)
        if row is None:
            return Postcard(customer_id, person_id)
        sensitive = {}
        if row.sealed is not None:
            name = Postcard(customer_id, person_id).name
            sensitive = json.loads(self.sealer.open(row.sealed, name))
        return store.postcard_from(row, sensitive)

    async def get(
        self, principal: Principal, customer_id: str, person_id: str, reason: str
    ) -> Postcard:
        async with self.kernel.db.transaction() as conn:  # the audit row commits with the read
            await visible_person(self.kernel, conn, principal, customer_id, person_id)
            postcard = await self._load(conn, customer_id, person_id)
            sensitive = sorted(postcard.sensitive_parts())
            if not sensitive:
                return postcard
            if not reason.strip():
                return replace(postcard.without_sensitive(), sensitive_withheld=True)
            await store.audit_sensitive_read(
                conn,
                postcard.person_name,
                principal.employee_id,
                sensitive,
                reason.strip(),
                self.kernel.clock.now(),
            )
        log.info(
            "sensitive fields read",
            extra={"record": postcard.person_name, "reader": principal.employee_id},
        )
        return postcard

    async def update(
        self, principal: Principal, proposed: Postcard, mask_paths: list[str], etag: str
    ) -> Postcard:
        mask = check_update_mask(mask_paths, POSTCARD_FIELDS, _POSTCARD_OUTPUT)
        ids = proposed.customer_id, proposed.person_id
        async with self.kernel.db.transaction() as conn:
            await visible_person(self.kernel, conn, principal, *ids)
            customer = await visible_customer(self.kernel, conn, principal, proposed.customer_id)
            current = await self._load(conn, *ids)
            if etag and etag != current.etag:
                raise FailedPrecondition.field(
                    "postcard.etag", "the postcard changed since you read it"
                )
            change = apply_update(current, proposed, mask, {})
            postcard = replace(change.record, update_time=self.kernel.clock.now())
            collect(postcard_violations(postcard, self.policy(customer.region), customer.region))
            if change.changed:
                await self._save(conn, postcard, current.revision)
                await record_history(
                    conn,
                    postcard.name,
                    postcard_fields(current),
                    postcard_fields(postcard),
                    principal,
                    postcard.update_time,
                )
                await events.postcard_updated(
                    self.kernel.outbox, conn, postcard.name, change.changed, customer.region
                )
        withheld = bool(postcard.sensitive_parts())
        return replace(postcard.without_sensitive(), sensitive_withheld=withheld)

    async def _save(self, conn: AsyncConnection, postcard: Postcard, revision: int) -> None:
        sensitive = store.postcard_sensitive(postcard)
        sealed = None
        if sensitive:
            sealed = self.sealer.seal(json.dumps(sensitive).encode(), postcard.name)
        if not await store.save_postcard(
            conn, postcard, store.postcard_public(postcard), sealed, revision
        ):
            raise FailedPrecondition.field("postcard.etag", "the postcard changed concurrently")

    async def sensitive_reads(self, principal: Principal, customer_id: str, person_id: str) -> list:
        async with self.kernel.db.read() as conn:
            person = await visible_person(self.kernel, conn, principal, customer_id, person_id)
            return await store.list_sensitive_reads(conn, person.name)


# ---------------------------------------------------------------------------------------------
# Account teams (系统部)
# ---------------------------------------------------------------------------------------------


class AccountTeams:
    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel

    async def get(self, principal: Principal, customer_id: str) -> AccountTeam:
        async with self.kernel.db.read() as conn:
            await visible_customer(self.kernel, conn, principal, customer_id)
            return await store.get_account_team(conn, customer_id)

    async def update(self, principal: Principal, proposed: AccountTeam, etag: str) -> AccountTeam:
        """Replace the members. Only the customer's owner and their superiors may: a member
        sees the account, but does not staff it."""
        collect(team_violations(proposed))
        async with self.kernel.db.transaction() as conn:
            customer = await visible_customer(self.kernel, conn, principal, proposed.customer_id)
            owner = await store.get_employee(conn, customer.owner_id)
            if principal.employee_id != customer.owner_id and not (
                owner and manages(principal, owner)
            ):
                raise PermissionDenied(
                    "only the customer's owner or their superiors staff its team"
                )
            current = await store.get_account_team(conn, proposed.customer_id)
            if etag and etag != current.etag:
                raise FailedPrecondition.field(
                    "account_team.etag", "the team changed since you read it"
                )
            await self._check_members(conn, proposed, customer.region)
            team = replace(
                proposed, update_time=self.kernel.clock.now(), revision=current.revision + 1
            )
            if not await store.save_account_team(conn, team, current.revision):
                raise FailedPrecondition.field("account_team.etag", "the team changed concurrently")
            await events.account_team_changed(self.kernel.outbox, conn, team, customer.region)
        return team

    async def _check_members(self, conn: AsyncConnection, team: AccountTeam, region: str) -> None:
        for index, member in enumerate(team.members):
            path = f"account_team.members[{index}]"
            await check_owner(conn, member.employee_id, region, f"{path}.employee")
            paired = set(member.paired_person_ids)
            known = await store.existing_persons(conn, team.customer_id, paired)
            if unknown := sorted(paired - known):
                raise FailedPrecondition.field(
                    f"{path}.paired_persons", f"persons {unknown} are not at this customer"
                )


# ---------------------------------------------------------------------------------------------
# Influence between persons
# ---------------------------------------------------------------------------------------------


class InfluenceNetwork:
    """Who sways whom at a customer (confidant / conflict), inside or outside the chart."""

    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel

    async def create(self, principal: Principal, draft: InfluenceLink) -> InfluenceLink:
        collect(influence_violations(draft))
        now = self.kernel.clock.now()
        link = replace(draft, id=str(uuid.uuid4()), create_time=now)
        async with self.kernel.db.transaction() as conn:
            customer = await visible_customer(self.kernel, conn, principal, link.customer_id)
            for end, person_id in (("source", link.source_id), ("target", link.target_id)):
                found = await store.get_person(conn, link.customer_id, person_id)
                if found is None or found[0].moved_to:
                    raise FailedPrecondition.field(
                        f"influence_link.{end}", "is not a person of this customer"
                    )
                await visible_person(self.kernel, conn, principal, link.customer_id, person_id)
            await store.insert_link(conn, link)
            await events.influence_link_changed(self.kernel.outbox, conn, link, customer.region)
        return link

    async def list(
        self, principal: Principal, customer_id: str, person_id: str | None
    ) -> list[InfluenceLink]:
        scope = self.kernel.policy.scope(principal)
        async with self.kernel.db.read() as conn:
            await visible_customer(self.kernel, conn, principal, customer_id)
            if person_id is not None:
                await visible_person(self.kernel, conn, principal, customer_id, person_id)
            return await store.list_links(conn, scope, customer_id, person_id)

    async def delete(self, principal: Principal, customer_id: str, link_id: str) -> None:
        async with self.kernel.db.transaction() as conn:
            customer = await visible_customer(self.kernel, conn, principal, customer_id)
            link = await store.get_link(conn, customer_id, link_id)
            if link is None:
                raise NotFound(f"customers/{customer_id}/influenceLinks/{link_id} not found")
            for person_id in (link.source_id, link.target_id):
                try:
                    await visible_person(self.kernel, conn, principal, customer_id, person_id)
                except NotFound:
                    raise NotFound(f"{link.name} not found") from None
            await store.delete_link(conn, link_id)
            await events.influence_link_changed(
                self.kernel.outbox, conn, link, customer.region, deleted=True
            )


# ---------------------------------------------------------------------------------------------
# Persons-in-context and their moves (the territory rule, book ch.3 §1.21)
# ---------------------------------------------------------------------------------------------


class PersonMoves:
    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel

    async def move(
        self,
        principal: Principal,
        customer_id: str,
        person_id: str,
        to_customer_id: str,
        to_department_id: str | None,
        title: str,
    ) -> Person:
        """Move the person, in one transaction: the new position, the owner the territory rule
        chooses, the field history, the move's record and its events."""
        if len(title) > 200:
            raise InvalidArgument.field("title", "is too long")
        async with self.kernel.db.transaction() as conn:
            person = await visible_person(self.kernel, conn, principal, customer_id, person_id)
            if person.moved_to:
                raise FailedPrecondition.field("name", f"the person moved on to {person.moved_to}")
            # Whoever may see the person may record their move, owner of the account or not.
            source = (await store.get_customer(conn, customer_id))[0]
            target = await self._destination(conn, source, to_customer_id or customer_id)
            department = None
            if to_department_id is not None:
                department = await check_department(conn, target.id, to_department_id, "department")
            if target.id == source.id and to_department_id == person.department_id:
                raise InvalidArgument.field("department", "the person works there already")
            case = territory_case(source, target, await _same_group(conn, source, target))
            covering = department.covering_employee_id if department else ""
            owner = owner_after_move(case, person.owner_id, covering, target.owner_id)
            if owner != person.owner_id:
                field = "department" if covering else "customer"
                await check_owner(conn, owner, target.region, field)
            now = self.kernel.clock.now()
            moved = replace(
                person,
                department_id=to_department_id,
                reports_to_id=None,  # a new place, a new boss: recorded anew
                outside_org_chart=person.outside_org_chart and to_department_id is None,
                title=title.strip() or person.title,
                owner_id=owner,
                update_time=now,
            )
            if case == TerritoryCase.DEPARTMENT:
                moved = await self._within(conn, principal, person, moved, source.region)
            else:
                moved = await self._across(conn, principal, person, moved, target)
            move = {
                "person": moved.name,
                "previous_person": person.name,
                "previous_department": _department_name(person),
                "department": _department_name(moved),
                "previous_region": source.region,
                "region": target.region,
                "previous_owner": person.owner_id,
                "owner": moved.owner_id,
                "territory_case": str(case),
                "actor_id": principal.employee_id,
                "moved_at": now,
            }
            await store.record_move(conn, person.individual_id, move)
            await events.person_moved(self.kernel.outbox, conn, move)
            await failpoint("archive.move.before_commit")
        return moved

    async def _destination(self, conn: AsyncConnection, source: Customer, target_id: str):
        if target_id == source.id:
            return source
        found = await store.get_customer(conn, target_id)
        if found is None:  # another region's customer may be named: the company's, not ours
            raise FailedPrecondition.field("customer", f"customers/{target_id} not found")
        return found[0]

    async def _within(
        self, conn: AsyncConnection, principal: Principal, before: Person, after: Person, region
    ) -> Person:
        after = replace(after, revision=before.revision + 1)
        if not await store.update_person(conn, after, before.revision):
            raise FailedPrecondition.field("name", "the person changed concurrently")
        changes = field_changes(person_fields(before), person_fields(after))
        await store.log_changes(conn, after.name, changes, principal.employee_id, after.update_time)
        changed = tuple(name for name, _, _ in changes)
        await events.person_updated(self.kernel.outbox, conn, after, changed, region)
        return after

    async def _across(
        self, conn: AsyncConnection, principal: Principal, before: Person, after: Person, target
    ) -> Person:
        """A new person-in-context at the destination, the same human; the old one is kept
        with its history and points to the new one."""
        now = after.update_time
        new = replace(
            after,
            id=str(uuid.uuid4()),
            customer_id=target.id,
            decision_roles=(),  # roles are per customer: recorded anew there
            veto_holder=False,
            natural_key=None,
            create_time=now,
            revision=1,
        )
        await store.insert_person(conn, new, None)
        await record_history(conn, new.name, None, person_fields(new), principal, now)
        await events.person_created(self.kernel.outbox, conn, new, target.region)
        if not await store.mark_moved(conn, before, new.name, now):
            raise FailedPrecondition.field("name", "the person changed concurrently")
        left = replace(before, moved_to=new.name, update_time=now, revision=before.revision + 1)
        await record_history(
            conn, before.name, person_fields(before), person_fields(left), principal, now
        )
        region = (await store.get_customer(conn, before.customer_id))[0].region
        await events.person_updated(self.kernel.outbox, conn, left, ("moved_to",), region)
        return new

    async def moves(self, principal: Principal, customer_id: str, person_id: str) -> list:
        async with self.kernel.db.read() as conn:
            person = await visible_person(self.kernel, conn, principal, customer_id, person_id)
            return await store.list_moves(conn, person.individual_id)

    async def contexts(self, principal: Principal, individual_id: str) -> list[Person]:
        scope = self.kernel.policy.scope(principal)
        async with self.kernel.db.read() as conn:
            found = await store.persons_of_individual(conn, scope, individual_id)
        if not found:
            raise NotFound(f"individuals/{individual_id} not found")
        return found


def _department_name(person: Person) -> str:
    if person.department_id is None:
        return ""
    return f"customers/{person.customer_id}/departments/{person.department_id}"


async def _group_root(conn: AsyncConnection, customer: Customer) -> str:
    seen = {customer.id}
    while customer.parent_group_id and customer.parent_group_id not in seen:
        found = await store.get_customer(conn, customer.parent_group_id)
        if found is None:
            break
        customer = found[0]
        seen.add(customer.id)
    return customer.id


async def _same_group(conn: AsyncConnection, one: Customer, other: Customer) -> bool:
    """Whether two customers belong to one company (the same group at the top)."""
    return await _group_root(conn, one) == await _group_root(conn, other)


# ---------------------------------------------------------------------------------------------
# Search
# ---------------------------------------------------------------------------------------------

SEARCH_CRITERIA = ("query", "industry", "region", "tier", "owner")


class Search:
    """Customers and persons by name (Chinese, pinyin, Latin), industry, region, tier, owner;
    only what the caller may see."""

    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel

    async def customers(
        self, principal: Principal, criteria: dict[str, str], token: str, size: int
    ) -> tuple[list[Customer], str]:
        return await self._search(principal, criteria, token, size, store.search_customers)

    async def persons(
        self, principal: Principal, criteria: dict[str, str], token: str, size: int
    ) -> tuple[list[Person], str]:
        return await self._search(principal, criteria, token, size, store.search_persons)

    async def _search(self, principal, criteria, token, size, query) -> tuple[list, str]:
        limit = page_size(size)
        criteria = {k: v.strip() for k, v in criteria.items() if v.strip()}
        if "query" in criteria:
            criteria["query"] = search_query(criteria["query"])
            if not criteria["query"]:
                raise InvalidArgument.field("query", "has no letters or characters to search")
        if "owner" in criteria:
            criteria["owner"] = employee_id_from_name(criteria["owner"], "owner")
        if criteria.get("region", principal.region) != principal.region:
            return [], ""  # regions are isolated: nothing of another region is found
        fingerprint = json.dumps(criteria, sort_keys=True)
        after = decode_page_token(token, fingerprint)
        key = (datetime.fromisoformat(after[0]), after[1]) if after else None
        scope = self.kernel.policy.scope(principal)
        async with self.kernel.db.read() as conn:
            page = await query(conn, scope, criteria, key, limit + 1)
        if len(page) <= limit:
            return page, ""
        last = page[limit - 1]
        return page[:limit], encode_page_token([last.create_time.isoformat(), last.id], fingerprint)
