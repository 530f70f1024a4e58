"""Deadlines written in words and qualitative words with a softening prefix, as the value parser reads them
(domain brief: a deadline is a date, "年底/年末/全年/年内" the year's last month, "上半年" June, a quarter its
last month; "基本/部分/有所/较为/比较 …" is partly achieved, "未/不/无法/没有 …" not achieved). Mutation testing
(bench/mutation.sh, docs/mutation.md) showed none of these words was ever parsed by a test.
"""

from __future__ import annotations

import pytest

from xltools.values import parse


@pytest.mark.parametrize("raw, year, month", [
    ("年底", None, 12), ("年底前", None, 12), ("年末", None, 12), ("年末前", None, 12),
    ("年内", None, 12), ("全年", None, 12), ("年度内", None, 12), ("下半年", None, 12),
    ("上半年", None, 6), ("2024年上半年", 2024, 6), ("2024年下半年", 2024, 12),
    ("2024年全年", 2024, 12), ("2024年年内", 2024, 12),
    ("十二月底", None, 12), ("2024年十月", 2024, 10),
])
def test_deadline_words_are_the_last_month_they_name(raw, year, month):
    parsed = parse(raw)
    assert parsed.kind == "date" and parsed.date == (year, month, None), parsed
    assert parsed.raw == raw


@pytest.mark.parametrize("raw, year, month", [("2024年第三季度", 2024, 9), ("第一季度末", None, 3)])
def test_a_quarter_is_its_last_month_and_says_so(raw, year, month):
    parsed = parse(raw)
    assert parsed.kind == "date" and parsed.date == (year, month, None) and parsed.raw == raw
    assert parsed.notes == ("季度按季末计",)


@pytest.mark.parametrize("raw", ["2024年12月32日", "2024年12月0日", "2024年13月", "2024年0月"])
def test_impossible_dates_are_invalid_with_a_reason(raw):
    parsed = parse(raw)
    assert parsed.kind == "invalid" and parsed.raw == raw
    assert parsed.problem == f"“{raw}”不是有效日期"


def test_the_last_day_of_a_month_is_a_date():
    assert parse("2024年12月31日").date == (2024, 12, 31)
    assert parse("2024年12月1日").date == (2024, 12, 1)


@pytest.mark.parametrize("raw, tier, text", [
    ("基本完成", 2, "基本完成"), ("部分达到", 2, "部分达到"), ("有所提升", 2, "有所提升"),
    ("较为完善。", 2, "较为完善"), ("比较完善", 2, "比较完善"),     # the full stop is not part of the word
    ("完成。", 1, "完成"), ("健全.", 1, "健全"),
    ("未完成", 3, "未完成"), ("不健全", 3, "不健全"),
])
def test_qualitative_words_by_their_prefix(raw, tier, text):
    parsed = parse(raw)
    assert (parsed.kind, parsed.tier, parsed.text, parsed.raw) == ("qualitative", tier, text, raw)


def test_a_full_stop_before_the_word_is_not_stripped():
    """Only a trailing 。 or . is punctuation at the end of a sentence; "。完成" is not the word 完成."""
    assert parse("。完成").kind == "text"
