"""Read and validate a project list (.xlsx or .csv) for ``xltools new``.

Everything is checked before anything is written, and every problem names its row.
"""

from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from xltools.errors import UserError
from xltools.forms.f1_project import ProjectInfo
from xltools.forms.indicators import Indicator
from xltools.values import parse_amount

# canonical column -> accepted header texts (normalised: no spaces, half-width brackets)
PROJECT_COLUMNS = {
    "项目名称": ("项目名称",),
    "主管部门": ("主管部门", "主管部门及代码"),
    "实施单位": ("实施单位",),
    "年初预算数": ("年初预算数", "年初预算", "年初预算数(万元)"),
    "全年预算数": ("全年预算数", "全年预算数(A)", "全年预算数(万元)", "调整后预算数"),
}
INDICATOR_COLUMNS = {
    "项目名称": ("项目名称",),
    "一级指标": ("一级指标",),
    "二级指标": ("二级指标",),
    "三级指标": ("三级指标",),
    "年度指标值": ("年度指标值", "年度指标值(A)", "指标值", "目标值"),
    "分值": ("分值", "权重"),
}
INDICATOR_REQUIRED = ("项目名称", "一级指标", "二级指标")
MAX_ERRORS_SHOWN = 20


@dataclass
class Project:
    info: ProjectInfo
    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class Table:
    source: str
    header_row: int
    columns: dict[str, int]
    rows: list[tuple[int, list[object]]]  # (Excel/CSV line number, cells)

    def get(self, cells: list[object], column: str) -> object:
        i = self.columns.get(column)
        if i is None or i >= len(cells):
            return None
        value = cells[i]
        return value.strip() if isinstance(value, str) else value


def load_projects(path: Path, indicators_path: Path | None = None) -> list[Project]:
    sheets = _read_sheets(path)
    projects_table = _find_table(sheets[0], PROJECT_COLUMNS, f"{path.name}（第 1 个工作表）")
    missing = [c for c in PROJECT_COLUMNS if c not in projects_table.columns]
    if missing:
        raise UserError(f"项目清单 {path.name} 缺少列：{'、'.join(missing)}。"
                        f"需要的列：{'、'.join(PROJECT_COLUMNS)}。")
    errors: list[str] = []
    projects = _projects(projects_table, errors)
    indicator_table = None
    if indicators_path is not None:
        indicator_table = _find_table(_read_sheets(indicators_path)[0], INDICATOR_COLUMNS, indicators_path.name)
    elif len(sheets) > 1:
        indicator_table = _find_table(sheets[1], INDICATOR_COLUMNS, f"{path.name}（第 2 个工作表）",
                                      required=False)
    if indicator_table is not None:
        _attach_indicators(indicator_table, projects, errors)
    if errors:
        shown = errors[:MAX_ERRORS_SHOWN]
        more = f"\n……另有 {len(errors) - len(shown)} 处问题" if len(errors) > len(shown) else ""
        raise UserError("项目清单有问题，未生成任何文件：\n" + "\n".join(f"- {e}" for e in shown) + more)
    if not projects:
        raise UserError(f"项目清单 {path.name} 中没有任何项目。")
    return list(projects.values())


def _projects(table: Table, errors: list[str]) -> dict[str, Project]:
    projects: dict[str, Project] = {}
    first_line: dict[str, int] = {}
    for line, cells in table.rows:
        name = _text(table.get(cells, "项目名称"))
        if not name:
            errors.append(f"{table.source} 第 {line} 行：项目名称为空。")
            continue
        if name in first_line:
            errors.append(f"{table.source} 第 {line} 行：项目名称“{name}”与第 {first_line[name]} 行重复。")
            continue
        first_line[name] = line
        amounts = {}
        for column in ("年初预算数", "全年预算数"):
            amount = parse_amount(table.get(cells, column))
            if amount.problem:
                errors.append(f"{table.source} 第 {line} 行：{column}{amount.problem}。")
            elif amount.value is not None and amount.value < 0:
                errors.append(f"{table.source} 第 {line} 行：{column}不能为负数。")
            amounts[column] = amount.value
        projects[name] = Project(ProjectInfo(
            name=name, department=_text(table.get(cells, "主管部门")),
            implementer=_text(table.get(cells, "实施单位")),
            initial_budget=amounts["年初预算数"], budget=amounts["全年预算数"]))
    return projects


def _attach_indicators(table: Table, projects: dict[str, Project], errors: list[str]) -> None:
    missing = [c for c in INDICATOR_REQUIRED if c not in table.columns]
    if missing:
        errors.append(f"{table.source} 缺少列：{'、'.join(missing)}。")
        return
    for line, cells in table.rows:
        name = _text(table.get(cells, "项目名称"))
        if name not in projects:
            errors.append(f"{table.source} 第 {line} 行：项目“{name}”不在项目清单中。")
            continue
        level1, level2 = _text(table.get(cells, "一级指标")), _text(table.get(cells, "二级指标"))
        if not level1 or not level2:
            errors.append(f"{table.source} 第 {line} 行：一级指标和二级指标不能为空。")
            continue
        weight = parse_amount(table.get(cells, "分值"))
        if weight.problem:
            errors.append(f"{table.source} 第 {line} 行：分值{weight.problem}。")
            continue
        target = table.get(cells, "年度指标值")
        projects[name].indicators.append(Indicator(
            level1, level2, _text(table.get(cells, "三级指标")),
            target=target if target not in ("", None) else None, weight=weight.value))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _normalise(header: object) -> str:
    text = _text(header).translate(str.maketrans("（）", "()"))
    return re.sub(r"\s+", "", text)


def _find_table(grid: list[list[object]], columns: dict[str, tuple[str, ...]], source: str,
                required: bool = True) -> Table | None:
    """The first row naming 项目名称 is the header; title lines above it are skipped."""
    for r, cells in enumerate(grid):
        found: dict[str, int] = {}
        for i, header in enumerate(cells):
            text = _normalise(header)
            for canonical, accepted in columns.items():
                if text in accepted and canonical not in found:
                    found[canonical] = i
        if "项目名称" in found:
            body = [(r + 2 + k, row) for k, row in enumerate(grid[r + 1:])
                    if any(_text(v) for v in row)]
            return Table(source, r + 1, found, body)
    if required:
        raise UserError(f"{source} 中找不到表头“项目名称”。请把列名放在第一行（或标题行之后的第一行）。")
    return None


def _read_sheets(path: Path) -> list[list[list[object]]]:
    if not path.exists():
        raise UserError(f"找不到文件：{path}")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [_read_csv(path)]
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        return _read_workbook(path)
    raise UserError(f"不支持的文件类型：{path.name}。项目清单请用 .xlsx 或 .csv。")


def _read_csv(path: Path) -> list[list[object]]:
    text = decode_text(path.read_bytes(), path.name)
    lines = text.splitlines()
    return [list(row) for row in csv.reader(lines, delimiter=_delimiter(lines))]


BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# What Chinese offices save: Excel's "CSV" in GBK, "CSV UTF-8", "Unicode 文本" (UTF-16), WPS, older systems in Big5.
CANDIDATES = ["gb18030", "utf_16_le", "utf_16_be", "big5"]


def decode_text(raw: bytes, name: str) -> str:
    """A text file's content: by its byte-order mark, else UTF-8 if it is valid, else the encoding
    charset-normalizer finds most plausible among those Chinese offices use."""
    for bom, encoding in BOMS:  # UTF-32 LE starts with the UTF-16 LE mark: it is tried first
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                break
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=CANDIDATES).best()
    if best is None:
        raise UserError(f"无法识别 {name} 的文字编码，请另存为 UTF-8 或 GBK 编码的 CSV。")
    return str(best)


def _delimiter(lines: list[str]) -> str:
    """Comma, or tab for Excel's "Unicode 文本" export (tab-separated), judged on the first lines."""
    head = "\n".join(lines[:5])
    return "\t" if head.count("\t") > head.count(",") else ","


def _read_workbook(path: Path) -> list[list[list[object]]]:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        return [wb.get_sheet_by_index(i).to_python(skip_empty_area=False) for i in range(len(wb.sheet_names))]
    except Exception:  # noqa: BLE001 -- calamine raises several types for damaged or foreign files
        raise UserError(f"无法读取 {path.name}：文件已损坏或不是 Excel 工作簿。") from None
