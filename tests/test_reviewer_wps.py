"""Templates and marked copies are the WPS route (the add-in cannot run there): only what WPS reads.

Standard data validation and conditional formatting elements, no Excel 2010+ extensions
(x14:… inside extLst), formulas made of the classic worksheet functions only (no _xlfn. ones
that older WPS and Excel show as #NAME?), recalculated when the file is opened, and notes as
legacy comments with VML (no threaded comments).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests import seed_books
from tests.conftest import ROOT
from xltools.forms import FORMS

# Worksheet functions every Excel since 2007 and every WPS 表格 computes (the templates use a few of them).
CLASSIC = {"ABS", "AND", "AVERAGE", "COUNT", "COUNTA", "COUNTBLANK", "COUNTIF", "IF", "IFERROR", "INDEX",
           "ISBLANK", "ISERROR", "ISNUMBER", "ISTEXT", "LEFT", "LEN", "MATCH", "MAX", "MID", "MIN", "MOD", "NOT",
           "OR", "RIGHT", "ROUND", "ROUNDDOWN", "ROUNDUP", "SUM", "SUMIF", "SUMPRODUCT", "TEXT", "TRIM",
           "VALUE", "VLOOKUP", "INT", "N"}
FUNCTION = re.compile(r"([A-Z][A-Z0-9._]*)\(")
STRING = re.compile(r'"(?:[^"]|"")*"')


def _parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith((".xml", ".rels", ".vml"))}


def _formulas(xml: str) -> list[str]:
    return re.findall(r"<(?:\w+:)?(?:f|formula|formula1|formula2)\b[^>]*>(.*?)</", xml, re.DOTALL)


def _check_wps_safe(parts: dict[str, str], label: str) -> None:
    for name, xml in parts.items():
        assert not re.search(r"<(?:\w+:)?extLst\b|\bx14:|\bx15:|xr:uid", xml), f"{label} {name}: Excel 2010+ extension"
        assert "threadedComment" not in name, f"{label}: threaded comments"
        for formula in _formulas(xml):
            names = set(FUNCTION.findall(STRING.sub('""', formula)))
            assert not {n for n in names if n.startswith("_XLFN.") or n.startswith("_xlfn.")}, (label, formula)
            assert names <= CLASSIC, f"{label} {name}: {sorted(names - CLASSIC)} in {formula}"


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.code)
def test_templates_use_only_what_wps_reads(form):
    parts = _parts(ROOT / "templates" / form.file_name)
    _check_wps_safe(parts, form.file_name)
    assert re.search(r'<calcPr\b[^>]*fullCalcOnLoad="1"', parts["xl/workbook.xml"])  # recalculated on opening
    sheets = [xml for name, xml in parts.items() if name.startswith("xl/worksheets/sheet")]
    for xml in sheets:
        for rule in re.findall(r"<cfRule\b[^>]*>", xml):
            assert 'type="expression"' in rule and "dxfId=" in rule  # plain formula rules with a style
        for validation in re.findall(r"<dataValidation\b[^>]*>", xml):
            assert re.search(r'type="(decimal|whole|list|custom)"', validation)


def test_a_marked_copy_adds_nothing_wps_cannot_read(run_cli, tmp_path):
    book = seed_books.hubei_000(tmp_path / "湖北.xlsx")
    run_cli("check", str(book), "--mark", "湖北_已标记.xlsx")
    parts = _parts(tmp_path / "湖北_已标记.xlsx")
    _check_wps_safe(parts, "marked copy")
    assert any(n.startswith("xl/comments") for n in parts) and any(n.endswith(".vml") for n in parts)


def test_a_marked_template_stays_wps_safe(run_cli, tmp_path):
    import shutil

    from openpyxl import load_workbook

    source = tmp_path / "F1.xlsx"
    shutil.copy(ROOT / "templates" / FORMS[0].file_name, source)
    wb = load_workbook(source)
    ws = wb.worksheets[0]
    ws["F6"] = 150  # 全年执行数 above 全年预算数: a form with formulas, validations and formats gets marked
    wb.save(source)
    run_cli("check", str(source), "--mark", "F1_已标记.xlsx")
    _check_wps_safe(_parts(tmp_path / "F1_已标记.xlsx"), "marked template")
