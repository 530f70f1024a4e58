"""Speed work must not change a finding: record what the checker says on a large, varied set of
workbooks, then compare a later run with it (issue 10: "no finding changes").

    .venv/bin/python bench/same_findings.py --save before.json     # on the tree before a change
    .venv/bin/python bench/same_findings.py --compare before.json  # after it: lists every difference

The set (generated once into --corpus, default /tmp/xltools-same-findings): the accuracy corpus
(540 workbooks), the 16 real published forms, and this benchmark's 1,000 national forms, 20
Shenzhen forms, the 5,000-row 决算 and the 100,000-row sheet with every second row wrong. For each
file: the error, every finding (rule, severity, sheet, cell, message, expected, actual), the
tables recognised and the overview. A benchmark's helper, not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from xltools.check import check_file  # noqa: E402


def corpus(root: Path) -> list[Path]:
    """The workbooks, generated on first use."""
    accuracy, real, bench = root / "accuracy", root / "real", root / "bench"
    if not accuracy.exists():
        from tests.corpus import DEFAULT_COUNT, DEFAULT_SEED, generate

        accuracy.mkdir(parents=True)
        for book in generate(DEFAULT_SEED, DEFAULT_COUNT):
            book.write(accuracy)
    if not real.exists():
        from tests.real_forms import FORMS, build

        real.mkdir(parents=True)
        for module in FORMS:
            build(module, real / f"{module.__name__.rsplit('.', 1)[-1]}.xlsx")
    if not bench.exists():
        from bench_check import build_corpus

        build_corpus(bench, 1000)
    files = [p for folder in (accuracy, real, bench / "national", bench / "shenzhen") for p in sorted(folder.iterdir())]
    return files + [bench / "决算_5000行.xlsx", bench / "十万行_隔行错.xlsx"]


def said(path: Path) -> dict:
    report = check_file(path)
    return {"error": report.error, "tables": [repr(t) for t in report.tables], "overview": report.overview,
            "findings": [[f.rule, f.severity, f.sheet, f.cell, f.message, repr(f.expected), repr(f.actual)]
                         for f in report.findings]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--save", type=Path, help="write what the checker says to this JSON file")
    what.add_argument("--compare", type=Path, help="compare with a JSON file written by --save")
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/xltools-same-findings"))
    args = parser.parse_args()
    now = {str(p.relative_to(args.corpus)): said(p) for p in corpus(args.corpus)}
    findings = sum(len(v["findings"]) for v in now.values())
    if args.save:
        args.save.write_text(json.dumps(now, ensure_ascii=False), encoding="utf-8")
        print(f"{len(now)} workbooks, {findings} findings saved to {args.save}")
        return 0
    before = json.loads(args.compare.read_text(encoding="utf-8"))
    differ = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for name in differ[:20]:
        old, new = before.get(name, {}), now.get(name, {})
        print(f"{name}:")
        for key in ("error", "tables", "overview", "findings"):
            if old.get(key) != new.get(key):
                print(f"  {key}: before {old.get(key)!r}\n  {' ' * len(key)}  after  {new.get(key)!r}")
    print(f"{len(now)} workbooks, {findings} findings; {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
