"""What insight's use cases share: the customer a caller may see (decision 11: through the
stakeholders kept from the archive's events), and the packs' first valid answer to a hook.
Each area's use cases are in its own `service` module (`tiers`, `sandbox`, `monitoring`,
`analyses`, `products`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from mcr.archive.v1 import events_pb2 as archive_events
from mcr_core import names
from mcr_core.auth import Principal, Record, Stakeholder
from mcr_core.bus import Event, handles
from mcr_core.errors import FailedPrecondition, NotFound
from mcr_core.plugins import PluginFailure
from mcr_core.protobuf import from_timestamp
from mcr_core.service import Kernel
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_insight import store
from mcr_insight.domain import EMPLOYEE_PREFIX, CustomerFacts

T = TypeVar("T")


async def visible_customer(
    kernel: Kernel, conn: AsyncConnection, principal: Principal, customer_id: str
) -> CustomerFacts:
    """The archive's facts about a customer the caller may see: of their region, and one of
    their own or of someone they manage (its owner or account team). Every area asks here
    before it reads or writes anything of one customer. Another region's or a peer's customer
    is "not found": its existence is not disclosed."""
    facts = await store.get_facts(conn, customer_id)
    if facts is None or not await allows(kernel, conn, principal, facts):
        raise NotFound(f"customers/{customer_id} not found")
    return facts


async def classified_customer(
    kernel: Kernel, conn: AsyncConnection, principal: Principal, customer_id: str
) -> CustomerFacts:
    """A customer of the caller's region, for its classified records alone (information
    products, book ch.2 §1.13): their readers are named by rank and commission, whichever
    team they are on, so the record's own classification decides, not the customer's team."""
    facts = await store.get_facts(conn, customer_id)
    if facts is None or facts.region != principal.region:
        raise NotFound(f"customers/{customer_id} not found")
    return facts


async def allows(
    kernel: Kernel, conn: AsyncConnection, principal: Principal, facts: CustomerFacts
) -> bool:
    if facts.region != principal.region:
        return False  # no stakeholder query for another region's customer
    return kernel.policy.allows(principal, await customer_record(conn, facts))


def oversees(kernel: Kernel, principal: Principal) -> bool:
    """Whether the principal sees every customer of their region (the hierarchy does not
    narrow what they see): whole-portfolio views may name customers to them; to anyone else
    they are counts (decision 11)."""
    return kernel.policy.scope(principal).employee_id is None


async def customer_record(conn: AsyncConnection, facts: CustomerFacts) -> Record:
    """What the visibility policy needs of a customer; a record of it (a classified product)
    adds its own classification to it."""
    return Record(facts.region, await store.stakeholders_of(conn, facts.id))


class CustomerStakeholders:
    """Keeps each customer's account team as stakeholders, from the archive's events (the
    owner comes with the customer's own events, see `TierScoring.customer_changed`)."""

    @handles(archive_events.AccountTeamChanged)
    async def on_account_team_changed(self, message, event: Event, conn: AsyncConnection) -> None:
        team = message.account_team
        customer_id = names.customer_id(team.name.removesuffix("/accountTeam"), "account_team")
        when = from_timestamp(team.update_time) if team.HasField("update_time") else event.time
        known = await store.team_time(conn, customer_id)
        if known is not None and known > when:
            return  # an older team arrived late
        members = [
            Stakeholder(
                m.employee.removeprefix(EMPLOYEE_PREFIX),
                message.member_org_units.get(m.employee, ""),
            )
            for m in team.members
        ]
        await store.save_stakeholders(conn, customer_id, store.TEAM, members)
        await store.save_team_time(conn, customer_id, when)


def answered(found: T | None, failures: Sequence[PluginFailure], what: str) -> T:
    """A hook's answer, or FAILED_PRECONDITION naming every plugin that failed to give `what`."""
    if found is None:
        reasons = "; ".join(f"{f.plugin}: {f.reason}" for f in failures) or "none answered"
        raise FailedPrecondition(f"no active pack {what} ({reasons})")
    return found
