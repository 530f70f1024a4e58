"""Recognise the 部门决算公开表 (F4) of any year and unit, by the names of its rows and columns.

Titles, row names and column headers come from the form specs (forms/f4_final_accounts.py,
names in forms/f4_data.py). Nothing is found by position or by 行次, which change between years:
公开01/04表 rows are known by their names (ordinal prefixes 一、(一) 1. and spaces ignored),
科目编码 tables by their header words (the code in one column or split into 类|款|项), and the
“三公” table in any of its layouts (two blocks of six columns, 预算数|决算数 under each item, or
items as rows).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from xltools.forms import f4_data as d
from xltools.forms.f4_final_accounts import TABLES
from xltools.forms.spec import Label
from xltools.recognize.grid import MONEY_UNIT, CellRef, Grid, blank, norm
from xltools.recognize.model import (CodeRow, CodeTable, EconomicTable, LineRow, LineSide, LineTable, TableRef,
                                     ThreePublicTable)

# ---- label words --------------------------------------------------------------------------------

ORDINALS = (  # (pattern, level) for "一、", "(一)", "1." / "1、", "(1)", "①"
    (re.compile(r"^[一二三四五六七八九十百]+[、.]"), 1),
    (re.compile(r"^\([一二三四五六七八九十]+\)[、.]?"), 2),
    (re.compile(r"^\d{1,2}(?:\.(?!\d)|、)"), 3),
    (re.compile(r"^\(\d{1,2}\)[、.]?"), 4),
    (re.compile(r"^[①-⑳]"), 5),
)
OF_WHICH = re.compile(r"^其中[:：]?")
BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕|<[^<>]*>")
QUOTES = str.maketrans("", "", "“”\"'‘’「」『』")
TABLE_NO = re.compile(r"公开0?(\d)表")
CODE_IN_TEXT = re.compile(r"^(\d{3}(?:\d{2}){0,2})(?!\d)\s*(.*)$")
HEAD_ROWS = 40       # titles, headers and anchors lie within this many rows of the top
SIDE_ROWS = 400      # a 01/04 side never runs longer than this below its header
TITLE_ROWS = 8       # a title or 公开NN表 mark lies within this many rows of the top
HINT_ROWS = 120      # a table without a title shows its kind within this many rows


@dataclass(frozen=True)
class Name:
    words: str      # the label without ordinal, 其中, brackets, quotes, spaces and trailing colon
    level: int      # ordinal level (see ORDINALS); 0 without one
    partial: bool   # a 其中 row


@lru_cache(maxsize=8192)
def name_of(label: str) -> Name:
    """The words of a normalised label: "(一)公务用车购置费:" -> 公务用车购置费, level 2."""
    text, level, partial = label, 0, False
    for _ in range(3):
        stripped = OF_WHICH.sub("", text)
        if stripped != text:
            text, partial = stripped, True
        for pattern, lvl in ORDINALS:
            m = pattern.match(text)
            if m:
                text, level = text[m.end():], level or lvl
                break
        else:
            if stripped == text:
                break
    if "(" in text or "[" in text or "【" in text or "〔" in text or "<" in text:
        text = BRACKETED.sub("", text)
    return Name(text.translate(QUOTES).rstrip(":："), level, partial)


def words(label: str) -> str:
    return name_of(label).words if label else ""


def vocabulary(pairs: Iterable[tuple[str, Label]]) -> dict[str, str]:
    """Label words -> key, for every text and synonym of the labels (first key wins)."""
    vocab: dict[str, str] = {}
    for key, label in pairs:
        for text in label.all_texts():
            vocab.setdefault(words(norm(text)), key)
    return vocab


def _spec_rows(no: str, keys: Iterable[str] | None = None) -> dict[str, str]:
    rows = TABLES[no].rows
    return vocabulary((k, label) for k, label in rows if keys is None or k in keys)


def _spec_columns(no: str, keys: Iterable[str] | None = None) -> dict[str, str]:
    spec = TABLES[no]
    return vocabulary((k, label) for k, label in zip(spec.keys, spec.columns, strict=True)
                      if keys is None or k in keys)


ROLE_KEYS = tuple(k for k, _ in d.LINE_ROLES)
LINE_ROLES = _spec_rows("01", ROLE_KEYS)
LINE_ITEMS = _spec_rows("01", {k for k, _ in d.INCOME_ITEMS})
LINE_PARTS = _spec_rows("01", {"part"})
SIDE_COLUMNS = _spec_columns("04")
CODE_LABELS = _spec_columns("02", {"code"})
NAME_LABELS = _spec_columns("02", {"name"})
SPLIT_LABELS = _spec_columns("02", {"class", "kuan", "item"})
CODE_VOCABS = {no: _spec_columns(no, {k for k, _ in d.CODE_COLUMNS[no]}) for no in d.CODE_COLUMNS}
TOTAL_ROWS = _spec_rows("02", {"total"})
ECONOMIC_AMOUNT = _spec_columns("06", {"amount"})
ECONOMIC_TOTALS = _spec_rows("06")
THREE_ITEMS = _spec_rows("09")
THREE_BLOCKS = _spec_columns("09")
TITLES = tuple((no, tuple(norm(t) for t in label.all_texts())) for no, label in d.TITLES.items())
TITLE_EXCLUDED = ("项目支出决算", "机关运行经费", "政府采购")
# Every title contains one of these (a quick test before the titles are tried one by one).
TITLE_WORDS = ("决算", "三公", "收支", "收入支出")
TITLE_WORDS_RE = re.compile("|".join(TITLE_WORDS))
GENERIC_TOTALS = set(d.GENERIC_TOTALS)
BLOCK_WORDS = re.compile(r"(预算|决算|实际支出|执行|支出)数?$")
NOT_BLOCK = ("率", "增减", "增、减", "比", "%", "差", "减少", "增加")
# Columns of a “三公” table with items as rows whose figures do not add up down the items.
NOT_ADDITIVE = ("率", "%", "幅度", "比重", "占", "备注", "说明", "原因")


# ---- small grid helpers ----------------------------------------------------------------------------

def _values(grid: Grid, r: int) -> Sequence[object]:
    """A row's raw values (the sheet's own list where the grid exposes it: no cell objects made)."""
    rows = _rows(grid)
    if rows is not None:
        return rows[r] if 0 <= r < len(rows) else ()
    return [grid.cell(r, c).raw for c in range(grid.width)]


def _rows(grid: Grid) -> Sequence[Sequence[object]] | None:
    return getattr(getattr(grid, "sheet", None), "rows", None)


def _unit(grid: Grid) -> str | None:
    for r in range(min(grid.height, 8)):
        for text in grid.row_labels(r):
            m = MONEY_UNIT.search(text) if text and "单位" in text else None
            if m:
                return m.group(1)
    return None


COMPILER = re.compile(r"^(?:编制单位|单位名称|单位|部门)\s*[:：]\s*(.*)$", re.S)
MONEY_UNITS = ("万元", "元", "千元", "亿元")


def compiler(grid: Grid) -> str:
    """The unit that compiled the table, from its heading lines: "编制单位：…", "单位：枣庄市精神卫生中心"
    (a name, not 万元), or the name right of a bare "单位：" label; "" when the sheet names none."""
    rows = _rows(grid) or ()
    for r in range(min(grid.height, 6)):
        for c, raw in enumerate(rows[r]):
            found = COMPILER.match(raw.strip()) if isinstance(raw, str) and ("单位" in raw or "部门" in raw) else None
            if found is None:
                continue
            # "编制单位：某局        金额单位：万元" in one cell
            name = re.split(r"\s{2,}|\u3000|\s*(?:金额)?单位\s*[:：]", found.group(1).strip())[0].strip()
            if not name:
                right = grid.first_value_right_of(r, c)
                name = right.text if right is not None and right.number is None else ""
            if name and name not in MONEY_UNITS and not name.startswith(("金额单位", "单位")):
                return name
    return ""


def _decimals(unit: str | None, cells: Iterable[CellRef]) -> int:
    """Decimals the table displays: 万元 to 0.01; 元 to 0.01, or whole 元 where every amount is whole."""
    if unit != "元":
        return 2
    shown = 0
    for i, cell in enumerate(cells):
        if i >= 500 or shown >= 2:
            break
        if cell.number is not None:
            shown = max(shown, min(cell.decimals, 2))
    return shown


def _ref(grid: Grid, no: str, r0: int, c0: int, r1: int, c1: int) -> TableRef:
    return TableRef(grid.name, f"F4.{no}", r0, c0, max(r0, r1), max(c0, c1))


class Header:
    """Header rows of a table with merged labels filled across the columns their parent spans.

    A merged header keeps its text in its first cell only; a child header row (小计 | 基本支出 |
    项目支出 under 本年支出) is read with its parent. Each column gets the path of labels above it.
    """

    def __init__(self, grid: Grid, rows: Sequence[int], c0: int, c1: int) -> None:
        self.rows = [r for r in rows if 0 <= r < grid.height]
        self.c0, self.c1 = c0, c1
        original = [[self._label(grid, r, c) for c in range(c0, c1 + 1)] for r in self.rows]
        filled = [row[:] for row in original]
        for i, row in enumerate(filled):
            for j in range(1, len(row)):
                if not row[j] and row[j - 1] and all(not original[k][j] for k in range(i)):
                    row[j] = row[j - 1]
        self.filled = filled

    @staticmethod
    def _label(grid: Grid, r: int, c: int) -> str:
        """A header word, or "" for what is not a column header (栏次 numbers, a unit line, a title)."""
        text = grid.label(r, c)
        if not text or text == "栏次" or re.fullmatch(r"[\d.]+", text) or text.endswith("表") \
                or text.startswith(("单位", "金额单位", "编制单位")):
            return ""
        return words(text)

    def path(self, c: int) -> list[str]:
        """Labels above column c, top to bottom (filled across merged parents)."""
        j = c - self.c0
        if not 0 <= j <= self.c1 - self.c0:
            return []
        labels: list[str] = []
        for row in self.filled:
            if row[j] and (not labels or labels[-1] != row[j]):
                labels.append(row[j])
        return labels

    def key(self, c: int, vocab: dict[str, str], not_parents: frozenset[str] = frozenset()) -> tuple[str | None, str]:
        """The column's key: its deepest label in the vocabulary; 小计/合计 under a group take the group's key."""
        path = self.path(c)
        if not path:
            return None, ""
        deepest = path[-1]
        if deepest in GENERIC_TOTALS:
            for parent in reversed(path[:-1]):
                key = vocab.get(parent)
                if key is not None and parent not in GENERIC_TOTALS and key not in not_parents:
                    return key, deepest
        return vocab.get(deepest), deepest


# ---- which table is this -------------------------------------------------------------------------

def table_number(grid: Grid) -> str | None:
    """The table's number in the national set, from its title (any year), its 公开NN表 mark or its sheet
    name; "" for a 决算 table outside the set (项目支出决算表, 机关运行经费 …), which is not checked."""
    # most sheets hold no title word and no 公开NN表 mark in their heading rows, long labels included:
    # one search of all those labels joined says so, and they are not looked at one by one
    heading = "\x00".join(chain.from_iterable(map(grid.row_labels, range(min(grid.height, TITLE_ROWS)))))
    if TITLE_WORDS_RE.search(heading) or TABLE_NO.search(heading):
        no = _number_in_heading(grid)
        if no is not None:
            return no
    name = norm(grid.name)
    m = TABLE_NO.search(name)
    if m:
        return f"0{m.group(1)}"
    if any(word in name for word in TITLE_WORDS):
        for no, titles in TITLES:
            if any(t in name for t in titles):
                return no
    return None


def _number_in_heading(grid: Grid) -> str | None:
    """table_number from the title or the 公开NN表 mark in the sheet's heading rows."""
    texts = [t for r in range(min(grid.height, TITLE_ROWS)) for t in grid.row_labels(r) if t and len(t) < 60]
    joined = "\x00".join(texts)
    for text in texts if TITLE_WORDS_RE.search(joined) else ():
        # a title names a table ("…决算表", "…决算总表"); an indicator such as “三公经费”变动率 does not
        if not any(word in text for word in TITLE_WORDS) or not ("表" in text or "决算" in text):
            continue
        for no, titles in TITLES:
            if any(t in text for t in titles):
                return "" if no != "09" and any(x in text for x in TITLE_EXCLUDED) else no
    m = TABLE_NO.search(joined)
    return f"0{m.group(1)}" if m else None


def recognize_final_accounts(grid: Grid):
    no = table_number(grid)
    if no == "":
        return None
    if no in ("01", "04"):
        return _line_table(grid, no)
    if no == "06":
        return _economic(grid)
    if no == "09":
        return _three_public(grid)
    if no is not None:
        return _code_table(grid, no)
    # No title: a 决算-style table is still read by its row and column names.
    hints = _hints(grid)
    if "line" in hints:
        table = _line_table(grid, None)
        if table is not None:
            return table
    if "three" in hints:
        table = _three_public(grid)
        if table is not None:
            return table
    return _code_table(grid, None) if "code" in hints else None


def _hints(grid: Grid) -> set[str]:
    """Which kinds of 决算 table a sheet without a title may hold, by a cheap look at its words."""
    # the distinct labels joined (a form repeats many): separators, so a word never spans two labels
    blob = "\x00" + "\x00".join(grid.labels_in(HINT_ROWS)) + "\x00"
    hints: set[str] = set()
    if ("本年收入" in blob or "收入合计" in blob) and ("本年支出" in blob or "支出合计" in blob):
        hints.add("line")
    if "因公出国" in blob or "公务接待" in blob:
        hints.add("three")
    if "编码" in blob or "科目代码" in blob or "\x00类\x00" in blob:
        hints.add("code")
    return hints


# ---- 01 and 04: two sides of named rows --------------------------------------------------------------

def _find(grid: Grid, vocab: dict[str, str], wanted: str, rows: Iterable[int]) -> tuple[int, int] | None:
    for r in rows:
        for c, text in enumerate(grid.row_labels(r)):
            if text and len(text) < 30 and vocab.get(words(text)) == wanted:
                return r, c
    return None


def _line_table(grid: Grid, no: str | None) -> LineTable | None:
    top = range(min(grid.height, HEAD_ROWS + SIDE_ROWS))
    income_anchor = _find(grid, LINE_ROLES, "income_subtotal", top)
    spending_anchor = _find(grid, LINE_ROLES, "spending_subtotal", top)
    if income_anchor is None or spending_anchor is None:
        return None
    (ri, ci), (rs, cs) = income_anchor, spending_anchor
    unit = _unit(grid)
    if ci != cs:  # side by side
        income_end = cs - 1 if cs > ci else grid.width - 1
        spending_end = ci - 1 if ci > cs else grid.width - 1
        income = _side(grid, "income", ci, income_end, ri, None)
        spending = _side(grid, "spending", cs, spending_end, rs, None)
    else:  # stacked: 收入 rows above, 支出 rows below, in the same columns
        income = _side(grid, "income", ci, grid.width - 1, ri, None)
        if income is None:
            return None
        end = max((row.name.row for row in income[0].rows), default=ri)
        spending = _side(grid, "spending", cs, grid.width - 1, rs, end)
    if income is None or spending is None:
        return None
    (income_side, r0i, r1i), (spending_side, r0s, r1s) = income, spending
    if not income_side.columns or not spending_side.columns:
        return None
    if no is None:
        no = _line_number(income_side, spending_side)
    cells = [c for side in (income_side, spending_side) for row in side.rows for c in row.amounts.values()]
    c1 = max(max(s.columns.values()) for s in (income_side, spending_side))
    return LineTable(grid.name, no, income_side, spending_side,
                     _ref(grid, no, min(r0i, r0s), min(ci, cs), max(r1i, r1s), c1), unit, _decimals(unit, cells))


def _line_number(income: LineSide, spending: LineSide) -> str:
    """Without a title: 04 lists only 财政拨款 income and splits its spending by the three funds."""
    others = ("upper", "business", "operating", "affiliated", "other")
    if {"general", "fund", "capital"} & set(spending.columns) and not any(r.key in others for r in income.items):
        return "04"
    return "01"


def _side(grid: Grid, side: str, name_col: int, last_col: int, anchor: int,
          after: int | None) -> tuple[LineSide, int, int] | None:
    """One side: header above its first item, the amount columns by header words, its rows by name."""
    first = (after + 1) if after is not None else 0
    # The header: the nearest row above the anchor naming an amount column (金额, 决算数, 行次, 合计 …);
    # other words in an amount cell ("无") do not make a header.
    header_rows: list[int] = []
    start = first
    for r in range(anchor - 1, first - 1, -1):
        labels = grid.row_labels(r)
        if any(SIDE_COLUMNS.get(words(labels[c])) not in (None, "name")
               for c in range(name_col + 1, min(last_col + 1, len(labels))) if labels[c]):
            header_rows = [rr for rr in range(max(first, r - 3), r + 1)]
            start = r + 1
            break
    header = Header(grid, header_rows, name_col, last_col)
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    for c in range(name_col + 1, last_col + 1):
        key, text = header.key(c, SIDE_COLUMNS, frozenset({"name", "line"}))
        if key and key != "name" and key not in columns:
            columns[key] = c
            headers[key] = text
    line_col = columns.pop("line", None)
    headers.pop("line", None)
    if not columns:
        values = _values(grid, anchor)
        number_col = next((c for c in range(name_col + 1, min(last_col + 1, len(values)))
                           if c != line_col and isinstance(values[c], (int, float))), None)
        if number_col is None:
            return None
        columns, headers = {"amount": number_col}, {"amount": ""}
    rows = _side_rows(grid, side, name_col, line_col, columns, start, anchor)
    return LineSide(side, columns, headers, rows), start, max((r.name.row for r in rows), default=anchor)


def _side_rows(grid: Grid, side: str, name_col: int, line_col: int | None, columns: dict[str, int],
               start: int, anchor: int) -> list[LineRow]:
    subtotal_role = f"{side}_subtotal"
    rows: list[LineRow] = []
    seen_subtotal = False
    for r in range(start, min(grid.height, anchor + SIDE_ROWS)):
        label = grid.label(r, name_col)
        if label.startswith("注") and len(label) > 2:
            break
        name = name_of(label) if label else Name("", 0, False)
        if name.words in ("栏次", "项目", "收入", "支出"):
            continue
        values = _values(grid, r)
        labels = grid.row_labels(r)
        if any(SIDE_COLUMNS.get(words(labels[c])) not in (None, "name") for c in columns.values()
               if c < len(labels) and labels[c]):
            continue  # a header repeated under a page break
        amounts = {k: CellRef(grid.name, r, c, values[c]) for k, c in columns.items()
                   if c < len(values) and not blank(values[c])}
        line = grid.cell(r, line_col) if line_col is not None else None
        role = LINE_ROLES.get(name.words)
        if not seen_subtotal:
            if role == subtotal_role:
                seen_subtotal = True
                rows.append(LineRow(role, role, grid.cell(r, name_col), line, amounts, name.level, name.partial))
            elif role is None and (name.words or amounts):
                key = LINE_ITEMS.get(name.words, name.words) if side == "income" else name.words
                rows.append(LineRow("item", key, grid.cell(r, name_col), line, amounts, name.level, name.partial))
            continue
        if not name.words:
            continue
        if role == "total":
            rows.append(LineRow("total", "total", grid.cell(r, name_col), line, amounts, name.level))
            break
        if role is not None and role != subtotal_role and not role.endswith("_subtotal"):
            rows.append(LineRow(role, role, grid.cell(r, name_col), line, amounts, name.level))
        elif name.partial or name.words in LINE_PARTS:
            rows.append(LineRow("part", name.words, grid.cell(r, name_col), line, amounts, name.level, name.partial))
        else:
            rows.append(LineRow("other", name.words, grid.cell(r, name_col), line, amounts, name.level))
    return rows


# ---- 科目编码 tables: 02, 03, 05, 07, 08 -------------------------------------------------------------

def _code_header(grid: Grid) -> tuple[int, int | None, tuple[int, int, int] | None] | None:
    """(row, code column, (类, 款, 项) columns) of the header naming the 科目编码."""
    for r in range(min(grid.height, HEAD_ROWS)):
        labels = grid.row_labels(r)
        split: dict[str, int] = {}
        for c, text in enumerate(labels):
            if not text:
                continue
            w = words(text)
            if w in CODE_LABELS:
                # A 科目编码 over 类|款|项 one row below is split; otherwise the code is one column.
                below = {SPLIT_LABELS.get(words(grid.label(r + 1, cc))): cc for cc in range(c, min(c + 3, grid.width))}
                if {"class", "kuan", "item"} <= set(below):
                    return r + 1, None, (below["class"], below["kuan"], below["item"])
                return r, c, None
            if w in SPLIT_LABELS:
                split.setdefault(SPLIT_LABELS[w], c)
        if {"class", "kuan", "item"} <= set(split):
            return r, None, (split["class"], split["kuan"], split["item"])
    return None


def _code_text(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    return raw.strip() if isinstance(raw, str) else ""


def _valid_code(text: str) -> bool:
    return len(text) in (3, 5, 7) and text.isdigit()


def _code_table(grid: Grid, no: str | None) -> CodeTable | None:
    found = _code_header(grid)
    if found is None:
        return None
    header_row, code_col, split = found
    first_col = code_col if code_col is not None else split[0]
    code_cols = {code_col} if code_col is not None else set(split)
    name_col = next((c for r in (header_row, header_row - 1) for c in range(first_col, min(first_col + 5, grid.width))
                     if c not in code_cols and words(grid.label(r, c)) in NAME_LABELS), None)
    if name_col is None:
        name_col = max(code_cols) + 1
    data_start = header_row + 1
    header = Header(grid, range(max(0, header_row - 3), data_start), first_col, grid.width - 1)
    vocabs = {no: CODE_VOCABS[no]} if no in CODE_VOCABS else CODE_VOCABS
    best: tuple[int, str, dict[str, int], dict[str, str]] | None = None
    for candidate, vocab in vocabs.items():
        columns: dict[str, int] = {}
        headers: dict[str, str] = {}
        for c in range(name_col + 1, grid.width):
            if c in code_cols:
                continue
            key, text = header.key(c, vocab)
            if key and key not in columns:
                columns[key] = c
                headers[key] = text
        if best is None or len(columns) > best[0]:
            best = (len(columns), candidate, columns, headers)
    assert best is not None
    count, number, columns, headers = best
    if not columns or (no is None and count < 2):
        return None
    total: dict[str, CellRef] | None = None
    entries: list[CodeRow] = []
    last = header_row
    klass = kuan = ""
    items = list(columns.items())
    sheet = grid.name
    sheet_rows = _rows(grid)
    for r in range(data_start, grid.height):
        values = sheet_rows[r] if sheet_rows is not None else _values(grid, r)
        width = len(values)
        if split is None:
            raw = values[code_col] if code_col < width else None
            code = _code_text(raw)
            name = values[name_col] if name_col < width else None
            if code and not _valid_code(code) and isinstance(raw, str):
                m = CODE_IN_TEXT.match(code)
                if m:
                    code, name = m.group(1), m.group(2) or name
            cell_col = code_col
        else:
            parts = [_code_text(values[c]) if c < width else "" for c in split]
            code = _split_code(parts, klass, kuan)
            name = values[name_col] if name_col < width else None
            cell_col = next((c for c, p in zip(reversed(split), reversed(parts), strict=True) if p), split[0])
        if _valid_code(code):
            if len(code) == 3:
                klass, kuan = code, ""
            elif len(code) == 5:
                klass, kuan = code[:3], code
            entries.append(CodeRow(code, _code_text(name), sheet, r, cell_col,
                                   _amounts(sheet, r, values, items), values, columns))
            last = r
            continue
        label = grid.label(r, first_col) or grid.label(r, name_col)
        if not label:
            continue
        if total is None and words(label) in TOTAL_ROWS:
            total = {k: CellRef(sheet, r, c, values[c] if c < width else None) for k, c in items}
            last = r
        elif label.startswith("注") and len(label) > 2:
            break
    unit = _unit(grid)
    sample = (c for row in entries[:200] for c in row.amounts.values())
    return CodeTable(grid.name, number, columns, headers, total, entries,
                     _ref(grid, number, max(0, header_row - 1), first_col, last, max(columns.values())),
                     unit, _decimals(unit, sample))


def _amounts(sheet: str, r: int, values: Sequence[object], items: list[tuple[str, int]]) -> dict[str, float]:
    """The numbers of one row's amount columns, read once (text such as "1,234.50" parsed too)."""
    amounts: dict[str, float] = {}
    width = len(values)
    for key, col in items:
        if col >= width:
            continue
        raw = values[col]
        kind = type(raw)
        if kind is float or kind is int:
            amounts[key] = float(raw)
        elif raw is not None and raw != "" and kind is not bool:
            number = CellRef(sheet, r, col, raw).number
            if number is not None:
                amounts[key] = number
    return amounts


def _split_code(parts: list[str], klass: str, kuan: str) -> str:
    """类 | 款 | 项 as printed ("208", "05", "05"; or blank where the row above gives them) -> "2080505"."""
    c, k, i = parts
    if c and not k and not i:
        return c
    if k and not i:
        if len(k) == 5:
            return k
        return (c or klass) + k if len(k) == 2 else ""
    if i:
        if len(i) == 7:
            return i
        if len(i) == 2:
            if k:
                k = k if len(k) == 5 else (c or klass) + k
            else:
                k = kuan
            return k + i if len(k) == 5 else ""
    return ""


# ---- 06: basic spending by economic classification --------------------------------------------------

def _economic(grid: Grid) -> EconomicTable | None:
    header = next((r for r in range(min(grid.height, HEAD_ROWS))
                   if any(words(t) in CODE_LABELS for t in grid.row_labels(r) if t)), None)
    if header is None:
        return None
    labels = [words(t) if t else "" for t in grid.row_labels(header)]
    code_cols = [c for c, w in enumerate(labels) if w in CODE_LABELS]
    groups: list[tuple[int, int, int]] = []  # (code, name, amount) columns
    for i, c in enumerate(code_cols):
        end = code_cols[i + 1] if i + 1 < len(code_cols) else len(labels)
        name = next((cc for cc in range(c + 1, end) if labels[cc] in NAME_LABELS), c + 1)
        amount = next((cc for cc in range(name + 1, end) if labels[cc] in ECONOMIC_AMOUNT), name + 1)
        groups.append((c, name, amount))
    amounts: dict[str, CellRef] = {}
    names: dict[str, CellRef] = {}
    personnel = public = None
    last = header
    for r in range(header + 1, grid.height):
        values = _values(grid, r)
        for c, name, amount in groups:
            code = _code_text(values[c]) if c < len(values) else ""
            if len(code) in (3, 5) and code.isdigit() and code not in amounts:
                amounts[code] = grid.cell(r, amount)
                names[code] = grid.cell(r, name)
                last = r
        for c, text in enumerate(grid.row_labels(r)):
            key = ECONOMIC_TOTALS.get(words(text)) if text else None
            if key == "personnel_total" and personnel is None:
                personnel = grid.first_number_right_of(r, c) or grid.cell(r, c + 2)
                last = r
            elif key == "public_total" and public is None:
                public = grid.first_number_right_of(r, c) or grid.cell(r, groups[-1][2])
                last = r
        label = grid.label(r, 0)
        if label.startswith("注") and len(label) > 2:
            break
    unit = _unit(grid)
    return EconomicTable(grid.name, amounts, names, personnel, public,
                         _ref(grid, "06", header, 0, last, groups[-1][2]), unit,
                         _decimals(unit, list(amounts.values())[:500]))


# ---- 09: “三公” in any layout ------------------------------------------------------------------------

def _block_name(label: str) -> str | None:
    """A block header: 预算数, 决算数 and what years and units write instead (2022年决算数, 实际支出)."""
    if not label or label in THREE_ITEMS or any(x in label for x in NOT_BLOCK):
        return None
    if label in THREE_BLOCKS or BLOCK_WORDS.search(label):
        return label
    return None


def _three_public(grid: Grid) -> ThreePublicTable | None:
    items: list[tuple[int, int, str]] = []  # (row, column, item key)
    blocks: list[tuple[int, int, str]] = []
    for r in range(min(grid.height, HEAD_ROWS)):
        for c, text in enumerate(grid.row_labels(r)):
            if not text or len(text) > 30:
                continue
            w = words(text)
            if w in THREE_ITEMS:
                items.append((r, c, THREE_ITEMS[w]))
            elif _block_name(w):
                blocks.append((r, c, w))
    keys = {k for _, _, k in items}
    if not ({"abroad", "reception"} & keys) or len(keys - {"total"}) < 2:
        return None
    unit = _unit(grid)
    rows = {r for r, _, k in items if k != "total"}
    cols = {c for _, c, k in items if k != "total"}
    if len(cols) >= len(rows):
        table = _three_public_across(grid, items, blocks)
    else:
        table = _three_public_down(grid, items)
    if table is None:
        return None
    table.unit = unit
    table.decimals = _decimals(unit, table.amount_cells())
    return table


def _three_public_across(grid: Grid, items: list[tuple[int, int, str]],
                         blocks: list[tuple[int, int, str]]) -> ThreePublicTable | None:
    """Items as columns: two blocks of six (预算数 | 决算数 over the items), or 预算数|决算数 under each item."""
    labelled = items + blocks
    r0 = min(r for r, _, _ in labelled)
    r1 = max(r for r, _, _ in labelled)
    c0 = min(c for _, c, _ in labelled)
    c1 = max(c for _, c, _ in labelled)
    # the item and block labels may span columns to the right of the last label
    width = grid.width
    header = Header(grid, range(r0, r1 + 1), c0, width - 1)
    columns: dict[int, tuple[str, str]] = {}  # column -> (block name, item key)
    for c in range(c0, width):
        path = header.path(c)
        if not path:
            continue
        block = next((p for p in path if _block_name(p)), "")
        item = None
        for i in range(len(path) - 1, -1, -1):
            label = path[i]
            if label in THREE_ITEMS and label not in GENERIC_TOTALS:
                item = THREE_ITEMS[label]
                break
            if label in GENERIC_TOTALS or label in THREE_ITEMS:
                parent = next((THREE_ITEMS[p] for p in reversed(path[:i]) if p in THREE_ITEMS
                               and p not in GENERIC_TOTALS), None)
                item = parent or "total"
                break
        if item is not None and (c <= c1 or block):
            columns[c] = (block, item)
    if not columns:
        return None
    layout = "side_by_side" if blocks and min(r for r, _, _ in items) < min(r for r, _, _ in blocks) else "blocks"
    data_rows = _three_public_data_rows(grid, r1 + 1, sorted(columns))
    names = sorted({b for b, _ in columns.values()}, key=lambda b: min(c for c, (bb, _) in columns.items() if bb == b))
    result: dict[str, dict[str, CellRef]] = {}
    for r in data_rows:
        prefix = grid.label(r, min(columns) - 1) if len(data_rows) > 1 and min(columns) > 0 else ""
        for name in names:
            cells: dict[str, CellRef] = {}
            for c, (block, item) in columns.items():
                if block == name and item not in cells:
                    cells[item] = grid.cell(r, c)
            result[f"{prefix}{name or '决算数'}"] = cells
    last = data_rows[-1] if data_rows else r1
    return ThreePublicTable(grid.name, result, _ref(grid, "09", r0, min(columns), last, max(columns)), layout)


def _three_public_data_rows(grid: Grid, start: int, cols: list[int]) -> list[int]:
    """The rows with figures under a horizontal header: the 栏次 row (1, 2, 3 …) skipped."""
    rows: list[int] = []
    for r in range(start, min(grid.height, start + 50)):
        label = grid.label(r, 0)
        if label.startswith("注") and len(label) > 2:
            break
        values = _values(grid, r)
        cells = [values[c] if c < len(values) else None for c in cols]
        numbers = [grid.cell(r, c).number for c in cols]
        if words(label) == "栏次" or (all(n is not None for n in numbers)
                                     and numbers == [float(i) for i in range(int(numbers[0]), int(numbers[0]) + len(numbers))]
                                     and numbers[0] in (0.0, 1.0)):
            continue
        if all(blank(v) for v in cells):
            if rows:
                break
            continue
        rows.append(r)
    if not rows:
        # An unfilled table (or a unit without any): the row under the header, blank.
        rows = [start + 1 if words(grid.label(start, 0)) == "栏次" or _is_numbers_row(grid, start, cols) else start]
    return rows


def _is_numbers_row(grid: Grid, r: int, cols: list[int]) -> bool:
    numbers = [grid.cell(r, c).number for c in cols]
    return bool(numbers) and all(n is not None and float(n).is_integer() for n in numbers)


def _three_public_down(grid: Grid, items: list[tuple[int, int, str]]) -> ThreePublicTable | None:
    """Items as rows (合计 at the top or the bottom), 预算数 | 决算数 … as columns."""
    counts: dict[int, int] = {}
    for _, c, _ in items:
        counts[c] = counts.get(c, 0) + 1
    name_col = max(counts, key=lambda c: counts[c])
    item_rows = sorted(r for r, c, _ in items if c == name_col)
    first = item_rows[0]
    header_rows = [r for r in range(max(0, first - 4), first)]
    header = Header(grid, header_rows, name_col, grid.width - 1)
    # Every column of figures adds up down the items (预算数, 决算数, 其中：财政拨款, 增减金额 …), except
    # rates and notes.
    columns: list[tuple[int, str]] = []
    names_seen: dict[str, int] = {}
    for c in range(name_col + 1, grid.width):
        path = header.path(c)
        if not path or any(x in label for label in path for x in NOT_ADDITIVE):
            continue
        if not any(grid.cell(r, c).number is not None for r in item_rows):
            continue
        name = path[-1]
        if name in names_seen and len(path) > 1:
            name = f"{path[-2]}{name}"
        names_seen[name] = c
        columns.append((c, name))
    if not columns:
        return None
    result: dict[str, dict[str, CellRef]] = {name: {} for _, name in columns}
    extras = {"会议费", "培训费"}
    has_extras = any(words(grid.label(r, name_col)) in extras for r in range(first, min(grid.height, first + 40)))
    last = first
    for r in range(first, min(grid.height, first + 40)):
        label = grid.label(r, name_col)
        if label.startswith("注") and len(label) > 2:
            break
        key = THREE_ITEMS.get(words(label)) if label else None
        if key is None or (key == "total" and has_extras and words(label) in GENERIC_TOTALS | {"总计"}):
            continue
        for c, name in columns:
            result[name].setdefault(key, grid.cell(r, c))
        last = r
    return ThreePublicTable(grid.name, result, _ref(grid, "09", header_rows[0] if header_rows else first, name_col,
                                                    last, columns[-1][0]), "vertical")
