"""Recognise the 部门决算公开表 (F4): 公开01–09表 on any sheet, by table number or title and headers."""

from __future__ import annotations

import re

from xltools.recognize.grid import CellRef, Grid
from xltools.recognize.model import CodeTable, EconomicTable, LineTable, TableRef, ThreePublicTable

CODE_RE = re.compile(r"^\d{3}(\d{2}){0,2}$")
TABLE_NO_RE = re.compile(r"公开0?(\d)表")
# Most specific titles first: several titles contain shorter ones.
TITLES = (
    ("财政拨款收入支出决算总表", "04"), ("收入支出决算总表", "01"), ("基本支出决算明细表", "06"),
    ("基本支出决算表", "06"), ("政府性基金预算财政拨款", "07"), ("国有资本经营预算财政拨款", "08"),
    ("一般公共预算财政拨款支出决算表", "05"), ("三公", "09"), ("收入决算表", "02"), ("支出决算表", "03"),
)
COLUMN_KEYS = {
    "本年收入合计": "total", "财政拨款收入": "fiscal", "上级补助收入": "upper", "事业收入": "business",
    "经营收入": "operating", "附属单位上缴收入": "affiliated", "其他收入": "other",
    "本年支出合计": "total", "基本支出": "basic", "项目支出": "project", "上缴上级支出": "upper",
    "经营支出": "operating", "对附属单位补助支出": "affiliated", "小计": "subtotal",
    "年初结转和结余": "opening", "本年收入": "income", "年末结转和结余": "closing",
}
LINE_04_KEYS = {"合计": "total", "一般公共预算财政拨款": "general", "政府性基金预算财政拨款": "fund",
                "国有资本经营预算财政拨款": "capital"}
THREE_PUBLIC_KEYS = ("total", "abroad", "car", "purchase", "running", "reception")


def table_number(grid: Grid) -> str | None:
    for r in range(min(grid.height, 8)):
        for text in grid.row_labels(r):
            m = TABLE_NO_RE.search(text) if text else None
            if m:
                return f"0{m.group(1)}"
    for r in range(min(grid.height, 4)):
        for text in grid.row_labels(r):
            for title, no in TITLES:
                if text and title in text and len(text) < 40:
                    return no
    return None


def recognize_final_accounts(grid: Grid):
    no = table_number(grid)
    if no is None:
        return None
    if no in ("01", "04"):
        return _line_table(grid, no)
    if no == "06":
        return _economic(grid)
    if no == "09":
        return _three_public(grid)
    return _code_table(grid, no)


def code_of(cell: CellRef) -> str | None:
    text = cell.text
    return text if CODE_RE.match(text) else None


def _code_table(grid: Grid, no: str) -> CodeTable | None:
    header = next((r for r in range(grid.height) if "科目编码" in grid.row_labels(r)), None)
    if header is None:
        return None
    code_col = grid.row_labels(header).index("科目编码")
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    for c in range(code_col + 2, grid.width):
        text = grid.label(header, c) or grid.label(header - 1, c)
        key = COLUMN_KEYS.get(text)
        if key and key not in columns:
            columns[key] = c
            headers[key] = text
    total = None
    rows: list[tuple[CellRef, dict[str, CellRef]]] = []
    names: dict[str, str] = {}
    last = header
    for r in range(header + 1, grid.height):
        first = grid.cell(r, code_col)
        label = grid.label(r, code_col) or grid.label(r, code_col + 1)
        if label in ("合计",) and total is None:
            total = {k: grid.cell(r, c) for k, c in columns.items()}
            last = r
        elif code_of(first):
            rows.append((first, {k: grid.cell(r, c) for k, c in columns.items()}))
            names[first.text] = grid.cell(r, code_col + 1).text
            last = r
        elif label.startswith("注"):
            break
    return CodeTable(grid.name, no, columns, headers, total, rows,
                     TableRef(grid.name, f"F4.{no}", header - 1, code_col, last, max(columns.values(), default=1)),
                     names)


def _line_table(grid: Grid, no: str) -> LineTable | None:
    header = next((r for r in range(grid.height) if grid.row_labels(r).count("行次") >= 2), None)
    if header is None:
        return None
    labels = grid.row_labels(header)
    line_cols = [c for c, t in enumerate(labels) if t == "行次"][:2]
    sides: list[dict[str, int]] = [{"amount": line_cols[0] + 1}]
    if no == "04":
        right = {LINE_04_KEYS[t]: c for c, t in enumerate(labels) if c > line_cols[1] and t in LINE_04_KEYS}
        sides.append(right or {"amount": line_cols[1] + 1})
    else:
        sides.append({"amount": line_cols[1] + 1})
    lines: dict[int, dict[str, CellRef]] = {}
    names: dict[int, CellRef] = {}
    last = header
    for r in range(header + 1, grid.height):
        for side, line_col in enumerate(line_cols):
            number = grid.cell(r, line_col).number
            if number is None or not float(number).is_integer():
                continue
            line = int(number)
            lines[line] = {k: grid.cell(r, c) for k, c in sides[side].items()}
            names[line] = grid.cell(r, line_col - 1)
            last = r
    width = max(max(s.values()) for s in sides)
    return LineTable(grid.name, no, lines, names, TableRef(grid.name, f"F4.{no}", header, 0, last, width))


def _economic(grid: Grid) -> EconomicTable | None:
    header = next((r for r in range(grid.height) if grid.row_labels(r).count("科目编码") >= 2), None)
    if header is None:
        return None
    code_cols = [c for c, t in enumerate(grid.row_labels(header)) if t == "科目编码"]
    amounts: dict[str, CellRef] = {}
    names: dict[str, CellRef] = {}
    personnel = public = None
    last = header
    for r in range(header + 1, grid.height):
        for c in code_cols:
            code = code_of(grid.cell(r, c))
            if code and code not in amounts:
                amounts[code] = grid.cell(r, c + 2)
                names[code] = grid.cell(r, c + 1)
                last = r
        for c, text in enumerate(grid.row_labels(r)):
            if text.startswith("人员经费合计"):
                personnel = grid.first_number_right_of(r, c) or grid.cell(r, c + 2)
                last = r
            elif text.startswith("公用经费合计"):
                public = grid.first_number_right_of(r, c)
                if public is None:
                    public = grid.cell(r, code_cols[-1] + 2)
                last = r
    return EconomicTable(grid.name, amounts, names, personnel, public,
                         TableRef(grid.name, "F4.06", header, 0, last, code_cols[-1] + 2))


def _three_public(grid: Grid) -> ThreePublicTable | None:
    for r in range(grid.height):
        values = [grid.cell(r, c).number for c in range(grid.width)]
        numbered = [(c, v) for c, v in enumerate(values) if v is not None]
        if len(numbered) >= 12 and [v for _, v in numbered[:12]] == list(range(1, 13)):
            cols = [c for c, _ in numbered[:12]]
            data_row = r + 1
            blocks = {
                "budget": {k: grid.cell(data_row, c) for k, c in zip(THREE_PUBLIC_KEYS, cols[:6], strict=True)},
                "actual": {k: grid.cell(data_row, c) for k, c in zip(THREE_PUBLIC_KEYS, cols[6:], strict=True)},
            }
            return ThreePublicTable(grid.name, blocks, TableRef(grid.name, "F4.09", max(0, r - 3), cols[0],
                                                                data_row, cols[-1]))
    return None
