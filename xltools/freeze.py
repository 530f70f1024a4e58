"""``xltools freeze``: a copy in which every XT_ formula (and every formula referring to another
workbook) is replaced by the value saved with it, so the file reads the same on any computer.

The copy is edited part by part (``xltools.mark.package``): only the sheets holding such
formulas, the calculation chain (dropped: Excel rebuilds it) and, when nothing refers to them
any more, the external links change; everything else stays byte-identical. A formula saved
without a value, or whose value is an error (#NAME? where the add-in was missing), cannot be
frozen: nothing is written and the cells are named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from xltools.errors import UserError
from xltools.workbook.formulas_scan import FormulaScan, needs_freezing, scan_formulas

CELL = re.compile(r"<(?P<p>\w+:)?c\b(?P<attrs>[^>]*?)(?:/>|>(?P<body>.*?)</(?P=p)?c>)", re.DOTALL)
FORMULA = re.compile(r"<(?P<p>\w+:)?f\b(?P<attrs>[^>]*?)(?:/>|>(?P<text>.*?)</(?P=p)?f>)", re.DOTALL)
VALUE = re.compile(r"<(?P<p>\w+:)?v\b[^>]*>(?P<text>.*?)</(?P=p)?v>", re.DOTALL)
REL_CALC_CHAIN = "/calcChain"
MAX_LISTED = 10


@dataclass
class Frozen:
    target: Path
    cells: int = 0
    sheets: list[str] = field(default_factory=list)
    links_removed: list[str] = field(default_factory=list)
    links_kept: list[str] = field(default_factory=list)


class CannotFreeze(UserError):
    """Some formulas cannot be replaced by a value (none saved, or an error value)."""


def default_target(source: Path) -> Path:
    return source.with_name(f"{source.stem}_固化{source.suffix}")


def freeze_file(source: Path, target: Path | None = None) -> Frozen | None:
    """Write the frozen copy; None when the workbook has nothing to freeze (nothing is written)."""
    from xltools.mark import open_package
    from xltools.outputs import write_with
    from xltools.workbook.read import read_book

    read_book(source)  # a damaged or hostile file is refused here, with the reader's reasons
    scan = scan_formulas(source)
    if not scan.anything:
        return None
    _refuse_unfreezable(scan, source)
    target = target or default_target(source)
    pkg = open_package(source)
    result = Frozen(target)
    entries = {s.name: s for s in pkg.sheets()}
    for sheet in dict.fromkeys(c.sheet for c in scan.cells):
        part = entries[sheet].part
        xml, count = freeze_sheet(pkg.text(part))
        if count:
            pkg.put(part, xml)
            result.cells += count
            result.sheets.append(sheet)
    if result.cells:
        _drop_calc_chain(pkg)
    if scan.links:
        _drop_unused_links(pkg, scan, result)
    write_with(target, pkg.save, inputs=[source], what="固化副本")
    return result


def freeze_sheet(xml: str) -> tuple[str, int]:
    """A sheet's XML with XT_ and external formulas replaced by their saved values, and how many."""
    frozen_groups: set[str] = set()  # shared formulas whose first cell freezes: every cell of the group does
    for m in CELL.finditer(xml):
        f = FORMULA.search(m.group("body") or "")
        if f and 'si="' in f.group("attrs") and f.group("text"):
            if any(needs_freezing(_unescape(f.group("text")))):
                frozen_groups.add(_attr(f.group("attrs"), "si") or "")
    count = 0

    def replace(m: re.Match[str]) -> str:
        nonlocal count
        body = m.group("body") or ""
        f = FORMULA.search(body)
        if f is None:
            return m.group(0)
        shared_si = _attr(f.group("attrs"), "si") if 't="shared"' in f.group("attrs") else None
        freeze = (shared_si in frozen_groups) if shared_si is not None else any(
            needs_freezing(_unescape(f.group("text") or "")))
        if not freeze:
            return m.group(0)
        count += 1
        return _as_value(m.group("p") or "", m.group("attrs"), body)

    return CELL.sub(replace, xml), count


def _as_value(prefix: str, attrs: str, body: str) -> str:
    """The cell without its formula: a number, boolean or text constant holding the saved value."""
    kind = _attr(attrs, "t") or "n"
    value = VALUE.search(body)
    text = value.group("text") if value else ""
    if kind == "str":  # a formula's text result: a constant text cell is an inline string
        attrs = re.sub(r'\st="str"', ' t="inlineStr"', attrs)
        return (f'<{prefix}c{attrs}><{prefix}is><{prefix}t xml:space="preserve">{text}</{prefix}t></{prefix}is>'
                f'</{prefix}c>')
    return f"<{prefix}c{attrs}><{prefix}v>{text}</{prefix}v></{prefix}c>"


def _refuse_unfreezable(scan: FormulaScan, source: Path) -> None:
    missing = [c for c in scan.cells if c.cached is None]
    errors = [c for c in scan.cells if c.cached_type == "e"]
    problems = []
    if missing:
        problems.append(f"{len(missing)} 个公式没有保存计算结果（{_listed(missing)}）")
    if errors:
        problems.append(f"{len(errors)} 个公式的结果是错误值（{_listed(errors, values=True)}），"
                        "多半是保存时没有加载“绩效工具”加载项")
    if problems:
        raise CannotFreeze(f"无法固化 {source.name}：" + "；".join(problems) +
                           "。请在装有加载项的 Excel 中打开它、按 Ctrl+Alt+F9 重新计算并保存，再固化；未写出任何文件")


def _listed(cells, values: bool = False) -> str:  # noqa: ANN001 -- FormulaCell list
    shown = [f"{c.sheet}!{c.cell}" + (f" {c.cached}" if values else "") for c in cells[:MAX_LISTED]]
    return "、".join(shown) + (f" 等 {len(cells)} 处" if len(cells) > MAX_LISTED else "")


def _drop_calc_chain(pkg) -> None:  # noqa: ANN001 -- a mark.package.Package
    """The calculation chain lists formula cells; one naming a cell that has none makes Excel repair
    the file. Without the part Excel rebuilds the chain when it opens the workbook."""
    wb = pkg.workbook_part
    for rel in pkg.relationships(wb):
        if rel.get("Type", "").endswith(REL_CALC_CHAIN):
            part = pkg.target_path(wb, rel["Target"])
            pkg.remove_relationship(wb, rel["Id"])
            pkg.remove_override(part)
            pkg.delete(part)


def _drop_unused_links(pkg, scan: FormulaScan, result: Frozen) -> None:  # noqa: ANN001
    """Remove the external links once no formula, name, validation or format refers to any of them.
    (They are numbered [1], [2]… in order: removing only some would renumber the others.)"""
    texts = [pkg.text(s.part) for s in pkg.sheets() if pkg.has(s.part)]
    wb_part = pkg.workbook_part
    wb = pkg.text(wb_part)
    names = " ".join(re.findall(r"<(?:\w+:)?definedName\b[^>]*>(.*?)</(?:\w+:)?definedName>", wb, re.DOTALL))
    formulas = " ".join(m.group("text") or "" for t in texts for m in FORMULA.finditer(t))
    other = " ".join(re.findall(r"<(?:\w+:)?formula[12]?>(.*?)</(?:\w+:)?formula[12]?>", " ".join(texts),
                                re.DOTALL))
    described = [link.target or link.part for link in scan.links]
    if any(needs_freezing(_unescape(text))[1] for text in (names, formulas, other)):
        result.links_kept = described
        return
    for rel in pkg.relationships(wb_part):
        if not rel.get("Type", "").endswith("/externalLink"):
            continue
        part = pkg.target_path(wb_part, rel["Target"])
        pkg.remove_relationship(wb_part, rel["Id"])
        pkg.remove_override(part)
        pkg.delete(part)
        pkg.delete(pkg.rels_name(part))
    wb = re.sub(r"<(\w+:)?externalReferences\b.*?</(\w+:)?externalReferences>", "", wb, flags=re.DOTALL)
    pkg.put(wb_part, wb)
    result.links_removed = described


def _attr(attrs: str, name: str) -> str | None:
    m = re.search(rf'\s{name}="([^"]*)"', attrs)
    return m.group(1) if m else None


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)  # entities and numeric character references (&#20013;) alike
