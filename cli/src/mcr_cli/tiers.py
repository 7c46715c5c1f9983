"""`mcr tiers`: a region's tiers through the gateway: what-if, apply, explain, policies.

Each command calls the gateway's REST API with a bearer token: `--token` (or MCR_TOKEN), else
a development token minted with the local key of `--data-dir` for `--employee` in `--region`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
from mcr_core.auth import ensure_dev_keypair, mint_token
from mcr_core.config import default_data_dir
from rich.console import Console
from rich.table import Table

app = typer.Typer(help="Tiers: what-if, apply, explain, policies.", no_args_is_help=True)
out = Console()
err = Console(stderr=True)

Gateway = Annotated[
    str, typer.Option("--gateway", envvar="MCR_GATEWAY", help="The gateway's base URL")
]
Token = Annotated[
    str | None, typer.Option("--token", envvar="MCR_TOKEN", help="A bearer token to call with")
]
DataDir = Annotated[
    Path, typer.Option("--data-dir", envvar="MCR_DATA_DIR", help="Where the dev key is")
]
Region = Annotated[str, typer.Option(help="Region of the minted token")]
Employee = Annotated[str, typer.Option(help="Employee of the minted token")]
Threshold = Annotated[
    list[str] | None, typer.Option("--threshold", help="TIER=MIN_SCORE (repeatable)")
]
Weight = Annotated[list[str] | None, typer.Option("--weight", help="DIMENSION=WEIGHT (repeatable)")]
Plugin = Annotated[list[str] | None, typer.Option("--plugin", help="A scoring plugin (repeatable)")]
AsJson = Annotated[bool, typer.Option("--json", help="Print the answer as JSON")]
Pack = Annotated[
    list[str] | None,
    typer.Option("--pack", help="Evaluate with this installed pack instead (repeatable)"),
]
DEFAULT_GATEWAY = "http://127.0.0.1:8080"
DEFAULT_DATA_DIR = default_data_dir()


def _pairs(items: list[str] | None, option: str) -> list[tuple[str, float]]:
    pairs = []
    for item in items or ():
        key, sep, value = item.partition("=")
        try:
            if not sep or not key:
                raise ValueError
            pairs.append((key.strip(), float(value)))
        except ValueError:
            raise typer.BadParameter(f"{item!r}: expected NAME=NUMBER", param_hint=option) from None
    return pairs


def _configuration(threshold, weight, plugin) -> dict[str, Any]:
    return {
        "scoring_plugins": plugin or [],
        "dimension_weights": dict(_pairs(weight, "--weight")),
        "thresholds": [
            {"tier": tier, "min_score": score} for tier, score in _pairs(threshold, "--threshold")
        ],
    }


def _call(method: str, path: str, gateway: str, token: str | None, data_dir: Path, region: str,
          employee: str, body: dict | None = None) -> dict[str, Any]:  # fmt: skip
    if token is None:
        private_pem, _ = ensure_dev_keypair(data_dir)
        token = mint_token(
            private_pem,
            employee_id=employee,
            region=region,
            org_unit=f"/{region}/enterprise",
            # Tier configurations are the market department's (decision 5).
            roles=("manager", "market_department"),
            ttl_seconds=600,
        )
    try:
        reply = httpx.request(
            method,
            gateway.rstrip("/") + path,
            json=body,
            headers={"Authorization": f"Bearer {token}"},
            timeout=120,
        )
    except httpx.HTTPError as exc:
        err.print(f"cannot reach the gateway at {gateway}: {exc}")
        raise typer.Exit(2) from exc
    if reply.status_code >= 400:
        problem = reply.json() if reply.headers.get("content-type", "").endswith("json") else {}
        err.print(f"[red]{reply.status_code}[/red] {problem.get('detail') or reply.text}")
        raise typer.Exit(1)
    return reply.json()


def _print_evaluation(evaluation: dict[str, Any], title: str) -> None:
    table = Table(title=title)
    for column in ("from", "to", "customers", "examples"):
        table.add_column(column)
    for move in evaluation.get("migrations", []):
        examples = ", ".join(move.get("customers", [])[:3])
        table.add_row(move.get("from_tier") or "-", move.get("to_tier") or "-",
                      str(move.get("count", 0)), examples)  # fmt: skip
    out.print(table)
    counts = ", ".join(f"{t}: {n}" for t, n in evaluation.get("tier_counts", {}).items())
    out.print(f"{evaluation.get('customers_evaluated', 0)} customers evaluated; tiers {counts}")
    for failure in evaluation.get("plugin_failures", []):
        out.print(
            f"[yellow]plugin {failure['plugin']}[/yellow] ({failure['hook']}) failed for "
            f"{failure.get('customer_count', 0)} customer(s): {failure['reason']}"
        )


@app.command("what-if")
def what_if(
    threshold: Threshold = None,
    weight: Weight = None,
    plugin: Plugin = None,
    pack: Pack = None,
    gateway: Gateway = DEFAULT_GATEWAY,
    token: Token = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    region: Region = "cn-south",
    employee: Employee = "e-1001",
    as_json: AsJson = False,
) -> None:
    """Show the tier migrations a candidate configuration would cause; nothing changes. With
    --pack, under those installed packs: a region's pack switch, and the policies it brings."""
    body = {"configuration": _configuration(threshold, weight, plugin), "packs": pack or []}
    found = _call("POST", "/v1/tierConfiguration:evaluate", gateway, token, data_dir, region,
                  employee, body)  # fmt: skip
    if as_json:
        print(json.dumps(found))
        return
    _print_evaluation(found, "What-if: tier migrations (not applied)")
    if pack:
        out.print(_policy_table(found.get("tier_policies", []), f"Policies with {', '.join(pack)}"))


@app.command()
def apply(
    threshold: Threshold = None,
    weight: Weight = None,
    plugin: Plugin = None,
    expected_revision: Annotated[
        int, typer.Option(help="The revision you read; refused if another was applied")
    ] = 0,
    gateway: Gateway = DEFAULT_GATEWAY,
    token: Token = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    region: Region = "cn-south",
    employee: Employee = "e-1001",
    as_json: AsJson = False,
) -> None:
    """Apply a configuration and re-tier the region's portfolio with it."""
    body = {
        "configuration": _configuration(threshold, weight, plugin),
        "expected_revision": expected_revision,
    }
    found = _call("POST", "/v1/tierConfiguration:apply", gateway, token, data_dir, region,
                  employee, body)  # fmt: skip
    if as_json:
        print(json.dumps(found))
    else:
        _print_evaluation(found, "Applied: tier migrations")


@app.command()
def explain(
    customer_id: Annotated[str, typer.Argument(help="The customer's id")],
    gateway: Gateway = DEFAULT_GATEWAY,
    token: Token = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    region: Region = "cn-south",
    employee: Employee = "e-1001",
) -> None:
    """Why a customer is in its tier: every component and the plugin that gave it."""
    found = _call("GET", f"/v1/customers/{customer_id}/tierAssignment:explain", gateway, token,
                  data_dir, region, employee)  # fmt: skip
    assignment = found.get("tier_assignment", {})
    out.print(
        f"tier {assignment.get('tier', '-')} (score {assignment.get('value_score', 0):.1f}, "
        f"assigned by {found.get('assigned_by_plugin', '-')})"
    )
    table = Table()
    for column in ("dimension", "value", "weight", "plugin", "why"):
        table.add_column(column)
    for c in found.get("components", []):
        table.add_row(c["dimension"], f"{c.get('value', 0):g}",
                      f"{c.get('effective_weight', 0):.2f}", c.get("plugin", ""),
                      c.get("explanation", ""))  # fmt: skip
    out.print(table)


@app.command()
def policies(
    gateway: Gateway = DEFAULT_GATEWAY,
    token: Token = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    region: Region = "cn-south",
    employee: Employee = "e-1001",
) -> None:
    """What each tier is owed, highest tier first."""
    found = _call("GET", "/v1/tierPolicies", gateway, token, data_dir, region, employee)
    out.print(_policy_table(found.get("tier_policies", [])))


def _policy_table(policies: list[dict[str, Any]], title: str | None = None) -> Table:
    table = Table(title=title)
    for column in ("tier", "reception", "response", "survey every", "review every",
                   "contact cadences", "plugin"):  # fmt: skip
        table.add_column(column)
    for p in policies:
        table.add_row(
            p["tier"],
            p.get("reception_standard", ""),
            _hours(p.get("service_response_time")),
            _days(p.get("survey_interval")),
            _days(p.get("review_interval")),
            _cadences(p),
            p.get("plugin", ""),
        )
    return table


def _days(duration: str | None) -> str:
    """ "2592000s" (a protobuf Duration in JSON) → "30d"."""
    return f"{int(float(duration.rstrip('s'))) // 86_400}d" if duration else ""


def _hours(duration: str | None) -> str:
    """ "14400s" → "4h"."""
    return f"{int(float(duration.rstrip('s'))) // 3600}h" if duration else ""


def _cadences(policy: dict[str, Any]) -> str:
    return ", ".join(
        f"{c['role']} {c.get('minimum_contacts', 1)}× per {_days(c.get('interval'))}"
        for c in policy.get("contact_cadences", [])
    )
