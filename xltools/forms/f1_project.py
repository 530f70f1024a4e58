"""F1 项目支出绩效自评表, national layout (财预〔2020〕10号; seed 004 lines 619–740)."""

from __future__ import annotations

from dataclasses import dataclass

from xltools.forms import exprs as x
from xltools.forms import labels as L
from xltools.forms.indicators import Indicator, default_indicators, group, level_rows
from xltools.forms.spec import Cell, Row, Sheet, TableSpec, calc, hdr, inp, lab, note, title
from xltools.scoring import GRADE_BANDS

WIDTHS = (8, 10, 14, 24, 14, 14, 8, 10, 24)
SPAN = len(WIDTHS)
BUDGET_WEIGHT = 10
BUDGET_ROWS = (
    ("bud_total", "年度资金总额"),
    ("bud_fiscal", "其中：当年财政拨款"),
    ("bud_carry", "上年结转资金"),
    ("bud_other", "其他资金"),
)
TABLES = (
    TableSpec("F1.budget", (L.INITIAL_BUDGET, L.BUDGET_A, L.SPENT_B, L.WEIGHT, L.RATE, L.SCORE),
              keys=("init", "A", "B", "weight", "rate", "score"), required=("A", "B"), title="项目预算执行情况",
              rows=L.BUDGET_ROWS),
    TableSpec("F1.indicators", (L.LEVEL1, L.LEVEL2, L.LEVEL3, L.TARGET, L.ACTUAL, L.WEIGHT, L.SCORE, L.DEVIATION),
              keys=("l1", "l2", "l3", "target", "actual", "weight", "score", "note"),
              required=("l3", "target", "actual", "weight", "score"), title="绩效指标"),
)


@dataclass(frozen=True)
class ProjectInfo:
    name: str = ""
    department: str = ""
    implementer: str = ""
    initial_budget: float | None = None
    budget: float | None = None
    goal: str = ""  # 年度总体目标: 年初预期目标 and, once the year is over, 目标实际完成情况
    goal_achieved: str = ""


def build(project: ProjectInfo | None = None, indicators: list[Indicator] | None = None,
          sheet_title: str = "项目支出绩效自评表", year: int | None = None) -> Sheet:
    project = project or ProjectInfo()
    indicators = indicators or default_indicators()
    heading = f"{year}年度项目支出绩效自评表" if year else "项目支出绩效自评表"
    rows = [
        title(heading, SPAN),
        note("unit_line", "单位：万元", SPAN, align="right"),
        Row("project", (lab(L.PROJECT_NAME.text, 3), inp("name", "text", 6, value=project.name or None))),
        Row("header", (lab(L.DEPARTMENT.text, 3), inp("dept", "text", 2, value=project.department or None),
                       lab(L.IMPLEMENTER.text, 2), inp("unit", "text", 2, value=project.implementer or None))),
        *_budget_rows(project),
        Row("goals_head", (lab(L.GOAL_OVERALL.text, 2, vspan=2), hdr(L.GOAL_EXPECTED.text, 4),
                           hdr(L.GOAL_ACHIEVED.text, 3))),
        Row("goals_text", (inp("expected", "text", 4, value=project.goal or None),
                           inp("achieved", "text", 3, value=project.goal_achieved or None)), height=60),
        *_indicator_rows(indicators),
        note("notes", _notes_text(), SPAN, height=48),
    ]
    return Sheet(sheet_title, WIDTHS, tuple(rows), landscape=False, repeat_rows=("title", "unit_line"),
                 freeze=("unit_line", 0), tables=TABLES)


def _budget_rows(project: ProjectInfo) -> list[Row]:
    head = Row("bud_head", (lab("项目预算执行情况", 2, vspan=len(BUDGET_ROWS) + 1), hdr(""),
                            hdr(L.INITIAL_BUDGET), hdr(L.BUDGET_A), hdr(L.SPENT_B), hdr(L.WEIGHT),
                            hdr(L.RATE), hdr(L.SCORE)))
    rows = [head]
    parts = "{bud_parts.%s}"
    for name, text in BUDGET_ROWS:
        is_total = name == "bud_total"
        amounts = []
        for key, value in (("init", project.initial_budget), ("A", project.budget), ("B", None)):
            checks = (x.not_equal_sum("{@%s}" % key, parts % key, f"{text}应等于其下三行之和"),) if is_total else ()
            if key == "B":
                checks += (x.exceeds("{@B}", "{@A}", "全年执行数超过全年预算数"),)
            amounts.append(inp(key, "money", value=value if is_total else None, validation=x.NON_NEGATIVE,
                               checks=checks))
        rate = calc("rate", x.rate("{@A}", "{@B}"), "rate", checks=(x.over_one("{@rate}", "执行率超过 100%"),))
        if is_total:
            cells = (lab(text), *amounts, inp("weight", "score", value=BUDGET_WEIGHT, validation=x.NON_NEGATIVE),
                     rate, calc("score", x.capped_score("{@weight}", "{@rate}"), "score"))
        else:
            cells = (lab(text), *amounts, lab("-"), rate, lab("-"))
        rows.append(Row(name, cells, groups=() if is_total else ("bud_parts",)))
    return rows


def _indicator_rows(indicators: list[Indicator]) -> list[Row]:
    blocks = len(group(indicators))
    rows = [Row("ind_head", (hdr("绩效指标"), hdr(L.LEVEL1), hdr(L.LEVEL2), hdr(L.LEVEL3), hdr(L.TARGET),
                             hdr(L.ACTUAL), hdr(L.WEIGHT), hdr(L.SCORE), hdr(L.DEVIATION)))]
    rows += level_rows(indicators, "ind", ("ind",), _indicator_cells,
                       lead=(lab("年度绩效指标", vspan=len(indicators) + blocks),), subtotal=_subtotal)
    sums = ("{bud_total.weight}", "{subs.weight}"), ("{bud_total.score}", "{subs.score}")
    rows.append(Row("total", (
        lab(L.TOTAL_SCORE.text, 6),
        calc("weight", x.sum_or_blank(*sums[0]), "score",
             checks=(x.not_value("{@weight}", 100, "分值合计应为 100", when="COUNT({subs.weight})>0"),)),
        calc("score", x.sum_or_blank(*sums[1]), "score",
             checks=(x.not_equal("{@score}", "SUM(%s)" % ",".join(sums[1]), "总分应等于各项得分之和"),
                     x.exceeds("{@score}", "{@weight}", "总分超过分值合计"))),
        lab(""),
    )))
    rows.append(Row("grade", (lab(L.GRADE.text, 6), calc("value", x.grade("{total.score}"), span=2), lab(""))))
    return rows


def _subtotal(j: int, level1: str) -> Row:
    return Row(f"sub{j}", (
        lab(f"{level1}小计", 5),
        calc("weight", x.sum_or_blank("{indl1_%d.weight}" % j), "score"),
        calc("score", x.sum_or_blank("{indl1_%d.score}" % j), "score",
             checks=(x.exceeds("{@score}", "{@weight}", "小计得分超过小计分值"),)),
        lab(""),
    ), groups=("subs",))


def _indicator_cells(ind: Indicator) -> list[Cell]:
    return [
        inp("l3", "text", value=ind.level3 or None),
        inp("target", value=ind.target),
        inp("actual", value=ind.actual),
        inp("weight", "score", value=ind.weight, validation=x.NON_NEGATIVE),
        inp("score", "score", value=ind.score, validation=x.score_within("{@weight}"),
            checks=(x.exceeds("{@score}", "{@weight}", "得分超过分值"),)),
        inp("note", "text", value=ind.note),
    ]


def _notes_text() -> str:
    bands = "；".join(f"{bound:g}分（含）以上为{label}" for bound, label in GRADE_BANDS)
    return ("注：1. 执行率 = 全年执行数(B) ÷ 全年预算数(A)；预算执行得分 = 分值 × 执行率，不超过分值。"
            "2. 分值一般为：预算执行率 10 分、产出指标 50 分、效益指标 30 分、满意度指标 10 分，合计 100 分。"
            f"3. 自评等级：{bands}；60 分以下为差。")
