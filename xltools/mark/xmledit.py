"""Small, exact edits of worksheet and styles XML text (everything else is left as it was)."""

from __future__ import annotations

import re

from xltools.errors import UserError
from xltools.workbook.a1 import column_number, row_and_column


class MarkError(UserError):
    """The workbook cannot be marked safely (message in Chinese)."""


# xml.sax.saxutils' escape and quoteattr, written here: importing that module imports urllib.request,
# http.client, ssl and email (≈13 ms), which every folder run paid through provenance's import of mark.
def escape(text: str) -> str:
    """Text for XML character data: &, < and > escaped."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(text: str) -> str:
    """Text as a quoted XML attribute value, quotes included (as xml.sax.saxutils.quoteattr)."""
    text = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace('"', "&quot;") + '"'


def _prefix(xml: str, root: str) -> str:
    m = re.search(rf"<(\w+:)?{root}\b", xml)
    return m.group(1) or "" if m else ""


# ---- cells ------------------------------------------------------------------------------

PLAIN = -1  # the cell exists without an s attribute
STRIP = "strip"  # restore: remove the s attribute, keep the cell


def cell_styles(xml: str, addresses: set[str]) -> dict[str, int | None]:
    """Current style index of each address (None: no cell element; PLAIN: a cell without a style)."""
    p = _prefix(xml, "worksheet")
    found: dict[str, int | None] = dict.fromkeys(addresses)
    for m in re.finditer(rf"<{p}c\b[^>]*>", xml):
        tag = m.group(0)
        r = re.search(r'\sr="([A-Z]+\d+)"', tag)
        if r and r.group(1) in addresses:
            s = re.search(r'\ss="(\d+)"', tag)
            found[r.group(1)] = int(s.group(1)) if s else PLAIN
    return found


def set_cell_styles(xml: str, styles: dict[str, int | str | None]) -> str:
    """Give each address a style index; STRIP removes the s attribute; None also drops a bare cell we created."""
    p = _prefix(xml, "worksheet")
    by_row: dict[int, dict[int, tuple[str, int | None]]] = {}
    for address, style in styles.items():
        row, col = row_and_column(address)
        by_row.setdefault(row, {})[col] = (address, style)
    m = re.search(rf"<{p}sheetData\s*/>|<{p}sheetData\b[^>]*>(.*?)</{p}sheetData>", xml, re.DOTALL)
    if not m:
        raise MarkError("工作表缺少 sheetData，无法标记")
    body = m.group(1) or ""
    rows = list(re.finditer(rf"<{p}row\b[^>]*?(?:/>|>.*?</{p}row>)", body, re.DOTALL))
    pieces: list[str] = []
    pos = 0
    pending = sorted(by_row)
    for rm in rows:
        row_tag = rm.group(0)
        rnum = re.search(r'\sr="(\d+)"', row_tag)
        if not rnum:
            raise MarkError("工作表的行缺少行号，无法安全标记")
        number = int(rnum.group(1))
        while pending and pending[0] < number:  # rows that do not exist yet go before this one
            pieces.append(body[pos:rm.start()])
            pos = rm.start()
            pieces.append(_new_row(p, pending[0], by_row[pending.pop(0)]))
        pieces.append(body[pos:rm.start()])
        pos = rm.end()
        if pending and pending[0] == number:
            pieces.append(_edit_row(p, row_tag, by_row[pending.pop(0)]))
        else:
            pieces.append(row_tag)
    pieces.append(body[pos:])
    for number in pending:
        pieces.append(_new_row(p, number, by_row[number]))
    new_body = "".join(pieces)
    return xml[:m.start()] + f"<{p}sheetData>" + new_body + f"</{p}sheetData>" + xml[m.end():]


def row_forms(xml: str, rows: set[int]) -> tuple[list[int], dict[int, str], str | None]:
    """How the rows about to be edited look now, so clearing can give back the same bytes: the
    rows that do not exist, the self-closing row tags, and an empty self-closing sheetData tag."""
    p = _prefix(xml, "worksheet")
    found: dict[int, str] = {}
    for m in re.finditer(rf"<{p}row\b[^>]*>", xml):
        number = re.search(r'\sr="(\d+)"', m.group(0))
        if number and int(number.group(1)) in rows:
            found[int(number.group(1))] = m.group(0)
    empty = re.search(rf"<{p}sheetData\s*/>", xml)
    closed = {n: tag for n, tag in found.items() if tag.endswith("/>")}
    return sorted(rows - set(found)), closed, empty.group(0) if empty else None


def restore_row_forms(xml: str, absent: list[int], closed: dict[int, str], empty_data: str | None) -> str:
    """Undo what editing did to rows and sheetData once their marked cells are gone (see row_forms)."""
    p = _prefix(xml, "worksheet")
    for number in absent:
        xml = re.sub(rf'<{p}row r="{number}"></{p}row>', "", xml, count=1)
    for number, tag in closed.items():
        xml = re.sub(rf'<{p}row\b[^>]*\sr="{number}"[^>]*></{p}row>', lambda _m, tag=tag: tag, xml, count=1)
    if empty_data:
        xml = xml.replace(f"<{p}sheetData></{p}sheetData>", empty_data, 1)
    return xml


def _new_row(p: str, number: int, cells: dict[int, tuple[str, int | None]]) -> str:
    inner = "".join(f'<{p}c r="{a}" s="{s}"/>' for _, (a, s) in sorted(cells.items()) if isinstance(s, int))
    return f'<{p}row r="{number}">{inner}</{p}row>' if inner else ""


def _edit_row(p: str, row_tag: str, cells: dict[int, tuple[str, int | None]]) -> str:
    if row_tag.endswith("/>"):
        row_tag = row_tag[:-2].rstrip() + f"></{p}row>"
    open_end = row_tag.index(">") + 1
    head, body, tail = row_tag[:open_end], row_tag[open_end:-len(f"</{p}row>")], f"</{p}row>"
    out: list[str] = []
    pos = 0
    pending = sorted(cells)
    for cm in re.finditer(rf"<{p}c\b[^>]*?(?:/>|>.*?</{p}c>)", body, re.DOTALL):
        tag = cm.group(0)
        ref = re.search(r'\sr="([A-Z]+)(\d+)"', tag)
        if not ref:
            raise MarkError("单元格缺少地址，无法安全标记")
        col = column_number(ref.group(1))
        out.append(body[pos:cm.start()])
        pos = cm.end()
        while pending and pending[0] < col:
            address, style = cells[pending.pop(0)]
            if isinstance(style, int):
                out.append(f'<{p}c r="{address}" s="{style}"/>')
        if pending and pending[0] == col:
            _, style = cells[pending.pop(0)]
            out.append(_restyle(tag, style))
        else:
            out.append(tag)
    out.append(body[pos:])
    for col in pending:
        address, style = cells[col]
        if isinstance(style, int):
            out.append(f'<{p}c r="{address}" s="{style}"/>')
    return head + "".join(out) + tail


def _restyle(tag: str, style: int | str | None) -> str:
    open_tag = re.match(r"<[^>]*?/?>", tag).group(0)
    is_empty = open_tag.endswith("/>")
    if style is None or style == STRIP:
        if style is None and is_empty and not re.search(r'\st="', open_tag):
            return ""  # a bare cell that marking created
        new_open = re.sub(r'\ss="\d+"', "", open_tag)
    elif re.search(r'\ss="\d+"', open_tag):
        new_open = re.sub(r'\ss="\d+"', f' s="{style}"', open_tag)
    elif re.search(r'\sr="[^"]*"', open_tag):  # s after r, where spreadsheet programs put it
        new_open = re.sub(r'(\sr="[^"]*")', rf'\1 s="{style}"', open_tag, count=1)
    else:
        new_open = re.sub(r"^(<[\w:]+)", rf'\1 s="{style}"', open_tag, count=1)
    return new_open + tag[len(open_tag):]


# ---- styles -----------------------------------------------------------------------------

def _block(xml: str, name: str) -> re.Match[str] | None:
    p = _prefix(xml, "styleSheet")
    return re.search(rf"<{p}{name}\b[^>]*?(?:/>|>(.*?)</{p}{name}>)", xml, re.DOTALL)


def _items(block_inner: str, item: str, p: str) -> list[str]:
    return [m.group(0) for m in re.finditer(rf"<{p}{item}\b[^>]*?(?:/>|>.*?</{p}{item}>)", block_inner, re.DOTALL)]


def _append(xml: str, name: str, item_xml: str) -> tuple[str, int]:
    p = _prefix(xml, "styleSheet")
    m = _block(xml, name)
    if m is None:
        raise MarkError(f"样式表缺少 {name}，无法标记")
    inner = m.group(1) or ""
    items = _items(inner, {"fills": "fill", "cellXfs": "xf", "fonts": "font"}[name], p)
    open_tag = re.match(r"<[^>]*>", m.group(0)).group(0)
    if open_tag.endswith("/>"):
        open_tag = open_tag[:-2].rstrip() + ">"
    open_tag = _set_count(open_tag, len(items) + 1)
    new = open_tag + inner + item_xml + f"</{p}{name}>"
    return xml[:m.start()] + new + xml[m.end():], len(items)


def _set_count(open_tag: str, count: int) -> str:
    """The count attribute set where it stands (or added last), the other attributes untouched."""
    if re.search(r'\scount="[^"]*"', open_tag):
        return re.sub(r'(\scount=")[^"]*(")', rf"\g<1>{count}\g<2>", open_tag, count=1)
    return open_tag[:-1] + f' count="{count}">'


def block_shape(xml: str, name: str) -> dict[str, object] | None:
    """How a styles block looks before marking appends to it: its opening tag (or whole empty
    element) and the length of its content, so clearing can give back the very same text."""
    m = _block(xml, name)
    if m is None:
        return None
    open_tag = re.match(r"<[^>]*>", m.group(0)).group(0)
    return {"open": open_tag, "inner": len(m.group(1) or "")}


def restore_block(xml: str, name: str, shape: dict[str, object]) -> str:
    """Undo ``_append`` on one block: its original opening tag and content (what followed was ours)."""
    p = _prefix(xml, "styleSheet")
    m = _block(xml, name)
    if m is None:
        return xml
    open_tag = str(shape["open"])
    if open_tag.endswith("/>"):
        original = open_tag
    else:
        original = open_tag + (m.group(1) or "")[: int(shape["inner"])] + f"</{p}{name}>"
    return xml[:m.start()] + original + xml[m.end():]


def style_items(xml: str, name: str) -> list[str]:
    p = _prefix(xml, "styleSheet")
    m = _block(xml, name)
    return _items(m.group(1) or "", {"fills": "fill", "cellXfs": "xf", "fonts": "font"}[name], p) if m else []


def add_fill(xml: str, rgb: str) -> tuple[str, int]:
    p = _prefix(xml, "styleSheet")
    fill = (f'<{p}fill><{p}patternFill patternType="solid"><{p}fgColor rgb="FF{rgb}"/>'
            f'<{p}bgColor indexed="64"/></{p}patternFill></{p}fill>')
    existing = style_items(xml, "fills")
    if fill in existing:
        return xml, existing.index(fill)
    return _append(xml, "fills", fill)


def add_font(xml: str, bold: bool) -> tuple[str, int]:
    p = _prefix(xml, "styleSheet")
    font = f'<{p}font>{f"<{p}b/>" if bold else ""}<{p}sz val="11"/><{p}name val="宋体"/><{p}charset val="134"/></{p}font>'
    existing = style_items(xml, "fonts")
    if font in existing:
        return xml, existing.index(font)
    return _append(xml, "fonts", font)


def xf_with(xml: str, base_index: int, fill_id: int | None = None, font_id: int | None = None) -> tuple[str, int]:
    """Find or append a cell format equal to cellXfs[base_index] with another fill (and/or font)."""
    xfs = style_items(xml, "cellXfs")
    base = xfs[base_index] if 0 <= base_index < len(xfs) else (xfs[0] if xfs else "<xf/>")
    new = base
    for attr, value, flag in (("fillId", fill_id, "applyFill"), ("fontId", font_id, "applyFont")):
        if value is None:
            continue
        new = _set_attr(new, attr, str(value))
        new = _set_attr(new, flag, "1")
    if new in xfs:
        return xml, xfs.index(new)
    return _append(xml, "cellXfs", new)


def append_xf(xml: str, xf: str) -> tuple[str, int]:
    xfs = style_items(xml, "cellXfs")
    if xf in xfs:
        return xml, xfs.index(xf)
    return _append(xml, "cellXfs", xf)


def _set_attr(tag: str, name: str, value: str) -> str:
    open_tag = re.match(r"<[^>]*?/?>", tag).group(0)
    if re.search(rf'\s{name}="[^"]*"', open_tag):
        new_open = re.sub(rf'\s{name}="[^"]*"', f' {name}="{value}"', open_tag)
    else:
        end = -2 if open_tag.endswith("/>") else -1
        new_open = open_tag[:end].rstrip() + f' {name}="{value}"' + open_tag[end:]
    return new_open + tag[len(open_tag):]


def truncate(xml: str, name: str, count: int) -> str:
    """Drop the items appended after the first ``count`` (undoing our additions)."""
    p = _prefix(xml, "styleSheet")
    m = _block(xml, name)
    if m is None:
        return xml
    items = _items(m.group(1) or "", {"fills": "fill", "cellXfs": "xf", "fonts": "font"}[name], p)
    if len(items) <= count:
        return xml
    open_tag = re.sub(r'\scount="\d+"', "", re.match(r"<[^>]*>", m.group(0)).group(0))[:-1] + f' count="{count}">'
    return xml[:m.start()] + open_tag + "".join(items[:count]) + f"</{p}{name}>" + xml[m.end():]
