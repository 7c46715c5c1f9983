"""Support levels derived from evidence (decision 7): the key events contact records move a
person's per-dimension level, decision-time behaviour weighs most, evidence ages out by the
configured half-life on the fake clock, every level cites the events behind it, a region's
plugin replaces the rule, and a team's override needs a justification and expires."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import grpc
import pytest
from mcr.contact.v1 import events_pb2 as contact_events
from mcr.planning.v1 import planning_pb2
from mcr.planning.v1 import planning_service_pb2 as pb
from mcr_core.plugins import hookimpl
from mcr_planning.hooks import Citation, DerivedLevel
from planning_kit import eventually, violations
from test_planning_year import person, stamp

START = datetime(2026, 1, 5, 9, tzinfo=UTC)


class LatestWins:
    """A region's rule: the latest event of a dimension is its level."""

    @hookimpl
    def planning_support_levels(self, evidence, now, rules):
        latest = {}
        for e in sorted(evidence, key=lambda e: e.occur_time):
            cited = (Citation(e.key_event, e.occur_time, e.impact, 1.0),)
            latest[e.dimension] = DerivedLevel(e.dimension, e.impact, cited)
        return list(latest.values())


async def test_a_year_of_evidence_moves_and_ages_the_derived_levels(
    planning, map_person, stub, auth, team, publish, fake_clock, region
):
    fake_clock.set(START)
    lead = auth("e-lead")
    customer = (await team()).name.removesuffix("/planningTeam")
    cto = f"{customer}/persons/cto"
    await map_person(person(customer, "cto", layer="high"), lead)
    name = f"{cto}/derivedSupport"

    async def derived():
        found = await stub.GetDerivedSupport(pb.GetDerivedSupportRequest(name=name), metadata=lead)
        return {d.dimension: d for d in found.levels}, found.derived_by

    assert (await derived()) == ({}, "mcr_planning.defaults")  # no evidence, no level

    async def key_event(dimension: str, impact: int) -> str:
        event = f"{customer}/keyEvents/k-{uuid.uuid4().hex[:8]}"
        recorded = contact_events.KeyEventRecorded(
            key_event=event,
            customer=customer,
            region=region,
            person=cto,
            dimension=dimension,
            impact=impact,
            occur_time=stamp(fake_clock.now()),
        )
        await publish("mcr.contact.key_event.recorded", recorded, event)
        return event

    # January: the CTO voted against us in the bid evaluation; a friendly dinner the same week.
    vote = await key_event("decision_support", -2)
    dinner = await key_event("acceptance", 1)

    async def cites(*events):
        levels, _ = await derived()
        cited = {c.key_event for d in levels.values() for c in d.citations}
        return levels if set(events) <= cited else None

    levels = await eventually(lambda: cites(vote, dinner))
    assert levels["decision_support"].level == -2 and levels["acceptance"].level == 1
    # Decision-time behaviour weighs most: three times a dinner of the same day.
    weights = {c.key_event: c.weight for d in levels.values() for c in d.citations}
    assert weights[vote] == 3 * weights[dinner]

    # Nine months on (one and a half half-lives), the CTO backs our solution at the board.
    fake_clock.advance(timedelta(days=270))
    backing = await key_event("decision_support", 3)
    levels = await eventually(lambda: cites(backing))
    support = levels["decision_support"]
    assert [c.key_event for c in support.citations] == [vote, backing]  # oldest first
    aged, fresh = (c.weight for c in support.citations)
    assert round(aged / fresh, 2) == round(0.5**1.5, 2)  # the vote aged out by its half-life
    assert support.level == 2  # (−2 × 0.35 + 3 × 1) / 1.35 ≈ 1.7
    assert support.citations[0].occur_time.ToDatetime(UTC) == START

    # A year after the vote every weight has fallen again (read, not stored: evidence ages);
    # their ratio holds, so the level does too until newer evidence comes.
    fake_clock.set(START + timedelta(days=365))
    levels, _ = await derived()
    later = levels["decision_support"]
    assert [c.weight < w for c, w in zip(later.citations, (aged, fresh), strict=True)] == [
        True,
        True,
    ]
    assert later.level == 2

    # The region replaces the rule through its plugin.
    planning.plugins.register(LatestWins(), name="latest-wins")
    levels, plugin = await derived()
    assert plugin == "latest-wins"
    assert {d: (v.level, [c.key_event for c in v.citations]) for d, v in levels.items()} == {
        "decision_support": (3, [backing]),
        "acceptance": (1, [dinner]),
    }


async def test_an_override_needs_a_justification_and_expires(
    map_person, stub, auth, team, publish, fake_clock, region
):
    fake_clock.set(START)
    lead = auth("e-lead")
    customer = (await team()).name.removesuffix("/planningTeam")
    cto = f"{customer}/persons/cto"
    await map_person(person(customer, "cto", layer="high"), lead)
    name = f"{cto}/derivedSupport"
    event = f"{customer}/keyEvents/k-vote"
    await publish(
        "mcr.contact.key_event.recorded",
        contact_events.KeyEventRecorded(
            key_event=event,
            customer=customer,
            region=region,
            person=cto,
            dimension="decision_support",
            impact=-1,
            occur_time=stamp(fake_clock.now()),
        ),
        event,
    )

    async def support():
        found = await stub.GetDerivedSupport(pb.GetDerivedSupportRequest(name=name), metadata=lead)
        return {d.dimension: d for d in found.levels}.get("decision_support")

    assert (await eventually(support)).level == -1

    def override(**fields):
        values = {"dimension": "decision_support", "level": 1} | fields
        return stub.CreateSupportOverride(
            pb.CreateSupportOverrideRequest(
                parent=name, support_override=planning_pb2.SupportOverride(**values)
            ),
            metadata=lead,
        )

    # No justification, a level off the scale, an expiry beyond the longest span: refused.
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await override(level=5, expire_time=stamp(START + timedelta(days=400)))
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(violations(refused.value)) == {
        "support_override.level",
        "support_override.justification",
        "support_override.expire_time",
    }

    why = "the vote was the board's line; in private he backs our solution"
    overridden = await override(justification=why, expire_time=stamp(START + timedelta(days=30)))
    level = {d.dimension: d for d in overridden.levels}["decision_support"]
    assert (level.level, level.derived_level) == (1, -1)
    assert level.override.justification == why
    assert level.override.author == "employees/e-lead"
    assert [c.key_event for c in level.citations] == [event]  # the evidence still shows

    # A month on the override has expired: the evidence speaks again.
    fake_clock.set(START + timedelta(days=31))
    after = await support()
    assert (after.level, after.HasField("override")) == (-1, False)
