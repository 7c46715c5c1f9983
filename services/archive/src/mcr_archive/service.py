"""The archive's use cases: one transaction per command, visibility on every read, an event
for every change. Rules live in `domain`; this module orders the steps."""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import replace
from datetime import datetime

import sqlalchemy as sa
from mcr_core.auth import MANAGER, Principal, Record, within
from mcr_core.crypto import Sealer
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
    Money,
    Person,
    Postcard,
    apply_update,
    check_credit_rating,
    check_department_tree,
    check_request_id,
    check_update_mask,
    customer_fields,
    department_violations,
    employee_violations,
    field_changes,
    person_fields,
    person_violations,
    postcard_fields,
    postcard_violations,
    revenue_violations,
    team_violations,
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
            await register(conn, principal, now)
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


async def register(conn: AsyncConnection, principal: Principal, now: datetime) -> Employee:
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


# ---------------------------------------------------------------------------------------------
# Our employees and handover
# ---------------------------------------------------------------------------------------------


class EmployeeDirectory:
    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel

    async def get(self, principal: Principal, employee_id: str) -> Employee:
        async with self.kernel.db.read() as conn:
            employee = await store.get_employee(conn, employee_id)
        if employee is None or employee.region != principal.region:
            raise NotFound(f"employees/{employee_id} not found")
        return employee

    async def list(self, principal: Principal, token: str, size: int) -> tuple[list[Employee], str]:
        limit = page_size(size)
        after = decode_page_token(token, "employees")
        async with self.kernel.db.read() as conn:
            page = await store.list_employees(conn, principal.region, after and after[0], limit + 1)
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
            if current is None or current.region != principal.region:
                raise NotFound(f"employees/{proposed.employee_id} not found")
            if not manages(principal, current):
                raise PermissionDenied("only a manager over the employee's unit may change it")
            change = apply_update(current, proposed, mask, {})
            employee = replace(change.record, update_time=self.kernel.clock.now())
            await store.save_employee(conn, employee)
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
        person = replace(
            draft,
            id=str(uuid.uuid4()),
            owner_id=draft.owner_id or principal.employee_id,
            create_time=now,
            update_time=now,
        )
        async with self.kernel.db.transaction() as conn:
            if request_id and (earlier := await store.get_person_by_request_id(conn, request_id)):
                return earlier
            customer = await visible_customer(self.kernel, conn, principal, person.customer_id)
            await register(conn, principal, now)
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

    async def _check_links(self, conn: AsyncConnection, person: Person, region: str) -> None:
        """The department belongs to the person's customer; the owner works in its region."""
        if person.department_id is not None:
            chart = {d.id for d in await store.list_departments(conn, person.customer_id)}
            if person.department_id not in chart:
                raise FailedPrecondition.field(
                    "person.department", "is not a department of the person's customer"
                )
        await check_owner(conn, person.owner_id, region, "person.owner")


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

    def __init__(self, kernel: Kernel, policies: dict[str, str], sealer: Sealer) -> None:
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
