"""A workbook is untrusted: checking, marking and clearing never run its macros, never follow its
external links and never touch the network.

The proof watches the interpreter itself: a child process installs an audit hook (PEP 578)
before it checks, marks and clears an .xlsm whose Auto_Open would create a file, a workbook
linked to another workbook that exists on this disk (with and without cached values, so the
formula evaluator runs too), and a workbook with hyperlinks and a WEBSERVICE formula to an
address. Every process start, network call, library load and file opened is recorded.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import xlsxwriter

from tests.feature_books import edit_package, external_link, hyperlinks, vba_project

ADDRESS = "http://127.0.0.1:9/xltools-must-not-fetch"
NETWORK_AND_PROCESSES = ("socket.", "subprocess.", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
                         "os.startfile", "os.fork", "os.forkpty", "webbrowser.", "urllib.", "http.client.",
                         "ftplib.", "smtplib.", "ctypes.dlopen")

CHILD = r"""
import json, sys
from pathlib import Path
import formulas, openpyxl, python_calamine  # the heavy imports before the hook: their files are not the point
import xltools.cli, xltools.check, xltools.mark, xltools.workbook.evaluate
events = []
def hook(event, args):
    if event == "open":
        events.append(["open", str(args[0])])
    elif event.startswith(tuple(json.loads(sys.argv[1]))):
        events.append([event, repr(args)[:200]])
sys.addaudithook(hook)
codes = [xltools.cli.main(args) for args in json.loads(sys.argv[2])]
print(json.dumps({"codes": codes, "events": events}))
"""


def _other_workbook(path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("Sheet1").write("A1", 999)
    wb.close()
    return path


def _auto_exec(path: Path) -> list[str]:
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(path))
    try:
        return [keyword for kind, keyword, _ in parser.analyze_macros() if kind == "AutoExec"]
    finally:
        parser.close()


def test_no_macro_runs_no_link_is_followed_no_network_is_touched(tmp_path):
    ran = tmp_path / "宏运行过"
    xlsm = vba_project(tmp_path, ran)
    assert "Auto_Open" in _auto_exec(xlsm)  # the macro is real: Excel would run it on opening

    target = _other_workbook(tmp_path / "linked-target-never-open.xlsx")
    linked = external_link(tmp_path, target.as_uri())
    uncached = Path(shutil.copyfile(linked, tmp_path / "linked-uncached.xlsx"))  # the evaluator must run here
    edit_package(uncached, {"xl/worksheets/sheet1.xml": lambda xml: xml.replace("<v>42</v>", "")})

    links = hyperlinks(tmp_path, ADDRESS)
    edit_package(links, {"xl/worksheets/sheet1.xml": lambda xml: xml.replace(
        "</sheetData>", f'<row r="20"><c r="A20"><f>WEBSERVICE("{ADDRESS}")</f></c></row></sheetData>')})

    runs = []
    for book in (xlsm, linked, uncached, links):
        marked = tmp_path / f"标记-{book.name}"
        runs += [["check", str(book), "--mark", str(marked)], ["clear", str(marked)]]
    done = subprocess.run([sys.executable, "-c", CHILD, json.dumps(NETWORK_AND_PROCESSES), json.dumps(runs)],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.splitlines()[-1])

    assert all(code in (0, 1) for code in result["codes"]), result["codes"]  # each one checked and marked
    assert not ran.exists()  # Auto_Open did not run
    calls = [e for e in result["events"] if e[0] != "open"]
    assert calls == []  # no process, no socket, no URL, no library loaded
    opened = [e[1] for e in result["events"] if e[0] == "open"]
    assert [p for p in opened if target.name in p] == []  # the linked workbook was never opened
    assert any(xlsm.name in path for path in opened)  # (the hook did see the files that were read)
    assert not any("127.0.0.1" in path or path.startswith(("http", "\\\\")) for path in opened)
