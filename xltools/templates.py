"""Render every form of ``xltools.forms.FORMS`` into a blank template workbook, optionally for a profile.

Without a profile each form carries its own region's values (the constants in ``xltools.scoring``
are the packaged profiles' values). With ``--profile`` every template is rewritten for that
profile, as data, on the form specs before rendering: the grade formulas take its grade names and
limits, the budget score its method (proportional or tiers) and weight, the total its caps on the
execution rate, and the notes under F1 (and the band sentence of the Hubei remarks) say so.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from xltools import scoring
from xltools.forms import FORMS
from xltools.forms import exprs as x
from xltools.forms.f1_project import BUDGET_WEIGHT
from xltools.forms.spec import Cell, Check, Row, Sheet
from xltools.profiles import Profile
from xltools.render.xlsx import render_workbook, save

GRADE_REFS = ("{total.score}", "{@score}")
TOTAL_CHECK = "总分应等于各项得分之和"
# budget rows that hold the execution rate, by form: F1 年度资金总额, F2 湖北 部门整体支出总额
BUDGET_ROWS = ("bud_total", "bud")


def write_templates(out_dir: Path, profile: Profile | None = None) -> list[Path]:
    paths = []
    for form in FORMS:
        sheets = form.build()
        if profile is not None:
            sheets = [for_profile(sheet, profile) for sheet in sheets]
        wb, _ = render_workbook(sheets)
        path = out_dir / (form.file_name if profile is None else _profiled_name(form.file_name, profile))
        save(wb, path, reproducible=True)
        paths.append(path)
    return paths


def _profiled_name(file_name: str, profile: Profile) -> str:
    stem, dot, suffix = file_name.rpartition(".")
    return f"{stem}_{profile.id}{dot}{suffix}"


# ---- one sheet for one profile --------------------------------------------------------------------

def for_profile(sheet: Sheet, profile: Profile) -> Sheet:
    rate_row = next((r.name for r in sheet.rows if r.name in BUDGET_ROWS
                     and any(c.key == "rate" for c in r.cells)), None)
    rows = tuple(_row(row, profile, rate_row) for row in sheet.rows)
    return replace(sheet, rows=rows)


def _row(row: Row, profile: Profile, rate_row: str | None) -> Row:
    cells = tuple(_cell(cell, row, profile, rate_row) for cell in row.cells)
    return replace(row, cells=cells)


def _cell(cell: Cell, row: Row, profile: Profile, rate_row: str | None) -> Cell:
    if cell.role == "computed" and cell.formula:
        return replace(cell, formula=_formula(cell, row, profile, rate_row),
                       checks=tuple(_check(c, profile, rate_row) for c in cell.checks))
    if cell.role == "input" and row.name == "bud_total" and cell.key == "weight" and cell.text == BUDGET_WEIGHT:
        weight = profile.budget_weight
        return replace(cell, text=int(weight) if weight == int(weight) else weight)
    if cell.role == "note" and row.name == "notes":
        return replace(cell, text=f1_notes(profile))
    if cell.role == "note" and row.name == "remarks" and isinstance(cell.text, str):
        return replace(cell, text=_remarks(cell.text, profile))
    return cell


def _formula(cell: Cell, row: Row, profile: Profile, rate_row: str | None) -> str:
    formula = cell.formula or ""
    for ref in GRADE_REFS:
        if formula in (x.grade(ref), x.grade(ref, scoring.GRADE_BANDS_SHENZHEN)):
            return x.grade(ref, profile.grade_bands, profile.grade_floor)
    if formula == x.capped_score("{@weight}", "{@rate}"):
        return budget_formula(profile, "{@weight}", "{@rate}")
    m = re.fullmatch(r'IF\(ISNUMBER\(\{@rate\}\),MIN\(([\d.]+),\1\*\{@rate\}\),""\)', formula)
    if m:  # the Hubei form's printed 20 分: its weight stays, the method follows the profile
        return budget_formula(profile, m.group(1), "{@rate}")
    if row.name == "total" and cell.key == "score" and rate_row is not None and profile.caps:
        return capped_formula(formula, profile, "{%s.rate}" % rate_row)
    return formula


def _check(check: Check, profile: Profile, rate_row: str | None) -> Check:
    """The total's "equals the sum" check compares with the capped sum where the profile caps it."""
    if check.message != TOTAL_CHECK or not profile.caps or rate_row is None:
        return check
    m = re.fullmatch(r"AND\(ISNUMBER\(\{@score\}\),ROUND\(N\(\{@score\}\)-N\((SUM\(.*\))\),2\)<>0\)", check.formula)
    if not m:
        return check
    limited = f"MIN({m.group(1)},{cap_expression(profile, '{%s.rate}' % rate_row, m.group(1))})"
    return x.not_equal("{@score}", limited, f"{TOTAL_CHECK}（{profile.name}口径按执行率封顶）")


# ---- formulas -------------------------------------------------------------------------------------

def budget_formula(profile: Profile, weight: str, rate: str) -> str:
    """The budget-execution score as ``scoring.budget_score_for`` computes it, in Excel syntax."""
    if profile.budget_method == "proportional":
        if weight.startswith("{"):
            return x.capped_score(weight, rate)
        return x.capped_score_const(float(weight), rate)
    expr = "0"
    for minimum, share in reversed(profile.budget_tiers):
        expr = f"IF({rate}>={_number(minimum)},{weight}*{_number(share)},{expr})"
    guard = f"AND(ISNUMBER({weight}),ISNUMBER({rate}))" if weight.startswith("{") else f"ISNUMBER({rate})"
    return f'IF({guard},{expr},"")'


def cap_expression(profile: Profile, rate: str, otherwise: str) -> str:
    """The highest total the profile allows at ``rate`` (``otherwise`` when the rate is not capped):
    the tightest cap first, as ``Profile.cap`` takes the lowest of those that apply."""
    expr = otherwise
    for cap in sorted(profile.caps, key=lambda c: c.rate_below, reverse=True):
        expr = f"IF({rate}<{_number(cap.rate_below)},{_number(cap.max_total)},{expr})"
    return f"IF(ISNUMBER({rate}),{expr},{otherwise})"


def capped_formula(formula: str, profile: Profile, rate: str) -> str:
    """``IF(COUNT(…)=0,"",SUM(…))`` → the same sum, no more than the cap at this execution rate."""
    m = re.fullmatch(r'IF\(COUNT\((.*)\)=0,"",SUM\(\1\)\)', formula)
    if not m:
        return formula
    total = f"SUM({m.group(1)})"
    return f'IF(COUNT({m.group(1)})=0,"",MIN({total},{cap_expression(profile, rate, total)}))'


def _number(value: float) -> str:
    return f"{value:g}"


# ---- texts ----------------------------------------------------------------------------------------

def f1_notes(profile: Profile) -> str:
    bands = "；".join(f"{_number(bound)}分（含）以上为{label}" for bound, label in profile.grade_bands)
    if profile.budget_method == "proportional":
        budget = "预算执行得分 = 分值 × 执行率，不超过分值"
    else:
        budget = "预算执行得分按执行率分档：" + "，".join(
            f"{_number(lo * 100)}%（含）以上得分值的 {_number(share * 100)}%" for lo, share in profile.budget_tiers)
    (a, _), (b, _), _ = profile.bands
    parts = [f"注（{profile.name}口径）：1. 执行率 = 全年执行数(B) ÷ 全年预算数(A)；{budget}。",
             f"2. 分值一般为：预算执行率 {_number(profile.budget_weight)} 分，其余为各绩效指标，合计 100 分。",
             f"3. 定性指标按达成、部分达成、未达成三档，分别按分值的 100%–{_number(a * 100)}%（含）、"
             f"{_number(a * 100)}%–{_number(b * 100)}%（含）、{_number(b * 100)}%–0 计分。",
             f"4. 自评等级：{bands}；{_number(profile.grades[-1].minimum)} 分以下为{profile.grade_floor}。"]
    if profile.deviation is not None:
        parts.append(f"5. 完成值超过指标值 {_number(profile.deviation.threshold * 100)}% 及以上为指标偏离，"
                     f"该指标减 {_number(profile.deviation.penalty)} 分。")
    if profile.caps:
        caps = "；".join(f"执行率低于 {_number(c.rate_below * 100)}% 不超过 {_number(c.max_total)} 分"
                        for c in sorted(profile.caps, key=lambda c: c.rate_below, reverse=True))
        parts.append(f"{len(parts) + 1}. 总分按执行率封顶：{caps}（总分公式已按此计算）。")
    return "".join(parts)


BAND_SENTENCE = re.compile(r"100-(\d+)%（含(\d+)%）、(\d+)-(\d+)%（含(\d+)%）、(\d+)-0%")


def _remarks(text: str, profile: Profile) -> str:
    (a, _), (b, _), _ = profile.bands
    a, b = _number(a * 100), _number(b * 100)
    return BAND_SENTENCE.sub(f"100-{a}%（含{a}%）、{a}-{b}%（含{b}%）、{b}-0%", text)

