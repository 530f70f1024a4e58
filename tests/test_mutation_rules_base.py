"""The registry's run decisions at their edges: which accepted exception covers which finding, how a
settings file moves a finding's severity, which option values are refused. Mutation testing
(bench/mutation.sh, docs/mutation.md) showed these were reached only through whole workbooks whose
findings never sat on a range's border, never had a second rule at the same cell, and never asked for
a severity the finding already had.
"""

from __future__ import annotations

import pytest

from xltools.profiles import RuleTuning
from xltools.recognize.model import Recognized
from xltools.rules import REGISTRY
from xltools.rules.base import Accepted, Finding, Option, Plan, RunConfig, _covers


def _finding(cell: str, rule: str = "SE05", sheet: str = "项目表", severity: str = "error") -> Finding:
    return Finding(rule, severity, sheet, cell, "小计不等于明细之和")


# ---- an accepted exception covers a finding: same rule, same sheet (if named), its cell inside the span ----

@pytest.mark.parametrize("accepted, finding, covers", [
    # a finding on one cell
    (Accepted("SE05", "已说明", "项目表", "G7"), _finding("G7"), True),
    (Accepted("SE05", "已说明", "项目表", "g7"), _finding("G7"), True),        # typed in lower case
    (Accepted("SE05", "已说明", "项目表", "G8"), _finding("G7"), False),
    (Accepted("SE01", "已说明", "项目表", "G7"), _finding("G7"), False),       # another rule at the same cell
    (Accepted("SE01", "已说明", None, None), _finding("G7"), False),           # another rule, any sheet
    (Accepted("SE05", "已说明", "汇总表", "G7"), _finding("G7"), False),       # the same cell of another sheet
    (Accepted("SE05", "已说明", None, None), _finding("G7"), True),            # the rule anywhere
    (Accepted("SE05", "已说明", "项目表", None), _finding("G7"), True),        # the rule anywhere on the sheet
    # a finding on a span G6:H8 (rows 6–8, columns G–H): its corners and inside are covered, not beyond
    (Accepted("SE05", "已说明", "项目表", "G6"), _finding("G6:H8"), True),     # first corner
    (Accepted("SE05", "已说明", "项目表", "H8"), _finding("G6:H8"), True),     # last corner
    (Accepted("SE05", "已说明", "项目表", "h7"), _finding("G6:H8"), True),
    (Accepted("SE05", "已说明", "项目表", "G9"), _finding("G6:H8"), False),    # one row below
    (Accepted("SE05", "已说明", "项目表", "G5"), _finding("G6:H8"), False),    # one row above
    (Accepted("SE05", "已说明", "项目表", "I7"), _finding("G6:H8"), False),    # one column right
    (Accepted("SE05", "已说明", "项目表", "F7"), _finding("G6:H8"), False),    # one column left
    (Accepted("SE05", "已说明", "项目表", "I9"), _finding("G6:H8"), False),    # outside both ways
    (Accepted("SE05", "已说明", "项目表", "G7"), _finding("H8:G6"), True),     # a span written backwards
])
def test_which_exception_covers_which_finding(accepted, finding, covers):
    assert _covers(accepted, finding) is covers


def test_an_exception_in_the_row_but_outside_the_columns_of_a_span_does_not_cover_it():
    """Row 7 is inside G6:H8 but column K is not: both the row and the column must be inside."""
    assert not _covers(Accepted("SE05", "已说明", "项目表", "K7"), _finding("G6:H8"))
    assert not _covers(Accepted("SE05", "已说明", "项目表", "G20"), _finding("G6:H8"))


# ---- a settings file's severity for a rule ---------------------------------------------------------

def _plan(rule: str, severity: str | None) -> Plan:
    tuning = {rule: RuleTuning(severity, {})} if severity else {}
    return Plan(Recognized(), RunConfig(profile="national-2020", tuning=tuning))


def test_a_severity_set_for_a_rule_moves_its_findings():
    se01 = REGISTRY["SE01"]  # an error rule
    assert se01.severity == "error"
    moved = _plan("SE01", "warning").adjust(se01, _finding("H6", "SE01"))
    assert moved is not None and moved.severity == "warning" and moved.cell == "H6" and moved.rule == "SE01"
    assert moved.message == "小计不等于明细之和"


def test_a_severity_set_for_another_rule_changes_nothing():
    se01 = REGISTRY["SE01"]
    kept = _plan("SE02", "info").adjust(se01, _finding("H6", "SE01"))
    assert kept is not None and kept.severity == "error"


def test_no_severity_set_keeps_the_finding_as_it_is():
    se01 = REGISTRY["SE01"]
    original = _finding("H6", "SE01")
    assert _plan("SE01", None).adjust(se01, original) == original


def test_a_rounding_warning_never_ends_more_severe_than_the_rule_set_to_a_lower_level():
    """The rule is set to info: its errors become info, and its rounding warnings (a declared variant)
    also become info, the less severe of the two (the worst of warning and info by rank is warning)."""
    se03 = REGISTRY["SE03"]  # error rule with a rounding variant
    plan = _plan("SE03", "info")
    assert plan.adjust(se03, _finding("H20", "SE03", severity="error")).severity == "info"
    # warning (rank 1) vs info (rank 2): max by rank keeps the info, never a finding louder than asked
    assert plan.adjust(se03, _finding("H20", "SE03", severity="warning")).severity == "info"


def test_a_rounding_warning_stays_a_warning_when_the_rule_is_raised():
    """Set to error (its own level) nothing moves; a warning variant stays a warning, never silenced."""
    se03 = REGISTRY["SE03"]
    plan = _plan("SE03", "error")
    assert plan.adjust(se03, _finding("H20", "SE03", severity="warning")).severity == "warning"


# ---- option values -----------------------------------------------------------------------------------

FLAG = Option("flag", "开关", True)
UNITS = Option("units", "尾数单位", 1, minimum=0, maximum=100)
SHARE = Option("share", "比例", 0.5, minimum=0.0, maximum=1.0)
MODE = Option("mode", "方式", "严格", choices=("严格", "宽松"))
TEXT = Option("text", "说明", "")


@pytest.mark.parametrize("option, value, kept", [
    (FLAG, False, False), (FLAG, True, True),
    (UNITS, 0, 0), (UNITS, 100, 100), (UNITS, 3.0, 3),       # bounds are allowed; 3.0 is a whole number
    (SHARE, 0.0, 0.0), (SHARE, 1, 1.0), (SHARE, 0.25, 0.25),
    (MODE, "宽松", "宽松"), (TEXT, "任意文字", "任意文字"),
])
def test_accepted_option_values(option, value, kept):
    got = option.check(value)
    assert got == kept and type(got) is type(kept)


@pytest.mark.parametrize("option, value, says", [
    (FLAG, 1, "应为 true 或 false"), (FLAG, "true", "应为 true 或 false"),
    (UNITS, True, "应为整数"), (UNITS, 2.5, "应为整数"), (UNITS, "2", "应为整数"),
    (UNITS, -1, "应在 0 到 100 之间"), (UNITS, 101, "应在 0 到 100 之间"),
    (SHARE, "0.5", "应为数字"), (SHARE, 1.01, "应在 0 到 1 之间"), (SHARE, -0.01, "应在 0 到 1 之间"),
    (MODE, "随意", "应为 严格、宽松 之一"), (MODE, 1, "应为 严格、宽松 之一"),
    (TEXT, 5, "应为 文字 之一"),
])
def test_refused_option_values_say_why_in_chinese(option, value, says):
    with pytest.raises(ValueError) as refused:
        option.check(value)
    assert says in str(refused.value) and repr(value) in str(refused.value)
