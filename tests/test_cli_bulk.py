"""`mcr import` and `mcr export` as a user runs them, against a running archive."""

from __future__ import annotations

import asyncio
import subprocess
import sys

from mcr_core.tables import read_rows, write_rows

MCR = [sys.executable, "-m", "mcr_cli.main"]
CUSTOMERS = [
    {"key": "C-1", "display_name": "南海电信", "industry": "telecom"},
    {"key": "C-2", "display_name": "", "industry": "telecom"},
    {"key": "C-3", "display_name": "珠江医院", "industry": "healthcare"},
]


async def mcr(*args: str, archive, auth_keys, tmp_path) -> subprocess.CompletedProcess:
    """Run the command without blocking the loop that serves the archive."""
    process = await asyncio.create_subprocess_exec(
        *MCR, *args, "--archive", f"127.0.0.1:{archive.grpc_port}", "--data-dir", str(tmp_path),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env={"MCR_TOKEN": auth_keys.token(), "COLUMNS": "200", "PATH": ""},
    )  # fmt: skip
    async with asyncio.timeout(60):
        out, err = await process.communicate()
    return subprocess.CompletedProcess(args, process.returncode, out.decode(), err.decode())


async def test_import_dry_run_then_import_then_export(archive, auth_keys, tmp_path):
    source = tmp_path / "customers.xlsx"
    write_rows(source, "xlsx", ["key", "display_name", "industry"], CUSTOMERS)
    run = lambda *args: mcr(*args, archive=archive, auth_keys=auth_keys, tmp_path=tmp_path)  # noqa: E731

    checked = await run("import", "customers", str(source), "--dry-run")
    assert checked.returncode == 3, checked.stderr
    assert "2 would be created, 0 updated, 0 unchanged, 1 refused" in checked.stderr
    exported = await run("export", "customers", str(tmp_path / "none.csv"))
    assert "0 customers written" in exported.stderr, exported.stderr

    report = tmp_path / "errors.csv"
    imported = await run("import", "customers", str(source), "--errors", str(report))
    assert imported.returncode == 3
    assert "2 were created" in imported.stderr
    assert list(read_rows(report, "csv")) == [
        (2, {"row": "3", "column": "display_name", "reason": "is required"})
    ]
    again = await run("import", "customers", str(source))
    assert "0 were created, 0 updated, 2 unchanged, 1 refused" in again.stderr

    out = tmp_path / "out.csv"
    exported = await run("export", "customers", str(out))
    assert exported.returncode == 0, exported.stderr
    assert sorted(r["key"] for _, r in read_rows(out, "csv")) == ["C-1", "C-3"]

    bad = await run("import", "people", str(source))
    assert bad.returncode == 2 and "unknown kind" in bad.stderr
    assert "Traceback" not in bad.stderr + imported.stderr + exported.stderr
