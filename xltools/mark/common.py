"""What every kind of marking shares: colours, note texts, the 检查结果 rows and the metadata format.

A file on disk (``xltools.mark``) and a live Excel book (``xltools.excel.live``) are marked
through these same pieces, so both look and clear the same way.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from math import ceil
from typing import TYPE_CHECKING

from xltools.rules.base import SEVERITY_NAMES, Finding

if TYPE_CHECKING:
    from xltools.recognize.model import Recognized
    from xltools.workbook.read import BookData

RESULT_SHEET = "检查结果"
AUTHOR = "xltools"
FILLS = {"error": "FFC7CE", "warning": "FFD8A8", "info": "FFF3B0"}
RANK = {"error": 0, "warning": 1, "info": 2}
RESULT_HEADERS = ("序号", "工作表", "单元格", "级别", "规则", "说明", "应为", "实际")
RESULT_WIDTHS = (6, 24, 10, 8, 8, 70, 14, 14)
META_COL = "Z"
META_ROW = 10000
META_PREFIX = "xltools-marks:"
META_CHUNK = 30000
PAGE_FOOTER = "第 &P 页，共 &N 页"  # header/footer codes: &P this page, &N all pages
LINE_HEIGHT = 15.0  # points per line of the 11-point 宋体 the sheet is written in
UNIT_LABELS = ("单位名称", "项目名称")  # the labels the self-evaluation recognisers read the name from
UNITS_SHOWN = 3


def by_cell(findings: Iterable[Finding], sheets: Iterable[str]) -> dict[tuple[str, str], list[Finding]]:
    """Findings per (sheet, anchor cell); a range is marked at its first cell."""
    known = set(sheets)
    grouped: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        if f.sheet in known and not f.accepted:  # an accepted exception is listed, never coloured
            grouped.setdefault((f.sheet, f.cell.split(":")[0]), []).append(f)
    return grouped


def worst(findings: Sequence[Finding]) -> str:
    return min((f.severity for f in findings), key=RANK.get)


def note_text(findings: Sequence[Finding]) -> str:
    return "\n".join(f"【{SEVERITY_NAMES[f.severity]}】{f.rule} {f.message}" for f in findings)


def summary_line(findings: Sequence[Finding], title: str) -> str:
    counted = [f for f in findings if not f.accepted]
    errors = sum(f.severity == "error" for f in counted)
    warnings = sum(f.severity == "warning" for f in counted)
    accepted = len(findings) - len(counted)
    return (f"xltools 检查结果：{title}　错误 {errors} 处，警告 {warnings} 处，共 {len(counted)} 条"
            + (f"；另有已接受的例外 {accepted} 条（不计入）" if accepted else ""))


def in_result_order(findings: Sequence[Finding]) -> list[Finding]:
    """The counted findings first, the accepted exceptions after them (listed apart on 检查结果)."""
    return [f for f in findings if not f.accepted] + [f for f in findings if f.accepted]


ACCEPTED_TITLE = "已接受的例外（不计入错误、警告数）"


def result_rows(findings: Sequence[Finding]) -> Iterator[tuple[int, Finding] | None]:
    """The 检查结果 table's rows below its header, for the file and the live marker alike: (number,
    finding) in result order, and None where the accepted exceptions' own title row goes."""
    titled = False
    for n, f in enumerate(in_result_order(findings), start=1):
        if f.accepted and not titled:
            yield None
            titled = True
        yield n, f


def result_title(findings: Sequence[Finding], file_name: str, units: Sequence[str], checked: dt.date) -> str:
    """The two lines atop 检查结果: the file and its counts; whose form it is and when it was checked."""
    return summary_line(findings, file_name) + "\n" + about_line(units, checked)


def finding_row(i: int, f: Finding) -> list[object]:
    message = f"{f.message}（已接受：{f.reason}）" if f.accepted else f.message
    return [i, f.sheet, f.cell, SEVERITY_NAMES[f.severity], f.rule, message,
            "" if f.expected is None else f.expected, "" if f.actual is None else f.actual]


def link_target(f: Finding) -> str:
    return "'" + f.sheet.replace("'", "''") + "'!" + f.cell


def meta_chunks(meta: dict) -> list[str]:
    text = META_PREFIX + json.dumps(meta, ensure_ascii=False)
    return [text[i:i + META_CHUNK] for i in range(0, len(text), META_CHUNK)]


def parse_meta(chunks: Iterable[str]) -> dict | None:
    text = "".join(chunks)
    return json.loads(text[len(META_PREFIX):]) if text.startswith(META_PREFIX) else None


# ---- what a printed 检查结果 page says about the file ------------------------------------------

def unit_names(found: Recognized, book: BookData) -> list[str]:
    """"单位名称：…" / "项目名称：…" as the recognised forms state them, one line per label.

    Self-evaluation forms keep the cell right of their 项目名称/单位名称 label; its label is read
    back from the sheet so the line says what the form says. Shenzhen forms name their project;
    final-accounts tables the unit their heading names (编制单位, "单位：…"), if they name one.
    """
    rows = {sheet.name: sheet.rows for sheet in book.sheets}
    named: dict[str, list[str]] = {}
    for form in found.self_eval:
        cell = form.project_cell
        if cell is not None and form.project.strip():
            named.setdefault(_label_left_of(rows.get(cell.sheet, []), cell.row, cell.col), []).append(form.project)
    for sz in found.shenzhen:
        if sz.project.strip():
            named.setdefault("项目名称", []).append(sz.project)
    for name in found.compilers:
        named.setdefault("编制单位", []).append(name)
    lines = []
    for label, names in named.items():
        unique = list(dict.fromkeys(_one_line(n) for n in names))
        more = f" 等 {len(unique)} 项" if len(unique) > UNITS_SHOWN else ""
        lines.append(f"{label}：{'、'.join(unique[:UNITS_SHOWN])}{more}")
    return lines


def _label_left_of(rows: list[list[object]], r: int, c: int) -> str:
    row = rows[r] if 0 <= r < len(rows) else []
    for cc in range(min(c, len(row)) - 1, -1, -1):
        text = re.sub(r"\s+", "", str(row[cc] or "")).rstrip("：:")
        if text:
            return next((label for label in UNIT_LABELS if label in text), "名称")
    return "名称"


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def units_text(units: Sequence[str]) -> str:
    return "；".join(units)


def date_text(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def about_line(units: Sequence[str], checked: dt.date) -> str:
    """The second line of the title: whose form and when it was checked (the file is on the first)."""
    return "　　".join([units_text(units)] * bool(units) + [f"检查日期：{date_text(checked)}"])


def page_header_sections(file_name: str, units: Sequence[str], checked: dt.date) -> tuple[str, str, str]:
    """Left, centre and right of the header on every printed page: unit, file, date (header codes
    escaped; Excel allows 255 characters in all). Excel's PageSetup.LeftHeader… take them as they are."""

    def code(text: str, limit: int) -> str:
        text = text if len(text) <= limit else text[: limit - 1] + "…"
        return text.replace("&", "&&")  # a lone & starts a header code

    return (code(units_text(units), 70) if units else "", code("文件：" + file_name, 80),
            f"检查日期：{date_text(checked)}")


def page_header(file_name: str, units: Sequence[str], checked: dt.date) -> str:
    """The same header as one SpreadsheetML oddHeader text."""
    left, centre, right = page_header_sections(file_name, units, checked)
    return (f"&L{left}" if left else "") + f"&C{centre}&R{right}"


def wrapped_lines(text: str, width: float) -> int:
    """Lines a wrapped cell needs: the column width counts digits, a Chinese character is two."""
    from xltools.cliparse import display_width

    usable = max(width - 1.5, 4)
    return sum(max(1, ceil(display_width(part) / usable)) for part in str(text).split("\n"))
