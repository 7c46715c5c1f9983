"""Protobuf resources as REST JSON: field names as in the .proto files, and a response's lists
always there (empty rather than missing), so clients page and iterate without special cases."""

from __future__ import annotations

from typing import Any

from google.protobuf.json_format import MessageToDict
from google.protobuf.message import Message


def to_json(message: Message) -> dict[str, Any]:
    body = MessageToDict(message, preserving_proto_field_name=True)
    for field in message.DESCRIPTOR.fields:
        if field.name in body:
            continue
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            body[field.name] = {}
        elif field.is_repeated:
            body[field.name] = []
        elif field.name == "next_page_token":
            body[field.name] = ""
    return body
