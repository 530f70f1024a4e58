"""The phrasings real reports use for the same claims (预期指标值/目标值/实际值, 已完成/超额完成/基本完成,
不低于/以上/≥/＞＝, Chinese numerals, 1,200 with a thousands separator, 百分之九十六, 元 and 万元): the
consistent ones are not flagged, the contradictory ones are. Expectations worked out by hand."""

from __future__ import annotations

import pytest

from tests.narrative_fixtures import write_text
from xltools.narrative.check import check_report
from xltools.narrative.extract import extract
from xltools.narrative.source import read_report

CONSISTENT = [
    "培训人次：预期指标值为≥100人次，实际值为120人次，已完成。",
    "培训人次：目标值为不低于100人次，实际完成120人次，超额完成。",
    "培训人次：年度指标值100人次以上，实际完成值为100人次，完成了年度目标。",  # 以上 includes 100
    "满意度：该指标预期值为95%以上，实际完成值为96%，达到预期值目标。",
    "满意度：该指标预期值为≧95％，实际完成值为９６％，达到预期值目标。",
    "满意度：该指标预期值为＞＝95%，实际完成值为95%，达到预期值目标。",
    "满意度：该指标预期值为不低于95%，实际完成值为95%，达到预期值目标。",
    "培训次数：该指标预期值为不少于三次，实际完成值为4次，达到预期值目标。",
    "培训次数：该指标预期值为三次，实际完成值为三次，达到预期值目标。",
    "差错率：该指标预期值为不高于5%，实际完成值为5%，达到预期值目标。",
    "差错率：该指标预期值为小于等于5%，实际完成值为5%，达到预期值目标。",
    "社会效益：该指标预期值为提升，实际完成值为有所提升，达到预期值目标。",
    "满意度：该指标预期值为≥90%，实际完成值为85%，基本完成。",       # 基本 says partly: no contradiction
    "合格率：预期值100%，实际完成值100%，已完成。",
    "服务人数：该指标预期值为≥1000人，实际完成值为1,200人，达到预期值目标。",   # 1,200 is 1200, not 1
    "满意度：该指标预期值为≥95%，实际完成值为96%，完成率101.05%，达到预期值目标。",
    "满意度：该指标的预期值为≥95%，实际完成值为98%，达到了预期值目标。",
    "满意度：该指标预期值为≥95%，实际完成值为百分之九十六，达到预期值目标。",
    "全年预算数4150万元，执行数3977.6万元，执行率96%。",                 # 95.846% shown without decimals
    "部门支出3,742,600元，其中：基本支出2,000,000元，项目支出1,742,600元。",
]

CONTRADICTIONS: list[tuple[str, list[tuple[str, str]]]] = [
    ("满意度：该指标预期值为≥95%，实际完成值为90%，已完成。", [("RP01", "error")]),
    ("满意度：该指标预期值为95%以上，实际完成值为90%，达到预期值目标。", [("RP01", "error")]),
    ("培训人次：目标值为不少于100人次，实际值为80人次，超额完成。", [("RP01", "error")]),
    ("满意度：该指标预期值为≥90%，实际完成值为95%，未完成。", [("RP02", "error")]),
    ("满意度：该指标预期值为≥95%，实际完成值为96%，没有达到预期目标。", [("RP02", "error")]),
    ("成本：该指标预期值为不超过24万元，实际完成值为300000元，达到预期值目标。", [("RP01", "error"), ("RP03", "warning")]),
    ("培训次数：该指标预期值为不少于五次，实际完成值为三次，达到预期值目标。", [("RP01", "error")]),
    ("满意度：该指标预期值为＞90％，实际完成值为90％，达到预期值目标。", [("RP01", "error")]),
    ("服务人数：该指标预期值为≥1,000人，实际完成值为800人，达到预期值目标。", [("RP01", "error")]),
    # the verdict comes after a 完成率 clause
    ("满意度：该指标预期值为≥95%，实际完成值为96%，完成率101.05%，未达到预期值目标。", [("RP02", "error")]),
    ("满意度：该指标预期值为≥95%，实际完成值为百分之九十，达到预期值目标。", [("RP01", "error")]),
    # 2595.6208 ÷ 2596 = 99.985%, which is 100% without decimals: 99% is one unit off (a real report, Hubei 2021)
    ("实际下达预算2596万元,全年度实际总支出2595.6208 万元,项目预算执行率99%。", [("RP05", "warning")]),
    # 2,000,000 + 1,842,600 = 3,842,600 > 3,742,600
    ("部门支出3,742,600元，其中：基本支出2,000,000元，项目支出1,842,600元。", [("RP04", "error")]),
]


def _findings(text: str, tmp_path) -> list[tuple[str, str]]:
    path = write_text(["绩效自评报告", text], tmp_path / "报告.txt")
    return [(f.rule, f.severity) for f in check_report(path).findings]


@pytest.mark.parametrize("text", CONSISTENT, ids=[t[:20] for t in CONSISTENT])
def test_consistent_phrasings_are_not_flagged(text, tmp_path):
    path = write_text(["绩效自评报告", text], tmp_path / "报告.txt")
    assert len(extract(read_report(path))), "the sentence must be read, not skipped"
    assert _findings(text, tmp_path) == []


@pytest.mark.parametrize("text, expected", CONTRADICTIONS, ids=[c[0][:20] for c in CONTRADICTIONS])
def test_contradictory_phrasings_are_found(text, expected, tmp_path):
    assert _findings(text, tmp_path) == expected


def _claim(text: str, tmp_path):
    (claim,) = extract(read_report(write_text([text], tmp_path / "a.txt"))).indicators
    return claim


def test_a_thousands_separator_stays_in_the_value(tmp_path):
    claim = _claim("服务人数：该指标预期值为≥1,000人，实际完成值为1,200人，达到预期值目标。", tmp_path)
    assert (claim.target, claim.actual, claim.verdict) == ("≥1,000人", "1,200人", "met")


def test_the_verdict_after_a_completion_rate_is_read(tmp_path):
    claim = _claim("满意度：该指标预期值为≥95%，实际完成值为96%，完成率101.05%，达到预期值目标。", tmp_path)
    assert (claim.verdict, claim.verdict_text) == ("met", "达到")


def test_the_name_before_gai_zhibiao_de(tmp_path):
    claim = _claim("学员满意度：该指标的预期值为≥95%，实际完成值为98%，达到了预期值目标。", tmp_path)
    assert claim.name == "学员满意度"


def test_parts_with_thousands_separators(tmp_path):
    text = "部门支出3,742,600元，其中：基本支出2,000,000元，项目支出1,742,600元。"
    (parts,) = extract(read_report(write_text([text], tmp_path / "a.txt"))).parts
    assert parts.total.value == 3742600 and [p.value for _, p in parts.parts] == [2000000, 1742600]


def test_a_payment_rate_of_paid_and_unpaid(tmp_path):
    # a real report (乡村振兴): 18,501.096 ÷ (18,501.096 + 703) = 96.34%, written 95%: off by more than one unit
    text = "资金支付18501.096万元,未支703万元,支付率95%。"
    path = write_text(["绩效自评报告", text], tmp_path / "报告.txt")
    (finding,) = check_report(path).findings
    assert (finding.rule, finding.severity, finding.expected) == ("RP05", "error", pytest.approx(96.339, abs=1e-3))
    assert "未支 703万元" in finding.message and "96%" in finding.message
    assert _findings("资金支付18501.096万元,未支703万元,支付率96.34%。", tmp_path) == []


def test_invested_and_executed_funds_of_a_real_report(tmp_path):
    # 眉山市残联 (Sichuan): 776.84 + 290.36 + 992.88 = 2,060.08 > 1,987.08 (error); 1,847.85 ÷ 1,987.08 = 92.99%,
    # 93.0% at one decimal, written 92.9%: one unit (warning). 投入资金 is the budget, 执行资金 what was spent.
    text = ("20xx年眉山市残疾人事业发展补助资金共投入资金1987.08万元。其中中央资金投入776.84万元,省级资金投入290.36万元,"
            "地方资金投入992.88万元。全年执行资金1847.85万元,执行率92.9%。")
    assert _findings(text, tmp_path) == [("RP04", "error"), ("RP05", "warning")]


def test_a_score_breakdown_followed_by_the_grade(tmp_path):
    # 10 + 45 + 30 + 10 = 95: consistent; with 满意度指标15分 the parts make 100, not the 95 stated
    right = "经自评，总分95分，其中：预算执行10分，产出指标45分，效益指标30分，满意度指标10分，等级为优。"
    assert _findings(right, tmp_path) == []
    (parts,) = extract(read_report(write_text([right], tmp_path / "a.txt"))).parts
    assert [p.value for _, p in parts.parts] == [10, 45, 30, 10]
    wrong = right.replace("满意度指标10分", "满意度指标15分")
    assert _findings(wrong, tmp_path) == [("RP04", "error")]
