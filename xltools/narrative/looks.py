"""Whether a text is a written performance report at all, told from its words and its shape.

A report in which nothing can be checked (its opening only describes the project) is still a
report: the checker says so and exits 0. A novel, a notice or a table saved as text is not one."""

from __future__ import annotations

import re

from xltools.narrative.model import ReportText

# Words only a performance report's title or body uses; one of them is enough.
TITLE_WORDS = ("绩效自评报告", "自评报告", "绩效评价报告", "绩效评价自评报告", "支出绩效自评", "绩效自评工作")
# Words of the field; three different ones make a report too.
FIELD_WORDS = ("自评", "绩效", "绩效目标", "预算执行", "执行率", "指标", "预期值", "实际完成", "项目支出", "整体支出",
               "预算资金", "资金使用", "偏差", "改进措施", "结果应用")
CJK = re.compile(r"[\u4e00-\u9fff]")
FIELD_WORDS_NEEDED = 3
PROSE_CHARACTERS = 20  # a paragraph of prose: this many Chinese characters or more, in sentences
CELL_LENGTH = 8  # mean characters per comma-separated field below which a line is a row of cells


def looks_like_report(report: ReportText) -> bool:
    lines = [p.text.strip() for p in report.paragraphs if p.text.strip()]
    if not lines or _table_like(lines) or not any(_prose(line) for line in lines):
        return False
    whole = "".join(lines)
    if any(word in whole for word in TITLE_WORDS):
        return True
    return sum(word in whole for word in FIELD_WORDS) >= FIELD_WORDS_NEEDED


def _table_like(lines: list[str]) -> bool:
    """Rows of cells (a sheet saved as text or CSV): half the lines or more are rows."""
    return sum(map(_row, lines)) * 2 >= len(lines)


def _row(line: str) -> bool:
    """Cells split by tabs or bars, or by commas into short or empty fields with no full stop (prose
    copied from web pages has half-width commas too, between clauses of ten characters and more)."""
    if "\t" in line or line.count("|") >= 2:
        return True
    fields = [f.strip() for f in re.split(r"[,，]", line)]
    if len(fields) < 4 or "。" in line:
        return False
    return sum(map(len, fields)) / len(fields) < CELL_LENGTH or sum(not f for f in fields) >= 2


def _prose(line: str) -> bool:
    return len(CJK.findall(line)) >= PROSE_CHARACTERS and bool(re.search(r"[，,。；;]", line))
