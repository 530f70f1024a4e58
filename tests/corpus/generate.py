"""The corpus plan (which form, which variations, which slip) and building each workbook from it.

Everything is drawn from ``random.Random`` seeded by the corpus seed (the plan) and by
"seed:index" (each workbook), so the same seed always gives the same workbooks, and one
workbook can be rebuilt on its own.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from tests.corpus import accounts as A
from tests.corpus import department as DP
from tests.corpus import render_selfeval as RS
from tests.corpus import selfeval as S
from tests.corpus import shenzhen as SZ
from tests.corpus import summary as SM
from tests.corpus import vocab as V
from tests.corpus.canvas import Book, Expect, Sheet
from tests.corpus.layout import Layout
from tests.corpus.slips import SLIPS, SPECIAL, Slip, Want
from tests.corpus.variations import VARIATIONS, Variation

DEFAULT_SEED = 20240609
DEFAULT_COUNT = 540
KINDS = ("national", "hubei", "hunan", "shenzhen", "accounts", "summary", "dept")
KIND_WEIGHTS = (40, 10, 10, 15, 15, 10, 8)
BAD_SHEET_CHARS = str.maketrans({c: "" for c in "[]:*?/\\"})


@dataclass(frozen=True)
class Entry:
    kind: str
    variations: tuple[str, ...]
    slip: str | None


def base_layout(kind: str) -> Layout:
    """The official layout of each form kind (seed 000 for Hubei, 001 Hunan, 002 Shenzhen)."""
    L = Layout()
    if kind == "hubei":
        L.target_label, L.actual_label, L.grade_place = "年初目标值", "实际完成值", "none"
    elif kind == "hunan":
        L.target_label, L.actual_label = "指标值", "全年实际完成值"
        L.reason_label, L.goal_headers_repeated = "产生差异的原因及改进措施", False
    elif kind == "shenzhen":
        L.weight_label, L.target_label, L.actual_label, L.score_label = "权重", "目标值", "业绩值", "评分结果"
    elif kind == "dept":
        L.grade_place = "own_row"
    return L


# ---- the plan ------------------------------------------------------------------------------------

def _fits(kind: str, chosen: list[Variation], candidate: Variation, slip: Slip | None) -> bool:
    if kind not in candidate.forms or any(v.group == candidate.group for v in chosen):
        return False
    if any(candidate.name in v.excludes or v.name in candidate.excludes for v in chosen):
        return False
    return slip is None or candidate.name not in slip.conflicts


def combination(rng: random.Random, kind: str, count: int, slip: Slip | None = None) -> tuple[str, ...]:
    chosen: list[Variation] = []
    for name in (slip.requires if slip else ()):
        chosen.append(VARIATIONS[name])
    pool = [v for v in VARIATIONS.values() if kind in v.forms]
    rng.shuffle(pool)
    for candidate in pool:
        if len(chosen) >= count + len(slip.requires if slip else ()):
            break
        if _fits(kind, chosen, candidate, slip):
            chosen.append(candidate)
    return tuple(v.name for v in chosen)


def plan(seed: int = DEFAULT_SEED, count: int = DEFAULT_COUNT) -> list[Entry]:
    """Each variation alone (clean), each slip alone and with 1, 3 and 5 variations, then clean mixtures."""
    rng = random.Random(seed)
    entries: list[Entry] = []
    for variation in VARIATIONS.values():
        for kind in KINDS:
            if kind in variation.forms:
                entries.append(Entry(kind, (variation.name,), None))
    for slip in SLIPS.values():
        for n in (0, 1, 3, 5):
            kind = rng.choice(sorted(slip.forms))
            entries.append(Entry(kind, combination(rng, kind, n, slip), slip.name))
    for n in (0, 2, 4):
        entries.append(Entry("blank", combination(rng, "national", n, _BLANK_SLIP), "blank_form"))
    entries += [Entry("none", (), "no_tables"), Entry("none", ("notes_sheet",), "no_tables")]
    while len(entries) < count:
        kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
        entries.append(Entry(kind, combination(rng, kind, rng.randint(2, 6)), None))
    return entries


_BLANK_SLIP = Slip("blank_form", "XT002", "info", frozenset({"national"}), "", lambda *a: [],
                   conflicts=("text_numbers", "formulas", "stacked_projects", "several_sheets"))


# ---- building one workbook -------------------------------------------------------------------

class _Sheets:
    """Sheet naming as the layout says, unique within the workbook."""

    def __init__(self, layout: Layout) -> None:
        self.L = layout
        self.sheets: list[Sheet] = []

    def new(self, title: str) -> Sheet:
        n = len(self.sheets) + 1
        if self.L.sheet_names == "generic":
            name = f"Sheet{n}"
        elif self.L.sheet_names == "attachment":
            name = "附件2" if n == 1 else f"附件2-{n - 1}"
        else:
            name = title.translate(BAD_SHEET_CHARS)[:31] or f"Sheet{n}"
        taken = {s.name for s in self.sheets}
        base, k = name, 2
        while name in taken:
            name = f"{base[:27]}({k})"
            k += 1
        sheet = Sheet(name)
        self.sheets.append(sheet)
        return sheet


def _notes(sheet: Sheet) -> None:
    for r, line in enumerate(V.NOTES_TEXT):
        sheet.put(r, 0, line)


def _resolve(wants: list[Want], anchors: dict[tuple, tuple[str, str]], sheet: str | None) -> tuple[list[Expect], list[Expect]]:
    expected, allowed = [], []
    for want in wants:
        if want.keys is None:
            exp = Expect(want.rule, want.severity, sheet, None, want.what)
        else:
            hits = [anchors[k] for k in want.keys if k in anchors]
            if not hits and not want.required:
                continue  # a finding this layout cannot have (no subtotal rows, for instance)
            if not hits:
                raise KeyError(f"{want.rule}: none of {want.keys} was laid out")
            sheets = {s for s, _ in hits}
            assert len(sheets) == 1, hits
            exp = Expect(want.rule, want.severity, hits[0][0], tuple(dict.fromkeys(c for _, c in hits)), want.what)
        (expected if want.required else allowed).append(exp)
    return expected, allowed


def build(entry: Entry, index: int, seed: int = DEFAULT_SEED) -> Book:
    rng = random.Random(f"{seed}:{index}")
    kind = "national" if entry.kind == "blank" else entry.kind
    layout = base_layout(kind)
    for name in entry.variations:
        VARIATIONS[name].apply(layout, rng)
        layout.variations.append(name)
    slip = SLIPS.get(entry.slip) if entry.slip else None
    sheets = _Sheets(layout)
    if layout.notes_sheet and rng.random() < 0.5:
        _notes(sheets.new(rng.choice(V.NOTES_SHEET)))
    builder = {"national": _national, "hubei": _single, "hunan": _single, "shenzhen": _shenzhen,
               "accounts": _accounts, "summary": _summary, "dept": _department}.get(kind)
    if entry.kind == "none":
        wants_sheet = _no_tables(sheets, rng)
        expected = [Expect("XT001", "warning", wants_sheet, ("A1",), SPECIAL["no_tables"][2])]
        allowed: list[Expect] = []
    else:
        expected, allowed = builder(entry, layout, rng, slip, sheets)
    if layout.notes_sheet and not any(s.name in V.NOTES_SHEET for s in sheets.sheets):
        _notes(sheets.new(rng.choice(V.NOTES_SHEET)))
    if entry.kind == "none":  # XT001 speaks of the whole workbook: it stands at the first sheet's A1
        expected = [Expect("XT001", "warning", sheets.sheets[0].name, ("A1",), SPECIAL["no_tables"][2])]
    name = f"{index:04d}_{entry.kind}_{entry.slip or 'clean'}"
    return Book(name, entry.kind, tuple(layout.variations), entry.slip, sheets.sheets, expected, allowed)


def _no_tables(sheets: _Sheets, rng: random.Random) -> str:
    sheet = sheets.new("说明")
    for r, line in enumerate(("关于报送2023年度项目支出绩效自评结果的说明", "", "各科室：",
                              "根据财政局通知要求，现将我单位绩效自评工作情况说明如下。", "一、自评工作开展情况",
                              "二、存在的问题及改进措施", "附件另行报送。")):
        sheet.put(r, 0, line or None)
    return sheet.name


def _plant(slip: Slip | None, make, rng: random.Random, layout: Layout, tries: int = 60):
    """A fresh logical form with the slip planted (drawing again when the form has no place for it)."""
    for _ in range(tries):
        content = make()
        if slip is None:
            return content, []
        wants = slip.plant(content, rng, layout)
        if wants is not None:
            return content, wants
    raise RuntimeError(f"{slip.name}: no form could take this slip")


def _text_number_wants(layout: Layout) -> list[Want]:
    if not layout.text_numbers:
        return []
    return [Want("CV01", "info", None, "以文本存储的数字（每个表格一条提示）")]


def _national(entry: Entry, layout: Layout, rng: random.Random, slip: Slip | None, sheets: _Sheets):
    blank = entry.kind == "blank"
    count = layout.sheets * layout.stacked if not blank else 1
    target = rng.randrange(count)
    expected, allowed = [], []
    n = 0
    for _ in range(layout.sheets if not blank else 1):
        forms = []
        for _ in range(layout.stacked if not blank else 1):
            if blank:
                forms.append((S.blank_national(rng, layout), []))
            elif n == target:
                forms.append(_plant(slip, lambda: S.national(rng, layout), rng, layout))
            else:
                forms.append((S.national(rng, layout), []))
            n += 1
        sheet = sheets.new(forms[0][0].project)
        top = layout.top
        for form, wants in forms:
            top, anchors = RS.render(form, layout, sheet, top, layout.left)
            top += 2
            if blank:
                wants = [Want("XT002", "info", None, SPECIAL["blank_form"][2])]
            wants = wants + _text_number_wants(layout)
            exp, alw = _resolve(wants, {k: (sheet.name, c) for k, c in anchors.items()}, sheet.name)
            expected += exp
            allowed += alw
    return _dedupe(expected), allowed


def _dedupe(expected: list[Expect]) -> list[Expect]:
    return list(dict.fromkeys(expected))


def _single(entry: Entry, layout: Layout, rng: random.Random, slip: Slip | None, sheets: _Sheets):
    make = (lambda: S.hubei(rng, layout)) if entry.kind == "hubei" else (lambda: S.hunan(rng, layout))
    form, wants = _plant(slip, make, rng, layout)
    title = "部门整体绩效自评表" if entry.kind == "hubei" else "整体支出自评表"
    sheet = sheets.new(title)
    _, anchors = RS.render(form, layout, sheet, layout.top, layout.left)
    return _resolve(wants + _text_number_wants(layout), {k: (sheet.name, c) for k, c in anchors.items()}, sheet.name)


def _shenzhen(entry: Entry, layout: Layout, rng: random.Random, slip: Slip | None, sheets: _Sheets):
    target = rng.randrange(layout.sheets)
    expected, allowed = [], []
    projects = rng.sample(V.PROJECTS, layout.sheets)
    for n, project in enumerate(projects):
        make = lambda p=project: SZ.shenzhen(rng, layout, p)
        form, wants = _plant(slip if n == target else None, make, rng, layout)
        sheet = sheets.new(project)
        _, anchors = SZ.render(form, layout, sheet, layout.top, layout.left)
        exp, alw = _resolve(wants + _text_number_wants(layout), {k: (sheet.name, c) for k, c in anchors.items()},
                            sheet.name)
        expected += exp
        allowed += alw
    return expected, allowed


def _accounts(entry: Entry, layout: Layout, rng: random.Random, slip: Slip | None, sheets: _Sheets):
    unit = rng.choice(V.UNITS)
    try:
        acc, wants = _plant(slip, lambda: A.accounts(rng, layout, unit), rng, layout, tries=20)
    except RuntimeError:  # the published subset lacks the tables this slip needs: publish them all
        layout.tables = Layout().tables
        layout.variations = [v for v in layout.variations if v != "tables_subset"]
        acc, wants = _plant(slip, lambda: A.accounts(rng, layout, unit), rng, layout)
    anchors: dict[tuple, tuple[str, str]] = {}
    expected: list[Expect] = []
    for no in layout.tables:
        title = f"公开{no}表" if layout.sheet_names == "titles" and rng.random() < 0.5 else A.TITLES[no]
        sheet = sheets.new(title)
        for key, cell in A.render(acc, layout, no, sheet).items():
            anchors[key] = (sheet.name, cell)
        if layout.text_numbers:
            expected.append(Expect("CV01", "info", sheet.name, None, "以文本存储的数字（每个表格一条提示）"))
    exp, allowed = _resolve(wants, anchors, None)
    return expected + exp, allowed


def _summary(entry: Entry, layout: Layout, rng: random.Random, slip: Slip | None, sheets: _Sheets):
    book, wants = _plant(slip, lambda: SM.summary(rng, layout), rng, layout)
    sheet = sheets.new("汇总表")
    anchors = {k: (sheet.name, c) for k, c in SM.render(book, layout, sheet).items()}
    expected, allowed = _resolve(wants + _text_number_wants(layout), anchors, sheet.name)
    project_layout = base_layout("national")
    project_layout.text_numbers = layout.text_numbers
    for form in book.forms:
        project_sheet = sheets.new(form.project)
        RS.render(form, project_layout, project_sheet, 0, 0)
        exp, _ = _resolve(_text_number_wants(layout), {}, project_sheet.name)
        expected += exp
    return expected, allowed


def _department(entry: Entry, layout: Layout, rng: random.Random, slip: Slip | None, sheets: _Sheets):
    unit = rng.choice(V.UNITS)
    content, wants = _plant(slip, lambda: DP.department(rng, layout, unit), rng, layout)
    sheet = sheets.new("部门整体支出绩效自评表" if content.style == "points" else "自评指标")
    anchors = {k: (sheet.name, c) for k, c in DP.render(content, layout, sheet).items()}
    return _resolve(wants + _text_number_wants(layout), anchors, sheet.name)


def generate(seed: int = DEFAULT_SEED, count: int = DEFAULT_COUNT) -> list[Book]:
    return [build(entry, i, seed) for i, entry in enumerate(plan(seed, count))]
