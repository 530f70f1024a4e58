"""The mutation run tests mutants with every worked example written for it."""

from __future__ import annotations

from tests.conftest import ROOT


def test_every_mutation_example_file_is_in_the_mutation_runs_test_selection():
    script = (ROOT / "bench" / "mutation.sh").read_text(encoding="utf-8")
    files = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "tests").glob("test_mutation_*.py"))
    assert files and [f for f in files if f"    {f}\n" not in script] == []
