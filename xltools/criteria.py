"""A row's own scoring rule (评分标准), read by a small grammar and applied to the row.

Shenzhen-style forms state in words how each row is scored:

    预算资金到位率≥90%，得2.27分；90%>预算资金到位率≥80%，得1.27分；预算资金到位率<80%，不得分
    1.≥353套,得3分;2.<353套,分数=实际业绩值/353*3分
    人员到位率达到100%得2.50分，每少10%扣0.5分，扣完为止
    1、制定了财务管理制度（1分）；2、财务管理制度得到有效执行（1.27分）

The grammar:

    criteria  := clause+                         (alternatives, first match wins; or additive parts)
    clause    := condition outcome [deduction]
    condition := (empty) | 否则 | comparison | interval | date | words ("有…", "未…", "完成…")
    outcome   := 得N分 | (N分) | 得满分 | 不得分 | 得分=expr | 酌情扣分
    deduction := 每(少|超过…)N单位扣M分 | (有一处不健全)扣M分

Outcomes are a fixed vocabulary, so they are found first; the text between two outcomes is the
next clause's condition. Quantities are read by ``xltools.values``. Text outside the grammar
makes the whole criterion unparsed (None): it is skipped, never guessed at.
"""

from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from xltools.scoring import _align
from xltools.values import (
    SYMBOL_OPS,
    UNIT_PATTERN,
    WORD_OPS,
    Parsed,
    Quantity,
    normalise,
    parse,
)

CondKind = Literal["always", "else", "compare", "interval", "date", "words", "target"]
Bounds = tuple[float, float]

# ---- tokens ------------------------------------------------------------------------------

LATEX = (("\\geqslant", "≥"), ("\\leqslant", "≤"), ("\\geq", "≥"), ("\\leq", "≤"), ("\\neq", "≠"), ("\\ge", "≥"),
         ("\\le", "≤"), ("\\ne", "≠"), ("\\times", "*"), ("\\lt", "<"), ("\\gt", ">"))
SYMBOLS = str.maketrans({"＞": ">", "＜": "<", "＝": "=", "≧": "≥", "≦": "≤", "×": "*", "；": ";", "。": ";",
                         "，": ",", **dict.fromkeys("①②③④⑤⑥⑦⑧⑨", ";")})
# Comparison words and symbols of xltools.values, but not 》《 (book-title marks in criteria text).
OPS: dict[str, str] = {s: op for s, op in (*SYMBOL_OPS, *WORD_OPS) if s not in ("》", "《") and "\\" not in s}
OPS.update({"≠": "!=", "不等于": "!="})
OP = "|".join(re.escape(s) for s in sorted(OPS, key=len, reverse=True))
N = r"\d+(?:\.\d+)?"
Q = rf"{N}(?:百分点|{UNIT_PATTERN}|[\u4e00-\u9fff]{{1,2}})?"
CMP_CHARS = "<>≤≥=≠"
SHORT = "减少|下降|降低|少|低|减"
OVER = "超过|超出|超|增加|多|递延|延迟|推迟|延后|逾期|高"

OUTCOME = re.compile(
    rf"(?:最高得分(?:为|不超过)?(?P<cap1>{N})分?|分值超过{N}分则分值为(?P<cap2>{N})分|最高不超过(?P<cap3>{N})分)"
    rf"|(?P<discretion>可?酌情(?:扣分|减分|扣减|给分|得分|打分))"
    rf"|(?P<zero>不得分|不计分|得0分|得零分|计0分|得0(?=[,;]|$)|(?<![\d.])0分)"
    rf"|(?P<full>得满分|计满分)(?:\((?P<full_n>{N})分?\))?"
    rf"|(?:得分|分数|分值|计分)为?=(?P<expr>[^,;]+)"
    rf"|(?:每|没(?={SHORT}|{OVER}))(?P<dir>{SHORT}|{OVER})?(?P<per>{N}|一)个?(?P<per_unit>百分点|{UNIT_PATTERN})?,?"
    rf"扣除?(?P<ded>{N})分?"
    rf"|扣除?(?P<qded>{N})分"
    rf"|得分?(?P<pts1>{N})(?:分|(?=[,;]|$))|(?:的|计|给)(?P<pts2>{N})分|\((?P<pts3>{N})分\)|(?<![\d.])(?P<pts4>{N})分")

COMPARE = re.compile(rf"^(?P<name>[^{CMP_CHARS}]*?)(?P<op>{OP})(?P<q>{Q})(?:以上|及以上|以下|及以下|以内)?$")
INTERVAL = re.compile(rf"^(?P<q1>{Q})(?:\(含\))?(?P<op1>[<>≤≥])[^{CMP_CHARS}]*?(?P<op2>[<>≤≥])(?P<q2>{Q})$")
WORD_INTERVAL = re.compile(rf"^[^{CMP_CHARS}]*?(?P<op1>{OP})(?P<q1>{Q})(?P<op2>{OP})(?P<q2>{Q})$")
RANGE = re.compile(rf"^[^{CMP_CHARS}]*?(?P<q1>{Q})(?P<inc1>\(含\))?[-~—至到](?P<q2>{Q})(?P<inc2>\(含\))?$")
IMPLICIT = re.compile(rf"^(?P<name>[^{CMP_CHARS}]*?[^\d.*/+\-a-zA-Z{CMP_CHARS}])?(?P<q>{Q})$")  # "W100%": OCR
DATE = re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?")
PREAMBLE = re.compile(r"^以.*为(?:标准|基准|满分)$")   # "以100%为标准。在职人员控制率≤100%，计5分"
NEGATED = re.compile(r"^(?:未|没|无(?!障碍)|不(?!同|断)|非(?!常))|未达到|未完成|未建立|未设立|未按|不符合|不健全|不完备"
                     r"|不规范|不及时|不合格")
ITEM_BEFORE = ";,:)"


# ---- the parsed criterion ----------------------------------------------------------------

@dataclass(frozen=True)
class Condition:
    kind: CondKind
    op: str | None = None              # compare: the actual value `op` threshold
    threshold: Quantity | None = None
    low: Quantity | None = None        # interval: low `low_op` x `high_op` high
    high: Quantity | None = None
    low_op: str = ">="
    high_op: str = "<="
    deadline: tuple[int, int, int | None] | None = None
    negated: bool = False              # words: "未设立预算", "无政府采购"
    implicit: bool = False             # "发放率100%得…": no comparison written, the deduction tells which side

    @property
    def bounds(self) -> tuple[Quantity, ...]:
        return tuple(q for q in (self.threshold, self.low, self.high) if q is not None)


@dataclass(frozen=True)
class Formula:
    """得分 = expr over the actual value, the target, 偏差值 and the weight."""

    tree: ast.expr
    rate: bool              # the actual is named as a rate (预算执行率): read it as a fraction
    uses_target: bool


@dataclass(frozen=True)
class Deduction:
    points: float
    per: float | None       # None: per occurrence ("有一处不健全扣0.5分"), their number unknown
    unit: str = ""
    over: bool = False      # per unit above the threshold (每超过), not below (每少)


@dataclass(frozen=True)
class Clause:
    condition: Condition
    points: float | None                 # None: the row's weight (得满分)
    formula: Formula | None = None
    discretion: bool = False             # 酌情扣分: anything from 0 up to the maximum
    deduction: Deduction | None = None

    @property
    def positive(self) -> bool:
        return self.formula is not None or not self.discretion and (self.points is None or self.points > 0)


@dataclass(frozen=True)
class Criteria:
    text: str
    clauses: tuple[Clause, ...]
    additive: bool = False               # numbered qualitative parts whose points add up
    cap: float | None = None             # 最高得分 N 分

    @property
    def max_points(self) -> float | None:
        """The most the criterion can give; None when it says only 满分 (the row's weight)."""
        if self.additive:
            best: float | None = sum(c.points or 0 for c in self.clauses if c.positive)
        else:
            values = [_ideal(c, self.clauses[i - 1] if i else None) for i, c in enumerate(self.clauses)]
            known = [v for v in values if v is not None]
            best = max(known) if known else None
            if any(c.points is None and c.formula is None and not c.discretion for c in self.clauses):
                best = None
        if best is not None and self.cap is not None:
            best = min(best, self.cap)
        return best

    @property
    def thresholds(self) -> tuple[Quantity, ...]:
        """The quantities the conditions compare the actual value with, units kept."""
        return tuple(q for c in self.clauses for q in c.condition.bounds)

    @property
    def tiered(self) -> bool:
        """Several point levels ("≥90%得2.27分；80%–90%得1.27分"): its thresholds are tier bounds."""
        return sum(1 for c in self.clauses if c.positive and c.formula is None) > 1

    @property
    def full_marks_thresholds(self) -> tuple[Quantity, ...]:
        """Where a single-level criterion starts giving full marks: what the row's 目标值 should say.
        Empty for tiered or additive criteria, whose bounds are not the target."""
        if self.tiered or self.additive:
            return ()
        return tuple(q for c in self.clauses if c.positive and c.formula is None for q in c.condition.bounds)

    def target_mismatch(self, target: object) -> Quantity | None:
        """The full-marks threshold when the row's 目标值 differs from it (same unit base), else None."""
        t = _read(target)
        if t.kind not in ("number", "comparison"):
            return None
        compared = [(q, _value(t, q)) for q in self.full_marks_thresholds]
        compared = [(q, v) for q, v in compared if v is not None]
        if not compared or any(math.isclose(v, q.base, rel_tol=1e-9, abs_tol=1e-9) for q, v in compared):
            return None
        return compared[0][0]

    def loosened_target(self, target: object, weight: float) -> Quantity | None:
        """The threshold from which the criterion gives full marks (``weight``) when an actual value
        that misses the row's 目标值 already reaches it: target ≥80个, "＞70个得满分". Read from the
        full-marks clause alone, so it also holds for tiered criteria and partly read ones."""
        t = _read(target)
        if self.additive or t.kind not in ("number", "comparison") or t.quantity is None:
            return None
        reverse = t.op in ("<", "<=")
        wanted = ("<", "<=") if reverse else (">", ">=")
        for clause in self.clauses:
            c = clause.condition
            full = clause.points is None or abs(clause.points - weight) <= 0.005
            if (clause.formula is not None or clause.discretion or not full or c.kind != "compare"
                    or c.op not in wanted or c.threshold is None):
                continue
            goal = _value(t, c.threshold)
            if goal is None:
                return None
            mark = c.threshold.base
            if c.op in (">", "<") and not c.threshold.is_percent and mark.is_integer() and goal.is_integer():
                mark += -1 if reverse else 1   # counts: "＞70个" is "≥71个"
            looser = mark > goal + 1e-9 if reverse else mark < goal - 1e-9
            return c.threshold if looser else None
        return None

    def score(self, actual: object, target: object, weight: float) -> float | None:
        """The score the text gives this row; None when the row cannot be judged by it."""
        bounds = self.score_range(actual, target, weight)
        return bounds[0] if bounds is not None and bounds[1] - bounds[0] < 1e-9 else None

    def score_range(self, actual: object, target: object, weight: float) -> Bounds | None:
        """Lowest and highest score the text allows (a deduction per 10% for a 5% shortfall can
        mean 0 or 1 deductions); None when the row cannot be judged by it."""
        if self.additive:
            return None  # qualitative parts: their points are known, which parts were met is not
        a, t = _read(actual), _read(target)
        best = self.max_points
        ceiling = self.max_points if self.max_points is not None else weight
        seen_words = False
        for clause in self.clauses:
            holds = _holds(clause, a, t, best, seen_words)
            seen_words = seen_words or clause.condition.kind == "words"
            if holds is None:
                return None
            if holds:
                found = _outcome(clause, a, t, weight, ceiling)
            elif clause.deduction is not None:
                found = _deduct(clause, a, t, weight)
            else:
                continue
            if found is None:
                return None
            return max(0.0, min(found[0], ceiling)), max(0.0, min(found[1], ceiling))
        return None  # no clause applies: the text does not say


@lru_cache(maxsize=4096)
def parse_criteria(text: str) -> Criteria | None:
    """Read a 评分标准 text; None when it is outside the grammar. Never raises."""
    try:
        return _parse(str(text))
    except Exception:  # noqa: BLE001  (a criterion must never break a form; unparsed instead)
        return None


# ---- parsing -----------------------------------------------------------------------------

def _normalise(text: str) -> str:
    for latex, symbol in LATEX:
        text = text.replace(latex, symbol)
    text = normalise(text).translate(SYMBOLS).replace(">=", "≥").replace("<=", "≤").replace("扣完为止", "")
    text = re.sub(r"》(?=\d)", "≥", text)          # PDF extraction turns ≥ into 》 and ≤ into 《
    text = re.sub(r"(?<=[\d%])《", "≤", text)
    return re.sub(r"(?<=[\d)%])[xX](?=[\d(])", "*", text)


def _mark_items(text: str) -> tuple[str, int]:
    """Numbered parts ("1.", "2、") become ';'. Numbers must come in order, so "2.90%>…" after
    part 1 is part 2 followed by 90%, while "得2.27分" is never a part number."""
    count, pos = 0, 0
    for k in range(1, 10):
        for m in re.finditer(rf"{k}[.、]", text[pos:]):
            start = pos + m.start()
            before = text[max(start - 2, 0):start]
            if start == 0 or before[-1] in ITEM_BEFORE or re.fullmatch(r"\d分", before):   # "…得1.27分2.…"
                text, pos, count = text[:start] + ";" + text[start + m.end() - m.start():], start + 1, count + 1
                break
    return text, count


@lru_cache(maxsize=1024)
def parse_criteria_partly(text: str) -> Criteria | None:
    """The clauses of a 评分标准 the grammar can read, the others left out: enough to see
    where full marks start when another tier is garbled ("60《…》> 70得1.3分"), never to score a row."""
    try:
        return _parse(str(text), partial=True)
    except Exception:  # noqa: BLE001
        return None


def _parse(raw: str, partial: bool = False) -> Criteria | None:
    text, parts = _mark_items(_normalise(raw))
    parts += sum(raw.count(c) for c in "①②③④⑤⑥⑦⑧⑨")
    text = text.replace("否则", ";否则")
    clauses: list[Clause] = []
    cap: float | None = None
    pos = 0
    for m in OUTCOME.finditer(text):
        before, pos, g = text[pos:m.start()], m.end(), m.groupdict()
        if g["cap1"] or g["cap2"] or g["cap3"]:
            cap = float(g["cap1"] or g["cap2"] or g["cap3"])
            continue
        if g["ded"] or g["qded"]:
            deduction = _deduction(g)
            condition = _condition(before, formula=False) if re.search(r"\d", before) else None
            if deduction.per is not None and condition is not None and _marks_full(condition, deduction):
                clauses.append(Clause(condition, None, deduction=deduction))   # "≥10个，每减少1个扣0.2分"
            elif not clauses and condition is None and deduction.per is not None and not before.strip(",;:"):
                # "每少1次扣0.5分，扣完为止" alone: full marks at the row's own target, points off per unit short
                clauses.append(Clause(Condition("target"), None, deduction=deduction))
            elif clauses and clauses[-1].deduction is None and (condition is None or condition.kind == "compare"):
                last = clauses[-1].condition   # "≤0计5分；>0，每超过一个百分点扣0.5分": the trigger repeats the mark
                if last.implicit and deduction.over:
                    last = replace(last, op="<=")   # "控制率100%，计6分；每超过一个百分点扣1分"
                clauses[-1] = replace(clauses[-1], condition=last, deduction=deduction)
            elif not partial:
                return None
            continue
        formula = _formula(g["expr"]) if g["expr"] else None
        condition = _condition(before, formula=formula is not None)
        if condition is None or g["expr"] and formula is None:
            if not partial:
                return None
            continue   # partly: a clause outside the grammar is left out
        points = _points(g)
        clauses.append(Clause(condition, points, formula, discretion=bool(g["discretion"])))
    if not clauses or re.search(r"\d", text[pos:]) and not partial:
        return None
    positive = [c for c in clauses if c.positive and c.formula is None]
    additive = (parts >= 2 and len(positive) >= 2 and all(c.points for c in positive)
                and all(c.condition.kind in ("words", "else", "always") for c in clauses)
                and not any(c.condition.negated for c in positive))
    return Criteria(raw, tuple(clauses), additive, cap)


def _marks_full(condition: Condition, deduction: Deduction) -> bool:
    """Whether a condition before a deduction is where full marks end (not the deduction's trigger)."""
    if condition.kind == "interval":
        return True
    return condition.kind == "compare" and condition.op in (("<=", "<", "=") if deduction.over else (">=", ">", "="))


def _points(g: dict[str, str | None]) -> float | None:
    if g["zero"] or g["discretion"]:
        return 0.0
    if g["full"]:
        return float(g["full_n"]) if g["full_n"] else None
    value = g["pts1"] or g["pts2"] or g["pts3"] or g["pts4"]
    return float(value) if value else None


def _deduction(g: dict[str, str | None]) -> Deduction:
    if g["qded"]:
        return Deduction(float(g["qded"]), None)
    per = 1.0 if g["per"] == "一" else float(g["per"] or 1)
    unit = "%" if g["per_unit"] == "百分点" else g["per_unit"] or ""
    q = parse(f"{per}{unit}").quantity   # "每减少1万人": the step in the base unit
    per, unit = (q.base, q.base_unit) if q is not None else (per, unit)
    return Deduction(float(g["ded"] or 0), per, unit, over=bool(g["dir"] and re.fullmatch(OVER, g["dir"])))


def _condition(text: str, formula: bool) -> Condition | None:
    """The condition before an outcome; None when it is not understood."""
    pieces = [p for p in text.split(";") if p.strip(",:") and not PREAMBLE.match(p)]
    if any(re.search(r"\d", p) for p in pieces[:-1]):
        return None   # a sentence with numbers that is not this condition: something was missed
    text = pieces[-1] if pieces else ""
    text = re.sub(r"^(?:若|如|当)", "", text.strip(",:"))
    if text.startswith("否则"):
        return Condition("else") if len(text) <= 4 else None
    text = re.sub(r"(?:的|(?<!小)时|者|则|的话)$", "", text).strip(",:")
    if not text:
        return Condition("always")
    for pattern, build in ((INTERVAL, _interval), (WORD_INTERVAL, _interval), (COMPARE, _compare)):
        m = pattern.match(text)
        if m:
            return build(m)
    dates = DATE.findall(text)
    if dates:
        if len(dates) > 1 or re.search(r"之后|以后|月[-~—至到]|[-~—至到]\d", text):
            return None
        year, month, day = dates[0]
        return Condition("date", deadline=(int(year), int(month), int(day) if day else None))
    m = RANGE.match(text)
    if m:
        low, high = _quantity(m["q1"]), _quantity(m["q2"])
        marked = bool(m["inc1"] or m["inc2"])
        return Condition("interval", low=low, high=high, low_op=">=" if m["inc1"] or not marked else ">",
                         high_op="<=" if m["inc2"] or not marked else "<")
    m = IMPLICIT.match(text)
    if m:
        return Condition("compare", op=">=", threshold=_quantity(m["q"]), implicit=True)
    if re.search(rf"\d|[{CMP_CHARS}]", text):
        return None
    if formula:
        return Condition("always")   # "预算执行率得分=…": the words only name the score
    return Condition("words", negated=bool(NEGATED.search(text)))


def _compare(m: re.Match[str]) -> Condition:
    return Condition("compare", op=OPS[m["op"]], threshold=_quantity(m["q"]))


def _interval(m: re.Match[str]) -> Condition | None:
    op1, op2 = OPS.get(m["op1"], ""), OPS.get(m["op2"], "")
    q1, q2 = _quantity(m["q1"]), _quantity(m["q2"])
    if op1 in ("<", "<=") and op2 in ("<", "<="):          # 80%≤x<90%
        return Condition("interval", low=q1, high=q2, low_op=">" if op1 == "<" else ">=", high_op=op2)
    if op1 in (">", ">=") and op2 in (">", ">="):          # 90%>x≥80%, or 大于等于2个小于5个 (below)
        if m.re is WORD_INTERVAL:
            return None
        return Condition("interval", low=q2, high=q1, low_op=op2, high_op="<" if op1 == ">" else "<=")
    if m.re is WORD_INTERVAL and op1 in (">", ">=") and op2 in ("<", "<="):
        return Condition("interval", low=q1, high=q2, low_op=op1, high_op=op2)
    return None


def _quantity(text: str) -> Quantity:
    """A threshold such as "353套", "90%", "80节" (a unit values.py does not know is kept as typed)."""
    text = text.replace("百分点", "%")
    p = parse(text)
    if p.quantity is not None and p.kind == "number":
        return p.quantity
    number = re.match(N, text)
    if number is None:
        raise ValueError(text)
    value, unit = float(number.group()), text[number.end():]
    multiplier = {"万": 1e4, "亿": 1e8}.get(unit[:1], 1) if len(unit) > 1 else 1
    base_unit = unit[1:] if multiplier != 1 else unit
    return Quantity(value, unit, base_unit, value * multiplier)


# ---- formulas: 得分 = expr ---------------------------------------------------------------

WORDS = re.compile(r"[^-+*/().%\d]+")
ARITHMETIC = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub, ast.Constant,
              ast.Name, ast.Load)


def _formula(expr: str) -> Formula | None:
    """"(实际业绩值/353)*3" -> a tree over actual/target/deviation/weight. Parsed by Python's ast and
    walked by ``_evaluate`` below; only arithmetic nodes are accepted and nothing is ever run."""
    expr = re.sub(r"(?<=[\u4e00-\u9fff])\([\u4e00-\u9fff]{1,4}\)", "", expr.rstrip("分"))   # "数量(册)"
    depth = expr.count(")") - expr.count("(")
    expr = "(" * max(depth, 0) + expr + ")" * max(-depth, 0)   # "…目标数)*1.58" lost its "("
    measures = {m for m in WORDS.findall(expr) if _role(m) == "actual"}
    if len(measures) > 1:
        return None   # "(慰问数/家庭人数)*1.58": two measures, neither is the row's target
    python = re.sub(rf"({N})%", r"(\1/100)", WORDS.sub(lambda m: f" {_role(m.group())} ", expr))
    tree = ast.parse(python.strip(), mode="eval")
    if not all(isinstance(node, ARITHMETIC) for node in ast.walk(tree)):
        return None
    roles = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    return Formula(tree.body, any(m.endswith("率") for m in measures), bool(roles & {"target", "deviation"}))


def _role(name: str) -> str:
    for role, words in (("deviation", ("偏差",)), ("target", ("目标", "计划")), ("weight", ("权重", "分值"))):
        if any(w in name for w in words):
            return role
    return "actual"


def _evaluate(node: ast.expr, env: dict[str, float]) -> float:
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, ast.Name):
        return env[node.id]
    if isinstance(node, ast.UnaryOp):
        return -_evaluate(node.operand, env)
    assert isinstance(node, ast.BinOp)
    a, b = _evaluate(node.left, env), _evaluate(node.right, env)
    return a + b if isinstance(node.op, ast.Add) else a - b if isinstance(node.op, ast.Sub) \
        else a * b if isinstance(node.op, ast.Mult) else a / b


def _ideal(clause: Clause, previous: Clause | None) -> float | None:
    """A clause's best outcome: its points, or its formula where the actual meets the mark."""
    if clause.formula is None:
        return None if clause.discretion else clause.points
    marks = clause.condition.bounds or (previous.condition.bounds if previous else ())
    if marks:
        values = [_in_frame(m, PERCENT if m.is_percent else None) for m in marks]
    elif clause.formula.uses_target or clause.formula.rate:
        values = [1.0]
    else:
        return None   # "实际业绩值/1000*0.59" alone: its best is wherever the actual tops out
    results = []
    for value in values:
        try:   # the weight is not known here: a formula of the weight has no best of its own (NaN)
            results.append(_evaluate(clause.formula.tree, {"actual": value or 0.0, "target": value or 0.0,
                                                           "deviation": 0.0, "weight": math.nan}))
        except ZeroDivisionError:
            pass
    results = [r for r in results if not math.isnan(r)]
    return max(results) if results else None


# ---- scoring -----------------------------------------------------------------------------

QUANTITY_TEXT = re.compile(rf"^{N}[\u4e00-\u9fff]{{1,3}}$")
SAME_UNITS = {"人次": "人"}   # forms count people and attendances interchangeably ("≥250人", "307人次")


def _read(raw: object) -> Parsed:
    """A cell as values.parse reads it, and "120节", "70.5万份" (units it does not know) as quantities."""
    p = raw if isinstance(raw, Parsed) else parse(raw)
    if p.kind == "text" and QUANTITY_TEXT.match(normalise(p.raw)):
        return Parsed(p.raw, "number", quantity=_quantity(normalise(p.raw)))
    return p


def _canon(q: Quantity) -> Quantity:
    return replace(q, base_unit=SAME_UNITS[q.base_unit]) if q.base_unit in SAME_UNITS else q


def _value(a: Parsed, reference: Quantity | None) -> float | None:
    """The actual value in the reference's unit (90% vs "0.95"; 万份 vs 份); None if they clash."""
    if a.quantity is None or a.kind not in ("number", "comparison"):
        return None
    if reference is None:
        return a.quantity.base
    aligned = _align(_canon(a.quantity), _canon(reference), [])
    return aligned.base if aligned is not None else None


def _meets(a: Parsed, t: Parsed) -> bool | None:
    """Whether the actual value meets the row's target (for conditions in words)."""
    if a.kind in ("empty", "invalid"):
        return None
    if normalise(str(a.raw)) == normalise(str(t.raw)):
        return True
    if a.kind == "qualitative":
        return {1: True, 3: False}.get(a.tier or 0)
    if a.kind == "date" and t.kind == "date" and a.date and t.date:
        return _date_key(a.date, t.date) <= _date_key(t.date, a.date, end=True)
    if t.kind in ("number", "comparison") and t.quantity is not None:
        v = _value(a, t.quantity)
        if v is None:
            return None
        if t.op:
            return _compare_values(v, t.op, t.quantity.base)
        if math.isclose(v, t.quantity.base, rel_tol=1e-9, abs_tol=1e-9):
            return True
        return False if v == 0 < t.quantity.base else None
    return None


def _date_key(d: tuple, other: tuple, end: bool = False) -> tuple[int, int, int]:
    return (d[0] or other[0] or 0, d[1], d[2] or (31 if end else 1))


def _compare_values(v: float, op: str, ref: float) -> bool:
    close = math.isclose(v, ref, rel_tol=1e-9, abs_tol=1e-9)
    return {">=": v > ref or close, ">": v > ref and not close, "<=": v < ref or close,
            "<": v < ref and not close, "=": close, "!=": not close}[op]


def _holds(clause: Clause, a: Parsed, t: Parsed, best: float | None, seen_words: bool) -> bool | None:
    c = clause.condition
    if c.kind in ("always", "else"):
        return True
    if c.kind == "target":  # the deduction tells the direction of a bare target ("8次" with 每少 -> at least 8)
        if t.kind in ("number", "comparison") and t.quantity is not None:
            v = _value(a, t.quantity)
            over = clause.deduction is not None and clause.deduction.over
            return None if v is None else _compare_values(v, t.op or ("<=" if over else ">="), t.quantity.base)
        return _meets(a, t)
    if c.kind == "words":
        if c.negated and clause.positive or not c.negated and seen_words:
            return None   # "无结余,3分" or a second "…得N分" in words: which one the row is, is unclear
        met = _meets(a, t)
        return None if met is None else met != c.negated
    if c.kind == "date":
        if a.kind == "qualitative":
            return {1: True, 3: False}.get(a.tier or 0)
        if a.kind != "date" or not a.date or c.deadline is None:
            return None
        return _date_key(a.date, c.deadline) <= _date_key(c.deadline, a.date, end=True)
    v = _value(a, c.bounds[0])
    if v is None:
        return None
    if c.kind == "compare" and c.threshold is not None and c.op:
        return _compare_values(v, c.op, c.threshold.base)
    if c.low is None or c.high is None:
        return None
    if v > c.high.base and clause.points is not None and clause.points == best:
        return True   # above the full-marks tier ("90%≤x≤100%" and 137%): never fewer points for more
    return _compare_values(v, c.low_op, c.low.base) and _compare_values(v, c.high_op, c.high.base)


def _outcome(clause: Clause, a: Parsed, t: Parsed, weight: float, ceiling: float) -> Bounds | None:
    if clause.discretion:
        return 0.0, ceiling
    if clause.formula is None:
        points = weight if clause.points is None else clause.points
        return points, points
    env = _formula_env(clause, a, t, weight)
    if env is None:
        return None
    try:
        value = _evaluate(clause.formula.tree, env)
    except ZeroDivisionError:
        return None
    return None if math.isnan(value) else (value, value)


def _formula_env(clause: Clause, a: Parsed, t: Parsed, weight: float) -> dict[str, float] | None:
    """Values for 实际业绩值, 目标值 and 偏差值, rates as fractions (91.9% -> 0.919)."""
    formula = clause.formula
    mark = next(iter(clause.condition.bounds), None)
    target = t.quantity if t.kind in ("number", "comparison") else None
    reference = mark or target
    percent = bool(a.quantity and a.quantity.is_percent or reference and reference.is_percent or formula and formula.rate)
    frame = PERCENT if percent else reference
    actual = _in_frame(a.quantity, frame) if a.kind in ("number", "comparison") else None
    target_value = _in_frame(target, frame)
    mark_value = _in_frame(mark, frame)
    if actual is None or formula is not None and formula.uses_target and target_value is None and mark_value is None:
        return None
    deviation_from = mark_value if mark_value is not None else target_value
    return {"actual": actual, "target": math.nan if target_value is None else target_value, "weight": weight,
            "deviation": math.nan if deviation_from is None else abs(actual - deviation_from)}


PERCENT = Quantity(100.0, "%", "%", 100.0)


def _in_frame(q: Quantity | None, frame: Quantity | None) -> float | None:
    """A quantity in the frame's unit; percentages as fractions."""
    if q is None:
        return None
    if frame is None:
        return q.base
    aligned = _align(_canon(q), _canon(frame), [])
    if aligned is None:
        return None
    return aligned.base / 100 if frame.is_percent else aligned.base


def _deduct(clause: Clause, a: Parsed, t: Parsed, weight: float) -> Bounds | None:
    """Points after deductions, when the clause's condition failed: "每少10%扣0.5分"."""
    d = clause.deduction
    if d is None or clause.formula is not None:
        return None
    base = weight if clause.points is None else clause.points
    if d.per is None:
        return 0.0, max(base - d.points, 0.0)   # at least one occurrence, how many is not said
    gap = _gap(clause.condition, d, a, t)
    if gap is None or gap <= 0:
        return None
    k = gap / d.per
    fewest, most = math.floor(k + 1e-9), math.ceil(k - 1e-9)
    return base - most * d.points, base - fewest * d.points


def _gap(c: Condition, d: Deduction, a: Parsed, t: Parsed) -> float | None:
    """How far the actual is from the condition's mark, in the deduction's unit."""
    if d.unit == "月" and c.kind in ("words", "date") and a.kind == "date" and a.date:
        mark = c.deadline or (t.date if t.kind == "date" else None)
        if mark is None:
            return None
        year_a, year_m = a.date[0] or mark[0], mark[0] or a.date[0]
        return float((year_a or 0) * 12 + a.date[1] - (year_m or 0) * 12 - mark[1])
    if c.kind == "target":
        mark = t.quantity if t.kind in ("number", "comparison") else None
    elif c.kind not in ("compare", "interval"):
        return None
    else:
        mark = c.threshold if c.kind == "compare" else (c.high if d.over else c.low)
    if mark is None:
        return None
    if d.unit and mark.base_unit and SAME_UNITS.get(d.unit, d.unit) != _canon(mark).base_unit:
        return None   # "≥2000件…每减少50人": the step is not in the threshold's unit
    v = _value(a, mark)
    if v is None:
        return None
    return v - mark.base if d.over else mark.base - v
