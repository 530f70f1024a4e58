"""A parallel run keeps the calling program's garbage collector as it found it."""

from __future__ import annotations

import gc
from pathlib import Path

from tests import seed_books
from xltools.batch import iter_checks


def _two_books(tmp_path: Path) -> list[Path]:
    paths = [tmp_path / "a.xlsx", tmp_path / "b.xlsx"]
    for path in paths:
        seed_books.hubei_000(path)
    return paths


def test_collector_back_as_it_was_after_a_parallel_run(tmp_path):
    paths = _two_books(tmp_path)
    assert gc.get_freeze_count() == 0
    reports = list(iter_checks(paths, jobs=2))
    assert [r.path for r in reports] == paths and all(r.error is None for r in reports)
    assert gc.get_freeze_count() == 0


def test_objects_the_caller_froze_stay_frozen(tmp_path):
    paths = _two_books(tmp_path)
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        list(iter_checks(paths, jobs=2))
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
