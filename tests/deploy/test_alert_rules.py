"""The monitoring each region ships (deploy/components/monitoring): a ServiceMonitor for every
process, alert rules that promtool accepts and whose unit tests pass (each alert fires when it
should, the outbox-stuck one included), runbooks that exist, and dashboards and rules that read
only metrics the platform exports. The custom resources are validated against their own
schemas (the operators' CRDs, as published on npm)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from mcr_cli import deploy

REGIONS = deploy.regions()
MONITORING = deploy.deploy_dir() / "components" / "monitoring"
README = deploy.deploy_dir() / "README.md"
REPOSITORY = deploy.deploy_dir().parent
SCHEMAS = Path(__file__).parent / "crd-schemas"
PROCESSES = {"archive", "insight", "planning", "contact", "satisfaction", "gateway"}


def required(tool: str) -> str:
    """A tool these checks need: CI must have it (scripts/deploy_deps.sh installs it)."""
    found = shutil.which(tool)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is needed here (scripts/deploy_deps.sh installs it)")
        pytest.skip(f"{tool} not installed (scripts/deploy_deps.sh installs it)")
    return found


@pytest.fixture(scope="module", params=REGIONS)
def rendered(request) -> list[dict]:
    return deploy.render(request.param)


def of_kind(objects: list[dict], kind: str) -> list[dict]:
    return [o for o in objects if o["kind"] == kind]


def rule_groups(objects: list[dict]) -> list[dict]:
    [rule] = of_kind(objects, "PrometheusRule")
    return rule["spec"]["groups"]


def alerts(groups: list[dict]) -> list[dict]:
    return [r for g in groups for r in g["rules"] if "alert" in r]


def test_every_process_and_nats_is_scraped(rendered):
    monitors = {m["metadata"]["name"]: m["spec"] for m in of_kind(rendered, "ServiceMonitor")}
    assert set(monitors) == PROCESSES | {"nats"}
    services = of_kind(rendered, "Service")
    for name, spec in monitors.items():
        [endpoint] = spec["endpoints"]
        matching = [
            s
            for s in services
            if spec["selector"]["matchLabels"].items() <= s["metadata"]["labels"].items()
            and endpoint["port"] in {p["name"] for p in s["spec"]["ports"]}
        ]
        assert matching, f"{name}: no Service offers port {endpoint['port']}"


def promtool_files(groups: list[dict], directory: Path) -> Path:
    """The rendered rules as promtool reads them: in full for `check`, and without annotations
    next to the unit tests (they test labels and timing; `check` tests the templates)."""
    (directory / "alerts.full.yaml").write_text(yaml.safe_dump({"groups": groups}))
    bare = [
        {**g, "rules": [{k: v for k, v in r.items() if k != "annotations"} for r in g["rules"]]}
        for g in groups
    ]
    (directory / "alerts.rules.yaml").write_text(yaml.safe_dump({"groups": bare}))
    shutil.copy(MONITORING / "alerts.test.yaml", directory / "alerts.test.yaml")
    return directory


def promtool(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [required("promtool"), *args], cwd=cwd, capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip


def test_the_rules_pass_promtool_and_their_unit_tests(rendered, tmp_path):
    directory = promtool_files(rule_groups(rendered), tmp_path)
    checked = promtool("check", "rules", "alerts.full.yaml", cwd=directory)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    tested = promtool("test", "rules", "alerts.test.yaml", cwd=directory)
    assert tested.returncode == 0, tested.stdout + tested.stderr


def test_every_alert_has_a_unit_test_that_makes_it_fire(rendered):
    tests = yaml.safe_load((MONITORING / "alerts.test.yaml").read_text())["tests"]
    firing = {
        case["alertname"]
        for test in tests
        for case in test.get("alert_rule_test", [])
        if case.get("exp_alerts")
    }
    assert {a["alert"] for a in alerts(rule_groups(rendered))} == firing


def test_a_rule_that_would_not_fire_fails_its_unit_test(rendered, tmp_path):
    """The unit tests can fail: an outbox-stuck threshold of a day misses the stuck outbox."""
    groups = rule_groups(rendered)
    for rule in alerts(groups):
        if rule["alert"] == "MCROutboxStuck":
            rule["expr"] = rule["expr"].replace("> 300", "> 86400")
    tested = promtool("test", "rules", "alerts.test.yaml", cwd=promtool_files(groups, tmp_path))
    assert tested.returncode != 0
    assert "MCROutboxStuck" in tested.stdout + tested.stderr


def runbook_anchors() -> set[str]:
    """The anchors of deploy/README.md's headings, as a Markdown renderer makes them."""
    headings = re.findall(r"^#+ (.+)$", README.read_text(), flags=re.MULTILINE)
    return {re.sub(r"[^a-z0-9 -]", "", h.lower()).strip().replace(" ", "-") for h in headings}


def test_every_alert_links_a_runbook_that_exists(rendered):
    anchors = runbook_anchors()
    for alert in alerts(rule_groups(rendered)):
        url = alert["annotations"]["runbook_url"]
        assert url.endswith(f"README.md#{alert['alert'].lower()}"), url
        assert alert["alert"].lower() in anchors, f"deploy/README.md has no {alert['alert']}"
        assert alert["labels"]["severity"] in ("page", "ticket")
        assert alert["annotations"]["summary"] and alert["annotations"]["description"]


def exported_metrics() -> set[str]:
    """The Prometheus names of the metrics the platform's code defines (instrument name, unit
    and kind, as OpenTelemetry's Prometheus exporter names them), the gateway's HTTP metrics
    (OpenTelemetry's FastAPI instrumentation) and the scrape's own `up`."""
    names = {"up", "http_server_request_duration_seconds"}
    units = {"s": "_seconds", "ms": "_milliseconds"}
    for path in (REPOSITORY / "core" / "src").rglob("*.py"):
        text = path.read_text()
        for kind, name, rest in re.findall(
            r'create_(counter|histogram)\(\s*"(mcr_\w+)"(?=(.{0,200}))', text, flags=re.DOTALL
        ):
            unit = re.search(r'unit="(\w+)"', rest)
            suffix = "_total" if kind == "counter" else units.get(unit and unit.group(1), "")
            names.add(name + suffix)
        for name, unit in re.findall(r'_observe\(\s*"(mcr_\w+)",\s*"([^"]+)"', text):
            names.add(name + units.get(unit, ""))
    return names


def queried_metrics(expr: str) -> set[str]:
    """Metric names an expression reads (identifiers followed by a selector or a range)."""
    without_strings = re.sub(r'"[^"]*"', '""', expr)
    candidates = re.findall(r"\b([a-zA-Z_:][a-zA-Z0-9_:]*)\s*[{\[]", without_strings)
    return {c for c in candidates if c not in ("by", "without", "on", "ignoring")}


def base_name(metric: str) -> str:
    return re.sub(r"_(bucket|count|sum)$", "", metric)


def test_rules_and_dashboards_read_only_what_is_exported(rendered):
    groups = rule_groups(rendered)
    known = exported_metrics() | {r["record"] for g in groups for r in g["rules"] if "record" in r}
    assert {"mcr_outbox_oldest_age_seconds", "mcr_consumer_lag", "mcr_events_handled_total"} <= (
        known
    )  # the scan found the kernel's instruments
    expressions = [r["expr"] for g in groups for r in g["rules"]]
    dashboards = sorted((MONITORING / "dashboards").glob("*.json"))
    assert len(dashboards) >= 2
    for path in dashboards:
        board = json.loads(path.read_text())
        assert board["uid"] and board["title"] and board["panels"]
        expressions += [t["expr"] for p in board["panels"] for t in p.get("targets", [])]
    unknown = {
        metric
        for expr in expressions
        for metric in queried_metrics(expr)
        if base_name(metric) not in {base_name(k) for k in known} and metric not in known
    }
    assert unknown == set()


def test_the_dashboards_ship_as_configmaps_for_grafana(rendered):
    [dashboards] = [
        o
        for o in of_kind(rendered, "ConfigMap")
        if o["metadata"]["name"].startswith("mcr-dashboards")
    ]
    assert dashboards["metadata"]["labels"]["grafana_dashboard"] == "1"
    assert {"mcr-services.json", "mcr-gateway.json"} == set(dashboards["data"])


def validate_custom(objects: list[dict]) -> list[list]:
    node = required("node")
    if not (SCHEMAS / "node_modules").is_dir():
        if os.environ.get("CI"):
            pytest.fail("the CRD schemas are not installed (scripts/deploy_deps.sh: npm ci)")
        pytest.skip("the CRD schemas are not installed (cd tests/deploy/crd-schemas && npm ci)")
    result = subprocess.run(
        [node, "validate.mjs"], input=json.dumps(objects), cwd=SCHEMAS, capture_output=True,
        text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


CUSTOM_KINDS = {"ServiceMonitor", "PrometheusRule", "ExternalSecret", "ScaledObject"}


def test_custom_resources_validate_against_their_schemas(rendered):
    custom = [o for o in rendered if o["kind"] in CUSTOM_KINDS]
    assert {o["kind"] for o in custom} == CUSTOM_KINDS
    results = validate_custom(custom)
    assert len(results) == len(custom)
    assert [r for r in results if r[1] is not None] == []


def test_the_schema_check_refuses_a_broken_custom_resource(rendered):
    [monitor, *_] = of_kind(rendered, "ServiceMonitor")
    broken = json.loads(json.dumps(monitor))
    broken["spec"]["endpoints"][0]["port"] = 9101  # a number where the schema wants a name
    [(_, error)] = validate_custom([broken])
    assert "port" in error
