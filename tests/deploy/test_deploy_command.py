"""`mcr deploy REGION` as a user runs it, without a cluster: the dry run shows exactly the
objects Kustomize renders, in the order they are applied; mistakes get a clear message."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml
from mcr_cli import deploy

MCR = [sys.executable, "-m", "mcr_cli.main"]


def mcr(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*MCR, *args], capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("region", ["cn-south", "eu-west"])
def test_dry_run_shows_what_would_be_applied(region):
    result = mcr("deploy", region, "--dry-run")
    assert result.returncode == 0, result.stderr
    shown = [doc for doc in yaml.safe_load_all(result.stdout) if doc]
    assert shown == deploy.render(region)
    assert shown[0]["kind"] == "Namespace"
    assert shown[0]["metadata"]["name"] == f"mcr-{region}"
    assert f"would apply to region {region}: {len(shown)} objects" in result.stderr
    kinds = [o["kind"] for o in shown]
    # What workloads need exists before them.
    assert kinds.index("ConfigMap") < kinds.index("Deployment")
    assert kinds.index("ServiceAccount") < kinds.index("StatefulSet")


def test_an_unknown_region_is_named_with_the_known_ones():
    result = mcr("deploy", "mars-north", "--dry-run")
    assert result.returncode == 1
    assert "no region 'mars-north'" in result.stderr and "cn-south" in result.stderr
    assert "Traceback" not in result.stderr


def test_without_a_context_nothing_is_applied():
    result = mcr("deploy", "eu-west")
    assert result.returncode == 2
    assert "nothing applied" in result.stderr


def test_an_unknown_kube_context_is_a_clear_error(tmp_path):
    kubeconfig = tmp_path / "config"
    kubeconfig.write_text(
        yaml.safe_dump({"apiVersion": "v1", "kind": "Config", "contexts": [], "clusters": []})
    )
    result = subprocess.run(
        [*MCR, "deploy", "eu-west", "--context", "prod-eu"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"KUBECONFIG": str(kubeconfig), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert "kube context 'prod-eu'" in result.stderr
    assert "Traceback" not in result.stderr


def _workload(generation: int, observed: int, replicas: int, updated: int, ready: int) -> dict:
    return {
        "kind": "Deployment",
        "metadata": {"name": "insight", "namespace": "mcr-eu-west", "generation": generation},
        "spec": {"replicas": replicas},
        "status": {
            "observedGeneration": observed,
            "updatedReplicas": updated,
            "readyReplicas": ready,
        },
    }


def test_a_rollout_is_done_when_the_new_generation_is_ready_everywhere():
    assert not deploy.rollout_of(_workload(3, 2, 2, 2, 2)).done  # old generation's status
    assert not deploy.rollout_of(_workload(3, 3, 2, 1, 2)).done  # one replica still old
    assert not deploy.rollout_of(_workload(3, 3, 2, 2, 1)).done  # one not ready yet
    assert deploy.rollout_of(_workload(3, 3, 2, 2, 2)).done


def test_waiting_for_a_rollout_reports_each_workload_and_gives_up_in_time():
    states = iter([_workload(2, 1, 2, 0, 0), _workload(2, 2, 2, 1, 1), _workload(2, 2, 2, 2, 2)])
    done = deploy.wait_for_rollout(
        [_workload(2, 1, 2, 0, 0)], lambda _: next(states), timeout=10, poll_seconds=0
    )
    assert [(s.name, s.ready, s.wanted) for s in done] == [("insight", 2, 2)]
    with pytest.raises(deploy.DeployError, match=r"rollout not finished.*insight"):
        deploy.wait_for_rollout(
            [_workload(2, 2, 2, 1, 1)],
            lambda w: w,
            timeout=0,
            poll_seconds=0,
        )


def test_an_unreachable_global_hub_is_a_clear_error():
    result = mcr("global-view", "--nats", "nats://127.0.0.1:1", "--region", "eu-west")
    assert result.returncode == 1
    assert "global view failed: NoServersError" in result.stderr
    assert "Traceback" not in result.stderr
