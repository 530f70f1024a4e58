"""Workbooks carrying the features a marked copy must keep: each a national F1 form with slips
(so marks land on its form sheet) plus one feature.

XlsxWriter writes most of them; what it cannot write (external links, data tables, shared
formulas, workbook protection) is added to its package part by part, the way Excel stores it.
The pivot table comes from LibreOffice (tests/data/pivot.xlsx, made by tests/data/make_pivot.py)
and the VBA project with an auto-run macro from pyOpenVBA.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

DATA = Path(__file__).resolve().parent / "data"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FORM_ROWS = [
    ["项目支出绩效自评表"], ["项目名称", "", "特性测试项目"],
    ["项目预算执行情况", "", "", "年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"],
    ["", "", "年度资金总额", 100, 100, 90, 10, 0.9, 9],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值(A)", "实际完成指标值(B)", "分值", "得分",
     "偏差原因分析及改进措施"],
    ["年度绩效指标", "产出指标", "数量指标", "培训人次", "≥100人次", "100人次", 50, 56, ""],
    ["", "效益指标", "社会效益指标", "满意度", "≥90%", "95%", 40, 40, ""],
    ["总分", "", "", "", "", "", "", 105],
]
AUTO_RUN = 'Attribute VB_Name = "AutoRun"\r\nSub Auto_Open()\r\n    Shell "touch {marker}"\r\nEnd Sub\r\n'


def write_form(ws: Worksheet) -> None:
    for r, row in enumerate(FORM_ROWS):
        for c, value in enumerate(row):
            if value != "":
                ws.write(r, c, value)


def _book(path: Path, extra: Callable[[xlsxwriter.Workbook, Worksheet], None] | None = None,
          vba: Path | None = None) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    if vba:
        wb.add_vba_project(str(vba))
    ws = wb.add_worksheet("项目表")
    write_form(ws)
    if extra:
        extra(wb, ws)
    wb.close()
    return path


def edit_package(path: Path, edits: dict[str, Callable[[str], str]], new: dict[str, str] | None = None) -> Path:
    """Rewrite some parts of a package (text edits) and add others, keeping the rest as they are."""
    with zipfile.ZipFile(path) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            if info.filename in edits:
                data = edits[info.filename](data.decode("utf-8")).encode("utf-8")
            z.writestr(info, data)
        for name, text in (new or {}).items():
            z.writestr(name, text)
    return path


def _insert_before(xml: str, tags: tuple[str, ...], element: str, closing: str) -> str:
    for tag in tags:
        at = xml.find(f"<{tag}")
        if at >= 0:
            return xml[:at] + element + xml[at:]
    return xml.replace(closing, element + closing)


# ---- the features -----------------------------------------------------------------------------

def pivot(folder: Path) -> Path:
    return Path(shutil.copyfile(DATA / "pivot.xlsx", folder / "透视表.xlsx"))


def external_link(folder: Path, target: str | None = None) -> Path:
    """A formula reading a cell of another workbook that does not exist here (cached value 42)."""
    target = target or "file:///C:/不存在的文件夹/外部数据.xlsx"

    def extra(wb: xlsxwriter.Workbook, ws: Worksheet) -> None:
        ws.write_formula("K2", "=[1]Sheet1!$A$1", None, 42)

    path = _book(folder / "外部链接.xlsx", extra)
    link = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<externalLink xmlns="http://schemas.'
            'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="' + REL + '"><externalBook r:id="rId1">'
            '<sheetNames><sheetName val="Sheet1"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1">'
            '<cell r="A1"><v>42</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>')
    link_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
                 'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="' + REL +
                 f'/externalLinkPath" Target="{target}" TargetMode="External"/></Relationships>')

    def workbook(xml: str) -> str:
        return _insert_before(xml, ("definedNames", "calcPr"), '<externalReferences><externalReference '
                              'r:id="rIdExt1"/></externalReferences>', "</workbook>")

    def rels(xml: str) -> str:
        return xml.replace("</Relationships>", f'<Relationship Id="rIdExt1" Type="{REL}/externalLink" '
                           'Target="externalLinks/externalLink1.xml"/></Relationships>')

    def types(xml: str) -> str:
        return xml.replace("</Types>", '<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType='
                           '"application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>')

    return edit_package(path, {"xl/workbook.xml": workbook, "xl/_rels/workbook.xml.rels": rels,
                               "[Content_Types].xml": types},
                        {"xl/externalLinks/externalLink1.xml": link,
                         "xl/externalLinks/_rels/externalLink1.xml.rels": link_rels})


def array_formulas(folder: Path) -> Path:
    def extra(wb: xlsxwriter.Workbook, ws: Worksheet) -> None:
        ws.write_array_formula("K6:K7", "{=G6:G7*2}", None, 100)
        ws.write_dynamic_array_formula("L6:L7", "=SORT(G6:G7)", None, 40)

    return _book(folder / "数组公式.xlsx", extra)


def data_table(folder: Path) -> Path:
    """A one-variable data table (模拟运算表) on a sheet of its own."""
    def extra(wb: xlsxwriter.Workbook, ws: Worksheet) -> None:
        sheet = wb.add_worksheet("模拟运算")
        sheet.write_column("A2", [1, 2, 3])
        sheet.write_formula("B1", "=A1*10", None, 0)
        sheet.write_row("B2", [10, 20, 30])

    path = _book(folder / "模拟运算表.xlsx", extra)

    def table(xml: str) -> str:
        return xml.replace('<c r="B2"><v>10</v></c>', '<c r="B2"><f t="dataTable" ref="B2:B4" dt2D="0" dtr="0" '
                           'r1="A1"/><v>10</v></c>')

    return edit_package(path, {"xl/worksheets/sheet2.xml": table})


def protection(folder: Path) -> Path:
    """The form sheet protected with a password (marks land on it), and the workbook structure too."""
    def extra(wb: xlsxwriter.Workbook, ws: Worksheet) -> None:
        ws.protect("表保护密码")

    path = _book(folder / "保护.xlsx", extra)

    def workbook(xml: str) -> str:
        return _insert_before(xml, ("bookViews", "sheets"), '<workbookProtection workbookPassword="CC3D" '
                              'lockStructure="1" lockWindows="1"/>', "</workbook>")

    return edit_package(path, {"xl/workbook.xml": workbook})


def shared_formulas(folder: Path) -> Path:
    def extra(wb: xlsxwriter.Workbook, ws: Worksheet) -> None:
        sheet = wb.add_worksheet("明细")
        for r in range(4):
            sheet.write_row(r, 0, [r + 1, (r + 1) * 10])
            sheet.write_formula(r, 2, f"=A{r + 1}+B{r + 1}", None, (r + 1) * 11)

    path = _book(folder / "共享公式.xlsx", extra)

    def share(xml: str) -> str:
        xml = xml.replace("<f>A1+B1</f>", '<f t="shared" ref="C1:C4" si="0">A1+B1</f>')
        for r in range(2, 5):
            xml = xml.replace(f"<f>A{r}+B{r}</f>", '<f t="shared" si="0"/>')
        return xml

    return edit_package(path, {"xl/worksheets/sheet2.xml": share})


def rich_text(folder: Path) -> Path:
    def extra(wb: xlsxwriter.Workbook, ws: Worksheet) -> None:
        bold, red = wb.add_format({"bold": True}), wb.add_format({"font_color": "red"})
        ws.write_rich_string("I6", "偏差原因：", bold, "培训", red, "超额完成")
        ws.write_rich_string("C1", red, "说明", "：富文本")

    return _book(folder / "富文本.xlsx", extra)


def vba_project(folder: Path, marker: Path) -> Path:
    """An .xlsm whose VBA project runs Auto_Open when Excel opens it (it would create ``marker``)."""
    from pyopenvba import ExcelFile

    with tempfile.TemporaryDirectory() as tmp:
        carrier = Path(tmp) / "carrier.xlsm"
        with ExcelFile.create_new(str(carrier)) as wb:
            wb.vba_project().add_module("AutoRun", AUTO_RUN.format(marker=marker))
            wb.save()
        vba = Path(tmp) / "vbaProject.bin"
        with zipfile.ZipFile(carrier) as z:
            vba.write_bytes(z.read("xl/vbaProject.bin"))
        return _book(folder / "宏.xlsm", vba=vba)


def hyperlinks(folder: Path, address: str) -> Path:
    def extra(wb: xlsxwriter.Workbook, ws: Worksheet) -> None:
        ws.write_url("K1", address, string="政策文件")
        ws.write_formula("K3", f'=HYPERLINK("{address}","链接")', None, "链接")

    return _book(folder / "超链接.xlsx", extra)


FEATURES: dict[str, Callable[[Path], Path]] = {
    "pivot": pivot,
    "external_link": external_link,
    "array_formulas": array_formulas,
    "data_table": data_table,
    "protection": protection,
    "shared_formulas": shared_formulas,
    "rich_text": rich_text,
    "xlsm": lambda folder: vba_project(folder, folder / "宏已运行"),
}
