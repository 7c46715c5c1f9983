"""CSV and XLSX tables: row numbers for error reports, round trips, clear refusals."""

from __future__ import annotations

import io

import pytest
from mcr_core.tables import TableError, format_of, read_rows, write_rows


def test_csv_rows_keep_their_numbers_and_skip_blank_lines():
    data = '\ufeffkey,display_name\nk1,张伟\n\n,\nk2,"Li, Na"\nk3,a,extra\n'.encode()
    assert list(read_rows(data, "csv")) == [
        (2, {"key": "k1", "display_name": "张伟"}),
        (5, {"key": "k2", "display_name": "Li, Na"}),
        (6, {"key": "k3", "display_name": "a", "": "extra"}),  # a cell without a column
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip(tmp_path, fmt):
    path = tmp_path / f"persons.{fmt}"
    rows = [{"key": "p1", "name": "José Müller", "n": "7"}, {"key": "p2", "name": "王芳"}]
    assert write_rows(path, format_of(path), ["key", "name", "n"], rows) == 2
    assert list(read_rows(path, fmt)) == [
        (2, {"key": "p1", "name": "José Müller", "n": "7"}),
        (3, {"key": "p2", "name": "王芳", "n": ""}),
    ]


def test_refusals_say_why(tmp_path):
    with pytest.raises(TableError, match="UTF-8"):
        list(read_rows("a,b\n\xe9".encode("latin-1"), "csv"))
    with pytest.raises(TableError, match="XLSX"):
        list(read_rows(b"not a workbook", "xlsx"))
    with pytest.raises(TableError, match="header"):
        list(read_rows(b"", "csv"))
    with pytest.raises(TableError, match=r"\.csv or \.xlsx"):
        format_of(tmp_path / "x.txt")


def test_control_characters_that_a_worksheet_cannot_hold_are_replaced():
    buffer = io.BytesIO()
    assert write_rows(buffer, "xlsx", ["name"], [{"name": "南海\x14电信"}]) == 1
    assert [cells["name"] for _, cells in read_rows(buffer.getvalue(), "xlsx")] == [
        "南海\ufffd电信"
    ]
