"""Write a logical self-evaluation form onto a sheet in a layout; return where every figure went.

Anchors map logical cells to addresses: ("budget", line, field), ("ind", goal, row, field),
("goal", goal, "label"), ("sub", goal, 一级, field), ("l1label", goal, 一级), ("total",),
("total_weight",), ("grade",). Slips name logical cells; the anchors turn them into addresses.
"""

from __future__ import annotations

from tests.corpus import typing_ as T
from tests.corpus import vocab as V
from tests.corpus.canvas import Formula, Sheet, a1
from tests.corpus.layout import Layout
from tests.corpus.selfeval import Indicator, SelfEvalForm

Anchors = dict[tuple, str]
EXTRA_KEYS = {"备注": "x_note", "指标性质": "x_nature", "计量单位": "x_unit", "指标方向": "x_direction"}
SCORING_METHOD = "完成值达到指标值，记满分；未达到指标值，按B/A或A/B*该指标分值记分。"  # Beijing 2016 form


class Writer:
    """Puts values on the sheet, applies the form's overrides, and records anchors."""

    def __init__(self, form: SelfEvalForm, layout: Layout, sheet: Sheet) -> None:
        self.form, self.L, self.sheet = form, layout, sheet
        self.anchors: Anchors = {}
        self.addr: dict[tuple, tuple[int, int]] = {}

    def put(self, key: tuple | None, r: int, c: int, value: object, fmt: str | None = None) -> None:
        if key is not None and key in self.form.overrides:
            value, fmt = self.form.overrides[key], None
        self.sheet.put(r, c, value, fmt)
        if key is not None:
            self.anchors[key] = a1(r, c)
            self.addr[key] = (r, c)

    def text(self, r: int, c: int, value: str, span: tuple[int, int] | None = None) -> None:
        self.sheet.put(r, c, value)
        if span and self.L.merge_headers:
            self.sheet.merge(r, c, *span)


def render(form: SelfEvalForm, layout: Layout, sheet: Sheet, top: int, left: int) -> tuple[int, Anchors]:
    w = Writer(form, layout, sheet)
    if form.variant == "hubei":
        r = _hubei(w, top, left)
    elif form.variant == "hunan":
        r = _hunan(w, top, left)
    else:
        r = _national(w, top, left)
    return r, w.anchors


# ---- columns ------------------------------------------------------------------------------------

def indicator_columns(L: Layout, variant: str) -> list[tuple[str, str]]:
    """(key, header) of the indicator table, left to right."""
    cols: list[tuple[str, str]] = []
    if variant == "hunan":
        cols.append(("goal", ""))
    elif L.table_label_column:
        cols.append(("label", L.plain(L.table_label)))
    cols += [("l1", L.plain("一级指标")), ("l2", L.plain("二级指标")), ("l3", L.plain("三级指标"))]
    order = {"hubei": ("target", "actual", "score"), "hunan": ("target", "actual", "reason")}.get(variant, L.column_order)
    data: list[tuple[str, str]] = []
    for key in order:
        if key == "target" and L.target_split:
            data += [("t_op", L.plain("指标性质")), ("t_val", L.plain("指标值")), ("t_unit", L.plain("度量单位"))]
        elif key == "target":
            data.append(("target", L.label(L.target_label, "A" if L.target_label in V.WITH_A else None)))
        elif key == "actual":
            data.append(("actual", L.label(L.actual_label, "B" if L.actual_label in V.WITH_B else None)))
        elif key == "weight":
            data.append(("weight", L.plain(L.weight_label)))
        elif key == "score":
            data.append(("score", L.plain(L.score_label)))
        elif key == "reason":
            data.append(("reason", L.plain(L.reason_label)))
    for extra in L.extra_columns:
        key = EXTRA_KEYS[extra]
        if extra == "备注":
            data.append((key, extra))
        elif extra == "计量单位" and not L.target_split:
            at = next((i for i, (k, _) in enumerate(data) if k == "target"), len(data) - 1)
            data.insert(at + 1, (key, extra))
        elif extra in ("指标性质", "指标方向") and not (extra == "指标性质" and L.target_split):
            at = next((i for i, (k, _) in enumerate(data) if k in ("target", "t_op")), 0)
            data.insert(at, (key, extra))
    if L.scoring_method and variant == "national":
        at = next((i for i, (k, _) in enumerate(data) if k == "score"), len(data))
        data.insert(at, ("x_method", L.plain("得分计算方法")))
    cols += data
    if L.spacer_column:
        at = next((i for i, (k, _) in enumerate(cols) if k == L.spacer_column), None)
        if at is not None:
            cols.insert(at + 1, ("_", ""))
    return cols


# ---- national ------------------------------------------------------------------------------------

def _national(w: Writer, top: int, left: int) -> int:
    L, form = w.L, w.form
    cols = indicator_columns(L, "national")
    width = max(len(cols), 10)
    r = top
    w.text(r, left, f"{form.year}年度项目支出绩效自评表", (r, left + width - 1))
    r += 1
    if L.unit_line:
        w.sheet.put(r, left + width - 2, L.unit_text)
        r += 1
    w.text(r, left, "项目名称", (r, left + 1))
    w.put(("project",), r, left + 2, form.project)
    if L.merge_headers:
        w.sheet.merge(r, left + 2, r, left + width - 1)
    r += 1
    w.text(r, left, "主管部门及代码", (r, left + 1))
    w.sheet.put(r, left + 2, form.dept)
    w.sheet.put(r, left + 6, "实施单位")
    w.sheet.put(r, left + 7, form.unit)
    r += 1 + L.spacer_rows
    r = _budget_block(w, r, left)
    r += L.spacer_rows
    if L.goal_text:
        w.text(r, left, "年度总体目标", (r + 1, left + 1))
        w.sheet.put(r, left + 2, "预期目标")
        w.sheet.put(r, left + 6, "实际完成情况")
        w.sheet.put(r + 1, left + 2, "按计划完成项目各项建设任务，发挥资金使用效益")
        w.sheet.put(r + 1, left + 6, "已按计划完成年度目标" if form.filled else None)
        r += 2 + L.spacer_rows
    r, score_col, weight_col = _indicator_table(w, 0, r, left, cols, header=True)
    return _totals(w, r, left, score_col, weight_col, left + len(cols) - 1)


def _budget_block(w: Writer, r: int, left: int) -> int:
    L, form = w.L, w.form
    budget = form.budget
    keys = [k for k in L.budget_order if k != "init" or L.budget_init_label is not None]
    headers = {"init": L.plain(L.budget_init_label or ""), "A": L.label(L.budget_a_label, "A"),
               "B": L.label(L.budget_b_label, "B"),
               "weight": L.plain(L.budget_weight_label), "score": L.plain(L.budget_score_label),
               "rate": L.label(L.budget_rate_label) + ("(%)" if L.rate_style == "percent_number" else "")}
    if L.budget_rate_label == "执行率" and L.with_ab:
        headers["rate"] = L.label("执行率", "B/A") + ("(%)" if L.rate_style == "percent_number" else "")
    w.sheet.put(r, left, L.plain(L.budget_section))
    col = {k: left + 3 + i for i, k in enumerate(keys)}
    for k in keys:
        w.sheet.put(r, col[k], headers[k])
    first = r
    for line in budget.lines:
        r += 1
        w.put(("budget", line.key, "label"), r, left + 2, line.label)
        for field_, key in (("init", "init"), ("a", "A"), ("b", "B")):
            if key in col:
                w.put(("budget", line.key, field_), r, col[key], T.amount(getattr(line, field_), L), "#,##0.00")
        value, fmt = T.rate(line.rate, L)
        if L.formulas and line.a and line.rate is not None:
            a_cell, b_cell = a1(r, col["A"]), a1(r, col["B"])
            value = Formula(f"=ROUND({b_cell}/{a_cell},4)", line.rate / 10000)
        w.put(("budget", line.key, "rate"), r, col["rate"], value, fmt)
        if line.key == "total":
            w.put(("budget", "total", "weight"), r, col["weight"], T.points(budget.weight, L))
            score = T.points(budget.score, L)
            if L.formulas and budget.score is not None:
                wc, ac, bc = a1(r, col["weight"]), a1(r, col["A"]), a1(r, col["B"])
                score = Formula(f"=ROUND(MIN({wc},{wc}*{bc}/{ac}),2)", budget.score / 100)
            w.put(("budget", "total", "score"), r, col["score"], score)
        else:
            mark = {"dash": "-", "slash": "/", "blank": None, "merge": None}.get(L.budget_parts_marks)
            if L.budget_parts_marks == "repeat":
                w.put(("budget", line.key, "weight"), r, col["weight"], T.points(budget.weight, L))
                w.put(("budget", line.key, "score"), r, col["score"], T.points(budget.score, L))
            else:
                w.sheet.put(r, col["weight"], mark)
                w.sheet.put(r, col["score"], mark)
    if L.merge_headers:
        w.sheet.merge(first, left, r, left + 1)
    if L.budget_parts_marks == "merge":
        w.sheet.merge(first + 1, col["weight"], r, col["weight"])
        w.sheet.merge(first + 1, col["score"], r, col["score"])
    return r + 1


def _level1_text(w: Writer, goal: int, l1: str) -> str:
    shown = w.form.level1_points.get((goal, l1))
    if shown is None:
        return l1
    return l1 + w.L.points_bracket.format(T.num_text(shown / 100))


def _header(w: Writer, r: int, left: int, cols: list[tuple[str, str]]) -> int:
    """The indicator header: one row, or two when the target is split under a parent label."""
    L = w.L
    two = L.target_split == "two_rows"
    for i, (key, text) in enumerate(cols):
        c = left + i
        if key in ("t_op", "t_val", "t_unit") and two:
            w.sheet.put(r + 1, c, text)
            continue
        w.sheet.put(r, c, text if key != "_" else None)
        if two and key != "_" and L.merge_headers:
            w.sheet.merge(r, c, r + 1, c)
    if two:
        first = next(i for i, (k, _) in enumerate(cols) if k == "t_op")
        w.sheet.put(r, left + first, L.label(L.target_label, "A" if L.target_label in V.WITH_A else None))
        if L.merge_headers:
            w.sheet.merge(r, left + first, r, left + first + 2)
        return r + 2
    return r + 1


def _indicator_table(w: Writer, g: int, r: int, left: int, cols: list[tuple[str, str]],
                     header: bool) -> tuple[int, int | None, int | None]:
    L, form = w.L, w.form
    col = {k: left + i for i, (k, _) in enumerate(cols)}
    if header:
        r = _header(w, r, left, cols)
    body_top = r
    goal = form.goals[g]
    index = {id(ind): i for i, ind in enumerate(goal.indicators)}
    score_cells: list[tuple[int, int]] = []
    for l1, members in form.level1_groups(g):
        group_top = r
        runs: list[tuple[str, list[Indicator]]] = []
        for ind in members:
            if not runs or runs[-1][0] != ind.l2:
                runs.append((ind.l2, []))
            runs[-1][1].append(ind)
        for l2, run in runs:
            l2_top = r
            for j, ind in enumerate(run):
                idx = index[id(ind)]
                if j == 0:
                    w.put(("ind", g, idx, "l2"), r, col["l2"], l2)
                elif L.label_cells == "repeat":
                    w.sheet.put(r, col["l2"], l2)
                if ind is members[0]:
                    w.put(("l1label", g, l1), r, col["l1"], _level1_text(w, g, l1))
                elif L.label_cells == "repeat":
                    w.sheet.put(r, col["l1"], _level1_text(w, g, l1))
                _row(w, g, idx, ind, r, col)
                if "score" in col:
                    score_cells.append((r, col["score"]))
                r += 1
            r = _placeholders(w, g, r, col, l1, l2)
            _merge_label(w, l2_top, r - 1, col["l2"])
        if L.placeholders and l1 == "效益指标" and not any(m.l2 == "生态效益指标" for m in members):
            w.sheet.put(r, col["l2"], "生态效益指标")  # the template's empty row, left in
            if L.label_cells == "repeat":
                w.sheet.put(r, col["l1"], _level1_text(w, g, l1))
            r += 1
        _merge_label(w, group_top, r - 1, col["l1"])
        if L.subtotals and form.variant == "national":
            r = _subtotal(w, g, l1, members, r, col, score_cells[-len(members):] if "score" in col else [])
    if "x_method" in col and L.label_cells == "merge" and r - 1 > body_top:
        w.sheet.merge(body_top, col["x_method"], r - 1, col["x_method"])
    if "label" in col and L.merge_headers and r - 1 >= body_top:
        w.sheet.put(body_top, col["label"], "年度绩效指标")
        w.sheet.merge(body_top, col["label"], r - 1, col["label"])
    w.score_cells = getattr(w, "score_cells", []) + score_cells
    return r, col.get("score"), col.get("weight")


def _merge_label(w: Writer, top: int, bottom: int, c: int) -> None:
    if w.L.label_cells == "merge" and bottom > top:
        w.sheet.merge(top, c, bottom, c)


def _placeholders(w: Writer, g: int, r: int, col: dict[str, int], l1: str, l2: str) -> int:
    """The template's empty rows left in under a 二级 (指标2, ……)."""
    if not w.L.placeholders or l2 not in ("数量指标", "质量指标"):
        return r
    w.sheet.put(r, col["l3"], "指标2" if l2 == "数量指标" else "……")
    if w.L.label_cells == "repeat":
        w.sheet.put(r, col["l2"], l2)
        w.sheet.put(r, col["l1"], _level1_text(w, g, l1))
    return r + 1


def _row(w: Writer, g: int, idx: int, ind: Indicator, r: int, col: dict[str, int]) -> None:
    L = w.L
    key = ("ind", g, idx)
    w.put((*key, "l3"), r, col["l3"], ind.l3)
    t = ind.target
    if "target" in col:
        w.put((*key, "target"), r, col["target"], T.target_text(t.op, t.value, t.unit, L))
    else:
        op = "定性" if t.op == "" else T.op_text(t.op, L)
        w.put((*key, "t_op"), r, col["t_op"], op)
        value = t.value if isinstance(t.value, str) else (T.num_text(t.value) if L.text_numbers else float(t.value))
        w.put((*key, "target"), r, col["t_val"], value)
        w.put((*key, "t_unit"), r, col["t_unit"], t.unit or None)
    with_unit = "target" in col
    actual = T.actual_value(ind.actual, ind.actual_unit, L, with_unit=with_unit or ind.actual_unit != t.unit)
    fmt = "0.00%" if isinstance(actual, float) and ind.actual_unit == "%" and L.actual_percent == "fraction" else None
    w.put((*key, "actual"), r, col["actual"], actual, fmt)
    if "weight" in col:
        w.put((*key, "weight"), r, col["weight"], T.points(ind.weight, L))
    if "score" in col:
        w.put((*key, "score"), r, col["score"], T.points(ind.score, L) if isinstance(ind.score, int) else ind.score)
    if "reason" in col:
        w.put((*key, "reason"), r, col["reason"], ind.reason or None)
    if "x_unit" in col:
        w.sheet.put(r, col["x_unit"], t.unit or None)
    if "x_direction" in col:
        w.sheet.put(r, col["x_direction"], {"≥": "正向", "≤": "反向"}.get(t.op, "—"))
    if "x_nature" in col:
        w.sheet.put(r, col["x_nature"], "定性" if ind.kind == "qual" else "定量")
    if "x_method" in col and (L.label_cells != "merge" or ind is w.form.indicators[0]):
        w.sheet.put(r, col["x_method"], SCORING_METHOD)
    if "x_note" in col and ind.kind == "rev":
        w.sheet.put(r, col["x_note"], "成本控制类指标")


def _subtotal(w: Writer, g: int, l1: str, members: list[Indicator], r: int, col: dict[str, int],
              score_cells: list[tuple[int, int]]) -> int:
    form = w.form
    w.put(("sub", g, l1, "label"), r, col["l1"], f"{l1}小计")
    weight = form.subtotal_overrides.get((g, l1, "weight"), sum(m.weight for m in members))
    score = form.subtotal_overrides.get((g, l1, "score"), sum(m.score for m in members if isinstance(m.score, int)))
    w.put(("sub", g, l1, "weight"), r, col["weight"], T.points(weight, w.L))
    value = T.points(score, w.L)
    if w.L.formulas and score_cells:
        value = Formula("=" + "+".join(a1(rr, cc) for rr, cc in score_cells), score / 100)
    w.put(("sub", g, l1, "score"), r, col["score"], value)
    return r + 1


def _totals(w: Writer, r: int, left: int, score_col: int | None, weight_col: int | None, last_col: int) -> int:
    L, form = w.L, w.form
    total = T.points(form.total, L)
    if L.formulas and form.total is not None and score_col is not None:
        budget_score = w.anchors[("budget", "total", "score")]
        if form.sum_range:  # SUM() over the column skips numbers stored as text, as Excel does
            (r0, c0), (r1, _) = w.score_cells[0], w.score_cells[-1]
            total = Formula(f"=SUM({a1(r0, c0)}:{a1(r1, c0)})+{budget_score}", form.total / 100)
        else:
            parts = [budget_score] + [a1(rr, cc) for rr, cc in w.score_cells]
            total = Formula("=" + "+".join(parts), form.total / 100)
    if L.total_place == "after_label":
        w.sheet.put(r, left, L.plain(L.total_label))
        w.put(("total",), r, left + 1, total)
        grade_col = left + 1
    elif L.total_place == "last_column":  # the label merged across, the figure in the row's last cell
        w.text(r, left, L.plain(L.total_label), (r, last_col - 1) if L.grade_place != "total_row" else None)
        w.put(("total",), r, last_col, total)
        grade_col = last_col
    else:
        w.text(r, left, L.plain(L.total_label), (r, left + 2))
        w.put(("total",), r, score_col, total)
        if L.total_place == "with_weight" and weight_col is not None:
            weights = sum(i.weight or 0 for i in form.indicators) + (form.budget.weight or 0)
            w.put(("total_weight",), r, weight_col, T.points(weights, L))
        grade_col = score_col
    if L.grade_place == "total_row":
        at = grade_col + 1 if L.total_place != "last_column" else left + 3
        w.sheet.put(r, at, L.grade_label)
        w.put(("grade",), r, at + 1, form.grade)
    r += 1
    if L.grade_place == "own_row":
        span = {"after_label": None, "last_column": (r, last_col - 1)}.get(L.total_place, (r, left + 2))
        w.text(r, left, L.plain(L.grade_label), span)
        w.put(("grade",), r, grade_col, form.grade)
        r += 1
    elif L.grade_place == "in_label":
        w.put(("grade",), r, left, f"{L.grade_label}：{form.grade}" if form.grade else f"{L.grade_label}：")
        r += 1
    return r


# ---- Hubei -------------------------------------------------------------------------------------

def _hubei(w: Writer, top: int, left: int) -> int:
    L, form = w.L, w.form
    cols = indicator_columns(L, "hubei")
    width = len(cols)
    r = top
    w.text(r, left, f"{form.year}年度{form.unit}部门整体绩效自评表", (r, left + width - 1))
    r += 1
    w.text(r, left, "单位名称", (r, left + 1))
    w.put(("project",), r, left + 2, form.unit)
    r += 1
    line = form.budget.lines[0]
    basic = line.a * 2 // 3
    w.text(r, left, "基本支出总额", (r, left + 1))
    w.sheet.put(r, left + 2, f"{basic / 100:.2f}万元")
    w.sheet.put(r, left + 4, "项目支出总额")
    w.sheet.put(r, left + 5, f"{(line.a - basic) / 100:.2f}万元")
    r += 1 + L.spacer_rows
    w.text(r, left, L.plain("预算执行情况(万元)(20分)"), (r, left + 1))
    heads = (L.label("预算数", "A"), L.label("执行数", "B"),
             L.label("执行率", "B/A") + ("(%)" if L.rate_style == "percent_number" else ""),
             L.plain(L.budget_score_label) + L.plain("(20分*执行率)"))
    for i, h in enumerate(heads):
        w.sheet.put(r, left + 2 + i, h)
    r += 1
    w.text(r, left, line.label, (r, left + 1))
    w.put(("budget", "total", "a"), r, left + 2, T.amount(line.a, L), "#,##0.00")
    w.put(("budget", "total", "b"), r, left + 3, T.amount(line.b, L), "#,##0.00")
    value, fmt = T.rate(line.rate, L)
    w.put(("budget", "total", "rate"), r, left + 4, value, fmt)
    w.put(("budget", "total", "score"), r, left + 5, T.points(form.budget.score, L))
    r += 1 + L.spacer_rows
    for g, goal in enumerate(form.goals):
        points = T.num_text(goal.points / 100)
        if L.goal_points_cell:  # the goal's points in a cell of their own
            w.put(("goal", g, "label"), r, left, f"年度目标{g + 1}")
            w.put(("goal", g, "points"), r, left + 1, T.points(goal.points, L))
        else:
            w.put(("goal", g, "label"), r, left, L.plain(f"年度目标{g + 1}:({points}分)"))
            w.anchors[("goal", g, "points")] = w.anchors[("goal", g, "label")]
            if L.merge_headers:
                w.sheet.merge(r, left, r, left + 1)
        w.sheet.put(r, left + 2, goal.text)
        r += 1
        r, _score_col, _ = _indicator_table(w, g, r, left, cols, header=g == 0 or L.goal_headers_repeated)
    w.sheet.put(r, left, L.plain(L.total_label))
    w.put(("total",), r, left + 1, T.points(form.total, L))
    if L.grade_place == "total_row":
        w.sheet.put(r, left + 2, L.grade_label)
        w.put(("grade",), r, left + 3, form.grade)
    r += 1
    if L.grade_place == "own_row":
        w.sheet.put(r, left, L.grade_label)
        w.put(("grade",), r, left + 1, form.grade)
        r += 1
    elif L.grade_place == "in_label":
        w.put(("grade",), r, left, f"{L.grade_label}：{form.grade}")
        r += 1
    w.sheet.put(r, left, "偏差大或目标未完成原因分析")
    w.sheet.put(r, left + 2, "部分指标受外部因素影响未完全达到预期")
    w.sheet.put(r + 1, left, "改进措施及结果应用方案")
    w.sheet.put(r + 1, left + 2, "加强项目管理，及时跟踪绩效目标完成情况")
    return r + 2


# ---- Hunan -------------------------------------------------------------------------------------

def _hunan(w: Writer, top: int, left: int) -> int:
    L, form = w.L, w.form
    cols = indicator_columns(L, "hunan")
    r = top
    w.text(r, left, f"{form.year}年部门整体支出绩效自评表", (r, left + len(cols) - 1))
    r += 1
    w.sheet.put(r, left, "单位名称")
    w.put(("project",), r, left + 1, form.unit)
    w.sheet.put(r, left + 3, "单位负责人及电话")
    w.sheet.put(r + 1, left, "主管部门")
    w.sheet.put(r + 1, left + 3, "实施单位")
    r += 2 + L.spacer_rows
    w.sheet.put(r, left, "资金情况（万元）")
    w.sheet.put(r, left + 2, "年初预算资金总额")
    w.sheet.put(r, left + 3, "实际投入资金额")
    w.sheet.put(r, left + 4, "产生差异的原因")
    first = r
    for line in form.budget.lines:
        r += 1
        w.put(("budget", line.key, "label"), r, left + 1, line.label)
        w.put(("budget", line.key, "init"), r, left + 2, T.amount(line.init, L), "#,##0.00")
        w.put(("budget", line.key, "b"), r, left + 3, T.amount(line.b, L), "#,##0.00")
        w.put(("budget", line.key, "reason"), r, left + 4, line.reason or None)
    if L.merge_headers:
        w.sheet.merge(first, left, r, left)
    r += 1 + L.spacer_rows
    w.sheet.put(r, left, "总体目标")
    w.sheet.put(r, left + 1, "年度目标")
    w.sheet.put(r, left + 4, "年度总体目标完成情况")
    w.sheet.put(r + 1, left + 1, "完成年度各项工作任务")
    w.sheet.put(r + 1, left + 4, "已完成")
    r += 2 + L.spacer_rows
    for g, goal in enumerate(form.goals):
        header = g == 0 or L.goal_headers_repeated
        if header:
            _header(w, r, left, cols)
            w.put(("goal", g, "label"), r, left, goal.name)
            r += 2 if L.target_split == "two_rows" else 1
            top_row = r
        else:
            top_row = r
        r, _, _ = _indicator_table(w, g, r, left, cols, header=False)
        if not header:
            w.put(("goal", g, "label"), top_row, left, goal.name)
    return r
