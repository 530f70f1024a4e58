"""Build the xltools.xlam add-in from macros/ and install it where Excel loads it.

The add-in carries two VBA modules, ``xltools`` (macros/xltools.bas: the ribbon callbacks) and
``xlwings`` (xlwings' own custom-add-in module, which provides RunPython and the UDF import),
the ribbon (macros/customUI.xml) and a hidden ``xltools.conf`` sheet naming the UDF module.
The VBA project is written with pyOpenVBA, so no Excel is needed to build it.
"""

from __future__ import annotations

import platform
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from xltools.errors import UserError
from xltools.mark.package import Package

ADDIN_FILE = "xltools.xlam"
PROJECT = "xltools"
UDF_MODULE = "xltools.excel.udfs"
REL_RIBBON = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
RIBBON_PART = "customUI/customUI.xml"
MAC_ADDIN_DIR = "Library/Group Containers/UBF8T346G9.Office/User Content.localized/Startup.localized/Excel"
MAC_CONFIG_DIR = "Library/Containers/com.microsoft.Excel/Data"


def macros_dir() -> Path:
    """macros/ of a source checkout, or the copy installed with the package."""
    candidates = [Path(__file__).resolve().parents[2] / "macros", Path(sys.prefix) / "share" / "xltools" / "macros"]
    for candidate in candidates:
        if (candidate / "xltools.bas").exists():
            return candidate
    raise UserError("找不到 macros/（加载项的 VBA 源代码）。请在 xltools 源代码目录中运行。")


def xlwings_module_source() -> str:
    """xlwings' custom-add-in VBA module, named for this add-in (its config is xltools.conf)."""
    import xlwings

    source = Path(xlwings.__file__).with_name("xlwings_custom_addin.bas").read_text(encoding="utf-8")
    named, count = re.subn(r'(Public Const PROJECT_NAME As String = )"[^"]*"', rf'\1"{PROJECT}"', source)
    if count != 1:
        raise UserError("xlwings 的加载项 VBA 模块格式与预期不同，无法生成加载项（请检查 xlwings 版本）")
    return named


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def build(out: Path) -> Path:
    from pyopenvba import ExcelFile

    macros = macros_dir()
    ribbon = (macros / "customUI.xml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / ADDIN_FILE
        with ExcelFile.create_new(str(draft)) as wb:
            project = wb.vba_project()
            if "Module1" in wb.module_names():
                project.delete_module("Module1")
            project.add_module("xltools", _crlf((macros / "xltools.bas").read_text(encoding="utf-8")))
            project.add_module("xlwings", _crlf(xlwings_module_source()))
            wb.save()
        pkg = Package(draft)
        pkg.put(RIBBON_PART, ribbon)
        pkg.add_relationship("", REL_RIBBON, RIBBON_PART)
        _config_sheet(pkg)
        out.parent.mkdir(parents=True, exist_ok=True)
        pkg.save(out)
    return out


def _config_sheet(pkg: Package) -> None:
    """Name the add-in's first sheet xltools.conf and put the UDF module in it (xlwings reads it)."""
    first = pkg.sheets()[0]
    wb_part = pkg.workbook_part
    pkg.put(wb_part, pkg.text(wb_part).replace(f'name="{first.name}"', f'name="{PROJECT}.conf"', 1))
    xml = pkg.text(first.part)
    cells = (f'<row r="1"><c r="A1" t="inlineStr"><is><t>UDF MODULES</t></is></c>'
             f'<c r="B1" t="inlineStr"><is><t>{escape(UDF_MODULE)}</t></is></c></row>')
    xml = re.sub(r"<sheetData\s*/>|<sheetData>.*?</sheetData>", f"<sheetData>{cells}</sheetData>", xml,
                 count=1, flags=re.DOTALL)
    pkg.put(first.part, xml)


@dataclass(frozen=True)
class InstallPlan:
    addin_target: Path
    config_file: Path
    config_key: str
    interpreter: Path


def plan_install(system: str, home: Path, appdata: Path | None, executable: Path) -> InstallPlan:
    if system == "Windows":
        if appdata is None:
            raise UserError("找不到 %APPDATA% 目录，无法安装加载项")
        pythonw = executable.with_name("pythonw.exe")
        return InstallPlan(appdata / "Microsoft" / "Excel" / "XLSTART" / ADDIN_FILE,
                           home / f".{PROJECT}" / f"{PROJECT}.conf", "INTERPRETER_WIN",
                           pythonw if pythonw.exists() else executable)
    if system == "Darwin":
        return InstallPlan(home / MAC_ADDIN_DIR / ADDIN_FILE, home / MAC_CONFIG_DIR / f"{PROJECT}.conf",
                           "INTERPRETER_MAC", executable)
    raise UserError("xltools addin install 需要 Windows 或 macOS 上的 Microsoft Excel。"
                    "在本机（Linux）上可以用 xltools addin build 生成 xltools.xlam，再拷到装有 Excel 的电脑上安装。")


def install(addin: Path, plan: InstallPlan) -> list[str]:
    """Copy the add-in where Excel loads it at start-up and point xlwings at this Python; say what was done."""
    done = []
    plan.addin_target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(addin, plan.addin_target)
    done.append(f"已把加载项复制到 {plan.addin_target}（Excel 启动时自动加载）")
    plan.config_file.parent.mkdir(parents=True, exist_ok=True)
    lines = [line for line in (plan.config_file.read_text(encoding="utf-8").splitlines()
                               if plan.config_file.exists() else [])
             if not line.startswith(f'"{plan.config_key}"')]
    lines.append(f'"{plan.config_key}","{plan.interpreter}"')
    plan.config_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done.append(f"已在 {plan.config_file} 中设置 Python 解释器：{plan.interpreter}")
    done.append(f"XT_ 函数所在模块：{UDF_MODULE}（写在加载项的 {PROJECT}.conf 工作表中）")
    return done


def plan_here() -> InstallPlan:
    import os

    appdata = Path(os.environ["APPDATA"]) if "APPDATA" in os.environ else None
    return plan_install(platform.system(), Path.home(), appdata, Path(sys.executable))
