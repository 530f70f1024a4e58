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
def test_check_command_reads_them_and_marking_says_what_to_do(converted, run_cli, tmp_path):
    import json

    folder, out = converted
    xls = out / "湖北.xls"
    result = run_cli("check", str(xls), "--format", "json")
    assert result.returncode == 1, result.stderr
    expected = json.loads(run_cli("check", str(folder / "湖北.xlsx"), "--format", "json").stdout)
    got = json.loads(result.stdout)
    assert got["files"][0]["findings"] == expected["files"][0]["findings"]
    before = xls.read_bytes()
    marked = run_cli("check", str(xls), "--mark", "湖北_已标记.xls")
    assert marked.returncode == 1 and "标记需要 .xlsx 或 .xlsm 文件" in marked.stderr and "另存为 .xlsx" in marked.stderr
    assert xls.read_bytes() == before and not (tmp_path / "湖北_已标记.xls").exists()
    in_place = run_cli("check", str(out / "湖北.ods"), "--in-place")
    assert in_place.returncode == 1 and "标记需要 .xlsx" in in_place.stderr
    assert not list(out.glob("*备份*"))
