"""Rules for the 部门决算公开表 (F4): sums inside tables and equalities between tables.

Every table is read by its row and column names (recognize/final_accounts.py), so the same
rules hold for the tables of any year and unit, whatever their 行次. Published amounts are
rounded to the last decimal a table shows (0.01 万元, or 1 元), so a difference of exactly one
unit of that decimal is a warning (尾数误差), more is an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from xltools.forms.f4_data import FISCAL_ITEMS, SPENDING_KINDS
from xltools.recognize.final_accounts import words
from xltools.recognize.grid import CellRef, norm
from xltools.recognize.model import CodeRow, CodeTable, EconomicTable, LineRow, LineSide, LineTable, Recognized
from xltools.rules.base import EPS, ROUNDING, Finding, RuleContext, compare, rule

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
SIDE_WORD = {"income": "收入", "spending": "支出"}
BALANCE_ROLES = ("surplus", "opening", "distribution", "closing", "other")
FUNDS = ("general", "fund", "capital")
KIND_COLUMNS = dict(zip(SPENDING_KINDS, ("basic", "project", "upper", "operating", "affiliated"), strict=True))


def _words(text: str) -> str:
    """A name as the recognizer compares it: no spaces, ordinal prefix, brackets or quotes."""
    return words(norm(text))


def _amount(cell: CellRef | None) -> float:
    return cell.number if cell is not None and cell.number is not None else 0.0


def _numbers(cells: Iterable[CellRef | None]) -> list[float]:
    return [c.number for c in cells if c is not None and c.number is not None]


def _check_sum(ctx: RuleContext, target: CellRef | None, parts: Iterable[CellRef | None], what: str, how: str,
               decimals: int) -> Iterator[Finding]:
    """``target`` should equal the sum of ``parts``; nothing to say when both are blank."""
    if target is None:
        return
    values = _numbers(parts)
    if values or target.number:
        yield from ctx.mismatch(target, sum(values), what, decimals=decimals, how=how)


# ---- 科目编码 tables ---------------------------------------------------------------------------------
# These may have 100,000 rows: sums are taken over the numbers each row keeps, and a cell is made
# only for a finding.

def _check_row(ctx: RuleContext, row: CodeRow, key: str, parts: list[float], what: str, how: str,
               decimals: int) -> Iterator[Finding]:
    """Row ``row``'s amount in column ``key`` should equal the sum of ``parts``."""
    target = row.values.get(key)
    if target is None or (not parts and not target):
        return
    expected = sum(parts)
    if abs(target - expected) < 1e-6 or compare(target, expected, decimals) == "ok":
        return
    cell = row.at(key)
    if cell is not None:
        yield from ctx.mismatch(cell, expected, what, decimals=decimals, how=how)


def _children_index(table: CodeTable) -> dict[str, list[CodeRow]]:
    """Parent code -> its direct children (款 under 类, 项 under 款), in one pass."""
    index: dict[str, list[CodeRow]] = {}
    for row in table.entries:
        if len(row.code) > 3:
            index.setdefault(row.code[:-2], []).append(row)
    return index


@rule("FA01", "上级科目不等于下级科目之和", "error", F4, """
检查：公开02、03、05、07、08表中，类（3位）= 其下各款（5位）之和，款 = 其下各项（7位）之和，每一栏分别比较；科目编码写在一列或分成“类、款、项”三列都可以。
原因：科目汇总错误会让各类支出数与总表对不上。
示例：210 卫生健康支出 25,627.70 ≠ 21002 + 21003 + 21004 → 报错；相差 0.01 为尾数误差警告。
""", forms=("F4",), options=(ROUNDING,))
def parent_codes(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for table in found.code_tables:
        index = _children_index(table)
        for row in table.entries:
            children = index.get(row.code)
            if not children:
                continue
            for key in row.values:
                parts = [v for child in children if (v := child.values.get(key)) is not None]
                yield from _check_row(ctx, row, key, parts, f"{row.code}（{table.headers.get(key, key)}）",
                                      "下级科目之和", table.decimals)


@rule("FA02", "合计不等于各类之和", "error", F4, """
检查：公开02、03、05、07、08表的“合计”行 = 各类（3位科目）之和，每一栏分别比较。
原因：合计是与总表核对的口径，错了整套表都对不上。
示例：公开05表 项目支出 合计 878.56，各类之和 878.57 → 尾数误差警告。
""", forms=("F4",), options=(ROUNDING,))
def total_of_classes(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for table in found.code_tables:
        if not table.total:
            continue
        classes = [row.values for row in table.entries if len(row.code) == 3]
        if not classes:
            continue
        for key, target in table.total.items():
            parts = [v for c in classes if (v := c.get(key)) is not None]
            if parts or target.number:
                yield from ctx.mismatch(target, sum(parts), f"合计（{table.headers.get(key, key)}）",
                                        decimals=table.decimals, how="各类科目之和")


@rule("FA03", "行合计不等于各栏之和", "error", F4, """
检查：每一行 本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入（02表）；本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出（03表）；小计 = 基本支出 + 项目支出（05、07、08表）。栏目按表头名称认出，顺序和多少不限。
原因：行合计是横向核对，错了说明某一栏漏填。
示例：2100205 精神病医院 本年收入合计 24,568.43 = 1,394.45 + 23,148.30 + 25.68 ✓。
""", forms=("F4",), options=(ROUNDING,))
def row_totals(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for table in found.code_tables:
        total_key, parts = ROW_TOTALS.get(table.no, (None, ()))
        if total_key not in table.columns:
            continue
        what = f"（{table.headers[total_key]}）"
        if table.total:
            yield from _check_sum(ctx, table.total.get(total_key), (table.total.get(p) for p in parts),
                                  f"合计{what}", "各栏之和", table.decimals)
        for row in table.entries:
            values = row.values
            yield from _check_row(ctx, row, total_key, [values[p] for p in parts if p in values],
                                  f"{row.code}{what}", "各栏之和", table.decimals)


# ---- 01 and 04 -------------------------------------------------------------------------------------

def _summed_items(items: list[LineRow]) -> list[LineRow]:
    """The items a 本年合计 adds: not 其中 rows, not the breakdown under an item ((一) under 一、)."""
    rows = [row for row in items if not row.partial]
    keys = {row.key for row in rows}
    if "fiscal" in keys:  # 财政拨款收入 listed with its three kinds under it
        rows = [row for row in rows if row.key not in FISCAL_ITEMS or row.key == "fiscal"]
    levels = {row.level for row in rows if row.level}
    if len(levels) > 1:
        top = min(levels)
        rows = [row for row in rows if row.level in (0, top)]
    return rows


def _lines(rows: list[LineRow]) -> str:
    numbers = sorted(int(r.line.number) for r in rows if r.line is not None and r.line.number is not None)
    if not numbers:
        return ""
    if numbers == list(range(numbers[0], numbers[-1] + 1)) and len(numbers) > 2:
        return f"，第{numbers[0]}–{numbers[-1]}行"
    return f"，第{'、'.join(str(n) for n in numbers)}行"


def _total_title(side: LineSide, row: LineRow) -> str:
    line = row.line.text if row.line is not None and row.line.number is not None else ""
    return f"{SIDE_WORD[side.side]}总计" + (f"({line})" if line else "")


def _side_sums(ctx: RuleContext, table: LineTable, side: LineSide) -> Iterator[Finding]:
    word = SIDE_WORD[side.side]
    subtotal = side.first(f"{side.side}_subtotal")
    if subtotal is None:
        return
    items = _summed_items(side.items)
    for key in side.columns:
        suffix = f"（{side.headers[key]}）" if len(side.columns) > 1 and side.headers.get(key) else ""
        yield from _check_sum(ctx, subtotal.amounts.get(key), (r.amounts.get(key) for r in items),
                              f"{subtotal.title}{suffix}", f"各{word}项之和{_lines(items)}", table.decimals)
    rows = side.rows
    start = rows.index(subtotal)
    balances = [r for r in rows[start + 1:] if r.role in BALANCE_ROLES]
    total = side.first("total")
    if total is not None:
        how = " + ".join(_words(r.name.text) or r.key for r in (subtotal, *balances))
        for key in side.columns:
            suffix = f"（{side.headers[key]}）" if len(side.columns) > 1 and side.headers.get(key) else ""
            yield from _check_sum(ctx, total.amounts.get(key), (r.amounts.get(key) for r in (subtotal, *balances)),
                                  f"{_total_title(side, total)}{suffix}", how, table.decimals)
    # A balance followed by the rows that break it down (04表: 一般公共预算财政拨款 …).
    for i, row in enumerate(rows[start + 1:], start=start + 1):
        if row.role not in BALANCE_ROLES:
            continue
        parts = []
        for nxt in rows[i + 1:]:
            if nxt.role != "part":
                break
            parts.append(nxt)
        whole = [p for p in parts if not p.partial]
        if not whole:
            continue
        for key in side.columns:
            yield from _check_sum(ctx, row.amounts.get(key), (p.amounts.get(key) for p in whole), row.title,
                                  f"其下{'、'.join(_words(p.name.text) for p in whole)}之和", table.decimals)


def _fund_split(ctx: RuleContext, table: LineTable, side: LineSide) -> Iterator[Finding]:
    """04表: each row's 合计 = 一般公共预算 + 政府性基金 + 国有资本经营预算财政拨款."""
    if "total" not in side.columns or not set(FUNDS) & set(side.columns):
        return
    for row in side.rows:
        yield from _check_sum(ctx, row.amounts.get("total"), (row.amounts.get(k) for k in FUNDS),
                              f"{row.title}合计", "三类财政拨款之和", table.decimals)


@rule("FA04", "收支总表不平衡", "error", F4, """
检查：公开01表按行名核对，不看行次（各年度行次不同）：本年收入合计 = 各收入项之和；本年支出合计 = 各支出项之和；收入总计 = 本年收入合计 + 使用非财政拨款结余（用事业基金弥补收支差额）+ 年初结转和结余；支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余；收入总计 = 支出总计。公开04表同理，另核对每行 合计 = 三类财政拨款之和，年初（年末）财政拨款结转和结余 = 其下各项之和。
原因：收支平衡是决算的基本等式。
示例：年初结转和结余 2,246.76 录错，收入总计 28,051.11 ≠ 支出总计 28,069.11 → 报错。
""", forms=("F4",), options=(ROUNDING,))
def balance(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for table in found.line_tables:
        for side in (table.income, table.spending):
            yield from _side_sums(ctx, table, side)
            yield from _fund_split(ctx, table, side)
        left, right = table.income.first("total"), table.spending.first("total")
        if left is None or right is None:
            continue
        common = [k for k in table.income.columns if k in table.spending.columns]
        pairs = [(k, k) for k in common] or [(table.income.main, table.spending.main)]
        for mine, theirs in pairs:
            target, other = left.amounts.get(mine), right.amounts.get(theirs)
            if target is not None and other is not None and other.number is not None:
                yield from ctx.mismatch(target, other.number, _total_title(table.income, left),
                                        decimals=table.decimals,
                                        how=f"应等于{_total_title(table.spending, right)}")


# ---- 06 and 09 -------------------------------------------------------------------------------------

@rule("FA05", "基本支出明细表合计不符", "error", F4, """
检查：公开06表 每个经济分类“类”（301、302…）= 其下各款之和；人员经费合计 = 301 + 303；公用经费合计 = 302 + 307 + 310 + 312 + 399。
原因：人员经费和公用经费是“三公”及机关运行经费分析的基础。
示例：302 商品和服务支出 446.44，各款之和 446.26 → 报错。
""", forms=("F4",), options=(ROUNDING,))
def economic_sums(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for table in found.economic:
        children: dict[str, list[CellRef]] = {}
        for code, cell in table.amounts.items():
            if len(code) == 5:
                children.setdefault(code[:3], []).append(cell)
        for code, cell in table.amounts.items():
            if len(code) == 3:
                yield from _check_sum(ctx, cell, children.get(code, ()), f"{code} {table.names[code].text}",
                                      "其下各款之和", table.decimals)
        for target, classes, what in ((table.personnel_total, PERSONNEL_CLASSES, "人员经费合计"),
                                      (table.public_total, PUBLIC_CLASSES, "公用经费合计")):
            if target is None:
                continue
            values = [_amount(table.amounts.get(c)) for c in classes if c in table.amounts]
            yield from ctx.mismatch(target, sum(values), what, decimals=table.decimals, how="+".join(classes))


THREE_NAMES = {"total": "合计", "abroad": "因公出国（境）费", "car": "公务用车购置及运行维护费",
               "purchase": "公务用车购置费", "running": "公务用车运行维护费", "reception": "公务接待费"}


@rule("FA06", "三公经费合计不符", "error", F4, """
检查：公开09表（“三公”经费）预算数、决算数（以及其他金额栏，如其中：财政拨款、增减金额）各自：合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费；公务用车购置及运行维护费 = 购置费 + 运行维护费。小计与明细不符时只报小计，合计与小计或明细之一相符即不再重复报错。表样不限：预算数、决算数各占六栏，每项下并列预算数和决算数，或各项分行列出，合计行在上在下都可以；增减率等比率栏不核对。
原因：“三公”经费是社会关注度最高的数字。
示例：购置费 2 + 运行维护费 3，小计写 6 → 报错；相差 0.01 为尾数误差警告。
""", forms=("F4",), options=(ROUNDING,))
def three_public(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for table in found.three_public:
        for block, cells in table.blocks.items():
            car_parts = [cells.get(k) for k in ("purchase", "running") if k in cells]
            if "car" in cells and car_parts:
                yield from _check_sum(ctx, cells["car"], car_parts, f"{THREE_NAMES['car']}（{block}）",
                                      "购置费 + 运行维护费", table.decimals)
            total = cells.get("total")
            if total is None or total.number is None:
                continue
            # The total may add the car subtotal or its parts: where the two disagree (a slip in the
            # subtotal, reported above), a total that agrees with either is not a second slip.
            ways = [("abroad", "car", "reception")] if "car" in cells else []
            if any(cells[k].number is not None for k in ("purchase", "running") if k in cells) or not ways:
                ways.append(("abroad", "purchase", "running", "reception"))
            sums = [(keys, sum(_numbers(cells.get(k) for k in keys))) for keys in ways
                    if any(k in cells for k in keys if k != "abroad")]
            if not sums or any(compare(total.number, value, table.decimals) == "ok" for _, value in sums):
                continue
            car_parts_agree = "car" in cells and car_parts and cells["car"].number is not None and compare(
                cells["car"].number, sum(_numbers(car_parts)), table.decimals) == "ok"
            keys, value = sums[0] if car_parts_agree or len(sums) == 1 else sums[-1]
            yield from ctx.mismatch(total, value, f"“三公”经费合计（{block}）", decimals=table.decimals,
                                    how=" + ".join(THREE_NAMES[k] for k in keys if k in cells))


# ---- between tables --------------------------------------------------------------------------------

def _code(found: Recognized, no: str) -> CodeTable | None:
    return next((t for t in found.code_tables if t.no == no), None)


def _line(found: Recognized, no: str) -> LineTable | None:
    return next((t for t in found.line_tables if t.no == no), None)


def _to_wan(unit: str | None) -> float:
    return 1e-4 if unit == "元" else 1.0


def _unit_word(table: LineTable | CodeTable | EconomicTable, other: LineTable | CodeTable | EconomicTable) -> str:
    """The table's unit, said only where the two tables compared differ in it."""
    return table.unit or "" if table.unit != other.unit else ""


def _cross(ctx: RuleContext, target: CellRef, mine: LineTable | CodeTable | EconomicTable, expected: float,
           theirs: LineTable | CodeTable, what: str, how: str) -> Iterator[Finding]:
    """``target`` of one table should equal ``expected`` read from another, each in its own unit."""
    if mine.unit == theirs.unit or mine.unit is None or theirs.unit is None:
        yield from ctx.mismatch(target, expected, what, decimals=min(mine.decimals, theirs.decimals), how=how)
        return
    if target.number is None:
        return
    shown = CellRef(target.sheet, target.row, target.col, target.number * _to_wan(mine.unit))
    what += "（元折合万元）" if mine.unit == "元" else ""
    how += "，元折合万元" if theirs.unit == "元" else ""
    yield from ctx.mismatch(shown, expected * _to_wan(theirs.unit), what, decimals=2, how=how)


def _main(side: LineSide, row: LineRow | None) -> CellRef | None:
    return row.amounts.get(side.main) if row is not None and side.main else None


@rule("FA07", "表间数据不一致", "error", F4, """
检查：公开01表本年收入合计 = 02表合计本年收入合计，01表各收入项 = 02表对应栏合计（三类财政拨款收入之和 = 02表财政拨款收入）；01表本年支出合计 = 03表合计；01表各功能分类支出 = 03表同名的类；02表合计财政拨款收入 = 04表本年收入合计；05表每个科目的基本支出、项目支出不超过03表同一科目；04表一般公共预算财政拨款本年支出合计 = 05表合计；06表 人员经费 + 公用经费 = 05表合计基本支出。各表按名称认出（公开01表、表一、附件1 都可以），金额单位不同（元、万元）时折算后比较。
原因：一套决算公开表必须相互勾稽，表间不一致是审核退回的首要原因。
示例：06表 人员经费 936.00 + 公用经费 815.63 = 1,751.63 ≠ 05表基本支出 1,751.81 → 报错。
""", forms=("F4",), options=(ROUNDING,))
def cross_tables(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    t01, t04 = _line(found, "01"), _line(found, "04")
    t02, t03, t05 = _code(found, "02"), _code(found, "03"), _code(found, "05")
    if t01 is not None and t02 is not None and t02.total:
        yield from _income_vs_02(ctx, t01, t02)
    if t01 is not None and t03 is not None and t03.total:
        yield from _spending_vs_03(ctx, t01, t03)
    if t02 is not None and t02.total and t04 is not None:
        fiscal, subtotal = t02.total.get("fiscal"), _main(t04.income, t04.income.first("income_subtotal"))
        if fiscal is not None and subtotal is not None and subtotal.number is not None:
            yield from _cross(ctx, fiscal, t02, subtotal.number, t04, "公开02表合计“财政拨款收入”",
                              f"公开04表{t04.income.first('income_subtotal').title}")
    if t03 is not None and t05 is not None:
        yield from _within(ctx, t05, t03)
    if t04 is not None and t05 is not None and t05.total:
        row = t04.spending.first("spending_subtotal")
        target, other = (row.amounts.get("general") if row else None), t05.total.get("subtotal")
        if target is not None and other is not None:
            yield from _cross(ctx, target, t04, _amount(other), t05,
                              f"公开04表一般公共预算财政拨款{row.title}", "公开05表合计")
    for table in found.economic:
        if t05 is not None and t05.total and "basic" in t05.total and \
                table.personnel_total is not None and table.public_total is not None:
            personnel, basic = _amount(table.personnel_total), t05.total["basic"]
            if basic.number is not None:
                # 05 基本支出 − 06 人员经费, in 05's unit; _cross compares in 万元 when the two differ
                both = table.unit is not None and t05.unit is not None
                in_05 = personnel * _to_wan(table.unit) / _to_wan(t05.unit) if both else personnel
                total = personnel + _amount(table.public_total)
                yield from _cross(ctx, table.public_total, table, basic.number - in_05, t05, "公开06表公用经费合计",
                                  f"人员经费 + 公用经费 = {total:,.2f}{_unit_word(table, t05)}，应等于公开05表基本支出 "
                                  f"{basic.number:,.2f}{_unit_word(t05, table)}")


def _income_vs_02(ctx: RuleContext, t01: LineTable, t02: CodeTable) -> Iterator[Finding]:
    side = t01.income
    assert t02.total is not None
    subtotal = side.first("income_subtotal")
    target, other = _main(side, subtotal), t02.total.get("total")
    if target is not None and other is not None and (target.number or other.number):
        yield from _cross(ctx, target, t01, _amount(other), t02, f"公开01表{subtotal.title}",
                          f"公开02表合计“{t02.headers.get('total', '本年收入合计')}”")
    items = [r for r in side.items if not r.partial]
    for key in ("upper", "business", "operating", "affiliated", "other"):
        row = next((r for r in items if r.key == key), None)
        target, other = _main(side, row), t02.total.get(key)
        if row is not None and target is not None and other is not None and (target.number or other.number):
            yield from _cross(ctx, target, t01, _amount(other), t02, f"公开01表{row.title}",
                              f"公开02表合计“{t02.headers.get(key, key)}”")
    fiscal_rows = [r for r in _summed_items(items) if r.key in FISCAL_ITEMS]
    fiscal = t02.total.get("fiscal")
    if not fiscal_rows or fiscal is None:
        return
    cells = [_main(side, r) for r in fiscal_rows]
    filled = [(r, c) for r, c in zip(fiscal_rows, cells, strict=True) if c is not None and c.number]
    if not filled and not fiscal.number:
        return
    how = f"公开02表合计“{t02.headers.get('fiscal', '财政拨款收入')}”"
    if len(filled) <= 1:
        row, cell = filled[0] if filled else (fiscal_rows[0], cells[0])
        if cell is not None:
            rest = sum(_amount(c) for c in cells if c is not cell)
            yield from _cross(ctx, cell, t01, _amount(fiscal) - rest, t02, f"公开01表{row.title}",
                              how + ("减其他财政拨款收入" if rest else ""))
        return
    total = sum(_amount(c) for _, c in filled)
    yield from _cross(ctx, fiscal, t02, total, t01, "公开02表合计“财政拨款收入”",
                      f"公开01表{'、'.join(r.title for r, _ in filled)}之和")


def _spending_vs_03(ctx: RuleContext, t01: LineTable, t03: CodeTable) -> Iterator[Finding]:
    side = t01.spending
    assert t03.total is not None
    subtotal = side.first("spending_subtotal")
    target, other = _main(side, subtotal), t03.total.get("total")
    if target is not None and other is not None:
        yield from _cross(ctx, target, t01, _amount(other), t03, f"公开01表{subtotal.title}", "公开03表合计")
    classes = {_words(row.name): row.amounts for row in t03.entries if len(row.code) == 3}
    for row in _summed_items(side.items):
        cell = _main(side, row)
        name = _words(row.name.text)
        if cell is None or not name:
            continue
        if name in KIND_COLUMNS:  # 01表 listing spending by kind: 基本支出, 项目支出 …
            other = t03.total.get(KIND_COLUMNS[name])
            if other is not None and (cell.number or other.number):
                yield from _cross(ctx, cell, t01, _amount(other), t03, f"公开01表“{name}”",
                                  f"公开03表合计“{t03.headers.get(KIND_COLUMNS[name], name)}”")
        elif name in classes and "total" in classes[name]:
            yield from _cross(ctx, cell, t01, _amount(classes[name]["total"]), t03, f"公开01表“{name}”",
                              "公开03表同一类的本年支出合计")
        elif cell.number and classes:
            yield ctx.at(cell, f"公开01表“{name}”{cell.number:,.2f}，公开03表没有这一类支出", 0.0, cell.number)


def _within(ctx: RuleContext, part: CodeTable, whole: CodeTable) -> Iterator[Finding]:
    """公开05表 (一般公共预算财政拨款) spends part of what 公开03表 (all funds) spends, 科目 by 科目."""
    totals = {row.code: row.values for row in whole.entries}
    decimals = min(part.decimals, whole.decimals)
    scale = _to_wan(part.unit) / _to_wan(whole.unit) if part.unit and whole.unit else 1.0
    for row in part.entries:
        other = totals.get(row.code)
        if other is None:
            continue
        for key in ("basic", "project"):
            mine = row.values.get(key)
            if mine is None:
                continue
            limit = other.get(key, 0.0) / scale
            if mine <= limit + EPS or compare(mine, limit, decimals) == "ok":
                continue
            cell = row.at(key)
            if cell is None:
                continue
            verdict = compare(mine, limit, decimals, int(ctx.option("rounding", cell)))
            note = "；相差一个尾数单位，可能是尾数误差" if verdict == "rounding" else ""
            yield ctx.at(cell, f"公开05表 {row.code}（{part.headers.get(key, key)}）{mine:,.2f} 超过公开03表"
                               f"同一科目 {limit:,.2f}：财政拨款支出不能多于全部支出{note}", limit, mine,
                         "warning" if verdict == "rounding" else None)
