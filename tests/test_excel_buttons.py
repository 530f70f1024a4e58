"""The ribbon buttons, run against real ``xlwings.Book`` objects built through xlwings' JSON engine.

The book is built from a workbook file the way an xlwings client sends it (sheet values from
A1, notes); what the buttons do comes back as xlwings' own list of actions, which the tests
read to see that colours, notes, new sheets and values hit the right cells. The engine needs
``XLWINGS_LICENSE_KEY=noncommercial``, which tests/conftest.py sets for the test run only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import seed_books
from xltools.check import check_file
from xltools.excel import buttons
from xltools.mark.common import META_COL, META_ROW, RESULT_SHEET
from xltools.workbook.read import read_book


@pytest.fixture()
def xw():
    import xlwings  # tests/conftest.py sets XLWINGS_LICENSE_KEY before xlwings is first imported

    assert "remote" in [e.name for e in xlwings.engines], "xlwings' JSON engine is not available"
    return xlwings


def payload(xw, path: Path, extra_sheets: list[dict] | None = None, notes: dict[str, list[str]] | None = None):
    sheets = []
    for sheet in read_book(path).sheets:
        width = max((len(r) for r in sheet.rows), default=1)
        values = [["" if v is None else v for v in r] + [""] * (width - len(r)) for r in sheet.rows] or [[""]]
        sheets.append({"name": sheet.name, "values": values, "pictures": [], "tables": [],
                       "notes": [{"address": a} for a in (notes or {}).get(sheet.name, [])]})
    return {"client": "Office.js", "version": xw.__version__, "names": [],
            "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"},
            "sheets": (extra_sheets or []) + sheets}


def actions(book) -> list[dict]:
    return book.json()["actions"]


def cell(action: dict) -> tuple[int, int]:
    return action["start_row"], action["start_column"]


def test_check_marks_the_live_book_at_the_right_cells(xw, tmp_path):
    path = seed_books.hubei_000(tmp_path / "湖北.xlsx")
    book = xw.Book(json=payload(xw, path))
    report = buttons.check_workbook(book)
    # the same checker as for files: the same findings
    assert [(f.rule, f.cell) for f in report.findings] == [(f.rule, f.cell) for f in check_file(path).findings]
    acts = actions(book)
    before_results = acts[:next(i for i, a in enumerate(acts) if a["func"] == "addSheet")]
    colours = {cell(a): a["args"][0] for a in before_results if a["func"] == "setRangeColor"}
    # F5 (预算执行得分) and B23 (总分) red; F16 (实际完成值 left blank) orange
    assert colours == {(4, 5): "#FFC7CE", (22, 1): "#FFC7CE", (15, 5): "#FFD8A8"}
    assert {a["sheet_position"] for a in before_results} == {0}
    notes = {a["args"][0]: a["args"][1] for a in acts if a["func"] == "addNote"}
    assert set(notes) == {"$F$5", "$B$23", "$F$16"} and "19.17" in notes["$F$5"] and "81.00" in notes["$B$23"]
    added = next(a for a in acts if a["func"] == "addSheet")
    assert added["args"] == [0, RESULT_SHEET]
    rows = next(a for a in acts if a["func"] == "setValues" and a["start_row"] == 0)["values"]
    assert rows[1][:3] == ["序号", "工作表", "单元格"]
    assert rows[2][2] == "=HYPERLINK(\"#'部门整体绩效自评表'!F5\",\"F5\")"
    meta = next(a for a in acts if a["func"] == "setValues" and a["start_row"] == META_ROW - 1)
    assert meta["start_column"] == 25 and meta["values"][0][0].startswith("xltools-marks:")
    assert any(a["func"] == "setColumnHidden" for a in acts)
    assert acts[-1]["func"] == "alert" and "错误 2 处" in acts[-1]["args"][0]


def test_clear_removes_exactly_what_check_added(xw, tmp_path):
    path = seed_books.hubei_000(tmp_path / "湖北.xlsx")
    first = xw.Book(json=payload(xw, path))
    buttons.check_workbook(first)
    acts = actions(first)
    rows = next(a for a in acts if a["func"] == "setValues" and a["start_row"] == 0)["values"]
    meta = next(a for a in acts if a["func"] == "setValues" and a["start_row"] == META_ROW - 1)["values"]
    # the book as the client sends it after 检查: results sheet first, notes on the marked cells
    width = 26
    values = [r + [""] * (width - len(r)) for r in rows]
    values += [[""] * width for _ in range(META_ROW - 1 - len(values))]
    values += [[""] * 25 + [m[0]] for m in meta]
    marked = payload(xw, path, extra_sheets=[{"name": RESULT_SHEET, "values": values, "pictures": [], "tables": [],
                                              "notes": []}], notes={"部门整体绩效自评表": ["$F$5", "$B$23", "$F$16"]})
    book = xw.Book(json=marked)
    assert buttons.clear_marks(book) is True
    acts = actions(book)
    restored = {cell(a): a["args"][0] for a in acts if a["func"] == "setRangeColor"}
    assert restored == {(4, 5): None, (22, 1): None, (15, 5): None}
    assert {cell(a) for a in acts if a["func"] == "deleteNote"} == {(4, 5), (22, 1), (15, 5)}
    assert [a["sheet_position"] for a in acts if a["func"] == "sheetDelete"] == [0]
    assert not any(a["func"] in ("addNote", "addSheet") for a in acts)


def test_users_own_notes_are_kept(xw, tmp_path):
    path = seed_books.hubei_000(tmp_path / "湖北.xlsx")
    book = xw.Book(json=payload(xw, path, notes={"部门整体绩效自评表": ["$F$5"]}))
    buttons.check_workbook(book)
    assert [a["args"][0] for a in actions(book) if a["func"] == "addNote"] == ["$F$16", "$B$23"]


def test_clear_without_marks_does_nothing(xw, tmp_path):
    book = xw.Book(json=payload(xw, seed_books.hunan_001(tmp_path / "湖南.xlsx")))
    assert buttons.clear_marks(book) is False
    assert [a["func"] for a in actions(book)] == ["alert"]


def test_new_project_sheet_writes_the_f1_form_with_its_formulas(xw, tmp_path):
    path = seed_books.hunan_001(tmp_path / "湖南.xlsx")
    book = xw.Book(json=payload(xw, path))
    title = buttons.new_project_sheet(book)
    assert title == "项目支出绩效自评表"
    acts = actions(book)
    added = next(a for a in acts if a["func"] == "addSheet")
    assert added["args"][1] == title
    grid = next(a for a in acts if a["func"] == "setValues")["values"]
    assert grid[0][0] == "项目支出绩效自评表" and grid[5][2] == "年度资金总额"
    assert grid[5][7] == '=IF(AND(ISNUMBER(E6),E6<>0,ISNUMBER(F6)),F6/E6,"")'  # 执行率 = B/A in H6
    assert grid[5][8] == '=IF(AND(ISNUMBER(G6),ISNUMBER(H6)),MIN(G6,G6*H6),"")'  # 得分 in I6
    assert any(str(v).startswith("=IF(ISNUMBER(H") for v in grid[-2])  # 自评等级 from 总分
    assert sum(a["func"] == "rangeMerge" for a in acts) > 10
    assert {a["args"][0] for a in acts if a["func"] == "setNumberFormat"} >= {"#,##0.00", "0.00%"}
    assert "#FFF8E1" in {a["args"][0] for a in acts if a["func"] == "setRangeColor"}


def test_new_project_sheet_never_overwrites_a_sheet(xw, tmp_path):
    path = tmp_path / "f1.xlsx"
    path.write_bytes((Path(__file__).resolve().parent.parent / "templates" / "F1_项目支出绩效自评表.xlsx").read_bytes())
    book = xw.Book(json=payload(xw, path))
    assert buttons.new_project_sheet(book) == "项目支出绩效自评表(2)"


def test_summary_links_every_project_form(xw, tmp_path):
    path = seed_books.project_004(tmp_path / "山东.xlsx")
    book = xw.Book(json=payload(xw, path))
    title = buttons.build_summary(book)
    assert title == "项目支出绩效自评情况汇总表"
    acts = actions(book)
    assert next(a for a in acts if a["func"] == "addSheet")["args"][0] == 0  # first sheet
    grid = next(a for a in acts if a["func"] == "setValues")["values"]
    first = grid[3]
    assert first[1] == "=IF('公立医院综合改革补助'!C3=\"\",\"\",'公立医院综合改革补助'!C3)"
    assert first[2] == "=IF('公立医院综合改革补助'!E6=\"\",\"\",'公立医院综合改革补助'!E6)"
    assert first[3] == "=IF('公立医院综合改革补助'!H20=\"\",\"\",'公立医院综合改革补助'!H20)"
    assert "'公立医院综合改革补助'!H20>=90" in first[4]  # no 等级 row on the form: graded from its 总分
    assert grid[4][3] == "=IF('基层医疗'!H20=\"\",\"\",'基层医疗'!H20)"
    assert grid[5][3].startswith("=IF(SUMPRODUCT(C4:C5,ISNUMBER(D4:D5)*1)=0")  # fund-weighted average


def test_help(xw, tmp_path):
    book = xw.Book(json=payload(xw, seed_books.hunan_001(tmp_path / "湖南.xlsx")))
    buttons.show_help(book)
    assert "检查本工作簿" in actions(book)[-1]["args"][0]


def test_meta_column_constant_matches_the_file_marker():
    assert (META_COL, META_ROW) == ("Z", 10000)


# ---- the live 检查结果 prints like a marked file's --------------------------------------------------

class RecordedPageSetup:
    """Stands in for Excel's COM PageSetup: records each property set, in order; refuses those named."""

    def __init__(self, refuse: tuple[str, ...] = ()) -> None:
        object.__setattr__(self, "set", [])
        object.__setattr__(self, "refuse", refuse)

    def __setattr__(self, name: str, value: object) -> None:
        if name in self.refuse:
            raise OSError(f"Unable to set the {name} property of the PageSetup class")
        self.set.append((name, value))


def _units_of(path: Path) -> list[str]:
    from xltools.mark.common import unit_names

    return unit_names(check_file(path).recognized, read_book(path))


def test_live_results_sheet_is_laid_out_for_printing(xw, tmp_path, monkeypatch):
    import datetime as dt

    from xltools.excel import live
    from xltools.mark.common import (
        PAGE_FOOTER,
        about_line,
        page_header_sections,
        summary_line,
    )

    path = seed_books.hubei_000(tmp_path / "湖北.xlsx")
    recorded = RecordedPageSetup()
    monkeypatch.setattr(live, "excel_page_setup", lambda sheet: recorded)  # Excel on Windows
    book = xw.Book(json=payload(xw, path))
    report = buttons.check_workbook(book)
    units, today = _units_of(path), dt.date.today()
    assert units and units[0].startswith("单位名称：")
    acts = [a for a in actions(book) if a["sheet_position"] == 0]
    rows = next(a for a in acts if a["func"] == "setValues" and a["start_row"] == 0)["values"]
    last = len(rows)
    assert rows[0][0] == summary_line(report.findings, "湖北.xlsx") + "\n" + about_line(units, today)
    done = {a["func"]: a for a in acts[acts.index(next(a for a in acts if a["func"] == "rangeMerge")):]}
    assert (cell(done["rangeMerge"]), done["rangeMerge"]["column_count"]) == ((0, 0), 8)
    for func in ("setWrapText", "setVerticalAlignment"):  # the whole table, top-aligned and wrapped
        assert (cell(done[func]), done[func]["row_count"], done[func]["column_count"]) == ((0, 0), last, 8)
    assert done["setVerticalAlignment"]["args"] == ["Top"]
    assert done["setRowHeight"]["start_row"] == 0 and done["setRowHeight"]["args"][0] > 15  # two lines of title
    assert (cell(done["setAutofit"]), done["setAutofit"]["row_count"]) == ((1, 0), last - 1)
    assert done["setPrintArea"]["args"] == [f"$A$1:$H${last}"]
    left, centre, right = page_header_sections("湖北.xlsx", units, today)
    settings = dict(recorded.set)
    assert {k: settings[k] for k in ("PaperSize", "Orientation", "Zoom", "FitToPagesWide", "FitToPagesTall",
                                     "PrintTitleRows", "PrintArea", "LeftHeader", "CenterHeader", "RightHeader",
                                     "CenterFooter")} == {
        "PaperSize": 9, "Orientation": 2, "Zoom": False, "FitToPagesWide": 1, "FitToPagesTall": False,
        "PrintTitleRows": "$2:$2", "PrintArea": f"$A$1:$H${last}", "LeftHeader": left, "CenterHeader": centre,
        "RightHeader": right, "CenterFooter": PAGE_FOOTER}
    assert left.startswith("单位名称：") and centre == "文件：湖北.xlsx" and right.startswith("检查日期：")
    names = [name for name, _ in recorded.set]
    assert names.index("Zoom") < names.index("FitToPagesWide")  # Excel fits to pages only with Zoom off


def test_page_setup_goes_on_when_excel_refuses_a_property():
    import datetime as dt

    from xltools.excel.live import print_setup

    recorded = RecordedPageSetup(refuse=("PaperSize",))  # Excel without a printer refuses paper sizes
    refused = print_setup(recorded, "表.xlsx", [], dt.date(2025, 3, 1), 12)
    assert refused == ["PaperSize"]
    settings = dict(recorded.set)
    assert settings["Orientation"] == 2 and settings["PrintArea"] == "$A$1:$H$12"
    assert settings["LeftHeader"] == "" and settings["RightHeader"] == "检查日期：2025年3月1日"


def test_page_setup_is_reached_only_through_excels_own_object(xw, tmp_path):
    from xltools.excel.live import excel_page_setup

    book = xw.Book(json=payload(xw, seed_books.hunan_001(tmp_path / "湖南.xlsx")))
    assert excel_page_setup(book.sheets[0]) is None  # the JSON engine's api is the sheet's data

    class ComSheet:
        class api:  # the shape of a COM Worksheet
            PageSetup = "the PageSetup"

    class AppleScriptSheet:
        @property
        def api(self):
            raise AttributeError("no PageSetup in AppleScript")

    assert excel_page_setup(ComSheet()) == "the PageSetup" and excel_page_setup(AppleScriptSheet()) is None
