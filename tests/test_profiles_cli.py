"""Profiles and the settings file as reviewers use them from the command line: select / ignore /
fail-level / exit-zero, settings discovery and --config, accepted exceptions (settings file and cell
notes) and stale ones, refusals of unknown settings, `xltools init`, `rules CODE`, `profiles`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment

from tests import seed_books
from tests.rule_bases import F1


def _json(result) -> dict:
    assert "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)


def _findings(result) -> set[tuple[str, str]]:
    return {(f["rule"], f["cell"]) for entry in _json(result)["files"] for f in entry["findings"]}


def _f1(path: Path, overrides: dict[str, object] | None = None, notes: dict[str, str] | None = None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "项目表"
    for row in F1:
        ws.append(row)
    for cell, value in (overrides or {}).items():
        ws[cell] = value
    for cell, text in (notes or {}).items():
        ws[cell].comment = Comment(text, "审核人")
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


@pytest.fixture()
def hubei(tmp_path: Path) -> Path:
    """Seed 000: SE07 at F5 and SE03 at B23 (errors), SE18 at F16 (warning)."""
    (tmp_path / "各单位").mkdir()
    return seed_books.hubei_000(tmp_path / "各单位" / "湖北.xlsx")


def test_select_and_ignore_take_codes_and_prefixes(run_cli, hubei):
    everything = _findings(run_cli("check", str(hubei), "--format", "json"))
    assert everything == {("SE07", "F5"), ("SE03", "B23"), ("SE18", "F16")}
    assert _findings(run_cli("check", str(hubei), "--format", "json", "--select", "SE0")) == {
        ("SE07", "F5"), ("SE03", "B23")}
    assert _findings(run_cli("check", str(hubei), "--format", "json", "--select", "SE", "--ignore", "SE03,SE18")) \
        == {("SE07", "F5")}
    assert _findings(run_cli("check", str(hubei), "--format", "json", "--rules", "SE18")) == {("SE18", "F16")}
    blank = _f1(hubei.parent / "空白.xlsx", {f"{c}{r}": None for c in "FH" for r in (3, 6, 7, 8, 9, 10)} | {"I3": None})
    text = run_cli("check", str(blank), "--select", "SE01").stdout  # what was not checked is said whatever is selected
    assert "XT002" in text and "未发现问题" not in text


def test_fail_level_and_exit_zero(run_cli, tmp_path, hubei):
    warnings_only = seed_books.hunan_001(tmp_path / "湖南.xlsx")  # three warnings, no error
    assert run_cli("check", str(warnings_only)).returncode == 0
    assert run_cli("check", str(warnings_only), "--fail-level", "warning").returncode == 1
    assert run_cli("check", str(hubei)).returncode == 1
    assert run_cli("check", str(hubei), "--ignore", "SE03,SE07").returncode == 0  # the warning alone
    assert run_cli("check", str(hubei), "--ignore", "SE03,SE07", "--fail-level", "warning").returncode == 1
    assert run_cli("check", str(hubei), "--exit-zero").returncode == 0
    unreadable = tmp_path / "坏.xlsx"
    unreadable.write_bytes(b"not a workbook")
    assert run_cli("check", str(unreadable), "--exit-zero").returncode == 2  # misuse or unreadable stays 2


def test_settings_file_is_found_in_the_folder_or_its_parents(run_cli, tmp_path, hubei):
    (tmp_path / "xltools.toml").write_text('ignore = ["SE03"]\nfail-level = "warning"\n', encoding="utf-8")
    folder = hubei.parent
    for args, cwd in (((str(folder),), tmp_path), ((str(hubei),), tmp_path), (("湖北.xlsx",), folder)):
        result = run_cli("check", *args, "--format", "json", cwd=cwd)
        assert _findings(result) == {("SE07", "F5"), ("SE18", "F16")}, args
    other = tmp_path / "其他设置.toml"
    other.write_text('select = ["SE18"]\n', encoding="utf-8")
    result = run_cli("check", str(hubei), "--format", "json", "--config", str(other))
    assert _findings(result) == {("SE18", "F16")}  # --config replaces the discovered file
    # the command line over the file: --ignore adds to the file's ignores, --fail-level replaces its level
    assert run_cli("check", str(hubei), "--ignore", "SE07").returncode == 1  # SE18 is a warning at level warning
    assert run_cli("check", str(hubei), "--ignore", "SE07", "--fail-level", "error").returncode == 0


def test_per_path_ignores_and_rule_options(run_cli, tmp_path):
    (tmp_path / "收到").mkdir()
    hunan = seed_books.hunan_001(tmp_path / "收到" / "湖南.xlsx")  # SE08 at D5: 274 vs 275, a rounding warning
    (tmp_path / "xltools.toml").write_text(
        '[per-path-ignores]\n"收到/湖*.xlsx" = ["SE19"]\n[rules.SE08]\nrounding = 0\n', encoding="utf-8")
    data = _json(run_cli("check", str(hunan), "--format", "json"))
    findings = {(f["rule"], f["cell"]): f["severity"] for f in data["files"][0]["findings"]}
    assert ("SE19", "F13") not in findings
    assert findings[("SE08", "D5")] == "error"  # one unit is no longer taken for rounding
    (tmp_path / "xltools.toml").write_text('[rules.SE13]\nseverity = "info"\n', encoding="utf-8")
    book = _f1(tmp_path / "项目.xlsx", {"H8": 25, "H10": 94})  # 25 of 30 without a deviation note: SE13 at I8
    severities = {(f["rule"], f["cell"]): f["severity"] for f in _json(run_cli(
        "check", str(book), "--format", "json"))["files"][0]["findings"]}
    assert severities[("SE13", "I8")] == "info"


def test_accepted_exceptions_from_the_settings_file_and_stale_ones(run_cli, tmp_path, hubei):
    (tmp_path / "xltools.toml").write_text('''
[[accepted]]
file = "各单位/湖北.xlsx"
sheet = "部门整体绩效自评表"
cell = "B23"
rule = "SE03"
reason = "总分按财政复核结果填写"

[[accepted]]
file = "各单位/*.xlsx"
sheet = "部门整体绩效自评表"
cell = "C9"
rule = "SE01"
reason = "去年的例外"
''', encoding="utf-8")
    result = run_cli("check", str(hubei), "--format", "json", "--ignore", "SE07")
    findings = _json(result)["files"][0]["findings"]
    accepted = [f for f in findings if f.get("accepted")]
    assert [(f["rule"], f["cell"], f["reason"]) for f in accepted] == [("SE03", "B23", "总分按财政复核结果填写")]
    stale = [f for f in findings if f["rule"] == "XT003"]
    assert [(f["cell"], f["severity"]) for f in stale] == [("C9", "info")] and "去年的例外" in stale[0]["message"]
    assert all(set(f) == {"rule", "severity", "sheet", "cell", "message", "expected", "actual"}
               for f in findings if not f.get("accepted"))
    assert result.returncode == 0  # the accepted error is not counted; SE18 is a warning
    text = run_cli("check", str(hubei), "--ignore", "SE07").stdout
    assert "已接受的例外（1 条，不计入）" in text and "原因：总分按财政复核结果填写" in text
    assert "小计：错误 0，警告 1，提示 1" in text


def test_a_cell_note_accepts_a_finding_and_the_marked_copy_lists_it_apart(run_cli, tmp_path):
    book = _f1(tmp_path / "项目.xlsx", {"H6": 31, "H10": 100}, {"H6": "xltools:忽略 SE01 指标分值经批准调整为 31 分"})
    data = _json(run_cli("check", str(book), "--format", "json"))
    se01 = [f for f in data["files"][0]["findings"] if f["rule"] == "SE01"]
    assert [(f["cell"], f.get("accepted"), f.get("reason")) for f in se01] == [("H6", True, "指标分值经批准调整为 31 分")]
    marked = tmp_path / "已标记.xlsx"
    run_cli("check", str(book), "--mark", str(marked))
    wb = load_workbook(marked)
    rows = [r for r in wb["检查结果"].iter_rows(values_only=True) if any(v is not None for v in r[:8])]
    title = next(i for i, r in enumerate(rows) if r[0] == "已接受的例外（不计入错误、警告数）")
    assert [r[4] for r in rows[title + 1:]] == ["SE01"] and "指标分值经批准" in rows[title + 1][5]
    assert all(r[4] != "SE01" for r in rows[2:title])
    assert wb["项目表"]["H6"].comment.text.startswith("xltools:忽略")  # the reviewer's own note is kept
    assert wb["项目表"]["H6"].fill.fgColor.rgb in (None, "00000000")  # an accepted finding is not coloured


def test_unknown_settings_are_refused_in_chinese(run_cli, tmp_path, hubei):
    cases = {
        'selct = ["SE"]': "未知的设置项：selct",
        'select = ["XX"]': "不是任何规则的代码或前缀",
        'profile = "beijing"': "不是已有的口径",
        '[rules.SE99]\nseverity = "info"': "“SE99”不是规则代码",
        '[rules.SE03]\nround = 1': "没有选项“round”",
        '[rules.SE03]\nrounding = "一"': "应为整数",
        '[rules.SE03]\nseverity = "fatal"': "severity 应为 error、warning 或 info",
        'fail-level = "fatal"': "fail-level 应为 error",
        '[[accepted]]\nfile = "a.xlsx"\nrule = "SE03"': "缺少 reason",
        '[[accepted]]\nfile = "a.xlsx"\nrule = "SE03"\nreason = "x"\ncell = "B23"': "还需写明工作表",
        'profile = ': "TOML 格式",
    }
    settings = tmp_path / "xltools.toml"
    for text, expected in cases.items():
        settings.write_text(text + "\n", encoding="utf-8")
        result = run_cli("check", str(hubei))
        assert result.returncode == 2 and expected in result.stderr, (text, result.stderr)
        assert "Traceback" not in result.stderr and str(settings) in result.stderr
    settings.unlink()
    for args, expected in ((("--select", "XX9"), "“XX9”"), (("--profile", "beijing"), "beijing"),
                           (("--config", "没有.toml"), "找不到设置文件")):
        result = run_cli("check", str(hubei), *args)
        assert result.returncode == 2 and expected in result.stderr and "Traceback" not in result.stderr


def test_init_writes_a_commented_settings_file_that_parses_when_uncommented(run_cli, tmp_path, hubei):
    result = run_cli("init", cwd=hubei.parent)
    written = hubei.parent / "xltools.toml"
    assert result.returncode == 0 and written.exists()
    assert run_cli("init", cwd=hubei.parent).returncode == 2  # never over an existing file without --force
    assert run_cli("check", str(hubei)).returncode == 1  # all commented out: the defaults
    lines = written.read_text(encoding="utf-8").splitlines()
    active = [ln[2:] for ln in lines if re.match(r'^# (\[|[a-z_-]+ = |"[^"]+" = )', ln)]  # the example settings
    assert len(active) >= 15
    written.write_text("\n".join(active) + "\n", encoding="utf-8")
    result = run_cli("check", str(hubei), "--format", "json")
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr
    assert _json(result)["files"][0]["error"] is None


def test_profile_option_and_stats_name_each_tables_profile(run_cli, tmp_path, hubei):
    low = _f1(tmp_path / "项目.xlsx", {"F3": 75, "F4": 75, "H3": 0.75, "H4": 0.75, "I3": 7.5, "H10": 97.5})
    assert _findings(run_cli("check", str(low), "--format", "json")) == set()
    yitihua = _findings(run_cli("check", str(low), "--format", "json", "--profile", "yitihua"))
    assert yitihua == {("YT02", "H10"), ("YT02", "H11")}
    stats = _json(run_cli("check", str(hubei), str(low), "--stats", "--format", "json"))
    profiles = {Path(f["path"]).name: [form["profile"] for form in f["stats"]["forms"]] for f in stats["files"]}
    assert profiles == {"湖北.xlsx": ["hubei"], "项目.xlsx": ["national-2020"]}
    tables = {t["kind"]: t["profile"] for f in stats["files"] for t in f["stats"]["tables"]}
    assert tables["F2-hubei.budget"] == "hubei" and tables["F1.indicators"] == "national-2020"
    text = run_cli("check", str(hubei), "--stats", "--profile", "national-2020").stdout
    assert "评分口径（指定）：全国" in text
    # under the national bands Hubei's 20-point budget block still scores 20 × rate: the form states it
    assert _findings(run_cli("check", str(hubei), "--format", "json", "--profile", "national-2020")) == {
        ("SE07", "F5"), ("SE03", "B23"), ("SE18", "F16")}


def test_rules_and_profiles_commands_say_what_changes_a_rule(run_cli):
    text = run_cli("rules", "SE14").stdout
    assert "表样：F1" in text and "改变它的口径：" in text and "hubei（湖北）：定性指标分档" in text
    text = run_cli("rules", "SE03").stdout
    assert "rounding = 1（默认）" in text and "改变它的口径：无" in text
    text = run_cli("rules", "YT01").stdout
    assert "默认不运行" in text and "yitihua（预算管理一体化）：指标偏离减分；打开本规则" in text
    listing = run_cli("profiles").stdout
    assert all(name in listing for name in ("national-2020", "hubei", "hunan", "shenzhen", "yitihua"))
    detail = run_cli("profiles", "yitihua").stdout
    assert "https://desk33.com/d-565511.html" in detail and "30%及以上" in detail
    assert run_cli("profiles", "beijing").returncode == 2


def test_templates_for_a_profile(run_cli, tmp_path):
    result = run_cli("templates", "--profile", "yitihua", "--out", str(tmp_path / "模板"))
    assert result.returncode == 0
    f1 = load_workbook(tmp_path / "模板" / "F1_项目支出绩效自评表_yitihua.xlsx")
    formulas = [c.value for row in f1.active.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(f.startswith("=") and "89" in f and "MIN(" in f for f in formulas)  # the capped total
    assert any("指标偏离" in f for f in formulas)  # the notes say the rule
    assert run_cli("templates", "--profile", "beijing", "--out", str(tmp_path / "x")).returncode == 2
