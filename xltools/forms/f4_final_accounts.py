"""F4 部门决算公开表 公开01表–公开09表 (seed 004 lines 1–600), one workbook of nine sheets.

科目编码 rows come from data: given a list of codes, a parent row (类 3 digits, 款 5, 项 7)
sums its children and 合计 sums the 类 rows; without codes the sheet offers blank input rows
and 合计 adds up whatever rows carry a 3-digit code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from xltools.forms import exprs as x
from xltools.forms import f4_data as fd
from xltools.forms.f4_data import (CAPITAL_OTHER, CHINESE_ORDINALS, FUNCTION_CLASSES, GOODS_SERVICES,
                                   INCOME_ITEMS_01, INCOME_ITEMS_04, PERSONNEL)
from xltools.forms.spec import Cell, Row, Sheet, TableSpec, calc, hdr, inp, lab, title

BLANK_CODE_ROWS = 15


@dataclass(frozen=True)
class CodeRow:
    code: str
    name: str
    values: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class AmountColumn:
    key: str
    header: str
    parts: tuple[str, ...] = ()  # a row total: the sum of these columns of the same row


# ---- the recognition contract ----------------------------------------------------------------
# Each table as the checker reads it, from the names in f4_data: columns and rows by name with
# the synonyms other years and units print, never by position or 行次 (which change by year).

def _code_spec(no: str) -> TableSpec:
    columns = (("code", fd.CODE), ("name", fd.CODE_NAME), *fd.CODE_SPLIT, *fd.CODE_COLUMNS[no])
    return TableSpec(f"F4.{no}", tuple(label for _, label in columns), keys=tuple(k for k, _ in columns),
                     required=("code",), title=fd.TITLES[no].text, rows=(("total", fd.TOTAL_ROW),), stop=("注",))


_LINE_ROWS = (*fd.LINE_ROLES, *fd.INCOME_ITEMS, ("part", fd.BALANCE_PARTS))
TABLES: dict[str, TableSpec] = {
    "01": TableSpec("F4.01", tuple(label for _, label in fd.SIDE_COLUMNS[:4]),
                    keys=tuple(k for k, _ in fd.SIDE_COLUMNS[:4]), required=("name", "amount"),
                    title=fd.TITLES["01"].text, rows=_LINE_ROWS, stop=("注",)),
    "02": _code_spec("02"),
    "03": _code_spec("03"),
    "04": TableSpec("F4.04", tuple(label for _, label in fd.SIDE_COLUMNS), keys=tuple(k for k, _ in fd.SIDE_COLUMNS),
                    required=("name", "amount"), title=fd.TITLES["04"].text, rows=_LINE_ROWS, stop=("注",)),
    "05": _code_spec("05"),
    "06": TableSpec("F4.06", (fd.CODE, fd.CODE_NAME, fd.ECONOMIC_AMOUNT), keys=("code", "name", "amount"),
                    required=("code", "amount"), title=fd.TITLES["06"].text,
                    rows=(("personnel_total", fd.PERSONNEL_TOTAL), ("public_total", fd.PUBLIC_TOTAL)), stop=("注",)),
    "07": _code_spec("07"),
    "08": _code_spec("08"),
    # 三公: the blocks (预算数, 决算数) and the items, as columns or as rows, whichever the table uses.
    "09": TableSpec("F4.09", tuple(label for _, label in fd.THREE_PUBLIC_BLOCKS),
                    keys=tuple(k for k, _ in fd.THREE_PUBLIC_BLOCKS), title=fd.TITLES["09"].text,
                    rows=fd.THREE_PUBLIC_ITEMS, stop=("注",)),
}


def unit_row(span: int, unit: str) -> Row:
    return Row("unit", (lab("单位：", align="right"), inp("name", "text", span - 3, value=unit or None),
                        Cell("note", "金额单位：万元", span=2, align="right")), boxed=False)


def table_no(no: str, span: int) -> Row:
    return Row("table_no", (Cell("note", f"公开{no}表", span=span, align="right"),), boxed=False)


# ---- code tables (02, 03, 05, 07, 08) ------------------------------------------------------

def code_table(no: str, name: str, unit: str, columns: Sequence[AmountColumn], head: Sequence[Row],
               codes: Sequence[CodeRow] | None) -> Sheet:
    span = 2 + len(columns)
    rows = [title(name, span), table_no(no, span), unit_row(span, unit), *head,
            Row("col_no", (lab("栏次", 2), *(lab(str(i)) for i in range(1, len(columns) + 1))))]
    rows.append(Row("sum", (lab("合计", 2), *(_column_total(col, codes) for col in columns))))
    rows += _code_rows(columns, codes) if codes else _blank_code_rows(columns)
    widths = (12, 30, *(14 for _ in columns))
    return Sheet(f"公开{no}表", widths, tuple(rows), landscape=len(columns) > 4,
                 repeat_rows=(head[0].name, "col_no"), freeze=("col_no", 2), tables=(TABLES[no],))


def _row_total(col: AmountColumn) -> Cell:
    return calc(col.key, x.sum_or_blank(*("{@%s}" % p for p in col.parts)), "money")


def _column_total(col: AmountColumn, codes: Sequence[CodeRow] | None) -> Cell:
    if col.parts:
        return _row_total(col)
    if codes:
        return calc(col.key, x.sum_or_blank("{classes.%s}" % col.key), "money")
    return calc(col.key, "SUMPRODUCT((LEN({codes.code})=3)*1,{codes.%s})" % col.key, "money")


def _blank_code_rows(columns: Sequence[AmountColumn]) -> list[Row]:
    rows = []
    for i in range(BLANK_CODE_ROWS):
        cells = [inp("code", "text"), inp("name", "text")]
        cells += [_row_total(c) if c.parts else inp(c.key, "money") for c in columns]
        rows.append(Row(f"code{i}", tuple(cells), groups=("codes",)))
    return rows


def _code_rows(columns: Sequence[AmountColumn], codes: Sequence[CodeRow]) -> list[Row]:
    all_codes = [c.code for c in codes]
    rows = []
    for i, item in enumerate(codes):
        children = [c for c in all_codes if len(c) == len(item.code) + 2 and c.startswith(item.code)]
        groups = ["codes"]
        if len(item.code) == 3:
            groups.append("classes")
        parent = next((p for p in all_codes if len(p) == len(item.code) - 2 and item.code.startswith(p)), None)
        if parent:
            groups.append(f"children_{parent}")
        cells = [lab(item.code, align="left"), lab(item.name, align="left")]
        for col in columns:
            if col.parts:
                cells.append(_row_total(col))
            elif children:
                cells.append(calc(col.key, x.sum_or_blank("{children_%s.%s}" % (item.code, col.key)), "money"))
            else:
                cells.append(inp(col.key, "money", value=item.values.get(col.key)))
        rows.append(Row(f"code{i}", tuple(cells), groups=tuple(groups)))
    return rows


def _simple_head(columns: Sequence[AmountColumn]) -> list[Row]:
    """项目 over 科目编码/科目名称 and one header per amount column (02, 03 layouts)."""
    return [
        Row("head1", (hdr("项目", 2), *(hdr(c.header, vspan=2) for c in columns))),
        Row("head2", (hdr("科目编码"), hdr("科目名称"))),
    ]


def _spending_head(prefix: tuple[AmountColumn, ...], suffix: tuple[AmountColumn, ...]) -> list[Row]:
    """项目 | [prefix columns] | 本年支出(小计, 基本支出, 项目支出) | [suffix columns] (05, 07, 08)."""
    return [
        Row("head1", (hdr("项目", 2), *(hdr(c.header, vspan=2) for c in prefix), hdr("本年支出", 3),
                      *(hdr(c.header, vspan=2) for c in suffix))),
        Row("head2", (hdr("科目编码"), hdr("科目名称"), hdr("小计"), hdr("基本支出"), hdr("项目支出"))),
    ]


def _amount_columns(no: str, keys: Sequence[str], parts: Mapping[str, tuple[str, ...]] | None = None,
                    ) -> tuple[AmountColumn, ...]:
    """Columns of a 科目编码 table, headed with the names the recognizer reads (f4_data.CODE_COLUMNS)."""
    labels = dict(fd.CODE_COLUMNS[no])
    return tuple(AmountColumn(key, labels[key].text, (parts or {}).get(key, ())) for key in keys)


SPENDING = _amount_columns("05", ("subtotal", "basic", "project"), {"subtotal": ("basic", "project")})
INCOME_02 = _amount_columns("02", ("total", "fiscal", "upper", "business", "operating", "affiliated", "other"),
                            {"total": ("fiscal", "upper", "business", "operating", "affiliated", "other")})
SPENDING_03 = _amount_columns("03", ("total", "basic", "project", "upper", "operating", "affiliated"),
                              {"total": ("basic", "project", "upper", "operating", "affiliated")})
FUND_07_PREFIX = _amount_columns("07", ("opening", "income"))
FUND_07_SUFFIX = _amount_columns("07", ("closing",))


# ---- 01 and 04: two-sided totals tables -----------------------------------------------------

def sheet_01(unit: str, values: Mapping[int, float] | None = None) -> Sheet:
    values = values or {}
    span = 6
    rows = [title("收入支出决算总表", span), table_no("01", span), unit_row(span, unit),
            Row("head1", (hdr("收 入", 3), hdr("支 出", 3))),
            Row("head2", (hdr("项 目"), hdr("行次"), hdr("金 额"), hdr("项 目"), hdr("行次"), hdr("金 额"))),
            Row("col_no", (lab("栏 次"), lab(""), lab("1"), lab("栏 次"), lab(""), lab("2")))]
    income = {i + 1: f"{CHINESE_ORDINALS[i]}、{name}" for i, name in enumerate(INCOME_ITEMS_01)}
    for line in range(1, 32):
        out_line = line + 31
        left = _side_01_income(line, income, values)
        right = _side_01_spending(out_line, values)
        rows.append(Row(f"l{line}", (*left, *right),
                        groups=tuple(g for g, cond in (("inc_items", line <= 26 and line in income),
                                                       ("exp_items", out_line <= 57)) if cond)))
    return Sheet("公开01表", (34, 6, 14, 34, 6, 14), tuple(rows), landscape=False,
                 repeat_rows=("head1", "col_no"), freeze=("col_no", 0), tables=(TABLES["01"],))


def _side_01_income(line: int, income: Mapping[int, str], values: Mapping[int, float]) -> tuple[Cell, ...]:
    special = {27: fd.INCOME_SUBTOTAL.text, 28: fd.NON_FISCAL_SURPLUS.text, 29: fd.OPENING.text,
               31: fd.GRAND_TOTAL.text}
    name = income.get(line) or special.get(line, "")
    if line == 27:
        amount = calc("inc", x.sum_or_blank("{inc_items.inc}"), "money")
    elif line == 31:
        amount = calc("inc", x.sum_or_blank("{l27.inc}", "{l28.inc}", "{l29.inc}"), "money",
                      checks=(x.not_equal("{@inc}", "{l31.exp}", "收入总计应等于支出总计"),))
    elif name:
        amount = inp("inc", "money", value=values.get(line), validation=x.NON_NEGATIVE)
    else:
        amount = lab("")
    return (lab(name, align="left"), lab(str(line)), amount)


def _side_01_spending(line: int, values: Mapping[int, float]) -> tuple[Cell, ...]:
    special = {58: fd.SPENDING_SUBTOTAL.text, 59: fd.DISTRIBUTION.text, 60: fd.CLOSING.text,
               62: fd.GRAND_TOTAL.text}
    if line <= 57:
        k = line - 32
        name = f"{CHINESE_ORDINALS[k]}、{FUNCTION_CLASSES[k]}"
    else:
        name = special.get(line, "")
    if line == 58:
        amount = calc("exp", x.sum_or_blank("{exp_items.exp}"), "money")
    elif line == 62:
        amount = calc("exp", x.sum_or_blank("{l27.exp}", "{l28.exp}", "{l29.exp}"), "money",
                      checks=(x.not_equal("{@exp}", "{l31.inc}", "支出总计应等于收入总计"),))
    elif name:
        amount = inp("exp", "money", value=values.get(line), validation=x.NON_NEGATIVE)
    else:
        amount = lab("")
    return (lab(name, align="left"), lab(str(line)), amount)


FUND_KEYS_04 = ("general", "fund", "capital")


def sheet_04(unit: str, values: Mapping[tuple[int, str], float] | None = None) -> Sheet:
    values = values or {}
    span = 9
    rows = [title("财政拨款收入支出决算总表", span), table_no("04", span), unit_row(span, unit),
            Row("head1", (hdr("收 入", 3), hdr("支 出", 6))),
            Row("head2", (hdr("项目"), hdr("行次"), hdr("金额"), hdr("项目"), hdr("行次"), hdr("合计"),
                          hdr("一般公共预算财政拨款"), hdr("政府性基金预算财政拨款"), hdr("国有资本经营预算财政拨款")),
                height=32),
            Row("col_no", (lab("栏次"), lab(""), lab("1"), lab("栏次"), lab(""), *(lab(str(i)) for i in range(2, 6))))]
    for line in range(1, 33):
        out_line = line + 32
        groups = []
        if line <= 3:
            groups.append("inc_items")
        if 29 <= line <= 31:
            groups.append("inc_carry")
        if out_line <= 58:
            groups.append("exp_items")
        rows.append(Row(f"l{line}", (*_side_04_income(line, values), *_side_04_spending(out_line, values)),
                        groups=tuple(groups)))
    return Sheet("公开04表", (30, 6, 14, 30, 6, 14, 14, 14, 14), tuple(rows), landscape=True,
                 repeat_rows=("head1", "col_no"), freeze=("col_no", 0), tables=(TABLES["04"],))


def _side_04_income(line: int, values: Mapping[tuple[int, str], float]) -> tuple[Cell, ...]:
    special = {27: fd.INCOME_SUBTOTAL.text, 28: fd.OPENING_FISCAL.text, 32: fd.GRAND_TOTAL.text}
    if line <= 3:
        name = f"{CHINESE_ORDINALS[line - 1]}、{INCOME_ITEMS_04[line - 1]}"
    elif 29 <= line <= 31:
        name = INCOME_ITEMS_04[line - 29]
    else:
        name = special.get(line, "")
    if line == 27:
        amount = calc("inc", x.sum_or_blank("{inc_items.inc}"), "money")
    elif line == 28:
        amount = calc("inc", x.sum_or_blank("{inc_carry.inc}"), "money")
    elif line == 32:
        amount = calc("inc", x.sum_or_blank("{l27.inc}", "{l28.inc}"), "money",
                      checks=(x.not_equal("{@inc}", "{l32.total}", "收入总计应等于支出总计"),))
    elif name:
        amount = inp("inc", "money", value=values.get((line, "inc")), validation=x.NON_NEGATIVE)
    else:
        amount = lab("")
    return (lab(name, align="left"), lab(str(line)), amount)


def _side_04_spending(line: int, values: Mapping[tuple[int, str], float]) -> tuple[Cell, ...]:
    special = {59: fd.SPENDING_SUBTOTAL.text, 60: fd.CLOSING_FISCAL.text, 64: fd.GRAND_TOTAL.text}
    if line <= 58:
        k = line - 33
        name = f"{CHINESE_ORDINALS[k]}、{FUNCTION_CLASSES[k]}"
    else:
        name = special.get(line, "")
    total = calc("total", x.sum_or_blank(*("{@%s}" % k for k in FUND_KEYS_04)), "money")
    if line == 59:
        amounts = [calc(k, x.sum_or_blank("{exp_items.%s}" % k), "money") for k in FUND_KEYS_04]
    elif line == 64:
        amounts = [calc(k, x.sum_or_blank("{l27.%s}" % k, "{l28.%s}" % k), "money") for k in FUND_KEYS_04]
    elif name:
        amounts = [inp(k, "money", value=values.get((line, k)), validation=x.NON_NEGATIVE) for k in FUND_KEYS_04]
    else:
        return (lab(""), lab(str(line)), lab(""), lab(""), lab(""), lab(""))
    return (lab(name, align="left"), lab(str(line)), total, *amounts)


# ---- 06: basic expenditure by economic classification ---------------------------------------

def sheet_06(unit: str, values: Mapping[str, float] | None = None) -> Sheet:
    values = values or {}
    span = 9
    groups = (PERSONNEL, GOODS_SERVICES, CAPITAL_OTHER)
    rows = [title("一般公共预算财政拨款基本支出决算明细表", span), table_no("06", span), unit_row(span, unit),
            Row("head1", (hdr("人员经费", 3), hdr("公用经费", 6))),
            Row("head2", tuple(hdr(t) for t in ("科目编码", "科目名称", "金额") * 3))]
    for r in range(max(len(g) for g in groups)):
        cells: list[Cell] = []
        row_groups: list[str] = []
        for g, items in enumerate(groups, start=1):
            if r >= len(items):
                cells += [lab(""), lab(""), lab("")]
                continue
            code, name = items[r]
            key = f"amt{g}"
            cells += [lab(code, align="left"), lab(name, align="left")]
            if len(code) == 3:
                cells.append(calc(key, x.sum_or_blank("{children_%s.%s}" % (code, key)), "money"))
                row_groups.append(f"classes{g}")
            else:
                cells.append(inp(key, "money", value=values.get(code), validation=x.NON_NEGATIVE))
                row_groups.append(f"children_{code[:3]}")
        rows.append(Row(f"e{r}", tuple(cells), groups=tuple(row_groups)))
    rows.append(Row("sum", (lab("人员经费合计", 2), calc("personnel", x.sum_or_blank("{classes1.amt1}"), "money"),
                            lab("公用经费合计", 5),
                            calc("public", x.sum_or_blank("{classes2.amt2}", "{classes3.amt3}"), "money"))))
    return Sheet("公开06表", (10, 24, 12, 10, 24, 12, 10, 28, 12), tuple(rows), landscape=True,
                 repeat_rows=("head1", "head2"), freeze=("head2", 0), tables=(TABLES["06"],))


# ---- 09: 三公 ---------------------------------------------------------------------------------

def sheet_09(unit: str, values: Mapping[str, float] | None = None) -> Sheet:
    values = values or {}
    span = 12
    item = {key: label for key, label in fd.THREE_PUBLIC_ITEMS}
    head3 = (fd.GENERIC_TOTALS[0], item["purchase"].text, item["running"].text)
    side = (hdr(item["total"].text, vspan=2), hdr(item["abroad"].text, vspan=2), hdr(item["car"].text, 3),
            hdr(item["reception"].text, vspan=2))
    cells: list[Cell] = []
    for p in ("budget", "actual"):
        cells += [calc(f"{p}_total", x.sum_or_blank("{@%s_abroad}" % p, "{@%s_car}" % p, "{@%s_reception}" % p),
                       "money"),
                  inp(f"{p}_abroad", "money", value=values.get(f"{p}_abroad"), validation=x.NON_NEGATIVE),
                  calc(f"{p}_car", x.sum_or_blank("{@%s_purchase}" % p, "{@%s_running}" % p), "money"),
                  inp(f"{p}_purchase", "money", value=values.get(f"{p}_purchase"), validation=x.NON_NEGATIVE),
                  inp(f"{p}_running", "money", value=values.get(f"{p}_running"), validation=x.NON_NEGATIVE),
                  inp(f"{p}_reception", "money", value=values.get(f"{p}_reception"), validation=x.NON_NEGATIVE)]
    rows = [title("财政拨款“三公”经费支出决算表", span), table_no("09", span), unit_row(span, unit),
            Row("head1", tuple(hdr(label.text, 6) for _, label in fd.THREE_PUBLIC_BLOCKS)),
            Row("head2", (*side, *side)),
            Row("head3", tuple(hdr(t) for t in head3 * 2)),
            Row("col_no", tuple(lab(str(i)) for i in range(1, 13))),
            Row("data", tuple(cells))]
    return Sheet("公开09表", (12,) * 12, tuple(rows), landscape=True, repeat_rows=("head1", "col_no"),
                 freeze=("col_no", 0), tables=(TABLES["09"],))


# ---- the workbook ---------------------------------------------------------------------------

@dataclass(frozen=True)
class FinalAccounts:
    """Everything a filled 决算 workbook needs; all optional (blank template)."""

    unit: str = ""
    t01: Mapping[int, float] = field(default_factory=dict)
    t02: Sequence[CodeRow] | None = None
    t03: Sequence[CodeRow] | None = None
    t04: Mapping[tuple[int, str], float] = field(default_factory=dict)
    t05: Sequence[CodeRow] | None = None
    t06: Mapping[str, float] = field(default_factory=dict)
    t07: Sequence[CodeRow] | None = None
    t08: Sequence[CodeRow] | None = None
    t09: Mapping[str, float] = field(default_factory=dict)


def build(data: FinalAccounts | None = None) -> list[Sheet]:
    d = data or FinalAccounts()
    return [
        sheet_01(d.unit, d.t01),
        code_table("02", "收入决算表", d.unit, INCOME_02, _simple_head(INCOME_02), d.t02),
        code_table("03", "支出决算表", d.unit, SPENDING_03, _simple_head(SPENDING_03), d.t03),
        sheet_04(d.unit, d.t04),
        code_table("05", "一般公共预算财政拨款支出决算表", d.unit, SPENDING, _spending_head((), ()), d.t05),
        sheet_06(d.unit, d.t06),
        code_table("07", "政府性基金预算财政拨款收入支出决算表", d.unit,
                   (*FUND_07_PREFIX, *SPENDING, *FUND_07_SUFFIX), _spending_head(FUND_07_PREFIX, FUND_07_SUFFIX),
                   d.t07),
        code_table("08", "国有资本经营预算财政拨款支出决算表", d.unit, SPENDING, _spending_head((), ()), d.t08),
        sheet_09(d.unit, d.t09),
    ]
