"""The self-evaluation form's money unit and its 年度总体目标, read for the report draft."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.real_forms import FORMS, build
from xltools.recognize import recognize
from xltools.workbook.read import read_book

GOAL = "完成年度防汛任务，灌区节水改造 3 处"
DONE = "完成防汛任务，改造 2 处，1 处转入下年"


def _form(path: Path, unit_line: str | None, budget_header: str = "全年预算数", goal_rows: list[list] | None = None) -> Path:
    wb = Workbook()
    ws = wb.active
    rows: list[list] = [["项目支出绩效自评表"], [None, None, None, None, None, unit_line],
                        ["项目名称", "防汛"],
                        [None, "年初预算数", budget_header, "全年执行数", "分值", "执行率", "得分"],
                        ["年度资金总额", 20, 20, 19, 10, 0.95, 9.5],
                        ["其中：当年财政拨款", 20, 20, 19]]
    rows += goal_rows if goal_rows is not None else [["年度总体目标", None, "年初预期目标", None, "目标实际完成情况"],
                                                     [None, None, GOAL, None, DONE]]
    rows += [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
             ["产出指标", "数量指标", "改造灌区", "3处", "2处", 20, 13.3, "资金到位晚"],
             ["效益指标", "社会效益指标", "受益人口", "≥1万人", "1.2万人", 30, 30],
             ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", 30, 30],
             ["总分", None, None, None, None, 100, 92.8]]
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _only_form(path: Path):
    (form,) = recognize(read_book(path)).self_eval
    return form


@pytest.mark.parametrize(("unit_line", "header", "unit"), [
    ("单位：万元", "全年预算数", "万元"),
    ("单位：元", "全年预算数", "元"),
    ("金额单位： 元", "全年预算数", "元"),
    (None, "全年预算数（元）", "元"),
    (None, "全年预算数（万元）", "万元"),
    (None, "全年预算数", "万元"),  # nothing said: the national forms' 万元
    ("单位：元/人", "全年预算数", "万元"),  # a per-person price, not the form's unit
])
def test_the_money_unit_is_what_the_form_says(tmp_path, unit_line, header, unit):
    assert _only_form(_form(tmp_path / "f.xlsx", unit_line, header)).unit == unit


def test_the_goal_and_its_completion_under_their_headers(tmp_path):
    form = _only_form(_form(tmp_path / "f.xlsx", "单位：万元"))
    assert (form.goal_target.text, form.goal_actual.text) == (GOAL, DONE)
    assert (form.goal_target.address, form.goal_actual.address) == ("C8", "E8")


def test_a_goal_row_labelled_like_a_completion_header(tmp_path):
    """Anhui 2022: the row's label is 年度总体目标完成情况, its headers 预期目标 | 实际完成情况."""
    rows = [["年度总体目标完成情况", None, "预期目标", None, "实际完成情况"], [None, None, GOAL, None, DONE]]
    form = _only_form(_form(tmp_path / "f.xlsx", "单位：万元", goal_rows=rows))
    assert (form.goal_target.text, form.goal_actual.text) == (GOAL, DONE)


def test_a_goal_beside_its_label_without_headers(tmp_path):
    form = _only_form(_form(tmp_path / "f.xlsx", None, goal_rows=[["年度总体目标", None, GOAL]]))
    assert (form.goal_target.text, form.goal_actual) == (GOAL, None)


def test_an_empty_goal_is_none(tmp_path):
    rows = [["年度总体目标", None, "年初预期目标", None, "目标实际完成情况"], [None] * 5]
    form = _only_form(_form(tmp_path / "f.xlsx", None, goal_rows=rows))
    assert (form.goal_target, form.goal_actual) == (None, None)


def test_a_form_without_a_goal_block(tmp_path):
    form = _only_form(_form(tmp_path / "f.xlsx", None, goal_rows=[]))
    assert (form.goal_target, form.goal_actual) == (None, None)


def test_real_forms_goals(tmp_path):
    by_name = {m.__name__.rsplit(".", 1)[-1]: m for m in FORMS}
    form = _only_form(build(by_name["shandong_2022_project_severe_mental"], tmp_path / "sd.xlsx"))
    assert form.goal_target.text.startswith("计划投入55万元") and form.goal_actual.text.startswith("当年度实际投入55万元")
    form = _only_form(build(by_name["anhui_2022_project_tianchang_flood"], tmp_path / "ah.xlsx"))
    assert form.goal_actual.text == "完成年度目标。" and form.unit == "万元"


def test_each_row_knows_its_goal_where_a_table_lists_several(tmp_path):
    """Seed 001 (Hunan): "目标1" stands beside the header, "目标2" beside the first row of its goal."""
    from tests import seed_books

    form = _only_form(seed_books.hunan_001(tmp_path / "h.xlsx"))
    goals = [row.goal for row in form.indicators]
    assert goals[0] == "目标1" and goals[-1] == "目标2"
    assert goals == sorted(goals) and goals.count("目标1") == 6  # contiguous, six rows under 目标1


def test_a_national_form_has_no_goal_on_its_rows(tmp_path):
    form = _only_form(_form(tmp_path / "f.xlsx", None))
    assert {row.goal for row in form.indicators} == {""}
