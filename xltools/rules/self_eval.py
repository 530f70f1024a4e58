"""Rules for the self-evaluation forms: F1 项目支出绩效自评表, F2 部门整体（湖北、湖南）."""

from __future__ import annotations

import re
from collections.abc import Iterator

from xltools import profiles, scoring
from xltools.criteria import parse_criteria
from xltools.recognize.grid import CellRef
from xltools.recognize.model import IndicatorRow, Recognized, ScoreNode, SelfEvalForm
from xltools.rules.base import (
    ROUNDING,
    SELF_EVAL_FORMS,
    Finding,
    RuleContext,
    rule,
    shown_equal,
)
from xltools.rules.readings import Line, filled_forms, filled_lines, lines
from xltools.values import parse

SELF_EVAL = "F1、F2"
SELF_EVAL_AND_F3 = "F1、F2、F3（深圳）"
RATE_WORDS = ("率", "比例", "满意度")
RATE_NAME = re.compile("|".join(RATE_WORDS))  # any of the words in a row name: one search, not three
MET_WORDS = ("达成预期指标", "达成预期目标", "达到预期指标", "达到预期目标")


def _score_cells(form: SelfEvalForm, rows: list[Line]) -> Iterator[tuple[CellRef, CellRef | None, Line | None]]:
    """(score, weight, the indicator's line or None for the budget line) for every scored line of the form."""
    if form.budget and "total" in form.budget.rows:
        total = form.budget.rows["total"]
        if total.get("score"):
            yield total.cells["score"], total.get("weight"), None
    for line in rows:
        if line.score is not None:
            yield line.score, line.weight, line


def _what(line: Line | None) -> str:
    """The scored line in a message (made only for a finding: most lines have none)."""
    return "预算执行得分" if line is None else f"“{line.name}”得分"


@rule("SE01", "得分超过分值", "error", SELF_EVAL, """
检查：每个指标（以及预算执行、一级指标小计、湖北表各年度目标）的得分不超过其分值。
原因：得分超过分值会抬高总分和等级，是最常见的填报错误。
示例：分值 15、得分 16 → “得分 16.00 超过分值 15.00”。
""", forms=SELF_EVAL_FORMS)
def score_above_weight(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for form, rows in filled_lines(ctx, found):
        for score, weight, line in _score_cells(form, rows):
            w = weight.number if weight is not None else None
            if w is None and line is None and form.budget:
                w = form.budget.weight_const
            got = score.number
            if got is not None and w is not None and got > w + 1e-9:
                yield ctx.at(score, f"{_what(line)} {got:.2f} 超过分值 {w:.2f}", w, got)
        for block in form.blocks:
            for sub in block.subtotals:
                if sub.score and sub.weight and sub.score.number is not None and sub.weight.number is not None \
                        and sub.score.number > sub.weight.number + 1e-9:
                    yield ctx.at(sub.score, f"{sub.label.text} 得分 {sub.score.number:.2f} 超过分值 "
                                            f"{sub.weight.number:.2f}", sub.weight.number, sub.score.number)
            goal_points = block.goal_weight_value
            if goal_points is not None and "score" in block.columns:
                got = sum(r.cells["score"].number or 0 for r in block.rows if r.get("score"))
                if got > goal_points + 1e-9 and block.rows:
                    first, last = block.rows[0].cells["score"], block.rows[-1].cells["score"]
                    yield ctx.at(first, f"{block.goal_label.text if block.goal_label else '该目标'}各指标得分合计 "
                                        f"{got:.2f} 超过该目标分值 {goal_points:.2f}", goal_points, got, span=last)


@rule("SE02", "得分不是数字或为负数", "error", SELF_EVAL, """
检查：得分栏填写的是不小于 0 的数字（“-”和空白除外）。
原因：文字或负数会让合计算错，汇总时也无法计算。
示例：得分写成“满分”或“-2” → 报错。
""", forms=SELF_EVAL_FORMS)
def score_not_number(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for form, rows in filled_lines(ctx, found):
        for score, _, line in _score_cells(form, rows):
            number = score.number  # None when blank, so blank is asked only of the few without a number
            if number is None:
                if not score.empty:
                    yield ctx.at(score, f"{_what(line)}“{score.text}”不是数字", None, score.text)
            elif number < 0:
                yield ctx.at(score, f"{_what(line)} {number:.2f} 为负数", 0.0, number)


def _total_parts(form: SelfEvalForm, rows: list[Line]) -> list[CellRef]:
    parts: list[CellRef] = []
    if form.budget and "total" in form.budget.rows:
        cell = form.budget.rows["total"].get("score")
        if cell is not None and cell.number is not None:
            parts.append(cell)
    return parts + [line.score for line in rows if line.score_number is not None]


@rule("SE03", "总分不等于各项得分之和", "error", SELF_EVAL, """
检查：总分 = 预算执行得分 + 各指标得分之和（湖北表：预算执行得分 + 各年度目标得分）。相差一个尾数单位为警告。
原因：总分决定自评等级，是财政部门汇总的依据。
示例：预算执行 19 + 指标 30 + 14 + 18 = 81，表上总分 87 → 报错。
""", forms=SELF_EVAL_FORMS, options=(ROUNDING,))
def total_not_sum(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for form, rows in filled_lines(ctx, found):
        parts = _total_parts(form, rows)
        if form.total is None or not parts:
            continue
        how = "预算执行得分与各指标得分之和" if form.budget else "各指标得分之和"
        yield from ctx.mismatch(form.total, sum(p.number or 0 for p in parts), "总分", how=how, parts=parts)


@rule("SE04", "分值合计不等于100", "error", SELF_EVAL, """
检查：预算执行分值与各指标分值合计为 100（湖北表：预算执行 20 分与各年度目标分值合计为 100）。
原因：分值合计不对，得分就不可比，等级也失真。
示例：预算执行 10 + 指标分值 95 = 105 → 报错。
""", forms=SELF_EVAL_FORMS)
def weights_not_100(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for form, rows in filled_lines(ctx, found):
        budget_weight = None
        if form.budget and "total" in form.budget.rows:
            cell = form.budget.rows["total"].get("weight")
            budget_weight = cell.number if cell is not None and cell.number is not None else form.budget.weight_const
        goals = [b.goal_weight_value for b in form.blocks if b.goal_weight_value is not None]
        weights = [line.weight_number for line in rows if line.weight_number is not None]
        stated = [p.points for b in form.blocks for p in b.level_points]
        if form.variant == "hubei" and goals:
            parts, anchor = goals, next(b.goal_weight for b in form.blocks if b.goal_weight is not None)
        elif weights:
            parts, anchor = weights, form.total_weight or form.indicators[0].cells["weight"]
        elif stated:
            parts, anchor = stated, form.total_weight or form.blocks[0].level_points[0].label
        else:
            continue
        total = (budget_weight or 0) + sum(parts)
        if form.budget is None and form.total_weight is None:
            continue  # a list of indicators alone may be part of a larger form: no stated total to hold it to
        if abs(total - 100) > 0.005:
            yield ctx.at(anchor, f"分值合计 {total:.2f}，应为 100", 100.0, round(total, 2))


@rule("SE05", "小计不等于明细之和", "error", SELF_EVAL, """
检查：一级指标小计（分值、得分）等于该一级指标下各行之和；湖北表各年度目标的得分小计等于其各指标得分之和；一级指标名称中写明的分值（如“产出指标（50分）”）等于其下各指标分值之和。
原因：小计错了，总分往往也跟着错。
示例：产出指标各行得分 15+12+10+10=47，小计写 50 → 报错。
""", forms=SELF_EVAL_FORMS, options=(ROUNDING,))
def subtotal_not_sum(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for form in filled_forms(ctx, found):
        for block in form.blocks:
            for sub in block.subtotals:
                for key, cell in (("weight", sub.weight), ("score", sub.score)):
                    parts = [r.cells[key] for r in sub.members if r.get(key) and r.cells[key].number is not None]
                    if cell is not None and parts:
                        yield from ctx.mismatch(cell, sum(p.number or 0 for p in parts),
                                                f"{sub.label.text}{'分值' if key == 'weight' else '得分'}", parts=parts)
            for stated in block.level_points:
                weights = [r.cells["weight"].number for r in stated.members
                           if r.get("weight") and r.cells["weight"].number is not None]
                if weights and abs(sum(weights) - stated.points) > 0.005:
                    yield ctx.at(stated.label, f"“{stated.label.text}”写明 {stated.points:g} 分，其下各指标分值合计 "
                                               f"{sum(weights):.2f}", stated.points, round(sum(weights), 2))


@rule("SE06", "执行率计算错误", "error", SELF_EVAL, """
检查：执行率 = 全年执行数(B) ÷ 全年预算数(A)，按表上显示的小数位比较；相差一个尾数单位为警告。
原因：执行率决定预算执行得分，算错或用错分母（如用年初预算数）很常见。
示例：预算数 4150、执行数 3977.6，执行率应为 95.85%，表上写 96.85% → 报错。
""", forms=SELF_EVAL_FORMS, options=(ROUNDING,))
def rate_wrong(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for form in filled_forms(ctx, found):
        if not form.budget:
            continue
        for row in form.budget.rows.values():
            a, b, rate = row.get("A"), row.get("B"), row.get("rate")
            if not (a and b and rate) or a.number in (None, 0) or b.number is None or rate.number is None:
                continue
            expected = b.number / a.number
            shown = rate
            if rate.number > scoring.FRACTION_LIMIT >= expected and not str(rate.raw).strip().endswith("%"):
                shown = CellRef(rate.sheet, rate.row, rate.col, rate.number / 100)  # "95.85" typed for 95.85%
                decimals = rate.decimals + 2
            else:
                decimals = max(rate.decimals, 2) if isinstance(rate.raw, float) else rate.decimals + 2
            decimals = min(decimals, 6)
            if shown_equal(shown.number, expected, decimals):
                continue  # right as shown: no message to word
            yield from ctx.mismatch(shown, expected, f"{row.label.text}执行率", decimals=decimals,
                                    how=f"{b.number:,.2f} ÷ {a.number:,.2f}")


@rule("SE07", "预算执行得分计算错误", "error", SELF_EVAL, """
检查：预算执行得分 = 分值 × 执行率，且不超过分值（全国表分值一般 10 分，湖北表 20 分）。
原因：这是总分里唯一能由数字直接算出的部分，算错说明表格公式或手工计算有误。
示例：分值 20、执行率 95.85%，得分应为 19.17，表上写 19 → 报错。
""", forms=SELF_EVAL_FORMS, options=(ROUNDING,), uses=("budget",))
def budget_score_wrong(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for form in filled_forms(ctx, found):
        if not form.budget or "total" not in form.budget.rows:
            continue
        row = form.budget.rows["total"]
        score, a, b = row.get("score"), row.get("A"), row.get("B")
        weight = row.get("weight").number if row.get("weight") else form.budget.weight_const
        if score is None or score.number is None or weight is None or not a or not b:
            continue
        rate = scoring.execution_rate(a.number, b.number)
        profile = ctx.profile(form)
        expected = scoring.budget_score_for(weight, rate, profile)
        if expected is not None and not shown_equal(score.number, expected, 2):
            how = f"分值 {weight:g} × 执行率 {rate:.2%}，不超过分值" if profile.budget_method == "proportional" else \
                f"执行率 {rate:.2%}，按{profile.name}口径分档计分"
            yield from ctx.mismatch(score, expected, "预算执行得分", how=how)


@rule("SE08", "年度资金总额不等于分项之和", "error", SELF_EVAL, """
检查：年度资金总额（合计）= 当年财政拨款 + 上年结转资金 + 其他资金，每一栏分别比较；按表上显示的小数位比较，相差一个尾数单位（如整数万元表上差 1）为尾数误差警告。
原因：合计与分项不一致，执行率和得分的依据就不可靠。
示例：全年预算数 合计 30，其中财政拨款 28、其他为空 → 报错。
""", forms=SELF_EVAL_FORMS, options=(ROUNDING,))
def total_not_parts(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for form in filled_forms(ctx, found):
        if not form.budget or "total" not in form.budget.rows:
            continue
        parts = [r for name, r in form.budget.rows.items() if name != "total"]
        total = form.budget.rows["total"]
        for key in ("init", "A", "B"):
            cell = total.get(key)
            cells = [p.cells[key] for p in parts if p.get(key) and p.cells[key].number is not None]
            if cell is None or not cells:
                continue
            header = {"init": "年初预算数", "A": "全年预算数", "B": "全年执行数"}[key]
            yield from ctx.mismatch(cell, sum(c.number or 0 for c in cells), f"{total.label.text}（{header}）",
                                    decimals=None, how="其下各分项之和", parts=cells)


@rule("SE09", "执行数超过预算数", "warning", SELF_EVAL, """
检查：全年执行数不超过全年预算数。
原因：执行数大于预算数通常是填错行或单位，执行率会超过 100%。
示例：预算数 50、执行数 60 → 警告。
""", forms=SELF_EVAL_FORMS)
def spent_above_budget(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for form in filled_forms(ctx, found):
        if not form.budget:
            continue
        for row in form.budget.rows.values():
            a, b = row.get("A"), row.get("B")
            if a and b and a.number is not None and b.number is not None and b.number > a.number + 1e-9:
                yield ctx.at(b, f"{row.label.text}执行数 {b.number:,.2f} 超过预算数 {a.number:,.2f}",
                             a.number, b.number)


@rule("SE10", "自评等级与总分不符", "error", "F1、F2、F3、F5", """
检查：等级与总分对应：90 分（含）以上优，80（含）–90 良，60（含）–80 中，60 以下差（深圳表写作优秀、良好）。
原因：等级是结果应用的依据，填错会直接影响评价结论。
示例：总分 87，等级写“优” → 报错，应为“良”。
""", forms=(*SELF_EVAL_FORMS, "F3", "F5"), uses=("grades",))
def grade_wrong(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    pairs: list[tuple[CellRef | None, CellRef | None, object]] = [(f.total, f.grade, f) for f in found.self_eval]
    pairs += [(f.scores.total.get("score"), f.scores.grade, f) for f in found.shenzhen if f.scores]
    for table in found.summaries:
        pairs += [(row.score, row.grade, table) for row in table.rows]
    for total, grade_cell, table in pairs:
        yield from check_grade(ctx, total, grade_cell, ctx.profile(table))


def check_grade(ctx: RuleContext, total: CellRef | None, grade_cell: CellRef | None,
                profile: profiles.Profile | None = None) -> Iterator[Finding]:
    """The grade the table's profile gives the total, in any of its accepted spellings (优 / 优秀)."""
    if total is None or grade_cell is None or total.number is None or grade_cell.empty:
        return
    profile = profile or ctx.profile()
    expected = profile.grade(total.number)
    typed = grade_cell.text
    if expected is not None and typed not in profile.grade_names(expected) and not typed.startswith(expected):
        yield ctx.at(grade_cell, f"总分 {total.number:.2f} 对应的等级是“{expected}”，表上写“{typed}”", expected, typed)


def _full_marks_below_rule(ctx: RuleContext, found: Recognized, methods: tuple[str, ...]) \
        -> Iterator[tuple[Line, scoring.ScoreResult]]:
    """Indicators scored full marks although the scoring rule (of these methods) gives less."""
    for line in lines(ctx, found):
        result, score, weight = line.computed, line.score_number, line.weight_number
        if result is None or result.score is None or score is None:
            continue
        if result.method in methods and result.score < weight - 0.01 and score >= weight - 1e-9 \
                and not _partly_achieved(result, weight, line.bands) \
                and not _own_criteria_gives_full_marks(line.row, weight):
            yield line, result


def _partly_achieved(result: scoring.ScoreResult, weight: float, bands: scoring.QualitativeBands) -> bool:
    """A qualitative row in the middle tier: full marks there is SE14's band warning, not SE11's error."""
    low, high = bands[1]
    return result.method == "定性" and result.band is not None and \
        abs(result.band[0] - weight * low) < 1e-9 and abs(result.band[1] - weight * high) < 1e-9


def _own_criteria_gives_full_marks(row: IndicatorRow | ScoreNode, weight: float) -> bool:
    """A row scored by its own 评分标准 is judged by it: full marks it allows are right, and a score it
    does not allow is SZ07's finding (reported once); a threshold that differs from the target is SZ08's."""
    criteria, target, actual = row.get("criteria"), row.get("target"), row.get("actual")
    parsed = parse_criteria(criteria.text) if criteria is not None and not criteria.empty else None
    if parsed is None or actual is None:
        return False
    return parsed.score_range(actual.raw, target.raw if target is not None else None, weight) is not None


@rule("SE11", "未达到指标值却得满分", "error", SELF_EVAL_AND_F3, """
检查：正向指标（≥、不低于、或只写目标数）实际完成明显低于指标值，或定性指标未达成，却得了满分。
原因：目标没完成却给满分，是财政部门抽查时最先追问的问题。
示例：指标值“≥195人”，实际“150人”，分值 10、得分 10 → 报错，按规则应得 7.69。
""", forms=(*SELF_EVAL_FORMS, "F3"), uses=("qualitative",))
def missed_but_full(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for line, result in _full_marks_below_rule(ctx, found, ("正向", "区间", "定性", "时效")):
        yield ctx.at(line.score, f"“{line.name}”指标值 {line.target.text}，实际 {line.actual.text}，"
                                 f"未达到却得满分 {line.score_number:g}；按规则应得 {result.score:.2f}",
                     round(result.score, 2), line.score_number)


@rule("SE12", "反向指标超标却得满分", "error", SELF_EVAL_AND_F3, """
检查：反向指标（≤、不超过、以内）实际超过了上限，却得了满分。
原因：成本、时限类指标超标说明控制没做到，得分应按 分值 × 指标值/实际值 扣减。
示例：指标值“≤55万元”，实际“58万元”，分值 5、得分 5 → 报错，应得 4.74。
""", forms=(*SELF_EVAL_FORMS, "F3"))
def reverse_exceeded_but_full(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for line, result in _full_marks_below_rule(ctx, found, ("反向",)):
        yield ctx.at(line.score, f"“{line.name}”是反向指标（{line.target.text}），实际 "
                                 f"{line.actual.text} 已超出，却得满分；按规则应得 {result.score:.2f}",
                     round(result.score, 2), line.score_number)


@rule("SE13", "扣分或未完成却没有说明偏差原因", "warning", "F1、F2（有偏差原因栏的表）", """
检查：得分低于分值、或按规则未达到指标值的行，“偏差原因分析及改进措施”不能为空。
原因：财预〔2020〕10号要求对未完成的指标说明原因和改进措施。
示例：分值 15、得分 12，偏差原因栏空白 → 警告。
""", forms=SELF_EVAL_FORMS)
def missing_deviation_note(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for _, rows in filled_lines(ctx, found):
        for line in rows:
            note = line.row.get("note")
            if note is None or not note.empty:
                continue
            score, weight = line.score_number, line.weight_number
            below = score is not None and weight is not None and score < weight - 1e-9
            result = line.completion
            missed = result is not None and result.score is not None and result.score < 100 - 1e-6 \
                and result.method in ("正向", "反向", "区间", "时效", "定性")
            if below or missed:
                yield ctx.at(note, f"“{line.name}”{'得分低于分值' if below else '未达到指标值'}，但没有填写偏差原因和改进措施")


@rule("SE14", "定性指标得分不在档次区间内", "warning", SELF_EVAL_AND_F3, """
检查：定性指标按完成情况分三档：达成 100%–80%（含80%）、部分达成 80%–60%（含60%）、未达成 60%–0 的分值（财预〔2020〕10号；湖北表为 100-80-50）。得分应落在实际完成所属档次的区间内。
原因：定性指标最容易“拍脑袋”打分，档次区间是唯一可核对的依据。
示例：实际“基本健全”（部分达成），分值 10、得分 10 → 警告，应在 6–8 分之间。
""", forms=(*SELF_EVAL_FORMS, "F3"), uses=("qualitative",))
def qualitative_band(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for line in lines(ctx, found):
        # without a 指标值 a row is never scored qualitatively: ``computed`` is None there
        result, score, weight = line.computed, line.score_number, line.weight_number
        if result is None or score is None or result.method != "定性" or result.band is None:
            continue
        low, high = result.band
        if score >= weight - 1e-9 and result.score is not None and \
                result.score < weight - 0.01 and not _partly_achieved(result, weight, line.bands):
            continue  # full marks for a target not achieved at all: reported once, by SE11
        top_tier = abs(high - weight) < 1e-9
        if score < low - 1e-9 or score > high + 1e-9 or (not top_tier and score >= high - 1e-9):
            yield ctx.at(line.score, f"“{line.name}”实际完成“{line.actual.text}”，得分应在 {low:.2f}–{high:.2f} 之间"
                                     f"（{'含' if top_tier else '不含'}上限），表上 {score:.2f}",
                         f"{low:.2f}–{high:.2f}", score)


@rule("SE15", "完成率超过100%", "warning", SELF_EVAL_AND_F3, """
检查：“……率”“比例”“满意度”类指标的实际完成值不超过 100%。
原因：率类指标超过 100% 通常是分子分母取错，或把人数当成了比率。
示例：满意度实际完成“105%” → 警告。
""", forms=(*SELF_EVAL_FORMS, "F3"))
def rate_over_100(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for line in lines(ctx, found):
        actual = line.actual
        if actual is None:
            continue
        p = line.parsed_actual
        percent = p.quantity.value if p.kind == "number" and p.quantity and p.quantity.is_percent else None
        t = line.parsed_target
        reference = (t.quantity or t.low) if t is not None else None
        if percent is None and isinstance(actual.raw, float) and reference is not None and reference.is_percent \
                and 1 < actual.raw <= scoring.FRACTION_LIMIT:
            percent = actual.raw * 100  # 1.05 stored under a percent format: 105%
        if percent is not None and percent > 100 + 1e-9 and RATE_NAME.search(line.name):  # the name read last
            yield ctx.at(actual, f"“{line.name}”是比率类指标，实际完成 {percent:g}% 超过 100%", 100.0, round(percent, 4))


@rule("SE16", "指标值与完成值单位不一致", "warning", SELF_EVAL_AND_F3, """
检查：年度指标值与实际完成值使用相同的计量单位（万元与元、人与人次等）。
原因：单位不同，比较和计分都会出错；万元与元相差一万倍。
示例：指标值“≤24万元”，实际完成“240000元” → 警告（数值相同，但请统一单位）。
""", forms=(*SELF_EVAL_FORMS, "F3"), also={"error": "两个单位无法换算、数值不能比较时"})
def unit_mismatch(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for line in lines(ctx, found):
        target, actual = line.target, line.actual
        if not (target and actual):
            continue
        t, a = line.parsed_target, line.parsed_actual
        tq, aq = t.quantity or t.low, a.quantity
        if tq is not None and aq is not None and tq.value and not aq.unit and tq.base >= 1e4 * abs(tq.value) \
                and abs(aq.value) >= 1000 * abs(tq.value):
            yield ctx.at(actual, f"“{line.name}”指标值单位“{tq.unit}”，实际完成值 {actual.text} 没有写单位，"
                                 f"数值像是按“{tq.base_unit}”填写，请统一单位", tq.unit, tq.base_unit)
            continue
        if tq is None or aq is None or not tq.unit or not aq.unit or tq.unit == aq.unit:
            continue
        same_base = tq.base_unit == aq.base_unit
        yield ctx.at(actual, f"“{line.name}”指标值单位“{tq.unit}”，实际完成值单位“{aq.unit}”"
                             + ("，请统一单位" if same_base else "，两者无法比较"), tq.unit, aq.unit,
                     "warning" if same_base else "error")


@rule("SE17", "有分值却没有填写得分", "warning", SELF_EVAL, """
检查：已填写的表中，写了分值的指标行（以及预算执行行）得分不能空着。
原因：得分空白会让总分少算，汇总时这一行按 0 分处理，可能与实际评分不符。
示例：“培训人次”分值 10，得分栏空白 → 警告。
""", forms=SELF_EVAL_FORMS)
def score_missing(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for form, rows in filled_lines(ctx, found):
        if not any("score" in b.columns for b in form.blocks):
            continue
        for score, weight, line in _score_cells(form, rows):
            # a blank score has no number: blank is asked only of the few without one
            if score.number is None and score.empty and weight is not None and weight.number is not None \
                    and weight.number > 0:
                yield ctx.at(score, f"{_what(line).replace('得分', '')}分值 {weight.number:g}，得分没有填写")


@rule("SE18", "实际完成值为空", "warning", SELF_EVAL_AND_F3, """
检查：已填写的表中，写了指标值的指标行，实际完成值不能空着。
原因：没有实际完成值就无法判断目标是否完成，得分也无从核对。
示例：指标值“≤6次”，实际完成值空白、得分 0 → 警告。
""", forms=(*SELF_EVAL_FORMS, "F3"))
def actual_missing(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for line in lines(ctx, found):
        target, actual = line.target, line.actual
        if actual is None or not actual.empty:
            continue
        if target is not None and not target.empty:
            yield ctx.at(actual, f"“{line.name}”指标值 {target.text}，实际完成值没有填写")
        elif line.weight_number or line.score_number:
            yield ctx.at(actual, f"“{line.name}”有分值和得分，指标值和实际完成值都没有填写")


@rule("SE19", "未达到指标值（无得分栏的表）", "warning", "F1、F2 中没有得分栏的表（如湖南格式）", """
检查：没有得分栏的表（如湖南部门整体支出绩效自评表），正向指标实际完成低于指标值、或反向指标（≤）实际超出，说明差距。
原因：这类表不打分，未完成的目标只能从数字上看出来，审核时最容易漏掉。
示例：指标值“≥100人”，全年实际完成值“90人” → 警告：未达到指标值，差 10人。
""", forms=SELF_EVAL_FORMS)
def missed_without_scores(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for form, rows in filled_lines(ctx, found):
        if any("score" in b.columns for b in form.blocks):
            continue
        for line in rows:
            target, actual = line.target, line.actual
            if not (target and actual) or actual.empty:
                continue
            result = line.completion
            if result.score is None or result.method not in ("正向", "反向", "区间", "时效") or result.score >= 100 - 1e-6:
                continue
            gap = _gap(target.raw, actual.raw)
            verb = "超出指标值" if result.method == "反向" else "未达到指标值"
            yield ctx.at(actual, f"“{line.name}”指标值 {target.text}，实际完成 {actual.text}，{verb}"
                                 + (f"（相差 {gap}）" if gap else ""), target.text, actual.text)


def _gap(target: object, actual: object) -> str:
    t, a = parse(target), parse(actual)
    reference = t.quantity or t.low
    if reference is None or a.quantity is None:
        return ""
    quantity = a.quantity
    if not quantity.unit and reference.unit:   # "90" against "≥100人": read as scoring reads it
        quantity = scoring._align(quantity, reference, []) or quantity
    if reference.base_unit != quantity.base_unit:
        return ""
    difference = abs(reference.value - quantity.value) if reference.unit == quantity.unit else \
        abs(reference.base - quantity.base)
    unit = reference.unit if reference.unit == quantity.unit else reference.base_unit
    return f"{difference:,.10g}{unit}"


@rule("SE20", "定性指标已达成却扣分", "warning", SELF_EVAL_AND_F3, """
检查：定性指标的实际完成与指标值一致（如指标值“健全”、实际“健全”，或写明“达成预期指标”），得分却低于分值。
原因：达成预期指标应得满分；扣了分却写“达成”，要么得分错了，要么完成情况写得不实。
示例：指标值“健全”，实际完成“健全”，分值 10、得分 8 → 警告。
""", forms=(*SELF_EVAL_FORMS, "F3"))
def met_but_marked_down(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for line in lines(ctx, found):
        weight, score = line.weight_number, line.score_number
        if line.target is None or line.actual is None or weight is None or score is None:
            continue
        t, a = line.parsed_target, line.parsed_actual
        if t.kind not in ("qualitative", "text") or a.kind not in ("qualitative", "text"):
            continue
        same = bool(t.text) and (t.text == a.text or a.text in MET_WORDS)
        if same and score < weight - 1e-9:
            yield ctx.at(line.score, f"“{line.name}”实际完成“{line.actual.text}”与指标值“{line.target.text}”一致，"
                                     f"得分 {score:g} 却低于分值 {weight:g}", weight, score)


@rule("XT002", "表格尚未填写", "info", "F1、F2", """
检查：识别到的自评表是否已经填写（得分、实际完成值、执行数是否全部空白）。
原因：空白表不能打分，也不等于“没有问题”；汇总时不应把它当作 100 分或 0 分。
示例：只填了指标和分值、得分和完成值全部空白的表 → 提示“表格尚未填写”，不做其他检查。
""", forms=SELF_EVAL_FORMS, always=True)
def unfilled(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for form in found.self_eval:
        if form.filled:
            continue
        empty = [c for row in form.indicators for k in ("actual", "score") if (c := row.get(k)) is not None]
        if form.budget and "total" in form.budget.rows:
            empty += [c for k in ("B", "score") if (c := form.budget.rows["total"].get(k)) is not None]
        if not empty:
            continue
        name = form.project or form.sheet
        yield ctx.at(empty[0], f"“{name}”的自评表尚未填写（执行数、实际完成值和得分均为空，共 {len(empty)} 个单元格），"
                             "未做检查", None, None)


@rule("SE21", "得分不等于权重×得分系数", "error", "按得分系数计分的指标表", """
检查：有“得分系数”栏的指标表，每一行 指标得分 = 指标权重 × 得分系数；相差一个尾数单位为警告。
原因：得分系数表的得分完全由系数算出，得分与系数不符，说明其中一项抄错或改过。
示例：权重 30、得分系数 0.95，得分应为 28.50，表上写 29 → 报错。
""", forms=("scored",), options=(ROUNDING,))
def coefficient_score(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for form in filled_forms(ctx, found):
        for row in form.indicators:
            coefficient = row.get("coefficient")
            if coefficient is None:
                continue
            weight, score = row.get("weight"), row.get("score")
            if weight is None or coefficient is None or score is None or None in (
                    weight.number, coefficient.number, score.number):
                continue
            share = coefficient.number / 100 if coefficient.number > scoring.FRACTION_LIMIT else coefficient.number
            yield from ctx.mismatch(score, weight.number * share, f"“{row.name}”得分",
                                    how=f"权重 {weight.number:g} × 得分系数 {coefficient.text}")
