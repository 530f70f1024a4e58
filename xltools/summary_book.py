"""The summary workbook (检查汇总.xlsx) a reviewer prints and files, built from a ``Report``'s frames.

Three sheets, each printing on A4 landscape fitted to the page width with its header row
repeated on every page: 文件汇总 (title with the folder and the date, one bordered row per file),
规则统计 (findings per rule split by the severity actually found) and 问题明细 (every finding);
the chart is a sheet of its own, so it prints on a page of its own. Numbers are stored as
numbers, names are Chinese. A custom document property marks the file as xltools' summary so a
later folder run skips it (``xltools.provenance``).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from xltools.api import Report

FONT = "宋体"
TITLE_FONT = "黑体"
SEVERITIES = (("error", "错误", "FFC7CE"), ("warning", "警告", "FFD8A8"), ("info", "提示", "FFF3B0"))
HEADER_FILL = "D9E1F2"
CHART_CELLS = (13, 31)  # columns of width 10 and rows 3..31 of 17 pt: about 25 x 17 cm, A4 landscape
CHART_COLOURS = ("C0504D", "F79646", "E6B800")  # 错误 red, 警告 orange, 提示 yellow: distinct on paper too
LINE_HEIGHT = 14.5  # points per line of 10.5-point text


def write_summary_book(report: Report, path: Path, inputs: Sequence[Path] = ()) -> None:
    from openpyxl import Workbook
    from openpyxl.packaging.custom import StringProperty

    from xltools.outputs import write_with
    from xltools.provenance import SUMMARY_PROPERTY, SUMMARY_VALUE

    findings = report.to_frame()
    files = report.files_frame()
    base = _common_folder([Path(p) for p in files["file"]])
    wb = Workbook()
    wb.custom_doc_props.append(StringProperty(name=SUMMARY_PROPERTY, value=SUMMARY_VALUE))
    _files_sheet(wb.active, files, report.folder or (str(base) if base else ""), base)
    rules = _rules_sheet(wb.create_sheet("规则统计"), findings)
    _details_sheet(wb.create_sheet("问题明细"), findings, base)
    if rules:
        _chart_sheet(wb, wb["规则统计"], rules, wb.active["A1"].value)
    write_with(path, wb.save, inputs, what="汇总")


# ---- sheets ---------------------------------------------------------------------------------

def _files_sheet(ws: Worksheet, files, folder: str, base: Path | None) -> None:  # noqa: ANN001 -- a DataFrame
    ws.title = "文件汇总"
    headers = ("序号", "文件", "单位/项目名称", "识别到的表格", "错误", "警告", "提示", "总分", "等级", "读取错误")
    widths = (5, 34, 26, 34, 6, 6, 6, 8, 6, 30)
    errors, warnings, infos = (int(files[c].sum()) for c in ("errors", "warnings", "infos"))
    unreadable = int((files["read_error"] != "").sum())
    subtitle = (f"检查日期：{_today()}　　共 {len(files)} 个文件：错误 {errors} 处，警告 {warnings} 处，"
                f"提示 {infos} 处" + (f"，无法读取 {unreadable} 个" if unreadable else ""))
    first = _heading(ws, f"检查汇总：{folder}" if folder else "检查汇总", subtitle, headers, widths)
    for i, row in enumerate(files.itertuples(index=False), start=1):
        ws.append([i, _shown(row.file, base), row.name, row.tables, row.errors, row.warnings, row.infos,
                   row.total, row.grade, row.read_error])
    _body(ws, first, widths, wrap={2, 3, 4, 10}, center={1, 5, 6, 7, 9}, numbers={8: "0.00"})
    for r in range(first, ws.max_row + 1):
        for col, (_, _, fill) in zip((5, 6, 7), SEVERITIES, strict=True):
            if ws.cell(r, col).value:
                ws.cell(r, col).fill = _fill(fill)
        if ws.cell(r, 10).value:
            ws.cell(r, 10).fill = _fill(SEVERITIES[0][2])
    _print_setup(ws, first - 1)


def _rules_sheet(ws: Worksheet, findings) -> list[str]:  # noqa: ANN001 -- a DataFrame
    """Per rule: how many findings at each severity actually found (a rule's findings may be errors
    and rounding warnings at once), the total and the files concerned. Returns the rule codes."""
    from xltools.rules import REGISTRY

    headers = ("规则", "标题", "错误", "警告", "提示", "合计", "涉及文件数")
    widths = (8, 44, 8, 8, 8, 8, 11)
    first = _heading(ws, "各规则发现数（按实际级别）", f"检查日期：{_today()}", headers, widths)
    if findings.empty:
        ws.append(["", "没有发现问题"])
        _body(ws, first, widths, wrap={2})
        _print_setup(ws, first - 1)
        return []
    counts = findings.groupby(["rule", "severity"]).size().unstack(fill_value=0)
    files_per_rule = findings.groupby("rule")["file"].nunique()
    order = [code for code in REGISTRY if code in counts.index] + sorted(set(counts.index) - set(REGISTRY))
    for code in order:
        per = [int(counts.loc[code].get(key, 0)) for key, _, _ in SEVERITIES]
        title = REGISTRY[code].title if code in REGISTRY else ""
        ws.append([code, title, *per, sum(per), int(files_per_rule[code])])
    last = ws.max_row
    ws.append(["合计", "", *(f"=SUM({c}{first}:{c}{last})" for c in "CDEFG")])
    ws.cell(ws.max_row, 7).value = int(findings["file"].nunique())  # files with any finding, not a sum
    _body(ws, first, widths, wrap={2}, center={1, 3, 4, 5, 6, 7})
    for cell in ws[ws.max_row]:
        cell.font = _font(bold=True)
    _print_setup(ws, first - 1)
    return order


def _details_sheet(ws: Worksheet, findings, base: Path | None) -> None:  # noqa: ANN001 -- a DataFrame
    from xltools.rules.base import SEVERITY_NAMES

    headers = ("序号", "文件", "工作表", "单元格", "级别", "规则", "说明", "应为", "实际")
    widths = (5, 26, 16, 9, 6, 7, 60, 11, 11)
    first = _heading(ws, "问题明细", f"检查日期：{_today()}　　共 {len(findings)} 条", headers, widths)
    for i, f in enumerate(findings.itertuples(index=False), start=1):
        ws.append([i, _shown(f.file, base), f.sheet, f.cell, SEVERITY_NAMES.get(f.severity, f.severity), f.rule,
                   f.message, _value(f.expected), _value(f.actual)])
    _body(ws, first, widths, wrap={2, 3, 7}, center={1, 4, 5, 6})
    fills = {name: fill for _, name, fill in SEVERITIES}
    for r in range(first, ws.max_row + 1):
        level = ws.cell(r, 5).value
        if level in fills:
            ws.cell(r, 5).fill = _fill(fills[level])
    _print_setup(ws, first - 1)


def _chart_sheet(wb, rules: Worksheet, codes: list[str], folder_title: str) -> None:  # noqa: ANN001 -- a Workbook
    """A stacked bar per rule (错误/警告/提示) on a sheet of its own, printed on one page of its own.
    (A chart sheet would do in Excel, but LibreOffice prints it as an empty page.)"""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.shapes import GraphicalProperties
    from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor
    from openpyxl.utils import get_column_letter

    first = 4
    last = first + len(codes) - 1
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.gapWidth = 60
    chart.title = "各规则发现数（按实际级别）"
    chart.y_axis.title = "发现数"
    chart.add_data(Reference(rules, min_col=3, max_col=5, min_row=first - 1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(rules, min_col=1, min_row=first, max_row=last))
    for series, colour in zip(chart.series, CHART_COLOURS, strict=True):
        series.graphicalProperties = GraphicalProperties(solidFill=colour)
    chart.x_axis.scaling.orientation = "maxMin"  # the first rule at the top, as in the table
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend.position = "b"
    sheet = wb.create_sheet("图表")
    sheet["A1"] = f"{folder_title}　　{_today()}"
    sheet["A1"].font = _font(size=12, bold=True, name=TITLE_FONT)
    # The chart spans a fixed block of cells (not a size in cm), so it fills the printed page in
    # every program however each one measures a default column.
    columns, rows = CHART_CELLS
    for k in range(1, columns + 1):
        sheet.column_dimensions[get_column_letter(k)].width = 10
    for r in range(3, rows + 1):
        sheet.row_dimensions[r].height = 17
    chart.anchor = TwoCellAnchor(_from=AnchorMarker(col=0, row=2), to=AnchorMarker(col=columns, row=rows))
    sheet.add_chart(chart)
    sheet.column_dimensions[get_column_letter(columns + 1)].width = 2
    sheet.print_area = f"A1:{get_column_letter(columns + 1)}{rows + 1}"  # the chart's frame inside the area
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = sheet.page_setup.fitToHeight = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True


# ---- shared layout --------------------------------------------------------------------------

def _heading(ws: Worksheet, title: str, subtitle: str, headers: Sequence[str], widths: Sequence[int]) -> int:
    """Title, subtitle and the header row; returns the first data row."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    last = get_column_letter(len(headers))
    ws.append([title])
    ws.merge_cells(f"A1:{last}1")
    ws["A1"].font = _font(size=14, bold=True, name=TITLE_FONT)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[1].height = 26
    ws.append([subtitle])
    ws.merge_cells(f"A2:{last}2")
    ws["A2"].font = _font(size=10)
    ws["A2"].alignment = Alignment(horizontal="left", vertical="center")
    ws.append(list(headers))
    for k, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(k)].width = width
        cell = ws.cell(3, k)
        cell.font = _font(bold=True)
        cell.fill = _fill(HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _border()
    ws.freeze_panes = "A4"
    return 4


def _body(ws: Worksheet, first: int, widths: Sequence[int], wrap: set[int] = frozenset(),
          center: set[int] = frozenset(), numbers: dict[int, str] | None = None) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    border, font = _border(), _font()
    for row in ws.iter_rows(min_row=first, max_row=ws.max_row, max_col=len(widths)):
        lines = 1
        for cell in row:
            col = cell.column
            cell.border, cell.font = border, font
            cell.alignment = Alignment(horizontal="center" if col in center else None, vertical="center",
                                       wrap_text=col in wrap)
            if numbers and col in numbers and isinstance(cell.value, float):
                cell.number_format = numbers[col]
            elif isinstance(cell.value, float) and abs(cell.value) >= 1000:
                cell.number_format = "#,##0.00"  # amounts as the forms show them
            if col in wrap and cell.value not in (None, ""):
                lines = max(lines, _lines(str(cell.value), widths[col - 1]))
        # Spreadsheet programs do not all grow a row to its wrapped text when opening a file (LibreOffice
        # keeps the default height): the height is set from the text, so nothing is cut off on paper.
        ws.row_dimensions[row[0].row].height = LINE_HEIGHT * lines + 3
    if ws.max_row >= first:
        ws.auto_filter.ref = f"A{first - 1}:{get_column_letter(len(widths))}{ws.max_row}"


def _lines(text: str, width: float) -> int:
    """Lines a wrapped cell needs: column width in digit widths, a Chinese character is two."""
    from math import ceil

    from xltools.cliparse import display_width

    usable = max(width - 1.5, 4)
    return sum(max(1, ceil(display_width(part) / usable)) for part in text.split("\n"))


def _print_setup(ws: Worksheet, header_row: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top, ws.page_margins.bottom, ws.page_margins.footer = 0.6, 0.8, 0.35
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.right.text = "&A"


def _font(size: float = 10.5, bold: bool = False, name: str = FONT):  # noqa: ANN202 -- openpyxl's Font
    from openpyxl.styles import Font

    return Font(name=name, size=size, bold=bold)


def _fill(rgb: str):  # noqa: ANN202
    from openpyxl.styles import PatternFill

    return PatternFill("solid", fgColor=rgb)


def _border():  # noqa: ANN202
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="808080")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def _today() -> str:
    d = dt.date.today()
    return f"{d.year}年{d.month}月{d.day}日"


def _value(value: object) -> object:
    return "" if value is None else value


def _common_folder(paths: list[Path]) -> Path | None:
    if not paths:
        return None
    try:
        common = Path(os.path.commonpath([p.resolve().parent for p in paths]))
    except ValueError:  # different drives
        return None
    return common


def _shown(path: str, base: Path | None) -> str:
    """A file as the reviewer recognises it: below the folder checked, else in full."""
    if base is not None:
        try:
            return Path(path).resolve().relative_to(base).as_posix()
        except ValueError:
            pass
    return path
