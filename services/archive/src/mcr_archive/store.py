"""The archive's tables and queries. Functions take the caller's conn (one transaction)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from mcr_core.auth import Scope
from mcr_core.listing import Comparison
from mcr_core.storage import UtcDateTime
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_archive.domain import Customer, LifecycleState, Money

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
)

# Filterable API fields and their columns; lifecycle_state takes the enum's API spelling.
FILTER_COLUMNS = {
    "display_name": customers.c.display_name,
    "industry": customers.c.industry,
    "country_code": customers.c.country_code,
    "parent_group": customers.c.parent_group_id,
    "lifecycle_state": customers.c.lifecycle_state,
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
    }


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
    }
    try:
        async with conn.begin_nested():
            await conn.execute(customers.insert().values(values))
    except IntegrityError:
        if request_id is None:
            raise
        return False
    return True


# Built once: constructing a statement costs more than running it on a primary key.
_GET_CUSTOMER = sa.select(customers).where(
    customers.c.id == sa.bindparam("customer_id"), customers.c.delete_time.is_(None)
)


async def get_customer(conn: AsyncConnection, customer_id: str) -> Customer | None:
    row = (await conn.execute(_GET_CUSTOMER, {"customer_id": customer_id})).first()
    return _customer(row) if row else None


async def get_by_request_id(conn: AsyncConnection, request_id: str) -> Customer | None:
    row = (
        await conn.execute(sa.select(customers).where(customers.c.request_id == request_id))
    ).first()
    return _customer(row) if row else None


async def update_customer(
    conn: AsyncConnection, customer: Customer, expected_revision: int
) -> bool:
    """Write a new version; False if someone else wrote one since `expected_revision`."""
    result = await conn.execute(
        customers.update()
        .where(customers.c.id == customer.id, customers.c.revision == expected_revision)
        .values(_row_values(customer))
    )
    return result.rowcount == 1


async def mark_deleted(
    conn: AsyncConnection, customer_id: str, expected_revision: int, when: datetime
) -> bool:
    result = await conn.execute(
        customers.update()
        .where(customers.c.id == customer_id, customers.c.revision == expected_revision)
        .values(delete_time=when, update_time=when, revision=expected_revision + 1)
    )
    return result.rowcount == 1


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
        customers.c.region == scope.region, customers.c.delete_time.is_(None)
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
