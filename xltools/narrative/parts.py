"""Totals and the parts a report lists for them (RP04), in the ways real reports write them:

- "小计7人，其中：A 4人，B 0人，C 4人" and "支出799.12万元。其中：……" (the parts after 其中);
- "预拨资金3608万元(中央资金2855万元、省级资金753万元)" (two parts or more in brackets right after the total);
- "A项目40万元；B项目2.75万元；……。共计下达……3580.69万元" (the total after its parts, with 共计/合计/总计).
"""

from __future__ import annotations

import re

from xltools.narrative.model import Figure, PartsClaim, Sentence
from xltools.narrative.stated import NUM, as_money, base_unit, figure
from xltools.values import FULL_WIDTH, UNIT_PATTERN

PARTS_RE = re.compile(rf"({NUM})\s*({UNIT_PATTERN})\s*([,;；(])?\s*其中\s*[:,]?\s*")
AFTER_STOP_RE = re.compile(r"\s*其中\s*[:,]?\s*")
FIGURE_RE = re.compile(rf"({NUM})\s*({UNIT_PATTERN})")
ENDING_FIGURE_RE = re.compile(rf"({NUM})\s*({UNIT_PATTERN})\s*[。]?\s*$")
# Separators of listed parts: a comma between digit groups ("2,000,000元") is not one.
LIST_SEPARATOR = re.compile(r"[、;；]|(?<!\d),|,(?!\d{3}(?!\d))")
PART_RE = re.compile(rf"\s*(?P<label>[^\d]*?)\s*(?:为|是|:)?\s*(?P<num>{NUM})\s*(?P<unit>{UNIT_PATTERN})\s*")
BRACKET_RE = re.compile(rf"({NUM})\s*({UNIT_PATTERN})\s*\(([^()]*)\)")
BRACKET_LEAD = re.compile(r"^\s*(?:含|包括|包含)\s*[:,]?\s*")
# Bracketed figures that compare or convert rather than break down ("(比上年增加20万元、同比增长5%)").
NOT_A_PART = re.compile(r"比上年|同比|环比|增加|减少|增长|下降|较上年|占")
# A figure after 合计/共计 that is a change, a remainder or an average is no sum of the items before it.
NOT_A_TOTAL = re.compile(rf"{NOT_A_PART.pattern}|结余|剩余|差额|平均|人均|户均")
TOTAL_AFTER_RE = re.compile(rf"(?:^|(?<=[,;；]))\s*((?:以上|上述)?[^\d,;；。]{{0,6}}?(?:共计|合计|总计)[^\d,;；。]{{0,20}}?)"
                            rf"({NUM})\s*({UNIT_PATTERN})")


def parts_claims(sentence: Sentence, search: str, previous: str) -> list[PartsClaim]:
    """Every total with its listed parts in one sentence (``search``: its searchable copy;
    ``previous``: the searchable copy of the sentence before it in the paragraph, or "")."""
    claims = [_after_qizhong(sentence, search) or _after_stop(sentence, search, previous),
              *_bracketed(sentence, search), _total_after(sentence, search, previous)]
    return [c for c in claims if c is not None]


def _after_qizhong(sentence: Sentence, search: str) -> PartsClaim | None:
    m = PARTS_RE.search(search)
    if m is None:
        return None
    rest = search[m.end():]
    if m.group(3) == "(":
        rest = rest.split(")", 1)[0]
    total = figure(m.group(1), m.group(2))
    return _claim(sentence, _label_before(sentence.text.translate(FULL_WIDTH), m.start()), total, _items(rest))


def _after_stop(sentence: Sentence, search: str, previous: str) -> PartsClaim | None:
    """"支出799.12万元。其中：人员经费434.89万元，……": the total is in the sentence before, at its end or
    as its only figure in the parts' unit ("实际执行9265.35万元,执行率88.74%。其中……")."""
    start = AFTER_STOP_RE.match(search)
    if start is None or not previous:
        return None
    items = _items(search[start.end():])
    if items is None:
        return None
    candidates = [m for m in FIGURE_RE.finditer(previous) if _same_unit(figure(m.group(1), m.group(2)), items)]
    ending = ENDING_FIGURE_RE.search(previous)
    if ending is not None and any(m.start() == ending.start() for m in candidates):
        candidates = [ending]
    if len(candidates) != 1:
        return None
    total = candidates[0]
    return _claim(sentence, _label_before(previous, total.start()), figure(total.group(1), total.group(2)), items)


def _bracketed(sentence: Sentence, search: str) -> list[PartsClaim]:
    claims = []
    for m in BRACKET_RE.finditer(search):
        inside = m.group(3)
        if inside.lstrip().startswith("其中"):
            continue  # read with 其中
        items = _items(BRACKET_LEAD.sub("", inside))
        if items is None or len(items) < 2 or any(NOT_A_PART.search(label) for label, _ in items):
            continue  # one bracketed figure is a remark or a conversion, not a breakdown
        label = _label_before(sentence.text.translate(FULL_WIDTH), m.start())
        claim = _claim(sentence, label, figure(m.group(1), m.group(2)), items)
        if claim is not None:
            claims.append(claim)
    return claims


def _total_after(sentence: Sentence, search: str, previous: str) -> PartsClaim | None:
    """"A 40万元；B 2.75万元；……。共计……3580.69万元" or "A 40万元、B 20万元，合计60万元": the parts are
    the items before the total (its own sentence, or the whole sentence before it), separated by ；
    or 、, each ending in one amount."""
    m = TOTAL_AFTER_RE.search(search)
    if m is None or NOT_A_TOTAL.search(m.group(1)):
        return None
    before = search[:m.start()].rstrip(" ,;；")
    items = _ending_items(before if before.strip() else previous.rstrip("。 "))
    total = figure(m.group(2), m.group(3))
    label = sentence.text.translate(FULL_WIDTH)[m.start(1):m.end(1)].strip()
    return _claim(sentence, label, total, items) if items is not None and len(items) >= 2 else None


def _items(rest: str) -> list[tuple[str, Figure]] | None:
    """The parts listed in ``rest``, each "label number unit", or None when it is not such a list.
    A clause without any number after two parts or more ends the list ("……满意度指标10分，等级为优")."""
    rest = re.sub(r"\([^()]*\)", "", rest).rstrip("。！？!? ")
    items: list[tuple[str, Figure]] = []
    for item in re.split(LIST_SEPARATOR, rest):
        if not item.strip():
            continue
        if len(items) >= 2 and not re.search(r"\d", item):
            break
        p = PART_RE.fullmatch(item)
        fig = figure(p.group("num"), p.group("unit")) if p else None
        if p is None or fig is None:
            return None
        items.append((p.group("label").strip(), fig))
    return items or None


def _ending_items(text: str) -> list[tuple[str, Figure]] | None:
    """Items separated by ；(or, without any, by 、), each ending in its figure and holding no other
    figure of that unit; None when the text is not such a list."""
    separator = r"[;；]" if re.search(r"[;；]", text) else "、" if "、" in text else None
    if separator is None:
        return None
    items = []
    for item in re.split(separator, text):
        end = ENDING_FIGURE_RE.search(item.strip())
        fig = figure(end.group(1), end.group(2)) if end else None
        if end is None or fig is None:
            return None
        label = item.strip()[:end.start()]
        if any(_same_unit(figure(o.group(1), o.group(2)), [(label, fig)]) for o in FIGURE_RE.finditer(label)):
            return None  # two amounts in one item: not a plain list
        items.append((label.strip(" ,:"), fig))
    return items


def _same_unit(fig: Figure | None, items: list[tuple[str, Figure]]) -> bool:
    if fig is None:
        return False
    figures = as_money([fig, *(f for _, f in items)])
    return len({base_unit(f) for f in figures}) == 1


def _claim(sentence: Sentence, label: str, total: Figure | None,
           items: list[tuple[str, Figure]] | None) -> PartsClaim | None:
    """The claim when every part is in the total's unit (万元 and 元 alike; a bare 万 beside 元 is 万元)."""
    if total is None or not items or base_unit(total) == "%":
        return None  # rates of the parts ("满意度95%，其中城镇96%、农村94%") do not add up to the whole's rate
    total, *figures = as_money([total, *(f for _, f in items)])
    if any(base_unit(f) != base_unit(total) for f in figures):
        return None  # not a plain list of parts in the total's unit: nothing to add up
    return PartsClaim(sentence, label, total, tuple(zip((lbl for lbl, _ in items), figures, strict=True)))


def _label_before(text: str, end: int) -> str:
    """The words naming a figure: the last clause before it ("全年预算数", "2、支出")."""
    pieces = [p.strip() for p in re.split(r"[,;；:]", text[:end]) if p.strip()]
    return pieces[-1] if pieces else ""
