"""Cases that hand-written code got wrong and the well-kept libraries now get right."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from tests.conftest import ROOT
from xltools.names import file_stem
from xltools.projects import decode_text, load_projects
from xltools.scoring import indicator_score
from xltools.values import parse

EXAMPLES = ROOT / "xltools" / "examples"


@pytest.mark.parametrize("text, op, value, unit", [
    ("＞=80%", ">=", 80, "%"),        # a full-width sign typed next to a half-width one (NFKC)
    ("＞＝８０％", ">=", 80, "%"),
    ("≥五家", ">=", 5, "家"),         # Chinese numerals before a unit (cn2an)
    ("一百人", None, 100, "人"),
    ("≥一百二十人次", ">=", 120, "人次"),
    ("不少于三次", ">=", 3, "次"),     # was read as a qualitative word of the lowest tier
    ("五万元", None, 50000, "元"),
])
def test_targets_that_read_as_numbers_now(text, op, value, unit):
    parsed = parse(text)
    assert parsed.kind in ("number", "comparison") and parsed.op == op, parsed
    assert parsed.quantity.base == value and parsed.quantity.base_unit == unit
    assert parsed.raw == text


def test_scored_as_the_form_means_it():
    assert indicator_score("＞=80%", "85%", 10) == 10
    assert indicator_score("≥五家", "4家", 10) == pytest.approx(8)
    assert indicator_score("不少于三次", "3次", 6) == 6


@pytest.mark.parametrize("text", ["一般公共预算", "三公经费", "十分满意", "一次性完成", "统一标准", "100㎡", "①培训到位"])
def test_words_with_numeral_characters_stay_words(text):
    parsed = parse(text)
    assert parsed.kind not in ("number", "comparison", "range") or text == "100㎡", parsed
    if text == "100㎡":
        assert parsed.quantity.base_unit == "平方米"  # NFKC only on the full-width block: ㎡ is not m2


def _as_tab_text(csv_text: str) -> str:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(csv_text)))
    return "\r\n".join("\t".join(row) for row in rows) + "\r\n"


@pytest.mark.parametrize("encoding, tabs", [("utf-16", True), ("utf-16", False), ("utf-16-le", True),
                                            ("gb18030", False), ("gbk", True), ("utf-8", False)])
def test_project_lists_in_the_encodings_offices_save(tmp_path, encoding, tabs):
    """Excel's "Unicode 文本" is UTF-16 with tabs (refused before); "CSV" is GBK on Chinese Windows."""
    text = (EXAMPLES / "项目清单.csv").read_text(encoding="utf-8-sig")
    if tabs:
        text = _as_tab_text(text)
    path = tmp_path / "清单.csv"
    path.write_bytes(text.encode(encoding))
    projects = load_projects(path)
    expected = load_projects(EXAMPLES / "项目清单.csv")
    assert len(projects) == len(expected)
    assert [p.info.budget for p in projects] == [p.info.budget for p in expected]
    assert [p.info.name for p in projects] == [p.info.name for p in expected]


def test_undecodable_text_is_refused_in_chinese():
    from xltools.errors import UserError

    with pytest.raises(UserError, match="无法识别"):
        decode_text(bytes(range(128, 256)) * 4 + b"\x00\xff\xfe" * 50, "乱码.csv")


@pytest.mark.parametrize("name, expected", [("COM¹", "_COM¹"), ("LPT²", "_LPT²"), ("项目\x7f名称", "项目_名称"),
                                            ("CON", "_CON"), ("AUX .", "_AUX"), ("道路/桥梁:养护*项目?", "道路_桥梁_养护_项目_")])
def test_windows_file_names(name, expected):
    assert file_stem(name) == expected


def test_long_chinese_names_fit_the_file_system(tmp_path):
    stem = file_stem("某某市某某区某某街道社区卫生服务中心基本公共卫生服务项目" * 5)
    path = tmp_path / f"{stem}(2).xlsx"
    path.write_bytes(b"x")  # 100 Chinese characters were 300+ bytes: too long for a file name on Linux and macOS
    assert len(path.name.encode("utf-8")) <= 255


def test_progress_bar_in_chinese_on_a_terminal():
    code = ("import time\nfrom pathlib import Path\nfrom xltools.batch import Progress\nb = Progress(2)\n"
            "for name in ('湖北.xlsx', '湖南.xlsx'):\n    b.step(Path(name))\n    time.sleep(0.15)\nb.done()\n")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=slave, stdout=slave, stderr=slave, cwd=ROOT)
    os.close(slave)
    out = b""
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        out += data
    proc.wait()
    os.close(master)
    text = out.decode("utf-8", "replace")
    assert "检查中" in text and "2/2 个文件" in text and "湖南.xlsx" in text, text
    assert "it/s" not in text


def test_no_progress_bar_when_not_a_terminal(run_cli):
    result = run_cli("check", str(ROOT / "templates"))
    assert "检查中" not in result.stderr


@pytest.mark.parametrize("where", ["workbook", "results"])
def test_marks_clear_from_a_copy_written_with_character_references(tmp_path, where):
    """Some programs store non-ASCII text as numeric character references (部 as &#37096;): sheet names in
    workbook.xml, the 检查结果 metadata. Clearing used to miss the marked cells and leave dangling styles."""
    import re
    import zipfile

    from openpyxl import load_workbook

    from tests import seed_books
    from xltools.check import check_file
    from xltools.mark import clear_file, mark_file

    book = seed_books.hubei_000(tmp_path / "湖北.xlsx")
    mark_file(book, tmp_path / "marked.xlsx", check_file(book).findings)
    with zipfile.ZipFile(tmp_path / "marked.xlsx") as z:
        parts = {n: z.read(n) for n in z.namelist()}
    names = ["xl/workbook.xml"] if where == "workbook" else [n for n in parts if n.startswith("xl/worksheets/sheet")]
    for name in names:
        parts[name] = re.sub(r"[^\x00-\x7f]", lambda m: f"&#{ord(m.group(0))};", parts[name].decode()).encode()
    with zipfile.ZipFile(tmp_path / "ncr.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    assert clear_file(tmp_path / "ncr.xlsx", tmp_path / "cleared.xlsx")
    cleared = load_workbook(tmp_path / "cleared.xlsx")  # no style index left pointing past the styles
    original = load_workbook(book)
    assert cleared.sheetnames == original.sheetnames
    ws, before = cleared.worksheets[0], original.worksheets[0]
    assert ws["F5"].fill.fgColor.rgb == before["F5"].fill.fgColor.rgb
    assert not any(c.comment for row in ws.iter_rows() for c in row)
