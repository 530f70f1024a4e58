"""Rules for the Shenzhen 项目绩效情况自评表 (F3, seed 002)."""

from __future__ import annotations

from collections.abc import Iterator

from xltools.forms.f3_shenzhen import LEVEL1_WEIGHTS
from xltools.recognize.model import Recognized, ScoreNode
from xltools.rules.base import ROUNDING, Finding, RuleContext, rule
from xltools.values import parse

F3 = "F3（深圳）"
DERIVED = {6: ((4, 1), "预算执行率(6)=(4)/(1)"), 7: ((3, 1), "资金到位率(7)=(3)/(1)"),
           8: ((4, 3), "资金实际支出率(8)=(4)/(3)")}
FISCAL_PARTS = ("central", "province", "city", "county")
OTHER_PARTS = ("own", "loan", "social")
COLUMN_NAMES = {"total": "合计", "fiscal": "财政资金小计", "central": "中央级", "province": "省级", "city": "市级",
                "county": "区县转移", "other": "其他资金小计", "own": "单位自有", "loan": "银行贷款等",
                "social": "社会资本"}


@rule("SZ01", "资金结余不等于到位减支出", "error", F3, """
检查：资金安排情况每一栏 资金结余(5) = 资金到位(3) − 实际支出(4)。
原因：结余是审核资金沉淀的依据，算错会误导结转安排。
示例：到位 1,870,000、支出 1,065,140，结余应为 804,860。
""", forms=("F3",), options=(ROUNDING,))
def balance_row(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for form in found.shenzhen:
        rows = form.arrangement.rows if form.arrangement else {}
        if not all(k in rows for k in (3, 4, 5)):
            continue
        for key, cell in rows[5].items():
            a, b = rows[3].get(key), rows[4].get(key)
            if a is None or b is None or (a.number is None and b.number is None):
                continue
            yield from ctx.mismatch(cell, (a.number or 0) - (b.number or 0), f"{COLUMN_NAMES.get(key, key)}资金结余",
                                    how="(3)−(4)")


@rule("SZ02", "比率行计算错误", "error", F3, """
检查：预算执行率(6)=(4)/(1)、资金到位率(7)=(3)/(1)、资金实际支出率(8)=(4)/(3)，每一栏按百分数（如 91.9 表示 91.9%）和表上的小数位比较。
原因：预算执行率决定“预算执行率”指标的得分。
示例：预算安排 1,525,000、实际支出 1,148,151.5，执行率应为 75.29。
""", forms=("F3",), options=(ROUNDING,))
def ratio_rows(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for form in found.shenzhen:
        rows = form.arrangement.rows if form.arrangement else {}
        for line, ((num, den), what) in DERIVED.items():
            if line not in rows or num not in rows or den not in rows:
                continue
            for key, cell in rows[line].items():
                n, d = rows[num].get(key), rows[den].get(key)
                if n is None or d is None or n.number is None or not d.number or cell.number is None:
                    continue
                value = cell.number * 100 if isinstance(cell.raw, str) and cell.raw.strip().endswith("%") else cell.number
                expected = n.number / d.number * 100
                decimals = max(cell.decimals, 0)
                shown = type(cell)(cell.sheet, cell.row, cell.col, value)
                yield from ctx.mismatch(shown, expected, f"{COLUMN_NAMES.get(key, key)}{what}", decimals=decimals)


@rule("SZ03", "资金小计与明细不符", "error", F3, """
检查：资金安排情况每一行 合计 = 财政资金小计 + 其他资金小计；财政资金小计 = 中央级 + 省级 + 市级 + 区县转移；其他资金小计 = 单位自有 + 银行贷款等 + 社会资本。
原因：小计与明细不符，说明有一栏漏填或多填。
示例：实际支出 合计 41,521,215.36，财政资金小计却是 40,554,747.36 → 报错。
""", forms=("F3",), options=(ROUNDING,))
def arrangement_sums(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for form in found.shenzhen:
        if not form.arrangement:
            continue
        for line, cells in form.arrangement.rows.items():
            if line >= 5:
                continue  # rows (5)–(8) are derived per column (SZ01, SZ02)
            label = form.arrangement.labels[line].text
            for total_key, parts in (("fiscal", FISCAL_PARTS), ("other", OTHER_PARTS), ("total", ("fiscal", "other"))):
                values = [cells[p].number for p in parts if p in cells and cells[p].number is not None]
                if total_key in cells and values:
                    yield from ctx.mismatch(cells[total_key], sum(values), f"{label}{COLUMN_NAMES[total_key]}",
                                            how="各明细栏之和")


@rule("SZ04", "资金使用合计不符", "error", F3, """
检查：资金使用情况 合计 = 各支出内容之和，且 = 资金安排情况 实际支出(4)。
原因：资金使用明细是实际支出的分解，两者必须一致。
示例：各项支出之和 1,065,140，合计写 1,165,140 → 报错。
""", forms=("F3",), options=(ROUNDING,))
def use_totals(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for form in found.shenzhen:
        if not form.use or not form.use.total:
            continue
        for key, cell in form.use.total.items():
            if key == "name":
                continue
            values = [row[key].number for row in form.use.rows if key in row and row[key].number is not None]
            if values:
                yield from ctx.mismatch(cell, sum(values), f"资金使用{COLUMN_NAMES.get(key, '')}合计", how="各行之和")
        spent = form.arrangement.rows.get(4, {}).get("total") if form.arrangement else None
        total = form.use.total.get("total")
        if spent is not None and total is not None and spent.number is not None:
            yield from ctx.mismatch(total, spent.number, "资金使用合计", how="资金安排情况 实际支出(4)")


def _leaves(node: ScoreNode, key: str) -> float | None:
    """A node's figure from its leaves (the 三级 rows are the truth); a leaf's own cell otherwise."""
    if not node.children:
        cell = node.cells.get(key)
        return cell.number if cell is not None else None
    values = [v for v in (_leaves(c, key) for c in node.children) if v is not None]
    return sum(values) if values else None


def _present(nodes: list[ScoreNode], key: str) -> bool | None:
    """Whether a subtotal level is really there: filled for every group (True), for none (None), or
    only for some, blank or zero elsewhere (False: a format note, never the basis of an error)."""
    filled = []
    for node in nodes:
        cell = node.cells.get(key)
        leaves = _leaves(node, key)
        filled.append(cell is not None and cell.number is not None and not (cell.number == 0 and leaves))
    if not any(filled):
        return None
    return all(filled)


@rule("SZ05", "评分表权重层级不一致", "error", F3, """
检查：各三级指标权重之和 = 所属二级指标权重，二级之和 = 一级权重；一级权重为 投入和管理目标 25、产出目标 30、效果目标 35、影响力目标 10，合计 100；评分结果同样逐级相加。总计按三级指标核对；二级、一级小计只在每一组都填写时才核对，只填了一部分时给出提示。
原因：权重拆分错误会让满分不是 100 分。
示例：产出目标下二级权重 12.21 + 11.1 + 6.69 = 30 ✓；若写成 31 → 报错。
""", forms=("F3",), options=(ROUNDING,), also={"info": "二级、一级小计只填了一部分时（不据以核对）"})
def weight_levels(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for form in found.shenzhen:
        if not form.scores:
            continue
        for node1 in form.scores.level1:
            standard = LEVEL1_WEIGHTS.get(node1.name)
            weight1 = node1.cells.get("weight")
            if standard is not None and weight1 is not None and weight1.number is not None \
                    and abs(weight1.number - standard) > 0.005:
                yield ctx.at(weight1, f"{node1.name}权重 {weight1.number:g}，应为 {standard}", float(standard),
                             weight1.number)
        levels = {1: [n for n in form.scores.level1 if n.children],
                  2: [n for n1 in form.scores.level1 for n in n1.children if n.children]}
        for key, what in (("weight", "权重"), ("score", "评分结果")):
            for level, nodes in levels.items():
                present = _present(nodes, key)
                if present is False:
                    first = next(n.cells[key] for n in nodes if n.cells.get(key) is not None and not n.cells[key].empty)
                    yield ctx.at(first, f"{'一' if level == 1 else '二'}级指标的{what}只填写了一部分，"
                                        "未按小计核对，总计按三级指标核对", None, None, "info")
                    continue
                for node in nodes if present else ():
                    cell, expected = node.cells[key], _leaves(node, key)
                    if expected is not None:
                        name = node.name or ("该二级指标" if node.level == 2 else "该一级指标")
                        yield from ctx.mismatch(cell, expected, f"{name}{what}", how="所属三级指标之和")
        total = form.scores.total
        for key, what in (("weight", "权重总计"), ("score", "评分结果总计")):
            cell = total.get(key)
            values = [v for v in (_leaves(n, key) for n in form.scores.level1) if v is not None]
            if cell is not None and values:
                yield from ctx.mismatch(cell, sum(values), what, how="各三级指标之和")
        weight_total = total.get("weight")
        if weight_total is not None and weight_total.number is not None and abs(weight_total.number - 100) > 0.005:
            yield ctx.at(weight_total, f"权重总计 {weight_total.number:g}，应为 100", 100.0, weight_total.number)


def _level3(form) -> Iterator[ScoreNode]:
    for node1 in form.scores.level1 if form.scores else []:
        for node2 in node1.children:
            yield from node2.children


@rule("SZ06", "项目预算金额指标与预算安排不符", "warning", F3, """
检查：评分表“项目预算金额”指标的目标值与资金安排情况 预算安排(1) 合计一致（万元与元自动换算）。
原因：两处预算数不一致，说明评分表沿用了旧数据或口径不同。
示例：目标值“825.2 万元”，预算安排 12,686,743.25 元（1,268.67 万元）→ 警告。
""", forms=("F3",))
def budget_indicator(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for form in found.shenzhen:
        planned = form.arrangement.rows.get(1, {}).get("total") if form.arrangement else None
        if planned is None or planned.number is None:
            continue
        for node in _level3(form):
            if "预算金额" not in node.name or "target" not in node.cells:
                continue
            p = parse(node.cells["target"].raw)
            if p.quantity is None:
                continue
            yuan = p.quantity.base if p.quantity.base_unit == "元" else p.quantity.value
            if abs(yuan - planned.number) > 0.5:
                yield ctx.at(node.cells["target"], f"项目预算金额 {node.cells['target'].text} 与预算安排(1) "
                                                   f"{planned.number:,.2f} 元不一致", planned.number, yuan)
