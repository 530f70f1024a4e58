"""``read_books`` (files read in groups: inspected together, then their values) answers exactly as
``read_book`` file by file: the same values, merges and flags, the same refusals with the same messages,
in the same order."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile_corpus import KINDS, build, good_form
from xltools.workbook import read
from xltools.workbook.read import BookData, ReadError, read_book, read_books


def _answer(outcome: BookData | ReadError) -> object:
    if isinstance(outcome, ReadError):
        return (type(outcome).__name__, str(outcome), getattr(outcome, "limit", None))
    return ([(s.name, s.rows, s.merges, s.hidden) for s in outcome.sheets], outcome.evaluated, outcome.has_vba,
            outcome.stamp, sorted(outcome.package.infos) if outcome.package else None)


def _one_by_one(path: Path) -> object:
    try:
        return _answer(read_book(path))
    except ReadError as exc:
        return _answer(exc)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Good forms between every hostile and broken kind, so groups mix answers of every sort."""
    folder = tmp_path_factory.mktemp("read_books")
    hostile = build(folder / "hostile")
    paths: list[Path] = []
    for i, kind in enumerate(KINDS):
        paths.append(good_form(folder / f"good{i}.xlsx"))
        paths.append(hostile[kind.name])
    return paths


def test_same_answers_as_read_book(mixed: list[Path]) -> None:
    grouped = [(path, _answer(outcome)) for path, outcome in read_books(mixed)]
    assert [path for path, _ in grouped] == mixed
    assert grouped == [(path, _one_by_one(path)) for path in mixed]


@pytest.mark.parametrize("files, size", [(1, 1 << 30), (3, 1 << 30), (64, 1)])
def test_any_grouping(mixed: list[Path], monkeypatch: pytest.MonkeyPatch, files: int, size: int) -> None:
    monkeypatch.setattr(read, "STAGE_FILES", files)
    monkeypatch.setattr(read, "STAGE_BYTES", size)
    assert [_answer(outcome) for _, outcome in read_books(mixed)] == [_one_by_one(path) for path in mixed]


def test_unexpected_failure_comes_at_its_turn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = [good_form(tmp_path / f"good{i}.xlsx") for i in range(3)]
    real_inspect = read.inspect

    def failing(path: Path, limits: object) -> object:
        if path == good[1]:
            raise RuntimeError("boom")
        return real_inspect(path, limits)

    monkeypatch.setattr(read, "inspect", failing)
    books = read_books(good)
    assert next(books)[0] == good[0]  # the file before is given back first
    with pytest.raises(RuntimeError, match="boom"):
        next(books)
