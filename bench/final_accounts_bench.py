"""Benchmark of the 决算 (F4) checks: recognition and rules must cost time linear in rows and findings.

Generates, deterministically, with XlsxWriter (values only, as a finished workbook has them):
  - a 决算 workbook of 5,000 科目编码 rows across 公开02、03、05表 (target: < 200 ms in process);
  - one 公开02表 sheet of 100,000 科目 rows, consistent (target: < 1.5 s);
  - the same sheet with every second 项 row's 本年收入合计 off by 1.00 (about 50,000 error
    findings; target: < 3 s).
Times (CPU seconds, in this process after a warm-up: the machine is shared) the calamine read,
recognition, all rules and the FA rules alone, and ``check_file`` as a whole (median of --runs),
and the peak memory of one check in a fresh process.
Run:

    .venv/bin/python bench/final_accounts_bench.py [--runs 3] [--profile big]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import xlsxwriter

INCOME_HEAD = ["项目", "", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入",
               "其他收入"]
SPENDING_HEAD = ["项目", "", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]


def code_rows(items: int, per_kuan: int = 20, kuan_per_class: int = 20,
              wrong_every: int = 0) -> Iterator[tuple[str, str, int, int, bool]]:
    """(code, name, part_a_cents, part_b_cents, wrong) for about ``items`` 项 rows with their 款 and 类 rows.

    Amounts are whole cents, so every sum is exact; parents are yielded before their children,
    as the published tables list them.
    """
    per_class = per_kuan * kuan_per_class
    classes = -(-items // per_class)
    n = 0
    for c in range(classes):
        klass = f"{201 + c}"  # at most 798 classes: every code stays three digits and unique
        kuans = []
        for k in range(kuan_per_class):
            kuan = f"{klass}{k + 1:02d}"
            leaves = []
            for j in range(per_kuan):
                a, b = 125 * (j + 1) + 7 * (k + 1), 250 + 3 * c % 97
                wrong = bool(wrong_every) and n % wrong_every == 1
                leaves.append((f"{kuan}{j + 1:02d}", f"项目{n}", a, b, wrong))
                n += 1
            kuans.append((kuan, f"款{k + 1}", sum(x[2] for x in leaves), sum(x[3] for x in leaves), leaves))
        yield klass, f"类{c + 1}", sum(x[2] for x in kuans), sum(x[3] for x in kuans), False
        for kuan, name, a, b, leaves in kuans:
            yield kuan, name, a, b, False
            yield from leaves


def write_code_sheet(wb: xlsxwriter.Workbook, name: str, no: str, title: str, head: list[str],
                     rows: list[tuple[str, str, int, int, bool]], b_column: int = 5) -> None:
    """科目 rows: the total column, part a in the first amount column, part b in column ``b_column``."""
    ws = wb.add_worksheet(name)
    ws.write_row(0, 0, [title])
    ws.write_row(1, 0, [f"公开{no}表"])
    ws.write_row(2, 0, ["单位：基准单位", "", "", "", "", "", "金额单位：万元"])
    ws.write_row(3, 0, head)
    ws.write_row(4, 0, ["科目编码", "科目名称"])
    total_a = sum(r[2] for r in rows if len(r[0]) == 3)
    total_b = sum(r[3] for r in rows if len(r[0]) == 3)
    ws.write_row(5, 0, ["合计", "", (total_a + total_b) / 100, total_a / 100])
    ws.write(5, b_column, total_b / 100)
    for i, (code, label, a, b, wrong) in enumerate(rows, start=6):
        ws.write_row(i, 0, [code, label, (a + b + (100 if wrong else 0)) / 100, a / 100])
        ws.write(i, b_column, b / 100)


def accounts_5000(path: Path) -> Path:
    """公开02、03、05表 with 5,052 科目编码 rows in all (1,684 each), every sum consistent."""
    rows = list(code_rows(400 * 4))
    wb = xlsxwriter.Workbook(str(path))
    write_code_sheet(wb, "公开02表", "02", "收入决算表", INCOME_HEAD, rows)
    write_code_sheet(wb, "公开03表", "03", "支出决算表", SPENDING_HEAD, rows, b_column=4)
    ws = wb.add_worksheet("公开05表")
    ws.write_row(0, 0, ["一般公共预算财政拨款支出决算表"])
    ws.write_row(1, 0, ["公开05表"])
    ws.write_row(2, 0, ["项目", "", "本年支出"])
    ws.write_row(3, 0, ["科目编码", "科目名称", "小计", "基本支出", "项目支出"])
    total_a = sum(r[2] for r in rows if len(r[0]) == 3)
    total_b = sum(r[3] for r in rows if len(r[0]) == 3)
    ws.write_row(4, 0, ["合计", "", (total_a + total_b) / 100, total_a / 100, total_b / 100])
    for i, (code, label, a, b, _) in enumerate(rows, start=5):
        ws.write_row(i, 0, [code, label, (a + b) / 100, a / 100, b / 100])
    wb.close()
    return path


def big_sheet(path: Path, rows: int = 100_000, wrong_every: int = 0) -> Path:
    """One 公开02表 of about ``rows`` 科目 rows; with ``wrong_every`` = 2, every second 项 row is off."""
    items = rows * 400 // 421  # 1 类 + 20 款 + 400 项 = 421 rows per 类
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    write_code_sheet(wb, "公开02表", "02", "收入决算表", INCOME_HEAD, list(code_rows(items, wrong_every=wrong_every)))
    wb.close()
    return path


def timed(fn, runs: int):
    """Median CPU time of ``fn`` in this process (CPU, not wall: the machine is shared)."""
    result = fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.process_time()
        result = fn()
        times.append(time.process_time() - start)
    return statistics.median(times), result


def measure(path: Path, runs: int) -> dict[str, float]:
    from xltools.check import check_file
    from xltools.recognize import recognize
    from xltools.rules import REGISTRY, run_rules
    from xltools.workbook.read import read_book

    read_s, book = timed(lambda: read_book(path), runs)
    recognize_s, found = timed(lambda: recognize(book), runs)
    rules_s, findings = timed(lambda: run_rules(found), runs)
    fa_codes = [code for code in REGISTRY if code.startswith("FA")]
    fa_s, _ = timed(lambda: run_rules(found, fa_codes), runs)
    check_s, report = timed(lambda: check_file(path), runs)
    errors = sum(f.severity == "error" for f in report.findings)
    return {"read": read_s, "recognize": recognize_s, "rules": rules_s, "fa_rules": fa_s, "check": check_s,
            "findings": len(report.findings), "errors": errors, "rule_findings": len(findings)}


def peak_memory_mb(path: Path) -> float:
    """Peak resident memory of reading and checking ``path`` once, in a fresh interpreter."""
    code = ("import resource, sys; from pathlib import Path; from xltools.check import check_file; "
            "check_file(Path(sys.argv[1])); print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", choices=("5000", "big", "big_wrong"), help="print a cProfile of one check")
    parser.add_argument("--only", choices=("5000", "big", "big_wrong"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cases = {
            "5000": ("决算 02/03/05，5,000 行科目编码", lambda: accounts_5000(Path(tmp) / "accounts_5000.xlsx"), 0.2),
            "big": ("一张 100,000 行科目的表", lambda: big_sheet(Path(tmp) / "big.xlsx"), 1.5),
            "big_wrong": ("同一张表，每隔一行有错", lambda: big_sheet(Path(tmp) / "big_wrong.xlsx", wrong_every=2), 3.0),
        }
        if args.profile:
            from xltools.check import check_file

            path = cases[args.profile][1]()
            check_file(path)
            profiler = cProfile.Profile()
            profiler.enable()
            check_file(path)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
            return
        print("| 工作簿 | 读取 | 识别 | 全部规则（其中 FA） | check_file | 目标 | 发现数（错误） | 峰值内存 |")
        print("|---|---|---|---|---|---|---|---|")
        for key, (label, make, target) in cases.items():
            if args.only and key != args.only:
                continue
            path = make()
            m = measure(path, args.runs)
            memory = peak_memory_mb(path)
            print(f"| {label} | {m['read'] * 1000:.0f} ms | {m['recognize'] * 1000:.0f} ms | "
                  f"{m['rules'] * 1000:.0f} ms（{m['fa_rules'] * 1000:.0f} ms） | {m['check'] * 1000:.0f} ms | {target * 1000:.0f} ms "
                  f"{'达标' if m['check'] < target else '未达标'} | {m['findings']}（{m['errors']}） | "
                  f"{memory:.0f} MB |")
    print(f"Python {sys.version.split()[0]}, {args.runs} 次取中位数; ru_maxrss of this process "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
