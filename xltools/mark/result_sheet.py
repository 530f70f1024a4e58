"""The 检查结果 sheet that marking adds: the findings as a table that prints on A4 (title lines with
the file, the unit and the date, the header row on every page, page numbers), and the workbook-level
print names it needs, recorded so that clearing gives back the original bytes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from xltools.mark import xmledit as X
from xltools.mark.common import (
    ACCEPTED_TITLE,
    LINE_HEIGHT,
    META_COL,
    META_ROW,
    PAGE_FOOTER,
    RESULT_HEADERS,
    RESULT_SHEET,
    RESULT_WIDTHS,
    finding_row,
    link_target,
    meta_chunks,
    page_header,
    result_rows,
    result_title,
    wrapped_lines,
)
from xltools.mark.package import CT_WORKSHEET, NS_REL, REL_WORKSHEET, Package
from xltools.mark.xmledit import escape, quoteattr
from xltools.rules.base import Finding
from xltools.workbook.a1 import column_letter


def rel_prefix(xml: str) -> str:
    m = re.search(r'xmlns:(\w+)="http://schemas.openxmlformats.org/officeDocument/2006/relationships"', xml)
    return m.group(1) if m else "xltr"


# ---- the 检查结果 sheet -------------------------------------------------------------------

def _inline(ref: str, text: object, style: int | None = None) -> str:
    s = f' s="{style}"' if style is not None else ""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return f'<c r="{ref}"{s}><v>{text}</v></c>'
    return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{escape(str(text))}</t></is></c>'


@dataclass(frozen=True)
class ResultLook:
    """What heads the 检查结果 sheet and the cell formats it is written in."""

    file_name: str
    units: list[str]
    checked: dt.date
    body_xf: int
    header_xf: int
    severity_xf: dict[str, int]


def add_result_sheet(pkg: Package, findings: Sequence[Finding], look: ResultLook, meta: dict) -> None:
    wb_part = pkg.workbook_part
    wb = pkg.text(wb_part)
    r_prefix = rel_prefix(wb)
    if r_prefix == "xltr":
        raise X.MarkError("工作簿结构不常见（缺少关系命名空间），无法标记")
    names = {s.name for s in pkg.sheets()}
    sheet_name = RESULT_SHEET if RESULT_SHEET not in names else f"{RESULT_SHEET}_xltools"
    # Other sheets stop being selected, so the workbook opens on the results without grouping sheets.
    # The attribute is set to "0" where it stands (not removed), so clearing restores the exact bytes.
    for entry in pkg.sheets():
        text = pkg.text(entry.part) if pkg.has(entry.part) else ""
        selected = re.search(r'\stabSelected="(1|true)"', text)
        if selected:
            meta["tab_selected"].append(entry.name)
            meta.setdefault("tab_values", {})[entry.name] = selected.group(1)
            pkg.put(entry.part, text[:selected.start(1)] + "0" + text[selected.end(1):])
    active = re.search(r'\sactiveTab="(\d+)"', wb)
    meta["active_tab"] = int(active.group(1)) if active else 0
    part = pkg.unique_name("xl/worksheets/sheet{}.xml")
    pkg.put(part, "")  # written last: the metadata it holds records the workbook edits below
    rel_id = pkg.add_relationship(wb_part, REL_WORKSHEET, part)
    pkg.add_override(part, CT_WORKSHEET)
    ids = [int(x) for x in re.findall(r'<(?:\w+:)?sheet\b[^>]*\ssheetId="(\d+)"', wb)]
    # The prefix is declared on the element itself: openpyxl-written workbooks declare it per <sheet>, not on the root.
    entry = (f'<sheet xmlns:{r_prefix}="{NS_REL}" name={quoteattr(sheet_name)} sheetId="{max(ids, default=0) + 1}" '
             f'{r_prefix}:id="{rel_id}"/>')
    wb = re.sub(r"(<(\w+:)?sheets\b[^>]*>)", lambda m: m.group(1) + entry, wb, count=1)
    wb = shift_local_sheet_ids(wb, +1)
    last_row = 2 + len(findings) + any(f.accepted for f in findings)  # title, headers, findings (and a title)
    wb = _add_print_names(wb, sheet_name, last_row, meta)
    wb = re.sub(r'\sactiveTab="\d+"', ' activeTab="0"', wb)
    wb = re.sub(r'\sfirstSheet="\d+"', ' firstSheet="0"', wb)
    pkg.put(wb_part, wb)
    xml, written_last = _result_sheet_xml(findings, look, meta)
    assert written_last == last_row
    pkg.put(part, xml)


# ---- printing: the area, the header row on every page --------------------------------------

PRINT_NAMES = ("_xlnm.Print_Area", "_xlnm.Print_Titles")


def _add_print_names(wb: str, sheet_name: str, last_row: int, meta: dict) -> str:
    """Print area A1:H<last> (not the hidden metadata far below) and the header row repeated on every
    page, as names local to the first sheet. What was inserted where is recorded for ``clear``."""
    p = X._prefix(wb, "workbook")
    ref = escape("'" + sheet_name.replace("'", "''") + "'")
    names = (f'<{p}definedName name="{PRINT_NAMES[0]}" localSheetId="0">{ref}!$A$1:$H${last_row}</{p}definedName>'
             f'<{p}definedName name="{PRINT_NAMES[1]}" localSheetId="0">{ref}!$2:$2</{p}definedName>')
    existing = re.search(rf"<{p}definedNames\b[^>]*?(/?)>", wb)
    if existing and existing.group(1):  # <definedNames/>: opened up to hold ours
        was = existing.group(0)
        added = was[:-2].rstrip() + ">" + names + f"</{p}definedNames>"
        at = existing.start()
    elif existing:
        was, added, at = existing.group(0), existing.group(0) + names, existing.start()
    else:  # after the elements that precede definedNames in a workbook part
        before = list(re.finditer(rf"</{p}sheets>|<{p}functionGroups\b[^>]*/>|</{p}functionGroups>|"
                                  rf"</{p}externalReferences>", wb))
        if not before:
            raise X.MarkError("工作簿结构不常见（找不到工作表列表），无法标记")
        was, added, at = "", f"<{p}definedNames>{names}</{p}definedNames>", before[-1].end()
    meta["print_names"] = {"was": was, "added": added}
    return wb[:at] + added + wb[at + len(was):]


def remove_print_names(wb: str, meta: dict, index: int) -> str:
    """Undo ``_add_print_names``: the very text it replaced when the part is as marking left it, else
    (a program saved the copy again) the print names local to the results sheet at ``index``."""
    recorded = meta.get("print_names")
    if recorded is None:  # marked by an earlier version, which added none
        return wb
    if recorded["added"] in wb:
        return wb.replace(recorded["added"], recorded["was"], 1)
    p = X._prefix(wb, "workbook")
    local = "|".join(re.escape(n) for n in PRINT_NAMES)
    wb = re.sub(rf'<{p}definedName\b(?=[^>]*\sname="(?:{local})")(?=[^>]*\slocalSheetId="{index}")[^>]*>'
                rf".*?</{p}definedName>", "", wb, flags=re.DOTALL)
    return re.sub(rf"<{p}definedNames>\s*</{p}definedNames>", "", wb)


def _result_sheet_xml(findings: Sequence[Finding], look: ResultLook, meta: dict) -> tuple[str, int]:
    """The sheet's XML and its last printed row.

    Rows carry a height estimated from their wrapped text, without customHeight, so a spreadsheet
    program that does not grow rows on opening (LibreOffice) prints every line and Excel still
    adjusts the row when it is edited.
    """
    title = result_title(findings, look.file_name, look.units, look.checked)
    width = sum(RESULT_WIDTHS)
    rows = [_row(1, _inline("A1", title, look.header_xf), wrapped_lines(title, width))]
    rows.append(_row(2, "".join(_inline(f"{column_letter(k + 1)}2", h, look.header_xf)
                                for k, h in enumerate(RESULT_HEADERS)), 1))
    links = []
    i = 2
    for entry in result_rows(findings):
        i += 1
        if entry is None:  # the accepted exceptions are listed apart, under their own title
            rows.append(_row(i, _inline(f"A{i}", ACCEPTED_TITLE, look.header_xf), 1))
            continue
        n, f = entry
        values = finding_row(n, f)
        xfs = [look.severity_xf[f.severity] if k == 3 and not f.accepted else look.body_xf for k in range(len(values))]
        cells = "".join(_inline(f"{column_letter(k + 1)}{i}", v, xfs[k]) if v != "" else
                        f'<c r="{column_letter(k + 1)}{i}" s="{xfs[k]}"/>' for k, v in enumerate(values))
        lines = max(wrapped_lines(str(v), w) for v, w in zip(values, RESULT_WIDTHS))
        rows.append(_row(i, cells, lines))
        links.append(f'<hyperlink ref="C{i}" location={quoteattr(link_target(f))} display={quoteattr(f.cell)}/>')
    rows += [f'<row r="{META_ROW + k}" hidden="1">{_inline(f"{META_COL}{META_ROW + k}", chunk)}</row>'
             for k, chunk in enumerate(meta_chunks(meta))]
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
                   for i, w in enumerate(RESULT_WIDTHS, start=1))
    cols += '<col min="26" max="26" width="4" hidden="1" customWidth="1"/>'
    last = column_letter(len(RESULT_HEADERS))
    header = escape(page_header(look.file_name, look.units, look.checked))
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
           'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
           '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews><sheetView tabSelected="1" workbookViewId="0">'
           '<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
           f'<sheetFormatPr defaultRowHeight="{LINE_HEIGHT + 3:g}"/>'
           f'<cols>{cols}</cols><sheetData>{"".join(rows)}</sheetData>'
           f'<mergeCells count="1"><mergeCell ref="A1:{last}1"/></mergeCells>'
           + (f'<hyperlinks>{"".join(links)}</hyperlinks>' if links else "")
           + '<printOptions horizontalCentered="1"/>'
           '<pageMargins left="0.4" right="0.4" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
           '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
           f'<headerFooter><oddHeader>{header}</oddHeader><oddFooter>&amp;C{escape(PAGE_FOOTER)}</oddFooter>'
           '</headerFooter></worksheet>')
    return xml, i


def _row(number: int, cells: str, lines: int) -> str:
    height = f' ht="{LINE_HEIGHT * lines + 3:g}"' if lines > 1 else ""
    return f'<row r="{number}"{height}>{cells}</row>'


def shift_local_sheet_ids(wb: str, delta: int) -> str:
    return re.sub(r'(\slocalSheetId=")(\d+)(")', lambda m: f"{m.group(1)}{int(m.group(2)) + delta}{m.group(3)}", wb)
