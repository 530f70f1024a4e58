"""Recognise self-evaluation forms (F1 national, F2 Hubei, F2 Hunan, any scored indicator table).

The column labels come from the form specs (``xltools.forms.TABLE_SPECS``): a header is a row
(or two rows, for split headers) whose label words name enough columns. Columns may come in
any order, with extra, empty or merged columns between them; several forms may be stacked on
one sheet. Every value keeps its cell.
"""

from __future__ import annotations

import re
from functools import lru_cache

from xltools.forms import TABLE_SPECS
from xltools.forms import labels as L
from xltools.forms.spec import Label
from xltools.recognize.grid import (MONEY_UNIT, CellRef, Grid, Vocabulary, blank, cell_text, head, head_of, norm,
                                   points_in, split_label_value)
from xltools.recognize.model import (Budget, BudgetRow, IndicatorBlock, IndicatorRow, LevelPoints, SelfEvalForm,
                                     Subtotal, TableRef)


def _vocabulary(*kinds: str, extra: dict[str, Label] | None = None) -> Vocabulary:
    columns: dict[str, Label] = {}
    for kind in kinds:
        for key, label in TABLE_SPECS[kind].column_labels.items():
            merged = columns.get(key)
            texts = (*merged.all_texts(), *label.all_texts()) if merged else label.all_texts()
            columns[key] = Label(texts[0], tuple(dict.fromkeys(t for t in texts[1:] if t != texts[0])))
    columns.update(extra or {})
    return Vocabulary(columns)


BUDGET_KINDS = ("F1.budget", "F2-hubei.budget", "F2-hunan.budget")
INDICATOR_KINDS = ("F1.indicators", "F2-hubei.indicators", "F2-hunan.indicators")
BUDGET_VOCABULARY = _vocabulary(*BUDGET_KINDS)
INDICATOR_VOCABULARY = _vocabulary(*INDICATOR_KINDS, extra={
    "criteria": L.CRITERIA, "target_op": L.TARGET_OP, "target_unit": L.TARGET_UNIT, "coefficient": L.COEFFICIENT})
BUDGET_ROWS = [(key, tuple(head(t) for t in label.all_texts())) for key, label in L.BUDGET_ROWS]
# The same words as one pattern per row name (a label holding any of them), and one for all names
BUDGET_ROW_PATTERNS = [(key, re.compile("|".join(map(re.escape, needles)))) for key, needles in BUDGET_ROWS]
ANY_BUDGET_ROW = re.compile("|".join(p.pattern for _, p in BUDGET_ROW_PATTERNS))
TOTAL_WORDS = frozenset(head(t) for t in L.TOTAL_SCORE.all_texts())
GRADE_WORDS = frozenset(head(t) for t in L.GRADE.all_texts())
END_WORDS = TOTAL_WORDS | GRADE_WORDS
assert not any(":" in words for words in END_WORDS)  # Grid.rows_to_scan finds them
STOP_PREFIXES = ("偏差大", "改进措施", "年度总体目标", "总体目标", "备注", "注:", "填表说明", "说明:")
GOAL_PREFIXES = ("年度绩效目标", "年度目标", "绩效目标", "目标")
GOAL_LABEL = "(" + "|".join(GOAL_PREFIXES) + r")(\d+)"
GOAL_RE = re.compile("^" + GOAL_LABEL)
# A label that starts with a stop word or a goal label, or holds 小计, marks its row; most data rows hold
# none, and skip the per-label checks. A mark's label starts with one of a few characters: looking for
# those first is cheaper than the whole search.
MARK_PREFIX = re.compile("|".join(map(re.escape, STOP_PREFIXES)) + "|" + GOAL_LABEL)
MARK_STARTS = frozenset(w[0] for w in (*STOP_PREFIXES, *GOAL_PREFIXES))
PLACEHOLDER_RE = re.compile(r"^(指标\d*|…+|\.+|。+|无|/|——)$")
OPERATOR_WORDS = {"正向": "≥", "正向指标": "≥", "反向": "≤", "反向指标": "≤", "═": "=", "＝": "=", "定性": "",
                  "定量": "", "定性指标": "", "定量指标": ""}
VALUE_KEYS = ("target", "actual", "weight", "score")
GOAL_WORDS = tuple(head(norm(t)) for t in L.GOAL_OVERALL.all_texts())
GOAL_EXPECTED_WORDS = frozenset(head(norm(t)) for t in L.GOAL_EXPECTED.all_texts())
GOAL_ACHIEVED_WORDS = frozenset(head(norm(t)) for t in L.GOAL_ACHIEVED.all_texts())
COLUMN_UNIT = re.compile(r"\((万元|元)\)")  # a budget column's own "(元)"


def recognize_self_eval(grid: Grid, with_criteria: bool = False) -> list[SelfEvalForm]:
    """Every self-evaluation form on the sheet, in reading order. Indicator tables with a 评分标准
    column are read here only when asked (``with_criteria``): on their own they are score tables."""
    budgets = _budgets(grid)
    headers = _indicator_headers(grid, with_criteria)
    anchors = sorted([(b.ref.r0, "budget", b) for b in budgets] + [(h[0], "block", h) for h in headers],
                     key=lambda a: a[0])
    starts = [a[0] for a in anchors] + [grid.height]
    forms: list[SelfEvalForm] = []
    current: SelfEvalForm | None = None
    closed = True
    for i, (row, what, item) in enumerate(anchors):
        limit = starts[i + 1]
        if what == "budget":
            current = SelfEvalForm(grid.name, "", "", item, [])
            forms.append(current)
            closed = False
            last = item.ref.r1
        else:
            r, end_row, cols = item
            if current is None or closed:
                current = SelfEvalForm(grid.name, "", "", None, [])
                forms.append(current)
                closed = False
            while True:  # goals that follow without repeating the header keep its columns
                block = _block(grid, r, end_row, cols, limit)
                _goal_above(grid, r, block)
                current.blocks.append(block)
                last = block.ref.r1 if block.ref else r
                goal = _next_goal_row(grid, last, limit, cols)
                if goal is None:
                    break
                r = end_row = goal
        if _totals(grid, current, last, limit):
            closed = True
    previous_end = 0
    for form in forms:
        _finish(grid, form, previous_end)
        previous_end = max(ref.r1 for ref in form.refs) + 1 if form.refs else previous_end
    return [f for f in forms if f.blocks or (f.budget and "total" in f.budget.rows)]


# ---- budget block -------------------------------------------------------------------------

def _budgets(grid: Grid) -> list[Budget]:
    found: list[Budget] = []
    keyed = grid.keyed_cells(BUDGET_VOCABULARY)
    for r in sorted(keyed):
        cols = _columns(keyed[r])
        if "B" not in cols or not ("A" in cols or "init" in cols):
            continue
        if found and found[-1].ref and r <= found[-1].ref.r1:
            continue
        budget = _budget_at(grid, r, cols)
        if budget is not None:
            found.append(budget)
    return found


def _columns(keyed: dict[int, str]) -> dict[str, int]:
    """Key -> column, the leftmost column of each key."""
    cols: dict[str, int] = {}
    for c in sorted(keyed):
        cols.setdefault(keyed[c], c)
    return cols


def _budget_at(grid: Grid, r: int, cols: dict[str, int]) -> Budget | None:
    first_data_col = min(cols.values())
    rows: dict[str, BudgetRow] = {}
    last = r
    for rr in range(r + 1, min(r + 9, grid.height)):
        name, label = _budget_row_name(grid, rr, first_data_col)
        if name is None:
            if rows or not grid.blank_row(rr):
                break
            continue
        if name in rows:
            break
        rows[name] = BudgetRow(name, label, {k: grid.cell(rr, c) for k, c in cols.items()})
        last = rr
    if "total" not in rows:
        return None
    weight_const = None
    if "weight" not in cols:
        for rr in (r, r - 1):
            for text in grid.row_labels(rr):
                if text and ("得分" in text or "预算执行" in text) and points_in(text) is not None:
                    weight_const = points_in(text)
                    break
            if weight_const is not None:
                break
    if "A" not in cols:
        kind = "F2-hunan.budget"
    elif weight_const is not None:
        kind = "F2-hubei.budget"
    else:
        kind = "F1.budget"
    return Budget(rows, weight_const, TableRef(grid.name, kind, r, 0, last, max(cols.values())))


def _budget_row_name(grid: Grid, r: int, before_col: int) -> tuple[str | None, CellRef | None]:
    for c, text in enumerate(grid.row_labels(r)[:before_col]):
        if not text or len(text) > 20:
            continue
        name = _budget_row_of(text)
        if name is not None:
            return name, grid.cell(r, c)
    return None, None


@lru_cache(maxsize=4096)
def _budget_row_of(text: str) -> str | None:
    """The budget row a short label names: the first name, in the labels' order, whose word is there.
    Worked out once per text in a process: the same few labels recur on every form."""
    words = head(text).removeprefix("其中:").removeprefix("其中").lstrip(":")
    if not ANY_BUDGET_ROW.search(words):
        return None
    for name, pattern in BUDGET_ROW_PATTERNS:
        if pattern.search(words):
            return name
    return None


# ---- indicator tables -----------------------------------------------------------------------

def _indicator_headers(grid: Grid, with_criteria: bool = False) -> list[tuple[int, int, dict[str, int]]]:
    """(first header row, last header row, key -> column) of every indicator table."""
    keyed = grid.keyed_cells(INDICATOR_VOCABULARY)
    headers: list[tuple[int, int, dict[str, int]]] = []
    for r in sorted(keyed):
        if headers and r <= headers[-1][1]:
            continue
        lower = keyed.get(r + 1, {})
        cols = _columns(lower)
        taken = set(cols.values())
        for c, key in sorted(keyed[r].items()):
            if key not in cols and c not in taken:
                cols[key] = c
        keys = set(cols)
        if "criteria" in keys and not with_criteria or not keys & {"l3", "l2"}:
            continue  # tables scored by their own 评分标准 are read as score tables (recognize/shenzhen.py)
        if len(keys & set(VALUE_KEYS)) < 2 or not keys & {"target", "actual"} and not keys >= {"weight", "score"}:
            continue
        end = r + 1 if lower else r
        headers.append((r, end, cols))
    return headers


def _block(grid: Grid, header: int, header_end: int, cols: dict[str, int], limit: int) -> IndicatorBlock:
    rows: list[IndicatorRow] = []
    subtotals: list[Subtotal] = []
    points: list[LevelPoints] = []
    level1 = level2 = ""
    last = header_end
    blanks = 0
    first_col = min(cols.values())
    kept = [(k, c) for k, c in cols.items() if k not in ("l1", "l2", "target_op", "target_unit")]
    value_keys = [k for k in VALUE_KEYS if k in cols]
    col1, col2 = cols.get("l1"), cols.get("l2")
    split_target = "target_op" in cols or "target_unit" in cols
    ends = grid.rows_with(END_WORDS)
    values, sheet = grid.sheet.rows, grid.name
    goal = _goal_left(grid.row_labels(header), first_col)
    marks = _marked_rows(grid)
    for r in range(header_end + 1, limit):
        labels = grid.row_labels(r)
        marked = r in marks
        if r in ends or marked and _ends_block(grid, r, labels, cols, first_col):
            break
        if marked:
            goal = _goal_left(labels, first_col) or goal
        sub = next(((c, t) for c, t in enumerate(labels) if t and "小计" in t), None) if marked else None
        if sub is not None:
            blanks = 0
            label = grid.cell(r, sub[0])
            subtotals.append(Subtotal(head(label.text.replace("小计", "")).strip() or level1, label,
                                      grid.cell(r, cols["weight"]) if "weight" in cols else None,
                                      grid.cell(r, cols["score"]) if "score" in cols else None))
            last = r
            continue
        row = values[r]
        width = len(row)
        if col1 is not None and col1 < width and not blank(row[col1]):
            name = head_of(labels[col1]) or cell_text(row[col1])
            if name != level1:  # a label repeated on every row (not merged) is still one group
                level1, level2 = name, ""
                stated = points_in(labels[col1])
                if stated is not None:
                    points.append(LevelPoints(level1, CellRef(sheet, r, col1, row[col1]), stated))
        if col2 is not None and col2 < width and not blank(row[col2]):
            name = head_of(labels[col2]) or cell_text(row[col2])
            if name != level2:
                level2 = name
                stated = points_in(labels[col2])
                if stated is not None:
                    points.append(LevelPoints(level1, CellRef(sheet, r, col2, row[col2]), stated, level2=level2))
        cells = {k: CellRef(sheet, r, c, row[c] if c < width else None) for k, c in kept}
        if split_target:
            _join_split_target(grid, r, cols, cells)
        if _placeholder(cells, value_keys):
            # a blank row is a placeholder (and changed nothing above): the whole row is looked at only
            # here, not for every row; two blank rows end the table
            blanks = blanks + 1 if grid.blank_row(r) else 0
            if blanks >= 2:
                break
            continue
        blanks = 0
        rows.append(IndicatorRow(level1, level2, cells, goal))
        last = r
    for sub in subtotals:  # a 一级 subtotal covers its 一级; a goal's subtotal (Hubei) the whole block
        sub.members = [row for row in rows if row.level1 == sub.level1] or list(rows)
    for stated in points:
        stated.members = [row for row in rows if row.level1 == stated.level1
                          and (not stated.level2 or row.level2 == stated.level2)]
    ref = TableRef(grid.name, "indicators", header, first_col, last, max(cols.values()))
    return IndicatorBlock(rows, subtotals, set(cols), ref=ref, level_points=points, positions=dict(cols))


def _marked_rows(grid: Grid) -> set[int]:
    """Rows with a label that marks them (``_marks``), each distinct label of the sheet tested once."""
    return {r for text, cells in grid.texts.items() if _marks(text) for r, _ in cells}


@lru_cache(maxsize=8192)
def _marks(label: str) -> bool:
    return "小计" in label or label[0] in MARK_STARTS and MARK_PREFIX.match(label) is not None


def _goal_left(labels: list[str], first_col: int) -> str:
    """A goal label ("目标2") left of the table's columns, as Hunan forms write it beside its first row."""
    for text in labels[:first_col]:
        if text and GOAL_RE.match(text):
            return head(text).rstrip(":")
    return ""


def _next_goal_row(grid: Grid, last: int, limit: int, cols: dict[str, int]) -> int | None:
    """A Hubei goal heading ("年度目标2:(20分)") right after a block, with no header of its own below."""
    first_col = min(cols.values())
    for r in range(last + 1, min(last + 4, limit - 1)):
        labels = grid.row_labels(r)
        if any(t and c <= first_col and GOAL_RE.match(t) for c, t in enumerate(labels)) and \
                all(grid.cell(r, cols[k]).empty for k in VALUE_KEYS if k in cols):
            return r
    return None


def _ends_block(grid: Grid, r: int, labels: list[str], cols: dict[str, int], first_col: int) -> bool:
    """A total, grade or closing row ends a table; so does a goal's own heading row (Hubei
    "年度目标2:(20分)"), but not a goal label beside data rows (Hunan: "目标2" | 产出指标 | … | ≥260人).
    ``first_col``: the table's first column (``min(cols.values())``)."""
    if r in grid.rows_with(END_WORDS):
        return True
    for c, text in enumerate(labels):
        if text and text.startswith(STOP_PREFIXES):
            return True
        if text and c <= first_col and GOAL_RE.match(text):
            return all(grid.cell(r, cols[k]).empty for k in VALUE_KEYS if k in cols)
    return False


def _join_split_target(grid: Grid, r: int, cols: dict[str, int], cells: dict[str, CellRef]) -> None:
    """指标性质 | 指标值 | 度量单位 read back as one target ("≥" "95" "%" -> "≥95%")."""
    if "target" not in cells or not ({"target_op", "target_unit"} & set(cols)):
        return
    op = grid.cell(r, cols["target_op"]).text if "target_op" in cols else ""
    unit = grid.cell(r, cols["target_unit"]).text if "target_unit" in cols else ""
    op = OPERATOR_WORDS.get(op, op)
    value = cells["target"]
    if value.empty or (not op and not unit):
        return
    text = value.text
    if unit and not text.endswith(unit):
        text += unit
    cells["target"] = CellRef(value.sheet, value.row, value.col, f"{op}{text}")
    actual = cells.get("actual")
    if unit and actual is not None and isinstance(actual.raw, (int, float)) and not isinstance(actual.raw, bool):
        cells["actual"] = CellRef(actual.sheet, actual.row, actual.col, f"{actual.text}{unit}")  # the unit column is both's


def _placeholder(cells: dict[str, CellRef], value_keys: list[str]) -> bool:
    """The template's unused rows: no values at all, or a placeholder name with no target or result.
    ``value_keys``: the VALUE_KEYS the table has (all of them are in ``cells``)."""
    for key in value_keys:
        if not cells[key].empty:
            break
    else:
        return True
    name = cells.get("l3")
    if name is None:
        return False
    for key in ("target", "actual", "score"):
        cell = cells.get(key)
        if cell is not None and not cell.empty:
            return False
    return PLACEHOLDER_RE.match(name.text) is not None  # the name, read only when nothing else is filled


def _goal_above(grid: Grid, header: int, block: IndicatorBlock) -> None:
    """Hubei: "年度目标 1: (30 分)" just above the indicator header, with its points."""
    lead = min(block.positions.values(), default=0) + 2  # the goal label stands left of the table's data
    for r in (header, header - 1, header - 2):
        if r < 0:
            continue
        for c, text in enumerate(grid.row_labels(r)[:lead]):
            if text and GOAL_RE.match(text):
                label = grid.cell(r, c)
                stated = points_in(text)
                block.goal_label = label
                if stated is not None:
                    block.goal_weight, block.goal_weight_value = label, stated
                else:
                    weight = grid.cell(r, c + 1)
                    if weight.number is not None:
                        block.goal_weight, block.goal_weight_value = weight, weight.number
                return


# ---- totals, grade, project, form id --------------------------------------------------------

def _totals(grid: Grid, form: SelfEvalForm, after: int, limit: int) -> bool:
    """Find 总分 and 自评等级 after the form's last table; True when the form ends there."""
    score_col, weight_col = _score_columns(form)
    found = False
    rows = grid.rows_to_scan(END_WORDS)  # most rows after a table hold no total or grade: not read
    for r in range(after + 1, min(after + 8, limit, grid.height)):
        for c, text in enumerate(grid.row_labels(r) if r in rows else ()):
            if not text:
                continue
            words, value = split_label_value(head_of(text))
            if words in GRADE_WORDS and form.grade is None:
                form.grade = _grade_value(grid, r, c, value)
                found = True
            elif words in TOTAL_WORDS and form.total is None and (form.blocks or words != "合计"):
                form.total, form.total_weight = _total_cells(grid, r, c, score_col, weight_col)
                found = True
    return found


def _score_columns(form: SelfEvalForm) -> tuple[int | None, int | None]:
    for block in reversed(form.blocks):
        if "score" in block.positions or "weight" in block.positions:
            return block.positions.get("score"), block.positions.get("weight")
    return None, None


def _total_cells(grid: Grid, r: int, c: int, score_col: int | None,
                 weight_col: int | None) -> tuple[CellRef | None, CellRef | None]:
    weight = grid.cell(r, weight_col) if weight_col is not None and weight_col > c else None
    weight = weight if weight is not None and weight.number is not None else None
    if score_col is not None and score_col > c:
        score = grid.cell(r, score_col)
        if not score.empty:
            return score, weight
    for cc in range(c + 1, grid.width):  # 总分 typed elsewhere in its row, never the weight column
        cell = grid.cell(r, cc)
        if cc == weight_col or cell.empty:
            continue
        if cell.number is not None:
            return cell, weight
        break
    return None, weight


def _grade_value(grid: Grid, r: int, c: int, inline: str) -> CellRef | None:
    if inline:
        return CellRef(grid.name, r, c, inline)
    for cc in range(c + 1, grid.width):
        cell = grid.cell(r, cc)
        if not cell.empty and cell.number is None:
            return cell
    return None


def _finish(grid: Grid, form: SelfEvalForm, top: int) -> None:
    refs = []
    if form.budget and form.budget.ref:
        refs.append(form.budget.ref)
    refs += [b.ref for b in form.blocks if b.ref]
    first = min(ref.r0 for ref in refs)
    form.form = _form_id(form)
    for block in form.blocks:
        if block.ref:
            block.ref = _kind(block.ref, f"{form.form}.indicators")
    form.refs = ([form.budget.ref] if form.budget and form.budget.ref else []) + [b.ref for b in form.blocks if b.ref]
    form.project_cell = _project(grid, top, first)
    form.project = form.project_cell.text if form.project_cell else ""
    if form.total is None:
        form.total = _total_above(grid, top, first)
    form.unit = _money_unit(grid, form, top, first)
    form.goal_target, form.goal_actual = _goal(grid, form, top)


def _money_unit(grid: Grid, form: SelfEvalForm, top: int, first: int) -> str:
    """The unit of the form's amounts: a 单位 line above its first table or in the budget's header
    ("单位：元", "金额单位：万元"), else the budget columns' own "(元)"; 万元, the national forms', when
    nothing says."""
    header = form.budget.ref.r0 if form.budget and form.budget.ref else first
    for r in range(max(top, first - 8), header + 1):
        for text in grid.row_labels(r):
            if text and "单位" in text:
                found = MONEY_UNIT.search(text)
                if found:
                    return found.group(1)
    for r in (header, header + 1) if form.budget else ():
        for text in grid.row_labels(r):
            found = COLUMN_UNIT.search(text) if text and "元)" in text else None
            if found:
                return found.group(1)
    return "万元"


def _goal(grid: Grid, form: SelfEvalForm, top: int) -> tuple[CellRef | None, CellRef | None]:
    """年度总体目标 of the form: a "年初预期目标" / "目标实际完成情况" header pair (or one of them with a
    goal label such as 年度总体目标 at its left), each with its text under it; else the text beside a
    年度总体目标 label. Looked up in the label index, within the form's rows."""
    last = max(ref.r1 for ref in form.refs) + 3
    headers: dict[int, dict[str, list[int]]] = {}
    for words, key in ((GOAL_EXPECTED_WORDS, "target"), (GOAL_ACHIEVED_WORDS, "actual")):
        for r, c in grid.cells_with(*words):
            if top <= r <= last:
                headers.setdefault(r, {}).setdefault(key, []).append(c)
    for r in sorted(headers):
        cols = {"target": headers[r]["target"][0]} if "target" in headers[r] else {}
        # the 完成情况 header right of the 预期目标 one ("年度总体目标完成情况" may be the row's label)
        done = [c for c in headers[r].get("actual", ()) if c > cols.get("target", -1)]
        if done:
            cols["actual"] = done[0]
        if not cols:
            continue
        left = min(cols.values())
        if len(cols) == 2 or any("目标" in t for t in grid.row_labels(r)[:left] if t):
            return (_text_below(grid, r, cols["target"]) if "target" in cols else None,
                    _text_below(grid, r, cols["actual"]) if "actual" in cols else None)
    for r, c in grid.cells_with(*GOAL_WORDS):
        if top <= r <= last:
            beside = grid.first_value_right_of(r, c)
            return (beside if beside is not None and beside.number is None else None), None
    return None, None


def _text_below(grid: Grid, r: int, c: int) -> CellRef | None:
    """The text under a goal header (merged cells keep it at their first cell); None when empty."""
    cell = grid.cell(r + 1, c)
    return None if cell.empty or cell.number is not None else cell


def _total_above(grid: Grid, top: int, first: int) -> CellRef | None:
    """Flat lists state their result above the table: "自评得分:96.5" or 总分 | 96.5."""
    rows = grid.rows_to_scan(TOTAL_WORDS)  # most rows hold no total: not read
    for r in range(max(top, first - 4), first + 1):
        for c, text in enumerate(grid.row_labels(r) if r in rows else ()):
            words, value = split_label_value(head(text)) if text else ("", "")
            if words in TOTAL_WORDS and words != "合计":
                if value:
                    number = CellRef(grid.name, r, c, value.removesuffix("分")).number
                    return CellRef(grid.name, r, c, number) if number is not None else None
                right = grid.first_value_right_of(r, c)
                if right is not None and right.number is not None and r < first:
                    return right
    return None


def _form_id(form: SelfEvalForm) -> str:
    budget_kind = form.budget.ref.kind if form.budget and form.budget.ref else ""
    scored = any("score" in b.columns for b in form.blocks)
    weighted = any("weight" in b.columns for b in form.blocks)
    if budget_kind == "F2-hunan.budget" or (form.blocks and not scored and not weighted):
        return "F2-hunan"
    if budget_kind == "F2-hubei.budget" or any(b.goal_label for b in form.blocks):
        return "F2-hubei"
    if budget_kind == "F1.budget":
        return "F1"  # weights only in the 一级 labels are still the national form
    return "F2-hubei" if scored and not weighted else "scored"


def _kind(ref: TableRef, kind: str) -> TableRef:
    return TableRef(ref.sheet, kind, ref.r0, ref.c0, ref.r1, ref.c1)


def _project(grid: Grid, top: int, first: int) -> CellRef | None:
    for r, c in grid.cells_with("项目名称", "单位名称"):
        if top <= r <= first:
            value = grid.first_value_right_of(r, c)
            if value is not None:
                return value
    return None
