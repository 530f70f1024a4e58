"""F5 项目支出绩效自评情况汇总表 (seed 004 line 608), standalone or linked to project sheets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xltools.forms import exprs as x
from xltools.forms.spec import Label, Row, Sheet, TableSpec, calc, hdr, inp, lab, title

SHEET_TITLE = "项目支出绩效自评情况汇总表"
WIDTHS = (8, 40, 16, 12, 12)
SPAN = len(WIDTHS)
COLUMNS = (Label("序号"), Label("项目名称"), Label("全年预算数(万元)", ("全年预算数", "预算数")),
           Label("自评得分", ("得分", "总分")), Label("自评等级", ("等级", "评价等级")))
TABLES = (TableSpec("F5.summary", COLUMNS, keys=("no", "name", "budget", "score", "grade"), required=("name", "score"),
                    title="项目支出绩效自评情况汇总表"),)


@dataclass(frozen=True)
class ProjectLink:
    """Formula references to one project form's 项目名称, 全年预算数, 总分 and 自评等级."""

    name: str
    budget: str
    score: str
    grade: str


def link_to_f1(sheet: str) -> ProjectLink:
    """Links to an F1 sheet rendered by xltools in the same workbook (resolved by the renderer)."""
    return ProjectLink(*("{%s!%s}" % (sheet, name) for name in ("project.name", "bud_total.A", "total.score",
                                                                "grade.value")))


def build(projects: Sequence[ProjectLink] = (), blank_rows: int = 10, unit: str = "",
          year: int | None = None, sheet_title: str = SHEET_TITLE) -> Sheet:
    """With ``projects`` every cell links to the project forms; without, a blank list to fill in."""
    heading = f"{year}年度{SHEET_TITLE}" if year else SHEET_TITLE
    rows = [
        title(heading, SPAN),
        Row("unit", (lab("单位：", align="right"), inp("name", "text", 2, value=unit or None),
                     lab("金额单位：万元", 2, align="right")), boxed=False),
        Row("head", tuple(hdr(c) for c in COLUMNS)),
    ]
    if projects:
        for i, link in enumerate(projects):
            rows.append(Row(f"p{i}", (
                lab(str(i + 1)),
                calc("name", _linked(link.name), "text"),
                calc("budget", _linked(link.budget), "money"),
                calc("score", _linked(link.score), "score"),
                calc("grade", _linked(link.grade))), groups=("projects",)))
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
                 tables=TABLES)


def _linked(ref: str) -> str:
    return f'IF({ref}="","",{ref})'
