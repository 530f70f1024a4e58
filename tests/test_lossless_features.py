"""Marking loses nothing on workbooks with pivot tables, external links, array formulas, data tables,
password protection, shared formulas, rich text and VBA: every part that carries no mark is
byte-identical after marking, the features inside marked parts are there verbatim, and
``clear`` gives back the original parts exactly.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.feature_books import FEATURES
from xltools.check import check_file
from xltools.mark import clear_file, mark_file

# XML that must come through marking verbatim, inside parts that marking edits
VERBATIM = {
    "array_formulas": [r'<c r="K6"><f t="array" ref="K6:K7">G6:G7\*2</f><v>100</v></c>',
                       r'<c r="L6" cm="1"><f t="array" ref="L6:L7">_xlfn\._xlws\.SORT\(G6:G7\)</f><v>40</v></c>'],
    "protection": [r'<sheetProtection password="C89B" sheet="1" objects="1" scenarios="1"/>',
                   r'<workbookProtection workbookPassword="CC3D" lockStructure="1" lockWindows="1"/>'],
    "external_link": [r'<externalReferences><externalReference r:id="rIdExt1"/></externalReferences>',
                      r"<f>\[1\]Sheet1!\$A\$1</f><v>42</v>"],
}
# parts holding the feature itself, which marking never touches
FEATURE_PARTS = {
    "pivot": r"xl/pivot(Tables|Cache)/",
    "external_link": r"xl/externalLinks/",
    "data_table": r"xl/worksheets/sheet2\.xml",
    "shared_formulas": r"xl/worksheets/sheet2\.xml",
    "rich_text": r"xl/sharedStrings\.xml",
    "xlsm": r"xl/vbaProject\.bin",
}


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def allowed_to_change(original: dict[str, bytes], flagged_parts: set[str]) -> set[str]:
    """What marking may rewrite: styles, the workbook and its index, the content types, the flagged
    sheets and their relationships, and a sheet that loses its tab selection to 检查结果."""
    allowed = {"xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"}
    for part in flagged_parts:
        folder, name = part.rsplit("/", 1)
        allowed |= {part, f"{folder}/_rels/{name}.rels"}
    allowed |= {n for n, data in original.items() if n.startswith("xl/worksheets/sheet") and b"tabSelected" in data}
    return allowed


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    folder = tmp_path_factory.mktemp("features")
    return {name: build(folder) for name, build in FEATURES.items()}


@pytest.mark.parametrize("feature", list(FEATURES))
def test_marking_keeps_every_unmarked_part_byte_identical_and_clear_restores_all(books, feature, tmp_path):
    book = books[feature]
    report = check_file(book)
    assert report.error is None and any(f.sheet == "项目表" for f in report.findings)  # marks land on the form
    original = parts(book)
    marked_path = tmp_path / f"marked{book.suffix}"
    mark_file(book, marked_path, report.findings)
    marked = parts(marked_path)

    from xltools.mark.package import Package

    pkg = Package(book)
    flagged = {s.part for s in pkg.sheets() if s.name in {f.sheet for f in report.findings}}
    changed = {n for n in original if marked.get(n) != original[n]}
    assert changed <= allowed_to_change(original, flagged), changed
    assert set(original) <= set(marked)  # nothing dropped

    pattern = FEATURE_PARTS.get(feature)
    if pattern:
        feature_parts = [n for n in original if re.match(pattern, n)]
        assert feature_parts and all(marked[n] == original[n] for n in feature_parts)
    for snippet in VERBATIM.get(feature, []):
        before = {n for n, data in original.items() if re.search(snippet, data.decode("utf-8", "replace"))}
        after = {n for n, data in marked.items() if re.search(snippet, data.decode("utf-8", "replace"))}
        assert before and before <= after, snippet

    cleared_path = tmp_path / f"cleared{book.suffix}"
    assert clear_file(marked_path, cleared_path)
    cleared = parts(cleared_path)
    assert list(cleared) == list(original) and cleared == original


@pytest.mark.libreoffice
def test_libreoffice_opens_every_marked_copy_and_keeps_the_pivot_table(books, tmp_path, libreoffice):
    marked = []
    for feature, book in books.items():
        target = tmp_path / f"{feature}{book.suffix}"
        mark_file(book, target, check_file(book).findings)
        marked.append(target)
    converted = libreoffice(marked, tmp_path / "ods", "ods")
    with zipfile.ZipFile(next(p for p in converted if p.stem == "pivot")) as z:
        content = z.read("content.xml").decode("utf-8")
    assert "table:data-pilot-table" in content and "金额透视" in content
    with zipfile.ZipFile(next(p for p in converted if p.stem == "xlsm")) as z:
        assert any("Basic" in n for n in z.namelist())  # the VBA modules came through


def _restyled(path: Path, styles_edit, sheet_edit=None) -> Path:
    from tests.feature_books import edit_package

    edits = {"xl/styles.xml": styles_edit}
    if sheet_edit:
        edits["xl/worksheets/sheet1.xml"] = sheet_edit
    return edit_package(path, edits)


def _mark_and_clear(book: Path, tmp_path: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    report = check_file(book)
    mark_file(book, tmp_path / "marked.xlsx", report.findings)
    clear_file(tmp_path / "marked.xlsx", tmp_path / "cleared.xlsx")
    return parts(book), parts(tmp_path / "cleared.xlsx")


def test_excel_style_blocks_keep_their_attribute_order(tmp_path):
    """Excel writes <fonts count="2" x14ac:knownFonts="1">: count was moved behind the other attributes."""
    from tests.hostile_corpus import good_form

    book = _restyled(good_form(tmp_path / "excel.xlsx"), lambda xml: xml.replace(
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x14ac='
        '"http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">').replace(
        '<fonts count="1">', '<fonts count="1" x14ac:knownFonts="1">'))
    original, cleared = _mark_and_clear(book, tmp_path)
    assert b'<fonts count="1" x14ac:knownFonts="1">' in cleared["xl/styles.xml"] and cleared == original


def test_a_cell_styled_with_a_duplicate_format_gets_its_own_index_back(tmp_path):
    """Excel files often hold the same <xf> twice: the flagged cell's style index is restored exactly."""
    from tests.hostile_corpus import good_form

    xf = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    book = _restyled(good_form(tmp_path / "dup.xlsx"),
                     lambda xml: xml.replace(f'<cellXfs count="1">{xf}', f'<cellXfs count="2">{xf}{xf}'),
                     lambda xml: xml.replace('<c r="H6">', '<c r="H6" s="1">'))
    original, cleared = _mark_and_clear(book, tmp_path)
    assert b'<c r="H6" s="1">' in cleared["xl/worksheets/sheet1.xml"] and cleared == original
