"""NATS connection and the JetStream streams: one per owning service, one for dead letters."""

from __future__ import annotations

import logging
import ssl
from pathlib import Path

import nats
from nats.aio.client import Client
from nats.js import JetStreamContext
from nats.js.api import StorageType, StreamConfig
from nats.js.errors import BadRequestError, NotFoundError

from mcr_core.bus.jwt import claims, read_creds

log = logging.getLogger(__name__)

DEAD_LETTER_STREAM = "MCR_DEADLETTER"
# A relay that crashed after publishing re-publishes on restart; JetStream drops the copy if it
# arrives within this window (consumers are idempotent beyond it).
DUPLICATE_WINDOW_SECONDS = 15 * 60


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


async def _ensure(js: JetStreamContext, config: StreamConfig) -> None:
    try:
        info = await js.stream_info(config.name)
    except NotFoundError:
        await js.add_stream(config)
        return
    if info.config.subjects != config.subjects:
        try:
            await js.update_stream(config)
        except BadRequestError:
            log.warning(
                "stream config differs and cannot be updated", extra={"stream": config.name}
            )


async def ensure_service_stream(js: JetStreamContext, service: str, replicas: int = 1) -> str:
    """Create the stream `MCR_<SERVICE>` holding `mcr.<service>.>` if it is not there."""
    name = stream_name(service)
    await _ensure(
        js,
        StreamConfig(
            name=name,
            subjects=[f"mcr.{service}.>"],
            storage=StorageType.FILE,
            num_replicas=replicas,
            duplicate_window=DUPLICATE_WINDOW_SECONDS,
        ),
    )
    return name


async def ensure_dead_letter_stream(js: JetStreamContext, replicas: int = 1) -> None:
    await _ensure(
        js,
        StreamConfig(
            name=DEAD_LETTER_STREAM,
            subjects=["mcr.deadletter.>"],
            storage=StorageType.FILE,
            num_replicas=replicas,
            duplicate_window=DUPLICATE_WINDOW_SECONDS,
        ),
    )
