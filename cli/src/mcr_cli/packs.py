"""Packs for operators and partners: what is installed and loads, and a new pack's skeleton."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mcr_core.config import ServiceSettings
from mcr_core.hookdocs import hook_hosts
from mcr_core.plugins import PluginLoadError

PACK_NAME = re.compile(r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$")


@dataclass(frozen=True)
class PackRow:
    host: str
    name: str
    distribution: str
    version: str
    hooks: str
    status: str


def installed_packs(settings: ServiceSettings | None = None) -> list[PackRow]:
    """Load every host's plugins the way its service does at start-up (same allow and block
    lists), so a pack that would fail the service's start fails here with the same message."""
    settings = settings or ServiceSettings()
    rows = []
    for host, specs in hook_hosts().items():
        try:
            plugins = specs.plugin_host(settings).plugins()
        except PluginLoadError as exc:
            rows.append(PackRow(host, "-", "-", "-", "-", f"refused: {exc}"))
            continue
        rows += [
            PackRow(
                host,
                info.name,
                info.distribution or "(built in)",
                info.version or "-",
                ", ".join(info.hooks),
                "loaded",
            )
            for info in plugins
        ]
    return rows


def scaffold(name: str, parent: Path) -> Path:
    """Write a new pack `mcr-pack-<name>` under `parent`: an installable distribution that
    registers with the archive and insight hosts, with documented hook implementations and
    tests that pass as generated."""
    if not PACK_NAME.match(name):
        raise ValueError(
            f"pack name {name!r}: use lower-case letters and digits, words joined by - or _"
        )
    dist = f"mcr-pack-{name.replace('_', '-')}"
    module = f"mcr_pack_{name.replace('-', '_')}"
    root = parent / dist
    if root.exists():
        raise FileExistsError(f"{root} already exists")
    values = {"dist": dist, "module": module, "name": name.replace("_", "-")}
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
"""

_README = """\
# {dist}

An industry pack for the MCR platform. Install it next to the services
(`pip install {dist}`); each service loads it through its entry-point group, and a region
activates it with `MCR_PLUGINS_ALLOW`.

- `src/{module}/archive.py`: the industries this pack adds to the customer archive.
- `src/{module}/insight.py`: how the pack scores a customer's value.
- `tests/`: `pip install -e '.[test]' && pytest`.

The hook reference (`docs/partners/hooks.md` in the platform repository) lists every hook,
when it fires and what it must return.
"""

_INIT = '''\
"""MCR industry pack {name}.

Where the method applies (seed 000): say here which industry type, whether sales are B2B,
repeat and continuous, and cite the book passages each rule comes from.
"""

# The hook API versions this pack is written for; a service offering another refuses the pack
# at start-up with a clear message instead of calling hooks with the wrong shape.
MCR_HOOK_API = (1,)
'''

_ARCHIVE = '''\
"""The pack's archive hooks."""

from mcr_archive.hooks import Industry
from mcr_core.plugins import hookimpl

MCR_HOOK_API = (1,)


@hookimpl
def archive_industries():
    """The industry this pack serves, so customers can be filed under it."""
    return [Industry("{name}", "{name} (change me)", "{name}")]
'''

_INSIGHT = '''\
"""The pack's insight hooks."""

from mcr_core.plugins import hookimpl
from mcr_insight.hooks import ScoreComponent, ValueHorizon, ValueVisibility

MCR_HOOK_API = (1,)


@hookimpl
def insight_value_components(customer):
    """Scale: a larger customer enterprise offers more current value (book ch.2: value is
    judged on current and long-term, explicit and implicit value; the numbers are the pack's)."""
    if customer.industry != "{name}":
        return None
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
