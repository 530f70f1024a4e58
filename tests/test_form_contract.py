"""The form specs are the recognition contract: every form, rendered from its spec, is recognised as
exactly the tables it declares, with every declared column found."""

from __future__ import annotations

import pytest

from xltools.check import check_file
from xltools.forms import FORMS, TABLE_SPECS
from xltools.render.xlsx import render_workbook, save

SPEC_FORMS = [form for form in FORMS if any(t.kind in TABLE_SPECS for s in form.build() for t in s.tables)]


def _found_columns(report) -> dict[str, set[str]]:
    """Table id -> the column keys the recognizer found for it."""
    found: dict[str, set[str]] = {}
    rec = report.recognized
    for form in rec.self_eval:
        if form.budget and form.budget.ref:
            keys = set().union(*(row.cells for row in form.budget.rows.values()))
            found.setdefault(form.budget.ref.kind, set()).update(keys)
        for block in form.blocks:
            found.setdefault(block.ref.kind, set()).update(block.positions)
    for sz in rec.shenzhen:
        if sz.arrangement:
            found["F3.arrangement"] = {"name", "line"} | set().union(*(r for r in sz.arrangement.rows.values()))
        if sz.use:
            found["F3.use"] = {"name", "spent"} | ({"earmarked"} if "earmarked" in sz.use.total else set())
        if sz.scores:
            found["F3.scores"] = {"l1", "l2", "l3", "weight", "target", "actual", "score", "criteria"} & \
                set().union(*(n.cells for n1 in sz.scores.level1 for n in [n1, *n1.children]))
    for table in rec.summaries:
        found[table.ref.kind] = {"no", "name", "budget", "score", "grade"}
    return found


@pytest.mark.parametrize("form", SPEC_FORMS, ids=[f.code for f in SPEC_FORMS])
def test_every_form_is_recognised_as_its_declared_tables(form, tmp_path):
    sheets = form.build()
    declared = {t.kind: t for s in sheets for t in s.tables if t.kind in TABLE_SPECS}
    wb, _ = render_workbook(sheets)
    save(wb, tmp_path / "form.xlsx")
    report = check_file(tmp_path / "form.xlsx")
    assert {t.kind for t in report.tables} == set(declared)
    found = _found_columns(report)
    for kind, spec in declared.items():
        missing = set(spec.keys) - found.get(kind, set())
        assert not missing, f"{kind}: columns not found {sorted(missing)}"


def test_every_table_id_belongs_to_a_form():
    codes = {form.code for form in FORMS}
    for kind, spec in TABLE_SPECS.items():
        assert kind.split(".")[0] in codes, kind
        assert spec.title and set(spec.required) <= set(spec.keys) and len(spec.keys) == len(spec.columns)
