"""The add-in as a reviewer installs it: pinned xlwings, functions built in, status and removal, 检查文件夹."""

from __future__ import annotations

import inspect
import re
import tomllib
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest
from oletools.olevba import VBA_Parser

from tests import seed_books
from tests.conftest import ROOT
from xltools.excel import addin, buttons, udf_vba, udfs


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return addin.build(tmp_path_factory.mktemp("addin") / "xltools.xlam")


def _modules(path: Path) -> dict[str, str]:
    parser = VBA_Parser(str(path))
    try:
        return {Path(name).stem: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def test_xlwings_is_pinned_to_the_version_whose_dll_the_add_in_names(built):
    installed = version("xlwings")
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert f"xlwings=={installed}" in dependencies
    module = _modules(built)["xlwings"]
    declared = set(re.findall(r'Lib "(xlwings(?:32|64)-[\d.]+\.dll)"', module))
    assert declared == {f"xlwings64-{installed}.dll", f"xlwings32-{installed}.dll"}
    assert addin.built_with(built)[addin.PROP_XLWINGS] == installed


def test_every_xt_function_is_wrapped_in_the_add_in(built):
    module = _modules(built)["xlwings_udfs"]
    for function in udfs.UDFS:
        params = inspect.signature(function).parameters.values()
        expected = ", ".join(("Optional " if p.default is not p.empty else "") + p.name for p in params)
        assert f"Function {function.__name__}({expected})" in module, function.__name__
        args = ", ".join(p.name for p in inspect.signature(function).parameters.values())
        assert (f'{function.__name__} = XLPy.CallUDF("{addin.UDF_MODULE}", "{function.__name__}", Array({args}), '
                "ActiveWorkbook, Application.Caller)") in module
        assert f'Application.MacroOptions Macro:="{function.__name__}"' in module
    source = addin.udf_module_source()
    assert source.isascii() and max(len(line) for line in source.splitlines()) < 1023  # VBA's limits


def test_function_wizard_texts_are_the_chinese_docs():
    source = addin.udf_module_source()
    block = source[source.index('    d = W("'):source.index('Application.MacroOptions Macro:="XT_EXECRATE"')]
    description = "".join(udf_vba.spelled_back(codes) for codes in re.findall(r'd = (?:d & )?W\("([^"]*)"\)', block))
    assert description == inspect.getdoc(udfs.XT_EXECRATE)
    arguments = [udf_vba.spelled_back(c) for c in re.findall(r'a\(\d\) = W\("([^"]*)"\)', block)]
    assert arguments == ["全年预算数(A)", "全年执行数(B)"]
    found = {u.name: u for u in udf_vba.udfs_of(udfs, udfs.UDFS)}
    assert found["XT_CAPPED"].arguments[2].doc.startswith("可选：口径：全国")  # an f-string doc, resolved
    assert found["XT_SCORE"].category == "绩效工具"


def _plan(tmp_path: Path, system: str = "Windows") -> addin.InstallPlan:
    python = tmp_path / "Python311" / "python.exe"
    python.parent.mkdir(parents=True, exist_ok=True)
    python.write_text("")
    return addin.plan_install(system, tmp_path / "home", tmp_path / "AppData" / "Roaming", python)


def test_status_and_remove(built, tmp_path):
    plan = _plan(tmp_path)
    assert "未安装" in addin.status(plan)[0] and "未配置" in addin.status(plan)[1]
    assert addin.remove(plan) == ["没有找到已安装的 xltools 加载项，无需移除。"]
    plan.config_file.parent.mkdir(parents=True)
    plan.config_file.write_text('"INTERPRETER_MAC","/usr/bin/python3"\n', encoding="utf-8")  # someone else's line
    addin.install(built, plan)
    lines = addin.status(plan)
    assert "已安装" in lines[0] and "与本机的 xlwings 一致" in lines[1] and "（存在）" in lines[2]
    _record_version(plan.addin_target, "0.30.0")  # an add-in built for another xlwings
    assert "版本不一致" in addin.status(plan)[1] and "xlwings64-0.30.0.dll" in addin.status(plan)[1]
    done = addin.remove(plan)
    assert len(done) == 2 and not plan.addin_target.exists()
    assert plan.config_file.read_text(encoding="utf-8") == '"INTERPRETER_MAC","/usr/bin/python3"\n'
    assert "未安装" in addin.status(plan)[0]


def _record_version(path: Path, xlwings: str) -> None:
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts[addin.CUSTOM_PART] = re.sub(rb"(xlwings \xe7\x89\x88\xe6\x9c\xac\"><vt:lpwstr>)[^<]*",
                                      rb"\g<1>" + xlwings.encode(), parts[addin.CUSTOM_PART])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_status_on_linux_says_there_is_no_excel(run_cli):
    for command in ("status", "remove"):
        result = run_cli("addin", command)
        assert result.returncode == 0 and "没有安装 xltools 加载项" in result.stdout


@pytest.fixture()
def xw():
    import xlwings  # tests/conftest.py sets XLWINGS_LICENSE_KEY before xlwings is first imported

    return xlwings


def _book(xw):
    return xw.Book(json={"client": "Office.js", "version": xw.__version__, "names": [],
                         "book": {"name": "工作簿1", "active_sheet_index": 0, "selection": "A1"},
                         "sheets": [{"name": "Sheet1", "values": [[""]], "pictures": [], "tables": [], "notes": []}]})


def test_check_folder_button(xw, tmp_path):
    folder = tmp_path / "收到的表"
    (folder / "县区").mkdir(parents=True)
    seed_books.hubei_000(folder / "湖北.xlsx")
    seed_books.hunan_001(folder / "县区" / "湖南.xlsx")
    shown, opened = [], []
    book = _book(xw)
    escaped = "".join(f"\\u{ord(ch):04x}" for ch in str(folder))  # as the VBA passes it
    target = buttons.check_folder(escaped.encode().decode("unicode_escape"), book, shown.append, opened.append)
    assert target == folder / "检查汇总.xlsx" and opened == [target]
    assert shown[:2] == ["绩效工具：正在检查 1/2 湖南.xlsx", "绩效工具：正在检查 2/2 湖北.xlsx"] and shown[-1] is False
    alert = next(a for a in book.json()["actions"] if a["func"] == "alert")["args"][0]
    assert alert.startswith("检查完成：2 个文件，错误 2 处")
    import xltools

    assert len(xltools.check(target).files) == 1  # the summary itself, when named
    second = _book(xw)
    assert buttons.check_folder(str(folder), second, shown.append, opened.append) == target
    alert = next(a for a in second.json()["actions"] if a["func"] == "alert")["args"][0]
    assert "2 个文件" in alert and "跳过 xltools 写出的文件 1 个" in alert  # the first summary is not checked
    (folder / "~$检查汇总.xlsx").write_bytes(b"lock")  # the summary is open in Excel
    assert buttons.check_folder(str(folder), _book(xw), shown.append, opened.append) == folder / "检查汇总(2).xlsx"


def test_check_folder_with_nothing_to_check(xw, tmp_path):
    book = _book(xw)
    assert buttons.check_folder(str(tmp_path), book, lambda text: None, lambda path: None) is None
    alert = next(a for a in book.json()["actions"] if a["func"] == "alert")["args"][0]
    assert "没有 Excel 工作簿" in alert
