"""An internal app, as docs/internal-apps tells it: `mcr-client` installed on its own in a clean
virtual environment (wheels built from this repository, no workspace), its examples run against
the platform running as real processes, with the app's own NATS credentials; the same
credentials can neither publish into a service's stream nor touch a service's consumers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nats
import pytest
from mcr_core.bus.streams import credentials_inbox
from mcr_core.testing import app_credentials, nats_client, uv_command
from platform_kit import platform  # noqa: F401 - the fixture

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "docs" / "internal-apps" / "examples"
# The uv that installed this workspace (scripts/bootstrap.sh).
UV = uv_command() or ["uv"]


def run(*command: str, env: dict | None = None, timeout: float = 240) -> str:
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT
    )
    assert done.returncode == 0, f"{command}: {done.stdout[-2000:]} {done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def app_python(tmp_path_factory) -> Path:
    """A clean virtual environment with only the built wheels of mcr-client and mcr-proto
    (and what they depend on, from the package index)."""
    wheels = tmp_path_factory.mktemp("wheels")
    for package in ("mcr-proto", "mcr-client"):
        run(*UV, "build", "--quiet", "--package", package, "--wheel", "-o", str(wheels))
    venv = wheels / "venv"
    run(*UV, "venv", "--quiet", str(venv), "--python", sys.executable)
    python = venv / "bin" / "python"
    run(*UV, "pip", "install", "--quiet", "--python", str(python), *map(str, wheels.glob("*.whl")))
    # Nothing of the workspace is importable there: only what an app installs.
    probe = "import importlib.util as u; print(u.find_spec('mcr_core'), u.find_spec('mcr_client'))"
    assert run(str(python), "-c", probe).startswith("None ModuleSpec")
    return python


def example_env(**values: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("MCR_", "VIRTUAL_ENV"))}
    return clean | values


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_an_app_calls_grpc_and_follows_tier_changes_with_its_own_credentials(
    platform,  # noqa: F811
    app_python,
    nats_url,
    tmp_path,
):
    key = tmp_path / "dev-signing-key.pem"
    key.write_bytes(platform.keys.private_pem)
    insight = f"127.0.0.1:{platform.services['insight'].grpc_port}"
    called = run(
        str(app_python),
        str(EXAMPLES / "call_grpc.py"),
        env=example_env(MCR_INSIGHT_TARGET=insight, MCR_DEV_KEY=str(key)),
    )
    tiers = [line for line in called.splitlines() if " tier " in line]
    assert len(tiers) >= 3, called  # the demo customers the caller may see, tiered
    assert "refused: INVALID_ARGUMENT" in called and "name:" in called, called

    creds = app_credentials(nats_url, "tier-watch", ["insight"])
    followed = run(
        str(app_python),
        str(EXAMPLES / "follow_tiers.py"),
        "--count", "3", "--from-sequence", "1",
        env=example_env(MCR_NATS_URL=nats_url, MCR_NATS_CREDENTIALS=str(creds)),
    )  # fmt: skip
    changes = [line for line in followed.splitlines() if " -> " in line]
    assert len(changes) == 3 and all(line.startswith("#") for line in changes), followed


@pytest.mark.slow
async def test_the_apps_credentials_cannot_publish_or_touch_a_services_consumers(
    platform,  # noqa: F811 - its services' consumers are on insight's stream
    nats_url,
):
    creds = app_credentials(nats_url, "tier-watch", ["insight"])
    admin = await nats_client(nats_url)
    admin_js = admin.jetstream()
    errors: list[str] = []

    async def record(exc: Exception) -> None:
        errors.append(str(exc))

    app = await nats.connect(
        nats_url,
        user_credentials=str(creds),
        inbox_prefix=credentials_inbox(creds),
        error_cb=record,
    )
    try:
        js = app.jetstream(timeout=1.0)
        with pytest.raises(TimeoutError):
            await js.publish("mcr.insight.tier.changed", b"forged", timeout=1.0)
        consumers = [c.name for c in await admin_js.consumers_info("MCR_INSIGHT")]
        service_consumer = next(c for c in consumers if c.startswith("planning-"))
        with pytest.raises(TimeoutError):
            await js.delete_consumer("MCR_INSIGHT", service_consumer)
        bound = await js.pull_subscribe_bind(service_consumer, stream="MCR_INSIGHT")
        with pytest.raises(TimeoutError):
            await bound.fetch(1, timeout=1.0)
        await app.flush()
        last = await admin_js.get_last_msg("MCR_INSIGHT", "mcr.insight.tier.changed")
        assert last.data != b"forged"  # nothing was forged in
        assert service_consumer in [c.name for c in await admin_js.consumers_info("MCR_INSIGHT")]
        violations = " ".join(errors)
        assert 'permissions violation for publish to "mcr.insight.tier.changed"' in violations
        assert f"consumer.delete.mcr_insight.{service_consumer}" in violations
        assert f"consumer.msg.next.mcr_insight.{service_consumer}" in violations
    finally:
        await app.close()
        await admin.close()
