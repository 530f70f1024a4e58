"""The checker on real published forms, transcribed as published, against their hand-listed slips.

Each form must be recognised (no XT001), every slip listed in its module must be reported at its
cell with its rule and severity, and no other cell may get a warning or an error (info is
allowed; the few UNSURE cells of a module allow findings up to their stated severity). The lists
were made by reading the forms, not by running the checker: see tests/real_forms/__init__.py.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from openpyxl.utils.cell import coordinate_from_string, column_index_from_string, range_boundaries

from tests.real_forms import FORMS, SEVERITY_RANK, build, cell_value, describe, score
from xltools.check import check_file

KINDS = {"project", "department", "final_accounts", "shenzhen"}


def _id(module: ModuleType) -> str:
    return module.__name__.rsplit(".", 1)[-1]


# Known gaps, each a real slip the checker misses today, listed in docs/real_forms.md and in the closing
# notes; strict, so the entry must go when the gap is closed.
KNOWN_GAPS: dict[str, str] = {}


def _marked(module: ModuleType):
    gap = KNOWN_GAPS.get(_id(module))
    return pytest.param(module, marks=pytest.mark.xfail(reason=gap, strict=True)) if gap else module


@pytest.mark.parametrize("module", [_marked(m) for m in FORMS], ids=_id)
def test_real_form(module: ModuleType, tmp_path: Path) -> None:
    path = build(module, tmp_path / f"{_id(module)}.xlsx")
    report = check_file(path)
    result = score(module, report)
    expected = "\n".join(f"  expected {s}!{c} {r} {sev}: {why}" for s, c, r, sev, why in module.SLIPS) or "  expected none"
    got = "\n".join(f"  got      {f.sheet}!{f.cell} {f.rule} {f.severity}: {f.message}" for f in report.findings) or \
        "  got      none"
    if not result.passed:  # not recognised, a listed slip missed, or a warning/error on a cell not listed
        pytest.fail(f"{describe(result)}\n{expected}\n{got}", pytrace=False)


@pytest.mark.parametrize("module", FORMS, ids=_id)
def test_corpus_entry_is_well_formed(module: ModuleType) -> None:
    """The corpus itself: metadata present, every listed cell inside its sheet, rule codes well-formed."""
    assert module.SOURCE[0] and module.SOURCE[1] and module.PROVINCE and module.LAYOUT
    assert 2010 <= module.YEAR <= 2024 and module.KIND in KINDS
    sheets = {name: rows for name, rows, _ in module.SHEETS}
    for sheet, cell, *_ in [*module.SLIPS, *module.UNSURE]:
        assert sheet in sheets, (sheet, cell)
        letters, row = coordinate_from_string(cell)
        assert row <= len(sheets[sheet]), (sheet, cell)
        assert column_index_from_string(letters) <= max(len(r) for r in sheets[sheet]), (sheet, cell)
    for _, cell, rules, severity, why in module.SLIPS:
        assert severity in ("warning", "error") and why, cell
        assert all(len(code) >= 4 and code[:2].isalpha() for code in rules.split("|")), rules
    for _, cell, bound, why in module.UNSURE:
        assert bound in SEVERITY_RANK and why, cell
    listed = [(s, c) for s, c, *_ in module.SLIPS]
    assert len(listed) == len(set(listed)), "a cell is listed twice"
    for name, rows, merges in module.SHEETS:  # a merge must not hide a transcribed value
        for merge in merges:
            c0, r0, c1, r1 = range_boundaries(merge)
            hidden = [(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) != (r0, c0)
                      and r <= len(rows) and c <= len(rows[r - 1]) and cell_value(rows[r - 1][c - 1])[0] is not None]
            assert not hidden, (name, merge, hidden)


def test_corpus_spans_provinces_years_and_kinds() -> None:
    assert len(FORMS) >= 15
    assert len({m.PROVINCE for m in FORMS}) >= 6
    assert len({m.YEAR for m in FORMS}) >= 4
    assert {m.KIND for m in FORMS} == KINDS
