"""`xltools freeze`: a copy that reads the same on a computer without the add-in or the linked files."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import load_workbook

from tests import reviewer_books as rb
from xltools.workbook.formulas_scan import needs_freezing, scan_formulas
from xltools.workbook.read import read_book


def _parts(path):
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist()}


def _values(path):
    return [row for sheet in read_book(path).sheets for row in sheet.rows]


def test_xt_formulas_become_their_values_and_the_add_in_link_goes(run_cli, tmp_path):
    book = rb.with_calc_chain(rb.with_addin_link(rb.shared_formula(rb.xt_book(tmp_path / "自评.xlsx"))))
    before = book.read_bytes()
    result = run_cli("freeze", str(book))
    assert result.returncode == 0, result.stderr
    assert "5 个公式已换成保存的值" in result.stdout and "xltools.xlam" in result.stdout
    frozen = tmp_path / "自评_固化.xlsx"
    assert book.read_bytes() == before  # the original is never touched
    assert _values(frozen) == _values(book)  # reads the same
    parts, original = _parts(frozen), _parts(book)
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    assert "XT_" not in sheet.replace('"XT_SCORE("', "") and "[1]" not in sheet
    assert "<f>SUM(H6:H9)</f>" in sheet  # ordinary formulas stay formulas
    assert "IF(H10&gt;=90" in sheet  # "XT_SCORE(" inside a text is not a call
    assert not any(n.startswith("xl/externalLinks/") for n in parts) and "xl/calcChain.xml" not in parts
    assert b"externalReferences" not in parts["xl/workbook.xml"]
    assert b"externalLink" not in parts["[Content_Types].xml"] and b"calcChain" not in parts["[Content_Types].xml"]
    for name in ("xl/styles.xml", "xl/sharedStrings.xml", "xl/theme/theme1.xml"):
        assert parts[name] == original[name], name  # everything else byte-identical
    ws = load_workbook(frozen)["项目表"]
    assert [ws[f"H{r}"].value for r in range(6, 10)] == [30, 20, 30, 10] and ws["H3"].value == 0.9
    assert not scan_formulas(frozen).anything


def test_out_option_and_nothing_to_freeze(run_cli, tmp_path):
    book = rb.xt_book(tmp_path / "a.xlsx")
    assert run_cli("freeze", str(book), "--out", "发送/给审核.xlsx").returncode == 0
    assert (tmp_path / "发送" / "给审核.xlsx").exists()
    plain = tmp_path / "发送" / "给审核.xlsx"
    result = run_cli("freeze", str(plain))
    assert result.returncode == 0 and "无需固化" in result.stdout
    assert not (tmp_path / "发送" / "给审核_固化.xlsx").exists()
    assert run_cli("freeze", str(book), "--out", str(book)).returncode == 2  # never over the original


@pytest.mark.parametrize("kind, says", [("uncached", "没有保存计算结果"), ("error", "错误值（项目表!H7 #NAME?）")])
def test_formulas_without_a_usable_value_are_refused(run_cli, tmp_path, kind, says):
    book = rb.xt_book(tmp_path / "a.xlsx", cached=kind != "uncached", error_at="H7" if kind == "error" else None)
    result = run_cli("freeze", str(book))
    assert result.returncode == 2 and says in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "a_固化.xlsx").exists()


def test_a_link_still_used_elsewhere_is_kept(run_cli, tmp_path):
    book = rb.with_addin_link(rb.xt_book(tmp_path / "a.xlsx"))
    rb._edit(book, {"xl/workbook.xml": lambda x: x.replace(
        "</workbook>", '<definedNames><definedName name="外部">[1]!XT_GRADE</definedName></definedNames></workbook>')
        if "<definedNames>" not in x else x})
    result = run_cli("freeze", str(book))
    assert result.returncode == 0 and "外部链接仍保留" in result.stdout
    assert any(n.startswith("xl/externalLinks/") for n in _parts(tmp_path / "a_固化.xlsx"))


def test_what_needs_freezing():
    assert needs_freezing("XT_SCORE(E6,F6,G6)") == (True, False)
    assert needs_freezing("[1]!XT_SCORE(E6,F6,G6)") == (True, True)
    assert needs_freezing("'C:\\加载项\\[xltools.xlam]Sheet'!A1+[2]表!B3") == (False, True)
    assert needs_freezing('IF(A1,"XT_SCORE(","[1]")') == (False, False)
    assert needs_freezing("MY_XT_SCORE(A1)") == (False, False)
    assert needs_freezing("_xll.XT_GRADE(A1)") == (True, False)


@pytest.mark.libreoffice
def test_the_frozen_copy_opens_in_libreoffice(run_cli, tmp_path, libreoffice):
    book = rb.with_calc_chain(rb.with_addin_link(rb.shared_formula(rb.xt_book(tmp_path / "a.xlsx"))))
    run_cli("freeze", str(book))
    converted = libreoffice([tmp_path / "a_固化.xlsx"], tmp_path / "lo")[0]
    ws = load_workbook(converted, data_only=True)["项目表"]
    assert [ws[f"H{r}"].value for r in range(6, 11)] == [30, 20, 30, 10, 99]


def test_the_checker_asks_to_freeze_before_sending(tmp_path):
    from xltools.check import check_file

    book = rb.with_addin_link(rb.xt_book(tmp_path / "a.xlsx"))
    found = [f for f in check_file(book).findings if f.rule == "XT004"]
    assert [(f.sheet, f.cell, f.severity) for f in found] == [("项目表", "H3", "info")]
    assert "H3、H6、H7、H8、H9 调用 XT_ 函数" in found[0].message and "xltools freeze a.xlsx" in found[0].message
    assert found[0].actual == "=XT_EXECRATE(E3,F3)"
    frozen = tmp_path / "a_固化.xlsx"
    from xltools.freeze import freeze_file

    freeze_file(book, frozen)
    assert not [f for f in check_file(frozen).findings if f.rule == "XT004"]


def test_a_link_without_formulas_is_reported_at_the_first_sheet(tmp_path):
    from xltools.check import check_file

    book = rb.with_addin_link(rb.xt_book(tmp_path / "a.xlsx"))
    rb._edit(book, {"xl/worksheets/sheet1.xml": lambda x: x.replace("[1]!", "")})  # the link stays, unused
    rb._edit(book, {"xl/worksheets/sheet1.xml": lambda x: __import__("re").sub(r"<f>XT_[A-Z]+\([^<]*</f>", "", x)})
    found = [f for f in check_file(book).findings if f.rule == "XT004"]
    assert [(f.sheet, f.cell) for f in found] == [("项目表", "A1")] and "xltools.xlam" in found[0].message
