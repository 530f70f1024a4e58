"""Write placed sheet specs into an openpyxl workbook with the official look."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.worksheet import Worksheet

from xltools.forms.spec import Cell, Row, Sheet
from xltools.render.layout import Layout, Placed, cell_value, place, resolve

TITLE_FONT = Font(name="宋体", size=16, bold=True)
HEADER_FONT = Font(name="宋体", size=10.5, bold=True)
BODY_FONT = Font(name="仿宋", size=10.5)
NOTE_FONT = Font(name="仿宋", size=10)
INPUT_FILL = PatternFill("solid", fgColor="FFF8E1")
ALERT_FILL = PatternFill("solid", fgColor="FFC7CE")
ALERT_FONT = Font(color="9C0006", bold=True)
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
NUMBER_FORMATS = {
    "money": "#,##0.00",
    "rate": "0.00%",
    "score": "0.00",
    "points": 'General"分"',
    "percent_number": "0.00",
    "int": "0",
    "text": "@",
}
FIXED_TIME = dt.datetime(2026, 1, 1)
A4 = 9
DEFAULT_ROW_HEIGHT = 20
LINE_HEIGHT = 14  # points per line of 10.5-point text


def render_workbook(sheets: Sequence[Sheet]) -> tuple[Workbook, dict[str, Layout]]:
    """Lay out every sheet first, so formulas may refer across sheets, then write them."""
    layouts = {sheet.title: place(sheet) for sheet in sheets}
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "xltools"
    wb.properties.created = FIXED_TIME
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title)
        write_sheet(ws, layouts[sheet.title], layouts)
    return wb, layouts


def save(wb: Workbook, path: Path, reproducible: bool = False) -> None:
    """Save whole or not at all (``xltools.outputs``); ``reproducible`` pins every timestamp so the
    same spec gives the same bytes."""
    from xltools.outputs import write_bytes, write_with

    if reproducible:
        buffer = io.BytesIO()
        wb.save(buffer)
        write_bytes(path, _pin_timestamps(buffer.getvalue()))
    else:
        write_with(path, wb.save)


def _pin_timestamps(package: bytes) -> bytes:
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, content)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6]), content,
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def write_sheet(ws: Worksheet, layout: Layout, others: Mapping[str, Layout]) -> None:
    sheet = layout.sheet
    for i, width in enumerate(sheet.widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    lines = _text_lines(layout, others)
    for row in sheet.rows:
        number = layout.row_numbers[row.name]
        if row.height is None and grows_with_text(row):
            height = max(DEFAULT_ROW_HEIGHT, LINE_HEIGHT * lines.get(row.name, 1) + 4)
            ws.row_dimensions[number] = FittedRow(ws, index=number, ht=height)
            continue
        height = row.height or (DEFAULT_ROW_HEIGHT if row.boxed else None)
        if height:
            ws.row_dimensions[number].height = height
    validations: dict[tuple, DataValidation] = {}
    for placed in layout.placed:
        _write_cell(ws, placed, layout, others)
        _add_checks(ws, placed, layout, others)
        _add_validation(ws, placed, layout, others, validations)
    for dv in validations.values():
        ws.add_data_validation(dv)
    _page_setup(ws, layout)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.formatCells = False


class FittedRow(RowDimension):
    """A row height as a spreadsheet program stores one it fitted to the text (``ht`` without
    ``customHeight``): shown at that height, and grown again by Excel and WPS when the text changes.
    A fixed height (``customHeight``) would cut off a longer 偏差原因 on screen and on paper."""

    @property
    def customHeight(self) -> bool:  # noqa: N802 -- openpyxl's attribute name
        return False


def _text_lines(layout: Layout, others: Mapping[str, Layout]) -> dict[str, int]:
    """Per row, the lines its longest text needs in its column (known when a form is filled by xltools)."""
    widths = layout.sheet.widths
    lines: dict[str, int] = {}
    for placed in layout.placed:
        cell = placed.cell
        if cell.role not in ("input", "label") or cell.vspan != 1:
            continue
        value = cell_value(placed, layout, others)
        if not isinstance(value, str) or value.startswith("="):
            continue
        width = sum(widths[placed.col - 1:placed.last_col])
        lines[placed.row_name] = max(lines.get(placed.row_name, 1), wrapped_lines(value, width))
    return lines


def wrapped_lines(text: str, width: float) -> int:
    """Lines a wrapped text needs in a column ``width`` characters wide (a Chinese character is two)."""
    usable = max(width - 1, 2)
    total = 0
    for part in text.split("\n"):
        columns = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1.1 for ch in part)
        total += max(1, math.ceil(columns / usable))
    return total


def grows_with_text(row: Row) -> bool:
    """A row where people type sentences (三级指标, 指标值, 偏差原因…) into a cell of its own: its
    height follows the text. (A spreadsheet program does not fit a row to a merged cell's text:
    rows whose text box spans several columns keep the height their form gives them.)"""
    return any(c.role == "input" and c.fmt in (None, "text") and c.span == 1 and c.vspan == 1 for c in row.cells)


def _write_cell(ws: Worksheet, placed: Placed, layout: Layout, others: Mapping[str, Layout]) -> None:
    cell = placed.cell
    target = ws.cell(row=placed.row, column=placed.col)
    value = cell_value(placed, layout, others)
    if value is not None:
        target.value = value
    target.font = _font(cell)
    target.alignment = _alignment(cell)
    if cell.fmt:
        target.number_format = NUMBER_FORMATS[cell.fmt]
    if cell.role == "input":
        target.fill = INPUT_FILL
        target.protection = Protection(locked=False)
    if placed.boxed:
        for r in range(placed.row, placed.last_row + 1):
            for c in range(placed.col, placed.last_col + 1):
                ws.cell(row=r, column=c).border = BOX
    if cell.span > 1 or cell.vspan > 1:
        ws.merge_cells(start_row=placed.row, start_column=placed.col,
                       end_row=placed.last_row, end_column=placed.last_col)


def _font(cell: Cell) -> Font:
    return {"title": TITLE_FONT, "header": HEADER_FONT, "note": NOTE_FONT}.get(cell.role, BODY_FONT)


def _alignment(cell: Cell) -> Alignment:
    if cell.align:
        horizontal = cell.align
    elif cell.role in ("title", "header", "label"):
        horizontal = "center"
    elif cell.fmt in ("money", "rate", "score", "points", "percent_number", "int"):
        horizontal = "right"
    else:
        horizontal = "left"
    return Alignment(horizontal=horizontal, vertical="center", wrap_text=True)


def _add_checks(ws: Worksheet, placed: Placed, layout: Layout, others: Mapping[str, Layout]) -> None:
    for check in placed.cell.checks:
        formula = resolve(check.formula, layout, placed.row_name, others)
        ws.conditional_formatting.add(
            placed.address, FormulaRule(formula=[formula], fill=ALERT_FILL, font=ALERT_FONT, stopIfTrue=False))


def _add_validation(ws: Worksheet, placed: Placed, layout: Layout, others: Mapping[str, Layout],
                    validations: dict[tuple, DataValidation]) -> None:
    v = placed.cell.validation
    if v is None:
        return
    f1 = resolve(v.formula1, layout, placed.row_name, others) if v.formula1 else None
    f2 = resolve(v.formula2, layout, placed.row_name, others) if v.formula2 else None
    relative = v.formula1 != f1 or v.formula2 != f2
    # Validations that refer to other cells are per cell; constant ones share one object.
    key = (v, placed.address) if relative else (v,)
    dv = validations.get(key)
    if dv is None:
        dv = DataValidation(type=v.kind, operator=v.operator, formula1=f1, formula2=f2,
                            allow_blank=True, showErrorMessage=True, showInputMessage=bool(v.prompt),
                            promptTitle="提示" if v.prompt else None, prompt=v.prompt or None,
                            errorTitle="输入有误", error=v.error or None)
        validations[key] = dv
    dv.add(placed.address)


def _page_setup(ws: Worksheet, layout: Layout) -> None:
    sheet = layout.sheet
    ws.page_setup.paperSize = A4
    ws.page_setup.orientation = "landscape" if sheet.landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    last_col = get_column_letter(len(sheet.widths))
    last_row = max(p.last_row for p in layout.placed)
    ws.print_area = f"A1:{last_col}{last_row}"
    if sheet.repeat_rows:
        first, last = (layout.row_numbers[name] for name in sheet.repeat_rows)
        ws.print_title_rows = f"{first}:{last}"
    if sheet.freeze:
        row_name, cols = sheet.freeze
        ws.freeze_panes = f"{get_column_letter(cols + 1)}{layout.row_numbers[row_name] + 1}"
