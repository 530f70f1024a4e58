"""Every broken or hostile input gets its Chinese answer, exit 2, no traceback, and nothing written.

The read kinds come from tests/hostile_corpus.py and are checked in one child process (a
crash inside python-calamine would kill it, not the test run), whose peak memory is measured.
The output kinds are situations around writing: each has its scenario below.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.hostile_corpus import (
    KINDS,
    OUTPUT_KINDS,
    captured,
    good_form,
    honest_final_accounts,
    one_cell_sheets,
    package,
    sheet_xml,
)
from xltools import batch
from xltools.cli import main
from xltools.errors import UserError
from xltools.outputs import TEMP_SUFFIX
from xltools.workbook import read
from xltools.workbook.limits import INFO, Limits
from xltools.workbook.read import LimitExceeded, ReadError, read_book

HERE = Path(__file__).resolve().parent
PEAK_MB = 300


def xltools_exe() -> str:
    beside = Path(sys.executable).parent / "xltools"
    return str(beside) if beside.exists() else shutil.which("xltools") or "xltools"


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory):
    """Build the corpus and check every kind in one child process; its answers and peak memory."""
    folder = tmp_path_factory.mktemp("hostile")
    done = subprocess.run([sys.executable, str(HERE / "hostile_corpus.py"), "run", str(folder)],
                          capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, f"the corpus run died: {done.stderr[-2000:]}"
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    results = {r["kind"]: r for r in lines if "kind" in r}
    return folder, results, lines[-1]["peak_mb"]


def test_corpus_has_at_least_25_kinds_and_each_names_its_limit():
    assert len(KINDS) + len(OUTPUT_KINDS) >= 25 and len({k.name for k in KINDS}) == len(KINDS)
    for kind in KINDS:
        if kind.limit:
            assert kind.limit in INFO and kind.limit in kind.message


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_each_kind_gets_its_answer_exit_2_and_nothing_written(corpus_run, kind):
    _, results, _ = corpus_run
    result = results[kind.name]
    assert result["code"] == 2
    assert kind.message in result["stderr"], result["stderr"]
    assert "Traceback" not in result["stderr"] and result["stderr"].startswith("错误：")
    assert result["written"] == []  # no marked copy, no temporary file
    if kind.limit:
        value = f"{getattr(Limits(), kind.limit):,}"
        assert value in result["stderr"]  # the message names the limit and its value
    if result["stdout"]:  # a file that was read reports its error in the JSON contract too
        assert json.loads(result["stdout"])["files"][0]["error"]


def test_the_corpus_run_stays_under_300_mb(corpus_run):
    _, _, peak_mb = corpus_run
    assert peak_mb < PEAK_MB, peak_mb


def test_a_folder_run_gives_each_bad_file_its_row_and_goes_on(corpus_run, tmp_path):
    folder, _, _ = corpus_run
    inbox = tmp_path / "收到的表"
    inbox.mkdir()
    files = [k for k in KINDS if (folder_path := _built(folder, k.name)) is not None and folder_path.is_file()
             and not folder_path.is_symlink()]
    for kind in files:
        shutil.copyfile(_built(folder, kind.name), inbox / f"{kind.name}.xlsx")
    good = [good_form(inbox / "甲 单位.xlsx"), good_form(inbox / "乙单位.xlsx")]
    marked = tmp_path / "已标记"
    done = subprocess.run([xltools_exe(), "check", str(inbox), "--mark", str(marked), "--jobs", "2",
                           "--format", "json", "--summary", str(tmp_path / "汇总.xlsx")],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    rows = {Path(f["path"]).stem: f for f in json.loads(done.stdout)["files"]}
    for kind in files:
        assert kind.message in (rows[kind.name]["error"] or ""), kind.name
    for path in good:
        assert rows[path.stem]["error"] is None and rows[path.stem]["findings"]
    assert sorted(p.name for p in marked.iterdir()) == sorted(f"{p.stem}_已标记.xlsx" for p in good)
    assert (tmp_path / "汇总.xlsx").exists()


def _built(folder: Path, name: str) -> Path | None:
    manifest = (folder / "manifest.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for line in manifest:
        kind, file, *_ = line.split("\t")
        if kind == name:
            return folder / file
    return None


# ---- limits -----------------------------------------------------------------------------------

def test_limits_from_a_settings_table_and_refusals():
    limits = Limits.from_mapping({"max_rows": 10, "max_sheets": 3})
    assert (limits.max_rows, limits.max_sheets, limits.max_cells) == (10, 3, Limits().max_cells)
    with pytest.raises(UserError, match="未知的限制项：max_row"):
        Limits.from_mapping({"max_row": 10})
    for bad in (0, -1, "10", 1.5, True):
        with pytest.raises(UserError, match="正整数"):
            Limits.from_mapping({"max_rows": bad})


def test_a_limit_can_be_raised_for_a_rare_honest_giant(tmp_path):
    path = one_cell_sheets(tmp_path / "长表.xlsx", "A1", "A300")
    with pytest.raises(LimitExceeded) as refused:
        read_book(path, Limits(max_rows=299))
    assert refused.value.limit == "max_rows" and "299" in str(refused.value)
    assert read_book(path, Limits(max_rows=300)).sheets[0].height == 300


def test_an_honest_100000_row_final_accounts_workbook_passes(tmp_path):
    book = read_book(honest_final_accounts(tmp_path / "决算.xlsx"))
    assert book.sheets[0].height == 100_001 and book.sheets[0].width == 9


def test_sheet_extents_match_what_calamine_reads(tmp_path):
    """The pre-read's idea of a sheet's reach is never smaller than calamine's (the allocation)."""
    from xltools.workbook.safety import inspect

    cases = {
        "ordered": '<row r="1"><c r="A1"><v>1</v></c></row><row r="5"><c r="C5"><v>2</v></c></row>',
        "unordered": '<row r="9"><c r="B9"><v>1</v></c></row><row r="2"><c r="D2"><v>2</v></c></row>',
        "no_addresses": '<row><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row><row><c><v>4</v></c></row>',
        "mixed": '<row r="3"><c r="B3"><v>1</v></c><c><v>2</v></c></row>',
    }
    for name, body in cases.items():
        path = package(tmp_path / f"{name}.xlsx", {"表1": sheet_xml(body)})
        scan = inspect(path, Limits()).sheets[0].scan
        sheet = read_book(path).sheets[0]
        assert scan.rows >= sheet.height and scan.columns >= sheet.width, name


# ---- outputs --------------------------------------------------------------------------------

def run_in_process(*args: str) -> tuple[int, str, str]:
    with captured() as (out, err):
        code = main(list(args))
    assert "Traceback" not in err()
    return code, out(), err()


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob(f"*{TEMP_SUFFIX}")]


def output_kind(name: str) -> str:
    return next(k.message for k in OUTPUT_KINDS if k.name == name)


def test_chinese_path_with_spaces_is_checked_and_marked(tmp_path):
    folder = tmp_path / "收到的 表格" / "第一 批"
    folder.mkdir(parents=True)
    source = good_form(folder / "某某 单位 自评表.xlsx")
    target = folder / "标记 副本.xlsx"
    code, out, _ = run_in_process("check", str(source), "--mark", str(target))
    assert code == 1 and target.exists() and "SE01" in out and not leftovers(tmp_path)


def run_without_override(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI bound by file permissions: as root, drop the capabilities that override them."""
    def drop() -> None:
        if os.geteuid() == 0:
            libc = ctypes.CDLL(None, use_errno=True)
            for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
                if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
                    raise OSError(ctypes.get_errno(), "prctl")

    return subprocess.run([xltools_exe(), *args], capture_output=True, text=True, timeout=300, preexec_fn=drop,
                          check=False)


PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2


def test_read_only_output_folder_exits_2_in_chinese_and_writes_nothing(tmp_path):
    source = good_form(tmp_path / "表.xlsx")
    locked = tmp_path / "只读"
    locked.mkdir()
    locked.chmod(0o555)
    done = run_without_override("check", str(source), "--mark", str(locked / "标记.xlsx"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert output_kind("read_only_folder") in done.stderr and "Permission denied" not in done.stderr
    assert list(locked.iterdir()) == []


def test_unreadable_input_exits_2_in_chinese(tmp_path):
    source = good_form(tmp_path / "无权限.xlsx")
    source.chmod(0o000)
    done = run_without_override("check", str(source))
    assert done.returncode == 2 and output_kind("no_read_permission") in done.stderr and "Traceback" not in done.stderr


def test_mark_onto_the_input_itself_or_a_hard_link_to_it_is_refused(tmp_path):
    source = good_form(tmp_path / "表.xlsx")
    before = source.read_bytes()
    code, _, err = run_in_process("check", str(source), "--mark", str(source))
    assert code == 2 and output_kind("mark_is_input") in err
    link = tmp_path / "链接.xlsx"
    os.link(source, link)
    code, _, err = run_in_process("check", str(source), "--mark", str(link))
    assert code == 2 and output_kind("mark_is_input_hard_link") in err
    code, _, err = run_in_process("check", str(source), "--summary", str(source))
    assert code == 2 and output_kind("summary_is_input") in err
    assert source.read_bytes() == before and not leftovers(tmp_path)


@pytest.mark.parametrize("lock", ["~$标记.xlsx", ".~lock.标记.xlsx#"])
def test_a_target_open_in_excel_or_wps_is_not_overwritten(tmp_path, lock):
    source = good_form(tmp_path / "表.xlsx")
    target = tmp_path / "标记.xlsx"
    target.write_bytes(b"the copy the user has open")
    (tmp_path / lock).write_bytes(b"")
    code, _, err = run_in_process("check", str(source), "--mark", str(target))
    assert code == 2 and output_kind("open_in_excel") in err and lock in err
    assert target.read_bytes() == b"the copy the user has open" and not leftovers(tmp_path)


def test_in_place_marking_of_a_workbook_open_in_excel_is_refused(tmp_path):
    source = good_form(tmp_path / "原表.xlsx")
    before = source.read_bytes()
    (tmp_path / "~$原表.xlsx").write_bytes(b"")
    code, _, err = run_in_process("check", str(source), "--in-place")
    assert code == 2 and output_kind("in_place_open_in_excel") in err
    assert source.read_bytes() == before and not leftovers(tmp_path)


def _fill(folder: Path) -> None:
    with contextlib.suppress(OSError), (folder / "填满.bin").open("wb") as f:
        while True:
            f.write(b"\0" * 4096)
            f.flush()


def test_a_full_disk_exits_2_and_leaves_nothing_behind(tmp_path):
    """A real full disk where this machine allows mounting a small tmpfs, else a file size limit."""
    source = good_form(tmp_path / "表.xlsx")
    disk = tmp_path / "小磁盘"
    disk.mkdir()
    mounted = os.geteuid() == 0 and subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)],
                                                   capture_output=True, check=False).returncode == 0
    try:
        if mounted:
            _fill(disk)
            code, _, err = run_in_process("check", str(source), "--mark", str(disk / "标记.xlsx"))
            assert "磁盘空间不足" in err
        else:
            done = _with_file_size_limit(source, disk / "标记.xlsx")
            code, err = done.returncode, done.stderr
            assert "超出系统允许的文件大小" in err
        assert code == 2 and "Traceback" not in err
        assert sorted(p.name for p in disk.iterdir()) == (["填满.bin"] if mounted else [])
    finally:
        if mounted:
            subprocess.run(["umount", str(disk)], check=True)


def _with_file_size_limit(source: Path, target: Path) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))

    return subprocess.run([xltools_exe(), "check", str(source), "--mark", str(target)], capture_output=True,
                          text=True, timeout=300, preexec_fn=limit, check=False)


def test_a_file_size_limit_exits_2_and_leaves_nothing_behind(tmp_path):
    source = good_form(tmp_path / "表.xlsx")
    out = tmp_path / "输出"
    out.mkdir()
    done = _with_file_size_limit(source, out / "标记.xlsx")
    assert done.returncode == 2 and "超出系统允许的文件大小" in done.stderr and "Traceback" not in done.stderr
    assert list(out.iterdir()) == []


def _batch(tmp_path: Path, names: list[str]) -> tuple[Path, list[Path]]:
    folder = tmp_path / "一批"
    folder.mkdir()
    return folder, [good_form(folder / name) for name in names]


def test_a_file_that_vanishes_during_a_batch_is_its_row_and_the_run_goes_on(tmp_path, monkeypatch):
    folder, files = _batch(tmp_path, ["1.xlsx", "2.xlsx", "3.xlsx"])
    inspected = read.inspect  # files are read in groups (read_books): the next one goes while 1.xlsx is read

    def inspect_then_delete_the_next(path, *args, **kwargs):
        found = inspected(path, *args, **kwargs)
        if path.name == "1.xlsx":
            files[1].unlink()
        return found

    monkeypatch.setattr(read, "inspect", inspect_then_delete_the_next)
    code, out, err = run_in_process("check", str(folder), "--mark", str(tmp_path / "标记"), "--format", "json")
    rows = {Path(f["path"]).name: f for f in json.loads(out)["files"]}
    assert code == 2 and output_kind("vanishes_in_batch") in rows["2.xlsx"]["error"]
    assert output_kind("vanishes_in_batch") in err
    assert rows["1.xlsx"]["error"] is None and rows["3.xlsx"]["error"] is None
    assert sorted(p.name for p in (tmp_path / "标记").iterdir()) == ["1_已标记.xlsx", "3_已标记.xlsx"]


def test_a_file_replaced_after_its_check_is_not_marked(tmp_path, monkeypatch):
    folder, files = _batch(tmp_path, ["1.xlsx", "2.xlsx"])
    checked = batch.check_files
    other = one_cell_sheets(tmp_path / "另一个.xlsx", "A1", "B2")

    def check_then_replace_the_first(paths, *args, **kwargs):
        for report in checked(paths, *args, **kwargs):
            yield report
            if report.path.name == "2.xlsx":
                os.replace(other, files[0])  # a newer version saved over it, after it was checked

    monkeypatch.setattr(batch, "check_files", check_then_replace_the_first)
    code, _, err = run_in_process("check", str(folder), "--mark", str(tmp_path / "标记"), "--format", "json")
    assert code == 2 and output_kind("replaced_in_batch") in err
    assert sorted(p.name for p in (tmp_path / "标记").iterdir()) == ["2_已标记.xlsx"]


def test_every_output_kind_has_its_scenario():
    scenarios = {
        "chinese_path": test_chinese_path_with_spaces_is_checked_and_marked,
        "read_only_folder": test_read_only_output_folder_exits_2_in_chinese_and_writes_nothing,
        "no_read_permission": test_unreadable_input_exits_2_in_chinese,
        "mark_is_input": test_mark_onto_the_input_itself_or_a_hard_link_to_it_is_refused,
        "mark_is_input_hard_link": test_mark_onto_the_input_itself_or_a_hard_link_to_it_is_refused,
        "summary_is_input": test_mark_onto_the_input_itself_or_a_hard_link_to_it_is_refused,
        "disk_full": test_a_full_disk_exits_2_and_leaves_nothing_behind,
        "open_in_excel": test_a_target_open_in_excel_or_wps_is_not_overwritten,
        "in_place_open_in_excel": test_in_place_marking_of_a_workbook_open_in_excel_is_refused,
        "vanishes_in_batch": test_a_file_that_vanishes_during_a_batch_is_its_row_and_the_run_goes_on,
        "replaced_in_batch": test_a_file_replaced_after_its_check_is_not_marked,
    }
    assert set(scenarios) == {k.name for k in OUTPUT_KINDS}


# ---- the reader's own pieces ------------------------------------------------------------------

def test_a_part_whose_local_header_disagrees_with_the_directory_is_refused(tmp_path):
    path = good_form(tmp_path / "表.xlsx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    data[info.header_offset + 22:info.header_offset + 26] = (info.file_size * 1000).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(ReadError, match="压缩包目录与内容不符"):
        read_book(path)


def test_uncached_formulas_at_the_edge_of_the_sheet_are_evaluated(tmp_path):
    """A total formula with no cached value beyond the last value cell still gets its value."""
    body = ('<row r="1"><c r="A1"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c></row>'
            '<row r="3"><c r="B3"><f>SUM(A1:A2)</f></c></row>')
    book = read_book(package(tmp_path / "公式.xlsx", {"表1": sheet_xml(body)}))
    assert book.evaluated and book.sheets[0].value(2, 1) == 5


def test_formula_evaluation_that_runs_too_long_is_stopped(tmp_path):
    # many formulas over one small range: slow to compute, yet no estimate of its memory refuses it
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><f>SUM(A$1:A$50)+{r}</f></c></row>'
                   for r in range(1, 3000))
    path = package(tmp_path / "慢.xlsx", {"表1": sheet_xml(rows)})
    with pytest.raises(ReadError, match="超过 1 秒仍未完成（限制项 max_evaluate_seconds）"):
        read_book(path, Limits(max_evaluate_seconds=1))
