"""Grid helpers for recognition: labels normalised once, header lookup by vocabulary, typed cells.

Every text cell of a sheet is normalised once per workbook (``Grid``), and every label of the
form specs once at import (``Vocabulary``); finding a header is then a dictionary lookup per
cell, never a comparison of every cell with every label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cached_property, lru_cache
from itertools import chain

from xltools.forms.spec import Label
from xltools.values import FULL_WIDTH, parse_amount
from xltools.workbook.read import SheetData, address

NON_VALUES = frozenset({"-", "—", "--", "/", "／", "——", "－"})
FULLWIDTH_DIGITS = re.compile(r"[０-９]")
SPACES = re.compile(r"\s+")
# Bracketed parts of a label: "(A)", "(B/A)", "(万元)", "(20分*执行率)", "【说明】".
BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕")
POINTS = re.compile(r"(\d+(?:\.\d+)?)分")


NON_VALUES_AND_BLANK = NON_VALUES | {""}
# The unit of a sheet's amounts on its unit line ("单位:万元", "金额单位:元"); not a price per head ("元/人").
MONEY_UNIT = re.compile(r"单位[:：]?(万元|元)(?![\u4e00-\u9fff/])")
_UNREAD = object()


def _number(raw: object) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        return float(raw)
    return _text_number(str(raw))


@lru_cache(maxsize=65536)
def _text_number(raw: str) -> float | None:
    """The number a text cell holds ("95%", "1,234.50", "１２"), parsed once per distinct text."""
    text = raw.strip()
    if text.endswith(("%", "％")):
        amount = parse_amount(text[:-1])
        return amount.value / 100 if amount.value is not None else None
    return parse_amount(text).value


def norm(value: object) -> str:
    """Label text without spaces, line breaks and full-width forms: "年初目标值 （A）" -> "年初目标值(A)"."""
    if value is None:
        return ""
    if type(value) is str:
        return _norm_text(value)
    return _normalise(str(value))


def _normalise(raw: str) -> str:
    text = raw.translate(FULL_WIDTH)
    return SPACES.sub("", text) if not text.isalnum() else text  # most cells have no space to remove


# Short texts recur across a batch (labels, units, targets): each is normalised once per process.
# Bounded: emptied when full, and long texts (descriptions) are never kept.
_NORMED: dict[str, str] = {}
NORMED_MAX = 20_000
NORMED_LENGTH = 64


_HEADED: dict[str, str] = {}  # normalised label -> head(label), as _NORMED


def _headed(text: str) -> str:
    words = head(text)
    if len(_HEADED) >= NORMED_MAX:
        _HEADED.clear()
    _HEADED[text] = words
    return words


def _norm_text(raw: str) -> str:
    text = _NORMED.get(raw)
    if text is None:
        text = _normalise(raw)
        if len(raw) <= NORMED_LENGTH:
            if len(_NORMED) >= NORMED_MAX:
                _NORMED.clear()
            _NORMED[raw] = text
    return text


def head_of(text: str) -> str:
    """``head(text)``, looked up when the label index has already worked it out (a sheet's labels)."""
    words = _HEADED.get(text)
    return head(text) if words is None else words


def head(text: str) -> str:
    """The words of a normalised label without bracketed parts and a trailing colon:
    "得分(20分*执行率)" -> "得分", "全年预算数(A)" -> "全年预算数", "年初预算资金总额:" -> "年初预算资金总额"."""
    if "(" in text or "[" in text or "【" in text or "〔" in text:
        text = BRACKETS.sub("", text)
    return text.rstrip(":")


@lru_cache(maxsize=4096)  # asked of every 一级/二级 label of a table: the same few recur on every form
def points_in(text: str) -> float | None:
    """Points written into a label: "产出指标(50分)" -> 50, "年度目标1:(30分)" -> 30."""
    m = POINTS.search(text)
    return float(m.group(1)) if m else None


def split_label_value(text: str) -> tuple[str, str]:
    """A label with its value in the same cell: "自评等级:优秀" -> ("自评等级", "优秀")."""
    if ":" in text:
        label, _, value = text.partition(":")
        return label, value
    return text, ""


def blank(raw: object) -> bool:
    """Whether a cell value counts as empty: nothing, spaces, or a dash or slash typed for "none"."""
    return raw is None or (isinstance(raw, str) and raw.strip() in NON_VALUES_AND_BLANK)


def cell_text(raw: object) -> str:
    """A cell value as the form shows it: whole numbers without ".0", text without surrounding spaces."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


class CellRef:
    """One cell of a recognised table: where it is and what it holds. Cheap to make (a 决算 sheet
    has hundreds of thousands); its number is read on first use and kept. ``empty`` (``blank(raw)``)
    is a plain attribute set when made: rules and recognisers ask it hundreds of times per form, and
    a property with a call to ``blank`` each time cost more than the one test at creation."""

    __slots__ = ("sheet", "row", "col", "raw", "empty", "_number", "_text")

    def __init__(self, sheet: str, row: int, col: int, raw: object) -> None:
        self.sheet = sheet
        self.row = row  # 0-based
        self.col = col
        self.raw = raw
        # blank(raw), inlined: made for every cell of a table
        self.empty: bool = raw is None or (isinstance(raw, str) and raw.strip() in NON_VALUES_AND_BLANK)
        self._number: float | None | object = _UNREAD
        self._text: str | None = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CellRef) and (self.sheet, self.row, self.col, self.raw) == \
            (other.sheet, other.row, other.col, other.raw)

    def __hash__(self) -> int:
        return hash((self.sheet, self.row, self.col))

    def __repr__(self) -> str:
        return f"CellRef({self.sheet!r}, {self.row}, {self.col}, {self.raw!r})"

    @property
    def number(self) -> float | None:
        value = self._number
        if value is _UNREAD:
            raw = self.raw  # most cells of a filled form hold a float: taken as it is, without _number
            value = self._number = raw if type(raw) is float else None if self.empty else _number(raw)
        return value  # type: ignore[return-value]

    @property
    def address(self) -> str:
        return address(self.row, self.col)

    @property
    def is_text_number(self) -> bool:
        """A number typed or stored as text ("24.00 ", "１２")."""
        return isinstance(self.raw, str) and not self.empty and self.number is not None

    @property
    def text(self) -> str:
        text = self._text
        if text is None:  # read by many rules: made once
            text = self._text = cell_text(self.raw)
        return text

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


class Vocabulary:
    """The column labels of one kind of table, normalised once: label words -> column key."""

    def __init__(self, columns: Mapping[str, Label]) -> None:
        self.columns = dict(columns)
        self.keys: dict[str, str] = {}
        for key, label in columns.items():
            for text in label.all_texts():
                words = head(norm(text))
                previous = self.keys.setdefault(words, key)
                if previous != key:
                    raise ValueError(f"label {words!r} names both {previous} and {key}")
        # words a column header can have: a colon in them ("自评得分:96.5") makes a value
        self.header_words = frozenset(words for words in self.keys if ":" not in words)
        self.colon_free = len(self.header_words) == len(self.keys)  # every key is a header word

    def key(self, words: str) -> str | None:
        return self.keys.get(words)


class Grid:
    """A sheet's values with each text normalised once and an index of label words to cells."""

    def __init__(self, sheet: SheetData) -> None:
        self.sheet = sheet
        self.name = sheet.name
        self.height = sheet.height
        self.width = max(map(len, sheet.rows), default=0)  # SheetData.width, the lengths taken in C
        # rows are normalised when first asked for: a 决算 sheet of 100,000 rows is read by its own
        # recogniser through a few header rows and the raw values, never every label
        self._norm: list[list[str] | None] = [None] * len(sheet.rows)
        self._rows_with: dict[frozenset[str], set[int]] = {}
        self._before_colon: dict[str, list[tuple[int, int]]] = {}  # filled with _heads
        self._long: list[tuple[int, int]] = []  # cells of labels too long for _heads, filled with it

    def cell(self, r: int, c: int) -> CellRef:
        rows = self.sheet.rows
        if 0 <= r < len(rows):  # SheetData.value, inlined: recognisers ask for every cell of a table
            row = rows[r]
            return CellRef(self.name, r, c, row[c] if 0 <= c < len(row) else None)
        return CellRef(self.name, r, c, None)

    def label(self, r: int, c: int) -> str:
        if 0 <= r < len(self._norm):
            row = self.row_labels(r)
            return row[c] if 0 <= c < len(row) else ""
        return ""

    def row_labels(self, r: int) -> list[str]:
        if not 0 <= r < len(self._norm):
            return []
        row = self._norm[r]
        if row is None:
            cached, normed = _NORMED.get, _norm_text
            # most cells of a form are empty strings: "" without a lookup
            row = self._norm[r] = [(cached(v) or normed(v)) if v and type(v) is str else "" for v in self.sheet.rows[r]]
        return row

    @cached_property
    def texts(self) -> dict[str, list[tuple[int, int]]]:
        """Every label of the sheet -> the cells that carry it, in reading order; built once per sheet."""
        texts: dict[str, list[tuple[int, int]]] = {}
        normed, values = self._norm, self.sheet.rows
        cached, normalise = _NORMED.get, _norm_text
        for r in range(self.height):
            labels = normed[r]
            fresh = labels is None
            if fresh:  # normalised here, in the same pass as the index (row_labels's work): one loop, not two
                labels = normed[r] = [""] * len(values[r])
            for c, text in enumerate(values[r] if fresh else labels):
                if not text:  # most cells are empty
                    continue
                if fresh:
                    if type(text) is not str:
                        continue
                    text = labels[c] = cached(text) or normalise(text)
                    if not text:  # spaces only
                        continue
                cells = texts.get(text)
                if cells is None:
                    texts[text] = [(r, c)]
                else:
                    cells.append((r, c))
        return texts

    @cached_property
    def _heads(self) -> dict[str, list[tuple[int, int]]]:
        """Label words -> the cells that carry them, built once per sheet from the distinct labels (a form
        repeats many). A label with a colon in its words ("自评等级:优秀") is also filed under the words
        before it, apart (``_before_colon``): a column header never has one. The cells of one label keep
        reading order; those of several labels with the same words follow each other."""
        index: dict[str, list[tuple[int, int]]] = {}
        before_colon, long = self._before_colon, self._long
        known = _HEADED
        merged: set[str] = set()  # words whose list is the index's own (``texts`` keeps the others)
        for text, cells in self.texts.items():
            if len(text) > 40:
                long += cells
                continue
            words = known.get(text)
            if words is None:
                words = _headed(text)
            hits = index.get(words)
            if hits is None:
                index[words] = cells  # most words have one label: its list, not a copy
            elif words in merged:
                hits += cells
            else:  # a second label with these words: a list of the index's own, extended from now on
                index[words] = hits + cells
                merged.add(words)
            if ":" in words:
                before_colon.setdefault(words.partition(":")[0], []).extend(cells)
        return index

    def labels_in(self, rows: int) -> Iterable[str]:
        """The distinct labels of the sheet's first ``rows`` rows (of a shorter sheet, from ``texts``)."""
        if rows >= self.height:
            return self.texts.keys()
        return set(chain.from_iterable(map(self.row_labels, range(rows)))) - {""}

    def keys_named(self, vocabulary: Vocabulary) -> set[str]:
        """Every key that some label of the sheet names by its words (``match_header`` on any row finds
        no other): through the label index, and the few long labels it leaves out."""
        heads = self._heads  # built first: it fills _long
        keys = {vocabulary.keys[words] for words in heads.keys() & vocabulary.keys.keys()}
        for r, c in self._long:
            key = vocabulary.key(head(self.label(r, c)))
            if key:
                keys.add(key)
        return keys

    def _cells_named(self, words: str) -> list[tuple[int, int]]:
        """Cells whose label words, or the words before a colon, are ``words``."""
        heads = self._heads  # built first: it fills _before_colon
        return heads.get(words, []) + self._before_colon.get(words, [])

    def head(self, r: int, c: int) -> str:
        return head(self.label(r, c))

    def keyed_cells(self, vocabulary: Vocabulary) -> dict[int, dict[int, str]]:
        """Row -> {column: key} for every cell whose label words are in the vocabulary; a label with a
        colon in its words ("自评得分:96.5") is a value, not a column."""
        rows: dict[int, dict[int, str]] = {}
        heads, keys = self._heads, vocabulary.keys
        for words in heads.keys() & vocabulary.header_words:  # each cell is under one words: order is free
            key = keys[words]
            for r, c in heads[words]:
                rows.setdefault(r, {})[c] = key
        return rows

    def cells_with(self, *words: str) -> list[tuple[int, int]]:
        """Cells whose label words (or the words before a colon) are exactly one of these, in reading order."""
        heads, before_colon = self._heads, self._before_colon  # _heads built first: it fills _before_colon
        hits = {rc for w in words if w in heads for rc in heads[w]}  # a few words: each looked up
        for w in before_colon.keys() & words:
            hits.update(before_colon[w])
        return sorted(hits)

    def rows_with(self, words: frozenset[str]) -> set[int]:
        """Rows with a cell whose label words (or the label before a colon) are one of these."""
        rows = self._rows_with.get(words)
        if rows is None:
            rows = self._rows_with[words] = {r for w in words for r, _ in self._cells_named(w)}
        return rows

    def rows_to_scan(self, words: frozenset[str]) -> set[int]:
        """The rows a scan for labels whose words (or the words before a colon) are one of these must read:
        ``rows_with`` and the rows of labels too long for the index. ``words`` hold no colon."""
        rows = self.rows_with(words)  # builds the index first: it fills _long
        return rows | {r for r, _ in self._long} if self._long else rows

    @property
    def has_long_labels(self) -> bool:
        """Whether some label is too long for the label index (and ``keyed_cells`` may miss a key)."""
        return self._heads is not None and bool(self._long)  # the index built first: it fills _long

    def cells_equal(self, text: str) -> list[tuple[int, int]]:
        """Cells whose whole normalised text is ``text``, in reading order: ``find`` by equality, through
        the label index (a short text is indexed under its words; never under the words before a colon,
        which its own words would then hold)."""
        if len(text) > 40:
            return self.find(lambda t: t == text)
        return [(r, c) for r, c in self._heads.get(head(text), ()) if self.label(r, c) == text]

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
        """Whether every cell of row r is empty (``CellRef.empty``); asked of every row of a table."""
        for v in self.sheet.rows[r] if 0 <= r < self.height else ():
            if v is None or v == "":  # most empty cells: no call
                continue
            if not blank(v):
                return False
        return True


def label_matches(text: str, label: Label, prefix: bool = True) -> bool:
    """Whether a normalised cell text is this label (or a synonym), ignoring bracketed parts."""
    words = head(text) if prefix else text
    return any(words == head(norm(candidate)) if prefix else words == norm(candidate)
               for candidate in label.all_texts())


def match_header(grid: Grid, r: int, columns: Mapping[str, Label] | Vocabulary, span_rows: int = 1) -> dict[str, int]:
    """Which columns of row r (and the rows just below, for split headers) carry which labels."""
    vocabulary = columns if isinstance(columns, Vocabulary) else Vocabulary(columns)
    found: dict[str, int] = {}
    for rr in range(r, min(r + span_rows, grid.height)):
        for c, text in enumerate(grid.row_labels(rr)):
            key = vocabulary.key(head_of(text)) if text else None
            if key and key not in found and c not in found.values():
                found[key] = c
    return found


def find_headers(grid: Grid, columns: Mapping[str, Label] | Vocabulary, required: set[str], minimum: int,
                 span_rows: int = 1) -> list[tuple[int, dict[str, int]]]:
    vocabulary = columns if isinstance(columns, Vocabulary) else Vocabulary(columns)
    named = grid.keys_named(vocabulary)
    if not required <= named or len(named) < minimum:
        return []  # no row can hold such a header: a sheet of another kind, said by one lookup
    keyed = grid.keyed_cells(vocabulary)
    # Without long labels or keys with a colon, the index holds every key match_header can find: a row
    # whose keys (with the rows below it, for split headers) are too few is passed over unread
    indexed = vocabulary.colon_free and not grid.has_long_labels
    headers = []
    for r in sorted(keyed):
        if indexed:
            keys = {key for rr in range(r, r + span_rows) for key in keyed.get(rr, {}).values()}
            if not required <= keys or len(keys) < minimum:
                continue
        found = match_header(grid, r, vocabulary, span_rows)
        if required <= set(found) and len(found) >= minimum:
            headers.append((r, found))
    return headers
