"""The kernel's one home for resource names, protobuf times and enums, typed event handlers and
servicers cut by area."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from enum import StrEnum

import pytest
from mcr.archive.v1 import events_pb2 as archive_events
from mcr.insight.v1 import events_pb2 as insight_events
from mcr.insight.v1 import insight_service_pb2
from mcr_core import names
from mcr_core.bus import Event, Handlers, PoisonEvent, handles
from mcr_core.bus.envelope import cloudevent_headers
from mcr_core.errors import InvalidArgument
from mcr_core.protobuf import from_timestamp, parse_enum, required_time, timestamp
from mcr_core.rpc.areas import serve_areas


def test_a_name_gives_its_ids_or_names_the_bad_field():
    assert names.person_ids("customers/c-1/persons/p.2", "parent") == ("c-1", "p.2")
    assert names.parse_one("customers/c1/tierAssignment", "customers/{}/tierAssignment", "name")
    with pytest.raises(InvalidArgument) as refused:
        names.customer_id("customers/c1/persons/p1", "target.customer")
    [violation] = refused.value.violations
    assert violation.field == "target.customer"
    assert "customers/{id}" in violation.description
    assert names.employee_name("") == "" and names.employee_name("e-1") == "employees/e-1"


def test_times_and_enums_round_trip_and_refuse_with_the_field():
    moment = datetime(2027, 3, 31, 23, 59, 59, tzinfo=UTC)
    assert from_timestamp(timestamp(moment)) == moment

    class Level(StrEnum):
        LOW = "low"

    assert parse_enum(Level, "low", "level") is Level.LOW
    with pytest.raises(InvalidArgument, match=r"team\.level"):
        parse_enum(Level, "high", "team.level")
    with pytest.raises(InvalidArgument, match=r"card\.due_time"):
        required_time(insight_events.TierChanged(), "change_time", "card.due_time")


class Tiers:
    def __init__(self) -> None:
        self.seen: list[str] = []

    @handles(insight_events.TierChanged)
    async def on_tier_changed(self, message, event, conn) -> None:
        self.seen.append(message.tier)

    @handles(insight_events.TierPolicyChanged)
    async def on_policy(self, message, event, conn) -> None:
        names.customer_id(message.policy.tier, "policy.tier")  # a DomainError: never better


def _received(message) -> tuple[str, dict[str, str], bytes]:
    headers = cloudevent_headers(
        event_id=str(uuid.uuid4()),
        source="mcr/insight",
        event_type=message.DESCRIPTOR.full_name,
        time=datetime.now(UTC),
        resource="",
    )
    return "mcr.insight.x", headers, message.SerializeToString()


async def test_a_consumer_dispatches_by_the_types_its_handlers_declare():
    tiers = Tiers()
    handlers = Handlers("test-consumer", tiers)
    event = handlers.decode(*_received(insight_events.TierChanged(tier="A")))
    assert isinstance(event, Event) and isinstance(event.message, insight_events.TierChanged)
    await handlers.handle(event, None)
    assert tiers.seen == ["A"]
    # A type no handler declared can never succeed here: it is poison, not retried.
    with pytest.raises(PoisonEvent, match="test-consumer does not handle"):
        handlers.decode(*_received(archive_events.CustomerDeleted(name="customers/c1")))
    # A handler's DomainError (against the contract) is poison too.
    policy = handlers.decode(*_received(insight_events.TierPolicyChanged()))
    with pytest.raises(PoisonEvent, match=r"cannot use mcr\.insight\.v1\.TierPolicyChanged"):
        await handlers.handle(policy, None)


def test_two_handlers_of_one_type_are_refused():
    with pytest.raises(TypeError, match="two handlers"):
        Handlers("twice", Tiers(), Tiers())


def test_one_service_is_served_by_exactly_one_area_per_rpc():
    service = insight_service_pb2.DESCRIPTOR.services_by_name["InsightService"]

    class Clv:
        async def ComputeRetentionClv(self, request, context):
            return "served by Clv"

    class Servicer:
        pass

    with pytest.raises(TypeError, match="GetTierAssignment must be served by one area"):
        serve_areas(Servicer(), service, Clv())
