"""Slips planted at known cells, one kind per rule (and severity), with the findings they must produce.

``plant`` changes a logical form and returns what the checker must report, as logical cells
(turned into addresses once the form is laid out); it returns None when the form has no row the
slip can go to (the generator then draws another form). Dependent figures are kept consistent
so that exactly the listed findings are true: raising a score above its weight also raises the
total and keeps the grade in step, for instance.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from tests.corpus import accounts as A
from tests.corpus import department as DP
from tests.corpus import domain as D
from tests.corpus import typing_ as T
from tests.corpus import vocab as V
from tests.corpus.layout import Layout
from tests.corpus.selfeval import Indicator, SelfEvalForm, met
from tests.corpus.shenzhen import ShenzhenForm
from tests.corpus.summary import SummaryBook


@dataclass(frozen=True)
class Want:
    """A finding in logical cells: any of ``keys`` (None: anywhere on the form's sheet)."""

    rule: str
    severity: str
    keys: tuple[tuple, ...] | None
    what: str
    required: bool = True


@dataclass(frozen=True)
class Slip:
    name: str
    rule: str
    severity: str
    forms: frozenset[str]
    doc: str
    plant: Callable[[object, random.Random, Layout], list[Want] | None]
    requires: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()


SLIPS: dict[str, Slip] = {}


def slip(name: str, rule: str, severity: str, forms: set[str], doc: str, requires: tuple[str, ...] = (),
         conflicts: tuple[str, ...] = ()):
    def register(plant):
        SLIPS[name] = Slip(name, rule, severity, frozenset(forms), doc, plant, requires, conflicts)
        return plant
    return register


# ---- helpers for the self-evaluation forms ----------------------------------------------------

def _rows(form: SelfEvalForm, pred: Callable[[Indicator], bool]) -> list[tuple[int, int, Indicator]]:
    return [(g, i, ind) for g, goal in enumerate(form.goals) for i, ind in enumerate(goal.indicators) if pred(ind)]


def _pick(rng: random.Random, form: SelfEvalForm, pred: Callable[[Indicator], bool]):
    rows = _rows(form, pred)
    return rng.choice(rows) if rows else None


def _full(ind: Indicator) -> bool:
    return isinstance(ind.score, int) and ind.score == ind.weight and met(ind)


def retotal(form: SelfEvalForm, layout: Layout) -> None:
    """Total = budget score + every score, and the grade that goes with it (the form stays consistent)."""
    form.total = (form.budget.score or 0) + sum(i.score for i in form.indicators if isinstance(i.score, int))
    if form.grade is not None:
        form.grade = D.grade_word(form.total, layout.grade_style)


def _with_reason(ind: Indicator, rng: random.Random) -> None:
    if not ind.reason.strip(" 无0/"):
        ind.reason = rng.choice(V.REASON_TEXTS)


SCORED = {"national"}
SCORED_ALL = {"national", "hubei"}
NO_WEIGHT_COLUMN = ("weights_only_in_labels",)


@slip("score_above_weight", "SE01", "error", SCORED, "某指标得分超过分值（总分随之加上，等级随总分）",
      conflicts=NO_WEIGHT_COLUMN)
def _(form: SelfEvalForm, rng, L):
    row = _pick(rng, form, lambda i: _full(i) and i.kind != "qual")
    if not row:
        return None
    g, i, ind = row
    ind.score = ind.weight + rng.choice((50, 100, 200, 300))
    retotal(form, L)
    return [Want("SE01", "error", (("ind", g, i, "score"),), f"得分 {ind.score / 100:g} 超过分值 {ind.weight / 100:g}"),
            Want("SE01", "error", (("sub", g, ind.l1, "score"),), "一级小计得分随之超过小计分值（属实）", required=False)]


@slip("budget_score_above_weight", "SE01", "error", SCORED, "预算执行得分超过分值（也不等于 分值×执行率）",
      conflicts=("budget_marks_repeated", "formulas"))
def _(form: SelfEvalForm, rng, L):
    budget = form.budget
    budget.score = budget.weight + rng.choice((50, 100, 150))
    retotal(form, L)
    key = (("budget", "total", "score"),)
    return [Want("SE01", "error", key, "预算执行得分超过分值"), Want("SE07", "error", key, "预算执行得分不等于分值×执行率")]


@slip("goal_scores_above_points", "SE01", "error", {"hubei"}, "湖北表某年度目标各指标得分合计超过该目标分值")
def _(form: SelfEvalForm, rng, L):
    g = rng.randrange(len(form.goals))
    goal = form.goals[g]
    ind = goal.indicators[-1]
    ind.score = ind.score + (goal.points - sum(i.score for i in goal.indicators)) + rng.choice((100, 200, 300))
    retotal(form, L)
    first, last = ("ind", g, 0, "score"), ("ind", g, len(goal.indicators) - 1, "score")
    return [Want("SE01", "error", (first, last, ("goal", g, "label"), ("goal", g, "points")), "目标得分合计超过目标分值")]


@slip("negative_score", "SE02", "error", SCORED, "得分填成负数（已写明原因，总分按负数相加）", conflicts=NO_WEIGHT_COLUMN)
def _(form: SelfEvalForm, rng, L):
    row = _pick(rng, form, lambda i: _full(i) and i.kind != "qual")
    if not row:
        return None
    g, i, ind = row
    ind.score = -rng.choice((100, 200, 300))
    _with_reason(ind, rng)
    retotal(form, L)
    return [Want("SE02", "error", (("ind", g, i, "score"),), "得分为负数")]


def _same_band_shift(form: SelfEvalForm, rng: random.Random, amounts: tuple[int, ...]) -> int | None:
    for delta in rng.sample(amounts, len(amounts)):
        for sign in (1, -1):
            if D.grade(form.total + sign * delta) == D.grade(form.total) and form.total + sign * delta > 0:
                return sign * delta
    return None


@slip("total_not_sum", "SE03", "error", SCORED_ALL, "总分不等于各项得分之和（差 0.5 分以上，等级不变）")
def _(form: SelfEvalForm, rng, L):
    delta = _same_band_shift(form, rng, (50, 100, 200, 300, 500))
    if delta is None:
        return None
    form.total += delta
    return [Want("SE03", "error", (("total",),), "总分不等于各项之和")]


@slip("total_rounding", "SE03", "warning", SCORED_ALL, "总分与各项之和差 0.01（尾数误差）")
def _(form: SelfEvalForm, rng, L):
    delta = _same_band_shift(form, rng, (1,))
    if delta is None or not _all_digits_shown(form.total + delta):
        return None
    form.total += delta
    return [Want("SE03", "warning", (("total",),), "总分差一个尾数单位")]


@slip("weights_not_100", "SE04", "error", SCORED, "某指标分值多写 5 分，分值合计 105（得分随之满分，总分随之）",
      conflicts=NO_WEIGHT_COLUMN)
def _(form: SelfEvalForm, rng, L):
    row = _pick(rng, form, lambda i: _full(i) and i.kind != "qual")
    if not row:
        return None
    g, i, ind = row
    ind.weight += 500
    ind.score = ind.weight
    if (g, ind.l1) in form.level1_points:
        form.level1_points[(g, ind.l1)] += 500
    retotal(form, L)
    first = next(("ind", g0, i0, "weight") for g0, i0, _ in _rows(form, lambda x: True))
    keys = (("total_weight",), first, ("ind", g, i, "weight"), ("budget", "total", "weight"), ("l1label", g, ind.l1))
    return [Want("SE04", "error", keys, "分值合计不等于 100")]


@slip("goal_points_not_100", "SE04", "error", {"hubei"}, "湖北表各年度目标分值与预算执行 20 分合计不是 100")
def _(form: SelfEvalForm, rng, L):
    g = rng.randrange(len(form.goals))
    form.goals[g].points += rng.choice((500, 1000))
    keys = tuple(("goal", x, part) for x in (0, g) for part in ("points", "label")) + (("budget", "total", "score"),)
    return [Want("SE04", "error", keys, "目标分值合计不等于 100")]


@slip("subtotal_wrong", "SE05", "error", SCORED, "一级指标小计行的得分不等于其下各行之和", requires=("subtotal_rows",))
def _(form: SelfEvalForm, rng, L):
    l1, members = rng.choice(form.level1_groups(0))
    key = rng.choice(("score", "weight"))
    true = sum(getattr(m, key) for m in members)
    # a weight subtotal written too high, or a score subtotal too low: the subtotal score stays
    # within the subtotal weight, so only the sum itself is wrong
    form.subtotal_overrides[(0, l1, key)] = true + rng.choice((200, 300)) * (1 if key == "weight" else -1)
    return [Want("SE05", "error", (("sub", 0, l1, key),), f"{l1}小计{key}不等于明细之和")]


@slip("level1_points_wrong", "SE05", "error", SCORED, "一级指标名称中的分值（产出指标（55分））与其下各行分值之和不符",
      requires=("level1_points",), conflicts=NO_WEIGHT_COLUMN)  # without row weights the label is the weight: SE04
def _(form: SelfEvalForm, rng, L):
    l1, _ = rng.choice(form.level1_groups(0))
    form.level1_points[(0, l1)] += rng.choice((-500, 500, 1000))
    return [Want("SE05", "error", (("l1label", 0, l1),), f"{l1}名称中的分值与明细不符")]


def _rate_line(form: SelfEvalForm, rng: random.Random):
    lines = [x for x in form.budget.lines if x.a and x.b is not None]
    return rng.choice(lines)


@slip("rate_wrong", "SE06", "error", SCORED_ALL, "执行率算错（差 1% 以上）", conflicts=("formulas",))
def _(form: SelfEvalForm, rng, L):
    line = _rate_line(form, rng)
    # two units or more: one unit of the shown precision is a rounding warning, whatever the rule
    line.rate = max(100, min(10000, line.rate + rng.choice((-1000, -300, -200, 200, 300))))
    if line.rate == D.rate_bp(line.b, line.a):
        line.rate -= 200
    return [Want("SE06", "error", (("budget", line.key, "rate"),), "执行率不等于 B/A")]


def _toward_exact(exact: Fraction, shown: int) -> int:
    """One unit off the rounded figure, on the side of the exact value (|shown − exact| ≤ one unit)."""
    return shown + 1 if exact > shown else shown - 1


def _all_digits_shown(value: int) -> bool:
    """A figure in hundredths whose last decimal is not 0: stored as a number (9.60 is 9.6) it still shows
    both decimals, so a one-unit slip in it is visible at the precision the cell displays."""
    return value % 10 != 0


@slip("rate_rounding", "SE06", "warning", SCORED_ALL, "执行率差一个尾数单位（0.01%）", conflicts=("formulas",))
def _(form: SelfEvalForm, rng, L):
    line = _rate_line(form, rng)
    line.rate = _toward_exact(Fraction(line.b, line.a) * 10000, line.rate)
    if not _all_digits_shown(line.rate):
        return None
    return [Want("SE06", "warning", (("budget", line.key, "rate"),), "执行率差 0.01%")]


@slip("budget_score_wrong", "SE07", "error", SCORED_ALL, "预算执行得分算错（如 19.17 写成 19），总分按所写得分相加",
      conflicts=("budget_marks_repeated", "formulas"))
def _(form: SelfEvalForm, rng, L):
    budget = form.budget
    shown = budget.score // 100 * 100
    if budget.score - shown <= 1:
        shown = budget.score - rng.choice((30, 50, 100))
    budget.score = shown
    retotal(form, L)
    return [Want("SE07", "error", (("budget", "total", "score"),), "预算执行得分不等于分值×执行率")]


@slip("budget_score_rounding", "SE07", "warning", SCORED_ALL, "预算执行得分差 0.01（尾数误差）",
      conflicts=("budget_marks_repeated", "formulas"))
def _(form: SelfEvalForm, rng, L):
    budget, total = form.budget, form.budget.lines[0]
    exact = Fraction(budget.weight) * Fraction(total.b, total.a)
    if exact >= budget.weight:
        return None
    budget.score = _toward_exact(exact, budget.score)
    if not _all_digits_shown(budget.score):
        return None
    retotal(form, L)
    return [Want("SE07", "warning", (("budget", "total", "score"),), "预算执行得分差 0.01")]


@slip("budget_total_not_parts", "SE08", "error", {"national"}, "年度资金总额不等于其下各分项之和（执行率、得分按所写总额计算）",
      conflicts=("formulas",))
def _(form: SelfEvalForm, rng, L):
    budget = form.budget
    total = budget.lines[0]
    field_ = "init" if total.init is not None and rng.random() < 0.5 else "a"
    for _ in range(50):
        delta = rng.choice((200, 500, 1000, 2000, -200, -500))  # whole 万元 shown: one unit would be rounding
        if field_ == "init":
            total.init += delta
            break
        a = total.a + delta
        if a > total.b and D.rate_is_clear(total.b, a) and D.budget_score_is_clear(budget.weight, total.b, a):
            total.a, total.rate = a, D.rate_bp(total.b, a)
            budget.score = D.budget_score(budget.weight, total.b, a)
            retotal(form, L)
            break
    else:
        return None
    return [Want("SE08", "error", (("budget", "total", field_),), "年度资金总额不等于分项之和")]


@slip("spent_above_budget", "SE09", "warning", {"national"}, "某分项执行数超过预算数（执行率超过 100%）", conflicts=("formulas",))
def _(form: SelfEvalForm, rng, L):
    budget = form.budget
    parts = [x for x in budget.lines[1:] if x.a and x.b is not None]
    line = parts[0]
    above = max(1, line.a * rng.randint(2, 8) // 100)
    if not D.rate_is_clear(line.a + above, line.a):
        above += 1
    delta = line.a + above - line.b  # how much this line's 执行数 grows
    line.b = line.a + above
    line.rate = D.rate_bp(line.b, line.a)
    donors = [x for x in parts[1:] if x.b and x.b > delta and D.rate_is_clear(x.b - delta, x.a)]
    wants = [Want("SE09", "warning", (("budget", line.key, "b"),), "执行数超过预算数")]
    total = budget.lines[0]
    if donors:
        donors[0].b -= delta
        donors[0].rate = D.rate_bp(donors[0].b, donors[0].a)
    else:
        total.b += delta
        if not D.rate_is_clear(total.b, total.a):
            return None
        total.rate = D.rate_bp(total.b, total.a)
        budget.score = D.budget_score(budget.weight, total.b, total.a)
        retotal(form, L)
        if total.b > total.a:
            wants.append(Want("SE09", "warning", (("budget", "total", "b"),), "合计执行数超过预算数"))
    return wants


@slip("grade_wrong", "SE10", "error", {"national", "hubei", "shenzhen"}, "自评等级与总分不符（如总分 87 写“优”）")
def _(form, rng, L):
    if isinstance(form, ShenzhenForm):
        band = D.grade(form.total_score)
        form.grade = D.GRADE_WORDS["良" if band == "优" else "优"][1]
        return [Want("SE10", "error", (("grade",),), "评价等级与总计不符")]
    if form.grade is None:
        return None
    if L.grade_place == "none":  # Hubei prints no grade: this slip needs the grade row some forms add
        L.grade_place = "own_row"
        L.variations.append("grade_own_row")
    band = D.grade(form.total)
    wrong = {"优": "良", "良": "优", "中": "良", "差": "中"}[band]
    form.grade = D.GRADE_WORDS[wrong][L.grade_style]
    return [Want("SE10", "error", (("grade",),), "等级与总分不符")]


@slip("missed_full_marks", "SE11", "error", SCORED, "正向指标明显未达到指标值却得满分（已写原因）", conflicts=NO_WEIGHT_COLUMN)
def _(form: SelfEvalForm, rng, L):
    row = _pick(rng, form, lambda i: _full(i) and i.kind == "pos")
    if not row:
        return None
    g, i, ind = row
    ind.actual = Fraction(int(ind.target.value * Fraction(rng.randint(55, 85), 100)))
    _with_reason(ind, rng)
    return [Want("SE11", "error", (("ind", g, i, "score"),), "未达到指标值却得满分")]


@slip("qualitative_missed_full_marks", "SE11", "error", SCORED, "定性指标未达成（如“不健全”）却得满分", conflicts=NO_WEIGHT_COLUMN)
def _(form: SelfEvalForm, rng, L):
    row = _pick(rng, form, lambda i: _full(i) and i.kind == "qual")
    if not row:
        return None
    g, i, ind = row
    ind.actual = V.QUAL_MISSED[ind.target.value]
    _with_reason(ind, rng)
    key = (("ind", g, i, "score"),)
    return [Want("SE11", "error", key, "定性指标未达成却得满分"), Want("SE14", "warning", key, "得分不在档次内", required=False)]


@slip("reverse_exceeded_full_marks", "SE12", "error", SCORED, "反向（≤）指标超出上限却得满分（已写原因）", conflicts=NO_WEIGHT_COLUMN)
def _(form: SelfEvalForm, rng, L):
    row = _pick(rng, form, lambda i: _full(i) and i.kind == "rev")
    if not row:
        return None
    g, i, ind = row
    ind.actual = Fraction(int(ind.target.value * Fraction(rng.randint(115, 140), 100)) + 1)
    _with_reason(ind, rng)
    return [Want("SE12", "error", (("ind", g, i, "score"),), "反向指标超标却得满分")]


@slip("reason_missing", "SE13", "warning", SCORED, "扣了分的指标没有填写偏差原因")
def _(form: SelfEvalForm, rng, L):
    row = _pick(rng, form, lambda i: isinstance(i.score, int) and i.weight is not None and i.score < i.weight)
    if not row:
        return None
    g, i, ind = row
    ind.reason = ""
    return [Want("SE13", "warning", (("ind", g, i, "reason"),), "扣分却没有偏差原因")]


@slip("qualitative_out_of_band", "SE14", "warning", SCORED, "定性指标部分达成（如“基本健全”），得分却在 80% 以上",
      conflicts=NO_WEIGHT_COLUMN)
def _(form: SelfEvalForm, rng, L):
    row = _pick(rng, form, lambda i: _full(i) and i.kind == "qual")
    if not row:
        return None
    g, i, ind = row
    ind.actual = V.QUAL_PARTIAL[ind.target.value]
    ind.score = D.round_half_up(Fraction(ind.weight * 9, 10))
    _with_reason(ind, rng)
    retotal(form, L)
    return [Want("SE14", "warning", (("ind", g, i, "score"),), "定性得分不在档次区间")]


@slip("rate_over_100", "SE15", "warning", {"national", "hunan"}, "“……率”类指标实际完成值超过 100%")
def _(form: SelfEvalForm, rng, L):
    row = _pick(rng, form, lambda i: met(i) and i.target.unit == "%" and "率" in i.l3 and i.kind == "pos")
    if not row:
        return None
    g, i, ind = row
    ind.actual = Fraction(rng.randint(101, 115))
    return [Want("SE15", "warning", (("ind", g, i, "actual"),), "完成率超过 100%")]


@slip("unit_mismatch", "SE16", "warning", {"national", "hunan"}, "指标值以万元、完成值以元填写（数值相同）")
def _(form: SelfEvalForm, rng, L):
    row = _pick(rng, form, lambda i: met(i) and i.target.unit == "万元")
    if not row:
        return None
    g, i, ind = row
    ind.actual = ind.actual * 10000
    ind.actual_unit = "元"
    return [Want("SE16", "warning", (("ind", g, i, "actual"),), "指标值与完成值单位不同")]


@slip("score_blank", "SE17", "warning", SCORED, "有分值的指标得分空着（总分为其余各项之和）", conflicts=NO_WEIGHT_COLUMN)
def _(form: SelfEvalForm, rng, L):
    row = _pick(rng, form, _full)
    if not row:
        return None
    g, i, ind = row
    ind.score = None
    retotal(form, L)
    return [Want("SE17", "warning", (("ind", g, i, "score"),), "得分为空")]


@slip("actual_blank", "SE18", "warning", {"national", "hubei", "hunan"}, "填好的表中某指标实际完成值空着")
def _(form: SelfEvalForm, rng, L):
    row = _pick(rng, form, lambda i: met(i))
    if not row:
        return None
    g, i, ind = row
    ind.actual = None
    return [Want("SE18", "warning", (("ind", g, i, "actual"),), "实际完成值为空")]


@slip("target_missed_no_scores", "SE19", "warning", {"hunan"}, "没有得分栏的表（湖南）：正向指标未达到指标值")
def _(form: SelfEvalForm, rng, L):
    row = _pick(rng, form, lambda i: met(i) and i.kind == "pos")
    if not row:
        return None
    g, i, ind = row
    ind.actual = Fraction(int(ind.target.value * Fraction(rng.randint(60, 90), 100)))
    ind.reason = rng.choice(V.REASON_TEXTS)
    return [Want("SE19", "warning", (("ind", g, i, "actual"),), "未达到指标值")]


@slip("reverse_exceeded_no_scores", "SE19", "warning", {"hunan"}, "没有得分栏的表（湖南）：反向指标超出上限")
def _(form: SelfEvalForm, rng, L):
    row = _pick(rng, form, lambda i: met(i) and i.kind == "rev")
    if not row:
        return None
    g, i, ind = row
    ind.actual = Fraction(int(ind.target.value * Fraction(rng.randint(115, 160), 100)) + 1)
    ind.reason = rng.choice(V.REASON_TEXTS)
    return [Want("SE19", "warning", (("ind", g, i, "actual"),), "反向指标超出上限")]


@slip("qualitative_met_marked_down", "SE20", "warning", SCORED, "定性指标实际与目标相同（健全/健全）却被扣分",
      conflicts=NO_WEIGHT_COLUMN)
def _(form: SelfEvalForm, rng, L):
    row = _pick(rng, form, lambda i: _full(i) and i.kind == "qual")
    if not row:
        return None
    g, i, ind = row
    ind.actual = ind.target.value
    ind.score = D.round_half_up(Fraction(ind.weight * 85, 100))
    _with_reason(ind, rng)
    retotal(form, L)
    return [Want("SE20", "warning", (("ind", g, i, "score"),), "达成却被扣分")]


@slip("formula_skips_text", "CV01", "warning", {"national"},
      "某得分以文本存储，总分公式 SUM 跳过了它（Excel 保存的结果比各项之和少）", requires=("formulas",),
      conflicts=("subtotal_rows", "stacked_projects"))
def _(form: SelfEvalForm, rng, L):
    true_total = form.total
    for g, i, ind in rng.sample(_rows(form, _full), len(_rows(form, _full))):
        shown = true_total - ind.score
        if D.grade(shown) == D.grade(true_total):
            form.overrides[("ind", g, i, "score")] = T.num_text(Fraction(ind.score, 100))
            form.total = shown
            form.sum_range = True
            return [Want("CV01", "warning", (("total",), ("ind", g, i, "score")), "公式跳过了文本数字"),
                    Want("SE03", "error", (("total",),), "总分比各项之和少")]
    return None


@slip("fullwidth_digits", "CV02", "warning", SCORED, "得分用全角数字填写（１５）", conflicts=NO_WEIGHT_COLUMN + ("formulas",))
def _(form: SelfEvalForm, rng, L):
    row = _pick(rng, form, _full)
    if not row:
        return None
    g, i, ind = row
    text = T.num_text(Fraction(ind.score, 100))
    form.overrides[("ind", g, i, "score")] = text.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    return [Want("CV02", "warning", (("ind", g, i, "score"),), "全角数字")]


def _misgrouped(value: float) -> str:
    """A thousands separator in the wrong place ("1,0000.00"), as typed by someone grouping by 万."""
    whole, frac = f"{value:.2f}".split(".")
    if len(whole) >= 5:
        return f"{whole[:-4]},{whole[-4:]}.{frac}"
    if len(whole) >= 3:
        return f"{whole[:-2]},{whole[-2:]}.{frac}"
    return f"{whole},{frac}.00"


@slip("malformed_number", "CV03", "error", {"national"}, "金额的千分位逗号位置不对（1,0000.00），无法确定数值",
      conflicts=("formulas",))
def _(form: SelfEvalForm, rng, L):
    total = form.budget.lines[0]
    field_ = "init" if L.budget_init_label is not None else "a"
    value = getattr(total, field_) * (100 if L.amounts_in_yuan else 0.01)
    form.overrides[("budget", "total", field_)] = _misgrouped(value)
    return [Want("CV03", "error", (("budget", "total", field_),), "千分位写错")]


# ---- Shenzhen ------------------------------------------------------------------------------

def _columns(form: ShenzhenForm) -> list[str]:
    return list(form.arrangement[1])


@slip("sz_balance_wrong", "SZ01", "error", {"shenzhen"}, "资金结余(5)不等于 资金到位(3) − 实际支出(4)")
def _(form: ShenzhenForm, rng, L):
    col = rng.choice(_columns(form))
    form.arrangement[5][col] += rng.choice((10_000, 50_000, 100_000, -20_000))
    return [Want("SZ01", "error", (("arr", 5, col),), "资金结余算错")]


@slip("sz_balance_rounding", "SZ01", "warning", {"shenzhen"}, "资金结余差 0.01 元（尾数误差）")
def _(form: ShenzhenForm, rng, L):
    col = rng.choice(_columns(form))
    form.arrangement[5][col] += rng.choice((1, -1))
    if not _all_digits_shown(form.arrangement[5][col]):
        return None
    return [Want("SZ01", "warning", (("arr", 5, col),), "资金结余差 0.01")]


@slip("sz_ratio_wrong", "SZ02", "error", {"shenzhen"}, "预算执行率(6)等比率行算错")
def _(form: ShenzhenForm, rng, L):
    col = rng.choice(_columns(form))
    line = rng.choice((6, 7, 8))
    form.arrangement[line][col] += rng.choice((-500, -200, 200, 500)) * 10 ** (L.ratio_decimals - 2)
    return [Want("SZ02", "error", (("arr", line, col),), "比率行算错")]


@slip("sz_ratio_rounding", "SZ02", "warning", {"shenzhen"}, "比率行差一个尾数单位")
def _(form: ShenzhenForm, rng, L):
    from tests.corpus.shenzhen import RATIOS

    col = rng.choice(_columns(form))
    line = 6
    n, d = RATIOS[line]
    exact = Fraction(form.arrangement[n][col], form.arrangement[d][col]) * 100 * 10 ** L.ratio_decimals
    form.arrangement[line][col] = _toward_exact(exact, form.arrangement[line][col])
    if not _all_digits_shown(form.arrangement[line][col]):
        return None
    return [Want("SZ02", "warning", (("arr", line, col),), "比率行差一个尾数单位")]


@slip("sz_subtotal_wrong", "SZ03", "error", {"shenzhen"}, "项目实际投入(2)的财政资金小计不等于各级之和")
def _(form: ShenzhenForm, rng, L):
    cells = form.arrangement[2]
    cells["fiscal"] += rng.choice((100_000, 1_000_000, -500_000))
    cells["total"] = cells["fiscal"] + cells.get("other", 0)
    return [Want("SZ03", "error", (("arr", 2, "fiscal"),), "财政资金小计不等于明细")]


@slip("sz_use_total_wrong", "SZ04", "error", {"shenzhen"}, "资金使用情况 合计 不等于各项支出之和（也不等于实际支出(4)）")
def _(form: ShenzhenForm, rng, L):
    from tests.corpus.shenzhen import money

    right = sum(u[1] for u in form.uses)
    form.overrides[("use_total", "total")] = money(right + rng.choice((10_000_000, 100_000, -500_000)), L)
    return [Want("SZ04", "error", (("use_total", "total"),), "资金使用合计不符")]


@slip("sz_total_score_wrong", "SZ05", "error", {"shenzhen"}, "评分表 评分结果总计 不等于各三级指标之和（等级不变）")
def _(form: ShenzhenForm, rng, L):
    for delta in (-150, -100, -300, 100):
        if D.grade(form.total_score + delta) == D.grade(form.total_score) and form.total_score + delta <= 10000:
            form.total_score += delta
            return [Want("SZ05", "error", (("sz_total", "score"),), "评分结果总计不符")]
    return None


@slip("sz_total_weight_wrong", "SZ05", "error", {"shenzhen"}, "评分表 权重总计 写成 99 或 101")
def _(form: ShenzhenForm, rng, L):
    form.total_weight += rng.choice((-100, 100))
    return [Want("SZ05", "error", (("sz_total", "weight"),), "权重总计不是 100")]


def _leaf_where(form: ShenzhenForm, rng: random.Random, pred):
    leaves = [(key, leaf) for key, leaf in form.leaves() if pred(leaf)]
    return rng.choice(leaves) if leaves else None


@slip("sz_budget_amount_differs", "SZ06", "warning", {"shenzhen"}, "评分表“项目预算金额”与资金安排 预算安排(1) 不符")
def _(form: ShenzhenForm, rng, L):
    found = _leaf_where(form, rng, lambda x: x.name == "项目预算金额")
    (i, j, k), leaf = found
    planned = Fraction(form.arrangement[1]["total"], 100 * 10000)
    other = f"{T.num_text(Fraction(int(planned * Fraction(rng.randint(60, 90), 100) * 100), 100))}万元"
    leaf.target = leaf.actual = other
    return [Want("SZ06", "warning", (("l3", i, j, k, "target"),), "项目预算金额与预算安排不符")]


@slip("sz_criteria_score_wrong", "SZ07", "error", {"shenzhen"}, "预算执行率一行的评分结果不符合本行评分标准（如应得 2.09 写 1.99）",
      conflicts=("sz_no_criteria",))
def _(form: ShenzhenForm, rng, L):
    (i, j, k), leaf = _leaf_where(form, rng, lambda x: x.name == "预算执行率")
    # at least two tenths off: a score that prints with one decimal (2.6) is otherwise one unit from 2.698
    leaf.score += -rng.choice((20, 30)) if leaf.score >= 30 else rng.choice((50, 100))
    form.total_score = sum(l1.score for l1 in form.level1)
    form.grade = D.grade_word(form.total_score, 1)
    return [Want("SZ07", "error", (("l3", i, j, k, "score"),), "评分结果不符合评分标准")]


@slip("sz_per_miss_score_wrong", "SZ07", "error", {"shenzhen"}, "“每少1次扣0.5分”的一行少完成了两次却得满分",
      conflicts=("sz_no_criteria",))
def _(form: ShenzhenForm, rng, L):
    found = _leaf_where(form, rng, lambda x: x.rule == "per_miss")
    if not found:
        return None
    (i, j, k), leaf = found
    n = int(leaf.target.rstrip("次"))
    leaf.actual = f"{n - 2}次"
    leaf.score = leaf.weight
    form.total_score = sum(l1.score for l1 in form.level1)
    form.grade = D.grade_word(form.total_score, 1)
    key = (("l3", i, j, k, "score"),)
    return [Want("SZ07", "error", key, "少完成两次却得满分"),
            Want("SE11", "error", key, "未达到指标值却得满分（同样属实）", required=False)]


@slip("sz_arrival_score_wrong", "SZ07", "error", {"shenzhen"}, "资金到位率一行的评分结果不符合本行分档评分标准",
      conflicts=("sz_no_criteria",))
def _(form: ShenzhenForm, rng, L):
    found = _leaf_where(form, rng, lambda x: x.rule == "tiers")
    if not found:
        return None
    (i, j, k), leaf = found
    leaf.score = leaf.weight - 100 if leaf.score == leaf.weight else leaf.weight  # the neighbouring tier
    form.total_score = sum(l1.score for l1 in form.level1)
    form.grade = D.grade_word(form.total_score, 1)
    key = (("l3", i, j, k, "score"),)
    return [Want("SZ07", "error", key, "到位率得分不符合分档标准"),
            Want("SE11", "error", key, "未达到目标值却得满分（同样属实）", required=False)]


@slip("sz_criteria_points_above_weight", "SZ08", "warning", {"shenzhen"}, "评分标准给的分数（得3分）超过本行权重",
      conflicts=("sz_no_criteria",))
def _(form: ShenzhenForm, rng, L):
    found = _leaf_where(form, rng, lambda x: x.rule == "threshold")
    if not found:
        return None
    (i, j, k), leaf = found
    more = T.num_text(Fraction(leaf.weight + rng.choice((50, 100, 200)), 100))
    leaf.criteria = leaf.criteria.rsplit("得", 1)[0] + f"得{more}分"
    return [Want("SZ08", "warning", (("l3", i, j, k, "criteria"),), "评分标准分数超过权重")]


@slip("sz_criteria_threshold_differs", "SZ08", "warning", {"shenzhen"}, "评分标准的门槛（≥353套）与本行目标值（≥350套）不同",
      conflicts=("sz_no_criteria",))
def _(form: ShenzhenForm, rng, L):
    found = _leaf_where(form, rng, lambda x: x.rule == "threshold")
    if not found:
        return None
    (i, j, k), leaf = found
    target = int("".join(ch for ch in leaf.target if ch.isdigit()))
    unit = leaf.target.lstrip("≥0123456789")
    other = target + rng.choice((3, 5, 10))
    done = int("".join(ch for ch in leaf.actual if ch.isdigit()))
    if done < other:
        leaf.actual = f"{other + 1}{unit}"
    leaf.criteria = f"≥{other}{unit}得{T.num_text(Fraction(leaf.weight, 100))}分"
    return [Want("SZ08", "warning", (("l3", i, j, k, "criteria"),), "评分标准门槛与目标值不同")]


# ---- final accounts -------------------------------------------------------------------------

def _accounts_rounding(acc: A.Accounts, L: Layout, what: str) -> list[Want] | None:
    wants = _accounts_wants(acc, L, what)
    if any(not _all_digits_shown(acc.v[w.keys[0]]) for w in wants if w.severity == "warning"):
        return None
    return wants


def _accounts_wants(acc: A.Accounts, L: Layout, what: str) -> list[Want]:
    return [Want(rule, severity, (anchor,), f"{what}（差 {diff / 100:.2f} 万元）") for rule, anchor, severity, diff
            in A.broken(acc, L.tables, A.scale(L))]


def _delta(rng: random.Random, rounding: bool) -> int:
    return rng.choice((1, -1)) if rounding else rng.choice((2, 10, 50, 100, 1000, -30, -500))


def _tables(L: Layout, *needed: str) -> bool:
    return all(t in L.tables for t in needed)


@slip("fa_item_wrong", "FA01", "error", {"accounts"}, "收入/支出决算表某个“项”的金额（连同本行合计）录错，上级“款”对不上")
def _(acc: A.Accounts, rng, L):
    tables = [t for t in ("02", "03", "05") if t in L.tables]
    if not tables:
        return None
    table = rng.choice(tables)
    code = rng.choice(acc.leaves)
    col = rng.choice([c for c in A.COLS[table][1:] if acc.v[(table, code, c)]] or [A.COLS[table][1]])
    delta = _delta(rng, False)
    acc.v[(table, code, col)] += delta
    acc.v[(table, code, A.COLS[table][0])] += delta
    return _accounts_wants(acc, L, "项的金额录错")


@slip("fa_item_rounding", "FA01", "warning", {"accounts"}, "某个“项”与上级差 0.01（尾数误差）",
      conflicts=("accounts_in_yuan",))
def _(acc: A.Accounts, rng, L):
    tables = [t for t in ("02", "03") if t in L.tables]
    if not tables:
        return None
    table = rng.choice(tables)
    code = rng.choice(acc.leaves)
    col = A.COLS[table][1]
    acc.v[(table, code, col)] += 1
    acc.v[(table, code, A.COLS[table][0])] += 1
    return _accounts_rounding(acc, L, "项差 0.01")


@slip("fa_total_row_wrong", "FA02", "error", {"accounts"}, "决算表“合计”行某一栏不等于各类之和")
def _(acc: A.Accounts, rng, L):
    tables = [t for t in ("02", "03", "05") if t in L.tables]
    if not tables:
        return None
    table = rng.choice(tables)
    col = rng.choice(A.COLS[table][1:3])
    acc.v[(table, "合计", col)] += _delta(rng, False)
    return _accounts_wants(acc, L, "合计行录错")


@slip("fa_row_total_wrong", "FA03", "error", {"accounts"}, "某一“款”的本行合计不等于各栏之和")
def _(acc: A.Accounts, rng, L):
    tables = [t for t in ("02", "03", "05") if t in L.tables]
    if not tables:
        return None
    table = rng.choice(tables)
    code = rng.choice([c for c in acc.codes if len(c) == 5])
    acc.v[(table, code, A.COLS[table][0])] += _delta(rng, False)
    return _accounts_wants(acc, L, "行合计录错")


@slip("fa_opening_wrong", "FA04", "error", {"accounts"}, "公开01表 年初结转和结余 录错，收支总表不平衡")
def _(acc: A.Accounts, rng, L):
    if "01" not in L.tables:
        return None
    acc.v[("01", "opening")] += _delta(rng, False)
    return _accounts_wants(acc, L, "年初结转和结余录错")


@slip("fa_opening_rounding", "FA04", "warning", {"accounts"}, "公开04表 年初财政拨款结转和结余 差 0.01",
      conflicts=("accounts_in_yuan",))
def _(acc: A.Accounts, rng, L):
    if "04" not in L.tables:
        return None
    acc.v[("04", "opening_general")] += 1
    return _accounts_rounding(acc, L, "年初结转差 0.01")


@slip("fa_economic_item_wrong", "FA05", "error", {"accounts"}, "公开06表某一款录错，所属类对不上")
def _(acc: A.Accounts, rng, L):
    if "06" not in L.tables:
        return None
    cls = rng.choice(sorted(acc.economic))
    acc.v[("06", rng.choice(acc.economic[cls]))] += _delta(rng, False)
    return _accounts_wants(acc, L, "基本支出明细录错")


@slip("fa_three_public_wrong", "FA06", "error", {"accounts"}, "三公经费表 公务用车购置费或运行维护费 录错，小计对不上")
def _(acc: A.Accounts, rng, L):
    if "09" not in L.tables:
        return None
    acc.v[("09", rng.choice(("budget", "actual")), "running")] += _delta(rng, False)
    return _accounts_wants(acc, L, "三公经费录错")


@slip("fa_three_public_rounding", "FA06", "warning", {"accounts"}, "三公经费表差 0.01（尾数误差）",
      conflicts=("accounts_in_yuan",))
def _(acc: A.Accounts, rng, L):
    if "09" not in L.tables:
        return None
    acc.v[("09", rng.choice(("budget", "actual")), "reception")] += 1
    return _accounts_rounding(acc, L, "三公经费差 0.01")


@slip("fa_05_above_03", "FA07", "error", {"accounts"}, "公开05表某科目基本支出大于公开03表同一科目（03表自身及01表已相应调整）")
def _(acc: A.Accounts, rng, L):
    if not _tables(L, "03", "05"):
        return None
    code = rng.choice([c for c in acc.leaves if acc.v[("05", c, "basic")] > 100])
    gap = acc.v[("03", code, "basic")] - acc.v[("05", code, "basic")]
    delta = -(gap + rng.choice((50, 200, 1000)))
    A.shift(acc, "03", code, "basic", delta)
    cls = code[:3]
    acc.v[("01", "e", acc.names[cls])] += delta
    acc.v[("01", "spend_total")] += delta
    acc.v[("01", "closing")] -= delta
    return _accounts_wants(acc, L, "05表大于03表")


@slip("fa_06_vs_05", "FA07", "error", {"accounts"}, "公开06表 公用经费合计 与 05表基本支出 − 人员经费 不符（06表自身已调整）")
def _(acc: A.Accounts, rng, L):
    if not _tables(L, "05", "06"):
        return None
    delta = _delta(rng, False)
    kuan = acc.economic["302"][0]
    acc.v[("06", kuan)] += delta
    acc.v[("06", "302")] += delta
    acc.v[("06", "public_total")] += delta
    return _accounts_wants(acc, L, "06表与05表不符")


# ---- workbooks with nothing to check, and blank forms ---------------------------------------------
# These two are planted by the generator itself (the whole workbook is the slip): see generate.py.
SPECIAL = {
    "no_tables": ("XT001", "warning", "工作簿里只有文字说明，没有任何表格：必须说“未识别到表格”，不能说“没有问题”"),
    "blank_form": ("XT002", "info", "未填写的空白全国通用表（只有指标名称、指标值和分值）：报“表格未填写”，不打分、不报空白单元格"),
}


# ---- summary ------------------------------------------------------------------------------------

@slip("summary_score_differs", "SM01", "error", {"summary"}, "汇总表某项目自评得分与项目表总分不符（平均分按所写得分计算）")
def _(book: SummaryBook, rng, L):
    n = rng.randrange(len(book.rows))
    row = book.rows[n]
    for delta in (-200, 200, -50, 100):
        if D.grade(row.score + delta) == D.grade(row.score) and row.score + delta <= 10000:
            row.score += delta
            if book.recompute_average():
                return [Want("SM01", "error", (("sm", n, "score"),), "汇总得分与项目表不符")]
            row.score -= delta
    return None


@slip("summary_grade_differs", "SM01", "error", {"summary"}, "汇总表某项目自评等级与项目表不符（也与得分不符）")
def _(book: SummaryBook, rng, L):
    n = rng.randrange(len(book.rows))
    row = book.rows[n]
    wrong = {"优": "良", "良": "优", "中": "良", "差": "中"}[D.grade(row.score)]
    row.grade = D.GRADE_WORDS[wrong][L.grade_style]
    key = (("sm", n, "grade"),)
    return [Want("SM01", "error", key, "汇总等级与项目表不符"), Want("SE10", "error", key, "等级与得分不符")]


@slip("summary_budget_differs", "SM01", "error", {"summary"}, "汇总表某项目全年预算数与项目表不符（平均分按所写预算数加权）",
      conflicts=("summary_seed_columns",))
def _(book: SummaryBook, rng, L):
    n = rng.randrange(len(book.rows))
    row = book.rows[n]
    for delta in (1000, -500, 2000, 100):
        row.budget += delta
        if row.budget > 0 and book.recompute_average():
            return [Want("SM01", "error", (("sm", n, "budget"),), "汇总预算数与项目表不符")]
        row.budget -= delta
    return None


@slip("summary_simple_average", "SM02", "error", {"summary"}, "汇总表平均分用简单平均，没有按资金加权",
      conflicts=("summary_seed_columns",))
def _(book: SummaryBook, rng, L):
    simple = D.round_half_up(Fraction(sum(r.score for r in book.rows), len(book.rows)))
    if abs(simple - book.average) <= 1:
        return None
    book.average = simple
    return [Want("SM02", "error", (("sm_avg", "score"),), "平均分不是按资金加权")]


# ---- department-wide scoring sheets ---------------------------------------------------------------

POINTS_SHEET = ("dept_coefficient_list",)


def _dept_row(sheet: DP.DepartmentSheet, rng: random.Random, pred):
    rows = [(n, row) for n, row in enumerate(sheet.rows) if pred(row)]
    return rng.choice(rows) if rows else None


@slip("dept_score_above_weight", "SE01", "error", {"dept"}, "部门评分表某三级指标自评得分超过指标分值", conflicts=POINTS_SHEET)
def _(sheet: DP.DepartmentSheet, rng, L):
    found = _dept_row(sheet, rng, lambda r: r.score == r.weight)
    if not found:
        return None
    n, row = found
    row.score = row.weight + rng.choice((50, 100))
    sheet.retotal(L.grade_style)
    return [Want("SE01", "error", (("row", n, "score"),), "自评得分超过指标分值")]


@slip("dept_total_wrong", "SE03", "error", {"dept"}, "部门评分表合计（或表头的总得分）不等于各项得分之和")
def _(sheet: DP.DepartmentSheet, rng, L):
    for delta in rng.sample((-200, -100, 100, 150), 4):
        if D.grade(sheet.total + delta) == D.grade(sheet.total) and sheet.total + delta <= 10000:
            sheet.total += delta
            return [Want("SE03", "error", (("total",),), "合计不等于各项之和")]
    return None


@slip("dept_weights_not_100", "SE04", "error", {"dept"}, "部门评分表某指标分值多写 1 分（所属二级、一级名称中的分值随之），合计 101",
      conflicts=POINTS_SHEET)
def _(sheet: DP.DepartmentSheet, rng, L):
    found = _dept_row(sheet, rng, lambda r: r.score == r.weight)
    if not found:
        return None
    n, row = found
    row.weight += 100
    row.score = row.weight
    for l1 in sheet.level1:
        for group in l1.groups:
            if row in group.rows:
                group.points += 100
                l1.points += 100
    sheet.retotal(L.grade_style)
    keys = (("total_weight",), ("row", 0, "weight"), ("row", n, "weight"))
    return [Want("SE04", "error", keys, "指标分值合计不等于 100")]


@slip("dept_group_points_wrong", "SE05", "error", {"dept"}, "二级指标名称中的分值（目标设定（9分））与其下各指标分值之和不符",
      conflicts=POINTS_SHEET)
def _(sheet: DP.DepartmentSheet, rng, L):
    i = rng.randrange(len(sheet.level1))
    j = rng.randrange(len(sheet.level1[i].groups))
    sheet.level1[i].groups[j].points += rng.choice((-100, 100, 200))
    return [Want("SE05", "error", (("l2label", i, j),), "二级指标名称中的分值与明细不符")]


@slip("dept_level1_points_wrong", "SE05", "error", {"dept"}, "一级指标名称中的分值（部门决策（25分））与其下各指标分值之和不符",
      conflicts=POINTS_SHEET)
def _(sheet: DP.DepartmentSheet, rng, L):
    i = rng.randrange(len(sheet.level1))
    sheet.level1[i].points += rng.choice((-500, 500))
    return [Want("SE05", "error", (("l1label", i),), "一级指标名称中的分值与明细不符")]


@slip("dept_grade_wrong", "SE10", "error", {"dept"}, "部门评分表自评等级与合计得分不符", conflicts=POINTS_SHEET + ("dept_no_grade",))
def _(sheet: DP.DepartmentSheet, rng, L):
    wrong = {"优": "良", "良": "优", "中": "良", "差": "中"}[D.grade(sheet.total)]
    sheet.grade = D.GRADE_WORDS[wrong][L.grade_style]
    return [Want("SE10", "error", (("grade",),), "等级与得分不符")]


@slip("dept_score_blank", "SE17", "warning", {"dept"}, "部门评分表某指标有分值却没填自评得分", conflicts=POINTS_SHEET)
def _(sheet: DP.DepartmentSheet, rng, L):
    n, row = _dept_row(sheet, rng, lambda r: True)
    row.score = None
    sheet.retotal(L.grade_style)
    return [Want("SE17", "warning", (("row", n, "score"),), "得分为空")]


@slip("dept_coefficient_score_wrong", "SE21", "error", {"dept"}, "得分系数表某行指标得分不等于 指标权重 × 得分系数",
      requires=POINTS_SHEET)
def _(sheet: DP.DepartmentSheet, rng, L):
    n, row = _dept_row(sheet, rng, lambda r: True)
    row.score -= rng.choice((25, 50, 100))
    sheet.retotal()
    return [Want("SE21", "error", (("row", n, "score"),), "得分不等于权重×得分系数")]


@slip("dept_coefficient_rounding", "SE21", "warning", {"dept"}, "得分系数表某行得分与 权重×系数 差 0.01（尾数误差）",
      requires=POINTS_SHEET)
def _(sheet: DP.DepartmentSheet, rng, L):
    found = _dept_row(sheet, rng, lambda r: r.coefficient < 1)
    if not found:
        return None
    n, row = found
    row.score -= 1
    if not _all_digits_shown(row.score):
        return None
    sheet.retotal()
    return [Want("SE21", "warning", (("row", n, "score"),), "得分差 0.01")]
