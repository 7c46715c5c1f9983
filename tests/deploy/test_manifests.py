"""The Kubernetes manifests, checked without a cluster: every region renders with Kustomize,
validates against the Kubernetes schemas, gives every process what the platform requires, and
passes the policy scan (checkov) with every skip explained in the manifests."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import kubernetes_validate
import pytest
from mcr_archive.config import ArchiveSettings
from mcr_cli import deploy
from mcr_core.config import ServiceSettings
from mcr_core.embedded_nats import nats_server_binary
from mcr_core.testing import uv_command
from mcr_gateway.config import GatewaySettings

REGIONS = deploy.regions()
DOMAIN = {
    "archive": 50051,
    "insight": 50052,
    "planning": 50053,
    "contact": 50054,
    "satisfaction": 50055,
}
# The Kubernetes versions a region may run: the oldest supported and the newest.
KUBERNETES = ("1.33.0", "1.37.0")
# Custom resources of operators (KEDA, cert-manager, Prometheus Operator, External Secrets); the
# Kubernetes schemas cannot know them: test_custom_resources.py validates them against their own.
CUSTOM = {
    ("keda.sh/v1alpha1", "ScaledObject"),
    ("cert-manager.io/v1", "Certificate"),
    ("monitoring.coreos.com/v1", "ServiceMonitor"),
    ("monitoring.coreos.com/v1", "PrometheusRule"),
    ("external-secrets.io/v1", "ExternalSecret"),
}
# The policy scanner, pinned; .ci/run installs the same into uv's tool cache.
CHECKOV = (deploy.deploy_dir() / "policy-scan.txt").read_text().strip()


def by_kind(objects: list[dict], kind: str) -> dict[str, dict]:
    return {o["metadata"]["name"]: o for o in objects if o["kind"] == kind}


def config_map(objects: list[dict], prefix: str) -> dict[str, str]:
    # Kustomize appends a content hash to generated names.
    (found,) = [
        o for o in objects if o["kind"] == "ConfigMap" and o["metadata"]["name"].startswith(prefix)
    ]
    return found["data"]


@pytest.fixture(scope="module", params=REGIONS)
def region(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def rendered(region) -> list[dict]:
    return deploy.render(region)


def test_two_regions_at_least():
    assert {"cn-south", "eu-west"} <= set(REGIONS)


@pytest.mark.parametrize("version", KUBERNETES)
def test_every_object_validates_against_the_kubernetes_schemas(rendered, version):
    custom = []
    for obj in rendered:
        try:
            kubernetes_validate.validate(obj, version, strict=True)
        except kubernetes_validate.SchemaNotFoundError:
            assert (obj["apiVersion"], obj["kind"]) in CUSTOM, deploy.describe(obj)
            custom.append(obj)
    for obj in custom:  # what the schemas cannot check, checked here
        if obj["kind"] == "Certificate":
            assert obj["spec"]["secretName"] and obj["spec"]["issuerRef"]["name"]
        if obj["kind"] == "ScaledObject":
            assert obj["spec"]["scaleTargetRef"]["name"] in by_kind(rendered, "Deployment")


def test_a_bad_manifest_fails_validation(rendered):
    """The validator is strict: an unknown field is refused (the check above can fail)."""
    deployment = json.loads(json.dumps(by_kind(rendered, "Deployment")["insight"]))
    probe = deployment["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]
    probe["periodSecond"] = probe.pop("periodSeconds")  # a misspelt field
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES[-1], strict=True)


def test_each_domain_service_is_deployed_as_the_platform_requires(rendered):
    deployments = by_kind(rendered, "Deployment")
    services = by_kind(rendered, "Service")
    budgets = by_kind(rendered, "PodDisruptionBudget")
    accounts = by_kind(rendered, "ServiceAccount")
    common = config_map(rendered, "mcr-common")
    grace = float(common["MCR_SHUTDOWN_GRACE_SECONDS"])
    for name, port in DOMAIN.items():
        ports = {p["name"]: p["port"] for p in services[name]["spec"]["ports"]}
        assert ports["grpc"] == port
        assert budgets[name]["spec"]["selector"]["matchLabels"] == {"app.kubernetes.io/name": name}
        pod = deployments[name]["spec"]["template"]["spec"]
        assert pod["serviceAccountName"] in accounts
        assert pod["securityContext"]["runAsNonRoot"] is True
        (container,) = pod["containers"]
        # Mutual TLS on the gRPC port: the kubelet probes the admin port (components/mtls).
        assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "admin"}
        assert container["livenessProbe"]["httpGet"] == {"path": "/livez", "port": "admin"}
        mounts = {m["mountPath"] for m in container["volumeMounts"]}
        assert {"/etc/mcr/tls", "/etc/mcr/nats"} <= mounts  # its certificate, its credentials
        secrets = {v["name"]: v.get("secret", {}).get("secretName") for v in pod["volumes"]}
        assert secrets["nats-credentials"] == f"mcr-nats-{name}"  # its own, no other's
        assert {"cpu", "memory"} <= container["resources"]["requests"].keys()
        assert {"cpu", "memory"} <= container["resources"]["limits"].keys()
        security = container["securityContext"]
        assert security["readOnlyRootFilesystem"] is True
        assert security["allowPrivilegeEscalation"] is False
        assert security["capabilities"]["drop"] == ["ALL"]
        # The drain: calls in flight (grace), background work (grace), NATS (5 s), preStop.
        pause = container["lifecycle"]["preStop"]["sleep"]["seconds"]
        assert pod["terminationGracePeriodSeconds"] > 2 * grace + 5 + pause
        assert re.fullmatch(rf"\S+/mcr/{name}@sha256:[0-9a-f]{{64}}", container["image"])
        env = {e["name"]: e for e in container["env"]}
        assert env["MCR_GRPC_ADDRESS"]["value"] == f"0.0.0.0:{port}"
        assert env["MCR_DATABASE_URL"]["valueFrom"]["secretKeyRef"]["name"] == (
            f"mcr-{name}-database"
        )


def test_settings_are_what_the_services_accept(rendered, monkeypatch):
    """The rendered configuration is read by the services' real settings classes."""
    for key, value in config_map(rendered, "mcr-common").items():
        monkeypatch.setenv(key, value)
    settings = ArchiveSettings()
    assert settings.environment == "production"
    assert settings.stream_replicas == 3
    assert settings.plugins_allow
    assert settings.nats_url == "tls://nats:4222"
    assert settings.tls and settings.nats_credentials_file is not None
    gateway = next(
        c["env"]
        for c in by_kind(rendered, "Deployment")["gateway"]["spec"]["template"]["spec"][
            "containers"
        ]
    )
    for item in gateway:
        if "value" in item:  # not what the kubelet fills in (the pod's name, its region)
            monkeypatch.setenv(item["name"], item["value"])
    assert GatewaySettings().insight_target == "dns:///insight:50052"
    assert ServiceSettings().shutdown_grace_seconds > 0


def test_regions_differ_in_packs_and_settings():
    commons = {r: config_map(deploy.render(r), "mcr-common") for r in ("cn-south", "eu-west")}
    assert commons["cn-south"]["MCR_PLUGINS_ALLOW"] != commons["eu-west"]["MCR_PLUGINS_ALLOW"]
    assert commons["cn-south"]["MCR_SENSITIVE_DATA"] != commons["eu-west"]["MCR_SENSITIVE_DATA"]


def test_network_is_denied_unless_allowed(rendered):
    policies = by_kind(rendered, "NetworkPolicy")
    deny = policies["default-deny"]["spec"]
    assert deny["podSelector"] == {} and set(deny["policyTypes"]) == {"Ingress", "Egress"}
    assert "ingress" not in deny and "egress" not in deny
    egress_ports = {
        port["port"]
        for rule in policies["domain-egress"]["spec"]["egress"]
        for port in rule["ports"]
    }
    assert {4222, 4317, *DOMAIN.values()} <= egress_ports  # NATS, telemetry, each other
    assert policies["domain-postgres"]["spec"]["egress"][0]["ports"][0]["port"] == 5432


def test_nats_is_a_replicated_durable_cluster(rendered):
    nats = by_kind(rendered, "StatefulSet")["nats"]
    assert nats["spec"]["replicas"] == 3
    conf = config_map(rendered, "nats-config")["nats.conf"]
    assert "sync_interval: always" in conf
    assert conf.count("nats://nats-") == 3


def test_nats_accepts_its_configuration(rendered, region, tmp_path):
    """The rendered nats.conf and rollup.conf, checked by nats-server itself (`-t`), with the
    pod's environment and its mounted files (the link's CA) in a scratch folder."""
    files = config_map(rendered, "nats-config")
    mounts = {
        "/etc/nats/rollup/": tmp_path, "/etc/nats/tls/": tmp_path, "/data/": tmp_path,
        "/var/run/nats/": tmp_path,
    }  # fmt: skip
    (tmp_path / "auth").mkdir()  # the authority's auth.conf (components/nats-security)
    (tmp_path / "auth" / "auth.conf").write_text(config_map(rendered, "nats-auth")["auth.conf"])
    for name, text in files.items():
        for mount, local in mounts.items():
            text = text.replace(mount, f"{local}/")
        (tmp_path / name).write_text(text)
    assert "deny_exports" in files["rollup.conf"]  # both example regions feed the global view
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ed25519", "-nodes", "-days", "1",
         "-subj", "/CN=hub", "-keyout", str(tmp_path / "ca.key"), "-out", str(tmp_path / "ca.crt")],
        check=True, capture_output=True,
    )  # fmt: skip
    (tmp_path / "leaf.creds").write_text("")
    for name in ("tls.key", "tls.crt"):  # the node's certificate: the CA's own will do here
        (tmp_path / name).write_bytes((tmp_path / name.replace("tls", "ca")).read_bytes())
    container = by_kind(rendered, "StatefulSet")["nats"]["spec"]["template"]["spec"]["containers"]
    env = {e["name"]: e.get("value", "nats-0") for e in container[0]["env"]}
    assert env["JETSTREAM_DOMAIN"] == region
    result = subprocess.run(
        [str(nats_server_binary()), "-t", "-c", str(tmp_path / "nats.conf")],
        capture_output=True, text=True, env=os.environ | env, check=False, timeout=30,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def checkov(target: Path, framework: str) -> dict:
    """checkov in its own tool environment (its dependencies conflict with the workspace's)."""
    uv = uv_command()
    if uv is None:
        if os.environ.get("CI"):
            pytest.fail("uv is needed to run the policy scan")
        pytest.skip("uv not found: the policy scan needs it")
    result = subprocess.run(
        [*uv, "tool", "run", "--from", CHECKOV, "checkov", "--quiet", "--compact",
         "--skip-download", "-o", "json", "--framework", framework, "-f", str(target)],
        capture_output=True, text=True, timeout=600, check=False,
        env=os.environ | {"UV_PYTHON_DOWNLOADS": "never"},
    )  # fmt: skip
    assert result.stdout, result.stderr[-3000:]
    return json.loads(result.stdout)


def assert_clean(report: dict) -> None:
    results = report.get("results", {})
    failed = [
        f"{c['check_id']} {c['resource']}: {c['check_name']}"
        for c in results.get("failed_checks", [])
    ]
    assert not failed, "\n".join(failed)
    for skipped in results.get("skipped_checks", []):
        reason = skipped["check_result"].get("suppress_comment", "")
        assert len(reason) > 20, f"{skipped['check_id']} skipped without a reason"
    assert report["summary"]["passed"] > 0


@pytest.mark.timeout(600)  # the first run installs checkov's tool environment
def test_manifests_pass_the_policy_scan(region, tmp_path):
    manifests = tmp_path / f"{region}.yaml"
    manifests.write_text(deploy.render_yaml(region))
    assert_clean(checkov(manifests, "kubernetes"))


@pytest.mark.timeout(600)
def test_container_build_file_passes_the_policy_scan(tmp_path):
    # checkov recognises a build file by the name Dockerfile.
    dockerfile = tmp_path / "Dockerfile"
    shutil.copy(deploy.deploy_dir() / "images" / "Containerfile", dockerfile)
    assert_clean(checkov(dockerfile, "dockerfile"))


def test_every_process_has_its_own_build_target():
    text = (deploy.deploy_dir() / "images" / "Containerfile").read_text()
    for name in [*DOMAIN, "gateway"]:
        assert f"AS {name}\n" in text
        assert f'ENTRYPOINT ["mcr-{name}"]' in text
    final_stages = text.split("# ---- one final stage per process")[1]
    assert "uv" not in final_stages.replace("build-", "")  # runtime only
    assert "USER 10001" in text
