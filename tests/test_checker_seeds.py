"""Whole workbooks: real published forms (seeds, rebuilt as Excel) and xltools' own example.

Every real slip in them is reported at its cell; their clean parts stay clean (the expected
sets below are exact, so a new false alarm fails the test as surely as a missed slip).
"""

from __future__ import annotations

import pytest

from tests import seed_books
from xltools.check import check_file
from xltools.example import write_example

SEEDS = {
    # seed 000: 得分 typed 19 for 20 × 95.85% = 19.17; 总分 87 although 19 + 30 + 14 + 18 = 81;
    # line 21 客户投诉次数 "小于 6 次" has one value for two columns (rebuilt as 实际完成值 blank, 得分 0)
    "hubei_000": {("SE07", "部门整体绩效自评表", "F5", "error"), ("SE03", "部门整体绩效自评表", "B23", "error"),
                  ("SE18", "部门整体绩效自评表", "F16", "warning")},
    # seed 001: 实际投入资金额 合计 274, but 273 + 2 = 275 (whole 万元: one unit, a possible rounding difference); 残疾人就业扶持补贴 "≤2万" but 5.6万 spent
    # (line 80–82); 提升残疾人就业能力 "长期" with no 全年实际完成值 (line 104–106)
    "hunan_001": {("SE08", "整体支出自评表", "D5", "warning"), ("SE19", "整体支出自评表", "F13", "warning"),
                  ("SE18", "整体支出自评表", "F15", "warning")},
    # seed 002: 预算执行率 scored 1.99 instead of 2.27 × 91.9% = 2.09; 项目预算金额 825.2 万元 vs
    # 预算安排 1,268.67 万元; project six: 实际支出 财政资金小计 40,554,747.36 ≠ 市级 41,521,215.36,
    # so its (5), (6) and (8) in that column disagree too
    "shenzhen_002": {("SZ06", "残联综合管理项目", "D33", "warning"), ("SZ07", "残联综合管理项目", "F37", "error"),
                     ("SZ03", "项目六资金安排", "C8", "error"), ("SZ03", "项目六资金安排", "D8", "error"),
                     ("SZ01", "项目六资金安排", "D9", "error"), ("SZ02", "项目六资金安排", "D10", "error"),
                     ("SZ02", "项目六资金安排", "D12", "error")},
    # seed 004: 基层医疗… has no 预算执行得分 (分值 10, 得分 blank) but 总分 100 = only the indicators' 90
    "project_004": {("SE03", "基层医疗", "H20", "error"), ("SE17", "基层医疗", "I6", "warning")},
    # seed 004 决算: the published 项 amounts add up one cent above several published totals (the
    # 尾数误差 its 01表 warns of), e.g. 05表 项目支出 30.66 + 847.91 = 878.57, printed 878.56. All
    # warnings, no errors: the tables are otherwise consistent, within and across 01–06.
    "accounts_004": {("FA02", "收入决算表", "C6", "warning"), ("FA02", "收入决算表", "D6", "warning"),
                     ("FA02", "支出决算表", "E5", "warning"), ("FA01", "支出决算表", "C11", "warning"),
                     ("FA03", "支出决算表", "C11", "warning"), ("FA04", "财政拨款总表", "F30", "warning"),
                     ("FA04", "财政拨款总表", "G30", "warning"), ("FA02", "一般公共预算支出表", "C5", "warning"),
                     ("FA02", "一般公共预算支出表", "E5", "warning")},
}


@pytest.mark.parametrize("name", SEEDS)
def test_real_forms(name, tmp_path):
    path = getattr(seed_books, name)(tmp_path / f"{name}.xlsx")
    report = check_file(path)
    assert report.error is None and report.tables
    found = {(f.rule, f.sheet, f.cell, f.severity) for f in report.findings}
    assert found == SEEDS[name], "\n".join(f"{f.rule} {f.sheet}!{f.cell} {f.message}" for f in report.findings)


def test_real_forms_are_recognised_in_their_own_layouts(tmp_path):
    kinds = set()
    for name in SEEDS:
        report = check_file(getattr(seed_books, name)(tmp_path / f"{name}.xlsx"))
        kinds |= {t.kind for t in report.tables}
    assert {"F2-hubei.budget", "F2-hubei.indicators", "F2-hunan.budget", "F2-hunan.indicators", "F3.arrangement",
            "F3.use", "F3.scores", "F5.summary", "F1.budget", "F1.indicators"} <= kinds


EXAMPLE_SLIPS = {
    ("SE01", "公立医院综合改革补助", "H13"),        # 得分 16 > 分值 15
    ("SE12", "重性精神病人防治经费", "H18"),        # ≤55万元, 58万元, full marks
    ("CV01", "新城医养康复中心建设贷款贴息", "F6"),  # "100.00 " typed as text
    ("SE04", "基层医疗卫生机构实施基本药物制度补助", "G24"),  # weights add to 105
    ("SE08", "精神病人防治经费", "E6"),             # 30 ≠ 28 + nothing
    ("FA04", "公开01表", "C37"),                    # 2,246.76 typed for 2,264.76
    ("FA07", "公开06表", "I40"),                    # 105.46 typed for 105.64
}


def test_every_planted_slip_of_the_example_is_found(tmp_path):
    found = set()
    for path in write_example(tmp_path):
        found |= {(f.rule, f.sheet, f.cell) for f in check_file(path).findings}
    assert EXAMPLE_SLIPS <= found


def test_blank_templates_are_recognised_and_clean():
    """A blank form is reported as unfilled (XT002, info), never scored and never given a warning."""
    from tests.conftest import ROOT

    for path in sorted((ROOT / "templates").glob("*.xlsx")):
        report = check_file(path)
        assert report.tables, path.name
        assert all(f.rule == "XT002" and f.severity == "info" for f in report.findings), (path.name, report.findings)
        self_eval = path.name.startswith(("F1", "F2"))
        assert bool(report.findings) == self_eval, (path.name, report.findings)
        assert report.overview.get("total", "") == "", path.name


def test_a_workbook_without_forms_says_so(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["会议纪要", "没有表格"])
    wb.save(tmp_path / "x.xlsx")
    report = check_file(tmp_path / "x.xlsx")
    assert report.tables == [] and [f.rule for f in report.findings] == ["XT001"]


def test_formulas_without_cached_values_are_evaluated_not_read_as_blank(tmp_path):
    """A file written by a script (openpyxl) and never opened in a spreadsheet program."""
    from openpyxl import Workbook

    from tests.rule_bases import F1
    from xltools.workbook.read import read_book

    wb = Workbook()
    ws = wb.active
    for row in F1:
        ws.append(row)
    ws["H10"] = "=I3+SUM(H6:H9)"  # 总分 as a formula: 9 + 90 = 99
    ws["H3"] = "=F3/E3"
    ws["H6"] = 31                  # and one slip that makes 总分 recompute to 100
    wb.save(tmp_path / "scripted.xlsx")
    book = read_book(tmp_path / "scripted.xlsx")
    assert book.evaluated
    report = check_file(tmp_path / "scripted.xlsx")
    rules = {(f.rule, f.cell) for f in report.findings}
    assert ("SE01", "H6") in rules
    assert not any(rule == "SE03" for rule, _ in rules)  # 总分 evaluated to 100 = 9 + 31 + 20 + 30 + 10
