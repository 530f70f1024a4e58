"""Read a workbook's cell values fast (python-calamine), evaluating formulas only when needed.

A file written by a script (openpyxl, for example) and never opened in a spreadsheet program
has formulas without cached values; those files alone are evaluated with the ``formulas``
package, so the checker never reads a formula as blank.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from xltools.errors import UserError

SUPPORTED = (".xlsx", ".xlsm", ".xltx", ".xltm")
# A formula cell whose <f> is not followed by a cached <v> before the cell closes.
UNCACHED_FORMULA = re.compile(rb"<f[^>]*?(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v></v>)?\s*</c>")


class ReadError(UserError):
    """The file could not be read as a workbook (message in Chinese)."""


@dataclass
class SheetData:
    name: str
    rows: list[list[object]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # 0-based r0, c0, r1, c1
    hidden: bool = False

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def value(self, r: int, c: int) -> object:
        if 0 <= r < len(self.rows) and 0 <= c < len(self.rows[r]):
            return self.rows[r][c]
        return None


@dataclass
class BookData:
    path: Path
    sheets: list[SheetData]
    evaluated: bool = False  # formulas were computed by xltools (no cached values in the file)
    has_vba: bool = False


def address(r: int, c: int) -> str:
    """0-based row/column to an A1 address."""
    return f"{get_column_letter(c + 1)}{r + 1}"


def read_book(path: Path) -> BookData:
    if not path.exists():
        raise ReadError(f"找不到文件：{path}")
    if path.is_dir():
        raise ReadError(f"{path} 是文件夹，不是工作簿")
    if path.suffix.lower() == ".xls":
        raise ReadError(f"{path.name} 是旧版 .xls 格式，请在 Excel/WPS 中另存为 .xlsx 后再检查")
    if path.suffix.lower() not in SUPPORTED:
        raise ReadError(f"{path.name} 不是 Excel 工作簿（支持 .xlsx、.xlsm）")
    try:
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
            if "xl/workbook.xml" not in names:
                raise ReadError(f"{path.name} 不是有效的 Excel 工作簿（缺少 xl/workbook.xml）")
            uncached = any(UNCACHED_FORMULA.search(package.read(n)) for n in names
                           if n.startswith("xl/worksheets/sheet") and n.endswith(".xml"))
            has_vba = "xl/vbaProject.bin" in names
    except zipfile.BadZipFile:
        raise ReadError(f"无法读取 {path.name}：文件已损坏，或不是 .xlsx 格式（可能是改了扩展名的其他文件）") from None
    except OSError as exc:
        raise ReadError(f"无法读取 {path.name}：{exc.strerror or exc}") from None
    book = _read_values(path)
    book.has_vba = has_vba
    if uncached:
        from xltools.workbook.evaluate import fill_formula_values

        fill_formula_values(book)
    return book


def _read_values(path: Path) -> BookData:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        sheets = []
        for meta in wb.sheets_metadata:
            if "WorkSheet" not in str(meta.typ):
                continue
            sheet = wb.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            merges = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
            sheets.append(SheetData(meta.name, [list(r) for r in rows], merges, "Visible" not in str(meta.visible)))
        return BookData(path, sheets)
    except ReadError:
        raise
    except Exception as exc:  # calamine raises several error types for damaged or foreign files
        raise ReadError(f"无法读取 {path.name}：文件已损坏或格式不受支持（{type(exc).__name__}）") from None
