"""A live Excel book (an ``xlwings.Book``) as the checker's input and as a marking target.

The same checker reads it (as ``BookData``) and the same marking pieces as for files
(``xltools.mark.common``) mark it: fills, notes, a first sheet 检查结果 with links to the cells,
and the metadata that lets 清除标记 remove exactly what 检查 added.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl.utils import get_column_letter

from xltools.forms.spec import Sheet
from xltools.mark.common import (
    ACCEPTED_TITLE,
    AUTHOR,
    FILLS,
    META_COL,
    META_ROW,
    RESULT_HEADERS,
    RESULT_SHEET,
    RESULT_WIDTHS,
    by_cell,
    finding_row,
    in_result_order,
    link_target,
    meta_chunks,
    note_text,
    parse_meta,
    summary_line,
    worst,
)
from xltools.render.layout import cell_value, place
from xltools.render.xlsx import NUMBER_FORMATS
from xltools.rules.base import Finding
from xltools.workbook.notes import Note
from xltools.workbook.read import BookData, SheetData

INPUT_COLOR = "#FFF8E1"


def book_data(book, skip: Sequence[str] = ()) -> BookData:
    """Cell values of every sheet, from A1, as the checker reads files."""
    sheets = []
    for sheet in book.sheets:
        if sheet.name in skip:
            continue
        used = sheet.used_range
        values = used.options(ndim=2).value or [[]]
        r0, c0 = used.row - 1, used.column - 1
        width = c0 + max((len(row) for row in values), default=0)
        rows = [[None] * width for _ in range(r0)] + [[None] * c0 + list(row) for row in values]
        sheets.append(SheetData(sheet.name, rows))
    return BookData(Path(_fullname(book)), sheets)


def _fullname(book) -> str:
    """The book's full name; its bare name when xlwings cannot map a OneDrive/SharePoint address to a
    local file (it raises then)."""
    from xlwings import XlwingsError

    try:
        return str(book.fullname or book.name)
    except XlwingsError:
        return str(book.name)


def saved_path(book) -> Path | None:
    """The workbook's file when it was saved to a folder on this computer; None for a new, unsaved
    book ("工作簿1") or one opened from the web (an https address): those have no settings folder."""
    fullname = _fullname(book)
    if "://" in fullname:
        return None
    path = Path(fullname)
    return path if path.is_absolute() and path.parent.is_dir() else None


def book_notes(book, skip: Sequence[str] = ()) -> list[Note]:
    """The cell notes of the live book, as ``xltools.workbook.notes.read_notes`` gives a file's: the
    reviewer's "xltools:忽略 SE13 原因" notes are read from the book as it is now, saved or not.

    An engine that cannot read a note's text synchronously (xlwings' JSON engine) gives none: then
    no exception is accepted, so nothing is hidden that the reviewer did not see accepted."""
    notes = []
    for sheet in book.sheets:
        if sheet.name in skip:
            continue
        try:
            for note in sheet.notes:
                notes.append(Note(sheet.name, note.location.address.replace("$", ""), note.text or ""))
        except NotImplementedError:
            continue
    return notes


def _read_color(rng) -> str | None:
    """The fill to restore on 清除标记; engines that cannot read fills synchronously report none."""
    try:
        color = rng.color
    except NotImplementedError:
        return None
    if color is None:
        return None
    return "#{:02X}{:02X}{:02X}".format(*color) if isinstance(color, tuple) else str(color)


class LiveMarker:
    def __init__(self, book) -> None:
        self.book = book

    def mark(self, findings: Sequence[Finding], title: str) -> int:
        """Mark every flagged cell and add the 检查结果 sheet; returns the number of cells marked."""
        self.clear()
        names = [s.name for s in self.book.sheets]
        grouped = by_cell(findings, names)
        meta: dict = {"version": 1, "cells": [], "notes": []}
        for (sheet, cell), fs in grouped.items():
            rng = self.book.sheets[sheet][cell]
            meta["cells"].append({"sheet": sheet, "cell": cell, "color": _read_color(rng)})
            rng.color = "#" + FILLS[worst(fs)]
            if rng.note is None:  # the user's own note stays as it is
                rng.add_note(f"{AUTHOR}：{note_text(fs)}")
                meta["notes"].append({"sheet": sheet, "cell": cell})
        self._results_sheet(findings, title, meta)
        return len(grouped)

    def _results_sheet(self, findings: Sequence[Finding], title: str, meta: dict) -> None:
        sheet = self.book.sheets.add(RESULT_SHEET, before=self.book.sheets[0])
        rows: list[list[object]] = [[summary_line(findings, title)] + [None] * 7, list(RESULT_HEADERS)]
        coloured: list[tuple[int, str]] = []  # (sheet row, severity) of the counted findings
        ordered = in_result_order(findings)
        for n, f in enumerate(ordered, start=1):
            if f.accepted and (n == 1 or not ordered[n - 2].accepted):
                rows.append([ACCEPTED_TITLE] + [None] * 7)  # accepted exceptions apart, as on a marked file
            row = finding_row(n, f)
            row[2] = f'=HYPERLINK("#{link_target(f)}","{f.cell}")'
            rows.append(row)
            if not f.accepted:
                coloured.append((len(rows), f.severity))
        sheet["A1"].value = rows
        for i, severity in coloured:
            sheet[f"D{i}"].color = "#" + FILLS[severity]
        for k, width in enumerate(RESULT_WIDTHS, start=1):
            column = get_column_letter(k)
            sheet[f"{column}:{column}"].column_width = width
        chunks = meta_chunks(meta)
        sheet[f"{META_COL}{META_ROW}"].value = [[chunk] for chunk in chunks]
        sheet[f"{META_COL}:{META_COL}"].columns.hidden = True

    def clear(self) -> bool:
        """Remove what ``mark`` added (fills, its notes, the 检查结果 sheet); False when nothing was marked."""
        for sheet in self.book.sheets:
            if not sheet.name.startswith(RESULT_SHEET):
                continue
            chunks = sheet[f"{META_COL}{META_ROW}"].expand("down").options(ndim=1).value or []
            meta = parse_meta([c for c in chunks if isinstance(c, str)])
            if meta is None:
                continue
            names = {s.name for s in self.book.sheets}
            for item in meta["cells"]:
                if item["sheet"] in names:
                    self.book.sheets[item["sheet"]][item["cell"]].color = item["color"]
            for item in meta["notes"]:
                if item["sheet"] in names:
                    note = self.book.sheets[item["sheet"]][item["cell"]].note
                    if note is not None:
                        note.delete()
            sheet.delete()
            return True
        return False


def write_sheet(book, spec: Sheet, before: str | None = None) -> str:
    """Add a sheet from a form spec: values, native formulas, merges, widths, formats, input shading."""
    title = _free_name(book, spec.title)
    target = book.sheets.add(title, before=book.sheets[before] if before else None,
                             after=None if before else book.sheets[-1])
    layout = place(spec)
    height = max(p.last_row for p in layout.placed)
    width = len(spec.widths)
    grid: list[list[object]] = [[None] * width for _ in range(height)]
    for p in layout.placed:
        grid[p.row - 1][p.col - 1] = cell_value(p, layout, {spec.title: layout})
    target["A1"].value = grid
    for k, w in enumerate(spec.widths):
        column = _column(k)
        target[f"{column}:{column}"].column_width = w
    for p in layout.placed:
        rng = target[p.address] if p.cell.span == 1 and p.cell.vspan == 1 else \
            target[f"{p.address}:{_column(p.last_col - 1)}{p.last_row}"]
        if p.cell.span > 1 or p.cell.vspan > 1:
            rng.merge()
        if p.cell.fmt and p.cell.fmt != "text":
            rng.number_format = NUMBER_FORMATS[p.cell.fmt]
        if p.cell.role == "input":
            rng.color = INPUT_COLOR
    return title


def _column(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _free_name(book, name: str) -> str:
    names = {s.name for s in book.sheets}
    candidate, n = name[:31], 1
    while candidate in names:
        n += 1
        suffix = f"({n})"
        candidate = name[: 31 - len(suffix)] + suffix
    return candidate
