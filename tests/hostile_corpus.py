"""Broken and hostile inputs, one file per kind, each with the Chinese answer xltools must give.

Every kind is made here from nothing (LibreOffice only for the genuine .xls), so the corpus
can be rebuilt anywhere. Read kinds are files that ``xltools check`` must refuse with their
message and exit 2, writing nothing; OUTPUT_KINDS are situations around writing outputs
(their scenarios live in tests/test_hostile.py). Write the corpus and a manifest with:

    .venv/bin/python tests/hostile_corpus.py build OUT_DIR
    .venv/bin/python tests/hostile_corpus.py run OUT_DIR     # check each file; one JSON line per kind
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter

MB = 1024 * 1024
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


@dataclass(frozen=True)
class Kind:
    name: str
    title: str  # what the input is (Chinese, for docs/bad_input.md)
    message: str  # a fragment the answer must contain
    build: Callable[[Path], Path]  # writes the input into a folder, returns the path to check
    limit: str | None = None  # the limit the message names


@dataclass(frozen=True)
class OutputKind:
    name: str
    title: str
    message: str


# ---- building blocks ------------------------------------------------------------------------

def honest_final_accounts(path: Path, rows: int = 100_000) -> Path:
    """A 公开02表 of ``rows`` 科目 rows (9 columns): large, honest, and within every default limit."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("公开02表")
    ws.write_row(0, 0, ["科目编码", "科目名称", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入",
                        "附属单位上缴收入", "其他收入"])
    for r in range(1, rows + 1):
        ws.write_row(r, 0, [f"{2010000 + r}", f"科目{r}", 7.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0])
    wb.close()
    return path


def good_form(path: Path) -> Path:
    """A small national F1 form with one slip (得分 56 > 分值 50), as a unit would type it."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("项目表")
    rows = [
        ["项目支出绩效自评表"], ["项目名称", "", "测试项目"],
        ["项目预算执行情况", "", "", "年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"],
        ["", "", "年度资金总额", 100, 100, 90, 10, 0.9, 9],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值(A)", "实际完成指标值(B)", "分值", "得分",
         "偏差原因分析及改进措施"],
        ["年度绩效指标", "产出指标", "数量指标", "培训人次", "≥100人次", "100人次", 50, 56, ""],
        ["", "效益指标", "社会效益指标", "满意度", "≥90%", "95%", 40, 40, ""],
        ["总分", "", "", "", "", "", "", 105],
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value != "":
                ws.write(r, c, value)
    wb.close()
    return path


def _content_types(sheets: int, shared: bool = False) -> str:
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(1, sheets + 1))
    if shared:
        overrides += ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                      'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            f'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{overrides}</Types>')


ROOT_RELS = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">'
             f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')


def _workbook(names: list[str]) -> str:
    sheets = "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, start=1))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{MAIN}" xmlns:r="{REL}">'
            f"<sheets>{sheets}</sheets></workbook>")


def _workbook_rels(count: int, shared: bool = False) -> str:
    rels = "".join(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                   for i in range(1, count + 1))
    if shared:
        rels += f'<Relationship Id="rId{count + 1}" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">{rels}</Relationships>'


def sheet_xml(body: str, after: str = "", head: str = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n') -> str:
    return f'{head}<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><sheetData>{body}</sheetData>{after}</worksheet>'


def package(path: Path, sheets: dict[str, str | bytes], shared: str | bytes | None = None,
            extra: dict[str, str | bytes] | None = None, drop: tuple[str, ...] = ()) -> Path:
    """A minimal, valid .xlsx: one part per sheet, optional shared strings and extra parts."""
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": _content_types(len(sheets), shared is not None),
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": _workbook(list(sheets)),
        "xl/_rels/workbook.xml.rels": _workbook_rels(len(sheets), shared is not None),
    }
    for i, body in enumerate(sheets.values(), start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = body
    if shared is not None:
        parts["xl/sharedStrings.xml"] = shared
    parts.update(extra or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            if name not in drop:
                z.writestr(name, data)
    return path


def one_cell_sheets(path: Path, *cells: str) -> Path:
    """A sheet holding the number 1 in each of the given cells (in the order given)."""
    body = "".join(f'<row r="{"".join(ch for ch in ref if ch.isdigit())}"><c r="{ref}"><v>1</v></c></row>'
                   for ref in cells)
    return package(path, {"表1": sheet_xml(body)})


@dataclass
class RawEntry:
    """A zip entry written byte by byte, so the directory may say what the data is not."""

    name: str
    data: bytes  # as stored (compressed for method 8)
    crc: int
    size: int  # the uncompressed size the directory declares
    method: int = 8
    flags: int = 0


def raw_zip(path: Path, entries: list[RawEntry]) -> Path:
    local, central, offset = bytearray(), bytearray(), 0
    for e in entries:
        name = e.name.encode()
        header = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, e.flags, e.method, 0, 0x21, e.crc,
                             len(e.data), e.size, len(name), 0) + name
        central += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, e.flags, e.method, 0, 0x21, e.crc,
                               len(e.data), e.size, len(name), 0, 0, 0, 0, 0, offset) + name
        local += header + e.data
        offset += len(header) + len(e.data)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(local), 0)
    path.write_bytes(bytes(local + central + end))
    return path


def _entries_of(parts: dict[str, str]) -> list[RawEntry]:
    out = []
    for name, text in parts.items():
        data = text.encode()
        out.append(RawEntry(name, _deflate(data), zlib.crc32(data), len(data)))
    return out


def _deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def _repeated_deflate(head: bytes, unit: bytes, times: int, tail: bytes) -> tuple[bytes, int, int]:
    """Raw deflate of head + unit×times + tail without compressing it all: after a full flush the
    compressor starts afresh, so every repetition of ``unit`` compresses to the same bytes."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(unit) + c.flush(zlib.Z_FULL_FLUSH)
    assert c.compress(unit) + c.flush(zlib.Z_FULL_FLUSH) == block
    end = c.compress(tail) + c.flush()
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(unit, crc)
    crc = zlib.crc32(tail, crc)
    return start + block * times + end, crc, len(head) + len(unit) * times + len(tail)


def _bomb_parts() -> dict[str, str]:
    return {"[Content_Types].xml": _content_types(1), "_rels/.rels": ROOT_RELS, "xl/workbook.xml": _workbook(["表1"]),
            "xl/_rels/workbook.xml.rels": _workbook_rels(1)}


def _bomb(path: Path, sheet_mb: int, declared: int | None = None) -> Path:
    """A sheet of ``sheet_mb`` MB (a row, then a megabyte of blanks, over and over) in a file of
    about 1/1000 the size: as much as deflate can inflate."""
    head = sheet_xml("").split("<sheetData>")[0].encode() + b"<sheetData>"
    row = b"<row><c><v>1</v></c></row>"
    unit = row + b" " * (MB - len(row))
    data, crc, size = _repeated_deflate(head, unit, sheet_mb, b"</sheetData></worksheet>")
    entries = _entries_of(_bomb_parts())
    entries.append(RawEntry("xl/worksheets/sheet1.xml", data, crc, size if declared is None else declared))
    return raw_zip(path, entries)


# ---- the kinds ------------------------------------------------------------------------------

def _pdf(folder: Path) -> Path:
    path = folder / "pdf.xlsx"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    return path


def _csv(folder: Path) -> Path:
    path = folder / "csv.xlsx"
    path.write_text("项目名称,分值,得分\n培训,50,56\n", encoding="utf-8")
    return path


def _html(folder: Path) -> Path:
    path = folder / "html.xlsx"
    path.write_text("<html><body><table><tr><td>项目名称</td><td>得分</td></tr></table></body></html>",
                    encoding="utf-8")
    return path


def _xml2003(folder: Path) -> Path:
    path = folder / "xml2003.xlsx"
    path.write_text('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
                    '<Worksheet ss:Name="表1"/></Workbook>', encoding="utf-8")
    return path


def _empty(folder: Path) -> Path:
    path = folder / "empty.xlsx"
    path.write_bytes(b"")
    return path


def _truncated(folder: Path) -> Path:
    whole = good_form(folder / "whole.tmp.xlsx")
    path = folder / "truncated.xlsx"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    whole.unlink()
    return path


def _corrupt_data(folder: Path) -> Path:
    path = good_form(folder / "corrupt_data.xlsx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 20, start + 60):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


def _corrupt_directory(folder: Path) -> Path:
    path = good_form(folder / "corrupt_directory.xlsx")
    data = bytearray(path.read_bytes())
    at = data.rfind(b"PK\x01\x02")
    data[at:at + 4] = b"XXXX"
    path.write_bytes(bytes(data))
    return path


def _two_directories(folder: Path) -> Path:
    path = good_form(folder / "two_directories.xlsx")
    data = path.read_bytes()
    end = data.rfind(b"PK\x05\x06")
    path.write_bytes(data + data[end:])  # a second end-of-directory record: readers may disagree
    return path


def _no_workbook(folder: Path) -> Path:
    return package(folder / "no_workbook.xlsx", {"表1": sheet_xml("")}, drop=("xl/workbook.xml",))


def _no_sheet_part(folder: Path) -> Path:
    return package(folder / "no_sheet_part.xlsx", {"表1": sheet_xml(""), "表2": sheet_xml("")},
                   drop=("xl/worksheets/sheet2.xml",))


def _zero_byte_sheet(folder: Path) -> Path:
    return package(folder / "zero_byte_sheet.xlsx", {"表1": ""})


def _odd_target(folder: Path) -> Path:
    path = package(folder / "odd_target.xlsx", {"表1": sheet_xml("")})
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b'Target="worksheets/sheet1.xml"', b'Target="worksheets/../../etc/sheet1.xml"')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _duplicate_names(folder: Path) -> Path:
    entries = _entries_of({**_bomb_parts(), "xl/worksheets/sheet1.xml": sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>')})
    evil = sheet_xml('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>').encode()
    entries.append(RawEntry("xl/worksheets/sheet1.xml", _deflate(evil), zlib.crc32(evil), len(evil)))
    return raw_zip(folder / "duplicate_names.xlsx", entries)


def _case_twin_names(folder: Path) -> Path:
    """A benign sheet part and, after it, an upper-case twin with a sheet as wide and tall as Excel
    allows: python-calamine finds parts without regard to case and took the twin."""
    entries = _entries_of({**_bomb_parts(), "xl/worksheets/sheet1.xml": sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>')})
    evil = sheet_xml('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>').encode()
    entries.append(RawEntry("XL/WORKSHEETS/SHEET1.XML", _deflate(evil), zlib.crc32(evil), len(evil)))
    return raw_zip(folder / "case_twin_names.xlsx", entries)


def _zip_encrypted(folder: Path) -> Path:
    entries = _entries_of({**_bomb_parts(), "xl/worksheets/sheet1.xml": sheet_xml("")})
    entries[-1].flags |= 0x1
    return raw_zip(folder / "zip_encrypted.xlsx", entries)


def _bzip2(folder: Path) -> Path:
    import bz2

    entries = _entries_of(_bomb_parts())
    body = sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>').encode()
    entries.append(RawEntry("xl/worksheets/sheet1.xml", bz2.compress(body), zlib.crc32(body), len(body), method=12))
    return raw_zip(folder / "bzip2.xlsx", entries)


def _password(folder: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = good_form(folder / "plain.tmp.xlsx")
    path = folder / "password.xlsx"
    with plain.open("rb") as source, path.open("wb") as out:
        OOXMLFile(source).encrypt("密码123", out)
    plain.unlink()
    return path


def _xls(folder: Path) -> Path:
    """A genuine BIFF8 .xls (LibreOffice converts the good form), named .xlsx."""
    source = good_form(folder / "as_xls.xlsx")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RuntimeError("LibreOffice (soffice) is needed to make the .xls kind")
    with tempfile.TemporaryDirectory(prefix="lo_profile_") as profile, \
            tempfile.TemporaryDirectory() as out:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", "xls", "--outdir", out, str(source)], capture_output=True, timeout=300,
                       env={**os.environ, "HOME": profile}, check=True)
        data = (Path(out) / "as_xls.xls").read_bytes()
    source.write_bytes(data)
    return source


def _ods(folder: Path) -> Path:
    path = folder / "ods.xlsx"
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
               '<office:spreadsheet><table:table table:name="表1"><table:table-row><table:table-cell '
               'office:value-type="string"><text:p>项目名称</text:p></table:table-cell></table:table-row>'
               "</table:table></office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/'
                'vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def _xlsb(folder: Path) -> Path:
    path = folder / "xlsb.xlsx"
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/'
             'package/2006/content-types"><Default Extension="bin" ContentType="application/'
             'vnd.ms-excel.sheet.binary.macroEnabled.main"/><Default Extension="rels" ContentType="application/'
             'vnd.openxmlformats-package.relationships+xml"/></Types>')
    rels = ROOT_RELS.replace("xl/workbook.xml", "xl/workbook.bin")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.bin", b"\x83\x01\x00\x80\x01\x00\x84\x01\x00")  # BrtBeginBook, BrtBeginBundleShs …
        z.writestr("xl/worksheets/sheet1.bin", b"\x81\x01\x00\x82\x01\x00")
    return path


def _zip_bomb(folder: Path) -> Path:
    return _bomb(folder / "zip_bomb.xlsx", 1024)


def _ratio_bomb(folder: Path) -> Path:
    return _bomb(folder / "ratio_bomb.xlsx", 200)


def _lying_header(folder: Path) -> Path:
    return _bomb(folder / "lying_header.xlsx", 1024, declared=2048)


def _billion_laughs(folder: Path) -> Path:
    lol = ('<?xml version="1.0"?>\n<!DOCTYPE sst [<!ENTITY lol "lol">'
           + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
           + f']>\n<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>')
    return package(folder / "billion_laughs.xlsx",
                   {"表1": sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')}, shared=lol)


def _entity_in_sheet(folder: Path) -> Path:
    head = '<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    return package(folder / "external_entity.xlsx",
                   {"表1": sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row>', head=head)})


def _million_rows(folder: Path) -> Path:
    return one_cell_sheets(folder / "million_rows.xlsx", "A1", "A1048576")


def _grid_span(folder: Path) -> Path:
    return one_cell_sheets(folder / "grid_span.xlsx", "A1", "XFD1048576")


def _wide(folder: Path) -> Path:
    body = '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>1</v></c></row>'
    return package(folder / "wide.xlsx", {"表1": sheet_xml(body)})


def _far_cell_in_the_middle(folder: Path) -> Path:
    """Ordinary rows, with one cell far down hidden among them (a dimension that says otherwise)."""
    rows = [f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 40)]
    rows.insert(20, '<row r="21"><c r="B990000"><v>1</v></c></row>')
    return package(folder / "far_cell_hidden.xlsx", {"表1": sheet_xml("".join(rows)).replace(
        "<sheetData>", '<dimension ref="A1:B39"/><sheetData>')})


def _too_many_cells(folder: Path) -> Path:
    body = '<row r="1"><c r="A1"><v>1</v></c></row><row r="190000"><c r="ALL190000"><v>1</v></c></row>'
    return package(folder / "too_many_cells.xlsx", {"表1": sheet_xml(body)})


def _too_many_sheets(folder: Path) -> Path:
    return package(folder / "too_many_sheets.xlsx", {f"表{i}": sheet_xml("") for i in range(1, 1002)})


def _too_many_parts(folder: Path) -> Path:
    extra = {f"customXml/item{i}.xml": "<a/>" for i in range(10_001)}
    return package(folder / "too_many_parts.xlsx", {"表1": sheet_xml("")}, extra=extra)


def _huge_inline_text(folder: Path) -> Path:
    body = f'<row r="1"><c r="A1" t="inlineStr"><is><t>{"长" * 40_000}</t></is></c></row>'
    return package(folder / "huge_cell_text.xlsx", {"表1": sheet_xml(body)})


def _huge_shared_text(folder: Path) -> Path:
    shared = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN}" count="1" '
              f'uniqueCount="1"><si><t>{"文" * 40_000}</t></si></sst>')
    return package(folder / "huge_shared_text.xlsx", {"表1": sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')},
                   shared=shared)


def _too_many_merges(folder: Path) -> Path:
    merges = "".join(f'<mergeCell ref="A{r}:B{r}"/>' for r in range(1, 100_002))
    return package(folder / "too_many_merges.xlsx",
                   {"表1": sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>',
                                     after=f'<mergeCells count="100001">{merges}</mergeCells>')})


def _gb2312(folder: Path) -> Path:
    body = sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c></row>',
                     head='<?xml version="1.0" encoding="GB2312" standalone="yes"?>\n')
    return package(folder / "gb2312.xlsx", {"表1": body.encode("gb2312")})


def _utf16(folder: Path) -> Path:
    body = sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c></row>',
                     head='<?xml version="1.0" encoding="UTF-16" standalone="yes"?>\n')
    return package(folder / "utf16.xlsx", {"表1": body.encode("utf-16")})


def _bad_utf8(folder: Path) -> Path:
    body = sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>XX</t></is></c></row>').encode()
    return package(folder / "bad_utf8.xlsx", {"表1": body.replace(b"XX", b"\xff\xfe\xc3")})


def _bad_address(folder: Path) -> Path:
    return package(folder / "bad_address.xlsx", {"表1": sheet_xml('<row r="1"><c r="A0"><v>1</v></c></row>')})


def _uncached_formulas(folder: Path) -> Path:
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><f>A{r}*2</f></c></row>'
                   for r in range(1, 10_002))
    return package(folder / "uncached_formulas.xlsx", {"表1": sheet_xml(rows)})


def _formula_bomb(folder: Path) -> Path:
    """One formula, saved without its value, over a 100,000 × 100 range (the evaluator would need GBs)."""
    body = '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>SUM(A1:CV100000)</f></c></row>'
    return package(folder / "formula_bomb.xlsx", {"表1": sheet_xml(body)})


def _too_big(folder: Path) -> Path:
    path = folder / "too_big.xlsx"
    with path.open("wb") as f:
        f.write(b"PK\x03\x04")
        f.truncate(201 * MB)  # sparse: no disk is used
    return path


def _folder(folder: Path) -> Path:
    path = folder / "folder.xlsx"
    path.mkdir()
    return path


def _symlink_loop(folder: Path) -> Path:
    path = folder / "loop.xlsx"
    path.symlink_to(path.name)
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "fifo.xlsx"
    os.mkfifo(path)
    return path


def _missing(folder: Path) -> Path:
    return folder / "missing.xlsx"


KINDS: list[Kind] = [
    Kind("pdf", "扩展名是 .xlsx 的 PDF", "而是 PDF 文件", _pdf),
    Kind("csv", "改了扩展名的 CSV 文本", "而是文本文件（如 CSV）", _csv),
    Kind("html", "系统导出的“Excel”其实是网页", "而是网页（HTML）文件", _html),
    Kind("xml2003", "Excel 2003 XML 表格改成 .xlsx", "Excel 2003 XML 表格", _xml2003),
    Kind("empty", "空文件（0 字节）", "这是空文件（0 字节）", _empty),
    Kind("truncated", "只下载了一半的 .xlsx", "文件不完整，结尾缺失", _truncated),
    Kind("corrupt_data", "压缩数据被改坏", "压缩数据校验失败", _corrupt_data),
    Kind("corrupt_directory", "压缩包目录被改坏", "压缩包目录有误", _corrupt_directory),
    Kind("two_directories", "有两个压缩包目录（不同程序可能读到不同内容）", "压缩包有多个目录", _two_directories),
    Kind("no_workbook", "缺少 xl/workbook.xml", "缺少工作簿主体 xl/workbook.xml", _no_workbook),
    Kind("no_sheet_part", "缺少一个工作表部件", "缺少工作表“表2”的部件 xl/worksheets/sheet2.xml", _no_sheet_part),
    Kind("zero_byte_sheet", "工作表部件 0 字节", "是空的（0 字节）", _zero_byte_sheet),
    Kind("odd_target", "工作表部件路径带 ..（指向包外）", "路径异常", _odd_target),
    Kind("duplicate_names", "压缩包内两个同名部件（一个无害、一个恶意）", "两个同名部件", _duplicate_names),
    Kind("case_twin_names", "压缩包内两个仅大小写不同的同名部件（一个无害、一个恶意）", "仅大小写不同的同名部件",
         _case_twin_names),
    Kind("zip_encrypted", "zip 层加密的部件", "压缩包内容已加密（zip 密码）", _zip_encrypted),
    Kind("bzip2", "用 bzip2 压缩的部件", "使用了 Excel 不用的压缩方式", _bzip2),
    Kind("password", "受密码保护（加密）的工作簿", "受密码保护（加密）", _password),
    Kind("xls", "真正的旧版 .xls 改名为 .xlsx", "旧版 .xls 格式", _xls),
    Kind("ods", "OpenDocument 表格改名为 .xlsx", "OpenDocument 表格（.ods）", _ods),
    Kind("xlsb", "Excel 二进制工作簿改名为 .xlsx", "Excel 二进制工作簿（.xlsb）", _xlsb),
    Kind("zip_bomb", "压缩炸弹：约 1 MB 的文件，工作表解压后 1 GB", "max_part_mb", _zip_bomb, "max_part_mb"),
    Kind("ratio_bomb", "压缩炸弹：工作表 200 MB（在大小上限内），压缩比约 1000 倍", "max_ratio", _ratio_bomb,
         "max_ratio"),
    Kind("lying_header", "目录谎报大小：声明 2 KB，实际解压 1 GB", "解压后比目录声明的更大", _lying_header),
    Kind("billion_laughs", "XML 实体炸弹（billion laughs）在共享字符串表中", "含有 XML 实体声明", _billion_laughs),
    Kind("external_entity", "工作表 XML 中的外部实体（读取本机文件）", "含有 XML 实体声明", _entity_in_sheet),
    Kind("million_rows", "一百万行的工作表（两个单元格，文件不到 1 KB）", "max_rows", _million_rows, "max_rows"),
    Kind("grid_span", "两个单元格 A1 与 XFD1048576（calamine 会一次分配 512 GB 而崩溃）", "max_rows", _grid_span,
         "max_rows"),
    Kind("wide", "一行用到第 16,384 列", "max_columns", _wide, "max_columns"),
    Kind("far_cell_hidden", "正常行中藏着第 990,000 行的单元格，维度声明却说 A1:B39", "max_rows",
         _far_cell_in_the_middle, "max_rows"),
    Kind("too_many_cells", "已用区域 190,000 行 × 1,000 列", "max_cells", _too_many_cells, "max_cells"),
    Kind("too_many_sheets", "1,001 个工作表", "max_sheets", _too_many_sheets, "max_sheets"),
    Kind("too_many_parts", "压缩包内 10,006 个部件", "max_parts", _too_many_parts, "max_parts"),
    Kind("huge_cell_text", "单元格内一段 40,000 字的文字", "max_text_chars", _huge_inline_text, "max_text_chars"),
    Kind("huge_shared_text", "共享字符串表中一段 40,000 字的文字", "max_text_chars", _huge_shared_text,
         "max_text_chars"),
    Kind("too_many_merges", "100,001 个合并区域", "max_merged", _too_many_merges, "max_merged"),
    Kind("uncached_formulas", "10,001 个没有保存计算结果的公式（脚本生成）", "max_formulas_evaluated",
         _uncached_formulas, "max_formulas_evaluated"),
    Kind("formula_bomb", "一个未保存结果的公式 =SUM(A1:CV100000)（文件不到 1 KB，代为计算要数 GB 内存）",
         "max_evaluate_mb", _formula_bomb, "max_evaluate_mb"),
    Kind("too_big", "201 MB 的文件", "max_file_mb", _too_big, "max_file_mb"),
    Kind("gb2312", "XML 声明为 GB2312 编码", "使用 GB2312 编码，不受支持", _gb2312),
    Kind("utf16", "XML 为 UTF-16 编码", "使用 UTF-16 编码，不受支持", _utf16),
    Kind("bad_utf8", "XML 中有无效的 UTF-8 字节", "不是 UTF-8", _bad_utf8),
    Kind("bad_address", "单元格地址无效（A0）", "无效的单元格地址", _bad_address),
    Kind("folder", "名为 x.xlsx 的文件夹（其中没有工作簿）", "中没有 Excel 工作簿", _folder),
    Kind("symlink_loop", "指向自己的符号链接", "循环的符号链接", _symlink_loop),
    Kind("fifo", "名为 x.xlsx 的管道（读它会一直等待）", "不是普通文件", _fifo),
    Kind("missing", "不存在的文件", "找不到文件", _missing),
]

OUTPUT_KINDS: list[OutputKind] = [
    OutputKind("chinese_path", "路径含中文和空格", "正常检查，标记副本写在中文路径下"),
    OutputKind("read_only_folder", "输出文件夹没有写入权限", "没有权限"),
    OutputKind("no_read_permission", "输入文件没有读取权限", "没有权限"),
    OutputKind("mark_is_input", "--mark 的输出路径就是输入文件", "标记副本不能覆盖原文件"),
    OutputKind("mark_is_input_hard_link", "--mark 的输出是输入文件的硬链接", "标记副本不能覆盖原文件"),
    OutputKind("summary_is_input", "--summary 的输出路径是被检查的文件", "汇总不能覆盖原文件"),
    OutputKind("disk_full", "磁盘已满（小 tmpfs，或文件大小限制 RLIMIT_FSIZE）", "磁盘空间不足|超出系统允许的文件大小"),
    OutputKind("open_in_excel", "标记副本的目标正在 Excel 中打开（旁边有 ~$ 锁文件）", "正在 Excel 或 WPS 中打开"),
    OutputKind("in_place_open_in_excel", "--in-place 而原文件正在 Excel 中打开", "正在 Excel 或 WPS 中打开"),
    OutputKind("vanishes_in_batch", "批量检查中途文件被删除", "找不到文件"),
    OutputKind("replaced_in_batch", "检查之后、标记之前文件被替换", "在检查之后被修改或替换"),
]


def build(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return {kind.name: kind.build(folder) for kind in KINDS}


def run(folder: Path, paths: dict[str, Path]) -> list[dict[str, object]]:
    """Check every kind with the CLI in this process (one process for all: a crash stops it loudly),
    asking for a marked copy; record the exit code, stderr and whatever was written."""
    from xltools.cli import main

    results = []
    for kind in KINDS:
        out = folder / f"_out_{kind.name}"
        out.mkdir(exist_ok=True)
        with captured() as (stdout, stderr):
            code = main(["check", str(paths[kind.name]), "--mark", str(out / "marked.xlsx"), "--format", "json"])
        results.append({"kind": kind.name, "code": code, "stderr": stderr(), "stdout": stdout(),
                        "written": sorted(p.name for p in out.iterdir())})
    return results


@contextlib.contextmanager
def captured():
    """stdout and stderr as real text streams over bytes (the CLI writes JSON to stdout.buffer)."""
    out, err = (io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="") for _ in range(2))

    def text(stream: io.TextIOWrapper) -> Callable[[], str]:
        def read() -> str:
            stream.flush()
            return stream.buffer.getvalue().decode("utf-8")
        return read

    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        yield text(out), text(err)


def _reset_peak() -> None:
    """Start the peak over: Linux carries the high-water mark across exec, so a child of a large
    process (a full pytest run) would otherwise report its parent's size, not the checks'."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak_mb() -> float:
    """This process's own peak resident size since ``_reset_peak`` (every kind was checked here)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in ("build", "run"):
        print("usage: hostile_corpus.py build|run OUT_DIR", file=sys.stderr)
        return 2
    target = Path(argv[2])
    made = build(target)
    with (target / "manifest.tsv").open("w", encoding="utf-8") as manifest:
        manifest.write("kind\tfile\tinput\tanswer must contain\n")
        for kind in KINDS:
            manifest.write(f"{kind.name}\t{made[kind.name].name}\t{kind.title}\t{kind.message}\n")
    if argv[1] == "run":
        _reset_peak()
        for result in run(target, made):
            print(json.dumps(result, ensure_ascii=False), flush=True)
        print(json.dumps({"peak_mb": _peak_mb()}))
    else:
        print(f"{len(KINDS)} kinds written to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
