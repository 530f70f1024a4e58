"""Parallel runs: files in shrinking chunks, reports in the files' order, the calling program's
garbage collector left as it was found."""

from __future__ import annotations

import gc
from pathlib import Path

from tests import seed_books
from xltools.batch import chunked, iter_checks


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


def test_chunks_keep_the_order_and_shrink_towards_the_end():
    files = [Path(f"{k}.xlsx") for k in range(1000)]
    chunks = chunked(files, jobs=2)
    assert [p for chunk in chunks for p in chunk] == files
    sizes = [len(chunk) for chunk in chunks]
    assert max(sizes) == 32 and sizes[-1] == 1 and sizes == sorted(sizes, reverse=True)
    assert [len(c) for c in chunked(files[:3], jobs=2)] == [1, 1, 1]
