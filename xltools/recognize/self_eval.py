"""Recognise self-evaluation forms (F1 national, F2 Hubei, F2 Hunan) on a sheet, by their labels."""

from __future__ import annotations

import re

from xltools.forms import labels as L
from xltools.forms.spec import Label
from xltools.recognize.grid import CellRef, Grid, find_headers, label_matches, match_header
from xltools.recognize.model import (Budget, BudgetRow, IndicatorBlock, IndicatorRow, SelfEvalForm, Subtotal,
                                     TableRef)

BUDGET_COLUMNS = {
    "init": L.INITIAL_BUDGET,
    "A": L.BUDGET_A,
    "B": L.SPENT_B,
    "weight": Label("分值"),
    "rate": L.RATE,
    "score": Label("得分"),
}
INDICATOR_COLUMNS = {
    "l1": L.LEVEL1, "l2": L.LEVEL2, "l3": L.LEVEL3, "target": L.TARGET, "actual": L.ACTUAL,
    "weight": Label("分值", ("权重",)), "score": Label("得分", ("评分结果",)), "note": L.DEVIATION,
}
STOP_LABELS = ("总分", "总计", "自评等级", "评价等级", "偏差大", "改进措施", "年度总体目标", "总体目标")
GOAL_RE = re.compile(r"^(年度绩效目标|年度目标|目标)(\d+)")
POINTS_RE = re.compile(r"(\d+(?:\.\d+)?)分")
ROW_NAMES = (("年度资金总额", "total"), ("支出总额", "total"), ("合计", "total"), ("财政拨款", "fiscal"),
             ("上年结转", "carry"), ("其他资金", "other"))


def recognize_self_eval(grid: Grid) -> SelfEvalForm | None:
    budget = _budget(grid)
    blocks = _blocks(grid)
    if budget is None and not blocks:
        return None
    project = _project(grid)
    form = SelfEvalForm(grid.name, _variant(budget, blocks), project.text if project else "", budget, blocks,
                        project_cell=project)
    last = max([b.ref.r1 for b in blocks if b.ref] + ([budget.ref.r1] if budget and budget.ref else []))
    _totals(grid, form, last)
    form.refs = ([budget.ref] if budget and budget.ref else []) + [b.ref for b in blocks if b.ref]
    return form


def _variant(budget: Budget | None, blocks: list[IndicatorBlock]) -> str:
    if blocks and all("score" not in b.columns for b in blocks):
        return "hunan"
    if (budget and budget.weight_const is not None) or any(b.goal_label for b in blocks):
        return "hubei"
    return "national"


def _project(grid: Grid) -> CellRef | None:
    for r, c in grid.find(lambda t: t in ("项目名称", "单位名称"), range(min(grid.height, 12))):
        value = grid.first_value_right_of(r, c)
        if value is not None:
            return value
    return None


def _budget(grid: Grid) -> Budget | None:
    for r, cols in find_headers(grid, BUDGET_COLUMNS, {"B"}, 2):
        if "A" not in cols and "init" not in cols:
            continue
        first_data_col = min(cols.values())
        rows: dict[str, BudgetRow] = {}
        last = r
        for rr in range(r + 1, min(r + 7, grid.height)):
            name, label = _row_name(grid, rr, first_data_col)
            if name is None:
                if rows:
                    break
                continue
            if name in rows:
                break
            rows[name] = BudgetRow(name, label, {k: grid.cell(rr, c) for k, c in cols.items()})
            last = rr
        if "total" not in rows:
            continue
        weight_const = None
        if "weight" not in cols:
            texts = [grid.label(r, c) for c in range(grid.width)] + [grid.label(r - 1, c) for c in range(grid.width)]
            for text in texts:
                m = POINTS_RE.search(text) if ("得分" in text or "预算执行" in text) else None
                if m:
                    weight_const = float(m.group(1))
                    break
        ref = TableRef(grid.name, "budget", r, 0, last, max(cols.values()))
        return Budget(rows, weight_const, ref)
    return None


def _row_name(grid: Grid, r: int, before_col: int) -> tuple[str | None, CellRef | None]:
    for c in range(before_col):
        text = grid.label(r, c)
        for needle, name in ROW_NAMES:
            if text and needle in text and len(text) <= 16:
                return name, grid.cell(r, c)
    return None, None


def _blocks(grid: Grid) -> list[IndicatorBlock]:
    headers = [(r, cols) for r, cols in find_headers(grid, INDICATOR_COLUMNS, {"target", "actual"}, 4)
               if ("l3" in cols or "l2" in cols) and not grid.row_has(r, "评分标准")]
    blocks = []
    for i, (r, cols) in enumerate(headers):
        end = headers[i + 1][0] if i + 1 < len(headers) else grid.height
        block = _block(grid, r, cols, end)
        goal_label, goal_weight, goal_value = _goal_above(grid, r)
        block.goal_label, block.goal_weight, block.goal_weight_value = goal_label, goal_weight, goal_value
        blocks.append(block)
    return blocks


def _block(grid: Grid, header: int, cols: dict[str, int], end: int) -> IndicatorBlock:
    rows: list[IndicatorRow] = []
    subtotals: list[Subtotal] = []
    level1 = level2 = ""
    last = header
    blanks = 0
    first_col = min(cols.values())
    for r in range(header + 1, end):
        labels = grid.row_labels(r)
        if any(t and any(t.startswith(s) for s in STOP_LABELS) for t in labels) or \
                any(GOAL_RE.match(t) for t in labels[:first_col + 1] if t):
            break
        if grid.blank_row(r):
            blanks += 1
            if blanks >= 2:
                break
            continue
        blanks = 0
        if any("小计" in t for t in labels if t):
            label = next(grid.cell(r, c) for c, t in enumerate(labels) if t and "小计" in t)
            subtotals.append(Subtotal(label.text.replace("小计", "") or level1, label,
                                      grid.cell(r, cols["weight"]) if "weight" in cols else None,
                                      grid.cell(r, cols["score"]) if "score" in cols else None))
            last = r
            continue
        cells = {k: grid.cell(r, c) for k, c in cols.items() if k not in ("l1", "l2")}
        if "l1" in cols and not grid.cell(r, cols["l1"]).empty:
            level1, level2 = grid.cell(r, cols["l1"]).text, ""
        if "l2" in cols and not grid.cell(r, cols["l2"]).empty:
            level2 = grid.cell(r, cols["l2"]).text
        if all(cells[k].empty for k in ("target", "actual") if k in cells) and \
                ("l3" not in cells or cells["l3"].empty):
            continue
        rows.append(IndicatorRow(level1, level2, cells))
        last = r
    for sub in subtotals:  # a 一级 subtotal covers its 一级; a goal's subtotal (Hubei) the whole block
        sub.members = [row for row in rows if row.level1 == sub.level1] or list(rows)
    ref = TableRef(grid.name, "indicators", header, first_col, last, max(cols.values()))
    return IndicatorBlock(rows, subtotals, set(cols), ref=ref)


def _goal_above(grid: Grid, header: int) -> tuple[CellRef | None, CellRef | None, float | None]:
    """Hubei: "年度目标 1: (30 分)" just above the indicator header, with its points."""
    for r in (header - 1, header - 2, header):
        if r < 0:
            continue
        for c, text in enumerate(grid.row_labels(r)[:3]):
            if text and GOAL_RE.match(text):
                label = grid.cell(r, c)
                m = POINTS_RE.search(text)
                if m:
                    return label, label, float(m.group(1))
                weight = grid.cell(r, c + 1)
                return label, weight if weight.number is not None else None, weight.number
    return None, None, None


def _totals(grid: Grid, form: SelfEvalForm, after: int) -> None:
    for r in range(after + 1, min(after + 8, grid.height)):
        for c, text in enumerate(grid.row_labels(r)):
            if not text:
                continue
            if form.total is None and label_matches(text, L.TOTAL_SCORE, prefix=True) and "等级" not in text:
                form.total, form.total_weight = _total_cells(grid, form, r, c)
            elif form.grade is None and label_matches(text, L.GRADE, prefix=False):
                form.grade = grid.first_value_right_of(r, c)


def _total_cells(grid: Grid, form: SelfEvalForm, r: int, c: int) -> tuple[CellRef | None, CellRef | None]:
    header_cols = _score_columns(grid, form)
    if header_cols:
        weight_col, score_col = header_cols
        score = grid.cell(r, score_col)
        weight = grid.cell(r, weight_col) if weight_col is not None else None
        if score.number is not None or (score.is_text_number):
            return score, weight if weight is not None and weight.number is not None else None
    return grid.first_number_right_of(r, c), None


def _score_columns(grid: Grid, form: SelfEvalForm) -> tuple[int | None, int] | None:
    for block in form.blocks:
        if block.ref and "score" in block.columns:
            cols = match_header(grid, block.ref.r0, INDICATOR_COLUMNS)
            return cols.get("weight"), cols["score"]
    return None
