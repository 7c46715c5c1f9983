"""The authorization matrix over REST: every route of the gateway's OpenAPI document
(`/openapi.json` of the running gateway) whose path names one of the demo account manager's
records, called by the gRPC matrix's callers (owner, same-unit peer, sibling-unit peer, manager,
another region, no token, the owner without a role), reads and writes, on the platform of `mcr
up --demo` as processes, once on SQLite and once on PostgreSQL (`matrix_kit`, shared with
`test_authorization_matrix.py`).

The routes, their path parameters and their methods come from the document, so a new route is
in the matrix without anyone listing it; the owner's ids are found through the API.

What may happen (decision 11, the role table of `mcr_core.auth.permissions`):
- no token: 401;
- the owner without a role: no 2xx write (403, or the bad input every caller is refused for);
- a peer or another region: no 2xx write; no 2xx read carrying the owner's ids; otherwise 404
  or 403, or the answer the owner got too (bad input is bad for everyone);
- the owner and the manager: never 401 or 403 on reads; the manager never 404 where the owner
  reads.
Writes are asked with an empty body: what a write refuses before anything is looked up is the
same for everyone. The owner's and the manager's own writes are the REST tests' business (the
matrix does not delete the demo's records). Any other answer fails, naming the route and the
caller.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pytest
from matrix_kit import (  # noqa: F401 (matrix_platform: a fixture)
    CALLERS,
    PEERS,
    RECORD_IDS,
    SEES,
    matrix_platform,
    owner_ids_of,
    tokens,
)
from platform_kit import Platform

# Where the rules of the book let a peer see on purpose (as `PEERS_MAY_SEE` of the gRPC matrix).
PEERS_MAY_SEE = {
    "GET /v1/customers/{customer_id}/surveyResults": "R-SAT-5 aggregates",
    "GET /v1/customers/{customer_id}/visitBriefing": "the caller's own view",
}
OWN_IDS = (*RECORD_IDS, "employee_id")
REFUSED = {403, 404}
BAD_INPUT = {400, 409, 412, 422}


@dataclass(frozen=True)
class Route:
    method: str
    template: str
    path: str
    ids: tuple[str, ...]  # the owner's ids the path names

    @property
    def label(self) -> str:
        return f"{self.method} {self.template}"

    @property
    def reads(self) -> bool:
        return self.method == "GET"


def placeholder(parameter: dict) -> str:
    """A value for a path parameter that names none of the owner's records: the schema's
    first enum value or example, else a well-formed unknown."""
    schema = parameter.get("schema", {})
    for options in (schema.get("enum"), [schema.get("example")], [parameter.get("example")]):
        if options and options[0] is not None:
            return str(options[0])
    return "2026" if schema.get("type") == "integer" else "unknown-0"


def matrix_routes(document: dict, ids: dict[str, str]) -> list[Route]:
    """Every route of the document whose path names at least one of the owner's records."""
    routes = []
    for template, operations in document["paths"].items():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            values, named = {}, []
            for parameter in operation.get("parameters", []):
                if parameter["in"] != "path":
                    continue
                name = parameter["name"]
                if name == "record":  # /v1/{record}:history: any record's resource name
                    values[name], named = f"customers/{ids['customer_id']}", [ids["customer_id"]]
                elif name in OWN_IDS and name in ids:
                    values[name] = ids[name]
                    named.append(ids[name])
                else:
                    values[name] = placeholder(parameter)
            if named:
                path = template.format(**values)
                routes.append(Route(method.upper(), template, path, tuple(named)))
    return routes


def judge(
    route: Route, caller: str, status: int, body: str, owner_status: int | None
) -> str | None:
    """What is wrong with `caller`'s answer, or None."""
    if caller == "no token":
        return None if status == 401 else f"{status}, not 401"
    if status >= 500:
        return f"{status}: {body[:200]}"
    ok = 200 <= status < 300
    if caller == "owner without the role":
        return f"{status}: a write without the role" if ok and not route.reads else None
    if caller in SEES:
        if route.reads and status in {401, 403}:
            return f"{status}: the {caller} must see what the owner reads"
        if caller == "manager" and route.reads and status == 404 and owner_status == 200:
            return "404: the manager must see what the owner reads"
        return None
    if caller in PEERS and route.label in PEERS_MAY_SEE:
        return None
    if ok:
        if not route.reads:
            return f"{status}: an unauthorised write succeeded"
        leaked = [i for i in route.ids if i in body]
        return f"{status} leaks {leaked}" if leaked else None
    if status in REFUSED or status == owner_status or status in BAD_INPUT:
        return None
    return f"{status} (the owner got {owner_status})"


def run_matrix(platform: Platform) -> tuple[list[str], int, float]:
    ids = owner_ids_of(platform)
    headers = {
        who: {"Authorization": f"Bearer {token}"} if token else {}
        for who, token in tokens(platform).items()
    }
    problems: list[str] = []
    calls, owner_reads_ok = 0, 0
    with httpx.Client(base_url=platform.url, timeout=30) as client:
        routes = matrix_routes(client.get("/openapi.json").json(), ids)

        def ask(route: Route, who: str) -> httpx.Response:
            nonlocal calls
            calls += 1
            body = {} if route.method in {"POST", "PUT", "PATCH"} else None
            return client.request(route.method, route.path, json=body, headers=headers[who])

        owner_status = {}
        for route in (r for r in routes if r.reads):
            owner_status[route.label] = ask(route, "owner").status_code
            owner_reads_ok += 200 <= owner_status[route.label] < 300
        for route in routes:
            for who in CALLERS:
                if who == "owner" or (who in SEES and not route.reads):
                    continue
                answer = ask(route, who)
                wrong = judge(
                    route, who, answer.status_code, answer.text, owner_status.get(route.label)
                )
                if wrong:
                    problems.append(f"{route.label} as {who}: {wrong}")
        for label, status in owner_status.items():
            if status in {401, 403} or status >= 500:
                problems.append(f"{label} as owner: {status}")
    reads = sum(r.reads for r in routes)
    print(f"REST matrix: {len(routes)} routes, {reads} reads, {owner_reads_ok} read by the owner")
    return problems, calls, owner_reads_ok / reads


@pytest.mark.timeout(900)
def test_the_rest_authorization_matrix(matrix_platform):  # noqa: F811 (the fixture)
    problems, calls, read = run_matrix(matrix_platform)
    assert calls > 500
    assert read > 0.6  # the owner reads most of what is asked: the ids are the right ones
    assert not problems, f"{len(problems)} unexpected answers:\n" + "\n".join(problems)
