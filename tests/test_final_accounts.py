"""决算 (F4) tables are read by their row and column names, in the layouts real years and units use.

The rule cases (tests/rule_cases/FA*.json, bases in tests/final_accounts_bases.py) check each rule
on each layout cell by cell; the tests here check what holds across layouts: 行次 never matter,
titles or their absence never matter, the renderer's columns are the recogniser's columns.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

from tests import seed_books
from tests.final_accounts_bases import FINAL_ACCOUNTS_BASES
from xltools import example
from xltools.check import check_file
from xltools.forms import f4_final_accounts as f4
from xltools.recognize.final_accounts import TITLE_WORDS, TITLES, _split_code, name_of
from xltools.render.xlsx import render_workbook, save


def _book(sheets: dict[str, list[list[object]]], path: Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def _found(report) -> set[tuple[str, str, str, str]]:
    return {(f.rule, f.sheet, f.cell, f.severity) for f in report.findings}


@pytest.mark.parametrize("label, words, level, partial", [
    ("一、一般公共预算财政拨款收入", "一般公共预算财政拨款收入", 1, False),
    ("(一)公务用车购置费:", "公务用车购置费", 2, False),
    ("1.因公出国(境)费用", "因公出国费用", 3, False),
    ("其中:(1)公务用车运行维护费", "公务用车运行维护费", 4, True),
    ("“三公”经费合计", "三公经费合计", 0, False),
    ("使用非财政拨款结余(含专用结余)", "使用非财政拨款结余", 0, False),
    ("十一、城乡社区支出", "城乡社区支出", 1, False),
    ("2080505", "2080505", 0, False),
])
def test_names_without_ordinals_brackets_and_quotes(label, words, level, partial):
    name = name_of(label)
    assert (name.words, name.level, name.partial) == (words, level, partial)


@pytest.mark.parametrize("parts, klass, kuan, code", [
    (["208", "", ""], "", "", "208"),
    (["208", "05", ""], "", "", "20805"),
    (["", "05", ""], "208", "", "20805"),
    (["", "", "05"], "208", "20805", "2080505"),
    (["208", "05", "05"], "", "", "2080505"),
    (["", "20805", ""], "208", "", "20805"),
    (["", "", "2080505"], "208", "20805", "2080505"),
    (["", "", "05"], "", "", ""),  # a 项 with no 款 above it is not a code
])
def test_split_codes_take_class_and_kuan_from_the_rows_above(parts, klass, kuan, code):
    assert _split_code(parts, klass, kuan) == code


def test_every_title_has_a_word_of_the_quick_test():
    """table_number skips texts without any of TITLE_WORDS: no title of the spec may lack them all."""
    assert all(any(word in title for word in TITLE_WORDS) for _, titles in TITLES for title in titles)


def test_the_rendered_form_is_read_with_the_columns_it_renders(tmp_path):
    """The example's nine 决算 sheets, rendered from the form spec, come back with every column."""
    wb, _ = render_workbook(f4.build(example.final_accounts()))
    save(wb, tmp_path / "f4.xlsx")
    report = check_file(tmp_path / "f4.xlsx")
    rec = report.recognized
    assert sorted(t.kind for t in report.tables) == [f"F4.0{n}" for n in range(1, 10)]
    columns = {t.no: set(t.columns) for t in rec.code_tables}
    assert columns == {"02": {c.key for c in f4.INCOME_02}, "03": {c.key for c in f4.SPENDING_03},
                       "05": {c.key for c in f4.SPENDING},
                       "07": {c.key for c in (*f4.FUND_07_PREFIX, *f4.SPENDING, *f4.FUND_07_SUFFIX)},
                       "08": {c.key for c in f4.SPENDING}}
    sides = {(t.no, s.side): set(s.columns) for t in rec.line_tables for s in (t.income, t.spending)}
    assert sides == {("01", "income"): {"amount"}, ("01", "spending"): {"amount"},
                     ("04", "income"): {"amount"}, ("04", "spending"): {"total", *f4.FUND_KEYS_04}}
    t01 = next(t for t in rec.line_tables if t.no == "01")
    assert [r.role for r in t01.income.rows if r.role != "item"] == ["income_subtotal", "surplus", "opening", "total"]
    assert len(t01.income.items) == 8 and len(t01.spending.items) == 26  # named rows, blank ones too
    (three,) = rec.three_public
    assert {name: set(cells) for name, cells in three.blocks.items()} == {
        "预算数": {"total", "abroad", "car", "purchase", "running", "reception"},
        "决算数": {"total", "abroad", "car", "purchase", "running", "reception"}}


def _renumber(path: Path, out: Path, shift: int) -> Path:
    """The same workbook with every 行次 of the two totals tables moved by ``shift``."""
    wb = load_workbook(path)
    for name, columns in (("收支总表", ("B", "E")), ("财政拨款总表", ("B", "E"))):
        ws = wb[name]
        for col in columns:
            for cell in ws[col]:
                if isinstance(cell.value, str) and cell.value.isdigit():
                    cell.value = str(int(cell.value) + shift)
    wb.save(out)
    return out


def test_line_numbers_never_matter(tmp_path):
    """Seed 004 with its 行次 renumbered, or with no 行次 at all, gives the same findings."""
    path = seed_books.accounts_004(tmp_path / "seed.xlsx")
    original = _found(check_file(path))
    assert original and all(severity == "warning" for *_, severity in original)
    for shift in (-20, 7, 100):
        renumbered = check_file(_renumber(path, tmp_path / f"shift{shift}.xlsx", shift))
        assert _found(renumbered) == original, shift
    wb = load_workbook(path)
    for name in ("收支总表", "财政拨款总表"):
        wb[name].delete_cols(5)
        wb[name].delete_cols(2)
    wb.save(tmp_path / "no_lines.xlsx")

    def moved(sheet: str, cell: str) -> str:
        if sheet not in ("收支总表", "财政拨款总表"):
            return cell
        letters, row = coordinate_from_string(cell)
        col = column_index_from_string(letters)
        return f"{get_column_letter(col - (col > 2) - (col > 5))}{row}"

    without = _found(check_file(tmp_path / "no_lines.xlsx"))
    assert without == {(rule, sheet, moved(sheet, cell), sev) for rule, sheet, cell, sev in original}


def test_untitled_sheets_are_read_by_their_names(tmp_path):
    """The 2019 set without titles or table numbers, on sheets named Sheet1…: the same tables, clean;
    a slip in its 02表 found at the same cell as with titles."""
    untitled = {}
    for i, rows in enumerate(FINAL_ACCOUNTS_BASES["f4_2019"].values(), start=1):
        untitled[f"Sheet{i}"] = [["", ""], ["", ""], ["", ""]] + rows[3:]
    report = check_file(_book(untitled, tmp_path / "untitled.xlsx"))
    assert sorted(t.kind for t in report.tables) == ["F4.01", "F4.02", "F4.03", "F4.04"]
    assert report.findings == []
    wb = load_workbook(tmp_path / "untitled.xlsx")
    wb["Sheet2"]["C13"] = 283.30
    wb.save(tmp_path / "slip.xlsx")
    assert ("FA03", "Sheet2", "C13", "error") in _found(check_file(tmp_path / "slip.xlsx"))


def test_three_public_blocks_with_their_total_last(tmp_path):
    """Two blocks of six whose 合计 is the last column, and no 栏次 row: read by the headers."""
    items = ["因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费", "合计"]
    sheet = [["“三公”经费支出决算表"], ["预算数", "", "", "", "", "", "决算数"], items * 2,
             ["", "小计", "公务用车购置费", "公务用车运行维护费", "", ""] * 2,
             [1, 6, 2, 4, 3, 10, 0.5, 5.55, 1.8, 3.75, 2.5, 8.55]]
    path = _book({"三公": sheet}, tmp_path / "blocks.xlsx")
    report = check_file(path)
    assert [t.kind for t in report.tables] == ["F4.09"] and report.findings == []
    wb = load_workbook(path)
    wb["三公"]["L5"] = 8.57
    wb["三公"]["H5"] = 5.54
    wb.save(tmp_path / "slip.xlsx")
    assert _found(check_file(tmp_path / "slip.xlsx")) == {("FA06", "三公", "L5", "error"),
                                                         ("FA06", "三公", "H5", "warning")}


def test_stacked_totals_table(tmp_path):
    """收入 rows above 支出 rows in the same two columns (some units print 01表 so)."""
    rows = [["收入支出决算总表"], ["项目", "金额"], ["收入", ""],
            ["一、财政拨款收入", 90], ["其中：政府性基金预算财政拨款", 10], ["二、事业收入", 30],
            ["本年收入合计", 120], ["用事业基金弥补收支差额", ""], ["年初结转和结余", 5], ["收入总计", 125],
            ["支出", ""], ["一、教育支出", 100], ["二、卫生健康支出", 15], ["本年支出合计", 115],
            ["结余分配", ""], ["年末结转和结余", 10], ["支出总计", 125]]
    path = _book({"表一": rows}, tmp_path / "stacked.xlsx")
    report = check_file(path)
    assert [t.kind for t in report.tables] == ["F4.01"] and report.findings == []
    wb = load_workbook(path)
    wb["表一"]["B13"] = 16
    wb.save(tmp_path / "slip.xlsx")
    found = Counter((f.rule, f.cell, f.severity) for f in check_file(tmp_path / "slip.xlsx").findings)
    assert found == Counter({("FA04", "B14", "error"): 1})  # 本年支出合计 115 ≠ 100 + 16


def test_words_in_amount_cells_are_not_headers(tmp_path):
    """"无" typed for an item's amount, on either side: the item is blank, the rows below still items."""
    sheets = {name: [row[:] for row in rows] for name, rows in FINAL_ACCOUNTS_BASES["f4_no_lines"].items()}
    sheets["附件1"][6][1] = "无"  # 二、政府性基金预算财政拨款收入
    sheets["附件1"][6][3] = "无"  # 二、教育支出
    report = check_file(_book(sheets, tmp_path / "words.xlsx"))
    assert [t.kind for t in report.tables] == ["F4.01", "F4.04"] and report.findings == []
    t01 = report.recognized.line_tables[0]
    assert [r.key for r in t01.income.items][:3] == ["fiscal_general", "fiscal_fund", "fiscal_capital"]


def test_notes_sheet_is_not_a_table(tmp_path):
    notes = [["填报说明"], ["一、收入支出决算总表：反映单位本年度的总收支和年末结转结余情况。"],
             ["二、本年收入合计、本年支出合计按决算数填列。"]]
    report = check_file(_book({"填报说明": notes}, tmp_path / "notes.xlsx"))
    assert report.tables == [] and [f.rule for f in report.findings] == ["XT001"]


@pytest.mark.parametrize(("heading", "name"), [
    (["编制单位：某县财政局"], "某县财政局"),
    (["编制单位：某县财政局          金额单位：万元"], "某县财政局"),  # both in one cell
    (["编制单位:某县财政局　单位：万元"], "某县财政局"),
    (["单位：枣庄市精神卫生中心", None, None, "金额单位：万元"], "枣庄市精神卫生中心"),
    (["单位名称：某区残联"], "某区残联"),
    (["部门：某区教育局"], "某区教育局"),
    (["单位：", "某乡人民政府", None, "金额单位：万元"], "某乡人民政府"),  # the template's label and input cell
    (["单位：", None, None, "金额单位：万元"], ""),  # left empty
    (["单位：万元"], ""),  # a money unit, not a name
    (["金额单位：元"], ""),
    (["实施单位"], ""),
])
def test_the_compiling_unit_is_read_from_the_heading(heading, name):
    from xltools.recognize.final_accounts import compiler
    from xltools.recognize.grid import Grid
    from xltools.workbook.read import SheetData

    rows = [["收入支出决算总表"], heading, ["项目", "决算数"], ["合计", 1.0]]
    assert compiler(Grid(SheetData("公开01表", rows))) == name
