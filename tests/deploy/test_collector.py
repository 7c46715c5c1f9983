"""The region's OpenTelemetry collector (deploy/components/otel), as every overlay renders it:
traces, metrics and logs each have a pipeline from the OTLP receiver through the processors
(memory limit first, the pod's Kubernetes attributes, sampling where it applies, batching last)
to the region's backend; every component a pipeline names is configured and exists in the
collector's distribution; what the config reads from the environment is set; and the
k8sattributes processor may read what it looks up (its Role) and reach the API server."""

from __future__ import annotations

import re

import pytest
import yaml
from mcr_cli import deploy

REGIONS = deploy.regions()
# The components of the image's distribution that the config may use (the Kubernetes
# distribution, otelcol-k8s; the core one has no k8sattributes, filter or sampler).
DISTRIBUTION = "opentelemetry-collector-k8s"
AVAILABLE = {
    "receivers": {"otlp", "filelog", "k8s_cluster", "kubeletstats", "prometheus"},
    "processors": {"memory_limiter", "batch", "k8sattributes", "probabilistic_sampler",
                   "tail_sampling", "filter", "resource", "transform", "attributes"},
    "exporters": {"otlp", "otlphttp", "debug"},
    "extensions": {"health_check", "pprof", "zpages"},
}  # fmt: skip


@pytest.fixture(scope="module", params=REGIONS)
def rendered(request) -> list[dict]:
    return deploy.render(request.param)


def named(objects: list[dict], kind: str, name: str) -> dict:
    """The object of that kind and name (a generated ConfigMap's name has a hash after it)."""
    [found] = [
        o
        for o in objects
        if o["kind"] == kind and re.fullmatch(rf"{name}(-[a-z0-9]{{10}})?", o["metadata"]["name"])
    ]
    return found


def collector_config(objects: list[dict]) -> dict:
    return yaml.safe_load(
        named(objects, "ConfigMap", "otel-collector-config")["data"]["collector.yaml"]
    )


def collector_pod(objects: list[dict]) -> dict:
    return named(objects, "Deployment", "otel-collector")["spec"]["template"]["spec"]


def test_traces_metrics_and_logs_each_have_a_pipeline_from_otlp_to_the_backend(rendered):
    config = collector_config(rendered)
    pipelines = config["service"]["pipelines"]
    assert set(pipelines) == {"traces", "metrics", "logs"}
    assert set(config["receivers"]["otlp"]["protocols"]) == {"grpc", "http"}
    for signal, pipeline in pipelines.items():
        processors = pipeline["processors"]
        assert pipeline["receivers"] == ["otlp"], signal
        assert pipeline["exporters"] == ["otlp"], signal
        # The memory limit refuses data before any work is done; batching is the last step.
        assert processors[0] == "memory_limiter" and processors[-1] == "batch", signal
        assert "k8sattributes" in processors, f"{signal}: records without their pod"
    assert "probabilistic_sampler" in pipelines["traces"]["processors"]
    # Logs are filtered by severity, never sampled (an incident needs every line).
    assert not any("sampl" in p for p in pipelines["logs"]["processors"])
    assert any(p.startswith("filter") for p in pipelines["logs"]["processors"])


def test_every_component_is_configured_and_in_the_distribution(rendered):
    config = collector_config(rendered)
    [container] = collector_pod(rendered)["containers"]
    assert DISTRIBUTION in container["image"], container["image"]
    used = {"extensions": set(config["service"].get("extensions", []))}
    for pipeline in config["service"]["pipelines"].values():
        for section in ("receivers", "processors", "exporters"):
            used.setdefault(section, set()).update(pipeline[section])
    for section, names in used.items():
        assert names <= set(config.get(section, {})), f"{section}: {names} not all configured"
        kinds = {name.split("/")[0] for name in names}
        assert kinds <= AVAILABLE[section], f"{section}: {kinds - AVAILABLE[section]}"
    # Configured but in no pipeline: dead configuration.
    for section in ("receivers", "processors", "exporters"):
        assert set(config[section]) == used[section], section


def test_what_the_config_reads_from_the_environment_is_set(rendered):
    text = named(rendered, "ConfigMap", "otel-collector-config")["data"]["collector.yaml"]
    [container] = collector_pod(rendered)["containers"]
    env = {e["name"]: e for e in container.get("env", [])}
    for variable in re.findall(r"\$\{env:(\w+)\}", text):
        assert variable in env, f"{variable} is read by the collector's config and never set"
    assert env["K8S_NAMESPACE"]["valueFrom"]["fieldRef"]["fieldPath"] == "metadata.namespace"
    assert collector_config(rendered)["processors"]["k8sattributes"]["filter"]["namespace"] == (
        "${env:K8S_NAMESPACE}"
    )


def test_k8sattributes_may_read_the_pods_of_its_namespace_and_reach_the_api(rendered):
    pod = collector_pod(rendered)
    assert pod["automountServiceAccountToken"] is True  # the processor's credentials
    binding = named(rendered, "RoleBinding", "otel-collector")
    assert binding["roleRef"] == {
        "apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "otel-collector"
    }  # fmt: skip
    assert {"kind": "ServiceAccount", "name": pod["serviceAccountName"]} in [
        {k: s[k] for k in ("kind", "name")} for s in binding["subjects"]
    ]
    rules = named(rendered, "Role", "otel-collector")["rules"]
    granted = {(g, r) for rule in rules for g in rule["apiGroups"] for r in rule["resources"]
               if {"get", "list", "watch"} <= set(rule["verbs"])}  # fmt: skip
    assert granted == {("", "pods"), ("apps", "replicasets")}  # and nothing else
    assert not any("*" in v for rule in rules for v in (*rule["verbs"], *rule["resources"]))
    egress = named(rendered, "NetworkPolicy", "otel-collector")["spec"]["egress"]
    ports = {p["port"] for rule in egress for p in rule.get("ports", [])}
    assert {443, 6443} <= ports
