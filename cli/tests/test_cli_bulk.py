"""`mcr import` and `mcr export` as a user runs them, against the platform `mcr up` runs: every
field the archive has, employees from HR, the refused rows by row and column.

They work in a region of their own (ap-east), so the demo's regions stay as they were for the
other tests of the session."""

from __future__ import annotations

import pytest
from mcr_core.tables import read_rows, write_rows

# The first test here may start the session's `mcr up --demo` (demo_platform).
pytestmark = pytest.mark.timeout(300)

REGION = "ap-east"
HR = ("--employee", "e-3000", "--region", REGION, "--org-unit", f"/{REGION}/hr", "--role", "hr")
MANAGER = ("--employee", "e-3001", "--region", REGION, "--org-unit", f"/{REGION}/enterprise",
           "--role", "account_manager", "--role", "manager")  # fmt: skip
STAFF = [
    {"employee_id": "e-3002", "display_name": "陈伟", "org_unit": f"/{REGION}/enterprise/team-1",
     "job_grade": "14", "manager": "e-3001", "active": "yes"},
    {"employee_id": "e-3001", "display_name": "黄丽", "org_unit": f"/{REGION}/enterprise",
     "job_grade": "18"},
]  # fmt: skip
CUSTOMERS = [
    {"key": "HK-2", "display_name": "香江电讯九龙分公司", "industry": "telecom",
     "parent_group": "HK-1", "annual_revenue": "3,200,000,000", "annual_revenue_currency": "HKD",
     "employee_count": "2,400", "owner": "e-3002"},
    {"key": "HK-1", "display_name": "香江电讯集团", "industry": "telecom", "country_code": "HK",
     "annual_revenue": "41000000000", "annual_revenue_currency": "HKD",
     "employee_count": "18000", "ownership_type": "listed", "lifecycle_state": "active",
     "credit_rating": "B"},
    {"key": "HK-3", "display_name": "", "industry": "telecom"},
    {"key": "HK-4", "display_name": "维港医院", "lifecycle_state": "asleep"},
]  # fmt: skip
PERSONS = [
    {"key": "p-2", "customer_key": "HK-1", "display_name": "何志明", "reports_to": "p-1",
     "decision_roles": "core:boss"},
    {"key": "p-1", "customer_key": "HK-1", "display_name": "梁家辉", "layer": "senior"},
]  # fmt: skip


@pytest.fixture(scope="module")
def tokens(demo_platform) -> dict[str, str]:
    minted = {}
    for who, claims in (("hr", HR), ("manager", MANAGER)):
        printed = demo_platform.mcr("token", *claims)
        assert printed.returncode == 0, printed.stderr
        minted[who] = printed.stdout.strip()
    return minted


@pytest.mark.slow
def test_import_every_field_report_refusals_and_export_back(demo_platform, tokens, tmp_path):
    run = demo_platform.mcr
    staff = tmp_path / "staff.xlsx"
    write_rows(staff, "xlsx", list(STAFF[0]), STAFF)
    as_manager = run("import", "employees", str(staff), MCR_TOKEN=tokens["manager"])
    assert as_manager.returncode == 1, as_manager.stderr
    assert "importing employees is HR's: the token needs the role hr" in as_manager.stderr
    hired = run("import", "employees", str(staff), MCR_TOKEN=tokens["hr"])
    assert hired.returncode == 0, hired.stderr
    # The manager is known from the first call of their token (the refused import above).
    assert "1 were created, 1 updated, 0 unchanged, 0 refused" in hired.stderr

    accounts = tmp_path / "customers.csv"
    write_rows(accounts, "csv", dict.fromkeys(k for row in CUSTOMERS for k in row), CUSTOMERS)
    checked = run("import", "customers", str(accounts), "--dry-run", MCR_TOKEN=tokens["manager"])
    assert checked.returncode == 3, checked.stderr
    assert "2 would be created, 0 updated, 0 unchanged, 2 refused" in checked.stderr
    report = tmp_path / "errors.csv"
    imported = run("import", "customers", str(accounts), "--errors", str(report),
                   MCR_TOKEN=tokens["manager"])  # fmt: skip
    assert imported.returncode == 3, imported.stderr
    refused = {row["row"]: row for _, row in read_rows(report, "csv")}
    assert (refused["4"]["column"], refused["4"]["reason"]) == ("display_name", "is required")
    assert refused["5"]["column"] == "lifecycle_state"
    assert "prospect, active, dormant, closed" in refused["5"]["reason"]
    assert "prospect, active, dormant, closed" in " ".join(imported.stderr.split())

    people = tmp_path / "persons.xlsx"
    write_rows(people, "xlsx", ["key", "customer_key", "display_name", "reports_to",
                                "decision_roles", "layer"], PERSONS)  # fmt: skip
    loaded = run("import", "persons", str(people), MCR_TOKEN=tokens["manager"])
    assert loaded.returncode == 3, loaded.stderr
    said = " ".join(loaded.stderr.split())
    assert "1 were created" in said and "decision_roles" in said
    assert "initiator, user, influencer, decider, approver, buyer, gatekeeper" in said

    out = tmp_path / "out.csv"
    exported = run("export", "customers", str(out), "--customer", "香江电讯九龙分公司",
                   MCR_TOKEN=tokens["manager"])  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    [(_, branch)] = list(read_rows(out, "csv"))
    assert {k: branch[k] for k in ("key", "parent_group", "annual_revenue",
                                   "annual_revenue_currency", "employee_count", "owner",
                                   "region")} == {
        "key": "HK-2", "parent_group": "HK-1", "annual_revenue": "3200000000",
        "annual_revenue_currency": "HKD", "employee_count": "2400", "owner": "e-3002",
        "region": REGION,
    }  # fmt: skip
    everything = tmp_path / "all.xlsx"
    assert run("export", "customers", str(everything), MCR_TOKEN=tokens["manager"]).returncode == 0
    again = run("import", "customers", str(everything), MCR_TOKEN=tokens["manager"])
    assert "0 were created, 0 updated, 2 unchanged, 0 refused" in again.stderr

    unknown = run("export", "persons", str(out), "--customer", "香江", MCR_TOKEN=tokens["manager"])
    assert unknown.returncode == 1
    assert "no customer you can see has the name '香江'; names containing it:" in unknown.stderr
    bad = run("import", "people", str(accounts))
    assert bad.returncode == 2 and "unknown kind 'people'" in bad.stderr
    for result in (as_manager, imported, loaded, exported, unknown, bad):
        assert "Traceback" not in result.stderr
