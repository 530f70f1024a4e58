"""Benchmark of `xltools check` against the time it takes just to read the same files (issue 10).

Generates its corpus deterministically (XlsxWriter, values only, as a finished workbook holds them):
  - 1,000 filled national project forms (F1) in varied layouts (header synonyms, columns in other
    orders, extra columns, tables at an offset, numbers stored as text) with 10–30 indicators,
    about one in five with a slip;
  - 20 Shenzhen forms (F3) with 100+ scored indicators;
  - one 决算 workbook with 5,000 科目编码 rows across 公开02/03/05表;
  - one sheet of 100,000 科目 rows, consistent, and the same with every second row wrong.
Then, in one run on the same files, it times: `check_file` in process; `xltools check` on one file
and on the folder with --jobs 1 and --jobs 2 (wall time; interpreter start-up measured apart and
subtracted); a bare python-calamine read of the folder; a bare openpyxl load of a sample; and
LibreOffice headless conversion of a sample. Peak memory is the largest resident size of the process
(and its workers) for each case. It also splits one form's in-process time into its stages (read with
the safety checks and cell notes, recognition, rules) and notes the machine's load average, since the
figures are wall times. Run:

    .venv/bin/python bench/bench_check.py [--write docs/benchmarks.md] [--quick] [--corpus DIR]

``--corpus DIR`` keeps the generated corpus in DIR and reuses it on the next run (same seed, same files).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import xlsxwriter

sys.path.insert(0, str(Path(__file__).parent))
from final_accounts_bench import accounts_5000, big_sheet  # noqa: E402

VENV_BIN = Path(sys.executable).parent
XLTOOLS = str(VENV_BIN / "xltools")
XLTOOLS_PACKAGE = Path(__file__).resolve().parent.parent / "xltools"
LEVELS = (("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"), ("产出指标", "成本指标"),
          ("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标"))
WEIGHT_WORDS = ("分值", "权重", "标准分值")
SCORE_WORDS = ("得分", "自评得分", "评分结果")
TARGET_WORDS = ("年度指标值(A)", "年度指标值", "指标值", "目标值", "预期指标值")
ACTUAL_WORDS = ("实际完成指标值(B)", "实际完成值", "全年实际完成值", "完成值")


def national_form(path: Path, rng: random.Random) -> Path:
    """One filled F1 in a layout drawn from the variations real forms show."""
    n = rng.randint(10, 30)
    offset_r, offset_c = rng.choice((0, 0, 1, 3)), rng.choice((0, 0, 1, 2))
    as_text = rng.random() < 0.2
    slip = rng.random() < 0.2
    weights = [round(90 / n, 2)] * (n - 1)
    weights.append(round(90 - sum(weights), 2))
    budget, spent = rng.randint(50, 5000), 0
    spent = round(budget * rng.uniform(0.8, 1.0), 2)
    rate = spent / budget
    budget_score = round(10 * rate, 2)
    scores = list(weights)
    if slip:
        scores[rng.randrange(n)] += 1
    total = round(budget_score + sum(scores), 2)
    columns = ["l3", "target", "actual", "weight", "score", "note"]
    if rng.random() < 0.3:
        columns = ["l3", "weight", "target", "actual", "score", "note"]
    if rng.random() < 0.3:
        columns.insert(3, "extra")
    head = {"l3": "三级指标", "target": rng.choice(TARGET_WORDS), "actual": rng.choice(ACTUAL_WORDS),
            "weight": rng.choice(WEIGHT_WORDS), "score": rng.choice(SCORE_WORDS), "note": "偏差原因分析及改进措施",
            "extra": "备注"}
    number = (lambda v: f"{v:.2f}") if as_text else (lambda v: v)
    rows: list[list[object]] = [["项目支出绩效自评表"], ["项目名称", "", f"基准项目{rng.randint(1, 99999)}"],
                                ["项目预算执行情况", "", "", "年初预算数", "全年预算数(A)", "全年执行数(B)",
                                 rng.choice(WEIGHT_WORDS), "执行率(B/A)", "得分"],
                                ["", "", "年度资金总额", number(budget), number(budget), number(spent), number(10),
                                 number(round(rate, 4)), number(budget_score)],
                                ["", "", "其中：当年财政拨款", number(budget), number(budget), number(spent), "-",
                                 number(round(rate, 4)), "-"],
                                ["绩效指标", "一级指标", "二级指标", *[head[c] for c in columns]]]
    for i in range(n):
        l1, l2 = LEVELS[i % len(LEVELS)]
        values = {"l3": f"指标{i + 1}", "target": "≥100人次", "actual": "100人次", "weight": number(weights[i]),
                  "score": number(scores[i]), "note": "", "extra": ""}
        rows.append(["", l1, l2, *[values[c] for c in columns]])
    score_col = 3 + columns.index("score")
    rows.append(["总分", *[""] * (score_col - 1), number(total)])
    rows.append(["自评等级", *[""] * (score_col - 1), "优" if total >= 90 else "良"])
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet(rng.choice(("项目表", "Sheet1", "附件2")))
    for r, row in enumerate(rows):
        ws.write_row(r + offset_r, offset_c, row)
    wb.close()
    return path


def shenzhen_form(path: Path, rng: random.Random) -> Path:
    """An F3 with 资金安排情况 and a 评分表 of 4 一级, 5 二级 each and 5–6 三级 each (100+ indicators)."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("评分表")
    rows: list[list[object]] = [["项目绩效情况自评表"], ["项目", "行次", "合计", "财政资金", "", "", "", "", "其他资金"],
                                ["", "", "", "小计", "中央级", "省级", "市级", "区县转移", "小计", "单位自有", "银行贷款等",
                                 "社会资本"]]
    plan = rng.randint(100_000, 9_000_000)
    spent = round(plan * rng.uniform(0.8, 1.0), 2)
    lines = ((1, "预算安排", plan), (2, "项目实际投入", plan), (3, "资金到位", plan), (4, "实际支出", spent),
             (5, "资金结余", round(plan - spent, 2)), (6, "预算执行率(%)", round(spent / plan * 100, 2)),
             (7, "资金到位率(%)", 100), (8, "资金实际支出率(%)", round(spent / plan * 100, 2)))
    for n, label, value in lines:
        rows.append([label, f"({n})", value, value, "", "", value])
    rows.append(["一级指标", "二级指标", "三级指标", "权重", "目标值", "业绩值", "评分结果", "评分标准"])
    grand = 0.0
    for l1, w1 in (("投入和管理目标", 25), ("产出目标", 30), ("效果目标", 35), ("影响力目标", 10)):
        rows.append([l1, "", "", w1])
        per2 = w1 / 5
        for k in range(5):
            leaves = rng.choice((5, 6))
            each = round(per2 / leaves, 2)
            ws_leaf = [each] * (leaves - 1) + [round(per2 - each * (leaves - 1), 2)]
            rows.append(["", f"二级{k + 1}", "", round(per2, 2)])
            for j, w in enumerate(ws_leaf):
                rows.append(["", "", f"指标{k + 1}-{j + 1}", w, "≥100", "120", w, f"指标≥100得{w:g}分，否则不得分"])
                grand += w
    rows.append(["总计", "", "", 100, "", "", round(grand, 2)])
    rows.append(["评价等级", "", "", "", "", "", "优秀"])
    for r, row in enumerate(rows):
        ws.write_row(r, 0, row)
    wb.close()
    return path


def build_corpus(root: Path, forms: int, seed: int = 20261126) -> dict[str, Path]:
    rng = random.Random(seed)
    folder = root / "national"
    folder.mkdir(parents=True)
    for i in range(forms):
        national_form(folder / f"f1_{i:04d}.xlsx", rng)
    shenzhen = root / "shenzhen"
    shenzhen.mkdir()
    for i in range(20):
        shenzhen_form(shenzhen / f"f3_{i:02d}.xlsx", rng)
    return {"national": folder, "shenzhen": shenzhen, "accounts": accounts_5000(root / "决算_5000行.xlsx"),
            "big": big_sheet(root / "十万行.xlsx"), "big_wrong": big_sheet(root / "十万行_隔行错.xlsx", wrong_every=2)}


# ---- measurements -------------------------------------------------------------------------

def run_measured(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of a command (and the workers it waited for)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def compile_bytecode() -> None:
    """Byte-compile xltools as pip does when it installs a package. With PYTHONDONTWRITEBYTECODE set
    (this machine sets it) an editable install otherwise compiles every module it imports from source
    on every run, and the modules a check imports lazily (after the start-up subtracted below) would
    be timed with their compilation, which an installed copy never does."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(XLTOOLS_PACKAGE)], check=True,
                   capture_output=True)


def median_of_three(measure: Callable[[], tuple[float, float]]) -> tuple[float, float]:
    """The run of median time of three (its time and peak memory): the two figures the target compares
    are each taken this way, so one run slowed by another process does not decide the ratio."""
    return sorted((measure() for _ in range(3)), key=lambda run: run[0])[1]


def python_measured(code: str) -> tuple[float, float]:
    return run_measured([sys.executable, "-c", code])


def in_process_ms(path: Path, runs: int) -> float:
    code = ("import statistics, sys, time\nfrom pathlib import Path\nfrom xltools.check import check_file\n"
            f"p = Path({str(path)!r}); check_file(p); t = []\n"
            f"for _ in range({runs}):\n    s = time.perf_counter(); check_file(p); t.append(time.perf_counter() - s)\n"
            "print(statistics.median(t) * 1000)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return float(out.strip())


def in_process_folder_ms(folder: Path) -> float:
    """Per-file milliseconds of check_file over a whole folder in one process (after a warm-up)."""
    code = ("import time\nfrom pathlib import Path\nfrom xltools.check import check_file\n"
            f"files = sorted(Path({str(folder)!r}).glob('*.xlsx')); check_file(files[0])\n"
            "s = time.perf_counter()\nfor f in files: check_file(f)\n"
            "print((time.perf_counter() - s) * 1000 / len(files))")
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def stage_ms(folder: Path) -> tuple[float, float, float]:
    """Per-file milliseconds of the three stages of check_file over the folder, in one process (after a
    warm-up): read (the safety inspection, values and cell notes), recognition, rules."""
    code = ("import time\nfrom pathlib import Path\nfrom xltools.workbook.read import read_book\n"
            "from xltools.workbook.notes import read_notes\nfrom xltools.recognize import recognize\n"
            "from xltools.rules import run_rules\nfrom xltools.settings import Settings\n"
            f"files = sorted(Path({str(folder)!r}).glob('*.xlsx'))\nt = [0.0, 0.0, 0.0]\nsettings = Settings()\n"
            "for k, f in enumerate(files * 2):\n"
            "    s0 = time.perf_counter(); book = read_book(f); notes = read_notes(getattr(book, 'package', None) or f)\n"
            "    s1 = time.perf_counter(); found = recognize(book); s2 = time.perf_counter()\n"
            "    run_rules(found, None, settings.run_config(f, [s.name for s in book.sheets], notes))\n"
            "    s3 = time.perf_counter()\n"
            "    if k >= len(files):\n"
            "        t[0] += s1 - s0; t[1] += s2 - s1; t[2] += s3 - s2\n"
            "print(' '.join(str(x * 1000 / len(files)) for x in t))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1]), float(out[2])


def parallel_factor() -> float:
    """How much of a second core the machine gives right now: the wall time of two CPU-bound processes
    run side by side over that of one (1.0: two free cores; 2.0: in effect one, the rest busy with
    other work). ``--jobs 2`` can gain only what this leaves."""
    code = ("import time\nfrom concurrent.futures import ProcessPoolExecutor\n"
            "def spin(n):\n    s = 0\n    for i in range(n): s += i\n    return s\n"
            "if __name__ == '__main__':\n"
            "    with ProcessPoolExecutor(2) as ex:\n        list(ex.map(spin, [10, 10]))\n"
            "        ratios = []\n        for _ in range(3):\n"
            "            s = time.perf_counter(); spin(5_000_000); one = time.perf_counter() - s\n"
            "            s = time.perf_counter(); list(ex.map(spin, [5_000_000] * 2)); two = time.perf_counter() - s\n"
            "            ratios.append(two / one)\n"
            "    print(sorted(ratios)[1])")
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def calamine_seconds(folder: Path) -> tuple[float, float]:
    code = ("import time\nfrom pathlib import Path\nfrom python_calamine import CalamineWorkbook\n"
            f"files = sorted(Path({str(folder)!r}).glob('*.xlsx'))\ns = time.perf_counter()\n"
            "for f in files:\n    wb = CalamineWorkbook.from_path(str(f))\n"
            "    [wb.get_sheet_by_name(n).to_python() for n in wb.sheet_names]\n"
            "print(time.perf_counter() - s)")
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    _, _, usage = os.wait4(proc.pid, 0)
    del start
    return float(out), usage.ru_maxrss / 1024


def openpyxl_ms(folder: Path, sample: int) -> float:
    code = ("import time\nfrom pathlib import Path\nfrom openpyxl import load_workbook\n"
            f"files = sorted(Path({str(folder)!r}).glob('*.xlsx'))[:{sample}]\ns = time.perf_counter()\n"
            "for f in files: load_workbook(f, data_only=True)\n"
            "print((time.perf_counter() - s) * 1000 / len(files))")
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def libreoffice_ms(folder: Path, sample: int, work: Path) -> float | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    files = sorted(folder.glob("*.xlsx"))[:sample]
    out = work / "lo_out"
    profile = work / "lo_profile"
    start = time.perf_counter()
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xlsx",
                    "--outdir", str(out), *map(str, files)], capture_output=True, check=False, timeout=600)
    return (time.perf_counter() - start) * 1000 / len(files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="write the results into this Markdown file")
    parser.add_argument("--quick", action="store_true", help="100 national forms instead of 1,000")
    parser.add_argument("--corpus", type=Path, help="keep the corpus in this folder and reuse it when there")
    args = parser.parse_args()
    forms = 100 if args.quick else 1000
    rows: list[tuple[str, str, str, str, str]] = []
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    with tempfile.TemporaryDirectory() as tmp:
        root = args.corpus / f"{forms}" if args.corpus else Path(tmp)
        t0 = time.perf_counter()
        corpus = _corpus(root, forms)
        print(f"语料生成：{time.perf_counter() - t0:.1f} s", file=sys.stderr)
        compile_bytecode()
        startup, _ = run_measured([XLTOOLS, "--help"])
        import_s, _ = median_of_three(
            lambda: python_measured("import xltools.cli, xltools.check, xltools.rules, xltools.batch"))
        national = corpus["national"]
        one = sorted(national.glob("*.xlsx"))[0]
        calamine_s, calamine_mb = median_of_three(lambda: calamine_seconds(national))
        per_file_ms = in_process_folder_ms(national)
        read_ms_, recognize_ms, rules_ms = stage_ms(national)
        one_ms = in_process_ms(one, 200)
        cmd_one_s, cmd_one_mb = run_measured([XLTOOLS, "check", str(one), "--format", "json"])
        jobs1_s, jobs1_mb = run_measured([XLTOOLS, "check", str(national), "--jobs", "1", "--format", "json"])
        factor_before = parallel_factor()
        jobs2_s, jobs2_mb = median_of_three(
            lambda: run_measured([XLTOOLS, "check", str(national), "--jobs", "2", "--format", "json"]))
        factor = (factor_before + parallel_factor()) / 2
        sz_ms = in_process_folder_ms(corpus["shenzhen"])
        acc_ms = in_process_ms(corpus["accounts"], 10)
        big_ms = in_process_ms(corpus["big"], 3)
        wrong_ms = in_process_ms(corpus["big_wrong"], 3)
        _, acc_mb = run_measured([XLTOOLS, "check", str(corpus["accounts"]), "--format", "json"])
        _, big_mb = run_measured([XLTOOLS, "check", str(corpus["big"]), "--format", "json"])
        _, wrong_mb = run_measured([XLTOOLS, "check", str(corpus["big_wrong"]), "--format", "json"])
        opx_ms = openpyxl_ms(national, 100)
        lo_ms = libreoffice_ms(national, 10, Path(tmp))
        read_ms = calamine_s * 1000 / forms
        net2 = jobs2_s - import_s
        rows += [
            ("`xltools --help`", f"{startup * 1000:.0f} ms", "< 300 ms", _ok(startup < 0.3), "—"),
            ("解释器启动 + 导入检查器（从下面各条命令中扣除；三次取中位数）", f"{import_s * 1000:.0f} ms", "—", "—", "—"),
            (f"裸读（python-calamine，单进程）{forms} 份全国表（三次取中位数）", f"{calamine_s:.2f} s（{read_ms:.2f} ms/份）", "基准",
             "—", f"{calamine_mb:.0f} MB"),
            ("裸读（openpyxl load_workbook，100 份抽样）", f"{opx_ms:.1f} ms/份", "—", "—", "—"),
            ("LibreOffice 无界面转换（10 份抽样）", f"{lo_ms:.0f} ms/份" if lo_ms else "未安装", "—", "—", "—"),
            ("一份全国表，进程内 check_file（中位数）", f"{one_ms:.2f} ms", "< 2 ms", _ok(one_ms < 2), "—"),
            (f"{forms} 份全国表，进程内逐份 check_file", f"{per_file_ms:.2f} ms/份（读取的 {per_file_ms / read_ms:.1f} 倍）",
             "—", "—", "—"),
            ("其中各阶段（同上，逐份平均）", f"读取 {read_ms_:.2f} ms（含安全检查、批注）· 识别 {recognize_ms:.2f} ms · "
             f"规则 {rules_ms:.2f} ms", "—", "—", "—"),
            ("`xltools check` 一份（整条命令）", f"{cmd_one_s * 1000:.0f} ms", "—", "—", f"{cmd_one_mb:.0f} MB"),
            (f"`xltools check` 文件夹 --jobs 1（{forms} 份）", f"{jobs1_s:.2f} s（去掉启动 {jobs1_s - import_s:.2f} s，"
             f"裸读的 {(jobs1_s - import_s) / calamine_s:.1f} 倍）", "—", "—", f"{jobs1_mb:.0f} MB"),
            (f"`xltools check` 文件夹 --jobs 2（{forms} 份，三次取中位数）", f"{jobs2_s:.2f} s（去掉启动 {net2:.2f} s，"
             f"裸读的 {net2 / calamine_s:.1f} 倍）", "≤ 3 倍裸读，< 3 s",
             _ok(net2 <= 3 * calamine_s and jobs2_s < 3), f"{jobs2_mb:.0f} MB"),
            ("同时测得：两个纯 CPU 进程并行的耗时 ÷ 单个的耗时（1.0 为两核全可用，2.0 相当于只有一核）",
             f"{factor:.2f}", "—", "—", "—"),
            ("深圳表 100+ 指标，进程内（20 份平均）", f"{sz_ms:.2f} ms/份", "—", "—", "—"),
            ("决算 5,000 行科目（02/03/05），进程内", f"{acc_ms:.0f} ms", "< 200 ms", _ok(acc_ms < 200), f"{acc_mb:.0f} MB"),
            ("一张 100,000 行的表，进程内", f"{big_ms:.0f} ms", "< 1.5 s", _ok(big_ms < 1500), f"{big_mb:.0f} MB"),
            ("同上，隔行出错（约 50,000 条发现）", f"{wrong_ms:.0f} ms", "< 3 s", _ok(wrong_ms < 3000), f"{wrong_mb:.0f} MB"),
        ]
    machine = f"{platform.machine()}，{os.cpu_count()} 核，Python {platform.python_version()}，{platform.system()}"
    table = ["| 场景 | 结果 | 目标 | 结论 | 峰值内存 |", "|---|---|---|---|---|"]
    table += [f"| {' | '.join(r)} |" for r in rows]
    load = ""
    if load_before is not None:
        load = (f"；测量时机器负载（1 分钟平均）开始 {load_before:.1f}、结束 {os.getloadavg()[0]:.1f}"
                f"（负载高于核数时，其他进程占用 CPU，各项时间偏慢）")
    text = "\n".join(table) + (f"\n\n测量环境：{machine}{load}；xltools 的字节码先已编译（同 pip 安装）；命令：`.venv/bin/python bench/bench_check.py "
                                "--write docs/benchmarks.md`\n")
    print(text)
    if args.write:
        _write(args.write, text)


def _corpus(root: Path, forms: int) -> dict[str, Path]:
    """The corpus in ``root``: built there, or reused when a previous run built it completely."""
    done = root / "完成"
    if not done.exists():
        if root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True)
        build_corpus(root, forms)
        done.write_text("ok", encoding="utf-8")
    return {"national": root / "national", "shenzhen": root / "shenzhen", "accounts": root / "决算_5000行.xlsx",
            "big": root / "十万行.xlsx", "big_wrong": root / "十万行_隔行错.xlsx"}


def _ok(passed: bool) -> str:
    return "达标" if passed else "**未达标**"


def _write(path: Path, text: str) -> None:
    marker = "<!-- bench_check -->"
    old = path.read_text(encoding="utf-8") if path.exists() else marker
    head = old.split(marker)[0] if marker in old else old
    path.write_text(head + marker + "\n" + text, encoding="utf-8")


if __name__ == "__main__":
    main()
