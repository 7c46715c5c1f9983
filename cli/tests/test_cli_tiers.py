"""`mcr tiers what-if / apply / explain / policies` against the platform `mcr up --demo` runs,
found from its run state (no --gateway: `mcr up` may have moved the gateway off port 8080)."""

from __future__ import annotations

import json

import pytest

# The first test here may start the session's `mcr up --demo` (demo_platform).
pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def names(demo_platform) -> dict[str, str]:
    """The cn-south demo customers' ids by display name."""
    return {c["display_name"]: c["id"] for c in demo_platform.customers()}


def lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines()]


@pytest.mark.slow
def test_what_if_lists_tiers_highest_first_with_names_and_says_why_it_is_empty(demo_platform):
    unchanged = demo_platform.mcr("tiers", "what-if")
    assert unchanged.returncode == 0, unchanged.stderr
    [summary] = [line for line in lines(unchanged.stdout) if "customers evaluated" in line]
    assert summary.startswith("6 customers evaluated; per tier, highest first: S ")
    order = [part.split()[0] for part in summary.split(": ", 1)[1].split(", ")]
    assert order == ["S", "A", "B", "C"]
    assert "Nothing would move: all 6 customers keep their tier." in unchanged.stdout

    strict = demo_platform.mcr("tiers", "what-if", "--threshold", "S=99.5", "--threshold", "A=99")
    assert strict.returncode == 0, strict.stderr
    moves = [line for line in lines(strict.stdout) if line.startswith("│ S ") or
             line.startswith("│ A ")]  # fmt: skip
    assert moves and all("│ B │" in line for line in moves)  # S and A first, all down to B
    assert "南海电信集团" in strict.stdout and "customers/" not in strict.stdout
    # Each move's customers on one line, however wide (never folded at 80 columns).
    assert any(line.count("南海电信") >= 2 for line in strict.stdout.splitlines())

    nobody = demo_platform.mcr("tiers", "what-if", "--region", "sa-east")  # no customers
    assert nobody.returncode == 0, nobody.stderr
    assert "0 customers evaluated" in nobody.stdout
    assert "The table is empty: no customer of the region is tiered yet" in nobody.stdout


@pytest.mark.slow
def test_what_if_of_a_pack_switch_and_refusals(demo_platform):
    found = demo_platform.mcr("tiers", "what-if", "--pack", "finance", "--json")
    assert found.returncode == 0, found.stderr
    switched = json.loads(found.stdout)
    assert switched["packs"] == ["finance"] and not switched.get("applied", False)
    shown = demo_platform.mcr("tiers", "what-if", "--pack", "finance")
    assert "Policies with finance" in shown.stdout

    unknown = demo_platform.mcr("tiers", "what-if", "--pack", "telekom")
    assert unknown.returncode == 1 and "telekom" in unknown.stderr
    bad_tier = demo_platform.mcr("tiers", "what-if", "--threshold", "Z=10")
    assert bad_tier.returncode == 1 and "configuration.thresholds[0].tier" in bad_tier.stderr
    no_number = demo_platform.mcr("tiers", "what-if", "--threshold", "S")
    assert no_number.returncode == 2 and "NAME=NUMBER" in no_number.stderr
    for refused in (unknown, bad_tier, no_number):
        assert "Traceback" not in refused.stderr


@pytest.mark.slow
def test_explain_takes_an_id_a_resource_name_or_a_unique_display_name(demo_platform, names):
    bank = names["岭南商业银行"]
    for given in (bank, f"customers/{bank}", "岭南商业银行", "  岭南商业银行 "):
        explained = demo_platform.mcr("tiers", "explain", given)
        assert explained.returncode == 0, explained.stderr
        assert f"岭南商业银行 (customers/{bank}): tier " in explained.stdout
        assert "industry_potential" in explained.stdout

    several = demo_platform.mcr("tiers", "explain", "南海")
    assert several.returncode == 1
    assert "no customer you can see has the name '南海'; names containing it:" in several.stderr
    assert f"南海电信集团 (customers/{names['南海电信集团']})" in several.stderr
    unknown = demo_platform.mcr("tiers", "explain", "customers/0000")
    assert (unknown.returncode, unknown.stderr.strip()) == (
        1, "no customer customers/0000 that you can see"
    )  # fmt: skip
    eu_only = demo_platform.mcr("tiers", "explain", "Rheinland Energie AG")  # another region's
    assert "no customer you can see has the name 'Rheinland Energie AG'" in eu_only.stderr


@pytest.mark.slow
def test_apply_then_back_and_the_policies(demo_platform, names):
    strict = ("--threshold", "S=99.5", "--threshold", "A=99")
    applied = demo_platform.mcr("tiers", "apply", *strict, "--json")
    assert applied.returncode == 0, applied.stderr
    assert json.loads(applied.stdout)["applied"] is True
    tier = demo_platform.get(f"/v1/customers/{names['岭南商业银行']}/tierAssignment")["tier"]
    assert tier == "B"
    back = demo_platform.mcr("tiers", "apply")
    assert back.returncode == 0 and "Applied: tier migrations" in back.stdout

    policies = demo_platform.mcr("tiers", "policies")
    assert policies.returncode == 0, policies.stderr
    rows = [line for line in lines(policies.stdout) if line.startswith("│ ")]
    assert [row.split()[1] for row in rows] == ["S", "A", "B", "C"]
    assert "telecom" in policies.stdout  # the pack `mcr up --pack telecom` activated
