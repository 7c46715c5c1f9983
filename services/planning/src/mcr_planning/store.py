"""Planning's shared tables and queries: customer teams and the stakeholders every record's
visibility follows. Functions take the caller's conn (one transaction); each area's tables and
queries are in its own `store` module.

Customer-scoped records are visible through the customer team's stakeholders; expansion cards
through their own (the owner), so a card is seen by its owner and the owner's superiors only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import TypeVar

import sqlalchemy as sa
from mcr_core.auth import Scope, Stakeholder, stakeholder_clause
from mcr_core.storage import UtcDateTime, upsert
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_planning.domain import Employee, GeneralLevel, Member, OrgLevel, Team

metadata = sa.MetaData()

teams = sa.Table(
    "teams",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("tier", sa.String(32), nullable=False),
    sa.Column("org_level", sa.String(16), nullable=False),
    sa.Column("general_level", sa.String(16), nullable=False),
    sa.Column("update_time", UtcDateTime(), nullable=False),
    sa.Column("etag", sa.String(32), nullable=False),
)

# Who a record is relevant to: "customers/{c}" for everything of a customer team, or
# "expansionCards/{id}" for a card.
stakeholders = sa.Table(
    "stakeholders",
    metadata,
    sa.Column("resource", sa.String(160), primary_key=True),
    sa.Column("employee_id", sa.String(128), primary_key=True),
    sa.Column("org_unit", sa.String(255), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
)


# Our employees as the archive announces them: grades, positions, managers.
employees = sa.Table(
    "employees",
    metadata,
    sa.Column("employee_id", sa.String(128), primary_key=True),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("org_unit", sa.String(255), nullable=False),
    sa.Column("job_grade", sa.Integer(), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.Column("manager", sa.String(128), nullable=False),
)


async def rows(conn: AsyncConnection, query) -> list[sa.Row]:
    return list((await conn.execute(query)).all())


async def first(conn: AsyncConnection, query) -> sa.Row | None:
    return (await conn.execute(query)).first()


# ---------------------------------------------------------------------------------------------
# Stakeholders and visibility
# ---------------------------------------------------------------------------------------------


async def stakeholders_of(conn: AsyncConnection, resource: str) -> list[sa.Row]:
    query = sa.select(stakeholders).where(stakeholders.c.resource == resource)
    return await rows(conn, query.order_by(stakeholders.c.role, stakeholders.c.employee_id))


async def set_stakeholders(
    conn: AsyncConnection, resource: str, members: Sequence[tuple[Stakeholder, str]]
) -> None:
    await conn.execute(stakeholders.delete().where(stakeholders.c.resource == resource))
    if members:
        await conn.execute(
            stakeholders.insert(),
            [
                {
                    "resource": resource,
                    "employee_id": s.employee_id,
                    "org_unit": s.org_unit,
                    "role": role,
                }
                for s, role in members
            ],
        )


async def org_unit_of(conn: AsyncConnection, employee_id: str) -> str:
    """Where an employee sits: as the archive announced them, else as any team or card of this
    service knows it ("" if unknown)."""
    known = await get_employee(conn, employee_id)
    if known is not None and known.org_unit:
        return known.org_unit
    query = sa.select(stakeholders.c.org_unit).where(
        stakeholders.c.employee_id == employee_id, stakeholders.c.org_unit != ""
    )
    return (await conn.execute(query.limit(1))).scalar_one_or_none() or ""


async def get_employee(conn: AsyncConnection, employee_id: str) -> Employee | None:
    row = await first(conn, sa.select(employees).where(employees.c.employee_id == employee_id))
    return record(Employee, row) if row else None


async def save_employee(conn: AsyncConnection, employee: Employee) -> None:
    values = {f.name: getattr(employee, f.name) for f in fields(Employee)}
    await conn.execute(upsert(conn, employees, values, ["employee_id"]))


async def employees_of_region(conn: AsyncConnection, region: str) -> list[Employee]:
    e = employees.c
    query = sa.select(employees).where(e.region == region).order_by(e.employee_id)
    return await records(conn, Employee, query)


async def seat_unit(conn: AsyncConnection, employee_id: str, org_unit: str) -> None:
    """An employee's seats without a known position take the one the archive announced."""
    s = stakeholders.c
    await conn.execute(
        stakeholders.update()
        .where(s.employee_id == employee_id, s.org_unit == "")
        .values(org_unit=org_unit)
    )


def visible(scope: Scope, resource: sa.ColumnElement) -> sa.ColumnElement[bool]:
    """Records whose stakeholders include the principal or someone they manage."""
    inner = stakeholder_clause(scope, stakeholders.c.employee_id, stakeholders.c.org_unit)
    return sa.exists().where(stakeholders.c.resource == resource, inner)


async def teams_page(
    conn: AsyncConnection, region: str | None, after: str, limit: int
) -> list[sa.Row]:
    query = sa.select(teams).where(teams.c.customer_id > after)
    if region is not None:
        query = query.where(teams.c.region == region)
    return await rows(conn, query.order_by(teams.c.customer_id).limit(limit))


# ---------------------------------------------------------------------------------------------
# Records and teams
# ---------------------------------------------------------------------------------------------

R = TypeVar("R")


def record(kind: type[R], row: sa.Row) -> R:
    """The domain record of a row: the dataclass's fields read from the columns of the same
    name (fields the table does not have keep their defaults)."""
    values = row._mapping
    return kind(**{f.name: values[f.name] for f in fields(kind) if f.name in values})  # type: ignore[call-arg, arg-type]


async def records(conn: AsyncConnection, kind: type[R], query) -> list[R]:
    return [record(kind, row) for row in await rows(conn, query)]


async def load_team(conn: AsyncConnection, customer_id: str) -> Team | None:
    row = await first(conn, sa.select(teams).where(teams.c.customer_id == customer_id))
    if row is None:
        return None
    members = tuple(
        Member(s.employee_id, s.org_unit, s.role)
        for s in await stakeholders_of(conn, customer_resource(customer_id))
    )
    return Team(
        row.customer_id,
        row.region,
        row.tier,
        OrgLevel(row.org_level),
        GeneralLevel(row.general_level),
        members,
        row.update_time,
        row.etag,
    )


async def save_team(conn: AsyncConnection, team: Team) -> None:
    values = {
        "customer_id": team.customer_id,
        "region": team.region,
        "tier": team.tier,
        "org_level": team.org_level.value,
        "general_level": team.general_level.value,
        "update_time": team.update_time,
        "etag": team.etag,
    }
    await conn.execute(upsert(conn, teams, values, ["customer_id"]))


async def set_tier(conn: AsyncConnection, customer_id: str, tier: str) -> None:
    await conn.execute(teams.update().where(teams.c.customer_id == customer_id).values(tier=tier))


async def customers_of_tier(conn: AsyncConnection, tier: str) -> list[str]:
    query = sa.select(teams.c.customer_id).where(teams.c.tier == tier)
    return list((await conn.execute(query)).scalars())


def customer_resource(customer_id: str) -> str:
    """The stakeholder resource of everything of a customer team."""
    return f"customers/{customer_id}"


async def lock_team(conn: AsyncConnection, customer_id: str) -> None:
    """Hold the team's row until the transaction ends (PostgreSQL; SQLite writers take turns)."""
    query = sa.select(teams.c.customer_id).where(teams.c.customer_id == customer_id)
    await conn.execute(query.with_for_update())


async def move_seat(
    conn: AsyncConnection, resource: str, from_employee: str, to_employee: str, org_unit: str
) -> None:
    """`from_employee`'s seat among a resource's stakeholders goes to `to_employee` (who keeps
    their own seat if they have one already)."""
    s = stakeholders.c
    seat = await first(
        conn, sa.select(stakeholders).where(s.resource == resource, s.employee_id == from_employee)
    )
    if seat is None:
        return
    await conn.execute(
        stakeholders.delete().where(s.resource == resource, s.employee_id == from_employee)
    )
    seated = await first(
        conn, sa.select(stakeholders).where(s.resource == resource, s.employee_id == to_employee)
    )
    if seated is None:
        await conn.execute(
            stakeholders.insert().values(
                resource=resource,
                employee_id=to_employee,
                org_unit=org_unit or seat.org_unit,
                role=seat.role,
            )
        )
