"""Sheets as sparse grids, generated workbooks with their expected findings, and writing them.

A generated workbook is plain data (cells, merges, number formats) until it is written, so the
generator stays fast and deterministic and a test can compare two generations cell by cell.
Workbooks are written with openpyxl (values only); a workbook that carries formulas is written
with XlsxWriter instead, because only it stores the cached results Excel would have saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

Cell = tuple[int, int]  # 0-based (row, column)


def a1(r: int, c: int) -> str:
    return f"{get_column_letter(c + 1)}{r + 1}"


@dataclass(frozen=True)
class Formula:
    """A formula cell as a spreadsheet program saves it: the formula and its cached result."""

    text: str
    cached: object


@dataclass
class Sheet:
    name: str
    cells: dict[Cell, object] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    formats: dict[Cell, str] = field(default_factory=dict)

    def put(self, r: int, c: int, value: object, fmt: str | None = None) -> str:
        if value is None or value == "":
            self.cells.pop((r, c), None)
        else:
            self.cells[(r, c)] = value
        if fmt:
            self.formats[(r, c)] = fmt
        return a1(r, c)

    def get(self, r: int, c: int) -> object:
        return self.cells.get((r, c))

    def merge(self, r0: int, c0: int, r1: int, c1: int) -> None:
        """Merge a range; like Excel, only the top-left cell keeps its value."""
        if (r0, c0) == (r1, c1):
            return
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    self.cells.pop((r, c), None)
        self.merges.append((r0, c0, r1, c1))

    @property
    def height(self) -> int:
        return max((r for r, _ in self.cells), default=-1) + 1

    @property
    def width(self) -> int:
        return max((c for _, c in self.cells), default=-1) + 1


@dataclass(frozen=True)
class Expect:
    """A finding the checker must (or may) report.

    ``cells`` lists the acceptable anchor cells (a rule may anchor a table-level finding at one
    of several equally sensible cells); None means anywhere on the sheet (info-level, table-wide
    findings such as "numbers stored as text in this table")."""

    rule: str
    severity: str
    sheet: str
    cells: tuple[str, ...] | None
    what: str

    def matches(self, rule: str, sheet: str, cell: str) -> bool:
        if rule != self.rule or sheet != self.sheet:
            return False
        if self.cells is None:
            return True
        return cell in self.cells or cell.split(":")[0] in self.cells


@dataclass
class Book:
    name: str
    form: str  # national / hubei / hunan / shenzhen / accounts / summary / blank / none
    variations: tuple[str, ...]
    slip: str | None
    sheets: list[Sheet]
    expected: list[Expect] = field(default_factory=list)
    allowed: list[Expect] = field(default_factory=list)  # true findings a rule may add, never required

    @property
    def has_formulas(self) -> bool:
        return any(isinstance(v, Formula) for s in self.sheets for v in s.cells.values())

    def write(self, directory: Path) -> Path:
        path = directory / f"{self.name}.xlsx"
        if self.has_formulas:
            _write_xlsxwriter(self, path)
        else:
            _write_openpyxl(self, path)
        return path


def _write_openpyxl(book: Book, path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for sheet in book.sheets:
        ws = wb.create_sheet(sheet.name)
        for (r, c), value in sheet.cells.items():
            cell = ws.cell(row=r + 1, column=c + 1, value=value)
            fmt = sheet.formats.get((r, c))
            if fmt:
                cell.number_format = fmt
        for r0, c0, r1, c1 in sheet.merges:
            ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    wb.save(path)


def _write_xlsxwriter(book: Book, path: Path) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    formats: dict[str, object] = {}

    def fmt_of(text: str | None):
        if not text:
            return None
        if text not in formats:
            formats[text] = wb.add_format({"num_format": text})
        return formats[text]

    for sheet in book.sheets:
        ws = wb.add_worksheet(sheet.name)
        covered: set[Cell] = set()
        for r0, c0, r1, c1 in sheet.merges:
            value = sheet.cells.get((r0, c0))
            fmt = fmt_of(sheet.formats.get((r0, c0)))
            if isinstance(value, Formula):  # a merged total: merge first, then the formula with its cached value
                ws.merge_range(r0, c0, r1, c1, "", fmt)
                ws.write_formula(r0, c0, value.text, fmt, value.cached)
            else:
                ws.merge_range(r0, c0, r1, c1, "" if value is None else value, fmt)
            covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        for (r, c), value in sheet.cells.items():
            if (r, c) in covered:
                continue
            fmt = fmt_of(sheet.formats.get((r, c)))
            if isinstance(value, Formula):
                ws.write_formula(r, c, value.text, fmt, value.cached)
            elif isinstance(value, str):
                ws.write_string(r, c, value, fmt)
            else:
                ws.write_number(r, c, value, fmt)
    wb.close()
