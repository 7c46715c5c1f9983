"""Operating a region, proven on real processes: what the pod drill observes in containers,
observed here without them (deploy/README.md, operating a region).

- the gateway's `/metrics` (rate, errors, duration by route) and its JSON access log, which
  names routes, never query strings, tokens or bodies;
- a stuck outbox shows in the service's backlog metrics (what the MCROutboxStuck alert reads);
- one client channel spreads its calls over two replicas found by DNS (headless Service);
- a process with MCR_MIGRATIONS=verify refuses an unmigrated schema, `only` migrates and exits;
- traces leave the process over OTLP with the operator's service name and resource, RPC,
  database and messaging spans, and a dead letter's span and log line in its event's trace.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import grpc
import httpx
import pytest
from headless import headless_dns
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc, customer_pb2
from mcr_core.embedded_nats import free_port
from mcr_core.rpc.channels import service_channel
from mcr_core.testing.kit import nats_client
from mcr_core.transport import TransportSettings
from opentelemetry.proto.collector.logs.v1 import logs_service_pb2, logs_service_pb2_grpc
from opentelemetry.proto.collector.metrics.v1 import metrics_service_pb2, metrics_service_pb2_grpc
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2, trace_service_pb2_grpc
from processes import ServiceProcess
from prometheus_client.parser import text_string_to_metric_families

pytestmark = pytest.mark.slow
SECRET_NAME = "Confidential Holdings 机密控股"
ROUTE_LABELS = ("http_route", "http_request_method", "http_response_status_code")


def base_env(tmp_path: Path, nats_url: str, auth_keys, database_url: str | None = None) -> dict:
    env = {
        "MCR_NATS_URL": nats_url,
        "MCR_AUTH_PUBLIC_KEY_FILE": str(auth_keys.public_key_file),
        "MCR_DATA_DIR": str(tmp_path),
        "MCR_SIGNALS_INTERVAL_SECONDS": "0.2",
    }
    if database_url:
        env["MCR_DATABASE_URL"] = database_url
    return env


def samples(text: str, name: str) -> list:
    """The samples of the metric family `name` in a Prometheus exposition."""
    return [
        sample
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == name
    ]


async def create_customer(target: str, auth_keys, name: str = SECRET_NAME) -> str:
    async with grpc.aio.insecure_channel(target) as channel:
        stub = archive_service_pb2_grpc.ArchiveServiceStub(channel)
        created = await stub.CreateCustomer(
            pb.CreateCustomerRequest(customer=customer_pb2.Customer(display_name=name)),
            metadata=auth_keys.metadata(),
        )
    return created.name


def json_lines(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]


# ---- the gateway: /metrics and the access log --------------------------------------------


@pytest.fixture
async def archive_process(tmp_path, nats_url, auth_keys) -> Iterator[ServiceProcess]:
    process = ServiceProcess(
        "mcr_archive", base_env(tmp_path, nats_url, auth_keys), tmp_path / "archive.log"
    )
    await process.start()
    yield process
    process.terminate()


async def test_the_gateway_serves_red_metrics_and_an_access_log_without_personal_data(
    archive_process, auth_keys, tmp_path
):
    port, log = free_port(), tmp_path / "gateway.log"
    env = {
        "MCR_HTTP_ADDRESS": f"127.0.0.1:{port}",
        "MCR_ARCHIVE_TARGET": f"dns:///localhost:{archive_process.grpc_port}",
        "MCR_AUTH_PUBLIC_KEY_FILE": str(auth_keys.public_key_file),
        "MCR_DATA_DIR": str(tmp_path),
    }
    gateway = start_gateway(env, port, log)
    token = auth_keys.token()
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
            headers = {"Authorization": f"Bearer {token}"}
            created = await http.post(
                "/v1/customers", json={"display_name": SECRET_NAME}, headers=headers
            )
            assert created.status_code == 201, created.text
            customer = created.json()["name"].split("/")[-1]
            assert (await http.get(f"/v1/customers/{customer}", headers=headers)).is_success
            search = f'display_name : "{SECRET_NAME}"'
            listed = await http.get("/v1/customers", params={"filter": search}, headers=headers)
            assert listed.is_success
            assert (await http.get("/v1/customers/nope", headers=headers)).status_code == 404
            assert (await http.get("/v1/customers")).status_code == 401
            exposition = (await http.get("/metrics")).text
    finally:
        gateway.terminate()
        gateway.wait(20)
    counts = {
        tuple(s.labels[k] for k in ROUTE_LABELS): s.value
        for s in samples(exposition, "http_server_request_duration_seconds_count")
    }
    requests = [line for line in json_lines(log) if line["message"] == "http request"]
    # The template of the route that read one customer (`/v1/customers/{...}`): its ids never.
    [one] = {r["http_route"] for r in requests if r["http_route"].startswith("/v1/customers/{")}
    assert counts[("/v1/customers", "POST", "201")] == 1
    assert counts[(one, "GET", "200")] == 1
    assert counts[(one, "GET", "404")] == 1
    assert counts[("/v1/customers", "GET", "401")] == 1
    assert SECRET_NAME not in exposition and customer not in exposition

    routes = [(r["http_method"], r["http_route"], r["status"]) for r in requests]
    assert ("GET", one, 404) in routes and ("GET", "/v1/customers", 200) in routes
    assert all(len(r["trace_id"]) == 32 and r["duration_ms"] >= 0 for r in requests)
    text = log.read_text()
    for personal in (SECRET_NAME, "机密", customer, token, "display_name"):
        assert personal not in text


def start_gateway(env: dict, port: int, log: Path) -> subprocess.Popen:
    with open(log, "ab") as out:
        gateway = subprocess.Popen(
            [sys.executable, "-m", "mcr_gateway"], env=os.environ | env, stdout=out, stderr=out
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if gateway.poll() is not None:
            raise RuntimeError(log.read_text()[-2000:])
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                return gateway
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise TimeoutError("the gateway did not start")


# ---- a stuck outbox ----------------------------------------------------------------------


async def test_a_stuck_outbox_shows_in_the_backlog_metrics(tmp_path, nats_url, auth_keys):
    env = base_env(tmp_path, nats_url, auth_keys) | {"MCR_FAILPOINTS": "outbox.before_publish"}
    process = ServiceProcess("mcr_archive", env, tmp_path / "archive.log")
    await process.start()
    try:
        await create_customer(f"127.0.0.1:{process.grpc_port}", auth_keys)
        admin = f"http://127.0.0.1:{process.admin_port}/metrics"
        async with httpx.AsyncClient() as http, asyncio.timeout(30):
            while True:  # the relay hangs before publishing: the event waits, and ages
                exposition = (await http.get(admin)).text
                [backlog] = samples(exposition, "mcr_outbox_backlog")
                [age] = samples(exposition, "mcr_outbox_oldest_age_seconds")
                if backlog.value >= 1 and age.value > 1:  # the customer, and its new owner
                    break
                await asyncio.sleep(0.2)
        assert backlog.labels["service"] == "archive"
        assert samples(exposition, "mcr_timers_due")
    finally:
        process.kill()


# ---- client-side load balancing over DNS ---------------------------------------------------


@pytest.fixture
def dns_server() -> Iterator[int]:
    with headless_dns(["127.0.0.1", "127.0.0.2"]) as (_, port):
        yield port


async def test_one_channel_spreads_calls_over_two_replicas_found_by_dns(
    tmp_path, nats_url, auth_keys, dns_server, postgres_or_sqlite_url
):
    port = free_port()
    replicas = []
    for index, address in enumerate(("127.0.0.1", "127.0.0.2")):
        env = base_env(tmp_path, nats_url, auth_keys, postgres_or_sqlite_url(index))
        replica = ServiceProcess("mcr_archive", env, tmp_path / f"archive-{index}.log")
        replica.env["MCR_GRPC_ADDRESS"] = f"{address}:{port}"
        replica.grpc_port = port
        replicas.append(await replica.start())
    try:
        target = f"dns://127.0.0.1:{dns_server}/archive.mcr.test:{port}"
        async with service_channel(target, TransportSettings()) as channel:
            stub = archive_service_pb2_grpc.ArchiveServiceStub(channel)
            for _ in range(20):
                await stub.ListCustomers(pb.ListCustomersRequest(), metadata=auth_keys.metadata())
        calls = [await list_calls(replica) for replica in replicas]
    finally:
        for replica in replicas:
            replica.terminate()
    assert sum(calls) == 20
    assert min(calls) >= 5, calls  # round-robin: both replicas answered


async def list_calls(replica: ServiceProcess) -> float:
    async with httpx.AsyncClient() as http:
        text = (await http.get(f"http://127.0.0.1:{replica.admin_port}/metrics")).text
    return sum(
        s.value
        for s in samples(text, "mcr_rpc_server_duration_milliseconds_count")
        if s.labels["rpc_method"].endswith("/ListCustomers")
    )


@pytest.fixture
def postgres_or_sqlite_url(tmp_path):
    """Each replica's database: SQLite files of their own (the balancing is what is tested)."""
    return lambda index: f"sqlite:///{tmp_path / f'replica-{index}.db'}"


# ---- migrations: verify, only ----------------------------------------------------------------


def run_once(module: str, env: dict, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", module], env=os.environ | env, capture_output=True, text=True,
        timeout=timeout, check=False,
    )  # fmt: skip


async def test_a_service_refuses_an_unmigrated_schema_and_the_migration_job_migrates_it(
    tmp_path, nats_url, auth_keys
):
    env = base_env(tmp_path, nats_url, auth_keys, f"sqlite:///{tmp_path / 'archive.db'}") | {
        "MCR_GRPC_ADDRESS": f"127.0.0.1:{free_port()}",
        "MCR_ADMIN_ADDRESS": f"127.0.0.1:{free_port()}",
        "MCR_PLUGINS_ALLOW": "[]",
    }
    refused = run_once("mcr_archive", env | {"MCR_MIGRATIONS": "verify"})
    assert refused.returncode == 3
    [line] = [json.loads(x) for x in refused.stderr.splitlines() if "refusing" in x]
    assert "not migrated" in line["message"] and "MCR_MIGRATIONS=only" in line["message"]
    assert "Traceback" not in refused.stderr
    job = run_once("mcr_archive", env | {"MCR_MIGRATIONS": "only"})
    assert job.returncode == 0, job.stderr[-2000:]
    assert any(json.loads(x)["message"] == "migrations applied" for x in job.stderr.splitlines())
    service = ServiceProcess(
        "mcr_archive", env | {"MCR_MIGRATIONS": "verify"}, tmp_path / "archive.log"
    )
    await service.start()
    try:
        await create_customer(f"127.0.0.1:{service.grpc_port}", auth_keys)
    finally:
        assert service.terminate() == 0


# ---- traces over OTLP ----------------------------------------------------------------------


class Collector(trace_service_pb2_grpc.TraceServiceServicer):
    """An OTLP receiver on a loopback port, keeping what the processes export."""

    def __init__(self) -> None:
        self.spans: list[tuple[dict, object]] = []  # (resource attributes, span)
        self.lock = threading.Lock()
        self.logs = LogsReceiver()

    async def Export(self, request, context):
        for resource_spans in request.resource_spans:
            resource = attributes(resource_spans.resource.attributes)
            for scope in resource_spans.scope_spans:
                with self.lock:
                    self.spans += [(resource, span) for span in scope.spans]
        return trace_service_pb2.ExportTraceServiceResponse()

    def named(self, prefix: str) -> list[tuple[dict, object]]:
        with self.lock:
            return [(r, s) for r, s in self.spans if s.name.startswith(prefix)]


class LogsReceiver(logs_service_pb2_grpc.LogsServiceServicer):
    """The collector's logs pipeline: the log records the processes export."""

    def __init__(self) -> None:
        self.records: list[tuple[dict, object]] = []  # (resource attributes, log record)
        self.lock = threading.Lock()

    async def Export(self, request, context):
        for resource_logs in request.resource_logs:
            resource = attributes(resource_logs.resource.attributes)
            for scope in resource_logs.scope_logs:
                with self.lock:
                    self.records += [(resource, record) for record in scope.log_records]
        return logs_service_pb2.ExportLogsServiceResponse()

    def saying(self, message: str) -> list[tuple[dict, object]]:
        with self.lock:
            return [(r, x) for r, x in self.records if x.body.string_value == message]


class MetricsSink(metrics_service_pb2_grpc.MetricsServiceServicer):
    async def Export(self, request, context):
        return metrics_service_pb2.ExportMetricsServiceResponse()


def attributes(pairs) -> dict:
    return {a.key: getattr(a.value, a.value.WhichOneof("value")) for a in pairs}


@pytest.fixture
async def collector() -> Iterator[tuple[Collector, int]]:
    server = grpc.aio.server()
    receiver = Collector()
    trace_service_pb2_grpc.add_TraceServiceServicer_to_server(receiver, server)
    logs_service_pb2_grpc.add_LogsServiceServicer_to_server(receiver.logs, server)
    metrics_service_pb2_grpc.add_MetricsServiceServicer_to_server(MetricsSink(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    yield receiver, port
    await server.stop(0)


async def wait_for(predicate, timeout: float = 30.0):
    async with asyncio.timeout(timeout):
        while not (found := predicate()):
            await asyncio.sleep(0.2)
    return found


async def test_traces_leave_over_otlp_with_the_operators_resource_and_a_dead_letter_span(
    tmp_path, nats_url, auth_keys, collector
):
    receiver, port = collector
    otlp = {
        "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{port}",
        "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc",
        "OTEL_EXPORTER_OTLP_INSECURE": "true",
        "OTEL_BSP_SCHEDULE_DELAY": "200",
        "OTEL_BLRP_SCHEDULE_DELAY": "200",
        "OTEL_METRIC_EXPORT_INTERVAL": "600000",
        "OTEL_RESOURCE_ATTRIBUTES": "mcr.region=eu-west,k8s.pod.name=archive-0",
        "MCR_ENVIRONMENT": "development",
    }
    env = base_env(tmp_path, nats_url, auth_keys) | otlp
    archive = ServiceProcess(
        "mcr_archive", env | {"OTEL_SERVICE_NAME": "archive-eu"}, tmp_path / "archive.log"
    )
    insight = ServiceProcess("mcr_insight", env, tmp_path / "insight.log")
    await archive.start()
    await insight.start()
    trace_id = uuid.uuid4().hex
    try:
        await create_customer(f"127.0.0.1:{archive.grpc_port}", auth_keys)
        # An event insight cannot read, sent in a trace of our own: dead-lettered at once.
        nc = await nats_client(nats_url)
        parent = f"00-{trace_id}-00f067aa0ba902b7-01"
        headers = {"ce-id": f"bad-{trace_id[:8]}", "traceparent": parent}
        await nc.jetstream().publish("mcr.archive.customer.updated", b"\x00", headers=headers)
        await nc.drain()
        dead = await wait_for(lambda: receiver.named("publish mcr.deadletter."))
        logged = await wait_for(lambda: receiver.logs.saying("event dead-lettered"))
        await wait_for(lambda: receiver.named("publish mcr.archive.customer.created"))
        exposition = await dead_letters_reported(insight)
    finally:
        archive.kill()
        insight.kill()

    [(resource, rpc)] = [
        (r, s) for r, s in receiver.named("mcr.archive.v1.ArchiveService/CreateCustomer")
    ]
    assert resource["service.name"] == "archive-eu"  # OTEL_SERVICE_NAME wins
    assert resource["service.version"] and resource["deployment.environment.name"] == "development"
    assert resource["mcr.region"] == "eu-west" and resource["k8s.pod.name"] == "archive-0"
    span = attributes(rpc.attributes)
    assert span["rpc.system"] == "grpc" and span["rpc.service"] == "mcr.archive.v1.ArchiveService"
    assert span["rpc.method"] == "CreateCustomer" and span["rpc.grpc.status_code"] == 0
    database = [attributes(s.attributes) for r, s in receiver.spans if s.trace_id == rpc.trace_id]
    queries = [a for a in database if a.get("db.system.name") == "sqlite" and "db.query.text" in a]
    assert any(a["db.query.text"].startswith("INSERT INTO customers") for a in queries)
    assert not any("机密" in a["db.query.text"] for a in queries)  # placeholders, not values
    [(_, publish)] = [
        (r, s) for r, s in receiver.named("publish mcr.archive.customer.created")
        if s.trace_id == rpc.trace_id
    ]  # fmt: skip
    assert attributes(publish.attributes)["messaging.operation.type"] == "send"
    # The background's polls (outbox, timers, signals) and the readiness probes make no traces
    # of their own: without that, each would be a trace a second.
    roots = [attributes(s.attributes) for _, s in receiver.spans if not s.parent_span_id]
    queries = [a.get("db.query.text", "") for a in roots if "db.system.name" in a]
    polls = [q for q in queries if re.search(r"\b(outbox|timers)\b|^SELECT 1$", q)]
    assert polls == []
    everything = json.dumps([attributes(s.attributes) for _, s in receiver.spans])
    assert SECRET_NAME not in everything and "机密" not in everything  # nothing personal

    [(resource, dead_letter)] = dead
    assert resource["service.name"] == "mcr-insight"
    assert dead_letter.trace_id.hex() == trace_id
    assert attributes(dead_letter.attributes)["mcr.dead_letter.kind"] == "malformed event"
    [line] = [
        x for x in json_lines(tmp_path / "insight.log") if x["message"] == "event dead-lettered"
    ]
    assert line["trace_id"] == trace_id
    # The same line reaches the collector's logs pipeline, in the event's trace.
    [(resource, record)] = logged
    assert resource["service.name"] == "mcr-insight" and record.trace_id.hex() == trace_id
    everything = json.dumps([str(x) for _, x in receiver.logs.records], ensure_ascii=False)
    assert SECRET_NAME not in everything and "机密" not in everything  # nothing personal
    consumer = attributes(dead_letter.attributes)["messaging.consumer.group.name"]
    lag = {s.labels["consumer"]: s.value for s in samples(exposition, "mcr_consumer_lag")}
    assert lag[consumer] == 0  # the consumer is caught up, its lag reported
    dead_letters = samples(exposition, "mcr_events_handled_total")
    assert any(s.labels["outcome"] == "dead_letter" and s.value >= 1 for s in dead_letters)


async def dead_letters_reported(process: ServiceProcess) -> str:
    """The process's metrics once its sampled dead-letter count shows the dead letter."""
    url = f"http://127.0.0.1:{process.admin_port}/metrics"
    async with httpx.AsyncClient() as http, asyncio.timeout(30):
        while True:
            exposition = (await http.get(url)).text
            if any(s.value >= 1 for s in samples(exposition, "mcr_dead_letters")):
                return exposition
            await asyncio.sleep(0.2)
