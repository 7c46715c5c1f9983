"""The one conversion step between a region's rendered manifests and `podman kube play`.

    kubectl kustomize deploy/overlays/cn-south | python deploy/podman/convert.py \
        --tag 1a2b3c4d5e6f --nats-tag 2.15.1 > cn-south.pods.yaml 2> cn-south.report

The manifests are the ones a cluster gets; everything podman does differently is changed
here, and only here, and each change is reported on stderr (never dropped silently):

- Workloads become Pods named after their Service (podman's network resolves pod names, it
  has no Services): a Deployment one Pod (podman runs one replica), the NATS StatefulSet one
  Pod per node (`nats-0` …) with its volume claim and `POD_NAME`.
- Names that a cluster resolves through Services are rewritten to pod names: the NATS URL
  lists the nodes, the NATS routes name the pods (`nats-0.nats-cluster` -> `nats-0`).
- Images are the local builds (`localhost/mcr/<name>:<tag>`), never pulled; a container
  whose image is not built here (the NATS exporter sidecar) is removed. Init containers (the
  services' `migrate`, with the migration role) become one-shot pods `<service>-init`.
- Probes, preStop hooks, scheduling constraints and service accounts are removed: podman has
  no readiness gate nor endpoints to drain (the drill waits on `/readyz` itself); so are the
  containers' `ports`, which podman would publish on the machine (pods reach each other on
  the region's network).
- Objects podman does not run (Services, NetworkPolicies, PodDisruptionBudgets, autoscalers,
  ServiceAccounts, the Namespace, the Ingress, the monitoring and External Secrets resources)
  are listed and left out; so is the OpenTelemetry collector,
  whose image is not built here: the services' OTLP endpoint is removed with it, or, with
  `--otlp-endpoint`, points at the drill's own OTLP receiver on the machine.
- Each pod's emptyDir volumes are named after the pod (podman names them after the volume,
  so pods would share them).
- Secrets are not in the manifests (a region's ExternalSecrets fetch them): the drill creates
  them with `podman secret create`.
- The token issuer's public key (the ConfigMap `mcr-auth-public-key`) is the drill's, since
  the drill signs the tokens its writes carry.
- The roll-up link: the hub's address is the drill's hub pod, without TLS and credentials
  (the region's secret manager holds those).
- The bus's and gRPC's security (components nats-security and mtls): no cert-manager issues
  certificates here and the region's NATS authority signs no drill credentials, so the
  Certificates, the mounted certificates and credentials, the `MCR_TLS_*` and
  `MCR_NATS_CREDENTIALS_FILE` settings and NATS's security.conf go: the drill's pods talk
  plaintext (tests/test_transport_tls.py and core/tests/test_bus_security.py run that path).
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# Kinds podman kube play does not run, and why that is fine for the drill.
NOT_RUN = {
    "Namespace": "podman has no namespaces (one network per region instead)",
    "Service": "no Services: pods are reached by pod name on the region's network",
    "NetworkPolicy": "podman enforces no network policies",
    "PodDisruptionBudget": "no voluntary disruptions besides the drill's own",
    "ServiceAccount": "no Kubernetes API to call",
    "Role": "no Kubernetes API to call (the collector's, which is left out)",
    "RoleBinding": "no Kubernetes API to call (the collector's, which is left out)",
    "HorizontalPodAutoscaler": "no autoscaling",
    "ScaledObject": "no KEDA",
    "Certificate": "no cert-manager: the drill runs without TLS (see the module's docstring)",
    "Ingress": "no ingress controller: the drill calls the gateway's pod",
    "ServiceMonitor": "no Prometheus Operator (the drill reads /metrics itself)",
    "PrometheusRule": "no Prometheus Operator (tests/deploy runs the rules with promtool)",
    "ExternalSecret": "no External Secrets operator: the drill creates the Secrets",
}
# What the security components mount, and the settings that name those files.
SECURITY_VOLUMES = ("tls", "nats-credentials", "nats-auth")
SECURITY_SETTINGS = (
    "MCR_TLS_CERT_FILE", "MCR_TLS_KEY_FILE", "MCR_TLS_CA_FILE", "MCR_NATS_CREDENTIALS_FILE",
)  # fmt: skip
WITHOUT_IMAGE = {
    "otel-collector": "its image is not built here; OTLP goes to the drill's receiver, or is off"
}
# Sidecars whose image is not built here.
SIDECARS_WITHOUT_IMAGE = {"metrics": "the NATS exporter's image is not built here"}
POD_FIELDS_DROPPED = (
    "serviceAccountName",
    "automountServiceAccountToken",
    "topologySpreadConstraints",
    "affinity",
)
# `ports`: podman would publish each container port on the machine; pods reach each other on
# the region's network without that.
CONTAINER_FIELDS_DROPPED = ("startupProbe", "readinessProbe", "livenessProbe", "lifecycle", "ports")


@dataclass
class Conversion:
    tag: str
    nats_tag: str
    hub_url: str
    public_key: str | None = None
    otlp_endpoint: str | None = None
    objects: list[dict] = field(default_factory=list)
    report: list[str] = field(default_factory=list)
    nats_pods: list[str] = field(default_factory=list)

    def note(self, line: str) -> None:
        self.report.append(line)


def local_image(image: str, conversion: Conversion) -> str:
    """`registry.example.com/mcr/archive:0.1.0` -> `localhost/mcr/archive:<tag>`."""
    name = image.rsplit("/", 1)[-1].split(":")[0].split("@")[0]
    tag = conversion.nats_tag if name == "nats" else conversion.tag
    return f"localhost/mcr/{name}:{tag}"


def pod_spec(template: dict, name: str, conversion: Conversion) -> dict:
    spec = copy.deepcopy(template["spec"])
    dropped = [f for f in POD_FIELDS_DROPPED if spec.pop(f, None) is not None]
    for sidecar, reason in SIDECARS_WITHOUT_IMAGE.items():
        if any(c["name"] == sidecar for c in spec["containers"]):
            spec["containers"] = [c for c in spec["containers"] if c["name"] != sidecar]
            conversion.note(f"{name}: container {sidecar} removed, {reason}")
    for container in spec.get("initContainers", []) + spec["containers"]:
        dropped += [f for f in CONTAINER_FIELDS_DROPPED if container.pop(f, None) is not None]
        image = local_image(container["image"], conversion)
        conversion.note(f"{name}: image {container['image']} -> {image} (local build)")
        container["image"], container["imagePullPolicy"] = image, "Never"
    if dropped:
        conversion.note(f"{name}: removed {', '.join(sorted(set(dropped)))}")
    without_transport_security(spec, name, conversion)
    own_empty_dirs(spec, name, conversion)
    spec["restartPolicy"] = "Always"
    return spec


def without_transport_security(spec: dict, pod_name: str, conversion: Conversion) -> None:
    """The certificate, credentials and NATS authority volumes go (no issuer here)."""
    volumes = spec.get("volumes", [])
    gone = [v["name"] for v in volumes if v["name"] in SECURITY_VOLUMES]
    spec["volumes"] = [v for v in volumes if v["name"] not in SECURITY_VOLUMES]
    for container in spec["containers"]:
        mounts = container.get("volumeMounts", [])
        container["volumeMounts"] = [m for m in mounts if m["name"] not in SECURITY_VOLUMES]
    if gone:
        conversion.note(f"{pod_name}: volumes {', '.join(gone)} removed (no TLS, no credentials)")


def own_empty_dirs(spec: dict, pod_name: str, conversion: Conversion) -> None:
    """Podman makes an emptyDir a named volume of the volume's name, shared by every pod that
    names one alike: each pod's gets the pod's name in front."""
    renamed = {v["name"]: f"{pod_name}-{v['name']}" for v in spec.get("volumes", [])
               if "emptyDir" in v}  # fmt: skip
    for volume in spec.get("volumes", []):
        volume["name"] = renamed.get(volume["name"], volume["name"])
    for container in spec.get("initContainers", []) + spec["containers"]:
        for mount in container.get("volumeMounts", []):
            mount["name"] = renamed.get(mount["name"], mount["name"])
    if renamed:
        conversion.note(f"{pod_name}: emptyDir volumes {', '.join(renamed.values())}")


def pod(name: str, template: dict, spec: dict) -> dict:
    labels = dict(template["metadata"].get("labels", {}))
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "labels": labels},
            "spec": spec}  # fmt: skip


def init_pod(name: str, template: dict, spec: dict, conversion: Conversion) -> dict | None:
    """A deployment's init containers (the `migrate` step) as a one-shot pod `<name>-init`.
    Podman 4.3 cannot run them as init containers: a "once" one fails its own removal, an
    "always" one is restarted after it succeeded, for as long as the pod runs. The service,
    which only checks the schema, restarts until the migration has run."""
    init = spec.pop("initContainers", [])
    if not init:
        return None
    mounted = {m["name"] for c in init for m in c.get("volumeMounts", [])}
    volumes = [v for v in spec.get("volumes", []) if v["name"] in mounted]
    one_shot = {"containers": init, "volumes": volumes, "restartPolicy": "OnFailure"}
    names = ", ".join(c["name"] for c in init)
    conversion.note(f"{name}: init containers {names} -> pod {name}-init, run once")
    return pod(f"{name}-init", template, one_shot)


def deployment(obj: dict, conversion: Conversion) -> None:
    name = obj["metadata"]["name"]
    if name in WITHOUT_IMAGE:
        conversion.note(f"Deployment {name}: left out, {WITHOUT_IMAGE[name]}")
        return
    replicas = obj["spec"].get("replicas", 1)
    if replicas != 1:
        conversion.note(f"Deployment {name}: {replicas} replicas -> 1 pod `{name}`")
    template = obj["spec"]["template"]
    spec = pod_spec(template, name, conversion)
    if (one_shot := init_pod(name, template, spec, conversion)) is not None:
        conversion.objects.append(one_shot)
    conversion.objects.append(pod(name, template, spec))


def stateful_set(obj: dict, conversion: Conversion) -> None:
    """One pod per node, each with its own claim, and its name where the node reads it."""
    name, replicas = obj["metadata"]["name"], obj["spec"]["replicas"]
    template = obj["spec"]["template"]
    claims = obj["spec"].get("volumeClaimTemplates", [])
    for index in range(replicas):
        node = f"{name}-{index}"
        spec = pod_spec(template, node, conversion)
        for container in spec["containers"]:
            for env in container.get("env", []):
                if env.get("valueFrom", {}).get("fieldRef", {}).get("fieldPath") == "metadata.name":
                    env.pop("valueFrom")
                    env["value"] = node
        for claim in claims:
            claim_name = f"{claim['metadata']['name']}-{node}"
            conversion.objects.append(
                {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                 "metadata": {"name": claim_name}, "spec": claim["spec"]}
            )  # fmt: skip
            spec.setdefault("volumes", []).append(
                {"name": claim["metadata"]["name"],
                 "persistentVolumeClaim": {"claimName": claim_name}}
            )  # fmt: skip
        conversion.objects.append(pod(node, template, spec))
        conversion.nats_pods.append(node)
    conversion.note(
        f"StatefulSet {name}: {replicas} pods {', '.join(conversion.nats_pods)}, "
        "each with its claim; POD_NAME set to the pod's name"
    )


def config_map(obj: dict, conversion: Conversion) -> dict:
    obj = copy.deepcopy(obj)
    data, name = obj.get("data", {}), obj["metadata"]["name"]
    if "MCR_NATS_URL" in data:
        nodes = ",".join(f"nats://{p}:4222" for p in conversion.nats_pods)
        conversion.note(f"ConfigMap {name}: MCR_NATS_URL {data['MCR_NATS_URL']} -> {nodes}")
        data["MCR_NATS_URL"] = nodes
    if removed := [key for key in SECURITY_SETTINGS if data.pop(key, None)]:
        conversion.note(f"ConfigMap {name}: {', '.join(removed)} removed (no TLS, no credentials)")
    if "security.conf" in data:
        data["security.conf"] = "# The drill's bus: no credentials, no TLS.\n"
        conversion.note(f"ConfigMap {name}: security.conf emptied (no authority, no TLS)")
    if (endpoint := data.get("OTEL_EXPORTER_OTLP_ENDPOINT")) and conversion.otlp_endpoint:
        data["OTEL_EXPORTER_OTLP_ENDPOINT"] = conversion.otlp_endpoint
        data["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc"
        conversion.note(
            f"ConfigMap {name}: OTEL_EXPORTER_OTLP_ENDPOINT {endpoint} -> "
            f"{conversion.otlp_endpoint} (the drill's OTLP receiver, in the collector's place)"
        )
    elif data.pop("OTEL_EXPORTER_OTLP_ENDPOINT", None):
        data.pop("OTEL_EXPORTER_OTLP_PROTOCOL", None)
        conversion.note(f"ConfigMap {name}: OTEL_EXPORTER_OTLP_* removed (no collector)")
    if "public.pem" in data and conversion.public_key:
        data["public.pem"] = conversion.public_key
        conversion.note(f"ConfigMap {name}: public.pem is the drill's token issuer's key")
    if "nats.conf" in data:
        routes = re.sub(r"nats://([\w-]+)\.nats-cluster:", r"nats://\1:", data["nats.conf"])
        if routes != data["nats.conf"]:
            conversion.note(f"ConfigMap {name}: nats.conf routes name the pods (nats-0 …)")
        data["nats.conf"] = routes
    if "leafnodes" in data.get("rollup.conf", ""):
        link = re.sub(r"\n\s*tls\s*\{[^}]*\}", "", data["rollup.conf"])
        data["rollup.conf"] = re.sub(r"\n\s*credentials:[^\n]*", "", link)
        conversion.note(
            f"ConfigMap {name}: rollup.conf without TLS and credentials (the drill's hub)"
        )
    return obj


def hub_address(obj: dict, conversion: Conversion) -> None:
    """The NATS nodes' ROLLUP_HUB_URL names the drill's hub; its Secret volume goes."""
    for container in obj["spec"]["template"]["spec"]["containers"]:
        for env in container.get("env", []):
            if env["name"] == "ROLLUP_HUB_URL":
                conversion.note(f"nats: ROLLUP_HUB_URL {env['value']} -> {conversion.hub_url}")
                env["value"] = conversion.hub_url
        mounts = container.get("volumeMounts", [])
        container["volumeMounts"] = [m for m in mounts if m["name"] != "rollup-link"]
    volumes = obj["spec"]["template"]["spec"].get("volumes", [])
    if any(v["name"] == "rollup-link" for v in volumes):
        conversion.note("nats: the Secret volume nats-rollup-link removed (no TLS to the hub)")
    obj["spec"]["template"]["spec"]["volumes"] = [v for v in volumes if v["name"] != "rollup-link"]


def convert(objects: list[dict], conversion: Conversion) -> Conversion:
    for kind, reason in NOT_RUN.items():
        if names := sorted(o["metadata"]["name"] for o in objects if o["kind"] == kind):
            conversion.note(f"{kind} {', '.join(names)}: left out, {reason}")
    for obj in objects:
        if obj["kind"] == "StatefulSet":
            hub_address(obj, conversion)
            stateful_set(obj, conversion)
    for obj in objects:
        if obj["kind"] == "ConfigMap":
            conversion.objects.insert(0, config_map(obj, conversion))
        elif obj["kind"] == "Deployment":
            deployment(obj, conversion)
        elif obj["kind"] not in NOT_RUN and obj["kind"] != "StatefulSet":
            raise SystemExit(f"the conversion does not know {obj['kind']}: add it here")
    for ref in sorted(secret_names(conversion.objects)):
        conversion.note(f"Secret {ref}: create it with `podman secret create` (JSON, base64)")
    return conversion


def secret_names(objects: list[dict]) -> set[str]:
    return {
        ref["name"]
        for o in objects
        if o["kind"] == "Pod"
        for c in o["spec"].get("initContainers", []) + o["spec"]["containers"]
        for e in c.get("env", [])
        if (ref := e.get("valueFrom", {}).get("secretKeyRef"))
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tag", required=True, help="the platform images' tag")
    parser.add_argument("--nats-tag", required=True, help="the NATS image's tag")
    parser.add_argument("--hub-url", default="nats-leaf://rollup-hub:7422")
    parser.add_argument("--auth-public-key", type=Path, help="the token issuer's PEM key")
    parser.add_argument(
        "--otlp-endpoint", help="where the pods send OTLP instead of the collector (else: off)"
    )
    args = parser.parse_args(argv)
    objects = [o for o in yaml.safe_load_all(sys.stdin) if o]
    key = args.auth_public_key.read_text() if args.auth_public_key else None
    conversion = convert(
        objects, Conversion(args.tag, args.nats_tag, args.hub_url, key, args.otlp_endpoint)
    )
    yaml.safe_dump_all(conversion.objects, sys.stdout, sort_keys=False)
    for line in conversion.report:
        print(f"[convert] {line}", file=sys.stderr)


if __name__ == "__main__":
    main()
