"""Each region's processes start with the environment its rendered manifests give them.

The schema checks of `tests/deploy` cannot see a setting a process refuses at start-up (as
eu-west's archive did: production mode asked for a data key its `not_stored` policy never
uses). Here every Deployment of an overlay runs as a real process with its container's
environment taken from the rendered objects: the ConfigMaps of `envFrom`, each `env` value, and
for a `secretKeyRef` what the region's secret manager would hold (a database of the local
PostgreSQL per service, a data key). Only what a pod has and a machine has not is replaced:
addresses (loopback ports instead of the pod's), the NATS cluster's URL (three nodes on
loopback, since the streams are R3), the mounted public key's path and the data folder. The
mounted certificates and NATS credentials (components/mtls, nats-security) are left out with
them: here the processes talk plaintext on loopback (tests/test_transport_tls.py runs that
path with certificates and credentials).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import os
import subprocess
from collections.abc import Iterator

import httpx
import nats
import nats.js.errors
import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from mcr_cli import deploy
from mcr_core.embedded_nats import EmbeddedNatsCluster, free_port
from mcr_core.testing.kit import temporary_postgres_database
from processes import ServiceProcess

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.timeout(300)]

# What a machine has instead of a pod's address, mount or Service name.
LOCAL = ("MCR_GRPC_ADDRESS", "MCR_ADMIN_ADDRESS", "MCR_HTTP_ADDRESS", "MCR_NATS_URL")
LOCAL_PATHS = (
    "MCR_AUTH_PUBLIC_KEY_FILE", "MCR_DATA_DIR", "MCR_NATS_CREDENTIALS_FILE",
    "MCR_TLS_CERT_FILE", "MCR_TLS_KEY_FILE", "MCR_TLS_CA_FILE",
)  # fmt: skip


def container_environment(objects: list[dict], deployment: dict, secrets) -> dict[str, str]:
    """The environment Kubernetes would give the deployment's container."""
    config_maps = {
        o["metadata"]["name"]: o.get("data", {}) for o in objects if o["kind"] == "ConfigMap"
    }
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    env: dict[str, str] = {}
    for source in container.get("envFrom", []):
        env |= config_maps[source["configMapRef"]["name"]]
    for item in container.get("env", []):
        if "value" in item:
            env[item["name"]] = item["value"]
        elif ref := item["valueFrom"].get("secretKeyRef"):
            env[item["name"]] = secrets((ref["name"], ref["key"]))
        elif ref := item["valueFrom"].get("configMapKeyRef"):
            env[item["name"]] = config_maps[ref["name"]][ref["key"]]
    return env


def secret_refs(objects: list[dict]) -> set[tuple[str, str]]:
    return {
        (ref["name"], ref["key"])
        for o in objects
        if o["kind"] == "Deployment"
        for c in o["spec"]["template"]["spec"]["containers"]
        for e in c.get("env", [])
        if (ref := e.get("valueFrom", {}).get("secretKeyRef"))
    }


@pytest.fixture
def region_secrets(rendered, postgres_available) -> Iterator[dict[tuple[str, str], str]]:
    """What the region's secret manager holds for the manifests' Secrets."""
    if not postgres_available:
        pytest.skip("the manifests' databases are PostgreSQL")
    values = {}
    with contextlib.ExitStack() as stack:
        for name, key in sorted(secret_refs(rendered)):
            if name.endswith("-database"):
                values[name, key] = stack.enter_context(temporary_postgres_database())
            elif name.endswith("-data-key"):
                values[name, key] = base64.b64encode(AESGCM.generate_key(bit_length=256)).decode()
            else:
                raise AssertionError(f"the test knows no value for the Secret {name}/{key}")
        yield values


async def jetstream_ready(url: str, timeout: float = 60.0) -> None:
    """Until the cluster elected its JetStream meta leader (a pod's startup probe waits too)."""
    nc = await nats.connect(url.split(","))
    try:
        async with asyncio.timeout(timeout):
            while True:
                with contextlib.suppress(nats.errors.Error, nats.js.errors.Error):
                    await nc.jetstream().account_info()
                    return
                await asyncio.sleep(0.2)
    finally:
        await nc.close()


async def http_ok(url: str, process: ServiceProcess, timeout: float = 180.0) -> None:
    async with httpx.AsyncClient() as client, asyncio.timeout(timeout):
        while True:
            if process.process.poll() is not None:
                raise AssertionError(f"{process.module} exited: {process.log.read_text()[-3000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get(url)).status_code == 200:
                    return
            await asyncio.sleep(0.2)


@pytest.fixture(params=deploy.regions())
def region(request) -> str:
    return request.param


@pytest.fixture
def rendered(region) -> list[dict]:
    return deploy.render(region)


async def test_every_process_starts_with_its_overlays_environment(
    region, rendered, region_secrets, auth_keys, tmp_path
):
    objects = rendered
    secrets = region_secrets.__getitem__
    deployments = {o["metadata"]["name"]: o for o in objects if o["kind"] == "Deployment"}
    services = [name for name in deployments if name not in ("gateway", "otel-collector")]
    cluster = EmbeddedNatsCluster(tmp_path / "nats").start()
    await jetstream_ready(cluster.url)
    processes: dict[str, ServiceProcess] = {}
    with contextlib.ExitStack() as stack:
        stack.callback(cluster.stop)
        local = {
            "MCR_NATS_URL": cluster.url,
            "MCR_AUTH_PUBLIC_KEY_FILE": str(auth_keys.public_key_file),
        }
        try:
            for name in services:
                env = container_environment(objects, deployments[name], secrets)
                assert env["MCR_ENVIRONMENT"] == "production"
                env = {k: v for k, v in env.items() if k not in LOCAL + LOCAL_PATHS}
                env |= local | {"MCR_DATA_DIR": str(tmp_path / name)}
                processes[name] = ServiceProcess(f"mcr_{name}", env, tmp_path / f"{name}.log")
                processes[name].spawn()
            await asyncio.gather(
                *(http_ok(f"http://127.0.0.1:{p.admin_port}/readyz", p) for p in processes.values())
            )
            gateway = gateway_process(objects, deployments["gateway"], secrets, processes, local)
            gateway.spawn()
            processes["gateway"] = gateway
            await http_ok(f"http://127.0.0.1:{gateway.http_port}/healthz", gateway)
            token = auth_keys.token(region=region, org_unit=f"/{region}/enterprise/team-1")
            async with httpx.AsyncClient(timeout=30) as client:
                listed = await client.get(
                    f"http://127.0.0.1:{gateway.http_port}/v1/customers",
                    headers={"Authorization": f"Bearer {token}"},
                )
            assert listed.status_code == 200, listed.text
        finally:
            stop_all(processes.values())


def stop_all(processes) -> None:
    """SIGTERM to all at once (as a namespace's deletion does), SIGKILL to what outlives 45 s."""
    running = [p.process for p in processes if p.process and p.process.poll() is None]
    for process in running:
        process.terminate()
    for process in running:
        try:
            process.wait(45)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def gateway_process(objects, deployment, secrets, services, local) -> ServiceProcess:
    """The gateway with its manifest's environment, its targets the services' loopback ports."""
    env = container_environment(objects, deployment, secrets)
    env = {k: v for k, v in env.items() if k not in LOCAL + LOCAL_PATHS} | local
    for name, process in services.items():
        assert f"MCR_{name.upper()}_TARGET" in env, f"the gateway's manifest has no {name}"
        env[f"MCR_{name.upper()}_TARGET"] = f"127.0.0.1:{process.grpc_port}"
    gateway = ServiceProcess("mcr_gateway", env, services["archive"].log.with_name("gateway.log"))
    gateway.http_port = free_port()
    gateway.env["MCR_HTTP_ADDRESS"] = f"127.0.0.1:{gateway.http_port}"
    gateway.env["MCR_DATA_DIR"] = os.fspath(services["archive"].log.with_name("gateway"))
    return gateway
