"""The report checker on real published self-evaluation reports, against their hand-listed contradictions.

Each report (tests/real_reports/) is written as a Word document (one published paragraph per docx
paragraph) and as a text file; every contradiction listed in its module must be reported at its
paragraph with its rule, and no other paragraph may get a warning or an error (info is allowed; the
UNSURE paragraphs of a module allow findings up to their stated severity). The lists were made by
reading the reports, not by running the checker: see tests/real_reports/__init__.py.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from tests.real_reports import (
    REPORTS,
    RULES,
    SEVERITY_RANK,
    describe,
    score,
    write_docx,
    write_txt,
)
from xltools.errors import UserError
from xltools.narrative.check import check_report
from xltools.narrative.source import read_report

KINDS = {"project", "department", "transfer"}


def _id(module: ModuleType) -> str:
    return module.__name__.rsplit(".", 1)[-1]


# Known gaps: real contradictions the checker misses, or false alarms it raises, today. Each is described
# in docs/real_reports.md; strict, so an entry must go when the gap is closed.
KNOWN_GAPS: dict[str, str] = {}


def _cases() -> list:
    cases = []
    for module in REPORTS:
        for kind in ("docx", "txt"):
            gap = KNOWN_GAPS.get(_id(module))
            marks = [pytest.mark.xfail(reason=gap, strict=True)] if gap else []
            cases.append(pytest.param(module, kind, marks=marks, id=f"{_id(module)}-{kind}"))
    return cases


def _write(module: ModuleType, kind: str, folder: Path) -> Path:
    if kind == "docx":
        return write_docx(module, folder / f"{_id(module)}.docx")
    return write_txt(module, folder / f"{_id(module)}.txt", encoding="gb18030")


@pytest.mark.parametrize(("module", "kind"), _cases())
def test_real_report(module: ModuleType, kind: str, tmp_path: Path) -> None:
    path = _write(module, kind, tmp_path)
    try:
        findings, rejected = check_report(path).findings, None
    except UserError as exc:
        findings, rejected = [], str(exc)
    result = score(module, findings, rejected)
    if not result.passed:  # rejected, a listed contradiction missed, or a warning/error nobody listed
        got = "\n".join(f"  got     ¶{f.paragraph} {f.rule} {f.severity}: {f.message}" for f in findings) or "  got     none"
        pytest.fail(f"{describe(result, module)}\n{got}", pytrace=False)


@pytest.mark.parametrize("module", REPORTS, ids=_id)
def test_the_files_hold_the_published_paragraphs(module: ModuleType, tmp_path: Path) -> None:
    for kind in ("docx", "txt"):
        report = read_report(_write(module, kind, tmp_path))
        assert [p.text for p in report.paragraphs] == module.PARAGRAPHS


@pytest.mark.parametrize("module", REPORTS, ids=_id)
def test_corpus_entry_is_well_formed(module: ModuleType) -> None:
    assert module.SOURCE[0] and module.SOURCE[1] and module.PROVINCE and module.NOTE
    assert module.YEAR is None or 2015 <= module.YEAR <= 2025
    assert module.KIND in KINDS
    count = len(module.PARAGRAPHS)
    assert all(isinstance(p, str) and "\n" not in p and p for p in module.PARAGRAPHS)
    for paragraph, rule, severity, why in module.CONTRADICTIONS:
        assert 1 <= paragraph <= count and rule in RULES and severity in ("warning", "error") and why
    for paragraph, bound, why in module.UNSURE:
        assert 1 <= paragraph <= count and bound in SEVERITY_RANK and why
    listed = {p for p, *_ in module.CONTRADICTIONS} | {p for p, *_ in module.UNSURE}
    assert all(1 <= p <= count for p in module.CONSISTENT)
    assert not listed & set(module.CONSISTENT), "a paragraph is both listed and called consistent"
    pairs = [(p, rule) for p, rule, *_ in module.CONTRADICTIONS]
    assert len(pairs) == len(set(pairs)), "a contradiction is listed twice"


def test_corpus_spans_provinces_years_and_kinds() -> None:
    assert len(REPORTS) >= 10
    assert len({m.PROVINCE for m in REPORTS} - {"unknown"}) >= 6
    assert len({m.YEAR for m in REPORTS if m.YEAR}) >= 4
    assert {m.KIND for m in REPORTS} == KINDS
    assert sum(len(m.CONTRADICTIONS) for m in REPORTS) >= 5
