"""Every rule's pass/fail cases, kept as data in tests/rule_cases/*.json, run by one test.

A case names a clean base workbook (tests/rule_bases.py), overrides some cells and lists the
cells its rule must flag, no more and no fewer. Optional keys: "profile" (the scoring profile the
check is run with, as ``--profile`` does), "notes" (cell notes to write, e.g. an accepted exception
"xltools:忽略 SE13 原因"), "says" (per flagged cell, phrases its message must contain: the figures at
the shown precision and the names) and "values" (per flagged cell, the report's expected and actual).
A failing case states the severity of every flagged cell. Every registered rule has cases, a passing
one and at least one failing one; every rule's documentation has its three parts.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.comments import Comment

from tests.conftest import ROOT
from tests.rule_bases import BASES
from xltools import profiles
from xltools.check import check_file
from xltools.rules import REGISTRY
from xltools.settings import Settings

CASE_DIR = ROOT / "tests" / "rule_cases"
CASES = [(data["rule"], case) for path in sorted(CASE_DIR.glob("*.json"))
         for data in [json.loads(path.read_text(encoding="utf-8"))] for case in data["cases"]]


def build(base: str, overrides: dict[str, object], path: Path, notes: dict[str, str] | None = None) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for sheet, rows in BASES[base].items():
        ws = wb.create_sheet(sheet)
        for row in rows:
            ws.append(row)
    for ref, value in overrides.items():
        sheet, cell = ref.split("!")
        wb[sheet][cell] = value
    for ref, text in (notes or {}).items():
        sheet, cell = ref.split("!")
        wb[sheet][cell].comment = Comment(text, "审核人")
    wb.save(path)
    return path


@pytest.mark.parametrize("code, case", CASES, ids=[f"{c}-{case['name']}" for c, case in CASES])
def test_rule_case(code, case, tmp_path):
    settings = Settings(profile=case["profile"]) if "profile" in case else None
    book = build(case["base"], case.get("set", {}), tmp_path / "case.xlsx", case.get("notes"))
    report = check_file(book, settings=settings)
    flagged = sorted({f"{f.sheet}!{f.cell}" for f in report.findings if f.rule == code})
    messages = [f"{f.rule} {f.severity} {f.sheet}!{f.cell}: {f.message}" for f in report.findings]
    assert flagged == sorted(case["expect"]), "\n".join(messages)
    severities: dict[str, set[str]] = {}
    for f in report.findings:
        if f.rule == code:
            severities.setdefault(f"{f.sheet}!{f.cell}", set()).add(f.severity)
    # every finding at a cell has the stated severity: a rounding warning must not turn into an error
    assert severities == {cell: {level} for cell, level in case.get("severity", {}).items()}, "\n".join(messages)
    rule = REGISTRY[code]  # a severity other than the rule's own only as the rule declares it (rounding, also=)
    allowed = {rule.severity, *rule.also, *(("warning",) if any(o.name == "rounding" for o in rule.options) else ())}
    assert set().union(*severities.values()) <= allowed, severities
    at = {cell: [f for f in report.findings if f.rule == code and f"{f.sheet}!{f.cell}" == cell]
          for cell in case["expect"]}
    for cell, phrases in case.get("says", {}).items():  # the figures and names the message must state
        said = [f.message for f in at[cell]]
        assert all(any(p in m for m in said) for p in phrases), (phrases, said)
    for cell, (expected, actual) in case.get("values", {}).items():  # the report's 应为 / 实际 fields
        assert any(_same(f.expected, expected) and _same(f.actual, actual) for f in at[cell]), \
            (expected, actual, [(f.expected, f.actual) for f in at[cell]])


def _same(got: object, want: object) -> bool:
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        return isinstance(got, (int, float)) and math.isclose(got, want, abs_tol=1e-9)
    return got == want


@pytest.mark.parametrize("code, case", [(c, case) for c, case in CASES if case["expect"]],
                         ids=[f"{c}-{case['name']}" for c, case in CASES if case["expect"]])
def test_failing_case_states_the_severity_of_every_cell(code, case):
    """Cells alone would let a one-unit rounding warning turn into an error (or the reverse) unnoticed."""
    assert set(case.get("severity", {})) == set(case["expect"]), f"{code} “{case['name']}”: severity per expected cell"
    assert set(case["severity"].values()) <= {"error", "warning", "info"}
    assert set(case.get("says", {})) | set(case.get("values", {})) <= set(case["expect"])


@pytest.mark.parametrize("base", [b for b in BASES if b != "empty"])
def test_bases_are_clean(base, tmp_path):
    report = check_file(build(base, {}, tmp_path / "base.xlsx"))
    assert report.tables
    assert report.findings == [], [f"{f.rule} {f.sheet}!{f.cell}: {f.message}" for f in report.findings]


def test_profile_dependent_rules_have_cases_under_every_profile():
    """A rule that reads a profile (its bands, grades, budget scoring, deviation or caps) has cases under each
    packaged profile: a passing one everywhere, a failing one wherever the profile turns the rule on."""
    dependent = sorted(code for code, r in REGISTRY.items() if r.uses)
    assert {"SE07", "SE10", "SE11", "SE14", "YT01", "YT02"} <= set(dependent)
    for code in dependent:
        for name in profiles.names():
            cases = [c for rule_code, c in CASES if rule_code == code and c.get("profile") == name]
            assert any(not c["expect"] for c in cases), f"{code} has no passing case under {name}"
            if profiles.load(name).enabled(code, REGISTRY[code].default_on):
                assert any(c["expect"] for c in cases), f"{code} has no failing case under {name}"


def test_every_rule_has_passing_and_failing_cases():
    by_rule: dict[str, list[dict]] = {}
    for code, case in CASES:
        by_rule.setdefault(code, []).append(case)
    assert set(by_rule) == set(REGISTRY)
    for code, cases in by_rule.items():
        assert any(not c["expect"] for c in cases), f"{code} has no passing case"
        assert any(c["expect"] for c in cases), f"{code} has no failing case"


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_rule_documentation_has_three_parts(code):
    rule = REGISTRY[code]
    assert rule.title and rule.severity in ("error", "warning", "info") and rule.applies_to
    for part in ("检查：", "原因：", "示例："):
        assert part in rule.doc, f"{code} doc lacks {part}"


def test_tables_are_found_at_any_offset(tmp_path):
    """The same F1 shifted 3 rows down and 2 columns right, under a title line: same findings, shifted."""
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "项目表"
    ws["A1"] = "附件 3：2025 年度项目支出绩效自评表"
    for r, row in enumerate(BASES["f1"]["项目表"], start=4):
        for c, value in enumerate(row, start=3):
            ws.cell(r, c, value)
    ws.cell(6 + 3, 8 + 2, 31)  # 得分 31 > 分值 30 (H6 in the base)
    wb.save(tmp_path / "shifted.xlsx")
    report = check_file(tmp_path / "shifted.xlsx")
    plain = check_file(build("f1", {"项目表!H6": 31}, tmp_path / "plain.xlsx"))
    expected = {(f.rule, f.severity, _shifted(f.cell, 3, 2)) for f in plain.findings}
    assert ("SE01", "error", f"{get_column_letter(10)}9") in expected
    assert {(f.rule, f.severity, f.cell) for f in report.findings} == expected
    assert {t.kind for t in report.tables} == {"F1.budget", "F1.indicators"}


def _shifted(cell: str, rows: int, cols: int) -> str:
    """An address ("H6" or "G6:G7") moved down ``rows`` and right ``cols``."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, get_column_letter

    def one(ref: str) -> str:
        letter, row = coordinate_from_string(ref)
        return f"{get_column_letter(column_index_from_string(letter) + cols)}{row + rows}"

    return ":".join(one(part) for part in cell.split(":"))


def test_the_forms_a_rule_names_in_words_are_the_forms_it_declares():
    """`xltools rules CODE` prints both the words (适用) and the data (表样): they must not disagree."""
    families = {"F1": ("F1",), "F2": ("F2-hubei", "F2-hunan"), "F3": ("F3",), "F4": ("F4",), "F5": ("F5",)}
    for code, r in REGISTRY.items():
        if r.forms == ("*",):
            continue
        words = r.applies_to.replace("F1–F5", "F1、F2、F3、F4、F5")
        named = {f for family, ids in families.items() if family in words for f in ids}
        declared = set(r.forms) - {"scored"}
        assert named == declared, (code, r.applies_to, r.forms)
