"""`xltools check`, `rules` and `clear` as users and scripts call them: the documented contracts."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from tests import seed_books
from tests.conftest import ROOT

TEMPLATE = ROOT / "templates" / "F1_项目支出绩效自评表.xlsx"
FINDING_KEYS = {"rule", "severity", "sheet", "cell", "message", "expected", "actual"}


def test_json_contract_and_exit_code_1(run_cli, tmp_path):
    book = seed_books.hubei_000(tmp_path / "湖北.xlsx")
    result = run_cli("check", str(book), "--format", "json")
    assert result.returncode == 1, result.stderr
    doc = json.loads(result.stdout)  # exactly one JSON document
    assert set(doc) == {"files"} and len(doc["files"]) == 1
    entry = doc["files"][0]
    assert set(entry) == {"path", "error", "tables", "findings"} and entry["error"] is None
    assert all(set(t) == {"sheet", "kind", "range"} for t in entry["tables"])
    assert entry["findings"] and all(set(f) == FINDING_KEYS for f in entry["findings"])
    assert {f["severity"] for f in entry["findings"]} <= {"error", "warning", "info"}
    total = next(f for f in entry["findings"] if f["rule"] == "SE03")
    assert total["cell"] == "B23" and total["expected"] == 81.0 and total["actual"] == 87.0
    assert "总分" in total["message"]


def test_clean_file_exits_0_and_text_groups_by_sheet(run_cli, tmp_path):
    from openpyxl import Workbook

    from tests.rule_bases import F1

    wb = Workbook()
    for row in F1:
        wb.active.append(row)
    wb.save(tmp_path / "clean.xlsx")
    result = run_cli("check", str(tmp_path / "clean.xlsx"))
    assert result.returncode == 0 and "未发现问题" in result.stdout


def test_blank_template_is_reported_as_unfilled_not_as_clean(run_cli):
    result = run_cli("check", str(TEMPLATE))
    assert result.returncode == 0 and "未发现问题" not in result.stdout and "尚未填写" in result.stdout


def test_csv_output(run_cli, tmp_path):
    book = seed_books.hunan_001(tmp_path / "湖南.xlsx")
    text = run_cli("check", str(book), "--format", "csv").stdout
    assert text.startswith("\ufeff")  # a byte-order mark: Excel and WPS open the file without garbling it
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == ["文件", "工作表", "单元格", "规则", "级别", "说明", "应为", "实际"]
    assert rows[1][2:5] == ["D5", "SE08", "警告"]  # 274 vs 273 + 2 on a form of whole 万元


def test_unreadable_file_exits_2_in_chinese(run_cli, tmp_path):
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"not a zip at all")
    result = run_cli("check", str(bad), "--format", "json")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "无法读取" in result.stderr
    assert json.loads(result.stdout)["files"][0]["error"]
    for args in (("check", "没有这个文件.xlsx"), ("check", "--jobs", "0", str(TEMPLATE)), ("check",),
                 ("check", str(TEMPLATE), "--rules", "XX99"), ("check", str(tmp_path / "a.xls"))):
        result = run_cli(*args)
        assert result.returncode == 2 and "Traceback" not in result.stderr and result.stderr.strip(), args


def test_folder_batch_with_jobs_progress_and_summary(run_cli, tmp_path):
    folder = tmp_path / "各单位"
    (folder / "子目录").mkdir(parents=True)
    seed_books.hubei_000(folder / "湖北.xlsx")
    seed_books.hunan_001(folder / "子目录" / "湖南.xlsx")
    seed_books.shenzhen_002(folder / "深圳.xlsx")
    (folder / "~$湖北.xlsx").write_bytes(b"lock file")      # Excel's lock file: skipped
    (folder / "坏文件.xlsx").write_bytes(b"damaged")         # reported, batch goes on
    one = json.loads(run_cli("check", str(folder), "--format", "json").stdout)
    two = run_cli("check", str(folder), "--format", "json", "--jobs", "2", "--summary", "汇总.xlsx")
    assert two.returncode == 2
    assert json.loads(two.stdout) == one
    names = sorted(Path(f["path"]).name for f in one["files"])
    assert names == ["坏文件.xlsx", "深圳.xlsx", "湖北.xlsx", "湖南.xlsx"]
    summary = tmp_path / "汇总.xlsx"
    wb = load_workbook(summary)
    files, rules = wb["文件汇总"], wb["规则统计"]
    assert files.max_row == 3 + 4 and rules.max_row > 4  # title, date line, header, then one row per file
    assert any(row[9] for row in files.iter_rows(min_row=4, values_only=True))  # the read error is on its row
    with zipfile.ZipFile(summary) as z:
        assert any(n.startswith("xl/charts/chart") for n in z.namelist())


def test_mark_copy_in_place_and_clear(run_cli, tmp_path):
    book = seed_books.hubei_000(tmp_path / "湖北.xlsx")
    original = book.read_bytes()
    assert run_cli("check", str(book), "--mark", "湖北_已标记.xlsx").returncode == 1
    assert book.read_bytes() == original
    marked = load_workbook(tmp_path / "湖北_已标记.xlsx")
    assert marked.sheetnames[0] == "检查结果"
    assert run_cli("check", str(book), "--mark", "湖北.xlsm").returncode == 2  # wrong extension
    assert run_cli("check", str(book), "--in-place").returncode == 1
    backups = list(tmp_path.glob("湖北.备份-*.xlsx"))
    assert len(backups) == 1 and backups[0].read_bytes() == original
    assert "检查结果" in load_workbook(book).sheetnames
    result = run_cli("clear", str(book))
    assert result.returncode == 0 and "已清除" in result.stdout
    assert load_workbook(book).sheetnames == load_workbook(backups[0]).sheetnames
    assert "没有 xltools 添加的标记" in run_cli("clear", str(book)).stdout


def test_mark_folder_writes_one_copy_per_file(run_cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    seed_books.hubei_000(folder / "a.xlsx")
    seed_books.hunan_001(folder / "b.xlsx")
    run_cli("check", str(folder), "--mark", "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a_已标记.xlsx", "b_已标记.xlsx"]


def test_rules_command(run_cli):
    listing = run_cli("rules")
    assert listing.returncode == 0 and "SE01" in listing.stdout and "FA07" in listing.stdout
    doc = run_cli("rules", "se01")
    assert "检查：" in doc.stdout and "原因：" in doc.stdout and "示例：" in doc.stdout
    assert run_cli("rules", "NOPE").returncode == 2


def test_stats_show_what_was_recognised_and_skipped(run_cli, tmp_path):
    from openpyxl import Workbook

    from tests.rule_bases import DEPARTMENT_SCORES

    wb = Workbook()
    wb.active.title = "评分表"
    for row in DEPARTMENT_SCORES:
        wb.active.append(row)
    wb.create_sheet("填报说明").append(["请按要求填写本表"])
    wb.save(tmp_path / "dept.xlsx")
    text = run_cli("check", str(tmp_path / "dept.xlsx"), "--stats").stdout
    assert "识别情况" in text and "未识别出表格的工作表：填报说明" in text
    assert "无法解析、未据以核对的评分标准：评分表!F5" in text  # "预算执行率×10": no outcome stated
    data = json.loads(run_cli("check", str(tmp_path / "dept.xlsx"), "--stats", "--format", "json").stdout)
    stats = data["files"][0]["stats"]
    assert stats["sheets_without_tables"] == ["填报说明"] and stats["tables"][0]["kind"] == "scored.indicators"
    plain = json.loads(run_cli("check", str(tmp_path / "dept.xlsx"), "--format", "json").stdout)
    assert "stats" not in plain["files"][0]  # the contract's keys only, unless asked
