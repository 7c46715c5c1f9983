"""The power map's tables and queries: persons, edges, open coverage gaps, decision chains,
handovers, the tiers' obligations, and the archive's facts the decision patterns need.
"""

from __future__ import annotations

from dataclasses import asdict

import sqlalchemy as sa
from mcr_core.storage import UtcDateTime, upsert
from mcr_core.storage.types import BigSerial
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_planning.domain import DecisionRole, Layer, PowerPerson
from mcr_planning.powermap.domain import (
    DecisionChain,
    Department,
    EdgeRecord,
    Handover,
    OpenGap,
)
from mcr_planning.store import first, metadata, record, records, rows

tier_obligations = sa.Table(
    "tier_obligations",
    metadata,
    sa.Column("tier", sa.String(32), primary_key=True),
    sa.Column("codes", sa.JSON(), nullable=False),
    sa.Column("etag", sa.String(64), nullable=False),
)

persons = sa.Table(
    "persons",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("person", sa.String(200), primary_key=True),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("layer", sa.String(16), nullable=False),
    sa.Column("support", sa.Integer(), nullable=False),
    sa.Column("competitor_support", sa.JSON(), nullable=False),
    sa.Column("coach", sa.Boolean(), nullable=False),
    sa.Column("veto", sa.Boolean(), nullable=False),
    sa.Column("owner", sa.String(128), nullable=False),
    sa.Column("target_level", sa.Integer(), nullable=True),
    sa.Column("in_archive", sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column("decision_roles", sa.JSON(), nullable=True),
    sa.Column("customer_layer", sa.String(16), nullable=False, server_default=""),
    sa.Column("department", sa.String(200), nullable=False, server_default=""),
    sa.Column("reports_to", sa.String(200), nullable=False, server_default=""),
    sa.Column("outside_org_chart", sa.Boolean(), nullable=False, server_default=sa.false()),
)

edges = sa.Table(
    "edges",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("source", sa.String(200), nullable=False),
    sa.Column("target", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("archive_record", sa.String(200), nullable=False, server_default=""),
    sa.Column("influence_kind", sa.String(16), nullable=False, server_default=""),
)

# The customer's organisation chart as the archive announces it.
departments = sa.Table(
    "departments",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("department", sa.String(200), primary_key=True),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("parent_department", sa.String(200), nullable=False),
)

gaps = sa.Table(
    "gaps",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("key", sa.String(255), primary_key=True),
    sa.Column("id", sa.String(36), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("subject", sa.String(200), nullable=False),
    sa.Column("detail", sa.Text(), nullable=False),
    sa.Column("open_time", UtcDateTime(), nullable=False),
    sa.Column("scenario", sa.String(200), nullable=False, server_default=""),
)

# The archive's facts planning's rules depend on, kept from its customer events.
customer_facts = sa.Table(
    "customer_facts",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("industry", sa.String(64), nullable=False),
    sa.Column("ownership_type", sa.String(16), nullable=False),
    sa.Column("update_time", UtcDateTime(), nullable=False),
)

decision_chains = sa.Table(
    "decision_chains",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("scenario", sa.String(200), nullable=False),
    sa.Column("nodes", sa.JSON(), nullable=False),
    sa.Column("create_time", UtcDateTime(), nullable=False),
)

handovers = sa.Table(
    "handovers",
    metadata,
    sa.Column("seq", BigSerial, primary_key=True, autoincrement=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("person", sa.String(200), nullable=False),
    sa.Column("from_employee", sa.String(128), nullable=False),
    sa.Column("to_employee", sa.String(128), nullable=False),
    sa.Column("reason", sa.Text(), nullable=False),
    sa.Column("handover_time", UtcDateTime(), nullable=False),
)


def person_of(row: sa.Row) -> PowerPerson:
    return PowerPerson(
        person=row.person,
        display_name=row.display_name,
        role=DecisionRole(row.role),
        layer=Layer(row.layer),
        support=row.support,
        competitor_support=dict(row.competitor_support),
        coach=row.coach,
        veto=row.veto,
        owner=row.owner,
        target_level=row.target_level,
        in_archive=row.in_archive,
        decision_roles=tuple((s, DecisionRole(r)) for s, r in row.decision_roles or ()),
        customer_layer=Layer(row.customer_layer) if row.customer_layer else None,
        department=row.department,
        reports_to=row.reports_to,
        outside_org_chart=row.outside_org_chart,
    )


async def persons_of(conn: AsyncConnection, customer_id: str) -> list[PowerPerson]:
    query = sa.select(persons).where(persons.c.customer_id == customer_id)
    return [person_of(r) for r in await rows(conn, query.order_by(persons.c.person))]


async def get_person(conn: AsyncConnection, customer_id: str, person: str) -> PowerPerson | None:
    p = persons.c
    row = await first(
        conn, sa.select(persons).where(p.customer_id == customer_id, p.person == person)
    )
    return person_of(row) if row else None


async def save_person(conn: AsyncConnection, customer_id: str, p: PowerPerson) -> None:
    values = {
        "customer_id": customer_id,
        "person": p.person,
        "display_name": p.display_name,
        "role": p.role.value,
        "layer": p.layer.value,
        "support": p.support,
        "competitor_support": dict(p.competitor_support),
        "coach": p.coach,
        "veto": p.veto,
        "owner": p.owner,
        "target_level": p.target_level,
        "in_archive": p.in_archive,
        "decision_roles": [[scenario, role.value] for scenario, role in p.decision_roles],
        "customer_layer": p.customer_layer.value if p.customer_layer else "",
        "department": p.department,
        "reports_to": p.reports_to,
        "outside_org_chart": p.outside_org_chart,
    }
    await conn.execute(upsert(conn, persons, values, ["customer_id", "person"]))


async def delete_person(conn: AsyncConnection, customer_id: str, person: str) -> None:
    """The person and every edge that touches them."""
    p, e = persons.c, edges.c
    await conn.execute(persons.delete().where(p.customer_id == customer_id, p.person == person))
    touching = (e.source == person) | (e.target == person)
    await conn.execute(edges.delete().where(e.customer_id == customer_id, touching))


async def hand_over_persons(
    conn: AsyncConnection, person: str, from_employee: str, to_employee: str
) -> None:
    """`person`'s power-map owner becomes `to_employee` wherever it was `from_employee`."""
    p = persons.c
    await conn.execute(
        persons.update()
        .where(p.person == person, p.owner == from_employee)
        .values(owner=to_employee)
    )


async def edges_of(conn: AsyncConnection, customer_id: str) -> list[EdgeRecord]:
    query = sa.select(edges).where(edges.c.customer_id == customer_id).order_by(edges.c.id)
    return await records(conn, EdgeRecord, query)


async def get_edge(conn: AsyncConnection, edge_id: str) -> EdgeRecord | None:
    row = await first(conn, sa.select(edges).where(edges.c.id == edge_id))
    return record(EdgeRecord, row) if row else None


async def add_edge(conn: AsyncConnection, edge: EdgeRecord) -> None:
    await conn.execute(edges.insert().values(asdict(edge)))


async def delete_edge(conn: AsyncConnection, edge_id: str) -> None:
    await conn.execute(edges.delete().where(edges.c.id == edge_id))


async def replace_record_edges(
    conn: AsyncConnection, customer_id: str, archive_record: str, drawn: list[EdgeRecord]
) -> None:
    """The edges that follow one archive record become `drawn` (none when it was deleted)."""
    e = edges.c
    await conn.execute(
        edges.delete().where(e.customer_id == customer_id, e.archive_record == archive_record)
    )
    if drawn:
        await conn.execute(edges.insert(), [asdict(edge) for edge in drawn])


async def departments_of(conn: AsyncConnection, customer_id: str) -> list[Department]:
    d = departments.c
    query = sa.select(departments).where(d.customer_id == customer_id).order_by(d.department)
    return await records(conn, Department, query)


async def save_department(conn: AsyncConnection, department: Department) -> None:
    await conn.execute(upsert(conn, departments, asdict(department), ["customer_id", "department"]))


async def delete_department(conn: AsyncConnection, customer_id: str, department: str) -> None:
    d = departments.c
    await conn.execute(
        departments.delete().where(d.customer_id == customer_id, d.department == department)
    )


async def gaps_of(conn: AsyncConnection, customer_id: str) -> list[OpenGap]:
    query = sa.select(gaps).where(gaps.c.customer_id == customer_id)
    return await records(conn, OpenGap, query.order_by(gaps.c.open_time, gaps.c.key))


async def add_gap(conn: AsyncConnection, gap: OpenGap) -> None:
    await conn.execute(gaps.insert().values(asdict(gap)))


async def delete_gap(conn: AsyncConnection, customer_id: str, key: str) -> None:
    await conn.execute(gaps.delete().where(gaps.c.customer_id == customer_id, gaps.c.key == key))


async def obligations_of(conn: AsyncConnection, tier: str) -> list[str]:
    """The relationship obligations of a tier as its last published policy lists them."""
    if not tier:
        return []
    row = await first(conn, sa.select(tier_obligations).where(tier_obligations.c.tier == tier))
    return list(row.codes) if row else []


async def save_obligations(conn: AsyncConnection, tier: str, codes: list[str], etag: str) -> None:
    values = {"tier": tier, "codes": codes, "etag": etag}
    await conn.execute(upsert(conn, tier_obligations, values, ["tier"]))


async def customer_facts_of(conn: AsyncConnection, customer_id: str) -> sa.Row | None:
    """(region, industry, ownership type) of a customer as the archive last announced them."""
    f = customer_facts.c
    row = await first(conn, sa.select(customer_facts).where(f.customer_id == customer_id))
    return row


async def save_customer_facts(
    conn: AsyncConnection, customer_id: str, region: str, industry: str, ownership: str, when
) -> None:
    values = {
        "customer_id": customer_id,
        "region": region,
        "industry": industry,
        "ownership_type": ownership,
        "update_time": when,
    }
    await conn.execute(upsert(conn, customer_facts, values, ["customer_id"]))


async def add_chain(conn: AsyncConnection, chain: DecisionChain) -> None:
    await conn.execute(decision_chains.insert().values(asdict(chain)))


async def chains_of(conn: AsyncConnection, customer_id: str) -> list[DecisionChain]:
    d = decision_chains.c
    query = sa.select(decision_chains).where(d.customer_id == customer_id)
    return await records(conn, DecisionChain, query.order_by(d.create_time, d.id))


async def add_handover(conn: AsyncConnection, handover: Handover) -> None:
    await conn.execute(handovers.insert().values(asdict(handover)))


async def handovers_of(conn: AsyncConnection, customer_id: str) -> list[Handover]:
    h = handovers.c
    query = sa.select(handovers).where(h.customer_id == customer_id).order_by(h.seq)
    return await records(conn, Handover, query)
