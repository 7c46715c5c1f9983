"""The table and queries of information products."""

from __future__ import annotations

from dataclasses import asdict

import sqlalchemy as sa
from mcr_core.storage import UtcDateTime
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_insight.products.domain import Commission, InformationProduct, ProductKind
from mcr_insight.store import metadata

information_products = sa.Table(
    "information_products",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("body", sa.Text(), nullable=False),
    sa.Column("commission", sa.JSON(), nullable=True),
    sa.Column("author", sa.String(128), nullable=False),
    sa.Column("create_time", UtcDateTime(), nullable=False),
    sa.Index("ix_information_products_customer", "customer_id", "create_time"),
)


# ---------------------------------------------------------------------------------------------
# Information products
# ---------------------------------------------------------------------------------------------


def _product(row: sa.Row) -> InformationProduct:
    commission = row.commission
    return InformationProduct(
        id=row.id,
        customer_id=row.customer_id,
        region=row.region,
        kind=ProductKind(row.kind),
        title=row.title,
        body=row.body,
        commission=Commission(commission["department"], tuple(commission["grantees"]))
        if commission
        else None,
        author=row.author,
        create_time=row.create_time,
    )


async def add_product(conn: AsyncConnection, p: InformationProduct) -> None:
    await conn.execute(
        information_products.insert().values(
            id=p.id,
            customer_id=p.customer_id,
            region=p.region,
            kind=p.kind.value,
            title=p.title,
            body=p.body,
            commission=asdict(p.commission) if p.commission else None,
            author=p.author,
            create_time=p.create_time,
        )
    )


async def get_product(
    conn: AsyncConnection, customer_id: str, product_id: str
) -> InformationProduct | None:
    query = sa.select(information_products).where(
        information_products.c.id == product_id,
        information_products.c.customer_id == customer_id,
    )
    row = (await conn.execute(query)).first()
    return _product(row) if row else None


async def products_of(conn: AsyncConnection, customer_id: str) -> list[InformationProduct]:
    query = (
        sa.select(information_products)
        .where(information_products.c.customer_id == customer_id)
        .order_by(information_products.c.create_time.desc(), information_products.c.id)
    )
    return [_product(row) for row in await conn.execute(query)]
