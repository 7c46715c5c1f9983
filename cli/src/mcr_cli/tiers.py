"""`mcr tiers`: a region's tiers through the gateway: what-if, apply, explain, policies.

Each command calls the gateway's REST API: the one `--gateway` names, else the one `mcr up`
runs from `--data-dir`. It calls with `--token` (or MCR_TOKEN), else a development token of a
manager of `--region` minted with the local key of `--data-dir`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mcr_cli.options import DEFAULT_DATA_DIR, DataDir, Gateway, Token, fail, gateway_url

if TYPE_CHECKING:
    import httpx

    from mcr_cli.customers import Customer

app = typer.Typer(
    help="Tiers: what-if, apply, explain, policies.", no_args_is_help=True, rich_markup_mode=None
)

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


class GatewayClient:
    """One command's conversation with the gateway, as one caller."""

    def __init__(self, gateway: str | None, token: str | None, data_dir: Path, region: str,
                 employee: str) -> None:  # fmt: skip
        import httpx

        from mcr_cli.credentials import manager_token

        self.url = gateway_url(data_dir, gateway)
        bearer = token or manager_token(data_dir, region, employee)
        self.client = httpx.Client(
            base_url=self.url, headers={"Authorization": f"Bearer {bearer}"}, timeout=120
        )

    def call(self, method: str, path: str, body: dict | None = None, **params) -> dict[str, Any]:
        return self.checked(self.send(method, path, body, **params))

    def send(self, method: str, path: str, body: dict | None = None, **params) -> httpx.Response:
        import httpx

        try:
            return self.client.request(method, path, json=body, params=params or None)
        except httpx.HTTPError as exc:
            fail(f"cannot reach the gateway at {self.url}: {exc}", 2)

    def customer(self, text: str) -> Customer:
        """The customer `text` names (id, customers/<id> or display name), or a clear exit."""
        from mcr_cli.customers import CustomerNotFound, resolve

        def get(customer_id: str) -> Customer | None:
            reply = self.send("GET", f"/v1/customers/{customer_id}")
            if reply.status_code in (400, 404):
                return None
            return _customer(self.checked(reply))

        def search(name: str) -> list[Customer]:
            found = self.checked(self.send("GET", "/v1/customers:search", query=name,
                                            page_size=50))  # fmt: skip
            return [_customer(c) for c in found.get("customers", [])]

        try:
            return resolve(text, get, search)
        except CustomerNotFound as exc:
            fail(str(exc))

    def names(self) -> dict[str, str]:
        """The display name of every customer the caller sees, by resource name."""
        names, token = {}, ""
        while True:
            page = self.call("GET", "/v1/customers", page_size=1000, page_token=token)
            names |= {c["name"]: c["display_name"] for c in page["customers"]}
            if not (token := page.get("next_page_token")):
                return names

    def checked(self, reply: httpx.Response) -> dict[str, Any]:
        if reply.status_code >= 400:
            fail(f"{reply.status_code} {_problem(reply)}")
        return reply.json()


def _customer(found: dict[str, Any]) -> Customer:
    """A customer as the gateway answers it (the archive's resource, in JSON)."""
    from mcr_cli.customers import Customer

    return Customer(found["name"].removeprefix("customers/"), found["display_name"])


def _problem(reply: httpx.Response) -> str:
    if reply.headers.get("content-type", "").endswith("json"):
        return reply.json().get("detail") or reply.text
    return reply.text


@app.command("what-if")
def what_if(
    threshold: Threshold = None,
    weight: Weight = None,
    plugin: Plugin = None,
    pack: Pack = None,
    gateway: Gateway = None,
    token: Token = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    region: Region = "cn-south",
    employee: Employee = "e-1001",
    as_json: AsJson = False,
) -> None:
    """Show the tier migrations a candidate configuration would cause; nothing changes. With
    --pack, under those installed packs: a region's pack switch, and the policies it brings."""
    api = GatewayClient(gateway, token, data_dir, region, employee)
    body = {"configuration": _configuration(threshold, weight, plugin), "packs": pack or []}
    found = api.call("POST", "/v1/tierConfiguration:evaluate", body)
    if as_json:
        print(json.dumps(found))
        return
    _print_evaluation(found, api.names(), "What-if: tier migrations (not applied)")
    if pack:
        from mcr_cli.output import out

        out.print(_policy_table(found.get("tier_policies", []), f"Policies with {', '.join(pack)}"))


@app.command()
def apply(
    threshold: Threshold = None,
    weight: Weight = None,
    plugin: Plugin = None,
    expected_revision: Annotated[
        int, typer.Option(help="The revision you read; refused if another was applied")
    ] = 0,
    gateway: Gateway = None,
    token: Token = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    region: Region = "cn-south",
    employee: Employee = "e-1001",
    as_json: AsJson = False,
) -> None:
    """Apply a configuration and re-tier the region's portfolio with it."""
    api = GatewayClient(gateway, token, data_dir, region, employee)
    body = {
        "configuration": _configuration(threshold, weight, plugin),
        "expected_revision": expected_revision,
    }
    found = api.call("POST", "/v1/tierConfiguration:apply", body)
    if as_json:
        print(json.dumps(found))
    else:
        _print_evaluation(found, api.names(), "Applied: tier migrations")


@app.command()
def explain(
    customer: Annotated[
        str, typer.Argument(help="The customer: its id, customers/<id>, or its display name")
    ],
    gateway: Gateway = None,
    token: Token = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    region: Region = "cn-south",
    employee: Employee = "e-1001",
) -> None:
    """Why a customer is in its tier: every component and the plugin that gave it."""
    from mcr_cli.output import out, table

    api = GatewayClient(gateway, token, data_dir, region, employee)
    chosen = api.customer(customer)
    reply = api.send("GET", f"/v1/customers/{chosen.id}/tierAssignment:explain")
    if reply.status_code == 404:
        fail(f"{chosen} has no tier yet: insight tiers a customer once the archive announces it")
    found = api.checked(reply)
    assignment = found.get("tier_assignment", {})
    out.print(
        f"{chosen}: tier {assignment.get('tier', '-')} (score "
        f"{assignment.get('value_score', 0):.1f}, assigned by "
        f"{found.get('assigned_by_plugin', '-')})"
    )
    shown = table("dimension", "value", "weight", "plugin", "why")
    for c in found.get("components", []):
        shown.add_row(c["dimension"], f"{c.get('value', 0):g}",
                      f"{c.get('effective_weight', 0):.2f}", c.get("plugin", ""),
                      c.get("explanation", ""))  # fmt: skip
    out.print(shown)


@app.command()
def policies(
    gateway: Gateway = None,
    token: Token = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    region: Region = "cn-south",
    employee: Employee = "e-1001",
) -> None:
    """What each tier is owed, highest tier first."""
    from mcr_cli.output import out

    api = GatewayClient(gateway, token, data_dir, region, employee)
    found = api.call("GET", "/v1/tierPolicies")
    out.print(_policy_table(found.get("tier_policies", [])))


# --- what the answers look like ---------------------------------------------------------------


def tier_order(evaluation: dict[str, Any]) -> list[str]:
    """The tiers highest first, as the configured ladder orders them (its policies come
    highest first), then any other tier the answer names."""
    order = [p["tier"] for p in evaluation.get("tier_policies", [])]
    named = [*evaluation.get("tier_counts", {})]
    for move in evaluation.get("migrations", []):
        named += [move.get("from_tier", ""), move.get("to_tier", "")]
    return order + sorted({t for t in named if t and t not in order})


def _print_evaluation(evaluation: dict[str, Any], names: dict[str, str], title: str) -> None:
    from mcr_cli.output import out, table

    order = tier_order(evaluation)
    rank = {tier: index for index, tier in enumerate(order)}
    moves = sorted(
        evaluation.get("migrations", []),
        key=lambda m: (rank.get(m.get("from_tier"), -1), rank.get(m.get("to_tier"), len(rank))),
    )
    evaluated = evaluation.get("customers_evaluated", 0)
    counts = evaluation.get("tier_counts", {})
    out.print(title)
    out.print(f"{evaluated} customers evaluated; per tier, highest first: "
              + ", ".join(f"{t} {counts.get(t, 0)}" for t in order))  # fmt: skip
    if not evaluated:
        out.print("The table is empty: no customer of the region is tiered yet (insight tiers "
                  "a customer once the archive announces it; load some with `mcr demo` or "
                  "`mcr import customers`).")  # fmt: skip
    elif not moves:
        out.print(f"Nothing would move: all {evaluated} customers keep their tier.")
    else:
        shown = table("from", "to", "customers", "who", "why")
        for move in moves:
            who = [names.get(c, c) for c in move.get("customers", [])]
            more = move.get("count", 0) - len(who)
            shown.add_row(move.get("from_tier") or "(none)", move.get("to_tier") or "-",
                          str(move.get("count", 0)),
                          ", ".join(who) + (f" and {more} more" if more > 0 else ""),
                          "; ".join(move.get("reasons", [])))  # fmt: skip
        out.print(shown)
    for failure in evaluation.get("plugin_failures", []):
        out.print(
            f"plugin {failure['plugin']} ({failure['hook']}) failed for "
            f"{failure.get('customer_count', 0)} customer(s): {failure['reason']}"
        )


def _policy_table(policies: list[dict[str, Any]], title: str | None = None):
    from mcr_cli.output import table

    shown = table("tier", "reception", "response", "survey every", "review every",
                  "contact cadences", "plugin", title=title)  # fmt: skip
    for p in policies:
        shown.add_row(
            p["tier"],
            p.get("reception_standard", ""),
            _hours(p.get("service_response_time")),
            _days(p.get("survey_interval")),
            _days(p.get("review_interval")),
            _cadences(p),
            p.get("plugin", ""),
        )
    return shown


def _days(duration: str | None) -> str:
    """ "2592000s" (a protobuf Duration in JSON) → "30d"."""
    return f"{int(float(duration.rstrip('s'))) // 86_400}d" if duration else ""


def _hours(duration: str | None) -> str:
    """ "14400s" → "4h"."""
    return f"{int(float(duration.rstrip('s'))) // 3600}h" if duration else ""


def _cadences(policy: dict[str, Any]) -> str:
    """Each role's cadence: its ideal and its maximum days between two contacts."""
    return ", ".join(
        f"{c['role']} every {_days(c.get('ideal_interval'))} (at most "
        f"{_days(c.get('max_interval') or c.get('interval'))})"
        if c.get("ideal_interval")
        else f"{c['role']} {c.get('minimum_contacts', 1)}× per {_days(c.get('interval'))}"
        for c in policy.get("contact_cadences", [])
    )
