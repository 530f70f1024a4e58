"""What the self-evaluation rules read from one run's tables, worked out once per run.

A national form has some twenty indicator rows, and a dozen rules read each of them: which forms are
filled, every row's cells, its weight and score as numbers, its parsed 指标值 and 实际完成值, and the
score the scoring rule gives it. Looked up again by every rule, these were most of the rules' CPU per
form (issue 10). The rules still read as their checks; they ask here instead of recomputing. Kept in
the run's shared ``state``; only the reading of a row's texts is cached across runs (bounded, as
``parse`` and ``explain_score`` cache theirs).
"""

from __future__ import annotations

from functools import lru_cache

from xltools import scoring
from xltools.recognize.grid import CellRef
from xltools.recognize.model import IndicatorRow, Recognized, ScoreNode, SelfEvalForm
from xltools.rules.base import RuleContext
from xltools.values import Parsed, parse


class Line:
    """One indicator row (of a filled self-evaluation form, or a Shenzhen 三级 row) as the rules read it:
    its cells, the numbers in its weight and score, its parsed target and actual values, the score the
    scoring rule gives it with its table's qualitative bands (``computed``: None without target, actual
    or weight), and how far the target was reached, as a score out of 100 under the national bands
    (``completion``: None without target or actual)."""

    __slots__ = ("actual", "bands", "completion", "computed", "parsed_actual", "parsed_target", "row", "score",
                 "score_number", "target", "weight", "weight_number")

    def __init__(self, row: IndicatorRow | ScoreNode, bands: scoring.QualitativeBands) -> None:
        self.row = row
        self.bands = bands
        get = row.cells.get
        self.target: CellRef | None = get("target")
        self.actual: CellRef | None = get("actual")
        self.weight: CellRef | None = get("weight")
        self.score: CellRef | None = get("score")
        self.weight_number = self.weight.number if self.weight is not None else None
        self.score_number = self.score.number if self.score is not None else None
        self.parsed_target: Parsed | None
        self.parsed_actual: Parsed | None
        self.computed: scoring.ScoreResult | None
        self.completion: scoring.ScoreResult | None
        if self.target is not None and self.actual is not None:
            self.parsed_target, self.parsed_actual, self.computed, self.completion = _read(
                self.target.raw, self.actual.raw, self.weight_number, bands)
        else:
            self.parsed_target = parse(self.target.raw) if self.target is not None else None
            self.parsed_actual = parse(self.actual.raw) if self.actual is not None else None
            self.computed = self.completion = None

    @property
    def name(self) -> str:
        return self.row.name


Reading = tuple[Parsed, Parsed, scoring.ScoreResult | None, scoring.ScoreResult]
FULL_MARKS = 100  # the weight ``completion`` is scored at


def _read(target: object, actual: object, weight: float | None, bands: scoring.QualitativeBands) -> Reading:
    """A row's parsed target and actual values, computed score and completion. The same texts and weight
    recur on many rows and forms: one cache lookup here instead of one in each of parse (twice) and
    explain_score (twice); the type tells 1 from 1.0 and True, as their caches do."""
    try:
        return _read_cached((target, type(target), actual, type(actual), weight, bands))
    except TypeError:  # an unhashable cell value: read it without the cache
        return _read_now(target, actual, weight, bands)


@lru_cache(maxsize=16384)
def _read_cached(key: tuple) -> Reading:
    target, _, actual, _, weight, bands = key
    return _read_now(target, actual, weight, bands)


def _read_now(target: object, actual: object, weight: float | None, bands: scoring.QualitativeBands) -> Reading:
    computed = scoring.explain_score(target, actual, weight, bands) if weight is not None else None
    return parse(target), parse(actual), computed, scoring.explain_score(target, actual, FULL_MARKS)


# Each reading is kept in the run's state with the tables it was made from: a state passed to two runs
# by mistake can never hand one workbook's readings to another.
def filled_forms(ctx: RuleContext, found: Recognized) -> list[SelfEvalForm]:
    """Forms someone has filled in; an unfilled form gets XT002 and nothing else."""
    kept = ctx.state.get("readings.filled")
    if kept is None or kept[0] is not found:
        kept = ctx.state["readings.filled"] = (found, [form for form in found.self_eval if form.filled])
    return kept[1]


def filled_lines(ctx: RuleContext, found: Recognized) -> list[tuple[SelfEvalForm, list[Line]]]:
    """Each filled form with the lines of its indicator rows, in order."""
    return _tables(ctx, found)[0]


def lines(ctx: RuleContext, found: Recognized) -> list[Line]:
    """Every indicator line of every table: the filled self-evaluation forms' rows, then the 三级 rows
    of Shenzhen score tables, each with the qualitative bands of its table's profile."""
    return _tables(ctx, found)[1]


def _tables(ctx: RuleContext, found: Recognized) -> tuple[list[tuple[SelfEvalForm, list[Line]]], list[Line]]:
    kept = ctx.state.get("readings.lines")
    if kept is None or kept[0] is not found:
        kept = ctx.state["readings.lines"] = (found, _make_tables(ctx, found))
    return kept[1]


def _make_tables(ctx: RuleContext, found: Recognized) -> tuple[list[tuple[SelfEvalForm, list[Line]]], list[Line]]:
    forms = [(form, _rows(form, ctx.profile(form).bands)) for form in filled_forms(ctx, found)]
    every = [line for _, rows in forms for line in rows]
    for sz in found.shenzhen:
        bands = ctx.profile(sz).bands
        every += [Line(node, bands) for node1 in (sz.scores.level1 if sz.scores else ())
                  for node2 in node1.children for node in node2.children]
    return forms, every


def _rows(form: SelfEvalForm, bands: scoring.QualitativeBands) -> list[Line]:
    return [Line(row, bands) for block in form.blocks for row in block.rows]
