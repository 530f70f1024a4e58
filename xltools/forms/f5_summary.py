"""F5 项目支出绩效自评情况汇总表 (seed 004 line 608), standalone or linked to project sheets."""

from __future__ import annotations

from collections.abc import Sequence

from xltools.forms import exprs as x
from xltools.forms.spec import Label, Row, Sheet, TableSpec, calc, hdr, inp, lab, title

SHEET_TITLE = "项目支出绩效自评情况汇总表"
WIDTHS = (8, 40, 16, 12, 12)
SPAN = len(WIDTHS)
COLUMNS = (Label("序号"), Label("项目名称"), Label("全年预算数(万元)", ("全年预算数", "预算数")),
           Label("自评得分", ("得分", "总分")), Label("自评等级", ("等级", "评价等级")))


def build(project_sheets: Sequence[str] = (), blank_rows: int = 10, unit: str = "",
          year: int | None = None, sheet_title: str = SHEET_TITLE) -> Sheet:
    """With ``project_sheets`` (titles of F1 sheets in the same workbook) every cell links to them."""
    heading = f"{year}年度{SHEET_TITLE}" if year else SHEET_TITLE
    rows = [
        title(heading, SPAN),
        Row("unit", (lab("单位：", align="right"), inp("name", "text", 2, value=unit or None),
                     lab("金额单位：万元", 2, align="right")), boxed=False),
        Row("head", tuple(hdr(c) for c in COLUMNS)),
    ]
    if project_sheets:
        for i, sheet in enumerate(project_sheets):
            rows.append(Row(f"p{i}", (
                lab(str(i + 1)),
                calc("name", _linked(sheet, "project.name"), "text"),
                calc("budget", _linked(sheet, "bud_total.A"), "money"),
                calc("score", _linked(sheet, "total.score"), "score"),
                calc("grade", _linked(sheet, "grade.value"))), groups=("projects",)))
    else:
        for i in range(blank_rows):
            rows.append(Row(f"p{i}", (
                lab(str(i + 1)), inp("name", "text"), inp("budget", "money", validation=x.NON_NEGATIVE),
                inp("score", "score", validation=x.Validation("decimal", "between", "0", "100",
                                                              error="自评得分应在 0 到 100 之间")),
                calc("grade", x.grade("{@score}"))), groups=("projects",)))
    rows.append(Row("average", (
        lab("合计 / 加权平均得分（以全年预算数为权重）", 2),
        calc("budget", x.sum_or_blank("{projects.budget}"), "money"),
        calc("score", x.weighted_average("{projects.budget}", "{projects.score}"), "score"),
        calc("grade", x.grade("{@score}")))))
    return Sheet(sheet_title, WIDTHS, tuple(rows), repeat_rows=("title", "head"), freeze=("head", 0),
                 tables=(TableSpec("f5_summary", COLUMNS),))


def _linked(sheet: str, name: str) -> str:
    ref = "{%s!%s}" % (sheet, name)
    return f'IF({ref}="","",{ref})'
