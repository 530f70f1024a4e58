"""Mark findings in a copy of the workbook (fills, notes, a 检查结果 sheet) and remove them again.

Everything marking adds is recorded in a hidden column of the 检查结果 sheet, so ``clear``
removes exactly that and a second check never stacks marks on the first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import html
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from xltools.mark import xmledit as X
from xltools.mark.common import (
    AUTHOR,
    FILLS,
    META_COL,
    META_ROW,
    RESULT_SHEET,
    by_cell,
    note_text,
    parse_meta,
    unit_names,
    worst,
)
from xltools.mark.package import (
    CT_COMMENTS,
    CT_VML,
    REL_COMMENTS,
    REL_VML,
    Package,
    StaleFile,
)
from xltools.mark.result_sheet import (
    ResultLook,
    add_result_sheet,
    rel_prefix,
    remove_print_names,
    shift_local_sheet_ids,
)
from xltools.mark.xmledit import escape
from xltools.outputs import copy_file, write_with
from xltools.rules.base import Finding
from xltools.workbook.a1 import column_number, split_address
from xltools.workbook.safety import FileStamp

SHAPE_PREFIX = "_xltools_"
__all__ = ["RESULT_SHEET", "MarkResult", "clear_file", "mark_file"]


class MarkResult:
    def __init__(self, cells: int, notes: int, findings: int) -> None:
        self.cells, self.notes, self.findings = cells, notes, findings


def mark_file(src: Path, dst: Path, findings: Sequence[Finding], title: str = "",
              expected: FileStamp | None = None, units: Sequence[str] | None = None,
              checked: dt.date | None = None) -> MarkResult:
    """Write a marked copy of ``src`` to ``dst`` (``dst`` may be ``src`` itself: marking in place).

    ``expected`` is the file as it was checked: a file modified or replaced since is not marked,
    since its findings may point at other cells now. The output is written whole or not at all.
    ``units`` ("单位名称：…") and ``checked`` (the check date) head the printed 检查结果; by default
    the names are read from the forms recognised in ``src`` and the date is today.
    """
    pkg = open_package(src, expected)
    names = list(units) if units is not None else units_in(src)

    def edit() -> MarkResult:
        with contextlib.suppress(ResavedError):  # marks saved over by another program are the file's content now
            clear_package(pkg)  # a second check replaces the first one's marks
        return mark_package(pkg, findings, title or src.name, names, checked or dt.date.today())

    result = _safely(edit)
    write_with(dst, pkg.save, inputs=() if _same(src, dst) else [src], what="标记副本")
    return result


def clear_file(src: Path, dst: Path) -> bool:
    from xltools.provenance import made_by_xltools

    pkg = open_package(src)
    try:
        removed = _safely(lambda: clear_package(pkg))
    except ResavedError:
        raise ResavedError(RESAVED.format(name=src.name)) from None
    made = None if removed else made_by_xltools(src)
    if made is not None and made.kind == "marked":  # its 检查结果 is there, the record of the marks is not
        raise ResavedError(RESAVED.format(name=src.name))
    if removed:
        write_with(dst, pkg.save, inputs=() if _same(src, dst) else [src], what="清除标记后的文件")
    elif not _same(src, dst):
        copy_file(src, dst, what="输出文件")
    return removed


def units_in(src: Path) -> list[str]:
    """The unit and project names of the forms recognised in a workbook, for the printed header."""
    from xltools.recognize import recognize
    from xltools.workbook.read import read_book

    try:
        book = read_book(src)
        return unit_names(recognize(book), book)
    except Exception:  # noqa: BLE001 -- the names are a courtesy on the printout: marking goes on without them
        return []


def open_package(src: Path, expected: FileStamp | None = None) -> Package:
    """The package as it is on disk now, refused if it is no longer the file that was checked."""
    try:
        pkg = Package(src, expected)
    except StaleFile:
        raise X.MarkError(f"{src.name} 在检查之后被修改或替换，未写出标记；请重新检查") from None
    except OSError as exc:
        from xltools.outputs import reason

        raise X.MarkError(f"无法读取 {src}：{reason(exc)}") from None
    except X.MarkError:
        raise
    except Exception:  # noqa: BLE001 -- zipfile and the XML layer raise several types for a damaged package
        raise X.MarkError(f"{src.name} 的结构已损坏或不常见，无法安全标记；原文件未改动") from None
    return pkg


T = TypeVar("T")


def _safely(edit: Callable[[], T]) -> T:
    """Run a package edit; an unusual structure becomes a Chinese message, never a traceback."""
    try:
        return edit()
    except X.MarkError:
        raise
    except Exception:  # noqa: BLE001 -- regex edits and the XML layer on a structure they do not expect
        raise X.MarkError("工作簿的结构不常见，无法安全标记；原文件未改动") from None


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.samefile(b))
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop
        return False


# ---- marking ------------------------------------------------------------------------------

def mark_package(pkg: Package, findings: Sequence[Finding], title: str, units: Sequence[str] = (),
                 checked: dt.date | None = None) -> MarkResult:
    entries = {s.name: s for s in pkg.sheets()}
    meta: dict = {"version": 1, "cells": [], "comments": [], "parts": {}, "tab_selected": [], "active_tab": 0}
    styles_part = _styles_part(pkg)
    styles = pkg.text(styles_part)
    meta["styles"] = {n: len(X.style_items(styles, n)) for n in ("fills", "fonts", "cellXfs")}
    meta["style_blocks"] = {n: X.block_shape(styles, n) for n in ("fills", "fonts", "cellXfs")}
    fill_ids = {}
    for severity, rgb in FILLS.items():
        styles, fill_ids[severity] = X.add_fill(styles, rgb)

    # one mark per cell: the most severe finding colours it; the note lists them all
    grouped = by_cell(findings, entries)
    notes = 0
    for sheet_name in dict.fromkeys(s for s, _ in grouped):
        part = entries[sheet_name].part
        xml = pkg.text(part)
        cells = {cell: fs for (s, cell), fs in grouped.items() if s == sheet_name}
        current = X.cell_styles(xml, set(cells))
        absent, closed, empty_data = X.row_forms(xml, {int(re.sub(r"[A-Z]+", "", c)) for c in cells})
        meta.setdefault("rows", {})[sheet_name] = {"absent": absent, "closed": closed, "sheet_data": empty_data}
        new_styles: dict[str, int | None] = {}
        xfs = X.style_items(styles, "cellXfs")
        for cell, fs in cells.items():
            base = current[cell]
            severity = worst(fs)
            styled = base is not None and base >= 0
            styles, new_styles[cell] = X.xf_with(styles, base if styled else 0, fill_id=fill_ids[severity])
            state = "absent" if base is None else "styled" if styled and base < len(xfs) else "plain"
            meta["cells"].append({"sheet": sheet_name, "cell": cell, "state": state,
                                  "xf": xfs[base] if state == "styled" else None,
                                  "index": base if state == "styled" else None})
        pkg.put(part, X.set_cell_styles(xml, new_styles))
        notes += _add_notes(pkg, sheet_name, part, cells, meta)
    # the 检查结果 sheet: one 11-point font, text wrapped at the top of its cell so nothing is cut on paper
    styles, font_plain = X.add_font(styles, bold=False)
    styles, font_bold = X.add_font(styles, bold=True)
    styles, plain_xf = X.xf_with(styles, 0, font_id=font_plain)
    styles, body_xf = _wrapping_xf(styles, plain_xf)
    styles, header_xf = X.xf_with(styles, body_xf, font_id=font_bold)
    severity_xf = {}
    for severity in FILLS:
        styles, severity_xf[severity] = X.xf_with(styles, body_xf, fill_id=fill_ids[severity])
    meta["styles_after"] = {n: len(X.style_items(styles, n)) for n in ("fills", "fonts", "cellXfs")}
    meta["styles_sha"] = _fingerprint(styles)
    pkg.put(styles_part, styles)
    look = ResultLook(title, list(units), checked or dt.date.today(), body_xf, header_xf, severity_xf)
    add_result_sheet(pkg, findings, look, meta)
    return MarkResult(len(grouped), notes, len(findings))


def _wrapping_xf(styles: str, index: int) -> tuple[str, int]:
    """cellXfs[index] with its text wrapped and set at the top of the cell."""
    p = X._prefix(styles, "styleSheet")
    xf = re.sub(rf"<{p}alignment\b[^>]*/>", "", X.style_items(styles, "cellXfs")[index])
    open_tag = re.match(r"<[^>]*?/?>", xf).group(0)
    alignment = f'<{p}alignment vertical="top" wrapText="1"/>'
    if open_tag.endswith("/>"):
        xf = open_tag[:-2].rstrip() + ">" + alignment + f"</{p}xf>"
    else:  # the alignment goes first, before protection or extensions
        xf = open_tag + alignment + xf[len(open_tag):]
    return X.append_xf(styles, X._set_attr(xf, "applyAlignment", "1"))


def _styles_part(pkg: Package) -> str:
    wb = pkg.workbook_part
    for rel in pkg.relationships(wb):
        if rel.get("Type", "").endswith("/styles"):
            return pkg.target_path(wb, rel["Target"])
    raise X.MarkError("工作簿缺少样式表，无法标记")


def _add_notes(pkg: Package, sheet_name: str, part: str, cells: dict[str, list[Finding]], meta: dict) -> int:
    rels = pkg.relationships(part)
    comments_rel = next((r for r in rels if r.get("Type") == REL_COMMENTS), None)
    vml_rel = next((r for r in rels if r.get("Type") == REL_VML), None)
    created: dict[str, str] = {}
    if comments_rel:
        comments_part = pkg.target_path(part, comments_rel["Target"])
        comments = pkg.text(comments_part)
    else:
        comments_part = pkg.unique_name("xl/comments{}.xml")
        comments = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns='
                    '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors></authors>'
                    '<commentList></commentList></comments>')
        created["comments"] = comments_part
    if vml_rel:
        vml_part = pkg.target_path(part, vml_rel["Target"])
        vml = pkg.text(vml_part)
    else:
        vml_part = pkg.unique_name("xl/drawings/vmlDrawing{}.vml")
        vml = _empty_vml(len(meta["parts"]) + 1)
        created["vml"] = vml_part
    existing = set(re.findall(r'<comment\b[^>]*\bref="([A-Z]+\d+)"', comments))
    comments, author_id = _ensure_author(comments)
    added = 0
    new_comments, new_shapes = [], []
    for cell, fs in cells.items():
        if cell in existing:
            continue  # one note per cell in Excel: the user's own note stays as it was
        text = escape(note_text(fs))
        new_comments.append(f'<comment ref="{cell}" authorId="{author_id}"><text><r><rPr><b/><sz val="9"/>'
                            f'<rFont val="宋体"/></rPr><t>xltools：</t></r><r><rPr><sz val="9"/><rFont val="宋体"/>'
                            f'</rPr><t xml:space="preserve">{text}</t></r></text></comment>')
        new_shapes.append(_shape(cell, len(meta["comments"]) + added + 1))
        meta["comments"].append({"sheet": sheet_name, "cell": cell})
        added += 1
    if not added:
        return 0
    comments = re.sub(r"<commentList\s*/>", "<commentList></commentList>", comments)
    comments = comments.replace("</commentList>", "".join(new_comments) + "</commentList>", 1)
    if "_x0000_t202" not in vml:
        vml = vml.replace("</xml>", _SHAPETYPE + "</xml>")
    vml = vml[: vml.rindex("</xml>")] + "".join(new_shapes) + "</xml>"
    pkg.put(comments_part, comments)
    pkg.put(vml_part, vml)
    if "comments" in created:
        created["comments_rel"] = pkg.add_relationship(part, REL_COMMENTS, comments_part)
        pkg.add_override(comments_part, CT_COMMENTS)
    if "vml" in created:
        created["vml_rel"] = pkg.add_relationship(part, REL_VML, vml_part)
        meta["vml_default_added"] = meta.get("vml_default_added") or pkg.ensure_default("vml", CT_VML)
        pkg.put(part, _insert_legacy_drawing(pkg.text(part), created["vml_rel"]))
    meta["parts"][sheet_name] = created
    return added


def _ensure_author(comments: str) -> tuple[str, int]:
    authors = re.findall(r"<author>(.*?)</author>", comments, re.DOTALL)
    if AUTHOR in authors:
        return comments, authors.index(AUTHOR)
    comments = re.sub(r"<authors\s*/>", "<authors></authors>", comments)
    return comments.replace("</authors>", f"<author>{AUTHOR}</author></authors>", 1), len(authors)


_SHAPETYPE = ('<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
              '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>')


def _empty_vml(idmap: int) -> str:
    return ('<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:x="urn:schemas-microsoft-com:office:excel">'
            f'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{idmap}"/></o:shapelayout>'
            f"{_SHAPETYPE}</xml>")


def _shape(cell: str, n: int) -> str:
    letters, row = split_address(cell)
    col = column_number(letters) - 1
    r = row - 1
    anchor = f"{col + 1}, 15, {max(r - 1, 0)}, 10, {col + 4}, 15, {r + 4}, 4"
    return (f'<v:shape id="{SHAPE_PREFIX}{n}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;'
            f'margin-top:2pt;width:220pt;height:80pt;z-index:{n};visibility:hidden" fillcolor="#ffffe1" '
            'o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>'
            '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left">'
            '</div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
            f"<x:Anchor>{anchor}</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>{r}</x:Row>"
            f"<x:Column>{col}</x:Column></x:ClientData></v:shape>")


LEGACY_BEFORE = ("legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems",
                 "tableParts", "extLst")


def _insert_legacy_drawing(xml: str, rel_id: str) -> str:
    p = X._prefix(xml, "worksheet")
    r_prefix = rel_prefix(xml)
    element = f'<{p}legacyDrawing {r_prefix}:id="{rel_id}"/>'
    if r_prefix == "xltr":
        element = f'<{p}legacyDrawing xmlns:xltr="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xltr:id="{rel_id}"/>'
    for tag in LEGACY_BEFORE:
        m = re.search(rf"<{p}{tag}\b", xml)
        if m:
            return xml[:m.start()] + element + xml[m.start():]
    return xml.replace(f"</{p}worksheet>", element + f"</{p}worksheet>")


# ---- clearing -------------------------------------------------------------------------------

def read_meta(pkg: Package) -> tuple[str, str, dict] | None:
    """(sheet name, part, metadata) of a 检查结果 sheet that xltools wrote, if any."""
    shared = None
    for entry in pkg.sheets():
        if not pkg.has(entry.part):
            continue
        xml = pkg.text(entry.part)
        if f"{META_COL}{META_ROW}" not in xml:
            continue
        texts = []
        for m in re.finditer(rf'<c r="{META_COL}(1\d{{4}})"([^>]*)>(.*?)</c>', xml, re.DOTALL):
            attrs, body = m.group(2), m.group(3)
            if 't="s"' in attrs:
                shared = shared if shared is not None else _shared_strings(pkg)
                index = int(re.search(r"<v>(\d+)</v>", body).group(1))
                texts.append(shared[index])
            else:
                texts.append("".join(re.findall(r"<t[^>]*>(.*?)</t>", body, re.DOTALL)))
        meta = parse_meta([_xml_unescape("".join(texts))])
        if meta is not None:
            return entry.name, entry.part, meta
    return None


def _shared_strings(pkg: Package) -> list[str]:
    name = next((pkg.target_path(pkg.workbook_part, r["Target"]) for r in pkg.relationships(pkg.workbook_part)
                 if r.get("Type", "").endswith("/sharedStrings")), None)
    if name is None or not pkg.has(name):
        return []
    return ["".join(re.findall(r"<t[^>]*>(.*?)</t>", si, re.DOTALL))
            for si in re.findall(r"<si>(.*?)</si>", pkg.text(name), re.DOTALL)]


def _xml_unescape(text: str) -> str:
    """XML text as it reads: entities and numeric character references (&#20013; is 中) alike."""
    return html.unescape(text)


class ResavedError(X.MarkError):
    """The marked copy was saved again by another program: its styles no longer match the record."""


RESAVED = ("{name} 中的“检查结果”、填色和批注是 xltools 标记的，但标记后文件又在 Excel、WPS 或 LibreOffice 中保存过，"
           "记录原样的信息已不再对应，无法按原样清除（否则可能改坏格式）。请改用标记前的原文件（--mark 写出的是副本，"
           "原文件未改动；--in-place 时旁边有“原名.备份-时间.xlsx”），或手工删除“检查结果”工作表及填色、批注")


def _fingerprint(styles: str) -> str:
    return hashlib.sha256(styles.encode("utf-8")).hexdigest()[:16]


def clear_package(pkg: Package) -> bool:
    """Remove exactly what marking added; ResavedError when another program saved the copy since."""
    found = read_meta(pkg)
    if found is None:
        return False
    result_name, result_part, meta = found
    if "styles_sha" in meta and _fingerprint(pkg.text(_styles_part(pkg))) != meta["styles_sha"]:
        raise ResavedError(RESAVED.format(name=result_name))
    entries = {s.name: s for s in pkg.sheets()}
    styles_part = _styles_part(pkg)
    styles = pkg.text(styles_part)
    by_sheet: dict[str, dict[str, int | str | None]] = {}
    xfs = X.style_items(styles, "cellXfs")
    for item in meta["cells"]:
        if item["sheet"] not in entries:
            continue
        original = item.get("index")
        if item["state"] == "styled" and original is not None and original < len(xfs) and xfs[original] == item["xf"]:
            index = original  # the very index it had (a workbook may hold identical formats twice)
        elif item["state"] == "styled":
            styles, index = X.append_xf(styles, item["xf"])
        else:
            index = None if item["state"] == "absent" else X.STRIP
        by_sheet.setdefault(item["sheet"], {})[item["cell"]] = index
    for sheet_name, cells in by_sheet.items():
        part = entries[sheet_name].part
        xml = X.set_cell_styles(pkg.text(part), cells)
        rows = meta.get("rows", {}).get(sheet_name)  # (marks written by earlier versions have none)
        if rows:
            xml = X.restore_row_forms(xml, rows["absent"], {int(n): t for n, t in rows["closed"].items()},
                                      rows["sheet_data"])
        pkg.put(part, xml)
    _remove_notes(pkg, entries, meta)
    after = meta.get("styles_after", {})
    if all(len(X.style_items(styles, n)) == after.get(n) for n in ("fills", "fonts", "cellXfs")):
        for n, count in meta["styles"].items():
            shape = meta.get("style_blocks", {}).get(n)  # (marks written by earlier versions have none)
            styles = X.restore_block(styles, n, shape) if shape else X.truncate(styles, n, count)
    pkg.put(styles_part, styles)
    # the results sheet itself
    wb_part = pkg.workbook_part
    result = entries[result_name]
    wb = pkg.text(wb_part)
    index = [s.name for s in pkg.sheets()].index(result_name)
    wb = remove_print_names(wb, meta, index)
    wb = re.sub(rf'<(\w+:)?sheet\b[^>]*\bsheetId="{result.sheet_id}"[^>]*/>', "", wb, count=1)
    wb = shift_local_sheet_ids(wb, -1) if index == 0 else wb
    wb = re.sub(r'\sactiveTab="\d+"', f' activeTab="{meta.get("active_tab", 0)}"', wb)
    pkg.put(wb_part, wb)
    pkg.remove_relationship(wb_part, result.rel_id)
    pkg.remove_override(result_part)
    pkg.delete(result_part)
    pkg.delete(pkg.rels_name(result_part))
    if meta.get("vml_default_added") and not any(n.lower().endswith(".vml") for n in pkg.parts):
        pkg.remove_default("vml")
    values = meta.get("tab_values", {})
    for name in meta.get("tab_selected", []):
        entry = entries.get(name)
        if entry and pkg.has(entry.part):
            xml = pkg.text(entry.part)
            if name in values:
                xml = re.sub(r'(\stabSelected=")0(")', rf"\g<1>{values[name]}\g<2>", xml, count=1)
            else:  # marked by an earlier version, which removed the attribute
                xml = re.sub(r"(<(\w+:)?sheetView\b)", r'\1 tabSelected="1"', xml, count=1)
            pkg.put(entry.part, xml)
    return True


def _remove_notes(pkg: Package, entries: dict, meta: dict) -> None:
    ours: dict[str, set[str]] = {}
    for item in meta["comments"]:
        ours.setdefault(item["sheet"], set()).add(item["cell"])
    for sheet_name, cells in ours.items():
        entry = entries.get(sheet_name)
        if entry is None:
            continue
        part = entry.part
        rels = pkg.relationships(part)
        created = meta["parts"].get(sheet_name, {})
        comments_rel = next((r for r in rels if r.get("Type") == REL_COMMENTS), None)
        vml_rel = next((r for r in rels if r.get("Type") == REL_VML), None)
        if comments_rel:
            comments_part = pkg.target_path(part, comments_rel["Target"])
            comments = pkg.text(comments_part)
            authors = re.findall(r"<author>(.*?)</author>", comments, re.DOTALL)
            author_id = authors.index(AUTHOR) if AUTHOR in authors else -1
            pattern = rf'<comment\b[^>]*\bref="([A-Z]+\d+)"[^>]*\bauthorId="{author_id}"[^>]*>.*?</comment>'
            comments = re.sub(pattern, lambda m, cells=cells: "" if m.group(1) in cells else m.group(0), comments,
                              flags=re.DOTALL)
            if created.get("comments") and not re.search(r"<comment\b", comments):
                pkg.remove_relationship(part, comments_rel["Id"])
                pkg.remove_override(comments_part)
                pkg.delete(comments_part)
            else:
                if author_id >= 0 and author_id == len(authors) - 1 and \
                        not re.search(rf'authorId="{author_id}"', comments):
                    comments = comments.replace(f"<author>{AUTHOR}</author>", "", 1)
                pkg.put(comments_part, comments)
        if vml_rel:
            vml_part = pkg.target_path(part, vml_rel["Target"])
            vml = re.sub(rf'<v:shape\b[^>]*\bid="{SHAPE_PREFIX}\d+".*?</v:shape>', "", pkg.text(vml_part),
                         flags=re.DOTALL)
            if created.get("vml"):
                pkg.remove_relationship(part, vml_rel["Id"])
                pkg.delete(vml_part)
                xml = pkg.text(part)
                pkg.put(part, re.sub(rf'<(\w+:)?legacyDrawing\b[^>]*"{vml_rel["Id"]}"[^>]*/>', "", xml))
            else:
                pkg.put(vml_part, vml)
