"""Totals and their parts as real reports write them (RP04), and amounts that only look like spending
or lack their 元 (RP05). Every expectation below was worked out by hand; a consistent sentence must
not be flagged, and must be read (not merely skipped)."""

from __future__ import annotations

import pytest

from tests.narrative_fixtures import write_text
from xltools.narrative.check import check_report
from xltools.narrative.extract import extract
from xltools.narrative.source import read_report

# (sentence, the (total, [parts]) read from it, findings)
PARTS: list[tuple[str, tuple[float, list[float]], list[tuple[str, str]]]] = [
    # bracketed parts without 其中 (枞阳县 2023): 2855 + 753 = 3608
    ("将预拨资金3608万元(中央资金2855万元、省级资金753万元)分配到各项目实施机构。", (3608, [2855, 753]), []),
    # 2855 + 853 = 3708 > 3608
    ("将预拨资金3608万元(中央资金2855万元、省级资金853万元)分配到各项目实施机构。", (3608, [2855, 853]), [("RP04", "error")]),
    # full-width brackets; 2855 + 700 = 3555 < 3608: parts may not be all of it
    ("将预拨资金3608万元（中央资金2855万元、省级资金700万元）分配到各项目实施机构。", (3608, [2855, 700]),
     [("RP04", "warning")]),
    # a bare 万 beside 万元 parts (眉山): 270.36 + 20 = 290.36
    ("省级资金290.36万(一般公共预算:270.36万元;彩票公益金:20万元)。", (290.36, [270.36, 20]), []),
    ("省级资金290.36万(一般公共预算:270.36万元;彩票公益金:30万元)。", (290.36, [270.36, 30]), [("RP04", "error")]),
    # parts after a full stop, the total being the only amount of the sentence before (云南 2022 ¶9):
    # 7177.373442 + 2087.98 = 9265.353442; with 2187.98 the parts make 9365.353442
    ("实际执行9265.353442万元,项目执行率88.74%。其中中央补助飞行经费执行7177.373442万元,省级财政配套资金执行2087.98万元。",
     (9265.353442, [7177.373442, 2087.98]), []),
    ("实际执行9265.353442万元,项目执行率88.74%。其中中央补助飞行经费执行7177.373442万元,省级财政配套资金执行2187.98万元。",
     (9265.353442, [7177.373442, 2187.98]), [("RP04", "error")]),
    # a total in 万 without 元, parts in 万元 (乡村振兴 ¶5): 14059.11 + 1299 + 3845.986 = 19204.096
    ("安排资金19204.096万。其中,央省14059.11万元、市级1299万元、县级3845.986万元,资金已全部到位。",
     (19204.096, [14059.11, 1299, 3845.986]), []),
    ("安排资金19204.096万。其中,央省14059.11万元、市级1299万元、县级3945.986万元,资金已全部到位。",
     (19204.096, [14059.11, 1299, 3945.986]), [("RP04", "error")]),
    # the total after its parts (忠县 ¶6): 40 + 2.75 + 25.85 = 68.60
    ("下达慈善会项目40万元;城乡低保项目2.75万元;福利院运行经费项目25.85万元。共计下达转移支付资金68.6万元。",
     (68.6, [40, 2.75, 25.85]), []),
    ("下达慈善会项目40万元;城乡低保项目2.75万元;福利院运行经费项目25.85万元。共计下达转移支付资金58.6万元。",
     (58.6, [40, 2.75, 25.85]), [("RP04", "error")]),
    ("下达慈善会项目40万元;城乡低保项目2.75万元;福利院运行经费项目25.85万元。共计下达转移支付资金78.6万元。",
     (78.6, [40, 2.75, 25.85]), [("RP04", "warning")]),
    # the total after its parts in one sentence: 40 + 20.5 = 60.5
    ("中央资金40万元、省级资金20.5万元，合计60.5万元。", (60.5, [40, 20.5]), []),
    ("中央资金40万元、省级资金20.5万元，合计50.5万元。", (50.5, [40, 20.5]), [("RP04", "error")]),
]


@pytest.mark.parametrize("text, read, expected", PARTS, ids=[f"{i}-{c[0][:14]}" for i, c in enumerate(PARTS)])
def test_totals_and_their_parts(text, read, expected, tmp_path):
    path = write_text(["绩效自评报告", text], tmp_path / "报告.txt")
    parts = extract(read_report(path)).parts
    assert [(p.total.value, [f.value for _, f in p.parts]) for p in parts] == [(read[0], read[1])]
    findings = check_report(path).findings
    assert [(f.rule, f.severity) for f in findings] == expected, [f.message for f in findings]
    assert all(f.paragraph == 2 for f in findings)


@pytest.mark.parametrize("text", [
    "年初批复预算8个项目985万元(含1个年初结转结余项目50万元)。",     # one bracketed figure is a remark
    "实施项目共15个(含2023年转列暂付性款项项目5个)。",
    "支出50万元(比上年增加10万元、比上年减少2万元)。",               # comparisons, not parts
    "预算100万元，支出90万元，合计结余10万元。",                     # a comma list is no breakdown
    "2023年预算100万元；2024年预算120万元。总计增加20万元。",         # a change, not a sum
    "A项目10万元；B项目20万元。合计比上年减少5万元。",
    "群众满意度95%，其中城镇居民满意度96%、农村居民满意度94%。",   # rates do not add up
    "群众满意度95%(城镇96%、农村94%)。",
    "环卫处1707人(在职在编132人、3个市场化公司聘用人员1155人)。",   # a part whose label holds a number
])
def test_figures_that_are_not_a_breakdown(text, tmp_path):
    path = write_text(["绩效自评报告", text], tmp_path / "报告.txt")
    assert extract(read_report(path)).parts == []


def test_a_transfer_payment_fund_is_no_spending(tmp_path):
    # 转移支付资金 is a kind of fund. Read as 支付资金 (spending) it made 8353 ÷ 10441 = 80.00% against the
    # stated 88.74%, a false RP05; the parts 8353 + 2088 = 10441 are right.
    text = "2022年预算数10441万元，其中中央转移支付资金8353万元，省级配套资金2088万元。全年执行率88.74%。"
    path = write_text(["绩效自评报告", text], tmp_path / "报告.txt")
    claims = extract(read_report(path))
    assert [(b.key, b.figure.value) for b in claims.budget] == [("budget", 10441), ("rate", 88.74)]
    assert len(claims.parts) == 1 and check_report(path).findings == []
    # 支付 on its own is still spending: 374.26 ÷ 374.26 = 100%
    paid = write_text(["绩效自评报告", "全年预算数374.26万元，1-12月支付资金374.26万元，预算执行进度为100%。"], tmp_path / "b.txt")
    assert [b.key for b in extract(read_report(paid)).budget] == ["budget", "spent", "rate"]


@pytest.mark.parametrize("text, expected", [
    ("投入资金29.6万,执行数29.6万,执行率100%。", []),                              # 镜湖 ¶6
    ("投入资金1987.08万,执行资金1847.85万,执行率93.0%。", []),                      # 1847.85 ÷ 1987.08 = 92.99%
    ("投入资金1987.08万,执行资金1847.85万,执行率92.9%。", [("RP05", "warning")]),   # one unit of 0.1%
    ("投入资金1987.08万,执行资金1847.85万,执行率90%。", [("RP05", "error")]),
])
def test_amounts_in_wan_without_yuan(text, expected, tmp_path):
    path = write_text(["绩效自评报告", text], tmp_path / "报告.txt")
    budget = extract(read_report(path)).budget
    assert {b.key: b.figure.unit for b in budget} == {"budget": "万元", "spent": "万元", "rate": "%"}
    assert [(f.rule, f.severity) for f in check_report(path).findings] == expected


def test_a_count_in_wan_is_not_an_amount(tmp_path):
    path = write_text(["绩效自评报告", "预算数100万元，受益群众29.6万人，执行率30%。"], tmp_path / "报告.txt")
    assert [b.key for b in extract(read_report(path)).budget] == ["budget", "rate"]
