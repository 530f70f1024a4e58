"""A workbook is untrusted: checking, marking and clearing never run its macros, never follow its
external links and never touch the network.

The proof watches the interpreter itself: every Python process the test starts installs an
audit hook (PEP 578, through sitecustomize) before it checks, marks and clears an .xlsm whose
Auto_Open would create a file, a workbook linked to another workbook that exists on this disk
(with and without cached values, so the formula evaluator runs too, in its own process), and a
workbook with hyperlinks and a WEBSERVICE formula to an address. Every process start, network
call, library load and file opened is recorded; the only process started is the evaluator.
"""

from __future__ import annotations

import json
import os
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

# Installed in every Python process the test starts (and their children, such as the formula
# evaluator) through PYTHONPATH: the events go to one log, written when each process ends.
SITECUSTOMIZE = r"""
import atexit, json, os, sys
_log, _events, _busy = os.environ["XLTOOLS_AUDIT_LOG"], [], [False]
_watch = tuple(json.loads(os.environ["XLTOOLS_AUDIT_WATCH"]))
def _hook(event, args):
    if _busy[0]:
        return
    if event == "open":
        _events.append(["open", str(args[0])])
    elif event.startswith(_watch):
        _events.append([event, [str(args[0]), [str(a) for a in args[1]]] if event == "subprocess.Popen"
                        else repr(args)[:200]])
def _write():
    _busy[0] = True
    with open(_log, "a", encoding="utf-8") as f:
        f.write(json.dumps({"pid": os.getpid(), "argv": sys.argv, "events": _events}) + "\n")
atexit.register(_write)
sys.addaudithook(_hook)
"""
CHILD = r"""
import json, sys
import xltools.cli
codes = [xltools.cli.main(args) for args in json.loads(sys.argv[1])]
print(json.dumps(codes))
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
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "audit.jsonl"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(hooks), os.environ.get("PYTHONPATH", "")]),
           "XLTOOLS_AUDIT_LOG": str(log), "XLTOOLS_AUDIT_WATCH": json.dumps(NETWORK_AND_PROCESSES)}
    done = subprocess.run([sys.executable, "-c", CHILD, json.dumps(runs)], capture_output=True, text=True,
                          timeout=900, cwd=tmp_path, env=env, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    codes = json.loads(done.stdout.splitlines()[-1])
    assert all(code in (0, 1) for code in codes), codes  # each one checked, marked and cleared
    assert not ran.exists()  # Auto_Open did not run

    processes = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    evaluators = [p for p in processes if p["argv"][:1] != ["-c"]]
    assert evaluators and all(p["argv"][0].endswith("evaluate.py") for p in evaluators)  # our formula evaluator
    for process in processes:
        calls = [e for e in process["events"] if e[0] != "open"]
        started = [e for e in calls if e[0] == "subprocess.Popen"]
        assert all(e[1][1][1:3] == ["-m", "xltools.workbook.evaluate"] for e in started), started
        # no socket, URL or other process; no library but the process's own symbols (ctypes.CDLL(None))
        assert [e for e in calls if e[0] != "subprocess.Popen" and e != ["ctypes.dlopen", "(None,)"]] == [], process["argv"]
        opened = [e[1] for e in process["events"] if e[0] == "open"]
        assert [p for p in opened if target.name in p] == []  # the linked workbook was never opened
        assert not any("127.0.0.1" in path or path.startswith(("http", "\\\\")) for path in opened)
    assert any(xlsm.name in e[1] for p in processes for e in p["events"] if e[0] == "open")  # the hook saw reads
