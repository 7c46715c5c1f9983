"""What a platform team checks before it signs a region off, on the rendered overlays: images
by digest, the standard labels, every Secret from the region's secret manager (or, for a trial
cluster, the development Secrets), migrations by the migration role only, gRPC balanced over
headless Services, TLS at the edge, and streams that fit the NATS store."""

from __future__ import annotations

import re
import shutil

import kubernetes_validate
import pytest
from mcr_cli import deploy
from mcr_core.config import ServiceSettings

REGIONS = deploy.regions()
DOMAIN = ("archive", "insight", "planning", "contact", "satisfaction")
DIGEST = re.compile(r"^[a-z0-9.-]+(:\d+)?/[a-z0-9./-]+@sha256:[0-9a-f]{64}$")
STANDARD = ("name", "instance", "component", "part-of", "version", "managed-by")


@pytest.fixture(scope="module", params=REGIONS)
def rendered(request) -> list[dict]:
    return deploy.render(request.param)


def by_kind(objects: list[dict], kind: str) -> dict[str, dict]:
    return {o["metadata"]["name"]: o for o in objects if o["kind"] == kind}


def pod_specs(objects: list[dict]) -> list[tuple[str, dict]]:
    return [
        (o["metadata"]["name"], o["spec"]["template"]["spec"])
        for o in objects
        if o["kind"] in ("Deployment", "StatefulSet")
    ]


def containers(objects: list[dict]) -> list[tuple[str, dict]]:
    return [
        (f"{name}/{c['name']}", c)
        for name, pod in pod_specs(objects)
        for c in pod.get("initContainers", []) + pod["containers"]
    ]


def config_map(objects: list[dict], prefix: str) -> dict[str, str]:
    (found,) = [
        o for o in objects if o["kind"] == "ConfigMap" and o["metadata"]["name"].startswith(prefix)
    ]
    return found["data"]


def test_every_image_is_named_by_digest(rendered):
    images = {name: c["image"] for name, c in containers(rendered)}
    assert len(images) >= 14  # six processes, five migrations, NATS and its exporter, collector
    assert {name: image for name, image in images.items() if not DIGEST.match(image)} == {}


def test_every_object_carries_the_standard_labels(rendered):
    missing = []
    for obj in rendered:
        labels = obj["metadata"].get("labels", {})
        wanted = ["instance", "part-of", "version", "managed-by"]
        if obj["kind"] in ("Deployment", "StatefulSet", "Service", "ServiceAccount",
                           "PodDisruptionBudget", "Ingress", "ServiceMonitor"):  # fmt: skip
            wanted = list(STANDARD)
        missing += [
            f"{deploy.describe(obj)}: {key}"
            for key in wanted
            if f"app.kubernetes.io/{key}" not in labels
        ]
    for workload in (o for o in rendered if o["kind"] in ("Deployment", "StatefulSet")):
        template = workload["spec"]["template"]["metadata"]["labels"]
        name = workload["metadata"]["name"]
        prefixed = [f"app.kubernetes.io/{k}" for k in STANDARD]
        missing += [f"{name} pods: {k}" for k in prefixed if k not in template]
    assert missing == []


def referenced_secrets(objects: list[dict]) -> set[tuple[str, str | None]]:
    """(Secret, key) for every key a pod reads; (Secret, None) for a whole mounted Secret."""
    used = set()
    for _, pod in pod_specs(objects):
        for container in pod.get("initContainers", []) + pod["containers"]:
            for item in container.get("env", []):
                if ref := item.get("valueFrom", {}).get("secretKeyRef"):
                    used.add((ref["name"], ref["key"]))
        for volume in pod.get("volumes", []):
            if "secret" in volume:
                used.add((volume["secret"]["secretName"], None))
    return used


def test_every_secret_comes_from_the_regions_secret_manager(rendered):
    """An ExternalSecret for each Secret a pod reads, with each key it reads; no plain Secret
    in a region (the certificates' Secrets, the Ingress's and mutual TLS's, are cert-manager's)."""
    certificates = {o["spec"]["secretName"] for o in rendered if o["kind"] == "Certificate"}
    external = {
        o["spec"]["target"]["name"]: {d["secretKey"] for d in o["spec"]["data"]}
        for o in rendered
        if o["kind"] == "ExternalSecret"
    }
    used = {(s, k) for s, k in referenced_secrets(rendered) if s not in certificates}
    assert used, "the pods read Secrets"
    assert {(s, k) for s, k in used if s not in external or (k and k not in external[s])} == set()
    assert by_kind(rendered, "Secret") == {}
    for name in DOMAIN:  # two roles per service database
        assert {(f"mcr-{name}-database", "url"), (f"mcr-{name}-database-migrator", "url")} <= used


def test_a_trial_cluster_gets_plain_development_secrets(tmp_path):
    """Without External Secrets, the development Secrets give every key the pods read."""
    overlay = tmp_path / "overlays" / "trial"
    overlay.mkdir(parents=True)
    for part in ("base", "components"):
        shutil.copytree(deploy.deploy_dir() / part, tmp_path / part)
    parts = ("nats", "postgres", "otel", "dev-secrets")
    (overlay / "kustomization.yaml").write_text(
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
        "namespace: mcr-trial\nresources: [../../base]\ncomponents:\n"
        + "".join(f"  - ../../components/{part}\n" for part in parts)
    )
    rendered = deploy.render("trial", root=tmp_path)
    plain = {o["metadata"]["name"]: set(o["data"]) for o in rendered if o["kind"] == "Secret"}
    # The generated names carry a hash; Kustomize rewrote the references to match.
    used = referenced_secrets(rendered)
    assert {(s, k) for s, k in used if s not in plain or k not in plain[s]} == set()
    assert not [o for o in rendered if o["kind"] == "ExternalSecret"]
    for obj in rendered:
        kubernetes_validate.validate(obj, "1.37.0", strict=True)


def test_migrations_run_in_an_init_container_with_the_migration_role(rendered):
    # Each container names its mode, so that no runtime's ranking of env over envFrom matters.
    assert "MCR_MIGRATIONS" not in config_map(rendered, "mcr-common")
    for name in DOMAIN:
        pod = by_kind(rendered, "Deployment")[name]["spec"]["template"]["spec"]
        [migrate] = pod["initContainers"]
        [service] = pod["containers"]
        assert migrate["image"] == service["image"]
        env = {e["name"]: e for e in migrate["env"]}
        assert env["MCR_MIGRATIONS"]["value"] == "only"
        secret = env["MCR_DATABASE_URL"]["valueFrom"]["secretKeyRef"]["name"]
        assert secret == f"mcr-{name}-database-migrator"
        runtime = {e["name"]: e for e in service["env"]}
        assert runtime["MCR_MIGRATIONS"]["value"] == "verify"  # the service checks the schema
        secret = runtime["MCR_DATABASE_URL"]["valueFrom"]["secretKeyRef"]["name"]
        assert secret == f"mcr-{name}-database"
        assert migrate["securityContext"]["readOnlyRootFilesystem"] is True


def test_grpc_between_processes_is_balanced_over_headless_services(rendered):
    services = by_kind(rendered, "Service")
    for name in DOMAIN:
        assert services[name]["spec"]["clusterIP"] == "None"
    env = {}
    for _, container in containers(rendered):
        env |= {e["name"]: e.get("value") for e in container.get("env", [])}
    targets = {k: v for k, v in env.items() if re.fullmatch(r"MCR_[A-Z]+_TARGET", k)}
    assert set(targets) == {f"MCR_{n.upper()}_TARGET" for n in DOMAIN}
    assert all(v.startswith("dns:///") for v in targets.values())


def test_the_gateway_is_reached_over_tls_and_only_on_its_public_paths(rendered):
    ingress = by_kind(rendered, "Ingress")["gateway"]
    spec = ingress["spec"]
    [tls] = spec["tls"]
    [rule] = spec["rules"]
    assert tls["hosts"] == [rule["host"]] and tls["secretName"]
    assert ingress["metadata"]["annotations"]["cert-manager.io/cluster-issuer"]
    paths = {p["path"] for p in rule["http"]["paths"]}
    assert "/v1" in paths and "/console" in paths
    assert not paths & {"/", "/metrics", "/healthz"}
    assert {p["backend"]["service"]["name"] for p in rule["http"]["paths"]} == {"gateway"}


def test_stream_retention_fits_the_nats_store(rendered, monkeypatch):
    """Each service's stream, the dead letters and the roll-up, at their byte limits, fit in
    the store each NATS node reserves (every node holds a replica of every R3 stream)."""
    for key, value in config_map(rendered, "mcr-common").items():
        monkeypatch.setenv(key, value)
    settings = ServiceSettings()
    assert settings.stream_max_age_days == 30 and settings.dead_letter_max_age_days == 90
    conf = config_map(rendered, "nats-config")["nats.conf"]
    store = int(re.search(r"max_file_store: (\d+)G", conf).group(1)) << 30
    streams = len(DOMAIN) + 2  # the services', dead letters, roll-up (small, by count)
    assert 0 < settings.stream_max_bytes * streams <= store
