"""A folder checked twice counts every finding once: xltools' own files are skipped by their content."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests import seed_books
from xltools.batch import excluded, gather
from xltools.provenance import made_by_xltools


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "收到的表"
    (folder / "子目录").mkdir(parents=True)
    seed_books.hubei_000(folder / "湖北.xlsx")
    seed_books.hunan_001(folder / "子目录" / "湖南.xlsx")
    return folder


def _checked(run_cli, *args: str) -> tuple[list[str], str]:
    result = run_cli("check", *args, "--format", "json")
    return sorted(Path(f["path"]).name for f in json.loads(result.stdout)["files"]), result.stderr


def test_second_run_skips_marked_copies_backups_and_the_summary(run_cli, tmp_path):
    folder = _folder(tmp_path)
    first = json.loads(run_cli("check", str(folder), "--format", "json", "--mark", str(folder / "已标记"),
                               "--summary", str(folder / "检查汇总.xlsx")).stdout)
    shutil.copy(folder / "湖北.xlsx", folder / "另一份.xlsx")
    assert run_cli("check", str(folder / "另一份.xlsx"), "--in-place").returncode == 1
    assert len(list(folder.glob("另一份.备份-*.xlsx"))) == 1
    names, stderr = _checked(run_cli, str(folder))
    assert names == ["另一份.xlsx", "湖北.xlsx", "湖南.xlsx"]  # the file marked in place is the user's: checked
    assert "已跳过 4 个文件" in stderr and "标记副本" in stderr and "检查汇总" in stderr and "备份" in stderr
    again = json.loads(run_cli("check", str(folder), "--format", "json").stdout)
    by_name = {Path(f["path"]).name: f["findings"] for f in again["files"]}
    assert by_name["湖北.xlsx"] == next(f["findings"] for f in first["files"] if f["path"].endswith("湖北.xlsx"))


def test_recognised_by_content_not_by_name(tmp_path):
    folder = _folder(tmp_path)
    from xltools.batch import check_many, write_summary
    from xltools.mark import mark_file

    report = check_many([folder / "湖北.xlsx"])[0]
    mark_file(folder / "湖北.xlsx", folder / "随便起的名字.xlsx", report.findings)
    write_summary([report], folder / "本周.xlsx")
    shutil.copy(folder / "湖北.xlsx", folder / "湖北_已标记.xlsx")  # named like a copy, but an ordinary file
    assert made_by_xltools(folder / "随便起的名字.xlsx").source == "湖北.xlsx"
    assert made_by_xltools(folder / "本周.xlsx").kind == "summary"
    assert made_by_xltools(folder / "湖北_已标记.xlsx") is None
    collected = gather([folder])
    assert sorted(p.name for p in collected.files) == ["湖北.xlsx", "湖北_已标记.xlsx", "湖南.xlsx"]
    assert sorted(p.name for p in collected.skipped) == ["本周.xlsx", "随便起的名字.xlsx"]


def test_a_marked_copy_without_its_original_is_still_checked(tmp_path):
    folder = _folder(tmp_path)
    from xltools.batch import check_many
    from xltools.mark import mark_file

    report = check_many([folder / "湖北.xlsx"])[0]
    returned = tmp_path / "退回"
    returned.mkdir()
    mark_file(folder / "湖北.xlsx", returned / "湖北_已标记.xlsx", report.findings)
    assert [p.name for p in gather([returned]).files] == ["湖北_已标记.xlsx"]


def test_given_files_are_always_checked(tmp_path):
    folder = _folder(tmp_path)
    from xltools.batch import check_many, write_summary

    write_summary(check_many([folder / "湖北.xlsx"]), folder / "检查汇总.xlsx")
    assert [p.name for p in gather([folder / "检查汇总.xlsx"]).files] == ["检查汇总.xlsx"]


@pytest.mark.libreoffice
def test_a_marked_copy_saved_again_by_a_spreadsheet_program_is_still_recognised(tmp_path, libreoffice):
    """Excel, WPS and LibreOffice rewrite inline strings as shared strings when they save."""
    folder = _folder(tmp_path)
    from xltools.batch import check_many
    from xltools.mark import mark_file

    report = check_many([folder / "湖北.xlsx"])[0]
    mark_file(folder / "湖北.xlsx", tmp_path / "湖北_已标记.xlsx", report.findings)
    resaved = libreoffice([tmp_path / "湖北_已标记.xlsx"], tmp_path / "resaved")[0]
    found = made_by_xltools(resaved)
    assert found is not None and found.kind == "marked" and found.source == "湖北.xlsx"


def test_exclude_globs(run_cli, tmp_path):
    folder = _folder(tmp_path)
    shutil.copy(folder / "湖北.xlsx", folder / "湖北_往年.xlsx")
    names, stderr = _checked(run_cli, str(folder), "--exclude", "*_往年.xlsx", "--exclude", "子目录")
    assert names == ["湖北.xlsx"] and "与 --exclude 匹配" in stderr
    names, _ = _checked(run_cli, str(folder), "--exclude", "子目录/*")
    assert names == ["湖北.xlsx", "湖北_往年.xlsx"]
    result = run_cli("check", str(folder), "--exclude", "*")
    assert result.returncode == 2 and "没有要检查的工作簿" in result.stderr


def test_exclude_matching_rules(tmp_path):
    root = tmp_path / "r"
    assert excluded(root / "a" / "b.xlsx", root, ["a"])
    assert excluded(root / "a" / "b.xlsx", root, ["a/*"])
    assert excluded(root / "a" / "b.xlsx", root, ["b.*"])
    assert not excluded(root / "a" / "b.xlsx", root, ["c*"])
    assert not excluded(root / "ab" / "b.xlsx", root, ["a"])


def test_a_folder_run_reads_each_file_once_and_skips_the_same_files(tmp_path, monkeypatch):
    """The look at a file's content (is it xltools' own copy?) is taken from the check's own read: the
    API run opens no file for it, and leaves out exactly what ``gather`` would."""
    import xltools
    import xltools.workbook.parts as parts
    from xltools.batch import check_many, write_summary
    from xltools.mark import mark_file

    folder = _folder(tmp_path)
    report = check_many([folder / "湖北.xlsx"])[0]
    mark_file(folder / "湖北.xlsx", folder / "随便起的名字.xlsx", report.findings)
    write_summary([report], folder / "本周.xlsx")
    expected = gather([folder])
    opened: list[Path] = []
    real_open = parts._open_regular
    monkeypatch.setattr(parts, "_open_regular", lambda path: opened.append(path) or real_open(path))
    result = xltools.check(folder)
    assert opened == []
    assert sorted(r.path for r in result.files) == sorted(expected.files)
    assert result.skipped == expected.skipped
    assert sorted(p.name for p in result.skipped) == ["本周.xlsx", "随便起的名字.xlsx"]
