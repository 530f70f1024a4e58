"""`xltools report draft|check|rules` as users and scripts call them: exit codes, the JSON contract,
marked copies, and bad input answered in Chinese without a traceback."""

from __future__ import annotations

import json

import docx
from docx.enum.text import WD_COLOR_INDEX

from tests import rule_bases
from tests.narrative_fixtures import SEED_003, seed_003_docx, workbook, write_text
from xltools.narrative.rules import REPORT_RULES

FINDING_KEYS = {"rule", "severity", "sheet", "cell", "message", "expected", "actual", "paragraph", "quote"}


def test_check_json_contract_and_exit_code_1(run_cli, tmp_path):
    report = seed_003_docx(tmp_path / "上犹县残联.docx")
    result = run_cli("report", "check", str(report), "--format", "json")
    assert result.returncode == 1, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc) == {"files"} and len(doc["files"]) == 1
    entry = doc["files"][0]
    assert set(entry) == {"path", "error", "tables", "findings"} and entry["error"] is None
    assert all(set(f) == FINDING_KEYS for f in entry["findings"])
    assert all(f["sheet"] is None and f["cell"] is None for f in entry["findings"])
    first = entry["findings"][0]
    assert (first["rule"], first["paragraph"], first["expected"], first["actual"]) == ("RP04", 6, 8.0, 7.0)
    assert first["quote"] in SEED_003[5]


def test_check_text_output(run_cli, tmp_path):
    report = seed_003_docx(tmp_path / "上犹县残联.docx")
    result = run_cli("report", "check", str(report))
    assert result.returncode == 1
    assert "第 22 段" in result.stdout and "RP01" in result.stdout and "原文：（6）业务工作质量完成率" in result.stdout
    assert "小计：错误 5，警告 0，提示 0" in result.stdout


def test_draft_then_check_exits_0(run_cli, tmp_path):
    book = workbook({"项目表": rule_bases.F1}, tmp_path / "表.xlsx")
    drafted = run_cli("report", "draft", str(book), "--out", "报告.docx")
    assert drafted.returncode == 0, drafted.stderr
    assert (tmp_path / "报告.docx").exists() and "已起草" in drafted.stdout
    checked = run_cli("report", "check", "报告.docx", "--forms", str(book))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "未发现问题" in checked.stdout and "对照表格" in checked.stdout
    again = run_cli("report", "draft", str(book), "--out", "报告.docx")
    assert again.returncode == 2 and "--force" in again.stderr  # an existing report is never overwritten
    assert run_cli("report", "draft", str(book), "--out", "报告.docx", "--force").returncode == 0


def test_check_against_a_form_with_errors_says_so(run_cli, tmp_path):
    wrong = [row[:] for row in rule_bases.F1]
    wrong[9][7] = 90  # 总分 90, the items add up to 99 (SE03)
    book = workbook({"项目表": wrong}, tmp_path / "表.xlsx")
    assert run_cli("report", "draft", str(book), "--out", "报告.docx").returncode == 1
    checked = run_cli("report", "check", "报告.docx", "--forms", str(book))
    assert checked.returncode == 0 and "表格本身有 1 处错误" in checked.stdout


def test_draft_of_a_form_with_errors_exits_1_and_writes_each_project(run_cli, tmp_path):
    f1_wrong = [row[:] for row in rule_bases.F1]
    f1_wrong[9][7] = 90  # 总分 90, the items add up to 99 (SE03)
    other = [["项目名称", "", "乙项目"], *rule_bases.F1[1:]]
    book = workbook({"甲": f1_wrong, "乙": other}, tmp_path / "两个项目.xlsx")
    result = run_cli("report", "draft", str(book), "--out", "报告")
    assert result.returncode == 1 and "错误" in result.stdout
    assert sorted(p.name for p in (tmp_path / "报告").iterdir()) == ["乙项目_绩效自评报告.docx", "测试项目_绩效自评报告.docx"]
    only = run_cli("report", "draft", str(book), "--project", "乙项目", "--out", "乙.docx")
    assert only.returncode == 0 and (tmp_path / "乙.docx").exists()


def test_mark_writes_a_highlighted_commented_copy(run_cli, tmp_path):
    report = seed_003_docx(tmp_path / "上犹县残联.docx")
    before = report.read_bytes()
    result = run_cli("report", "check", str(report), "--mark", "已标记.docx")
    assert result.returncode == 1 and "已写出标记副本" in result.stdout
    assert report.read_bytes() == before  # the original is untouched
    marked = docx.Document(str(tmp_path / "已标记.docx"))
    comments = [c.text for c in marked.comments]
    assert len(comments) == 5 and all(c.startswith("错误 RP0") for c in comments)
    assert [p.text for p in marked.paragraphs] == SEED_003  # no text lost or added
    flagged = marked.paragraphs[21]  # （6）业务工作质量完成率 …
    lit = "".join(r.text for r in flagged.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW)
    assert lit == SEED_003[21]
    six = marked.paragraphs[5]  # only the sentence about 编制人数 is lit, not the whole paragraph
    lit = "".join(r.text for r in six.runs if r.font.highlight_color is not None)
    assert lit.startswith("上犹县残疾人联合会现有编制人数小计7人") and lit.endswith("事业编制人数4人。")
    assert "实有人数" not in lit


def test_rules_listing_and_doc(run_cli):
    listing = run_cli("report", "rules")
    assert listing.returncode == 0 and all(code in listing.stdout for code in REPORT_RULES)
    doc = run_cli("report", "rules", "rp01")
    assert doc.returncode == 0 and all(part in doc.stdout for part in ("检查：", "原因：", "示例："))
    assert run_cli("report", "rules", "RP99").returncode == 2


def test_every_report_rule_doc_has_three_parts():
    for rule in REPORT_RULES.values():
        lines = rule.doc.strip().splitlines()
        assert [line[:3] for line in lines] == ["检查：", "原因：", "示例："], rule.code


def test_bad_input_exits_2_in_chinese(run_cli, tmp_path):
    seed = seed_003_docx(tmp_path / "报告.docx")
    damaged = tmp_path / "坏.docx"
    damaged.write_bytes(b"PK\x03\x04 not really a zip")
    book = workbook({"项目表": rule_bases.F1}, tmp_path / "表.xlsx")
    notes = workbook(rule_bases.BASES["empty"], tmp_path / "说明.xlsx")
    (tmp_path / "旧.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    notice = write_text(["会议通知", "请于周五前报送材料。"], tmp_path / "通知.txt")
    cases = {
        ("report", "check", "没有这个文件.docx"): "找不到文件",
        ("report", "check", str(damaged)): "无法读取",
        ("report", "check", str(tmp_path / "旧.doc")): "另存为 .docx",
        ("report", "check", str(book)): "不是报告文件",
        ("report", "check", str(notice)): "可能不是绩效自评报告",
        ("report", "check", str(notice), "--mark", "x.docx"): "只适用于 Word 文档",
        ("report", "check", str(seed), "--forms", str(notes)): "没有识别到项目支出绩效自评表",
        ("report", "check", str(seed), "--forms", "没有.xlsx"): "找不到文件",
        ("report", "check", str(seed), "--mark", str(seed)): "不能覆盖原报告",
        ("report", "check", str(seed), "--project", "乙项目"): "要与 --forms 一起使用",
        ("report", "draft", "没有.xlsx"): "找不到文件",
        ("report", "draft", str(book), "--project", "不存在的项目"): "没有名为",
        ("report", "draft", str(book), "--out", "报告.txt"): ".docx",
        ("report",): "命令用法有误",
    }
    for args, words in cases.items():
        result = run_cli(*args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr and words in result.stderr, (args, result.stderr)


def test_an_oversized_package_is_refused_unread(run_cli, tmp_path):
    import zipfile

    bomb = tmp_path / "巨大.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", "<w:document/>")
        package.writestr("word/media/filler.bin", b"\0" * (201 * 2**20))  # compresses to a few hundred KB
    result = run_cli("report", "check", str(bomb))
    assert result.returncode == 2 and "超过 200 MB" in result.stderr and "Traceback" not in result.stderr


def test_one_file_named_for_several_projects_is_refused(run_cli, tmp_path):
    other = [["项目名称", "", "乙项目"], *rule_bases.F1[1:]]
    book = workbook({"甲": rule_bases.F1, "乙": other}, tmp_path / "两个项目.xlsx")
    result = run_cli("report", "draft", str(book), "--out", "报告.docx")
    assert result.returncode == 2 and "--project" in result.stderr and "测试项目、乙项目" in result.stderr
    assert not (tmp_path / "报告.docx").exists()  # no folder named like a file either


def test_a_mark_onto_the_report_itself_prints_only_the_message(run_cli, tmp_path):
    report = seed_003_docx(tmp_path / "报告.docx")
    before = report.read_bytes()
    result = run_cli("report", "check", str(report), "--mark", str(report))
    assert result.returncode == 2 and "不能覆盖原报告" in result.stderr
    assert result.stdout == "" and report.read_bytes() == before


def test_a_workbook_without_a_form_says_workbook(run_cli, tmp_path):
    from xltools.example import write_example

    accounts = write_example(tmp_path)[1]  # the 决算 example: no F1/F2, two errors (FA04, FA07)
    result = run_cli("report", "draft", str(accounts), "--out", "框架")
    assert result.returncode == 1
    assert "没有识别到自评表" in result.stdout and "工作簿中有 2 处错误" in result.stdout
    assert "自评表中有" not in result.stdout
