"""Check many workbooks: collect files, run workers, show progress, write the summary workbook."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from fnmatch import fnmatch
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING

from xltools.check import FileReport, check_files
from xltools.errors import UserError
from xltools.workbook.other_formats import OTHER_FORMATS
from xltools.workbook.read import SUPPORTED

if TYPE_CHECKING:
    from xltools.settings import Settings


@dataclass
class Collected:
    files: list[Path]
    skipped: dict[Path, str] = field(default_factory=dict)  # left out, with the reason (Chinese)
    # Files whose content is still to be told apart (``gather(by_content=False)``): the run's files and
    # those given by name (always checked); ``settle`` finishes the choice from the reports.
    pending: list[Path] | None = None
    given: list[Path] = field(default_factory=list)

    def settle(self, reports: Iterable[FileReport]) -> list[FileReport]:
        """The reports of the files to keep: xltools' own copies and summaries, told by what each check
        found the file to be, are left out (and named in ``skipped``), as ``gather`` would have done."""
        from xltools.provenance import OWN_SUFFIXES, skipped_in_run

        reports = list(reports)
        if self.pending is None:
            return reports
        made = {r.path: r.made for r in reports if r.path.suffix.lower() in OWN_SUFFIXES}
        given = set(self.given)
        own = {p: why for p, why in skipped_in_run(self.pending, made).items() if p not in given}
        self.skipped.update(own)
        kept = [r for r in reports if r.path not in own]
        self.files, self.pending = [r.path for r in kept], None
        if not kept:
            raise _nothing_to_check(self.skipped)
        return kept


def gather(paths: Sequence[Path], exclude: Sequence[str] = (), by_content: bool = True) -> Collected:
    """Files to check: given files as they are, folders searched recursively. Left out: Excel's ~$ lock
    files, whatever matches an ``exclude`` glob, and in folders the copies, backups and summaries
    xltools wrote itself (told by their content, see ``provenance``). ``by_content=False`` leaves the
    look at each file's content to the check that reads it anyway (a file is read once, by a worker):
    then ``files`` may still hold copies, and ``Collected.settle(reports)`` leaves them out."""
    from xltools.provenance import skipped_in_run

    given: list[Path] = []
    found_in: list[Path] = []
    skipped: dict[Path, str] = {}
    for path in paths:
        if not path.is_dir():
            if excluded(path, path.parent, exclude):
                skipped[path] = "与 --exclude 匹配"
            else:
                given.append(path)
            continue
        found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (*SUPPORTED, *OTHER_FORMATS)
                       and not p.name.startswith("~$"))
        if not found:
            raise UserError(f"文件夹 {path} 中没有 Excel 工作簿（.xlsx、.xlsm、.xls、.xlsb、.ods）")
        for p in found:
            if excluded(p, path, exclude):
                skipped[p] = "与 --exclude 匹配"
            else:
                found_in.append(p)
    own = skipped_in_run(given + found_in, None if by_content else {})  # {}: backups, told by name, only
    files = given + [p for p in found_in if p not in own]
    skipped.update({p: reason for p, reason in own.items() if p not in given})
    if not files:
        raise _nothing_to_check(skipped)
    return Collected(files, skipped, None if by_content else given + found_in, given)


def _nothing_to_check(skipped: dict[Path, str]) -> UserError:
    return UserError(f"没有要检查的工作簿：{len(skipped)} 个文件都被跳过（" +
                     "；".join(f"{p.name}：{r}" for p, r in list(skipped.items())[:5]) + "）")


def excluded(path: Path, folder: Path, patterns: Sequence[str]) -> bool:
    """A glob matches the file's name, its path below the folder searched, or one of its folders there."""
    if not patterns:
        return False
    try:
        relative = path.relative_to(folder)
    except ValueError:
        relative = Path(path.name)
    candidates = {path.name, relative.as_posix(), *(p.as_posix() for p in relative.parents if p != Path("."))}
    candidates |= {parent.name for parent in relative.parents if parent != Path(".")}
    return any(fnmatch(c, pattern.replace("\\", "/")) for c in candidates for pattern in patterns)


def _slim(report: FileReport) -> FileReport:
    report.recognized = None  # a batch keeps findings, never a workbook's cells or tables
    return report


def _check_slim(paths: Sequence[Path], codes: list[str] | None, stats: bool = False,
                settings: Settings | None = None) -> Iterator[FileReport]:
    return (_slim(report) for report in check_files(paths, codes, stats, settings))


def _worker_ready() -> None:
    """Import the checker once per worker process (spawned workers on Windows start empty), then keep
    the garbage collector off what was imported: it is never garbage, and a worker makes and drops
    many small objects per file, each sweep of them otherwise walking every module's objects too."""
    import xltools.check
    import xltools.rules  # noqa: F401

    gc.freeze()


def check_many(files: Sequence[Path], jobs: int = 1, codes: list[str] | None = None,
               progress: bool = False, stats: bool = False, settings: Settings | None = None) -> list[FileReport]:
    """Check files one by one or in worker processes; reports come back as they are done (in order),
    slim, so memory holds at most one workbook's cells per worker however many files there are (or a
    group of small ones read together, 256 KB of files at most: ``read_books``)."""
    bar = Progress(len(files)) if progress else None
    reports: list[FileReport] = []
    for report in iter_checks(files, jobs, codes, stats, settings):
        reports.append(report)
        if bar:
            bar.step(report.path)
    if bar:
        bar.done()
    return reports


def iter_checks(files: Sequence[Path], jobs: int = 1, codes: list[str] | None = None,
                stats: bool = False, settings: Settings | None = None) -> Iterator[FileReport]:
    """``settings`` (a plain, picklable value) go to every worker with the files."""
    if jobs <= 1 or len(files) <= 1:
        yield from _check_slim(files, codes, stats, settings)
        return
    with _collector_paused(), ProcessPoolExecutor(max_workers=jobs, initializer=_worker_ready) as pool:
        for reports in pool.map(_check_chunk, chunked(files, jobs), repeat(codes), repeat(stats), repeat(settings)):
            yield from reports


def chunked(files: Sequence[Path], jobs: int, largest: int = 32) -> list[Sequence[Path]]:
    """Files in the order given, in chunks for the workers: a small form takes ~1.5 ms, so one message
    per file would cost more than its check. Chunks shrink as the end nears (a quarter of what is left
    per worker, at most ``largest``): no worker then waits long for the others' last chunk."""
    chunks: list[Sequence[Path]] = []
    start = 0
    while start < len(files):
        size = max(1, min(largest, (len(files) - start) // (jobs * 4)))
        chunks.append(files[start:start + size])
        start += size
    return chunks


def _check_chunk(paths: Sequence[Path], codes: list[str] | None, stats: bool,
                 settings: Settings | None) -> list[FileReport]:
    return list(_check_slim(paths, codes, stats, settings))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Keep what this process holds (every imported module) out of the garbage collector's sweeps
    while the workers' results arrive: each sweep would otherwise walk all of it again, CPU taken from
    the workers on a machine with as many cores as workers (half of this process's work in a run).
    Undone afterwards, so a program calling this keeps its collector as it was; left alone when that
    program froze objects itself."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class Progress:
    """A one-line progress bar on stderr (tqdm; only when stderr is a terminal), in Chinese."""

    def __init__(self, total: int) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=total, file=sys.stderr, disable=not sys.stderr.isatty(), leave=True,
                        bar_format="检查中 {bar:30} {n_fmt}/{total_fmt} 个文件 {desc}")

    def step(self, path: Path) -> None:
        name = path.name if len(path.name) <= 30 else path.name[:29] + "…"
        self.bar.set_description_str(name, refresh=False)
        self.bar.update(1)

    def done(self) -> None:
        self.bar.close()


def default_jobs() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def write_summary(reports: Iterable[FileReport], path: Path, folder: str = "") -> None:
    """The printable summary workbook (``xltools.summary_book``), built from the reports' findings frame."""
    from xltools.api import report_of

    reports = list(reports)
    report_of(reports, folder).to_excel(path)
