"""Department-wide scoring sheets of other provinces (issue 9: seen on published forms, not in our templates).

Two layouts: a scoring sheet headed 一级指标 | 二级指标 | 三级指标 | 指标分值 | 指标解释 | 评分标准 | 自评得分
whose 一级/二级 points are written only in their labels ("部门决策（20分）"); and a flat list headed
指标名称 | 指标值 | 实际完成值 | 得分系数 | 指标权重 | 指标得分 | 是否核心指标 whose total score is written
above the table. Points are hundredths; a 得分系数 is a Fraction with two decimals.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from fractions import Fraction

from tests.corpus import domain as D
from tests.corpus import typing_ as T
from tests.corpus.canvas import Sheet, a1
from tests.corpus.layout import Layout
from tests.corpus.selfeval import split_points

FRAMEWORK = (
    ("部门决策", 2000, (("目标设定", 800, ("绩效目标合理性", "绩效指标明确性")),
                     ("预算配置", 1200, ("在职人员控制率", "“三公经费”变动率", "重点支出安排率")))),
    ("部门管理", 4000, (("资金投入", 1000, ("基本支出预算执行率", "项目支出预算执行率")),
                     ("财务管理", 1500, ("财务管理制度健全性", "资金使用合规性", "预决算信息公开性")),
                     ("资产管理", 1500, ("资产管理制度健全性", "资产管理安全性", "固定资产利用率")))),
    ("部门绩效", 4000, (("职责履行", 2500, ("重点工作实际完成率", "重点工作完成及时率", "质量达标率")),
                     ("履职效益", 1500, ("社会效益", "服务对象满意度")))),
)
EXPLANATIONS = ("反映部门对该项工作的管理情况。", "用以反映和考核部门相关工作的落实情况。", "反映部门履职的实际效果。")
CRITERIA = ("对照部门职责和年度工作计划评价。", "根据相关制度的建设与执行情况评价。", "依据有关佐证材料综合评价。")
LIST_ROWS = (("培训人次", "人次"), ("督查检查次数", "次"), ("政策宣传活动", "场"), ("信息公开事项", "项"),
             ("重点项目完成率", "%"), ("资金拨付及时率", "%"), ("群众满意度", "%"), ("制度建设数量", "项"))
COEFFICIENTS = (Fraction(95, 100), Fraction(9, 10), Fraction(85, 100), Fraction(8, 10))


@dataclass
class Row:
    name: str
    weight: int
    score: int | None
    coefficient: Fraction = Fraction(1)
    target: int = 0  # flat list: 指标值 (a count or a percent)
    unit: str = ""
    actual: Fraction = Fraction(0)
    core: bool = False


@dataclass
class Group:
    name: str
    points: int  # as written in the label
    rows: list[Row]


@dataclass
class Level1:
    name: str
    points: int
    groups: list[Group]


@dataclass
class DepartmentSheet:
    style: str  # points / coefficients
    unit: str
    year: int
    level1: list[Level1]  # the flat list keeps its rows in one level and one group
    total: int
    grade: str | None
    overrides: dict[tuple, object] = field(default_factory=dict)

    @property
    def rows(self) -> list[Row]:
        return [row for l1 in self.level1 for g in l1.groups for row in g.rows]

    def retotal(self, grade_style: int = 0) -> None:
        self.total = sum(r.score for r in self.rows if isinstance(r.score, int))
        if self.grade is not None:
            self.grade = D.grade_word(self.total, grade_style)


def department(rng: random.Random, layout: Layout, unit: str) -> DepartmentSheet:
    year = rng.choice((2020, 2021, 2022, 2023))
    if layout.department_style == "coefficients":
        return _coefficients(rng, layout, unit, year)
    level1 = []
    for name, points, groups in FRAMEWORK:
        built = []
        for gname, gpoints, names in groups:
            keep = sorted(rng.sample(range(len(names)), rng.randint(max(1, len(names) - 1), len(names))))
            picked = [names[k] for k in keep]
            weights = split_points(rng, gpoints, len(picked))
            rows = []
            for row_name, weight in zip(picked, weights, strict=True):
                score = weight if rng.random() < 0.8 else weight - rng.choice((50, 100))  # marked down a little
                rows.append(Row(row_name, weight, max(score, 0)))
            built.append(Group(gname, gpoints, rows))
        level1.append(Level1(name, points, built))
    sheet = DepartmentSheet("points", unit, year, level1, 0, "" if layout.grade_place != "none" else None)
    sheet.retotal(layout.grade_style)
    return sheet


def _coefficients(rng: random.Random, layout: Layout, unit: str, year: int) -> DepartmentSheet:
    picked = rng.sample(LIST_ROWS, rng.randint(4, len(LIST_ROWS)))
    weights = split_points(rng, 10000, len(picked), step=500, least=500)
    rows = []
    for (name, unit_word), weight in zip(picked, weights, strict=True):
        target = 100 if unit_word == "%" else rng.choice((20, 40, 60, 100))
        coefficient = Fraction(1) if rng.random() < 0.7 else rng.choice(COEFFICIENTS)
        actual = target * coefficient if coefficient < 1 else Fraction(target + (0 if unit_word == "%" else rng.randint(0, 5)))
        score = D.round_half_up(weight * coefficient)
        rows.append(Row(name, weight, score, coefficient, target, unit_word, actual, rng.random() < 0.5))
    sheet = DepartmentSheet("coefficients", unit, year, [Level1("", 10000, [Group("", 10000, rows)])], 0, None)
    sheet.retotal()
    return sheet


def violations(sheet: DepartmentSheet) -> list[str]:
    out = []
    rows = sheet.rows
    if sum(r.weight for r in rows) != 10000:
        out.append("weights do not add up to 100")
    for row in rows:
        if row.score is None:
            out.append(f"{row.name}: score left empty")
        elif not 0 <= row.score <= row.weight:
            out.append(f"{row.name}: score outside 0..weight")
        elif sheet.style == "coefficients" and row.score != D.round_half_up(row.weight * row.coefficient):
            out.append(f"{row.name}: score is not weight × coefficient")
        if sheet.style == "coefficients" and row.actual < row.target and row.coefficient == 1:
            out.append(f"{row.name}: target missed with a coefficient of 1")
    if sheet.style == "points":
        for l1 in sheet.level1:
            if l1.points != sum(r.weight for g in l1.groups for r in g.rows):
                out.append(f"{l1.name}: points in the label differ from its rows")
            for g in l1.groups:
                if g.points != sum(r.weight for r in g.rows):
                    out.append(f"{g.name}: points in the label differ from its rows")
    if sheet.total != sum(r.score for r in rows if isinstance(r.score, int)):
        out.append("total is not the sum of the scores")
    if sheet.grade and sheet.grade not in D.GRADE_WORDS[D.grade(sheet.total)]:
        out.append("grade does not match the total")
    return out


# ---- rendering ----------------------------------------------------------------------------------

def render(sheet_data: DepartmentSheet, layout: Layout, sheet: Sheet) -> dict[tuple, str]:
    L = layout
    anchors: dict[tuple, str] = {}

    def put(key: tuple | None, r: int, c: int, value: object) -> None:
        if key is not None and key in sheet_data.overrides:
            value = sheet_data.overrides[key]
        sheet.put(r, c, value)
        if key is not None:
            anchors[key] = a1(r, c)

    r, c = L.top, L.left
    if sheet_data.style == "coefficients":
        sheet.put(r, c, f"{sheet_data.year}年度部门整体支出绩效自评表")
        sheet.put(r + 1, c, f"单位名称：{sheet_data.unit}")
        sheet.put(r + 1, c + 5, "自评总得分")
        put(("total",), r + 1, c + 6, T.points(sheet_data.total, L))
        r += 2
        heads = ("序号", "指标名称", "指标值", "实际完成值", "得分系数", "指标权重", "指标得分", "是否核心指标")
        for i, text in enumerate(heads):
            sheet.put(r, c + i, L.plain(text))
        r += 1
        for n, row in enumerate(sheet_data.rows):
            sheet.put(r, c, n + 1)
            put(("row", n, "name"), r, c + 1, row.name)
            put(("row", n, "target"), r, c + 2, f"≥{row.target}{row.unit}")
            put(("row", n, "actual"), r, c + 3, f"{T.num_text(row.actual)}{row.unit}")
            put(("row", n, "coefficient"), r, c + 4, T.num_text(row.coefficient) if L.text_numbers else float(row.coefficient))
            put(("row", n, "weight"), r, c + 5, T.points(row.weight, L))
            put(("row", n, "score"), r, c + 6, T.points(row.score, L))
            sheet.put(r, c + 7, "是" if row.core else "否")
            r += 1
        return anchors
    sheet.put(r, c, f"{sheet_data.year}年度{sheet_data.unit}部门整体支出绩效自评表")
    if L.merge_headers:
        sheet.merge(r, c, r, c + 6)
    r += 1
    heads = ("一级指标", "二级指标", "三级指标", "指标分值", "指标解释", "评分标准", "自评得分")
    for i, text in enumerate(heads):
        sheet.put(r, c + i, L.plain(text))
    r += 1
    n = 0
    for i, l1 in enumerate(sheet_data.level1):
        top = r
        put(("l1label", i), r, c, f"{l1.name}{L.points_bracket.format(T.num_text(Fraction(l1.points, 100)))}")
        for j, group in enumerate(l1.groups):
            gtop = r
            put(("l2label", i, j), r, c + 1, f"{group.name}{L.points_bracket.format(T.num_text(Fraction(group.points, 100)))}")
            for row in group.rows:
                if L.label_cells == "repeat" and r != gtop:
                    sheet.put(r, c + 1, f"{group.name}{L.points_bracket.format(T.num_text(Fraction(group.points, 100)))}")
                if L.label_cells == "repeat" and r != top:
                    sheet.put(r, c, f"{l1.name}{L.points_bracket.format(T.num_text(Fraction(l1.points, 100)))}")
                put(("row", n, "name"), r, c + 2, row.name)
                put(("row", n, "weight"), r, c + 3, T.points(row.weight, L))
                sheet.put(r, c + 4, EXPLANATIONS[n % len(EXPLANATIONS)])
                sheet.put(r, c + 5, CRITERIA[n % len(CRITERIA)])
                put(("row", n, "score"), r, c + 6, T.points(row.score, L))
                n += 1
                r += 1
            if L.label_cells == "merge" and r - 1 > gtop:
                sheet.merge(gtop, c + 1, r - 1, c + 1)
        if L.label_cells == "merge" and r - 1 > top:
            sheet.merge(top, c, r - 1, c)
    sheet.put(r, c, "合计")
    if L.merge_headers:
        sheet.merge(r, c, r, c + 2)
    put(("total_weight",), r, c + 3, T.points(sum(x.weight for x in sheet_data.rows), L))
    put(("total",), r, c + 6, T.points(sheet_data.total, L))
    r += 1
    if sheet_data.grade is not None:
        sheet.put(r, c, L.grade_label)
        put(("grade",), r, c + 6, sheet_data.grade)
    return anchors
