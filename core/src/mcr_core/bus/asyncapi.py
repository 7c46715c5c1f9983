"""The AsyncAPI 3.0 document of the platform's events, generated from the event contract.

One channel per subject (a parameter per braced token), one `send` operation per channel, and
for each message: its CloudEvents headers and what they mean, a JSON Schema of its payload in
the protobuf JSON mapping (the wire carries the binary encoding, `application/protobuf`), the
comments of the `.proto` as descriptions, and an example built from the field comments. The
gateway serves it at `/asyncapi.json`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from google.protobuf import descriptor_pb2

from mcr_core.bus.contract import Channel, EventContract, comments
from mcr_core.bus.grants import RESERVED

FieldType = descriptor_pb2.FieldDescriptorProto
_QUOTED = re.compile(r'"([^"]+)"')
_SCALARS = {
    FieldType.TYPE_STRING: {"type": "string"},
    FieldType.TYPE_BOOL: {"type": "boolean"},
    FieldType.TYPE_BYTES: {"type": "string", "contentEncoding": "base64"},
    FieldType.TYPE_DOUBLE: {"type": "number"},
    FieldType.TYPE_FLOAT: {"type": "number"},
    FieldType.TYPE_INT32: {"type": "integer"},
    FieldType.TYPE_SINT32: {"type": "integer"},
    FieldType.TYPE_UINT32: {"type": "integer"},
    FieldType.TYPE_FIXED32: {"type": "integer"},
    FieldType.TYPE_SFIXED32: {"type": "integer"},
    # 64-bit integers are strings in the protobuf JSON mapping.
    FieldType.TYPE_INT64: {"type": "string", "format": "int64"},
    FieldType.TYPE_SINT64: {"type": "string", "format": "int64"},
    FieldType.TYPE_UINT64: {"type": "string", "format": "uint64"},
    FieldType.TYPE_FIXED64: {"type": "string", "format": "uint64"},
    FieldType.TYPE_SFIXED64: {"type": "string", "format": "int64"},
}
_WELL_KNOWN = {
    "google.protobuf.Timestamp": {"type": "string", "format": "date-time"},
    "google.protobuf.Duration": {"type": "string", "pattern": r"^-?\d+(\.\d+)?s$"},
    "google.protobuf.Struct": {"type": "object"},
    "google.protobuf.Empty": {"type": "object"},
}
_EXAMPLE = {"string": "text", "boolean": True, "number": 1.5, "integer": 1}
# Example values of fields whose comments quote none.
_NAMED = {"region": "cn-south", "tier": "A", "previousTier": "B", "currencyCode": "CNY"}
TIME = "2026-03-02T09:30:00+00:00"

HEADERS = {
    "Nats-Msg-Id": "The event id again: JetStream drops a copy published within 15 minutes.",
    "ce-specversion": "The CloudEvents version, 1.0.",
    "ce-id": "The event's id (a UUID), unique per event: record it to handle an event once.",
    "ce-source": "The publishing service, mcr/<service>.",
    "ce-type": "The payload's protobuf message, its full name (mcr.<service>.v1.<Message>).",
    "ce-time": "When the change happened (ISO 8601, UTC).",
    "ce-subject": "The resource the event is about, by its resource name (customers/{id}).",
    "ce-dataschema": "urn:mcr:event:<ce-type>: the message, as components.messages names it.",
    "content-type": "application/protobuf: the payload is the message's binary encoding.",
    "traceparent": "W3C trace context: the consumer's span joins the publisher's trace.",
}
DEAD_LETTER_HEADERS = {
    "Mcr-Dead-Letter-Reason": "Why the consumer gave the event up.",
    "Mcr-Dead-Letter-Consumer": "The durable consumer that gave it up.",
    "Mcr-Original-Subject": "The subject the event was published on.",
    "Mcr-Deliveries": "How many times it was delivered.",
}
DESCRIPTION = """The events of one regional MCR installation, on NATS JetStream.

Each service publishes on `mcr.<service>.<entity>.<event>` into its stream `MCR_<SERVICE>`;
the payload is the protobuf message that `ce-type` names, the CloudEvents attributes travel as
headers. Read them with a durable pull consumer and explicit acknowledgements, and handle each
event once by its `ce-id` (an event may arrive twice). An internal app's consumers are named
after the app: `<app>` or `<app>-<purpose>` (names of the platform are reserved: {reserved});
its credentials (`mcr bus app`) allow those and nothing else. Replay from a time or a stream
sequence by creating the consumer with that start (`mcr_client.subscribe(..., start=...)`).
Streams keep events for a bounded age and size (see the README's event section)."""


@cache
def document(server: str = "nats:4222") -> dict:
    """The AsyncAPI document (built once per process: the contract does not change)."""
    contract = EventContract.load()
    types = _Types(contract.files)
    for channel in contract.channels:
        types.ensure(channel.message)
    channels = [*contract.channels, _dead_letters()]
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "MCR platform events",
            "version": "1.0.0",
            "description": DESCRIPTION.format(reserved=", ".join(sorted(RESERVED))),
        },
        "defaultContentType": "application/protobuf",
        "servers": {
            "region": {"host": server, "protocol": "nats", "description": "The region's NATS."}
        },
        "channels": {c.id: _channel(c) for c in channels},
        "operations": {f"publish.{c.id}": _operation(c) for c in channels},
        "components": {
            "messages": {c.message: _message(c, types) for c in channels},
            "schemas": types.schemas | {"CloudEventHeaders": _headers(HEADERS)},
        },
    }


def _dead_letters() -> Channel:
    return Channel(
        subject="mcr.deadletter.{consumer}",
        message="mcr.DeadLetter",
        parameters=(),
        description=(
            "An event a consumer gave up on (it kept failing, or could not be read), with the "
            "original payload and headers and the reason (stream MCR_DEADLETTER)."
        ),
    )


def _channel(channel: Channel) -> dict:
    found = {
        "address": channel.subject,
        "description": channel.description,
        "messages": {channel.message.rpartition(".")[2]: _ref("messages", channel.message)},
        "x-stream": "MCR_DEADLETTER" if channel.owner == "deadletter" else channel.stream,
    }
    names = re.findall(r"\{([a-z_]+)\}", channel.subject)
    if names:
        given = {p.name: p for p in channel.parameters}
        found["parameters"] = {name: _parameter(given.get(name)) for name in names}
    return found


def _parameter(parameter) -> dict:
    if parameter is None:
        return {"description": "The consumer's durable name."}
    found = {"description": parameter.description}
    if parameter.values:
        found["enum"] = list(parameter.values)
    return found


def _operation(channel: Channel) -> dict:
    return {
        "action": "send",
        "channel": {"$ref": f"#/channels/{channel.id}"},
        "title": f"{channel.owner} publishes {channel.id}",
        "messages": [
            {"$ref": f"#/channels/{channel.id}/messages/{channel.message.rpartition('.')[2]}"}
        ],
    }


def _message(channel: Channel, types: _Types) -> dict:
    if channel.owner == "deadletter":
        return {
            "name": "DeadLetter",
            "title": "A dead letter",
            "description": channel.description,
            "headers": _headers(HEADERS | DEAD_LETTER_HEADERS),
            "payload": {"type": "string", "contentEncoding": "base64",
                        "description": "The original event's payload, unchanged."},
        }  # fmt: skip
    summary = channel.description.split(". ")[0].replace("\n", " ")
    example_headers = {
        "ce-specversion": "1.0",
        "ce-id": "6f1f6a0e-3c8e-4f5e-9a39-2f6c1d9b7e10",
        "ce-source": f"mcr/{channel.owner}",
        "ce-type": channel.message,
        "ce-time": TIME,
        "ce-dataschema": f"urn:mcr:event:{channel.message}",
        "content-type": "application/protobuf",
    }
    return {
        "name": channel.message.rpartition(".")[2],
        "title": channel.message,
        "summary": summary,
        "description": channel.description,
        "contentType": "application/protobuf",
        "headers": _ref("schemas", "CloudEventHeaders"),
        "payload": _ref("schemas", channel.message),
        "examples": [{"headers": example_headers, "payload": types.example(channel.message)}],
        "x-dataschema": f"urn:mcr:event:{channel.message}",
        "x-proto-file": channel.file,
    }


def _headers(meanings: dict[str, str]) -> dict:
    return {
        "type": "object",
        "required": ["ce-id", "ce-type", "ce-source", "ce-time"],
        "properties": {name: {"type": "string", "description": m} for name, m in meanings.items()},
    }


def _ref(kind: str, name: str) -> dict:
    return {"$ref": f"#/components/{kind}/{name}"}


class _Types:
    """JSON Schemas (protobuf JSON mapping) of the messages the events use, and examples."""

    def __init__(self, files) -> None:
        self.messages: dict[str, tuple[descriptor_pb2.DescriptorProto, dict, tuple]] = {}
        self.enums: dict[str, list[str]] = {}
        for file in files:
            described = comments(file)
            for path, name, message in _walk(file.package, file.message_type, (4,)):
                self.messages[name] = (message, described, path)
            for _, name, enum in _enums(file):
                self.enums[name] = [v.name for v in enum.value]
        self.schemas: dict[str, dict] = {}

    def ensure(self, name: str) -> str:
        """The schema of `name` and of every message it uses, in `schemas`; returns `name`."""
        self._schema(name)
        return name

    def _schema(self, name: str) -> None:
        if name in self.schemas or name not in self.messages:
            return
        message, described, path = self.messages[name]
        self.schemas[name] = {}  # recursion guard
        properties = {}
        for index, field in enumerate(message.field):
            schema = self._field(field)
            note = described.get((*path, 2, index))
            if note:
                schema = {**schema, "description": note}
            properties[field.json_name] = schema
        self.schemas[name] = {
            "type": "object",
            "description": described.get(path, ""),
            "properties": properties,
        }

    def _field(self, field: FieldType) -> dict:
        type_name = field.type_name.lstrip(".")
        entry = self.messages.get(type_name)
        if entry is not None and entry[0].options.map_entry:
            return {"type": "object", "additionalProperties": self._single(entry[0].field[1])}
        single = self._single(field)
        if field.label == FieldType.LABEL_REPEATED:
            return {"type": "array", "items": single}
        return single

    def _single(self, field: FieldType) -> dict:
        type_name = field.type_name.lstrip(".")
        if field.type == FieldType.TYPE_ENUM:
            return {"type": "string", "enum": self.enums.get(type_name, [])}
        if field.type == FieldType.TYPE_MESSAGE:
            if type_name in _WELL_KNOWN:
                return dict(_WELL_KNOWN[type_name])
            self._schema(type_name)
            return _ref("schemas", type_name)
        return dict(_SCALARS[field.type])

    def example(self, name: str, depth: int = 0) -> dict:
        """A payload built from the schema; a string takes the first quoted text of its field's
        comment (`"customers/{customer_id}"`), so examples read like the real thing."""
        schema = self.schemas.get(name, {})
        return {
            key: self._value(value, depth) for key, value in schema.get("properties", {}).items()
        }

    def _value(self, schema: dict, depth: int):
        if "$ref" in schema:
            name = schema["$ref"].rpartition("/")[2]
            return self.example(name, depth + 1) if depth < 3 else {}
        if schema.get("type") == "array":
            return [
                self._value(
                    {**schema["items"], "description": schema.get("description", "")}, depth
                )
            ]
        if schema.get("type") == "object":
            return {}
        if "enum" in schema:
            usable = [v for v in schema["enum"] if not v.endswith("_UNSPECIFIED")]
            return (usable or schema["enum"] or [""])[0]
        if schema.get("format") == "date-time":
            return TIME
        if schema.get("format") in ("int64", "uint64"):
            return "1"
        quoted = _QUOTED.search(schema.get("description", ""))
        if schema.get("type") == "string" and quoted:
            return quoted.group(1)
        return _EXAMPLE.get(schema.get("type", "string"), "text")


def _walk(
    prefix: str, messages, path: tuple
) -> Iterator[tuple[tuple, str, descriptor_pb2.DescriptorProto]]:
    for index, message in enumerate(messages):
        here, name = (*path, index), f"{prefix}.{message.name}"
        yield here, name, message
        yield from _walk(name, message.nested_type, (*here, 3))


def _enums(file) -> Iterator[tuple[tuple, str, descriptor_pb2.EnumDescriptorProto]]:
    for index, enum in enumerate(file.enum_type):
        yield (5, index), f"{file.package}.{enum.name}", enum
    for path, name, message in _walk(file.package, file.message_type, (4,)):
        for index, enum in enumerate(message.enum_type):
            yield (*path, 4, index), f"{name}.{enum.name}", enum
