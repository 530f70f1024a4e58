"""Worked examples of the scoring rules at their edges, each computed by hand from the domain brief
("Scoring rules"). Mutation testing (bench/mutation.sh, docs/mutation.md) showed the property tests and
the few examples in test_scoring.py let a wrong comparison, band or branch pass: these pin the score,
the method and the branch the explanation names.
"""

from __future__ import annotations

import math

import pytest

from xltools import profiles, scoring

HUBEI = scoring.BANDS_HUBEI


@pytest.mark.parametrize("target, actual, weight, score, method, says", [
    # positive: met at the target itself, otherwise 分值 × 实际/指标值
    ("≥100人", "100人", 10, 10, "正向", "已达到指标值"),
    ("≥100人", "80人", 10, 8, "正向", "未达到指标值"),
    ("100人", "90人", 10, 9, "正向", "未达到指标值"),               # a bare target is a positive one
    ("=100%", "100%", 10, 10, "正向", "已达到指标值"),
    ("＞100人", "101人", 10, 10, "正向", "已达到指标值"),
    (">0人", "0人", 10, 0, "正向", "未达到指标值"),                 # nothing done against a zero target
    ("≥0.5万元", "0.25万元", 10, 5, "正向", "未达到指标值"),         # a target below one unit still divides
    # reverse: met at the limit itself, otherwise 分值 × 指标值/实际
    ("≤20万元", "20万元", 10, 10, "反向", "反向指标已达到"),
    ("≤20万元", "25万元", 10, 8, "反向", "反向指标超出"),
    ("<20万元", "18万元", 10, 10, "反向", "反向指标已达到"),
    ("<20万元", "25万元", 10, 8, "反向", "反向指标超出"),
    # ranges: both bounds inside, below by 实际/下限, above by 上限/实际
    ("80%-90%", "80%", 10, 10, "区间", "在指标区间内"),
    ("80%-90%", "90%", 10, 10, "区间", "在指标区间内"),
    ("80%-90%", "70%", 10, 10 * 70 / 80, "区间", "低于区间下限"),
    ("80%-90%", "95%", 10, 10 * 90 / 95, "区间", "高于区间上限"),
    # an actual that says the target was reached counts as reached (not for a range: it says nothing of where)
    ("≥100人", "达成预期指标", 10, 10, "达成", "视为达到指标值"),
    # deadlines: a month means its last day as a target and its first day as an actual (never a false "late")
    ("2019年12月", "2019年12月", 10, 10, "时效", "在指标规定的时间内完成"),
    ("2019年12月1日", "2019年12月", 10, 10, "时效", "在指标规定的时间内完成"),
    ("12月底", "2019年12月", 10, 10, "时效", "在指标规定的时间内完成"),   # the target's year is the actual's
    ("2019年12月", "2020年1月", 10, 3, "定性", "完成时间晚于指标规定时间"),  # late: not achieved, middle of 0–60%
    ("2019年6月", "7月底", 10, 3, "定性", "完成时间晚于指标规定时间"),    # an actual without a year is in the target's
    ("6月底", "7月底", 10, 3, "定性", "完成时间晚于指标规定时间"),        # neither has a year: the same one
    ("6月底", "6月末", 10, 10, "时效", "在指标规定的时间内完成"),
    ("2019年12月", "按时", 10, 10, "定性", "实际完成“按时”"),            # words that say it was on time
    # strict bounds: the bound itself is not met, though the ratio still gives full marks
    ("<20万元", "20万元", 10, 10, "反向", "反向指标超出"),
    ("≥0.8", "0.4", 10, 5, "正向", "未达到指标值"),                      # a target below 1 divides like any other
    ("≥100人", "≥120人", 10, 10, "正向", "已达到指标值"),                 # an actual typed as a comparison
])
def test_quantitative_and_deadline_edges(target, actual, weight, score, method, says):
    result = scoring.explain_score(target, actual, weight)
    assert math.isclose(result.score, score, abs_tol=1e-9), result
    assert result.method == method and says in result.reason, result


@pytest.mark.parametrize("target, actual, bands, score, band", [
    ("健全", "健全", scoring.BANDS_2020, 10, (8, 10)),         # same words: achieved, full marks
    ("提升", "有所提升", scoring.BANDS_2020, 10, (8, 10)),     # the direction asked for was reached
    ("健全", "基本健全", scoring.BANDS_2020, 7, (6, 8)),       # partly: 60–80 %, the middle
    ("健全", "不健全", scoring.BANDS_2020, 3, (0, 6)),         # not achieved: 0–60 %, the middle
    ("健全", "基本健全", HUBEI, 6.5, (5, 8)),                  # seed 000's bands 80–50
    ("健全", "健全", HUBEI, 10, (8, 10)),
])
def test_qualitative_tiers_and_bands(target, actual, bands, score, band):
    result = scoring.explain_score(target, actual, 10, bands)
    assert result.method == "定性" and math.isclose(result.score, score), result
    assert result.band is not None and all(math.isclose(x, y) for x, y in zip(result.band, band, strict=True)), result


@pytest.mark.parametrize("target, actual", [("提升", "未提升"), ("提升", "没有提升"), ("降低", "不降低")])
def test_a_negated_direction_is_not_the_direction_reached(target, actual):
    result = scoring.explain_score(target, actual, 10)
    assert result.score is None or result.score < 10, result


@pytest.mark.parametrize("target, actual, weight", [
    ("2019年12月", "尚在推进", 10),         # a deadline against words that say nothing of time
    ("≥100人", "很多", 10),                # a number against words
    ("80%-90%", "达成预期指标", 10),        # "reached" says nothing of where in a range
    ("", "健全", 10),                      # no target: nothing to hold the actual to
])
def test_unscorable_pairs_give_no_score_and_a_reason(target, actual, weight):
    result = scoring.explain_score(target, actual, weight)
    assert result.score is None and result.reason, result


@pytest.mark.parametrize("target, actual, score, note", [
    ("≥22万元", "26", 10, "按指标值的单位"),       # a bare actual is in the target's unit
    ("≥90%", "95", 10, "按 95% 理解"),             # a bare 95 against a percentage is 95 %
    ("≥90%", "0.8", 10 * 80 / 90, "按 80% 理解"),  # a fraction against a percentage
    ("≥90%", "1.5", 10, "按 150% 理解"),           # up to 1.5 a fraction is still read as a share
])
def test_actuals_without_their_unit_are_read_in_the_targets(target, actual, score, note):
    result = scoring.explain_score(target, actual, 10)
    assert math.isclose(result.score, score) and any(note in n for n in result.notes), result


def test_every_result_explains_itself():
    """The explanation is shown to the user (check --explain, messages): never missing, never None."""
    pairs = [("≥100人", "80人"), ("≤20万元", "25万元"), ("80%-90%", "95%"), ("80%-90%", "85%"), ("健全", "基本健全"),
             ("2019年12月", "2020年1月"), ("2019年12月", "尚在推进"), ("≥100人", "很多"), ("≥100人", ""),
             (">0人", "0人"), ("", "健全"), ("≥100人", "100万元")]
    for target, actual in pairs:
        result = scoring.explain_score(target, actual, 10)
        assert isinstance(result.reason, str) and result.reason and "None" not in result.reason, result
        assert isinstance(result.method, str) and isinstance(result.notes, tuple), result


# ---- budget execution ---------------------------------------------------------------------

def test_execution_rate_is_never_capped():
    """执行数 above 预算数: the rate is what it is (110 %); only the score is capped."""
    assert math.isclose(scoring.execution_rate(100, 110), 1.1)
    assert math.isclose(scoring.execution_rate(100, 90), 0.9)
    assert scoring.execution_rate(0, 90) is None and scoring.execution_rate(None, 90) is None
    assert scoring.execution_rate(100, None) is None


@pytest.mark.parametrize("weight, rate, score", [(10, 1.1, 10), (10, 0.9, 9), (20, 0.9585, 19.17), (10, -0.1, 0),
                                                 (10, None, None)])
def test_budget_score_is_weight_times_rate_capped(weight, rate, score):
    got = scoring.budget_score(weight, rate)
    assert got == score if score is None else math.isclose(got, score)


@pytest.mark.parametrize("rate, score", [(0.95, 10), (0.9, 10), (0.8999, 5), (0.8, 5), (0.7999, 0), (0, 0)])
def test_budget_tiers_at_their_bounds(rate, score):
    """Seed 002: ≥90 % full, 80–90 % the partial share (half by default), below 80 % nothing."""
    assert math.isclose(scoring.budget_score(10, rate, "tiers"), score)


def test_budget_score_for_a_form_without_its_weight_takes_the_profiles():
    national = profiles.load("national-2020")
    assert math.isclose(scoring.budget_score_for(None, 0.9, national), national.budget_weight * 0.9)
    assert math.isclose(scoring.budget_score_for(20, 0.9, national), 18)


# ---- deviation (yitihua profile) ----------------------------------------------------------

@pytest.mark.parametrize("target, actual, over", [
    ("≥200人", "270人", 0.35), ("200人", "200人", 0.0), (">200人", "300人", 0.5), ("=200人", "250人", 0.25),
    ("≤200人", "270人", None),        # reverse targets never deviate this way
    ("80%-90%", "99%", None),         # nor ranges
    ("≥200人", "270万元", None),      # units that do not compare
    ("≥0人", "5人", None),            # no share of a zero target
    ("≥200人", "很多", None),
    ("≥200人", "≥270人", 0.35),       # an actual typed as a comparison
    ("≥0.5万元", "1万元", 1.0),       # a target below one unit
])
def test_over_target(target, actual, over):
    got = scoring.over_target(target, actual)
    assert got == over if over is None else math.isclose(got, over)


def test_split_weight_rejects_no_parts():
    with pytest.raises(ValueError):
        scoring.split_weight(10, 0)
    assert scoring.split_weight(10, 3) == [3.33, 3.33, 3.34]


def test_a_unit_clash_names_both_units():
    reason = scoring.explain_score("≥100人", "100万元", 10).reason
    assert "“人”" in reason and "“万元”" in reason


def test_a_value_that_cannot_be_cached_is_scored_all_the_same():
    """A range handed over by an Excel function arrives as a list: scored without the cache."""
    result = scoring.explain_score(["≥100人"], "80人", 10)
    assert result.score is None and "80人" in result.reason


def test_the_deviation_penalty_keeps_the_method_and_notes():
    yitihua = profiles.load("yitihua")
    result = scoring.profile_score("≥200人", "270人", 10, yitihua)   # 35 % over ≥ 30 %: minus 2
    assert math.isclose(result.score, 10 - yitihua.deviation.penalty) and result.method == "正向"
    assert isinstance(result.notes, tuple) and "指标偏离" in result.reason
    assert math.isclose(scoring.indicator_score("≥200人", "270人", 10, deviation=yitihua.deviation),
                        10 - yitihua.deviation.penalty)
    assert scoring.profile_score("≥200人", "270人", "十", yitihua).score is None   # no weight, nothing to reduce
