"""The region drill: a region's manifests run as pods, then faults under a steady write load.

    uv run python deploy/podman/drill.py --region cn-south [--tag TAG] [--keep]

1. Render the overlay with Kustomize and convert it (`convert.py`, the one podman step);
   start the region's PostgreSQL and the roll-up hub (`infra.yaml`), create the Secrets,
   `podman kube play` the region. Figure: seconds from `kube play` to every pod ready.
2. CHECKS, each a small function: a REST call through the gateway, a gRPC call into the
   archive's pod, an event crossing pods (the archive's customer event tiers the customer in
   insight's pod).
3. Under a steady load of customer writes through the gateway, FAULTS one after the other:
   kill -9 a service pod's process, delete a NATS pod (recreated as its StatefulSet would),
   restart PostgreSQL. Figure: seconds until each recovered.
4. Then every acknowledged write exists (the archive's database), every event had exactly
   one effect (insight's database: one tier history entry per customer; the archive's stream:
   one message per customer). Figures: lost 0, duplicated 0.

Further checks (issue 23's metrics, alerts, replicas) are added as functions to `CHECKS`
(`async def check(drill: Drill) -> str`, raising AssertionError on failure) or `FAULTS`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import signal
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import grpc
import httpx
import nats
import yaml
from mcr.archive.v1 import archive_service_pb2, archive_service_pb2_grpc
from mcr_core.testing import AuthKeys

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pods import GRPC, HERE, SERVICES, Region, http_ok, podman, until

READY_TIMEOUT = 240.0
RECOVERY_TIMEOUT = 180.0


@dataclass
class Drill:
    region: Region
    keys: AuthKeys
    addresses: dict[str, str] = field(default_factory=dict)
    acknowledged: dict[str, str] = field(default_factory=dict)  # customer id -> display name
    failed_writes: int = 0
    figures: dict[str, str] = field(default_factory=dict)

    @property
    def gateway(self) -> str:
        return f"http://{self.addresses['gateway']}:8080"

    def headers(self) -> dict[str, str]:
        region = self.region.name
        token = self.keys.token(region=region, org_unit=f"/{region}/enterprise/team-1")
        return {"Authorization": f"Bearer {token}"}

    def figure(self, name: str, value: str) -> None:
        self.figures[name] = value
        print(f"[drill] {self.region.name}: {name}: {value}", flush=True)

    async def create_customer(self, client: httpx.AsyncClient, label: str) -> str | None:
        """One write through the gateway; the customer's id once acknowledged (201)."""
        name = f"演练客户 {label} {uuid.uuid4().hex[:8]}"
        request = {"display_name": name, "industry": "telecom"}
        try:
            answer = await client.post(
                f"{self.gateway}/v1/customers", json=request, headers=self.headers(), timeout=10
            )
        except httpx.HTTPError:
            return None
        if answer.status_code != 201:
            return None
        self.acknowledged[answer.json()["id"]] = name
        return answer.json()["id"]


# ---- start-up ------------------------------------------------------------------------------


async def all_ready(drill: Drill, client: httpx.AsyncClient) -> bool:
    probes = [f"http://{drill.addresses[s]}:{port}/readyz" for s, port in SERVICES.items()]
    probes += [f"http://{drill.addresses[f'nats-{i}']}:8222/healthz?js-enabled-only=true"
               for i in range(3)]  # fmt: skip
    probes.append(f"{drill.gateway}/healthz")
    return all(await asyncio.gather(*(http_ok(client, url) for url in probes)))


async def start_region(drill: Drill) -> None:
    region = drill.region
    teardown(region)  # what an earlier drill may have left
    region.create_network()
    password = secrets.token_urlsafe(18)
    region.secret("drill-postgres", {"password": password})
    for service in SERVICES:
        url = f"postgresql+asyncpg://postgres:{password}@postgres:5432/{service}"
        region.secret(f"mcr-{service}-database", {"url": url})
    region.secret("mcr-archive-data-key", {"key": secrets_b64(32)})
    infra = region.workdir / "infra.yaml"
    infra.write_text((HERE / "infra.yaml").read_text().replace("NATS_TAG", region.nats_tag))
    region.play(infra)
    await until(lambda: postgres_ready(region), 60, "PostgreSQL ready")
    manifests = region.convert()
    print("\n".join(region.report), flush=True)
    started = time.monotonic()
    region.play(manifests)
    for pod in (*SERVICES, "gateway", "nats-0", "nats-1", "nats-2"):
        drill.addresses[pod] = region.address(pod)
    async with httpx.AsyncClient() as client:
        await until(lambda: all_ready(drill, client), READY_TIMEOUT, "every pod ready")
    drill.figure("pods ready after kube play", f"{time.monotonic() - started:.1f} s")


def secrets_b64(size: int) -> str:
    import base64

    return base64.b64encode(secrets.token_bytes(size)).decode()


async def postgres_ready(region: Region) -> bool:
    out = podman("exec", "postgres-postgres", "pg_isready", "-h", "/tmp", check=False)
    return "accepting connections" in out


# ---- checks: each proves one thing crosses pods ----------------------------------------------

Check = Callable[[Drill], Awaitable[str]]


async def rest_call(drill: Drill) -> str:
    async with httpx.AsyncClient() as client:
        listed = await client.get(f"{drill.gateway}/v1/customers", headers=drill.headers())
    assert listed.status_code == 200, listed.text
    return "gateway -> archive over REST: 200"


async def grpc_call(drill: Drill) -> str:
    async with httpx.AsyncClient() as client:
        customer = await drill.create_customer(client, "grpc")
    assert customer, "no customer to read"
    target = f"{drill.addresses['archive']}:{GRPC['archive']}"
    async with grpc.aio.insecure_channel(target) as channel:
        stub = archive_service_pb2_grpc.ArchiveServiceStub(channel)
        metadata = (("authorization", drill.headers()["Authorization"]),)
        got = await stub.GetCustomer(
            archive_service_pb2.GetCustomerRequest(name=f"customers/{customer}"),
            metadata=metadata,
            timeout=10,
        )
    assert got.name == f"customers/{customer}"
    return f"gRPC GetCustomer on the archive pod: {got.name}"


async def event_crossing(drill: Drill) -> str:
    async with httpx.AsyncClient() as client:
        customer = await drill.create_customer(client, "event")
        url = f"{drill.gateway}/v1/customers/{customer}/tierAssignment"
        took = await until(
            lambda: http_ok_with(client, url, drill.headers()), 60, "insight tiered the customer"
        )
    return f"archive event -> NATS pods -> insight pod: tiered after {took:.1f} s"


async def http_ok_with(client: httpx.AsyncClient, url: str, headers) -> bool:
    return (await client.get(url, headers=headers, timeout=5)).status_code == 200


CHECKS: list[Check] = [rest_call, grpc_call, event_crossing]


# ---- faults: each injects one and returns the seconds until the region recovered -----------

Fault = Callable[[Drill], Awaitable[float]]


async def kill_service_process(drill: Drill) -> float:
    """kill -9 the archive's process; the pod's restart policy starts it again."""
    pid = drill.region.main_pid("archive", "service")
    os.kill(pid, signal.SIGKILL)  # the pod's process, as the machine sees it
    async with httpx.AsyncClient() as client:
        url = f"http://{drill.addresses['archive']}:{SERVICES['archive']}/readyz"
        await until(lambda: gone(drill, pid), 30, "the archive's process died")
        return await until(lambda: http_ok(client, url), RECOVERY_TIMEOUT, "archive back")


async def gone(drill: Drill, pid: int) -> bool:
    try:
        return drill.region.main_pid("archive", "service") != pid
    except (RuntimeError, ValueError):
        return True


async def delete_nats_pod(drill: Drill) -> float:
    """Delete nats-1; the StatefulSet (here: the drill) creates it again on its volume."""
    region = drill.region
    started = time.monotonic()
    podman("pod", "rm", "-f", "-t", "0", "nats-1")
    only = region.workdir / "nats-1.yaml"
    only.write_text(single_pod(region.manifests.read_text(), "nats-1"))
    region.play(only)
    drill.addresses["nats-1"] = region.address("nats-1")
    url = f"http://{drill.addresses['nats-1']}:8222/healthz?js-enabled-only=true"
    async with httpx.AsyncClient() as client:
        await until(lambda: http_ok(client, url), RECOVERY_TIMEOUT, "nats-1 back")
    return time.monotonic() - started


def single_pod(manifests: str, name: str) -> str:
    """The ConfigMaps and the pod of that name from the converted manifests (its claim's
    volume is still there, as a StatefulSet's claim outlives its pod)."""

    def kept(o: dict) -> bool:
        return o["kind"] == "ConfigMap" or (o["kind"] == "Pod" and o["metadata"]["name"] == name)

    keep = [o for o in yaml.safe_load_all(manifests) if o and kept(o)]
    return yaml.safe_dump_all(keep, sort_keys=False)


async def restart_postgres(drill: Drill) -> float:
    """Restart the region's PostgreSQL server (its container, as Kubernetes restarts a
    container: the pod keeps its address); writes succeed again once the services reconnect.

    Restarting the whole pod gives it another address, and a connection the services held to
    the old one then hangs (no keepalive or statement timeout on the database connections):
    reported, not drilled here."""
    # SIGINT: PostgreSQL's fast shutdown (SIGTERM waits for every session to end); the pod's
    # restart policy starts the server again.
    podman("kill", "--signal", "SIGINT", "postgres-postgres")
    async with httpx.AsyncClient() as client:

        async def a_write_succeeds() -> bool:
            return await drill.create_customer(client, "after-postgres") is not None

        return await until(a_write_succeeds, RECOVERY_TIMEOUT, "writes after PostgreSQL")


FAULTS: list[Fault] = [kill_service_process, delete_nats_pod, restart_postgres]


# ---- the load and the books ------------------------------------------------------------------


async def steady_writes(drill: Drill, stop: asyncio.Event, per_second: float = 4.0) -> None:
    async with httpx.AsyncClient() as client:
        count = 0
        while not stop.is_set():
            count += 1
            if await drill.create_customer(client, f"load-{count}") is None:
                drill.failed_writes += 1
            await asyncio.sleep(1 / per_second)


async def books_balance(drill: Drill) -> None:
    """Every acknowledged write exists; every event had exactly one effect."""
    region, ids = drill.region, set(drill.acknowledged)
    in_list = ",".join(f"'{i}'" for i in ids)

    async def all_tiered() -> bool:
        rows = region.psql("insight", f"SELECT count(DISTINCT customer_id) FROM tier_history "
                                      f"WHERE customer_id IN ({in_list})")  # fmt: skip
        return int(rows[0][0]) == len(ids)

    await until(all_tiered, RECOVERY_TIMEOUT, "insight tiered every acknowledged customer")
    stored = {
        r[0] for r in region.psql("archive", f"SELECT id FROM customers WHERE id IN ({in_list})")
    }
    lost = len(ids - stored)
    effects = region.psql(
        "insight",
        f"SELECT customer_id, count(*) FROM tier_history WHERE customer_id IN ({in_list}) "
        "GROUP BY customer_id",
    )
    duplicated_effects = sum(int(n) - 1 for _, n in effects if int(n) > 1)
    published = await published_per_customer(drill)
    duplicated_events = sum(n - 1 for c, n in published.items() if c in ids and n > 1)
    unpublished = len(ids - set(published))
    drill.figure("writes acknowledged", str(len(ids)))
    drill.figure("writes refused during faults (not acknowledged)", str(drill.failed_writes))
    drill.figure("lost", str(lost + unpublished))
    drill.figure("duplicated", str(duplicated_effects + duplicated_events))
    assert lost == 0 and unpublished == 0, f"lost {lost} writes, {unpublished} events"
    assert duplicated_effects == 0 and duplicated_events == 0, "an event had two effects"


async def published_per_customer(drill: Drill) -> dict[str, int]:
    """How many `customer.created` messages the archive's stream holds per customer."""
    servers = [f"nats://{drill.addresses[f'nats-{i}']}:4222" for i in range(3)]
    nc = await nats.connect(servers)
    counts: dict[str, int] = {}
    try:
        js = nc.jetstream()
        sub = await js.pull_subscribe("mcr.archive.customer.created", stream="MCR_ARCHIVE")
        try:
            while True:
                for message in await sub.fetch(500, timeout=2):
                    subject = (message.headers or {}).get("ce-subject", "")
                    customer = subject.rpartition("/")[2]
                    counts[customer] = counts.get(customer, 0) + 1
                    await message.ack()
        except (TimeoutError, nats.errors.TimeoutError):
            pass
        await sub.unsubscribe()
    finally:
        await nc.close()
    return counts


# ---- the whole drill -------------------------------------------------------------------------


async def run(drill: Drill) -> None:
    await start_region(drill)
    for check in CHECKS:
        print(f"[drill] {drill.region.name}: {check.__name__}: {await check(drill)}", flush=True)
    stop = asyncio.Event()
    load = asyncio.create_task(steady_writes(drill, stop))
    try:
        await asyncio.sleep(5)
        for fault in FAULTS:
            took = await fault(drill)
            drill.figure(f"recovery after {fault.__name__}", f"{took:.1f} s")
            await asyncio.sleep(5)
    finally:
        stop.set()
        await load
    await books_balance(drill)


def teardown(region: Region) -> None:
    """Remove the region's pods, their volumes and its network."""
    pods = podman("pod", "ps", "--filter", f"network={region.network}", "--format", "{{.Name}}",
                  check=False).split()  # fmt: skip
    if pods:
        podman("pod", "rm", "-f", "-t", "0", *pods, check=False)
    podman("volume", "prune", "-f", check=False)
    podman("network", "rm", "-f", region.network, check=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run a region as pods and drill it.")
    parser.add_argument("--region", required=True)
    parser.add_argument("--tag", required=True, help="the images' tag (deploy/images/build.sh)")
    parser.add_argument("--nats-tag", required=True)
    parser.add_argument("--keep", action="store_true", help="leave the pods running")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix=f"mcr-drill-{args.region}-"))
    keys = AuthKeys(workdir / "keys")
    region = Region(args.region, args.tag, args.nats_tag, workdir, keys.public_key_file)
    drill = Drill(region, keys)
    try:
        asyncio.run(run(drill))
    finally:
        if not args.keep:
            teardown(region)
    print(
        f"[drill] {args.region}: passed ({', '.join(f'{k} {v}' for k, v in drill.figures.items())})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
