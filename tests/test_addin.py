"""The add-in: built from macros/ without Excel, read back with oletools, ribbon parsed, opened in LibreOffice."""

from __future__ import annotations

import importlib
import re
import zipfile
from pathlib import Path

import pytest
from defusedxml import ElementTree
from oletools.olevba import VBA_Parser

from tests.conftest import ROOT
from xltools.errors import UserError
from xltools.excel import addin, buttons

MACROS = ROOT / "macros"
NS = {"ui": "http://schemas.microsoft.com/office/2006/01/customui"}


def normalise(vba: str) -> str:
    """Source as VBA stores it: no Attribute lines, LF line ends, no trailing blank lines."""
    lines = [line.rstrip() for line in vba.replace("\r\n", "\n").split("\n") if not line.startswith("Attribute VB_")]
    return "\n".join(lines).strip("\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return addin.build(tmp_path_factory.mktemp("addin") / "xltools.xlam")


def modules(path: Path) -> dict[str, str]:
    parser = VBA_Parser(str(path))
    try:
        return {Path(name).stem: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def test_vba_modules_equal_the_sources(built):
    found = modules(built)
    assert normalise(found["xltools"]) == normalise((MACROS / "xltools.bas").read_text(encoding="utf-8"))
    assert normalise(found["xlwings"]) == normalise(addin.xlwings_module_source())
    assert normalise(found["xlwings_udfs"]) == normalise(addin.udf_module_source())  # no 导入函数 click needed
    assert 'PROJECT_NAME As String = "xltools"' in found["xlwings"]
    assert "Module1" not in found


def test_ribbon_has_the_tab_and_buttons_and_every_callback_exists(built):
    with zipfile.ZipFile(built) as z:
        ribbon = ElementTree.fromstring(z.read(addin.RIBBON_PART))
        rels = z.read("_rels/.rels").decode()
    assert addin.REL_RIBBON in rels and addin.RIBBON_PART in rels
    tab = ribbon.find(".//ui:tab", NS)
    assert tab.get("label") == "绩效工具"
    labels = [b.get("label") for b in ribbon.iterfind(".//ui:button", NS)]
    assert {"检查本工作簿", "清除标记", "检查文件夹", "新建项目表", "汇总", "帮助"} <= set(labels)
    assert "导入函数" not in labels  # the XT_ wrappers are built into the add-in
    source = (MACROS / "xltools.bas").read_text(encoding="utf-8")
    subs = set(re.findall(r"^Sub (\w+)\(control As IRibbonControl\)", source, re.MULTILINE))
    assert {b.get("onAction") for b in ribbon.iterfind(".//ui:button", NS)} == subs
    calls = set(re.findall(r'import ([\w.]+) as b; b\.(\w+)\(', source))
    assert calls == {(buttons.__name__, name) for name in  # one Python entry point per button
                     ("check_workbook", "clear_marks", "check_folder", "new_project_sheet", "build_summary",
                      "show_help")}
    for module, function in calls:
        assert callable(getattr(importlib.import_module(module), function)), function
    assert "ImportPythonUDFsToAddin" in addin.xlwings_module_source()


def test_config_sheet_names_the_udf_module(built):
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(built))
    assert wb.sheet_names == ["xltools.conf"]
    key, module = wb.get_sheet_by_name("xltools.conf").to_python()[0][:2]
    assert (key, module) == ("UDF MODULES", "xltools.excel.udfs")
    importlib.import_module(module)


def test_libreoffice_opens_the_add_in_and_its_vba(built, libreoffice, tmp_path):
    """LibreOffice does not detect .xlam by itself; its Excel 2007 VBA import filter opens it."""
    [converted] = libreoffice([built], tmp_path / "lo", fmt="ods", infilter="Calc MS Excel 2007 VBA XML")
    with zipfile.ZipFile(converted) as z:
        names = z.namelist()
        assert {"Basic/VBAProject/xltools.xml", "Basic/VBAProject/xlwings.xml"} <= set(names)
        assert "RunPython" in z.read("Basic/VBAProject/xltools.xml").decode()


@pytest.mark.parametrize("system", ["Windows", "Darwin"])
def test_install_copies_the_add_in_and_configures_xlwings(built, tmp_path, system):
    home, appdata = tmp_path / "home", tmp_path / "AppData" / "Roaming"
    python = tmp_path / "Python311" / ("python.exe" if system == "Windows" else "python3")
    python.parent.mkdir(parents=True)
    python.write_text("")
    plan = addin.plan_install(system, home, appdata, python)
    done = addin.install(built, plan)
    assert plan.addin_target.read_bytes() == built.read_bytes()
    config = plan.config_file.read_text(encoding="utf-8")
    assert config == f'"{plan.config_key}","{python}"\n'
    assert len(done) == 3 and all(re.search(r"[\u4e00-\u9fff]", line) for line in done)
    if system == "Windows":
        assert plan.addin_target.parent.name == "XLSTART" and plan.config_file.name == "xltools.conf"
    addin.install(built, plan)  # installing again replaces, never duplicates
    assert plan.config_file.read_text(encoding="utf-8").count(plan.config_key) == 1


def test_install_on_linux_says_it_needs_excel(run_cli):
    with pytest.raises(UserError, match="需要 Windows 或 macOS"):
        addin.plan_install("Linux", Path.home(), None, Path("/usr/bin/python3"))
    result = run_cli("addin", "install")
    assert result.returncode == 2 and "需要 Windows 或 macOS" in result.stderr and "Traceback" not in result.stderr


def test_build_command(run_cli, tmp_path):
    result = run_cli("addin", "build", "--out", "out/xltools.xlam")
    assert result.returncode == 0 and (tmp_path / "out" / "xltools.xlam").exists()
