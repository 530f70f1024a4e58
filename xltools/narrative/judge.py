"""Is a stated actual meeting its stated target? Decided by the checker's own code:
``xltools.values.parse`` reads the texts and ``xltools.scoring.explain_score`` scores them, so a
report is judged exactly as the form would be."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from xltools import scoring
from xltools.cn_numbers import percent_words
from xltools.values import Parsed, Quantity, parse

Status = Literal["met", "partial", "missed", "units", "unknown"]
FULL = 1.0  # judge with one point: the score is then the share of the weight earned


@dataclass(frozen=True)
class Judgement:
    status: Status
    reason: str                                  # Chinese, from the scoring code
    units: tuple[str, str] | None = None         # (target unit, actual unit) when they are written differently
    on_bound: bool = False                       # a strict target (>X, <X) hit exactly at X


def judge(target: object, actual: object, bands: scoring.QualitativeBands = scoring.BANDS_2020) -> Judgement:
    target, actual = percent_words(target), percent_words(actual)
    t, a = parse(target), parse(actual)
    units = unit_difference(t, a)
    if units is not None and not units[2]:
        return Judgement("units", f"预期值单位“{units[0]}”，实际完成值单位“{units[1]}”，两者无法比较", units[:2])
    result = scoring.explain_score(target, actual, FULL, bands)
    written = units[:2] if units else None
    if result.score is None:
        return Judgement("unknown", result.reason, written)
    if result.score >= FULL - 1e-9:
        if _on_strict_bound(t, actual, bands):
            return Judgement("missed", f"实际完成值等于而不{'高于' if t.op == '>' else '低于'}指标值", written, True)
        return Judgement("met", result.reason, written)
    if result.method == "定性" and result.band is not None and result.band[0] > 0:
        return Judgement("partial", result.reason, written)
    return Judgement("missed", result.reason, written)


def _on_strict_bound(t: Parsed, actual: object, bands: scoring.QualitativeBands) -> bool:
    """A strict target (>X, <X) hit exactly at X. The scoring code scores it by the ratio of the
    two, which is 1 there (full marks), though the target is not met; the opposite non-strict
    target (≤X for >X), scored by the same code, tells whether the actual sits on the bound."""
    if t.kind != "comparison" or t.op not in (">", "<") or t.quantity is None:
        return False
    opposite = f"{'<=' if t.op == '>' else '>='}{t.quantity.value:.12g}{t.quantity.unit}"
    reached = scoring.explain_score(opposite, actual, FULL, bands).score
    return reached is not None and reached >= FULL - 1e-9


def unit_difference(t: Parsed, a: Parsed) -> tuple[str, str, bool] | None:
    """(target unit, actual unit, comparable) when both carry a unit and the units are written
    differently; comparable when they share a base unit (万元 and 元) or one is a bare multiplier."""
    tq, aq = t.quantity or t.low, a.quantity
    if tq is None or aq is None or not tq.unit or not aq.unit or tq.unit == aq.unit:
        return None
    comparable = tq.base_unit == aq.base_unit or not tq.base_unit or not aq.base_unit
    return tq.unit, aq.unit, comparable


def same_value(stated: object, table: object) -> bool:
    """Whether a value written in the report is the value in the table (read the same way)."""
    stated = percent_words(stated)
    s, t = parse(stated), parse(table)
    if s.kind == "empty" or t.kind == "empty":
        return s.kind == t.kind
    if s.kind in ("number", "comparison") and t.kind in ("number", "comparison"):
        return (s.op or "=") == (t.op or "=") and _same_quantity(s.quantity, t.quantity)
    if s.kind == "range" and t.kind == "range":
        return _same_quantity(s.low, t.low) and _same_quantity(s.high, t.high)
    if s.kind == "date" and t.kind == "date":
        return s.date == t.date
    return _plain(stated) == _plain(table)


def _same_quantity(x: Quantity | None, y: Quantity | None) -> bool:
    if x is None or y is None:
        return x is y
    xv, yv = x.base, y.base
    if x.is_percent and not y.base_unit:
        yv = _as_percent(yv)   # 95% against 0.95 typed into a percent-formatted cell
    elif y.is_percent and not x.base_unit:
        xv = _as_percent(xv)
    elif x.base_unit != y.base_unit and x.base_unit and y.base_unit:
        return False
    return math.isclose(xv, yv, rel_tol=1e-9, abs_tol=1e-9)


def _as_percent(value: float) -> float:
    """A bare number compared with a percentage, read as the scoring code reads it."""
    return value * 100 if abs(value) <= scoring.FRACTION_LIMIT else value


def _plain(value: object) -> str:
    text = "" if value is None else str(value)
    return re.sub(r"[\s“”\"'‘’。.]", "", text)
