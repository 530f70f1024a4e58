"""A marked copy saved again by another program cannot be cleared back byte for byte: `xltools clear`
says so and points to the original instead of guessing (restoring style indices of the old
styles.xml into a rewritten one would damage the formats); checking it again still works."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests import seed_books
from tests.feature_books import edit_package


def _marked(run_cli, tmp_path: Path) -> Path:
    book = seed_books.hubei_000(tmp_path / "湖北.xlsx")
    assert run_cli("check", str(book), "--mark", str(tmp_path / "已标记.xlsx")).returncode == 1
    return tmp_path / "已标记.xlsx"


def _refused(result, before: dict[Path, bytes]) -> None:
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "又在 Excel、WPS 或 LibreOffice 中保存过" in result.stderr and "标记前的原文件" in result.stderr
    assert {p: p.read_bytes() for p in before} == before  # nothing written, nothing changed


def test_a_copy_saved_again_by_libreoffice_is_not_cleared_by_guesswork(run_cli, tmp_path, libreoffice):
    marked = _marked(run_cli, tmp_path)
    (resaved,) = libreoffice([marked], tmp_path / "另存")
    before = {resaved: resaved.read_bytes()}
    _refused(run_cli("clear", str(resaved)), before)
    _refused(run_cli("clear", str(resaved), "--out", str(tmp_path / "清除.xlsx")), before)
    assert not (tmp_path / "清除.xlsx").exists()
    # the unit's re-saved copy can still be checked and marked again
    again = run_cli("check", str(resaved), "--mark", str(tmp_path / "再标记.xlsx"))
    assert again.returncode == 1 and (tmp_path / "再标记.xlsx").exists()


def test_a_copy_whose_styles_changed_after_marking_is_refused(run_cli, tmp_path):
    marked = _marked(run_cli, tmp_path)
    edited = edit_package(marked, {"xl/styles.xml": lambda xml: xml + "\n"})  # any rewrite of the styles
    before = {edited: edited.read_bytes()}
    _refused(run_cli("clear", str(edited)), before)


def test_a_fresh_marked_copy_still_clears_to_the_original_bytes(run_cli, tmp_path):
    marked = _marked(run_cli, tmp_path)
    assert run_cli("clear", str(marked), "--out", str(tmp_path / "清除.xlsx")).returncode == 0
    original, cleared = zipfile.ZipFile(tmp_path / "湖北.xlsx"), zipfile.ZipFile(tmp_path / "清除.xlsx")
    assert {n: original.read(n) for n in original.namelist()} == {n: cleared.read(n) for n in cleared.namelist()}
