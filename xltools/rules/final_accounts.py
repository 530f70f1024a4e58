"""Rules for the 部门决算公开表 (F4, seed 004): sums inside tables and equalities between tables.

Published amounts are rounded to 0.01 万元 (01表: 本套报表金额单位转换时可能存在尾数误差), so a
difference of one cent is a warning (尾数误差), more is an error.
"""

from __future__ import annotations

from collections.abc import Iterator

from xltools.recognize.grid import CellRef
from xltools.recognize.model import CodeTable, LineTable, Recognized
from xltools.rules.base import Finding, RuleContext, rule

F4 = "F4（决算公开表）"
ROW_TOTALS = {
    "02": ("total", ("fiscal", "upper", "business", "operating", "affiliated", "other")),
    "03": ("total", ("basic", "project", "upper", "operating", "affiliated")),
    "05": ("subtotal", ("basic", "project")),
    "07": ("subtotal", ("basic", "project")),
    "08": ("subtotal", ("basic", "project")),
}
PERSONNEL_CLASSES = ("301", "303")
PUBLIC_CLASSES = ("302", "307", "310", "312", "399")


def _amount(cell: CellRef | None) -> float:
    return cell.number if cell is not None and cell.number is not None else 0.0


def _children_index(table: CodeTable) -> dict[str, list[dict[str, CellRef]]]:
    """Parent code -> its direct children's amounts (款 under 类, 项 under 款), in one pass."""
    index: dict[str, list[dict[str, CellRef]]] = {}
    for cell, amounts in table.rows:
        code = cell.text
        if len(code) > 3:
            index.setdefault(code[:-2], []).append(amounts)
    return index


@rule("FA01", "上级科目不等于下级科目之和", "error", F4, """
检查：公开02、03、05、07、08表中，类（3位）= 其下各款（5位）之和，款 = 其下各项（7位）之和，每一栏分别比较。
原因：科目汇总错误会让各类支出数与总表对不上。
示例：210 卫生健康支出 25,627.70 ≠ 21002 + 21003 + 21004 → 报错；相差 0.01 为尾数误差警告。
""")
def parent_codes(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for table in found.code_tables:
        index = _children_index(table)
        for cell, amounts in table.rows:
            children = index.get(cell.text)
            if not children:
                continue
            for key, target in amounts.items():
                values = [c[key].number for c in children if key in c and c[key].number is not None]
                if values or target.number:
                    yield from ctx.mismatch(target, sum(values), f"{cell.text}（{table.headers.get(key, key)}）",
                                            how="下级科目之和")


@rule("FA02", "合计不等于各类之和", "error", F4, """
检查：公开02、03、05、07、08表的“合计”行 = 各类（3位科目）之和，每一栏分别比较。
原因：合计是与总表核对的口径，错了整套表都对不上。
示例：公开05表 项目支出 合计 878.56，各类之和 878.57 → 尾数误差警告。
""")
def total_of_classes(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for table in found.code_tables:
        if not table.total:
            continue
        classes = [amounts for cell, amounts in table.rows if len(cell.text) == 3]
        if not classes:
            continue
        for key, target in table.total.items():
            values = [c[key].number for c in classes if key in c and c[key].number is not None]
            if values or target.number:
                yield from ctx.mismatch(target, sum(values), f"合计（{table.headers.get(key, key)}）",
                                        how="各类科目之和")


@rule("FA03", "行合计不等于各栏之和", "error", F4, """
检查：每一行 本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入（02表）；本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出（03表）；小计 = 基本支出 + 项目支出（05、07、08表）。
原因：行合计是横向核对，错了说明某一栏漏填。
示例：2100205 精神病医院 本年收入合计 24,568.43 = 1,394.45 + 23,148.30 + 25.68 ✓。
""")
def row_totals(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for table in found.code_tables:
        total_key, parts = ROW_TOTALS.get(table.no, (None, ()))
        if total_key not in table.columns:
            continue
        rows = ([("合计", table.total)] if table.total else []) + [(c.text, a) for c, a in table.rows]
        for label, amounts in rows:
            values = [amounts[p].number for p in parts if p in amounts and amounts[p].number is not None]
            target = amounts.get(total_key)
            if target is not None and (values or target.number):
                yield from ctx.mismatch(target, sum(values), f"{label}（{table.headers[total_key]}）",
                                        how="各栏之和")


def _line(table: LineTable, line: int, key: str = "amount") -> CellRef | None:
    return table.lines.get(line, {}).get(key)


@rule("FA04", "收支总表不平衡", "error", F4, """
检查：公开01表 本年收入合计(27) = 第1–26行之和；本年支出合计(58) = 第32–57行之和；收入总计(31) = (27)+(28)+(29)；支出总计(62) = (58)+(59)+(60)；两边总计相等。公开04表同理（(27)=(1)…(26)，(28)=(29)+(30)+(31)，(32)=(27)+(28)，(59)=(33)…(58)，(64)=(59)+(60)，两边总计相等）。
原因：收支平衡是决算的基本等式。
示例：年初结转和结余 2,246.76 录错，收入总计 28,051.11 ≠ 支出总计 28,069.11 → 报错。
""")
def balance(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for table in found.line_tables:
        if table.no == "01":
            yield from _sum_lines(ctx, table, 27, range(1, 27), "本年收入合计")
            yield from _sum_lines(ctx, table, 58, range(32, 58), "本年支出合计")
            yield from _sum_lines(ctx, table, 31, (27, 28, 29), "收入总计")
            yield from _sum_lines(ctx, table, 62, (58, 59, 60), "支出总计")
            left, right = _line(table, 31), _line(table, 62)
            if left is not None and right is not None and right.number is not None and left.number is not None:
                yield from ctx.mismatch(left, right.number, "收入总计(31)", how="应等于支出总计(62)")
        elif table.no == "04":
            yield from _sum_lines(ctx, table, 27, range(1, 27), "本年收入合计")
            yield from _sum_lines(ctx, table, 28, (29, 30, 31), "年初财政拨款结转和结余")
            yield from _sum_lines(ctx, table, 32, (27, 28), "收入总计")
            for key in ("total", "general", "fund", "capital"):
                yield from _sum_lines(ctx, table, 59, range(33, 59), "本年支出合计", key)
                yield from _sum_lines(ctx, table, 64, (59, 60), "支出总计", key)
            for line in range(33, 65):
                cells = table.lines.get(line, {})
                parts = [cells[k].number for k in ("general", "fund", "capital") if k in cells and cells[k].number is not None]
                if "total" in cells and parts:
                    yield from ctx.mismatch(cells["total"], sum(parts), f"第{line}行合计", how="三类财政拨款之和")
            left, right = _line(table, 32), _line(table, 64, "total")
            if left is not None and right is not None and right.number is not None and left.number is not None:
                yield from ctx.mismatch(left, right.number, "收入总计(32)", how="应等于支出总计(64)")


def _sum_lines(ctx: RuleContext, table: LineTable, target_line: int, lines, what: str,
               key: str = "amount") -> Iterator[Finding]:
    target = _line(table, target_line, key)
    values = [_line(table, n, key) for n in lines]
    numbers = [v.number for v in values if v is not None and v.number is not None]
    if target is not None and (numbers or target.number):
        yield from ctx.mismatch(target, sum(numbers), f"{what}({target_line})",
                                how=f"第{'、'.join(str(n) for n in lines) if len(lines) < 6 else f'{min(lines)}–{max(lines)}'}行之和")


@rule("FA05", "基本支出明细表合计不符", "error", F4, """
检查：公开06表 每个经济分类“类”（301、302…）= 其下各款之和；人员经费合计 = 301 + 303；公用经费合计 = 302 + 307 + 310 + 312 + 399。
原因：人员经费和公用经费是“三公”及机关运行经费分析的基础。
示例：302 商品和服务支出 446.44，各款之和 446.26 → 报错。
""")
def economic_sums(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for table in found.economic:
        for code, cell in table.amounts.items():
            if len(code) != 3:
                continue
            children = [c.number for k, c in table.amounts.items() if len(k) == 5 and k.startswith(code)
                        and c.number is not None]
            if children or cell.number:
                yield from ctx.mismatch(cell, sum(children), f"{code} {table.names[code].text}", how="其下各款之和")
        for target, classes, what in ((table.personnel_total, PERSONNEL_CLASSES, "人员经费合计"),
                                      (table.public_total, PUBLIC_CLASSES, "公用经费合计")):
            if target is None:
                continue
            values = [_amount(table.amounts.get(c)) for c in classes if c in table.amounts]
            yield from ctx.mismatch(target, sum(values), what, how="+".join(classes))


@rule("FA06", "三公经费合计不符", "error", F4, """
检查：公开09表 预算数、决算数各自：合计 = 因公出国(境)费 + 公务用车购置及运行维护费 + 公务接待费；公务用车小计 = 购置费 + 运行维护费。
原因：“三公”经费是社会关注度最高的数字。
示例：购置费 2 + 运行维护费 3，小计写 6 → 报错。
""")
def three_public(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for table in found.three_public:
        for block, cells in table.blocks.items():
            name = "预算数" if block == "budget" else "决算数"
            parts = [cells[k] for k in ("purchase", "running")]
            if any(p.number is not None for p in parts) or cells["car"].number:
                yield from ctx.mismatch(cells["car"], sum(_amount(p) for p in parts), f"{name}公务用车小计",
                                        how="购置费 + 运行维护费")
            parts = [cells[k] for k in ("abroad", "car", "reception")]
            if any(p.number is not None for p in parts) or cells["total"].number:
                yield from ctx.mismatch(cells["total"], sum(_amount(p) for p in parts), f"{name}合计",
                                        how="因公出国(境)费 + 公务用车 + 公务接待费")


def _table(found: Recognized, no: str) -> CodeTable | LineTable | None:
    for table in (*found.code_tables, *found.line_tables):
        if table.no == no:
            return table
    return None


@rule("FA07", "表间数据不一致", "error", F4, """
检查：公开01表本年收入合计 = 02表合计本年收入合计，01表各收入项 = 02表对应栏合计；01表本年支出合计 = 03表合计；01表各功能分类支出 = 03表对应类；02表合计财政拨款收入 = 04表本年收入合计；05表每个科目的基本支出、项目支出不超过03表同一科目；04表一般公共预算财政拨款本年支出合计 = 05表合计；06表 人员经费 + 公用经费 = 05表合计基本支出。
原因：一套决算公开表必须相互勾稽，表间不一致是审核退回的首要原因。
示例：06表 人员经费 936.00 + 公用经费 815.63 = 1,751.63 ≠ 05表基本支出 1,751.81 → 报错。
""")
def cross_tables(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    t01, t02, t03 = _table(found, "01"), _table(found, "02"), _table(found, "03")
    t04, t05 = _table(found, "04"), _table(found, "05")
    if isinstance(t01, LineTable) and isinstance(t02, CodeTable) and t02.total:
        pairs = ((27, "total"), (1, "fiscal"), (4, "upper"), (5, "business"), (6, "operating"), (7, "affiliated"),
                 (8, "other"))
        for line, key in pairs:
            target = _line(t01, line)
            other = t02.total.get(key)
            if target is not None and other is not None and (target.number or other.number):
                yield from ctx.mismatch(target, _amount(other), f"公开01表第{line}行",
                                        how=f"公开02表合计“{t02.headers.get(key, key)}”")
    if isinstance(t01, LineTable) and isinstance(t03, CodeTable) and t03.total:
        target, other = _line(t01, 58), t03.total.get("total")
        if target is not None and other is not None:
            yield from ctx.mismatch(target, _amount(other), "公开01表本年支出合计(58)", how="公开03表合计")
        by_name = {t03.names.get(cell.text, ""): amounts for cell, amounts in t03.rows if len(cell.text) == 3}
        for line in range(32, 58):
            label = t01.labels.get(line)
            cell = _line(t01, line)
            if label is None or cell is None:
                continue
            name = label.text.split("、", 1)[-1]
            if name in by_name and "total" in by_name[name]:
                yield from ctx.mismatch(cell, _amount(by_name[name]["total"]), f"公开01表“{name}”",
                                        how="公开03表同一类的本年支出合计")
            elif cell.number:
                yield ctx.at(cell, f"公开01表“{name}”{cell.number:,.2f}，公开03表没有这一类支出", 0.0, cell.number)
    if isinstance(t02, CodeTable) and t02.total and isinstance(t04, LineTable):
        fiscal, line27 = t02.total.get("fiscal"), _line(t04, 27)
        if fiscal is not None and line27 is not None and line27.number is not None:
            yield from ctx.mismatch(fiscal, line27.number, "公开02表合计“财政拨款收入”",
                                    how="公开04表本年收入合计(27)")
    if isinstance(t03, CodeTable) and isinstance(t05, CodeTable):
        yield from _within(ctx, t05, t03)
    if isinstance(t04, LineTable) and isinstance(t05, CodeTable) and t05.total:
        target, other = _line(t04, 59, "general"), t05.total.get("subtotal")
        if target is not None and other is not None:
            yield from ctx.mismatch(target, _amount(other), "公开04表一般公共预算财政拨款本年支出合计(59)",
                                    how="公开05表合计")
    for table in found.economic:
        if isinstance(t05, CodeTable) and t05.total and "basic" in t05.total and \
                table.personnel_total is not None and table.public_total is not None:
            total = _amount(table.personnel_total) + _amount(table.public_total)
            basic = t05.total["basic"]
            if basic.number is not None:
                yield from ctx.mismatch(table.public_total, basic.number - _amount(table.personnel_total),
                                        "公开06表公用经费合计",
                                        how=f"人员经费 + 公用经费 = {total:,.2f}，应等于公开05表基本支出 "
                                            f"{basic.number:,.2f}")


def _within(ctx: RuleContext, part: CodeTable, whole: CodeTable) -> Iterator[Finding]:
    """公开05表 (一般公共预算财政拨款) spends part of what 公开03表 (all funds) spends,科目 by 科目."""
    totals = {cell.text: amounts for cell, amounts in whole.rows}
    for cell, amounts in part.rows:
        other = totals.get(cell.text)
        for key in ("basic", "project"):
            mine = amounts.get(key)
            if other is None or mine is None or mine.number is None:
                continue
            limit = _amount(other.get(key))
            if mine.number > limit + 0.01 + 1e-9:
                yield ctx.at(mine, f"公开05表 {cell.text}（{part.headers.get(key, key)}）{mine.number:,.2f} 超过公开03表同一科目 "
                                   f"{limit:,.2f}：财政拨款支出不能多于全部支出", limit, mine.number)
