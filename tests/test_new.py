"""``xltools new``: project lists in, one workbook per project (or one book) out; bad lists rejected whole."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tests.conftest import ROOT

EXAMPLES = ROOT / "xltools" / "examples"
HEADER = ["项目名称", "主管部门", "实施单位", "年初预算数", "全年预算数"]


def write_csv(path: Path, rows: list[list[object]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", newline="", encoding=encoding) as f:
        csv.writer(f).writerows(rows)
    return path


def assert_user_error(result, *fragments: str) -> None:
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


def test_one_workbook_per_project_from_the_bundled_list(run_cli, tmp_path):
    result = run_cli("new", str(EXAMPLES / "项目清单.csv"), "--indicators", str(EXAMPLES / "指标清单.csv"),
                     "--out", "out", "--year", "2022")
    assert result.returncode == 0, result.stderr
    files = sorted((tmp_path / "out").glob("*.xlsx"))
    assert len(files) == 5 and "共 5 个项目" in result.stdout
    ws = load_workbook(tmp_path / "out" / "重性精神病人防治经费.xlsx").active
    assert ws["A1"].value == "2022年度项目支出绩效自评表"
    assert ws["D3"].value == "重性精神病人防治经费"
    assert ws["E6"].value == 55 and ws["D6"].value == 55
    level3 = [ws.cell(r, 4).value for r in range(13, 30)]
    assert "深入社区补助次数" in level3 and "患者及家属满意率" in level3


def test_gbk_csv_as_saved_by_chinese_excel(run_cli, tmp_path):
    write_csv(tmp_path / "清单.csv", [HEADER, ["乡村道路养护", "交通局", "公路站", 10, 12]], encoding="gbk")
    result = run_cli("new", "清单.csv", "--out", "out")
    assert result.returncode == 0, result.stderr
    assert load_workbook(tmp_path / "out" / "乡村道路养护.xlsx").active["E6"].value == 12


def test_many_rows_per_level2_are_all_covered_by_the_formulas(run_cli, tmp_path, libreoffice):
    write_csv(tmp_path / "p.csv", [HEADER, ["大项目", "局", "中心", 100, 100]])
    rows = [["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "分值"]]
    rows += [["大项目", "产出指标", "数量指标", f"数量{i}", "≥1个", 2] for i in range(12)]  # 24
    rows += [["大项目", "产出指标", "质量指标", f"质量{i}", "100%", 2] for i in range(13)]  # 26
    rows += [["大项目", "效益指标", "社会效益指标", f"效益{i}", "提升", 3] for i in range(10)]  # 30
    rows += [["大项目", "满意度指标", "服务对象满意度指标", "满意度", "≥90%", 10]]
    write_csv(tmp_path / "i.csv", rows)
    assert run_cli("new", "p.csv", "--indicators", "i.csv", "--out", "out").returncode == 0
    book = tmp_path / "out" / "大项目.xlsx"
    wb = load_workbook(book)
    ws = wb.active
    for r in range(13, 13 + 36 + 3):  # type every 得分 equal to its 分值 (a full-marks form)
        if isinstance(ws.cell(r, 7).value, (int, float)) and ws.cell(r, 8).value is None:
            ws.cell(r, 8).value = ws.cell(r, 7).value
    ws["F6"] = 100
    wb.save(book)
    [recalculated] = libreoffice([book], tmp_path / "recalc")
    values = load_workbook(recalculated, data_only=True).active
    totals = {values.cell(r, 1).value: (values.cell(r, 7).value, values.cell(r, 8).value)
              for r in range(1, values.max_row + 1)}
    assert totals["总分"] == (100, 100)  # 10 + 24 + 26 + 30 + 10, every row counted
    assert totals["自评等级"][0] == "优"


def test_one_book_links_the_summary_to_each_project_sheet(run_cli, tmp_path, libreoffice):
    result = run_cli("new", str(EXAMPLES / "项目清单.csv"), "--one-book", "--out", "out")
    assert result.returncode == 0, result.stderr
    book = tmp_path / "out" / "项目清单_项目自评表.xlsx"
    wb = load_workbook(book)
    assert wb.sheetnames[0] == "项目支出绩效自评情况汇总表" and len(wb.sheetnames) == 6
    summary = wb.worksheets[0]
    assert summary["B4"].value == "=IF('公立医院综合改革补助'!D3=\"\",\"\",'公立医院综合改革补助'!D3)"
    [recalculated] = libreoffice([book], tmp_path / "recalc")
    values = load_workbook(recalculated, data_only=True).worksheets[0]
    assert [values.cell(r, 2).value for r in range(4, 9)][0] == "公立医院综合改革补助"
    assert values["C9"].value == 228  # 24 + 55 + 100 + 19 + 30


def test_project_list_as_xlsx_with_indicators_on_the_second_sheet(run_cli, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["2025年项目清单"])  # a title line above the header is skipped
    ws.append(HEADER)
    ws.append(["甲项目", "局", "中心", "1,200.50", 1200.5])
    ws2 = wb.create_sheet("指标")
    ws2.append(["项目名称", "一级指标", "二级指标", "三级指标", "指标值", "权重"])
    ws2.append(["甲项目", "产出指标", "数量指标", "培训人次", "≥100人次", 20])
    wb.save(tmp_path / "清单.xlsx")
    result = run_cli("new", "清单.xlsx", "--out", "out")
    assert result.returncode == 0, result.stderr
    out = load_workbook(tmp_path / "out" / "甲项目.xlsx").active
    assert out["D6"].value == 1200.5 and out["D13"].value == "培训人次" and out["G13"].value == 20


@pytest.mark.parametrize("rows, fragments", [
    ([["项目名称", "实施单位", "全年预算数"], ["甲", "中心", 1]], ["缺少列", "主管部门", "年初预算数"]),
    ([HEADER, ["甲", "局", "中心", 1, 1], ["乙", "局", "中心", 1, 1], ["甲", "局", "中心", 2, 2]],
     ["第 4 行", "“甲”与第 2 行重复"]),
    ([HEADER, ["甲", "局", "中心", "十万", 1]], ["第 2 行", "年初预算数“十万”不是数字"]),
    ([HEADER, ["甲", "局", "中心", 1, "1,0000.00"]], ["第 2 行", "千分位"]),
    ([HEADER, ["", "局", "中心", 1, 1]], ["第 2 行", "项目名称为空"]),
    ([HEADER, ["甲", "局", "中心", -5, 1]], ["第 2 行", "不能为负数"]),
])
def test_bad_project_list_names_the_row_and_writes_nothing(run_cli, tmp_path, rows, fragments):
    write_csv(tmp_path / "bad.csv", rows)
    result = run_cli("new", "bad.csv", "--out", "out")
    assert_user_error(result, *fragments)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_indicator_rows_for_unknown_projects_are_rejected(run_cli, tmp_path):
    write_csv(tmp_path / "p.csv", [HEADER, ["甲", "局", "中心", 1, 1]])
    write_csv(tmp_path / "i.csv", [["项目名称", "一级指标", "二级指标"], ["丁", "产出指标", "数量指标"]])
    assert_user_error(run_cli("new", "p.csv", "--indicators", "i.csv", "--out", "out"), "“丁”不在项目清单中")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_file_names_are_safe_on_windows(run_cli, tmp_path):
    write_csv(tmp_path / "p.csv", [HEADER, ["道路/桥梁:养护*项目?", "局", "中心", 1, 1], ["CON", "局", "中心", 1, 1],
                                   ["道路/桥梁:养护*项目?.", "局", "中心", 1, 1]])
    assert run_cli("new", "p.csv", "--out", "out").returncode == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["_CON.xlsx", "道路_桥梁_养护_项目_(2).xlsx", "道路_桥梁_养护_项目_.xlsx"]


def test_existing_files_are_not_overwritten_without_force(run_cli, tmp_path):
    write_csv(tmp_path / "p.csv", [HEADER, ["甲", "局", "中心", 1, 1]])
    assert run_cli("new", "p.csv", "--out", "out").returncode == 0
    before = (tmp_path / "out" / "甲.xlsx").read_bytes()
    assert_user_error(run_cli("new", "p.csv", "--out", "out"), "已存在", "--force")
    assert (tmp_path / "out" / "甲.xlsx").read_bytes() == before
    assert run_cli("new", "p.csv", "--out", "out", "--force").returncode == 0


@pytest.mark.parametrize("content, fragment", [(b"PK\x03\x04 not really a zip", "无法读取"),
                                               (b"\x00\x01\x02", "无法读取")])
def test_damaged_workbook_is_reported_in_chinese(run_cli, tmp_path, content, fragment):
    (tmp_path / "bad.xlsx").write_bytes(content)
    assert_user_error(run_cli("new", "bad.xlsx"), fragment)


def test_missing_file_and_misuse(run_cli):
    assert_user_error(run_cli("new", "nope.csv"), "找不到文件")
    assert_user_error(run_cli("new"), "命令用法有误", "缺少必填参数")
    assert_user_error(run_cli("bogus"), "命令用法有误")
    assert_user_error(run_cli("new", "x.txt"), "找不到文件")
