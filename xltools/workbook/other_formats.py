"""Workbooks units still send in other formats: .xls (Excel 97–2003), .xlsb (Excel binary) and .ods
(OpenDocument), read with python-calamine under the same limits as .xlsx.

The file is read from disk once and checked before calamine sees it: its size; for the zip
formats (.xlsb, .ods) the directory (parts, declared sizes, compression ratios) and every part
inflated in bounded chunks against what the directory declares (``zipread``), as for .xlsx;
then each sheet's used range and texts before they become Python values. What these formats
cannot give is what a check never needs: formulas are read as the values saved with them.
These files are never changed: marking one writes an .xlsx copy of the values calamine read
(``xltools.mark.xlsx_copy``), then marks that copy like any .xlsx.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

from xltools.workbook.limits import MB, Limits
from xltools.workbook.zipread import PartDamaged, iter_part

OTHER_FORMATS = (".xls", ".xlsb", ".ods")
NAMES = {".xls": "Excel 97–2003 工作簿（.xls）", ".xlsb": "Excel 二进制工作簿（.xlsb）", ".ods": "OpenDocument 表格（.ods）"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def is_other_format(path: Path) -> bool:
    return path.suffix.lower() in OTHER_FORMATS


def read_other(path: Path, limits: Limits):  # a BookData (read.py imports this module)
    from xltools.workbook.read import BookData
    from xltools.workbook.safety import FileStamp, ReadError

    data, st = _load(path, limits)
    suffix = path.suffix.lower()
    label = path.name
    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ReadError(f"无法读取 {label}：文件受密码保护（加密）。请在 Excel 中打开，取消密码后另存，再检查")
        if suffix != ".xls":
            raise ReadError(f"无法读取 {label}：内容是 .xls 工作簿，扩展名却是 {suffix}，请把扩展名改为 .xls 后再检查")
    elif data.startswith(b"PK"):
        kind = _zip_kind(data, label, limits)
        if kind == ".xlsx":
            raise ReadError(f"无法读取 {label}：内容是 .xlsx 工作簿，扩展名却是 {suffix}，请把扩展名改为 .xlsx 后再检查")
        if kind != suffix:
            raise ReadError(f"无法读取 {label}：内容与扩展名 {suffix} 不符，文件可能已损坏或只是改了扩展名")
    else:
        raise ReadError(f"无法读取 {label}：它不是 {NAMES[suffix]}，文件可能已损坏或只是改了扩展名")
    sheets = _sheets(data, label, limits)
    return BookData(path, sheets, stamp=FileStamp.of(st))


def _load(path: Path, limits: Limits) -> tuple[bytes, os.stat_result]:
    from xltools.outputs import reason
    from xltools.workbook.safety import LimitExceeded, ReadError

    cap = limits.max_file_mb * MB
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise ReadError(f"无法读取 {path}：这是文件夹，不是工作簿")
        if not stat.S_ISREG(st.st_mode):
            raise ReadError(f"无法读取 {path.name}：它不是普通文件（是设备、管道或套接字），不予读取")
        if st.st_size > cap:
            raise LimitExceeded(limits.message("max_file_mb", f"无法读取 {path.name}：文件大小为 "
                                               f"{st.st_size / MB:,.1f} MB"), "max_file_mb")
        with open(path, "rb") as handle:
            data = handle.read(cap + 1)
    except FileNotFoundError:
        raise ReadError(f"无法读取 {path.name}：找不到文件（{path}）") from None
    except OSError as exc:
        raise ReadError(f"无法读取 {path}：{reason(exc)}") from None
    if len(data) > cap:
        raise LimitExceeded(limits.message("max_file_mb", f"无法读取 {path.name}：文件大小超过 {cap // MB:,} MB"),
                            "max_file_mb")
    if not data:
        raise ReadError(f"无法读取 {path.name}：这是空文件（0 字节），可能下载、复制或保存没有完成")
    return data, st


def _zip_kind(data: bytes, label: str, limits: Limits) -> str:
    """.ods, .xlsb or .xlsx by the package's parts, after the zip checks .xlsx files get."""
    from xltools.workbook.safety import LimitExceeded, ReadError

    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise ReadError(f"无法读取 {label}：文件已损坏（压缩包目录有误）") from None
    with package:
        infos = package.infolist()
        if len(infos) > limits.max_parts:
            raise LimitExceeded(limits.message("max_parts", f"无法读取 {label}：压缩包内有 {len(infos):,} 个部件"),
                                "max_parts")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise ReadError(f"无法读取 {label}：压缩包内容已加密或使用了不常见的压缩方式，不予读取")
            total += info.file_size
            if info.file_size > limits.max_part_mb * MB:
                raise LimitExceeded(limits.message("max_part_mb", f"无法读取 {label}：部件 {info.filename} 解压后有 "
                                                   f"{info.file_size / MB:,.1f} MB"), "max_part_mb")
            if total > limits.max_total_mb * MB:
                raise LimitExceeded(limits.message("max_total_mb", f"无法读取 {label}：解压后超过 "
                                                   f"{total / MB:,.1f} MB"), "max_total_mb")
            if info.file_size >= MB and info.file_size > limits.max_ratio * max(info.compress_size, 1):
                raise LimitExceeded(limits.message("max_ratio", f"无法读取 {label}：部件 {info.filename} 的压缩比为 "
                                                   f"{info.file_size // max(info.compress_size, 1):,} 倍（疑似压缩炸弹）"),
                                    "max_ratio")
            try:
                for _ in iter_part(package.fp, info):  # inflated in bounded chunks, never past its declared size
                    pass
            except PartDamaged as exc:
                what = "解压后比目录声明的更大（疑似压缩炸弹或被篡改）" if exc.lie else "的压缩数据校验失败"
                raise ReadError(f"无法读取 {label}：部件 {exc.name} {what}，不予读取") from None
        names = {i.filename for i in infos}
        if "mimetype" in names and b"opendocument.spreadsheet" in package.read("mimetype")[:100]:
            return ".ods"
        if "xl/workbook.bin" in names:
            return ".xlsb"
        if "xl/workbook.xml" in names:
            return ".xlsx"
        return ""


def _sheets(data: bytes, label: str, limits: Limits) -> list:
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    from xltools.workbook.read import SheetData
    from xltools.workbook.safety import LimitExceeded, ReadError

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        metadata = [m for m in wb.sheets_metadata if "WorkSheet" in str(m.typ)]
        if len(metadata) > limits.max_sheets:
            raise LimitExceeded(limits.message("max_sheets", f"无法读取 {label}：有 {len(metadata):,} 个工作表"),
                                "max_sheets")
        sheets, cells = [], 0
        for meta in metadata:
            sheet = wb.get_sheet_by_name(meta.name)
            height, width = sheet.height, sheet.width
            for key, value, what in (("max_rows", height, "行"), ("max_columns", width, "列")):
                if value > getattr(limits, key):
                    raise LimitExceeded(limits.message(key, f"无法读取 {label}：工作表“{meta.name}”有 {value:,} {what}"),
                                        key)
            cells += height * width
            if cells > limits.max_cells:
                raise LimitExceeded(limits.message("max_cells", f"无法读取 {label}：各工作表已用区域合计 {cells:,} 个"
                                                   "单元格"), "max_cells")
            rows = [list(r) for r in sheet.to_python(skip_empty_area=False)]
            longest = max((len(v) for row in rows for v in row if isinstance(v, str)), default=0)
            if longest > limits.max_text_chars:
                raise LimitExceeded(limits.message("max_text_chars", f"无法读取 {label}：工作表“{meta.name}”中有 "
                                                   f"{longest:,} 字的单元格"), "max_text_chars")
            h, w = len(rows), max((len(r) for r in rows), default=0)
            merges = [(r0, c0, min(r1, h - 1), min(c1, w - 1))
                      for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or []) if r0 < h and c0 < w]
            sheets.append(SheetData(meta.name, rows, merges, meta.visible != SheetVisibleEnum.Visible))
        if not sheets:
            raise ReadError(f"无法读取 {label}：工作簿中没有任何工作表")
        return sheets
    except (KeyboardInterrupt, SystemExit, MemoryError, ReadError):
        raise
    except BaseException:  # noqa: BLE001 -- calamine raises several types; pyo3 turns a Rust panic into one
        raise ReadError(f"无法读取 {label}：文件内容已损坏或格式不受支持") from None
