"""Property-based requests from the gateway's OpenAPI document (schemathesis) against the real
platform (archive, insight, gateway as processes, demo data): no request gets a 5xx, and
every answer has a status, media type and body the document promises (problem details for
errors).

Each operation gets generated paths, queries, headers and bodies, valid and invalid, with the
demo account manager's token: once with generated path parameters, and once with the path
pointing at real demo records (a customer with its chart, a person, an employee), so that the
generated queries and bodies reach the services' rules instead of stopping at a bad name.
"""

from __future__ import annotations

import os

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Flaky
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# The whole platform starts in the first test of the module: more than the default limit.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

# No 5xx; and every answer is one the document promises: its status, media type and schema.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = int(os.environ.get("MCR_FUZZ_EXAMPLES", "25"))
answers: list[str] = []  # every 5xx with its body, however Hypothesis later reports it
ONLY = os.environ.get("MCR_FUZZ_ONLY", "")  # a part of the operations' labels, to dig into one


def explained(exc: BaseException) -> str:
    """The failure with the causes Hypothesis groups under it (a flaky one hides them)."""
    parts = [f"{type(exc).__name__}: {exc}"]
    for inner in getattr(exc, "exceptions", ()):
        parts.append(explained(inner))
    if exc.__cause__ is not None and not str(exc):
        parts.append(explained(exc.__cause__))
    return "\n".join(parts)[:3000]


def fuzz(operation, session, headers: dict[str, str], path: dict[str, str], seen: dict) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,  # the same requests every run: a failure reproduces
        database=None,
    )
    def one_request(case) -> None:
        if path and case.path_parameters:
            case.path_parameters = {k: path.get(k, v) for k, v in case.path_parameters.items()}
        response = case.call(headers=headers, session=session)
        seen[response.status_code] = seen.get(response.status_code, 0) + 1
        if response.status_code >= 500:
            answers.append(f"{case.method} {response.request.url}: {response.status_code} "
                           f"{response.text[:500]}")  # fmt: skip
        case.validate_response(response, checks=CHECKS)

    one_request()


def demo_records(platform) -> dict[str, str]:
    customers = platform.get("/v1/customers", page_size=1000)["customers"]
    charted = next(c for c in customers if c["display_name"] == "南海电信广东分公司")
    person = platform.get(f"/v1/customers/{charted['id']}/persons")["persons"][0]
    department = platform.get(f"/v1/customers/{charted['id']}/departments")["departments"][0]
    return {
        "customer_id": charted["id"],
        "person_id": person["name"].rsplit("/", 1)[1],
        "department_id": department["name"].rsplit("/", 1)[1],
        "employee_id": "e-1001",
        "record": charted["name"],
        "year": "2025",
    }


def test_no_operation_answers_5xx(platform):
    schema = schemathesis.openapi.from_url(f"{platform.url}/openapi.json")
    headers = {"Authorization": f"Bearer {platform.token('owner')}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    operations = [operation for operation in operations if ONLY in operation.label]
    # Deletes last, so the real records are there for every other operation first.
    operations.sort(key=lambda operation: operation.method.upper() == "DELETE")
    assert ONLY or len(operations) >= 20  # the whole API was read, not an empty document
    failures, seen = {}, {}
    with requests.Session() as session:
        for path in ({}, demo_records(platform)):
            for operation in operations:
                try:
                    fuzz(operation, session, headers, path, seen)
                except Flaky:
                    # Schemathesis's strategies are not always replayable (Hypothesis then
                    # reports them "flaky"); every 5xx is in `answers` all the same.
                    continue
                except Exception as exc:  # every failing operation is reported, not the first
                    failures[f"{operation.label} {path and '(demo records)'}"] = explained(exc)
    assert not answers and not failures, "\n".join(answers) + "\n\n".join(
        f"{label}\n{error}" for label, error in failures.items()
    )
    if not ONLY:
        assert {200, 201, 400, 404} <= set(seen)  # the requests reached past validation
