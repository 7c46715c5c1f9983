"""The archive's events: subjects and the functions that stage them in the outbox."""

from __future__ import annotations

from google.protobuf.field_mask_pb2 import FieldMask
from mcr.archive.v1 import events_pb2
from mcr.insight.v1 import events_pb2 as insight_events_pb2
from mcr_core.bus import Event, EventConsumer, Outbox, PoisonEvent, event_subject
from mcr_core.service import Kernel
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_archive import store
from mcr_archive.domain import (
    EMPLOYEE_PREFIX,
    AccountTeam,
    Customer,
    Department,
    Employee,
    InfluenceLink,
    Money,
    Person,
    customer_id_from_name,
)
from mcr_archive.mapping import (
    account_team_to_proto,
    customer_to_proto,
    department_to_proto,
    employee_to_proto,
    influence_to_proto,
    money_to_proto,
    person_to_proto,
)

CUSTOMER_CREATED = event_subject("archive", "customer", "created")
CUSTOMER_UPDATED = event_subject("archive", "customer", "updated")
CUSTOMER_DELETED = event_subject("archive", "customer", "deleted")
PERSON_CREATED = event_subject("archive", "person", "created")
PERSON_UPDATED = event_subject("archive", "person", "updated")
PERSON_DELETED = event_subject("archive", "person", "deleted")
DEPARTMENT_CHANGED = event_subject("archive", "department", "changed")
PORTFOLIO_TRANSFERRED = event_subject("archive", "portfolio", "transferred")
POSTCARD_UPDATED = event_subject("archive", "postcard", "updated")
ACCOUNT_TEAM_CHANGED = event_subject("archive", "account_team", "changed")
REVENUE_RECORDED = event_subject("archive", "revenue", "recorded")
PERSON_MOVED = event_subject("archive", "person", "moved")
HANDOVER_INTRODUCTION_REQUESTED = event_subject("archive", "handover", "introduction_requested")
INFLUENCE_LINK_CHANGED = event_subject("archive", "influence_link", "changed")
EMPLOYEE_CHANGED = event_subject("archive", "employee", "changed")


async def org_unit_of(conn: AsyncConnection, employee_id: str) -> str:
    """An employee's org unit, "" if the archive does not know them. The customer events carry
    the owner's, and the team's its members', so that other services apply decision 11 to
    what they keep about the customer without asking the archive."""
    employee = await store.get_employee(conn, employee_id)
    return employee.org_unit if employee else ""


async def customer_created(outbox: Outbox, conn: AsyncConnection, customer: Customer) -> None:
    message = events_pb2.CustomerCreated(
        customer=customer_to_proto(customer),
        owner_org_unit=await org_unit_of(conn, customer.owner_id),
    )
    await outbox.add(conn, CUSTOMER_CREATED, message, resource=customer.name)


async def customer_updated(
    outbox: Outbox, conn: AsyncConnection, customer: Customer, changed: tuple[str, ...]
) -> None:
    message = events_pb2.CustomerUpdated(
        customer=customer_to_proto(customer),
        changed_fields=FieldMask(paths=list(changed)),
        owner_org_unit=await org_unit_of(conn, customer.owner_id),
    )
    await outbox.add(conn, CUSTOMER_UPDATED, message, resource=customer.name)


async def customer_deleted(outbox: Outbox, conn: AsyncConnection, customer: Customer) -> None:
    message = events_pb2.CustomerDeleted(name=customer.name, region=customer.region)
    await outbox.add(conn, CUSTOMER_DELETED, message, resource=customer.name)


async def person_created(
    outbox: Outbox, conn: AsyncConnection, person: Person, region: str
) -> None:
    message = events_pb2.PersonCreated(person=person_to_proto(person), region=region)
    await outbox.add(conn, PERSON_CREATED, message, resource=person.name)


async def person_updated(
    outbox: Outbox, conn: AsyncConnection, person: Person, changed: tuple[str, ...], region: str
) -> None:
    message = events_pb2.PersonUpdated(
        person=person_to_proto(person), changed_fields=FieldMask(paths=list(changed)), region=region
    )
    await outbox.add(conn, PERSON_UPDATED, message, resource=person.name)


async def person_deleted(
    outbox: Outbox, conn: AsyncConnection, person: Person, region: str
) -> None:
    message = events_pb2.PersonDeleted(name=person.name, region=region)
    await outbox.add(conn, PERSON_DELETED, message, resource=person.name)


async def department_changed(
    outbox: Outbox, conn: AsyncConnection, department: Department, deleted: bool = False
) -> None:
    message = events_pb2.DepartmentChanged(
        department=department_to_proto(department), deleted=deleted
    )
    await outbox.add(conn, DEPARTMENT_CHANGED, message, resource=department.name)


async def portfolio_transferred(
    outbox: Outbox,
    conn: AsyncConnection,
    from_id: str,
    to_id: str,
    reason: str,
    region: str,
    customers: list[Customer],
    persons: list[Person],
) -> None:
    """One event per moved record (their owner changed), then the hand-over itself, which the
    contact service turns into joint introduction visits."""
    for customer in customers:
        await customer_updated(outbox, conn, customer, ("owner",))
    for person in persons:
        await person_updated(outbox, conn, person, ("owner",), region)
    message = events_pb2.PortfolioTransferred(
        from_employee=f"{EMPLOYEE_PREFIX}{from_id}",
        to_employee=f"{EMPLOYEE_PREFIX}{to_id}",
        reason=reason,
        customers=[c.name for c in customers],
        persons=[p.name for p in persons],
        region=region,
    )
    await outbox.add(conn, PORTFOLIO_TRANSFERRED, message, resource=f"{EMPLOYEE_PREFIX}{from_id}")
    for person in persons:  # each relationship that changed hands: a joint introduction visit
        introduction = events_pb2.HandoverIntroductionRequested(
            person=person.name,
            customer=f"customers/{person.customer_id}",
            region=region,
            from_employee=f"{EMPLOYEE_PREFIX}{from_id}",
            to_employee=f"{EMPLOYEE_PREFIX}{to_id}",
            reason=reason,
        )
        await outbox.add(conn, HANDOVER_INTRODUCTION_REQUESTED, introduction, resource=person.name)


async def postcard_updated(
    outbox: Outbox, conn: AsyncConnection, name: str, changed: tuple[str, ...], region: str
) -> None:
    message = events_pb2.PostcardUpdated(
        name=name, changed_fields=FieldMask(paths=list(changed)), region=region
    )
    await outbox.add(conn, POSTCARD_UPDATED, message, resource=name)


async def account_team_changed(
    outbox: Outbox, conn: AsyncConnection, team: AccountTeam, region: str
) -> None:
    members = {m.employee_id for m in team.members}
    units = {
        f"{EMPLOYEE_PREFIX}{e.employee_id}": e.org_unit
        for e in (await store.employees_by_ids(conn, members)).values()
    }
    message = events_pb2.AccountTeamChanged(
        account_team=account_team_to_proto(team), region=region, member_org_units=units
    )
    await outbox.add(conn, ACCOUNT_TEAM_CHANGED, message, resource=team.name)


async def revenue_recorded(
    outbox: Outbox, conn: AsyncConnection, customer: Customer, year: int, amount: Money
) -> None:
    message = events_pb2.YearlyRevenueRecorded(
        customer=customer.name, region=customer.region, year=year, amount=money_to_proto(amount)
    )
    await outbox.add(conn, REVENUE_RECORDED, message, resource=customer.name)


async def person_moved(outbox: Outbox, conn: AsyncConnection, move: dict) -> None:
    """The move (names only: nothing personal in events), and, when the relationship changes
    hands, the joint introduction visit the contact service schedules (book ch.3 §1.21)."""
    previous_owner = f"{EMPLOYEE_PREFIX}{move['previous_owner']}"
    owner = f"{EMPLOYEE_PREFIX}{move['owner']}"
    message = events_pb2.PersonMoved(
        person=move["person"],
        previous_person=move["previous_person"],
        previous_department=move["previous_department"],
        department=move["department"],
        previous_region=move["previous_region"],
        region=move["region"],
        previous_owner=previous_owner,
        owner=owner,
        territory_case=move["territory_case"],
    )
    await outbox.add(conn, PERSON_MOVED, message, resource=move["person"])
    if move["previous_owner"] != move["owner"]:
        customer = move["person"].split("/persons/")[0]
        introduction = events_pb2.HandoverIntroductionRequested(
            person=move["person"],
            customer=customer,
            region=move["region"],
            from_employee=previous_owner,
            to_employee=owner,
            reason=f"territory rule: {move['territory_case']}",
        )
        await outbox.add(
            conn, HANDOVER_INTRODUCTION_REQUESTED, introduction, resource=move["person"]
        )


async def influence_link_changed(
    outbox: Outbox, conn: AsyncConnection, link: InfluenceLink, region: str, deleted: bool = False
) -> None:
    described = influence_to_proto(link)
    message = events_pb2.InfluenceLinkChanged(
        name=link.name,
        source=link.person(link.source_id),
        target=link.person(link.target_id),
        region=region,
        deleted=deleted,
        kind=described.kind,
        direction=described.direction,
        strength=described.strength,
    )
    await outbox.add(conn, INFLUENCE_LINK_CHANGED, message, resource=link.name)


def employee_changed_event(employee: Employee) -> tuple[str, events_pb2.EmployeeChanged, str]:
    """The event of an employee recorded or changed (for a batch's outbox staging)."""
    message = events_pb2.EmployeeChanged(employee=employee_to_proto(employee))
    return EMPLOYEE_CHANGED, message, employee.name


async def employee_changed(outbox: Outbox, conn: AsyncConnection, employee: Employee) -> None:
    subject, message, resource = employee_changed_event(employee)
    await outbox.add(conn, subject, message, resource=resource)


# --- consumed: insight's tier decisions ---------------------------------------------------------

TIER_CHANGED = event_subject("insight", "tier", "changed")


async def on_tier_changed(event: Event, conn: AsyncConnection) -> None:
    """Keep the tier insight decided next to the customer, for search and the console."""
    message = event.message
    if not isinstance(message, insight_events_pb2.TierChanged):
        raise PoisonEvent(f"archive does not handle {event.type}")
    customer_id = customer_id_from_name(message.customer, "customer")
    await store.set_tier(conn, customer_id, message.tier)


def tier_consumer(kernel: Kernel) -> EventConsumer:
    return kernel.consumer("archive-tiers", "insight", [TIER_CHANGED], on_tier_changed)
