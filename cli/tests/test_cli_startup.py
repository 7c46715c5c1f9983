"""`mcr --help` and `mcr token` start fast because they import only what they use: no gRPC,
SQLAlchemy, httpx, rich or Kubernetes client (timings are in bench/cli_startup.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from mcr_cli.options import DEFAULT_DATA_DIR
from mcr_core.config import default_data_dir

HEAVY = ("grpc", "sqlalchemy", "httpx", "rich", "kubernetes", "yaml", "nats",
         "pydantic_settings", "google.protobuf", "openpyxl", "mcr_core.config",
         "mcr_core.plugins", "opentelemetry")  # fmt: skip
PROBE = """
import json, sys
sys.argv = ["mcr", *json.loads(sys.argv[1])]
from mcr_cli.main import app
try:
    app()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def imported(*args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True,
                          text=True, timeout=60, env=os.environ | {"COLUMNS": "80"})  # fmt: skip
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "args",
    [("--help",), ("token", "--employee", "e-1"), ("tiers", "--help"), ("plugins", "--help")],
)
def test_a_light_command_imports_nothing_heavy(args, tmp_path):
    loaded = imported(*args, *(("--data-dir", str(tmp_path)) if args[0] == "token" else ()))
    assert "mcr_cli.main" in loaded
    assert [m for m in HEAVY if m in loaded] == []


def test_token_signs_without_the_service_machinery(tmp_path):
    loaded = imported("token", "--data-dir", str(tmp_path))
    assert "jwt" in loaded and "mcr_core.auth.keys" in loaded
    assert "mcr_core.auth.visibility" not in loaded and "mcr_core.auth.tokens" not in loaded


def test_the_data_folder_is_the_kernel_s():
    assert default_data_dir() == DEFAULT_DATA_DIR
