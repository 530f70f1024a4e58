"""Findings as text (grouped by sheet), JSON (the documented contract) or CSV (Chinese level names)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from json.encoder import INFINITY
from json.encoder import encode_basestring as _string  # the C encoder's string quoting
from math import isnan

from xltools.check import FileReport
from xltools.kinds import kind_title
from xltools.rules import REGISTRY
from xltools.rules.base import SEVERITY_NAMES

CSV_COLUMNS = ("文件", "工作表", "单元格", "规则", "级别", "说明", "应为", "实际")


def as_json(reports: Sequence[FileReport]) -> str:
    files = []
    for report in reports:
        files.append({
            "path": str(report.path),
            "error": report.error,
            "tables": [{"sheet": t.sheet, "kind": t.kind, "range": t.range} for t in report.tables],
            "findings": [f.as_dict() for f in report.findings],
            **({"stats": report.stats} if report.stats is not None else {}),
        })
    return indented_json({"files": files})


class _Unusual(Exception):
    """A value the quick encoder leaves to the json module."""


def indented_json(value: object) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, the same text, about twice as fast for the
    plain dicts, lists, strings and numbers a report holds: with an indent the json module encodes in
    pure Python, value by value through generators, which was a tenth of a 1,000-file folder run's own
    time. Anything else (another type, a non-text key) is left to the json module itself."""
    try:
        out: list[str] = []
        _encode(value, "\n", out)
        return "".join(out)
    except _Unusual:
        return json.dumps(value, ensure_ascii=False, indent=2)


def _encode(value: object, newline: str, out: list[str]) -> None:
    kind = type(value)
    if kind is str:
        out.append(_string(value))
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        first = True
        for key, item in value.items():  # type: ignore[attr-defined]
            if type(key) is not str:
                raise _Unusual
            out.append(("{" if first else ",") + inner + _string(key) + ": ")
            first = False
            _encode(item, inner, out)
        out.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        for k, item in enumerate(value):  # type: ignore[arg-type]
            out.append(("[" if k == 0 else ",") + inner)
            _encode(item, inner, out)
        out.append(newline + "]")
    elif value is None:
        out.append("null")
    elif kind is bool:
        out.append("true" if value else "false")
    elif kind is int:
        out.append(int.__repr__(value))  # type: ignore[arg-type]
    elif kind is float:
        out.append(_float(value))  # type: ignore[arg-type]
    else:
        raise _Unusual


def _float(value: float) -> str:
    if isnan(value):
        return "NaN"
    if value in (INFINITY, -INFINITY):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def as_csv(reports: Sequence[FileReport]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for report in reports:
        if report.error:
            writer.writerow([str(report.path), "", "", "", SEVERITY_NAMES["error"], report.error, "", ""])
        for f in report.findings:
            message = f"{f.message}【已接受的例外，不计入：{f.reason}】" if f.accepted else f.message
            writer.writerow([str(report.path), f.sheet, f.cell, f.rule, SEVERITY_NAMES[f.severity], message,
                             "" if f.expected is None else f.expected, "" if f.actual is None else f.actual])
    return out.getvalue()


def as_text(reports: Sequence[FileReport]) -> str:
    lines: list[str] = []
    for report in reports:
        lines.append(f"文件：{report.path}")
        if report.error:
            lines.append(f"  无法读取：{report.error}")
            lines.append("")
            continue
        if report.tables:
            kinds = "、".join(f"{t.sheet}!{t.range}（{kind_title(t.kind)}）" for t in report.tables)
            lines.append(f"  识别到的表格：{kinds}")
        current = None
        for f in report.counted:
            if f.sheet != current:
                current = f.sheet
                lines.append(f"  【{current}】")
            title = REGISTRY[f.rule].title if f.rule in REGISTRY else f.rule
            lines.append(f"    {f.cell:<8} {SEVERITY_NAMES[f.severity]}  {f.rule} {title}：{f.message}")
        if not report.counted:
            lines.append("  未发现问题。")
        lines.append(f"  小计：错误 {report.errors}，警告 {report.warnings}，提示 {report.infos}")
        if report.accepted:  # the reviewer's accepted exceptions: listed, with their reason, never counted
            lines.append(f"  已接受的例外（{len(report.accepted)} 条，不计入）：")
            lines += [f"    {f.sheet}!{f.cell} {f.rule}：{f.message}（原因：{f.reason}）" for f in report.accepted]
        if report.stats is not None:
            from xltools.stats import as_lines

            lines += as_lines(report.stats)
        lines.append("")
    if len(reports) > 1:
        unreadable = sum(1 for r in reports if r.error)
        lines.append(f"共 {len(reports)} 个文件：错误 {sum(r.errors for r in reports)}，"
                     f"警告 {sum(r.warnings for r in reports)}，无法读取 {unreadable}")
    return "\n".join(lines).rstrip() + "\n"


def rule_doc(code: str) -> str:
    r = REGISTRY[code]
    return (f"{r.code}  {r.title}\n级别：{SEVERITY_NAMES[r.severity]}    适用：{r.applies_to}\n\n{r.doc}\n")


def rules_table() -> str:
    lines = [f"{r.code}  {SEVERITY_NAMES[r.severity]}  {r.title}（{r.applies_to}）" for r in REGISTRY.values()]
    return "\n".join(lines) + "\n\n用 `xltools rules 代码` 查看某条规则的说明，例如 xltools rules SE01。\n"
