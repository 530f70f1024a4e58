"""What the value parser says back (``Parsed.describe``, shown by XT_PARSE and in messages) and how
amounts keep their unit words out of the number, at the edges mutation testing found untested
(bench/mutation.sh, docs/mutation.md). Expected texts follow the parser's documented reading.
"""

from __future__ import annotations

import pytest

from xltools.values import parse, parse_amount


@pytest.mark.parametrize("raw, reading", [
    ("", "空"),
    (12.5, "数值 12.5"),
    ("24万元", "数值 24万元"),
    ("≥195人", "不低于 195人"),
    ("≤24万元", "不高于 24万元"),
    ("＞5次", "高于 5次"),
    ("<6次", "低于 6次"),
    ("=100%", "等于 100%"),
    ("95%以上", "不低于 95%"),
    ("80%-90%", "区间 80% 至 90%"),
    ("2019年12月", "日期 2019年12月"),
    ("2019-12-1", "日期 2019年12月1日"),
    ("12月底", "日期 当年12月"),
    ("健全", "定性：达成预期指标"),
    ("基本健全", "定性：部分达成预期指标并具有一定效果"),
    ("不健全", "定性：未达成预期指标且效果较差"),
    ("电脑6台、会议系统一套", "文字：电脑6台、会议系统一套"),
])
def test_describe_reads_each_kind(raw, reading):
    assert parse(raw).describe() == reading


def test_describe_says_why_a_value_cannot_be_read():
    reading = parse("≥1,0000人").describe()
    assert reading.startswith("无法解析：") and "千分位" in reading


@pytest.mark.parametrize("raw, value", [("120万元", 120.0), ("35元", 35.0), ("1,234元", 1234.0), ("８８元", 88.0),
                                        ("  ", None)])
def test_amounts_drop_their_unit_word(raw, value):
    amount = parse_amount(raw)
    assert amount.value == value and amount.problem is None


def test_a_bad_amount_is_quoted_as_typed():
    """The message quotes what the user typed (unit included), not the number left after the unit."""
    amount = parse_amount("1,0000.00万元")
    assert amount.value is None and "“1,0000.00万元”" in amount.problem and "千分位" in amount.problem
