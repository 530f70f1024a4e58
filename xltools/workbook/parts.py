"""A few XML parts of an .xlsx package, read in bounded memory and parsed without trusting them.

For the light looks xltools takes at a file besides reading its cells (was it written by
xltools? does it hold XT_ formulas or external links?): parts larger than a cap are not read
at all, inflation stops at the size the zip directory declares (``zipread``), and XML goes
through defusedxml (no DTD, no entities). Anything unusual makes the part "unreadable" (None),
never an exception: the reader proper (``read_book``) gives the user the reasons.
"""

from __future__ import annotations

import errno
import io
import os
import posixpath
import re
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import BinaryIO
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring, iterparse

from xltools.workbook.zipread import PartDamaged, read_part

MB = 1024 * 1024
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
WORKBOOK = "xl/workbook.xml"
XML_FAILURES = (ParseError, DefusedXmlException, ValueError, UnicodeDecodeError)
XML_ENCODING = re.compile(rb"""encoding\s*=\s*["']([^"']*)["']""")
IN_MEMORY = 4 * MB  # files up to this size are read whole before their directory is parsed


def mentions_formula_words(data: bytes) -> bool:
    """Whether a worksheet's XML mentions XT_ (ASCII letters in any case) or "[": it may hold an XT_
    call or an external reference (``formulas_scan``); most sheets mention neither and are never
    parsed. Each "_" is looked at (a regular expression would cost a hundred times more)."""
    if b"[" in data:
        return True
    at = data.find(b"_", 2)
    while at >= 0:
        if data[at - 2:at].upper() == b"XT":
            return True
        at = data.find(b"_", at + 1)
    return False


def _open_regular(path: Path) -> BinaryIO:
    """The file for reading; a FIFO or a device named x.xlsx is refused, never waited on (a plain
    open of a FIFO blocks until someone writes to it)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _utf8(data: bytes) -> bool:
    """Whether an XML parser reads these bytes as UTF-8: no UTF-16 byte-order mark or zero bytes at
    the start, and no XML declaration naming another encoding."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4]:
        return False
    if not data.startswith(b"<?xml"):
        return True
    declaration = data[:data.find(b"?>")]
    found = XML_ENCODING.search(declaration)
    return found is None or found.group(1).lower() in (b"utf-8", b"utf8")


def local(tag: str) -> str:
    return tag.rpartition("}")[2]


@dataclass
class Package:
    """A workbook as ``read_book`` read it: its bytes and its zip directory, parsed once and handed to
    the other readers of the same check (cell notes, the formula scan) instead of opening the file
    again. ``mentions`` notes, for each worksheet part the reader inflated whole, the formula scan's
    quick test, so that test needs no second inflation; ``inflated`` holds the small parts the reader
    inflated and checked (size and CRC against the directory), so they are not inflated again."""

    data: bytes = field(repr=False)
    infos: dict[str, zipfile.ZipInfo] = field(repr=False)
    mentions: dict[str, bool] = field(default_factory=dict)  # part -> mentions_formula_words(its bytes)
    inflated: dict[str, bytes] = field(default_factory=dict, repr=False)  # part -> its inflated bytes

    def fp(self) -> BinaryIO:
        return io.BytesIO(self.data)


class Parts:
    """``with Parts(path) as p:`` then ``p.xml(name)``, ``p.sheets()``…; ``p.ok`` is False when the
    file is not a readable zip (then every lookup finds nothing). Given a ``Package`` instead of a
    path, it reads that package's bytes with the directory already parsed."""

    def __init__(self, path: Path | Package, max_part_mb: int = 64) -> None:
        self.path, self.cap = path, max_part_mb * MB
        self.zip: zipfile.ZipFile | None = None
        self.handle: BinaryIO | None = None
        self.fp: BinaryIO | None = None
        self.infos: dict[str, zipfile.ZipInfo] = {}
        self.package = path if isinstance(path, Package) else None

    def __enter__(self) -> Parts:
        if self.package is not None:
            self.fp, self.infos = self.package.fp(), self.package.infos
            return self
        try:
            self.handle = _open_regular(self.path)
            # a small file is read in one call (the directory is then parsed without a seek and read each)
            small = os.fstat(self.handle.fileno()).st_size <= IN_MEMORY
            self.zip = zipfile.ZipFile(io.BytesIO(self.handle.read(IN_MEMORY + 1)) if small else self.handle)
            self.infos = {i.filename: i for i in self.zip.infolist()}
            self.fp = self.zip.fp
        except (OSError, zipfile.BadZipFile, ValueError, EOFError, RuntimeError):
            self.zip = self.fp = None
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self.zip is not None:
            self.zip.close()
        if self.handle is not None:
            self.handle.close()

    @property
    def ok(self) -> bool:
        return self.fp is not None

    def names(self) -> list[str]:
        return list(self.infos)

    def read(self, name: str) -> bytes | None:
        info = self.infos.get(name)
        if self.fp is None or info is None or info.file_size > self.cap or info.flag_bits & 0x1:
            return None
        if self.package is not None and name in self.package.inflated:
            return self.package.inflated[name]  # inflated and checked by the reader already
        try:
            return read_part(self.fp, info)
        except (PartDamaged, OSError, ValueError):
            return None

    def may_name_sheet(self, prefix: str) -> bool:
        """False only when no sheet ``sheets()`` finds can have a name starting with ``prefix``: the
        workbook part, read as UTF-8, spells the prefix nowhere, not even by character references.
        Cheap (no XML is parsed), for a look at every file of a folder."""
        data = self.read(WORKBOOK)
        if data is None:
            return False  # sheets() finds none
        if prefix.encode("utf-8") in data or b"&#" in data:
            return True
        return not _utf8(data)  # another encoding would spell it in other bytes: look properly

    def mentions_formula_words(self, name: str) -> bool:
        """``mentions_formula_words`` of the part (False when it cannot be read), from what the reader
        noted when it inflated the part."""
        noted = self.package.mentions.get(name) if self.package is not None else None
        return noted if noted is not None else mentions_formula_words(self.read(name) or b"")

    def xml(self, name: str) -> Element | None:
        data = self.read(name)
        if data is None:
            return None
        try:
            return fromstring(data)
        except XML_FAILURES:
            return None

    def elements(self, name: str, wanted: set[str]) -> Iterator[Element]:
        """Elements with these local names, one by one (for sheet parts, which may be large)."""
        data = self.read(name)
        if data is None:
            return
        import io

        try:
            for _event, element in iterparse(io.BytesIO(data), events=("end",)):
                if local(element.tag) in wanted:
                    yield element
                    element.clear()
        except XML_FAILURES:
            return

    def relationships(self, part: str) -> dict[str, tuple[str, str, str]]:
        """Id -> (type, target as a part name or the external address, target mode) for a part."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        found: dict[str, tuple[str, str, str]] = {}
        for rel in root.iter(f"{{{NS_PKG_REL}}}Relationship") if root is not None else ():
            target, mode = rel.get("Target", ""), rel.get("TargetMode", "Internal")
            if mode != "External":
                target = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[rel.get("Id", "")] = (rel.get("Type", ""), target, mode)
        return found

    def sheets(self) -> list[tuple[str, str]]:
        """(sheet name, part name) of every worksheet, in the workbook's order."""
        root = self.xml(WORKBOOK)
        if root is None:
            return []
        rels = self.relationships(WORKBOOK)
        found = []
        for sheet in root.iter(f"{{{NS_MAIN}}}sheet"):
            rel = rels.get(sheet.get(f"{{{NS_REL}}}id", ""))
            if rel is not None and rel[0].endswith("/worksheet"):
                found.append((sheet.get("name", ""), rel[1]))
        return found

    def shared_strings(self, wanted: set[int]) -> dict[int, str]:
        """The texts of these shared-string indices (the table is walked once, nothing else kept)."""
        rels = self.relationships(WORKBOOK)
        name = next((target for kind, target, _ in rels.values() if kind.endswith("/sharedStrings")),
                    "xl/sharedStrings.xml")
        found: dict[int, str] = {}
        if not wanted:
            return found
        for index, item in enumerate(self.elements(name, {"si"})):
            if index in wanted:
                found[index] = "".join(t.text or "" for t in item.iter(f"{{{NS_MAIN}}}t"))
                if len(found) == len(wanted):
                    break
        return found
