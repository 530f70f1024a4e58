"""Read a workbook's cell values fast (python-calamine), evaluating formulas only when needed.

The file is read from disk once and inspected first (``safety``): python-calamine trusts the
file it is given, so zip bombs, sheets reaching a million rows and the like are refused with a
Chinese message naming the limit before calamine allocates anything. The same pass tells
whether formulas were saved without cached values: a file written by a script (openpyxl, for
example) and never opened in a spreadsheet program; those files alone are evaluated with the
``formulas`` package, so the checker never reads a formula as blank.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from xltools.workbook.a1 import column_letter
from xltools.workbook.limits import Limits, current
from xltools.workbook.other_formats import is_other_format, read_other
from xltools.workbook.parts import Package
from xltools.workbook.safety import (
    SUPPORTED,
    FileStamp,
    Inspection,
    LimitExceeded,
    ReadError,
    inspect,
)

__all__ = ["SUPPORTED", "BookData", "LimitExceeded", "ReadError", "SheetData", "address", "read_book", "read_books"]


@dataclass
class SheetData:
    name: str
    rows: list[list[object]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # 0-based r0, c0, r1, c1
    hidden: bool = False

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def value(self, r: int, c: int) -> object:
        if 0 <= r < len(self.rows) and 0 <= c < len(self.rows[r]):
            return self.rows[r][c]
        return None


@dataclass
class BookData:
    path: Path
    sheets: list[SheetData]
    evaluated: bool = False  # formulas were computed by xltools (no cached values in the file)
    has_vba: bool = False
    stamp: FileStamp | None = None  # the file as it was read (to notice a file replaced before marking)
    package: Package | None = field(default=None, repr=False)  # .xlsx/.xlsm: the bytes and zip directory read, for notes and formula scan


def address(r: int, c: int) -> str:
    """0-based row/column to an A1 address."""
    return f"{column_letter(c + 1)}{r + 1}"


def read_book(path: Path, limits: Limits | None = None) -> BookData:
    limits = limits or current()
    if is_other_format(path):  # .xls, .xlsb, .ods: their own checks under the same limits (other_formats)
        return read_other(path, limits)
    return _book(path, inspect(path, limits), limits)


STAGE_FILES = 32  # files inspected together before calamine reads them (read_books): a batch chunk
STAGE_BYTES = 256 * 1024  # ...and their bytes in all: larger files are read a few at a time, or alone


def read_books(paths: Iterable[Path], limits: Limits | None = None) -> Iterator[tuple[Path, BookData | ReadError]]:
    """``read_book`` of each path, in order, with the same answers (a ``ReadError`` is yielded, not raised).

    Small files are taken in groups: the group is inspected, then python-calamine reads its values, file
    after file. Alternating the Python safety pass and the Rust reader file by file costs the CPU time of
    a third of a read (each leaves the CPU's caches and branch predictors to the other: 0.1-0.15 ms per
    small national form in a check); grouped, the same work is done with fewer switches. A group holds at
    most STAGE_FILES files and STAGE_BYTES bytes of them, so a large file is read alone as before."""
    limits = limits or current()
    group: list[tuple[Path, Inspection | BaseException | None]] = []
    size = 0
    for path in paths:
        if is_other_format(path):
            found: Inspection | BaseException | None = None
        else:
            try:
                found = inspect(path, limits)
                size += len(found.data)
            except Exception as exc:  # noqa: BLE001 -- given back, or raised, at the file's turn
                found = exc
        group.append((path, found))
        if len(group) >= STAGE_FILES or size >= STAGE_BYTES:
            yield from _finish(group, limits)
            group, size = [], 0
    yield from _finish(group, limits)


def _finish(group: list[tuple[Path, Inspection | BaseException | None]],
            limits: Limits) -> Iterator[tuple[Path, BookData | ReadError]]:
    """The values of an inspected group (all read before the first is given back)."""
    done: list[tuple[Path, BookData | ReadError]] = []
    for path, found in group:
        if isinstance(found, ReadError):
            done.append((path, found))
        elif isinstance(found, BaseException):
            yield from done
            raise found
        else:
            try:
                done.append((path, read_other(path, limits) if found is None else _book(path, found, limits)))
            except ReadError as exc:
                done.append((path, exc))
            except BaseException:
                yield from done
                raise
    yield from done


def _book(path: Path, found: Inspection, limits: Limits) -> BookData:
    """The values of an inspected .xlsx/.xlsm, with what the inspection learnt."""
    book = _read_values(path, found)
    book.has_vba = found.has_vba
    book.stamp = found.stamp
    book.package = found.package
    if found.uncached:
        from xltools.workbook.evaluate import fill_formula_values

        fill_formula_values(book, found.data, limits)
    return book


def _read_values(path: Path, found: Inspection) -> BookData:
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(found.data))
        sheets = []
        for meta in wb.sheets_metadata:
            if "WorkSheet" not in str(meta.typ):
                continue
            sheet = wb.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            if type(rows) is not list or not all(type(r) is list for r in rows):  # fresh lists: kept as they are
                rows = [list(r) for r in rows]
            height, width = len(rows), max((len(r) for r in rows), default=0)
            merges = [(r0, c0, min(r1, height - 1), min(c1, width - 1))
                      for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or []) if r0 < height and c0 < width]
            sheets.append(SheetData(meta.name, rows, merges, meta.visible != SheetVisibleEnum.Visible))
        return BookData(path, sheets)
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException as exc:  # noqa: BLE001 -- calamine raises several types; pyo3 turns a Rust panic into one
        raise ReadError(f"无法读取 {path.name}：{_calamine_reason(exc)}") from None


def _calamine_reason(exc: BaseException) -> str:
    text = str(exc).lower()
    if "utf-8" in text or "utf8" in text or "decode" in text:
        return "文件中有无效的字符编码（不是 UTF-8），文件已损坏"
    if "shared string" in text:
        return "共享字符串表缺失或损坏"
    if "entity" in text:
        return "XML 中有无法识别的实体引用，文件已损坏"
    return "文件内容已损坏或格式不受支持"
