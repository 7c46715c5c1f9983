"""`mcr up` supervises its NATS server like any process: killed, it is reported and started
again on the same port and store, and the services recover without a restart of their own."""

from __future__ import annotations

import json
import os
import signal
import time

import httpx
import pytest
from cli_kit import RunningPlatform


def pids(platform: RunningPlatform) -> dict[str, int]:
    return json.loads((platform.data_dir / "run.json").read_text())["pids"]


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_a_killed_nats_server_is_restarted_and_the_services_recover(tmp_path):
    platform = RunningPlatform(tmp_path / "mcr")
    before = pids(platform)
    headers = {"Authorization": f"Bearer {platform.token}"}
    try:
        os.kill(before["nats"], signal.SIGKILL)
        deadline = time.monotonic() + 30
        while pids(platform)["nats"] == before["nats"]:
            assert time.monotonic() < deadline, "the supervisor did not restart NATS"
            time.sleep(0.2)
        # A write after the restart reaches its consumer: insight tiers the new customer from
        # the archive's event, which crossed the restarted server.
        created = httpx.post(
            platform.url("/v1/customers"),
            json={"display_name": "重启之后有限公司", "industry": "telecom"},
            headers=headers,
            timeout=30,
        )
        assert created.status_code == 201, created.text
        tier_url = platform.url(f"/v1/customers/{created.json()['id']}/tierAssignment")
        deadline = time.monotonic() + 90
        while (tier := httpx.get(tier_url, headers=headers, timeout=10)).status_code != 200:
            assert time.monotonic() < deadline, f"the event never reached insight: {tier.text}"
            time.sleep(0.5)
        after = pids(platform)
        assert {k: v for k, v in after.items() if k != "nats"} == {
            k: v for k, v in before.items() if k != "nats"
        }, "a service was restarted: it should have reconnected"
    finally:
        platform.process.send_signal(signal.SIGINT)
        platform.process.communicate(timeout=90)
    printed = platform.output.read_text()  # what `mcr up` told its terminal
    assert platform.process.returncode == 0, printed[-3000:]
    assert "nats exited with -9; restarting" in printed
    assert "nats is back on" in printed
