"""Isolation, proved on every service: a real pack distribution (entry points read from its
dist-info, as pip would install it) whose plugins raise, hang or answer junk is loaded into
each service process. The service keeps serving, the log names the plugin, the admin port's
metric counts its failures, and a pack with a misspelled hook stops the service at start-up
with a message naming it.
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from pathlib import Path

import grpc
import httpx
import pytest
from mcr.archive.v1 import archive_service_pb2 as archive_pb
from mcr.archive.v1 import archive_service_pb2_grpc, customer_pb2
from mcr.contact.v1 import contact_service_pb2 as contact_pb
from mcr.contact.v1 import contact_service_pb2_grpc
from mcr.insight.v1 import insight_service_pb2 as insight_pb
from mcr.insight.v1 import insight_service_pb2_grpc
from mcr.planning.v1 import planning_service_pb2 as planning_pb
from mcr.planning.v1 import planning_service_pb2_grpc
from mcr.satisfaction.v1 import issue_pb2, satisfaction_service_pb2_grpc
from mcr.satisfaction.v1 import satisfaction_service_pb2 as satisfaction_pb
from processes import ServiceProcess

MODES = ("raise", "hang", "junk")
# Per service: one hook the unruly plugins implement, with its parameters.
HOOKS = {
    "archive": ("archive_industries", ""),
    "insight": ("insight_tier_definitions", ""),
    "planning": ("planning_cycle", "tier"),
    "contact": ("contact_activity_types", ""),
    "satisfaction": ("satisfaction_case_guides", "issue_type, title"),
}
BODIES = {
    "raise": "raise RuntimeError('the unruly pack broke')",
    "hang": "await asyncio.sleep(3600)",
    "junk": "return [{'nonsense': True}] if '{hook}' != 'planning_cycle' else 42",
}


def _write_pack(root: Path, hooks: dict[str, tuple[str, str]], name: str = "unruly") -> None:
    """A distribution `mcr-pack-<name>` with one module per service and mode, registered in
    every service's entry-point group as `<name>-<mode>`."""
    package = root / f"mcr_pack_{name}"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    groups = []
    for service, (hook, parameters) in hooks.items():
        groups.append(f"[mcr.{service}]")
        for mode in MODES:
            body = BODIES[mode].replace("{hook}", hook)
            (package / f"{service}_{mode}.py").write_text(
                "import asyncio\n\nfrom mcr_core.plugins import hookimpl\n\n\n"
                f"@hookimpl\nasync def {hook}({parameters}):\n    {body}\n"
            )
            groups.append(f"{name}-{mode} = mcr_pack_{name}.{service}_{mode}")
        groups.append("")
    dist = root / f"mcr_pack_{name}-0.1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: mcr-pack-{name}\nVersion: 0.1.0\n"
    )
    (dist / "entry_points.txt").write_text("\n".join(groups))


@pytest.fixture
def packs(tmp_path) -> Path:
    root = tmp_path / "site"
    _write_pack(root, HOOKS)
    # The misspelled one: a hook name no service has.
    _write_pack(root, {s: (f"{hook}s", p) for s, (hook, p) in HOOKS.items()}, name="typo")
    return root


def _env(tmp_path, packs: Path, nats_url, auth_keys, allow: list[str]) -> dict[str, str]:
    return {
        "MCR_DATABASE_URL": f"sqlite:///{tmp_path / f'{uuid.uuid4().hex}.db'}",
        "MCR_NATS_URL": nats_url,
        "MCR_AUTH_PUBLIC_KEY_FILE": str(auth_keys.public_key_file),
        "MCR_DATA_DIR": str(tmp_path),
        "PYTHONPATH": str(packs),
        "MCR_PLUGINS_ALLOW": str(allow).replace("'", '"'),
        "MCR_PLUGIN_TIMEOUT_SECONDS": "0.5",
    }


async def _fire(service: str, target: str, metadata) -> None:
    """One call that fires the service's unruly hook, answered as if the pack were not there."""
    channel = grpc.aio.insecure_channel(target)
    call = {"metadata": metadata, "timeout": 20}
    if service == "archive":
        stub = archive_service_pb2_grpc.ArchiveServiceStub(channel)
        customer = customer_pb2.Customer(display_name="北方机床厂", industry="manufacturing")
        created = await stub.CreateCustomer(
            archive_pb.CreateCustomerRequest(customer=customer), **call
        )
        assert created.industry == "manufacturing"  # the defaults' industries still count
    elif service == "insight":
        stub = insight_service_pb2_grpc.InsightServiceStub(channel)
        found = await stub.ListTierDefinitions(insight_pb.ListTierDefinitionsRequest(), **call)
        assert [t.code for t in found.tiers] == ["S", "A", "B", "C"]
    elif service == "planning":
        stub = planning_service_pb2_grpc.PlanningServiceStub(channel)
        await stub.StartAnnualCycle(
            planning_pb.StartAnnualCycleRequest(year=date.today().year + 1), **call
        )
    elif service == "contact":
        stub = contact_service_pb2_grpc.ContactServiceStub(channel)
        found = await stub.ListActivityTypes(contact_pb.ListActivityTypesRequest(), **call)
        assert found.activity_types
    else:
        stub = satisfaction_service_pb2_grpc.SatisfactionServiceStub(channel)
        issue = issue_pb2.Issue(
            customer=f"customers/{uuid.uuid4()}",
            title="备件迟到",
            type="spare_parts",
            urgency="high",
        )
        created = await stub.CreateIssue(satisfaction_pb.CreateIssueRequest(issue=issue), **call)
        found = await stub.SearchCaseLibrary(
            satisfaction_pb.SearchCaseLibraryRequest(name=created.issue.name),
            **call,
        )
        assert not [g for g in found.guides if g.plugin.startswith("unruly")]
    await channel.close()


@pytest.mark.parametrize("service", list(HOOKS))
async def test_a_service_keeps_serving_beside_an_unruly_pack(
    service, packs, tmp_path, nats_url, auth_keys
):
    allow = [f"unruly-{mode}" for mode in MODES]
    env = _env(tmp_path, packs, nats_url, auth_keys, allow)
    process = await ServiceProcess(f"mcr_{service}", env, tmp_path / "service.log").start()
    try:
        region = f"x-{uuid.uuid4().hex[:8]}"
        metadata = auth_keys.metadata(
            employee_id="e-1",
            region=region,
            org_unit=f"/{region}/t-1",
            roles=("account_manager", "manager"),
        )
        async with httpx.AsyncClient() as client:
            admin = f"http://127.0.0.1:{process.admin_port}"
            await _fire(service, f"127.0.0.1:{process.grpc_port}", metadata)
            metrics = (await client.get(f"{admin}/metrics")).text
            loaded = (await client.get(f"{admin}/plugins")).json()["plugins"]
    finally:
        assert process.terminate() == 0
    listed = {p["name"]: p for p in loaded}
    hook = HOOKS[service][0]
    for mode in MODES:  # the admin port shows each pack's version and health
        pack = listed[f"unruly-{mode}"]
        assert (pack["distribution"], pack["version"]) == ("mcr-pack-unruly", "0.1.0")
        assert pack["health"]["status"] == "failing" and pack["health"]["failures"] >= 1
        assert pack["health"]["last_failure"]["hook"] == hook
    assert listed["mcr_" + service + ".defaults"]["health"]["status"] == "ok"
    log = (tmp_path / "service.log").read_text()
    for mode in MODES:
        counted = re.search(
            rf'mcr_plugin_failures_total\{{[^}}]*plugin="unruly-{mode}"[^}}]*\}} (\d+)', metrics
        )
        assert counted and int(counted.group(1)) >= 1, (mode, metrics[-3000:])
        assert f'"plugin": "unruly-{mode}"' in log and f'"hook": "{hook}"' in log
    assert "timed out after 0.5s" in log


@pytest.mark.parametrize("service", list(HOOKS))
async def test_a_misspelled_hook_stops_the_service_at_start_up(
    service, packs, tmp_path, nats_url, auth_keys
):
    env = _env(tmp_path, packs, nats_url, auth_keys, ["typo-raise"])
    process = ServiceProcess(f"mcr_{service}", env, tmp_path / "service.log")
    with pytest.raises(RuntimeError, match="exited") as stopped:
        await process.start()
    message = str(stopped.value)
    assert "'typo-raise'" in message and "misspelled" in message, message
