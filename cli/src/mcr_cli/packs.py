"""Packs for operators and partners: what is installed, what each running service has active,
and a new pack's skeleton."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

import httpx
from mcr_core.config import ServiceSettings
from mcr_core.hookdocs import hook_hosts
from mcr_core.plugins import HOOK_API_VERSION, PluginInfo, PluginLoadError

from mcr_cli.platform import RunState

PACK_NAME = re.compile(r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$")
BUILT_IN = "(built in)"
# The platform's distributions a pack may depend on, and where each lives in a checkout.
PLATFORM_DISTRIBUTIONS = {
    "mcr-proto": "proto/python",
    "mcr-core": "core",
    **{f"mcr-{name}": f"services/{name}"
       for name in ("archive", "insight", "planning", "contact", "satisfaction")},
}  # fmt: skip


@dataclass(frozen=True)
class PackRow:
    """One pack of one host service: installed here (and whether it loads), and whether the
    running service has it active."""

    host: str
    name: str
    distribution: str
    version: str
    hooks: str
    installed: str  # "yes", "refused: <why>", or "no" (active in a service, not here)
    active: str = "-"  # "active", "not active", or "-" when the platform is not running

    @property
    def refused(self) -> bool:
        return self.installed.startswith("refused")


def _row(host: str, info: PluginInfo) -> PackRow:
    return PackRow(host, info.name, info.distribution or BUILT_IN, info.version or "-",
                   ", ".join(info.hooks), "yes")  # fmt: skip


def installed_packs(settings: ServiceSettings | None = None) -> list[PackRow]:
    """Every host's built-in defaults and installed packs (not blocked), each loaded on its own
    the way a service loads it at start-up, so a pack that would fail a service's start shows
    here as refused, with the same message."""
    settings = settings or ServiceSettings()
    defaults_only = settings.model_copy(update={"plugins_allow": []})
    rows = []
    for host, specs in hook_hosts().items():
        base = specs.plugin_host(defaults_only)
        rows += [_row(host, info) for info in base.plugins()]
        for name in base.installed():
            try:
                loaded = base.with_packs([name])
            except PluginLoadError as exc:
                rows.append(PackRow(host, name, "-", "-", "-", f"refused: {exc}"))
                continue
            rows += [_row(host, info) for info in loaded.plugins() if info.name == name]
    return rows


def active_packs(state: RunState) -> dict[str, dict[str, dict]]:
    """What each running service loaded, from its admin port's `/plugins`, by service and
    pack name; a service that does not answer is left out."""
    found = {}
    with httpx.Client(timeout=3) as client:
        for service, url in state.admin_urls().items():
            try:
                reply = client.get(f"{url}/plugins")
            except httpx.HTTPError:
                continue
            if reply.status_code == 200:
                found[service] = {p["name"]: p for p in reply.json()["plugins"]}
    return found


def with_activity(rows: list[PackRow], active: dict[str, dict[str, dict]]) -> list[PackRow]:
    """The rows with what the running services have active, plus the packs a service runs
    that are not installed in this environment."""
    marked = []
    for row in rows:
        running = active.get(row.host)
        if running is None:
            marked.append(row)
            continue
        state = "active" if row.name in running else "not active"
        health = running.get(row.name, {}).get("health") or {}
        if last := health.get("last_failure"):
            state += f", {health['failures']} failure(s), last in {last['hook']}: {last['reason']}"
        marked.append(replace(row, active=state))
    listed = {(row.host, row.name) for row in rows}
    for host, plugins in active.items():
        for name, info in plugins.items():
            if (host, name) not in listed:
                marked.append(PackRow(host, name, info.get("distribution") or BUILT_IN,
                                      info.get("version") or "-", ", ".join(info["hooks"]),
                                      "no", "active"))  # fmt: skip
    return marked


# --- a new pack -------------------------------------------------------------------------------


def workspace_root(start: Path) -> Path | None:
    """The uv workspace `start` lies in (a pyproject.toml with [tool.uv.workspace] at or above
    it), or None."""
    for folder in (start.resolve(), *start.resolve().parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            config = tomllib.loads(pyproject.read_text())
            if "workspace" in config.get("tool", {}).get("uv", {}):
                return folder
    return None


def is_member(workspace: Path, project: Path) -> bool:
    """Whether the workspace's member globs take in `project` (uv would lock it with the
    workspace)."""
    config = tomllib.loads((workspace / "pyproject.toml").read_text())["tool"]["uv"]["workspace"]
    relative = project.resolve().relative_to(workspace)

    def matches(globs: list[str]) -> bool:
        return any(len(relative.parts) == len(Path(g).parts) and relative.match(g) for g in globs)

    return matches(config.get("members", [])) and not matches(config.get("exclude", []))


def default_parent(cwd: Path) -> Path:
    """Where `mcr plugin new` writes without --directory: here, or next to the workspace when
    here is inside one, so the pack gets its own environment and lock, never the platform's."""
    root = workspace_root(cwd)
    return root.parent if root else cwd


def platform_checkout() -> Path | None:
    """The MCR checkout this CLI runs from (editable installs), or None for installed
    distributions."""
    import mcr_core

    root = Path(mcr_core.__file__).resolve().parents[3]
    found = all((root / path / "pyproject.toml").is_file()
                for path in PLATFORM_DISTRIBUTIONS.values())  # fmt: skip
    return root if found else None


def _sources(checkout: Path | None) -> str:
    if checkout is None:
        return ""
    entries = "".join(
        f'{dist} = {{ path = "{checkout / path}", editable = true }}\n'
        for dist, path in PLATFORM_DISTRIBUTIONS.items()
    )
    return _SOURCES.format(checkout=checkout, entries=entries)


def scaffold(name: str, parent: Path, checkout: Path | None = None) -> Path:
    """Write a new pack `mcr-pack-<name>` under `parent`: an installable distribution that
    registers with the archive and insight hosts, with documented hook implementations and
    tests that pass as generated. With `checkout`, the pack takes the platform's distributions
    from that MCR checkout (uv sources)."""
    if not PACK_NAME.match(name):
        raise ValueError(
            f"pack name {name!r}: use lower-case letters and digits, words joined by - or _"
        )
    dist = f"mcr-pack-{name.replace('_', '-')}"
    module = f"mcr_pack_{name.replace('-', '_')}"
    root = parent / dist
    if root.exists():
        raise FileExistsError(f"{root} already exists")
    values = {"dist": dist, "module": module, "name": name.replace("_", "-"),
              "api": HOOK_API_VERSION, "sources": _sources(checkout)}  # fmt: skip
    for relative, template in _TEMPLATES.items():
        path = root / relative.format(**values)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.format(**values))
    return root


_PYPROJECT = """\
[project]
name = "{dist}"
version = "0.1.0"
description = "MCR industry pack: {name}."
requires-python = ">=3.11"
dependencies = ["mcr-core", "mcr-archive", "mcr-insight"]

[project.optional-dependencies]
test = ["mcr-core[testing]", "pytest>=8", "pytest-asyncio>=1.2"]

# One entry per host service the pack extends: the name is how operators allow or block it
# (MCR_PLUGINS_ALLOW / MCR_PLUGINS_BLOCK), the value the module holding the hook implementations.
[project.entry-points."mcr.archive"]
{name} = "{module}.archive"

[project.entry-points."mcr.insight"]
{name} = "{module}.insight"

[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[tool.hatch.build.targets.wheel]
packages = ["src/{module}"]

[tool.pytest.ini_options]
asyncio_mode = "auto"
asyncio_default_fixture_loop_scope = "function"
filterwarnings = ["error"]
{sources}"""

_SOURCES = """
# Where uv takes the platform's distributions from: the MCR checkout {checkout}
# (editable, so the tests run against its code). To build against released distributions from
# your package index instead, delete this table.
[tool.uv.sources]
{entries}"""

_README = """\
# {dist}

An industry pack for the MCR platform. Each service loads it through its entry-point group
(`mcr.archive`, `mcr.insight`), and a region activates it by name: `{name}`.

- `src/{module}/archive.py`: the industries this pack adds to the customer archive.
- `src/{module}/insight.py`: how the pack scores a customer's value.
- `tests/`: the pack's tests, on the platform's test kit.

Run its tests in its own environment (uv makes `.venv` and `uv.lock` here):

```sh
uv run --extra test pytest
```

Run the platform with it active, from the platform's checkout (the pack joins the platform's
environment for that run only; the platform's lock file does not change):

```sh
uv run --with-editable path/to/{dist} mcr up --demo --pack {name}
```

The hook reference (`docs/partners/hooks.md` in the platform repository) lists every hook,
when it fires and what it must return.
"""

_INIT = '''\
"""MCR industry pack {name}.

Where the method applies (seed 000): say here which industry type, whether sales are B2B,
repeat and continuous, and cite the book passages each rule comes from.
"""

from mcr_core.plugins import PackScope

INDUSTRY = "{name}"

# The hook API versions this pack is written for; a service offering another refuses the pack
# at start-up with a clear message instead of calling hooks with the wrong shape.
MCR_HOOK_API = ({api},)
# The customers of a region this pack answers for (their `industry`; add ownership_types=(...)
# to narrow it): the per-customer hooks are called only for them, the other customers get the
# other packs' rules or the built-in defaults.
MCR_SCOPE = PackScope(industries=(INDUSTRY,))
'''

_ARCHIVE = '''\
"""The pack's archive hooks."""

from mcr_archive.hooks import Industry
from mcr_core.plugins import hookimpl

# The pack's hook API version and scope, read by the plugin host from each hook module.
from {module} import INDUSTRY
from {module} import MCR_HOOK_API as MCR_HOOK_API
from {module} import MCR_SCOPE as MCR_SCOPE


@hookimpl
def archive_industries():
    """The industry this pack serves, so customers can be filed under it."""
    return [Industry(INDUSTRY, "{name} (change me)", "{name}")]
'''

_INSIGHT = '''\
"""The pack's insight hooks."""

from mcr_core.plugins import hookimpl
from mcr_insight.hooks import ScoreComponent, ValueHorizon, ValueVisibility

# The pack's hook API version and scope, read by the plugin host from each hook module.
from {module} import MCR_HOOK_API as MCR_HOOK_API
from {module} import MCR_SCOPE as MCR_SCOPE


@hookimpl
def insight_value_components(customer):
    """Scale: a larger customer enterprise offers more current value (book ch.2: value is
    judged on current and long-term, explicit and implicit value; the numbers are the pack's).
    Called only for the customers MCR_SCOPE serves."""
    value = min(100.0, customer.employee_count / 100)
    return [
        ScoreComponent(
            "scale",
            value,
            1.0,
            ValueHorizon.CURRENT,
            ValueVisibility.EXPLICIT,
            f"{{customer.employee_count}} employees",
        )
    ]
'''

_TEST = '''\
"""The pack's own tests, on the platform's test kit (fixture `plugin_host`)."""

from importlib.metadata import entry_points

import mcr_archive.hooks
import mcr_insight.hooks
from mcr_insight.hooks import CustomerFacts
from {module} import archive, insight


def test_the_pack_registers_with_both_hosts():
    for group in ("mcr.archive", "mcr.insight"):
        assert "{name}" in {{ep.name for ep in entry_points(group=group)}}


async def test_industry_is_offered(plugin_host):
    host = plugin_host("archive", mcr_archive.hooks, archive)
    outcome = await host.call("archive_industries")
    assert not outcome.failures
    assert [i.code for i in outcome.results[0].value] == ["{name}"]


async def test_scale_is_scored_for_the_pack_industry_only(plugin_host):
    host = plugin_host("insight", mcr_insight.hooks, insight)
    ours = CustomerFacts(id="c1", region="r", industry="{name}", employee_count=5000)
    other = CustomerFacts(id="c2", region="r", industry="other", employee_count=5000)
    outcome = await host.call("insight_value_components", customer=ours)
    assert not outcome.failures
    assert outcome.results[0].value[0].value == 50.0
    assert (await host.call("insight_value_components", customer=other)).results == []
'''

_TEMPLATES = {
    "pyproject.toml": _PYPROJECT,
    "README.md": _README,
    "src/{module}/__init__.py": _INIT,
    "src/{module}/archive.py": _ARCHIVE,
    "src/{module}/insight.py": _INSIGHT,
    "tests/test_pack.py": _TEST,
}
