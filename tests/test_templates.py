"""The committed templates are current, and they carry the features users rely on."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell

from tests.conftest import ROOT
from xltools.forms import FORMS
from xltools.templates import write_templates

TEMPLATES = ROOT / "templates"


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_committed_templates_equal_a_fresh_rendering(tmp_path):
    fresh = write_templates(tmp_path)
    assert sorted(p.name for p in fresh) == sorted(p.name for p in TEMPLATES.glob("*.xlsx"))
    stale = [p.name for p in fresh if _parts(p) != _parts(TEMPLATES / p.name)]
    assert all(p.read_bytes() == (TEMPLATES / p.name).read_bytes() for p in fresh if p.name not in stale)
    assert not stale, f"templates/ is out of date; run `xltools templates`: {stale}"


@pytest.fixture(scope="module", params=[f.file_name for f in FORMS])
def template(request):
    return load_workbook(TEMPLATES / request.param)


def test_every_sheet_is_protected_without_password_and_prints_on_a4(template):
    for ws in template.worksheets:
        assert ws.protection.sheet and not ws.protection.password
        assert ws.page_setup.paperSize == 9
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows, ws.title
        assert ws.freeze_panes, ws.title
        assert ws.merged_cells.ranges, ws.title


def test_fonts_title_and_unit_line(template):
    for ws in template.worksheets:
        assert ws["A1"].font.name == "宋体" and ws["A1"].font.b and ws["A1"].font.sz >= 14
        fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
        assert "仿宋" in fonts or "宋体" in fonts
        texts = [str(c.value) for row in ws.iter_rows(max_row=4) for c in row if c.value]
        assert any("万元" in t or "元" in t for t in texts) or ws.title.startswith("项目绩效情况"), ws.title


def test_input_cells_unlocked_and_shaded_computed_cells_locked(template):
    for ws in template.worksheets:
        inputs = formulas_ = 0
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c, MergedCell):  # a merged range takes its anchor's style
                    continue
                if isinstance(c.value, str) and c.value.startswith("="):
                    formulas_ += 1
                    assert c.protection.locked, f"{ws.title}!{c.coordinate} formula cell is unlocked"
                if c.protection.locked is False:
                    inputs += 1
                    assert c.fill.fgColor.rgb.endswith("FFF8E1"), f"{ws.title}!{c.coordinate} not shaded"
        assert inputs > 0, ws.title


def test_f1_validations_and_conditional_formats():
    ws = load_workbook(TEMPLATES / "F1_项目支出绩效自评表.xlsx").active
    kinds = [(dv.type, dv.operator, dv.formula1) for dv in ws.data_validations.dataValidation]
    assert ("list", None, '"产出指标,效益指标,满意度指标"') in kinds
    assert any(k[0] == "list" and "数量指标" in k[2] for k in kinds)
    assert any(k[0] == "decimal" and k[1] == "greaterThanOrEqual" for k in kinds)
    score_rules = [dv for dv in ws.data_validations.dataValidation if dv.operator == "between"]
    assert len(score_rules) == 9  # one 得分 ≤ 分值 rule per indicator row of the skeleton
    rules = [r.formula[0] for rng in ws.conditional_formatting for r in rng.rules]
    assert any(">1" in f for f in rules), "执行率 > 100% rule missing"
    assert any("ROUND(H" in f and "-G" in f for f in rules), "得分 > 分值 rule missing"
    assert any("100" in f and "<>0" in f for f in rules), "分值合计 ≠ 100 rule missing"


def test_f4_has_nine_sheets_in_order():
    wb = load_workbook(TEMPLATES / "F4_部门决算公开表.xlsx")
    assert wb.sheetnames == [f"公开0{i}表" for i in range(1, 10)]
    assert wb["公开01表"].page_setup.orientation == "portrait"
    assert wb["公开03表"].page_setup.orientation == "landscape"
