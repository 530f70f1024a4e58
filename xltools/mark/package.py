"""An .xlsx/.xlsm package edited part by part, so that every part we do not touch stays byte-identical.

openpyxl drops charts, images, pivot tables, some conditional formats and form controls
when it saves; marking therefore never round-trips a workbook through it. Only the parts a
mark needs are rewritten: styles, the flagged sheets, their comments and VML, the workbook
part and its relationships, and the content types.
"""

from __future__ import annotations

import html
import io
import os
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree

from xltools.mark.xmledit import escape
from xltools.workbook.safety import FileStamp

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_WORKSHEET = f"{NS_REL}/worksheet"
REL_COMMENTS = f"{NS_REL}/comments"
REL_VML = f"{NS_REL}/vmlDrawing"
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"


@dataclass(frozen=True)
class SheetEntry:
    name: str
    sheet_id: str
    rel_id: str
    part: str  # "xl/worksheets/sheet1.xml"
    state: str | None


class StaleFile(Exception):
    """The file on disk is no longer the one that was checked."""


class Package:
    def __init__(self, path: Path, expected: FileStamp | None = None) -> None:
        """Read every part, from the file's bytes read once; ``expected``: refuse a file changed since."""
        with open(path, "rb") as handle:
            if expected is not None and FileStamp.of(os.fstat(handle.fileno())) != expected:
                raise StaleFile(path)
            data = handle.read()
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            self.infos = z.infolist()
            self.parts: dict[str, bytes] = {i.filename: z.read(i.filename) for i in self.infos}
        self.changed: set[str] = set()
        self.deleted: set[str] = set()

    # ---- parts ------------------------------------------------------------------------

    def text(self, name: str) -> str:
        return self.parts[name].decode("utf-8")

    def put(self, name: str, content: str | bytes) -> None:
        self.parts[name] = content.encode("utf-8") if isinstance(content, str) else content
        self.changed.add(name)
        self.deleted.discard(name)

    def delete(self, name: str) -> None:
        if name in self.parts:
            del self.parts[name]
            self.deleted.add(name)

    def has(self, name: str) -> bool:
        return name in self.parts

    def unique_name(self, pattern: str) -> str:
        """First free part name for a pattern with one {} (e.g. "xl/comments{}.xml")."""
        n = 1
        while pattern.format(n) in self.parts:
            n += 1
        return pattern.format(n)

    def save(self, path: Path) -> None:
        written = set()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for info in self.infos:
                if info.filename in self.deleted or info.filename not in self.parts:
                    continue
                if info.filename in self.changed:
                    out.writestr(_fresh_info(info.filename, info), self.parts[info.filename])
                else:
                    out.writestr(info, self.parts[info.filename])  # byte-identical, same compression
                written.add(info.filename)
            for name in sorted(set(self.parts) - written):
                out.writestr(_fresh_info(name), self.parts[name])

    # ---- relationships and content types ------------------------------------------------

    def rels_name(self, part: str) -> str:
        if part == "":
            return "_rels/.rels"
        folder, base = posixpath.split(part)
        return f"{folder}/_rels/{base}.rels"

    def relationships(self, part: str) -> list[dict[str, str]]:
        name = self.rels_name(part)
        if name not in self.parts:
            return []
        root = ElementTree.fromstring(self.parts[name])
        return [dict(el.attrib) for el in root if el.tag.endswith("Relationship")]

    def target_path(self, part: str, target: str) -> str:
        if target.startswith("/"):
            return target.lstrip("/")
        return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))

    def add_relationship(self, part: str, rel_type: str, target_part: str) -> str:
        name = self.rels_name(part)
        text = self.text(name) if name in self.parts else (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{NS_PKG_REL}"></Relationships>')
        ids = set(re.findall(r'Id="([^"]+)"', text))
        n = 1
        while f"rId{n}" in ids:
            n += 1
        rel_id = f"rId{n}"
        target = posixpath.relpath(target_part, posixpath.dirname(part))
        element = f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{escape(target)}"/>'
        text = re.sub(r"<Relationships([^>]*)/>", r"<Relationships\1></Relationships>", text)
        self.put(name, text.replace("</Relationships>", element + "</Relationships>"))
        return rel_id

    def remove_relationship(self, part: str, rel_id: str) -> None:
        name = self.rels_name(part)
        if name not in self.parts:
            return
        text = re.sub(rf'<Relationship\b[^>]*\bId="{re.escape(rel_id)}"[^>]*/>', "", self.text(name))
        if not re.search(r"<Relationship\b", text):
            self.delete(name)
        else:
            self.put(name, text)

    def add_override(self, part: str, content_type: str) -> None:
        text = self.text("[Content_Types].xml")
        if f'PartName="/{part}"' not in text:
            text = text.replace("</Types>", f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>')
            self.put("[Content_Types].xml", text)

    def remove_override(self, part: str) -> None:
        text = self.text("[Content_Types].xml")
        new = re.sub(rf'<Override\b[^>]*PartName="/{re.escape(part)}"[^>]*/>', "", text)
        if new != text:
            self.put("[Content_Types].xml", new)

    def ensure_default(self, extension: str, content_type: str) -> bool:
        """Declare a content type for an extension; True when it had to be added."""
        text = self.text("[Content_Types].xml")
        if re.search(rf'<Default\b[^>]*Extension="{extension}"', text, re.IGNORECASE):
            return False
        text = re.sub(r"(<Types\b[^>]*>)", rf'\1<Default Extension="{extension}" ContentType="{content_type}"/>',
                      text, count=1)
        self.put("[Content_Types].xml", text)
        return True

    def remove_default(self, extension: str) -> None:
        text = self.text("[Content_Types].xml")
        self.put("[Content_Types].xml", re.sub(rf'<Default\b[^>]*Extension="{extension}"[^>]*/>', "", text))

    # ---- workbook -----------------------------------------------------------------------

    @property
    def workbook_part(self) -> str:
        for rel in self.relationships(""):
            if rel.get("Type", "").endswith("/officeDocument"):
                return rel["Target"].lstrip("/")
        return "xl/workbook.xml"

    def sheets(self) -> list[SheetEntry]:
        wb = self.workbook_part
        targets = {r["Id"]: self.target_path(wb, r["Target"]) for r in self.relationships(wb)}
        entries = []
        for match in re.finditer(r"<sheet\b[^>]*/>", self.text(wb)):
            tag = match.group(0)
            name = _attr(tag, "name")
            rel_id = _attr(tag, "r:id") or _attr_any_ns(tag, "id")
            entries.append(SheetEntry(_unescape(name or ""), _attr(tag, "sheetId") or "", rel_id or "",
                                      targets.get(rel_id or "", ""), _attr(tag, "state")))
        return entries

    def sheet_part(self, name: str) -> str | None:
        return next((s.part for s in self.sheets() if s.name == name), None)


def _fresh_info(name: str, like: zipfile.ZipInfo | None = None) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=like.date_time if like else (1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _attr(tag: str, name: str) -> str | None:
    m = re.search(rf'\s{re.escape(name)}="([^"]*)"', tag)
    return m.group(1) if m else None


def _attr_any_ns(tag: str, local: str) -> str | None:
    m = re.search(rf'\s\w+:{re.escape(local)}="([^"]*)"', tag)
    return m.group(1) if m else None


def _unescape(text: str) -> str:
    """An attribute's text as it reads: entities and numeric character references (&#37096; is 部) alike,
    as some programs write sheet names."""
    return html.unescape(text)
