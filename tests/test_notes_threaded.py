"""Excel 365 stores a comment typed today as a threaded comment, with a legacy placeholder note beside
it ("[Threaded comment] … Comment: …"). "xltools:忽略 …" typed that way accepts the finding like a note."""

from __future__ import annotations

import json
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment

from tests.feature_books import edit_package
from tests.rule_bases import F1
from xltools.workbook.notes import read_notes

THREADED_TYPE = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment"
THREADED_CT = "application/vnd.ms-excel.threadedcomments+xml"
PLACEHOLDER = ("[线程批注]\n\n你的Excel版本可读取此线程批注; 但如果在更新版本的 Excel 中打开文件，则对批注所作的任何改动都将被删除。"
               "了解详细信息: https://go.microsoft.com/fwlink/?linkid=870924\n\n注释:\n    {text}")


def _with_threaded_comment(path: Path, cell: str, text: str) -> Path:
    """F1 with 得分 31 > 分值 30 at H6 (SE01), and a threaded comment on ``cell`` as Excel 365 saves it."""
    wb = Workbook()
    ws = wb.active
    ws.title = "项目表"
    for row in F1:
        ws.append(row)
    ws["H6"], ws["H10"] = 31, 100
    ws[cell].comment = Comment(PLACEHOLDER.format(text=text), "tc={00000000-0001}")
    wb.save(path)
    threaded = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" '
                'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                f'<threadedComment ref="{cell}" dT="2026-11-20T09:30:00.00" personId="{{00000000-0002}}" '
                f'id="{{00000000-0001}}"><text>{text}</text></threadedComment></ThreadedComments>')

    def link(rels: str) -> str:
        return rels.replace("</Relationships>", f'<Relationship Id="rIdTc1" Type="{THREADED_TYPE}" '
                                                 'Target="../threadedComments/threadedComment1.xml"/></Relationships>')

    def declare(types: str) -> str:
        return types.replace("</Types>", '<Override PartName="/xl/threadedComments/threadedComment1.xml" '
                                         f'ContentType="{THREADED_CT}"/></Types>')

    return edit_package(path, {"xl/worksheets/_rels/sheet1.xml.rels": link, "[Content_Types].xml": declare},
                        {"xl/threadedComments/threadedComment1.xml": threaded})


def test_the_threaded_comment_text_is_read_beside_the_placeholder(tmp_path):
    book = _with_threaded_comment(tmp_path / "项目.xlsx", "H6", "xltools:忽略 SE01 分值经批准调整为 31 分")
    notes = read_notes(book)
    assert [(n.cell, n.text) for n in notes if n.text.startswith("xltools")] == [("H6", "xltools:忽略 SE01 分值经批准调整为 31 分")]
    assert any(re.match(r"^\[线程批注\]", n.text) for n in notes)  # the placeholder is read too, and is no directive


def test_a_threaded_comment_accepts_the_finding(run_cli, tmp_path):
    book = _with_threaded_comment(tmp_path / "项目.xlsx", "H6", "xltools:忽略 SE01 分值经批准调整为 31 分")
    result = run_cli("check", str(book), "--format", "json")
    se01 = [f for f in json.loads(result.stdout)["files"][0]["findings"] if f["rule"] == "SE01"]
    assert [(f["cell"], f.get("accepted"), f.get("reason")) for f in se01] == [("H6", True, "分值经批准调整为 31 分")]
    assert result.returncode == 0  # the only error is accepted
