"""Rotating the token signing key without downtime, on real processes (deploy/README.md,
Operations): two archive replicas behind a headless Service's name, a client writing through
one round-robin channel all along, and two rolling restarts, one replica at a time with a new
one ready before the old one drains (`maxSurge: 1, maxUnavailable: 0`):

1. the new public key joins the key set: tokens of the old key keep working, the new key's too;
2. the issuer signs with the new key (`mcr token --signing-key`, the token names its `kid`);
3. the old key leaves the set: its tokens are refused with UNAUTHENTICATED.

No call fails during either rollout, and every acknowledged write is in the database.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import grpc
import httpx
import jwt
import pytest
import sqlalchemy as sa
from headless import headless_dns
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc, customer_pb2
from mcr_core.auth.keys import key_id
from mcr_core.embedded_nats import free_port
from mcr_core.rpc.channels import service_channel
from mcr_core.testing import AuthKeys
from mcr_core.transport import TransportSettings
from processes import ServiceProcess
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.ext.asyncio import create_async_engine

pytestmark = pytest.mark.slow
OWNER = [
    "--employee",
    "e-1001",
    "--region",
    "cn-south",
    "--org-unit",
    "/cn-south/enterprise/team-1",
]


async def creations(replica: ServiceProcess) -> float:
    """The CreateCustomer calls one replica answered (its metrics)."""
    async with httpx.AsyncClient() as http:
        text = (await http.get(f"http://127.0.0.1:{replica.admin_port}/metrics")).text
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "mcr_rpc_server_duration_milliseconds_count"
        and sample.labels["rpc_method"].endswith("/CreateCustomer")
    )


def mcr_token(private_key: Path) -> str:
    """A token from the `mcr` command, signed with the issuer's current key."""
    mcr = Path(sys.executable).with_name("mcr")
    done = subprocess.run(
        [mcr, "token", "--signing-key", private_key, *OWNER],
        capture_output=True, text=True, check=True, timeout=30,
    )  # fmt: skip
    return done.stdout.strip()


def private_key_file(keys: AuthKeys, directory: Path) -> Path:
    path = directory / "signing.pem"
    path.write_bytes(keys.private_pem)
    return path


class Region:
    """The archive's replicas, each on its own loopback address and the same port, and the
    name the DNS server resolves to the ready ones."""

    def __init__(self, tmp_path: Path, env: dict[str, str], dns) -> None:
        self.tmp_path, self.env, self.dns = tmp_path, env, dns
        self.port = free_port()
        self.replicas: dict[str, ServiceProcess] = {}
        self.next_host = 1

    async def start_replica(self, key_file: Path) -> str:
        address = f"127.0.0.{self.next_host}"
        self.next_host += 1
        replica = ServiceProcess(
            "mcr_archive",
            self.env | {"MCR_AUTH_PUBLIC_KEY_FILE": str(key_file)},
            self.tmp_path / f"archive-{address}.log",
        )
        replica.env["MCR_GRPC_ADDRESS"] = f"{address}:{self.port}"
        self.replicas[address] = await replica.start(timeout=90)
        self.dns.addresses.append(address)  # ready: the endpoints take it in
        return address

    async def roll(self, key_file: Path, served) -> None:
        """A rolling restart with the new key file: for each old replica, a new one is ready
        first, the old one leaves the endpoints and drains on SIGTERM."""
        for old in list(self.dns.addresses):
            new = await self.start_replica(key_file)
            self.dns.addresses.remove(old)
            assert await asyncio.to_thread(self.replicas[old].terminate) == 0
            # The channel re-resolves when the old replica's connection closes; the next
            # replica goes only once the new one is taking calls (the load is steady).
            async with asyncio.timeout(30):
                while await served(self.replicas[new]) == 0:
                    await asyncio.sleep(0.1)

    def stop(self) -> None:
        for replica in self.replicas.values():
            if replica.process is not None and replica.process.poll() is None:
                replica.terminate()


class Load:
    """Customers created without pause through one channel, with the token of the moment;
    every answer is kept (an acknowledged name, or the failure)."""

    def __init__(self, stub, token: str) -> None:
        self.stub, self.token = stub, token
        self.created: list[str] = []
        self.failures: list[str] = []
        self.running = True

    async def run(self) -> None:
        number = 0
        while self.running:
            number += 1
            try:
                created = await self.stub.CreateCustomer(
                    pb.CreateCustomerRequest(
                        customer=customer_pb2.Customer(display_name=f"Rotation {number} Ltd")
                    ),
                    metadata=(("authorization", f"Bearer {self.token}"),),
                    timeout=15,
                )
                self.created.append(created.name)
            except grpc.aio.AioRpcError as exc:
                self.failures.append(f"{exc.code().name}: {exc.details()}")
            await asyncio.sleep(0.02)


async def refused(target: str, token: str) -> grpc.StatusCode | None:
    """The status a call with `token` ends with at one replica (None: answered)."""
    async with grpc.aio.insecure_channel(target) as channel:
        stub = archive_service_pb2_grpc.ArchiveServiceStub(channel)
        try:
            await stub.ListCustomers(
                pb.ListCustomersRequest(), metadata=(("authorization", f"Bearer {token}"),)
            )
        except grpc.aio.AioRpcError as exc:
            return exc.code()
    return None


@pytest.mark.timeout(420)
async def test_the_signing_key_rotates_under_load_without_a_lost_call(
    postgres_url, nats_url, tmp_path
):
    old, new = AuthKeys(tmp_path / "old"), AuthKeys(tmp_path / "new")
    old_token = mcr_token(private_key_file(old, tmp_path / "old"))
    new_token = mcr_token(private_key_file(new, tmp_path / "new"))
    assert jwt.get_unverified_header(new_token)["kid"] == key_id(new.private_pem)
    # The ConfigMap's file at each step: the old key, both, the new key.
    both = tmp_path / "both.pem"
    both.write_bytes(old.public_pem + new.public_pem)
    env = {
        "MCR_DATABASE_URL": postgres_url,
        "MCR_NATS_URL": nats_url,
        "MCR_DATA_DIR": str(tmp_path),
    }

    with headless_dns([]) as (dns, dns_port):
        region = Region(tmp_path, env, dns)
        try:
            for _ in range(2):
                await region.start_replica(old.public_key_file)
            first = region.replicas["127.0.0.1"]
            assert await refused(f"127.0.0.1:{region.port}", new_token) == (
                grpc.StatusCode.UNAUTHENTICATED
            )
            target = f"dns://127.0.0.1:{dns_port}/archive.mcr.test:{region.port}"
            async with service_channel(target, TransportSettings()) as channel:
                load = Load(archive_service_pb2_grpc.ArchiveServiceStub(channel), old_token)
                writing = asyncio.create_task(load.run())
                try:
                    await region.roll(both, creations)  # 1. the new key joins
                    load.token = new_token  # 2. the issuer signs with the new key
                    await asyncio.sleep(1.0)
                    overlap = {
                        address: (
                            await refused(f"{address}:{region.port}", old_token),
                            await refused(f"{address}:{region.port}", new_token),
                        )
                        for address in region.dns.addresses
                    }
                    await region.roll(new.public_key_file, creations)  # 3. the old key leaves
                    await asyncio.sleep(1.0)
                finally:
                    load.running = False
                    await writing
            assert overlap == dict.fromkeys(overlap, (None, None))  # both keys, every replica
            assert load.failures == []
            assert len(load.created) > 50, len(load.created)
            for address in region.dns.addresses:
                at = f"{address}:{region.port}"
                assert await refused(at, old_token) == grpc.StatusCode.UNAUTHENTICATED
                assert await refused(at, new_token) is None
            assert first.process.poll() == 0  # drained, not killed
        finally:
            region.stop()

    engine = create_async_engine(postgres_url)
    try:
        async with engine.connect() as conn:
            stored = set((await conn.execute(sa.text("SELECT id FROM customers"))).scalars())
    finally:
        await engine.dispose()
    assert {name.removeprefix("customers/") for name in load.created} <= stored
