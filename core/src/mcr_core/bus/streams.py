"""NATS connection and the JetStream streams: one per owning service, one for dead letters.

Streams keep events for a bounded time and size (`StreamLimits`, from the settings
`MCR_STREAM_MAX_AGE_DAYS`, `MCR_STREAM_MAX_BYTES`, `MCR_DEAD_LETTER_MAX_AGE_DAYS`), oldest
dropped first, instead of growing until the server's store is full. A consumer that lags
longer than the age limit loses events: the lag alert fires long before (deploy/README.md).
"""

from __future__ import annotations

import logging
import ssl
from dataclasses import dataclass
from pathlib import Path

import nats
from nats.aio.client import Client
from nats.js import JetStreamContext
from nats.js.api import DiscardPolicy, StorageType, StreamConfig
from nats.js.errors import BadRequestError, NotFoundError

from mcr_core.bus.jwt import claims, read_creds

log = logging.getLogger(__name__)

DEAD_LETTER_STREAM = "MCR_DEADLETTER"
# A relay that crashed after publishing re-publishes on restart; JetStream drops the copy if it
# arrives within this window (consumers are idempotent beyond it).
DUPLICATE_WINDOW_SECONDS = 15 * 60
DAY_SECONDS = 86_400


@dataclass(frozen=True)
class StreamLimits:
    """How long and how much a stream keeps; the defaults are the settings' defaults."""

    max_age_days: float = 30.0
    max_bytes: int = 1 << 30  # 1 GiB; -1: no size limit

    def apply(self, config: StreamConfig) -> StreamConfig:
        config.max_age = self.max_age_days * DAY_SECONDS
        config.max_bytes = self.max_bytes
        config.discard = DiscardPolicy.OLD
        return config


DEFAULT_LIMITS = StreamLimits()
# Dead letters are few and read by people: they stay longer.
DEFAULT_DEAD_LETTER_LIMITS = StreamLimits(max_age_days=90.0)


def stream_name(service: str) -> str:
    return f"MCR_{service.upper()}"


def dead_letter_subject(consumer: str) -> str:
    return f"mcr.deadletter.{consumer}"


def inbox_prefix(identity: str) -> str:
    """Where an identity receives replies (nats-py's `inbox_prefix`); its grant lets it read
    nothing else."""
    return f"_INBOX.{identity}"


def nats_servers(url: str) -> list[str]:
    """The servers of `MCR_NATS_URL`: one URL, or a cluster's nodes separated by commas."""
    servers = [part.strip() for part in url.split(",") if part.strip()]
    if not servers:
        raise ValueError("the NATS URL is empty")
    return servers


async def connect(
    url: str, name: str, *, credentials: Path | None = None, tls: ssl.SSLContext | None = None
) -> Client:
    """Connect to NATS; given several nodes, the client moves to another when one is lost.

    `credentials` is the identity's `.creds` file (`mcr_core.bus.authority`): replies then come
    to the identity's own inbox prefix, the only one its permissions let it read. `tls` makes
    every connection TLS (a client certificate in it is presented to the server)."""

    async def _error(exc: Exception) -> None:
        # NATS's message names a refused subject or credential problem (no personal data).
        log.warning(
            "nats connection error", extra={"error": type(exc).__name__, "detail": str(exc)}
        )

    options: dict = {}
    if credentials is not None:
        options["user_credentials"] = str(credentials)
        options["inbox_prefix"] = credentials_inbox(credentials)
    if tls is not None:
        options["tls"] = tls
    return await nats.connect(
        nats_servers(url),
        name=name,
        error_cb=_error,
        max_reconnect_attempts=-1,
        reconnect_time_wait=0.5,
        drain_timeout=5,  # a stop must not wait on NATS longer than the pod's grace period
        **options,
    )


def credentials_inbox(credentials: Path) -> str:
    """The inbox prefix the identity of a `.creds` file may read (its JWT's name)."""
    token, _ = read_creds(credentials.read_text())
    return inbox_prefix(claims(token)["name"])


def _limits_differ(current: StreamConfig, wanted: StreamConfig) -> bool:
    return (current.max_age or 0) != (wanted.max_age or 0) or (current.max_bytes or -1) != (
        wanted.max_bytes or -1
    )


async def _ensure(js: JetStreamContext, config: StreamConfig, *, owner: bool = True) -> None:
    """Create the stream, or update its subjects, and its limits if `owner` (a consumer that
    creates another service's stream before it ran leaves the limits to that service)."""
    try:
        info = await js.stream_info(config.name)
    except NotFoundError:
        await js.add_stream(config)
        return
    if info.config.subjects != config.subjects or (owner and _limits_differ(info.config, config)):
        try:
            await js.update_stream(config)
        except BadRequestError:
            log.warning(
                "stream config differs and cannot be updated", extra={"stream": config.name}
            )


async def ensure_service_stream(
    js: JetStreamContext, service: str, replicas: int = 1, limits: StreamLimits | None = None
) -> str:
    """Create the stream `MCR_<SERVICE>` holding `mcr.<service>.>` if it is not there. The
    owning service passes its `limits` (and so keeps them current); others pass none."""
    name = stream_name(service)
    config = StreamConfig(
        name=name,
        subjects=[f"mcr.{service}.>"],
        storage=StorageType.FILE,
        num_replicas=replicas,
        duplicate_window=DUPLICATE_WINDOW_SECONDS,
    )
    await _ensure(js, (limits or DEFAULT_LIMITS).apply(config), owner=limits is not None)
    return name


async def ensure_dead_letter_stream(
    js: JetStreamContext, replicas: int = 1, limits: StreamLimits | None = None
) -> None:
    config = StreamConfig(
        name=DEAD_LETTER_STREAM,
        subjects=["mcr.deadletter.>"],
        storage=StorageType.FILE,
        num_replicas=replicas,
        duplicate_window=DUPLICATE_WINDOW_SECONDS,
    )
    await _ensure(
        js, (limits or DEFAULT_DEAD_LETTER_LIMITS).apply(config), owner=limits is not None
    )


async def dead_letter_counts(js: JetStreamContext) -> dict[str, int]:
    """How many dead letters the stream holds, by consumer."""
    info = await js.stream_info(DEAD_LETTER_STREAM, subjects_filter="mcr.deadletter.>")
    prefix = len("mcr.deadletter.")
    return {subject[prefix:]: count for subject, count in (info.state.subjects or {}).items()}
