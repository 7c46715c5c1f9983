"""The published event contract (`/asyncapi.json`) against the code that publishes.

Publishers are found two ways: statically, every subject the services' code names
(`event_subject(...)` and subject strings, in publishers and consumers alike) must be a channel
of the contract; at run time, a service's outbox refuses an event that is not in the contract,
so a new publisher with no entry fails the first test that exercises it.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import httpx
import jsonschema
import pytest
from google.protobuf import descriptor_pb2, wrappers_pb2
from mcr.insight.v1 import events_pb2 as insight_events
from mcr_core.bus.asyncapi import document
from mcr_core.bus.contract import EventContract, UndeclaredEvent
from mcr_core.bus.outbox import Outbox
from mcr_core.clock import FakeClock
from mcr_gateway.app import create_app
from mcr_gateway.config import GatewaySettings

ROOT = Path(__file__).resolve().parents[1]
SERVICES = ("archive", "insight", "planning", "contact", "satisfaction")
# The sources that stage events: the services and the kernel's roll-up.
SOURCES = [*sorted((ROOT / "services").glob("*/src/**/*.py")), ROOT / "core/src/mcr_core/rollup.py"]
SCHEMA = json.loads((Path(__file__).parent / "contract" / "asyncapi-3.0.0.schema.json").read_text())


def subjects_named_in(source: str) -> set[str]:
    """The subjects a module names: `event_subject(a, b, c)` with `*` for a computed token,
    and string constants shaped like a service's subject (filters end in `>`)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "event_subject":
            tokens = [a.value if isinstance(a, ast.Constant) else "*" for a in node.args]
            found.add("mcr." + ".".join(tokens))
        elif isinstance(node, ast.Constant) and _subject_like(node.value):
            found.add(node.value)
    return found


def _subject_like(value: object) -> bool:
    # `mcr.<service>.v1.<Message>` names a type (a `ce-type`), not a subject.
    parts = value.split(".") if isinstance(value, str) else []
    return (
        len(parts) >= 3
        and parts[:2] == ["mcr", parts[1]]
        and parts[1] in SERVICES
        and parts[2] != "v1"
        and all(p.replace("_", "").isalnum() or p in ("*", ">") for p in parts[2:])
    )


def unlisted(subjects: set[str], contract: EventContract) -> list[str]:
    """The subjects no channel of the contract carries."""

    def listed(subject: str) -> bool:
        if subject.endswith(".>"):
            return any(c.subject.startswith(subject[:-1]) for c in contract.channels)
        if "*" in subject:  # a computed token: a channel with a parameter there
            return any(_fits(subject.split("."), c.subject.split(".")) for c in contract.channels)
        return contract.channel_for(subject) is not None

    return sorted(s for s in subjects if not listed(s))


def _fits(parts: list[str], channel: list[str]) -> bool:
    if len(parts) != len(channel):
        return False
    return all(
        p == q or (p == "*" and q.startswith("{")) for p, q in zip(parts, channel, strict=True)
    )


@pytest.fixture(scope="module")
def contract() -> EventContract:
    return EventContract.load()


def test_every_subject_the_code_names_is_in_the_contract(contract):
    named = set()
    for path in SOURCES:
        named |= subjects_named_in(path.read_text())
    assert len(named) >= 35  # the scan found the services' subjects
    assert unlisted(named, contract) == []


def test_a_subject_with_no_entry_is_found():
    """The scan can fail: a publisher of a new subject, or of a misspelt one, is reported."""
    source = 'NEW = event_subject("contact", "visit", "planned")\nX = "mcr.insight.tier.chnged"\n'
    found = subjects_named_in(source)
    assert unlisted(found, EventContract.load()) == [
        "mcr.contact.visit.planned",
        "mcr.insight.tier.chnged",
    ]


def test_every_message_of_an_events_proto_is_an_event(contract):
    """An event message without its subject would be published nowhere the contract says."""
    published = {c.message for c in contract.channels}
    for file in contract.files:
        if file.name.endswith("/events.proto"):
            names = {f"{file.package}.{m.name}" for m in file.message_type}
            assert names <= published, file.name


async def test_the_outbox_refuses_an_event_the_contract_does_not_list(contract):
    outbox = Outbox("mcr/insight", FakeClock(), contract=contract)
    message = insight_events.TierChanged(customer="customers/c-1", tier="A")
    [row] = outbox._rows([("mcr.insight.tier.changed", message, "customers/c-1")])
    assert row["headers"]["ce-dataschema"] == "urn:mcr:event:mcr.insight.v1.TierChanged"
    with pytest.raises(UndeclaredEvent, match="not in the event contract"):
        outbox._rows([("mcr.insight.tier.removed", message, "customers/c-1")])
    with pytest.raises(UndeclaredEvent):
        outbox._rows([("mcr.insight.tier.changed", wrappers_pb2.StringValue(), "x")])


def test_the_document_is_valid_asyncapi_and_lists_every_event(contract):
    doc = json.loads(json.dumps(document()))
    jsonschema.Draft7Validator(SCHEMA).validate(doc)
    messages = doc["components"]["messages"]
    for channel in contract.channels:
        found = doc["channels"][channel.id]
        assert found["address"] == channel.subject
        message = messages[channel.message]
        assert message["x-dataschema"] == f"urn:mcr:event:{channel.message}"
        assert message["examples"][0]["headers"]["ce-type"] == channel.message
        assert message["description"]  # the proto's comment
        schema = doc["components"]["schemas"][channel.message]
        assert set(message["examples"][0]["payload"]) == set(schema["properties"])
    headers = doc["components"]["schemas"]["CloudEventHeaders"]["properties"]
    assert {"ce-id", "ce-type", "ce-dataschema", "traceparent", "Nats-Msg-Id"} <= set(headers)
    assert doc["channels"]["mcr.satisfaction.issue.change"]["parameters"]["change"]["enum"]
    broken = json.loads(json.dumps(doc))
    broken["channels"]["mcr.insight.tier.changed"]["address"] = 7
    with pytest.raises(jsonschema.ValidationError):  # the validation can fail
        jsonschema.Draft7Validator(SCHEMA).validate(broken)


def test_a_payload_schema_follows_the_protobuf_json_mapping():
    doc = document()
    customer = doc["components"]["schemas"]["mcr.archive.v1.Customer"]["properties"]
    assert customer["displayName"]["type"] == "string"
    assert customer["createTime"]["format"] == "date-time"
    assert customer["annualRevenue"] == {
        "$ref": "#/components/schemas/mcr.common.v1.Money",
        "description": customer["annualRevenue"]["description"],
    }
    assert descriptor_pb2.FieldDescriptorProto  # the mapping is read from the descriptors


async def test_the_gateway_serves_the_contract_without_a_token(auth_keys, tmp_path):
    settings = GatewaySettings(auth_public_key_file=auth_keys.public_key_file, data_dir=tmp_path)
    app = create_app(settings)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://gateway"
    ) as client:
        answer = await client.get("/asyncapi.json")
    assert answer.status_code == 200
    assert answer.json()["asyncapi"] == "3.0.0"
    assert "mcr.insight.tier.changed" in answer.json()["channels"]
