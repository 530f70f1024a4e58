"""The domain rules (docs: domain.md), computed here on their own so the corpus never asks the checker.

Scores and weights are kept in hundredths of a point and money in hundredths of the amount unit
(integers), so every sum of the ground truth is exact. Ratios are rounded half up at the
precision a form displays, and the generator avoids figures that fall within a hair of a
rounding tie (a real form could show either side; the truth would be ambiguous).
"""

from __future__ import annotations

from fractions import Fraction

# 等级: 90(含)–100 优, 80(含)–90 良, 60(含)–80 中, <60 差 (hundredths of a point).
GRADE_FLOORS = ((9000, "优"), (8000, "良"), (6000, "中"), (0, "差"))
# Words real forms use for the same four grades (national short/long, four-tier 合格 forms).
GRADE_WORDS = {"优": ("优", "优秀"), "良": ("良", "良好"), "中": ("中", "合格"), "差": ("差", "不合格")}
# Qualitative bands as % of the weight: achieved / partly / not achieved (财预〔2020〕10号; seed 000).
BANDS_2020 = ((80, 100), (60, 80), (0, 60))
BANDS_HUBEI = ((80, 100), (50, 80), (0, 50))
# Shenzhen 一级 weights (seed 002).
SHENZHEN_LEVEL1 = (("投入和管理目标", 2500), ("产出目标", 3000), ("效果目标", 3500), ("影响力目标", 1000))


def grade(total: int) -> str:
    for floor, word in GRADE_FLOORS:
        if total >= floor:
            return word
    return "差"


def grade_word(total: int, style: int = 0) -> str:
    return GRADE_WORDS[grade(total)][style]


def round_half_up(value: Fraction) -> int:
    """Nearest integer, halves away from zero (Excel's ROUND for positive figures)."""
    sign = -1 if value < 0 else 1
    return sign * int(abs(value) + Fraction(1, 2))


def near_tie(value: Fraction, margin: Fraction = Fraction(1, 20)) -> bool:
    """True when ``value`` (in displayed units) is within ``margin`` of a .5 rounding tie."""
    frac = abs(value) - int(abs(value))
    return abs(frac - Fraction(1, 2)) < margin


def rate_bp(spent: int, budget: int) -> int:
    """执行率 B/A in hundredths of a percent (basis points of the whole): 9585 = 95.85 %."""
    return round_half_up(Fraction(spent, budget) * 10000)


def rate_is_clear(spent: int, budget: int) -> bool:
    return budget > 0 and not near_tie(Fraction(spent, budget) * 10000)


def budget_score(weight: int, spent: int, budget: int) -> int:
    """预算执行得分 = 分值 × 执行率 (B/A, unrounded), capped at 分值; hundredths of a point."""
    exact = Fraction(weight) * Fraction(spent, budget)
    return min(weight, round_half_up(exact))


def budget_score_is_clear(weight: int, spent: int, budget: int) -> bool:
    exact = Fraction(weight) * Fraction(spent, budget)
    return exact >= weight or not near_tie(exact)


def ratio_score(weight: int, num: Fraction, den: Fraction) -> int:
    """Quantitative score 分值 × B/A (positive) or 分值 × A/B (reverse), capped; hundredths."""
    return min(weight, round_half_up(Fraction(weight) * num / den))


def band(weight: int, tier: int, bands=BANDS_2020) -> tuple[Fraction, Fraction]:
    low, high = bands[tier]
    return Fraction(weight * low, 100), Fraction(weight * high, 100)


def in_band(score: int, weight: int, tier: int, bands=BANDS_2020) -> bool:
    """Top tier includes its upper bound (full marks); lower tiers include the low end only."""
    low, high = band(weight, tier, bands)
    if tier == 0:
        return low <= score <= high
    return low <= score < high


def split_weight(total: int, n: int) -> list[int]:
    """Seed 002: round(W/n, 2) on each of n indicators and the remainder on the last."""
    each = round_half_up(Fraction(total, n))
    return [each] * (n - 1) + [total - each * (n - 1)]


def percent(value: Fraction, decimals: int) -> int:
    """A ratio shown as a percentage with ``decimals`` decimals, in units of that last decimal."""
    return round_half_up(value * 100 * 10 ** decimals)


def weighted_average(scores: list[int], funds: list[int]) -> int:
    """Scores averaged by fund amount (seed 000 note 3), hundredths of a point."""
    return round_half_up(Fraction(sum(s * f for s, f in zip(scores, funds, strict=True)), sum(funds)))


def weighted_average_is_clear(scores: list[int], funds: list[int]) -> bool:
    return not near_tie(Fraction(sum(s * f for s, f in zip(scores, funds, strict=True)), sum(funds)))


def points(hundredths: int) -> float:
    """Hundredths to the number a form shows (93.5, 10, 2.27)."""
    return hundredths / 100


def fmt_points(hundredths: int, decimals: int | None = None) -> str:
    if decimals is None:
        text = f"{hundredths / 100:.2f}".rstrip("0").rstrip(".")
        return text or "0"
    return f"{hundredths / 100:.{decimals}f}"
