"""The 检查结果 sheet of a marked copy prints for reviewers who file paper, and clears exactly.

Printed: A4 landscape fitted to the page width; the unit or project named on the form, the file
and the check date in the page header of every page; the header row repeated on every page;
page numbers in the footer; long messages wrapped, never cut. The proof is LibreOffice's own
PDF of a marked copy, read back with pypdf. Marking adds print names to the workbook part;
``clear`` gives back the original bytes whatever shape its definedNames had.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.feature_books import FEATURES
from tests.seed_books import accounts_004, hubei_000, hunan_001, shenzhen_002
from tests.test_marking import feature_book, parts
from xltools.check import check_file
from xltools.mark import RESULT_SHEET, clear_file, mark_file
from xltools.mark.common import (
    PAGE_FOOTER,
    RESULT_HEADERS,
    date_text,
    page_header,
    wrapped_lines,
)
from xltools.mark.package import Package
from xltools.rules.base import Finding

PROJECT = "某市基层卫生健康服务能力提升项目"
LONG_NAME = ("面向全省基层卫生服务机构开展的慢性病综合防控与健康管理示范项目中纳入规范化随访管理并完成年度健康评估的"
             "签约重点人群人数（含高血压、糖尿病、严重精神障碍患者及六十五岁以上老年人）")
ROWS = 70
A4_LANDSCAPE = (841.89, 595.28)  # points


def long_form(path: Path, rows: int = ROWS) -> Path:
    """A national form whose every indicator scores 2 of 1 point: one SE01 error per row, the first
    naming an indicator long enough to need three lines in the 说明 column."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("项目表")
    grid: list[list[object]] = [
        ["项目名称", "", PROJECT],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值(A)", "实际完成指标值(B)", "分值", "得分",
         "偏差原因分析及改进措施"],
    ]
    for k in range(rows):
        grid.append(["年度绩效指标" if k == 0 else "", "产出指标", "数量指标", LONG_NAME if k == 0 else f"培训人次{k + 1}",
                     "≥100人次", "100人次", 1, 2, ""])
    grid.append(["总分", "", "", "", "", "", "", 2 * rows])
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if value != "":
                ws.write(r, c, value)
    wb.close()
    return path


def squeezed(text: str) -> str:
    """Text as printed, without the line breaks and spaces that wrapping and extraction put in."""
    return re.sub(r"\s+", "", text)


# ---- the printed pages (one LibreOffice conversion for the module) ---------------------------

@pytest.fixture(scope="module")
def printed(tmp_path_factory, libreoffice):
    folder = tmp_path_factory.mktemp("print")
    source = long_form(folder / "长清单&2024.xlsx")  # an & in the name: a header code unless escaped
    report = check_file(source)
    assert [f.rule for f in report.counted] == ["SE01"] * ROWS
    marked = folder / "已标记.xlsx"
    before = dt.date.today()
    mark_file(source, marked, report.findings)
    days = {before, dt.date.today()}
    [pdf] = libreoffice([marked], folder / "pdf", fmt="pdf")
    pages = [(page.mediabox.width, page.mediabox.height, page.extract_text()) for page in PdfReader(pdf).pages]
    return pages, days


def result_pages(pages):
    """The 检查结果 pages: those with the results' header row (the form's own pages have none)."""
    header = "".join(RESULT_HEADERS)
    return [p for p in pages if header in squeezed(p[2])]


def test_results_print_on_a4_landscape_pages_with_the_header_row_on_each(printed):
    pages, _ = printed
    results = result_pages(pages)
    assert len(results) >= 2, "70 findings should need a second page"
    assert pages[:len(results)] == results  # the results come first, on consecutive pages
    for width, height, _ in results:
        assert (float(width), float(height)) == pytest.approx(A4_LANDSCAPE, abs=1)
    # the header row is printed once per page: on page 2 it comes from the repeated print titles
    assert all(squeezed(text).count("".join(RESULT_HEADERS)) == 1 for _, _, text in results)
    listed = "".join(text for _, _, text in results)
    assert listed.count("SE01") == ROWS  # every finding printed, none lost between pages


def test_each_results_page_names_the_unit_the_file_the_date_and_its_number(printed):
    pages, days = printed
    for number, (_, _, text) in enumerate(result_pages(pages), start=1):
        flat = squeezed(text)
        assert f"项目名称：{PROJECT}" in flat
        assert "文件：长清单&2024.xlsx" in flat  # the & printed as itself
        assert any(f"检查日期：{date_text(day)}" in flat for day in days)
        assert f"第{number}页，共{len(pages)}页" in flat


def test_a_long_message_wraps_and_prints_whole(printed):
    pages, _ = printed
    first = squeezed(result_pages(pages)[0][2])
    assert f"“{LONG_NAME}”得分2.00超过分值1.00" in first


# ---- what the sheet carries (no LibreOffice needed) ----------------------------------------

def _marked(tmp_path: Path, source: Path, **options) -> Path:
    marked = tmp_path / f"marked{source.suffix}"
    mark_file(source, marked, check_file(source).findings, **options)
    return marked


def test_results_sheet_print_setup(tmp_path):
    marked = _marked(tmp_path, long_form(tmp_path / "长清单.xlsx"), checked=dt.date(2025, 3, 31))
    ws = load_workbook(marked)[RESULT_SHEET]
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$2:$2"
    assert ws.print_area == f"'{RESULT_SHEET}'!$A$1:$H${ROWS + 2}"  # not the hidden metadata far below
    assert ws.oddFooter.center.text == PAGE_FOOTER == "第 &P 页，共 &N 页"
    assert ws.oddHeader.left.text == f"项目名称：{PROJECT}"
    assert ws.oddHeader.center.text == "文件：长清单.xlsx"
    assert ws.oddHeader.right.text == "检查日期：2025年3月31日"
    title = ws["A1"].value.split("\n")
    assert title[0].startswith("xltools 检查结果：长清单.xlsx　错误 70 处")
    assert title[1] == f"项目名称：{PROJECT}　　检查日期：2025年3月31日"
    assert "A1:H1" in {str(r) for r in ws.merged_cells.ranges}


def test_text_wraps_and_no_row_height_is_fixed(tmp_path):
    marked = _marked(tmp_path, long_form(tmp_path / "长清单.xlsx", rows=3))
    ws = load_workbook(marked)[RESULT_SHEET]
    for row in ws.iter_rows(min_row=3, max_row=5, max_col=len(RESULT_HEADERS)):
        assert all(c.alignment.wrap_text and c.alignment.vertical == "top" for c in row)
    package = Package(marked)
    sheet = package.text(package.sheet_part(RESULT_SHEET))
    assert "customHeight" not in sheet.replace('customWidth="1"', "")  # heights are estimates Excel may grow
    heights = {int(m[0]): float(m[1]) for m in re.findall(r'<row r="(\d+)" ht="([\d.]+)"', sheet)}
    assert heights.get(3, 0) >= 3 * 15  # the long message: three lines of the 说明 column
    assert 4 not in heights  # a one-line row keeps the default height


def test_wrapped_lines_counts_chinese_characters_as_two_digits():
    assert wrapped_lines("中" * 34, 70) == 1  # 68 of 68.5 usable digit widths
    assert wrapped_lines("中" * 35, 70) == 2
    assert wrapped_lines("一行\n两行", 70) == 2


@pytest.mark.parametrize(("build", "named"), [
    (hubei_000, "单位名称：湖北省康复辅具技术中心"),  # department forms name their unit
    (hunan_001, "单位名称：衡阳市南岳区残疾人联合会"),
    (shenzhen_002, "项目名称：残联综合管理项目、项目六"),  # Shenzhen forms their projects (two here)
])
def test_the_unit_is_named_as_the_form_names_it(tmp_path, build, named):
    ws = load_workbook(_marked(tmp_path, build(tmp_path / "form.xlsx")))[RESULT_SHEET]
    assert ws["A1"].value.split("\n")[1].startswith(named + "　　检查日期：")
    assert ws.oddHeader.left.text == named


def test_final_accounts_name_the_unit_their_heading_names(tmp_path):
    """Seed 004's 公开01表 says "单位：枣庄市精神卫生中心"; its other tables name no unit."""
    ws = load_workbook(_marked(tmp_path, accounts_004(tmp_path / "决算.xlsx")))[RESULT_SHEET]
    assert ws["A1"].value.split("\n")[1].startswith("编制单位：枣庄市精神卫生中心　　检查日期：")
    assert ws.oddHeader.left.text == "编制单位：枣庄市精神卫生中心"


def test_final_accounts_without_a_unit_line_claim_no_unit(tmp_path):
    from tests.real_forms import FORMS, build

    (luan,) = [m for m in FORMS if m.__name__.endswith("anhui_2021_three_public_luan")]
    ws = load_workbook(_marked(tmp_path, build(luan, tmp_path / "三公.xlsx")))[RESULT_SHEET]
    assert ws["A1"].value.split("\n")[1].startswith("检查日期：")  # a name in the title is not read as the unit
    assert ws.oddHeader.left.text is None and ws.oddHeader.center.text == "文件：三公.xlsx"


def test_units_can_be_given_and_an_ampersand_is_escaped(tmp_path):
    marked = _marked(tmp_path, long_form(tmp_path / "表.xlsx", rows=2), units=["单位名称：R&D 中心"],
                     checked=dt.date(2025, 1, 2))
    ws = load_workbook(marked)[RESULT_SHEET]
    assert ws["A1"].value.split("\n")[1] == "单位名称：R&D 中心　　检查日期：2025年1月2日"
    assert "R&&D" in page_header("表.xlsx", ["单位名称：R&D 中心"], dt.date(2025, 1, 2))
    assert len(page_header("长" * 300 + ".xlsx", ["单位名称：" + "长" * 300], dt.date(2025, 1, 2))) < 255


def test_accepted_exceptions_are_inside_the_print_area(tmp_path):
    source = long_form(tmp_path / "表.xlsx", rows=2)
    findings = check_file(source).findings
    accepted = Finding("SE01", "error", "项目表", "H4", "接受的", 1.0, 2.0, accepted=True, reason="说明过")
    marked = tmp_path / "marked.xlsx"
    mark_file(source, marked, [findings[0], accepted])
    ws = load_workbook(marked)[RESULT_SHEET]
    assert ws["A4"].value.startswith("已接受的例外") and ws["F5"].value.startswith("接受的")
    assert ws.print_area.endswith("$H$5")


# ---- clearing gives back the original bytes whatever shape the names took -------------------

def _mark_and_clear(source: Path, tmp_path: Path) -> tuple[dict[str, bytes], dict[str, bytes], str]:
    marked, cleared = tmp_path / f"m{source.suffix}", tmp_path / f"c{source.suffix}"
    mark_file(source, marked, check_file(source).findings)
    assert clear_file(marked, cleared)
    return parts(source), parts(cleared), parts(marked)["xl/workbook.xml"].decode()


def test_clear_restores_a_workbook_without_defined_names(tmp_path):
    original, cleared, marked_wb = _mark_and_clear(long_form(tmp_path / "表.xlsx", rows=2), tmp_path)
    assert b"definedNames" not in original["xl/workbook.xml"] and "<definedNames>" in marked_wb
    assert cleared == original


def test_clear_restores_an_empty_defined_names_element(tmp_path):
    source = hubei_000(tmp_path / "湖北.xlsx")  # openpyxl writes <definedNames/>
    original, cleared, marked_wb = _mark_and_clear(source, tmp_path)
    assert b"<definedNames/>" in original["xl/workbook.xml"] and "_xlnm.Print_Titles" in marked_wb
    assert cleared == original


def test_the_users_own_print_titles_move_with_their_sheet_and_come_back(tmp_path):
    wb = xlsxwriter.Workbook(str(tmp_path / "表.xlsx"))
    ws = wb.add_worksheet("项目表")
    for r, row in enumerate([["项目名称", "", "测试"], ["", "", "年初预算数", "全年预算数", "全年执行数", "分值",
                                                          "执行率", "得分"], ["", "年度资金总额", 100, 100, 90, 10, 0.9, 12]]):
        ws.write_row(r, 0, row)
    ws.repeat_rows(0)  # the user's own print titles and area on the first sheet: localSheetId 0
    ws.print_area("A1:H3")
    wb.close()
    source = tmp_path / "表.xlsx"
    findings = len(check_file(source).findings)
    user_names = re.findall(r'<definedName name="(_xlnm\.\w+)" localSheetId="(\d)">([^<]*)<',
                            parts(source)["xl/workbook.xml"].decode())
    assert sorted(user_names) == [("_xlnm.Print_Area", "0", "项目表!$A$1:$H$3"),
                                  ("_xlnm.Print_Titles", "0", "项目表!$1:$1")]
    original, cleared, marked_wb = _mark_and_clear(source, tmp_path)
    names = re.findall(r'<definedName name="(_xlnm\.\w+)" localSheetId="(\d)">([^<]*)<', marked_wb)
    assert sorted(names) == [("_xlnm.Print_Area", "0", f"'{RESULT_SHEET}'!$A$1:$H${findings + 2}"),
                             ("_xlnm.Print_Area", "1", "项目表!$A$1:$H$3"),
                             ("_xlnm.Print_Titles", "0", f"'{RESULT_SHEET}'!$2:$2"),
                             ("_xlnm.Print_Titles", "1", "项目表!$1:$1")]
    assert cleared == original


def test_clear_finds_the_print_names_after_another_program_rewrote_them(tmp_path):
    """A program that saves the copy again may reorder the names: they are still removed by sheet."""
    source = feature_book(tmp_path / "book.xlsx")  # names of its own, one local to its first sheet
    marked = tmp_path / "marked.xlsx"
    mark_file(source, marked, check_file(source).findings)
    rewritten = tmp_path / "rewritten.xlsx"
    with zipfile.ZipFile(marked) as z_in, zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as z_out:
        for info in z_in.infolist():
            data = z_in.read(info)
            if info.filename == "xl/workbook.xml":
                names = re.search(rb"<definedNames>(.*?)</definedNames>", data).group(1)
                items = re.findall(rb"<definedName .*?</definedName>", names)
                data = data.replace(names, b"".join(reversed(items)))
            z_out.writestr(info, data)
    cleared = tmp_path / "cleared.xlsx"
    assert clear_file(rewritten, cleared)
    wb = parts(cleared)["xl/workbook.xml"].decode()
    assert "_xlnm.Print" not in wb and RESULT_SHEET not in wb
    assert 'localSheetId="0"' in wb  # the user's own local name is back on its sheet
    assert load_workbook(cleared).sheetnames == ["项目表", "数据", "隐藏"]


@pytest.mark.parametrize("feature", sorted(FEATURES))
def test_feature_books_clear_to_their_bytes_with_print_names(feature, tmp_path):
    source = FEATURES[feature](tmp_path)
    assert check_file(source).findings, f"{feature}: the book should carry a slip to mark"
    original, cleared, marked_wb = _mark_and_clear(source, tmp_path)
    assert "_xlnm.Print_Titles" in marked_wb
    assert cleared == original


# ---- the folder summary on paper (the same proof for 检查汇总.xlsx) ---------------------------

def test_summary_prints_on_a4_landscape_with_headers_repeated_and_the_chart_alone(tmp_path, libreoffice):
    import xltools

    folder = tmp_path / "各单位"
    folder.mkdir()
    hubei_000(folder / "湖北.xlsx")
    long_form(folder / "长清单.xlsx")  # 70 findings: 问题明细 runs over several pages
    xltools.check(folder).to_excel(tmp_path / "检查汇总.xlsx")
    [pdf] = libreoffice([tmp_path / "检查汇总.xlsx"], tmp_path / "pdf", fmt="pdf")
    pages = [(p.mediabox.width, p.mediabox.height, squeezed(p.extract_text())) for p in PdfReader(pdf).pages]
    for width, height, _ in pages:
        assert (float(width), float(height)) == pytest.approx(A4_LANDSCAPE, abs=1)
    headers = ("识别到的表格错误警告提示总分等级读取错误", "规则标题错误警告提示合计", "序号文件工作表单元格级别规则说明应为实际")
    tables = [(n, text) for n, (_, _, text) in enumerate(pages, start=1) if any(h in text for h in headers)]
    details = [text for _, text in tables if headers[2] in text]
    assert len(details) >= 2 and sum(text.count("SE01") for text in details) == ROWS  # header on every page
    assert all(f"第{n}页，共{len(pages)}页" in text for n, text in tables)
    [chart] = [text for n, (_, _, text) in enumerate(pages, start=1) if n not in dict(tables)]
    assert "SE01" in chart and "错误警告提示" in chart  # the chart: a page of its own, no table on it
