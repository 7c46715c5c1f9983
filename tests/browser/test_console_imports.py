"""Imports from the console in headless Chromium on the demo data: a CSV of customers uploaded
with its progress bar, the refused row reported in place and as a file to download, the
records created; the export downloaded as XLSX and uploaded again."""

from __future__ import annotations

import uuid

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


def test_a_csv_import_with_its_row_report(console, platform, tmp_path):
    console.sign_in(platform.token("owner"))
    console.go("#/imports")
    console.page.click("#import-form button[type=submit]")  # no file chosen
    assert console.page.get_attribute("#import-form", "data-state") == "invalid"
    assert console.page.inner_text('.field-error[data-for="file"]') == "is required"

    tag = uuid.uuid4().hex[:6]
    names = [f"导入客户甲 {tag}", f"导入客户乙 {tag}", f"导入客户丙 {tag}"]
    rows = [
        "key,display_name,industry,lifecycle_state,employee_count",
        f"I-{tag}-1,{names[0]},telecom,active,1200",
        f"I-{tag}-2,{names[1]},energy,prospect,300",
        f"I-{tag}-3,{names[2]},energy,sleeping,40",
    ]
    path = tmp_path / "customers.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    console.page.select_option("#import-form select[name=kind]", "customers")
    console.page.set_input_files("#import-form input[name=file]", str(path))
    console.page.click("#import-form button[type=submit]")
    console.page.wait_for_selector('#import-form[data-state="done"]', timeout=30_000)
    assert console.page.get_attribute("#import-progress", "value") == "100"
    count = lambda key: console.page.inner_text(f'[data-count="{key}"] .stat-value')  # noqa: E731
    assert (count("created"), count("rejected")) == ("2", "1")
    [error] = console.page.locator("#import-errors tbody tr").all_inner_texts()
    assert error.split("\t")[:2] == ["4", "lifecycle_state"]
    assert "must be one of prospect" in error
    console.screenshot("console-import-report")

    with console.page.expect_download() as downloaded:
        console.page.click("#download-report")
    report = downloaded.value.path().read_text()
    assert report.splitlines()[0] == "row,column,reason"
    assert report.splitlines()[1].startswith("4,lifecycle_state,")

    visible = {
        c["display_name"] for c in platform.get("/v1/customers", page_size=1000)["customers"]
    }
    assert set(names[:2]) <= visible and names[2] not in visible


def test_the_export_uploaded_again_as_xlsx(console, platform, tmp_path):
    console.sign_in(platform.token("owner"))
    console.go("#/imports")
    with console.page.expect_download() as downloaded:
        console.page.click('button[data-export="xlsx"]')
    workbook = tmp_path / "customers.xlsx"
    downloaded.value.save_as(workbook)
    before = len(platform.get("/v1/customers", page_size=1000)["customers"])

    console.page.set_input_files("#import-form input[name=file]", str(workbook))
    console.page.check("#import-form input[name=dry_run]")
    console.page.click("#import-form button[type=submit]")
    console.page.wait_for_selector('#import-form[data-state="done"]', timeout=30_000)
    assert console.page.get_attribute("#import-report", "data-dry-run") == "true"
    count = lambda key: console.page.inner_text(f'[data-count="{key}"] .stat-value')  # noqa: E731
    assert (count("created"), count("rejected")) == ("0", "0")
    assert int(count("unchanged")) + int(count("updated")) == before
    assert len(platform.get("/v1/customers", page_size=1000)["customers"]) == before
