"""Generate the Python modules of proto/mcr into proto/python/mcr.

Beside the modules it writes `mcr/descriptors.binpb`: the contract's descriptors with their
comments (source info), which the gateway reads to describe every REST operation in its
OpenAPI document. `google/api` is vendored in proto/ for protoc and buf only: its Python modules
come from the googleapis-common-protos package.

`python proto/generate.py` rewrites them; `python proto/generate.py --check` exits 1 when the
committed modules differ from what the .proto files generate (CI's drift check).
"""

import filecmp
import shutil
import sys
import tempfile
from importlib import resources
from pathlib import Path

from grpc_tools import protoc

PROTO_ROOT = Path(__file__).resolve().parent
OUTPUT = PROTO_ROOT / "python"
DESCRIPTORS = "descriptors.binpb"


def generate(out: Path) -> None:
    sources = sorted(str(p.relative_to(PROTO_ROOT)) for p in (PROTO_ROOT / "mcr").rglob("*.proto"))
    well_known = str(resources.files("grpc_tools") / "_proto")
    args = [
        "protoc",
        f"-I{PROTO_ROOT}",
        f"-I{well_known}",
        f"--python_out={out}",
        f"--pyi_out={out}",
        f"--grpc_python_out={out}",
        f"--descriptor_set_out={out / 'mcr' / DESCRIPTORS}",
        "--include_source_info",
        *sources,
    ]
    (out / "mcr").mkdir(parents=True, exist_ok=True)
    if protoc.main(args) != 0:
        raise SystemExit("protoc failed")


def differences(left: Path, right: Path) -> list[str]:
    found: list[str] = []
    cmp = filecmp.dircmp(left, right)
    found += [f"only in committed: {name}" for name in cmp.left_only]
    found += [f"missing: {name}" for name in cmp.right_only]
    _, mismatch, errors = filecmp.cmpfiles(left, right, cmp.common_files, shallow=False)
    found += [f"stale: {name}" for name in mismatch + errors]
    for sub in cmp.common_dirs:
        found += [f"{sub}/{d}" for d in differences(left / sub, right / sub)]
    return found


def main() -> int:
    check = "--check" in sys.argv[1:]
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp)
        generate(fresh)
        if check:
            drift = differences(OUTPUT / "mcr", fresh / "mcr")
            for line in drift:
                print(f"proto/python/mcr: {line}", file=sys.stderr)
            if drift:
                print(
                    "generated code is stale: run `uv run python proto/generate.py`",
                    file=sys.stderr,
                )
            return 1 if drift else 0
        shutil.rmtree(OUTPUT / "mcr", ignore_errors=True)
        shutil.copytree(fresh / "mcr", OUTPUT / "mcr")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
