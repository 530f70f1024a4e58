"""Accuracy of `xltools check` on the generated variation corpus (issue 9 point 7).

Generates the corpus (tests/corpus: the forms in real-world layouts, clean and with slips planted
at known cells), checks every workbook with ``check_file`` and prints, per rule: how many findings
were planted, how many were found at their cell with the planted severity, the recall, and the
false alarms (warnings or errors on cells where nothing was planted); then the first misses and
false alarms, and the workbooks where no table was recognised. A benchmark, not a test:

    .venv/bin/python bench/accuracy.py [--seed N] [--count N] [--out DIR] [--show N] [--write]

``--out DIR`` keeps the workbooks (default: a temporary folder); ``--write`` records the figures
and the list of variations in docs/accuracy.md.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus import DEFAULT_COUNT, DEFAULT_SEED, SLIPS, SPECIAL, VARIATIONS, generate
from tests.corpus.compare import Outcome, check

MARK = "<!-- accuracy -->"


def run(seed: int, count: int, out: Path) -> tuple[list[Outcome], dict[str, float]]:
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    books = generate(seed, count)
    timings["generate"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    paths = [book.write(out) for book in books]
    timings["write"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    outcomes = [check(book, path) for book, path in zip(books, paths, strict=True)]
    timings["check"] = time.perf_counter() - t0
    return outcomes, timings


def table(outcomes: list[Outcome]) -> list[tuple[str, int, int, int, float | None, int]]:
    planted: Counter[str] = Counter()
    found: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    alarms: Counter[str] = Counter()
    other: Counter[str] = Counter()
    for o in outcomes:
        for f in o.other_rule:
            other[f.rule] += 1
        for e in o.found:
            planted[e.rule] += 1
            found[e.rule] += 1
        for e in o.missed:
            planted[e.rule] += 1
        for e, _ in o.wrong_severity:
            planted[e.rule] += 1
            wrong[e.rule] += 1
        for f in o.false_alarms:
            alarms[f.rule] += 1
    rules = sorted(set(planted) | set(alarms) | set(other),
                   key=lambda r: (r[:2], int("".join(ch for ch in r if ch.isdigit()) or 0)))
    return [(r, planted[r], found[r], wrong[r], found[r] / planted[r] if planted[r] else None, alarms[r], other[r])
            for r in rules]


def render_table(rows) -> list[str]:
    lines = ["| 规则 | 埋设 | 在原单元格以原级别查出 | 级别不对 | 召回率 | 误报 | 埋设单元格上的其他规则 |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for rule, planted, found, wrong, recall, alarms, other in rows:
        lines.append(f"| {rule} | {planted} | {found} | {wrong} | {'—' if recall is None else f'{recall:.2f}'} | {alarms} "
                     f"| {other} |")
    total_p, total_f, total_w = (sum(r[i] for r in rows) for i in (1, 2, 3))
    total_a, total_o = (sum(r[i] for r in rows) for i in (5, 6))
    lines.append(f"| 合计 | {total_p} | {total_f} | {total_w} | {total_f / total_p if total_p else 0:.2f} | {total_a} "
                 f"| {total_o} |")
    return lines


def summary(outcomes: list[Outcome]) -> dict[str, int]:
    return {
        "books": len(outcomes),
        "clean_books": sum(o.book.slip is None for o in outcomes),
        "books_with_false_alarms": sum(bool(o.false_alarms) for o in outcomes),
        "other_rule_at_slip": sum(len(o.other_rule) for o in outcomes),
        "clean_books_with_false_alarms": sum(bool(o.false_alarms) for o in outcomes if o.book.slip is None),
        "not_recognised": sum(not o.recognized for o in outcomes if o.book.slip != "no_tables"),
        "no_tables": sum(o.book.slip == "no_tables" for o in outcomes),
        "unreadable": sum(o.error is not None for o in outcomes),
        "all_right": sum(o.clean for o in outcomes),
    }


def listing(outcomes: list[Outcome], show: int) -> list[str]:
    lines: list[str] = []
    misses = [(o, e) for o in outcomes for e in o.missed]
    wrong = [(o, e, f) for o in outcomes for e, f in o.wrong_severity]
    alarms = [(o, f) for o in outcomes for f in o.false_alarms]
    lines.append(f"\nFirst misses ({len(misses)} in all; the first of each rule, then in order):")
    for o, e in _spread(misses, lambda item: item[1].rule, show):
        lines.append(f"  {o.book.name}.xlsx  {e.sheet}!{'/'.join(e.cells or ('*',))}  {e.rule} {e.severity}: {e.what}"
                     f"  [variations: {', '.join(o.book.variations) or '-'}]")
    lines.append(f"\nWrong severity ({len(wrong)} in all):")
    for o, e, f in _spread(wrong, lambda item: item[1].rule, show):
        lines.append(f"  {o.book.name}.xlsx  {f.sheet}!{f.cell}  {e.rule}: planted {e.severity}, reported {f.severity}: "
                     f"{f.message}")
    lines.append(f"\nFirst false alarms ({len(alarms)} in all; the first of each rule, then in order):")
    for o, f in _spread(alarms, lambda item: item[1].rule, show):
        lines.append(f"  {o.book.name}.xlsx  {f.sheet}!{f.cell}  {f.rule} {f.severity}: {f.message}"
                     f"  [variations: {', '.join(o.book.variations) or '-'}]")
    others = [(o, f) for o in outcomes for f in o.other_rule]
    lines.append(f"\nAnother rule at a planted cell ({len(others)} in all):")
    for o, f in _spread(others, lambda item: item[1].rule, show):
        lines.append(f"  {o.book.name}.xlsx  {f.sheet}!{f.cell}  {f.rule} {f.severity}: {f.message}  [slip: {o.book.slip}]")
    unrec = [o for o in outcomes if not o.recognized and o.book.slip != "no_tables"]
    lines.append(f"\nNo table recognised ({len(unrec)} workbooks):")
    for o in unrec[:show]:
        lines.append(f"  {o.book.name}.xlsx  [{o.book.form}; variations: {', '.join(o.book.variations) or '-'}]")
    return lines


def _spread(items: list, key, show: int) -> list:
    """The first item of each kind, then the rest in order, up to ``show``."""
    firsts, seen = [], set()
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            firsts.append(item)
    rest = [item for item in items if item not in firsts]
    return (firsts + rest)[:show] if show > len(firsts) else firsts


def by_variation(outcomes: list[Outcome]) -> list[str]:
    """Clean workbooks with one variation: which variations alone already cause false alarms or misses."""
    bad: dict[str, list[str]] = defaultdict(list)
    for o in outcomes:
        if o.book.slip is None and len(o.book.variations) == 1 and not o.clean:
            bad[o.book.variations[0]].append(o.book.form)
    total = Counter(o.book.variations[0] for o in outcomes if o.book.slip is None and len(o.book.variations) == 1)
    return [f"  {name}: {len(forms)}/{total[name]} ({', '.join(forms)})" for name, forms in sorted(bad.items())]


def write_doc(path: Path, command: str, rows, stats: dict[str, int], timings: dict[str, float], seed: int) -> None:
    lines = ["# 变体语料上的准确率（xltools check）", "",
             "语料由 `tests/corpus/` 按固定种子生成：官方表样（全国通用项目表、湖北与湖南部门整体表、深圳项目表、",
             "决算公开01–09表、汇总表）按真实公开表格的各种写法逐一变形、随机组合，一部分干净，一部分在已知单元格埋入",
             "各类错误。每个工作簿自带应查出的问题（工作表、单元格、规则、级别），由领域规则独立算出，不调用检查器。",
             "召回率 = 在埋设的单元格以埋设的级别查出的数目 ÷ 埋设数目；误报 = 没有埋设任何问题的单元格上报出的警告或错误",
             "（“提示”不计）。这是基准，不是计时测试；测试 `tests/test_accuracy.py` 跑其中固定的一小部分。", "",
             "```bash", command, "```", "", MARK,
             (f"测量日期：{datetime.date.today().isoformat()}；种子 {seed}；工作簿 {stats['books']} 个（其中干净的 "
             f"{stats['clean_books']} 个）；生成 {timings['generate']:.1f} 秒，写出 {timings['write']:.1f} 秒，检查 "
             f"{timings['check']:.1f} 秒。"), "",
             *render_table(rows), "",
             f"- 有误报的工作簿：{stats['books_with_false_alarms']} 个（其中干净工作簿 {stats['clean_books_with_false_alarms']} 个）",
             (f"- 一个表格都没识别出的工作簿（不含故意无表格的）：{stats['not_recognised']} 个（识别率 "
              f"{1 - stats['not_recognised'] / max(1, stats['books'] - stats['no_tables']):.1%}）"),
             f"- 读不了的工作簿：{stats['unreadable']} 个；完全正确（无漏报、无误报、级别都对）：{stats['all_right']} 个", "",
             MARK, "", "## 变体（每一种都是真实公开表格中出现过的写法）", "",
             "| 名称 | 适用表样 | 说明 |", "|---|---|---|"]
    for v in VARIATIONS.values():
        lines.append(f"| `{v.name}` | {', '.join(sorted(v.forms))} | {v.doc} |")
    lines += ["", "## 埋设的错误", "", "| 名称 | 规则 | 级别 | 适用表样 | 说明 |", "|---|---|---|---|---|"]
    for s in SLIPS.values():
        lines.append(f"| `{s.name}` | {s.rule} | {s.severity} | {', '.join(sorted(s.forms))} | {s.doc} |")
    for name, (rule, severity, doc) in SPECIAL.items():
        lines.append(f"| `{name}` | {rule} | {severity} | — | {doc} |")
    lines += ["", ("另外：凡是“数字以文本存储”的工作簿，每个表格应有一条 CV01 提示；决算表的错误所牵连的各项勾稽关系"
              "（上下级科目、合计、行合计、表间）由 `tests/corpus/accounts.py` 的独立核对逐条列出，相差 0.01 为警告。"), ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT)
    parser.add_argument("--out", type=Path, help="keep the generated workbooks in this folder")
    parser.add_argument("--show", type=int, default=25, help="how many misses / false alarms to list")
    parser.add_argument("--write", action="store_true", help="write docs/accuracy.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="xltools_corpus_") as tmp:
        out = args.out or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        outcomes, timings = run(args.seed, args.count, out)
    rows = table(outcomes)
    stats = summary(outcomes)
    print(f"{stats['books']} workbooks (seed {args.seed}; {stats['clean_books']} clean); generate "
          f"{timings['generate']:.1f} s, write {timings['write']:.1f} s, check {timings['check']:.1f} s\n")
    print("\n".join(render_table(rows)))
    with_tables = stats["books"] - sum(o.book.slip == "no_tables" for o in outcomes)
    recognised = with_tables - stats["not_recognised"]
    print(f"\nrecognition: a table was found in {recognised}/{with_tables} workbooks that have one "
          f"({recognised / with_tables:.1%})")
    print(f"workbooks with false alarms: {stats['books_with_false_alarms']} "
          f"(clean ones: {stats['clean_books_with_false_alarms']}); no table recognised: {stats['not_recognised']}; "
          f"unreadable: {stats['unreadable']}; entirely right: {stats['all_right']}")
    print("\n".join(listing(outcomes, args.show)))
    single = by_variation(outcomes)
    if single:
        print("\nClean workbooks with one variation that are not entirely right (variation: bad/all (forms)):")
        print("\n".join(single))
    if args.write:
        command = "  ".join([".venv/bin/python bench/accuracy.py", f"--seed {args.seed}", f"--count {args.count}",
                             "--write"]).replace("  ", " ")
        write_doc(ROOT / "docs" / "accuracy.md", command, rows, stats, timings, args.seed)
        print("\nwrote docs/accuracy.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
