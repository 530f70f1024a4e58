"""The README's main job and the templates command, run as a user runs them."""

from __future__ import annotations

from openpyxl import load_workbook

from xltools.example import SLIPS
from xltools.forms import FORMS


def test_example_writes_templates_and_the_filled_example(run_cli, tmp_path):
    result = run_cli("example", "--out", "示例输出")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "示例输出"
    assert sorted(p.name for p in (out / "templates").iterdir()) == sorted(f.file_name for f in FORMS)
    books = sorted(out.glob("示例_*.xlsx"))
    assert len(books) == 2
    projects = load_workbook(next(b for b in books if "项目支出" in b.name))
    assert projects.sheetnames[0] == "项目支出绩效自评情况汇总表" and len(projects.sheetnames) == 6
    assert all(what in result.stdout for _, _, what in SLIPS)


def test_templates_list_and_out(run_cli, tmp_path):
    listed = run_cli("templates", "--list")
    assert listed.returncode == 0 and all(f.file_name in listed.stdout for f in FORMS)
    assert run_cli("templates", "--out", "t").returncode == 0
    assert len(list((tmp_path / "t").glob("*.xlsx"))) == len(FORMS)


def test_version(run_cli):
    assert run_cli("--version").stdout.startswith("xltools ")
