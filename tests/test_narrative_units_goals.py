"""Forms in 元 and the 年度总体目标: the draft writes money in the form's own unit (never 万元 for 元
figures) and copies the goal text; the check with --forms converts units (36.83万元 is 368,300 元)."""

from __future__ import annotations

import docx
from docx.enum.text import WD_COLOR_INDEX

from tests.narrative_fixtures import paragraphs, workbook, write_text
from xltools.check import check_file
from xltools.narrative.check import check_report
from xltools.narrative.draft import drafts, save

GOAL = "完成全县残疾人培训300人次，培训合格率不低于95%"
DONE = "完成培训320人次，合格率96%"
INDICATORS = [
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值(A)", "实际完成指标值(B)", "分值", "得分", "偏差原因分析及改进措施"],
    ["年度绩效指标", "产出指标", "数量指标", "培训人次", "≥300人次", "320人次", 40, 40, ""],
    ["", "效益指标", "社会效益指标", "培训合格率", "≥95%", "96%", 40, 40, ""],
    ["", "满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "95%", 10, 10, ""],
    ["总分", "", "", "", "", "", "", 99],
    ["自评等级", "", "", "", "", "", "", "优"],
]


def form_grid(unit_line: str | None, amounts: tuple[float, float], goal: bool = True) -> list[list[object]]:
    """A national project form (F1): budget A = init, B spent, 执行率 0.9, and the goal block when asked."""
    a, b = amounts
    grid: list[list[object]] = [
        ["项目支出绩效自评表"],
        ["", "", "", "", "", "", "", unit_line or ""],
        ["项目名称", "", "残疾人培训"],
        ["项目预算执行情况", "", "", "年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"],
        ["", "", "年度资金总额", a, a, b, 10, 0.9, 9],
        ["", "", "其中：当年财政拨款", a, a, b, "-", 0.9, "-"],
    ]
    if goal:
        grid += [["年度总体目标", "", "年初预期目标", "", "", "目标实际完成情况"], ["", "", GOAL, "", "", DONE]]
    return grid + INDICATORS


def draft(book, folder):
    folder.mkdir(parents=True, exist_ok=True)
    (made,) = drafts(check_file(book))
    return save(made, folder / "报告.docx")


def test_a_form_in_yuan_is_drafted_in_yuan(tmp_path):
    # 331,470 ÷ 368,300 = 0.9: the form is clean
    book = workbook({"项目表": form_grid("单位：元", (368300, 331470))}, tmp_path / "元.xlsx")
    assert not [f for f in check_file(book).findings if f.severity == "error"]
    report = draft(book, tmp_path / "元")
    text = paragraphs(report)
    assert "年初预算数368,300元，全年预算数368,300元，全年执行数331,470元，预算执行率90.00%，预算执行得分9.00分（分值10分）。" \
        in text
    assert "全年预算数368,300元，其中：当年财政拨款368,300元。" in text
    assert not any("万元" in t for t in text)  # no 元 figure is called 万元
    assert check_report(report, book).findings == []  # the round trip


def test_a_form_in_wan_yuan_by_default_stays_in_wan_yuan(tmp_path):
    book = workbook({"项目表": form_grid(None, (36.83, 33.147))}, tmp_path / "万元.xlsx")
    report = draft(book, tmp_path / "万元")
    assert any(t.startswith("年初预算数36.83万元，全年预算数36.83万元，全年执行数33.15万元，") for t in paragraphs(report))
    assert check_report(report, book).findings == []


def test_the_check_converts_the_forms_unit(tmp_path):
    book = workbook({"项目表": form_grid("单位：元", (368300, 331470))}, tmp_path / "元.xlsx")
    # 368,300 元 = 36.83 万元 and 331,470 元 = 33.147 万元: the same figures in the report's unit
    right = write_text(["残疾人培训绩效自评报告", "全年预算数36.83万元，全年执行数33.147万元，预算执行率90.00%。"],
                       tmp_path / "对.txt")
    assert {f.rule for f in check_report(right, book).findings} == {"RP10"}  # only: indicators not mentioned
    # 36.38 万元 is 363,800 元, not the form's 368,300 (and 33.147 ÷ 36.38 is no 90.00%)
    wrong = write_text(["残疾人培训绩效自评报告", "全年预算数36.38万元，全年执行数33.147万元，预算执行率90.00%。"],
                       tmp_path / "错.txt")
    findings = check_report(wrong, book).findings
    (budget,) = [f for f in findings if f.rule == "RP07"]
    assert (budget.severity, budget.expected, budget.actual) == ("error", 36.83, 36.38)
    assert "368,300元，即 36.83万元" in budget.message
    assert {f.rule for f in findings if f.severity == "error"} == {"RP05", "RP07"}


def test_a_report_in_yuan_against_a_form_in_wan_yuan(tmp_path):
    book = workbook({"项目表": form_grid(None, (36.83, 33.147))}, tmp_path / "万元.xlsx")
    text = "全年预算数368,300元，全年执行数331,470元，预算执行率90.00%。"
    report = write_text(["残疾人培训绩效自评报告", text], tmp_path / "元.txt")
    assert [f for f in check_report(report, book).findings if f.severity != "info"] == []


def test_the_goal_and_its_completion_are_copied_from_the_form(tmp_path):
    report = draft(workbook({"项目表": form_grid(None, (100, 90))}, tmp_path / "表.xlsx"), tmp_path / "目标")
    text = paragraphs(report)
    goal = text.index(f"年度总体目标：{GOAL}。")
    assert text[goal - 1] == "（二）绩效目标"
    done = text.index(f"年度总体目标完成情况：{DONE}。")
    assert text[done - 1] == "二、绩效目标实现情况"
    paragraph = docx.Document(str(report)).paragraphs[goal]
    assert all(r.font.highlight_color is None for r in paragraph.runs)  # copied, not asked for


def test_a_form_without_a_goal_asks_for_it(tmp_path):
    report = draft(workbook({"项目表": form_grid(None, (100, 90), goal=False)}, tmp_path / "表.xlsx"), tmp_path / "无目标")
    text = paragraphs(report)
    assert "年度总体目标：【请填写：年度总体目标（自评表中未填写）】" in text
    assert not any(t.startswith("年度总体目标完成情况") for t in text)
    paragraph = next(p for p in docx.Document(str(report)).paragraphs if p.text.startswith("年度总体目标："))
    asked = [r for r in paragraph.runs if r.text.startswith("【请填写")]
    assert asked and all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in asked)

