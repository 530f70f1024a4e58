"""A fixed sample of the variation corpus, checked end to end (the whole corpus: bench/accuracy.py).

The sample is the smallest set of corpus workbooks (picked greedily, always the same) that
together use every variation and every planted slip. Each must come out exactly right: every
planted finding reported at its cell with its severity, no warning or error anywhere else, and
no other rule's warning or error on a planted cell.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus import SLIPS, SPECIAL, VARIATIONS, Entry, build, plan
from tests.corpus.compare import check


def _covers(entry: Entry) -> set[str]:
    return set(entry.variations) | ({entry.slip} if entry.slip else set())


def sample(entries: list[Entry]) -> list[int]:
    """Indexes of a small fixed set of entries that together cover every variation and slip."""
    wanted = set(VARIATIONS) | set(SLIPS) | set(SPECIAL)
    chosen: list[int] = []
    while wanted:
        best = max(range(len(entries)), key=lambda i: (len(_covers(entries[i]) & wanted), -i))
        gain = _covers(entries[best]) & wanted
        if not gain:
            break
        chosen.append(best)
        wanted -= gain
    return sorted(chosen)


ENTRIES = plan()
SAMPLE = sample(ENTRIES)


def test_the_sample_covers_every_variation_and_slip():
    covered = set().union(*(_covers(ENTRIES[i]) for i in SAMPLE))
    assert covered >= set(VARIATIONS) | set(SLIPS) | set(SPECIAL)


@pytest.mark.parametrize("index", SAMPLE, ids=[f"{i:04d}-{ENTRIES[i].kind}-{ENTRIES[i].slip or 'clean'}" for i in SAMPLE])
def test_corpus_workbook_checked_exactly(index: int, tmp_path: Path):
    book = build(ENTRIES[index], index)
    outcome = check(book, book.write(tmp_path))
    if not outcome.clean:
        pytest.fail("\n" + outcome.explain(), pytrace=False)
