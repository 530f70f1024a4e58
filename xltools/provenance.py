"""Which files in a folder xltools wrote itself, told by what they contain, so a folder checked a
second time does not count every finding twice.

- A marked workbook holds the 检查结果 sheet with the hidden metadata column that ``xltools.mark``
  writes (``xltools-marks:…``), its title line naming the file that was checked
  ("xltools 检查结果：湖北.xlsx　错误 …") and its header row (LibreOffice drops the hidden column
  when it saves the copy again; the title and headers remain). A marked *copy* names another file; a file marked in
  place names itself and is the user's own workbook, so it is checked.
- A summary workbook carries a custom document property (``SUMMARY_PROPERTY``).
- A backup that ``--in-place`` keeps (``原名.备份-时间.xlsx``) is an older copy of a file that is
  itself in the run.

A copy or backup is skipped only when the file it was made from is checked in the same run:
a marked copy a unit sent back without its original is still checked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from xltools.mark.common import (
    META_COL,
    META_PREFIX,
    META_ROW,
    RESULT_HEADERS,
    RESULT_SHEET,
)
from xltools.workbook.a1 import column_letter
from xltools.workbook.parts import NS_MAIN, Package, Parts

SUMMARY_PROPERTY = "xltools"
SUMMARY_VALUE = "检查汇总"
NS_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
TITLE = re.compile(r"^xltools 检查结果：(?P<name>.+?)\u3000错误 ")
BACKUP = re.compile(r"^(?P<stem>.+)\.备份-\d{8}-\d{6}(?P<suffix>\.\w+)$")


@dataclass(frozen=True)
class Made:
    kind: str  # "marked" or "summary"
    source: str | None = None  # marked: the name of the file the marks were made for


OWN_SUFFIXES = (".xlsx", ".xlsm")  # what xltools writes: only these can be its copies or summaries


def made_by_xltools(source: Path | Package) -> Made | None:
    """What xltools made this file as, judged by its content (the file, or the package a check read
    of it); None for anything else."""
    with Parts(source) as parts:
        if not parts.ok:
            return None
        if _is_summary(parts):
            return Made("summary")
        if not parts.may_name_sheet(RESULT_SHEET):
            return None  # the common case, told without parsing the workbook part
        for name, part in parts.sheets():
            if name.startswith(RESULT_SHEET):
                found = _marks(parts, part)
                if found is not None:
                    return found
    return None


def _is_summary(parts: Parts) -> bool:
    root = parts.xml("docProps/custom.xml")
    if root is None:
        return False
    for prop in root.iter(f"{{{NS_CUSTOM}}}property"):
        if prop.get("name") == SUMMARY_PROPERTY and "".join(prop.itertext()).strip() == SUMMARY_VALUE:
            return True
    return False


def _marks(parts: Parts, part: str) -> Made | None:
    """A 检查结果 sheet xltools wrote: its metadata column, or (a spreadsheet program that saved the
    copy again may drop the hidden column) its title line and header row. Inline or shared strings."""
    header_refs = [f"{column_letter(k)}2" for k in range(1, len(RESULT_HEADERS) + 1)]
    cells: dict[str, tuple[str | None, str]] = {}  # ref -> (type, text or shared index)
    for cell in parts.elements(part, {"c"}):
        ref = cell.get("r", "")
        row = ref[len(META_COL):]
        if ref != "A1" and ref not in header_refs and not (ref.startswith(META_COL) and row.isdigit()
                                                           and int(row) >= META_ROW):
            continue
        if cell.get("t") == "inlineStr":
            raw = "".join(t.text or "" for t in cell.iter(f"{{{NS_MAIN}}}t"))
        else:
            value = cell.find(f"{{{NS_MAIN}}}v")
            raw = (value.text or "") if value is not None else ""
        cells[ref] = (cell.get("t"), raw)
    shared = parts.shared_strings({int(raw) for kind, raw in cells.values() if kind == "s" and raw.isdigit()})

    def text(ref: str) -> str:
        kind, raw = cells.get(ref, (None, ""))
        return shared.get(int(raw), "") if kind == "s" and raw.isdigit() else raw

    meta_cells = sorted((r for r in cells if r.startswith(META_COL) and r not in header_refs),
                        key=lambda r: int(r[len(META_COL):]))
    title = TITLE.match(text("A1"))
    with_meta = bool(meta_cells) and text(meta_cells[0]).startswith(META_PREFIX)
    with_layout = title is not None and [text(r) for r in header_refs] == list(RESULT_HEADERS)
    if not (with_meta or with_layout):
        return None
    return Made("marked", title.group("name") if title else None)


def skipped_in_run(files: Sequence[Path], made: Mapping[Path, Made | None] | None = None) -> dict[Path, str]:
    """The files of a folder run that xltools wrote (copies, backups, summaries), with the reason.
    ``made``: what each file was found to be when it was checked (then no file is opened here);
    by default each .xlsx/.xlsm is looked at now."""
    if made is None:
        made = {f: made_by_xltools(f) for f in files if f.suffix.lower() in OWN_SUFFIXES}
    names = {f.name.casefold() for f in files}
    reasons: dict[Path, str] = {}
    for path, found in made.items():
        if found is None:
            continue
        if found.kind == "summary":
            reasons[path] = "xltools 写出的检查汇总"
        elif found.source and found.source.casefold() != path.name.casefold() and found.source.casefold() in names:
            reasons[path] = f"xltools 写出的标记副本，原文件 {found.source} 已在检查之列"
    backups = [(path, backup) for path in files if (backup := BACKUP.match(path.name)) is not None]
    by_path = {f.resolve() if f.exists() else f for f in files} if backups else set()  # resolving costs
    for path, backup in backups:
        original = path.with_name(backup["stem"] + backup["suffix"])
        if (original.resolve() if original.exists() else original) in by_path:
            reasons[path] = f"--in-place 标记前保存的备份，原文件 {original.name} 已在检查之列"
    return reasons
