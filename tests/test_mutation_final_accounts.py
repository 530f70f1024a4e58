"""决算 tables of one set published in different units (some in 元, the rest in 万元): FA07 compares them
after converting, in both directions. Mutation testing (bench/mutation.sh, docs/mutation.md) showed the
conversion could be inverted or dropped with no test failing: the only mixed-unit base had 02 in 元
against 01 in 万元, never a 元 table on the checked side, nor 05 and 03 in different units.

The books are the clean f4 base (tests/rule_bases.py) with a unit line in B2 of every sheet and the
amounts of the 元 tables multiplied by 10,000 (1 万元 = 10,000 元).
"""

from __future__ import annotations

import copy
from pathlib import Path

from openpyxl import Workbook

from tests.rule_bases import BASES
from xltools.check import check_file

FIRST_AMOUNT_ROW, FIRST_AMOUNT_COL = 5, 3  # the f4 base's amounts start at C5 on every sheet


def _book(path: Path, yuan: set[str], overrides: dict[str, object] | None = None) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in copy.deepcopy(BASES["f4"]).items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if name in yuan and r >= FIRST_AMOUNT_ROW and c >= FIRST_AMOUNT_COL \
                        and isinstance(value, (int, float)) and not isinstance(value, bool):
                    value = value * 10000
                ws.cell(r, c, value)
        ws.cell(2, 2, "单位：元" if name in yuan else "单位：万元")
    for ref, value in (overrides or {}).items():
        sheet, cell = ref.split("!")
        wb[sheet][cell] = value
    wb.save(path)
    return path


def _fa07(report) -> dict[str, tuple[str, str, object, object]]:
    out = {}
    for f in report.findings:
        if f.rule == "FA07":
            assert f"{f.sheet}!{f.cell}" not in out, f  # one finding per cell in these books
            out[f"{f.sheet}!{f.cell}"] = (f.severity, f.message, f.expected, f.actual)
    return out


def _sheet_cells(sheet: str, rows: range, cols: str) -> list[str]:
    return [f"{sheet}!{c}{r}" for r in rows for c in cols]


def test_02_in_yuan_agrees_with_01_and_04_in_wan(tmp_path):
    """02's fiscal 1,000,000 元 = 100 万元 = 01's 100 = 04's 100: nothing to report in the whole set."""
    report = check_file(_book(tmp_path / "a.xlsx", {"公开02表"}))
    assert report.findings == [], [(f.rule, f.cell, f.message) for f in report.findings]


def test_02_in_yuan_one_hundred_yuan_over_is_a_rounding_warning_both_ways(tmp_path):
    """02's fiscal 1,000,100 元 = 100.01 万元 (and its 合计 1,500,100 元 = 150.01 万元): one unit of 0.01 万元
    from 01's 100.00 / 150.00 and from 04's 100.00. Where 02 is the checked table its figure is shown
    converted, 100.01, with "（元折合万元）"; where 02 is the reference the note goes with the reference."""
    fiscal = {ref: 1000100 for ref in _sheet_cells("公开02表", range(5, 9), "D")}
    totals = {"公开02表!C5": 1500100, **{ref: 1000100 for ref in _sheet_cells("公开02表", range(6, 9), "C")}}
    found = _fa07(check_file(_book(tmp_path / "b.xlsx", {"公开02表"}, {**fiscal, **totals})))
    assert set(found) == {"公开01表!C4", "公开01表!C30", "公开02表!D5"}
    assert {sev for sev, *_ in found.values()} == {"warning"}
    severity, message, expected, actual = found["公开02表!D5"]
    assert "公开02表合计“财政拨款收入”（元折合万元） 100.01，应为 100.00" in message and "尾数误差" in message
    assert (expected, actual) == (100.0, 100.01)
    severity, message, expected, actual = found["公开01表!C4"]
    assert "100.00，应为 100.01（公开02表合计“财政拨款收入”，元折合万元）" in message
    assert (expected, actual) == (100.01, 100.0)
    assert "150.00，应为 150.01（公开02表合计“本年收入合计”，元折合万元）" in found["公开01表!C30"][1]


def test_02_in_yuan_two_hundred_yuan_over_is_an_error(tmp_path):
    """1,000,200 元 = 100.02 万元: two units of 0.01 万元 from 04's 100.00 → error."""
    fiscal = {ref: 1000200 for ref in _sheet_cells("公开02表", range(5, 9), "D")}
    totals = {"公开02表!C5": 1500200, **{ref: 1000200 for ref in _sheet_cells("公开02表", range(6, 9), "C")}}
    found = _fa07(check_file(_book(tmp_path / "c.xlsx", {"公开02表"}, {**fiscal, **totals})))
    assert found["公开02表!D5"][0] == "error"
    assert "（元折合万元） 100.02，应为 100.00" in found["公开02表!D5"][1]


def test_05_in_yuan_within_03_in_wan(tmp_path):
    """05's 208 基本支出 1,000,000 元 = 03's 100 万元: within; nothing on 05's cells nor on 04 (100 万元)."""
    found = _fa07(check_file(_book(tmp_path / "d.xlsx", {"公开05表"})))
    assert not [cell for cell in found if cell.startswith(("公开05表", "公开04表"))], found


def test_05_in_yuan_over_03_in_wan(tmp_path):
    """05's 208/20805/2080505 基本支出 1,000,100 元 against 03's 100 万元 = 1,000,000 元: 100 元 over, compared
    in whole 元 (05 shows whole 元) → error on each of the three codes, the limit stated in 05's unit."""
    over = {ref: 1000100 for ref in _sheet_cells("公开05表", range(5, 9), "CD")}
    found = _fa07(check_file(_book(tmp_path / "e.xlsx", {"公开05表"}, over)))
    on_05 = {cell: v for cell, v in found.items() if cell.startswith("公开05表")}
    assert set(on_05) == {"公开05表!D6", "公开05表!D7", "公开05表!D8"}
    severity, message, expected, actual = on_05["公开05表!D6"]
    assert severity == "error"
    assert "208（基本支出）1,000,100.00 超过公开03表同一科目 1,000,000.00" in message
    assert (expected, actual) == (1000000.0, 1000100.0)


def test_05_in_wan_over_03_in_yuan(tmp_path):
    """The other way round: 03 in 元 (208 基本支出 1,000,000 元 = 100 万元), 05 in 万元 at 100: within; at 120
    it is 20 万元 over → error, the limit 100.00 stated in 05's unit."""
    assert not [c for c in _fa07(check_file(_book(tmp_path / "f.xlsx", {"公开03表"}))) if c.startswith("公开05表")]
    over = {ref: 120 for ref in _sheet_cells("公开05表", range(5, 9), "CD")}
    found = _fa07(check_file(_book(tmp_path / "g.xlsx", {"公开03表"}, over)))
    on_05 = {cell: v for cell, v in found.items() if cell.startswith("公开05表")}
    assert set(on_05) == {"公开05表!D6", "公开05表!D7", "公开05表!D8"}
    assert "120.00 超过公开03表同一科目 100.00" in on_05["公开05表!D6"][1]
    assert on_05["公开05表!D6"][2:] == (100.0, 120.0)


def test_06_against_05_in_another_unit(tmp_path):
    """06 人员经费 60 + 公用经费 40 = 100 万元 = 05 基本支出 1,000,000 元, and the reverse: no finding on 06.
    Before the fix the raw numbers were compared (公用经费 40 "应为 999,940")."""
    for yuan in ({"公开05表"}, {"公开06表"}):
        found = _fa07(check_file(_book(tmp_path / f"{'_'.join(yuan)}.xlsx", yuan)))
        assert not [c for c in found if c.startswith("公开06表")], (yuan, found)


def test_06_against_05_in_another_unit_still_finds_a_slip(tmp_path):
    """06 in 万元 with 公用经费合计 typed 41: 60 + 41 = 101 万元 ≠ 05 基本支出 1,000,000 元 = 100 万元.
    Compared in 万元: 公用经费 should be 100 − 60 = 40, one whole 万元 off (more than one unit of 0.01): an error."""
    found = _fa07(check_file(_book(tmp_path / "slip.xlsx", {"公开05表"}, {"公开06表!I7": 41})))
    severity, message, expected, actual = found["公开06表!I7"]
    assert (severity, expected, actual) == ("error", 40.0, 41.0)
    assert "101.00万元" in message and "1,000,000.00元" in message and "元折合万元" in message
