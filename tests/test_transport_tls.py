"""The TLS code path, at process level, with certificates the test makes: a service serves gRPC
with mutual TLS and reaches NATS over TLS with a client certificate and its credentials, as
in a cluster (deploy/components/mtls); plaintext and certificate-less callers are refused."""

from __future__ import annotations

import asyncio
import ssl

import grpc
import nats
import pytest
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc, customer_pb2
from mcr_archive.events import CUSTOMER_CREATED
from mcr_core import transport
from mcr_core.bus.authority import BusAuthority
from mcr_core.bus.grants import service_identity
from mcr_core.embedded_nats import EmbeddedNats, NatsTls
from mcr_core.service import load_spec
from mcr_core.testing.certificates import TestAuthority
from processes import ServiceProcess


@pytest.fixture
def certificates(tmp_path) -> TestAuthority:
    return TestAuthority(tmp_path / "pki")


@pytest.fixture
def tls_nats(tmp_path, certificates):
    issued = certificates.issue("nats")
    server = EmbeddedNats(
        tmp_path / "nats",
        authority=BusAuthority.create(),
        tls=NatsTls(issued.cert_file, issued.key_file, issued.ca_file),
    ).start()
    yield server
    server.stop()


def archive_credentials(server: EmbeddedNats) -> str:
    spec = load_spec("archive")
    creds = server.authority.service_credentials("archive", spec.consumes, spec.rollups)
    return str(server.credentials(service_identity("archive"), creds))


async def create(channel: grpc.aio.Channel, auth_keys, name: str) -> str:
    stub = archive_service_pb2_grpc.ArchiveServiceStub(channel)
    created = await stub.CreateCustomer(
        pb.CreateCustomerRequest(customer=customer_pb2.Customer(display_name=name)),
        metadata=auth_keys.metadata(),
        timeout=10,
    )
    return created.name


@pytest.mark.slow
async def test_a_service_serves_mutual_tls_and_reaches_nats_over_tls(
    tls_nats, certificates, auth_keys, sqlite_url, tmp_path
):
    assert tls_nats.url.startswith("tls://")
    service = await ServiceProcess(
        "mcr_archive",
        {
            "MCR_DATABASE_URL": sqlite_url,
            "MCR_NATS_URL": tls_nats.url,
            "MCR_NATS_CREDENTIALS_FILE": archive_credentials(tls_nats),
            "MCR_AUTH_PUBLIC_KEY_FILE": str(auth_keys.public_key_file),
            "MCR_DATA_DIR": str(tmp_path),
            **certificates.issue("archive").settings(),
        },
        tmp_path / "archive.log",
    ).start()  # ready: its database and NATS (over TLS) answer
    target = f"127.0.0.1:{service.grpc_port}"
    gateway = certificates.issue("gateway").transport()
    try:
        async with transport.channel(target, gateway) as channel:
            name = await create(channel, auth_keys, "TLS Holdings")
        async with grpc.aio.insecure_channel(target) as plaintext:
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await create(plaintext, auth_keys, "Plaintext Ltd")
        assert refused.value.code() == grpc.StatusCode.UNAVAILABLE
        anonymous = grpc.ssl_channel_credentials(certificates.ca_file.read_bytes())
        async with grpc.aio.secure_channel(target, anonymous) as no_certificate:
            with pytest.raises(grpc.aio.AioRpcError):  # mutual: a client certificate is required
                await create(no_certificate, auth_keys, "Anonymous Ltd")

        admin = await nats.connect(
            tls_nats.url,
            tls=transport.client_ssl_context(certificates.issue("admin").transport()),
            user_credentials=str(tls_nats.admin_credentials()),
        )
        try:
            message = await admin.jetstream().get_last_msg("MCR_ARCHIVE", CUSTOMER_CREATED)
            assert message.headers["ce-subject"] == name  # the event went out over TLS
        finally:
            await admin.close()
    finally:
        assert service.terminate() == 0


async def test_nats_refuses_a_client_without_a_certificate(tls_nats, certificates):
    errors: list[str] = []

    async def record(exc: Exception) -> None:
        errors.append(type(exc).__name__)

    # It trusts the server, but has no certificate of its own to show.
    trusting = ssl.create_default_context(cafile=certificates.ca_file)
    client = nats.NATS()
    try:
        async with asyncio.timeout(30):
            with pytest.raises(Exception):  # noqa: B017 - the handshake, or the server, refuses
                await client.connect(
                    tls_nats.url,
                    tls=trusting,
                    user_credentials=str(tls_nats.admin_credentials()),
                    allow_reconnect=False,
                    connect_timeout=3,
                    error_cb=record,
                )
    finally:
        await client.close()
    assert not client.is_connected and errors
