"""Check a written report: its claims against each other (RP01–RP06) and, given the workbook,
against the tables (RP07–RP10, in ``compare``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from xltools import scoring
from xltools.errors import UserError
from xltools.narrative.extract import extract
from xltools.narrative.judge import judge
from xltools.narrative.looks import looks_like_report
from xltools.narrative.model import (
    BudgetFigure,
    Claims,
    Figure,
    IndicatorClaim,
    ReportCheck,
    ReportFinding,
    ReportText,
    Sentence,
)
from xltools.narrative.rules import REPORT_RULES
from xltools.narrative.source import read_report
from xltools.recognize.model import SelfEvalForm
from xltools.rules.base import compare
from xltools.values import UNITS

CHECKABLE = "指标的预期值与实际完成值、预算数与执行数、合计与分项、总分或等级"
NOT_A_REPORT = f"在 {{name}} 中没有找到可核对的内容（{CHECKABLE}），它可能不是绩效自评报告，未做核对"
NOTHING_TO_CHECK = f"{{name}} 看来是绩效报告，但其中没有可核对的陈述（{CHECKABLE}），没有核对任何内容"


def check_report(path: Path, forms: Path | Sequence[SelfEvalForm] | None = None,
                 project: str | None = None) -> ReportCheck:
    """All findings for one report, compared with the forms of a workbook (its path, or the forms
    already recognised in it) when given; UserError (Chinese) when it cannot be read, or holds no claim
    and does not look like a report either. A report without any claim gets a note saying so."""
    text = read_report(path)
    claims = extract(text)
    note = None
    if not len(claims):
        if not looks_like_report(text):
            raise UserError(NOT_A_REPORT.format(name=path.name))
        note = NOTHING_TO_CHECK.format(name=path.name)
    findings = list(self_consistency(text, claims))
    result = ReportCheck(path, [], forms if isinstance(forms, Path) else None, claims=len(claims), note=note)
    if forms is not None:
        from xltools.narrative.compare import against_form, choose_form, load_forms

        loaded, table_findings = load_forms(forms) if isinstance(forms, Path) else (list(forms), [])
        form = choose_form(loaded, text, claims, project)
        result.form_name = form.project or form.sheet
        result.form_errors = sum(f.severity == "error" and f.sheet == form.sheet for f in table_findings)
        findings += against_form(text, claims, form)
    result.findings = sorted(findings, key=lambda f: (f.paragraph is None, f.paragraph or 0, f.start or 0, f.rule))
    return result


def finding(code: str, where: Sentence | None, message: str, expected: object = None, actual: object = None,
            severity: str | None = None) -> ReportFinding:
    rule = REPORT_RULES[code]
    return ReportFinding(code, severity or rule.severity, message,  # type: ignore[arg-type]
                         where.paragraph if where else None, where.text if where else None,
                         where.start if where else None, _plain(expected), _plain(actual))


def _plain(value: object) -> float | str | None:
    if value is None or isinstance(value, (str, float)):
        return value
    if isinstance(value, int):
        return float(value)
    return str(value)


def self_consistency(text: ReportText, claims: Claims) -> Iterator[ReportFinding]:
    for claim in claims.indicators:
        yield from _indicator(claim)
    for parts in claims.parts:
        yield from _parts(parts)
    yield from _rates(claims.budget)
    yield from _grades(claims)


# ---- RP01–RP03: each indicator's target, actual and verdict --------------------------------

def _indicator(c: IndicatorClaim) -> Iterator[ReportFinding]:
    name = f"“{c.name}”" if c.name else "该指标"
    j = judge(c.target, c.actual)
    if j.status == "units" and j.units:
        said = f"，却写“{c.verdict_text}”" if c.verdict_text else ""
        yield finding("RP03", c.where, f"{name}预期值“{c.target}”的单位是“{j.units[0]}”，实际完成值“{c.actual}”的单位是"
                                       f"“{j.units[1]}”，两者无法比较{said}", j.units[0], j.units[1])
        return
    if j.units:
        yield finding("RP03", c.where, f"{name}预期值单位“{j.units[0]}”，实际完成值单位“{j.units[1]}”，请统一单位",
                      j.units[0], j.units[1], "warning")
    if c.verdict is None or j.status == "unknown":
        return
    if c.verdict == "met" and j.status == "missed":
        bound = f"（{j.reason}）" if j.on_bound else ""
        yield finding("RP01", c.where, f"{name}预期值{c.target}，实际完成值{c.actual}{bound}，未达到预期值，"
                                       f"报告却写“{c.verdict_text}”", "未达到", c.verdict_text)
    elif c.verdict == "met" and j.status == "partial":
        yield finding("RP01", c.where, f"{name}预期值“{c.target}”，实际完成“{c.actual}”只是部分达成，报告写“{c.verdict_text}”",
                      "部分达到", c.verdict_text, "warning")
    elif c.verdict == "missed" and j.status == "met":
        yield finding("RP02", c.where, f"{name}预期值{c.target}，实际完成值{c.actual}，已达到预期值，报告却写“{c.verdict_text}”",
                      "达到", c.verdict_text)


# ---- RP04: a total and the parts listed after 其中 ------------------------------------------

def _parts(claim) -> Iterator[ReportFinding]:
    total = claim.total
    multiplier = UNITS.get(total.unit, (total.unit, 1.0))[1]
    values = [p.base / multiplier for _, p in claim.parts]  # in the total's unit
    summed = sum(values)
    decimals = max([total.decimals] + [p.decimals for _, p in claim.parts])
    verdict = compare(total.value, summed, decimals)
    if verdict == "rounding" and not _rounded(total):
        verdict = "error"  # whole counts (人, 个) are exact: one unit off is not a rounding difference
    if verdict == "ok":
        return
    listed = "+".join(p.text for _, p in claim.parts)
    shown = f"{summed:.{decimals}f}{total.unit}"
    if summed > total.value:
        severity = "warning" if verdict == "rounding" else "error"
        note = "；相差一个尾数单位，可能是尾数误差" if verdict == "rounding" else ""
        yield finding("RP04", claim.where, f"{claim.label}{total.text}，所列分项 {listed} = {shown}，多于合计{note}",
                      round(summed, 10), total.value, severity)
    elif len(claim.parts) >= 2:
        yield finding("RP04", claim.where, f"{claim.label}{total.text}，所列分项 {listed} = {shown}，少于合计；"
                                           f"如分项已列全，合计或分项有误", round(summed, 10), total.value, "warning")


def _rounded(figure: Figure) -> bool:
    """Amounts are published rounded; whole counts of people or things are not."""
    return figure.decimals > 0 or UNITS.get(figure.unit, ("",))[0] == "元"


# ---- RP05: 执行率 = 执行数 ÷ 预算数 ---------------------------------------------------------

def _rates(figures: list[BudgetFigure]) -> Iterator[ReportFinding]:
    for rate in (f for f in figures if f.key == "rate"):
        budget = _only(figures, rate.where, "budget")
        spent = _only(figures, rate.where, "spent")
        if spent is None or spent.wan is None:
            continue
        unspent = _only(figures, rate.where, "unspent") if budget is None else None
        if budget is not None and budget.wan:
            wholes, shown_budget = [budget], f"预算数 {budget.text}"
        elif unspent is not None and unspent.wan is not None and spent.wan + unspent.wan:
            wholes, shown_budget = [spent, unspent], f"（{spent.text} + 未支 {unspent.text}）"
        else:
            continue
        whole = sum(f.wan for f in wholes)  # type: ignore[misc]
        expected = spent.wan / whole
        decimals = rate.figure.decimals + 2
        verdict = compare(rate.figure.value / 100, expected, decimals)
        if verdict == "ok" or _explained_by_rounding(rate.figure, spent, wholes):
            continue
        shown = f"{expected * 100:.{rate.figure.decimals}f}%"
        message = (f"{rate.label}写为{rate.figure.text}，按执行数 {spent.text} ÷ {shown_budget} 应为 {shown}"
                   + ("；相差一个尾数单位，可能是尾数误差" if verdict == "rounding" else ""))
        yield finding("RP05", rate.where, message, round(expected * 100, 10), rate.figure.value,
                      "warning" if verdict == "rounding" else None)


def _explained_by_rounding(rate: Figure, spent: Figure, wholes: list[Figure]) -> bool:
    """Whether the stated rate is what some amounts would give that round to the stated ones: a report
    writes 33.15万元 for the form's 33.147 and 90.00% for its 0.9 (33.147 ÷ 36.83); 33.15 ÷ 36.83 alone
    would say 90.01%."""
    low_spent, high_spent = _bounds(spent)
    bounds = [_bounds(f) for f in wholes]
    low_whole, high_whole = sum(b[0] for b in bounds), sum(b[1] for b in bounds)
    if low_whole <= 0:
        return False
    half = 0.5 * 10 ** -rate.decimals
    return rate.value - half <= high_spent / low_whole * 100 and low_spent / high_whole * 100 <= rate.value + half


def _bounds(fig: Figure) -> tuple[float, float]:
    """The 万元 an amount written as ``fig`` may stand for. Amounts with two decimals or more are the forms'
    display of a finer figure (33.15 for 331,470 元): half a unit of the last decimal either way. Amounts
    written whole or with one decimal ("4150万元", "3977.6万元") are taken as exact."""
    rounded = fig.decimals >= 2
    factor = fig.wan / fig.value if rounded and fig.value and fig.wan is not None else 0.0
    half = 0.5 * 10 ** -fig.decimals * factor
    return fig.wan - half, fig.wan + half  # type: ignore[operator]


def _only(figures: list[BudgetFigure], where: Sentence, key: str) -> Figure | None:
    """The one figure of this kind in the rate's sentence, else the one in its paragraph."""
    same_sentence = [f.figure for f in figures if f.key == key and f.where == where]
    if len(same_sentence) == 1:
        return same_sentence[0]
    if same_sentence:
        return None
    same_paragraph = [f.figure for f in figures if f.key == key and f.where.paragraph == where.paragraph]
    return same_paragraph[0] if len(same_paragraph) == 1 else None


# ---- RP06: 等级 against 总分 ----------------------------------------------------------------

def stated_totals(claims: Claims) -> list:
    """总分 claims, without a "总分100分" that gives the scale beside another total."""
    totals = claims.totals
    if len({t.score.value for t in totals}) > 1:
        totals = [t for t in totals if not (t.label == "总分" and t.score.value == 100)]
    return totals


def grade_agrees(typed: str, total: float) -> bool | None:
    """None for pass/fail schemes (合格/不合格), which the score bands do not define."""
    if typed in ("合格", "不合格"):
        return None
    expected = scoring.grade(total) or ""
    accepted = {expected, scoring.grade(total, scoring.GRADE_BANDS_SHENZHEN)}
    return typed in accepted or typed.startswith(expected)


def _grades(claims: Claims) -> Iterator[ReportFinding]:
    totals = stated_totals(claims)
    for g in claims.grades:
        near = [t for t in totals if t.where.paragraph == g.where.paragraph]
        values = {t.score.value for t in (near or totals)}
        if len(values) != 1:
            continue
        total = values.pop()
        if grade_agrees(g.grade, total) is False:
            expected = scoring.grade(total)
            yield finding("RP06", g.where, f"总分 {total:g} 分对应的等级是“{expected}”，报告写“{g.grade}”", expected, g.grade)
