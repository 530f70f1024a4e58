"""read_book marks hidden sheets (python-calamine's SheetVisibleEnum; its text always contains "Visible")."""

from __future__ import annotations

import openpyxl

from xltools.workbook.read import read_book


def test_hidden_and_very_hidden_sheets_are_marked(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "显示"
    for name, state in (("隐藏", "hidden"), ("深度隐藏", "veryHidden")):
        ws = wb.create_sheet(name)
        ws.sheet_state = state
        ws["A1"] = 1
    wb.save(tmp_path / "h.xlsx")
    assert [(s.name, s.hidden) for s in read_book(tmp_path / "h.xlsx").sheets] == [
        ("显示", False), ("隐藏", True), ("深度隐藏", True)]
