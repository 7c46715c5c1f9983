"""`mcr up --demo`, `mcr status`, `mcr demo`, Ctrl-C and `mcr token`, as a user runs them."""

from __future__ import annotations

import os

import pytest
from cli_kit import RunningPlatform, mcr
from mcr_core.auth import TokenVerifier


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.slow
@pytest.mark.timeout(600)  # two starts and two stops of the whole platform
def test_up_with_demo_data_status_and_clean_stop(tmp_path):
    data_dir = tmp_path / "mcr"
    platform = RunningPlatform(data_dir, "--demo")
    try:
        demo = platform.customers()
        assert len(demo) == 6  # the cn-south demo customers; eu-west ones are invisible
        # The ready table says what the demo loaded where, which token sees what, and that
        # no industry pack is active (the README's promise for `mcr up` without --pack).
        said = " ".join(platform.said.split())
        assert "demo data │ 8 customers loaded: cn-south 6, eu-west 2" in said
        assert "cn-south token (printed below): 6 customers" in said
        assert "eu-west token (`mcr token --region eu-west --employee e-2001" in said
        assert "/eu-west/enterprise/team-1`): 2 customers" in said
        assert ("active: none, the built-in defaults; installed, not active: energy, "
                "finance, healthcare, manufacturing, telecom") in said  # fmt: skip
        status = mcr("status", data_dir=data_dir)
        assert status.returncode == 0, status.stdout + status.stderr
        assert status.stdout.count("healthy") == 11  # gRPC and admin of five services, gateway
        chart_of = next(c for c in demo if c["display_name"] == "南海电信广东分公司")
        persons = platform.get(f"/v1/customers/{chart_of['id']}/persons")["persons"]
        assert {p["display_name"] for p in persons} == {"周建国", "李明", "王芳", "陈晓"}
        again = mcr("demo", data_dir=data_dir)
        assert again.returncode == 0, again.stderr
        assert "8 customers loaded: cn-south 6, eu-west 2" in again.stderr
        assert len(platform.customers()) == 6  # loading again creates nothing new
        assert len(platform.get(f"/v1/customers/{chart_of['id']}/departments")["departments"]) == 4
    finally:
        code = platform.interrupt()
    assert code == 0, platform.said[-3000:]
    assert not any(alive(pid) for pid in platform.state["pids"].values())
    assert not (data_dir / "run.json").exists()
    stopped = mcr("status", data_dir=data_dir)
    assert stopped.returncode == 1 and "start it with `mcr up`" in stopped.stderr
    assert "Traceback" not in stopped.stderr

    again = RunningPlatform(data_dir)  # the data survives a restart
    try:
        assert {c["name"] for c in again.customers()} == {c["name"] for c in demo}
    finally:
        assert again.interrupt() == 0


def test_token_is_signed_with_the_local_key(tmp_path):
    printed = mcr("token", "--employee", "e-9", "--region", "eu-west", data_dir=tmp_path)
    assert printed.returncode == 0, printed.stderr
    public_pem = (tmp_path / "keys" / "dev-signing-key.pub.pem").read_bytes()
    principal = TokenVerifier(public_pem, issuer="mcr", audience="mcr").verify(
        printed.stdout.strip()
    )
    assert (principal.employee_id, principal.region) == ("e-9", "eu-west")
