"""Check one workbook: read, recognise, apply every rule; never raises for a bad file."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from xltools.recognize import recognize
from xltools.recognize.model import Recognized, TableRef
from xltools.rules import run_rules
from xltools.rules.base import Finding
from xltools.workbook.read import BookData, ReadError, read_book, read_books

if TYPE_CHECKING:
    from xltools.provenance import Made
    from xltools.settings import Settings


@dataclass
class FileReport:
    path: Path
    error: str | None = None
    tables: list[TableRef] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # accepted exceptions included, marked ``accepted``
    recognized: Recognized | None = None
    sheet_order: list[str] = field(default_factory=list)
    overview: dict[str, str] = field(default_factory=dict)  # 单位/项目, 总分, 等级 for batch summaries
    stats: dict | None = None  # what was recognised and skipped (--stats)
    made: Made | None = None  # what xltools wrote this file as (a marked copy, a summary), told from its content

    @property
    def counted(self) -> list[Finding]:
        """The findings that count: accepted exceptions are listed apart and never counted."""
        return [f for f in self.findings if not f.accepted]

    @property
    def accepted(self) -> list[Finding]:
        return [f for f in self.findings if f.accepted]

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.counted)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.counted)

    @property
    def infos(self) -> int:
        return sum(f.severity == "info" for f in self.counted)


def check_file(path: Path, codes: list[str] | None = None, stats: bool = False,
               settings: Settings | None = None) -> FileReport:
    """``settings`` (profile, selection, accepted exceptions…: ``xltools.settings``) default to none."""
    try:
        book = read_book(path, settings.limits if settings is not None else None)
    except ReadError as exc:
        return FileReport(path, error=str(exc))
    return _check_read(path, book, codes, stats, settings)


def check_files(paths: Sequence[Path], codes: list[str] | None = None, stats: bool = False,
                settings: Settings | None = None) -> Iterator[FileReport]:
    """``check_file`` of each path, in order, the same reports. Small files are read in groups
    (``read_books``: the safety pass of the group, then python-calamine's reading of it; alternating
    the two file by file costs 0.1-0.15 ms more per small form)."""
    for path, book in read_books(paths, settings.limits if settings is not None else None):
        yield FileReport(path, error=str(book)) if isinstance(book, ReadError) else \
            _check_read(path, book, codes, stats, settings)


def _check_read(path: Path, book: BookData, codes: list[str] | None, stats: bool,
                settings: Settings | None) -> FileReport:
    from xltools.provenance import OWN_SUFFIXES, made_by_xltools
    from xltools.workbook.notes import read_notes

    report = check_book(book, codes, stats, settings, read_notes(book.package if book.package is not None else path))
    if book.package is not None and path.suffix.lower() in OWN_SUFFIXES:
        report.made = made_by_xltools(book.package)  # a folder run leaves out xltools' own files, told here
    return report


def check_book(book: BookData, codes: list[str] | None = None, stats: bool = False,
               settings: Settings | None = None, notes: Sequence = ()) -> FileReport:
    from xltools.settings import Settings

    found = recognize(book)
    order = [s.name for s in book.sheets]
    tables = sorted(found.refs, key=lambda t: (order.index(t.sheet) if t.sheet in order else 0, t.r0, t.c0))
    report = FileReport(book.path, tables=tables, recognized=found, sheet_order=order, overview=_overview(found))
    config = (settings or Settings()).run_config(book.path, order, notes)
    if stats:
        from xltools.stats import describe

        report.stats = describe(book, found, config.profile)
    findings = run_rules(found, codes, config)
    found.package = None  # the file's bytes are not kept with the report
    report.findings = sorted(findings, key=lambda f: (order.index(f.sheet) if f.sheet in order else 0,
                                                      *_cell_key(f.cell), f.rule))
    return report


def _cell_key(cell: str) -> tuple[int, int]:
    m = re.match(r"([A-Z]+)(\d+)", cell)
    if not m:
        return (0, 0)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return (int(m.group(2)), col)


def _overview(found: Recognized) -> dict[str, str]:
    names, totals, grades = [], [], []
    for form in found.self_eval:
        names.append(form.project or form.sheet)
        totals.append(form.total.text if form.total is not None and form.filled else "")
        grades.append(form.grade.text if form.grade is not None and form.filled else "")
    for sz in found.shenzhen:
        names.append(sz.project or sz.sheet)
        if sz.scores:
            totals.append(sz.scores.total["score"].text if "score" in sz.scores.total else "")
            grades.append(sz.scores.grade.text if sz.scores.grade is not None else "")
    names += found.compilers
    return {"name": "；".join(n for n in names if n), "total": "；".join(t for t in totals if t),
            "grade": "；".join(g for g in grades if g)}


def _callable_module() -> None:
    """``xltools.check`` is this module and, called, the reviewers' API ``xltools.api.check``:
    ``xltools.check("收到的表/")`` works however the package was imported before."""
    import sys
    import types

    class CallableModule(types.ModuleType):
        def __call__(self, paths, profile=None, **options):  # noqa: ANN001, ANN003, ANN204 -- as api.check
            from xltools.api import check

            return check(paths, profile, **options)

    sys.modules[__name__].__class__ = CallableModule


_callable_module()
