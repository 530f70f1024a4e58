"""Rules for the 项目支出绩效自评情况汇总表 (F5) against the project sheets of the same workbook."""

from __future__ import annotations

from collections.abc import Iterator

from xltools import scoring
from xltools.recognize.model import Recognized, SelfEvalForm
from xltools.rules.base import ROUNDING, Finding, RuleContext, rule

F5 = "F5（汇总表）"


def _forms_by_project(found: Recognized) -> dict[str, SelfEvalForm]:
    forms = {}
    for form in found.self_eval:
        for key in (form.project, form.sheet):
            if key:
                forms.setdefault(key.strip(), form)
    return forms


@rule("SM01", "汇总表与项目表不一致", "error", F5, """
检查：汇总表每个项目的自评得分、自评等级、全年预算数，与同一工作簿中该项目自评表的总分、自评等级、年度资金总额全年预算数一致（按项目名称或工作表名对应）。
原因：汇总表常由人工抄录，抄错后财政部门看到的是错误的结果。
示例：项目表总分 90，汇总表写 100 → 报错。
""", forms=("F5",), options=(ROUNDING,))
def summary_vs_projects(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    forms = _forms_by_project(found)
    for table in found.summaries:
        for row in table.rows:
            form = forms.get(row.name.text)
            if form is None:
                continue
            if row.score is not None and form.total is not None and form.total.number is not None:
                yield from ctx.mismatch(row.score, form.total.number, f"“{row.name.text}”自评得分",
                                        how=f"项目表“{form.sheet}”总分")
            if row.grade is not None and form.grade is not None and not row.grade.empty \
                    and row.grade.text != form.grade.text:
                yield ctx.at(row.grade, f"“{row.name.text}”自评等级“{row.grade.text}”，项目表是“{form.grade.text}”",
                             form.grade.text, row.grade.text)
            budget_total = form.budget.rows.get("total") if form.budget else None
            budget = budget_total.get("A") if budget_total else None
            if row.budget is not None and budget is not None and budget.number is not None:
                yield from ctx.mismatch(row.budget, budget.number, f"“{row.name.text}”全年预算数",
                                        how=f"项目表“{form.sheet}”年度资金总额")


@rule("SM02", "汇总平均分不是按资金加权", "error", F5, """
检查：汇总表的平均得分 = 各项目得分以全年预算数为权重的加权平均（湖北表备注 3：以资金额度为权重加权平均）。
原因：简单平均会让小项目和大项目权重相同，扭曲部门整体结果。
示例：得分 95（预算 100）与 85（预算 300），加权平均 87.5；简单平均 90 → 报错。
""", forms=("F5",), options=(ROUNDING,))
def weighted_average(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for table in found.summaries:
        average = table.average
        if average is None or average.score is None or average.score.number is None:
            continue
        values = [r.score.number if r.score is not None else None for r in table.rows]
        funds = [r.budget.number if r.budget is not None else None for r in table.rows]
        expected = scoring.weighted_average(values, funds)
        if expected is not None:
            yield from ctx.mismatch(average.score, expected, "加权平均得分", how="以全年预算数为权重")
