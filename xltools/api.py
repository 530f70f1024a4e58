"""The Python API for reviewers: ``xltools.check(paths) -> Report``, findings as a pandas DataFrame.

    >>> import xltools
    >>> report = xltools.check("收到的表/")
    >>> report.to_frame().groupby("rule").size()
    >>> report.to_excel("检查汇总.xlsx")

Folders are searched as ``xltools check`` searches them (xltools' own copies, backups and
summaries left out); a file that cannot be read is a row of ``report.files`` with its
``error``, never an exception.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from xltools.check import FileReport

COLUMNS = ("file", "sheet", "cell", "rule", "severity", "message", "expected", "actual")
FILE_COLUMNS = ("file", "name", "tables", "errors", "warnings", "infos", "total", "grade", "read_error")


@dataclass(frozen=True)
class FileFinding:
    """One finding with the file it was found in (the JSON contract's fields plus ``file``)."""

    file: str
    sheet: str
    cell: str
    rule: str
    severity: str  # "error" | "warning" | "info"
    message: str
    expected: float | str | None = None
    actual: float | str | None = None


@dataclass
class Report:
    """The result of checking some workbooks: one ``FileReport`` per file, in order."""

    files: list[FileReport]
    skipped: dict[Path, str] = field(default_factory=dict)  # left out of a folder, with the reason
    folder: str = ""  # what was checked, for the summary's title

    @property
    def findings(self) -> list[FileFinding]:
        """The findings that count (exceptions accepted in a settings file or a cell note left out)."""
        return [FileFinding(str(r.path), f.sheet, f.cell, f.rule, f.severity, f.message, f.expected, f.actual)
                for r in self.files for f in r.counted]

    @property
    def accepted(self) -> list[FileFinding]:
        """Findings the reviewer accepted as exceptions: listed apart, never counted."""
        return [FileFinding(str(r.path), f.sheet, f.cell, f.rule, f.severity, f.message, f.expected, f.actual)
                for r in self.files for f in r.accepted]

    @property
    def errors(self) -> int:
        return sum(r.errors for r in self.files)

    @property
    def unreadable(self) -> list[FileReport]:
        return [r for r in self.files if r.error]

    def to_frame(self) -> pd.DataFrame:
        """Every finding as a row: file, sheet, cell, rule, severity, message, expected, actual."""
        import pandas as pd

        rows = [(f.file, f.sheet, f.cell, f.rule, f.severity, f.message, f.expected, f.actual)
                for f in self.findings]
        frame = pd.DataFrame(rows, columns=list(COLUMNS))
        # expected/actual hold numbers or words: keep each value as it is (object), never coerce
        return frame.astype({"expected": object, "actual": object})

    def files_frame(self) -> pd.DataFrame:
        """One row per file: its name, recognised tables, counts by severity, 总分 and 等级, read error."""
        import pandas as pd

        from xltools.kinds import kind_title

        rows = [(str(r.path), r.overview.get("name", ""),
                 "、".join(dict.fromkeys(kind_title(t.kind) for t in r.tables)), r.errors, r.warnings, r.infos,
                 _number(r.overview.get("total", "")), r.overview.get("grade", ""), r.error or "")
                for r in self.files]
        return pd.DataFrame(rows, columns=list(FILE_COLUMNS))

    def to_excel(self, path: str | PathLike[str]) -> Path:
        """The summary workbook (the same as ``xltools check --summary``), ready to print and file."""
        from xltools.summary_book import write_summary_book

        target = Path(path)
        write_summary_book(self, target, [r.path for r in self.files])
        return target

    def __repr__(self) -> str:
        return (f"<xltools.Report：{len(self.files)} 个文件，错误 {self.errors}，"
                f"警告 {sum(r.warnings for r in self.files)}，无法读取 {len(self.unreadable)}>")


def check(paths: str | PathLike[str] | Iterable[str | PathLike[str]], profile: str | None = None, *,
          exclude: Sequence[str] = (), rules: Sequence[str] | None = None, jobs: int = 1,
          select: Sequence[str] | None = None, ignore: Sequence[str] | None = None,
          config: str | PathLike[str] | None = None) -> Report:
    """Check workbooks and folders (searched recursively) and return the findings.

    ``paths``: a file, a folder, or a list of them. ``exclude``: globs as ``--exclude``.
    ``rules``: run only these rule codes. ``jobs``: worker processes.
    ``profile``: a scoring profile as ``--profile`` takes it ("hubei", "yitihua"…; ``xltools profiles``
    lists them); None: each table's own. ``select``/``ignore``: rule codes or families as
    ``--select``/``--ignore`` (["SE", "FA01"]). A settings file ``xltools.toml`` in the checked folder
    or above applies as it does on the command line; ``config`` names one instead (``--config``).
    """
    from xltools.batch import check_many, gather
    from xltools.errors import UserError
    from xltools.rules import REGISTRY
    from xltools.settings import for_paths

    given = [Path(paths)] if isinstance(paths, (str, PathLike)) else [Path(p) for p in paths]
    if not given:
        raise UserError("没有给出要检查的文件或文件夹")
    codes = None
    if rules is not None:
        codes = [c.strip().upper() for c in rules]
        unknown = [c for c in codes if c not in REGISTRY]
        if unknown:
            raise UserError(f"没有这些规则：{'、'.join(unknown)}")
    settings = for_paths(given, Path(config) if config is not None else None).overridden(
        profile=profile, select=list(select) if select is not None else None,
        ignore=list(ignore) if ignore is not None else None)
    collected = gather(given, exclude, by_content=False)
    reports = collected.settle(check_many(collected.files, jobs=max(1, jobs), codes=codes, settings=settings))
    folder = "、".join(str(p) for p in given)
    return Report(reports, collected.skipped, folder)


def report_of(reports: Sequence[FileReport], folder: str = "") -> Report:
    """A Report over file reports already made (the command line's batch)."""
    return Report(list(reports), {}, folder)


def _number(text: str) -> float | str:
    """总分 as a number when it is one ("87" -> 87.0); several forms' totals joined by "；" stay text."""
    try:
        return float(text.replace(",", "")) if text else ""
    except ValueError:
        return text
