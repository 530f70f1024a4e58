"""Scoring rules of the self-evaluation forms, in one place.

The templates' native formulas are generated from the same constants
(see ``xltools.forms.exprs``), so Excel and Python agree by construction and
the tests prove it by recalculating the templates.
"""

from __future__ import annotations

from collections.abc import Sequence

# (lower bound inclusive, label), highest first; below the last bound the floor label.
GradeBands = tuple[tuple[float, str], ...]
GRADE_BANDS: GradeBands = ((90, "优"), (80, "良"), (60, "中"))
GRADE_FLOOR = "差"
# Shenzhen (seed 002) writes the top grade as 优秀.
GRADE_BANDS_SHENZHEN: GradeBands = ((90, "优秀"), (80, "良好"), (60, "中"))


def execution_rate(budget: float | None, spent: float | None) -> float | None:
    """执行率 = 全年执行数 / 全年预算数 (B/A); None when A is missing or zero."""
    if budget is None or spent is None or budget == 0:
        return None
    return spent / budget


def budget_score(weight: float, rate: float | None) -> float | None:
    """Budget-execution score: 分值 × 执行率, never above 分值 (proportional method)."""
    if rate is None:
        return None
    return min(weight, weight * rate)


def grade(total: float | None, bands: GradeBands = GRADE_BANDS, floor: str = GRADE_FLOOR) -> str | None:
    """等级 from 总分: 90(含)–100 优, 80(含)–90 良, 60(含)–80 中, <60 差."""
    if total is None:
        return None
    for bound, label in bands:
        if total >= bound:
            return label
    return floor


def weighted_average(values: Sequence[float | None], funds: Sequence[float | None]) -> float | None:
    """Average of values weighted by fund amount (seed 000 note 2); skips missing pairs."""
    pairs = [(v, f) for v, f in zip(values, funds, strict=True) if v is not None and f]
    total_funds = sum(f for _, f in pairs)
    if not pairs or total_funds == 0:
        return None
    return sum(v * f for v, f in pairs) / total_funds
