"""Benchmark of the answers to hostile workbooks: time and peak memory of `xltools check` on each
kind of tests/hostile_corpus.py (the zip bomb must stay under 300 MB), and the cost of the
pre-read on honest files (a small national form, a 100,000-row 决算 sheet) against a bare
python-calamine read. Writes docs/bad_input.md (every kind, the answer it really gets, the
figures) with --write. Run:

    .venv/bin/python bench/hostile_bench.py [--write docs/bad_input.md] [--before REV]

--before REV also times xltools/workbook/read.py as it was at git revision REV, for comparison.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile_corpus import KINDS, OUTPUT_KINDS, build

LIMIT_MB = 300
MEASURED = ("zip_bomb", "ratio_bomb", "lying_header", "grid_span", "million_rows", "far_cell_hidden",
            "too_many_cells", "billion_laughs", "huge_shared_text", "too_many_parts", "too_many_sheets",
            "too_many_merges", "uncached_formulas", "formula_bomb", "too_big")


def xltools_exe() -> str:
    beside = Path(sys.executable).parent / "xltools"
    return str(beside) if beside.exists() else "xltools"


def run_measured(args: list[str]) -> tuple[int, str, float, float]:
    """Exit code, stderr, wall seconds and peak memory (MB) of one fresh process."""
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = child.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, stderr, time.perf_counter() - start, usage.ru_maxrss / 1024


def hostile(folder: Path) -> list[dict[str, object]]:
    paths = build(folder)
    rows = []
    good = folder / "good.xlsx"
    from tests.hostile_corpus import good_form, honest_final_accounts

    good_form(good)
    code, _, seconds, peak = run_measured([xltools_exe(), "check", str(good), "--format", "json"])
    rows.append({"kind": "（对照）正常的小表", "code": code, "seconds": seconds, "peak": peak, "answer": ""})
    for kind in KINDS:
        if kind.name not in MEASURED:
            continue
        code, stderr, seconds, peak = run_measured([xltools_exe(), "check", str(paths[kind.name]), "--format", "json"])
        rows.append({"kind": kind.name, "title": kind.title, "code": code, "seconds": seconds, "peak": peak,
                     "answer": stderr.strip()})
    return rows


def answers(folder: Path) -> dict[str, str]:
    """The answer each read kind gets from the CLI (one process, as tests/test_hostile.py does)."""
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "hostile_corpus.py"), "run", str(folder)],
                          capture_output=True, text=True, timeout=1200, check=True)
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    return {r["kind"]: r["stderr"].strip().removeprefix("错误：") for r in lines if "kind" in r}


def honest_books(folder: Path) -> dict[str, Path]:
    """A national F1 form as a unit types it, and a 公开02表 of 100,000 科目 rows (9 columns)."""
    from tests.hostile_corpus import good_form, honest_final_accounts

    small = good_form(folder / "small.xlsx")
    big = honest_final_accounts(folder / "rows100k.xlsx")
    return {"一张全国通用 F1 表": small, "100,000 行的决算表（公开02表，9 列）": big}


def reader_overhead(books: dict[str, Path], before: str | None) -> list[dict[str, object]]:
    from python_calamine import CalamineWorkbook

    from xltools.workbook import read as after

    def bare(path: Path) -> None:
        wb = CalamineWorkbook.from_path(str(path))
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python(skip_empty_area=False)

    readers = {"python-calamine（裸读）": bare, "read_book（现在）": after.read_book}
    if before:
        source = subprocess.run(["git", "-C", str(ROOT), "show", f"{before}:xltools/workbook/read.py"],
                                capture_output=True, text=True, check=True).stdout
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
            f.write(source)
        spec = importlib.util.spec_from_file_location("read_before", f.name)
        old = importlib.util.module_from_spec(spec)
        sys.modules["read_before"] = old
        spec.loader.exec_module(old)
        readers[f"read_book（{before}）"] = old.read_book
    rows = []
    for label, path in books.items():
        runs = 2000 if path.stat().st_size < 100_000 else 7
        times: dict[str, list[float]] = {name: [] for name in readers}
        for reader in readers.values():
            reader(path)
        for _ in range(runs):  # interleaved, so a busy machine slows every reader alike
            for name, reader in readers.items():
                start = time.perf_counter()
                reader(path)
                times[name].append(time.perf_counter() - start)
        base = statistics.median(times["python-calamine（裸读）"])
        for name, values in times.items():
            median = statistics.median(values)
            rows.append({"book": label, "reader": name, "ms": median * 1000, "ratio": median / base})
    return rows


def markdown(measured: list[dict[str, object]], said: dict[str, str], overhead: list[dict[str, object]],
             command: str) -> str:
    intro = ("由 `bench/hostile_bench.py --write docs/bad_input.md` 生成：下表的“回答”是 `xltools check 文件 --mark "
             "副本.xlsx` 实际输出到标准错误的内容（退出码均为 2，不打印程序堆栈，不写出任何文件）。这些输入由 "
             "`tests/hostile_corpus.py` 生成，`tests/test_hostile.py` 逐一核对回答、退出码和“什么都没写”。")
    lines = ["# 损坏与恶意工作簿：每一种输入得到的回答", "", intro, "", "| 输入 | 回答 |", "|---|---|"]
    for kind in KINDS:
        lines.append(f"| {kind.title} | {said.get(kind.name, '')} |")
    lines += ["", "写出结果时的情形（场景见 `tests/test_hostile.py`）：", "", "| 情形 | 回答含有 |", "|---|---|"]
    for kind in OUTPUT_KINDS:
        lines.append(f"| {kind.title} | {kind.message.replace('|', ' 或 ')} |")
    batch = "一批文件中（`xltools check 文件夹 --jobs 2`），每个坏文件是汇总中的一行错误，其余文件照常检查和标记，最后退出码为 2。"
    memory = (f"目标：压缩炸弹的峰值内存低于 {LIMIT_MB} MB。峰值内存含 xltools 启动的子进程（代为计算公式的进程以 "
              "`max_evaluate_mb` 为上限）。时间含解释器启动；机器由几位工程师同时使用，时间只作参考。")
    lines += ["", batch, "", "## 时间与峰值内存（每个文件一个新进程）", "", memory, "",
              "| 输入 | 退出码 | 时间 (s) | 峰值内存 (MB) |", "|---|---|---|---|"]
    for row in measured:
        title = row.get("title", row["kind"])
        lines.append(f"| {title} | {row['code']} | {row['seconds']:.2f} | {row['peak']:.0f} |")
    lines += ["", "## 读取前检查的开销（同一进程内，交替计时取中位数）", "", "| 工作簿 | 读取方式 | 毫秒 | 相对裸读 |",
              "|---|---|---|---|"]
    for row in overhead:
        lines.append(f"| {row['book']} | {row['reader']} | {row['ms']:.3f} | {row['ratio']:.2f}× |")
    machine = f"{platform.platform()}，Python {platform.python_version()}，{os.cpu_count()} 核"
    lines += ["", f"命令：`{command}`；机器：{machine}。", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="write the markdown report here")
    parser.add_argument("--before", help="git revision whose read.py to time for comparison")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        measured = hostile(folder / "measured")
        said = answers(folder / "answers")
        books = honest_books(folder)
        for label, path in books.items():  # what honest files cost, for comparison
            code, _, seconds, peak = run_measured([xltools_exe(), "check", str(path), "--format", "json"])
            measured.insert(1, {"kind": f"（对照）{label}", "code": code, "seconds": seconds, "peak": peak})
        overhead = reader_overhead(books, args.before)
    for row in measured:
        print(f"{row['kind']:22s} exit {row['code']}  {row['seconds']:6.2f} s  {row['peak']:6.0f} MB")
    for row in overhead:
        print(f"{row['book']}  {row['reader']:24s} {row['ms']:9.3f} ms  {row['ratio']:.2f}x")
    worst = max(r["peak"] for r in measured if r["kind"] == "zip_bomb")
    print(f"zip bomb peak {worst:.0f} MB (limit {LIMIT_MB} MB)")
    if args.write:
        command = "python bench/hostile_bench.py" + (f" --before {args.before}" if args.before else "")
        args.write.write_text(markdown(measured, said, overhead, command), encoding="utf-8")
        print(f"wrote {args.write}")
    return 0 if worst < LIMIT_MB else 1


if __name__ == "__main__":
    sys.exit(main())
