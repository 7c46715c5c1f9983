"""Every endpoint an overlay configures is one its NetworkPolicies let the caller reach.

Each region renders with a default-deny policy; a process may then only reach what a policy
selecting its pod allows. These tests read, from the same rendered overlay, where each process
is told to connect (its environment: OTLP, NATS, the services it calls; the collector's backend;
NATS's roll-up hub; the database behind a Secret) and check that an egress rule allows it, and
that the policies admit what the monitoring and the autoscaler read. The collector once sent to
`observability-cn` while its policy allowed `observability` only: telemetry was dropped in every
region, and `test_a_policy_that_misses_an_endpoint_is_reported` keeps that caught.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from mcr_cli import deploy

REGIONS = deploy.regions()


@dataclass(frozen=True)
class Endpoint:
    """Where a pod connects: pods of its namespace (their labels), another namespace, or an
    address outside the cluster (`external`), on a port."""

    what: str
    port: int
    pods: dict | None = None
    namespace: str | None = None
    external: bool = False


def by_kind(objects: list[dict], kind: str) -> dict[str, dict]:
    return {o["metadata"]["name"]: o for o in objects if o["kind"] == kind}


def workloads(objects: list[dict]) -> list[dict]:
    return [o for o in objects if o["kind"] in ("Deployment", "StatefulSet")]


def container_env(objects: list[dict], container: dict) -> dict[str, str]:
    """The literal environment of a container: its ConfigMaps, then its own values."""
    maps = {o["metadata"]["name"]: o.get("data", {}) for o in objects if o["kind"] == "ConfigMap"}
    env: dict[str, str] = {}
    for source in container.get("envFrom", []):
        env |= maps[source["configMapRef"]["name"]]
    for item in container.get("env", []):
        if "value" in item:
            env[item["name"]] = item["value"]
        elif "secretKeyRef" in item.get("valueFrom", {}):
            env[item["name"]] = f"secret:{item['valueFrom']['secretKeyRef']['name']}"
    return env


def host_port(address: str, default_port: int) -> tuple[str, int]:
    if "://" not in address or address.startswith("dns:///"):
        address = "tcp://" + address.removeprefix("dns:///")
    parts = urlsplit(address)
    return parts.hostname, parts.port or default_port


def service_endpoint(objects: list[dict], what: str, address: str, default: int) -> Endpoint:
    """An address in the namespace (`name` or `name.namespace`) is the pods behind a Service."""
    host, port = host_port(address, default)
    name, _, namespace = host.partition(".")
    services = by_kind(objects, "Service")
    if name in services and namespace in ("", objects[0]["metadata"]["name"]):
        service = services[name]["spec"]
        target = next(p for p in service["ports"] if p["port"] == port)
        templates = [w["spec"]["template"]["metadata"]["labels"] for w in workloads(objects)]
        [pods] = [t for t in templates if selects({"matchLabels": service["selector"]}, t)]
        return Endpoint(what, target["port"], pods=pods)
    namespace = namespace.split(".")[0]
    return Endpoint(what, port, namespace=namespace or None, external=not namespace)


# The gateway reads the shared settings but never connects to NATS (it calls the services).
WITHOUT_NATS = {"gateway"}


def configured_endpoints(objects: list[dict], container: dict) -> list[Endpoint]:
    """Every endpoint the container's configuration names and its process uses."""
    env = container_env(objects, container)
    found = []
    if otlp := env.get("OTEL_EXPORTER_OTLP_ENDPOINT"):
        found.append(service_endpoint(objects, "OTLP", otlp, 4317))
    if "MCR_NATS_URL" in env and env.get("MCR_SERVICE_NAME") not in WITHOUT_NATS:
        for server in env["MCR_NATS_URL"].split(","):
            found.append(service_endpoint(objects, "NATS", server, 4222))
    for name, value in env.items():
        if re.fullmatch(r"MCR_[A-Z]+_TARGET", name):
            found.append(service_endpoint(objects, name, value, 443))
    if env.get("MCR_DATABASE_URL", "").startswith("secret:"):
        found.append(Endpoint("PostgreSQL", 5432, external=True))
    if backend := env.get("OTEL_BACKEND_ENDPOINT"):  # the collector's exporter
        found.append(service_endpoint(objects, "telemetry backend", backend, 4317))
    if hub := env.get("ROLLUP_HUB_URL"):  # NATS's leaf link to the global roll-up hub
        found.append(Endpoint("roll-up hub", host_port(hub, 7422)[1], external=True))
    return found


def selects(selector: dict, labels: dict) -> bool:
    return all(labels.get(k) == v for k, v in selector.get("matchLabels", {}).items())


def named_port(objects: list[dict], pods: dict | None, port) -> int | str:
    """A named port of a rule, as the number the target pods declare."""
    if isinstance(port, int) or pods is None:
        return port
    for workload in workloads(objects):
        template = workload["spec"]["template"]
        if selects({"matchLabels": pods}, template["metadata"]["labels"]):
            for container in template["spec"]["containers"]:
                for declared in container.get("ports", []):
                    if declared.get("name") == port:
                        return declared["containerPort"]
    return port


def peer_allows(peer: dict, endpoint: Endpoint) -> bool:
    if "ipBlock" in peer:
        return endpoint.external
    if "namespaceSelector" in peer:
        names = peer["namespaceSelector"].get("matchLabels", {})
        return endpoint.namespace is not None and names == {
            "kubernetes.io/metadata.name": endpoint.namespace
        }
    return endpoint.pods is not None and selects(peer["podSelector"], endpoint.pods)


def egress_allows(objects: list[dict], labels: dict, endpoint: Endpoint) -> bool:
    for policy in by_kind(objects, "NetworkPolicy").values():
        spec = policy["spec"]
        if "Egress" not in spec["policyTypes"] or not selects(spec["podSelector"], labels):
            continue
        for rule in spec.get("egress", []):
            ports = {named_port(objects, endpoint.pods, p["port"]) for p in rule.get("ports", [])}
            if endpoint.port in ports and any(peer_allows(p, endpoint) for p in rule["to"]):
                return True
    return False


def unreachable(objects: list[dict]) -> list[str]:
    """`workload/container -> endpoint` for each configured endpoint no policy allows."""
    missing = []
    for workload in workloads(objects):
        template = workload["spec"]["template"]
        labels = template["metadata"]["labels"]
        pod = template["spec"]
        for container in pod.get("initContainers", []) + pod["containers"]:
            for endpoint in configured_endpoints(objects, container):
                if not egress_allows(objects, labels, endpoint):
                    name = workload["metadata"]["name"]
                    missing.append(f"{name}/{container['name']} -> {endpoint}")
    return missing


@pytest.fixture(scope="module", params=REGIONS)
def rendered(request) -> list[dict]:
    return deploy.render(request.param)


def test_every_configured_endpoint_is_allowed_by_the_egress_policies(rendered):
    assert unreachable(rendered) == []


def test_the_endpoints_checked_are_the_ones_the_overlay_configures(rendered):
    """The check above looked at every kind of endpoint (it cannot pass by finding none)."""
    seen = {
        endpoint.what
        for workload in workloads(rendered)
        for container in workload["spec"]["template"]["spec"]["containers"]
        for endpoint in configured_endpoints(rendered, container)
    }
    targets = {f"MCR_{n}_TARGET" for n in ("ARCHIVE", "INSIGHT", "PLANNING", "SATISFACTION")}
    expected = {"OTLP", "NATS", "PostgreSQL", "telemetry backend", "roll-up hub", *targets}
    assert expected <= seen
    collector = by_kind(rendered, "Deployment")["otel-collector"]
    [endpoint] = configured_endpoints(
        rendered, collector["spec"]["template"]["spec"]["containers"][0]
    )
    assert endpoint.namespace and endpoint.namespace.startswith("observability-")


def test_a_policy_that_misses_an_endpoint_is_reported(rendered):
    """The collector's policy of before (namespace `observability`), and a gateway that may
    not reach insight: both are reported."""
    broken = copy.deepcopy(rendered)
    policies = by_kind(broken, "NetworkPolicy")
    backend = policies["otel-collector"]["spec"]["egress"][0]["to"][0]
    backend["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"] = "observability"
    for rule in policies["gateway"]["spec"]["egress"]:
        rule["ports"] = [p for p in rule["ports"] if p["port"] != 50052]
    missing = unreachable(broken)
    assert any(m.startswith("otel-collector/collector -> ") for m in missing)
    assert any(m.startswith("gateway/service -> ") and "INSIGHT" in m for m in missing)


def test_what_reads_the_region_from_outside_is_admitted(rendered):
    """Prometheus (namespace monitoring) scrapes each process and the NATS exporter; KEDA reads
    the consumers' lag from NATS's monitoring port, at the overlay's own namespace."""
    namespace = rendered[0]["metadata"]["name"]
    policies = by_kind(rendered, "NetworkPolicy")

    def admitted(policy: str, source: str, port) -> bool:
        return any(
            peer.get("namespaceSelector", {}).get("matchLabels")
            == {"kubernetes.io/metadata.name": source}
            and port in [p["port"] for p in rule["ports"]]
            for rule in policies[policy]["spec"].get("ingress", [])
            for peer in rule["from"]
        )

    assert admitted("domain-ingress", "monitoring", "admin")
    assert admitted("gateway", "monitoring", "http")
    assert admitted("nats", "monitoring", 7777)
    assert admitted("nats", "keda", 8222)
    scaler = by_kind(rendered, "ScaledObject")["insight"]["spec"]["triggers"][0]["metadata"]
    assert scaler["natsServerMonitoringEndpoint"].startswith(f"nats-cluster.{namespace}.svc")
