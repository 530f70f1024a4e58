"""项目支出绩效自评情况汇总表 (F5, seed 004) beside the national project forms it summarises."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from tests.corpus import domain as D
from tests.corpus import typing_ as T
from tests.corpus.canvas import Sheet, a1
from tests.corpus.layout import Layout
from tests.corpus.selfeval import SelfEvalForm, national


@dataclass
class SummaryRow:
    name: str
    budget: int  # hundredths of 万元 (the project's 全年预算数)
    score: int  # hundredths of a point (the project's 总分)
    grade: str


@dataclass
class SummaryBook:
    unit: str
    forms: list[SelfEvalForm]
    rows: list[SummaryRow]
    average: int
    overrides: dict[tuple, object] = field(default_factory=dict)

    def recompute_average(self) -> bool:
        scores, funds = [r.score for r in self.rows], [r.budget for r in self.rows]
        self.average = D.weighted_average(scores, funds)
        return D.weighted_average_is_clear(scores, funds)


def summary(rng: random.Random, layout: Layout) -> SummaryBook:
    for _ in range(100):
        forms: list[SelfEvalForm] = []
        names: set[str] = set()
        count = rng.randint(2, 4)
        while len(forms) < count:
            form = national(rng, layout)
            if form.project not in names:
                names.add(form.project)
                forms.append(form)
        rows = [SummaryRow(f.project, f.budget.lines[0].a, f.total, f.grade) for f in forms]
        book = SummaryBook(forms[0].unit, forms, rows, 0)
        for form in forms:
            form.unit = book.unit
        if book.recompute_average():
            return book
    raise RuntimeError("no clear weighted average")


def violations(book: SummaryBook, grade_style: int = 0) -> list[str]:
    out = []
    for row, form in zip(book.rows, book.forms, strict=True):
        if (row.name, row.budget, row.score, row.grade) != (form.project, form.budget.lines[0].a, form.total, form.grade):
            out.append(f"{row.name}: summary row differs from its project sheet")
        if row.grade not in D.GRADE_WORDS[D.grade(row.score)]:
            out.append(f"{row.name}: grade does not match the score")
    if book.average != D.weighted_average([r.score for r in book.rows], [r.budget for r in book.rows]):
        out.append("average is not weighted by funds")
    return out


def render(book: SummaryBook, layout: Layout, sheet: Sheet) -> dict[tuple, str]:
    L = layout
    anchors: dict[tuple, str] = {}

    def put(key: tuple, r: int, c: int, value: object) -> None:
        sheet.put(r, c, book.overrides.get(key, value))
        anchors[key] = a1(r, c)

    r, c = L.top, L.left
    year = book.forms[0].year
    sheet.put(r, c, f"{year}年度项目支出绩效自评情况汇总表")
    if L.merge_headers:
        sheet.merge(r, c, r, c + 4)
    sheet.put(r + 1, c, f"单位：{book.unit}")
    r += 2
    full = L.summary_columns == "full"
    heads = ("序号", "项目名称", "全年预算数(万元)", "自评得分", "自评等级") if full else ("序号", "项目名称", "自评得分", "自评等级")
    for i, text in enumerate(heads):
        sheet.put(r, c + i, L.plain(text))
    score_at = c + (3 if full else 2)
    r += 1
    for n, row in enumerate(book.rows):
        sheet.put(r, c, n + 1)
        put(("sm", n, "name"), r, c + 1, row.name)
        if full:
            put(("sm", n, "budget"), r, c + 2, T.amount(row.budget, L))
        put(("sm", n, "score"), r, score_at, T.points(row.score, L))
        put(("sm", n, "grade"), r, score_at + 1, row.grade)
        r += 1
    if full:
        sheet.put(r, c + 1, "加权平均得分")
        put(("sm_avg", "budget"), r, c + 2, T.amount(sum(x.budget for x in book.rows), L))
        put(("sm_avg", "score"), r, score_at, T.points(book.average, L))
        put(("sm_avg", "grade"), r, score_at + 1, D.grade_word(book.average, L.grade_style))
    return anchors
