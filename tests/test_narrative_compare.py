"""A report checked against the tables it should agree with (``--forms``): a drafted report edited
the way copies go wrong is caught figure by figure, at the paragraph that changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import rule_bases, seed_books
from tests.narrative_fixtures import edit_docx, paragraphs, workbook
from xltools.check import check_file
from xltools.errors import UserError
from xltools.narrative.check import check_report
from xltools.narrative.draft import drafts, save


@pytest.fixture()
def clean(tmp_path) -> tuple[Path, Path]:
    """rule_bases.F1 (测试项目: budget 100/90, four indicators, 总分 99, 优) and its drafted report."""
    book = workbook({"项目表": rule_bases.F1}, tmp_path / "表.xlsx")
    (made,) = drafts(check_file(book))
    return book, save(made, tmp_path / "报告.docx")


def findings_after(clean, tmp_path, **edits):
    book, report = clean
    edited = edit_docx(report, tmp_path / "改过的报告.docx", **edits)
    return edited, check_report(edited, book).findings


def paragraph_of(path: Path, words: str) -> int:
    return next(i for i, text in enumerate(paragraphs(path), start=1) if words in text)


def test_the_draft_itself_agrees(clean):
    book, report = clean
    assert check_report(report, book).findings == []


def test_budget_figures(clean, tmp_path):
    # the form holds whole amounts, so the draft writes them whole (100万元), as the form shows them
    edited, findings = findings_after(clean, tmp_path, replace={"全年预算数100万元，全年执行数": "全年预算数110万元，全年执行数"})
    line = paragraph_of(edited, "全年执行数90万元")
    got = {(f.rule, f.paragraph) for f in findings}
    # against the table (A = 100) and against itself (90 ÷ 110 is not the 90.00% it states)
    assert got == {("RP07", line), ("RP05", line)}
    table = next(f for f in findings if f.rule == "RP07")
    assert table.expected == 100.0 and table.actual == 110.0 and "项目表!E3" in table.message


def test_indicator_values_and_scores(clean, tmp_path):
    edited, findings = findings_after(clean, tmp_path, replace={"实际完成值为95%": "实际完成值为96%",
                                                                 "分值20分，得分20.00分": "分值20分，得分18.00分"})
    assert [(f.rule, f.paragraph, f.expected, f.actual) for f in findings] == [
        ("RP08", paragraph_of(edited, "培训经费"), 20.0, 18.0),
        ("RP08", paragraph_of(edited, "学员满意度"), "95%", "96%"),
    ]
    assert "项目表!F9" in findings[1].message


def test_total_and_grade(clean, tmp_path):
    edited, findings = findings_after(clean, tmp_path, replace={"自评总分99.00分，自评等级为“优”": "自评总分89.00分，自评等级为“良”"})
    line = paragraph_of(edited, "自评总分")
    assert [(f.rule, f.paragraph) for f in findings] == [("RP09", line), ("RP09", line)]
    assert {f.expected for f in findings} == {99.0, "优"}


def test_an_indicator_never_mentioned(clean, tmp_path):
    _, findings = findings_after(clean, tmp_path, drop=("培训经费",))
    assert [(f.rule, f.severity, f.paragraph, f.quote) for f in findings] == [("RP10", "info", None, None)]
    assert "培训经费" in findings[0].message and "项目表!D7" in findings[0].message


def test_the_report_is_compared_with_its_own_project(tmp_path):
    book = workbook({"甲项目": rule_bases.F1, "乙项目": [["项目名称", "", "乙项目"], *rule_bases.F1[1:]]},
                    tmp_path / "两个项目.xlsx")
    reports = [save(d, tmp_path / f"{d.name}.docx") for d in drafts(check_file(book))]
    assert [p.stem for p in reports] == ["测试项目", "乙项目"]
    for report in reports:
        result = check_report(report, book)
        assert result.form_name == report.stem and result.findings == []
    assert check_report(reports[0], book, project="乙项目").form_name == "乙项目"
    with pytest.raises(UserError, match="没有名为“丙项目”的项目"):
        check_report(reports[0], book, project="丙项目")


def test_a_published_report_against_a_department_form(tmp_path):
    # the Hubei form with the report the unit could have written: budget copied with a slip
    book = seed_books.hubei_000(tmp_path / "湖北.xlsx")
    (made,) = drafts(check_file(book))
    report = save(made, tmp_path / "报告.docx")
    edited = edit_docx(report, tmp_path / "改.docx", replace={"执行数3,977.60万元": "执行数3,997.60万元"})
    findings = check_report(edited, book).findings
    assert sorted(f.rule for f in findings) == ["RP05", "RP07"]


def test_forms_without_a_self_evaluation_form(tmp_path, clean):
    _, report = clean
    shenzhen = workbook(rule_bases.BASES["f3"], tmp_path / "深圳表.xlsx")  # a form, but not F1/F2
    with pytest.raises(UserError, match="没有识别到项目支出绩效自评表"):
        check_report(report, shenzhen)


def test_budget_execution_score(clean, tmp_path):
    # the table's 年度资金总额 row scores 9 (10 × 90%); the report says 10
    edited, findings = findings_after(clean, tmp_path, replace={"预算执行得分9.00分": "预算执行得分10.00分"})
    assert [(f.rule, f.severity, f.paragraph, f.expected, f.actual) for f in findings] == [
        ("RP07", "error", paragraph_of(edited, "预算执行得分"), 9.0, 10.0)]
    assert "项目表!I3" in findings[0].message


def test_one_unit_of_the_last_written_decimal_is_a_rounding_warning(clean, tmp_path):
    # the table's 执行数 is 90 (万元). "91万元" is one unit off at the precision written: a rounding warning, as
    # the checker says of the forms; "91.00万元" claims a precision at which it is 100 units off: an error
    for written, severity in (("91万元", "warning"), ("91.00万元", "error")):
        _, findings = findings_after(clean, tmp_path, replace={"全年执行数90万元": f"全年执行数{written}"})
        (amount,) = [f for f in findings if f.rule == "RP07"]
        assert (amount.severity, amount.expected, amount.actual) == (severity, 90.0, 91.0)
