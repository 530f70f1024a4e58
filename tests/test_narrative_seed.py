"""Seed 003 (上犹县残联 2022 部门整体支出绩效自评报告), rebuilt as the Word document it was published
from: every contradiction it contains is found at its paragraph, and nothing else is flagged."""

from __future__ import annotations

import pytest

from tests.narrative_fixtures import SEED_003, seed_003_docx, write_text
from xltools.narrative.check import check_report
from xltools.narrative.extract import extract
from xltools.narrative.source import read_report

# (paragraph, rule, severity, words the message must hold): the published contradictions.
EXPECTED = [
    (6, "RP04", "error", ("编制人数", "7人", "8人")),                 # 小计7人，其中 4+0+4 = 8
    (17, "RP03", "error", ("人员保障", "“人”", "“%”")),               # >=9人 against 100%
    (22, "RP01", "error", ("业务工作质量完成率", "100%", "80%")),      # 80% said to reach 100%
    (23, "RP01", "error", ("政府中心工作完成率", "100%", "90%")),      # 90% said to reach 100%
    (27, "RP01", "error", ("满意度", ">90%", "90%")),                  # 90% is not above 90%
]
# Sentences that state figures and are right: they must stay unflagged.
CONSISTENT = {
    14: "全年预算数374.26万元",     # 374.26 / 374.26 = 100%
    18: "政府中心工作",             # >=6个, 6个
    19: "残疾人民生工程项目",       # >=6个, 6个
    20: "业务工作质量达标率",       # 100%, 100%
    21: "政府中心工作达标率",       # 100%, 100%
    25: "残疾人康复效果",           # 有所改善、有所提高 as planned
    33: "自评指标得分95分",
}


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory):
    return seed_003_docx(tmp_path_factory.mktemp("seed003") / "上犹县残联自评报告.docx")


def test_the_fixture_is_the_published_text(seed_docx):
    report = read_report(seed_docx)
    assert [p.text for p in report.paragraphs] == SEED_003
    for paragraph, words in CONSISTENT.items():
        assert words in SEED_003[paragraph - 1]


def test_every_contradiction_is_found_at_its_paragraph(seed_docx):
    findings = check_report(seed_docx).findings
    got = [(f.paragraph, f.rule, f.severity) for f in findings]
    assert got == [(p, rule, severity) for p, rule, severity, _ in EXPECTED]
    for f, (paragraph, _, _, words) in zip(findings, EXPECTED, strict=True):
        assert all(w in f.message for w in words), f.message
        assert f.quote and f.quote in SEED_003[paragraph - 1]


def test_consistent_sentences_are_read_and_not_flagged(seed_docx):
    report = read_report(seed_docx)
    claims = extract(report)
    read = {c.where.paragraph for c in claims.indicators} | {b.where.paragraph for b in claims.budget} | \
        {t.where.paragraph for t in claims.totals}
    assert set(CONSISTENT) <= read  # the checker did look at them
    flagged = {f.paragraph for f in check_report(seed_docx).findings}
    assert not flagged & set(CONSISTENT)


def test_the_name_of_an_indicator_may_be_the_paragraph_before(seed_docx):
    claims = extract(read_report(seed_docx))
    satisfaction = next(c for c in claims.indicators if c.where.paragraph == 27)
    assert satisfaction.name == "社会满意度及可持续性影响残疾人及其家属满意度"
    assert (satisfaction.target, satisfaction.actual, satisfaction.verdict) == (">90%", "90%", "met")


def test_the_same_text_as_a_txt_file_gives_the_same_findings_by_line(tmp_path, seed_docx):
    # GB18030 (GBK and its extension), as Windows editors save Chinese text; paragraphs are lines
    txt = write_text(SEED_003, tmp_path / "报告.txt", encoding="gb18030")
    assert [(f.paragraph, f.rule) for f in check_report(txt).findings] == \
        [(f.paragraph, f.rule) for f in check_report(seed_docx).findings]
