"""The README's setup: `scripts/bootstrap.sh` (what up.sh and test.sh run first) finds uv or
installs it into the user's own ~/.local/bin from PyPI's uv wheel, checked against PyPI's
SHA-256, and writes nothing else outside the project.

PyPI is stood in for by a local index on a loopback port, answering PyPI's JSON API with a
wheel built here whose `uv` only records how it was called: the tests check what the scripts
do with a wheel, not uv itself (a real install from PyPI was checked by hand)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import threading
import venv
import zipfile
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import install_uv  # noqa: E402

RECORDING_UV = '#!/bin/sh\necho "$@" >> "$UV_CALLS"\n'


def wheel(tag: str) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for name in ("uv", "uvx"):
            archive.writestr(f"uv-{install_uv.VERSION}.data/scripts/{name}", RECORDING_UV)
        archive.writestr(f"uv-{install_uv.VERSION}.dist-info/WHEEL", "Wheel-Version: 1.0\n")
    return data.getvalue()


@pytest.fixture
def index(tmp_path) -> Iterator[tuple[str, Path]]:
    """A PyPI JSON API for uv on a loopback port; yields its URL and its folder, where the
    test may spoil the files."""
    root = tmp_path / "index"
    (root / "pypi" / "uv").mkdir(parents=True)
    tag = f"manylinux_2_17_{install_uv._arch()}.manylinux2014_{install_uv._arch()}"
    name = f"uv-{install_uv.VERSION}-py3-none-{tag}.whl"
    data = wheel(tag)
    (root / "packages").mkdir()
    (root / "packages" / name).write_bytes(data)
    files = [
        {"filename": f"uv-{install_uv.VERSION}-py3-none-win_amd64.whl", "url": "nowhere",
         "packagetype": "bdist_wheel", "digests": {"sha256": "0"}},
        {"filename": name, "url": f"../../packages/{name}", "packagetype": "bdist_wheel",
         "digests": {"sha256": hashlib.sha256(data).hexdigest()}},
    ]  # fmt: skip
    listing = {"releases": {install_uv.VERSION: files, "0.1.0": []}}
    (root / "pypi" / "uv" / "json").write_text(json.dumps(listing))
    handler = partial(SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/pypi", root
    finally:
        server.shutdown()
        server.server_close()


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


@pytest.mark.skipif(sys.platform != "linux", reason="the stand-in wheel is a Linux one")
def test_install_uv_puts_the_binaries_in_the_folder_only(index, tmp_path):
    url, _ = index
    folder = tmp_path / "home" / ".local" / "bin"
    written = install_uv.install(folder, index=url)
    assert written == [folder / "uv", folder / "uvx"]
    assert files_under(tmp_path / "home") == {".local/bin/uv", ".local/bin/uvx"}
    assert os.access(folder / "uv", os.X_OK)


@pytest.mark.skipif(sys.platform != "linux", reason="the stand-in wheel is a Linux one")
def test_install_uv_refuses_a_wheel_that_does_not_match_pypi(index, tmp_path):
    url, root = index
    [spoiled] = (root / "packages").iterdir()
    spoiled.write_bytes(spoiled.read_bytes() + b"tampered")
    with pytest.raises(install_uv.InstallError, match="does not match PyPI's SHA-256"):
        install_uv.install(tmp_path / "bin", index=url)
    assert not (tmp_path / "bin").exists()
    with pytest.raises(install_uv.InstallError, match=r"PyPI has no uv 9\.9\.9"):
        install_uv.install(tmp_path / "bin", version="9.9.9", index=url)


def test_wheels_are_chosen_for_this_kind_of_machine():
    glibc = ("glibc", (2, 36))
    assert install_uv.compatible("manylinux_2_17_x86_64", "linux", "x86_64", glibc)
    assert install_uv.compatible("manylinux2014_x86_64", "linux", "x86_64", glibc)
    assert not install_uv.compatible("manylinux_2_39_x86_64", "linux", "x86_64", glibc)
    assert not install_uv.compatible("musllinux_1_1_x86_64", "linux", "x86_64", glibc)
    assert install_uv.compatible("musllinux_1_1_x86_64", "linux", "x86_64", ("musl", (1, 2)))
    assert not install_uv.compatible("manylinux_2_17_aarch64", "linux", "x86_64", glibc)
    assert install_uv.compatible("macosx_11_0_arm64", "darwin", "arm64", glibc)


@pytest.mark.skipif(sys.platform != "linux", reason="the stand-in wheel is a Linux one")
def test_bootstrap_installs_uv_for_the_user_and_nothing_else(index, tmp_path):
    """A machine without uv: bootstrap.sh puts it in ~/.local/bin, then installs the
    workspace with it; the home folder holds nothing more, and no system tool is called."""
    url, _ = index
    home, tools = tmp_path / "home", tmp_path / "tools"
    home.mkdir()
    bare = tmp_path / "python"  # a Python without uv, as a fresh machine has
    venv.create(bare, with_pip=False)
    tools.mkdir()
    (tools / "python3").write_text(f'#!/bin/sh\nexec {bare}/bin/python3 "$@"\n')
    (tools / "python3").chmod(0o755)
    calls = tmp_path / "uv-calls.txt"
    env = {
        "HOME": str(home),
        "PATH": f"{tools}:/usr/bin:/bin",
        "MCR_UV_INDEX_URL": url,
        "UV_CALLS": str(calls),
    }
    if any(Path(d, "uv").exists() for d in ("/usr/bin", "/bin")):
        pytest.skip("this machine has uv in /usr/bin")
    done = subprocess.run(
        ["bash", "-c", 'source scripts/bootstrap.sh && echo "uv: ${UV[*]}"'],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"installing it into {home}/.local/bin" in done.stderr
    assert done.stdout.strip() == f"uv: {home}/.local/bin/uv"
    assert calls.read_text().split() == ["sync", "--locked", "--all-packages", "--quiet"]
    assert files_under(home) == {".local/bin/uv", ".local/bin/uvx"}

    again = subprocess.run(["bash", "-c", "source scripts/bootstrap.sh"], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=120)  # fmt: skip
    assert again.returncode == 0 and "installing" not in again.stderr  # found the next time


def test_the_setup_scripts_leave_the_system_alone():
    """Only the test command may install system packages (the browser tests' Chromium), and
    it says so first; up.sh and bootstrap.sh never call apt-get or pip."""
    for script in ("up.sh", "bootstrap.sh"):
        text = (ROOT / "scripts" / script).read_text()
        assert "apt-get" not in text and "pip install" not in text
    browser = (ROOT / "scripts" / "browser_deps.sh").read_text()
    assert browser.index("installing Debian packages") < browser.index("apt-get update")
    assert "browser_deps.sh" in (ROOT / "scripts" / "test.sh").read_text()
