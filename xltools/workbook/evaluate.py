"""Compute formula values for files saved without cached values, with the ``formulas`` package.

``formulas`` materialises every range a formula refers to: a 300-byte file whose one formula
is =SUM(A1:CV100000) takes it 80 s and 5.8 GB. It therefore runs in a child process with a
time limit and, where the system allows it, a memory limit (``max_evaluate_seconds``,
``max_evaluate_mb``); going past either is a Chinese refusal, never a stalled batch. The
child gets a private copy of the checked bytes without links to other workbooks, which
``formulas`` would otherwise open.

Known limit: ``formulas`` treats numbers stored as text as numbers (ISNUMBER("1") is TRUE),
unlike Excel; the text-number rule still sees the raw cell, so the slip is reported anyway.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from xltools.outputs import reason
from xltools.workbook.limits import MB, Limits, current
from xltools.workbook.read import BookData, ReadError

ADVICE = "请在 Excel 或 WPS 中打开并保存一次（保存计算结果）后再检查"
# ``formulas`` holds every referenced cell as objects. Measured (VmPeak, the address space that
# max_evaluate_mb limits): about 500 MB with formulas loaded, plus 0.63 KB per referenced cell
# (=SUM(A1:C100000) 631 MB, =SUM(A1:J100000) 1,081 MB). Lower figures are used, so only what would
# surely pass the limit is refused, fast and before anything starts; the child's limit catches the rest.
KB_PER_REFERENCED_CELL, BASE_MB = 0.6, 450
MAX_ROW, MAX_COLUMN = 1_048_576, 16_384
FORMULA_TEXT = re.compile(rb"<(?:\w+:)?f\b[^>]*>([^<]*)</(?:\w+:)?f>")
AREA = re.compile(r"(?<![\w.])\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)(?![\w(])")
COLUMNS = re.compile(r"(?<![\w.$:])\$?([A-Z]{1,3}):\$?([A-Z]{1,3})(?![\w(:])")
ROWS = re.compile(r"(?<![\w.$:])\$?(\d+):\$?(\d+)(?![\w(:])")
KEY = re.compile(r"^'\[(?P<book>[^\]]+)\](?P<sheet>.+)'!(?P<cell>[A-Z]+\d+)$")
OUT_OF_MEMORY, UNUSUAL = 3, 4  # the child's exit codes


def fill_formula_values(book: BookData, data: bytes, limits: Limits | None = None) -> None:
    """Fill formula cells that have no cached value; ``data`` is the file as it was inspected.

    The bytes already checked are evaluated (from a private temporary copy), never the path
    again: the file on disk may have been replaced since.
    """
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    limits = limits or current()
    need = _estimated_mb(data)
    if need > limits.max_evaluate_mb:
        raise ReadError(f"无法读取 {book.path.name}：公式没有保存计算结果，公式引用的区域过大，代为计算约需 "
                        f"{need:,} MB 内存，超过 {limits.max_evaluate_mb:,} MB（限制项 max_evaluate_mb）；{ADVICE}")
    try:
        with tempfile.TemporaryDirectory(prefix="xltools-eval-") as folder:
            copy = Path(folder) / f"book{book.path.suffix.lower()}"
            copy.write_bytes(_without_external_links(data))
            solution = _evaluate_in_child(copy, book.path.name, limits)
    except OSError as exc:
        raise ReadError(f"无法读取 {book.path.name}：公式没有保存计算结果，需要代为计算，但无法使用临时文件夹"
                        f"（{reason(exc)}）") from None
    by_name = {s.name.upper(): s for s in book.sheets}
    for key, cell in solution.items():
        match = KEY.match(key)
        if not match:
            continue
        sheet = by_name.get(match.group("sheet").upper())
        if sheet is None:
            continue
        letters, row = coordinate_from_string(match.group("cell"))
        r, c = row - 1, column_index_from_string(letters) - 1
        if r < sheet.height and c < len(sheet.rows[r]) and sheet.rows[r][c] not in ("", None):
            continue
        _grow(sheet.rows, r, c)  # a formula beyond the last value (a total row) has no cell yet
        sheet.rows[r][c] = cell
    book.evaluated = True


def _estimated_mb(data: bytes) -> int:
    """Memory ``formulas`` needs at least for the ranges the workbook's formulas refer to
    (each distinct range counted once; sheet prefixes are ignored, which only over-counts a
    range repeated on several sheets)."""
    from openpyxl.utils.cell import column_index_from_string

    ranges: set[str] = set()
    cells = 0
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if not name.startswith("xl/worksheets/") or not name.endswith(".xml"):
                continue
            for raw in FORMULA_TEXT.findall(package.read(name)):
                text = raw.decode("utf-8", "replace").upper()
                text = re.sub(r'"[^"]*"', '""', text)   # text constants are not references
                for m in AREA.finditer(text):
                    if m.group() not in ranges:
                        ranges.add(m.group())
                        c1, c2 = (column_index_from_string(m.group(k)) for k in (1, 3))
                        cells += (abs(c2 - c1) + 1) * (abs(int(m.group(4)) - int(m.group(2))) + 1)
                for m in COLUMNS.finditer(text):
                    if m.group() not in ranges:
                        ranges.add(m.group())
                        c1, c2 = (column_index_from_string(m.group(k)) for k in (1, 2))
                        cells += (abs(c2 - c1) + 1) * MAX_ROW
                for m in ROWS.finditer(text):
                    if m.group() not in ranges:
                        ranges.add(m.group())
                        cells += (abs(int(m.group(2)) - int(m.group(1))) + 1) * MAX_COLUMN
    return BASE_MB + math.ceil(cells * KB_PER_REFERENCED_CELL / 1024)


def _evaluate_in_child(copy: Path, label: str, limits: Limits) -> dict[str, object]:
    """Single-cell results of every formula, computed in a child process within the limits."""
    def bounded() -> None:
        import resource

        size = limits.max_evaluate_mb * MB
        with contextlib.suppress(ValueError, OSError):  # a system that cannot lower it keeps the time limit
            resource.setrlimit(resource.RLIMIT_AS, (size, size))

    try:
        done = subprocess.run([sys.executable, "-m", "xltools.workbook.evaluate", str(copy)], capture_output=True,
                              timeout=limits.max_evaluate_seconds, cwd=copy.parent, stdin=subprocess.DEVNULL,
                              preexec_fn=bounded if os.name == "posix" else None, check=False,
                              creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))  # no console from Excel
    except subprocess.TimeoutExpired:
        raise ReadError(f"无法读取 {label}：公式没有保存计算结果，代为计算超过 {limits.max_evaluate_seconds} 秒"
                        f"仍未完成（限制项 max_evaluate_seconds）；{ADVICE}") from None
    if done.returncode == OUT_OF_MEMORY or (done.returncode != 0 and b"MemoryError" in done.stderr):
        raise ReadError(f"无法读取 {label}：公式没有保存计算结果，代为计算需要的内存超过 {limits.max_evaluate_mb:,} MB"
                        f"（限制项 max_evaluate_mb；公式引用的区域过大）；{ADVICE}")
    if done.returncode != 0:
        return {}  # an unusual formula must not stop the check; cached blanks stay blank
    return json.loads(done.stdout)


def _child(path: str) -> int:
    """Evaluate ``path`` and print {"'[book]SHEET'!A1": value} for single cells with plain values."""
    import formulas
    from schedula.utils.cst import (
        EMPTY,  # a str subclass: a formula over blank cells, not the text "empty"
    )

    try:
        with contextlib.redirect_stderr(io.StringIO()):  # formulas draws a progress bar
            solution = formulas.ExcelModel().loads(path).finish().calculate()
        values = {}
        for key, value in solution.items():
            if not KEY.match(key):
                continue
            cell = value.value[0, 0] if hasattr(value, "value") else value
            if hasattr(cell, "item"):
                cell = cell.item()
            if cell is EMPTY or type(cell) is not str and isinstance(cell, str):
                continue  # blank results (and other tokens) stay blank
            if isinstance(cell, (bool, int, float, str)) and not (isinstance(cell, float) and not math.isfinite(cell)):
                values[key] = cell
    except MemoryError:
        return OUT_OF_MEMORY
    except Exception:  # noqa: BLE001 -- formulas raises many types for formulas it cannot handle
        return UNUSUAL
    sys.stdout.write(json.dumps(values, ensure_ascii=False))
    return 0


def _grow(rows: list[list[object]], r: int, c: int) -> None:
    """Extend the grid to hold (r, c), keeping it rectangular; inspection bounded r and c already."""
    width = max(max((len(row) for row in rows), default=0), c + 1)
    while len(rows) <= r:
        rows.append([])
    for row in rows:
        if len(row) < width:
            row.extend([""] * (width - len(row)))


EXTERNAL_LINK_REL = re.compile(rb"<Relationship\b[^>]*/externalLink\"[^>]*/>")


def _without_external_links(data: bytes) -> bytes:
    """The package without its links to other workbooks: ``formulas`` would open the linked files
    (an external link is never followed; cells computed from one stay blank)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        rels = "xl/_rels/workbook.xml.rels"
        if rels not in source.namelist() or not EXTERNAL_LINK_REL.search(source.read(rels)):
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                if info.filename.startswith("xl/externalLinks/"):
                    continue
                content = source.read(info.filename)
                if info.filename == rels:
                    content = EXTERNAL_LINK_REL.sub(b"", content)
                elif info.filename == "xl/workbook.xml":
                    content = re.sub(rb"<(\w+:)?externalReferences\b.*?</(\w+:)?externalReferences>", b"", content,
                                     flags=re.DOTALL)
                target.writestr(info, content)
        return out.getvalue()


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1]))
