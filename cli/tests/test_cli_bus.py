"""`mcr bus`: the authority of an installation's NATS and the credentials it issues, and the
secured bus `mcr up` runs."""

from __future__ import annotations

import asyncio
from pathlib import Path

import nats
import pytest
from mcr_cli.main import app
from mcr_core.bus.authority import BusAuthority
from mcr_core.bus.jwt import read_creds, verify
from mcr_core.bus.streams import credentials_inbox
from nats.aio.client import Client as NATS
from typer.testing import CliRunner


class Answer:
    """`mcr bus ...` run in this process (each `mcr` process takes seconds to start)."""

    def __init__(self, *args: str) -> None:
        result = CliRunner().invoke(app, ["bus", *args], env={"COLUMNS": "200"})
        self.returncode, self.stdout, self.stderr = result.exit_code, result.stdout, result.output


def test_init_then_an_app_gets_credentials_for_its_grant_only(tmp_path):
    authority = tmp_path / "authority"
    assert Answer("init", str(authority)).returncode == 0
    assert "resolver_preload" in (authority / "auth.conf").read_text()
    again = Answer("init", str(authority))
    assert again.returncode == 1 and "already holds" in again.stderr
    issued = Answer("app", "crm-sync", "--stream", "insight", "--authority", str(authority))
    assert issued.returncode == 0, issued.stderr
    token, _ = read_creds(issued.stdout)
    claims = verify(token, BusAuthority.load(authority).signing.public)
    assert claims["name"] == "app-crm-sync"
    assert "$JS.API.CONSUMER.*.*.MCR_INSIGHT.crm-sync" in claims["nats"]["pub"]["allow"]
    assert not [s for s in claims["nats"]["pub"]["allow"] if s.startswith("mcr.")]
    for refused, reason in (
        (["planning", "--stream", "insight"], "reserved"),
        (["crm", "--stream", "billing"], "not a service"),
        (["crm", "--stream", "insight", "--consumer", "other"], "crm-<purpose>"),
    ):
        answer = Answer("app", *refused, "--authority", str(authority))
        assert answer.returncode == 2 and reason in answer.stderr, answer.stderr
    written = tmp_path / "planning.creds"
    assert (
        Answer("service", "planning", "-o", str(written), "--authority", str(authority)).returncode
        == 0
    )
    token, _ = read_creds(written.read_text())
    allowed = verify(token, BusAuthority.load(authority).signing.public)["nats"]["pub"]["allow"]
    assert "$JS.API.CONSUMER.*.*.MCR_CONTACT.planning-contact" in allowed
    assert oct(written.stat().st_mode & 0o777) == "0o600"


async def _connect(url: str, credentials: Path | None = None) -> NATS:
    options = {"allow_reconnect": False, "connect_timeout": 3, "error_cb": _quiet}
    if credentials is not None:
        options |= {
            "user_credentials": str(credentials),
            "inbox_prefix": credentials_inbox(credentials),
        }
    client = NATS()
    try:
        await client.connect(url, **options)
    except Exception:
        await client.close()
        raise
    return client


async def _quiet(_: Exception) -> None:
    pass


@pytest.mark.slow
def test_mcr_up_runs_a_secured_bus_and_issues_an_apps_credentials(demo_platform, tmp_path):
    url = demo_platform.state["nats_url"]
    with pytest.raises(nats.errors.Error):
        asyncio.run(_connect(url))
    creds = tmp_path / "crm.creds"
    issued = demo_platform.mcr("bus", "app", "crm", "--stream", "insight", "-o", str(creds))
    assert issued.returncode == 0, issued.stderr

    async def read_insight_stream() -> int:
        nc = await _connect(url, creds)
        try:
            return (await nc.jetstream().stream_info("MCR_INSIGHT")).state.messages
        finally:
            await nc.close()

    assert asyncio.run(read_insight_stream()) > 0  # the app reads the demo's tier events
    issued = sorted(p.name for p in (demo_platform.data_dir / "bus" / "credentials").iterdir())
    assert issued == [
        "svc-archive.creds", "svc-contact.creds", "svc-insight.creds",
        "svc-planning.creds", "svc-satisfaction.creds",
    ]  # fmt: skip
