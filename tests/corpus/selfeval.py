"""Logical self-evaluation forms (F1 national, F2 Hubei, F2 Hunan): content that is right by the domain rules.

The generator builds each figure so that it satisfies the rules (totals are sums, scores follow
the scoring rules, grades follow totals); ``violations`` then verifies a form by recomputing every
rule, independently of how the figures were built, and of the checker.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from fractions import Fraction

from tests.corpus import domain as D
from tests.corpus import vocab as V
from tests.corpus.layout import Layout

RATE_WORDS = ("率", "满意度")


@dataclass
class Target:
    op: str  # "≥", "≤", "=" or "" (qualitative)
    value: Fraction | str
    unit: str


@dataclass
class Indicator:
    l1: str
    l2: str
    l3: str
    kind: str  # pos / rev / eq / qual
    target: Target
    actual: Fraction | str | None
    actual_unit: str
    weight: int | None  # hundredths of a point; None on forms without weights
    score: int | None
    reason: str = ""
    tier: int = 0  # qualitative: 0 achieved, 1 partly, 2 not achieved


@dataclass
class BudgetLine:
    key: str  # total / fiscal / carry / other / special / unit
    label: str
    init: int | None  # hundredths of 万元
    a: int | None
    b: int | None
    rate: int | None  # as shown, hundredths of a percent (9585 = 95.85 %)
    reason: str = ""  # Hunan: 产生差异的原因


@dataclass
class Budget:
    lines: list[BudgetLine]
    weight: int | None  # hundredths; None on Hunan's 资金情况
    score: int | None

    def line(self, key: str) -> BudgetLine:
        return next(line for line in self.lines if line.key == key)


@dataclass
class Goal:
    name: str  # "" (national), "年度目标1" (Hubei), "目标1" (Hunan)
    text: str
    points: int | None  # Hubei: the goal's points
    indicators: list[Indicator]


@dataclass
class SelfEvalForm:
    variant: str  # national / hubei / hunan
    project: str
    unit: str
    dept: str
    year: int
    budget: Budget | None
    goals: list[Goal]
    total: int | None
    grade: str | None
    filled: bool = True
    overrides: dict[tuple, object] = field(default_factory=dict)  # logical cell -> raw value as typed
    level1_points: dict[tuple[int, str], int] = field(default_factory=dict)  # (goal, 一级) -> points shown
    subtotal_overrides: dict[tuple[int, str, str], int] = field(default_factory=dict)
    sum_range: bool = False  # the total is =SUM(score column) + budget score (a formula over a range)

    @property
    def indicators(self) -> list[Indicator]:
        return [ind for goal in self.goals for ind in goal.indicators]

    def level1_groups(self, goal: int) -> list[tuple[str, list[Indicator]]]:
        groups: list[tuple[str, list[Indicator]]] = []
        for ind in self.goals[goal].indicators:
            if not groups or groups[-1][0] != ind.l1:
                groups.append((ind.l1, []))
            groups[-1][1].append(ind)
        return groups


# ---- content ------------------------------------------------------------------------------------

def _money(rng: random.Random, low: int, high: int) -> int:
    value = rng.randint(low, high)
    return value - value % 100 if rng.random() < 0.4 else value  # some round amounts


def _spend(rng: random.Random, budget: int, low: float = 0.82) -> int:
    for _ in range(100):
        spent = budget if rng.random() < 0.2 else int(budget * rng.uniform(low, 0.995))
        if spent <= budget and D.rate_is_clear(spent, budget):
            return spent
    return budget


def make_budget(rng: random.Random, layout: Layout) -> Budget:
    weight = layout.budget_weight
    for _ in range(200):
        lines: list[BudgetLine] = []
        fiscal_a = _money(rng, 2000, 300000)
        if layout.budget_rows == "sichuan":
            parts = [("fiscal", fiscal_a), ("special", 0 if rng.random() < 0.7 else None),
                     ("unit", 0 if rng.random() < 0.7 else None), ("other", None)]
            labels = {k: rng.choice(v) for k, v in V.BUDGET_PARTS_SICHUAN}
        else:
            carry = _money(rng, fiscal_a // 20 + 100, fiscal_a // 3 + 200) if rng.random() < 0.4 else None
            other = _money(rng, 100, fiscal_a // 4 + 100) if rng.random() < 0.3 else None
            parts = [("fiscal", fiscal_a), ("carry", carry), ("other", other)]
            labels = {k: rng.choice(v) for k, v in V.BUDGET_PARTS_STANDARD}
        for key, a in parts:
            if a is None:
                lines.append(BudgetLine(key, labels[key], None, None, None, None))
                continue
            b = _spend(rng, a) if a else 0
            init = None
            if layout.budget_init_label is not None:
                init = a if rng.random() < 0.6 or not a else int(a * rng.uniform(0.85, 1.0))
            lines.append(BudgetLine(key, labels[key], init, a, b, D.rate_bp(b, a) if a else 0))
        a_total = sum(line.a or 0 for line in lines)
        b_total = sum(line.b or 0 for line in lines)
        init_total = sum(line.init or 0 for line in lines) if layout.budget_init_label is not None else None
        if not (D.rate_is_clear(b_total, a_total) and D.budget_score_is_clear(weight, b_total, a_total)):
            continue
        total = BudgetLine("total", layout.budget_total_label, init_total, a_total, b_total, D.rate_bp(b_total, a_total))
        return Budget([total, *lines], weight, D.budget_score(weight, b_total, a_total))
    raise RuntimeError("no clear budget figures found")


def _nice(rng: random.Random, base: int) -> Fraction:
    value = base * rng.choice((Fraction(1, 2), Fraction(1), Fraction(3, 2), Fraction(2), Fraction(5, 2)))
    return Fraction(max(1, round(value)))


def make_indicator(rng: random.Random, l1: str, l2: str, spec: tuple, weight: int | None,
                   outcome: str = "met") -> Indicator:
    """One indicator row; outcome met / missed (positive) / exceeded (reverse) / partial (qualitative)."""
    name, kind, unit, base = spec
    if kind == "qual":
        if outcome == "partial":
            actual, tier = V.QUAL_PARTIAL[base], 1
            score = D.round_half_up(Fraction(weight * 7, 10)) if weight is not None else None
        else:
            actual, tier, score = rng.choice(V.QUAL_MET[base]), 0, weight
        return Indicator(l1, l2, name, kind, Target("", base, ""), actual, "", weight, score, tier=tier)
    percent = unit == "%"
    target = Fraction(base) if percent else _nice(rng, base)
    op = {"pos": "≥", "rev": "≤", "eq": "="}[kind]
    for _ in range(100):
        if kind == "eq":
            actual = target
        elif kind == "pos" and outcome == "met":
            ceiling = Fraction(100) if percent else target * Fraction(5, 4)
            actual = Fraction(rng.randint(int(target), max(int(target), int(ceiling))))
        elif kind == "pos":
            actual = Fraction(int(target * Fraction(rng.randint(70, 95), 100)))
        elif outcome == "met":
            actual = Fraction(rng.randint(int(target * Fraction(4, 5)), int(target)))
        else:
            actual = Fraction(int(target * Fraction(rng.randint(106, 130), 100)) + 1)
        if weight is None or outcome == "met":
            return Indicator(l1, l2, name, kind, Target(op, target, unit), actual, unit, weight, weight)
        num, den = (actual, target) if kind == "pos" else (target, actual)
        if 0 < actual and not D.near_tie(Fraction(weight) * num / den):
            score = D.ratio_score(weight, num, den)
            if score < weight:
                return Indicator(l1, l2, name, kind, Target(op, target, unit), actual, unit, weight, score)
    raise RuntimeError(f"no clear figures for {name}")


def split_points(rng: random.Random, total: int, n: int, step: int = 100, least: int = 200) -> list[int]:
    """``total`` hundredths over n rows in whole points (or halves), each at least ``least``."""
    while total < n * least and least > 50:
        least, step = least // 2, min(step, least // 2)
    if total < n * least:
        raise ValueError(f"{total} cannot be split over {n} rows")
    parts = [least] * n
    spare = (total - least * n) // step
    for _ in range(spare):
        parts[rng.randrange(n)] += step
    parts[-1] += total - sum(parts)
    return parts


def _level1_weights(layout: Layout) -> list[tuple[str, int]]:
    indicator_points = 10000 - layout.budget_weight
    if layout.satisfaction:
        return [("产出指标", indicator_points - 4000), ("效益指标", 3000), ("满意度指标", 1000)]
    return [("产出指标", indicator_points - 3000), ("效益指标", 3000)]


def _pick_specs(rng: random.Random, l1: str) -> list[tuple[str, tuple]]:
    groups = V.INDICATORS[l1]
    names = list(groups)
    if l1 == "产出指标":
        chosen = ["数量指标", "质量指标"] + [n for n in ("时效指标", "成本指标") if rng.random() < 0.6]
    elif l1 == "效益指标":
        chosen = rng.sample(names, rng.randint(1, 2))
        chosen.sort(key=names.index)
    else:
        chosen = names
    picks: list[tuple[str, tuple]] = []
    for l2 in chosen:
        count = rng.randint(1, 2 if l1 != "满意度指标" else 1)
        for spec in rng.sample(groups[l2], min(count, len(groups[l2]))):
            picks.append((l2, spec))
    return picks


def _indicators(rng: random.Random, layout: Layout, level1: list[tuple[str, int]], scored: bool,
                marked_down: int) -> list[Indicator]:
    plan: list[tuple[str, str, tuple, int | None]] = []
    for l1, points in level1:
        picks = _pick_specs(rng, l1)
        if scored:
            picks = picks[: max(1, points // 100)]  # at least one point per row
        weights = split_points(rng, points, len(picks)) if scored else [None] * len(picks)
        plan += [(l1, l2, spec, w) for (l2, spec), w in zip(picks, weights, strict=True)]
    kinds = ("pos", "rev") if layout.scoring_method else ("pos", "rev", "qual")  # the stated method is B/A or A/B
    candidates = [i for i, (_, _, spec, _) in enumerate(plan) if spec[1] in kinds]
    down = set(rng.sample(candidates, min(marked_down, len(candidates)))) if scored else set()
    rows = []
    for i, (l1, l2, spec, weight) in enumerate(plan):
        outcome = "met"
        if i in down:
            outcome = {"pos": "missed", "rev": "exceeded", "qual": "partial"}[spec[1]]
        ind = make_indicator(rng, l1, l2, spec, weight, outcome)
        if outcome != "met":
            ind.reason = rng.choice(V.REASON_TEXTS)
        elif layout.reason_placeholder and rng.random() < 0.7:
            ind.reason = rng.choice(V.REASON_PLACEHOLDERS)
        rows.append(ind)
    return rows


def national(rng: random.Random, layout: Layout) -> SelfEvalForm:
    budget = make_budget(rng, layout)
    rows = _indicators(rng, layout, _level1_weights(layout), True, layout.marked_down)
    total = budget.score + sum(r.score for r in rows)
    goal = Goal("", "", None, rows)
    form = SelfEvalForm("national", rng.choice(V.PROJECTS), rng.choice(V.UNITS), rng.choice(V.DEPARTMENTS),
                        rng.choice((2021, 2022, 2023)), budget, [goal], total, D.grade_word(total, layout.grade_style))
    if layout.level1_points:
        for l1, members in form.level1_groups(0):
            form.level1_points[(0, l1)] = sum(m.weight for m in members)
    return form


def hubei(rng: random.Random, layout: Layout) -> SelfEvalForm:
    a = _money(rng, 100000, 600000)
    for _ in range(100):
        b = _spend(rng, a, 0.85)
        if D.budget_score_is_clear(2000, b, a) and b < a:
            break
    budget = Budget([BudgetLine("total", "部门整体支出总额", None, a, b, D.rate_bp(b, a))], 2000, D.budget_score(2000, b, a))
    count = rng.randint(2, 4)
    points = split_points(rng, 8000, count, step=500, least=1000)
    goals = []
    for g, goal_points in enumerate(points, start=1):
        level1 = [("产出指标", goal_points * 3 // 5), ("效益指标", goal_points - goal_points * 3 // 5)]
        rows = _indicators(rng, layout, level1, True, 1 if rng.random() < 0.4 else 0)
        goals.append(Goal(f"年度目标{g}", rng.choice(("完成年度重点工作任务", "保障单位正常运转", "提升公共服务水平")),
                          goal_points, rows))
    total = budget.score + sum(r.score for goal in goals for r in goal.indicators)
    return SelfEvalForm("hubei", rng.choice(V.PROJECTS), rng.choice(V.UNITS), rng.choice(V.DEPARTMENTS),
                        rng.choice((2020, 2021, 2022)), budget, goals, total, D.grade_word(total, layout.grade_style))


def hunan(rng: random.Random, layout: Layout) -> SelfEvalForm:
    fiscal = _money(rng, 3000, 90000)
    other = _money(rng, 100, 5000) if rng.random() < 0.5 else None
    lines = []
    for key, label, init in (("fiscal", "其中：财政拨款", fiscal), ("other", "其他资金", other)):
        if init is None:
            lines.append(BudgetLine(key, label, None, None, None, None))
            continue
        if layout.hunan_over_budget and key == "fiscal":
            spent, reason = init + _money(rng, 500, 20000), "年中追加项目资金"
        else:
            spent, reason = _spend(rng, init), ""
        lines.append(BudgetLine(key, label, init, None, spent, None, reason))
    total = BudgetLine("total", "合计", sum(x.init or 0 for x in lines), None, sum(x.b or 0 for x in lines), None,
                       lines[0].reason)
    budget = Budget([total, *lines], None, None)
    goals = []
    for g in range(1, rng.randint(2, 4) + 1):
        rows = _indicators(rng, layout, [("产出指标", 0), ("效益指标", 0), ("满意度指标", 0)], False, 0)
        goals.append(Goal(f"目标{g}", "", None, rows))
    return SelfEvalForm("hunan", rng.choice(V.PROJECTS), rng.choice(V.UNITS), "", rng.choice((2019, 2020, 2021)),
                        budget, goals, None, None)


def blank_national(rng: random.Random, layout: Layout) -> SelfEvalForm:
    """An unfilled national form: names, targets and weights printed, every input left empty."""
    form = national(rng, layout)
    form.filled = False
    for line in form.budget.lines:
        line.init = line.a = line.b = line.rate = None
    form.budget.score = None
    for ind in form.indicators:
        ind.actual, ind.score, ind.reason = None, None, ""
    form.total, form.grade = None, None
    return form


# ---- verification ---------------------------------------------------------------------------

def met(ind: Indicator) -> bool:
    t, a = ind.target, ind.actual
    if ind.kind == "qual":
        return isinstance(a, str) and a in V.QUAL_MET.get(t.value, ())
    if not isinstance(a, Fraction) or ind.actual_unit != t.unit:
        return False
    return {"≥": a >= t.value, "≤": a <= t.value, "=": a == t.value}[t.op]


def expected_score(ind: Indicator, bands=D.BANDS_2020) -> tuple[int, int] | None:
    """The score range the rules allow for a row: (low, high) in hundredths."""
    if ind.weight is None or ind.actual is None:
        return None
    if met(ind):  # met targets get full marks (domain.md); a met qualitative row marked down is SE20
        return ind.weight, ind.weight
    if ind.kind == "qual":
        tier = 1 if ind.actual == V.QUAL_PARTIAL.get(ind.target.value) else 2
        low, high = D.band(ind.weight, tier, bands)
        return int(low), int(high) - 1
    num, den = (ind.actual, ind.target.value) if ind.kind == "pos" else (ind.target.value, ind.actual)
    score = D.ratio_score(ind.weight, num, den)
    return score, score


def violations(form: SelfEvalForm) -> list[str]:
    """Every domain rule the form breaks, recomputed from its figures (empty for a clean form)."""
    out: list[str] = []
    budget = form.budget
    if form.filled and budget is not None:
        parts = budget.lines[1:]
        for key in ("init", "a", "b"):
            values = [getattr(p, key) for p in parts if getattr(p, key) is not None]
            if values and getattr(budget.lines[0], key) != sum(values):
                out.append(f"budget total {key} is not the sum of its parts")
        for line in budget.lines:
            if form.variant != "hunan" and line.a is not None and line.b is not None and line.b > line.a:
                out.append(f"{line.key}: spent above budget")
            if line.a and line.b is not None and line.rate != D.rate_bp(line.b, line.a):
                out.append(f"{line.key}: rate {line.rate} is not B/A")
        total = budget.lines[0]
        if budget.weight is not None and budget.score != D.budget_score(budget.weight, total.b, total.a):
            out.append("budget score is not weight × rate")
    for ind in form.indicators:
        if form.filled and ind.actual is None:
            out.append(f"{ind.l3}: actual left empty")
        if ind.actual is not None and ind.kind != "qual" and ind.actual_unit != ind.target.unit:
            out.append(f"{ind.l3}: unit differs")
        if isinstance(ind.actual, Fraction) and ind.target.unit == "%" and ind.actual > 100 \
                and any(w in ind.l3 for w in RATE_WORDS):
            out.append(f"{ind.l3}: rate above 100 %")
        if form.variant == "hunan" and ind.actual is not None and not met(ind):
            out.append(f"{ind.l3}: target missed")
        if ind.weight is None or not form.filled:
            continue
        if ind.score is None:
            out.append(f"{ind.l3}: score left empty")
            continue
        if not 0 <= ind.score <= ind.weight:
            out.append(f"{ind.l3}: score outside 0..weight")
        allowed = expected_score(ind, D.BANDS_HUBEI if form.variant == "hubei" else D.BANDS_2020)
        if allowed is not None and not allowed[0] <= ind.score <= allowed[1]:
            out.append(f"{ind.l3}: score {ind.score} not in {allowed}")
        if form.variant == "national" and ind.score < ind.weight and not ind.reason.strip(" 无0/"):
            out.append(f"{ind.l3}: marked down without a reason")
    if form.variant == "national":
        weights = sum(i.weight for i in form.indicators) + form.budget.weight
        if weights != 10000:
            out.append(f"weights add up to {weights}")
        for (g, l1, key), shown in form.subtotal_overrides.items():
            if shown != sum(getattr(i, key) or 0 for i in form.goals[g].indicators if i.l1 == l1):
                out.append(f"{l1}: subtotal {key} is not the sum of its rows")
        for (g, l1), shown in form.level1_points.items():
            if shown != sum(i.weight for i in form.goals[g].indicators if i.l1 == l1):
                out.append(f"{l1}: points in the label differ from its rows")
    if form.variant == "hubei":
        if sum(g.points for g in form.goals) + form.budget.weight != 10000:
            out.append("goal points do not add up to 100")
        for goal in form.goals:
            if sum(i.score or 0 for i in goal.indicators) > goal.points:
                out.append(f"{goal.name}: scores above its points")
    if form.filled and form.total is not None:
        expected = (form.budget.score or 0) + sum(i.score or 0 for i in form.indicators if isinstance(i.score, int))
        if form.total != expected:
            out.append(f"total {form.total} is not the sum {expected}")
        if form.grade is not None and form.grade not in D.GRADE_WORDS[D.grade(form.total)]:
            out.append(f"grade {form.grade} does not match {form.total}")
    return out
