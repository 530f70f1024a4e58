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
from xltools.excel import udf_vba
from xltools.mark.package import Package

ADDIN_FILE = "xltools.xlam"
PROJECT = "xltools"
UDF_MODULE = "xltools.excel.udfs"
REL_RIBBON = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
RIBBON_PART = "customUI/customUI.xml"
MAC_ADDIN_DIR = "Library/Group Containers/UBF8T346G9.Office/User Content.localized/Startup.localized/Excel"
MAC_CONFIG_DIR = "Library/Containers/com.microsoft.Excel/Data"
CUSTOM_PART = "docProps/custom.xml"
NS_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
NS_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
REL_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CT_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
PROP_XLTOOLS, PROP_XLWINGS = "xltools 版本", "xlwings 版本"


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
            project.add_module(udf_vba.MODULE_NAME, udf_module_source())
            wb.save()
        pkg = Package(draft)
        pkg.put(RIBBON_PART, ribbon)
        pkg.add_relationship("", REL_RIBBON, RIBBON_PART)
        _config_sheet(pkg)
        _versions(pkg)
        out.parent.mkdir(parents=True, exist_ok=True)
        pkg.save(out)
    return out


def udf_module_source() -> str:
    """The XT_ function wrappers, generated now so no one has to click 导入函数 in Excel."""
    from xltools.excel import udfs

    return udf_vba.module_source(UDF_MODULE, udf_vba.udfs_of(udfs, udfs.UDFS))


def xlwings_version() -> str:
    from importlib.metadata import version

    return version("xlwings")


def _versions(pkg: Package) -> None:
    """Record what the add-in was built with (``addin status`` compares it with this computer's xlwings,
    whose DLL name the VBA module declares)."""
    from xltools import __version__

    props = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" name="{name}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(((PROP_XLTOOLS, __version__), (PROP_XLWINGS, xlwings_version())), start=2))
    pkg.put(CUSTOM_PART, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                         f'<Properties xmlns="{NS_CUSTOM}" xmlns:vt="{NS_VT}">{props}</Properties>')
    pkg.add_relationship("", REL_CUSTOM, CUSTOM_PART)
    pkg.add_override(CUSTOM_PART, CT_CUSTOM)


def built_with(path: Path) -> dict[str, str]:
    """The versions an add-in file records (empty for an add-in built before they were recorded)."""
    from xltools.workbook.parts import Parts

    with Parts(path, max_part_mb=1) as parts:
        root = parts.xml(CUSTOM_PART)
    if root is None:
        return {}
    return {prop.get("name", ""): "".join(prop.itertext()).strip() for prop in root.iter(f"{{{NS_CUSTOM}}}property")}


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


def status(plan: InstallPlan) -> list[str]:
    """Where the add-in is, what it was built with, whether it matches this computer's xlwings, and
    which Python Excel will start (in Chinese, one line each)."""
    lines = []
    here = xlwings_version()
    if plan.addin_target.exists():
        versions = built_with(plan.addin_target)
        built = versions.get(PROP_XLWINGS)
        lines.append(f"加载项：已安装，{plan.addin_target}")
        if built is None:
            lines.append("  生成时的版本没有记录（较早的 xltools 生成）；建议重新安装：xltools addin install")
        elif built != here:
            lines.append(f"  加载项按 xlwings {built} 生成（需要 xlwings64-{built}.dll），本机 Python 中是 xlwings {here}："
                         "版本不一致，Excel 中会提示找不到 DLL。请重新安装：xltools addin install")
        else:
            lines.append(f"  由 xltools {versions.get(PROP_XLTOOLS, '?')} 按 xlwings {built} 生成，与本机的 xlwings 一致")
    else:
        lines.append(f"加载项：未安装（安装位置应为 {plan.addin_target}）。安装：xltools addin install")
    interpreter = _configured(plan)
    if interpreter is None:
        lines.append(f"Python 解释器：未配置（{plan.config_file} 中没有 {plan.config_key}）")
    else:
        found = "存在" if Path(interpreter).exists() else "不存在，请重新安装：xltools addin install"
        lines.append(f"Python 解释器：{interpreter}（{found}），写在 {plan.config_file}")
    return lines


def remove(plan: InstallPlan) -> list[str]:
    """Undo ``install``: the add-in file and the interpreter line (the config file goes when empty)."""
    from xltools.outputs import reason

    done = []
    try:
        if plan.addin_target.exists():
            plan.addin_target.unlink()
            done.append(f"已删除加载项 {plan.addin_target}")
        if plan.config_file.exists():
            lines = plan.config_file.read_text(encoding="utf-8").splitlines()
            kept = [line for line in lines if not line.startswith(f'"{plan.config_key}"')]
            if len(kept) != len(lines):
                if any(line.strip() for line in kept):
                    plan.config_file.write_text("\n".join(kept) + "\n", encoding="utf-8")
                else:
                    plan.config_file.unlink()
                done.append(f"已从 {plan.config_file} 中去掉 Python 解释器的设置")
    except OSError as exc:
        raise UserError(f"无法移除加载项：{reason(exc)}（若 Excel 正在运行，请先关闭 Excel）") from None
    return done or ["没有找到已安装的 xltools 加载项，无需移除。"]


def _configured(plan: InstallPlan) -> str | None:
    if not plan.config_file.exists():
        return None
    for line in plan.config_file.read_text(encoding="utf-8").splitlines():
        if line.startswith(f'"{plan.config_key}"'):
            return line.split(",", 1)[1].strip().strip('"')
    return None
