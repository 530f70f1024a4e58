"""Marking loses nothing, never stacks, and ``clear`` removes exactly what it added.

The workbooks are built with XlsxWriter so they carry features openpyxl would drop on save:
a chart, an image, notes, data validation, conditional formats, defined names, hyperlinks, a
hidden sheet, merged cells, formulas; and an .xlsm with a VBA project part.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
import xlsxwriter
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from xltools.check import check_file
from xltools.mark import RESULT_SHEET, clear_file, mark_file
from xltools.mark.package import Package


def _png() -> bytes:
    """A 2×2 red PNG, made here so the test needs no image file."""
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def feature_book(path: Path, vba: Path | None = None) -> Path:
    """A national F1 form typed by hand, plus everything a real workbook may carry."""
    wb = xlsxwriter.Workbook(str(path))
    if vba:
        wb.add_vba_project(str(vba))
    ws = wb.add_worksheet("项目表")
    rows = [
        ["项目名称", "", "测试项目"],
        ["项目预算执行情况", "", "", "年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"],
        ["", "", "年度资金总额", 100, 100, 90, 10, 0.9, 9],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值(A)", "实际完成指标值(B)", "分值", "得分",
         "偏差原因分析及改进措施"],
        ["年度绩效指标", "产出指标", "数量指标", "培训人次", "≥100人次", "100人次", 50, 56, ""],
        ["", "效益指标", "社会效益指标", "满意度", "≥90%", "95%", 40, 40, ""],
        ["总分", "", "", "", "", "", "", 99],
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value != "":
                ws.write(r, c, value)
    ws.write_formula("J3", "=F3/E3", None, 0.9)
    ws.merge_range("A10:C10", "合并单元格")
    ws.write_comment("C1", "用户自己的批注")
    ws.write_comment("H5", "用户在出错单元格上的批注")
    ws.data_validation("G5:G6", {"validate": "decimal", "criteria": ">=", "value": 0})
    ws.conditional_format("H5:H6", {"type": "cell", "criteria": ">", "value": 45,
                                    "format": wb.add_format({"bg_color": "#FFFF00"})})
    ws.write_url("A12", "https://example.invalid/", string="外部链接")
    ws.write_url("A13", "internal:'数据'!A1", string="内部链接")
    ws.insert_image("K2", "red.png", {"image_data": __import__("io").BytesIO(_png())})
    data = wb.add_worksheet("数据")
    data.write_column("A1", [1, 2, 3])
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"values": "='数据'!$A$1:$A$3"})
    data.insert_chart("C2", chart)
    hidden = wb.add_worksheet("隐藏")
    hidden.write("A1", "秘密")
    hidden.hide()
    wb.define_name("分值区", "='项目表'!$G$5:$G$6")
    wb.define_name("'项目表'!本表名称", "='项目表'!$A$1")
    wb.close()
    return path


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_marking_adds_fills_notes_and_results_and_keeps_everything(tmp_path):
    src = feature_book(tmp_path / "book.xlsx")
    before = parts(src)
    report = check_file(src)
    flagged = {(f.sheet, f.cell) for f in report.findings}
    assert ("项目表", "H5") in flagged  # 得分 56 > 分值 50
    out = tmp_path / "marked.xlsx"
    mark_file(src, out, report.findings)
    assert parts(src) == before, "the input file was touched"
    after = parts(out)
    # every part marking does not need to edit is byte-identical: images, charts, drawings, data sheets …
    edited = {"xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml",
              "xl/worksheets/sheet1.xml"}
    for name, content in before.items():
        if name not in edited and not name.startswith(("xl/comments", "xl/drawings/vmlDrawing")):
            assert after.get(name) == content, name
    sheet_before = before["xl/worksheets/sheet1.xml"].decode()
    sheet_after = after["xl/worksheets/sheet1.xml"].decode()
    for element in ("mergeCell ", "conditionalFormatting", "dataValidation ", "hyperlink ", "drawing ", "<f>"):
        assert sheet_after.count(element) == sheet_before.count(element), element
    wb = load_workbook(out)
    assert wb.sheetnames[0] == RESULT_SHEET
    assert wb.sheetnames[1:] == ["项目表", "数据", "隐藏"] and wb["隐藏"].sheet_state == "hidden"
    ws = wb["项目表"]
    assert ws["H5"].fill.fgColor.rgb.endswith("FFC7CE")
    assert ws["C1"].comment.text == "用户自己的批注"           # the user's own notes stay
    assert ws["H5"].comment.text == "用户在出错单元格上的批注"   # … even on a flagged cell
    assert "分值区" in wb.defined_names and "本表名称" in wb["项目表"].defined_names
    results = wb[RESULT_SHEET]
    links = {c.coordinate: c.hyperlink.location for row in results.iter_rows() for c in row if c.hyperlink}
    assert "'项目表'!H5" in links.values()
    assert results["F3"].value and results["A1"].value.startswith("xltools 检查结果")


def test_notes_carry_the_messages(tmp_path):
    src = feature_book(tmp_path / "book.xlsx")
    report = check_file(src)
    out = tmp_path / "marked.xlsx"
    mark_file(src, out, report.findings)
    notes = {c.coordinate: c.comment.text for row in load_workbook(out)["项目表"].iter_rows() for c in row
             if c.comment}
    ours = [text for text in notes.values() if text.startswith("xltools")]
    assert ours and all("【" in text for text in ours)


def test_marking_twice_never_stacks_and_clear_restores_the_original(tmp_path):
    src = feature_book(tmp_path / "book.xlsx")
    once = tmp_path / "once.xlsx"
    twice = tmp_path / "twice.xlsx"
    mark_file(src, once, check_file(src).findings)
    again = check_file(once)
    assert {(f.rule, f.sheet, f.cell) for f in again.findings} == \
        {(f.rule, f.sheet, f.cell) for f in check_file(src).findings}
    mark_file(once, twice, again.findings)
    wb = load_workbook(twice)
    assert wb.sheetnames.count(RESULT_SHEET) == 1 and len(wb.sheetnames) == 4
    assert len(re.findall(rb"<comment ", b"".join(v for k, v in parts(twice).items() if "comments" in k))) == \
        len(re.findall(rb"<comment ", b"".join(v for k, v in parts(once).items() if "comments" in k)))
    cleared = tmp_path / "cleared.xlsx"
    assert clear_file(twice, cleared)
    assert parts(cleared) == parts(src)


def test_xlsm_keeps_its_vba_project(tmp_path):
    vba = tmp_path / "vbaProject.bin"
    vba.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(range(256)) * 8)  # stands in for a compiled VBA project
    src = feature_book(tmp_path / "book.xlsm", vba)
    out = tmp_path / "marked.xlsm"
    mark_file(src, out, check_file(src).findings)
    assert parts(out)["xl/vbaProject.bin"] == parts(src)["xl/vbaProject.bin"]
    assert b"macroEnabled" in parts(out)["[Content_Types].xml"]


def test_libreoffice_opens_the_marked_copy(tmp_path, libreoffice):
    src = feature_book(tmp_path / "book.xlsx")
    out = tmp_path / "marked.xlsx"
    findings = check_file(src).findings
    mark_file(src, out, findings)
    [converted] = libreoffice([out], tmp_path / "lo", fmt="ods")
    opened = CalamineWorkbook.from_path(str(converted))  # what LibreOffice read and wrote back
    assert opened.sheet_names == [RESULT_SHEET, "项目表", "数据", "隐藏"]
    form = opened.get_sheet_by_name("项目表").to_python()
    assert form[0][2] == "测试项目" and form[4][7] == 56  # the flagged cell keeps its value
    listed = {(row[1], row[2], row[4]) for row in opened.get_sheet_by_name(RESULT_SHEET).to_python()[2:] if row[4]}
    assert listed == {(f.sheet, f.cell, f.rule) for f in findings} and ("项目表", "H5", "SE01") in listed


def test_clear_on_an_unmarked_file_changes_nothing(tmp_path):
    src = feature_book(tmp_path / "book.xlsx")
    before = src.read_bytes()
    assert clear_file(src, src) is False
    assert src.read_bytes() == before


@pytest.mark.parametrize("sheet_xml_has_prefix", [False, True])
def test_package_lists_sheets_in_order(tmp_path, sheet_xml_has_prefix):
    """Sheets in workbook order with their parts, whether the relationship prefix is declared on the root
    (XlsxWriter, Excel) or on each <sheet> under a name of its own (as other writers do)."""
    src = feature_book(tmp_path / "book.xlsx")
    if sheet_xml_has_prefix:
        src = _sheet_declares_its_prefix(src, tmp_path / "prefixed.xlsx")
    sheets = Package(src).sheets()
    assert [s.name for s in sheets] == ["项目表", "数据", "隐藏"]
    assert [s.part for s in sheets] == [f"xl/worksheets/sheet{n}.xml" for n in (1, 2, 3)]
    assert [s.state for s in sheets] == [None, None, "hidden"]


def _sheet_declares_its_prefix(src: Path, out: Path) -> Path:
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(src) as z_in, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z_out:
        for info in z_in.infolist():
            data = z_in.read(info)
            if info.filename == "xl/workbook.xml":
                xml = data.decode()
                changed = re.sub(r'<sheet (.*?) r:id=', rf'<sheet xmlns:rel="{rel_ns}" \1 rel:id=', xml)
                assert changed.count("rel:id=") == 3
                data = changed.encode()
            z_out.writestr(info, data)
    return out


def test_every_part_of_a_marked_openpyxl_workbook_is_well_formed_xml(tmp_path):
    """openpyxl declares the relationship prefix on each <sheet>, not on the root: the added sheet must too."""
    from xml.etree import ElementTree

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "项目表"
    for row in (["项目名称", "", "测试"], ["", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
                ["", "年度资金总额", 100, 100, 90, 10, 0.9, 12]):
        ws.append(row)
    source = tmp_path / "openpyxl.xlsx"
    wb.save(source)
    report = check_file(source)
    assert report.findings
    marked = tmp_path / "marked.xlsx"
    mark_file(source, marked, report.findings)
    with zipfile.ZipFile(marked) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels", ".vml")):
                ElementTree.fromstring(package.read(name))  # raises on an unbound prefix
