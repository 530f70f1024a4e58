"""A live Excel book (an ``xlwings.Book``) as the checker's input and as a marking target.

The same checker reads it (as ``BookData``) and the same marking pieces as for files
(``xltools.mark.common``) mark it: fills, notes, a first sheet 检查结果 with links to the cells,
and the metadata that lets 清除标记 remove exactly what 检查 added.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from openpyxl.utils import get_column_letter

from xltools.forms.spec import Sheet
from xltools.mark.common import (
    ACCEPTED_TITLE,
    AUTHOR,
    FILLS,
    LINE_HEIGHT,
    META_COL,
    META_ROW,
    PAGE_FOOTER,
    RESULT_HEADERS,
    RESULT_SHEET,
    RESULT_WIDTHS,
    by_cell,
    finding_row,
    link_target,
    meta_chunks,
    note_text,
    page_header_sections,
    parse_meta,
    result_rows,
    result_title,
    unit_names,
    worst,
    wrapped_lines,
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

    def mark(self, findings: Sequence[Finding], title: str, units: Sequence[str] | None = None,
             checked: dt.date | None = None) -> int:
        """Mark every flagged cell and add the 检查结果 sheet; returns the number of cells marked.

        ``units`` ("单位名称：…") and ``checked`` head the sheet and its printed pages, as on a marked
        file; by default the names are read from the forms recognised in the book and the date is today."""
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
        units = list(units) if units is not None else self._units()
        self._results_sheet(findings, title, meta, units, checked or dt.date.today())
        return len(grouped)

    def _units(self) -> list[str]:
        """The unit and project names of the forms in the book, for the sheet's title and page header."""
        from xltools.recognize import recognize

        try:
            data = book_data(self.book, skip=[s.name for s in self.book.sheets if s.name.startswith(RESULT_SHEET)])
            return unit_names(recognize(data), data)
        except Exception:  # noqa: BLE001 -- the names are a courtesy on the printout: marking goes on without them
            return []

    def _results_sheet(self, findings: Sequence[Finding], title: str, meta: dict, units: Sequence[str],
                       checked: dt.date) -> None:
        sheet = self.book.sheets.add(RESULT_SHEET, before=self.book.sheets[0])
        heading = result_title(findings, title, units, checked)
        rows: list[list[object]] = [[heading] + [None] * 7, list(RESULT_HEADERS)]
        coloured: list[tuple[int, str]] = []  # (sheet row, severity) of the counted findings
        for entry in result_rows(findings):
            if entry is None:
                rows.append([ACCEPTED_TITLE] + [None] * 7)  # accepted exceptions apart, as on a marked file
                continue
            n, f = entry
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
        self._for_printing(sheet, heading, len(rows))
        page_setup = excel_page_setup(sheet)
        if page_setup is not None:
            print_setup(page_setup, title, units, checked, len(rows))
        chunks = meta_chunks(meta)
        sheet[f"{META_COL}{META_ROW}"].value = [[chunk] for chunk in chunks]
        sheet[f"{META_COL}:{META_COL}"].columns.hidden = True

    @staticmethod
    def _for_printing(sheet, heading: str, last_row: int) -> None:  # sheet: an xlwings Sheet
        """What every engine can do: the title across the table, wrapped text at the top of its cell, rows
        as high as their text (the merged title's height is set: Excel does not autofit merged cells),
        and the print area (the table, not the hidden metadata far below)."""
        last = get_column_letter(len(RESULT_HEADERS))
        sheet[f"A1:{last}1"].merge()
        table = sheet[f"A1:{last}{last_row}"]
        table.wrap_text = True
        table.vertical_alignment = "top"
        sheet[f"A1:{last}2"].font.bold = True
        sheet["1:1"].row_height = LINE_HEIGHT * wrapped_lines(heading, sum(RESULT_WIDTHS)) + 3
        sheet[f"A2:{last}{last_row}"].rows.autofit()
        sheet.page_setup.print_area = f"$A$1:${last}${last_row}"

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


# ---- printing in real Excel: PageSetup through COM ------------------------------------------------

XL_PAPER_A4, XL_LANDSCAPE = 9, 2
MARGINS_POINTS = {"LeftMargin": 28.8, "RightMargin": 28.8, "TopMargin": 54.0, "BottomMargin": 54.0,
                  "HeaderMargin": 21.6, "FooterMargin": 21.6}  # as on a marked file: 0.4, 0.75 and 0.3 inch


def excel_page_setup(sheet):  # an xlwings Sheet; a COM PageSetup or None
    """Excel's PageSetup object for the sheet on Windows; None where there is none to reach the same way
    (xlwings' JSON engine, whose ``api`` is the sheet's data; macOS, whose ``api`` speaks AppleScript)."""
    try:
        api = sheet.api
        return None if isinstance(api, (dict, list)) else getattr(api, "PageSetup", None)
    except Exception:  # noqa: BLE001 -- an engine without ``api`` raises NotImplementedError; others their own
        return None


def print_setup(page_setup, file_name: str, units: Sequence[str], checked: dt.date,  # page_setup: Excel's COM PageSetup
                last_row: int) -> list[str]:
    """Print the 检查结果 sheet as a marked file's prints: A4 landscape, one page wide, the header row on
    every page, unit, file and date in the page header, page numbers in the footer. Returns the
    properties Excel refused (it refuses some when no printer is installed): the rest are still set."""
    left, centre, right = page_header_sections(file_name, units, checked)
    last = get_column_letter(len(RESULT_HEADERS))
    settings: list[tuple[str, object]] = [
        ("PaperSize", XL_PAPER_A4), ("Orientation", XL_LANDSCAPE),
        ("Zoom", False), ("FitToPagesWide", 1), ("FitToPagesTall", False),  # Zoom off first: fit-to-page needs it
        ("PrintTitleRows", "$2:$2"), ("PrintArea", f"$A$1:${last}${last_row}"),
        ("LeftHeader", left), ("CenterHeader", centre), ("RightHeader", right), ("CenterFooter", PAGE_FOOTER),
        ("CenterHorizontally", True), *MARGINS_POINTS.items()]
    refused = []
    for name, value in settings:
        try:
            setattr(page_setup, name, value)
        except Exception:  # noqa: BLE001 -- a COM error: the printout is a courtesy, the marks are written anyway
            refused.append(name)
    return refused


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
