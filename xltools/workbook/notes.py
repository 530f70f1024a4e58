"""Cell notes (Excel comments) of a workbook, read within fixed bounds, and the reviewer's
"xltools:忽略 SE13 原因" notes among them.

The legacy comment parts (what WPS and older Excel write) and the threaded comments of Excel 365,
where a comment typed today lands (Excel writes a legacy placeholder beside it, "[Threaded comment]
… Comment: …", which is not a directive; the threaded comment's own text is read). The package was already inspected by ``read_book``; this reader still trusts nothing:
parts are inflated by ``zipread`` (never past their declared size), size-capped, and parsed by
defusedxml, which refuses DTDs and entities.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree

from xltools.workbook.parts import Package
from xltools.workbook.zipread import PartDamaged, read_part

MAX_PART_BYTES = 16 * 1024 * 1024  # one comments part; a larger one is skipped
MAX_NOTES = 20_000
MAX_TEXT = 4_000  # characters kept of one note
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
COMMENTS = "/comments"
THREADED = "/threadedComment"
DIRECTIVE = re.compile(r"^\s*xltools\s*[:：]\s*忽略\s*(?P<codes>[A-Za-z]{2,3}\d{2,3}(?:\s*[,，、]\s*[A-Za-z]{2,3}\d{2,3})*)"
                       r"(?P<reason>.*)$", re.DOTALL)


@dataclass(frozen=True)
class Note:
    sheet: str
    cell: str  # A1 address as the note's ref gives it
    text: str


@dataclass(frozen=True)
class Directive:
    """A note that accepts findings: the rule codes it names and the reason written after them."""

    codes: tuple[str, ...]
    reason: str


def parse_directive(text: str) -> Directive | None:
    """``xltools:忽略 SE13 偏差原因见报告`` (also with ：, several codes as SE13,SE11); None otherwise."""
    m = DIRECTIVE.match(text)
    if not m:
        return None
    codes = tuple(c.strip().upper() for c in re.split(r"[,，、]", m.group("codes")))
    reason = m.group("reason").strip(" \t\r\n:：-—，,。")
    return Directive(codes, reason)


def read_notes(source: Path | Package) -> list[Note]:
    """Every cell note of an .xlsx/.xlsm, with its sheet; [] for other files or a package that cannot
    be read this way (the values were read already: notes only ever add accepted exceptions).
    ``source`` is the file, or the package ``read_book`` read (its zip directory is not parsed again)."""
    try:
        if isinstance(source, Package):
            if not _has_comments(source.infos):
                return []
            return _notes(source.fp(), source.infos)
        with zipfile.ZipFile(source) as package:
            infos = {i.filename: i for i in package.infolist()}
            if not _has_comments(infos):
                return []
            return _notes(package.fp, infos)
    except (OSError, zipfile.BadZipFile, PartDamaged, ElementTree.ParseError, ValueError, KeyError):
        return []
    except Exception:  # noqa: BLE001 -- defusedxml refusals (DTD, entities) and odd packages: no notes
        return []


def _has_comments(infos: dict[str, zipfile.ZipInfo]) -> bool:
    return any(name.startswith("xl/comments") or "/comments" in name or "threadedComment" in name for name in infos)


def _notes(fp, infos: dict[str, zipfile.ZipInfo]) -> list[Note]:
    sheets = _sheet_parts(fp, infos)
    notes: list[Note] = []
    for sheet, part in sheets:
        parts = _comment_parts(fp, infos, part)
        for kind, element_name, text_name in (("comments", "comment", "t"), ("threaded", "threadedComment", "text")):
            root = _parse(fp, infos.get(parts[kind])) if kind in parts else None
            if root is None:
                continue
            for element in root.iter():
                if _local(element.tag) != element_name:
                    continue
                ref = element.get("ref", "")
                text = "".join(t.text or "" for t in element.iter() if _local(t.tag) == text_name)
                notes.append(Note(sheet, ref.upper(), text[:MAX_TEXT]))
                if len(notes) >= MAX_NOTES:
                    return notes
    return notes


def _sheet_parts(fp, infos: dict[str, zipfile.ZipInfo]) -> list[tuple[str, str]]:
    """(sheet name, worksheet part) in workbook order."""
    workbook = _parse(fp, infos.get("xl/workbook.xml"))
    rels = _relationships(fp, infos, "xl/workbook.xml")
    if workbook is None:
        return []
    out = []
    for element in workbook.iter():
        if _local(element.tag) == "sheet":
            target = rels.get(element.get(f"{{{NS_REL}}}id", ""))
            if target:
                out.append((element.get("name", ""), target))
    return out


def _comment_parts(fp, infos: dict[str, zipfile.ZipInfo], sheet_part: str) -> dict[str, str]:
    """The sheet's legacy comments part and its threaded comments part, where it has them."""
    found: dict[str, str] = {}
    for target, kind in _relationships(fp, infos, sheet_part, with_type=True).values():
        if kind.endswith(COMMENTS):
            found.setdefault("comments", target)
        elif kind.endswith(THREADED):
            found.setdefault("threaded", target)
    return found


def _relationships(fp, infos: dict[str, zipfile.ZipInfo], part: str, with_type: bool = False) -> dict:
    folder, name = posixpath.split(part)
    root = _parse(fp, infos.get(posixpath.join(folder, "_rels", f"{name}.rels")))
    found: dict = {}
    if root is None:
        return found
    for element in root.iter():
        if _local(element.tag) != "Relationship" or element.get("TargetMode") == "External":
            continue
        target = element.get("Target", "")
        resolved = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        if resolved.startswith(".."):
            continue
        found[element.get("Id", "")] = (resolved, element.get("Type", "")) if with_type else resolved
    return found


def _parse(fp, info: zipfile.ZipInfo | None):
    if info is None or info.file_size > MAX_PART_BYTES:
        return None
    return ElementTree.fromstring(read_part(fp, info), forbid_dtd=True)


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""
