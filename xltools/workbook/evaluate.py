"""Compute formula values for files saved without cached values, with the ``formulas`` package.

Known limit: ``formulas`` treats numbers stored as text as numbers (ISNUMBER("1") is TRUE),
unlike Excel; the text-number rule still sees the raw cell, so the slip is reported anyway.
"""

from __future__ import annotations

import contextlib
import io
import re

from xltools.workbook.read import BookData

KEY = re.compile(r"^'\[(?P<book>[^\]]+)\](?P<sheet>.+)'!(?P<cell>[A-Z]+\d+)$")


def fill_formula_values(book: BookData) -> None:
    import formulas
    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

    with contextlib.redirect_stderr(io.StringIO()):  # formulas draws a progress bar
        try:
            solution = formulas.ExcelModel().loads(str(book.path)).finish().calculate()
        except Exception:  # an unusual formula must not stop the check; cached blanks stay blank
            return
    by_name = {s.name.upper(): s for s in book.sheets}
    for key, value in solution.items():
        match = KEY.match(key)
        if not match:
            continue
        sheet = by_name.get(match.group("sheet").upper())
        if sheet is None:
            continue
        letters, row = coordinate_from_string(match.group("cell"))
        r, c = row - 1, column_index_from_string(letters) - 1
        if r >= sheet.height or c >= len(sheet.rows[r]) or sheet.rows[r][c] not in ("", None):
            continue
        cell = value.value[0, 0] if hasattr(value, "value") else value
        if hasattr(cell, "item"):
            cell = cell.item()
        if type(cell).__name__ in ("Token", "XlError"):
            continue
        sheet.rows[r][c] = cell
    book.evaluated = True
