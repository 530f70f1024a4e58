"""The readings the self-evaluation rules share (xltools/rules/readings.py) are what each rule used to
work out for itself, and belong to one workbook's tables only."""

from __future__ import annotations

from tests.test_rules import build
from xltools import scoring
from xltools.recognize import recognize
from xltools.rules import base, readings
from xltools.values import parse
from xltools.workbook.read import read_book


def _found(tmp_path, name: str, overrides: dict[str, object] | None = None):
    return recognize(read_book(build("f1", overrides or {}, tmp_path / name)))


def test_a_line_holds_what_the_rules_would_compute(tmp_path):
    found = _found(tmp_path, "f1.xlsx", {"项目表!F6": "80人次", "项目表!H8": 20})
    ctx = base.RuleContext(base.REGISTRY["SE11"], {})
    rows = [row for form in found.self_eval for row in form.indicators]
    lines = readings.lines(ctx, found)
    assert [line.row for line in lines] == rows and rows
    for line, row in zip(lines, rows, strict=True):
        target, actual, weight, score = (row.get(k) for k in ("target", "actual", "weight", "score"))
        assert (line.weight_number, line.score_number) == (weight.number, score.number)
        assert (line.parsed_target, line.parsed_actual) == (parse(target.raw), parse(actual.raw))
        assert line.computed == scoring.explain_score(target.raw, actual.raw, weight.number, line.bands)
        assert line.completion == scoring.explain_score(target.raw, actual.raw, 100)
        assert line.name == row.name
    missed = next(line for line in lines if line.target.text == "≥100人次")
    assert missed.computed.score < missed.weight_number and missed.completion.score == 80


def test_a_state_shared_by_two_workbooks_never_mixes_their_readings(tmp_path):
    first, second = _found(tmp_path, "a.xlsx"), _found(tmp_path, "b.xlsx", {"项目表!F6": "80人次"})
    state: dict = {}
    ctx = base.RuleContext(base.REGISTRY["SE11"], state)
    assert readings.lines(ctx, first)[0].row is first.self_eval[0].indicators[0]
    assert readings.lines(ctx, second)[0].row is second.self_eval[0].indicators[0]
    assert readings.filled_forms(ctx, second) == second.self_eval
