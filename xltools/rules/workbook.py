"""Rules about the workbook file itself rather than its tables: what makes it read differently on
the recipient's computer."""

from __future__ import annotations

from collections.abc import Iterator

from xltools.recognize.grid import CellRef
from xltools.recognize.model import Recognized
from xltools.rules.base import Finding, RuleContext, rule
from xltools.workbook.a1 import row_and_column

FREEZE = "XT004"
LISTED = 8


def _cell(sheet: str, address: str) -> CellRef:
    row, col = row_and_column(address)
    return CellRef(sheet, row - 1, col - 1, None)


def _cells(addresses: list[str]) -> str:
    shown = "、".join(addresses[:LISTED])
    return shown + (f" 等 {len(addresses)} 个单元格" if len(addresses) > LISTED else "")


@rule(FREEZE, "发送前请先固化", "info", "所有工作簿", """
检查：工作簿中是否有调用 XT_ 函数（加载项“绩效工具”提供的 XT_SCORE、XT_EXECRATE 等）的公式、引用其他工作簿的公式（如 [1]Sheet1!A1），以及外部链接。
原因：收件人的电脑上没有加载项时，XT_ 公式显示 #NAME?，或变成指向发件人电脑上加载项路径的链接；引用其他工作簿的公式会提示“更新链接”或显示过时的值。审核人员看到的数就可能与填报人看到的不同。
示例：H6 =XT_SCORE(E6,F6,G6) → 提示“发送前请先固化”：用 xltools freeze 文件.xlsx 另存一份把这些公式换成值的副本，发送副本。
""", forms=("*",))
def send_frozen(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    source = found.source
    if source is None:  # a live Excel book: the add-in is there by definition
        return
    from xltools.workbook.formulas_scan import scan_formulas

    scan = scan_formulas(found.package or source)
    if not scan.anything:
        return
    by_sheet: dict[str, list] = {}
    for c in scan.cells:
        by_sheet.setdefault(c.sheet, []).append(c)
    for sheet, cells in by_sheet.items():
        xt = [c.cell for c in cells if c.xt]
        external = [c.cell for c in cells if c.external and not c.xt]
        parts = []
        if xt:
            parts.append(f"{_cells(xt)} 调用 XT_ 函数（没有安装加载项的电脑上显示 #NAME? 或指向加载项的链接）")
        if external:
            parts.append(f"{_cells(external)} 引用其他工作簿（收件人打开时会提示更新链接或显示过时的值）")
        first = cells[0]
        yield ctx.at(_cell(sheet, first.cell), "；".join(parts) + f"。请用 xltools freeze {source.name} 另存一份固化副本再发送",
                     None, f"={first.formula}")
    if scan.links and not scan.cells:
        targets = "、".join(link.target or link.part for link in scan.links)
        yield ctx.at(_cell(scan.sheets[0] if scan.sheets else "", "A1"), f"工作簿链接到其他文件（{targets}），收件人打开时会提示更新链接。"
                                               "发送前请先固化，或在 Excel 中用“数据 → 编辑链接 → 断开链接”")

