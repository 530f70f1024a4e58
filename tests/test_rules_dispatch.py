"""A run skips the rules that read no kind of table the workbook has (by the form ids they declare):
that must never lose a finding. Every rule's failing cases (tests/rule_cases) and every clean base
are checked with the skip and without it, and must give the same findings."""

from __future__ import annotations

import pytest

from tests.test_rules import CASES, build
from xltools.recognize import recognize
from xltools.rules import base
from xltools.settings import Settings
from xltools.workbook.notes import read_notes
from xltools.workbook.read import read_book

FAILING = [(code, case) for code, case in CASES if case["expect"]]


def _both(path, profile: str | None, monkeypatch) -> tuple[list, list]:
    book = read_book(path)
    settings = Settings(profile=profile) if profile else Settings()
    config = settings.run_config(path, [s.name for s in book.sheets], read_notes(book.package))
    skipping = base.run_rules(recognize(book), None, config)
    with monkeypatch.context() as m:
        m.setattr(base, "tables_present", lambda found: frozenset({"*", *base.FORM_IDS}))
        every = base.run_rules(recognize(book), None, config)
    return skipping, every


@pytest.mark.parametrize("code, case", FAILING, ids=[f"{c}-{case['name']}" for c, case in FAILING])
def test_skipping_rules_loses_no_finding(code, case, tmp_path, monkeypatch):
    path = build(case["base"], case.get("set", {}), tmp_path / "case.xlsx", case.get("notes"))
    skipping, every = _both(path, case.get("profile"), monkeypatch)
    assert skipping == every
    assert any(f.rule == code for f in skipping)


def test_a_national_form_skips_the_final_accounts_shenzhen_and_summary_rules(tmp_path):
    path = build("f1", {}, tmp_path / "f1.xlsx")
    book = read_book(path)
    found = recognize(book)
    assert base.tables_present(found) == frozenset({"*", *base.SELF_EVAL_FORMS})
    ordered, final = base.Plan(found, base.RunConfig()).schedule(found)
    codes = {r.code for r in (*ordered, *final)}
    assert {"SE01", "CV01", "XT001", "XT003", "XT004", "SZ07"} <= codes
    assert not codes & {"FA01", "FA07", "SZ01", "SZ06", "SM01", "SM02"}


def test_the_registry_lists_the_self_evaluation_rules_first():
    codes = list(base.REGISTRY)
    assert codes[:3] == ["SE01", "SE02", "SE03"]
    assert codes.index("SE21") < codes.index("CV01") < codes.index("SZ07") < codes.index("FA01")
