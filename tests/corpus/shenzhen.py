"""Shenzhen 项目绩效情况自评表 (F3, seed 002): 资金安排 8 rows, 资金使用, 评分表 with its own 评分标准.

Money is kept in cents (元 × 100). Ratio rows are percentages shown with two decimals. Each
三级 row may state its scoring rule in words (评分标准); its score is computed here from that
rule, so a clean form's scores agree with the texts the form itself prints.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from fractions import Fraction

from tests.corpus import domain as D
from tests.corpus import typing_ as T
from tests.corpus.canvas import Sheet, a1
from tests.corpus.layout import Layout

COLUMNS = ("total", "fiscal", "central", "province", "city", "county", "other", "own", "loan", "social")
FISCAL = ("central", "province", "city", "county")
OTHER = ("own", "loan", "social")
LINES = (("预算安排", "(1)"), ("项目实际投入", "(2)"), ("资金到位", "(3)"), ("实际支出", "(4)"),
         ("资金结余", "(5)=(3)-(4)"), ("预算执行率(%)", "(6)=(4)/(1)"), ("资金到位率(%)", "(7)=(3)/(1)"),
         ("资金实际支出率(%)", "(8)=(4)/(3)"))
RATIOS = {6: (4, 1), 7: (3, 1), 8: (4, 3)}
USES = ("综合服务大楼管理和维护", "办公设备购置", "场地修缮维护", "培训及交流", "后勤服务", "信息化建设",
        "考核管理", "宣传推广", "专项业务经费")
LEVEL2 = {
    "投入和管理目标": (("预算编制", ("budget_amount", "预算编制合理性")), ("预算执行", ("arrival", "execution")),
                ("财务管理", ("财务管理制度健全性", "资金使用规范性")),
                ("项目管理", ("项目管理制度健全性", "政府采购规范性", "项目质量可控性"))),
    "产出目标": (("产出数量", ("count:培训人次:人次", "count:购置设备数量:台", "miss:开展督查次数:次")),
             ("产出质量", ("维修工程合格率", "办公设备合格率")), ("产出时效", ("工作完成的及时性",))),
    "效果目标": (("社会效益", ("机关运转保障", "count:服务群众人次:人次")), ("满意度", ("服务对象满意度",))),
    "影响力目标": (("长效管理", ("长效管理制度健全性",)), ("人力资源", ("人员到位率",))),
}
QUALITATIVE = {"预算编制合理性": "合理", "财务管理制度健全性": "健全", "资金使用规范性": "规范", "项目管理制度健全性": "健全",
               "政府采购规范性": "合规", "项目质量可控性": "可控", "机关运转保障": "正常运转", "长效管理制度健全性": "健全",
               "工作完成的及时性": "及时"}
PERCENT = {"维修工程合格率": 95, "办公设备合格率": 98, "服务对象满意度": 90, "人员到位率": 100}


@dataclass
class Leaf:
    name: str
    weight: int  # hundredths of a point
    target: str
    actual: str
    score: int
    criteria: str
    rule: str = ""  # which criterion grammar the text uses (none when not a formula)


@dataclass
class Group:
    name: str
    leaves: list[Leaf]

    @property
    def weight(self) -> int:
        return sum(leaf.weight for leaf in self.leaves)

    @property
    def score(self) -> int:
        return sum(leaf.score for leaf in self.leaves)


@dataclass
class Level1:
    name: str
    weight: int
    groups: list[Group]

    @property
    def score(self) -> int:
        return sum(g.score for g in self.groups)


@dataclass
class ShenzhenForm:
    project: str
    arrangement: dict[int, dict[str, int]]  # line -> column -> cents (lines 1–5) or shown ratio (6–8)
    uses: list[tuple[str, int, int, int]]  # (content, total, fiscal, other) cents
    level1: list[Level1]
    total_weight: int
    total_score: int
    grade: str
    overrides: dict[tuple, object] = field(default_factory=dict)

    def leaves(self):
        for i, l1 in enumerate(self.level1):
            for j, group in enumerate(l1.groups):
                for k, leaf in enumerate(group.leaves):
                    yield (i, j, k), leaf


# ---- content ------------------------------------------------------------------------------------

def _ratio(num: int, den: int, decimals: int) -> int | None:
    """A ratio row's figure: percent with ``decimals`` decimals, in units of the last decimal."""
    if not den:
        return None
    return D.percent(Fraction(num, den), decimals)


def _ratio_clear(num: int, den: int, decimals: int) -> bool:
    return not den or not D.near_tie(Fraction(num, den) * 100 * 10 ** decimals)


def arrangement(rng: random.Random, decimals: int) -> dict[int, dict[str, int]]:
    for _ in range(500):
        parts = ["city"] + (["province"] if rng.random() < 0.3 else []) + (["own"] if rng.random() < 0.25 else [])
        rows: dict[int, dict[str, int]] = {n: {} for n in range(1, 9)}
        for part in parts:
            planned = rng.randint(20, 6000) * 100_000 if part != "own" else rng.randint(5, 500) * 100_000
            arrived = planned if rng.random() < 0.8 else planned - rng.randint(1, planned // 500_000 + 1) * 100_000
            spent = int(arrived * rng.uniform(0.7, 1.0))
            rows[1][part], rows[2][part], rows[3][part], rows[4][part] = planned, planned, arrived, spent
        for line in (1, 2, 3, 4):
            cells = rows[line]
            fiscal = [cells[p] for p in FISCAL if p in cells]
            other = [cells[p] for p in OTHER if p in cells]
            if fiscal:
                cells["fiscal"] = sum(fiscal)
            if other:
                cells["other"] = sum(other)
            cells["total"] = cells.get("fiscal", 0) + cells.get("other", 0)
        for col in rows[1]:
            rows[5][col] = rows[3][col] - rows[4][col]
        clear = all(_ratio_clear(rows[n][col], rows[d][col], decimals) for n, d in RATIOS.values() for col in rows[1])
        if not clear:
            continue
        for line, (n, d) in RATIOS.items():
            for col in rows[1]:
                rows[line][col] = _ratio(rows[n][col], rows[d][col], decimals)
        return rows
    raise RuntimeError("no clear arrangement figures")


def uses(rng: random.Random, rows: dict[int, dict[str, int]]) -> list[tuple[str, int, int, int]]:
    fiscal, other = rows[4].get("fiscal", 0), rows[4].get("other", 0)
    names = rng.sample(USES, rng.randint(3, 7))
    cut_f = sorted(rng.sample(range(1, fiscal), len(names) - 1)) if fiscal > len(names) else []
    amounts_f = [b - a for a, b in zip([0, *cut_f], [*cut_f, fiscal], strict=True)] if cut_f else [fiscal] + [0] * (len(names) - 1)
    amounts_o = [0] * len(names)
    if other:
        amounts_o[0] = other
    return [(n, f + o, f, o) for n, f, o in zip(names, amounts_f, amounts_o, strict=True)]


def _leaf(rng: random.Random, spec: str, weight: int, rows: dict[int, dict[str, int]], layout: Layout) -> Leaf:
    w = T.num_text(Fraction(weight, 100))
    crit = layout.criteria
    if spec == "budget_amount":
        planned = Fraction(rows[1]["total"], 100 * 10000)
        amount = f"{T.num_text(planned)}万元"
        return Leaf("项目预算金额", weight, amount, amount, weight,
                    f"有设立预算得{w}分；未设立预算不得分" if crit else "……", "has_budget" if crit else "")
    if spec == "arrival":
        rate = Fraction(rows[7]["total"], 10 ** layout.ratio_decimals)
        if not crit:  # no criterion printed: the generic rule, 权重 × 完成值 / 目标值 (100%)
            return Leaf("资金到位率", weight, "100%", f"{T.num_text(rate)}%",
                        min(weight, D.round_half_up(Fraction(weight) * rate / 100)), "……")
        second = max(weight - 100, 0)
        score = weight if rate >= 90 else second if rate >= 80 else 0
        text = (f"资金到位率≥90%，得{w}分；80%≤资金到位率<90%，得{T.num_text(Fraction(second, 100))}分；"
                f"资金到位率<80%，不得分")
        # a tiered criterion's top threshold is the row's target (a different one is an SZ08 slip)
        return Leaf("资金到位率", weight, "≥90%", f"{T.num_text(rate)}%", score, text, "tiers")
    if spec == "execution":
        rate = Fraction(rows[6]["total"], 10 ** layout.ratio_decimals)
        linear = Fraction(weight) * rate / 100  # shenzhen() keeps this off a rounding tie
        if rng.random() < 0.5 or not crit:
            score, rule = D.round_half_up(linear), "linear"
            text = f"预算执行率得分=预算执行率×{w}"
        else:
            score = weight if rate >= 90 else D.round_half_up(linear) if rate >= 80 else 0
            rule = "tier"
            text = f"预算执行率≥90%，得{w}分；80%≤预算执行率<90%，得分=预算执行率×{w}；预算执行率<80%，不得分"
        target = "≥90%" if rule == "tier" and crit else "100%"
        return Leaf("预算执行率", weight, target, f"{T.num_text(rate)}%", score, text if crit else "……",
                    rule if crit else "")
    if spec.startswith("count:"):
        _, name, unit = spec.split(":")
        n = rng.randint(5, 80) * 10
        done = n + rng.randint(0, n // 5)
        text = f"≥{n}{unit}得{w}分" if crit else "……"
        return Leaf(name, weight, f"≥{n}{unit}", f"{done}{unit}", weight, text, "threshold" if crit else "")
    if spec.startswith("miss:"):
        _, name, unit = spec.split(":")
        n = rng.randint(4, 12)
        penalty = 50
        done = n if rng.random() < 0.5 or weight <= penalty else n - 1
        score = max(0, weight - (n - done) * penalty)
        text = f"每少1{unit}扣0.5分，扣完为止" if crit else "……"
        return Leaf(name, weight, f"{n}{unit}", f"{done}{unit}", score, text, "per_miss" if crit else "")
    if spec in PERCENT:
        target = PERCENT[spec]
        done = rng.randint(target, 100)
        return Leaf(spec, weight, f"≥{target}%", f"{done}%", weight, "……")
    word = QUALITATIVE.get(spec, "完成")
    return Leaf(spec, weight, word, word, weight, rng.choice(("……", "根据实际情况评分", "")))


def _plan(rng: random.Random) -> list[tuple[str, int, list[tuple[str, list[str]]], list[int]]]:
    plan = []
    for name, weight in D.SHENZHEN_LEVEL1:
        specs = [(g, list(s)) for g, s in LEVEL2[name]]
        if name == "产出目标":
            specs = [(g, s[: rng.randint(1, len(s))]) for g, s in specs]
        flat = [s for _, group in specs for s in group]
        plan.append((name, weight, specs, D.split_weight(weight, len(flat))))
    return plan


def shenzhen(rng: random.Random, layout: Layout, project: str) -> ShenzhenForm:
    plan = _plan(rng)
    execution_weight = next(w for name, _, specs, weights in plan if name == "投入和管理目标"
                            for w, spec in zip(weights, [s for _, g in specs for s in g], strict=True)
                            if spec == "execution")
    for _ in range(200):  # keep 权重 × 执行率 (and × 到位率) off a rounding tie
        rows = arrangement(rng, layout.ratio_decimals)
        rates = [Fraction(rows[line]["total"], 10 ** layout.ratio_decimals) for line in (6, 7)]
        if not any(D.near_tie(Fraction(execution_weight) * rate / 100) for rate in rates):
            break
    level1 = []
    for name, weight, specs, weights in plan:
        groups, i = [], 0
        for gname, group in specs:
            leaves = []
            for spec in group:
                leaves.append(_leaf(rng, spec, weights[i], rows, layout))
                i += 1
            groups.append(Group(gname, leaves))
        level1.append(Level1(name, weight, groups))
    total = sum(l1.score for l1 in level1)
    return ShenzhenForm(project, rows, uses(rng, rows), level1, 10000, total, D.grade_word(total, 1))


def violations(form: ShenzhenForm, decimals: int = 2) -> list[str]:
    out = []
    rows = form.arrangement
    for line in (1, 2, 3, 4):
        cells = rows[line]
        for total, parts in (("fiscal", FISCAL), ("other", OTHER), ("total", ("fiscal", "other"))):
            values = [cells[p] for p in parts if p in cells]
            if total in cells and values and cells[total] != sum(values):
                out.append(f"line {line}: {total} is not the sum of its parts")
    for col in rows[1]:
        if rows[5][col] != rows[3][col] - rows[4][col]:
            out.append(f"{col}: (5) is not (3)-(4)")
        for line, (n, d) in RATIOS.items():
            if rows[line][col] != _ratio(rows[n][col], rows[d][col], decimals):
                out.append(f"{col}: ({line}) is not ({n})/({d})")
    for i, key in enumerate(("total", "fiscal", "other")):
        values = [u[i + 1] for u in form.uses]
        if rows[4].get(key, 0) != sum(values):
            out.append(f"资金使用 {key} is not 实际支出(4)")
    for (l1_name, standard), l1 in zip(D.SHENZHEN_LEVEL1, form.level1, strict=True):
        if l1.weight != standard or sum(g.weight for g in l1.groups) != standard:
            out.append(f"{l1_name}: weights do not add up to {standard}")
    if sum(l1.weight for l1 in form.level1) != form.total_weight or form.total_weight != 10000:
        out.append("total weight is not 100")
    if form.total_score != sum(l1.score for l1 in form.level1):
        out.append("total score is not the sum")
    if form.grade not in D.GRADE_WORDS[D.grade(form.total_score)]:
        out.append("grade does not match the total")
    planned = Fraction(rows[1]["total"], 100 * 10000)
    for _, leaf in form.leaves():
        if not 0 <= leaf.score <= leaf.weight:
            out.append(f"{leaf.name}: score outside 0..weight")
        if leaf.name == "项目预算金额" and leaf.target != f"{T.num_text(planned)}万元":
            out.append("项目预算金额 differs from 预算安排(1)")
        out += criterion_violations(leaf)
    return out


def _numbers(text: str) -> list[Fraction]:
    return [Fraction(x) for x in re.findall(r"\d+(?:\.\d+)?", text)]


def criterion_violations(leaf: Leaf) -> list[str]:
    """Read the row's own 评分标准 back (the corpus's few wordings) and check the row against it."""
    text, out = leaf.criteria, []
    pct = _numbers(leaf.actual)[0] if leaf.actual.endswith("%") else None
    weight = Fraction(leaf.weight, 100)
    score = Fraction(leaf.score, 100)
    if leaf.rule == "linear":
        if leaf.score != D.round_half_up(Fraction(leaf.weight) * pct / 100):
            out.append(f"{leaf.name}: score is not 执行率 × 权重")
    elif leaf.rule in ("tier", "tiers"):
        top, full, low = _numbers(text)[0], _numbers(text)[1], _numbers(text)[2]
        second = (Fraction(D.round_half_up(Fraction(leaf.weight) * pct / 100), 100) if leaf.rule == "tier"
                  else _numbers(text)[4])
        want = full if pct >= top else second if pct >= low else 0
        if score != want or full > weight:
            out.append(f"{leaf.name}: score does not follow its tiers")
        if f"≥{T.num_text(top)}%" != leaf.target:
            out.append(f"{leaf.name}: the criterion's threshold is not the target")
    elif leaf.rule == "threshold":
        threshold, points = _numbers(text)
        if _numbers(leaf.target) != [threshold]:
            out.append(f"{leaf.name}: the criterion's threshold is not the target")
        if points > weight:
            out.append(f"{leaf.name}: the criterion gives more than the weight")
        if _numbers(leaf.actual)[0] >= threshold and score != points:
            out.append(f"{leaf.name}: threshold met but not scored as stated")
    elif leaf.rule == "per_miss":
        step, penalty = _numbers(text)
        missing = (_numbers(leaf.target)[0] - _numbers(leaf.actual)[0]) / step
        if score != max(Fraction(0), weight - missing * penalty):
            out.append(f"{leaf.name}: score does not follow 每少{step}…扣{penalty}分")
    elif leaf.rule == "has_budget" and (score != _numbers(text)[0] or _numbers(text)[0] > weight):
        out.append(f"{leaf.name}: budget set but not scored as stated")
    return out


# ---- rendering ----------------------------------------------------------------------------------

def money(cents: int | None, layout: Layout) -> object:
    if cents is None:
        return None
    value = cents / 100
    return f"{value:,.2f}" if layout.text_numbers else value


def ratio(value: int | None, layout: Layout) -> object:
    if value is None:
        return None
    shown = value / 10 ** layout.ratio_decimals
    if layout.ratio_style == "percent_text":
        return f"{shown:.{layout.ratio_decimals}f}%"
    return f"{shown:g}" if layout.text_numbers else shown


def render(form: ShenzhenForm, layout: Layout, sheet: Sheet, top: int, left: int) -> tuple[int, dict]:
    L = layout
    anchors: dict[tuple, str] = {}

    def put(key: tuple | None, r: int, c: int, value: object, fmt: str | None = None) -> None:
        if key is not None and key in form.overrides:
            value, fmt = form.overrides[key], None
        sheet.put(r, c, value, fmt)
        if key is not None:
            anchors[key] = a1(r, c)

    r = top
    for text in (f"{form.project} 绩效情况自评表", "一、项目概况", "项目背景：根据年度工作计划安排实施。",
                 "二、资金安排和使用情况", "1. 资金安排情况"):
        sheet.put(r, left, text)
        r += 1
    if L.unit_line:
        sheet.put(r, left + 10, "单位：元")
        r += 1
    sheet.put(r, left, "项目")
    sheet.put(r, left + 1, "行次")
    sheet.put(r, left + 2, "合计")
    sheet.put(r, left + 3, "财政资金")
    sheet.put(r, left + 8, "其他资金")
    for i, text in enumerate(("小计", "中央级", "省级", "市级", "区县转移", "小计", "单位自有", "银行贷款等", "社会资本")):
        sheet.put(r + 1, left + 3 + i, text)
    if L.merge_headers:
        sheet.merge(r, left + 3, r, left + 7)
        sheet.merge(r, left + 8, r, left + 11)
        for c in (0, 1, 2):
            sheet.merge(r, left + c, r + 1, left + c)
    r += 2
    for line, (label, number) in enumerate(LINES, start=1):
        sheet.put(r, left, label)
        sheet.put(r, left + 1, number)
        for i, col in enumerate(COLUMNS):
            value = form.arrangement[line].get(col)
            typed = money(value, L) if line <= 5 else ratio(value, L)
            put(("arr", line, col), r, left + 2 + i, typed, "#,##0.00" if line <= 5 else None)
        r += 1
    r += L.spacer_rows
    sheet.put(r, left, "2. 资金使用情况")
    r += 1
    sheet.put(r, left, "项目支出内容")
    sheet.put(r, left + 1, "实际支出数")
    sheet.put(r, left + 4, "财政资金专款专用数")
    for i, text in enumerate(("合计", "财政资金支出数", "其他资金支出数")):
        sheet.put(r + 1, left + 1 + i, text)
    if L.merge_headers:
        sheet.merge(r, left + 1, r, left + 3)
        sheet.merge(r, left, r + 1, left)
    r += 2
    sheet.put(r, left, "合计")
    for i, key in enumerate(("total", "fiscal", "other")):
        put(("use_total", key), r, left + 1 + i, money(sum(u[i + 1] for u in form.uses) or None, L))
    r += 1
    for n, (name, *amounts) in enumerate(form.uses):
        sheet.put(r, left, name)
        for i, key in enumerate(("total", "fiscal", "other")):
            put(("use", n, key), r, left + 1 + i, money(amounts[i] or None, L))
        r += 1
    r += L.spacer_rows
    sheet.put(r, left, "三、项目自评价评分表")
    r += 1
    heads = ["一级指标"] + (["二级指标"] if L.level2_column else []) + [
        "三级指标", L.weight_label, L.target_label, L.actual_label, L.score_label, "评分标准"]
    for i, text in enumerate(heads):
        sheet.put(r, left + i, L.plain(text))
    col = {k: left + i for i, k in enumerate(["l1"] + (["l2"] if L.level2_column else []) +
                                             ["l3", "weight", "target", "actual", "score", "criteria"])}
    r += 1
    for i, l1 in enumerate(form.level1):
        put(("l1", i, "label"), r, col["l1"], l1.name)
        put(("l1", i, "weight"), r, col["weight"], T.points(l1.weight, L))
        if L.level1_scores:
            put(("l1", i, "score"), r, col["score"], T.points(l1.score, L))
        r += 1
        for j, group in enumerate(l1.groups):
            if L.level2_column:
                sheet.put(r, col["l2"], group.name)
            put(("l2", i, j, "weight"), r, col["weight"], T.points(group.weight, L))
            if L.level2_scores == "filled":
                put(("l2", i, j, "score"), r, col["score"], T.points(group.score, L))
            elif L.level2_scores == "stray" and (i, j) in ((0, 1), (1, 0)):
                stray = group.score if (i, j) == (0, 1) else 0  # one right subtotal, one zero, the rest blank
                put(("l2", i, j, "score"), r, col["score"], T.points(stray, L) if stray else 0)
            r += 1
            for k, leaf in enumerate(group.leaves):
                key = ("l3", i, j, k)
                put((*key, "name"), r, col["l3"], leaf.name)
                put((*key, "weight"), r, col["weight"], T.points(leaf.weight, L))
                put((*key, "target"), r, col["target"], leaf.target)
                put((*key, "actual"), r, col["actual"], leaf.actual)
                put((*key, "score"), r, col["score"], T.points(leaf.score, L))
                put((*key, "criteria"), r, col["criteria"], leaf.criteria or None)
                r += 1
        if L.grade_row_zero and i == len(form.level1) - 1:
            sheet.put(r, col["weight"], 0)  # seed 002: empty 二级 rows with a 0 weight at the end
            r += 1
    sheet.put(r, left, "总计")
    put(("sz_total", "weight"), r, col["weight"], T.points(form.total_weight, L))
    put(("sz_total", "score"), r, col["score"], T.points(form.total_score, L))
    r += 1
    sheet.put(r, left, "评价等级")
    if L.grade_row_zero:
        sheet.put(r, col["weight"], 0)
    put(("grade",), r, col["score"], form.grade)
    return r + 1, anchors
