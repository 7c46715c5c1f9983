"""The event envelope: a protobuf payload with CloudEvents attributes as NATS headers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from google.protobuf import descriptor_pool, message_factory
from google.protobuf.message import DecodeError, Message

SPEC_VERSION = "1.0"
CONTENT_TYPE = "application/protobuf"
MSG_ID = "Nats-Msg-Id"


def event_subject(service: str, entity: str, event: str) -> str:
    """The subject of an event: `mcr.<service>.<entity>.<event>`."""
    return f"mcr.{service}.{entity}.{event}"


def cloudevent_headers(
    *, event_id: str, source: str, event_type: str, time: datetime, resource: str
) -> dict[str, str]:
    return {
        MSG_ID: event_id,
        "ce-specversion": SPEC_VERSION,
        "ce-id": event_id,
        "ce-source": source,
        "ce-type": event_type,
        "ce-time": time.isoformat(),
        "ce-subject": resource,
        # The message the payload is: its key in the AsyncAPI document's messages.
        "ce-dataschema": f"urn:mcr:event:{event_type}",
        "content-type": CONTENT_TYPE,
    }


class MalformedEvent(ValueError):
    """The message is not an event this platform can read; retrying will not help."""


@dataclass(frozen=True)
class Event:
    """A received event: its CloudEvents attributes and the decoded protobuf message."""

    id: str
    type: str
    source: str
    subject: str
    resource: str
    time: datetime
    message: Message
    # What the consumer's `prepare` step computed for this event before its transaction.
    prepared: object = None

    @classmethod
    def decode(
        cls,
        subject: str,
        headers: dict[str, str] | None,
        data: bytes,
        types: Mapping[str, type[Message]] | None = None,
    ) -> Event:
        """Decode a received message; with `types` (full name -> class, a consumer's declared
        handlers) a type among them is decoded with its class, any other from the default pool."""
        headers = headers or {}
        missing = [h for h in ("ce-id", "ce-type", "ce-source", "ce-time") if not headers.get(h)]
        if missing:
            raise MalformedEvent(f"missing headers {', '.join(missing)}")
        known = (types or {}).get(headers["ce-type"])
        if known is not None:
            message = known()
        else:
            try:
                descriptor = descriptor_pool.Default().FindMessageTypeByName(headers["ce-type"])
            except KeyError as exc:
                raise MalformedEvent(f"unknown event type {headers['ce-type']}") from exc
            message = message_factory.GetMessageClass(descriptor)()
        try:
            message.ParseFromString(data)
            time = datetime.fromisoformat(headers["ce-time"])
        except (DecodeError, ValueError) as exc:
            raise MalformedEvent(f"undecodable {headers['ce-type']}: {exc}") from exc
        return cls(
            id=headers["ce-id"],
            type=headers["ce-type"],
            source=headers["ce-source"],
            subject=subject,
            resource=headers.get("ce-subject", ""),
            time=time,
            message=message,
        )
