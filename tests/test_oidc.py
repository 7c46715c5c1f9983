"""Production sign-in: tokens from a real OpenID Connect provider (panva's oidc-provider, run
by the test on 127.0.0.1) are verified by a service over gRPC and by the gateway over REST,
through discovery and the provider's JWKS, with the provider's claim names mapped by
configuration (nested `realm_access.roles`). A token of a foreign issuer, one signed by a key
the provider does not publish, one for another audience and an unsigned one are refused;
a key rotation at the provider is followed."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import grpc
import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc as pb_grpc
from mcr.archive.v1 import customer_pb2
from mcr_core.embedded_nats import free_port
from oidc_kit import AUDIENCE, OTHER_AUDIENCE, OidcProvider
from platform_kit import run
from processes import ServiceProcess

ACCOUNTS = {
    "e-1001": {
        "region": "cn-south",
        "org_unit": "/cn-south/enterprise/team-1",
        "roles": ["account_manager"],
    },
    "e-1009": {"region": "cn-south", "org_unit": "/cn-south/enterprise/team-1", "roles": []},
}


class Installation:
    """The archive and the gateway as processes, both verifying the provider's tokens."""

    def __init__(self, provider: OidcProvider, directory, nats_url: str) -> None:
        self.provider = provider
        env = {"MCR_NATS_URL": nats_url, "MCR_DATA_DIR": str(directory)}
        env |= provider.settings_env()
        self.archive = ServiceProcess("mcr_archive", env, directory / "archive.log")
        run(self.archive.start())
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        gateway_env = (
            os.environ
            | env
            | {
                "MCR_HTTP_ADDRESS": f"127.0.0.1:{port}",
                "MCR_ARCHIVE_TARGET": f"127.0.0.1:{self.archive.grpc_port}",
            }
        )
        self.gateway_log = directory / "gateway.log"
        with open(self.gateway_log, "ab") as out:
            self.gateway = subprocess.Popen(
                [sys.executable, "-m", "mcr_gateway"], env=gateway_env, stdout=out, stderr=out
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/healthz").status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise TimeoutError(self.gateway_log.read_text()[-2000:])

    def grpc(self, token: str | None, call: str = "ListCustomers") -> grpc.StatusCode:
        async def ask() -> grpc.StatusCode:
            metadata = (("authorization", f"Bearer {token}"),) if token else ()
            async with grpc.aio.insecure_channel(f"127.0.0.1:{self.archive.grpc_port}") as ch:
                stub = pb_grpc.ArchiveServiceStub(ch)
                try:
                    if call == "CreateCustomer":
                        customer = customer_pb2.Customer(display_name="南海电信")
                        request = pb.CreateCustomerRequest(customer=customer)
                        await stub.CreateCustomer(request, metadata=metadata, timeout=10)
                    else:
                        await stub.ListCustomers(
                            pb.ListCustomersRequest(), metadata=metadata, timeout=10
                        )
                except grpc.aio.AioRpcError as error:
                    return error.code()
                return grpc.StatusCode.OK

        return run(ask())

    def rest(self, token: str) -> int:
        headers = {"Authorization": f"Bearer {token}"}
        return httpx.get(f"{self.url}/v1/customers", headers=headers, timeout=10).status_code

    def stop(self) -> None:
        self.gateway.terminate()
        self.gateway.wait(20)
        self.archive.terminate()


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    started = OidcProvider(tmp_path_factory.mktemp("oidc"), ACCOUNTS).start()
    yield started
    started.stop()


@pytest.fixture(scope="module")
def installation(provider, nats_url, tmp_path_factory):
    running = Installation(provider, tmp_path_factory.mktemp("oidc-installation"), nats_url)
    yield running
    running.stop()


def test_the_providers_token_is_accepted_over_grpc_and_rest(installation, provider):
    token = provider.login("e-1001")
    assert installation.grpc(token) == grpc.StatusCode.OK
    assert installation.grpc(token, "CreateCustomer") == grpc.StatusCode.OK
    assert installation.rest(token) == 200
    # The roles come from the provider's nested claim: without account_manager, no writes.
    reader = provider.login("e-1009")
    assert installation.grpc(reader) == grpc.StatusCode.OK
    assert installation.grpc(reader, "CreateCustomer") == grpc.StatusCode.PERMISSION_DENIED


def test_foreign_unknown_key_wrong_audience_and_unsigned_tokens_are_refused(
    installation, provider, tmp_path
):
    foreign = OidcProvider(tmp_path / "foreign", ACCOUNTS).start()  # another issuer
    try:
        from_elsewhere = foreign.login("e-1001")
    finally:
        foreign.stop()
    genuine = jwt.decode(provider.login("e-1001"), options={"verify_signature": False})
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(genuine, stranger, algorithm="RS256", headers={"kid": "not-published"})
    same_kid = jwt.encode(
        genuine, stranger, algorithm="RS256", headers={"kid": provider.signing_kid}
    )
    unsigned = jwt.encode(genuine, None, algorithm="none")
    wrong_audience = provider.login("e-1001", resource=OTHER_AUDIENCE)
    assert jwt.decode(wrong_audience, options={"verify_signature": False})["aud"] != AUDIENCE
    refused = {
        "foreign issuer": from_elsewhere,
        "unknown key": forged,
        "published kid, other key": same_kid,
        "wrong audience": wrong_audience,
        "alg none": unsigned,
    }
    answers = {what: (installation.grpc(t), installation.rest(t)) for what, t in refused.items()}
    assert answers == {what: (grpc.StatusCode.UNAUTHENTICATED, 401) for what in refused}


def test_a_key_rotation_at_the_provider_is_followed(installation, provider):
    before = provider.login("e-1001")
    assert installation.grpc(before) == grpc.StatusCode.OK
    old_kid = provider.signing_kid
    provider.rotate()
    after = provider.login("e-1001")
    assert jwt.get_unverified_header(after)["kid"] != old_kid
    assert installation.grpc(after) == grpc.StatusCode.OK
    assert installation.rest(after) == 200
