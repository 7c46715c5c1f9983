"""The archive's tables and queries. Functions take the caller's connection (one transaction).

Reads that serve a caller return the record with the facts the visibility policy needs (its
region and stakeholders: the owners' positions in our organisation), and list queries filter
by the caller's `Scope` in SQL.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from mcr_core.auth import Record, Scope, Stakeholder, stakeholder_clause
from mcr_core.listing import Comparison
from mcr_core.storage import UtcDateTime, bulk_insert
from mcr_core.storage.types import BigSerial
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_archive.domain import (
    SENSITIVE_FIELDS,
    AccountTeam,
    CareerStep,
    Customer,
    DecisionRole,
    Department,
    Employee,
    InfluenceLink,
    Layer,
    LifecycleState,
    Money,
    Need,
    Person,
    Postcard,
    TeamMember,
    search_key,
)

metadata = sa.MetaData()

customers = sa.Table(
    "customers",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("industry", sa.String(64), nullable=False),
    sa.Column("country_code", sa.String(2), nullable=False),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("parent_group_id", sa.String(64), nullable=True),
    sa.Column("revenue_currency", sa.String(3), nullable=True),
    sa.Column("revenue_units", sa.BigInteger(), nullable=True),
    sa.Column("revenue_nanos", sa.Integer(), nullable=True),
    sa.Column("employee_count", sa.Integer(), nullable=False),
    sa.Column("lifecycle_state", sa.String(16), nullable=False),
    sa.Column("create_time", UtcDateTime(), nullable=False),
    sa.Column("update_time", UtcDateTime(), nullable=False),
    sa.Column("delete_time", UtcDateTime(), nullable=True),
    sa.Column("revision", sa.Integer(), nullable=False),
    sa.Column("request_id", sa.String(64), nullable=True, unique=True),
    sa.Column("owner_id", sa.String(64), nullable=False),
    sa.Column("tier", sa.String(32), nullable=False),
    sa.Column("ownership_type", sa.String(16), nullable=False),
    sa.Column("province", sa.String(64), nullable=False),
    sa.Column("credit_rating", sa.String(1), nullable=False),
    sa.Column("natural_key", sa.String(128), nullable=True),
    sa.Column("search_key", sa.Text(), nullable=False),
)

yearly_revenue = sa.Table(
    "yearly_revenue",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("year", sa.Integer(), primary_key=True),
    sa.Column("currency", sa.String(3), nullable=False),
    sa.Column("units", sa.BigInteger(), nullable=False),
    sa.Column("nanos", sa.Integer(), nullable=False),
)

credit_history = sa.Table(
    "credit_history",
    metadata,
    sa.Column("id", BigSerial, primary_key=True, autoincrement=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("previous_rating", sa.String(1), nullable=False),
    sa.Column("rating", sa.String(1), nullable=False),
    sa.Column("cause", sa.String(16), nullable=False),
    sa.Column("note", sa.Text(), nullable=False),
    sa.Column("actor_id", sa.String(64), nullable=False),
    sa.Column("changed_at", UtcDateTime(), nullable=False),
)

field_history = sa.Table(
    "field_history",
    metadata,
    sa.Column("id", BigSerial, primary_key=True, autoincrement=True),
    sa.Column("record", sa.String(255), nullable=False),
    sa.Column("field", sa.String(64), nullable=False),
    sa.Column("old_value", sa.Text(), nullable=False),
    sa.Column("new_value", sa.Text(), nullable=False),
    sa.Column("actor_id", sa.String(64), nullable=False),
    sa.Column("changed_at", UtcDateTime(), nullable=False),
)

account_teams = sa.Table(
    "account_teams",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("update_time", UtcDateTime(), nullable=False),
    sa.Column("revision", sa.Integer(), nullable=False),
)

team_members = sa.Table(
    "team_members",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("employee_id", sa.String(64), primary_key=True),
    sa.Column("role", sa.String(32), nullable=False),
    sa.Column("backup_for", sa.String(64), nullable=True),
)

person_pairings = sa.Table(
    "person_pairings",
    metadata,
    sa.Column("person_id", sa.String(64), primary_key=True),
    sa.Column("employee_id", sa.String(64), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
)

postcards = sa.Table(
    "postcards",
    metadata,
    sa.Column("person_id", sa.String(64), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("public", sa.JSON(), nullable=False),
    sa.Column("sealed", sa.LargeBinary(), nullable=True),
    sa.Column("update_time", UtcDateTime(), nullable=False),
    sa.Column("revision", sa.Integer(), nullable=False),
)

sensitive_reads = sa.Table(
    "sensitive_reads",
    metadata,
    sa.Column("id", BigSerial, primary_key=True, autoincrement=True),
    sa.Column("person", sa.String(255), nullable=False),
    sa.Column("reader_id", sa.String(64), nullable=False),
    sa.Column("fields", sa.JSON(), nullable=False),
    sa.Column("reason", sa.Text(), nullable=False),
    sa.Column("read_at", UtcDateTime(), nullable=False),
)

employees = sa.Table(
    "employees",
    metadata,
    sa.Column("employee_id", sa.String(64), primary_key=True),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("org_unit", sa.String(255), nullable=False),
    sa.Column("job_grade", sa.Integer(), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.Column("manager_id", sa.String(64), nullable=True),
    sa.Column("create_time", UtcDateTime(), nullable=False),
    sa.Column("update_time", UtcDateTime(), nullable=False),
)

departments = sa.Table(
    "departments",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("parent_id", sa.String(64), nullable=True),
    sa.Column("create_time", UtcDateTime(), nullable=False),
    sa.Column("update_time", UtcDateTime(), nullable=False),
    sa.Column("revision", sa.Integer(), nullable=False),
    sa.Column("request_id", sa.String(64), nullable=True, unique=True),
    sa.Column("covering_employee_id", sa.String(64), nullable=False),
)

persons = sa.Table(
    "persons",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("department_id", sa.String(64), nullable=True),
    sa.Column("layer", sa.String(16), nullable=False),
    sa.Column("owner_id", sa.String(64), nullable=False),
    sa.Column("veto_holder", sa.Boolean(), nullable=False),
    sa.Column("rising_star", sa.Boolean(), nullable=False),
    sa.Column("retired", sa.Boolean(), nullable=False),
    sa.Column("create_time", UtcDateTime(), nullable=False),
    sa.Column("update_time", UtcDateTime(), nullable=False),
    sa.Column("delete_time", UtcDateTime(), nullable=True),
    sa.Column("revision", sa.Integer(), nullable=False),
    sa.Column("request_id", sa.String(64), nullable=True, unique=True),
    sa.Column("decision_roles", sa.JSON(), nullable=True),
    sa.Column("reports_to_id", sa.String(64), nullable=True),
    sa.Column("outside_org_chart", sa.Boolean(), nullable=False),
    sa.Column("individual_id", sa.String(64), nullable=True),
    sa.Column("moved_to", sa.String(255), nullable=True),
    sa.Column("natural_key", sa.String(128), nullable=True),
    sa.Column("search_key", sa.Text(), nullable=False),
)

influence_links = sa.Table(
    "influence_links",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("source_id", sa.String(64), nullable=False),
    sa.Column("target_id", sa.String(64), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("direction", sa.String(16), nullable=False),
    sa.Column("strength", sa.Integer(), nullable=False),
    sa.Column("note", sa.Text(), nullable=False),
    sa.Column("create_time", UtcDateTime(), nullable=False),
)

person_moves = sa.Table(
    "person_moves",
    metadata,
    sa.Column("id", BigSerial, primary_key=True, autoincrement=True),
    sa.Column("individual_id", sa.String(64), nullable=False),
    sa.Column("person", sa.String(255), nullable=False),
    sa.Column("previous_person", sa.String(255), nullable=False),
    sa.Column("previous_department", sa.String(255), nullable=False),
    sa.Column("department", sa.String(255), nullable=False),
    sa.Column("previous_region", sa.String(63), nullable=False),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("previous_owner", sa.String(64), nullable=False),
    sa.Column("owner", sa.String(64), nullable=False),
    sa.Column("territory_case", sa.String(16), nullable=False),
    sa.Column("actor_id", sa.String(64), nullable=False),
    sa.Column("moved_at", UtcDateTime(), nullable=False),
)

# Filterable API fields and their columns; lifecycle_state takes the enum's API spelling.
FILTER_COLUMNS = {
    "display_name": customers.c.display_name,
    "industry": customers.c.industry,
    "country_code": customers.c.country_code,
    "parent_group": customers.c.parent_group_id,
    "lifecycle_state": customers.c.lifecycle_state,
    "tier": customers.c.tier,
    "owner": customers.c.owner_id,
    "province": customers.c.province,
    "credit_rating": customers.c.credit_rating,
}


def _row_values(customer: Customer) -> dict:
    revenue = customer.annual_revenue
    return {
        "display_name": customer.display_name,
        "industry": customer.industry,
        "country_code": customer.country_code,
        "region": customer.region,
        "parent_group_id": customer.parent_group_id,
        "revenue_currency": revenue.currency_code if revenue else None,
        "revenue_units": revenue.units if revenue else None,
        "revenue_nanos": revenue.nanos if revenue else None,
        "employee_count": customer.employee_count,
        "lifecycle_state": customer.lifecycle_state.value,
        "update_time": customer.update_time,
        "revision": customer.revision,
        "owner_id": customer.owner_id,
        "ownership_type": customer.ownership_type,
        "province": customer.province,
        "search_key": search_key(customer.display_name),
    }


async def _insert_once(conn: AsyncConnection, table: sa.Table, values: dict) -> bool:
    """Insert a row carrying a client's request_id; False when one with that id exists (a
    retried create that raced the first: the unique key decides, in a savepoint)."""
    try:
        async with conn.begin_nested():
            await conn.execute(table.insert().values(values))
    except IntegrityError:
        if values.get("request_id") is None:
            raise
        return False
    return True


async def _write_version(
    conn: AsyncConnection, table: sa.Table, record_id: str, expected_revision: int, values: dict
) -> bool:
    """Optimistic concurrency: write only over the revision the caller read (the etag)."""
    result = await conn.execute(
        table.update()
        .where(table.c.id == record_id, table.c.revision == expected_revision)
        .values(values)
    )
    return result.rowcount == 1


def _deleted(when: datetime, revision: int) -> dict:
    """A soft delete: the archive keeps the record, it is no longer served."""
    return {"delete_time": when, "update_time": when, "revision": revision + 1}


def _customer(row: sa.Row) -> Customer:
    revenue = None
    if row.revenue_currency is not None:
        revenue = Money(row.revenue_currency, row.revenue_units, row.revenue_nanos)
    return Customer(
        id=row.id,
        display_name=row.display_name,
        region=row.region,
        industry=row.industry,
        country_code=row.country_code,
        parent_group_id=row.parent_group_id,
        annual_revenue=revenue,
        employee_count=row.employee_count,
        lifecycle_state=LifecycleState(row.lifecycle_state),
        owner_id=row.owner_id,
        tier=row.tier,
        ownership_type=row.ownership_type,
        province=row.province,
        credit_rating=row.credit_rating,
        natural_key=row.natural_key,
        create_time=row.create_time,
        update_time=row.update_time,
        revision=row.revision,
    )


async def insert_customer(
    conn: AsyncConnection, customer: Customer, request_id: str | None
) -> bool:
    """Insert; False when a customer with this request_id exists already (a retried create)."""
    values = _row_values(customer) | {
        "id": customer.id,
        "create_time": customer.create_time,
        "request_id": request_id,
        "tier": customer.tier,
        "credit_rating": customer.credit_rating,
        "natural_key": customer.natural_key,
    }
    return await _insert_once(conn, customers, values)


_owner = employees.alias("owner")
# Built once: constructing a statement costs more than running it on a primary key.
_GET_CUSTOMER = (
    sa.select(customers, _owner.c.org_unit.label("owner_unit"))
    .outerjoin(_owner, _owner.c.employee_id == customers.c.owner_id)
    .where(customers.c.id == sa.bindparam("customer_id"), customers.c.delete_time.is_(None))
)


def _customer_record(row: sa.Row) -> Record:
    owner = (Stakeholder(row.owner_id, row.owner_unit),) if row.owner_unit is not None else ()
    return Record(region=row.region, stakeholders=owner)


async def get_customer(conn: AsyncConnection, customer_id: str) -> tuple[Customer, Record] | None:
    """The customer and the facts that decide who may see it: its region and owner."""
    row = (await conn.execute(_GET_CUSTOMER, {"customer_id": customer_id})).first()
    return (_customer(row), _customer_record(row)) if row else None


async def get_by_request_id(conn: AsyncConnection, request_id: str) -> Customer | None:
    row = (
        await conn.execute(sa.select(customers).where(customers.c.request_id == request_id))
    ).first()
    return _customer(row) if row else None


async def update_customer(
    conn: AsyncConnection, customer: Customer, expected_revision: int
) -> bool:
    """Write a new version; False if someone else wrote one since `expected_revision`."""
    values = _row_values(customer)
    return await _write_version(conn, customers, customer.id, expected_revision, values)


async def mark_deleted(
    conn: AsyncConnection, customer_id: str, expected_revision: int, when: datetime
) -> bool:
    values = _deleted(when, expected_revision)
    return await _write_version(conn, customers, customer_id, expected_revision, values)


async def count_subsidiaries(conn: AsyncConnection, customer_id: str) -> int:
    query = sa.select(sa.func.count()).where(
        customers.c.parent_group_id == customer_id, customers.c.delete_time.is_(None)
    )
    return (await conn.execute(query)).scalar_one()


async def list_customers(
    conn: AsyncConnection,
    scope: Scope,
    comparisons: list[Comparison],
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[Customer]:
    """Customers in `scope` matching every comparison, oldest first, after the `after` key."""
    query = sa.select(customers).where(
        customers.c.region == scope.region,
        customers.c.delete_time.is_(None),
        _visible_to(scope, customers.c.owner_id)
        | _member_visible(scope, team_members.c.customer_id, customers.c.id),
    )
    for comparison in comparisons:
        column = FILTER_COLUMNS[comparison.field]
        if comparison.op == "=":
            query = query.where(column == comparison.value)
        elif comparison.op == "!=":
            query = query.where(column != comparison.value)
        else:
            pattern = "%" + comparison.value.replace("%", r"\%").replace("_", r"\_") + "%"
            query = query.where(column.ilike(pattern, escape="\\"))
    if after is not None:
        query = query.where(sa.tuple_(customers.c.create_time, customers.c.id) > sa.tuple_(*after))
    query = query.order_by(customers.c.create_time, customers.c.id).limit(limit)
    return [_customer(row) for row in (await conn.execute(query)).all()]


def _visible_to(scope: Scope, *owner_columns: sa.ColumnElement) -> sa.ColumnElement[bool]:
    """The hierarchy rule in SQL: one of the owners is the caller or sits under them."""
    stakeholder = employees.alias("stakeholder")
    return sa.exists().where(
        stakeholder.c.employee_id.in_(owner_columns),
        stakeholder_clause(scope, stakeholder.c.employee_id, stakeholder.c.org_unit),
    )


async def set_tier(conn: AsyncConnection, customer_id: str, tier: str) -> None:
    """Record the tier insight assigned. Neither the revision (the etag a user holds stays
    valid) nor an archive event changes: the tier is insight's fact, announced by insight."""
    await conn.execute(customers.update().where(customers.c.id == customer_id).values(tier=tier))


def _member_visible(
    scope: Scope, record_key: sa.Column, record_id: sa.ColumnElement
) -> sa.ColumnElement[bool]:
    """The hierarchy rule over a record's team members or pairings (`record_key` is the
    column of the members table that names the record)."""
    member = employees.alias("member")
    table = record_key.table
    return sa.exists().where(
        record_key == record_id,
        member.c.employee_id == table.c.employee_id,
        stakeholder_clause(scope, member.c.employee_id, member.c.org_unit),
    )


async def member_stakeholders(
    conn: AsyncConnection, record_key: sa.Column, record_id: str
) -> tuple[Stakeholder, ...]:
    """The team members (or pairings) of a record, as stakeholders."""
    table = record_key.table
    query = (
        sa.select(employees.c.employee_id, employees.c.org_unit)
        .join(table, table.c.employee_id == employees.c.employee_id)
        .where(record_key == record_id)
    )
    rows = (await conn.execute(query)).all()
    return tuple(Stakeholder(row.employee_id, row.org_unit) for row in rows)


async def transfer_customers(
    conn: AsyncConnection, from_id: str, to_id: str, region: str, when: datetime
) -> list[Customer]:
    """Give every customer `from_id` owns in `region` to `to_id`; returns them as changed."""
    query = sa.select(customers).where(
        customers.c.owner_id == from_id,
        customers.c.region == region,
        customers.c.delete_time.is_(None),
    )
    moved = [_customer(row) for row in (await conn.execute(query)).all()]
    if moved:
        await conn.execute(
            customers.update()
            .where(customers.c.id.in_([c.id for c in moved]))
            .values(owner_id=to_id, update_time=when, revision=customers.c.revision + 1)
        )
    return moved


# ---------------------------------------------------------------------------------------------
# Employees
# ---------------------------------------------------------------------------------------------


def _employee(row: sa.Row) -> Employee:
    return Employee(
        employee_id=row.employee_id,
        region=row.region,
        org_unit=row.org_unit,
        display_name=row.display_name,
        job_grade=row.job_grade,
        active=row.active,
        manager_id=row.manager_id or "",
        create_time=row.create_time,
        update_time=row.update_time,
    )


async def get_employee(conn: AsyncConnection, employee_id: str) -> Employee | None:
    query = sa.select(employees).where(employees.c.employee_id == employee_id)
    row = (await conn.execute(query)).first()
    return _employee(row) if row else None


async def save_employee(conn: AsyncConnection, employee: Employee) -> None:
    values = {
        "display_name": employee.display_name,
        "region": employee.region,
        "org_unit": employee.org_unit,
        "job_grade": employee.job_grade,
        "active": employee.active,
        "manager_id": employee.manager_id or None,
        "update_time": employee.update_time,
    }
    updated = await conn.execute(
        employees.update().where(employees.c.employee_id == employee.employee_id).values(values)
    )
    if updated.rowcount == 0:
        row = values | {"employee_id": employee.employee_id, "create_time": employee.create_time}
        try:
            async with conn.begin_nested():
                await conn.execute(employees.insert().values(row))
        except IntegrityError:
            # A concurrent first call of the same employee inserted them: theirs is the same
            # token's position, so ours updates it.
            await conn.execute(
                employees.update()
                .where(employees.c.employee_id == employee.employee_id)
                .values(values)
            )


async def list_employees(
    conn: AsyncConnection, scope: Scope, after: str | None, limit: int
) -> list[Employee]:
    """The region's employees `scope` sees: with the hierarchy rule, the caller and the
    employees inside the unit they manage (decision 11)."""
    query = sa.select(employees).where(employees.c.region == scope.region)
    query = query.where(stakeholder_clause(scope, employees.c.employee_id, employees.c.org_unit))
    if after is not None:
        query = query.where(employees.c.employee_id > after)
    query = query.order_by(employees.c.employee_id).limit(limit)
    return [_employee(row) for row in (await conn.execute(query)).all()]


# ---------------------------------------------------------------------------------------------
# Departments
# ---------------------------------------------------------------------------------------------


def _department(row: sa.Row) -> Department:
    return Department(
        id=row.id,
        customer_id=row.customer_id,
        display_name=row.display_name,
        parent_id=row.parent_id,
        covering_employee_id=row.covering_employee_id,
        create_time=row.create_time,
        update_time=row.update_time,
        revision=row.revision,
    )


async def list_departments(conn: AsyncConnection, customer_id: str) -> list[Department]:
    query = (
        sa.select(departments)
        .where(departments.c.customer_id == customer_id)
        .order_by(departments.c.create_time, departments.c.id)
    )
    return [_department(row) for row in (await conn.execute(query)).all()]


async def get_department_by_request_id(conn: AsyncConnection, request_id: str) -> Department | None:
    query = sa.select(departments).where(departments.c.request_id == request_id)
    row = (await conn.execute(query)).first()
    return _department(row) if row else None


async def insert_department(
    conn: AsyncConnection, department: Department, request_id: str | None
) -> bool:
    """Insert; False when a department with this request_id exists already (a retry)."""
    values = {
        "id": department.id,
        "customer_id": department.customer_id,
        "display_name": department.display_name,
        "parent_id": department.parent_id,
        "covering_employee_id": department.covering_employee_id,
        "create_time": department.create_time,
        "update_time": department.update_time,
        "revision": department.revision,
        "request_id": request_id,
    }
    return await _insert_once(conn, departments, values)


async def update_department(conn: AsyncConnection, department: Department, revision: int) -> bool:
    result = await conn.execute(
        departments.update()
        .where(departments.c.id == department.id, departments.c.revision == revision)
        .values(
            display_name=department.display_name,
            parent_id=department.parent_id,
            covering_employee_id=department.covering_employee_id,
            update_time=department.update_time,
            revision=department.revision,
        )
    )
    return result.rowcount == 1


async def delete_department(conn: AsyncConnection, department_id: str) -> None:
    await conn.execute(departments.delete().where(departments.c.id == department_id))


async def department_in_use(conn: AsyncConnection, department_id: str) -> bool:
    children = sa.select(departments.c.id).where(departments.c.parent_id == department_id)
    staff = sa.select(persons.c.id).where(
        persons.c.department_id == department_id, persons.c.delete_time.is_(None)
    )
    found = await conn.execute(sa.select(sa.exists(children) | sa.exists(staff)))
    return bool(found.scalar())


# ---------------------------------------------------------------------------------------------
# Persons
# ---------------------------------------------------------------------------------------------

_person_owner = employees.alias("person_owner")
_account_owner = employees.alias("account_owner")
_GET_PERSON = (
    sa.select(
        persons,
        customers.c.region,
        customers.c.owner_id.label("account_owner_id"),
        _person_owner.c.org_unit.label("owner_unit"),
        _account_owner.c.org_unit.label("account_owner_unit"),
    )
    .join(customers, customers.c.id == persons.c.customer_id)
    .outerjoin(_person_owner, _person_owner.c.employee_id == persons.c.owner_id)
    .outerjoin(_account_owner, _account_owner.c.employee_id == customers.c.owner_id)
    .where(
        persons.c.id == sa.bindparam("person_id"),
        persons.c.customer_id == sa.bindparam("customer_id"),
        persons.c.delete_time.is_(None),
        customers.c.delete_time.is_(None),
    )
)


def _person(row: sa.Row) -> Person:
    return Person(
        id=row.id,
        customer_id=row.customer_id,
        display_name=row.display_name,
        title=row.title,
        department_id=row.department_id,
        layer=Layer(row.layer),
        owner_id=row.owner_id,
        veto_holder=row.veto_holder,
        rising_star=row.rising_star,
        retired=row.retired,
        decision_roles=tuple(DecisionRole(**r) for r in row.decision_roles or ()),
        reports_to_id=row.reports_to_id,
        outside_org_chart=row.outside_org_chart,
        individual_id=row.individual_id or row.id,
        moved_to=row.moved_to or "",
        natural_key=row.natural_key,
        create_time=row.create_time,
        update_time=row.update_time,
        revision=row.revision,
    )


def _person_record(row: sa.Row) -> Record:
    """A person is relevant to its relationship owner and to the account's customer manager."""
    owners = [
        Stakeholder(row.owner_id, row.owner_unit),
        Stakeholder(row.account_owner_id, row.account_owner_unit),
    ]
    return Record(region=row.region, stakeholders=tuple(s for s in owners if s.org_unit))


async def get_person(
    conn: AsyncConnection, customer_id: str, person_id: str
) -> tuple[Person, Record] | None:
    params = {"customer_id": customer_id, "person_id": person_id}
    row = (await conn.execute(_GET_PERSON, params)).first()
    return (_person(row), _person_record(row)) if row else None


async def get_person_by_request_id(conn: AsyncConnection, request_id: str) -> Person | None:
    row = (await conn.execute(sa.select(persons).where(persons.c.request_id == request_id))).first()
    return _person(row) if row else None


def _person_values(person: Person) -> dict:
    return {
        "display_name": person.display_name,
        "title": person.title,
        "department_id": person.department_id,
        "layer": person.layer.value,
        "owner_id": person.owner_id,
        "veto_holder": person.veto_holder,
        "rising_star": person.rising_star,
        "retired": person.retired,
        "decision_roles": [vars(role) for role in person.decision_roles],
        "reports_to_id": person.reports_to_id,
        "outside_org_chart": person.outside_org_chart,
        "moved_to": person.moved_to or None,
        "search_key": search_key(person.display_name),
        "update_time": person.update_time,
        "revision": person.revision,
    }


async def insert_person(conn: AsyncConnection, person: Person, request_id: str | None) -> bool:
    """Insert; False when a person with this request_id exists already (a retried create)."""
    values = _person_values(person) | {
        "id": person.id,
        "customer_id": person.customer_id,
        "create_time": person.create_time,
        "request_id": request_id,
        "individual_id": person.individual_id or person.id,
        "natural_key": person.natural_key,
    }
    return await _insert_once(conn, persons, values)


async def update_person(conn: AsyncConnection, person: Person, expected_revision: int) -> bool:
    values = _person_values(person)
    return await _write_version(conn, persons, person.id, expected_revision, values)


async def mark_person_deleted(
    conn: AsyncConnection, person_id: str, expected_revision: int, when: datetime
) -> bool:
    values = _deleted(when, expected_revision)
    return await _write_version(conn, persons, person_id, expected_revision, values)


async def list_persons(
    conn: AsyncConnection,
    scope: Scope,
    customer_id: str,
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[Person]:
    query = (
        sa.select(persons)
        .join(customers, customers.c.id == persons.c.customer_id)
        .where(
            persons.c.customer_id == customer_id,
            persons.c.delete_time.is_(None),
            persons.c.moved_to.is_(None),
            customers.c.region == scope.region,
            _visible_to(scope, persons.c.owner_id, customers.c.owner_id)
            | _member_visible(scope, person_pairings.c.person_id, persons.c.id),
        )
    )
    if after is not None:
        query = query.where(sa.tuple_(persons.c.create_time, persons.c.id) > sa.tuple_(*after))
    query = query.order_by(persons.c.create_time, persons.c.id).limit(limit)
    return [_person(row) for row in (await conn.execute(query)).all()]


async def transfer_persons(
    conn: AsyncConnection, from_id: str, to_id: str, region: str, when: datetime
) -> list[Person]:
    """Give every person `from_id` owns in `region` to `to_id`; returns them as changed."""
    in_region = sa.select(customers.c.id).where(customers.c.region == region)
    query = sa.select(persons).where(
        persons.c.owner_id == from_id,
        persons.c.customer_id.in_(in_region),
        persons.c.delete_time.is_(None),
    )
    moved = [_person(row) for row in (await conn.execute(query)).all()]
    if moved:
        await conn.execute(
            persons.update()
            .where(persons.c.id.in_([p.id for p in moved]))
            .values(owner_id=to_id, update_time=when, revision=persons.c.revision + 1)
        )
    return moved


# ---------------------------------------------------------------------------------------------
# Field history
# ---------------------------------------------------------------------------------------------


async def log_changes(
    conn: AsyncConnection,
    record: str,
    changes: list[tuple[str, str, str]],
    actor_id: str,
    when: datetime,
) -> None:
    if changes:
        rows = [
            {
                "record": record,
                "field": field,
                "old_value": old,
                "new_value": new,
                "actor_id": actor_id,
                "changed_at": when,
            }
            for field, old, new in changes
        ]
        await conn.execute(field_history.insert(), rows)


async def list_history(
    conn: AsyncConnection, record: str, as_of: datetime | None, after_id: int, limit: int | None
) -> list[sa.Row]:
    """The record's changes (oldest first) up to `as_of`, after the change `after_id`."""
    query = sa.select(field_history).where(
        field_history.c.record == record, field_history.c.id > after_id
    )
    if as_of is not None:
        query = query.where(field_history.c.changed_at <= as_of)
    query = query.order_by(field_history.c.id)
    if limit is not None:
        query = query.limit(limit)
    return list((await conn.execute(query)).all())


# ---------------------------------------------------------------------------------------------
# Postcards and the audit trail of sensitive reads
# ---------------------------------------------------------------------------------------------


async def get_postcard(conn: AsyncConnection, person_id: str) -> sa.Row | None:
    query = sa.select(postcards).where(postcards.c.person_id == person_id)
    return (await conn.execute(query)).first()


async def save_postcard(
    conn: AsyncConnection,
    postcard: Postcard,
    public: dict,
    sealed: bytes | None,
    expected_revision: int,
) -> bool:
    """Write the postcard's new version; False if another write came first."""
    values = {
        "public": public,
        "sealed": sealed,
        "update_time": postcard.update_time,
        "revision": postcard.revision,
    }
    if expected_revision == 0:
        row = values | {"person_id": postcard.person_id, "customer_id": postcard.customer_id}
        try:
            async with conn.begin_nested():
                await conn.execute(postcards.insert().values(row))
        except IntegrityError:
            return False
        return True
    result = await conn.execute(
        postcards.update()
        .where(
            postcards.c.person_id == postcard.person_id, postcards.c.revision == expected_revision
        )
        .values(values)
    )
    return result.rowcount == 1


async def audit_sensitive_read(
    conn: AsyncConnection,
    person: str,
    reader_id: str,
    fields: list[str],
    reason: str,
    when: datetime,
) -> None:
    await conn.execute(
        sensitive_reads.insert().values(
            person=person, reader_id=reader_id, fields=fields, reason=reason, read_at=when
        )
    )


async def list_sensitive_reads(conn: AsyncConnection, person: str) -> list[sa.Row]:
    query = (
        sa.select(sensitive_reads)
        .where(sensitive_reads.c.person == person)
        .order_by(sensitive_reads.c.id.desc())
    )
    return list((await conn.execute(query)).all())


def postcard_public(postcard: Postcard) -> dict:
    """The part of a postcard stored in the clear."""
    plain = postcard.without_sensitive()
    return {
        "education": plain.education,
        "hobbies": plain.hobbies,
        "career_history": [vars(step) for step in plain.career_history],
        "needs": [vars(need) for need in plain.needs],
    }


def postcard_sensitive(postcard: Postcard) -> dict:
    """The part of a postcard that is sealed (empty when there is none)."""
    parts = postcard.sensitive_parts()
    if "needs" in parts:
        parts["needs"] = [vars(need) for need in parts["needs"]]
    return parts


def postcard_from(row: sa.Row, sensitive: dict) -> Postcard:
    public = row.public
    needs = [Need(**n) for n in public["needs"]] + [Need(**n) for n in sensitive.get("needs", [])]
    return Postcard(
        customer_id=row.customer_id,
        person_id=row.person_id,
        education=public["education"],
        hobbies=public["hobbies"],
        career_history=tuple(CareerStep(**step) for step in public["career_history"]),
        needs=tuple(needs),
        update_time=row.update_time,
        revision=row.revision,
        **{field: sensitive.get(field, "") for field in SENSITIVE_FIELDS},
    )


# ---------------------------------------------------------------------------------------------
# Account teams
# ---------------------------------------------------------------------------------------------


async def get_account_team(conn: AsyncConnection, customer_id: str) -> AccountTeam:
    head = (
        await conn.execute(
            sa.select(account_teams).where(account_teams.c.customer_id == customer_id)
        )
    ).first()
    if head is None:
        return AccountTeam(customer_id)
    members = (
        await conn.execute(
            sa.select(team_members)
            .where(team_members.c.customer_id == customer_id)
            .order_by(team_members.c.employee_id)
        )
    ).all()
    pairings = (
        await conn.execute(
            sa.select(person_pairings).where(person_pairings.c.customer_id == customer_id)
        )
    ).all()
    paired: dict[str, list[str]] = {}
    for row in pairings:
        paired.setdefault(row.employee_id, []).append(row.person_id)
    return AccountTeam(
        customer_id=customer_id,
        members=tuple(
            TeamMember(
                m.employee_id, m.role, m.backup_for, tuple(sorted(paired.get(m.employee_id, ())))
            )
            for m in members
        ),
        update_time=head.update_time,
        revision=head.revision,
    )


async def save_account_team(conn: AsyncConnection, team: AccountTeam, revision: int) -> bool:
    """Replace the team's members and pairings; False if another write came first."""
    head = {"update_time": team.update_time, "revision": team.revision}
    if revision == 0:
        try:
            async with conn.begin_nested():
                await conn.execute(
                    account_teams.insert().values(head | {"customer_id": team.customer_id})
                )
        except IntegrityError:
            return False
    else:
        result = await conn.execute(
            account_teams.update()
            .where(
                account_teams.c.customer_id == team.customer_id,
                account_teams.c.revision == revision,
            )
            .values(head)
        )
        if result.rowcount != 1:
            return False
    for table in (team_members, person_pairings):
        await conn.execute(table.delete().where(table.c.customer_id == team.customer_id))
    if team.members:
        await conn.execute(
            team_members.insert(),
            [
                {"customer_id": team.customer_id, "employee_id": m.employee_id, "role": m.role,
                 "backup_for": m.backup_for}
                for m in team.members
            ],
        )  # fmt: skip
    pairs = [
        {"customer_id": team.customer_id, "employee_id": m.employee_id, "person_id": p}
        for m in team.members
        for p in m.paired_person_ids
    ]
    if pairs:
        await conn.execute(person_pairings.insert(), pairs)
    return True


async def existing_persons(
    conn: AsyncConnection, customer_id: str, person_ids: set[str]
) -> set[str]:
    query = sa.select(persons.c.id).where(
        persons.c.customer_id == customer_id,
        persons.c.id.in_(person_ids),
        persons.c.delete_time.is_(None),
    )
    return set((await conn.execute(query)).scalars())


async def backups_of(conn: AsyncConnection, employee_id: str) -> set[str]:
    """Who backs the employee up (the B role) on any account team."""
    query = sa.select(team_members.c.employee_id).where(team_members.c.backup_for == employee_id)
    return set((await conn.execute(query)).scalars())


async def move_memberships(conn: AsyncConnection, from_id: str, to_id: str) -> None:
    """Give `from_id`'s account-team seats and person pairings to `to_id` (who keeps their own
    seat where they already have one), and make `to_id` the backed-up member in their stead."""
    seated = sa.select(team_members.c.customer_id).where(team_members.c.employee_id == to_id)
    paired = sa.select(person_pairings.c.person_id).where(person_pairings.c.employee_id == to_id)
    await conn.execute(
        team_members.delete().where(
            team_members.c.employee_id == from_id, team_members.c.customer_id.in_(seated)
        )
    )
    await conn.execute(
        team_members.update().where(team_members.c.employee_id == from_id).values(employee_id=to_id)
    )
    await conn.execute(
        team_members.update().where(team_members.c.backup_for == from_id).values(backup_for=to_id)
    )
    await conn.execute(  # a successor who was the backup backs up nobody now
        team_members.update()
        .where(team_members.c.backup_for == team_members.c.employee_id)
        .values(backup_for=None)
    )
    await conn.execute(
        person_pairings.delete().where(
            person_pairings.c.employee_id == from_id, person_pairings.c.person_id.in_(paired)
        )
    )
    await conn.execute(
        person_pairings.update()
        .where(person_pairings.c.employee_id == from_id)
        .values(employee_id=to_id)
    )


async def rate_credit(
    conn: AsyncConnection,
    customer: Customer,
    rating: str,
    cause: str,
    note: str,
    actor_id: str,
    when: datetime,
) -> None:
    """Set the rating and append it to the credit history (no new revision: finance's rating
    is not an edit of the record the account team holds an etag for)."""
    await conn.execute(
        customers.update().where(customers.c.id == customer.id).values(credit_rating=rating)
    )
    await conn.execute(
        credit_history.insert().values(
            customer_id=customer.id,
            previous_rating=customer.credit_rating,
            rating=rating,
            cause=cause,
            note=note,
            actor_id=actor_id,
            changed_at=when,
        )
    )


async def list_credit_history(conn: AsyncConnection, customer_id: str) -> list[sa.Row]:
    query = (
        sa.select(credit_history)
        .where(credit_history.c.customer_id == customer_id)
        .order_by(credit_history.c.id.desc())
    )
    return list((await conn.execute(query)).all())


async def record_revenue(conn: AsyncConnection, customer_id: str, year: int, amount: Money) -> None:
    """Set a year's revenue (a correction replaces the year)."""
    key = (yearly_revenue.c.customer_id == customer_id) & (yearly_revenue.c.year == year)
    await conn.execute(yearly_revenue.delete().where(key))
    await conn.execute(
        yearly_revenue.insert().values(
            customer_id=customer_id,
            year=year,
            currency=amount.currency_code,
            units=amount.units,
            nanos=amount.nanos,
        )
    )


async def list_revenue(conn: AsyncConnection, customer_id: str) -> list[tuple[int, Money]]:
    query = (
        sa.select(yearly_revenue)
        .where(yearly_revenue.c.customer_id == customer_id)
        .order_by(yearly_revenue.c.year)
    )
    rows = (await conn.execute(query)).all()
    return [(row.year, Money(row.currency, row.units, row.nanos)) for row in rows]


# ---------------------------------------------------------------------------------------------
# Reporting lines, influence links, persons-in-context and moves
# ---------------------------------------------------------------------------------------------


async def reporting_lines(conn: AsyncConnection, customer_id: str) -> dict[str, str | None]:
    """Every live person of the customer and whom they report to."""
    query = sa.select(persons.c.id, persons.c.reports_to_id).where(
        persons.c.customer_id == customer_id,
        persons.c.delete_time.is_(None),
        persons.c.moved_to.is_(None),
    )
    return {row.id: row.reports_to_id for row in (await conn.execute(query)).all()}


def _link(row: sa.Row) -> InfluenceLink:
    return InfluenceLink(
        id=row.id,
        customer_id=row.customer_id,
        source_id=row.source_id,
        target_id=row.target_id,
        kind=row.kind,
        direction=row.direction,
        strength=row.strength,
        note=row.note,
        create_time=row.create_time,
    )


async def insert_link(conn: AsyncConnection, link: InfluenceLink) -> None:
    await conn.execute(
        influence_links.insert().values(
            id=link.id,
            customer_id=link.customer_id,
            source_id=link.source_id,
            target_id=link.target_id,
            kind=link.kind,
            direction=link.direction,
            strength=link.strength,
            note=link.note,
            create_time=link.create_time,
        )
    )


async def get_link(conn: AsyncConnection, customer_id: str, link_id: str) -> InfluenceLink | None:
    query = sa.select(influence_links).where(
        influence_links.c.id == link_id, influence_links.c.customer_id == customer_id
    )
    row = (await conn.execute(query)).first()
    return _link(row) if row else None


async def delete_link(conn: AsyncConnection, link_id: str) -> None:
    await conn.execute(influence_links.delete().where(influence_links.c.id == link_id))


async def list_links(
    conn: AsyncConnection, scope: Scope, customer_id: str, person_id: str | None
) -> list[InfluenceLink]:
    """The customer's links whose two ends the caller may both see."""
    visible = _visible_persons(scope).where(persons.c.customer_id == customer_id)
    query = sa.select(influence_links).where(
        influence_links.c.customer_id == customer_id,
        influence_links.c.source_id.in_(visible),
        influence_links.c.target_id.in_(visible),
    )
    if person_id is not None:
        query = query.where(
            (influence_links.c.source_id == person_id) | (influence_links.c.target_id == person_id)
        )
    query = query.order_by(influence_links.c.create_time, influence_links.c.id)
    return [_link(row) for row in (await conn.execute(query)).all()]


def _visible_persons(scope: Scope) -> sa.Select:
    """The ids of the live persons the scope sees (the hierarchy rule over the person's owner,
    the account's owner and the person's pairings), in the scope's region."""
    return (
        sa.select(persons.c.id)
        .join(customers, customers.c.id == persons.c.customer_id)
        .where(
            persons.c.delete_time.is_(None),
            customers.c.delete_time.is_(None),
            customers.c.region == scope.region,
            _visible_to(scope, persons.c.owner_id, customers.c.owner_id)
            | _member_visible(scope, person_pairings.c.person_id, persons.c.id),
        )
    )


async def persons_of_individual(conn: AsyncConnection, scope: Scope, individual_id: str) -> list:
    """The persons-in-context of one human that the scope sees, oldest first."""
    query = (
        sa.select(persons)
        .where(persons.c.individual_id == individual_id, persons.c.id.in_(_visible_persons(scope)))
        .order_by(persons.c.create_time, persons.c.id)
    )
    return [_person(row) for row in (await conn.execute(query)).all()]


async def mark_moved(conn: AsyncConnection, person: Person, moved_to: str, when: datetime) -> bool:
    """The person left for another employer: kept, with its history, but no longer listed."""
    return await _write_version(
        conn,
        persons,
        person.id,
        person.revision,
        {"moved_to": moved_to, "update_time": when, "revision": person.revision + 1},
    )


async def record_move(conn: AsyncConnection, individual_id: str, move: dict) -> None:
    await conn.execute(person_moves.insert().values(move | {"individual_id": individual_id}))


async def list_moves(conn: AsyncConnection, individual_id: str) -> list[sa.Row]:
    query = (
        sa.select(person_moves)
        .where(person_moves.c.individual_id == individual_id)
        .order_by(person_moves.c.id)
    )
    return list((await conn.execute(query)).all())


async def get_department(
    conn: AsyncConnection, customer_id: str, department_id: str
) -> Department | None:
    query = sa.select(departments).where(
        departments.c.id == department_id, departments.c.customer_id == customer_id
    )
    row = (await conn.execute(query)).first()
    return _department(row) if row else None


async def department_customer(conn: AsyncConnection, department_id: str) -> str | None:
    query = sa.select(departments.c.customer_id).where(departments.c.id == department_id)
    return (await conn.execute(query)).scalar()


# ---------------------------------------------------------------------------------------------
# Search
# ---------------------------------------------------------------------------------------------


def _contains(column: sa.ColumnElement, text: str) -> sa.ColumnElement[bool]:
    pattern = "%" + text.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_") + "%"
    return column.like(pattern, escape="\\")


def _page(query: sa.Select, table: sa.Table, after, limit: int) -> sa.Select:
    if after is not None:
        query = query.where(sa.tuple_(table.c.create_time, table.c.id) > sa.tuple_(*after))
    return query.order_by(table.c.create_time, table.c.id).limit(limit)


async def search_customers(
    conn: AsyncConnection, scope: Scope, criteria: dict[str, str], after, limit: int
) -> list[Customer]:
    """Customers in scope matching every criterion (query, industry, region, tier, owner)."""
    query = sa.select(customers).where(
        customers.c.region == scope.region,
        customers.c.delete_time.is_(None),
        _visible_to(scope, customers.c.owner_id)
        | _member_visible(scope, team_members.c.customer_id, customers.c.id),
    )
    query = _customer_criteria(query, criteria)
    if text := criteria.get("query"):
        query = query.where(_contains(customers.c.search_key, text))
    if owner := criteria.get("owner"):
        query = query.where(customers.c.owner_id == owner)
    rows = (await conn.execute(_page(query, customers, after, limit))).all()
    return [_customer(row) for row in rows]


def _customer_criteria(query: sa.Select, criteria: dict[str, str]) -> sa.Select:
    for key in ("industry", "region", "tier"):
        if value := criteria.get(key):
            query = query.where(customers.c[key] == value)
    return query


async def search_persons(
    conn: AsyncConnection, scope: Scope, criteria: dict[str, str], after, limit: int
) -> list[Person]:
    """Live persons in scope matching every criterion; industry, region and tier are their
    customer's."""
    query = (
        sa.select(persons)
        .join(customers, customers.c.id == persons.c.customer_id)
        .where(persons.c.id.in_(_visible_persons(scope)), persons.c.moved_to.is_(None))
    )
    query = _customer_criteria(query, criteria)
    if text := criteria.get("query"):
        query = query.where(_contains(persons.c.search_key, text))
    if owner := criteria.get("owner"):
        query = query.where(persons.c.owner_id == owner)
    rows = (await conn.execute(_page(query, persons, after, limit))).all()
    return [_person(row) for row in rows]


# ---------------------------------------------------------------------------------------------
# Bulk import and export (natural keys; one statement per batch where it can be)
# ---------------------------------------------------------------------------------------------


def _among(conn: AsyncConnection, column: sa.Column, values) -> sa.ColumnElement[bool]:
    """`column IN values`; on PostgreSQL as one array parameter (a list of a thousand
    parameters is planned and compared one by one)."""
    if conn.dialect.name == "postgresql":
        array = sa.bindparam(None, list(values), type_=postgresql.ARRAY(column.type))
        return column == sa.any_(array)
    return column.in_(values)


async def customers_by_keys(
    conn: AsyncConnection, region: str, keys: list[str]
) -> dict[str, tuple[Customer, Record]]:
    """The live customers of `region` named by these keys (natural key, else id)."""
    found: dict[str, tuple[Customer, Record]] = {}
    base = (
        sa.select(customers, _owner.c.org_unit.label("owner_unit"))
        .outerjoin(_owner, _owner.c.employee_id == customers.c.owner_id)
        .where(customers.c.region == region, customers.c.delete_time.is_(None))
    )
    # Two indexed lookups (natural keys, then ids for the rest) rather than one OR.
    for column, wanted in ((customers.c.natural_key, set(keys)), (customers.c.id, None)):
        wanted = wanted if wanted is not None else set(keys) - found.keys()
        if not wanted:
            continue
        for row in (await conn.execute(base.where(_among(conn, column, wanted)))).all():
            entry = (_customer(row), _customer_record(row))
            found[row.natural_key if column is customers.c.natural_key else row.id] = entry
    return found


async def employees_by_ids(conn: AsyncConnection, ids: set[str]) -> dict[str, Employee]:
    """The employees with these ids, of any region (an import says whose they are)."""
    if not ids:
        return {}
    query = sa.select(employees).where(_among(conn, employees.c.employee_id, ids))
    return {row.employee_id: _employee(row) for row in (await conn.execute(query)).all()}


async def customer_groups(conn: AsyncConnection, customer_ids: set[str]) -> dict[str, str]:
    """The key (natural key, else id) of each of these customers' group, by customer id."""
    if not customer_ids:
        return {}
    group = customers.alias("grp")
    query = (
        sa.select(customers.c.id, group.c.id.label("group_id"), group.c.natural_key)
        .join(group, group.c.id == customers.c.parent_group_id)
        .where(_among(conn, customers.c.id, customer_ids))
    )
    rows = (await conn.execute(query)).all()
    return {row.id: row.natural_key or row.group_id for row in rows}


async def person_keys(conn: AsyncConnection, person_ids: set[str]) -> dict[str, str]:
    """The key (natural key, else id) of each of these persons, by id."""
    if not person_ids:
        return {}
    query = sa.select(persons.c.id, persons.c.natural_key).where(
        _among(conn, persons.c.id, person_ids)
    )
    return {row.id: row.natural_key or row.id for row in (await conn.execute(query)).all()}


async def insert_customers(conn: AsyncConnection, batch: list[Customer]) -> None:
    if batch:
        await bulk_insert(
            conn,
            customers,
            [
                _row_values(c)
                | {"id": c.id, "create_time": c.create_time, "request_id": None, "tier": c.tier,
                   "credit_rating": c.credit_rating, "natural_key": c.natural_key}
                for c in batch
            ],
        )  # fmt: skip


async def persons_by_keys(
    conn: AsyncConnection, customer_ids: set[str], keys: set[str]
) -> dict[tuple[str, str], tuple[Person, Record]]:
    """The live persons of these customers named by these keys (natural key, else id)."""
    if not keys:
        return {}
    query = (
        sa.select(
            persons,
            customers.c.region,
            customers.c.owner_id.label("account_owner_id"),
            _person_owner.c.org_unit.label("owner_unit"),
            _account_owner.c.org_unit.label("account_owner_unit"),
        )
        .join(customers, customers.c.id == persons.c.customer_id)
        .outerjoin(_person_owner, _person_owner.c.employee_id == persons.c.owner_id)
        .outerjoin(_account_owner, _account_owner.c.employee_id == customers.c.owner_id)
        .where(
            _among(conn, persons.c.customer_id, customer_ids),
            persons.c.delete_time.is_(None),
        )
    )
    found: dict[tuple[str, str], tuple[Person, Record]] = {}
    by_key = query.where(_among(conn, persons.c.natural_key, keys))
    for row in (await conn.execute(by_key)).all():
        found[(row.customer_id, row.natural_key)] = (_person(row), _person_record(row))
    by_id = query.where(_among(conn, persons.c.id, keys))
    for row in (await conn.execute(by_id)).all():
        found.setdefault((row.customer_id, row.id), (_person(row), _person_record(row)))
    return found


async def insert_persons(conn: AsyncConnection, batch: list[Person]) -> None:
    if batch:
        await bulk_insert(
            conn,
            persons,
            [
                _person_values(p)
                | {"id": p.id, "customer_id": p.customer_id, "create_time": p.create_time,
                   "request_id": None, "individual_id": p.individual_id or p.id,
                   "natural_key": p.natural_key}
                for p in batch
            ],
        )  # fmt: skip


async def log_many(conn: AsyncConnection, rows: list[dict]) -> None:
    """Append many field-history rows at once (record, field, old_value, new_value,
    actor_id, changed_at)."""
    await bulk_insert(conn, field_history, rows)


async def departments_of(
    conn: AsyncConnection, customer_ids: set[str]
) -> dict[str, list[Department]]:
    query = (
        sa.select(departments)
        .where(_among(conn, departments.c.customer_id, customer_ids))
        .order_by(departments.c.create_time, departments.c.id)
    )
    charts: dict[str, list[Department]] = {c: [] for c in customer_ids}
    for row in (await conn.execute(query)).all():
        charts[row.customer_id].append(_department(row))
    return charts


async def refresh_statistics(conn: AsyncConnection, table: sa.Table) -> None:
    """Let PostgreSQL's planner see a table a bulk load has grown (it would keep planning for
    the empty table it last analysed); SQLite plans without statistics."""
    if conn.dialect.name == "postgresql":
        await conn.execute(sa.text(f"ANALYZE {table.name}"))


async def customer_keys(conn: AsyncConnection, customer_ids: set[str]) -> dict[str, str]:
    query = sa.select(customers.c.id, customers.c.natural_key).where(
        customers.c.id.in_(customer_ids)
    )
    return {row.id: row.natural_key or row.id for row in (await conn.execute(query)).all()}
