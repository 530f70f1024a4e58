"""Parsing what people type: a table of cases (tests/data/parse_cases.tsv) and properties."""

from __future__ import annotations

import csv
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ROOT
from xltools.values import parse, parse_amount

CASES = list(csv.DictReader((ROOT / "tests" / "data" / "parse_cases.tsv").open(encoding="utf-8"), delimiter="\t"))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["text"] or "(empty)")
def test_parse_case(case):
    p = parse(case["text"])
    assert p.kind == case["kind"], p
    if case["op"]:
        assert p.op == case["op"]
    if case["base"]:
        assert p.quantity is not None and math.isclose(p.quantity.base, float(case["base"]))
        assert p.quantity.base_unit == case["base_unit"]
    if case["tier"]:
        assert p.tier == int(case["tier"])
    if p.kind == "invalid":
        assert "千分位" in p.problem
    assert p.describe()


def test_ranges_keep_both_ends():
    p = parse("80%≤x≤90%")
    assert (p.low.base, p.high.base, p.low.base_unit) == (80, 90, "%")


def test_dates_and_periods():
    assert parse("2019年12月").date == (2019, 12, None)
    assert parse("2019-12-1").date == (2019, 12, 1)
    assert parse("第二季度").date == (None, 6, None)
    assert parse("2020年上半年").date == (2020, 6, None)
    assert parse("2019年13月").kind == "invalid"


@pytest.mark.parametrize("raw, value", [(1234.5, 1234.5), ("1,234.50", 1234.5), ("１２３４", 1234.0),
                                        ("24.00 ", 24.0), ("12万元", 12.0), ("", None), (None, None)])
def test_amounts(raw, value):
    assert parse_amount(raw).value == value


@pytest.mark.parametrize("raw", ["1,0000.00", "十万", "12a", True])
def test_bad_amounts_explain_themselves(raw):
    amount = parse_amount(raw)
    assert amount.value is None and amount.problem


@given(st.one_of(st.text(max_size=40), st.floats(allow_nan=True), st.integers(), st.none(), st.booleans()))
def test_parsing_never_raises(raw):
    p = parse(raw)
    assert p.kind in ("empty", "number", "comparison", "range", "date", "qualitative", "text", "invalid")
    assert isinstance(p.describe(), str)
    parse_amount(raw)


@given(st.sampled_from(["≥", "≤", "不低于", "不超过", "", "大于", "小于"]),
       st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
       st.sampled_from(["", "%", "人", "万元", "元", "个", "次"]))
def test_any_comparison_with_unit_is_understood(op, number, unit):
    p = parse(f"{op}{number}{unit}")
    assert p.kind in ("comparison", "number")
    assert p.quantity is not None


@pytest.mark.parametrize("text, date", [
    ("2024年底前", (2024, 12, None)), ("2024年末", (2024, 12, None)), ("2024年度内", (2024, 12, None)),
    ("2024年内", (2024, 12, None)), ("2024年底", (2024, 12, None)), ("年底前", (None, 12, None)),
])
def test_deadlines_with_a_year_are_dates(text, date):
    """The year's 年 is also the first character of 年底/年末/年内: "2024年底前" was left as text."""
    parsed = parse(text)
    assert (parsed.kind, parsed.date) == ("date", date)


def test_a_completion_after_a_dated_deadline_is_late():
    from xltools.scoring import explain_score

    assert explain_score("2024年底前", "2025年3月", 10).score < 10      # three months late
    assert explain_score("2024年底前", "2024年11月", 10).score == 10
