"""The Python API a reviewer uses from a notebook: ``xltools.check(paths) -> Report``."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from tests import seed_books
from tests.conftest import ROOT


@pytest.fixture()
def folder(tmp_path):
    folder = tmp_path / "收到的表"
    (folder / "县区").mkdir(parents=True)
    seed_books.hubei_000(folder / "湖北.xlsx")
    seed_books.hunan_001(folder / "县区" / "湖南.xlsx")
    (folder / "坏文件.xlsx").write_bytes(b"not a workbook")
    return folder


def test_import_xltools_stays_light():
    code = ("import sys, xltools; print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('pandas', 'openpyxl', 'python_calamine', 'xlwings') or m in ('xltools.check', 'xltools.rules')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def test_check_a_folder_and_get_a_frame(folder, run_cli):
    import xltools

    report = xltools.check(folder)
    assert [p.path.name for p in report.files] == ["湖南.xlsx", "坏文件.xlsx", "湖北.xlsx"]  # 县区/ first, by path
    frame = report.to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["file", "sheet", "cell", "rule", "severity", "message", "expected", "actual"]
    # the same findings the command line reports, file by file, in order
    cli = json.loads(run_cli("check", str(folder), "--format", "json").stdout)
    expected = [(f["rule"], f["severity"], f["sheet"], f["cell"], f["message"], f["expected"], f["actual"])
                for entry in cli["files"] for f in entry["findings"]]
    got = list(frame[["rule", "severity", "sheet", "cell", "message", "expected", "actual"]]
               .itertuples(index=False, name=None))
    assert got == expected
    total = frame[(frame.rule == "SE03") & frame.file.str.endswith("湖北.xlsx")].iloc[0]
    assert total.cell == "B23" and total.expected == 81.0 and total.actual == 87.0
    assert len(report.findings) == len(frame) and report.findings[0].file == frame.file.iloc[0]
    assert report.unreadable[0].path.name == "坏文件.xlsx" and "无法读取" in report.unreadable[0].error


def test_files_frame_has_numbers_as_numbers(folder):
    import xltools

    files = xltools.check(folder).files_frame().set_index("file")
    hubei = files.loc[str(folder / "湖北.xlsx")]
    assert hubei.total == 87.0 and isinstance(hubei.total, float)
    assert hubei.errors == 2 and hubei["tables"].startswith("预算执行情况")
    assert files.loc[str(folder / "坏文件.xlsx")].read_error


def test_profile_as_on_the_command_line(tmp_path, run_cli):
    from openpyxl import Workbook

    import xltools
    from xltools.errors import UserError
    from tests.rule_bases import F1

    wb = Workbook()
    wb.active.title = "项目表"
    for row in F1:
        wb.active.append(row)
    wb.active["F6"] = "140人次"  # 40 % over its target of ≥100人次 with full marks: a deviation under yitihua
    wb.save(tmp_path / "一体化.xlsx")
    rules = {}
    for profile in ("yitihua", "national-2020"):
        api = xltools.check(tmp_path / "一体化.xlsx", profile=profile).to_frame()
        cli = json.loads(run_cli("check", "一体化.xlsx", "--profile", profile, "--format", "json").stdout)
        assert list(api.rule) == [f["rule"] for f in cli["files"][0]["findings"]], profile
        assert list(api.message) == [f["message"] for f in cli["files"][0]["findings"]], profile
        rules[profile] = set(api.rule)
    assert "YT01" in rules["yitihua"] and "YT01" not in rules["national-2020"]  # the profile was applied
    with pytest.raises(UserError, match="不是已有的口径"):
        xltools.check(tmp_path, profile="没有这个口径")


def test_options_exclude_and_rules(folder):
    import xltools

    report = xltools.check(str(folder), exclude=["县区"], rules=["se03"])
    assert sorted(r.path.name for r in report.files) == ["坏文件.xlsx", "湖北.xlsx"]
    assert set(report.to_frame().rule) == {"SE03"}
    from xltools.errors import UserError

    with pytest.raises(UserError, match="没有这些规则"):
        xltools.check(folder, rules=["XX99"])


def test_check_stays_callable_after_the_module_is_imported(folder):
    import xltools.check
    from xltools import check
    from xltools.check import check_file

    assert check(folder / "湖北.xlsx").errors == check_file(folder / "湖北.xlsx").errors == 2
    assert xltools.check is check and callable(xltools.check)


def test_to_excel_writes_the_same_summary_as_the_command_line(folder, tmp_path, run_cli):
    from openpyxl import load_workbook

    import xltools

    xltools.check(folder).to_excel(tmp_path / "api.xlsx")
    run_cli("check", str(folder), "--summary", str(tmp_path / "cli.xlsx"))
    api, cli = load_workbook(tmp_path / "api.xlsx"), load_workbook(tmp_path / "cli.xlsx")
    assert api.sheetnames == cli.sheetnames == ["文件汇总", "规则统计", "问题明细", "图表"]
    for name in ("文件汇总", "规则统计", "问题明细"):
        rows = lambda wb: [r for r in wb[name].iter_rows(min_row=3, values_only=True)]  # noqa: E731
        assert rows(api) == rows(cli), name


def test_select_ignore_and_config_as_on_the_command_line(folder, tmp_path, run_cli):
    import xltools
    from xltools.errors import UserError

    def pairs(report):
        return sorted((f.file.rsplit("/", 1)[-1], f.rule, f.cell) for f in report.findings)

    def cli_pairs(*args):
        out = json.loads(run_cli("check", str(folder), "--format", "json", *args).stdout)
        return sorted((e["path"].rsplit("/", 1)[-1], f["rule"], f["cell"]) for e in out["files"] for f in e["findings"])

    everything = pairs(xltools.check(folder))
    assert {r for _, r, _ in everything} >= {"SE03", "SE07", "SE08"}
    assert pairs(xltools.check(folder, select=["SE0"])) == cli_pairs("--select", "SE0") != everything
    assert pairs(xltools.check(folder, ignore=["SE03", "SE07"])) == cli_pairs("--ignore", "SE03,SE07")
    config = tmp_path / "别处.toml"
    config.write_text('ignore = ["SE08"]\n', encoding="utf-8")
    assert pairs(xltools.check(folder, config=config)) == cli_pairs("--config", str(config))
    assert not any(r == "SE08" for _, r, _ in pairs(xltools.check(folder, config=config)))
    with pytest.raises(UserError, match="XX99"):
        xltools.check(folder, select=["XX99"])
