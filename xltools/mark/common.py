"""What every kind of marking shares: colours, note texts, the 检查结果 rows and the metadata format.

A file on disk (``xltools.mark``) and a live Excel book (``xltools.excel.live``) are marked
through these same pieces, so both look and clear the same way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from xltools.rules.base import SEVERITY_NAMES, Finding

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
