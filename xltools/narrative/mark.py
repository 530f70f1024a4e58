"""A copy of a checked .docx with every flagged sentence highlighted and a Word comment giving the
message; findings without a sentence (indicators never mentioned) go into one comment on the first
paragraph. The original file is never changed."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path

from docx.enum.text import WD_COLOR_INDEX

from xltools.errors import UserError
from xltools.narrative.model import ReportFinding
from xltools.narrative.rules import REPORT_RULES
from xltools.narrative.source import open_docx, paragraph_runs
from xltools.outputs import reason
from xltools.rules.base import SEVERITY_NAMES

AUTHOR, INITIALS = "xltools", "XT"
COLORS = {"error": WD_COLOR_INDEX.YELLOW, "warning": WD_COLOR_INDEX.BRIGHT_GREEN, "info": WD_COLOR_INDEX.TURQUOISE}
PLAIN_RUN_CHILDREN = {"rPr", "t", "tab", "br", "cr"}


def check_target(source: Path, target: Path) -> None:
    """UserError (Chinese) when a marked copy of ``source`` cannot be written to ``target``."""
    if source.suffix.lower() != ".docx":
        raise UserError("--mark 只适用于 Word 文档（.docx）")
    if target.suffix.lower() != ".docx":
        raise UserError(f"标记副本应保存为 .docx：{target}")
    if target.resolve() == source.resolve():
        raise UserError("标记副本不能覆盖原报告，请另给一个文件名")


def mark_report(source: Path, target: Path, findings: Sequence[ReportFinding]) -> Path:
    check_target(source, target)
    document = open_docx(source)
    paragraphs = document.paragraphs
    loose = []
    for f in findings:
        if f.paragraph is None or f.quote is None or not 1 <= f.paragraph <= len(paragraphs):
            loose.append(f)
            continue
        runs = _isolate(paragraphs[f.paragraph - 1], f.quote, f.start or 0)
        if not runs:
            loose.append(f)
            continue
        for run in runs:
            if f.severity == "error" or run.font.highlight_color is None:
                run.font.highlight_color = COLORS[f.severity]
        document.add_comment(runs, text=_comment(f), author=AUTHOR, initials=INITIALS)
    if loose:
        first = next((p for p in paragraphs if paragraph_runs(p) and p.text.strip()), None)
        if first is not None:
            document.add_comment(paragraph_runs(first), text="\n".join(_comment(f) for f in loose),
                                 author=AUTHOR, initials=INITIALS)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        document.save(str(target))
    except OSError as exc:
        raise UserError(f"无法写入 {target}：{reason(exc)}（文件是否正在 Word 中打开？）") from None
    return target


def _comment(f: ReportFinding) -> str:
    return f"{SEVERITY_NAMES[f.severity]} {f.rule} {REPORT_RULES[f.rule].title}：{f.message}"


def _isolate(paragraph, quote: str, start: int) -> list:
    """The runs that hold exactly the quoted sentence, splitting runs at its two ends."""
    text = "".join(r.text for r in paragraph_runs(paragraph))
    begin = start if text[start:start + len(quote)] == quote else text.find(quote)
    if begin < 0:
        return []
    end = begin + len(quote)
    if not (_split(paragraph, begin) and _split(paragraph, end)):
        return []
    covered, pos = [], 0
    for run in paragraph_runs(paragraph):
        n = len(run.text)
        if begin <= pos and pos + n <= end and n:
            covered.append(run)
        pos += n
    return covered


def _split(paragraph, offset: int) -> bool:
    """Make a run boundary at ``offset``; False when the run there holds more than text."""
    from docx.text.run import Run

    pos = 0
    for run in paragraph_runs(paragraph):
        text = run.text
        if pos < offset < pos + len(text):
            if any(child.tag.split("}")[1] not in PLAIN_RUN_CHILDREN for child in run._r):
                return False  # a field, drawing or footnote reference: do not cut it
            cut = offset - pos
            twin = copy.deepcopy(run._r)
            run._r.addnext(twin)
            run.text = text[:cut]
            Run(twin, run._parent).text = text[cut:]
            return True
        pos += len(text)
    return True
