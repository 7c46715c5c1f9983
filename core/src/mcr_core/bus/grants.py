"""Who may do what on the bus: the NATS permissions of a service, an internal app, the admin.

Least privilege, as subjects NATS checks on every message:

- a **service** publishes its own events (`mcr.<service>.>`), the dead letters of its own
  consumers and the roll-up kinds it declares; it creates the streams it needs if they are
  missing, updates only its own (and the kernel's shared dead-letter and roll-up streams),
  and creates, binds, reads, acknowledges and deletes only the durable consumers it declares
  (`Consumes`), on the streams of the services they read;
- an **internal app** reads the streams it is granted through durable consumers named after
  itself (the consumer-naming rule: `<app>` or `<app>-<purpose>`), and publishes nothing;
- the **admin** (the platform's operator: `mcr global-view`, the test kit) may do anything.

Every identity receives replies only on its own inbox prefix (`_INBOX.<identity>.>`), so no one
can read the JetStream replies, and with them the events, fetched by another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mcr_core.bus.streams import (
    DEAD_LETTER_STREAM,
    dead_letter_subject,
    inbox_prefix,
    stream_name,
)

ROLLUP_STREAM = "MCR_ROLLUP"  # the same as mcr_core.rollup.ROLLUP_STREAM (which imports the bus)
# A service's own key figures carry its name as the last token of the roll-up subject.
SERVICE_ROLLUP_KINDS = frozenset({"kpi_figures"})
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_API = "$JS.API"
# Names an internal app may not take: a service's, or the kernel's own streams' subjects.
RESERVED = frozenset(
    {"archive", "insight", "planning", "contact", "satisfaction", "gateway", "admin",
     "deadletter", "rollup", "mcr", "sys"}
)  # fmt: skip


class GrantError(ValueError):
    """A grant that breaks a naming rule; the message names the rule."""


def check_name(name: str, what: str) -> str:
    if not _NAME.match(name) or len(name) > 48:
        raise GrantError(
            f"{what} {name!r}: lowercase letters, digits and single hyphens, at most 48"
        )
    return name


@dataclass(frozen=True)
class Consumes:
    """A durable consumer a service declares: its `name` (`<service>-<purpose>`) and the
    service whose stream it reads (`source`)."""

    name: str
    source: str

    @property
    def stream(self) -> str:
        return stream_name(self.source)


def consumer_subjects(stream: str, consumer: str) -> list[str]:
    """The JetStream API subjects that create, inspect, fetch from, acknowledge on and delete
    one durable consumer, and nothing else."""
    # One wildcard token covers CREATE, INFO, DELETE, PAUSE and RESET of this consumer, two
    # cover DURABLE.CREATE and MSG.NEXT (no API subject has other words there), so a JWT with
    # many consumers stays small.
    return [
        f"{_API}.CONSUMER.*.{stream}.{consumer}",
        f"{_API}.CONSUMER.*.*.{stream}.{consumer}",
        f"{_API}.CONSUMER.CREATE.{stream}.{consumer}.>",
        f"$JS.ACK.{stream}.{consumer}.>",
    ]


def _permissions(identity: str, publish: Iterable[str]) -> dict:
    return {
        "pub": {"allow": sorted(set(publish))},
        "sub": {"allow": [f"{inbox_prefix(identity)}.>"]},
    }


def service_identity(service: str) -> str:
    return f"svc-{service}"


def app_identity(app: str) -> str:
    return f"app-{app}"


def service_permissions(
    service: str, consumes: Sequence[Consumes] = (), rollups: Sequence[str] = ()
) -> dict:
    """The NATS permissions of a service's credentials."""
    check_name(service, "service")
    own = stream_name(service)
    publish = [f"mcr.{service}.>", f"{_API}.INFO", f"{_API}.STREAM.UPDATE.{own}"]
    # The kernel's shared streams take their settings (retention) from whichever service
    # starts with new ones; no service may update another service's stream.
    publish += [
        f"{_API}.STREAM.UPDATE.{DEAD_LETTER_STREAM}",
        f"{_API}.STREAM.UPDATE.{ROLLUP_STREAM}",
    ]
    for kind in rollups:
        check_name(kind.replace("_", "-"), "roll-up kind")
        suffix = f".{service}" if kind in SERVICE_ROLLUP_KINDS else ""
        publish.append(f"mcr.rollup.*.{kind}{suffix}")
    streams = {own, DEAD_LETTER_STREAM, ROLLUP_STREAM}
    for consumer in consumes:
        if not consumer.name.startswith(f"{service}-"):
            raise GrantError(f"consumer {consumer.name!r}: a consumer of {service} is named "
                             f"{service}-<purpose>")  # fmt: skip
        check_name(consumer.name, "consumer")
        streams.add(consumer.stream)
        publish += consumer_subjects(consumer.stream, consumer.name)
        publish.append(dead_letter_subject(consumer.name))
    for stream in streams:
        # A consumer may start before the service whose stream it reads ever ran.
        publish += [f"{_API}.STREAM.INFO.{stream}", f"{_API}.STREAM.CREATE.{stream}"]
    return _permissions(service_identity(service), publish)


def app_consumer_names(app: str, extra: Sequence[str] = ()) -> list[str]:
    """The consumer-naming rule: an app's durable consumers are `<app>` and `<app>-<purpose>`."""
    names = [app]
    for name in extra:
        check_name(name, "consumer")
        if not name.startswith(f"{app}-"):
            raise GrantError(f"consumer {name!r}: an app's consumers are named {app}-<purpose>")
        names.append(name)
    return names


def app_permissions(app: str, sources: Sequence[str], consumers: Sequence[str] = ()) -> dict:
    """The NATS permissions of an internal app reading the streams of `sources` (services)."""
    check_name(app, "app")
    if app in RESERVED:
        raise GrantError(f"app {app!r}: the name is reserved for the platform")
    if not sources:
        raise GrantError("an app is granted at least one service's events (--stream)")
    publish = [f"{_API}.INFO"]
    for source in sources:
        stream = stream_name(check_name(source, "service"))
        publish.append(f"{_API}.STREAM.INFO.{stream}")
        for name in app_consumer_names(app, consumers):
            publish += consumer_subjects(stream, name)
    return _permissions(app_identity(app), publish)


def admin_permissions() -> dict:
    """The platform operator's: every subject (NATS's default when none are given)."""
    return {}
