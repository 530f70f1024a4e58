"""Rules on how numbers are typed: text numbers, full-width digits, malformed numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from xltools.recognize.grid import FULLWIDTH_DIGITS, CellRef, norm
from xltools.recognize.model import Recognized, TableRef
from xltools.rules.base import Finding, RuleContext, rule
from xltools.rules.readings import lines
from xltools.values import parse_number_text

ALL_FORMS = "F1–F5"


def _numeric(ctx: RuleContext, found: Recognized) -> list[CellRef]:
    """The text-holding numeric cells, listed once per run for the three CV rules."""
    cells = ctx.state.get("numeric_cells")
    if cells is None:
        cells = ctx.state["numeric_cells"] = list(text_in_numeric_cells(found))
    return cells


def text_in_numeric_cells(found: Recognized) -> Iterator[CellRef]:
    """Every recognised cell that should hold a number but holds text: the only cells the CV rules
    judge. A 决算 sheet of 100,000 科目 rows lists its text cells without making a cell per amount."""
    yield from [cell for cell in _self_eval_and_shenzhen_cells(found) if isinstance(cell.raw, str) and not cell.empty]
    for table in (*found.code_tables, *found.line_tables, *found.economic, *found.three_public):
        yield from table.text_cells()


BUDGET_NUMBERS = frozenset(("init", "A", "B", "weight", "rate", "score"))
SCORED = frozenset(("weight", "score"))


def _self_eval_and_shenzhen_cells(found: Recognized) -> list[CellRef]:
    """The numeric cells of the self-evaluation, Shenzhen and summary tables, in table order (plain loops
    into one list: the nested generators this was once written with cost more than the cells' test)."""
    cells: list[CellRef] = []
    for form in found.self_eval:
        if form.budget:
            for row in form.budget.rows.values():
                cells += [c for k, c in row.cells.items() if k in BUDGET_NUMBERS]
        for block in form.blocks:
            for row in block.rows:  # two lookups, not a walk over all the row's cells: weight, then score
                weight, score = row.get("weight"), row.get("score")
                if weight is not None:
                    cells.append(weight)
                if score is not None:
                    cells.append(score)
            for sub in block.subtotals:
                cells += [c for c in (sub.weight, sub.score) if c is not None]
        cells += [c for c in (form.total, form.total_weight) if c is not None]
    for form in found.shenzhen:
        if form.arrangement:
            for row_cells in form.arrangement.rows.values():
                cells += row_cells.values()
        if form.use:
            for row_cells in [form.use.total, *form.use.rows]:
                cells += [c for k, c in row_cells.items() if k != "name"]
        if form.scores:
            stack = list(form.scores.level1)
            while stack:
                node = stack.pop()
                cells += [c for k, c in node.cells.items() if k in SCORED]
                stack.extend(node.children)
    for table in found.summaries:
        for row in table.rows:
            cells += [c for c in (row.budget, row.score) if c is not None]
    return cells


def _typed_problems(cell: CellRef) -> str | None:
    if not isinstance(cell.raw, str) or cell.empty:
        return None
    text = norm(cell.raw).rstrip("%")
    for suffix in ("万元", "元", "分"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    value, problem = parse_number_text(text)
    return problem if value is None else None


@rule("CV01", "数字以文本形式存储", "info", ALL_FORMS, """
检查：金额、分值、得分、执行率等应为数字的单元格，存的却是文字（如“24.00 ”、前后有空格、从系统导出的“95%”）。
每个表格提示一次，列出这些单元格；只有当表中的合计确实漏算了它们（显示的合计等于不含这些文字数字的和）时，才在这些单元格上给出警告。
原因：文本数字不参加求和与公式计算，合计会悄悄少算；从网上填报系统导出的表常常整表都是文本数字，检查器照样按数值核对。
示例：总分 90 而各项得分之和为 100，其中“10 ”是文本 → 警告：合计没有计入这个以文本形式存储的数字。
""", late=True, forms=("F1", "F2-hubei", "F2-hunan", "scored", "F3", "F4", "F5"),
   also={"warning": "表中的合计确实漏算了这些文本数字时"})
def text_numbers(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    skipped = {(c.sheet, c.row, c.col) for c in ctx.state.get("skipped_text", [])}
    cells: dict[tuple[str, int, int], CellRef] = {}
    for cell in _numeric(ctx, found):
        if cell.is_text_number and not FULLWIDTH_DIGITS.search(cell.raw):
            cells.setdefault((cell.sheet, cell.row, cell.col), cell)
    tables: dict[TableRef | None, list[CellRef]] = {}
    refs = found.refs
    for key, cell in sorted(cells.items()):
        if key in skipped:
            yield ctx.at(cell, f"“{cell.raw}”是以文本形式存储的数字，表中的合计没有计入它", cell.number, cell.text,
                         "warning")
        else:
            tables.setdefault(_table_of(refs, cell), []).append(cell)
    for cells_of_table in tables.values():
        first = cells_of_table[0]
        shown = "、".join(c.address for c in cells_of_table[:8]) + (f" 等 {len(cells_of_table)} 个" if
                                                                  len(cells_of_table) > 8 else "")
        yield ctx.at(first, f"本表有 {len(cells_of_table)} 个以文本形式存储的数字（{shown}），已按数值读取并核对；"
                            "建议在 Excel 中转换为数字", None, None)


def _table_of(refs: list[TableRef], cell: CellRef) -> TableRef | None:
    for ref in refs:
        if ref.sheet == cell.sheet and ref.r0 <= cell.row <= ref.r1 and ref.c0 <= cell.col <= ref.c1:
            return ref
    return None


@rule("CV02", "全角数字", "warning", ALL_FORMS, """
检查：数字单元格中出现全角数字（０１２…）或全角小数点。
原因：全角数字是文本，不参加计算；在输入法全角状态下很容易误输入。
示例：“１２．５” → 警告，应为 12.5。
""", forms=("F1", "F2-hubei", "F2-hunan", "scored", "F3", "F4", "F5"))
def full_width(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for cell in _numeric(ctx, found):
        if isinstance(cell.raw, str) and FULLWIDTH_DIGITS.search(cell.raw):
            yield ctx.at(cell, f"“{cell.raw}”含全角数字，应改为半角数字", cell.number, cell.text)


@rule("CV03", "数字格式错误", "error", ALL_FORMS, """
检查：应为数字的单元格里的文字无法读成数字，例如千分位逗号位置不对（1,0000.00）、夹杂文字；指标值和实际完成值中的数字同样检查（“≤2,53万”）。
原因：这样的值无法确定，任何合计都不可信，不能替填报人猜测。
示例：“1,0000.00” → 报错：千分位逗号位置不对，无法确定数值。
""", forms=("F1", "F2-hubei", "F2-hunan", "scored", "F3", "F4", "F5"))
def malformed(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for cell in _numeric(ctx, found):
        if cell.number is not None:
            continue  # read as a number (CV01's case); most text cells are
        problem = _typed_problems(cell)
        if problem and re.search(r"\d", norm(cell.raw)):
            yield ctx.at(cell, problem, None, cell.text)
    for line in lines(ctx, found):
        for cell, parsed, what in ((line.target, line.parsed_target, "指标值"), (line.actual, line.parsed_actual, "实际完成值")):
            if parsed is not None and isinstance(cell.raw, str) and parsed.kind == "invalid" and parsed.problem \
                    and "千分位" in parsed.problem:
                yield ctx.at(cell, f"“{line.name}”{what}{parsed.problem}", None, cell.text)
