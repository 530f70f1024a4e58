"""How an actual value without a unit is read against its target's unit, worked by hand (domain brief,
"Scoring rules": a bare number against a target in 万元 is 万元 unless it is clearly 元; 0.95 against a
percentage is 95 %). Mutation testing (bench/mutation.sh, docs/mutation.md) showed that the 元 reading was
only ever tried with actuals that met their target, so reading them in 万元 instead passed unnoticed, and
that the explanation's notes were never checked.
"""

from __future__ import annotations

import math

import pytest

from xltools import scoring


@pytest.mark.parametrize("target, actual, weight, score, note", [
    # 210000 against ≥22万元: far too big for 万元 (≥ 1000 × 22), so 210,000 元 = 21 万元: 10 × 21/22
    ("≥22万元", 210000, 10, 10 * 21 / 22, "实际完成值没有写单位，数值按“元”理解"),
    ("≥22万元", 230000, 10, 10, "实际完成值没有写单位，数值按“元”理解"),                # 23 万元 ≥ 22
    # reverse: 250,000 元 = 25 万元 against ≤20万元: 10 × 20/25 = 8
    ("≤20万元", 250000, 10, 8, "实际完成值没有写单位，数值按“元”理解"),
    # a small bare number is in the target's own unit: 20 万元 against ≥22万元: 10 × 20/22
    ("≥22万元", 20, 10, 10 * 20 / 22, "实际完成值没有写单位，按指标值的单位“万元”理解"),
    ("≥22万元", "21", 10, 10 * 21 / 22, "实际完成值没有写单位，按指标值的单位“万元”理解"),
    ("≥100人", 90, 10, 9, "实际完成值没有写单位，按指标值的单位“人”理解"),              # 10 × 90/100
    # against a percentage, a fraction up to 1.5 is a share and a bigger number is already percent: 90 %
    ("≥95%", 0.9, 10, 10 * 90 / 95, "实际完成值 0.9 按 90% 理解"),
    ("≥95%", 90, 10, 10 * 90 / 95, "实际完成值 90 按 90% 理解"),
    ("≥95%", 1.2, 10, 10, "实际完成值 1.2 按 120% 理解"),                                # 120 % ≥ 95 %
    # 万 without 元 on one side: the numbers still compare, 5000 against 6000: 10 × 5000/6000
    ("≥6000万", "5000万元", 10, 10 * 5000 / 6000, "一方没有写单位，按相同单位比较"),
    ("≥6000万元", "5000万", 10, 10 * 5000 / 6000, "一方没有写单位，按相同单位比较"),
])
def test_an_actual_without_its_unit_is_read_in_the_targets_unit(target, actual, weight, score, note):
    result = scoring.explain_score(target, actual, weight)
    assert result.score is not None and math.isclose(result.score, score, abs_tol=1e-9), result
    assert note in result.notes, result.notes


@pytest.mark.parametrize("target, actual", [
    ("≥22万元", "22万元"), ("≥95%", "95%"), ("≥100人", "100人"),
])
def test_an_actual_with_the_targets_unit_needs_no_note(target, actual):
    result = scoring.explain_score(target, actual, 10)
    assert result.score == 10 and result.notes == (), result


def test_units_that_clash_give_no_score():
    """人 against 万元 cannot be compared: no score at all, never a guess."""
    result = scoring.explain_score("≥22万元", "30人", 10)
    assert result.score is None
