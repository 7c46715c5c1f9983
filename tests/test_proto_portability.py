"""The contract generates clients in other languages, as docs/internal-apps/other-languages.md
tells: Java and C# with protoc's built-in generators (Debian's protobuf-compiler: the protoc of
grpcio-tools has only Python's), TypeScript with ts-proto (npm), Go with Debian's
protoc-gen-go; and every file says where its code goes."""

from __future__ import annotations

import os
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import pytest
from grpc_tools import protoc
from mcr_core.bus.contract import EventContract

ROOT = Path(__file__).resolve().parents[1]
PROTO = ROOT / "proto"
SOURCES = sorted(str(p.relative_to(PROTO)) for p in (PROTO / "mcr").rglob("*.proto"))
WELL_KNOWN = str(resources.files("grpc_tools") / "_proto")
TS_PROTO = "ts-proto@2.18.0"


def generate(*arguments: str) -> None:
    """Run grpcio-tools' protoc with a plugin."""
    args = ["protoc", f"-I{PROTO}", f"-I{WELL_KNOWN}", *arguments, *SOURCES]
    assert protoc.main(args) == 0, arguments


def generate_builtin(*arguments: str) -> None:
    """Run the system's protoc, which has the Java and C# generators built in."""
    command = [shutil.which("protoc"), f"-I{PROTO}", f"-I{WELL_KNOWN}", *arguments, *SOURCES]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_every_file_says_where_its_code_goes_in_each_language():
    for file in EventContract.load().files:
        options = file.options
        service = file.package.split(".")[1]
        assert options.go_package == f"mcr.dev/go/mcr/{service}/v1;{service}v1", file.name
        assert options.java_package == f"dev.mcr.{service}.v1", file.name
        assert options.java_multiple_files, file.name
        assert options.java_outer_classname.endswith("Proto"), file.name
        assert options.csharp_namespace == f"Mcr.{service.capitalize()}.V1", file.name


def need(*tools: str) -> None:
    """Skip without the tools (scripts/codegen_deps.sh installs them), but fail in CI."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing and os.environ.get("CI"):
        pytest.fail(f"{', '.join(missing)} missing: scripts/codegen_deps.sh installs them")
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (scripts/codegen_deps.sh)")


def test_java_and_csharp_generate(tmp_path):
    need("protoc")
    java, csharp = tmp_path / "java", tmp_path / "csharp"
    java.mkdir(), csharp.mkdir()
    # base_namespace: a folder per namespace, so the five events.proto give five Events.cs.
    generate_builtin(
        f"--java_out={java}", f"--csharp_out={csharp}", "--csharp_opt=base_namespace=Mcr"
    )
    tier_changed = java / "dev" / "mcr" / "insight" / "v1" / "TierChanged.java"
    assert "package dev.mcr.insight.v1;" in tier_changed.read_text()
    events = (csharp / "Insight" / "V1" / "Events.cs").read_text()
    assert "namespace Mcr.Insight.V1 {" in events and "class TierChanged" in events


def test_typescript_generates_with_ts_proto(tmp_path):
    need("npm")
    tools, out = tmp_path / "tools", tmp_path / "ts"
    out.mkdir()
    subprocess.run(
        ["npm", "install", "--prefix", str(tools), "--no-audit", "--no-fund", "--silent", TS_PROTO],
        check=True, timeout=300, capture_output=True,
    )  # fmt: skip
    plugin = tools / "node_modules" / ".bin" / "protoc-gen-ts_proto"
    generate(
        f"--plugin=protoc-gen-ts_proto={plugin}",
        f"--ts_proto_out={out}",
        "--ts_proto_opt=outputServices=grpc-js,esModuleInterop=true",
    )
    service = (out / "mcr" / "insight" / "v1" / "insight_service.ts").read_text()
    assert "export const InsightServiceService" in service
    assert (
        "export interface TierChanged" in (out / "mcr" / "insight" / "v1" / "events.ts").read_text()
    )


def test_go_generates_with_protoc_gen_go(tmp_path):
    need("protoc-gen-go", "protoc-gen-go-grpc")
    generate(
        f"--go_out={tmp_path}", "--go_opt=paths=source_relative",
        f"--go-grpc_out={tmp_path}", "--go-grpc_opt=paths=source_relative",
    )  # fmt: skip
    code = (tmp_path / "mcr" / "insight" / "v1" / "events.pb.go").read_text()
    assert "package insightv1" in code
    assert "type TierChanged struct" in code
    stubs = (tmp_path / "mcr" / "insight" / "v1" / "insight_service_grpc.pb.go").read_text()
    assert "func NewInsightServiceClient" in stubs
