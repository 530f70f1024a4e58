"""Rules that hold a row to its own 评分标准 (the scoring rule written on the row)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from xltools.criteria import Criteria, parse_criteria, parse_criteria_partly
from xltools.recognize.grid import CellRef
from xltools.recognize.model import Recognized
from xltools.rules.base import ROUNDING, SELF_EVAL_FORMS, Finding, RuleContext, rule
from xltools.values import Quantity

APPLIES = "F3（深圳），以及带“评分标准”列的 F1、F2"
Row = tuple[str, dict[str, CellRef], str]   # name, cells, what the score column is called
BUDGET_TIER_ROW = re.compile(r"执行率|到位率")


def criteria_rows(found: Recognized) -> Iterator[Row]:
    """Every row with a 评分标准 cell: Shenzhen 三级 rows and indicator rows."""
    for form in found.shenzhen:
        for node1 in form.scores.level1 if form.scores else []:
            for node2 in node1.children:
                for node in node2.children:
                    if "criteria" in node.cells:
                        yield node.name, node.cells, "评分结果"
    for self_eval in found.self_eval:
        for row in self_eval.indicators:
            if "criteria" in row.cells:
                yield row.name, row.cells, "得分"


def _criteria(cells: dict[str, CellRef]) -> Criteria | None:
    cell = cells.get("criteria")
    return parse_criteria(cell.text) if cell is not None and not cell.empty else None


def unparsed_criteria(found: Recognized) -> list[CellRef]:
    """评分标准 cells that state a rule (they mention 分 or a number) the grammar cannot read:
    skipped by SZ07/SZ08, listed by ``xltools check --stats``."""
    cells = [cells["criteria"] for _, cells, _ in criteria_rows(found) if not cells["criteria"].empty]
    return [c for c in cells if re.search(r"[\d分]", c.text) and parse_criteria(c.text) is None]


def _quote(text: str, limit: int = 40) -> str:
    text = re.sub(r"\s+", "", text)
    return text if len(text) <= limit else text[:limit] + "…"


def _fmt(q: Quantity) -> str:
    return f"{q.value:g}{q.unit}"


@rule("SZ07", "评分结果不符合本行评分标准", "error", APPLIES, """
检查：按本行“评分标准”写明的规则（达标得 N 分、分档、得分公式、每少若干扣若干分）和本行业绩值算出应得分，与评分结果比较；相差一个尾数单位为警告，更多为错误。评分标准无法解读、业绩值无法对照（如“足额到位”对“≥90%”）、酌情扣分或分项定性打分的行不检查；评分标准本身的满分与权重不符时由 SZ08 提示，不在此重复。
原因：评分标准是本表自己写明的算法，得分与之不符说明算错或套用了别的口径。
示例：评分标准“预算执行率得分 = 预算执行率 * 2.27”，业绩值 91.9%，应得 2.09，表上写 1.99 → 错误；“≥353套得3分；<353套，分数=实际业绩值/353*3分”，业绩值 300 套，应得 2.55。
""", forms=(*SELF_EVAL_FORMS, "F3"), options=(ROUNDING,))
def score_by_criteria(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for name, cells, score_name in criteria_rows(found):
        criteria, weight, score = _criteria(cells), cells.get("weight"), cells.get("score")
        if criteria is None or weight is None or score is None or weight.number is None or score.number is None:
            continue
        best = criteria.max_points
        if best is not None and abs(best - weight.number) > 0.005:
            continue  # the criterion contradicts the weight: SZ08 says so, its points cannot be trusted
        actual, target = cells.get("actual"), cells.get("target")
        bounds = criteria.score_range(actual.raw if actual else None, target.raw if target else None, weight.number)
        if bounds is None:
            continue
        low, high = bounds
        if low - 1e-9 <= score.number <= high + 1e-9:
            continue
        expected = low if score.number < low else high
        decimals = max(score.decimals, 1)
        allowed = f"，可得 {low:.{decimals}f}–{high:.{decimals}f} 分" if high - low > 1e-9 else ""
        how = (f"按本行评分标准“{_quote(cells['criteria'].text)}”，业绩值 {actual.text if actual else '空'}"
               f"{allowed}")
        yield from ctx.mismatch(score, expected, f"“{name}”{score_name}", decimals=decimals, how=how)


@rule("SZ08", "评分标准与权重或目标值不一致", "warning", APPLIES, """
检查：本行“评分标准”最高可得的分数等于权重（分项定性打分的，各项分数之和不超过权重）；只有一个得满分门槛的评分标准，其门槛与本行目标值相同（按数量比较，万份与份、0.9 与 90% 自动换算；单位不同的不比较）。分档给分的评分标准（如 ≥90% 满分、80%–90% 部分得分）其档位不必等于目标值，只检查满分门槛是否比目标值宽松（未达到目标也能得满分）；某一档文字写乱、无法解读时，仍按能读懂的满分那一档检查；预算执行率、资金到位率行按财政部门统一的分档计分，不与目标值比较。
原因：评分标准写错分数或门槛，按它打出的分就会偏离权重或放宽目标，多为复制其他行时漏改。
示例：权重 1.25，评分标准“政策规划使用率大于 80%得 1.52 分” → 警告；目标值 98%，评分标准“合格率≥90%得1.11分，否则不得分” → 警告。目标值 80 个，评分标准“＞70个得1.58分，60－70个得1.3分，＜60个不得分” → 警告。
""", forms=(*SELF_EVAL_FORMS, "F3"))
def criteria_consistency(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    loosened: list[Finding] = []   # reported after the weight and single-threshold findings
    for name, cells, _ in criteria_rows(found):
        criteria = _criteria(cells)
        finding = _loosened(ctx, name, cells, criteria)
        if finding is not None:
            loosened.append(finding)
        if criteria is None:
            continue
        cell, weight, target = cells["criteria"], cells.get("weight"), cells.get("target")
        best = criteria.max_points
        if weight is not None and weight.number is not None and best is not None and (
                best > weight.number + 0.005 or not criteria.additive and best < weight.number - 0.005):
            yield ctx.at(cell, f"“{name}”评分标准最高可得 {best:g} 分，与权重 {weight.number:g} 不一致",
                         weight.number, best)
        mark = criteria.target_mismatch(target.raw) if target is not None and not target.empty else None
        if mark is not None and target is not None:
            yield ctx.at(cell, f"“{name}”评分标准以 {_fmt(mark)} 为得满分的门槛，与目标值 {target.text} 不一致",
                         target.text, _fmt(mark))
    yield from loosened


def _loosened(ctx: RuleContext, name: str, cells: dict[str, CellRef], criteria: Criteria | None) -> Finding | None:
    """A tiered or partly readable criterion whose full marks start short of the row's 目标值
    (``criteria``: the row's criterion as the full grammar reads it, None when it cannot)."""
    cell, weight, target = cells["criteria"], cells.get("weight"), cells.get("target")
    if cell.empty or weight is None or weight.number is None or target is None or target.empty:
        return None
    if BUDGET_TIER_ROW.search(name):
        return None   # 预算执行率/资金到位率: scored by the finance bureau's fixed tiers, not by the target
    if criteria is not None and not criteria.tiered:
        return None   # a single-level criterion: any threshold that differs is reported above
    criteria = criteria or parse_criteria_partly(cell.text)
    mark = criteria.loosened_target(target.raw, weight.number) if criteria is not None else None
    if mark is None:
        return None
    return ctx.at(cell, f"“{name}”评分标准的满分门槛 {_fmt(mark)} 比目标值 {target.text} 宽松，"
                        f"未达到目标也能得满分 {weight.number:g} 分", target.text, _fmt(mark))
