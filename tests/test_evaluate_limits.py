"""Formulas saved without their values are computed by ``formulas`` in a child process; references
whose cells could never fit in max_evaluate_mb are refused before the child starts."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.hostile_corpus import package, sheet_xml
from xltools.workbook import evaluate
from xltools.workbook.read import ReadError


def _book(tmp_path: Path, formula: str) -> Path:
    body = f'<row r="1"><c r="A1"><v>4</v></c><c r="A2"><v>5</v></c><c r="B1"><f>{formula}</f></c></row>'
    return package(tmp_path / "公式.xlsx", {"表1": sheet_xml(body)})


@pytest.mark.parametrize("formula, cells", [
    ("SUM(A1:CV100000)", 100 * 100_000),
    ("SUM(A:A)", 1_048_576),
    ("SUM($A$1:$B$2)+SUM(A1:CV100000)+SUM(A1:CV100000)", 4 + 100 * 100_000),   # a repeated range once
    ("SUM('表 2'!1:2)", 2 * 16_384),
    ('IF(A1="A1:CV100000",1,SUM(A1:A2))', 2),                                  # text is not a reference
])
def test_the_estimate_counts_each_referenced_range_once(tmp_path, formula, cells):
    need = evaluate._estimated_mb(_book(tmp_path, formula).read_bytes())
    assert need == evaluate.BASE_MB + -(-cells * evaluate.KB_PER_REFERENCED_CELL // 1024)


@pytest.mark.parametrize("formula", ["SUM(A1:CV100000)", "SUM(A:A)"])
def test_a_reference_too_large_to_compute_is_refused_before_the_child_starts(tmp_path, monkeypatch, formula):
    from xltools.workbook.read import read_book

    def no_child(*args, **kwargs):
        raise AssertionError("the evaluator child must not start")

    monkeypatch.setattr(subprocess, "run", no_child)
    with pytest.raises(ReadError, match="公式引用的区域过大.*max_evaluate_mb"):
        read_book(_book(tmp_path, formula))


def test_a_small_reference_is_still_computed(tmp_path):
    from xltools.workbook.read import read_book

    book = read_book(_book(tmp_path, "SUM(A1:A2)"))
    assert book.sheets[0].rows[0][1] == 9
