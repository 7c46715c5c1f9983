"""A region running as pods under podman: what the drill needs of podman, in one place.

Each region gets a network of its own (`mcr-<region>`), on which pods reach each other by pod
name. The host reaches the pods at their addresses on that network (a rootful bridge), so
no port is published on the machine.

Pod names are the machine's, not the network's: regions that run side by side have their pods
named `<region>-<pod>` (`prefix`), each answering on its region's network to its own name
as well (a network alias), which is the name the manifests use.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ENV = os.environ | {"CONTAINERS_CONF": str(HERE / "containers.conf")}
SERVICES = {"archive": 9101, "insight": 9102, "planning": 9103, "contact": 9104,
            "satisfaction": 9105}  # fmt: skip
GRPC = {"archive": 50051, "insight": 50052, "planning": 50053, "contact": 50054,
        "satisfaction": 50055}  # fmt: skip


def podman(*args: str, check: bool = True, input: str | None = None) -> str:
    result = subprocess.run(
        ["podman", *args], env=ENV, capture_output=True, text=True, input=input, check=False
    )
    if check and result.returncode != 0:
        raise RuntimeError(f"podman {' '.join(args[:3])}: {result.stderr.strip()[-2000:]}")
    return result.stdout


def kubectl_kustomize(region: str) -> str:
    kubectl = Path(sys.executable).parent / "kubectl"
    return subprocess.run(
        [str(kubectl), "kustomize", str(ROOT / "deploy" / "overlays" / region)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


@dataclass
class Region:
    """One region's pods; `workdir` holds its converted manifests and the conversion report."""

    name: str
    tag: str
    nats_tag: str
    workdir: Path
    public_key: Path
    report: list[str] = field(default_factory=list)
    otlp_endpoint: str | None = None
    hub_url: str | None = None
    prefix: str = ""  # of the pods' names, when regions run side by side

    @property
    def network(self) -> str:
        return f"mcr-{self.name}"

    @property
    def manifests(self) -> Path:
        return self.workdir / f"{self.name}.pods.yaml"

    def convert(self, tag: str | None = None) -> Path:
        """The documented conversion step: render with Kustomize, convert for podman."""
        converted = subprocess.run(
            [sys.executable, str(HERE / "convert.py"), "--tag", tag or self.tag,
             "--nats-tag", self.nats_tag, "--auth-public-key", str(self.public_key),
             *(["--otlp-endpoint", self.otlp_endpoint] if self.otlp_endpoint else []),
             *(["--hub-url", self.hub_url] if self.hub_url else [])],
            input=kubectl_kustomize(self.name), capture_output=True, text=True, check=True,
        )  # fmt: skip
        self.manifests.write_text(converted.stdout)
        self.report = converted.stderr.splitlines()
        (self.workdir / f"{self.name}.conversion.txt").write_text(converted.stderr)
        return self.manifests

    def create_network(self) -> None:
        if podman("network", "exists", self.network, check=False) == "":
            podman("network", "rm", "-f", self.network, check=False)
        podman("network", "create", self.network)

    def secret(self, name: str, values: dict[str, str]) -> None:
        """A Secret as `podman kube play` reads it: a JSON object of base64 values."""
        encoded = {k: base64.b64encode(v.encode()).decode() for k, v in values.items()}
        podman("secret", "rm", name, check=False)
        podman("secret", "create", name, "-", input=json.dumps(encoded))

    def pod(self, name: str) -> str:
        """The machine's name of the region's pod `name`."""
        return f"{self.prefix}{name}"

    def play(self, manifests: Path, alias: str | None = None) -> None:
        """Run the manifests' pods on the region's network; with `alias`, their pods answer
        to that name as well (as a headless Service's name resolves to each of its pods).
        With a prefix, each pod is played alone, renamed, and answers to its own name too."""
        if not self.prefix:
            network = f"{self.network}:alias={alias}" if alias else self.network
            podman("kube", "play", "--network", network, str(manifests))
            return
        objects = [o for o in yaml.safe_load_all(manifests.read_text()) if o]
        shared = [o for o in objects if o["kind"] not in ("Pod", "PersistentVolumeClaim")]
        for pod in (o for o in objects if o["kind"] == "Pod"):
            name = pod["metadata"]["name"]
            claims = prefixed_volumes(pod, objects, self.prefix)
            one = manifests.with_name(f"{self.pod(name)}.yaml")
            one.write_text(yaml.safe_dump_all([*shared, *claims, pod], sort_keys=False))
            aliases = ",".join(f"alias={a}" for a in dict.fromkeys((name, alias or name)))
            podman("kube", "play", "--network", f"{self.network}:{aliases}", str(one))

    def host_address(self) -> str:
        """The machine's address on the region's network (its bridge's gateway)."""
        subnets = json.loads(podman("network", "inspect", self.network, "--format",
                                    "{{json .Subnets}}"))  # fmt: skip
        return subnets[0]["gateway"]

    def down(self, manifests: Path) -> None:
        podman("kube", "down", str(manifests), check=False)

    def address(self, pod: str) -> str:
        infra = podman(
            "pod", "inspect", self.pod(pod), "--format", "{{.InfraContainerID}}"
        ).strip()  # fmt: skip
        networks = json.loads(
            podman("inspect", infra, "--format", "{{json .NetworkSettings.Networks}}")
        )
        return networks[self.network]["IPAddress"]

    def main_pid(self, pod: str, container: str) -> int:
        return int(podman("inspect", f"{self.pod(pod)}-{container}", "--format", "{{.State.Pid}}"))

    def psql(self, database: str, sql: str) -> list[list[str]]:
        out = podman("exec", f"{self.pod('postgres')}-postgres", "psql", "-h", "/tmp",
                     "-U", "postgres", "-d", database, "-AtF", "\t", "-c", sql)  # fmt: skip
        return [line.split("\t") for line in out.splitlines() if line]


def prefixed_volumes(pod: dict, objects: list[dict], prefix: str) -> list[dict]:
    """Rename the pod and its volumes (podman's volumes, like its pods, are the machine's);
    the claims it mounts, renamed alike."""
    pod["metadata"]["name"] = f"{prefix}{pod['metadata']['name']}"
    spec, claims = pod["spec"], []
    renamed = {}
    for volume in spec.get("volumes", []):
        if "emptyDir" in volume:
            renamed[volume["name"]] = f"{prefix}{volume['name']}"
        if claim := volume.get("persistentVolumeClaim"):
            # Absent when the pod is played again on the claim its first run made.
            claims += [{**o, "metadata": {"name": f"{prefix}{claim['claimName']}"}}
                       for o in objects if o["kind"] == "PersistentVolumeClaim"
                       and o["metadata"]["name"] == claim["claimName"]]  # fmt: skip
            claim["claimName"] = f"{prefix}{claim['claimName']}"
    for volume in spec.get("volumes", []):
        volume["name"] = renamed.get(volume["name"], volume["name"])
    for container in spec.get("initContainers", []) + spec["containers"]:
        for mount in container.get("volumeMounts", []):
            mount["name"] = renamed.get(mount["name"], mount["name"])
    return claims


async def until(check, timeout: float, what: str) -> float:
    """Poll `check()` (async, truthy when done) until it holds; the seconds it took."""
    started = time.monotonic()
    deadline = started + timeout
    while True:
        try:
            if await check():
                return time.monotonic() - started
        except (httpx.HTTPError, OSError, RuntimeError):
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout:.0f} s")
        await asyncio.sleep(0.25)


async def http_ok(client: httpx.AsyncClient, url: str) -> bool:
    return (await client.get(url, timeout=2)).status_code == 200
