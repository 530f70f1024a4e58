"""Workbooks in the other formats units still send: .xls, .xlsb and .ods, checked like .xlsx."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from tests import reviewer_books as rb
from tests import seed_books
from tests.rule_bases import F1
from xltools.batch import gather
from xltools.check import check_book, check_file
from xltools.workbook.limits import current
from xltools.workbook.other_formats import read_other
from xltools.workbook.safety import LimitExceeded, ReadError


def _findings(report) -> list[tuple]:
    return [(f.rule, f.severity, f.sheet, f.cell, f.expected, f.actual) for f in report.findings]


@pytest.fixture(scope="module")
def converted(tmp_path_factory, libreoffice):
    """Seed books saved as .xls and .ods by LibreOffice, as a unit's spreadsheet program would."""
    folder = tmp_path_factory.mktemp("formats")
    books = [seed_books.hubei_000(folder / "湖北.xlsx"), seed_books.accounts_004(folder / "决算.xlsx")]
    out = folder / "converted"
    libreoffice(books, out, fmt="xls")
    libreoffice(books, out, fmt="ods")
    return folder, out


@pytest.mark.libreoffice
@pytest.mark.parametrize("stem", ["湖北", "决算"])
@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_same_findings_as_the_xlsx(converted, stem, suffix):
    folder, out = converted
    expected = check_file(folder / f"{stem}.xlsx")
    book = read_other(out / f"{stem}{suffix}", current())
    assert expected.findings and _findings(check_book(book)) == _findings(expected)


def test_xlsb(tmp_path):
    rows = [list(row) for row in F1]
    rows[5][7] = 35  # 得分 35 above its 分值 30
    book = read_other(rb.xlsb_book(tmp_path / "项目.xlsb", rows), current())
    report = check_book(book)
    assert [t.kind for t in report.tables] == ["F1.budget", "F1.indicators"]
    assert ("SE01", "Sheet1", "H6") in [(f.rule, f.sheet, f.cell) for f in report.findings]


def test_a_renamed_or_damaged_file_is_explained(tmp_path):
    xlsx = seed_books.hubei_000(tmp_path / "湖北.xlsx")
    renamed = tmp_path / "湖北.xls"
    renamed.write_bytes(xlsx.read_bytes())
    with pytest.raises(ReadError, match="内容是 .xlsx 工作簿，扩展名却是 .xls"):
        read_other(renamed, current())
    (tmp_path / "坏.ods").write_bytes(b"not a spreadsheet at all")
    with pytest.raises(ReadError, match="不是 OpenDocument 表格"):
        read_other(tmp_path / "坏.ods", current())
    (tmp_path / "空.xlsb").write_bytes(b"")
    with pytest.raises(ReadError, match="空文件"):
        read_other(tmp_path / "空.xlsb", current())


def test_limits_apply(tmp_path):
    rows = [list(row) for row in F1]
    book = rb.xlsb_book(tmp_path / "项目.xlsb", rows)
    with pytest.raises(LimitExceeded) as refused:
        read_other(book, replace(current(), max_cells=20))
    assert refused.value.limit == "max_cells" and "max_cells" in str(refused.value)
    bomb = tmp_path / "炸弹.ods"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", b"<x>" + b" " * (4 << 20) + b"</x>")
    with pytest.raises(LimitExceeded) as refused:
        read_other(bomb, replace(current(), max_ratio=50))
    assert refused.value.limit == "max_ratio"


def test_folders_include_the_other_formats(tmp_path):
    folder = tmp_path / "收到的表"
    folder.mkdir()
    seed_books.hubei_000(folder / "a.xlsx")
    rb.xlsb_book(folder / "b.xlsb", [list(row) for row in F1])
    (folder / "c.xls").write_bytes(b"x")
    (folder / "d.ods").write_bytes(b"x")
    (folder / "e.csv").write_text("x")
    assert [p.name for p in gather([folder]).files] == ["a.xlsx", "b.xlsb", "c.xls", "d.ods"]


@pytest.mark.libreoffice
def test_check_command_reads_them(converted, run_cli):
    import json

    folder, out = converted
    result = run_cli("check", str(out / "湖北.xls"), "--format", "json")
    assert result.returncode == 1, result.stderr
    expected = json.loads(run_cli("check", str(folder / "湖北.xlsx"), "--format", "json").stdout)
    got = json.loads(result.stdout)
    assert got["files"][0]["findings"] == expected["files"][0]["findings"]


# ---- marking: an .xlsx copy of the values, the original untouched ---------------------------------

def _assert_marked_copy(original: Path, copy: Path, before: bytes) -> None:
    """The copy is an .xlsx whose flagged cells carry the marks, checks with the original's findings,
    and the original's bytes are as they were."""
    import openpyxl

    from xltools.mark.common import FILLS, RESULT_SHEET, by_cell, worst

    assert original.read_bytes() == before
    assert zipfile.is_zipfile(copy) and "xl/workbook.xml" in zipfile.ZipFile(copy).namelist()
    findings = check_file(original).findings
    assert findings and _findings(check_file(copy)) == _findings(check_file(original))
    wb = openpyxl.load_workbook(copy)
    assert wb.sheetnames[0] == RESULT_SHEET
    assert f"检查结果：{original.name}" in wb[RESULT_SHEET]["A1"].value
    grouped = by_cell(findings, wb.sheetnames)
    assert grouped
    for (sheet, cell), fs in grouped.items():
        marked = wb[sheet][cell]
        assert marked.fill.fgColor.rgb[-6:] == FILLS[worst(fs)], (sheet, cell)
        assert marked.comment is not None and fs[0].rule in marked.comment.text, (sheet, cell)


@pytest.mark.libreoffice
@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_marking_writes_a_marked_xlsx_copy(converted, run_cli, tmp_path, suffix):
    _, out = converted
    source = out / f"湖北{suffix}"
    before = source.read_bytes()
    result = run_cli("check", str(source), "--mark", "副本.xlsx")
    assert result.returncode == 1, result.stderr
    assert f"原文件是 {suffix}" in result.stdout and "已另存为 .xlsx 副本并标记：副本.xlsx" in result.stdout
    assert "不含原文件的格式、公式和批注" in result.stdout
    _assert_marked_copy(source, tmp_path / "副本.xlsx", before)
    refused = run_cli("check", str(source), "--mark", f"副本{suffix}")
    assert refused.returncode == 2 and "请把 --mark 的文件名改为以 .xlsx 结尾" in refused.stderr
    assert not (tmp_path / f"副本{suffix}").exists()


def test_xlsb_in_place_writes_the_xlsx_beside_it_once(run_cli, tmp_path):
    rows = [list(row) for row in F1]
    rows[5][7] = 35  # 得分 35 above its 分值 30
    source = rb.xlsb_book(tmp_path / "项目.xlsb", rows)
    before = source.read_bytes()
    result = run_cli("check", str(source), "--in-place")
    assert result.returncode == 1, result.stderr
    copy = tmp_path / "项目.xlsx"
    assert f"已另存为 .xlsx 副本并标记：{copy}" in result.stdout
    assert not list(tmp_path.glob("*备份*"))  # the original is not changed, so nothing needs a backup
    _assert_marked_copy(source, copy, before)
    assert ("SE01", "Sheet1", "H6") in [(f.rule, f.sheet, f.cell) for f in check_file(copy).findings]
    marked = copy.read_bytes()
    again = run_cli("check", str(source), "--in-place")  # an existing 项目.xlsx is never overwritten
    assert again.returncode == 2 and "旁边已有 项目.xlsx，未覆盖" in again.stderr
    assert copy.read_bytes() == marked and source.read_bytes() == before
    assert gather([tmp_path]).files == [source]  # the copy names its original: a folder run skips it


@pytest.mark.libreoffice
def test_folder_runs_mark_each_file_as_xlsx(converted, run_cli, tmp_path):
    import shutil

    folder, out = converted
    inbox = tmp_path / "收到的表"
    inbox.mkdir()
    shutil.copy(folder / "湖北.xlsx", inbox / "湖北.xlsx")
    shutil.copy(out / "湖北.xls", inbox / "湖北.xls")
    shutil.copy(out / "决算.ods", inbox / "决算.ods")
    rows = [list(row) for row in F1]
    rows[5][7] = 35
    rb.xlsb_book(inbox / "项目.xlsb", rows)
    before = {p.name: p.read_bytes() for p in inbox.iterdir()}
    result = run_cli("check", str(inbox), "--mark", "已标记")
    assert result.returncode == 1, result.stderr
    marked = tmp_path / "已标记"
    assert sorted(p.name for p in marked.iterdir()) == ["决算_已标记.xlsx", "湖北_xls_已标记.xlsx", "湖北_已标记.xlsx",
                                                         "项目_已标记.xlsx"]
    for name, copy in (("湖北.xls", "湖北_xls_已标记.xlsx"), ("决算.ods", "决算_已标记.xlsx"),
                       ("项目.xlsb", "项目_已标记.xlsx")):
        _assert_marked_copy(inbox / name, marked / copy, before[name])
    assert {p.name: p.read_bytes() for p in inbox.iterdir()} == before
    again = gather([inbox, marked])  # a later run over both folders counts each original once
    assert again.files == sorted(inbox.iterdir()) and sorted(again.skipped) == sorted(marked.iterdir())


def test_the_values_copy_keeps_types_merges_and_hidden_sheets(tmp_path):
    import datetime as dt

    import openpyxl

    from xltools.mark.xlsx_copy import write_values_copy
    from xltools.workbook.read import BookData, SheetData, read_book

    rows = [["文本", 30, 2.5, dt.date(2024, 3, 1), dt.datetime(2024, 3, 1, 12, 30), dt.time(8, 15), True,
             "=WEBSERVICE(\"http://x\")", "", "0012"],
            ["合并", "", "", None]]
    book = BookData(tmp_path / "原.xls", [SheetData("表一", rows, [(1, 0, 1, 2)]),
                                          SheetData("隐藏", [[1.5]], hidden=True)])
    write_values_copy(book, tmp_path / "副本.xlsx")
    back = read_book(tmp_path / "副本.xlsx")
    assert [s.name for s in back.sheets] == ["表一", "隐藏"]
    first = back.sheets[0]
    assert first.rows[0] == ["文本", 30, 2.5, dt.date(2024, 3, 1), dt.datetime(2024, 3, 1, 12, 30), dt.time(8, 15),
                             True, "=WEBSERVICE(\"http://x\")", "", "0012"]
    assert first.merges == [(1, 0, 1, 2)] and first.rows[1][0] == "合并"
    wb = openpyxl.load_workbook(tmp_path / "副本.xlsx")
    assert wb["表一"]["H1"].data_type == "s"  # a text that looks like a formula stays a text
    assert wb["隐藏"].sheet_state == "hidden" and wb["表一"].sheet_state == "visible"


def test_a_sheet_name_xlsx_cannot_hold_is_explained(tmp_path):
    from xltools.mark.xmledit import MarkError
    from xltools.mark.xlsx_copy import write_values_copy
    from xltools.workbook.read import BookData, SheetData

    for name in ("二〇二四年度某某单位项目支出绩效自评表（第一批中央财政专项转移支付资金）", "收入/支出"):
        assert len(name) > 31 or "/" in name
        book = BookData(tmp_path / "原.ods", [SheetData(name, [[1]])])
        with pytest.raises(MarkError, match="不能用在 .xlsx 文件中"):
            write_values_copy(book, tmp_path / "副本.xlsx")
        assert not (tmp_path / "副本.xlsx").exists()
