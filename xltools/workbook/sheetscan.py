"""One streamed pass over a worksheet's XML: how far its cells reach, and what else the reader must know.

python-calamine allocates a sheet's used range as one dense block before Python sees a value,
so the farthest row and column must be known first: two cells at A1 and XFD1048576 in a
300-byte file ask for 512 GB and abort the process. The same pass notes formulas saved
without a cached value (the file then needs evaluating), counts merged ranges and measures
the longest text, so the reader inflates each sheet once before calamine reads it.

The fast path uses a few regular expressions per chunk and is exact for XML as spreadsheet
programs write it (every cell opens with ``<c r="A1"``). Anything else (cells without an
address, attributes in another order, prefixed elements) is read with expat, exactly.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from xml.parsers import expat

from xltools.workbook.a1 import to_letters, to_number
from xltools.workbook.limits import Limits

CARRY_MAX = 1 << 20  # one tag or text run longer than this is not a spreadsheet cell


class ScanRefused(Exception):
    """The sheet cannot be read safely; ``limit`` names the limit hit, if one was."""

    def __init__(self, message: str, limit: str | None = None) -> None:
        super().__init__(message)
        self.limit = limit


@dataclass
class SheetScan:
    rows: int = 0  # 1-based number of the farthest row holding a cell (0: no cells)
    columns: int = 0  # 1-based number of the farthest column holding a cell
    far_row_cell: str = ""
    far_column_cell: str = ""
    formulas: int = 0
    uncached: bool = False  # a formula without a cached value
    merged: int = 0


def _greater(value: str, alphabet: str) -> str:
    """A regex matching strings of ``alphabet`` (column letters or row digits) that compare greater."""
    first, last = alphabet[0], alphabet[-1]
    lead = "[1-9]" if alphabet == "0123456789" else f"[{first}-{last}]"
    each = f"[{first}-{last}]"
    n = len(value)
    alternatives = [f"{lead}{each}{{{n},}}"]  # longer
    for i, ch in enumerate(value):
        if ch != last:
            rest = f"{each}{{{n - i - 1}}}" if n - i - 1 else ""
            alternatives.append(f"{re.escape(value[:i])}[{chr(ord(ch) + 1)}-{last}]{rest}")
    return "(?:" + "|".join(alternatives) + ")"


def _at_most(value: str, alphabet: str) -> str:
    """A regex matching strings of ``alphabet`` (column letters or row digits) that compare less or equal."""
    first, last = alphabet[0], alphabet[-1]
    digits = alphabet == "0123456789"
    lead = "[1-9]" if digits else f"[{first}-{last}]"
    each = f"[{first}-{last}]"
    n = len(value)
    alternatives = []
    if n > 1:  # shorter
        alternatives.append(f"{lead}{each}{{0,{n - 2}}}" if n > 2 else lead)
    for i, ch in enumerate(value):
        low = "1" if digits and i == 0 else first
        if ch > low:
            rest = f"{each}{{{n - i - 1}}}" if n - i - 1 else ""
            alternatives.append(f"{re.escape(value[:i])}[{low}-{chr(ord(ch) - 1)}]{rest}")
    alternatives.append(re.escape(value))
    return "(?:" + "|".join(alternatives) + ")"


@lru_cache(maxsize=512)
def _outside(row: int, column: int) -> re.Pattern[bytes]:
    """Any cell tag that does not open with a well-formed address within (row, column)."""
    letters = _at_most(to_letters(column), "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return re.compile(rb'<c(?! r="' + letters.encode() + _at_most(str(row), "0123456789").encode() + rb'")[\s/>]')


@lru_cache(maxsize=512)
def _rows_beyond(row: int) -> re.Pattern[bytes]:
    return re.compile(rb'<c r="([A-Z]{1,3})(' + _greater(str(row), "0123456789").encode() + rb')"')


@lru_cache(maxsize=512)
def _columns_beyond(column: int) -> re.Pattern[bytes]:
    letters = to_letters(column) or "A"
    return re.compile(rb'<c r="(' + _greater(letters, "ABCDEFGHIJKLMNOPQRSTUVWXYZ").encode() + rb')([1-9][0-9]{0,6})"')


@lru_cache(maxsize=8)
def _long_text(limit: int) -> re.Pattern[bytes]:
    return re.compile(rb">([^<]{%d,})" % (limit + 1))


REF = re.compile(rb'<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"')
DIMENSION = re.compile(rb'<dimension ref="(?:[A-Z]{1,3}[0-9]{1,7}:)?([A-Z]{1,3})([1-9][0-9]{0,6})"')
# Cells the fast path cannot place (no address first, an odd address, a prefixed element) → expat.
UNUSUAL_CELL = re.compile(rb'<c(?! r="[A-Z]{1,3}[1-9][0-9]{0,6}")[\s/>]')
PREFIXED_CELL = re.compile(rb":c[\s/>]")
FORMULA = re.compile(rb"<f[\s/>]")
# A formula cell whose <f> is not followed by a cached <v> before the cell closes.
UNCACHED_FORMULA = re.compile(rb"<f[^>]*?(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v></v>)?\s*</c>")
CELL_ADDRESS = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")


class _NeedsExact(Exception):
    pass


class _Fast:
    """Per-chunk regular expressions for XML as spreadsheet programs write it."""

    def __init__(self, limits: Limits, sheet: str) -> None:
        self.limits, self.sheet = limits, sheet
        self.scan = SheetScan()
        self.in_data = True
        self.started = False

    def segment(self, seg: bytes) -> None:
        scan = self.scan
        if not self.started:
            self.started = True
            self._dimension(seg)
        if self.in_data:
            end = seg.find(b"</sheetData>")
            data = seg if end < 0 else seg[:end]
            if PREFIXED_CELL.search(data):
                raise _NeedsExact
            if not self._all_within(data):
                if UNUSUAL_CELL.search(data):
                    raise _NeedsExact
                self._reach(data)
            found = len(FORMULA.findall(data))
            if found:
                scan.formulas += found
                scan.uncached = scan.uncached or UNCACHED_FORMULA.search(data) is not None
            _long_texts(data, self.limits, f"工作表“{self.sheet}”")
            if end >= 0:
                self.in_data = False
                seg = seg[end:]
            else:
                return
        scan.merged += seg.count(b"<mergeCell ")
        if scan.merged > self.limits.max_merged:
            raise ScanRefused(self.limits.message("max_merged", f"工作表“{self.sheet}”至少有 {scan.merged:,} "
                                                  "个合并区域"), "max_merged")

    def _dimension(self, seg: bytes) -> None:
        """The used range the file declares: taken as reached (so a declaration too large errs on the
        safe side), and the threshold above which cells are looked at one by one."""
        m = DIMENSION.search(seg, 0, max(seg.find(b"<sheetData"), 0))
        if not m:
            return
        row, col = int(m.group(2)), to_number(m.group(1).decode())
        limits = self.limits
        if row <= limits.max_rows and col <= limits.max_columns and row * col <= limits.max_cells:
            self.scan.rows, self.scan.columns = row, col  # a declaration beyond the limits is ignored
            self.scan.far_row_cell = self.scan.far_column_cell = f"{m.group(1).decode()}{row}"

    def _all_within(self, data: bytes) -> bool:
        """One search: is every cell well-formed and within the declared (or last cell's) range?"""
        last = data.rfind(b'<c r="')
        m = REF.match(data, last) if last >= 0 else None
        if m:
            self._ref(m.group(1), m.group(2))
        scan = self.scan
        return scan.rows > 0 and _outside(scan.rows, scan.columns).search(data) is None

    def _reach(self, data: bytes) -> None:
        """Farthest row and column: the last cell (or the declared range) gives a threshold, and one
        search per direction finds any cell beyond it."""
        last = data.rfind(b'<c r="')
        if last < 0:
            return
        m = REF.match(data, last)
        self._ref(m.group(1), m.group(2))
        for m in _rows_beyond(self.scan.rows).finditer(data):
            self._ref(m.group(1), m.group(2))
        for m in _columns_beyond(self.scan.columns).finditer(data):
            self._ref(m.group(1), m.group(2))

    def _ref(self, letters: bytes, digits: bytes) -> None:
        self.cell(int(digits), to_number(letters.decode()))

    def cell(self, row: int, col: int) -> None:
        scan = self.scan
        if row > scan.rows:
            scan.rows, scan.far_row_cell = row, f"{to_letters(col)}{row}"
            if row > self.limits.max_rows:
                raise ScanRefused(self.limits.message(
                    "max_rows", f"工作表“{self.sheet}”用到了第 {row:,} 行（单元格 {scan.far_row_cell}）"), "max_rows")
        if col > scan.columns:
            scan.columns, scan.far_column_cell = col, f"{to_letters(col)}{row}"
            if col > self.limits.max_columns:
                raise ScanRefused(self.limits.message(
                    "max_columns", f"工作表“{self.sheet}”用到了第 {col:,} 列（单元格 {scan.far_column_cell}）"),
                    "max_columns")


def _long_texts(data: bytes, limits: Limits, where: str) -> None:
    """Refuse a text run longer than the limit. A run of more than 2w bytes without "<" covers a whole
    aligned window of w bytes, so only windows without "<" (none, in a normal sheet) are searched."""
    window = (limits.max_text_chars + 1) // 2
    pattern = _long_text(limits.max_text_chars)
    start = 0
    while start < len(data):
        if data.find(b"<", start, start + window) >= 0:
            start += window
            continue
        begin = max(data.rfind(b"<", 0, start), 0)  # the run around this window, from one "<" to the next
        end = data.find(b"<", start + window)
        end = len(data) if end < 0 else end
        for m in pattern.finditer(data, begin, end):
            _check_text(m.group(1), limits, where)
        start = end


def _check_text(raw: bytes, limits: Limits, where: str) -> None:
    text = html.unescape(raw.decode("utf-8", "replace"))
    if len(text) > limits.max_text_chars:
        raise ScanRefused(limits.message("max_text_chars", f"{where}中有一段文字长 {len(text):,} 字"),
                          "max_text_chars")


def _segments(chunks: Iterable[bytes], limits: Limits, where: str) -> Iterator[bytes]:
    """Chunks cut at their last "<": every tag and text run is whole inside one segment."""
    carry = b""
    for chunk in chunks:
        buf = carry + chunk if carry else chunk
        cut = buf.rfind(b"<")
        if cut <= 0:
            carry = buf
        else:
            yield buf[:cut]
            carry = buf[cut:]
        if len(carry) > CARRY_MAX:
            _check_text(carry.lstrip(b"<"), limits, where)
            raise ScanRefused(f"{where}的 XML 中有一段超过 1 MB 的连续内容，不是正常的表格数据，文件可能被篡改")
    if carry:
        yield carry


def scan_sheet(open_chunks: Callable[[], Iterable[bytes]], limits: Limits, sheet: str, prefix: str) -> SheetScan:
    """Scan a worksheet part; ``open_chunks`` gives its inflated bytes afresh on each call."""
    if prefix:
        return _scan_exact(open_chunks(), limits, sheet)
    fast = _Fast(limits, sheet)
    try:
        for segment in _segments(open_chunks(), limits, f"工作表“{sheet}”"):
            fast.segment(segment)
    except _NeedsExact:
        return _scan_exact(open_chunks(), limits, sheet)
    return fast.scan


def scan_text(chunks: Iterable[bytes], limits: Limits, where: str) -> None:
    """Refuse a part holding a text longer than the limit (the shared strings of every sheet)."""
    for segment in _segments(chunks, limits, where):
        _long_texts(segment, limits, where)


def _scan_exact(chunks: Iterable[bytes], limits: Limits, sheet: str) -> SheetScan:
    """Every element through expat; a cell without an address follows the previous one, as calamine counts."""
    walker = _Exact(limits, sheet)
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = walker.refuse_dtd
    parser.EntityDeclHandler = walker.refuse_dtd
    parser.StartElementHandler = walker.start
    parser.EndElementHandler = walker.end
    parser.CharacterDataHandler = walker.text
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise ScanRefused(f"工作表“{sheet}”的 XML 结构已损坏（第 {exc.lineno} 行），无法读取") from None
    return walker.fast.scan


class _Exact:
    def __init__(self, limits: Limits, sheet: str) -> None:
        self.limits, self.sheet = limits, sheet
        self.fast = _Fast(limits, sheet)  # the same limit checks on each cell
        self.in_data = self.in_cell = self.has_formula = self.has_value = False
        self.row = self.col = 0
        self.text_length: int | None = None  # inside <t>, <v> or <f>

    def refuse_dtd(self, *_args: object) -> None:
        raise ScanRefused(f"工作表“{self.sheet}”的 XML 含有实体声明（DOCTYPE/ENTITY），出于安全原因不予读取")

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        scan = self.fast.scan
        if local == "sheetData":
            self.in_data = True
        elif not self.in_data:
            if local == "mergeCell":
                scan.merged += 1
                if scan.merged > self.limits.max_merged:
                    raise ScanRefused(self.limits.message(
                        "max_merged", f"工作表“{self.sheet}”至少有 {scan.merged:,} 个合并区域"), "max_merged")
        elif local == "row":
            r = attrs.get("r", "")
            self.row = int(r) if r.isdigit() and 0 < int(r) <= 1_048_576 else self.row + 1
            self.col = 0
        elif local == "c":
            ref = attrs.get("r")
            if ref is None:
                row, col = max(self.row, 1), self.col + 1
            else:
                m = CELL_ADDRESS.fullmatch(ref)
                if not m or to_number(m.group(1)) > 16_384 or int(m.group(2)) > 1_048_576:
                    raise ScanRefused(f"工作表“{self.sheet}”中有无效的单元格地址“{ref[:20]}”，文件已损坏")
                row, col = int(m.group(2)), to_number(m.group(1))
            self.col = col
            self.fast.cell(row, col)
            self.in_cell, self.has_formula, self.has_value = True, False, False
        elif local == "f" and self.in_cell:
            self.has_formula = True
            scan.formulas += 1
        if self.in_data and local in ("t", "v", "f"):
            self.text_length = 0

    def end(self, tag: str) -> None:
        local = tag.rpartition(":")[2]
        if local == "sheetData":
            self.in_data = False
        elif local in ("t", "v", "f"):
            if local == "v" and self.text_length:
                self.has_value = True
            self.text_length = None
        elif local == "c" and self.in_cell:
            if self.has_formula and not self.has_value:
                self.fast.scan.uncached = True
            self.in_cell = False

    def text(self, data: str) -> None:
        if self.text_length is not None:
            self.text_length += len(data)
            if self.text_length > self.limits.max_text_chars:
                raise ScanRefused(self.limits.message(
                    "max_text_chars", f"工作表“{self.sheet}”中有一段文字超过 {self.limits.max_text_chars:,} 字"),
                    "max_text_chars")
