"""Grid helpers for recognition: normalised labels, header search, typed cells with addresses."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from xltools.forms.spec import Label
from xltools.values import FULL_WIDTH, parse_amount
from xltools.workbook.read import SheetData, address

NON_VALUES = {"-", "—", "--", "/", "／", "——"}
FULLWIDTH_DIGITS = re.compile(r"[０-９]")


def norm(value: object) -> str:
    """Label text without spaces, line breaks and full-width brackets: "年初目标值 (A)" -> "年初目标值(A)"."""
    if value is None:
        return ""
    text = str(value).translate(FULL_WIDTH).replace("\u3000", "")
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class CellRef:
    """One cell of a recognised table: where it is and what it holds."""

    sheet: str
    row: int  # 0-based
    col: int
    raw: object

    @property
    def address(self) -> str:
        return address(self.row, self.col)

    @property
    def empty(self) -> bool:
        return self.raw is None or (isinstance(self.raw, str) and self.raw.strip() in ("", *NON_VALUES))

    @property
    def number(self) -> float | None:
        if isinstance(self.raw, bool):
            return None
        if isinstance(self.raw, (int, float)):
            return float(self.raw)
        if self.empty:
            return None
        text = str(self.raw).strip()
        if text.endswith("%"):
            amount = parse_amount(text[:-1])
            return amount.value / 100 if amount.value is not None else None
        return parse_amount(text).value

    @property
    def is_text_number(self) -> bool:
        """A number typed or stored as text ("24.00 ", "１２")."""
        return isinstance(self.raw, str) and not self.empty and self.number is not None

    @property
    def text(self) -> str:
        if self.raw is None:
            return ""
        if isinstance(self.raw, float) and self.raw.is_integer():
            return str(int(self.raw))
        return str(self.raw).strip()

    @property
    def decimals(self) -> int:
        """Decimals shown by what was stored (a proxy for the displayed precision)."""
        if isinstance(self.raw, str):
            text = norm(self.raw).rstrip("%")
            return len(text.split(".")[1]) if "." in text else 0
        if isinstance(self.raw, (int, float)):
            text = repr(round(float(self.raw), 10))
            return 0 if text.endswith(".0") else len(text.split(".")[1]) if "." in text else 0
        return 0


class Grid:
    """A sheet's values with label matching."""

    def __init__(self, sheet: SheetData) -> None:
        self.sheet = sheet
        self.name = sheet.name
        self.height = sheet.height
        self.width = sheet.width
        self._norm = [[norm(v) if isinstance(v, str) else "" for v in row] for row in sheet.rows]

    def cell(self, r: int, c: int) -> CellRef:
        return CellRef(self.name, r, c, self.sheet.value(r, c))

    def label(self, r: int, c: int) -> str:
        if 0 <= r < len(self._norm) and 0 <= c < len(self._norm[r]):
            return self._norm[r][c]
        return ""

    def row_labels(self, r: int) -> list[str]:
        return self._norm[r] if 0 <= r < len(self._norm) else []

    def find(self, predicate, rows: Iterable[int] | None = None) -> list[tuple[int, int]]:
        hits = []
        for r in rows if rows is not None else range(self.height):
            for c, text in enumerate(self.row_labels(r)):
                if text and predicate(text):
                    hits.append((r, c))
        return hits

    def row_has(self, r: int, *needles: str) -> bool:
        return any(any(n in text for n in needles) for text in self.row_labels(r) if text)

    def first_number_right_of(self, r: int, c: int) -> CellRef | None:
        for cc in range(c + 1, self.width):
            cell = self.cell(r, cc)
            if not cell.empty:
                return cell if cell.number is not None else None
        return None

    def first_value_right_of(self, r: int, c: int) -> CellRef | None:
        for cc in range(c + 1, self.width):
            cell = self.cell(r, cc)
            if not cell.empty:
                return cell
        return None

    def blank_row(self, r: int) -> bool:
        return all(self.cell(r, c).empty for c in range(self.width))


def label_matches(text: str, label: Label, prefix: bool = True) -> bool:
    """Exact match against the label or a synonym; with ``prefix``, "得分(20分*执行率)" matches 得分."""
    for candidate in label.all_texts():
        c = norm(candidate)
        if text == c or (prefix and len(c) >= 2 and text.startswith(c) and not text[len(c):len(c) + 1].isalnum()):
            return True
    return False


def match_header(grid: Grid, r: int, columns: Mapping[str, Label], span_rows: int = 1) -> dict[str, int]:
    """Which columns of row r (and the rows just below, for split headers) carry which labels."""
    found: dict[str, int] = {}
    for rr in range(r, min(r + span_rows, grid.height)):
        for c, text in enumerate(grid.row_labels(rr)):
            if not text:
                continue
            for key, label in columns.items():
                if key not in found and c not in found.values() and label_matches(text, label):
                    found[key] = c
                    break
    return found


def find_headers(grid: Grid, columns: Mapping[str, Label], required: set[str], minimum: int,
                 span_rows: int = 1) -> list[tuple[int, dict[str, int]]]:
    headers = []
    for r in range(grid.height):
        found = match_header(grid, r, columns, span_rows)
        if required <= set(found) and len(found) >= minimum:
            headers.append((r, found))
    return headers
