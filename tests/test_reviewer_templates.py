"""Template rows where people type sentences grow with the text instead of cutting it off."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from xltools.forms import FORMS, f1_project
from xltools.forms.indicators import Indicator
from xltools.render.xlsx import grows_with_text, render_workbook, save

REASON = ("受新冠疫情影响，部分培训改为线上进行，实际参训人数低于年初预期。下一步将提前制定备用方案，"
          "在疫情缓解后及时补办线下培训，并加强与各乡镇卫生院的沟通协调，确保年度目标按期完成。")


def _rows(path: Path, sheet_index: int = 0) -> dict[int, dict[str, str]]:
    """Each row element's attributes as written (openpyxl would report customHeight for any height)."""
    with zipfile.ZipFile(path) as z:
        name = sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))[sheet_index]
        xml = z.read(name).decode()
    return {int(m.group(1)): dict(re.findall(r'(\w+)="([^"]*)"', m.group(0)))
            for m in re.finditer(r'<row r="(\d+)"[^>]*>', xml)}


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.code)
def test_text_rows_have_no_fixed_height(form):
    from xltools.render.layout import place

    path = ROOT / "templates" / form.file_name
    for index, sheet in enumerate(form.build()):
        rows = _rows(path, index)
        layout = place(sheet)
        for row in sheet.rows:
            attrs = rows.get(layout.row_numbers[row.name], {})
            if grows_with_text(row):
                # a height fitted to the text, not fixed: Excel and WPS grow the row when a longer text is typed
                assert "customHeight" not in attrs and float(attrs["ht"]) >= 20, (sheet.title, row.name, attrs)
            elif row.height:
                assert attrs.get("customHeight") == "1" and float(attrs["ht"]) == row.height, (sheet.title, row.name)


def test_the_indicator_rows_of_f1_grow_and_the_budget_rows_do_not():
    sheet = f1_project.build()
    indicator_rows = [row for row in sheet.rows if re.fullmatch(r"ind\d+", row.name)]
    assert indicator_rows and all(grows_with_text(row) for row in indicator_rows)
    assert not grows_with_text(next(row for row in sheet.rows if row.name == "bud_total"))


def test_a_two_sentence_reason_gets_the_lines_it_needs(tmp_path):
    indicators = [Indicator("产出指标", "数量指标", "培训人次", "≥100人次", "80人次", 30, 24, note=REASON),
                  Indicator("产出指标", "质量指标", "合格率", "≥95%", "96%", 20, 20)]
    wb, layouts = render_workbook([f1_project.build(indicators=indicators)])
    path = tmp_path / "f1.xlsx"
    save(wb, path)
    numbers = layouts["项目支出绩效自评表"].row_numbers
    rows = _rows(path)
    with_reason, without = rows[numbers["ind0"]], rows[numbers["ind1"]]
    assert "customHeight" not in with_reason and "customHeight" not in without
    # 87 Chinese characters in a column 24 characters wide (12 of them per line in Excel's 仿宋 10.5 pt)
    assert float(with_reason["ht"]) >= 7 * 14 and float(without["ht"]) == 20
