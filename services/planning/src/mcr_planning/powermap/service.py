"""Power map use cases: persons and edges, coverage gaps (announced as they open and close),
decision chains, tier compliance, and the relationships that change hands (decision 12).
One transaction per command, the customer team's visibility on every read."""

from __future__ import annotations

import uuid
from dataclasses import replace

from mcr.archive.v1 import customer_pb2, person_pb2
from mcr.archive.v1 import events_pb2 as archive_events
from mcr.insight.v1 import events_pb2 as insight_events
from mcr.satisfaction.v1 import events_pb2 as satisfaction_events
from mcr_core import names
from mcr_core.auth import Principal, Stakeholder
from mcr_core.bus import Event, handles
from mcr_core.errors import InvalidArgument, NotFound
from mcr_core.plugins import CustomerContext
from mcr_core.service import Kernel
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_planning import store as team_store
from mcr_planning.assessments.domain import weigh_risk
from mcr_planning.cards import store as card_store
from mcr_planning.cards.domain import ExpansionCard
from mcr_planning.domain import LEADER, PowerEdge, PowerPerson, Team, current_state
from mcr_planning.goals import store as goal_store
from mcr_planning.goals.domain import RelationshipGoal, relationship_goal_of
from mcr_planning.hooks import PlanningHooks
from mcr_planning.keypersons import store as target_store
from mcr_planning.mapping import employee_from_archive
from mcr_planning.powermap import events, store
from mcr_planning.powermap.domain import (
    ChainNode,
    DecisionChain,
    DecisionPattern,
    EdgeKind,
    EdgeRecord,
    Handover,
    ObligationStatus,
    OpenGap,
    OwnershipType,
    PowerMap,
    check_decision_chain,
    coverage_gaps,
    follow_archive,
    team_update,
    tier_compliance,
)
from mcr_planning.powermap.mapping import (
    INFLUENCE_KINDS,
    department_from_archive,
    person_from_archive,
)
from mcr_planning.service import ensure_team, visible_team
from mcr_planning.store import customer_resource

# The archive's OwnershipType, by enum number.
OWNERSHIP = {
    customer_pb2.OWNERSHIP_TYPE_PRIVATE: OwnershipType.PRIVATE,
    customer_pb2.OWNERSHIP_TYPE_STATE_OWNED: OwnershipType.STATE_OWNED,
    customer_pb2.OWNERSHIP_TYPE_FOREIGN: OwnershipType.FOREIGN,
    customer_pb2.OWNERSHIP_TYPE_LISTED: OwnershipType.LISTED,
}


async def person_on_map(conn: AsyncConnection, customer_id: str, person: str) -> PowerPerson:
    found = await store.get_person(conn, customer_id, person)
    if found is None:
        raise NotFound(f"{person} is not on the power map: add the person first")
    return found


async def power_edges(conn: AsyncConnection, customer_id: str) -> list[PowerEdge]:
    return [
        PowerEdge(e.source, e.target, EdgeKind(e.kind))
        for e in await store.edges_of(conn, customer_id)
    ]


class CoverageGaps:
    """A customer's open coverage gaps, computed again after every change that can move them."""

    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel

    async def refresh(self, conn: AsyncConnection, team: Team) -> None:
        """Compute the customer's gaps again; announce the ones that opened and closed."""
        customer_id, now = team.customer_id, self.kernel.clock.now()
        # One refresh of a customer at a time (PostgreSQL): two concurrent ones would both
        # see a new gap and both announce it. Rows read after the lock include the other's.
        await team_store.lock_team(conn, customer_id)
        persons = await store.persons_of(conn, customer_id)
        obligations = frozenset(await store.obligations_of(conn, team.tier))
        goal = await self._binding_goal(conn, customer_id)
        found = {
            g.key: g
            for g in coverage_gaps(
                f"customers/{customer_id}",
                obligations,
                persons,
                await power_edges(conn, customer_id),
                goal,
                frozenset(await target_store.backed_up_persons(conn, customer_id)),
            )
        }
        stored = {g.key: g for g in await store.gaps_of(conn, customer_id)}
        for key, gap in found.items():
            if key not in stored:
                opened = OpenGap(
                    customer_id,
                    key,
                    str(uuid.uuid4()),
                    gap.kind.value,
                    gap.subject,
                    gap.detail,
                    now,
                    gap.scenario,
                )
                await store.add_gap(conn, opened)
                await events.coverage_gap_opened(self.kernel.outbox, conn, team.region, opened)
        for key, gap in stored.items():
            if key not in found:
                await store.delete_gap(conn, customer_id, key)
                await events.coverage_gap_closed(self.kernel.outbox, conn, team.region, gap, now)

    async def _binding_goal(
        self, conn: AsyncConnection, customer_id: str
    ) -> RelationshipGoal | None:
        """The most demanding relationship goal of the customer's goals not yet past."""
        rows = await goal_store.goals_from(conn, customer_id, self.kernel.clock.now().year)
        goals = [relationship_goal_of(g.relationship_goal) for g in rows]
        return max(goals, key=lambda goal: goal.exclusive_cxos, default=None)

    @handles(insight_events.TierPolicyChanged)
    async def on_tier_policy_changed(self, message, event: Event, conn: AsyncConnection) -> None:
        policy = message.policy
        codes = [o.code for o in policy.relationship_obligations]
        await store.save_obligations(conn, policy.tier, codes, policy.etag)
        for customer_id in await team_store.customers_of_tier(conn, policy.tier):
            team = await team_store.load_team(conn, customer_id)
            if team is not None:
                await self.refresh(conn, team)


class PowerMaps:
    """Persons and edges of a customer's power map, and its tier compliance."""

    def __init__(self, kernel: Kernel, hooks: PlanningHooks, gaps: CoverageGaps) -> None:
        self.kernel = kernel
        self.hooks = hooks
        self.gaps = gaps

    async def power_map(self, principal: Principal, customer_id: str) -> PowerMap:
        async with self.kernel.db.read() as conn:
            await visible_team(self.kernel, conn, principal, customer_id)
            return PowerMap(
                await store.persons_of(conn, customer_id),
                await store.edges_of(conn, customer_id),
                await store.gaps_of(conn, customer_id),
                await store.departments_of(conn, customer_id),
            )

    async def update_person(
        self, principal: Principal, customer_id: str, person: PowerPerson, fields: set[str] | None
    ) -> PowerPerson:
        scale = (await self.hooks.rules()).scale
        scale.check(person.support, "power_map_person.support")
        for competitor, level in person.competitor_support.items():
            scale.check(level, f"power_map_person.competitor_support[{competitor}]")
        async with self.kernel.db.transaction() as conn:
            team = await visible_team(self.kernel, conn, principal, customer_id)
            current = await store.get_person(conn, customer_id, person.person)
            if current is None or not current.in_archive:
                # The archive's persons come onto the map by its events; a team cannot add one.
                raise InvalidArgument.field(
                    "power_map_person.person", f"the archive does not know {person.person}"
                )
            person = team_update(current, person, fields)
            await store.save_person(conn, customer_id, person)
            await self.gaps.refresh(conn, team)
            return person

    async def delete_person(self, principal: Principal, customer_id: str, person: str) -> None:
        async with self.kernel.db.transaction() as conn:
            team = await visible_team(self.kernel, conn, principal, customer_id)
            await person_on_map(conn, customer_id, person)
            await store.delete_person(conn, customer_id, person)
            await self.gaps.refresh(conn, team)

    async def create_edge(
        self, principal: Principal, customer_id: str, edge: PowerEdge
    ) -> EdgeRecord:
        if edge.source == edge.target:
            raise InvalidArgument.field("power_map_edge.target", "an edge joins two persons")
        async with self.kernel.db.transaction() as conn:
            team = await visible_team(self.kernel, conn, principal, customer_id)
            for name, value in (("source", edge.source), ("target", edge.target)):
                if await store.get_person(conn, customer_id, value) is None:
                    raise InvalidArgument.field(
                        f"power_map_edge.{name}", f"{value} is not on the power map"
                    )
            created = EdgeRecord(
                str(uuid.uuid4()), customer_id, edge.source, edge.target, edge.kind.value
            )
            await store.add_edge(conn, created)
            await self.gaps.refresh(conn, team)
            return created

    async def delete_edge(self, principal: Principal, customer_id: str, edge_id: str) -> None:
        async with self.kernel.db.transaction() as conn:
            team = await visible_team(self.kernel, conn, principal, customer_id)
            found = await store.get_edge(conn, edge_id)
            if found is None or found.customer_id != customer_id:
                raise NotFound(f"customers/{customer_id}/powerMapEdges/{edge_id} not found")
            await store.delete_edge(conn, edge_id)
            await self.gaps.refresh(conn, team)

    async def compliance(
        self, principal: Principal, customer_id: str
    ) -> tuple[str, list[ObligationStatus]]:
        rules = await self.hooks.rules()
        async with self.kernel.db.read() as conn:
            team = await visible_team(self.kernel, conn, principal, customer_id)
            persons = await store.persons_of(conn, customer_id)
            edges = await power_edges(conn, customer_id)
            obligations = await store.obligations_of(conn, team.tier)
        state = current_state(persons, team.org_level, team.general_level)
        return team.tier, tier_compliance(obligations, state, persons, edges, rules.thresholds)

    @handles(satisfaction_events.RiskSignalled)
    async def on_risk_signalled(self, message, event: Event, conn: AsyncConnection) -> None:
        """A risk at a person (satisfaction): their support on the power map is weighed down."""
        customer_id, _ = names.person_ids(message.person, "person")
        team = await team_store.load_team(conn, customer_id)
        current = await store.get_person(conn, customer_id, message.person)
        if team is None or current is None:
            return  # not on our power map: nothing to weigh
        scale = (await self.hooks.rules()).scale
        weighed = replace(current, support=weigh_risk(current.support, scale))
        await store.save_person(conn, customer_id, weighed)
        await self.gaps.refresh(conn, team)


class DecisionChains:
    """How a customer decides, drawn from persons on its power map (book §1.19 step 1)."""

    def __init__(self, kernel: Kernel, hooks: PlanningHooks) -> None:
        self.kernel = kernel
        self.hooks = hooks

    async def create_chain(
        self, principal: Principal, customer_id: str, scenario: str, nodes: list[ChainNode]
    ) -> DecisionChain:
        async with self.kernel.db.transaction() as conn:
            await visible_team(self.kernel, conn, principal, customer_id)
            on_map = {p.person for p in await store.persons_of(conn, customer_id)}
            check_decision_chain(scenario, nodes, on_map)
            chain = DecisionChain(
                str(uuid.uuid4()),
                customer_id,
                scenario.strip(),
                [{"person": n.person, "role": n.role.value, "hidden": n.hidden} for n in nodes],
                self.kernel.clock.now(),
            )
            await store.add_chain(conn, chain)
            return chain

    async def chains(self, principal: Principal, customer_id: str) -> list[DecisionChain]:
        async with self.kernel.db.read() as conn:
            await visible_team(self.kernel, conn, principal, customer_id)
            return await store.chains_of(conn, customer_id)

    async def decision_pattern(self, customer_id: str) -> DecisionPattern | None:
        """The packs' pattern for the customer's industry and ownership type (read outside any
        transaction: a plugin may take its timeout)."""
        async with self.kernel.db.read() as conn:
            facts = await store.customer_facts_of(conn, customer_id)
        customer = CustomerContext(
            customer_id,
            facts.region if facts else "",
            facts.industry if facts else "",
            (facts.ownership_type if facts else "") or OwnershipType.UNSPECIFIED.value,
        )
        found, _ = await self.hooks.decision_pattern(customer)
        return found[0] if found else None


class OrgChart:
    """The power map follows the archive (decision 7): its customers, departments, persons with
    their decision roles, layers, veto and reporting lines, and influence links arrive by the
    archive's events and are drawn without a planning write; departures leave the map."""

    def __init__(self, kernel: Kernel, gaps: CoverageGaps) -> None:
        self.kernel = kernel
        self.gaps = gaps

    @handles(archive_events.CustomerCreated, archive_events.CustomerUpdated)
    async def on_customer_changed(self, message, event: Event, conn: AsyncConnection) -> None:
        """Keep the facts the decision patterns need; a customer new to planning gets its
        team, led by the archive's owner, so its map is seen before anyone plans it."""
        customer = message.customer
        customer_id = names.customer_id(customer.name, "customer.name")
        await store.save_customer_facts(
            conn,
            customer_id,
            customer.region,
            customer.industry,
            OWNERSHIP.get(customer.ownership_type, OwnershipType.UNSPECIFIED).value,
            self.kernel.clock.now(),
        )
        if await team_store.load_team(conn, customer_id) is None:
            owner = names.optional_employee_id(customer.owner, "customer.owner")
            await seat_owner(self.kernel, conn, customer_id, customer.region, owner)

    @handles(archive_events.PersonCreated, archive_events.PersonUpdated)
    async def on_person_changed(self, message, event: Event, conn: AsyncConnection) -> None:
        fact = person_from_archive(message.person)
        customer_id, _ = names.person_ids(fact.person, "person.name")
        if fact.departed:
            await store.delete_person(conn, customer_id, fact.person)
        else:
            current = await store.get_person(conn, customer_id, fact.person)
            await store.save_person(conn, customer_id, follow_archive(current, fact))
            line = [fact.reports_to] if fact.reports_to else []
            drawn = [
                self._edge(customer_id, fact.person, t, EdgeKind.REPORTING, fact.person)
                for t in line
            ]
            await store.replace_record_edges(conn, customer_id, fact.person, drawn)
        await self._refresh(conn, customer_id)

    @handles(archive_events.PersonDeleted)
    async def on_person_deleted(self, message, event: Event, conn: AsyncConnection) -> None:
        customer_id, _ = names.person_ids(message.name, "name")
        await store.delete_person(conn, customer_id, message.name)
        await self._refresh(conn, customer_id)

    @handles(archive_events.DepartmentChanged)
    async def on_department_changed(self, message, event: Event, conn: AsyncConnection) -> None:
        department = department_from_archive(message.department)
        if message.deleted:
            await store.delete_department(conn, department.customer_id, department.department)
        else:
            await store.save_department(conn, department)

    @handles(archive_events.InfluenceLinkChanged)
    async def on_influence_link_changed(self, message, event: Event, conn: AsyncConnection) -> None:
        customer_id, _ = names.parse(message.name, "customers/{}/influenceLinks/{}", "name")
        drawn = []
        if not message.deleted:
            conflict = message.kind == person_pb2.INFLUENCE_KIND_CONFLICT
            kind = EdgeKind.CONFLICT if conflict else EdgeKind.INFLUENCE
            ends = [(message.source, message.target)]
            if message.direction == person_pb2.INFLUENCE_DIRECTION_MUTUAL:
                ends.append((message.target, message.source))
            influence = INFLUENCE_KINDS.get(message.kind, "")
            drawn = [
                self._edge(customer_id, source, target, kind, message.name, influence)
                for source, target in ends
            ]
        await store.replace_record_edges(conn, customer_id, message.name, drawn)
        await self._refresh(conn, customer_id)

    @handles(archive_events.EmployeeChanged)
    async def on_employee_changed(self, message, event: Event, conn: AsyncConnection) -> None:
        employee = employee_from_archive(message.employee)
        await team_store.save_employee(conn, employee)
        if employee.org_unit:
            await team_store.seat_unit(conn, employee.employee_id, employee.org_unit)

    @staticmethod
    def _edge(
        customer_id: str, source: str, target: str, kind: EdgeKind, record: str, influence=""
    ) -> EdgeRecord:
        return EdgeRecord(
            str(uuid.uuid4()), customer_id, source, target, kind.value, record, influence
        )

    async def _refresh(self, conn: AsyncConnection, customer_id: str) -> None:
        team = await team_store.load_team(conn, customer_id)
        if team is not None:
            await self.gaps.refresh(conn, team)


async def seat_owner(
    kernel: Kernel, conn: AsyncConnection, customer_id: str, region: str, owner: str
) -> None:
    """A planning team for a customer the archive announced, its owner as the leader."""
    await ensure_team(kernel, conn, customer_id, region)
    if owner:
        org_unit = await team_store.org_unit_of(conn, owner)
        seat = Stakeholder(owner, org_unit)
        await team_store.set_stakeholders(conn, customer_resource(customer_id), [(seat, LEADER)])


class Handovers:
    """Relationships change hands (decision 12): a person's power-map owner, the targets' A and
    B roles and the cards move to the successor, and the handover is kept."""

    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel

    async def handovers(self, principal: Principal, customer_id: str) -> list[Handover]:
        async with self.kernel.db.read() as conn:
            await visible_team(self.kernel, conn, principal, customer_id)
            return await store.handovers_of(conn, customer_id)

    @handles(archive_events.PersonMoved)
    async def on_person_moved(self, message, event: Event, conn: AsyncConnection) -> None:
        names.person_ids(message.person, "person")
        reason = f"the person moved ({message.territory_case})"
        await self.reassign(
            conn,
            message.person,
            message.previous_person or message.person,
            names.optional_employee_id(message.previous_owner, "employee"),
            names.optional_employee_id(message.owner, "employee"),
            reason,
        )

    @handles(archive_events.PortfolioTransferred)
    async def on_portfolio_transferred(self, message, event: Event, conn: AsyncConnection) -> None:
        for person in message.persons:
            names.person_ids(person, "persons")
        await self.transfer_portfolio(
            conn,
            names.optional_employee_id(message.from_employee, "employee"),
            names.optional_employee_id(message.to_employee, "employee"),
            message.region,
            message.reason,
            [names.customer_id(c, "customers") for c in message.customers],
            list(message.persons),
        )

    async def reassign(
        self,
        conn: AsyncConnection,
        person: str,
        previous_person: str,
        from_employee: str,
        to_employee: str,
        reason: str,
    ) -> None:
        await store.hand_over_persons(conn, previous_person, from_employee, to_employee)
        await target_store.hand_over_targets(conn, previous_person, from_employee, to_employee)
        moving = await card_store.cards_of_person(conn, previous_person, from_employee)
        await move_cards(conn, moving, to_employee)
        handover = Handover(
            customer_id=person.split("/")[1],
            person=person,
            from_employee=from_employee,
            to_employee=to_employee,
            reason=reason,
            handover_time=self.kernel.clock.now(),
        )
        await store.add_handover(conn, handover)

    async def transfer_portfolio(
        self,
        conn: AsyncConnection,
        from_employee: str,
        to_employee: str,
        region: str,
        reason: str,
        customers: list[str],
        persons: list[str],
    ) -> None:
        """An employee leaves or rotates (decision 12): each named relationship is handed
        over; then everything else of theirs in the region moves too: their cards, their A and
        B roles on targets, their seats on the named customers' teams."""
        why = f"portfolio transferred: {reason}"
        for person in persons:
            await self.reassign(conn, person, person, from_employee, to_employee, why)
        owned = await card_store.cards_of_owner(conn, from_employee, region)
        await move_cards(conn, owned, to_employee)
        await target_store.transfer_targets(conn, from_employee, to_employee, region)
        org_unit = await team_store.org_unit_of(conn, to_employee)
        for customer_id in customers:
            await team_store.move_seat(
                conn, customer_resource(customer_id), from_employee, to_employee, org_unit
            )


async def move_cards(conn: AsyncConnection, cards: list[ExpansionCard], to_employee: str) -> None:
    """The cards go to `to_employee`, who becomes their stakeholder (the card's visibility)."""
    org_unit = await team_store.org_unit_of(conn, to_employee)
    for card in cards:
        unit = org_unit or card.owner_org_unit  # the successor sits where we know them
        await card_store.set_owner(conn, card.id, to_employee, unit)
        await team_store.set_stakeholders(
            conn, card.name, [(Stakeholder(to_employee, unit), LEADER)]
        )
