"""Which cells of a workbook call XT_ functions or refer to other workbooks, and which other files
it links to: what makes a workbook read differently on a computer without the sender's add-in
or files.

A workbook that uses XT_ functions shows #NAME? (or a link to the sender's add-in path) where
the add-in is not installed; a formula such as ``[1]Sheet1!A1`` shows its last value or asks
to update links. ``xltools freeze`` replaces such formulas by their values; the checker reports
them (XT004). The zip is read in bounded memory (``parts``): a sheet is parsed only when its
bytes mention XT_ or an external reference, so ordinary sheets cost one inflation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from xltools.workbook.parts import WORKBOOK, Package, Parts, local

XT_CALL = re.compile(r"(?<![A-Za-z0-9_.])(?:_xll\.)?XT_[A-Z][A-Z0-9_]*\s*\(", re.IGNORECASE)
EXTERNAL_REF = re.compile(r"\[\d+\]")  # [1]Sheet1!A1, '[1]表'!A1, [1]!Name: an external workbook by index
STRING_LITERAL = re.compile(r'"(?:[^"]|"")*"')
MAX_CELLS_LISTED = 10_000  # cells remembered per kind (all are counted)


@dataclass(frozen=True)
class FormulaCell:
    sheet: str
    cell: str
    formula: str  # as Excel shows it, without "="; for a shared formula's other cells, the first cell's
    xt: bool  # calls an XT_ function
    external: bool  # refers to another workbook
    cached: str | None  # the value saved with it (text as stored), None when none was saved
    cached_type: str  # the cell's t attribute: "n", "s", "str", "b", "e"…


@dataclass(frozen=True)
class ExternalLink:
    part: str  # xl/externalLinks/externalLink1.xml
    index: int  # the [n] formulas use
    target: str  # the other file, as the link stores it ("" when it does not say)
    kind: str  # "workbook", "dde" or "ole"


@dataclass
class FormulaScan:
    cells: list[FormulaCell] = field(default_factory=list)
    links: list[ExternalLink] = field(default_factory=list)
    counted: int = 0  # every XT_ or external formula cell, also those past MAX_CELLS_LISTED
    readable: bool = True
    sheets: list[str] = field(default_factory=list)  # every worksheet, in order

    @property
    def xt_cells(self) -> list[FormulaCell]:
        return [c for c in self.cells if c.xt]

    @property
    def external_cells(self) -> list[FormulaCell]:
        return [c for c in self.cells if c.external and not c.xt]

    @property
    def anything(self) -> bool:
        return bool(self.cells or self.links)


def needs_freezing(formula: str) -> tuple[bool, bool]:
    """(calls an XT_ function, refers to another workbook), string literals left out."""
    bare = STRING_LITERAL.sub('""', formula)
    return bool(XT_CALL.search(bare)), bool(EXTERNAL_REF.search(bare))


def scan_formulas(source: Path | Package) -> FormulaScan:
    """The XT_ and external formulas of every worksheet, and the workbook's external links. ``source``
    is the file, or the package ``read_book`` read (no second pass over the zip)."""
    scan = FormulaScan()
    with Parts(source) as parts:
        if not parts.ok:
            scan.readable = False
            return scan
        names = parts.names()
        if not any(n.startswith("xl/externalLinks/") for n in names) and not any(
                parts.mentions_formula_words(n) for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")):
            return scan  # the common case, told from the raw parts without parsing any XML
        scan.links = _links(parts)
        worksheets = parts.sheets()
        scan.sheets = [name for name, _ in worksheets]
        for sheet, part in worksheets:
            data = parts.read(part)
            if data is None or not (b"XT_" in data.upper() or (scan.links and b"[" in data)):
                continue
            _scan_sheet(parts, sheet, part, scan)
    return scan


def _scan_sheet(parts: Parts, sheet: str, part: str, scan: FormulaScan) -> None:
    shared: dict[str, tuple[bool, bool, str]] = {}  # si -> what its first cell's formula does
    for cell in parts.elements(part, {"c"}):
        f = next((child for child in cell if local(child.tag) == "f"), None)
        if f is None:
            continue
        text = f.text or ""
        si = f.get("si")
        if f.get("t") == "shared" and si is not None:
            if text:
                shared[si] = (*needs_freezing(text), text)
            xt, external, text = shared.get(si, (False, False, text))
        else:
            xt, external = needs_freezing(text)
        if not (xt or external):
            continue
        scan.counted += 1
        if len(scan.cells) >= MAX_CELLS_LISTED:
            continue
        value = next((child for child in cell if local(child.tag) == "v"), None)
        cached = value.text if value is not None and value.text is not None else None
        scan.cells.append(FormulaCell(sheet, cell.get("r", ""), text, xt, external, cached, cell.get("t", "n")))


def _links(parts: Parts) -> list[ExternalLink]:
    """The workbook's external links, numbered as formulas refer to them ([1], [2]… in workbook order)."""
    root = parts.xml(WORKBOOK)
    if root is None:
        return []
    rels = parts.relationships(WORKBOOK)
    links = []
    order = [el for el in root.iter() if local(el.tag) == "externalReference"]
    for index, reference in enumerate(order, start=1):
        rel_id = next((v for k, v in reference.attrib.items() if local(k) == "id"), "")
        kind_target = rels.get(rel_id)
        if kind_target is None:
            continue
        part = kind_target[1]
        link = parts.xml(part)
        kind = "workbook"
        if link is not None:
            first = next(iter(link), None)
            kind = {"ddeLink": "dde", "oleLink": "ole"}.get(local(first.tag), "workbook") if first is not None else kind
        target = ""
        for rel_type, rel_target, mode in parts.relationships(part).values():
            if mode == "External" or rel_type.endswith(("/externalLinkPath", "/xlExternalLinkPath/xlPathMissing")):
                target = rel_target
                break
        if not target and link is not None:  # DDE: the server and topic are the link
            dde = next((el for el in link.iter() if local(el.tag) == "ddeLink"), None)
            if dde is not None:
                target = f"{dde.get('ddeService', '')}|{dde.get('ddeTopic', '')}"
        links.append(ExternalLink(part, index, target, kind))
    return links
