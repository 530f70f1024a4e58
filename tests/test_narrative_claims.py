"""Claims read from sentences as real reports write them, judged by the checker's scoring code.

Each case is one report paragraph and the findings (rule, severity) it must give; an empty list
means the sentence is right and must not be flagged."""

from __future__ import annotations

import pytest

from tests.narrative_fixtures import write_text
from xltools.errors import UserError
from xltools.narrative.check import check_report
from xltools.narrative.extract import extract
from xltools.narrative.judge import judge, same_value
from xltools.narrative.source import read_report

CASES: list[tuple[str, list[tuple[str, str]]]] = [
    # indicators: target, actual, verdict
    ("1.培训人次：该指标预期值为≥100人次，实际完成值为120人次，达到预期值目标。", []),
    ("培训人次：预期值≥100人次，实际完成值80人次，达到预期值目标。", [("RP01", "error")]),
    ("培训人次：预期值≥100人次，实际完成值80人次，未达到预期值目标。", []),
    ("培训人次：预期值≥100人次，实际完成值120人次，未达到预期值目标。", [("RP02", "error")]),
    ("培训人次：目标值100人次，实际完成80人次，完成率80%。", []),          # 完成率 is no verdict
    ("培训人次：目标值100人次，实际完成80人次，未按期完成。", []),
    ("培训人次：目标值100人次，实际完成120人次，没有全部完成。", [("RP02", "error")]),
    ("培训经费：该指标预期值为≤20万元，实际完成值为22万元，达到预期值目标。", [("RP01", "error")]),
    ("培训经费：该指标预期值为≤20万元，实际完成值为18万元，完成预期目标。", []),
    ("培训经费：该指标年度指标值为≤24万元，实际完成值为240000元，达到预期值目标。", [("RP03", "warning")]),
    ("学员满意度：目标值为≥90%，实际完成值为0.95，达到预期值目标。", []),  # 0.95 typed into a percent cell
    ("投诉次数：该指标预期值为<5次，实际完成值为5次，达到预期值目标。", [("RP01", "error")]),
    ("完成时间：该指标预期值为2022年6月，实际完成值为2022年9月，按时完成。", [("RP01", "error")]),
    ("制度健全性：该指标预期值为健全，实际完成值为基本健全，达到预期值目标。", [("RP01", "warning")]),
    ("制度健全性：该指标预期值为健全，实际完成值为健全，达到预期值目标。", []),
    ("群众满意度：该指标预期值为80%-90%，实际完成值为85%，达到预期值目标。", []),
    ("服务人数：该指标预期值为≥9人，实际完成值为100%，达到预期值目标。", [("RP03", "error")]),
    ("服务人数：该指标预期值为≥9人，实际完成值为“按计划推进”，达到预期值目标。", []),  # cannot be judged
    # budget: 执行率 = 执行数 ÷ 预算数 at the precision written
    ("全年预算数4,150.00万元，全年执行数3,977.60万元，预算执行率95.85%。", []),
    ("全年预算数4,150.00万元，全年执行数3,977.60万元，预算执行率96.85%。", [("RP05", "error")]),
    ("全年预算数4150万元，全年执行数3977.6万元，预算执行率95.84%。", [("RP05", "warning")]),  # 95.8458%
    ("全年预算数374.26万元，1-12月支付资金374.26万元，预算执行进度为100%，达到预期值。", []),
    ("全年预算数3742600元，支出资金370万元，执行率为98.86%。", []),  # 元 and 万元
    # amounts with two decimals are rounded: a form's 33.147 ÷ 36.83 = 90.00%, though 33.15 ÷ 36.83 = 90.01%
    ("全年预算数36.83万元，全年执行数33.15万元，预算执行率90.00%。", []),
    # no amounts rounding to 33.15 and 36.83 give 90.05% (33.155 ÷ 36.825 = 90.035% at most)
    ("全年预算数36.83万元，全年执行数33.15万元，预算执行率90.05%。", [("RP05", "error")]),
    # totals and their parts
    ("全年预算数30.00万元，其中：当年财政拨款28.00万元，其他资金2.00万元。", []),
    ("全年预算数30.00万元，其中：当年财政拨款28.00万元，其他资金3.00万元。", [("RP04", "error")]),
    ("全年预算数30.00万元，其中：当年财政拨款28.00万元，其他资金2.01万元。", [("RP04", "warning")]),
    ("全年预算数30.00万元，其中：当年财政拨款20.00万元，其他资金2.00万元。", [("RP04", "warning")]),
    ("全年预算数30.00万元，其中：当年财政拨款28.00万元。", []),  # one part need not be all of it
    ("支出：799.12万元。其中：人员经费支出434.89万元，公用经费支出77.4万元，项目支出286.83万元。", []),
    ("支出：799.12万元。其中：人员经费支出434.89万元，公用经费支出77.4万元，项目支出288.83万元。", [("RP04", "error")]),
    # 总分 and 等级
    ("经自评，本项目自评总分95.00分，自评等级为“优”。", []),
    ("经自评，本项目自评总分87分，自评等级为优。", [("RP06", "error")]),
    ("评价总分100分，自评得分85分，评价等级为良好。", []),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:18] for c in CASES])
def test_sentence(text, expected, tmp_path):
    path = write_text(["绩效自评报告", text], tmp_path / "报告.txt")
    findings = check_report(path).findings
    assert [(f.rule, f.severity) for f in findings] == expected, [f.message for f in findings]
    assert all(f.paragraph == 2 and f.quote and f.quote in text for f in findings)


@pytest.mark.parametrize("text", [
    "服务人数：该指标预期值为【请填写：预期值】，实际完成值为9人，达到预期值目标。",  # a draft's placeholder
    "共有职工12人，其中：在编8人，2022年新进3人。",   # parts with a year in them: not a plain breakdown
    "为70户困难残疾人家庭实施了无障碍改造，为45名儿童进行了救助。",
    "本项目共申请预算资金90万元。其中：30万元用于预算编制；30万元用于审计；30万元用于设计。",  # not "label amount"
    "收入792.22万元。同比增加189.25万元。其中：财政拨款收入792.22万元，同比增加35.9%。",     # mixed units
])
def test_sentences_without_an_indicator_or_a_breakdown(text, tmp_path):
    claims = extract(read_report(write_text([text], tmp_path / "a.txt")))
    assert claims.indicators == [] and claims.parts == []


def test_a_file_without_any_claim_is_not_a_report(tmp_path):
    path = write_text(["会议通知", "请各单位于周五前报送材料。"], tmp_path / "通知.txt")
    with pytest.raises(UserError, match="可能不是绩效自评报告"):
        check_report(path)


def test_every_rule_of_the_report_alone_has_a_failing_case():
    rules = {rule for _, expected in CASES for rule, _ in expected}
    assert rules == {"RP01", "RP02", "RP03", "RP04", "RP05", "RP06"}


def test_claims_keep_their_place_and_values(tmp_path):
    text = "（二）履职效果：2.学员满意度：该指标预期值为≥90%，实际完成值为95%，达到预期值目标，分值10分，得分10.00分。"
    report = read_report(write_text(["报告", "", text], tmp_path / "a.txt"))
    (claim,) = extract(report).indicators
    assert claim.where.paragraph == 3 and claim.where.start == 0
    assert (claim.name, claim.target, claim.actual, claim.verdict) == ("学员满意度", "≥90%", "95%", "met")
    assert (claim.weight.value, claim.score.value, claim.score.decimals) == (10, 10, 2)


def test_two_indicators_in_one_sentence(tmp_path):
    text = "培训人次预期值≥100人次，实际完成值120人次，达到预期值目标；学员满意度预期值≥90%，实际完成值85%，达到预期值目标。"
    report = read_report(write_text([text], tmp_path / "a.txt"))
    names = [(c.name, c.actual, c.verdict) for c in extract(report).indicators]
    assert names == [("培训人次", "120人次", "met"), ("学员满意度", "85%", "met")]
    assert [f.rule for f in check_report(report.path).findings] == ["RP01"]


def test_judge_is_the_scoring_code():
    assert judge("≥195人", "195人").status == "met"
    assert judge("≥195人", "150人").status == "missed"
    assert judge(">90%", "90%").status == "missed" and judge(">90%", "90%").on_bound
    assert judge("≤55万元", "58万元").status == "missed"
    assert judge("提升", "显著提升").status == "met"
    assert judge("健全", "基本健全").status == "partial"
    assert judge("≥195人", "150人次").status == "units"
    assert judge("≥195人", "按计划").status == "unknown"


def test_same_value_reads_both_sides_alike():
    assert same_value("95%", 0.95) and same_value("≥90%", "≥90%") and same_value("6个", 6.0)
    assert same_value("1018 人次", "1018人次") and same_value("提高", "提高")
    assert not same_value("95%", 0.92) and not same_value("≥90%", "90%") and not same_value("6个", "6人")
