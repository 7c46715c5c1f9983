"""The bus's security boundary, on the test kit's secured NATS server: a service's and an
internal app's credentials allow what their grant says and nothing else."""

from __future__ import annotations

import asyncio
import uuid
from contextlib import asynccontextmanager
from pathlib import Path

import nats
import pytest
from mcr_core.bus import Consumes
from mcr_core.bus.authority import BusAuthority, write_credentials
from mcr_core.bus.grants import GrantError, app_permissions, service_permissions
from mcr_core.bus.jwt import claims, read_creds, verify
from mcr_core.bus.streams import credentials_inbox, ensure_service_stream
from mcr_core.testing import app_credentials, nats_client
from nats.aio.client import Client as NATS
from nats.errors import NoServersError
from nats.js.api import AckPolicy, ConsumerConfig

REFUSED = 1.0  # a refused request gets no answer: wait this long for one


class Identity:
    """A connection under some credentials, with the permission errors the server sent it."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    async def error(self, exc: Exception) -> None:
        self.errors.append(str(exc))

    def refused(self, subject: str) -> bool:
        # nats-py lowercases the server's message.
        return any("permissions violation" in e and subject.lower() in e for e in self.errors)


@asynccontextmanager
async def connected(nats_url: str, credentials: Path):
    identity = Identity()
    nc = await nats.connect(
        nats_url,
        user_credentials=str(credentials),
        inbox_prefix=credentials_inbox(credentials),  # as mcr_core.bus.connect does
        error_cb=identity.error,
    )
    try:
        yield identity, nc, nc.jetstream(timeout=REFUSED)
    finally:
        await nc.close()


async def wait_refused(identity: Identity, subject: str) -> None:
    for _ in range(50):
        if identity.refused(subject):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{subject} was not refused: {identity.errors}")


def service_creds(nats_server, service: str, *consumes: Consumes) -> Path:
    creds = nats_server.authority.service_credentials(service, consumes)
    return nats_server.credentials(f"{service}-{uuid.uuid4().hex[:6]}", creds)


# Services of this test's own: the session's NATS is shared, and the platform's real streams
# stay as the other tests expect them. `ledger` publishes; `audit` and `books` read it.
STREAM, SUBJECT = "MCR_LEDGER", "mcr.ledger.entry.posted"
AUDIT = "audit-ledger"  # another service's durable consumer on the ledger's stream


@pytest.fixture
async def streams(nats_url):
    """The ledger's stream with one event, and audit's durable consumer on it, made by the
    admin (as the services would have)."""
    nc = await nats_client(nats_url)
    js = nc.jetstream()
    await ensure_service_stream(js, "ledger")
    await js.publish(SUBJECT, b"real", headers={"ce-id": uuid.uuid4().hex})
    await js.add_consumer(STREAM, ConsumerConfig(durable_name=AUDIT, ack_policy=AckPolicy.EXPLICIT))
    yield js
    await nc.close()


async def count(js, stream: str, subject: str) -> int:
    info = await js.stream_info(stream, subjects_filter=subject)
    return (info.state.subjects or {}).get(subject, 0)


async def test_without_credentials_the_bus_refuses_the_connection(nats_url):
    identity, client = Identity(), NATS()
    try:
        with pytest.raises((NoServersError, nats.errors.Error)):
            await client.connect(
                nats_url, allow_reconnect=False, connect_timeout=2, error_cb=identity.error
            )
    finally:
        await client.close()  # the refused socket too
    assert any("Authorization Violation" in e for e in identity.errors)


async def test_a_service_publishes_its_own_events_and_no_other_services(nats_server, streams):
    creds = service_creds(nats_server, "books", Consumes("books-ledger", "ledger"))
    before = await count(streams, STREAM, SUBJECT)
    async with connected(nats_server.url, creds) as (identity, _, js):
        await ensure_service_stream(js, "books")
        await js.publish("mcr.books.entry.created", b"own")
        with pytest.raises(TimeoutError):
            await js.publish(SUBJECT, b"forged", timeout=REFUSED)
        await wait_refused(identity, SUBJECT)
    assert await count(streams, STREAM, SUBJECT) == before


async def test_a_service_cannot_bind_to_or_delete_another_services_consumer(nats_server, streams):
    creds = service_creds(nats_server, "books", Consumes("books-ledger", "ledger"))
    before = await streams.consumer_info(STREAM, AUDIT)
    async with connected(nats_server.url, creds) as (identity, _, js):
        own = await js.add_consumer(
            STREAM, ConsumerConfig(durable_name="books-ledger", ack_policy=AckPolicy.EXPLICIT)
        )
        assert own.name == "books-ledger"
        foreign = await js.pull_subscribe_bind(AUDIT, stream=STREAM)
        with pytest.raises(TimeoutError):
            await foreign.fetch(1, timeout=REFUSED)
        await wait_refused(identity, f"$JS.API.CONSUMER.MSG.NEXT.{STREAM}.{AUDIT}")
        with pytest.raises(TimeoutError):
            await js.delete_consumer(STREAM, AUDIT)
        await wait_refused(identity, f"$JS.API.CONSUMER.DELETE.{STREAM}.{AUDIT}")
    still = await streams.consumer_info(STREAM, AUDIT)
    assert still.delivered == before.delivered  # nothing was taken from audit's consumer


async def test_an_app_reads_its_granted_stream_through_its_own_consumer_only(nats_server, streams):
    creds = app_credentials(nats_server.url, "crm-sync", ["ledger"], consumers=["crm-sync-b"])
    async with connected(nats_server.url, creds) as (identity, _, js):
        await js.add_consumer(
            STREAM, ConsumerConfig(durable_name="crm-sync", ack_policy=AckPolicy.EXPLICIT)
        )
        subscription = await js.pull_subscribe_bind("crm-sync", stream=STREAM)
        [message] = await subscription.fetch(1, timeout=5)
        assert message.data == b"real"
        await message.ack()
        # Another name, another service's stream, a forged event, a service's consumer: refused.
        with pytest.raises(TimeoutError):
            await js.add_consumer(STREAM, ConsumerConfig(durable_name="someone-else"))
        await wait_refused(identity, f"{STREAM}.someone-else")
        with pytest.raises(TimeoutError):
            await js.stream_info("MCR_ARCHIVE")
        await wait_refused(identity, "$JS.API.STREAM.INFO.MCR_ARCHIVE")
        with pytest.raises(TimeoutError):
            await js.publish(SUBJECT, b"forged", timeout=REFUSED)
        await wait_refused(identity, SUBJECT)
        with pytest.raises(TimeoutError):
            await js.delete_consumer(STREAM, AUDIT)
        await wait_refused(identity, f"$JS.API.CONSUMER.DELETE.{STREAM}.{AUDIT}")
        assert await js.delete_consumer(STREAM, "crm-sync")  # its own, it may


async def test_an_app_cannot_read_the_replies_others_fetch(nats_server, streams):
    """Events reach a consumer's fetcher on its inbox: an app may listen on its own only."""
    creds = app_credentials(nats_server.url, "snoop", ["ledger"])
    async with connected(nats_server.url, creds) as (identity, nc, _):
        await nc.subscribe("_INBOX.>")
        await nc.flush()
        await wait_refused(identity, "_INBOX.>")


async def test_credentials_are_signed_by_the_authoritys_account_and_carry_the_grant(tmp_path):
    authority = BusAuthority.ensure(tmp_path / "authority")
    assert BusAuthority.ensure(tmp_path / "authority") == authority  # kept, not remade
    assert oct((tmp_path / "authority" / "signing.nk").stat().st_mode & 0o777) == "0o600"
    token, key = read_creds(authority.app_credentials("crm", ["insight"], ttl_days=1))
    found = verify(token, authority.signing.public)
    assert found["sub"] == key.public and found["name"] == "app-crm"
    assert found["nats"]["issuer_account"] == authority.account.public
    assert found["exp"] > found["iat"]
    assert found["nats"]["sub"] == {"allow": ["_INBOX.app-crm.>"]}
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    with pytest.raises(ValueError, match="signature"):
        verify(forged, authority.signing.public)
    assert "resolver_preload" in authority.server_config()
    assert claims(token)["nats"]["type"] == "user"
    path = write_credentials(tmp_path / "crm.creds", authority.admin_credentials())
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_the_grants_follow_the_naming_rules():
    permissions = service_permissions(
        "insight", [Consumes("insight-archive-customers", "archive")], ["kpi_figures"]
    )
    allowed = permissions["pub"]["allow"]
    assert "mcr.insight.>" in allowed and "mcr.rollup.*.kpi_figures.insight" in allowed
    assert "$JS.API.CONSUMER.*.MCR_ARCHIVE.insight-archive-customers" in allowed
    assert "mcr.deadletter.insight-archive-customers" in allowed
    assert not [s for s in allowed if s.startswith("mcr.archive")]
    assert "$JS.API.STREAM.UPDATE.MCR_ARCHIVE" not in allowed
    with pytest.raises(GrantError, match="insight-<purpose>"):
        service_permissions("insight", [Consumes("tiers", "archive")])
    with pytest.raises(GrantError, match="reserved"):
        app_permissions("planning", ["insight"])
    with pytest.raises(GrantError, match="crm-<purpose>"):
        app_permissions("crm", ["insight"], ["other"])
    with pytest.raises(GrantError, match="at least one"):
        app_permissions("crm", [])
    with pytest.raises(GrantError, match="lowercase"):
        app_permissions("CRM.>", ["insight"])
