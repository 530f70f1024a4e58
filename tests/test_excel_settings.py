"""The ribbon buttons under a settings file and accepted exceptions: 检查本工作簿 and 检查文件夹 read
``xltools.toml`` as ``xltools check`` does for the same path (profile, select/ignore, [[accepted]]),
accept findings through "xltools:忽略 SE01 原因" notes in the live book, list accepted findings
apart on the live 检查结果 sheet, and refuse a broken settings file without marking anything.

Books are real ``xlwings.Book`` objects on xlwings' JSON engine (see tests/test_excel_buttons.py).
That engine does not know a book's folder and does not send note texts (it withholds them by
design); desktop Excel gives both. The ``desktop`` fixture supplies exactly these two facts, from
the payload, so the buttons' own code runs unchanged.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.test_excel_buttons import actions, payload
from tests.test_profiles_cli import _f1
from xltools.check import check_file
from xltools.excel import buttons
from xltools.excel.live import book_notes
from xltools.mark.common import ACCEPTED_TITLE, FILLS
from xltools.settings import for_paths

SHEET = "项目表"
NOTE = "xltools:忽略 SE01 指标分值经批准调整为 31 分"
SETTINGS = '''
profile = "hubei"
ignore = ["SE13"]

[[accepted]]
file = "各单位/项目.xlsx"
sheet = "项目表"
cell = "H6"
rule = "SE01"
reason = "指标分值经批准调整为 31 分"

[[accepted]]
file = "各单位/项目.xlsx"
sheet = "项目表"
cell = "H10"
rule = "SE03"
reason = "去年的例外"
'''


@pytest.fixture()
def xw():
    import xlwings

    return xlwings


@pytest.fixture()
def desktop(monkeypatch):
    """The JSON engine told what desktop Excel knows: the book's full path and its notes' texts."""
    from xlwings.pro import _xlremote

    monkeypatch.setattr(_xlremote.Book, "fullname", property(lambda self: self.api["book"].get("fullname", self.name)))
    monkeypatch.setattr(_xlremote.Note, "text", property(lambda self: self._entry["text"]))
    monkeypatch.setattr(_xlremote.Note, "location", property(lambda self: self.range))


def live(xw, path: Path, notes: dict[str, str] | None = None, saved: bool = True):
    """The book at ``path`` open in Excel (saved there, or new and unsaved), with these cell notes."""
    data = payload(xw, path, notes={SHEET: list(notes or {})})
    for entry in data["sheets"][-1]["notes"]:
        entry["text"] = (notes or {})[entry["address"]]
    if saved:
        data["book"]["fullname"] = str(path)
    return xw.Book(json=data)


def book(folder: Path, notes: dict[str, str] | None = None) -> Path:
    """SE01 at H6 (31 of 30), SE10 at H11 (86 is 良, written 优), SE13 at I8 (marked down, no reason),
    and 基本健全 scored 16 of 30: inside Hubei's band 80–50 %, below the national 80–60 % (SE14)."""
    return _f1(folder / "项目.xlsx", {"H6": 31, "F8": "基本健全", "H8": 16, "H10": 86}, notes)


def keyed(findings) -> list[tuple]:
    return [(f.sheet, f.cell, f.rule, f.severity, f.message, f.accepted, f.reason) for f in findings]


def cli_keyed(result) -> list[tuple]:
    assert "Traceback" not in result.stderr, result.stderr
    entry = json.loads(result.stdout)["files"][0]
    return [(f["sheet"], f["cell"], f["rule"], f["severity"], f["message"], f.get("accepted", False),
             f.get("reason", "")) for f in entry["findings"]]


def result_rows(acts: list[dict]) -> list[list]:
    return next(a for a in acts if a["func"] == "setValues" and a["start_row"] == 0)["values"]


def test_the_books_settings_file_applies_as_on_the_command_line(xw, desktop, tmp_path, run_cli):
    (tmp_path / "xltools.toml").write_text(SETTINGS, encoding="utf-8")
    path = book(tmp_path / "各单位")
    report = buttons.check_workbook(b := live(xw, path))
    cli = cli_keyed(run_cli("check", str(path), "--format", "json"))
    assert keyed(report.findings) == cli == keyed(check_file(path, settings=for_paths([path])).findings)
    rules = {(f.rule, f.cell): f for f in report.findings}
    assert ("SE13", "I8") not in rules and ("SE14", "H8") not in rules  # ignored; inside Hubei's band
    assert (rules["SE01", "H6"].accepted, rules["SE01", "H6"].reason) == (True, "指标分值经批准调整为 31 分")
    assert rules["XT003", "H10"].severity == "info" and "去年的例外" in rules["XT003", "H10"].message  # stale
    assert rules["SE10", "H11"].severity == "error"
    message = actions(b)[-1]["args"][0]
    assert report.errors == 1 and "错误 1 处" in message and "已接受的例外 1 条（不计入）" in message


def test_without_the_settings_file_the_same_book_gets_the_national_checks(xw, desktop, tmp_path):
    path = book(tmp_path / "各单位")
    found = {(f.rule, f.cell, f.accepted) for f in buttons.check_workbook(live(xw, path)).findings}
    assert {("SE01", "H6", False), ("SE13", "I8", False), ("SE14", "H8", False)} <= found


def test_a_note_in_the_live_book_accepts_that_finding(xw, desktop, tmp_path, run_cli):
    on_disk = book(tmp_path, {"H6": NOTE})  # the file carries the note too: the command line's answer
    report = buttons.check_workbook(live(xw, on_disk, {"$H$6": NOTE}))
    assert keyed(report.findings) == cli_keyed(run_cli("check", str(on_disk), "--format", "json"))
    se01 = [f for f in report.findings if f.rule == "SE01"]
    assert [(f.cell, f.accepted, f.reason) for f in se01] == [("H6", True, "指标分值经批准调整为 31 分")]
    # the note is read from the live book, not from the file: a book saved without it accepts nothing
    unsaved_note = buttons.check_workbook(live(xw, book(tmp_path / "无批注"), {"$H$6": NOTE}))
    assert [(f.cell, f.accepted) for f in unsaved_note.findings if f.rule == "SE01"] == [("H6", True)]
    plain = buttons.check_workbook(live(xw, book(tmp_path / "无批注")))
    assert [(f.cell, f.accepted) for f in plain.findings if f.rule == "SE01"] == [("H6", False)]


def test_a_note_without_a_reason_is_reported_and_accepts_nothing(xw, desktop, tmp_path):
    report = buttons.check_workbook(live(xw, book(tmp_path), {"$H$6": "xltools:忽略 SE01"}))
    assert not report.accepted
    assert any(f.rule == "XT003" and f.cell == "H6" and "没有写明接受的原因" in f.message for f in report.findings)


def test_a_note_that_no_longer_matches_is_reported_stale_as_on_the_command_line(xw, desktop, tmp_path, run_cli):
    stale = {"H7": "xltools:忽略 SE01 去年改过分值"}  # H7 (20 of 20) has no SE01 finding
    on_disk = book(tmp_path, stale)
    report = buttons.check_workbook(live(xw, on_disk, {"$H$7": stale["H7"]}))
    assert keyed(report.findings) == cli_keyed(run_cli("check", str(on_disk), "--format", "json"))
    assert [(f.cell, f.severity) for f in report.findings if f.rule == "XT003"] == [("H7", "info")]


def test_accepted_findings_are_listed_apart_on_the_live_results_sheet(xw, desktop, tmp_path):
    (tmp_path / "xltools.toml").write_text(SETTINGS, encoding="utf-8")
    b = live(xw, book(tmp_path / "各单位"))
    report = buttons.check_workbook(b)
    acts = actions(b)
    rows = result_rows(acts)
    title = next(i for i, r in enumerate(rows) if r[0] == ACCEPTED_TITLE)
    counted, accepted = rows[2:title], rows[title + 1:]
    assert [r[4] for r in counted] == [f.rule for f in report.counted] and "SE01" not in [r[4] for r in counted]
    assert [(r[0], r[4]) for r in accepted] == [(len(counted) + 1, "SE01")]
    assert "（已接受：指标分值经批准调整为 31 分）" in accepted[0][5]
    assert accepted[0][2] == "=HYPERLINK(\"#'项目表'!H6\",\"H6\")"
    assert "另有已接受的例外 1 条（不计入）" in rows[0][0]
    added = next(i for i, a in enumerate(acts) if a["func"] == "addSheet")  # 检查结果 goes first: fills after it are its own
    fills = lambda part: {(a["start_row"], a["start_column"]): a["args"][0]
                          for a in part if a["func"] == "setRangeColor"}
    # one 级别 fill per counted row (sheet rows 3…, column D); none on the title or the accepted row
    assert fills(acts[added:]) == {(2 + k, 3): "#" + FILLS[f.severity] for k, f in enumerate(report.counted)}
    assert (5, 7) not in fills(acts[:added]) and (10, 7) in fills(acts[:added])  # H6 accepted: not coloured; H11 is


def test_a_new_unsaved_book_uses_the_defaults(xw, desktop, tmp_path, monkeypatch):
    (tmp_path / "xltools.toml").write_text('ignore = ["SE"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # a settings file where Python runs is not the book's
    path = book(tmp_path / "各单位")
    report = buttons.check_workbook(live(xw, path, saved=False))
    assert keyed(report.findings) == keyed(check_file(path).findings) and any(f.rule == "SE01" for f in report.findings)


def test_a_web_book_without_a_local_copy_uses_the_defaults(xw, tmp_path, monkeypatch):
    """Desktop Excel names a OneDrive/SharePoint book by its https address; xlwings maps it to the synced
    file or raises when it cannot: then there is no folder to read settings from."""
    from xlwings import XlwingsError
    from xlwings.pro import _xlremote

    def unmapped(self):
        raise XlwingsError("Couldn't find your local OneDrive file")

    (tmp_path / "xltools.toml").write_text('ignore = ["SE"]\n', encoding="utf-8")
    path = book(tmp_path)
    monkeypatch.setattr(_xlremote.Book, "fullname", property(unmapped))
    report = buttons.check_workbook(xw.Book(json=payload(xw, path)))
    assert keyed(report.findings) == keyed(check_file(path).findings)
    monkeypatch.setattr(_xlremote.Book, "fullname", property(lambda self: "https://d.docs.live.net/1/项目.xlsx"))
    assert keyed(buttons.check_workbook(xw.Book(json=payload(xw, path))).findings) == keyed(check_file(path).findings)


def test_a_broken_settings_file_is_said_in_chinese_and_nothing_is_marked(xw, desktop, tmp_path):
    path = book(tmp_path / "各单位")
    for text, said in (('selct = ["SE"]', "未知的设置项：selct"), ("ignore = [", "写法有误（TOML 格式）"),
                       ('[[accepted]]\nfile = "x.xlsx"\nrule = "SE01"', "缺少 reason")):
        (tmp_path / "xltools.toml").write_text(text, encoding="utf-8")
        b = live(xw, path)
        assert buttons.check_workbook(b) is None
        acts = actions(b)
        assert [a["func"] for a in acts] == ["alert"], text
        assert said in acts[0]["args"][0] and "Traceback" not in acts[0]["args"][0]
        assert acts[0]["args"][0].startswith("未检查：设置文件") and str(tmp_path / "xltools.toml") in acts[0]["args"][0]


def test_note_texts_the_engine_cannot_read_accept_nothing(xw, tmp_path):
    b = xw.Book(json=payload(xw, book(tmp_path, {"H6": NOTE}), notes={SHEET: ["$H$6"]}))
    assert book_notes(b) == []  # the JSON engine sends no note texts: no exception is taken as accepted


def _summary_values(path: Path) -> dict[str, list[tuple]]:
    wb = load_workbook(path)
    return {ws.title: [tuple(re.sub(r"检查日期：\S+", "", v) if isinstance(v, str) else v for v in row)
                       for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def test_check_folder_honours_the_folders_settings(xw, tmp_path, run_cli):
    folder = tmp_path / "收到的表"
    folder.mkdir()
    (folder / "xltools.toml").write_text(SETTINGS, encoding="utf-8")
    book(folder / "各单位")
    cli_summary = tmp_path / "命令行汇总.xlsx"
    run_cli("check", str(folder), "--summary", str(cli_summary))
    b = xw.Book(json=payload(xw, folder / "各单位" / "项目.xlsx"))
    target = buttons.check_folder(str(folder), b, lambda text: None, lambda path: None)
    assert target == folder / "检查汇总.xlsx"
    summary = _summary_values(target)
    assert summary == _summary_values(cli_summary)  # the same summary as `xltools check 文件夹 --summary`
    rules = {row[0] for rows in summary.values() for row in rows}
    assert "SE10" in rules and not rules & {"SE13", "SE14", "SE01"}  # ignored, Hubei's band, accepted
    alert = actions(b)[-1]["args"][0]
    assert alert.startswith("检查完成：1 个文件，错误 1 处") and "已接受的例外 1 条（不计入）" in alert


def test_check_folder_with_a_broken_settings_file_writes_nothing(xw, tmp_path):
    folder = tmp_path / "收到的表"
    book(folder)
    (folder / "xltools.toml").write_text('fail-level = "严重"\n', encoding="utf-8")
    b = xw.Book(json=payload(xw, folder / "项目.xlsx"))
    assert buttons.check_folder(str(folder), b, lambda text: None, lambda path: None) is None
    assert [a["func"] for a in actions(b)] == ["alert"] and "fail-level" in actions(b)[0]["args"][0]
    assert not (folder / "检查汇总.xlsx").exists()


def _grid(b) -> list[list]:
    return next(a for a in actions(b) if a["func"] == "setValues")["values"]


def test_new_project_sheet_follows_the_profile_of_the_settings_file(xw, desktop, tmp_path):
    path = book(tmp_path / "各单位")
    b = live(xw, path)
    assert buttons.new_project_sheet(b) == "项目支出绩效自评表"
    assert _grid(b)[5][6] == 10  # no settings file: the national form, budget weight 10 in G6
    (tmp_path / "xltools.toml").write_text('profile = "hubei"\n', encoding="utf-8")
    buttons.new_project_sheet(b := live(xw, path))
    assert _grid(b)[5][6] == 20  # as `xltools templates --profile hubei` renders it
    (tmp_path / "xltools.toml").write_text('profile = "yitihua"\n', encoding="utf-8")
    buttons.new_project_sheet(b := live(xw, path))
    formulas = [v for row in _grid(b) for v in row if isinstance(v, str) and v.startswith("=")]
    assert any("89" in f and "MIN(" in f for f in formulas)  # the total capped by the execution rate
    (tmp_path / "xltools.toml").write_text('profile = "beijing"\n', encoding="utf-8")
    b = live(xw, path)
    assert buttons.new_project_sheet(b) is None
    assert [a["func"] for a in actions(b)] == ["alert"] and "不是已有的口径" in actions(b)[0]["args"][0]


def test_summary_grades_follow_the_profile_of_the_settings_file(xw, desktop, tmp_path):
    from tests import seed_books

    path = seed_books.project_004(tmp_path / "山东.xlsx")
    buttons.build_summary(b := live(xw, path))
    assert "优秀" not in str(_grid(b))
    (tmp_path / "xltools.toml").write_text('profile = "shenzhen"\n', encoding="utf-8")
    buttons.build_summary(b := live(xw, path))
    grid = _grid(b)
    assert '"优秀"' in grid[3][4] and '"优秀"' in grid[5][4]  # a project without 等级 row, and the average
