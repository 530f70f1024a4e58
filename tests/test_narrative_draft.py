"""Drafting the written report from the forms: structure, figures, verdicts, placeholders, the
official look, and the round trip (a drafted report checked against its own tables is clean)."""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn

from tests import rule_bases, seed_books
from tests.narrative_fixtures import paragraphs, workbook
from xltools.check import FileReport, check_file
from xltools.example import PROJECTS, write_example
from xltools.narrative.check import check_report
from xltools.narrative.draft import drafts, save
from xltools.narrative.source import NOTE_STYLE


def missed_f1() -> list[list[object]]:
    """rule_bases.F1 with 培训人次 missed (80 of ≥100 人次, scored 24 of 30) and no deviation note."""
    grid = copy.deepcopy(rule_bases.F1)
    grid[5][5], grid[5][7] = "80人次", 24
    grid[9][7] = 93
    return grid


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    return write_example(tmp_path_factory.mktemp("example"))[0]


@pytest.fixture(scope="module")
def example_checked(example) -> FileReport:
    return check_file(example)  # the example's formulas are evaluated once for the module


def draft_all(book: Path | FileReport, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    report = book if isinstance(book, FileReport) else check_file(book)
    return [save(d, folder / f"{d.name}.docx") for d in drafts(report)]


def test_round_trip_on_the_example_gives_no_finding(example_checked, tmp_path):
    reports = draft_all(example_checked, tmp_path / "报告")
    assert [p.stem for p in reports] == [name for name, _, _ in PROJECTS]  # one report per project
    for path in reports:
        result = check_report(path, example_checked.recognized.self_eval)
        assert result.form_name == path.stem  # compared with its own project among the five
        assert result.findings == [], [f.message for f in result.findings]
        assert result.claims >= 10  # it did read the figures: budget, every indicator, 总分, 等级


def test_round_trip_on_department_forms(tmp_path):
    hubei = seed_books.hubei_000(tmp_path / "湖北.xlsx")
    (path,) = draft_all(hubei, tmp_path / "湖北")
    assert check_report(path, hubei).findings == []
    hunan = seed_books.hunan_001(tmp_path / "湖南.xlsx")
    (path,) = draft_all(hunan, tmp_path / "湖南")
    # the form's own slip (实际投入 合计 274 ≠ 273 + 2) shows in the report drafted from it, with the severity
    # the checker gives it on the form: the form shows whole 万元, so the draft writes whole 万元, and one
    # unit of the last displayed decimal is a rounding warning in both
    (se08,) = [f for f in check_file(hunan).findings if f.rule == "SE08"]
    findings = check_report(path, hunan).findings
    assert [(f.rule, f.severity) for f in findings] == [("RP04", se08.severity)] == [("RP04", "warning")]
    assert "实际投入资金额274万元，其中：财政拨款273万元，其他资金2万元" in findings[0].quote
    assert "275万元" in findings[0].message and "尾数误差" in findings[0].message


def test_a_missed_target_is_drafted_as_missed(tmp_path):
    book = workbook({"项目表": missed_f1()}, tmp_path / "未完成.xlsx")
    (path,) = draft_all(book, tmp_path)
    text = paragraphs(path)
    line = next(t for t in text if t.startswith("1.培训人次："))
    assert line == "1.培训人次：该指标预期值为≥100人次，实际完成值为80人次，未达到预期值目标，分值30分，得分24.00分。"
    others = [t for t in text if "该指标预期值为" in t and not t.startswith("1.培训人次")]
    assert len(others) == 3 and all("，达到预期值目标" in t for t in others)
    problem = next(t for t in text if t.startswith("1.培训人次：未达到"))
    assert "偏差原因" in problem  # the empty 偏差原因 asks for the reason, highlighted
    run = next(r for p in docx.Document(str(path)).paragraphs if p.text == problem for r in p.runs if "请填写" in r.text)
    assert run.font.highlight_color == WD_COLOR_INDEX.YELLOW
    assert check_report(path, book).findings == []


def test_the_reverse_target_exceeded_in_the_example_is_missed(example_checked, tmp_path):
    (path,) = [p for p in draft_all(example_checked, tmp_path) if p.stem == "重性精神病人防治经费"]
    assert "6.重性精神病人防治经费：该指标预期值为≤55万元，实际完成值为58万元，未达到预期值目标，分值5分，得分5.00分。" \
        in paragraphs(path)


def test_figures_come_from_the_tables_as_the_forms_show_them(tmp_path):
    book = seed_books.hubei_000(tmp_path / "湖北.xlsx")
    (path,) = draft_all(book, tmp_path)
    text = paragraphs(path)
    assert "部门整体支出预算数4,150.00万元，执行数3,977.60万元，预算执行率95.85%，预算执行得分19.00分（分值20分）。" in text
    assert "1.年服务社会化困难残障人次：该指标预期值为1018 人次，实际完成值为1339 人次，达到预期值目标，得分8.00分。" in text
    assert "1.服务残障人士人次：该指标预期值为1100 人次，实际完成值为603，未达到预期值目标，得分6.00分。" in text
    result = next(t for t in text if t.startswith("经自评"))
    assert result.startswith("经自评，本单位自评总分87.00分，") and "按总分应为“良”" in result  # no 等级 row in this form


def test_errors_of_the_form_come_first(example_checked, tmp_path):
    document = docx.Document(str(next(p for p in draft_all(example_checked, tmp_path)
                                      if p.stem == "公立医院综合改革补助")))
    body = document.paragraphs
    assert body[0].style.name == "Title"
    notes = [p for p in body if p.style.name == NOTE_STYLE]
    errors = [f for f in example_checked.findings if f.severity == "error" and f.sheet == "公立医院综合改革补助"]
    assert notes and body.index(notes[0]) <= 2 and f"{len(errors)} 处错误" in notes[0].text
    assert len(notes) >= 1 + len(errors)
    assert any("SE01" in p.text and "得分 16.00 超过分值 15.00" in p.text for p in notes)
    assert all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for p in notes for r in p.runs)
    assert body.index(notes[-1]) < next(i for i, p in enumerate(body) if p.text == "一、基本情况")


def test_a_clean_form_has_no_error_list(tmp_path):
    book = workbook({"项目表": rule_bases.F1}, tmp_path / "干净.xlsx")
    assert not [f for f in check_file(book).findings if f.severity == "error"]
    (path,) = draft_all(book, tmp_path)
    assert not [p for p in docx.Document(str(path)).paragraphs if p.style.name == NOTE_STYLE]


def test_structure_and_placeholders(tmp_path):
    book = workbook({"项目表": rule_bases.F1}, tmp_path / "干净.xlsx")
    (path,) = draft_all(book, tmp_path)
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["一、基本情况", "二、绩效目标实现情况", "三、存在的问题及改进措施", "四、自评结果及应用"]
    subheadings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert subheadings[:3] == ["（一）项目概况", "（二）绩效目标", "（三）预算及执行情况"]
    assert subheadings[3:] == ["（一）产出指标", "（二）效益指标", "（三）满意度指标"]
    text = [p.text for p in document.paragraphs]
    assert "年初预算数100万元，全年预算数100万元，全年执行数90万元，预算执行率90.00%，预算执行得分9.00分（分值10分）。" in text
    assert "经自评，本项目自评总分99.00分，自评等级为“优”。" in text
    placeholders = [r for p in document.paragraphs for r in p.runs if r.text.startswith("【请填写")]
    assert len(placeholders) >= 6
    assert all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in placeholders)
    highlighted = [r.text for p in document.paragraphs for r in p.runs if r.font.highlight_color is not None]
    assert all(t.startswith("【请填写") for t in highlighted)  # nothing else is highlighted: no invented text


def test_official_look(tmp_path):
    book = workbook({"项目表": rule_bases.F1}, tmp_path / "干净.xlsx")
    (path,) = draft_all(book, tmp_path)
    document = docx.Document(str(path))
    section = document.sections[0]
    def cm(length) -> float:
        return round(length.cm, 2)

    assert (cm(section.page_width), cm(section.page_height)) == (21.0, 29.7)  # A4
    assert (cm(section.top_margin), cm(section.bottom_margin), cm(section.left_margin), cm(section.right_margin)) \
        == (3.7, 3.5, 2.8, 2.6)

    def east_asia(style_name: str) -> str:
        return document.styles[style_name].element.rPr.rFonts.get(qn("w:eastAsia"))

    assert east_asia("Normal") == "仿宋_GB2312" and east_asia("Heading 1") == "黑体"
    assert document.styles["Normal"].font.size.pt == 16  # 三号
    with zipfile.ZipFile(path) as package:
        fonts = package.read("word/fontTable.xml").decode("utf-8")
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts


def test_no_recognised_form_gives_a_skeleton_that_says_so(tmp_path):
    book = workbook(rule_bases.BASES["empty"], tmp_path / "说明.xlsx")
    (made,) = drafts(check_file(book))
    path = save(made, tmp_path / "框架.docx")
    document = docx.Document(str(path))
    notes = [p.text for p in document.paragraphs if p.style.name == NOTE_STYLE]
    assert notes and "没有识别到" in notes[0]
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == \
        ["一、基本情况", "二、绩效目标实现情况", "三、存在的问题及改进措施", "四、自评结果及应用"]


def test_one_project_by_name(example_checked):
    (made,) = drafts(example_checked, "精神病人防治经费")  # exactly this name, not 重性精神病人防治经费
    assert made.name == "精神病人防治经费"


def test_points_written_into_level_names_stay_out_of_the_text(tmp_path):
    grid = copy.deepcopy(rule_bases.F1)
    grid[5][1], grid[7][1] = "产出指标（50分）", "效益指标（30分）"
    (path,) = draft_all(workbook({"项目表": grid}, tmp_path / "表.xlsx"), tmp_path)
    text = paragraphs(path)
    assert "共设置绩效指标4个，其中产出指标2个、效益指标1个、满意度指标1个。" in text
    assert "（一）产出指标" in text and "（二）效益指标" in text


def test_nothing_is_claimed_about_indicators_the_tables_cannot_judge(tmp_path):
    grid = copy.deepcopy(rule_bases.F1)
    grid[8][5] = ""  # 学员满意度: no actual value
    (path,) = draft_all(workbook({"项目表": grid}, tmp_path / "表.xlsx"), tmp_path)
    text = paragraphs(path)
    line = next(t for t in text if t.startswith("1.学员满意度"))
    assert "实际完成值为【请填写：实际完成值（表中未填写）】" in line and "达到预期值目标，" not in line
    assert not any("均达到预期值目标" in t for t in text)


def test_the_grade_suggested_for_an_empty_grade_cell_follows_the_profile(run_cli, tmp_path):
    """The draft reads the same profile as the checker: chosen with --profile, else the form's own."""
    grid = copy.deepcopy(rule_bases.F1)
    grid[10][7] = ""  # 自评等级 left empty: the draft suggests one from 总分 99
    book = workbook({"项目表": grid}, tmp_path / "等级.xlsx")
    (path,) = draft_all(book, tmp_path / "默认")
    assert any("按总分应为“优”" in t for t in paragraphs(path))
    run_cli("report", "draft", str(book), "--out", str(tmp_path / "深圳.docx"), "--profile", "shenzhen")
    assert any("按总分应为“优秀”" in t for t in paragraphs(tmp_path / "深圳.docx"))
    (tmp_path / "xltools.toml").write_text('profile = "shenzhen"\n', encoding="utf-8")
    run_cli("report", "draft", str(book), "--out", str(tmp_path / "设置.docx"))
    assert any("按总分应为“优秀”" in t for t in paragraphs(tmp_path / "设置.docx"))
    failed = run_cli("report", "draft", str(book), "--out", str(tmp_path / "x.docx"), "--profile", "beijing")
    assert failed.returncode == 2 and "beijing" in failed.stderr and "Traceback" not in failed.stderr


def test_the_hunan_budget_reason_comes_from_the_form(tmp_path):
    # seed 001's 资金情况 row 合计 gives 产生差异的原因 "全区性项目未纳入预算": copied, not asked for
    (path,) = draft_all(seed_books.hunan_001(tmp_path / "湖南.xlsx"), tmp_path)
    text = paragraphs(path)
    assert "年初预算资金总额55万元，实际投入资金额274万元。产生差异的原因：全区性项目未纳入预算。" in text
    assert not any("资金情况及产生差异的原因" in t for t in text)


def test_an_accepted_exception_is_not_an_error_to_fix_first(run_cli, tmp_path):
    grid = copy.deepcopy(rule_bases.F1)
    grid[9][7] = 98  # 总分 98 against 99: SE03 at H10
    book = workbook({"项目表": grid}, tmp_path / "表.xlsx")
    flagged = run_cli("report", "draft", str(book), "--out", str(tmp_path / "未接受.docx"))
    assert flagged.returncode == 1
    assert any("SE03" in t for t in paragraphs(tmp_path / "未接受.docx"))
    (tmp_path / "xltools.toml").write_text(
        '[[accepted]]\nfile = "表.xlsx"\nsheet = "项目表"\ncell = "H10"\nrule = "SE03"\nreason = "已说明"\n', encoding="utf-8")
    accepted = run_cli("report", "draft", str(book), "--out", str(tmp_path / "已接受.docx"))
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    document = docx.Document(str(tmp_path / "已接受.docx"))
    assert not [p for p in document.paragraphs if p.style.name == NOTE_STYLE]


def test_no_theme_font_overrides_the_named_fonts(tmp_path):
    # a theme attribute (asciiTheme, eastAsiaTheme, cstheme …) wins over the font named beside it in Word
    (path,) = draft_all(workbook({"项目表": rule_bases.F1}, tmp_path / "表.xlsx"), tmp_path)
    styles = docx.Document(str(path)).styles
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = [defaults.find(qn("w:rFonts"))] + \
        [styles[name].element.rPr.rFonts for name in ("Normal", "Title", "Heading 1", "Heading 2", NOTE_STYLE)]
    for element in fonts:
        assert element.get(qn("w:eastAsia")) in ("仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312")
        assert not [a for a in element.attrib if a.lower().endswith("theme")], element.attrib


def test_amounts_are_drafted_at_the_precision_the_form_shows(tmp_path):
    # one amount with decimals (89.5): the form shows two decimals, so every amount gets them
    grid = copy.deepcopy(rule_bases.F1)
    grid[2][5] = grid[3][5] = 89.5
    grid[2][7] = grid[3][7] = 0.895
    grid[2][8] = 8.95
    (path,) = draft_all(workbook({"项目表": grid}, tmp_path / "小数.xlsx"), tmp_path / "小数")
    assert "年初预算数100.00万元，全年预算数100.00万元，全年执行数89.50万元，预算执行率89.50%，" \
           "预算执行得分8.95分（分值10分）。" in paragraphs(path)
    # amounts typed as text keep the decimals typed ("90.00")
    grid = copy.deepcopy(rule_bases.F1)
    grid[2][5] = grid[3][5] = "90.00"
    (path,) = draft_all(workbook({"项目表": grid}, tmp_path / "文本.xlsx"), tmp_path / "文本")
    assert any(t.startswith("年初预算数100.00万元，全年预算数100.00万元，全年执行数90.00万元") for t in paragraphs(path))


def test_a_hunan_table_of_several_goals_is_reported_goal_by_goal(tmp_path):
    # seed 001 lists 目标1 (6 indicators) and 目标2 (5) in one table, each label beside its first row
    (path,) = draft_all(seed_books.hunan_001(tmp_path / "湖南.xlsx"), tmp_path)
    text = paragraphs(path)
    assert "（一）目标1" in text and "（二）目标2" in text and "（三）产出指标" not in text
    second = text.index("（二）目标2")
    assert text[second + 1].startswith("1.对需要康复治疗救助的")  # numbering starts again under each goal
    assert any("共设置年度目标2个、绩效指标11个" in t for t in text)
