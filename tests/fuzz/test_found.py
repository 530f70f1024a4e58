"""Every failing example fuzzing found, kept as a regular test (tests/fuzz/test_fuzz.py)."""

from __future__ import annotations

from tests.fuzz.strategies import build_workbook
from tests.fuzz.targets import random_workbook


def test_marking_an_empty_sheet_and_clearing_it_gives_back_the_same_bytes(tmp_path):
    """XT001 marks A1 of a sheet whose data is <sheetData/>: clearing left <sheetData><row r="1"></row>."""
    random_workbook(build_workbook([("“三公”经费", [], [])]), tmp_path)


def test_a_marked_cell_in_a_self_closing_row_is_cleared_back_to_that_row(tmp_path):
    """The same bug's other form: the mark lands in an existing row written as <row r="1" …/>."""
    import zipfile

    import xlsxwriter

    from tests.fuzz.targets import assert_same_parts
    from xltools.check import check_file
    from xltools.mark import clear_file, mark_file

    source = tmp_path / "行.xlsx"
    wb = xlsxwriter.Workbook(str(source))
    wb.add_worksheet("表").set_row(0, 20)  # a row with a height and no cells
    wb.close()
    assert b'<row r="1" ht="20.25" customHeight="1"/>' in zipfile.ZipFile(source).read("xl/worksheets/sheet1.xml")
    report = check_file(source)
    assert [(f.rule, f.cell) for f in report.findings] == [("XT001", "A1")]
    mark_file(source, tmp_path / "标记.xlsx", report.findings)
    clear_file(tmp_path / "标记.xlsx", tmp_path / "清除.xlsx")
    assert_same_parts(tmp_path / "清除.xlsx", source)


def test_a_style_block_whose_count_disagrees_with_its_items_is_cleared_back_as_it_was(tmp_path):
    """A mutated styles.xml said <fonts count="4"> over 5 fonts: clearing wrote the true count."""
    from tests.feature_books import edit_package
    from tests.fuzz.targets import mutated_workbook
    from tests.hostile_corpus import good_form

    book = edit_package(good_form(tmp_path / "count.xlsx"),
                        {"xl/styles.xml": lambda xml: xml.replace('<fonts count="1">', '<fonts count="7">')})
    (tmp_path / "run").mkdir()
    mutated_workbook(book.read_bytes(), tmp_path / "run")


def test_a_marked_copy_of_a_damaged_but_readable_workbook_reads_back(tmp_path):
    """The root element renamed (<vorksheet>): calamine still reads the cells; marking wrote s="…"
    before r="…", which sent the re-check to the strict XML path, which refused the damaged copy."""
    from tests.feature_books import edit_package
    from tests.fuzz.targets import mutated_workbook
    from tests.hostile_corpus import good_form

    book = edit_package(good_form(tmp_path / "root.xlsx"), {"xl/worksheets/sheet1.xml": lambda xml: xml.replace(
        "<worksheet ", "<vorksheet ", 1)})
    (tmp_path / "run").mkdir()
    mutated_workbook(book.read_bytes(), tmp_path / "run")


def test_two_cells_income_above_spending_are_checked_without_a_crash(tmp_path):
    """本年收入 above 本年支出 in one column (a stacked 01 表 with nothing else): the final-accounts
    recognizer raised TypeError (xltools/recognize/final_accounts.py, stacked layout: _side gave None)."""
    from tests.fuzz.strategies import build_workbook

    random_workbook(build_workbook([("表", [["本年收入"], ["本年支出"]], [])]), tmp_path)
