"""F3 项目绩效情况自评表, Shenzhen layout (seed 002): 资金安排情况, 资金使用情况, 项目自评价评分表."""

from __future__ import annotations

from dataclasses import dataclass

from xltools.forms import exprs as x
from xltools.forms import labels as L
from xltools.forms.spec import Cell, Check, Label, Row, Sheet, TableSpec, calc, hdr, inp, lab, note, title
from xltools.scoring import GRADE_BANDS_SHENZHEN

WIDTHS = (16, 14, 14, 14, 12, 12, 14, 12, 14, 12, 12, 12)
SPAN = len(WIDTHS)
# Columns of 资金安排情况 after 项目 and 行次: (key, header, summed into)
FISCAL_PARTS = ("central", "province", "city", "county")
OTHER_PARTS = ("own", "loan", "social")
AMOUNT_KEYS = ("total", "fiscal", *FISCAL_PARTS, "other", *OTHER_PARTS)
INPUT_ROWS = (("r1", "预算安排", "(1)"), ("r2", "项目实际投入", "(2)"), ("r3", "资金到位", "(3)"),
              ("r4", "实际支出", "(4)"))
DERIVED_ROWS = (("r5", "资金结余", "(5)=(3)-(4)"), ("r6", "预算执行率(%)", "(6)=(4)/(1)"),
                ("r7", "资金到位率(%)", "(7)=(3)/(1)"), ("r8", "资金实际支出率(%)", "(8)=(4)/(3)"))
LEVEL1_WEIGHTS = {"投入和管理目标": 25, "产出目标": 30, "效果目标": 35, "影响力目标": 10}
WEIGHT = Label("权重", L.WEIGHT.all_texts())
TARGET = Label("目标值", L.TARGET.all_texts())
ACTUAL = Label("业绩值", L.ACTUAL.all_texts())
RESULT = Label("评分结果", L.SCORE.all_texts())
CRITERIA = L.CRITERIA
TABLES = (
    TableSpec("F3.arrangement", tuple(Label(t) for t in ("项目", "行次", "合计", "财政资金", "其他资金")),
              keys=("name", "line", "total", "fiscal", "other"), required=("line", "total", "fiscal"),
              title="资金安排情况"),
    TableSpec("F3.use", (Label("项目支出内容"), Label("实际支出数"), Label("财政资金专款专用数")),
              keys=("name", "spent", "earmarked"), required=("name", "spent"), title="资金使用情况"),
    TableSpec("F3.scores", (L.LEVEL1, L.LEVEL2, L.LEVEL3, WEIGHT, TARGET, ACTUAL, RESULT, CRITERIA),
              keys=("l1", "l2", "l3", "weight", "target", "actual", "score", "criteria"),
              required=("l1", "weight", "score", "criteria"), title="项目自评价评分表"),
)


@dataclass(frozen=True)
class ScoreItem:
    level1: str
    level2: str
    level3: str = ""
    weight: float | None = None
    target: str | float | None = None
    actual: str | float | None = None
    score: float | None = None
    criteria: str | None = None


SKELETON: dict[str, dict[str, tuple[str, ...]]] = {
    "投入和管理目标": {
        "预算设置": ("项目预算金额",),
        "预算执行": ("预算编制合理性", "预算资金到位情况", "预算执行率"),
        "财务管理": ("财务管理制度健全性", "财务监控有效性", "资金使用规范性"),
        "项目管理": ("项目管理制度健全性", "政府采购规范性", "合同管理完备性", "项目质量可控性"),
    },
    "产出目标": {"产出数量": ("", ""), "产出质量": ("", ""), "产出时效": ("", "")},
    "效果目标": {"社会效益": ("", ""), "服务对象满意度": ("",)},
    "影响力目标": {"长效管理": ("长效管理制度健全性",), "人力资源": ("人员到位率",),
                   "部门协调": ("沟通协调机制健全性",), "硬件条件": ("配套设施完备性",)},
}


def default_items() -> list[ScoreItem]:
    return [ScoreItem(l1, l2, l3) for l1, l2s in SKELETON.items() for l2, l3s in l2s.items() for l3 in l3s]


def build(project_name: str = "", items: list[ScoreItem] | None = None, use_rows: int = 10,
          sheet_title: str = "项目绩效情况自评表（深圳）") -> Sheet:
    rows = [
        title("项目绩效情况自评表", SPAN),
        Row("project", (lab(L.PROJECT_NAME.text, 2), inp("name", "text", SPAN - 2, value=project_name or None))),
        note("sec1", "一、项目概况", SPAN),
        Row("overview", (inp("text", "text", SPAN),), height=110),
        note("sec2", "二、资金安排和使用情况", SPAN),
        note("sec2_1", "1. 资金安排情况（金额单位：元）", SPAN),
        *_arrangement_rows(),
        note("sec2_2", "2. 资金使用情况（金额单位：元）", SPAN),
        *_use_rows(use_rows),
        note("sec3", "三、项目自评价评分表", SPAN),
        *_score_rows(items or default_items()),
    ]
    return Sheet(sheet_title, WIDTHS, tuple(rows), landscape=True, repeat_rows=("title", "title"),
                 freeze=("title", 0), tables=TABLES)


def _arrangement_rows() -> list[Row]:
    rows = [
        Row("arr_head1", (hdr("项目", vspan=2), hdr("行次", vspan=2), hdr("合计", vspan=2),
                          hdr("财政资金", 1 + len(FISCAL_PARTS)), hdr("其他资金", 1 + len(OTHER_PARTS)))),
        Row("arr_head2", tuple(hdr(t) for t in ("小计", "中央级", "省级", "市级", "区县转移", "小计", "单位自有",
                                                "银行贷款等", "社会资本"))),
    ]
    for name, text, line in INPUT_ROWS:
        cells = [lab(text, align="left"), lab(line),
                 calc("total", x.sum_or_blank("{@fiscal}", "{@other}"), "money"),
                 calc("fiscal", x.sum_or_blank("{@central}:{@county}"), "money"),
                 *(inp(k, "money", validation=x.NON_NEGATIVE) for k in FISCAL_PARTS),
                 calc("other", x.sum_or_blank("{@own}:{@social}"), "money"),
                 *(inp(k, "money", validation=x.NON_NEGATIVE) for k in OTHER_PARTS)]
        rows.append(Row(name, tuple(cells)))
    derived = {
        "r6": lambda k: x.percent_rate("{r1.%s}" % k, "{r4.%s}" % k),
        "r7": lambda k: x.percent_rate("{r1.%s}" % k, "{r3.%s}" % k),
        "r8": lambda k: x.percent_rate("{r3.%s}" % k, "{r4.%s}" % k),
    }
    for name, text, line in DERIVED_ROWS:
        fmt = "money" if name == "r5" else "percent_number"
        cells = [lab(text, align="left"), lab(line)]
        for k in AMOUNT_KEYS:
            checks = ()
            if name in ("r6", "r8"):
                checks = (Check("AND(ISNUMBER({@%s}),{@%s}>100)" % (k, k), f"{text}超过 100"),)
            formula = _balance(k) if name == "r5" else derived[name](k)
            cells.append(calc(k, formula, fmt, checks=checks))
        rows.append(Row(name, tuple(cells)))
    return rows


def _balance(k: str) -> str:
    """(5) = (3) − (4), blank while both are blank."""
    return 'IF(COUNT({r3.%s},{r4.%s})=0,"",N({r3.%s})-N({r4.%s}))' % (k, k, k, k)


def _use_rows(count: int) -> list[Row]:
    rows = [
        Row("use_head1", (hdr("项目支出内容", 4, vspan=2), hdr("实际支出数", 6), hdr("财政资金专款专用数", 2, vspan=2))),
        Row("use_head2", (hdr("合计", 2), hdr("财政资金支出数", 2), hdr("其他资金支出数", 2))),
        Row("use_total", (
            lab("合计", 4),
            calc("total", x.sum_or_blank("{use.total}"), "money", span=2,
                 checks=(x.not_equal("{@total}", "{r4.total}", "资金使用合计应等于实际支出(4)"),)),
            calc("fiscal", x.sum_or_blank("{use.fiscal}"), "money", span=2),
            calc("other", x.sum_or_blank("{use.other}"), "money", span=2),
            calc("earmarked", x.sum_or_blank("{use.earmarked}"), "money", span=2))),
    ]
    for i in range(count):
        rows.append(Row(f"use{i}", (
            inp("content", "text", 4),
            calc("total", x.sum_or_blank("{@fiscal}", "{@other}"), "money", span=2),
            inp("fiscal", "money", 2, validation=x.NON_NEGATIVE),
            inp("other", "money", 2, validation=x.NON_NEGATIVE),
            inp("earmarked", "money", 2, validation=x.NON_NEGATIVE)), groups=("use",)))
    return rows


def _score_rows(items: list[ScoreItem]) -> list[Row]:
    rows = [Row("score_head", (hdr(L.LEVEL1), hdr(L.LEVEL2), hdr(L.LEVEL3, 2), hdr(WEIGHT), hdr(TARGET),
                               hdr(ACTUAL), hdr(RESULT), hdr(CRITERIA, 4)))]
    tree: dict[str, dict[str, list[ScoreItem]]] = {}
    for item in items:
        tree.setdefault(item.level1, {}).setdefault(item.level2, []).append(item)
    for j, (level1, level2s) in enumerate(tree.items()):
        standard = LEVEL1_WEIGHTS.get(level1)
        checks = (x.exceeds("{@score}", "{@weight}", "得分超过权重"),)
        weight_checks = () if standard is None else (
            x.not_value("{@weight}", standard, f"{level1}权重应为 {standard}"),)
        rows.append(Row(f"s{j}", (
            lab(level1, align="left"), lab("", 3),
            calc("weight", x.sum_or_blank("{s%d_l2.weight}" % j), "score", checks=weight_checks),
            lab(""), lab(""), calc("score", x.sum_or_blank("{s%d_l2.score}" % j), "score", checks=checks),
            lab("", 4)), groups=("s_l1",)))
        for m, (level2, level3s) in enumerate(level2s.items()):
            prefix = f"s{j}_{m}"
            rows.append(Row(prefix, (
                lab(""), inp("l2", "text", value=level2 or None), lab("", 2),
                calc("weight", x.sum_or_blank("{%s_l3.weight}" % prefix), "score"),
                lab(""), lab(""), calc("score", x.sum_or_blank("{%s_l3.score}" % prefix), "score", checks=checks),
                lab("", 4)), groups=(f"s{j}_l2",)))
            for n, item in enumerate(level3s):
                rows.append(Row(f"{prefix}_{n}", _item_cells(item), groups=(f"{prefix}_l3", "items")))
    rows.append(Row("total", (
        lab("总计", 4),
        calc("weight", x.sum_or_blank("{s_l1.weight}"), "score",
             checks=(x.not_value("{@weight}", 100, "权重总计应为 100"),)),
        lab(""), lab(""), calc("score", x.sum_or_blank("{s_l1.score}"), "score"), lab("", 4))))
    rows.append(Row("grade", (lab("评价等级", 4), lab(""), lab(""), lab(""),
                              calc("value", x.grade("{total.score}", GRADE_BANDS_SHENZHEN)), lab("", 4))))
    return rows


def _item_cells(item: ScoreItem) -> tuple[Cell, ...]:
    return (
        lab(""), lab(""), inp("l3", "text", 2, value=item.level3 or None),
        inp("weight", "score", value=item.weight, validation=x.NON_NEGATIVE),
        inp("target", value=item.target), inp("actual", value=item.actual),
        inp("score", "score", value=item.score, validation=x.score_within("{@weight}"),
            checks=(x.exceeds("{@score}", "{@weight}", "评分结果超过权重"),)),
        inp("criteria", "text", 4, value=item.criteria),
    )
