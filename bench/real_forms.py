"""The checker on the corpus of real published forms (tests/real_forms): recognition, slips found, false alarms.

Builds every form of the corpus into a scratch folder, checks it with ``xltools.check.check_file``
and compares the findings with the form's hand-made slip list. Prints one line per form and the
totals; ``--write`` also writes docs/real_forms.md (the corpus table and these figures). Run from
the repository root:

    .venv/bin/python bench/real_forms.py [--write] [--verbose]
"""

from __future__ import annotations

import argparse
import datetime
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.real_forms import FORMS, Score, build, describe, score  # noqa: E402
from xltools.check import check_file  # noqa: E402

DOC = ROOT / "docs" / "real_forms.md"


def run(verbose: bool) -> list[tuple[object, Score]]:
    results = []
    with tempfile.TemporaryDirectory(prefix="real_forms_") as scratch:
        for module in FORMS:
            name = module.__name__.rsplit(".", 1)[-1]
            report = check_file(build(module, Path(scratch) / f"{name}.xlsx"))
            result = score(module, report)
            results.append((module, result))
            if verbose:
                print(describe(result))
    return results


def table(results: list[tuple[object, Score]]) -> list[str]:
    lines = [f"{'form':42} {'tables':>6} {'slips found':>12} {'false alarms':>13} {'unsure':>7}  verdict"]
    for module, r in results:
        listed = len(r.found) + len(r.missed)
        verdict = "pass" if r.passed else ("not recognised" if r.unrecognised or not r.tables else "fail")
        lines.append(f"{r.name:42} {r.tables:>6} {len(r.found):>5} / {listed:<4} {len(r.false_alarms):>13} "
                     f"{len(r.unsure):>7}  {verdict}")
    return lines


def totals(results: list[tuple[object, Score]]) -> dict[str, int]:
    return {
        "forms": len(results),
        "recognised": sum(1 for _, r in results if r.tables and not r.unrecognised),
        "passed": sum(1 for _, r in results if r.passed),
        "listed": sum(len(r.found) + len(r.missed) for _, r in results),
        "found": sum(len(r.found) for _, r in results),
        "false_alarms": sum(len(r.false_alarms) for _, r in results),
        "forms_with_false_alarms": sum(1 for _, r in results if r.false_alarms),
    }


def summary(t: dict[str, int]) -> str:
    recall = t["found"] / t["listed"] if t["listed"] else 1.0
    return (f"forms {t['forms']}, recognised {t['recognised']}, passing {t['passed']}; slips found {t['found']} of "
            f"{t['listed']} (recall {recall:.2f}); false alarms {t['false_alarms']} on {t['forms_with_false_alarms']} "
            f"forms")


def _commit() -> str:
    """The commit measured, and whether the checker's sources had uncommitted changes on top of it."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "xltools"], cwd=ROOT, capture_output=True,
                               text=True)
    except OSError:
        return "unknown"
    return (head.stdout.strip() or "unknown") + (" + uncommitted changes in xltools/" if dirty.stdout.strip() else "")


def _cell(text: object) -> str:
    """Text for a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def write_doc(results: list[tuple[object, Score]]) -> None:
    t = totals(results)
    md = [
        "# Real published forms: the acceptance corpus",
        "",
        "Forms that units published, transcribed cell by cell as published (tests/real_forms/, one module per form),",
        "with the slips each form really contains listed by hand (found by reading and arithmetic, never by running",
        "the checker). `tests/test_real_forms.py` asserts, per form: recognised (no XT001), every listed slip reported",
        "at its cell with its rule and severity, and no warning or error on any other cell. These figures are separate",
        "from the generated variation corpus (bench/accuracy.py).",
        "",
        "Sources: pages from the stored public web pages (address given) and, where no complete page could be found",
        "(the stored copies give only the beginning of each page), forms of the project's seed documents that",
        "tests/seed_books.py does not already rebuild.",
        "",
        "## The forms",
        "",
        "| form | province | year | kind | source | slips | unsure | layout variations |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for module, _ in results:
        name = module.__name__.rsplit(".", 1)[-1]
        address, title = module.SOURCE
        where = f"[{title}]({address})" if address.startswith("http") else f"{title} ({address})"
        md.append(f"| `{name}` | {module.PROVINCE} | {module.YEAR} | {module.KIND} | {_cell(where)} | "
                  f"{len(module.SLIPS)} | {len(module.UNSURE)} | {_cell(module.LAYOUT)} |")
    md += ["", "## The slips", ""]
    for module, _ in results:
        if module.SLIPS:
            md.append(f"- `{module.__name__.rsplit('.', 1)[-1]}`")
            md += [f"  - {sheet}!{cell} {rule} ({severity}): {why}" for sheet, cell, rule, severity, why in module.SLIPS]
    md += [
        "",
        f"## Figures (`.venv/bin/python bench/real_forms.py`, commit {_commit()}, {datetime.date.today().isoformat()})",
        "",
        "```",
        *table(results),
        "",
        summary(t),
        "```",
        "",
        "A false alarm is a warning or error on a cell that is not a listed slip (nor an UNSURE cell within its",
        "bound); a slip counts as found only with its rule (or a listed alternative) and its severity.",
        "",
        "## Forms that fail, in detail",
        "",
        "```",
        *[describe(r) for _, r in results if not r.passed],
        "```",
        "",
    ]
    DOC.write_text("\n".join(md), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description="Check the corpus of real published forms against their slip lists.")
    parser.add_argument("--write", action="store_true", help=f"write {DOC.relative_to(ROOT)}")
    parser.add_argument("--verbose", action="store_true", help="list missed slips and false alarms per form")
    args = parser.parse_args()
    results = run(args.verbose)
    print("\n".join(table(results)))
    print()
    print(summary(totals(results)))
    if args.write:
        write_doc(results)
        print(f"wrote {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
