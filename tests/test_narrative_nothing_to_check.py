"""A performance report in which nothing can be checked is a report: exit 0, no findings, a Chinese
note saying nothing was checked (text; in JSON an extra top-level "notes"). A file that is not a
report at all (a novel, a notice, a table saved as text, random text) is refused with exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.narrative_fixtures import write_docx, write_text
from tests.real_reports import REPORTS, yunnan_2024_honghe_data_center
from xltools.narrative.looks import looks_like_report
from xltools.narrative.model import Paragraph, ReportText

# The opening of a real report (红河州数据发展中心 2024): counts and amounts with (含…), nothing RP01–RP06 checks.
HONGHE = yunnan_2024_honghe_data_center.PARAGRAPHS
# No title word, but the words of the field: 绩效目标, 指标, 偏差, 改进措施.
UNTITLED = [
    "一、绩效目标完成情况",
    "本单位年初设定的各项绩效目标均按计划推进，指标完成情况总体良好，个别指标存在偏差，已在下文说明。",
    "二、存在的问题及改进措施",
    "部分项目前期准备不足，下一年度将提前谋划，加强过程监控，确保资金及时支付、项目按期完工。",
]
NOT_REPORTS = {
    "novel": ["第一章", "天刚蒙蒙亮，他就推开了那扇吱呀作响的木门，院子里的雾气还没有散去，远处传来几声鸡鸣。",
              "她站在井边，望着他的背影，半晌没有说话，手里的水桶在绳子上轻轻摇晃。"],
    "notice": ["会议通知", "请各单位于本周五下午三点前将年度工作总结报送至办公室，逾期不再受理，特此通知。"],
    "tab table": ["项目支出绩效自评表", "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分",
                  "产出指标\t数量指标\t培训人次\t≥100人次\t120人次\t20\t20",
                  "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\t95%\t10\t10",
                  "偏差原因分析及改进措施：项目按计划完成，绩效目标全部实现，下一步将继续加强资金管理。"],
    "csv table": ["项目名称,培训项目,,,,", "一级指标,二级指标,三级指标,年度指标值,实际完成值,得分",
                  "产出指标,数量指标,培训人次,≥100人次,待定,", "效益指标,社会效益指标,群众满意度,提升,,",
                  "自评结论：本项目绩效目标基本实现，部分指标尚未统计完毕，自评工作将在年底前完成。"],
    "random": ["asdf qwer zxcv 1234", "lorem ipsum dolor sit amet"],
}


def _report(paragraphs: list[str]) -> ReportText:
    return ReportText(Path("文件.txt"), "txt", [Paragraph(i, p) for i, p in enumerate(paragraphs, start=1)])


@pytest.mark.parametrize("paragraphs", [HONGHE, UNTITLED], ids=["honghe", "untitled"])
def test_a_report_without_checkable_claims_exits_0_with_a_note(paragraphs, run_cli, tmp_path):
    report = write_docx(paragraphs, tmp_path / "报告.docx")
    text = run_cli("report", "check", str(report))
    assert text.returncode == 0, text.stderr
    assert "没有可核对的陈述" in text.stdout and "没有核对任何内容" in text.stdout
    assert "未发现问题" not in text.stdout  # nothing was checked: not "no problems"
    assert "小计：错误 0，警告 0，提示 0" in text.stdout
    result = run_cli("report", "check", str(report), "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    (entry,) = doc["files"]
    assert entry == {"path": str(report), "error": None, "tables": [], "findings": []}
    assert len(doc["notes"]) == 1 and "没有可核对的陈述" in doc["notes"][0]


def test_a_checked_report_has_no_notes_key(run_cli, tmp_path):
    report = write_text(["绩效自评报告", "全年预算数100万元，执行数90万元，执行率90%。"], tmp_path / "报告.txt")
    result = run_cli("report", "check", str(report), "--format", "json")
    assert result.returncode == 0 and "notes" not in json.loads(result.stdout)


@pytest.mark.parametrize("name", NOT_REPORTS)
def test_what_is_not_a_report_exits_2(name, run_cli, tmp_path):
    assert not looks_like_report(_report(NOT_REPORTS[name]))
    path = write_text(NOT_REPORTS[name], tmp_path / "文件.txt")
    result = run_cli("report", "check", str(path))
    assert result.returncode == 2 and result.stdout == ""
    assert "可能不是绩效自评报告" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("module", REPORTS, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_every_real_report_looks_like_one(module):
    assert looks_like_report(_report(module.PARAGRAPHS))
