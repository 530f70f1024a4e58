"""F2 部门整体支出绩效自评表 in its two real variants: Hubei (seed 000) and Hunan (seed 001)."""

from __future__ import annotations

from dataclasses import dataclass

from xltools import profiles
from xltools.forms import exprs as x
from xltools.forms import labels as L
from xltools.forms.indicators import Indicator, level_rows
from xltools.forms.spec import Cell, Label, Row, Sheet, TableSpec, calc, hdr, inp, lab, note, title

WIDTHS = (10, 10, 14, 26, 14, 14, 12)
SPAN = len(WIDTHS)
_HUBEI_WEIGHT = profiles.load("hubei").budget_weight   # one source: the profile cites the seed's 20 分
HUBEI_BUDGET_WEIGHT = int(_HUBEI_WEIGHT) if _HUBEI_WEIGHT.is_integer() else _HUBEI_WEIGHT
GOAL_TARGET = Label("年初目标值(A)", L.TARGET.all_texts())
GOAL_ACTUAL = Label("实际完成值(B)", L.ACTUAL.all_texts())
HUBEI_TABLES = (
    TableSpec("F2-hubei.budget", (Label("预算数(A)", L.BUDGET_A.all_texts()), Label("执行数(B)", L.SPENT_B.all_texts()),
                                  L.RATE, L.SCORE),
              keys=("A", "B", "rate", "score"), required=("A", "B"), title="预算执行情况",
              rows=(("total", L.BUDGET_ROWS[0][1]),)),
    TableSpec("F2-hubei.indicators", (L.LEVEL1, L.LEVEL2, L.LEVEL3, GOAL_TARGET, GOAL_ACTUAL, L.SCORE),
              keys=("l1", "l2", "l3", "target", "actual", "score"), required=("l3", "target", "actual", "score"),
              title="年度目标绩效指标"),
)
HUNAN_TABLES = (
    TableSpec("F2-hunan.budget", (Label("年初预算资金总额", L.INITIAL_BUDGET.all_texts()),
                                 Label("实际投入资金额", L.SPENT_B.all_texts()), Label("产生差异的原因")),
              keys=("init", "B", "reason"), required=("init", "B"), title="资金情况",
              rows=tuple(r for r in L.BUDGET_ROWS if r[0] in ("total", "fiscal", "other"))),
    TableSpec("F2-hunan.indicators", (L.LEVEL1, L.LEVEL2, L.LEVEL3, Label("指标值", L.TARGET.all_texts()),
                                      Label("全年实际完成值", L.ACTUAL.all_texts()),
                                      Label("产生差异的原因及改进措施", L.DEVIATION.all_texts())),
              keys=("l1", "l2", "l3", "target", "actual", "note"), required=("l3", "target", "actual"),
              title="目标绩效指标"),
)


@dataclass(frozen=True)
class Goal:
    text: str = ""
    weight: float | None = None
    indicators: tuple[Indicator, ...] = ()


def default_goals(count: int = 3) -> list[Goal]:
    skeleton = (Indicator("产出指标", "数量指标"), Indicator("产出指标", "质量指标"),
                Indicator("效益指标", "社会效益指标"), Indicator("满意度指标", "服务对象满意度指标"))
    return [Goal(indicators=skeleton) for _ in range(count)]


# ---- Hubei ---------------------------------------------------------------------------

HUBEI_REMARKS = (
    "备注：1. 预算执行情况口径：预算数为调整后财政资金总额（包括上年结余结转），执行数为资金使用单位财政资金实际支出数。"
    "2. 定量指标计分原则：正向指标（目标值为≥X），得分=权重×B/A；反向指标（目标值为≤X），得分=权重×A/B；得分不得突破权重。"
    "3. 定性指标计分原则：达成预期指标、部分达成预期指标并具有一定效果、未达成预期指标且效果较差三档，"
    "分别按分值区间 100-80%（含80%）、80-50%（含50%）、50-0% 确定得分。汇总时以资金额度为权重加权平均。"
    "4. 满意度指标暂可不作为必评指标。"
)


def build_hubei(goals: list[Goal] | None = None, sheet_title: str = "部门整体绩效自评表（湖北）",
                year: int | None = None) -> Sheet:
    goals = goals or default_goals()
    heading = f"{year}年度部门整体绩效自评表" if year else "部门整体绩效自评表"
    rows = [
        title(heading, SPAN),
        note("unit_line", "单位：万元", SPAN, align="right"),
        Row("unit", (lab(L.UNIT_NAME.text, 2), inp("name", "text", 5))),
        Row("totals", (lab("基本支出总额", 2), inp("basic", "money", 2, validation=x.NON_NEGATIVE),
                       lab("项目支出总额"), inp("project", "money", 2, validation=x.NON_NEGATIVE))),
        Row("bud_head", (lab(f"预算执行情况(万元)({HUBEI_BUDGET_WEIGHT}分)", 2), hdr("预算数(A)"),
                         hdr("执行数(B)"), hdr(L.RATE), hdr(f"得分({HUBEI_BUDGET_WEIGHT}分*执行率)", 2))),
        Row("bud", (lab("部门整体支出总额", 2), inp("A", "money", validation=x.NON_NEGATIVE),
                    inp("B", "money", validation=x.NON_NEGATIVE,
                        checks=(x.exceeds("{@B}", "{@A}", "执行数超过预算数"),)),
                    calc("rate", x.rate("{@A}", "{@B}"), "rate",
                         checks=(x.over_one("{@rate}", "执行率超过 100%"),)),
                    calc("score", x.capped_score_const(HUBEI_BUDGET_WEIGHT, "{@rate}"), "score", span=2))),
    ]
    for k, goal in enumerate(goals, start=1):
        rows += _hubei_goal(k, goal)
    weights = "{goal_weights.weight}"
    rows += [
        Row("total", (lab(L.TOTAL_SCORE.text, 6), calc(
            "score", x.sum_or_blank("{bud.score}", "{goal_subs.score}"), "score",
            checks=(x.not_value(f"{HUBEI_BUDGET_WEIGHT}+SUM({weights})", 100, "各目标分值与预算执行分值合计应为 100",
                                when=f"COUNT({weights})>0"),))),),
        Row("grade", (lab(L.GRADE.text, 6), calc("value", x.grade("{total.score}")))),
        Row("reason", (lab("偏差大或目标未完成原因分析", 2), inp("text", "text", 5)), height=60),
        Row("improve", (lab("改进措施及结果应用方案", 2), inp("text", "text", 5)), height=60),
        note("remarks", HUBEI_REMARKS, SPAN, height=90),
    ]
    return Sheet(sheet_title, WIDTHS, tuple(rows), repeat_rows=("title", "unit_line"),
                 freeze=("unit_line", 0), tables=HUBEI_TABLES)


def _hubei_goal(k: int, goal: Goal) -> list[Row]:
    indicators = list(goal.indicators)
    prefix = f"g{k}_"
    rows = [
        Row(f"goal{k}", (lab(f"年度目标{k}"), inp("weight", "points", value=goal.weight, validation=x.NON_NEGATIVE),
                         inp("text", "text", 5, value=goal.text or None)), groups=("goal_weights",), height=40),
        Row(f"g{k}_head", (hdr("年度绩效指标", vspan=len(indicators) + 2), hdr(L.LEVEL1), hdr(L.LEVEL2),
                           hdr(L.LEVEL3), hdr(GOAL_TARGET), hdr(GOAL_ACTUAL), hdr(L.SCORE))),
    ]
    rows += level_rows(indicators, prefix, (prefix,), _hubei_cells)
    rows.append(Row(f"g{k}_sub", (lab(f"目标{k}得分小计", 5), calc(
        "score", x.sum_or_blank("{%s.score}" % prefix), "score",
        checks=(x.exceeds("{@score}", "{goal%d.weight}" % k, f"目标{k}得分超过其分值"),))),
        groups=("goal_subs",)))
    return rows


def _hubei_cells(ind: Indicator) -> list[Cell]:
    return [inp("l3", "text", value=ind.level3 or None), inp("target", value=ind.target),
            inp("actual", value=ind.actual), inp("score", "score", value=ind.score, validation=x.NON_NEGATIVE)]


# ---- Hunan ---------------------------------------------------------------------------

FUND_ROWS = (("fund_total", "合计"), ("fund_fiscal", "其中：财政拨款"), ("fund_other", "其他资金"))


def build_hunan(goals: list[Goal] | None = None, sheet_title: str = "部门整体支出绩效自评表（湖南）",
                year: int | None = None) -> Sheet:
    goals = goals or default_goals()
    heading = f"{year}年部门整体支出绩效自评表" if year else "部门整体支出绩效自评表"
    rows = [
        title(heading, SPAN),
        note("unit_line", "单位：万元", SPAN, align="right"),
        Row("unit", (lab(L.UNIT_NAME.text), inp("name", "text", 3), lab("单位负责人及电话"), inp("head", "text", 2))),
        Row("dept", (lab("主管部门"), inp("dept", "text", 3), lab(L.IMPLEMENTER.text), inp("impl", "text", 2))),
        Row("fund_head", (lab("资金情况（万元）", vspan=4), hdr(""), hdr("年初预算资金总额", 2), hdr("实际投入资金额", 2),
                          hdr("产生差异的原因"))),
    ]
    for name, text in FUND_ROWS:
        if name == "fund_total":
            cells: tuple[Cell, ...] = (
                lab(text), calc("plan", x.sum_or_blank("{fund_parts.plan}"), "money", span=2),
                calc("actual", x.sum_or_blank("{fund_parts.actual}"), "money", span=2))
        else:
            cells = (lab(text), inp("plan", "money", 2, validation=x.NON_NEGATIVE),
                     inp("actual", "money", 2, validation=x.NON_NEGATIVE))
        rows.append(Row(name, (*cells, inp("reason", "text")), groups=() if name == "fund_total" else ("fund_parts",)))
    rows += [
        Row("goal_head", (lab("总体目标", vspan=2), hdr("年度目标", 3), hdr("年度总体目标完成情况", 3))),
        Row("goal_text", (inp("planned", "text", 3), inp("achieved", "text", 3)), height=80),
    ]
    for k, goal in enumerate(goals, start=1):
        indicators = list(goal.indicators)
        rows.append(Row(f"g{k}_head", (lab(f"目标{k}", vspan=len(indicators) + 1), hdr(L.LEVEL1), hdr(L.LEVEL2),
                                       hdr(L.LEVEL3), hdr("指标值"), hdr("全年实际完成值"),
                                       hdr("产生差异的原因及改进措施"))))
        rows += level_rows(indicators, f"g{k}_", (f"g{k}_",), _hunan_cells)
    return Sheet(sheet_title, WIDTHS, tuple(rows), repeat_rows=("title", "unit_line"),
                 freeze=("unit_line", 0), tables=HUNAN_TABLES)


def _hunan_cells(ind: Indicator) -> list[Cell]:
    return [inp("l3", "text", value=ind.level3 or None), inp("target", value=ind.target),
            inp("actual", value=ind.actual), inp("note", "text", value=ind.note)]
