"""The 评分标准 grammar (xltools/criteria.py): real published texts, a few grammar pieces, properties.

The real cases live in tests/data/criteria_cases.tsv (seed 002 and published Hunan score sheets),
each with the row it came from and what the text gives that row, checked by hand.
"""

from __future__ import annotations

import csv
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ROOT
from tests.rule_bases import BASES
from xltools.check import check_file
from xltools.criteria import parse_criteria
from xltools.rules.criteria import unparsed_criteria

CASES_FILE = ROOT / "tests" / "data" / "criteria_cases.tsv"
COLUMNS = ("source", "criteria", "weight", "target", "actual", "published", "expected", "max")


def _cases() -> list[dict[str, str]]:
    lines = [line for line in CASES_FILE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows and all(tuple(r) == COLUMNS for r in rows)
    return rows


CASES = _cases()


@pytest.mark.parametrize("case", CASES, ids=[f"{c['source']}" for c in CASES])
def test_real_criteria(case):
    criteria = parse_criteria(case["criteria"])
    if case["expected"] == "unparsed":
        assert criteria is None
        return
    assert criteria is not None
    best = criteria.max_points
    assert (best is None) if case["max"] == "-" else best == pytest.approx(float(case["max"]), abs=1e-4)
    weight = float(case["weight"]) if case["weight"] else math.nan
    bounds = criteria.score_range(case["actual"], case["target"], weight) if case["actual"] else None
    if case["expected"] == "none":
        assert bounds is None
        return
    low, _, high = case["expected"].partition("~")
    assert bounds == pytest.approx((float(low), float(high or low)), abs=1e-4)
    single = criteria.score(case["actual"], case["target"], weight)
    assert single == (pytest.approx(float(low), abs=1e-4) if not high else None)


def test_real_cases_cover_the_grammar():
    """The table keeps the cases the grammar was built for, and its share of unreadable texts stays small."""
    parsed = [c for c in CASES if c["expected"] != "unparsed"]
    scored = [c for c in parsed if c["expected"] != "none"]
    assert len(CASES) >= 400 and len(parsed) >= 0.9 * len(CASES) and len(scored) >= 0.75 * len(CASES)
    texts = " ".join(c["criteria"] for c in parsed)
    for piece in ("\\geq", "》", "扣完为止", "得分=", "分数 =", "每递延一个月", "（1 分）", "否则不得分", "未设立预算",
                  "80%(含)-90%", "≦100%"):
        assert piece in texts, piece


# ---- grammar pieces (constructed texts: each shows one construction in isolation) --------

def test_interval_tiers_and_formula():
    c = parse_criteria("预算执行率≥90%，得2.27分；80%≤预算执行率<90%，得分=预算执行率*2.27；<80%不得分")
    assert c is not None and c.max_points == pytest.approx(2.27)
    assert c.score("95%", "100%", 2.27) == pytest.approx(2.27)
    assert c.score("85%", "100%", 2.27) == pytest.approx(0.85 * 2.27)
    assert c.score("79.9%", "100%", 2.27) == 0
    assert [f"{q.value:g}{q.unit}" for q in c.thresholds] == ["90%", "80%", "90%", "80%"]


def test_deduction_per_unit_over_the_mark():
    c = parse_criteria("按时完成≤10天得2分，每超过1天扣1分，扣完为止")
    assert c is not None
    assert [c.score(a, "10天", 2) for a in ("9天", "11天", "15天")] == [2, 1, 0]


def test_deduction_per_step_below_the_mark_allows_both_readings_of_a_part_step():
    c = parse_criteria("人员到位率达到100%得2.50分，每少10%扣0.5分，扣完为止")
    assert c is not None
    assert c.score_range("80%", "100%", 2.5) == pytest.approx((1.5, 1.5))
    assert c.score_range("95%", "100%", 2.5) == pytest.approx((2.0, 2.5))
    assert c.score("95%", "100%", 2.5) is None


def test_fractions_and_percentages_read_alike():
    c = parse_criteria("预算执行率得分 = 预算执行率 * 2.27")
    assert c is not None
    assert c.score(0.919, "100%", 2.27) == c.score("91.9%", "100%", 2.27) == c.score("91.9", 1, 2.27)


def test_full_width_and_latex():
    assert parse_criteria("培训人次≥１００人次，得３分").thresholds[0].value == 100
    c = parse_criteria("满意度 $\\geq 90\\%$ ，得 2 分， 满意度 $< 90\\%$ ，不得分")
    assert c is not None and c.score("90%", "", 2) == 2 and c.score("89%", "", 2) == 0


def test_words_conditions_follow_the_row_target():
    c = parse_criteria("1.有设立预算得 2.27 分; 2.未设立预算,不得分。")
    assert c is not None and not c.additive
    assert c.score("825.2 万元", "825.2 万元", 2.27) == pytest.approx(2.27)
    assert c.score(0, "825.2 万元", 2.27) == 0
    assert c.score("有所提高", "提升", 2.27) is None   # partly met: the text does not say


def test_a_failing_qualitative_actual_takes_the_else_clause():
    c = parse_criteria("有验收报告得2.3分，否则不得分")
    assert c is not None and c.score("可控", "可控", 2.3) == pytest.approx(2.3) and c.score("不可控", "可控", 2.3) == 0
    late = parse_criteria("2019年12月前到岗的1.03分, 否则不得分。")
    assert late is not None and late.score("2019年7月", "2019年12月前", 1.03) == pytest.approx(1.03)
    assert late.score("2020年1月", "2019年12月前", 1.03) == 0 and late.score("滞后", "2019年12月前", 1.03) == 0


def test_which_words_clause_a_row_meets_is_not_guessed():
    c = parse_criteria("无结余,3分;有结余,但不超过上年结转,2分;结余超过上年结转,不得分。")   # Yueyang, tests/data
    assert c is not None and c.score_range("无结余", "无结余", 3) is None
    two = parse_criteria("培训及时得1分，培训完成得0.5分")
    assert two is not None and two.score_range("未完成", "完成", 1) is None


def test_more_than_the_full_marks_tier_keeps_full_marks():
    c = parse_criteria("1.90%≤设备投入使用率≤100%的，得 1.09 分； 否则不得分")   # seed 002 line 1432
    assert c is not None and c.score("137%", "100%", 1.09) == pytest.approx(1.09) and c.score("85%", "", 1.09) == 0
    tiers = parse_criteria("预算调整率=0,计3分;0-10%(含),计2分;10-20%(含),计1分;20-30%(含),计0.5分;大于30%不得分。")
    assert tiers is not None and [tiers.score(a, "", 3) for a in ("0", "10%", "25%", "40%")] == [3, 2, 0.5, 0]


def test_a_lost_comparison_sign_is_told_by_the_deduction():
    # czj.yueyang.gov.cn published "在职人员控制率≦100%" with the ≦ lost; "每超过" says which side loses points
    c = parse_criteria("以100%为标准。在职人员控制率100%,计5分;每超过一个百分点扣0.5分,扣完为止。")
    assert c is not None and [c.score(a, "100%", 5) for a in ("98%", "100%", "103%")] == [5, 5, 3.5]


def test_a_formula_of_a_missing_target_gives_no_score():
    c = parse_criteria("1.≥353套,得3分;2.<353套,分数=实际业绩值/目标值*3分")
    assert c is not None and c.score("300", "", 3) is None and c.score("300", "353套", 3) == pytest.approx(900 / 353)


def test_numbered_parts_give_their_sum_but_no_score():
    c = parse_criteria("1、制定了财务管理制度（1 分）； 2、财务管理制度得到有效执行（1.27 分）")
    assert c is not None and c.additive and c.max_points == pytest.approx(2.27)
    assert c.score_range("健全", "健全", 2.27) is None


def test_target_mismatch_compares_quantities_in_one_unit():
    single = parse_criteria("办公设备的合格率≥90%1.11分，否则不得分")
    assert single is not None
    assert single.target_mismatch("98") is not None and single.target_mismatch("0.9") is None
    amounts = parse_criteria("数量≥715000份，得0.59分；每减少10000份，扣0.1分")
    assert amounts is not None and amounts.target_mismatch("71.5万份") is None
    tiers = parse_criteria("1.预算执行率>90%，得2.27分；2.90%>预算执行率>80%，得1.27分；3.预算执行率<80%，不得分。")
    assert tiers is not None and tiers.tiered and tiers.target_mismatch("100%") is None


@pytest.mark.parametrize("text", ["……", "", "设置预算得分", "1.财务有建立监控措施并得到有效的结果", "服务时长大于等于 7*12 小时得 0.41 分",
                                  "超目标业绩值(1.0)时, 得满分; 不超目标业绩值(1.0)时, 以目标业绩值为满分, 每降低1%扣除权重分的100.0%"])
def test_outside_the_grammar_is_unparsed(text):
    assert parse_criteria(text) is None


def test_unparsed_criteria_are_listed_for_stats(tmp_path):
    from tests.test_rules import build

    report = check_file(build("f3", {"深圳表!G25": "服务时长大于等于 7*12 小时得 30 分"}, tmp_path / "f3.xlsx"))
    assert report.recognized is not None
    # G21 "设置预算得分" names no points; G25 cannot be read; "……" placeholders are not criteria at all
    assert [c.address for c in unparsed_criteria(report.recognized)] == ["G21", "G25"]
    assert BASES["f3"]["深圳表"][24][6] == "……"


# ---- properties -----------------------------------------------------------------------------

FRAGMENTS = ["预算执行率", "≥", "≤", ">", "<", "=", "90%", "80%", "100", "353套", "得", "2.27", "分", "，", "；", "否则",
             "不得分", "得分=", "*", "/", "(", ")", "实际业绩值", "目标值", "每少", "10%", "扣", "0.5", "扣完为止", "1.",
             "2、", "（1分）", "有", "未", "设立预算", "满分", "酌情扣分", "$\\geq", "》", "《", "含", "-", "2019年12月", "前"]


@given(st.one_of(st.text(max_size=80), st.lists(st.sampled_from(FRAGMENTS), max_size=24).map("".join)),
       st.one_of(st.none(), st.floats(allow_nan=True), st.text(max_size=12), st.sampled_from(["91.9%", "0", "353套"])),
       st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["100%", "353套", "健全"])),
       st.floats(min_value=0, max_value=100))
def test_never_raises_and_scores_stay_within_the_maximum(text, actual, target, weight):
    criteria = parse_criteria(text)
    if criteria is None:
        return
    bounds = criteria.score_range(actual, target, weight)
    criteria.target_mismatch(target)
    if bounds is not None:
        ceiling = criteria.max_points if criteria.max_points is not None else weight
        assert 0 <= bounds[0] <= bounds[1] <= ceiling + 1e-9


@given(st.sampled_from(["≥", "大于等于", "不低于", ">"]), st.integers(1, 10_000), st.sampled_from(["", "人次", "套", "%"]),
       st.decimals(min_value="0.01", max_value="40", places=2), st.integers(0, 20_000),
       st.sampled_from(["否则不得分", "每少{step}{unit}扣{half}分，扣完为止", "<{n}{unit}，分数=实际业绩值/{n}*{p}分"]))
def test_generated_single_threshold_criteria(op, n, unit, points, actual, tail):
    p, step, half = float(points), max(n // 10, 1), float(points) / 2
    text = f"指标{op}{n}{unit}得{p:g}分，" + tail.format(n=n, unit=unit, p=f"{p:g}", step=step, half=f"{half:g}")
    criteria = parse_criteria(text)
    assert criteria is not None, text
    assert criteria.max_points == pytest.approx(p)
    assert [q.base for q in criteria.full_marks_thresholds] == [n]
    bounds = criteria.score_range(f"{actual}{unit}", f"{n}{unit}", p)
    if op == ">" and actual == n and "否则" not in tail:
        assert bounds is None   # neither above the mark nor below it: the text does not say
        return
    assert bounds is not None and 0 <= bounds[0] <= bounds[1] <= p + 1e-9
    if actual > n or actual == n and op != ">":
        assert bounds == pytest.approx((p, p))
