"""Tabular files for imports and exports: CSV (UTF-8, with or without BOM) and XLSX.

Rows are dictionaries of text cells keyed by the header row; each comes with its row number
in the file (the header is row 1), so an error report can point at it. Both formats are read
and written streaming (openpyxl's read-only and write-only modes): a file of 400,000 rows does
not need to fit in memory as a workbook. XLSX needs the `tables` extra (`mcr-core[tables]`,
openpyxl), which the packages that move files declare; the kernel itself does not need it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMATS = ("csv", "xlsx")


class TableError(ValueError):
    """The file is not a table this module can read (the message says why)."""


def format_of(path: str | Path) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise TableError(f"{path}: use a .csv or .xlsx file")
    return suffix


def read_rows(source: bytes | Path, fmt: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, cells) for every non-empty data row."""
    if fmt == "csv":
        return _read_csv(source)
    if fmt == "xlsx":
        return _read_xlsx(source)
    raise TableError(f"unknown format {fmt!r}: use csv or xlsx")


def _read_csv(source: bytes | Path) -> Iterator[tuple[int, dict[str, str]]]:
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableError(f"the file is not UTF-8 text (byte {exc.start})") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        raise TableError("the file has no header row")
    columns = [c.strip() for c in header]
    for cells in reader:
        if any(cell.strip() for cell in cells):
            if len(cells) > len(columns):
                cells = [*cells[: len(columns)], "|".join(cells[len(columns) :])]
                yield reader.line_num, dict(zip([*columns, ""], cells, strict=False))
            else:
                yield reader.line_num, dict(zip(columns, cells, strict=False))


def _read_xlsx(source: bytes | Path) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        book = load_workbook(
            io.BytesIO(source) if isinstance(source, bytes) else source,
            read_only=True,
            data_only=True,
        )
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise TableError(f"the file is not an XLSX workbook: {exc}") from exc
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None)
        if not header or not any(header):
            raise TableError("the first sheet has no header row")
        columns = [_text(c).strip() for c in header]
        for number, values in enumerate(rows, start=2):
            cells = [_text(v) for v in values]
            if any(cell.strip() for cell in cells):
                yield number, dict(zip(columns, cells, strict=False))
    finally:
        book.close()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def write_rows(
    target: Path | io.IOBase, fmt: str, columns: Iterable[str], rows: Iterable[dict]
) -> int:
    """Write a header and the rows; returns how many rows were written."""
    columns = list(columns)
    count = 0
    if fmt == "csv":
        if isinstance(target, Path):
            with open(target, "w", encoding="utf-8", newline="") as opened:
                return write_rows(opened, fmt, columns, rows)
        writer = csv.writer(target)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(c, "") for c in columns])
            count += 1
        return count
    if fmt != "xlsx":
        raise TableError(f"unknown format {fmt!r}: use csv or xlsx")
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(columns)
    for row in rows:
        sheet.append([_cell(row.get(c, "")) for c in columns])
        count += 1
    book.save(target)
    return count


def _cell(value: object) -> object:
    """A value a worksheet can hold: XML has no place for most control characters, which a
    stored name may still contain (CSV keeps them), so they become U+FFFD there."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value
