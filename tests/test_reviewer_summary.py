"""The summary workbook a reviewer prints and files (xltools check --summary, Report.to_excel)."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import load_workbook

from tests import seed_books


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    import xltools

    folder = tmp_path_factory.mktemp("summary") / "各单位"
    folder.mkdir()
    seed_books.hubei_000(folder / "湖北.xlsx")
    seed_books.hunan_001(folder / "湖南.xlsx")
    seed_books.accounts_004(folder / "决算.xlsx")
    (folder / "坏文件.xlsx").write_bytes(b"broken")
    path = folder.parent / "检查汇总.xlsx"
    report = xltools.check(folder)
    report.to_excel(path)
    return path, report


def test_title_with_folder_and_date_and_numbers_as_numbers(summary):
    path, report = summary
    ws = load_workbook(path)["文件汇总"]
    assert ws["A1"].value.startswith("检查汇总：") and "各单位" in ws["A1"].value
    assert ws["A2"].value.startswith("检查日期：") and "年" in ws["A2"].value and "共 4 个文件" in ws["A2"].value
    header = [c.value for c in ws[3]]
    assert header == ["序号", "文件", "单位/项目名称", "识别到的表格", "错误", "警告", "提示", "总分", "等级", "读取错误"]
    rows = {r[1]: r for r in ws.iter_rows(min_row=4, values_only=True)}
    assert rows["湖北.xlsx"][7] == 87.0  # 总分 stored as a number, not text
    assert rows["湖北.xlsx"][4] == 2 and isinstance(rows["湖北.xlsx"][4], int)
    assert "公开01表 收入支出决算总表" in rows["决算.xlsx"][3]  # table names in Chinese
    assert not any("F4." in str(v) or "F2-" in str(v) for r in rows.values() for v in r)
    assert rows["坏文件.xlsx"][9].startswith("无法读取")


def test_every_table_sheet_prints_on_a4_landscape_fitted_to_width_with_the_header_repeated(summary):
    wb = load_workbook(summary[0])
    for name in ("文件汇总", "规则统计", "问题明细"):
        ws = wb[name]
        assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape", name  # 9: A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1, name
        assert ws.page_setup.fitToHeight == 0, name  # as many pages down as the rows need
        assert ws.print_title_rows == "$3:$3", name
        assert "&P" in ws.oddFooter.center.text
        for row in ws.iter_rows(min_row=3, max_row=ws.max_row):
            for cell in row:
                assert cell.border.left.style == "thin" and cell.border.bottom.style == "thin", (name, cell.coordinate)


def test_wrapped_rows_are_tall_enough_for_their_text(summary):
    ws = load_workbook(summary[0])["文件汇总"]
    heights = {ws.cell(r, 2).value: ws.row_dimensions[r].height for r in range(4, ws.max_row + 1)}
    assert heights["决算.xlsx"] > 2 * heights["湖北.xlsx"]  # nine table names wrap onto several lines


def test_rules_counted_by_the_severity_actually_found(summary):
    path, report = summary
    from xltools.rules import REGISTRY

    ws = load_workbook(path)["规则统计"]
    assert [c.value for c in ws[3]] == ["规则", "标题", "错误", "警告", "提示", "合计", "涉及文件数"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=4, values_only=True) if r[0]}
    frame = report.to_frame()
    for code, row in rows.items():
        if code == "合计":
            continue
        mine = frame[frame.rule == code]
        assert row[2:5] == tuple(int((mine.severity == s).sum()) for s in ("error", "warning", "info")), code
        assert row[5] == len(mine) and row[1] == REGISTRY[code].title
    # 274 vs 273 + 2 on whole 万元 is a rounding warning although SE08 is an error rule by default
    assert REGISTRY["SE08"].severity == "error" and rows["SE08"][2:4] == (0, 1)
    assert rows["合计"][2] == "=SUM(C4:C{})".format(ws.max_row - 1)


def test_the_chart_has_a_page_of_its_own(summary):
    wb = load_workbook(summary[0])
    chart_sheet = wb["图表"]
    assert chart_sheet.print_area and chart_sheet.page_setup.fitToHeight == 1
    assert chart_sheet.page_setup.orientation == "landscape"
    assert not wb["规则统计"]._charts
    with zipfile.ZipFile(summary[0]) as z:
        chart = next(n for n in z.namelist() if n.startswith("xl/charts/chart"))
        xml = z.read(chart).decode()
    assert '<grouping val="stacked"/>' in xml and xml.count("<ser>") == 3  # 错误, 警告, 提示


def test_details_list_every_finding_in_chinese(summary):
    path, report = summary
    ws = load_workbook(path)["问题明细"]
    levels = [r[4] for r in ws.iter_rows(min_row=4, values_only=True)]
    assert len(levels) == len(report.findings) and set(levels) <= {"错误", "警告", "提示"}


def test_summary_of_a_clean_run(tmp_path):
    from xltools.api import Report

    Report([], folder="空").to_excel(tmp_path / "s.xlsx")
    wb = load_workbook(tmp_path / "s.xlsx")
    assert "图表" not in wb.sheetnames and wb["规则统计"]["B4"].value == "没有发现问题"
