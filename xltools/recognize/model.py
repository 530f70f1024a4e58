"""Typed tables the recognizers produce and the rules read. Every value keeps its cell."""

from __future__ import annotations

from dataclasses import dataclass, field

from xltools.recognize.grid import CellRef
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

    def get(self, key: str) -> CellRef | None:
        return self.cells.get(key)

    @property
    def name(self) -> str:
        l3 = self.cells.get("l3")
        return l3.text if l3 and l3.text else self.level2 or self.level1


@dataclass
class Subtotal:
    level1: str
    label: CellRef
    weight: CellRef | None
    score: CellRef | None
    members: list[IndicatorRow] = field(default_factory=list)


@dataclass
class LevelPoints:
    """Points written into a 一级 label ("产出指标（50分）") and the rows they cover."""

    level1: str
    label: CellRef
    points: float
    members: list[IndicatorRow] = field(default_factory=list)


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

@dataclass
class CodeTable:
    """公开02/03/05/07/08表: 合计 row and 科目编码 rows, amount columns by key."""

    sheet: str
    no: str
    columns: dict[str, int]
    headers: dict[str, str]
    total: dict[str, CellRef] | None
    rows: list[tuple[CellRef, dict[str, CellRef]]]  # (code cell, amounts)
    ref: TableRef
    names: dict[str, str] = field(default_factory=dict)  # code -> 科目名称


@dataclass
class LineTable:
    """公开01/04表: amounts by 行次 (line number) and column key."""

    sheet: str
    no: str
    lines: dict[int, dict[str, CellRef]]
    labels: dict[int, CellRef]
    ref: TableRef


@dataclass
class EconomicTable:
    """公开06表: amounts by economic code; the two closing sums."""

    sheet: str
    amounts: dict[str, CellRef]
    names: dict[str, CellRef]
    personnel_total: CellRef | None
    public_total: CellRef | None
    ref: TableRef


@dataclass
class ThreePublicTable:
    """公开09表: 预算数 and 决算数 blocks of six columns each."""

    sheet: str
    blocks: dict[str, dict[str, CellRef]]  # budget / actual -> total, abroad, car, purchase, running, reception
    ref: TableRef


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

    @property
    def refs(self) -> list[TableRef]:
        refs: list[TableRef] = []
        for form in self.self_eval + self.shenzhen:
            refs += form.refs
        for table in (*self.code_tables, *self.line_tables, *self.economic, *self.three_public, *self.summaries):
            refs.append(table.ref)
        return refs
