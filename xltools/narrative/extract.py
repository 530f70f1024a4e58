"""Find the claims a report makes: each indicator's 预期值 / 实际完成值 / 达到 or 未达到, the budget
figures (预算数, 执行数, 执行率), totals with the parts listed after 其中, 总分 and 等级.

Sentences are searched in a normalised copy whose characters map one to one onto the original
(full-width forms folded, placeholders masked), so every claim keeps its paragraph and offset.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xltools.narrative.model import (
    BudgetFigure,
    Claims,
    Figure,
    GradeClaim,
    IndicatorClaim,
    Paragraph,
    ReportText,
    Sentence,
    TotalClaim,
    Verdict,
)
from xltools.narrative.parts import parts_claims
from xltools.narrative.stated import NUM, figure
from xltools.values import FULL_WIDTH

SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]*")
PLACEHOLDER = re.compile(r"【[^】]*】")  # editorial brackets, and every placeholder a draft leaves
MASK = "□"


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# ---- indicators ---------------------------------------------------------------------------

TARGET_KEYS = ("年度指标值", "年初目标值", "预期指标值", "预期目标值", "绩效目标值", "计划目标值", "预期值", "目标值",
               "指标值", "预期目标")
ACTUAL_KEYS = ("实际完成指标值", "全年实际完成值", "实际完成值", "实际完成情况", "实际完成数", "实际完成", "完成值",
               "实际值", "业绩值", "完成情况")
LINK = r"\s*(?:为|是|:)?\s*"
# A comma between digit groups ("1,200人") is a thousands separator, not the end of the value.
VALUE = rf"“[^”]*”|\"[^\"]*\"|(?:\d,\d{{3}}(?!\d)|(?!{_alt(ACTUAL_KEYS)})[^,;；。])+"
# A target key that is part of a verdict ("达到预期值目标") is not a claim.
TARGET_RE = re.compile(rf"(?<!达到)(?<!完成)(?<!实现)({_alt(TARGET_KEYS)})(?!目标){LINK}({VALUE})")
ACTUAL_RE = re.compile(rf"\s*[,;；]?\s*(?:而|但|但是)?\s*(?:全年)?({_alt(ACTUAL_KEYS)})\s*(?:为|是|:|达到|达)?\s*({VALUE})")
# 未达到 / 未按期完成 / 没有全部完成 …; 基本达到 …; 达到 / 完成 … but not 完成率 or "达到95%".
VERDICT_RE = re.compile(r"((?:未能|尚未|没有|未)[^\d,;；。]{0,4}?(?:达到|完成|达成|实现|达标)|不达标)"
                        r"|((?:基本|部分)(?:达到|完成|达成|实现))"
                        r"|((?:超额完成|达到|完成|达成|实现|达标)(?![率值数量度情时])(?!\s*[\d<>≥≤]))")
WEIGHT_RE = re.compile(rf"分值\s*(?:为|是|:)?\s*({NUM})\s*分")
SCORE_RE = re.compile(rf"(?<![执行计算])得分\s*(?:为|是|:)?\s*({NUM})\s*分")
NUMBERING = re.compile(r"^(?:[(][0-9一二三四五六七八九十]+[)]|[0-9一二三四五六七八九十]+[、.．)]|[一二三四五六七八九十]是)\s*")
NAME_TAIL = re.compile(r"(?:(?:该项指标|该指标|本指标)的?|其)?\s*[:,，]?\s*$")

# ---- budget -------------------------------------------------------------------------------

# (words, key, specific): specific words are the forms' own labels; the others are compared with
# the tables only in a sentence that states two budget figures or more. "unspent" (未支) is what is
# left of the budget: 支付 + 未支 is the budget a 支付率 is taken of.
BUDGET_WORDS: tuple[tuple[str, str, bool], ...] = (
    ("年初预算资金总额", "init", True), ("年初预算数", "init", True), ("年初预算", "init", False),
    ("全年预算数", "budget", True), ("调整后预算数", "budget", True), ("预算数", "budget", True),
    ("全年预算", "budget", False), ("年度预算数", "budget", False), ("年度预算", "budget", False),
    ("预算总额", "budget", False), ("预算资金", "budget", False), ("预算安排", "budget", False),
    ("下达预算", "budget", False), ("投入资金", "budget", False),
    ("全年执行数", "spent", True), ("实际投入资金额", "spent", True), ("执行数", "spent", True),
    ("实际投入资金", "spent", False), ("实际总支出", "spent", False), ("实际支出", "spent", False),
    ("支付资金", "spent", False), ("执行资金", "spent", False),
    ("支出资金", "spent", False), ("执行金额", "spent", False), ("已支付", "spent", False), ("支付", "spent", False),
    ("未支付", "unspent", False), ("未支", "unspent", False),
    ("预算执行率", "rate", True), ("执行率", "rate", True), ("支付率", "rate", False), ("预算执行进度", "rate", False),
    ("执行进度", "rate", False), ("支出进度", "rate", False), ("支付进度", "rate", False),
)
# A bare 万 or 亿 closing the figure ("执行数29.6万,") is an amount in 万元 when a budget word introduces
# it; "万人", "万册" are counts.
AMOUNT_UNITS = r"亿元|万元|千元|元|[万亿](?=[\s,;；。、:()]|$)"
_AMOUNT_WORDS = tuple(w for w, k, _ in BUDGET_WORDS if k != "rate")
_RATE_WORDS = tuple(w for w, k, _ in BUDGET_WORDS if k == "rate")
# 转移支付 is a kind of fund (a transfer payment), not money paid out: "中央转移支付资金8353万元" is no spending.
AMOUNT_RE = re.compile(rf"(?<!转移)({_alt(_AMOUNT_WORDS)})\s*(?:为|是|:|共|合计|达到|达)?\s*({NUM})\s*({AMOUNT_UNITS})")
RATE_RE = re.compile(rf"({_alt(_RATE_WORDS)})\s*(?:为|是|:|达到|达)?\s*({NUM})\s*%")
BUDGET_KEYS = {w: (k, s) for w, k, s in BUDGET_WORDS}
# The budget-execution score ("预算执行得分9.00分（分值10分）"); an indicator's 得分 is read with its claim.
BUDGET_SCORE_RE = re.compile(rf"(预算执行率得分|预算执行得分|预算执行情况得分|执行率得分)\s*(?:为|是|:)?\s*({NUM})\s*分")

# ---- 总分 and 等级 (totals with their parts: xltools.narrative.parts) -------------------------

TOTAL_RE = re.compile(rf"(自评总分|自评得分|综合得分|总得分|自评指标得分|评价得分|最终得分|总分)(?!值)\s*"
                      rf"(?:为|是|:|共|达到|达)?\s*({NUM})\s*分")
GRADE_RE = re.compile(r"(自评等级|评价等级|绩效等级|等级|自评结果|评价结果|评价结论)\s*"
                      r"(?:为|是|:|评定为|被评为|评为|定为)?\s*[“\"「『]?(优秀|良好|中等|不合格|合格|优|良|中|差)"
                      r"(?=[”\"」』,;；。、)\s级等]|$)")


def extract(report: ReportText) -> Claims:
    claims = Claims()
    for paragraph in report.paragraphs:
        if paragraph.note or not paragraph.text.strip():
            continue
        previous = ""
        for sentence in sentences(paragraph):
            search = searchable(sentence.text)
            claims.indicators += _indicators(report, sentence, search)
            claims.budget += _budget(sentence, search)
            claims.parts += parts_claims(sentence, search, previous)
            previous = search
            claims.totals += _totals(sentence, search)
            claims.grades += [GradeClaim(sentence, m.group(2)) for m in GRADE_RE.finditer(search)]
    return claims


def sentences(paragraph: Paragraph) -> Iterator[Sentence]:
    for m in SENTENCE.finditer(paragraph.text):
        text = m.group()
        stripped = text.strip()
        if stripped:
            yield Sentence(paragraph.index, m.start() + text.index(stripped[0]), stripped)


def searchable(text: str) -> str:
    """Full-width forms folded and placeholders masked, character for character."""
    masked = PLACEHOLDER.sub(lambda m: MASK * len(m.group()), text)
    return masked.translate(FULL_WIDTH)


# ---- indicators ---------------------------------------------------------------------------

def _indicators(report: ReportText, sentence: Sentence, search: str) -> list[IndicatorClaim]:
    pairs: list[tuple[re.Match, re.Match]] = []  # (target match, actual match)
    pos = 0
    while (t := TARGET_RE.search(search, pos)) is not None:
        a = ACTUAL_RE.match(search, t.end())
        if a is None:
            pos = t.start() + 1
            continue
        pairs.append((t, a))
        pos = a.end()
    claims = []
    boundary = 0
    for i, (t, a) in enumerate(pairs):
        region_end = _clause_before(search, a.end(), pairs[i + 1][0].start()) if i + 1 < len(pairs) else len(search)
        region = search[a.end():region_end]
        target, actual = _value(sentence.text, t), _value(sentence.text, a)
        if target and actual and MASK not in search[t.start(2):a.end(2)]:
            verdict, verdict_text = _verdict(region)
            name = _name(sentence.text[boundary:t.start()]) or _heading_name(report, sentence, boundary)
            claims.append(IndicatorClaim(sentence, name, target, actual, verdict, verdict_text,
                                         _first_figure(WEIGHT_RE, region), _first_figure(SCORE_RE, region)))
        boundary = region_end + 1
    return claims


def _clause_before(search: str, start: int, key: int) -> int:
    """Where the clause holding the next claim begins: its name comes after the last ；or ，."""
    cuts = [search.rfind(mark, start, key) for mark in ";；,"]
    semicolon = max(cuts[:2])
    return semicolon if semicolon >= 0 else cuts[2] if cuts[2] >= 0 else key


def _value(original: str, match: re.Match) -> str:
    """The value a key introduces (group 2), from the original text."""
    text = original[match.start(2):match.end(2)].strip()
    text = re.sub(r"[（(][^（）()]*[)）]$", "", text).strip()  # a trailing remark in brackets
    if len(text) >= 2 and text[0] in "“\"" and text[-1] in "”\"":
        text = text[1:-1].strip()
    return text


def _verdict(region: str) -> tuple[Verdict | None, str]:
    clauses = [c for c in re.split(r"[,;；]", region) if c.strip()]
    window = ",".join(clauses[:2])
    m = VERDICT_RE.search(window)
    if m is None:
        return None, ""
    kind: Verdict = "missed" if m.group(1) else "partial" if m.group(2) else "met"
    return kind, m.group()


def _name(prefix: str) -> str:
    text = NAME_TAIL.sub("", prefix.strip())
    pieces = [p for p in re.split(r"[:：]", text) if p.strip()]
    if not pieces:
        return ""
    name = NUMBERING.sub("", pieces[-1].strip().translate(FULL_WIDTH)).strip()
    return name.strip(" ,，、")


def _heading_name(report: ReportText, sentence: Sentence, boundary: int) -> str:
    """"社会满意度……满意度：" as its own paragraph, then "该指标预期值为……" in the next."""
    own = report.paragraphs[sentence.paragraph - 1].text
    if boundary > 0 or own[:sentence.start].strip():
        return ""
    previous = report.before(sentence.paragraph)
    if previous is None:
        return ""
    text = previous.text.strip()
    if text.endswith((":", "：")) and len(text) <= 60 and not TARGET_RE.search(searchable(text)):
        return _name(text)
    return ""


def _first_figure(pattern: re.Pattern, region: str) -> Figure | None:
    m = pattern.search(region)
    return figure(m.group(1), "分") if m else None


# ---- budget -------------------------------------------------------------------------------

def _budget(sentence: Sentence, search: str) -> list[BudgetFigure]:
    figures = []
    for m in AMOUNT_RE.finditer(search):
        key, specific = BUDGET_KEYS[m.group(1)]
        fig = figure(m.group(2), m.group(3), money=True)
        if fig is not None:
            figures.append(BudgetFigure(sentence, key, m.group(1), fig, specific))  # type: ignore[arg-type]
    for m in BUDGET_SCORE_RE.finditer(search):
        fig = figure(m.group(2), "分")
        if fig is not None:
            figures.append(BudgetFigure(sentence, "score", m.group(1), fig, True))
    for m in RATE_RE.finditer(search):
        fig = figure(m.group(2), "%")
        if fig is not None:
            figures.append(BudgetFigure(sentence, "rate", m.group(1), fig, BUDGET_KEYS[m.group(1)][1]))
    return figures


# ---- 总分 and 等级 (totals with their parts: xltools.narrative.parts) -------------------------

def _totals(sentence: Sentence, search: str) -> list[TotalClaim]:
    totals = []
    for m in TOTAL_RE.finditer(search):
        if "满分" in search[max(0, m.start() - 4):m.start()]:
            continue  # "满分100分" is the scale, not a result
        fig = figure(m.group(2), "分")
        if fig is not None:
            totals.append(TotalClaim(sentence, m.group(1), fig))
    return totals
