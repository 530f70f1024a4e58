"""Check one workbook: read, recognise, apply every rule; never raises for a bad file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from xltools.recognize import recognize
from xltools.recognize.model import Recognized, TableRef
from xltools.rules import REGISTRY, run_rules
from xltools.rules.base import Finding, rule
from xltools.workbook.read import BookData, ReadError, read_book

NOTHING_FOUND = "XT001"


@rule(NOTHING_FOUND, "未识别到官方表格", "warning", "所有工作簿", """
检查：工作簿中能否找到绩效自评表（F1–F3）、决算公开表（F4）或汇总表（F5）。
原因：找不到表格时检查器无从核对；这不等于“没有问题”，需要人工查看表头是否与官方表样一致。
示例：一份只有文字说明的工作簿 → 警告“未识别到任何官方表格，未做检查”。
""")
def _nothing_found(ctx, found):  # emitted by check_book, which knows whether anything was found
    return ()


@dataclass
class FileReport:
    path: Path
    error: str | None = None
    tables: list[TableRef] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    recognized: Recognized | None = None
    sheet_order: list[str] = field(default_factory=list)
    overview: dict[str, str] = field(default_factory=dict)  # 单位/项目, 总分, 等级 for batch summaries
    stats: dict | None = None  # what was recognised and skipped (--stats)

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)

    @property
    def infos(self) -> int:
        return sum(f.severity == "info" for f in self.findings)


def check_file(path: Path, codes: list[str] | None = None, stats: bool = False) -> FileReport:
    try:
        book = read_book(path)
    except ReadError as exc:
        return FileReport(path, error=str(exc))
    return check_book(book, codes, stats)


def check_book(book: BookData, codes: list[str] | None = None, stats: bool = False) -> FileReport:
    found = recognize(book)
    order = [s.name for s in book.sheets]
    tables = sorted(found.refs, key=lambda t: (order.index(t.sheet) if t.sheet in order else 0, t.r0, t.c0))
    report = FileReport(book.path, tables=tables, recognized=found, sheet_order=order, overview=_overview(found))
    if stats:
        from xltools.stats import describe

        report.stats = describe(book, found)
    if not tables:
        first = order[0] if order else ""
        report.findings.append(Finding(NOTHING_FOUND, "warning", first, "A1",
                                       "未在工作簿中识别到任何绩效自评表、决算公开表或汇总表，未做检查"))
        return report
    findings = run_rules(found, [c for c in (codes or REGISTRY) if c != NOTHING_FOUND])
    report.findings = sorted(findings, key=lambda f: (order.index(f.sheet) if f.sheet in order else 0,
                                                      *_cell_key(f.cell), f.rule))
    return report


def _cell_key(cell: str) -> tuple[int, int]:
    m = re.match(r"([A-Z]+)(\d+)", cell)
    if not m:
        return (0, 0)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return (int(m.group(2)), col)


def _overview(found: Recognized) -> dict[str, str]:
    names, totals, grades = [], [], []
    for form in found.self_eval:
        names.append(form.project or form.sheet)
        totals.append(form.total.text if form.total is not None and form.filled else "")
        grades.append(form.grade.text if form.grade is not None and form.filled else "")
    for sz in found.shenzhen:
        names.append(sz.project or sz.sheet)
        if sz.scores:
            totals.append(sz.scores.total["score"].text if "score" in sz.scores.total else "")
            grades.append(sz.scores.grade.text if sz.scores.grade is not None else "")
    return {"name": "；".join(n for n in names if n), "total": "；".join(t for t in totals if t),
            "grade": "；".join(g for g in grades if g)}


def _callable_module() -> None:
    """``xltools.check`` is this module and, called, the reviewers' API ``xltools.api.check``:
    ``xltools.check("收到的表/")`` works however the package was imported before."""
    import sys
    import types

    class CallableModule(types.ModuleType):
        def __call__(self, paths, profile=None, **options):  # noqa: ANN001, ANN003, ANN204 -- as api.check
            from xltools.api import check

            return check(paths, profile, **options)

    sys.modules[__name__].__class__ = CallableModule


_callable_module()
