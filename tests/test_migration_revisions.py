"""Each service's migrations form one line: every revision id is its file's own, and each
branch has one head. Two branches once both added `insight_0007`: Alembic kept one file under
that id and never ran the other, and insight failed on PostgreSQL with an undefined column
(seen in the pod drill, deploy/podman/drill.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = sorted(
    [*ROOT.glob("services/*/src/*/migrations"), ROOT / "core/src/mcr_core/migrations/versions"]
)


def revisions(folder: Path) -> dict[str, list[tuple[str, str | None]]]:
    """revision id -> [(file, down_revision)] for every migration file of the folder."""
    found: dict[str, list[tuple[str, str | None]]] = {}
    for path in sorted(folder.glob("*.py")):
        text = path.read_text()
        revision = re.search(r'^revision = "([^"]+)"', text, re.MULTILINE)
        if revision is None:
            continue  # env.py and helpers
        down = re.search(r'^down_revision = "([^"]+)"', text, re.MULTILINE)
        found.setdefault(revision[1], []).append((path.name, down[1] if down else None))
    return found


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.relative_to(ROOT).as_posix())
def test_every_revision_id_is_one_files_and_each_line_has_one_head(folder):
    found = revisions(folder)
    assert found, f"no migrations in {folder}"
    twice = {rev: [name for name, _ in files] for rev, files in found.items() if len(files) > 1}
    assert not twice, f"revision ids used by more than one file: {twice}"
    revised = {down for files in found.values() for _, down in files if down}
    assert not revised - set(found), f"revising unknown revisions: {revised - set(found)}"
    heads = set(found) - revised
    assert len(heads) == 1, f"more than one head: {sorted(heads)}"
