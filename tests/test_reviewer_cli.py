"""What an accountant or a reviewer sees of the command line: Chinese everywhere, files Excel opens."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import pytest

from tests import seed_books
from tests.conftest import ROOT
from xltools.cliparse import ChineseArgumentParser, display_width

ARGPARSE_ENGLISH = re.compile(r"usage|options|positional|arguments?\b|show this|help message|invalid|choose from|"
                              r"required|unrecognized|expected|error:|version number", re.IGNORECASE)
SUBCOMMANDS = [("templates",), ("new",), ("example",), ("check",), ("rules",), ("addin",), ("addin", "build"),
               ("addin", "install"), ("clear",), ("freeze",), ("report",), ("report", "draft"), ("report", "check"),
               ("report", "rules")]


def _no_english(text: str) -> None:
    found = ARGPARSE_ENGLISH.findall(text)
    assert not found, f"English reaches the user: {found}\n{text}"


@pytest.mark.parametrize("command", [(), *SUBCOMMANDS], ids=lambda c: " ".join(c) or "xltools")
def test_help_is_chinese(run_cli, command):
    result = run_cli(*command, "--help")
    assert result.returncode == 0 and result.stdout.startswith("用法：xltools"), result.stderr
    assert "显示本帮助并退出" in result.stdout
    _no_english(result.stdout)


@pytest.mark.parametrize("args, says", [
    ((), "缺少必填参数：命令"),
    (("nope",), "'nope' 不是可用的取值"),
    (("check",), "缺少必填参数：文件或文件夹"),
    (("check", "a.xlsx", "--format", "bad"), "参数 --format：'bad' 不是可用的取值（可选：'text', 'json', 'csv'）"),
    (("check", "a.xlsx", "--jobs", "two"), "应为整数，而不是“two”"),
    (("check", "a.xlsx", "--bogus"), "无法识别的参数：--bogus"),
    (("check", "a.xlsx", "--mark"), "该选项需要一个值"),
    (("new", "清单.csv", "--year", "二〇二五"), "应为整数"),
    (("report",), "缺少必填参数：命令"),
    (("addin", "build", "--what"), "无法识别的参数"),
], ids=lambda a: " ".join(a) if isinstance(a, tuple) else None)
def test_misuse_is_explained_in_chinese_and_exits_2(run_cli, args, says):
    result = run_cli(*args)
    assert result.returncode == 2 and says in result.stderr, result.stderr
    assert result.stderr.startswith("用法：xltools") and "Traceback" not in result.stderr
    _no_english(result.stderr)


def test_python_dash_m_runs_the_same_command_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "xltools", "--version"], capture_output=True, text=True,
                            cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("xltools ")
    result = subprocess.run([sys.executable, "-m", "xltools", "rules", "SE01"], capture_output=True, text=True,
                            cwd=tmp_path)
    assert result.returncode == 0 and "检查：" in result.stdout


def test_help_imports_nothing_heavy():
    """`xltools --help` stays fast by importing the checker, openpyxl, pandas and xlwings only when used."""
    code = ("import sys; from xltools.cli import build_parser; build_parser().format_help(); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'openpyxl', 'pandas', 'xlwings', 'python_calamine', 'formulas', 'docx', 'lxml', 'numpy'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def test_help_columns_line_up_by_display_width():
    parser = ChineseArgumentParser(prog="xltools")
    parser.add_argument("paths", nargs="+", help="工作簿或文件夹")
    parser.add_argument("--jobs", type=int, help="并行进程数")
    lines = [line for line in parser.format_help().splitlines() if "工作簿或文件夹" in line or "并行进程数" in line]
    starts = {display_width(line[: line.index(next(w for w in ("工作簿或文件夹", "并行进程数") if w in line))])
              for line in lines}
    assert len(lines) == 2 and len(starts) == 1, lines


def test_csv_has_a_bom_and_chinese_levels_json_keeps_the_contract(run_cli, tmp_path):
    book = seed_books.hubei_000(tmp_path / "湖北.xlsx")
    assert run_cli("check", str(book), "--format", "csv", "--output", "结果.csv").returncode == 1
    raw = (tmp_path / "结果.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    levels = {row[4] for row in rows[1:]}
    assert levels and levels <= {"错误", "警告", "提示"} and "错误" in levels
    assert run_cli("check", str(book), "--format", "json", "-o", "结果.json").returncode == 1
    raw = (tmp_path / "结果.json").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # JSON: plain UTF-8, as the format requires
    severities = {f["severity"] for f in json.loads(raw)["files"][0]["findings"]}
    assert severities <= {"error", "warning", "info"} and "error" in severities


def test_text_output_to_a_file_and_table_names_in_chinese(run_cli, tmp_path):
    book = seed_books.hubei_000(tmp_path / "湖北.xlsx")
    result = run_cli("check", str(book), "--output", "结果.txt")
    assert result.returncode == 1 and "已写出检查结果" in result.stdout and "SE03" not in result.stdout
    text = (tmp_path / "结果.txt").read_bytes().decode("utf-8-sig")
    assert "SE03" in text and "（预算执行情况）" in text and "年度目标绩效指标" in text
    assert not re.search(r"F\d(-\w+)?\.\w+", text), text  # no internal ids such as F2-hubei.budget


def test_output_never_overwrites_an_input(run_cli, tmp_path):
    book = seed_books.hubei_000(tmp_path / "湖北.xlsx")
    original = book.read_bytes()
    result = run_cli("check", str(book), "--format", "csv", "--output", str(book))
    assert result.returncode == 2 and "就是被检查的文件本身" in result.stderr
    assert book.read_bytes() == original


def test_final_accounts_tables_are_named_by_their_titles():
    from xltools.kinds import kind_title

    assert kind_title("F4.01") == "公开01表 收入支出决算总表"
    assert kind_title("F4.09") == "公开09表 财政拨款“三公”经费支出决算表"
    assert kind_title("F1.budget") == "项目预算执行情况"
    assert kind_title("F5.summary") == "项目支出绩效自评情况汇总表"


def test_an_unforeseen_os_error_is_said_in_chinese(run_cli, tmp_path):
    blocker = tmp_path / "占用"
    blocker.write_text("a file, not a folder")
    result = run_cli("new", str(ROOT / "xltools" / "examples" / "项目清单.csv"), "--out", str(blocker / "子目录"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "Not a directory" not in result.stderr and "路径中有一段不是文件夹" in result.stderr


def test_no_table_kind_reaches_users_as_an_internal_id():
    """Every kind a recogniser gives, including the generic scored-indicator tables, has a Chinese name."""
    import re

    from xltools.forms import TABLE_SPECS
    from xltools.kinds import kind_title

    kinds = [*TABLE_SPECS, "scored.indicators", "scored.budget", *(f"F4.{n:02d}" for n in range(1, 10))]
    named = {k: kind_title(k) for k in kinds}
    assert not {k: t for k, t in named.items() if re.search(r"[A-Za-z]", t)}, named
    assert named["scored.indicators"] == "绩效指标（其他表样）"
