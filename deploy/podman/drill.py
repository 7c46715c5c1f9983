"""The region drill: a region's manifests run as pods, then faults under a steady write load.

    uv run python deploy/podman/drill.py --region cn-south [--tag TAG] [--keep]

1. Render the overlay with Kustomize and convert it (`convert.py`, the one podman step);
   start the region's PostgreSQL and the roll-up hub (`infra.yaml`), create the Secrets,
   `podman kube play` the region. Figure: seconds from `kube play` to every pod ready.
   The archive runs as two replicas (a second pod that answers to the name `archive` too,
   as a headless Service's pods do); the pods export their traces to an OTLP receiver the
   drill runs on the region network's gateway address, in the collector's place.
2. CHECKS, each a small function: a REST call through the gateway, a gRPC call into the
   archive's pod, an event crossing pods (the archive's customer event tiers the customer in
   insight's pod); what an on-call engineer reads (issue 23): the gateway's RED metrics on
   its `/metrics`, the outbox backlog and the consumer lag on the services' admin ports, a
   dead-lettered event's span, gRPC calls spread over both archive replicas.
3. Under a steady load of customer writes through the gateway, FAULTS one after the other:
   the outbox made to stick (every NATS pod paused; the region's MCROutboxStuck alert rule
   evaluated by promtool on the scraped ages), kill -9 a service pod's process, delete a NATS
   pod (recreated as its StatefulSet would), restart PostgreSQL; with `--upgrade-from`, a
   rolling upgrade of every service from that release's images. Figure: seconds until each
   recovered.
4. Then every acknowledged write exists (the archive's database), every event had exactly
   one effect (insight's database: one tier history entry per customer; the archive's stream:
   one message per customer). Figures: lost 0, duplicated 0.

A check is an `async def check(drill: Drill) -> str` in `CHECKS` (its figure; AssertionError
on failure), a fault an `async def fault(drill: Drill) -> float` in `FAULTS` (the seconds
until the region recovered).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import secrets
import signal
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import grpc
import httpx
import nats
import yaml
from mcr.archive.v1 import archive_service_pb2, archive_service_pb2_grpc
from mcr.rollup.v1 import aggregates_pb2
from mcr_core import rollup
from mcr_core.testing import AuthKeys

sys.path.insert(0, str(Path(__file__).resolve().parent))
from observe import OtlpReceiver, alert_test, attributes, named, scrape
from pods import GRPC, HERE, SERVICES, Region, http_ok, kubectl_kustomize, podman, until

# Each service pod starts two processes, its migrate init container then the service: on the
# loaded 2-core machine cn-south's pods were ready after 220 s once.
READY_TIMEOUT = 360.0
RECOVERY_TIMEOUT = 180.0
# The service run as two replicas, and the second replica's pod.
SCALED, REPLICA = "archive", "archive-1"
NATS_PODS = ("nats-0", "nats-1", "nats-2")
# `--region all`: these regions side by side, with the roll-up hub shared.
ALL_REGIONS = ("cn-south", "eu-west")


@dataclass
class Drill:
    region: Region
    keys: AuthKeys
    addresses: dict[str, str] = field(default_factory=dict)
    acknowledged: dict[str, str] = field(default_factory=dict)  # customer id -> display name
    failed_writes: int = 0
    figures: dict[str, str] = field(default_factory=dict)
    # The drill's calls through the gateway by (method, route, status): what its RED metrics
    # must count at least.
    calls: Counter = field(default_factory=Counter)
    receiver: OtlpReceiver = field(default_factory=OtlpReceiver)
    rendered: list[dict] = field(default_factory=list)
    # With `--upgrade-from`: the region starts on that release's images, and the fault
    # `rolling_upgrade` moves it to these.
    upgrade_to: str | None = None

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
        self.calls["POST", "/v1/customers", str(answer.status_code)] += 1
        if answer.status_code != 201:
            return None
        self.acknowledged[answer.json()["id"]] = name
        return answer.json()["id"]


# ---- start-up ------------------------------------------------------------------------------


async def all_ready(drill: Drill, client: httpx.AsyncClient) -> bool:
    probes = [f"http://{drill.addresses[s]}:{port}/readyz" for s, port in SERVICES.items()]
    probes.append(f"http://{drill.addresses[REPLICA]}:{SERVICES[SCALED]}/readyz")
    probes += [f"http://{drill.addresses[f'nats-{i}']}:8222/healthz?js-enabled-only=true"
               for i in range(3)]  # fmt: skip
    probes.append(f"{drill.gateway}/healthz")
    return all(await asyncio.gather(*(http_ok(client, url) for url in probes)))


# Podman's Secrets are the machine's: regions side by side share them (each region's
# PostgreSQL, reached by the name `postgres` on its own network, has this password).
PASSWORD, DATA_KEY = secrets.token_urlsafe(18), base64.b64encode(secrets.token_bytes(32)).decode()
HUB = "rollup-hub"


def infra(region: Region, hub: bool) -> Path:
    """`infra.yaml` for the region: its PostgreSQL, and the roll-up hub unless it is shared."""
    objects = yaml.safe_load_all(
        (HERE / "infra.yaml").read_text().replace("NATS_TAG", region.nats_tag)
    )
    kept = [o for o in objects if o and (hub or not o["metadata"]["name"].startswith(HUB))]
    path = region.workdir / ("infra.yaml" if hub else "infra-without-hub.yaml")
    path.write_text(yaml.safe_dump_all(kept, sort_keys=False))
    return path


async def start_region(drill: Drill, hub: bool = True) -> None:
    """The region's pods, ready; with `hub`, the roll-up hub on the region's network too."""
    region = drill.region
    if hub:
        teardown(region)  # what an earlier drill may have left
        region.create_network()
    region.secret("drill-postgres", {"password": PASSWORD})
    for service in SERVICES:
        url = f"postgresql+asyncpg://postgres:{PASSWORD}@postgres:5432/{service}"
        region.secret(f"mcr-{service}-database", {"url": url})
        # The migrate init container's role; the drill's PostgreSQL has one role for both.
        region.secret(f"mcr-{service}-database-migrator", {"url": url})
    region.secret("mcr-archive-data-key", {"key": DATA_KEY})
    region.play(infra(region, hub))
    await until(lambda: postgres_ready(region), 60, "PostgreSQL ready")
    # The network's bridge, and so the machine's address on it, exists once a pod runs on it.
    host = region.host_address()
    region.otlp_endpoint = f"http://{host}:{await drill.receiver.start(host)}"
    drill.rendered = [o for o in yaml.safe_load_all(kubectl_kustomize(region.name)) if o]
    manifests = region.convert()
    print("\n".join(region.report), flush=True)
    started = time.monotonic()
    region.play(manifests)
    replica = region.workdir / f"{REPLICA}.yaml"
    replica.write_text(second_replica(manifests.read_text(), SCALED, REPLICA))
    region.play(replica, alias=SCALED)
    for pod in (*SERVICES, REPLICA, "gateway", *NATS_PODS):
        drill.addresses[pod] = region.address(pod)
    async with httpx.AsyncClient() as client:
        await until(lambda: all_ready(drill, client), READY_TIMEOUT, "every pod ready")
    drill.figure("pods ready after kube play", f"{time.monotonic() - started:.1f} s")


def second_replica(manifests: str, service: str, name: str) -> str:
    """The service's pod once more as `name` (its emptyDir volumes its own): the second
    replica of the Deployment, which podman runs as one pod."""
    text = single_pod(manifests, service)
    objects = [o for o in yaml.safe_load_all(text) if o]
    [pod] = [o for o in objects if o["kind"] == "Pod"]
    pod["metadata"]["name"] = name
    spec = pod["spec"]
    mounts = [m for c in spec["containers"] for m in c.get("volumeMounts", [])]
    for volume in (*spec.get("volumes", []), *mounts):
        if volume["name"].startswith(f"{service}-"):
            volume["name"] = name + volume["name"].removeprefix(service)
    return yaml.safe_dump_all(objects, sort_keys=False)


async def postgres_ready(region: Region) -> bool:
    out = podman("exec", f"{region.pod('postgres')}-postgres", "pg_isready", "-h", "/tmp",
                 check=False)  # fmt: skip
    return "accepting connections" in out


# ---- checks: each proves one thing crosses pods ----------------------------------------------

Check = Callable[[Drill], Awaitable[str]]


async def rest_call(drill: Drill) -> str:
    async with httpx.AsyncClient() as client:
        listed = await client.get(f"{drill.gateway}/v1/customers", headers=drill.headers())
    drill.calls["GET", "/v1/customers", str(listed.status_code)] += 1
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


async def gateway_red_metrics(drill: Drill) -> str:
    """The gateway's `/metrics`, scraped from its pod: requests by route, method and status
    (rate and errors) and their durations, counting at least the drill's own calls."""
    async with httpx.AsyncClient() as client:
        samples = await scrape(client, f"{drill.gateway}/metrics")

    def per_call(name: str) -> dict[tuple[str, str, str], float]:
        keys = ("http_request_method", "http_route", "http_response_status_code")
        return {tuple(s.labels[k] for k in keys): s.value for s in named(samples, name)}

    counts = per_call("http_server_request_duration_seconds_count")
    seconds = per_call("http_server_request_duration_seconds_sum")
    for call, made in drill.calls.items():
        assert counts.get(call, 0) >= made, f"{call}: {counts.get(call, 0)} counted, {made} made"
    errors = sum(n for (_, _, status), n in counts.items() if status.startswith("5"))
    shown = [
        f"{' '.join(call)} x{counts[call]:.0f} (drill {drill.calls[call]}, "
        f"mean {1000 * seconds[call] / counts[call]:.0f} ms)"
        for call in sorted(drill.calls)
    ]
    return f"gateway /metrics: {'; '.join(shown)}; 5xx {errors:.0f}"


async def backlog_and_lag(drill: Drill) -> str:
    """The outbox backlog (archive) and the consumer lag (insight) on the pods' admin ports,
    once each has been sampled."""
    archive = f"http://{drill.addresses['archive']}:{SERVICES['archive']}/metrics"
    insight = f"http://{drill.addresses['insight']}:{SERVICES['insight']}/metrics"
    async with httpx.AsyncClient() as client:
        seen: dict[str, list] = {}

        async def sampled() -> bool:
            seen["archive"], seen["insight"] = (
                await scrape(client, archive),
                await scrape(client, insight),
            )
            return bool(named(seen["insight"], "mcr_consumer_lag"))

        await until(sampled, 60, "insight's consumer lag sampled")
    [backlog] = named(seen["archive"], "mcr_outbox_backlog", service="archive")
    [age] = named(seen["archive"], "mcr_outbox_oldest_age_seconds", service="archive")
    lags = {s.labels["consumer"]: s.value for s in named(seen["insight"], "mcr_consumer_lag")}
    assert lags and named(seen["insight"], "mcr_consumer_ack_pending")
    shown = ", ".join(f"{c} {v:.0f}" for c, v in sorted(lags.items()))
    return (
        f"archive outbox backlog {backlog.value:.0f}, oldest {age.value:.1f} s; "
        f"insight consumer lag {shown}"
    )


async def dead_letter_span(drill: Drill) -> str:
    """An event insight cannot decode, published on the archive's subject in a trace of the
    drill's own: insight dead-letters it, and the dead letter's span arrives over OTLP."""
    trace_id, span_id = secrets.token_hex(16), secrets.token_hex(8)
    servers = [f"nats://{drill.addresses[pod]}:4222" for pod in NATS_PODS]
    nc = await nats.connect(servers)
    try:
        headers = {"ce-id": f"drill-{trace_id[:12]}", "traceparent": f"00-{trace_id}-{span_id}-01"}
        await nc.jetstream().publish("mcr.archive.customer.updated", b"\x00", headers=headers)
    finally:
        await nc.close()

    async def arrived() -> bool:
        return bool(drill.receiver.named("publish mcr.deadletter.", trace_id))

    took = await until(arrived, 60, "the dead letter's span")
    spans = drill.receiver.named("publish mcr.deadletter.", trace_id)
    by = sorted({f"{r['service.name']}: {s.name}" for r, s in spans})
    for _, span in spans:  # each consumer of the subject that could not decode it
        assert attributes(span.attributes)["mcr.dead_letter.kind"] == "malformed event", by
    return f"dead-letter span(s) in the drill's trace {trace_id[:8]}… after {took:.1f} s: {by}"


async def replicas_share_calls(drill: Drill) -> str:
    """Calls through the gateway reach both archive replicas (round-robin over every address
    the name resolves to); counted on each pod's own metrics."""
    pods = (SCALED, REPLICA)
    async with httpx.AsyncClient() as client:

        async def calls(pod: str) -> float:
            url = f"http://{drill.addresses[pod]}:{SERVICES[SCALED]}/metrics"
            samples = named(await scrape(client, url), "mcr_rpc_server_duration_milliseconds_count")
            return sum(
                s.value for s in samples if s.labels["rpc_method"].endswith("/ListCustomers")
            )

        before = {pod: await calls(pod) for pod in pods}
        made = 0

        async def both_answered() -> bool:
            nonlocal made
            for _ in range(10):
                listed = await client.get(f"{drill.gateway}/v1/customers", headers=drill.headers())
                drill.calls["GET", "/v1/customers", str(listed.status_code)] += 1
                made += 1
            spread = {pod: await calls(pod) - before[pod] for pod in pods}
            return min(spread.values()) >= 3

        await until(both_answered, 90, "calls on both archive replicas")
        spread = {pod: await calls(pod) - before[pod] for pod in pods}
    shown = ", ".join(f"{pod} {n:.0f}" for pod, n in spread.items())
    return f"{made} ListCustomers calls through the gateway answered by {shown}"


CHECKS: list[Check] = [
    rest_call,
    grpc_call,
    event_crossing,
    backlog_and_lag,
    dead_letter_span,
    replicas_share_calls,
    gateway_red_metrics,
]


# ---- faults: each injects one and returns the seconds until the region recovered -----------

Fault = Callable[[Drill], Awaitable[float]]


async def stick_the_outbox(drill: Drill) -> float:
    """Pause every NATS pod while the writes go on: the archive's outbox keeps their events,
    and its oldest event ages. The region's MCROutboxStuck rule, evaluated by promtool on
    series built from the ages scraped before and during the pause, stays quiet on the first
    and fires on the second. Recovery: every event that waited in the archive's outbox is
    published (read in its database: the backlog metric is sampled every 10 s)."""
    healthy = await oldest_ages(drill, 5)
    nats_pods = [drill.region.pod(pod) for pod in NATS_PODS]
    podman("pod", "pause", *nats_pods)
    try:
        # The backlog is sampled every 10 s: the pause's first event is seen within that,
        # then ages for the rest of the scrapes.
        stuck = await oldest_ages(drill, 20)
    finally:
        podman("pod", "unpause", *nats_pods)
    started = time.monotonic()
    [[unpaused]] = drill.region.psql("archive", "SELECT now()")

    async def waited_published() -> bool:
        sql = f"SELECT count(*) FROM outbox WHERE occurred_at <= '{unpaused}'"
        return drill.region.psql("archive", sql) == [["0"]]

    await until(waited_published, RECOVERY_TIMEOUT, "the archive's waiting events published")
    recovered = time.monotonic() - started
    drill.figure("MCROutboxStuck", outbox_alert(drill, healthy, stuck))
    return recovered


async def oldest_ages(drill: Drill, seconds: int) -> dict[str, list[float]]:
    """`mcr_outbox_oldest_age_seconds` of each archive pod, scraped once a second."""
    ages: dict[str, list[float]] = {SCALED: [], REPLICA: []}
    async with httpx.AsyncClient() as client:
        for _ in range(seconds):
            for pod, series in ages.items():
                url = f"http://{drill.addresses[pod]}:{SERVICES[SCALED]}/metrics"
                [age] = named(await scrape(client, url), "mcr_outbox_oldest_age_seconds")
                series.append(age.value)
            await asyncio.sleep(1)
    return ages


def outbox_alert(
    drill: Drill, healthy: dict[str, list[float]], stuck: dict[str, list[float]]
) -> str:
    """promtool on the scraped ages, one sample a second. The stuck series goes on after the
    scrape at the rate it was seen growing (a stuck outbox's oldest event ages with the
    clock), for the eleven minutes the rule needs (over 300 s, for 5 minutes); the healthy
    one repeats what was scraped."""
    [namespace] = [o["metadata"]["name"] for o in drill.rendered if o["kind"] == "Namespace"]
    slopes = {pod: (ages[-1] - ages[-6]) / 5 for pod, ages in stuck.items()}
    assert all(0.8 < slope < 1.2 for slope in slopes.values()), f"not stuck: {stuck}"
    labels = {"severity": "page", "namespace": namespace, "service": "archive"}

    def series(per_pod: dict[str, list[float]], then) -> dict[str, str]:
        return {
            f'mcr_outbox_oldest_age_seconds{{namespace="{namespace}", service="archive", '
            f'pod="{pod}"}}': " ".join(f"{v:g}" for v in ages) + then(ages)
            for pod, ages in per_pod.items()
        }

    minutes = 11 * 60
    alert_test(drill.rendered, "MCROutboxStuck",
               series(stuck, lambda ages: f" {ages[-1] + 1:g}+1x{minutes}"),
               "1s", {"4m": [], "11m": [labels]})  # fmt: skip
    alert_test(drill.rendered, "MCROutboxStuck",
               series(healthy, lambda ages: "".join(f" {ages[i % len(ages)]:g}"
                                                    for i in range(minutes))),
               "1s", {"11m": []})  # fmt: skip
    peak = max(max(ages) for ages in stuck.values())
    calm = max(max(ages) for ages in healthy.values())
    return (
        f"quiet on the healthy scrape (oldest <= {calm:.1f} s), firing at 11 min on the stuck "
        f"one (oldest {peak:.1f} s after {len(stuck[SCALED])} s paused, +{slopes[SCALED]:.2f} s/s)"
    )


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
    podman("pod", "rm", "-f", "-t", "0", region.pod("nats-1"))
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
    podman("kill", "--signal", "SIGINT", f"{drill.region.pod('postgres')}-postgres")
    async with httpx.AsyncClient() as client:

        async def a_write_succeeds() -> bool:
            return await drill.create_customer(client, "after-postgres") is not None

        return await until(a_write_succeeds, RECOVERY_TIMEOUT, "writes after PostgreSQL")


async def rolling_upgrade(drill: Drill) -> float:
    """A rolling update of every service and the gateway to the current images, under the
    writes: per service, its migration (the new release's `<service>-init`), then each of
    its pods deleted with its grace period and created again from the new manifests, ready
    before the next. Recovery: the seconds the whole update took."""
    region, started = drill.region, time.monotonic()
    old = region.tag
    manifests = region.convert(drill.upgrade_to).read_text()
    for service in (*SERVICES, "gateway"):
        if service in SERVICES:
            await migrate(drill, manifests, service)
        pods = [(service, None), *([(REPLICA, SCALED)] if service == SCALED else [])]
        for pod, alias in pods:
            podman("pod", "rm", "-f", "-t", "10", region.pod(pod))  # SIGTERM, then the grace
            one = region.workdir / f"{pod}.upgraded.yaml"
            text = single_pod(manifests, service)
            one.write_text(second_replica(manifests, service, pod) if alias else text)
            region.play(one, alias=alias)
            drill.addresses[pod] = region.address(pod)
            await until(lambda pod=pod: pod_ready(drill, pod), READY_TIMEOUT, f"{pod} upgraded")
            image = podman("inspect", f"{region.pod(pod)}-service", "--format", "{{.ImageName}}")
            assert image.strip().endswith(f":{drill.upgrade_to}"), image
    drill.figure("rolling upgrade", f"{old} -> {drill.upgrade_to}, every pod replaced")
    return time.monotonic() - started


async def migrate(drill: Drill, manifests: str, service: str) -> None:
    """The new release's migration pod for the service, run to completion."""
    region, name = drill.region, f"{service}-init"
    podman("pod", "rm", "-f", region.pod(name), check=False)
    one = region.workdir / f"{name}.upgraded.yaml"
    one.write_text(single_pod(manifests, name))
    region.play(one)

    async def migrated() -> bool:
        state = podman("inspect", f"{region.pod(name)}-migrate", "--format",
                       "{{.State.Status}} {{.State.ExitCode}}")  # fmt: skip
        return state.split() == ["exited", "0"]

    await until(migrated, READY_TIMEOUT, f"{service}'s migration")


async def pod_ready(drill: Drill, pod: str) -> bool:
    service = SCALED if pod == REPLICA else pod
    path = "healthz" if pod == "gateway" else "readyz"
    port = 8080 if pod == "gateway" else SERVICES[service]
    async with httpx.AsyncClient() as client:
        return await http_ok(client, f"http://{drill.addresses[pod]}:{port}/{path}")


FAULTS: list[Fault] = [stick_the_outbox, kill_service_process, delete_nats_pod, restart_postgres]


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
    try:
        await start_region(drill)
        await run_checks(drill)
        await run_faults(drill)
    finally:
        await drill.receiver.stop()


async def run_checks(drill: Drill) -> None:
    for check in CHECKS:
        print(f"[drill] {drill.region.name}: {check.__name__}: {await check(drill)}", flush=True)


async def run_faults(drill: Drill) -> None:
    """The faults one after the other under the steady writes, then the books."""
    stop = asyncio.Event()
    load = asyncio.create_task(steady_writes(drill, stop))
    try:
        await asyncio.sleep(5)
        for fault in [*FAULTS, *([rolling_upgrade] if drill.upgrade_to else [])]:
            took = await fault(drill)
            drill.figure(f"recovery after {fault.__name__}", f"{took:.1f} s")
            await asyncio.sleep(5)
    finally:
        stop.set()
        await load
    await books_balance(drill)


# ---- regions side by side: the global roll-up --------------------------------------------------


async def run_side_by_side(drills: list[Drill]) -> None:
    """Every region's pods (named `<region>-<pod>`) on its own network, the roll-up hub on all
    of them; each region's checks, then the roll-up's, then each region's faults."""
    try:
        for drill in drills:
            teardown(drill.region)
            drill.region.create_network()
        hub = drills[0].region.workdir / "hub.yaml"
        objects = yaml.safe_load_all((HERE / "infra.yaml").read_text())
        shared = [o for o in objects if o and o["metadata"]["name"].startswith(HUB)]
        hub.write_text(
            yaml.safe_dump_all(shared, sort_keys=False).replace(
                "NATS_TAG", drills[0].region.nats_tag
            )
        )
        networks = [arg for d in drills for arg in ("--network", d.region.network)]
        podman("kube", "play", *networks, str(hub))
        for drill in drills:
            await start_region(drill, hub=False)
        for drill in drills:
            await run_checks(drill)
        print(f"[drill] global roll-up: {await rollup_reaches_the_hub(drills)}", flush=True)
        for drill in drills:
            await run_faults(drill)
    finally:
        for drill in drills:
            await drill.receiver.stop()


async def rollup_reaches_the_hub(drills: list[Drill]) -> str:
    """Each region's daily roll-up (its timer brought forward to now) reaches the hub's global
    view through the leaf-node link; the hub holds aggregates only, and none of the names and
    ids of the customers, persons and employee the drill wrote in the regions."""
    personal = {"e-1001"}  # the drill's employee (its tokens' subject)
    for drill in drills:
        personal |= set(drill.acknowledged) | set(drill.acknowledged.values())
        personal |= await a_person(drill)
        drill.region.psql(
            "insight",
            "UPDATE timers SET due_at = now() WHERE kind = 'insight.rollup' AND fired_at IS NULL",
        )
    domains = {d.region.name: jetstream_domain(d.rendered) for d in drills}
    nc = await nats.connect(f"nats://{hub_address(drills[0].region)}:4222")
    try:
        gjs = nc.jetstream()
        await rollup.ensure_global_view(gjs, list(domains.values()))

        async def arrived() -> bool:
            subjects = {m.subject for m in await global_messages(gjs)}
            return all(f"mcr.rollup.{r}.tier_counts" in subjects for r in domains)

        took = await until(arrived, 120, "both regions' aggregates at the hub")
        await asyncio.sleep(1)  # anything else that was going to cross would be here now
        crossed = await global_messages(gjs)
        counts = {
            region: sum((await rollup.latest(gjs, aggregates_pb2.TierCounts, region))
                        .customers_by_tier.values())
            for region in domains
        }  # fmt: skip
    finally:
        await nc.close()
    types = {t.DESCRIPTOR.full_name for t in rollup.AGGREGATES}
    for message in crossed:
        assert message.subject.startswith("mcr.rollup."), message.subject
        assert message.headers["ce-type"] in types, message.headers
        text = message.data.decode("utf-8", "replace") + json.dumps(message.headers)
        leaks = [value for value in personal if value in text]
        assert not leaks, f"personal data at the hub: {leaks}"
    for drill in drills:
        tiered = drill.region.psql(
            "insight", "SELECT count(DISTINCT customer_id) FROM tier_history"
        )
        assert counts[drill.region.name] == int(tiered[0][0]), (counts, tiered)
    shown = ", ".join(f"{r} {n} customers by tier" for r, n in counts.items())
    return (
        f"{len(crossed)} aggregates at the hub after {took:.1f} s ({shown}); only "
        f"{', '.join(sorted(t.split('.')[-1] for t in types))}; none of {len(personal)} "
        "personal names and ids"
    )


async def a_person(drill: Drill) -> set[str]:
    """A person at one of the region's customers, through the gateway: its name and id."""
    customer = next(iter(drill.acknowledged))
    name = f"演练联系人 {secrets.token_hex(4)}"
    async with httpx.AsyncClient() as client:
        created = await client.post(
            f"{drill.gateway}/v1/customers/{customer}/persons",
            json={"display_name": name, "title": "CTO"}, headers=drill.headers(), timeout=10,
        )  # fmt: skip
    assert created.status_code == 201, created.text
    return {name, created.json()["name"].rpartition("/")[2]}


def jetstream_domain(rendered: list[dict]) -> str:
    [nats_set] = [o for o in rendered if o["kind"] == "StatefulSet"]
    [env] = [e for c in nats_set["spec"]["template"]["spec"]["containers"]
             for e in c.get("env", []) if e["name"] == "JETSTREAM_DOMAIN"]  # fmt: skip
    return env["value"]


def hub_address(region: Region) -> str:
    infra = podman("pod", "inspect", HUB, "--format", "{{.InfraContainerID}}").strip()
    networks = json.loads(
        podman("inspect", infra, "--format", "{{json .NetworkSettings.Networks}}")
    )
    return networks[region.network]["IPAddress"]


async def global_messages(gjs) -> list:
    info = await gjs.stream_info(rollup.GLOBAL_STREAM)
    if not info.state.messages:
        return []
    first, last = info.state.first_seq, info.state.last_seq
    return [await gjs.get_msg(rollup.GLOBAL_STREAM, seq) for seq in range(first, last + 1)]


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
    parser.add_argument(
        "--upgrade-from",
        metavar="TAG",
        help="start on these images (build.sh --release REV) and roll the region to --tag",
    )
    args = parser.parse_args(argv)
    side_by_side = args.region == "all"
    workdir = Path(tempfile.mkdtemp(prefix=f"mcr-drill-{args.region}-"))
    keys = AuthKeys(workdir / "keys")
    drills = []
    for name in ALL_REGIONS if side_by_side else (args.region,):
        (workdir / name).mkdir()
        first_tag = args.upgrade_from or args.tag
        region = Region(name, first_tag, args.nats_tag, workdir / name, keys.public_key_file,
                        prefix=f"{name}-" if side_by_side else "")  # fmt: skip
        drills.append(Drill(region, keys, upgrade_to=args.tag if args.upgrade_from else None))
    try:
        asyncio.run(run_side_by_side(drills) if side_by_side else run(drills[0]))
    finally:
        if not args.keep:
            for drill in drills:
                teardown(drill.region)
    for drill in drills:
        shown = ", ".join(f"{k} {v}" for k, v in drill.figures.items())
        print(f"[drill] {drill.region.name}: passed ({shown})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
