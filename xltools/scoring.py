"""Scoring rules of the self-evaluation forms, in one place (domain brief, "Scoring rules").

The templates' native formulas are generated from the same constants (see
``xltools.forms.exprs``); the Excel functions (``xltools.excel.udfs``) call these functions;
the tests recalculate the templates and compare.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from xltools import profiles
from xltools.profiles import Deviation, Profile
from xltools.values import Parsed, Quantity, parse

# The constants below are the packaged profiles' values (xltools/profiles/*.toml), kept as names
# for the callers that predate profiles; a profile passed explicitly always wins.
NATIONAL: Profile = profiles.load(profiles.DEFAULT)

# ---- grades -------------------------------------------------------------------------------

# (lower bound inclusive, label), highest first; below the last bound the floor label.
GradeBands = tuple[tuple[float, str], ...]
GRADE_BANDS: GradeBands = NATIONAL.grade_bands
GRADE_FLOOR = NATIONAL.grade_floor
# Shenzhen (seed 002) writes the top grade as 优秀.
GRADE_BANDS_SHENZHEN: GradeBands = profiles.load("shenzhen").grade_bands


def grade(total: float | None, bands: GradeBands = GRADE_BANDS, floor: str = GRADE_FLOOR) -> str | None:
    """等级 from 总分: 90(含)–100 优, 80(含)–90 良, 60(含)–80 中, <60 差."""
    if total is None:
        return None
    for bound, label in bands:
        if total >= bound:
            return label
    return floor


def grade_for(total: float | None, profile: Profile = NATIONAL) -> str | None:
    """等级 from 总分 under a profile's grade names and limits."""
    return profile.grade(total)


def capped_total(total: float | None, rate: float | None, profile: Profile = NATIONAL) -> float | None:
    """总分 as a profile allows it at this execution rate (yitihua: no more than 89 below 80%, …)."""
    if total is None:
        return None
    cap = profile.cap(rate)
    return total if cap is None else min(total, cap)


# ---- budget execution ---------------------------------------------------------------------

# (minimum rate inclusive, share of the weight), highest first. Seed 002 scores funding
# this way: ≥90% full, 80–90% partial, <80% nothing; the partial share is a setting.
BudgetTiers = tuple[tuple[float, float], ...]
BUDGET_TIERS: BudgetTiers = NATIONAL.budget_tiers


def execution_rate(budget: float | None, spent: float | None) -> float | None:
    """执行率 = 全年执行数 / 全年预算数 (B/A); None when A is missing or zero or B is missing."""
    if budget is None or spent is None or budget == 0:
        return None
    return spent / budget


def budget_score(weight: float, rate: float | None, method: Literal["proportional", "tiers"] = "proportional",
                 tiers: BudgetTiers = BUDGET_TIERS) -> float | None:
    """Budget-execution score, never above 分值 nor below 0: 分值 × 执行率, or by tiers."""
    if rate is None or weight is None:
        return None
    if method == "tiers":
        for minimum, share in tiers:
            if rate >= minimum:
                return weight * share
        return 0.0
    return max(0.0, min(weight, weight * rate))


def budget_score_for(weight: float | None, rate: float | None, profile: Profile = NATIONAL) -> float | None:
    """Budget-execution score by the profile's method (proportional or its tiers); the profile's
    weight when the form states none."""
    points = profile.budget_weight if weight is None else weight
    return budget_score(points, rate, profile.budget_method, profile.budget_tiers)


# ---- indicators ---------------------------------------------------------------------------

# Qualitative bands as shares of 分值 per tier: (lowest inclusive, highest).
QualitativeBands = tuple[tuple[float, float], tuple[float, float], tuple[float, float]]
BANDS_2020: QualitativeBands = NATIONAL.bands                   # 财预〔2020〕10号
BANDS_HUBEI: QualitativeBands = profiles.load("hubei").bands    # seed 000 note 3
# Percent-like actual values typed as fractions ("0.9" against "≥90%") are read as 90% up to here.
FRACTION_LIMIT = 1.5


@dataclass(frozen=True)
class ScoreResult:
    score: float | None
    method: str                     # 正向 / 反向 / 区间 / 定性 / 时效 / 达成
    reason: str                     # Chinese: how the score came about, or why there is none
    band: tuple[float, float] | None = None   # allowed score range for qualitative tiers
    notes: tuple[str, ...] = field(default=())


def indicator_score(target: object, actual: object, weight: object,
                    bands: QualitativeBands = BANDS_2020, deviation: Deviation | None = None) -> float | None:
    """得分 of one indicator from the cell texts (or numbers); None when it cannot be scored."""
    return explain_score(target, actual, weight, bands, deviation).score


def profile_score(target: object, actual: object, weight: object, profile: Profile = NATIONAL) -> ScoreResult:
    """``explain_score`` with a profile's bands and its deviation penalty, if it has one."""
    return explain_score(target, actual, weight, profile.bands, profile.deviation)


def explain_score(target: object, actual: object, weight: object,
                  bands: QualitativeBands = BANDS_2020, deviation: Deviation | None = None) -> ScoreResult:
    """Like ``indicator_score`` with the method, the reason and any reading decisions."""
    key = (target, type(target), actual, type(actual), weight, type(weight), bands)
    try:
        result = _explain_cached(key)
    except TypeError:  # an unhashable value: score it without the cache
        result = _explain(target, actual, weight, bands)
    return _deviated(result, target, actual, deviation) if deviation is not None else result


def over_target(target: object, actual: object) -> float | None:
    """How far a positive quantitative indicator's actual value is above its target, as a share of
    the target (0.35 for 270 against ≥200); None for other targets or values that do not compare."""
    t, a = parse(target), parse(actual)
    if t.kind not in ("number", "comparison") or t.op not in (None, ">=", ">", "=") or t.quantity is None:
        return None
    if a.kind not in ("number", "comparison") or a.quantity is None:
        return None
    aligned = _align(a.quantity, t.quantity, [])
    if aligned is None or t.quantity.base <= 0:
        return None
    return aligned.base / t.quantity.base - 1


def _deviated(result: ScoreResult, target: object, actual: object, deviation: Deviation) -> ScoreResult:
    """The yitihua rule: completion at least (1 + threshold) × target is a deviation, minus the penalty."""
    if result.score is None or result.method not in ("正向", "达成"):
        return result
    over = over_target(target, actual)
    if over is None or over < deviation.threshold - 1e-9:
        return result
    score = max(0.0, result.score - deviation.penalty)
    return ScoreResult(score, result.method, f"{result.reason}；完成值超过指标值 {over:.0%}（{deviation.threshold:.0%} "
                       f"及以上为指标偏离），减 {deviation.penalty:g} 分", result.band, result.notes)


@lru_cache(maxsize=65536)
def _explain_cached(key: tuple) -> ScoreResult:
    """Several rules score the same row: compute each (target, actual, weight, bands) once."""
    target, _, actual, _, weight, _, bands = key
    return _explain(target, actual, weight, bands)


def _explain(target: object, actual: object, weight: object, bands: QualitativeBands) -> ScoreResult:
    w = parse(weight)
    if w.kind != "number" or w.quantity is None or w.quantity.base < 0:
        return ScoreResult(None, "", f"分值“{weight}”不是不小于 0 的数字")
    points = w.quantity.base
    t, a = parse(target), parse(actual)
    if a.kind == "empty":
        return ScoreResult(None, "", "实际完成值为空")
    if t.kind == "empty":
        return ScoreResult(None, "", "指标值为空")
    for p, name in ((t, "指标值"), (a, "实际完成值")):
        if p.kind == "invalid":
            return ScoreResult(None, "", f"{name}无法解析：{p.problem}")
    if t.kind in ("number", "comparison", "range"):
        return _quantitative(t, a, points)
    if t.kind == "date":
        return _deadline(t, a, points, bands)
    return _qualitative(t, a, points, bands)


# A target that only asks for a direction ("提升", "有所改善") is met by any change that way.
DIRECTION_WORDS = ("提升", "提高", "改善", "增强", "增加", "加强", "优化", "扩大", "降低", "减少")
NEGATIONS = ("未", "不", "没有", "无", "下降")


def _qualitative(t: Parsed, a: Parsed, points: float, bands: QualitativeBands) -> ScoreResult:
    if a.kind in ("qualitative", "text") and (_same_text(t, a) or _direction_met(t, a)):
        return ScoreResult(points, "定性", "实际完成与指标值一致，视为达成预期指标",
                           (points * bands[0][0], points * bands[0][1]))
    if a.kind != "qualitative" or a.tier is None:
        return ScoreResult(None, "定性", f"指标值是定性描述，实际完成值“{a.raw}”无法判断达成程度")
    return _tier_score(a.tier, points, bands, f"实际完成“{a.text}”")


def _tier_score(tier: int, points: float, bands: QualitativeBands, what: str) -> ScoreResult:
    low, high = bands[tier - 1]
    names = {1: "达成预期指标", 2: "部分达成预期指标", 3: "未达成预期指标"}
    # Full marks for achieved; the middle of the band otherwise (the assessor may choose within it).
    share = high if tier == 1 else (low + high) / 2
    return ScoreResult(points * share, "定性",
                       f"{what}，属于“{names[tier]}”，按分值的 {low:.0%}–{high:.0%} 计，取 {share:.0%}",
                       (points * low, points * high))


def _same_text(t: Parsed, a: Parsed) -> bool:
    return bool(t.text) and t.text == a.text


def _direction_met(t: Parsed, a: Parsed) -> bool:
    """Target "提升" (or "有所提升", "逐步提高"), actual "有所提升": the direction asked for was reached."""
    word = next((w for w in DIRECTION_WORDS if t.text.endswith(w)), None)
    return word is not None and word in a.text and not a.text.startswith(NEGATIONS)


def _deadline(t: Parsed, a: Parsed, points: float, bands: QualitativeBands) -> ScoreResult:
    if a.kind == "date" and a.date and t.date:
        t_key = ((t.date[0] or a.date[0] or 0), t.date[1], t.date[2] or 31)
        a_key = ((a.date[0] or t.date[0] or 0), a.date[1], a.date[2] or 1)
        if a_key <= t_key:
            return ScoreResult(points, "时效", "在指标规定的时间内完成")
        return _tier_score(3, points, bands, "完成时间晚于指标规定时间")
    if a.kind == "qualitative" and a.tier:
        return _tier_score(a.tier, points, bands, f"实际完成“{a.text}”")
    return ScoreResult(None, "时效", f"指标值是时间要求，实际完成值“{a.raw}”无法判断是否按时")


def _quantitative(t: Parsed, a: Parsed, points: float) -> ScoreResult:
    if a.kind == "qualitative" and a.tier == 1 and t.kind != "range":
        return ScoreResult(points, "达成", f"实际完成“{a.text}”，视为达到指标值")
    if a.kind not in ("number", "comparison") or a.quantity is None:
        return ScoreResult(None, "", f"指标值是数量，实际完成值“{a.raw}”不是数量")
    notes: list[str] = []
    reference = t.quantity or t.low
    actual = _align(a.quantity, reference, notes)
    if actual is None:
        return ScoreResult(None, "", f"单位不一致：指标值单位“{_unit(reference)}”，实际完成值单位“{a.quantity.unit}”")
    b = actual.base
    if t.kind == "range":
        low, high = t.low.base, t.high.base  # type: ignore[union-attr]
        if low <= b <= high:
            return ScoreResult(points, "区间", "实际完成值在指标区间内", notes=tuple(notes))
        if b < low:
            return _ratio(points, b, low, "区间", "低于区间下限，按 实际/下限 计", notes)
        return _ratio(points, high, b, "区间", "高于区间上限，按 上限/实际 计", notes)
    target = t.quantity.base  # type: ignore[union-attr]
    if t.op in ("<=", "<"):
        met = b <= target if t.op == "<=" else b < target
        if met:
            return ScoreResult(points, "反向", "反向指标已达到（不高于指标值），得满分", notes=tuple(notes))
        return _ratio(points, target, b, "反向", "反向指标超出，得分 = 分值 × 指标值/实际值", notes)
    met = b >= target if t.op in (None, ">=", "=") else b > target
    if met:
        return ScoreResult(points, "正向", "已达到指标值，得满分", notes=tuple(notes))
    return _ratio(points, b, target, "正向", "未达到指标值，得分 = 分值 × 实际值/指标值", notes)


def _ratio(points: float, numerator: float, denominator: float, method: str, reason: str,
           notes: list[str]) -> ScoreResult:
    if denominator <= 0:
        return ScoreResult(0.0 if numerator <= 0 else points, method, reason, notes=tuple(notes))
    share = max(0.0, min(1.0, numerator / denominator))
    return ScoreResult(points * share, method, reason, notes=tuple(notes))


def _unit(q: Quantity | None) -> str:
    return q.unit if q and q.unit else "无单位"


def _align(actual: Quantity, reference: Quantity | None, notes: list[str]) -> Quantity | None:
    """Bring the actual value into the target's base unit, or None when the units clash."""
    if reference is None or actual.base_unit == reference.base_unit or not actual.base_unit and not reference.base_unit:
        return actual
    if reference.is_percent and actual.base_unit == "":
        if abs(actual.value) <= FRACTION_LIMIT:
            notes.append(f"实际完成值 {actual.value:g} 按 {actual.value * 100:g}% 理解")
            return Quantity(actual.value * 100, "%", "%", actual.value * 100)
        notes.append(f"实际完成值 {actual.value:g} 按 {actual.value:g}% 理解")
        return Quantity(actual.value, "%", "%", actual.value)
    multiplier = reference.base / reference.value if reference.value else 1
    if actual.base_unit == "" and not actual.unit and multiplier >= 1e4 and abs(actual.value) >= 1000 * abs(reference.value):
        # "230000" against "≥22万元": typed in 元, not in 万元
        notes.append(f"实际完成值没有写单位，数值按“{reference.base_unit}”理解")
        return Quantity(actual.value, reference.base_unit, reference.base_unit, actual.value)
    if actual.base_unit == "" and not actual.unit and reference.value:
        # A bare number against "≥22万元" is 22 in the target's own unit (万元), not 22 元.
        notes.append(f"实际完成值没有写单位，按指标值的单位“{reference.unit}”理解")
        return Quantity(actual.value, reference.unit, reference.base_unit, actual.value * reference.base / reference.value)
    if actual.base_unit == "" or reference.base_unit == "":
        # "6000万" vs "6000万元": the numbers still compare.
        notes.append("一方没有写单位，按相同单位比较")
        return actual
    return None


# ---- aggregation --------------------------------------------------------------------------

def weighted_average(values: Sequence[float | None], funds: Sequence[float | None]) -> float | None:
    """Average of values weighted by fund amount (seed 000 note 2); skips missing pairs."""
    pairs = [(v, f) for v, f in zip(values, funds, strict=True) if v is not None and f]
    total_funds = sum(f for _, f in pairs)
    if not pairs or total_funds == 0:
        return None
    return sum(v * (f / total_funds) for v, f in pairs)  # shares first: no underflow with tiny funds


def split_weight(total: float, n: int) -> list[float]:
    """Seed 002's rule: round(W/n, 2) each, the remainder on the last; sums exactly to W (to the cent)."""
    if n <= 0:
        raise ValueError("n must be positive")
    each = round(total / n, 2)
    last = round(total - each * (n - 1), 2)
    return [each] * (n - 1) + [last]
