"""Fuzzing the reader, the recognizer, the rules and the marking (hypothesis).

Two runs of the same targets:
- the fuzz run, not part of every test run (marker ``fuzz``, deselected by pyproject's addopts),
  random and long (about half an hour on two cores):
      .venv/bin/python -m pytest -m fuzz tests/fuzz
  (XLTOOLS_FUZZ_EXAMPLES=n per target, default 2,500: 10,000 examples over the four targets);
- a short derandomized sample of each target in every run (CI), so the targets themselves keep working.
Any failing example fuzzing finds is kept in tests/fuzz/test_found.py as a regular test.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import seed_books
from tests.feature_books import FEATURES
from tests.fuzz import strategies as S
from tests.fuzz.targets import (
    PEAK_GROWTH_MB,
    mutated_workbook,
    peak_mb,
    random_workbook,
    sheet_extents,
    value_parser,
)
from tests.hostile_corpus import good_form

FUZZ_EXAMPLES = int(os.environ.get("XLTOOLS_FUZZ_EXAMPLES", "2500"))
SAMPLE = settings(max_examples=15, derandomize=True, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                         HealthCheck.data_too_large])
FUZZ = settings(max_examples=FUZZ_EXAMPLES, derandomize=False, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> list[Path]:
    """Real workbooks to mutate: a unit's form, the feature books, published seed forms, a template."""
    folder = tmp_path_factory.mktemp("seeds")
    books = [good_form(folder / "form.xlsx")]
    books += [build(folder) for name, build in FEATURES.items()]
    books += [seed_books.hubei_000(folder / "hubei.xlsx"), seed_books.hunan_001(folder / "hunan.xlsx")]
    books.append(Path(shutil.copyfile(ROOT / "templates" / "F1_项目支出绩效自评表.xlsx", folder / "f1.xlsx")))
    return books


@pytest.fixture()
def memory():
    """The process may not grow by more than PEAK_GROWTH_MB however many examples run."""
    start = peak_mb()
    yield
    assert peak_mb() - start < PEAK_GROWTH_MB, f"peak memory grew {peak_mb() - start:.0f} MB"


VALUE_INPUTS = st.one_of(S.cell_values(), st.text(max_size=300), st.text(alphabet=st.sampled_from(
    "0123456789.,%≥≤><=＞＜万元人次个年月日分-—~～至（）()：:；;、 \u3000健全优良中差得满扣每降低未完成"), max_size=60))


# ---- the short sample, in every run ---------------------------------------------------------------

@SAMPLE
@given(VALUE_INPUTS)
def test_sample_value_parser(raw):
    value_parser(raw)


@SAMPLE
@given(S.workbook_specs())
def test_sample_random_workbooks(tmp_path, memory, spec):
    random_workbook(S.build_workbook(spec), tmp_path)


@SAMPLE
@given(st.data())
def test_sample_mutated_workbooks(tmp_path, memory, seeds, data):
    mutated_workbook(data.draw(S.mutations(seeds)), tmp_path)


@SAMPLE
@given(S.sheet_bodies())
def test_sample_sheet_extents(tmp_path, body):
    sheet_extents(body, tmp_path)


# ---- the fuzz run ---------------------------------------------------------------------------------

@pytest.mark.fuzz
@FUZZ
@given(VALUE_INPUTS)
def test_fuzz_value_parser(raw):
    value_parser(raw)


@pytest.mark.fuzz
@FUZZ
@given(S.workbook_specs())
def test_fuzz_random_workbooks(tmp_path, memory, spec):
    random_workbook(S.build_workbook(spec), tmp_path)


@pytest.mark.fuzz
@FUZZ
@given(st.data())
def test_fuzz_mutated_workbooks(tmp_path, memory, seeds, data):
    mutated_workbook(data.draw(S.mutations(seeds)), tmp_path)


@pytest.mark.fuzz
@FUZZ
@given(S.sheet_bodies())
def test_fuzz_sheet_extents(tmp_path, body):
    sheet_extents(body, tmp_path)
