"""Benchmark of `xltools check` (targets: F1 with 20 indicators < 50 ms, 5,000-row 决算 < 1 s).

Builds the two workbooks with XlsxWriter (values only, as a unit's finished form would be, with
cached values), then times ``check_file`` in this process after a warm-up (the figure the
targets are about: interpreter start-up excluded), and the whole command in a fresh process
for information. Run:

    .venv/bin/python bench/bench_check.py [--runs 20] [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter

from xltools.check import check_file

LEVELS = (("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"), ("产出指标", "成本指标"),
          ("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标"))


def f1_book(path: Path, indicators: int = 20) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("项目表")
    rows: list[list[object]] = [
        ["项目支出绩效自评表"], ["项目名称", "", "基准项目"],
        ["项目预算执行情况", "", "", "年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"],
        ["", "", "年度资金总额", 100, 100, 95, 10, 0.95, 9.5],
        ["", "", "其中：当年财政拨款", 100, 100, 95, "-", 0.95, "-"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值(A)", "实际完成指标值(B)", "分值", "得分",
         "偏差原因分析及改进措施"],
    ]
    weight = 90 / indicators
    for i in range(indicators):
        l1, l2 = LEVELS[i % len(LEVELS)]
        rows.append(["年度绩效指标" if i == 0 else "", l1, l2, f"指标{i + 1}", "≥100人次", "100人次", weight, weight, ""])
    rows += [["总分", "", "", "", "", "", "", 99.5], ["自评等级", "", "", "", "", "", "", "优"]]
    for r, row in enumerate(rows):
        ws.write_row(r, 0, row)
    wb.close()
    return path


def accounts_book(path: Path, classes: int = 100, per_class: int = 7, per_item: int = 7) -> Path:
    """公开02表 with classes × (1 + per_class × (1 + per_item)) code rows, all sums consistent."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("公开02表")
    ws.write_row(0, 0, ["收入决算表"])
    ws.write_row(1, 0, ["公开02表"])
    ws.write_row(2, 0, ["项目", "", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入",
                        "附属单位上缴收入", "其他收入"])
    ws.write_row(3, 0, ["科目编码", "科目名称"])
    body: list[list[object]] = []
    grand_fiscal = grand_business = 0.0
    for c in range(classes):
        code = str(201 + c)
        class_rows: list[list[object]] = []
        class_fiscal = class_business = 0.0
        for k in range(per_class):
            kuan = f"{code}{k + 1:02d}"
            items = [[f"{kuan}{j + 1:02d}", f"项{j + 1}", (j + 1) * 1.25 + 2.5, (j + 1) * 1.25, "", 2.5]
                     for j in range(per_item)]
            fiscal = sum(i[3] for i in items)
            business = 2.5 * per_item
            class_rows.append([kuan, f"款{k + 1}", fiscal + business, fiscal, "", business])
            class_rows += items
            class_fiscal += fiscal
            class_business += business
        body.append([code, f"类{c + 1}", class_fiscal + class_business, class_fiscal, "", class_business])
        body += class_rows
        grand_fiscal += class_fiscal
        grand_business += class_business
    ws.write_row(4, 0, ["合计", "", grand_fiscal + grand_business, grand_fiscal, "", grand_business])
    for r, row in enumerate(body, start=5):
        ws.write_row(r, 0, row)
    wb.close()
    return path


def time_in_process(path: Path, runs: int) -> tuple[float, float, int, int]:
    report = check_file(path)  # warm-up: imports, caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        report = check_file(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times), len(report.findings), len(report.tables)


def time_command(path: Path) -> float:
    exe = Path(sys.executable).with_name("xltools")
    start = time.perf_counter()
    subprocess.run([str(exe), "check", str(path), "--format", "json"], capture_output=True, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        f1 = f1_book(Path(tmp) / "f1_20.xlsx")
        accounts = accounts_book(Path(tmp) / "accounts_5000.xlsx")
        rows = []
        for label, path, target in (("F1，20 个指标", f1, 0.050), ("决算 公开02表，5,000 行科目", accounts, 1.0)):
            median, worst, findings, tables = time_in_process(path, args.runs)
            command = time_command(path)
            rows.append((label, median, worst, target, command, findings, tables))
    lines = [f"| {label} | {median * 1000:.1f} ms | {worst * 1000:.1f} ms | {target * 1000:.0f} ms | "
             f"{'达标' if median < target else '未达标'} | {command * 1000:.0f} ms | {findings} | {tables} |"
             for label, median, worst, target, command, findings, tables in rows]
    table = "\n".join([
        "| 工作簿 | 检查耗时（中位数） | 最慢一次 | 目标 | 结论 | 整条命令（含解释器启动） | 发现数 | 识别表格数 |",
        "|---|---|---|---|---|---|---|---|", *lines])
    machine = f"{platform.machine()}, Python {platform.python_version()}, {args.runs} 次"
    print(table)
    print(machine)
    if args.write:
        text = args.write.read_text(encoding="utf-8") if args.write.exists() else ""
        marker = "<!-- bench_check -->"
        head = text.split(marker)[0] if marker in text else text
        args.write.write_text(f"{head}{marker}\n{table}\n\n测量环境：{machine}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
