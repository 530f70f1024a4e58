"""Compute formula values for files saved without cached values, with the ``formulas`` package.

Known limit: ``formulas`` treats numbers stored as text as numbers (ISNUMBER("1") is TRUE),
unlike Excel; the text-number rule still sees the raw cell, so the slip is reported anyway.
"""

from __future__ import annotations

import contextlib
import io
import re
import tempfile
import zipfile
from pathlib import Path

from xltools.outputs import reason
from xltools.workbook.read import BookData, ReadError

KEY = re.compile(r"^'\[(?P<book>[^\]]+)\](?P<sheet>.+)'!(?P<cell>[A-Z]+\d+)$")


def fill_formula_values(book: BookData, data: bytes) -> None:
    """Fill formula cells that have no cached value; ``data`` is the file as it was inspected.

    The bytes already checked are evaluated (from a private temporary copy), never the path
    again: the file on disk may have been replaced since.
    """
    import formulas
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    try:
        with tempfile.TemporaryDirectory(prefix="xltools-eval-") as folder, \
                contextlib.redirect_stderr(io.StringIO()):  # formulas draws a progress bar
            copy = Path(folder) / f"book{book.path.suffix.lower()}"
            copy.write_bytes(_without_external_links(data))
            try:
                solution = formulas.ExcelModel().loads(str(copy)).finish().calculate()
            except Exception:  # noqa: BLE001 -- an unusual formula must not stop the check; blanks stay blank
                return
    except OSError as exc:
        raise ReadError(f"无法读取 {book.path.name}：公式没有保存计算结果，需要代为计算，但无法使用临时文件夹（{reason(exc)}）") from None
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
        if r < sheet.height and c < len(sheet.rows[r]) and sheet.rows[r][c] not in ("", None):
            continue
        cell = value.value[0, 0] if hasattr(value, "value") else value
        if hasattr(cell, "item"):
            cell = cell.item()
        if type(cell).__name__ in ("Token", "XlError"):
            continue
        _grow(sheet.rows, r, c)  # a formula beyond the last value (a total row) has no cell yet
        sheet.rows[r][c] = cell
    book.evaluated = True


def _grow(rows: list[list[object]], r: int, c: int) -> None:
    """Extend the grid to hold (r, c), keeping it rectangular; inspection bounded r and c already."""
    width = max(max((len(row) for row in rows), default=0), c + 1)
    while len(rows) <= r:
        rows.append([])
    for row in rows:
        if len(row) < width:
            row.extend([""] * (width - len(row)))


EXTERNAL_LINK_REL = re.compile(rb"<Relationship\b[^>]*/externalLink\"[^>]*/>")


def _without_external_links(data: bytes) -> bytes:
    """The package without its links to other workbooks: ``formulas`` would open the linked files
    (an external link is never followed; cells computed from one stay blank)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        rels = "xl/_rels/workbook.xml.rels"
        if rels not in source.namelist() or not EXTERNAL_LINK_REL.search(source.read(rels)):
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                if info.filename.startswith("xl/externalLinks/"):
                    continue
                content = source.read(info.filename)
                if info.filename == rels:
                    content = EXTERNAL_LINK_REL.sub(b"", content)
                elif info.filename == "xl/workbook.xml":
                    content = re.sub(rb"<(\w+:)?externalReferences\b.*?</(\w+:)?externalReferences>", b"", content,
                                     flags=re.DOTALL)
                target.writestr(info, content)
        return out.getvalue()
