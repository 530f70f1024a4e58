"""A report against the self-evaluation form it was written from (RP07–RP10): every figure that
has a counterpart in the tables must agree with it, and every indicator should be mentioned."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from xltools import scoring
from xltools.errors import UserError
from xltools.narrative import figures
from xltools.narrative.check import finding, grade_agrees, stated_totals
from xltools.narrative.judge import same_value
from xltools.narrative.model import (
    Claims,
    Figure,
    IndicatorClaim,
    ReportFinding,
    ReportText,
)
from xltools.recognize.grid import CellRef
from xltools.recognize.model import IndicatorRow, SelfEvalForm
from xltools.rules.base import Finding, compare
from xltools.values import UNITS

# Which budget column a stated figure corresponds to, and which row the parts after 其中 name.
COLUMN = {"budget": "A", "init": "init", "spent": "B"}
PART_ROWS = (("财政拨款", "fiscal"), ("结转", "carry"), ("其他资金", "other"))
# Money units in 万元, the forms' unit: one 元 is 0.0001 万元 (from the units the value parser knows)
WAN = {unit: size / UNITS["万元"][1] for unit, (base, size) in UNITS.items() if base == "元"}


def load_forms(path: Path) -> tuple[list[SelfEvalForm], list[Finding]]:
    """The self-evaluation forms of a workbook and the checker's findings on it."""
    from xltools.check import check_file

    report = check_file(path)
    if report.error:
        raise UserError(report.error)
    forms = report.recognized.self_eval if report.recognized else []
    if not forms:
        raise UserError(f"在 {path.name} 中没有识别到项目支出绩效自评表或部门整体支出绩效自评表，无法与报告核对")
    return forms, report.findings


def key(text: str) -> str:
    """A name for matching: no spaces, punctuation or brackets, full-width folded."""
    return re.sub(r"[\s“”\"'‘’、，,：:；;（）()【】《》.。·\-—_/]", "", text or "")


def choose_form(forms: list[SelfEvalForm], text: ReportText, claims: Claims, project: str | None) -> SelfEvalForm:
    if project:
        named = [f for f in forms if key(f.project) == key(project)] or \
            [f for f in forms if key(project) and key(project) in key(f.project)]
        if not named:
            raise UserError(f"表格中没有名为“{project}”的项目；可选：{'、'.join(f.project or f.sheet for f in forms)}")
        forms = named
    whole = key("".join(p.text for p in text.paragraphs))

    def fit(form: SelfEvalForm) -> tuple[int, int]:
        named = 1 if form.project and key(form.project) in whole else 0
        return named, sum(1 for c in claims.indicators if _candidates(form, c))

    return max(forms, key=fit)  # the first of equals: the workbook's order


def against_form(text: ReportText, claims: Claims, form: SelfEvalForm) -> Iterator[ReportFinding]:
    yield from _budget(claims, form)
    mentioned: set[int] = set()
    for claim in claims.indicators:
        yield from _indicator(claim, form, mentioned)
    yield from _totals(claims, form)
    yield from _unmentioned(text, form, mentioned)


def _where(cell: CellRef) -> str:
    return f"{cell.sheet}!{cell.address}"


# ---- RP07: budget figures --------------------------------------------------------------------

def _budget(claims: Claims, form: SelfEvalForm) -> Iterator[ReportFinding]:
    total = form.budget.rows.get("total") if form.budget else None
    if total is None:
        return
    per_sentence: dict[object, int] = {}
    for f in claims.budget:
        per_sentence[f.where] = per_sentence.get(f.where, 0) + 1
    for f in claims.budget:
        if not f.specific and per_sentence[f.where] < 2:
            continue  # a loose "预算 …万元" may be any budget; compare it only in a budget sentence
        if f.key == "rate":
            yield from _rate(f, total.cells)
            continue
        if f.key == "score":
            yield from _budget_score(f, total.get("score"))
            continue
        if f.key not in COLUMN:
            continue  # 未支: no column of its own
        cell = total.get(COLUMN[f.key])
        if cell is None and f.key == "budget":
            cell = total.get("init")  # forms without 全年预算数 (Hunan: 年初预算资金总额 only)
        yield from _amount(f.where, f.label, f.figure, cell, form.unit)
    for parts in claims.parts:
        column = next((COLUMN[k] for w, k in _budget_words() if w in parts.label and k in COLUMN), None)
        if column is None or form.budget is None:
            continue
        for label, fig in parts.parts:
            row = next((form.budget.rows.get(name) for needle, name in PART_ROWS if needle in label), None)
            if row is not None:
                cell = row.get(column) or (row.get("init") if column == "A" else None)
                yield from _amount(parts.where, label, fig, cell, form.unit)


def _budget_words() -> list[tuple[str, str]]:
    from xltools.narrative.extract import BUDGET_WORDS

    return [(w, k) for w, k, _ in sorted(BUDGET_WORDS, key=lambda x: -len(x[0]))]


def _amount(where, label: str, fig: Figure, cell: CellRef | None, unit: str) -> Iterator[ReportFinding]:
    """A stated amount against the table's, the table's (in the form's ``unit``) converted to the report's unit:
    "36.83万元" agrees with a form in 元 holding 368,300."""
    if cell is None or cell.number is None or fig.unit not in WAN or unit not in WAN:
        return
    table = cell.number * WAN[unit] / WAN[fig.unit]
    severity, note = _verdict(fig.value, table, fig.decimals)
    if severity:
        own = f"{cell.number:,.10g}{unit}，即 " if unit != fig.unit else ""
        yield finding("RP07", where, f"报告写{label}{fig.text}，表格（{_where(cell)}）中为 "
                                     f"{own}{table:,.{max(fig.decimals, 2)}f}{fig.unit}{note}", round(table, 10), fig.value,
                      severity)


def _budget_score(f, cell: CellRef | None) -> Iterator[ReportFinding]:
    if cell is None or cell.number is None:
        return
    severity, note = _verdict(f.figure.value, cell.number, f.figure.decimals)
    if severity:
        yield finding("RP07", f.where, f"报告写{f.label}{f.figure.text}，表格（{_where(cell)}）中为 {cell.number:.2f} 分{note}",
                      cell.number, f.figure.value, severity)


def _verdict(stated: float, table: float, decimals: int) -> tuple[str | None, str]:
    """(severity, note): None when the report states the table's figure at its own precision."""
    verdict = compare(stated, table, decimals)
    if verdict == "ok":
        return None, ""
    if verdict == "rounding":
        return "warning", "；相差一个尾数单位，可能是尾数误差"
    return "error", ""


def _rate(f, cells: dict[str, CellRef]) -> Iterator[ReportFinding]:
    cell = cells.get("rate")
    a, b = cells.get("A") or cells.get("init"), cells.get("B")
    if cell is not None and cell.number is not None:
        table, anchor = cell.number, cell
    elif a is not None and b is not None and a.number and b.number is not None:
        table, anchor = b.number / a.number, b
    else:
        return
    severity, note = _verdict(f.figure.value / 100, table, f.figure.decimals + 2)
    if severity:
        yield finding("RP07", f.where, f"报告写{f.label}{f.figure.text}，表格（{_where(anchor)}）中为 "
                                       f"{table * 100:.{max(f.figure.decimals, 2)}f}%{note}", round(table * 100, 10),
                      f.figure.value, severity)


# ---- RP08: indicators ------------------------------------------------------------------------

def _candidates(form: SelfEvalForm, claim: IndicatorClaim) -> list[tuple[int, IndicatorRow]]:
    name = key(claim.name)
    if not name:
        return []
    rows = list(enumerate(form.indicators))
    exact = [(i, r) for i, r in rows if key(r.name) == name]
    if exact:
        return exact
    return [(i, r) for i, r in rows if len(key(r.name)) >= 4 and len(name) >= 4
            and (key(r.name) in name or name in key(r.name))]


def _indicator(claim: IndicatorClaim, form: SelfEvalForm, mentioned: set[int]) -> Iterator[ReportFinding]:
    candidates = _candidates(form, claim)
    if not candidates:
        return
    agreeing = [(i, r) for i, r in candidates if _agrees(claim, r)]
    index, row = (agreeing or candidates)[0]
    mentioned.add(index)
    name = claim.name
    target, actual = row.get("target"), row.get("actual")
    for what, stated, cell in (("预期值", claim.target, target), ("实际完成值", claim.actual, actual)):
        if cell is not None and not same_value(stated, cell.raw):
            shown = figures.indicator_value(cell, target) or "空"
            yield finding("RP08", claim.where, f"“{name}”的{what}报告写“{stated}”，表格（{_where(cell)}）中为“{shown}”",
                          shown, stated)
    for what, fig, cell in (("分值", claim.weight, row.get("weight")), ("得分", claim.score, row.get("score"))):
        if fig is None or cell is None or cell.number is None:
            continue
        severity, note = _verdict(fig.value, cell.number, fig.decimals)
        if severity:
            yield finding("RP08", claim.where, f"“{name}”的{what}报告写{fig.text}，表格（{_where(cell)}）中为 "
                                               f"{cell.number:g} 分{note}", cell.number, fig.value, severity)


def _agrees(claim: IndicatorClaim, row: IndicatorRow) -> bool:
    target, actual = row.get("target"), row.get("actual")
    return (target is None or same_value(claim.target, target.raw)) and \
        (actual is None or same_value(claim.actual, actual.raw))


# ---- RP09: 总分 and 等级 ----------------------------------------------------------------------

def _totals(claims: Claims, form: SelfEvalForm) -> Iterator[ReportFinding]:
    if form.total is not None and form.total.number is not None:
        table = form.total.number
        for t in stated_totals(claims):
            severity, note = _verdict(t.score.value, table, t.score.decimals)
            if severity:
                yield finding("RP09", t.where, f"报告写{t.label}{t.score.text}，表格（{_where(form.total)}）中总分为 "
                                               f"{table:.2f}{note}", table, t.score.value, severity)
    if form.grade is not None and not form.grade.empty:
        table_grade = form.grade.text
        for g in claims.grades:
            if g.grade != table_grade and not table_grade.startswith(g.grade) and not g.grade.startswith(table_grade):
                yield finding("RP09", g.where, f"报告写等级“{g.grade}”，表格（{_where(form.grade)}）中为“{table_grade}”",
                              table_grade, g.grade)
    elif form.total is not None and form.total.number is not None:
        for g in claims.grades:  # no 等级 in the table: the report's must still fit the table's 总分
            if grade_agrees(g.grade, form.total.number) is False:
                expected = scoring.grade(form.total.number)
                yield finding("RP09", g.where, f"报告写等级“{g.grade}”，表格（{_where(form.total)}）中总分 "
                                               f"{form.total.number:g} 对应的等级是“{expected}”", expected, g.grade)


# ---- RP10: indicators never mentioned --------------------------------------------------------

def _unmentioned(text: ReportText, form: SelfEvalForm, mentioned: set[int]) -> Iterator[ReportFinding]:
    whole = key("".join(p.text for p in text.paragraphs if not p.note))
    for i, row in enumerate(form.indicators):
        if i in mentioned or not key(row.name) or key(row.name) in whole:
            continue
        anchor = row.get("l3") or row.get("target")
        where = f"（{_where(anchor)}）" if anchor is not None else ""
        yield finding("RP10", None, f"表格中的指标“{row.name}”{where}在报告中没有提到")
