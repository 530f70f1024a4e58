"""Properties of the scoring rules (hypothesis) and a few worked examples."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from xltools import scoring

weights = st.floats(min_value=0, max_value=100, allow_nan=False)
amounts = st.floats(min_value=0, max_value=1e7, allow_nan=False)
units = st.sampled_from(["", "%", "人", "万元", "个"])


@given(st.sampled_from(["≥", "≤", "", "=", "不超过", "不低于"]), amounts, amounts, units, weights)
def test_score_is_between_zero_and_weight(op, target, actual, unit, weight):
    score = scoring.indicator_score(f"{op}{target:.2f}{unit}", f"{actual:.2f}{unit}", weight)
    assert score is not None
    assert 0 <= score <= weight + 1e-9


@given(amounts, amounts, amounts, weights)
def test_positive_indicator_never_decreases_as_actual_grows(target, a1, a2, weight):
    low, high = sorted((a1, a2))
    s_low = scoring.indicator_score(f"≥{target:.2f}人", f"{low:.2f}人", weight)
    s_high = scoring.indicator_score(f"≥{target:.2f}人", f"{high:.2f}人", weight)
    assert s_low <= s_high + 1e-9


@given(amounts, amounts, amounts, weights)
def test_reverse_indicator_never_increases_as_actual_grows(target, a1, a2, weight):
    low, high = sorted((a1, a2))
    s_low = scoring.indicator_score(f"≤{target:.2f}万元", f"{low:.2f}万元", weight)
    s_high = scoring.indicator_score(f"≤{target:.2f}万元", f"{high:.2f}万元", weight)
    assert s_low + 1e-9 >= s_high


@given(st.floats(min_value=0, max_value=1000, allow_nan=False), st.integers(min_value=1, max_value=60))
def test_split_weights_sum_to_the_total(total, n):
    total = round(total, 2)
    parts = scoring.split_weight(total, n)
    assert len(parts) == n
    assert math.isclose(sum(parts), total, abs_tol=1e-6)


@given(weights, st.one_of(st.none(), st.floats(min_value=0, max_value=5, allow_nan=False)),
       st.sampled_from(["proportional", "tiers"]))
def test_budget_score_is_capped(weight, rate, method):
    score = scoring.budget_score(weight, rate, method)
    assert score is None if rate is None else 0 <= score <= weight + 1e-9


@given(st.lists(st.tuples(st.floats(0, 100), st.floats(0, 1e6)), min_size=1, max_size=20))
def test_weighted_average_lies_between_min_and_max(pairs):
    assume(sum(f for _, f in pairs if f) > 0)
    values, funds = zip(*pairs)
    avg = scoring.weighted_average(list(values), list(funds))
    used = [v for v, f in pairs if f]
    assert min(used) - 1e-9 <= avg <= max(used) + 1e-9


@pytest.mark.parametrize("target, actual, weight, expected", [
    ("≥60%", "50%", 15, 12.5),                 # positive: 15 × 50/60
    ("≤24万元", "30万元", 10, 8.0),             # reverse: 10 × 24/30
    ("≤24万元", "240000元", 10, 10.0),          # units converted
    ("80%-90%", "70%", 10, 10 * 70 / 80),       # below the range
    ("80%-90%", "95%", 10, 10 * 90 / 95),       # above the range
    ("提升", "部分达成", 10, 7.0),              # tier 2 under 财预〔2020〕10号: 60–80%, middle
    ("提升", "未达成", 10, 3.0),                # tier 3: 0–60%, middle
    ("2019年12月", "2020年3月", 10, 3.0),       # late: not achieved
    ("2019年12月", "2019年11月", 10, 10.0),
])
def test_worked_examples(target, actual, weight, expected):
    assert math.isclose(scoring.indicator_score(target, actual, weight), expected)


def test_hubei_bands_are_a_setting():
    assert math.isclose(scoring.indicator_score("提升", "部分达成", 10, scoring.BANDS_HUBEI), 6.5)


@pytest.mark.parametrize("target, actual, weight, reason", [
    ("≥100人", "", 10, "实际完成值为空"),
    ("≥100人", "100万元", 10, "单位不一致"),
    ("提升", "abc", 10, "无法判断"),
    ("≥100人", "100人", "十", "分值"),
    ("≥1,0000人", "100人", 10, "千分位"),
])
def test_unscorable_pairs_say_why(target, actual, weight, reason):
    result = scoring.explain_score(target, actual, weight)
    assert result.score is None and reason in result.reason


def test_fractions_against_percent_targets_are_noted():
    result = scoring.explain_score("≥80%", "0.8", 10)
    assert result.score == 10 and "按 80% 理解" in result.notes[0]


@pytest.mark.parametrize("total, expected", [(90, "优"), (89.99, "良"), (80, "良"), (60, "中"), (59.9, "差"),
                                             (None, None)])
def test_grade(total, expected):
    assert scoring.grade(total) == expected
