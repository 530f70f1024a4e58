"""Workbooks as Excel saves them with the add-in's XT_ functions and external links (for freeze and XT004).

XlsxWriter writes formulas with the values Excel would have saved; the shared formula (one
formula filled down, as Excel stores it) and the external link to the sender's add-in are
written into the package the way Excel writes them.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from tests.rule_bases import F1

ADDIN_PATH = "file:///C:/Users/sender/AppData/Roaming/Microsoft/Excel/XLSTART/xltools.xlam"
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xt_book(path: Path, *, cached: bool = True, error_at: str | None = None) -> Path:
    """The F1 base with its 得分 H6:H9 computed by XT_SCORE (values saved) and 执行率 by XT_EXECRATE."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("项目表")
    for r, row in enumerate(F1):
        for c, value in enumerate(row):
            if value not in ("", None):
                ws.write(r, c, value)
    for r in range(5, 9):  # rows 6..9: score = XT_SCORE(target, actual, weight)
        value = F1[r][7]
        if error_at == f"H{r + 1}":
            ws.write_formula(r, 7, f"=XT_SCORE(E{r + 1},F{r + 1},G{r + 1})", None, "#NAME?")
        else:
            ws.write_formula(r, 7, f"=XT_SCORE(E{r + 1},F{r + 1},G{r + 1})", None, value if cached else None)
    ws.write_formula("H3", '=XT_EXECRATE(E3,F3)', None, 0.9)
    ws.write_formula("H10", "=SUM(H6:H9)", None, 99)  # an ordinary formula: stays a formula
    ws.write_formula("B12", '=IF(H10>=90,"好","XT_SCORE(")', None, "好")  # XT_ only inside a text: not frozen
    wb.close()
    if not cached:
        _drop_values(path, "H6", "H7", "H8", "H9")
    return path


def shared_formula(path: Path) -> Path:
    """H7:H9 as the other cells of a shared formula whose first cell is H6 (Excel after a fill-down)."""
    def edit(xml: str) -> str:
        xml = re.sub(r'(<c r="H6"[^>]*>)<f>([^<]*)</f>', r'\1<f t="shared" ref="H6:H9" si="0">\2</f>', xml)
        for cell in ("H7", "H8", "H9"):
            xml = re.sub(rf'(<c r="{cell}"[^>]*>)<f>[^<]*</f>', r'\1<f t="shared" si="0"/>', xml)
        return xml

    _edit(path, {"xl/worksheets/sheet1.xml": edit})
    return path


def with_addin_link(path: Path) -> Path:
    """XT_SCORE called through an external link to the sender's add-in ([1]!XT_SCORE), as Excel
    stores a VBA add-in's function, and the externalLink part that link names."""
    link = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<externalLink xmlns="{NS_MAIN}" '
            f'xmlns:r="{NS_REL}"><externalBook r:id="rId1"/></externalLink>')
    link_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
                 '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                 f'Type="{NS_REL}/externalLinkPath" Target="{ADDIN_PATH}" TargetMode="External"/></Relationships>')

    def sheet(xml: str) -> str:
        return re.sub(r"(<f[^>]*>)XT_SCORE\(", r"\1[1]!XT_SCORE(", xml)

    def workbook(xml: str) -> str:
        return xml.replace("</sheets>", '</sheets><externalReferences><externalReference r:id="rId99"/>'
                                        "</externalReferences>", 1)

    def rels(xml: str) -> str:
        return xml.replace("</Relationships>", f'<Relationship Id="rId99" Type="{NS_REL}/externalLink" '
                                               'Target="externalLinks/externalLink1.xml"/></Relationships>')

    def types(xml: str) -> str:
        return xml.replace("</Types>", '<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType='
                                       '"application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"'
                                       "/></Types>")

    _edit(path, {"xl/worksheets/sheet1.xml": sheet, "xl/workbook.xml": workbook,
                 "xl/_rels/workbook.xml.rels": rels, "[Content_Types].xml": types},
          add={"xl/externalLinks/externalLink1.xml": link,
               "xl/externalLinks/_rels/externalLink1.xml.rels": link_rels})
    return path


def with_calc_chain(path: Path) -> Path:
    chain = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             f'<calcChain xmlns="{NS_MAIN}">' + "".join(f'<c r="H{r}" i="1"/>' for r in range(6, 11)) + "</calcChain>")
    _edit(path, {"xl/_rels/workbook.xml.rels": lambda x: x.replace(
        "</Relationships>", f'<Relationship Id="rId98" Type="{NS_REL}/calcChain" Target="calcChain.xml"/>'
                            "</Relationships>"),
        "[Content_Types].xml": lambda x: x.replace(
            "</Types>", '<Override PartName="/xl/calcChain.xml" ContentType='
                        '"application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>')},
        add={"xl/calcChain.xml": chain})
    return path


def _drop_values(path: Path, *cells: str) -> None:
    def edit(xml: str) -> str:
        for cell in cells:
            xml = re.sub(rf'(<c r="{cell}"[^>]*>)(<f>[^<]*</f>)<v>[^<]*</v>', r"\1\2", xml)
        return xml

    _edit(path, {"xl/worksheets/sheet1.xml": edit})


def _edit(path: Path, edits: dict, add: dict[str, str] | None = None) -> None:
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    for name, edit in edits.items():
        parts[name] = edit(parts[name].decode("utf-8")).encode("utf-8")
    for name, text in (add or {}).items():
        parts[name] = text.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


# ---- .xlsb: the blank binary workbook pyOpenVBA ships, its one sheet filled with BIFF12 records ----

def _record(kind: int, body: bytes = b"") -> bytes:
    """A BIFF12 record: its type and size in 7-bit groups (MS-XLSB 2.1.4), then its body."""
    head = bytes([kind]) if kind < 0x80 else bytes([(kind & 0x7F) | 0x80, kind >> 7])
    size, length = len(body), b""
    while True:
        byte = size & 0x7F
        size >>= 7
        length += bytes([byte | (0x80 if size else 0)])
        if not size:
            break
    return head + length + body


def xlsb_book(path: Path, rows: list[list[object]]) -> Path:
    """A .xlsb whose first sheet holds ``rows`` (numbers as BrtCellReal, texts as BrtCellSt)."""
    import struct

    import pyopenvba

    blank = Path(pyopenvba.__file__).parent / "_templates" / "blank_files" / "blank_workbook.xlsb"
    with zipfile.ZipFile(blank) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    cells = b""
    for r, row in enumerate(rows):
        cells += _record(0x00, struct.pack("<IIH", r, 0, 300) + b"\x00\x00\x00" + struct.pack("<I", 0))  # BrtRowHdr
        for c, value in enumerate(row):
            head = struct.pack("<II", c, 0)  # column, style 0
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cells += _record(0x05, head + struct.pack("<d", float(value)))  # BrtCellReal
            elif value not in (None, ""):
                text = str(value)
                cells += _record(0x06, head + struct.pack("<I", len(text)) + text.encode("utf-16-le"))  # BrtCellSt
    sheet = parts["xl/worksheets/sheet1.bin"]
    width = max((len(r) for r in rows), default=1)
    dimension = _record(0x94, struct.pack("<IIII", 0, max(len(rows) - 1, 0), 0, max(width - 1, 0)))
    start = sheet.index(bytes([0x94, 0x01, 0x10]))
    sheet = sheet[:start] + dimension + sheet[start + 3 + 16:]
    begin = bytes([0x91, 0x01, 0x00])  # BrtBeginSheetData, empty in the blank sheet
    at = sheet.index(begin) + len(begin)
    parts["xl/worksheets/sheet1.bin"] = sheet[:at] + cells + sheet[at:]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path
