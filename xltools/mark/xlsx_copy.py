"""Marking a file that is not an .xlsx (.xls, .xlsb, .ods): the original is never changed; an .xlsx
copy of the values python-calamine read is written and marked like any .xlsx."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from xltools.mark import mark_file
from xltools.mark.xmledit import MarkError
from xltools.workbook.other_formats import read_other

if TYPE_CHECKING:
    from xltools.rules.base import Finding
    from xltools.workbook.read import BookData
    from xltools.workbook.safety import FileStamp

KINDS = {".xls": ".xls（旧版格式）", ".xlsb": ".xlsb（Excel 二进制格式）", ".ods": ".ods（OpenDocument 格式）"}
COPY_SAYS = ("原文件是 {kind}，已另存为 .xlsx 副本并标记：{target}"
             "（副本只含单元格的值，不含原文件的格式、公式和批注；原文件未改动）")
BAD_SHEET_CHARS = set("[]:*?/\\")


def xlsx_name(path: Path) -> str:
    """What ``--in-place`` writes beside such a file: its name with .xlsx."""
    return path.stem + ".xlsx"


def mark_as_xlsx(source: Path, target: Path, findings: Sequence[Finding], expected: FileStamp | None) -> None:
    """Write ``target``: an .xlsx of the values of ``source`` (read again now, under the same limits),
    marked with ``findings`` by the same code as any .xlsx. ``source`` is only read.

    ``expected`` is the file as it was checked: a file changed since is not marked, as for .xlsx."""
    from xltools.outputs import check_target
    from xltools.workbook.limits import current

    check_target(target, [source], what="标记副本")
    book = read_other(source, current())
    if expected is not None and book.stamp != expected:
        raise MarkError(f"{source.name} 在检查之后被修改或替换，未写出标记；请重新检查")
    with tempfile.TemporaryDirectory(prefix="xltools-") as folder:
        plain = Path(folder) / xlsx_name(source)
        write_values_copy(book, plain)
        mark_file(plain, target, findings, title=source.name)


def write_values_copy(book: BookData, target: Path) -> None:
    """An .xlsx holding every sheet's values as calamine read them, at the same cells: numbers as
    numbers, texts as texts (never as formulas, whatever they start with), dates as dates; merged
    ranges where calamine gives them (.xls, .xlsb); hidden sheets stay hidden."""
    import xlsxwriter
    from xlsxwriter.exceptions import OverlappingRange


    for sheet in book.sheets:
        if len(sheet.name) > 31 or BAD_SHEET_CHARS & set(sheet.name) or sheet.name.startswith("'") \
                or sheet.name.endswith("'"):
            raise MarkError(f"工作表名“{sheet.name}”不能用在 .xlsx 文件中（最多 31 个字，不能含 [ ] : * ? / \\），"
                            "无法另存为 .xlsx 副本；请在原程序中给工作表改名后再检查")
    workbook = xlsxwriter.Workbook(str(target), {"strings_to_formulas": False, "strings_to_urls": False,
                                                "strings_to_numbers": False})
    formats = {dt.datetime: workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
               dt.date: workbook.add_format({"num_format": "yyyy-mm-dd"}),
               dt.time: workbook.add_format({"num_format": "hh:mm:ss"}),
               dt.timedelta: workbook.add_format({"num_format": "[h]:mm:ss"})}
    shown = next((k for k, s in enumerate(book.sheets) if not s.hidden), 0)
    for k, sheet in enumerate(book.sheets):
        worksheet = workbook.add_worksheet(sheet.name)
        if sheet.hidden and k != shown:  # one sheet stays visible, as every spreadsheet program requires
            worksheet.hide()
        for r0, c0, r1, c1 in sheet.merges:
            if (r0, c0) != (r1, c1):
                try:
                    worksheet.merge_range(r0, c0, r1, c1, None)
                except OverlappingRange:  # a damaged file's overlapping merges: the values still go in
                    pass
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                _write_value(worksheet, r, c, value, formats)
    workbook.worksheets()[shown].activate()
    try:
        workbook.close()
    except OSError as exc:
        from xltools.outputs import reason

        raise MarkError(f"无法写出 .xlsx 副本：{reason(exc)}") from None


def _write_value(worksheet, r: int, c: int, value: object, formats: dict) -> None:  # an xlsxwriter Worksheet
    if value is None or value == "":
        return
    if isinstance(value, bool):
        worksheet.write_boolean(r, c, value)
    elif isinstance(value, (int, float)):
        worksheet.write_number(r, c, value)
    elif isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta)):
        kind = next(t for t in (dt.datetime, dt.date, dt.time, dt.timedelta) if isinstance(value, t))
        worksheet.write_datetime(r, c, value, formats[kind])
    else:
        worksheet.write_string(r, c, str(value))
