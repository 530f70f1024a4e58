"""Typed tables the recognizers produce and the rules read. Every value keeps its cell."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from xltools.recognize.grid import CellRef
from xltools.workbook.parts import Package
from xltools.workbook.read import address


@dataclass(frozen=True)
class TableRef:
    sheet: str
    kind: str
    r0: int
    c0: int
    r1: int
    c1: int

    @property
    def range(self) -> str:
        return f"{address(self.r0, self.c0)}:{address(self.r1, self.c1)}"


# ---- self-evaluation forms (F1 national, F2 Hubei, F2 Hunan) ---------------------------------

@dataclass
class BudgetRow:
    name: str  # total / fiscal / carry / other
    label: CellRef
    cells: dict[str, CellRef]  # init, A, B, weight, rate, score (those the form has)

    def get(self, key: str) -> CellRef | None:
        return self.cells.get(key)


@dataclass
class Budget:
    rows: dict[str, BudgetRow]
    weight_const: float | None = None  # Hubei: 20 分 printed in the header
    ref: TableRef | None = None


@dataclass
class IndicatorRow:
    level1: str
    level2: str
    cells: dict[str, CellRef]  # l3, target, actual, weight, score, note, criteria (those the table has)
    goal: str = ""  # the goal the row serves, where a table lists several ("目标2", Hunan department forms)

    def __post_init__(self) -> None:
        # row.get(key) is the rules' commonest call: the dict's own get, without a method in between
        # (``cells`` is never replaced: ``dataclasses.replace`` makes a new row)
        self.get = self.cells.get

    def get(self, key: str) -> CellRef | None:  # noqa: F811 -- the instance's bound dict.get shadows it
        return self.cells.get(key)

    def __getstate__(self) -> dict:  # copies and pickles bind ``get`` to their own ``cells`` again
        state = dict(self.__dict__)
        state.pop("get", None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.get = self.cells.get

    @property
    def name(self) -> str:
        l3 = self.cells.get("l3")
        return (l3.text if l3 is not None else "") or self.level2 or self.level1


@dataclass
class Subtotal:
    level1: str
    label: CellRef
    weight: CellRef | None
    score: CellRef | None
    members: list[IndicatorRow] = field(default_factory=list)


@dataclass
class LevelPoints:
    """Points written into a 一级 or 二级 label ("产出指标（50分）") and the rows they cover."""

    level1: str
    label: CellRef
    points: float
    members: list[IndicatorRow] = field(default_factory=list)
    level2: str = ""  # set for a 二级 label


@dataclass
class IndicatorBlock:
    rows: list[IndicatorRow]
    subtotals: list[Subtotal]
    columns: set[str]
    goal_label: CellRef | None = None
    goal_weight: CellRef | None = None
    goal_weight_value: float | None = None
    ref: TableRef | None = None
    level_points: list[LevelPoints] = field(default_factory=list)
    positions: dict[str, int] = field(default_factory=dict)  # column key -> 0-based column


# Form ids (xltools.forms.FORMS) of self-evaluation forms; "scored" is any other table of
# indicators with a weight and a score column, checked with the generic rules.
VARIANTS = {"F1": "national", "F2-hubei": "hubei", "F2-hunan": "hunan", "scored": "national"}


@dataclass
class SelfEvalForm:
    sheet: str
    form: str  # F1 / F2-hubei / F2-hunan / scored
    project: str
    budget: Budget | None
    blocks: list[IndicatorBlock]
    total: CellRef | None = None
    total_weight: CellRef | None = None
    grade: CellRef | None = None
    refs: list[TableRef] = field(default_factory=list)
    project_cell: CellRef | None = None
    unit: str = "万元"  # the unit of the form's amounts: 万元 unless the form says 元
    goal_target: CellRef | None = None  # 年度总体目标: the goal set for the year (free text)
    goal_actual: CellRef | None = None  # and what the form says became of it

    @property
    def variant(self) -> str:
        return VARIANTS.get(self.form, "national")

    @property
    def indicators(self) -> list[IndicatorRow]:
        return [row for block in self.blocks for row in block.rows]

    @property
    def filled(self) -> bool:
        """Whether anyone has filled in results: an unfilled form is reported as such, never scored."""
        for row in self.indicators:
            for key in ("score", "actual"):
                cell = row.get(key)
                if cell is not None and not cell.empty:
                    return True
        if self.budget and "total" in self.budget.rows:
            for key in ("B", "score"):
                cell = self.budget.rows["total"].get(key)
                if cell is not None and not cell.empty:
                    return True
        return False


# ---- Shenzhen (F3) -------------------------------------------------------------------------

@dataclass
class ArrangementTable:
    """资金安排情况: rows 1..8 by 行次, columns by key (total, fiscal, central, …)."""

    sheet: str
    rows: dict[int, dict[str, CellRef]]
    labels: dict[int, CellRef]
    ref: TableRef


@dataclass
class UseTable:
    sheet: str
    total: dict[str, CellRef]
    rows: list[dict[str, CellRef]]
    ref: TableRef


@dataclass
class ScoreNode:
    level: int  # 1, 2 or 3
    name: str
    cells: dict[str, CellRef]  # weight, target, actual, score, criteria, name
    children: list[ScoreNode] = field(default_factory=list)

    def get(self, key: str) -> CellRef | None:
        return self.cells.get(key)


@dataclass
class ScoreTable:
    sheet: str
    level1: list[ScoreNode]
    total: dict[str, CellRef]
    grade: CellRef | None
    ref: TableRef


@dataclass
class ShenzhenForm:
    sheet: str
    project: str
    arrangement: ArrangementTable | None
    use: UseTable | None
    scores: ScoreTable | None
    refs: list[TableRef] = field(default_factory=list)


# ---- final accounts (F4) ---------------------------------------------------------------------
# Rows and columns are found by their names (forms/f4_data.py), never by position or 行次, which
# change between years; each table keeps its amount unit and the decimals it displays.

@dataclass(slots=True)
class CodeRow:
    """One 科目 row: its code (composed from 类|款|项 columns where the table splits it) and amounts.

    A 决算 sheet may have 100,000 科目 rows: the amounts are kept as numbers, read once, and a
    row's cells are made only when asked for (a finding's anchor, a check of how a cell is typed).
    """

    code: str
    name: str
    sheet: str
    row: int
    code_col: int  # the column the code is read from (its 项 part when split)
    values: dict[str, float]  # column key -> amount, for the cells that hold a number
    raws: Sequence[object]  # the row's values as read
    columns: dict[str, int]  # the table's column key -> column (shared by every row)

    @property
    def cell(self) -> CellRef:
        return self._cell(self.code_col)

    def at(self, key: str) -> CellRef | None:
        """The cell of one amount column, or None where the column is missing or the cell blank."""
        col = self.columns.get(key)
        if col is None or col >= len(self.raws):
            return None
        raw = self.raws[col]
        if raw is None or raw == "":
            return None
        cell = self._cell(col)
        return None if cell.empty else cell

    @property
    def amounts(self) -> dict[str, CellRef]:
        """Every non-blank amount cell by column key."""
        cells = {key: self.at(key) for key in self.columns}
        return {key: cell for key, cell in cells.items() if cell is not None}

    def text_cells(self) -> Iterator[CellRef]:
        """The amount cells that hold text (a number typed as text, or words)."""
        raws = self.raws
        for col in self.columns.values():
            if col < len(raws) and type(raws[col]) is str and raws[col].strip():
                cell = self._cell(col)
                if not cell.empty:
                    yield cell

    def _cell(self, col: int) -> CellRef:
        return CellRef(self.sheet, self.row, col, self.raws[col] if col < len(self.raws) else None)


@dataclass
class CodeTable:
    """公开02/03/05/07/08表: a 合计 row and 科目编码 rows, amount columns by key."""

    sheet: str
    no: str
    columns: dict[str, int]
    headers: dict[str, str]  # column key -> its header as printed
    total: dict[str, CellRef] | None
    entries: list[CodeRow]
    ref: TableRef
    unit: str | None = None  # 万元 / 元, when the sheet says
    decimals: int = 2
    compiler: str = ""  # the unit that compiled the table (编制单位), when the sheet names it

    @property
    def names(self) -> dict[str, str]:
        return {row.code: row.name for row in self.entries}

    @property
    def rows(self) -> list[tuple[CellRef, dict[str, CellRef]]]:
        """(code cell, amounts) per 科目 row. Makes a cell for every amount: prefer ``text_cells``."""
        return [(row.cell, row.amounts) for row in self.entries]

    def amount_cells(self) -> Iterator[CellRef]:
        if self.total:
            yield from self.total.values()
        for row in self.entries:
            yield from row.amounts.values()

    def text_cells(self) -> Iterator[CellRef]:
        """The amount cells stored as text: all that the typing rules (CV01–CV03) need to see."""
        if self.total:
            yield from (c for c in self.total.values() if isinstance(c.raw, str) and not c.empty)
        for row in self.entries:  # CodeRow.text_cells inlined: most of 100,000 rows hold no text
            raws = row.raws
            width = len(raws)
            for col in row.columns.values():
                if col < width:
                    raw = raws[col]
                    if type(raw) is str and raw.strip():
                        cell = row._cell(col)
                        if not cell.empty:
                            yield cell


@dataclass
class LineRow:
    """One row of one side of 公开01/04表, known by its name."""

    role: str  # item / income_subtotal / spending_subtotal / surplus / opening / distribution / closing / other / part / total
    key: str  # an item's key (fiscal_general, …) or its name words; a role row's role
    name: CellRef
    line: CellRef | None  # its 行次 cell, where the table has 行次
    amounts: dict[str, CellRef]
    level: int = 0  # ordinal level of the name: 1 for 一、, 2 for (一), 3 for 1., 4 for (1); 0 for none
    partial: bool = False  # a 其中 row

    @property
    def title(self) -> str:
        """The row as a message names it: "本年收入合计(27)", or without 行次 "本年收入合计"."""
        text = self.name.text.replace(" ", "").replace("\u3000", "") or self.key
        line = self.line.text if self.line is not None and self.line.number is not None else ""
        return f"{text}({line})" if line else text


@dataclass
class LineSide:
    """The 收入 or the 支出 side of 公开01/04表."""

    side: str  # income / spending
    columns: dict[str, int]  # amount column key (amount, budget, total, general, …) -> column
    headers: dict[str, str]
    rows: list[LineRow]

    def first(self, role: str) -> LineRow | None:
        return next((row for row in self.rows if row.role == role), None)

    @property
    def items(self) -> list[LineRow]:
        return [row for row in self.rows if row.role == "item"]

    @property
    def main(self) -> str | None:
        """The column a side's figures are compared by: 金额 (决算数), else 合计, else the first."""
        for key in ("amount", "total"):
            if key in self.columns:
                return key
        return next(iter(self.columns), None)


@dataclass
class LineTable:
    """公开01/04表: two sides of named rows (items, 本年合计, balances, 总计)."""

    sheet: str
    no: str
    income: LineSide
    spending: LineSide
    ref: TableRef
    unit: str | None = None
    decimals: int = 2
    compiler: str = ""  # the unit that compiled the table (编制单位), when the sheet names it

    @property
    def lines(self) -> dict[int, dict[str, CellRef]]:
        """Every row's amounts, numbered in reading order (both sides)."""
        rows = [*self.income.rows, *self.spending.rows]
        return {i: row.amounts for i, row in enumerate(rows)}

    def amount_cells(self) -> Iterator[CellRef]:
        for side in (self.income, self.spending):
            for row in side.rows:
                yield from row.amounts.values()

    def text_cells(self) -> Iterator[CellRef]:
        """The amount cells stored as text: all that the typing rules (CV01–CV03) need to see."""
        return (c for c in self.amount_cells() if isinstance(c.raw, str) and not c.empty)


@dataclass
class EconomicTable:
    """公开06表: amounts by economic code; the two closing sums."""

    sheet: str
    amounts: dict[str, CellRef]
    names: dict[str, CellRef]
    personnel_total: CellRef | None
    public_total: CellRef | None
    ref: TableRef
    unit: str | None = None
    decimals: int = 2
    compiler: str = ""  # the unit that compiled the table (编制单位), when the sheet names it

    def amount_cells(self) -> Iterator[CellRef]:
        yield from self.amounts.values()
        yield from (c for c in (self.personnel_total, self.public_total) if c is not None)

    def text_cells(self) -> Iterator[CellRef]:
        """The amount cells stored as text: all that the typing rules (CV01–CV03) need to see."""
        return (c for c in self.amount_cells() if isinstance(c.raw, str) and not c.empty)


@dataclass
class ThreePublicTable:
    """公开09表 (“三公”经费): per block (预算数, 决算数 …) the items' cells, whatever the layout."""

    sheet: str
    blocks: dict[str, dict[str, CellRef]]  # block name as printed -> total, abroad, car, purchase, running, reception…
    ref: TableRef
    layout: str = "blocks"  # blocks (six columns per block) / side_by_side (预算数|决算数 per item) / vertical
    unit: str | None = None
    decimals: int = 2
    compiler: str = ""  # the unit that compiled the table (编制单位), when the sheet names it

    def amount_cells(self) -> Iterator[CellRef]:
        for cells in self.blocks.values():
            yield from cells.values()

    def text_cells(self) -> Iterator[CellRef]:
        """The amount cells stored as text: all that the typing rules (CV01–CV03) need to see."""
        return (c for c in self.amount_cells() if isinstance(c.raw, str) and not c.empty)


# ---- summary (F5) ----------------------------------------------------------------------------

@dataclass
class SummaryRow:
    name: CellRef
    budget: CellRef | None
    score: CellRef | None
    grade: CellRef | None


@dataclass
class SummaryTable:
    sheet: str
    rows: list[SummaryRow]
    average: SummaryRow | None
    ref: TableRef


@dataclass
class Recognized:
    self_eval: list[SelfEvalForm] = field(default_factory=list)
    shenzhen: list[ShenzhenForm] = field(default_factory=list)
    code_tables: list[CodeTable] = field(default_factory=list)
    line_tables: list[LineTable] = field(default_factory=list)
    economic: list[EconomicTable] = field(default_factory=list)
    three_public: list[ThreePublicTable] = field(default_factory=list)
    summaries: list[SummaryTable] = field(default_factory=list)
    source: Path | None = None  # the file the tables were read from (rules about the file itself read it)
    package: Package | None = field(default=None, repr=False, compare=False)  # its bytes and zip directory as read, while the rules run (no second pass)

    @property
    def compilers(self) -> list[str]:
        """The units the final-accounts tables name as their compiler (编制单位), each once, in order."""
        tables = (*self.code_tables, *self.line_tables, *self.economic, *self.three_public)
        return list(dict.fromkeys(t.compiler for t in tables if t.compiler))

    @property
    def refs(self) -> list[TableRef]:
        refs: list[TableRef] = []
        for form in self.self_eval + self.shenzhen:
            refs += form.refs
        for table in (*self.code_tables, *self.line_tables, *self.economic, *self.three_public, *self.summaries):
            refs.append(table.ref)
        return refs
