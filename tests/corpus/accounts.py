"""部门决算公开表 (F4 公开01–09表): consistent figures, an independent consistency oracle, and layouts.

Amounts are hundredths of 万元 (integers). ``equalities`` lists every sum and cross-table equality
of domain.md with the cell that reports it; ``broken`` evaluates them, so after a slip is planted
the expected findings are exactly the equalities the slip breaks (one unit: rounding warning).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from tests.corpus.canvas import Sheet, a1
from tests.corpus.layout import Layout
from xltools.forms.f4_data import CHINESE_ORDINALS, FUNCTION_CLASSES, INCOME_ITEMS_01, INCOME_ITEMS_04

CATALOG = {
    "201": ("一般公共服务支出", {"20103": ("政府办公厅（室）及相关机构事务", {"2010301": "行政运行", "2010350": "事业运行"}),
                          "20106": ("财政事务", {"2010601": "行政运行", "2010699": "其他财政事务支出"})}),
    "205": ("教育支出", {"20502": ("普通教育", {"2050201": "学前教育", "2050202": "小学教育"})}),
    "208": ("社会保障和就业支出", {"20805": ("行政事业单位养老支出", {"2080501": "行政单位离退休",
                                                         "2080505": "机关事业单位基本养老保险缴费支出",
                                                         "2080506": "机关事业单位职业年金缴费支出"}),
                           "20811": ("残疾人事业", {"2081104": "残疾人康复"})}),
    "210": ("卫生健康支出", {"21002": ("公立医院", {"2100205": "精神病医院", "2100299": "其他公立医院支出"}),
                       "21004": ("公共卫生", {"2100408": "基本公共卫生服务", "2100409": "重大公共卫生服务"}),
                       "21011": ("行政事业单位医疗", {"2101101": "行政单位医疗", "2101102": "事业单位医疗"})}),
    "213": ("农林水支出", {"21301": ("农业农村", {"2130101": "行政运行", "2130104": "事业运行"})}),
    "221": ("住房保障支出", {"22102": ("住房改革支出", {"2210201": "住房公积金", "2210203": "购房补贴"})}),
}
ECONOMIC = {
    "301": ("工资福利支出", (("30101", "基本工资"), ("30102", "津贴补贴"), ("30103", "奖金"), ("30107", "绩效工资"),
                        ("30108", "机关事业单位基本养老保险缴费"), ("30113", "住房公积金"))),
    "303": ("对个人和家庭的补助", (("30302", "退休费"), ("30305", "生活补助"), ("30399", "其他对个人和家庭的补助"))),
    "302": ("商品和服务支出", (("30201", "办公费"), ("30205", "水费"), ("30206", "电费"), ("30211", "差旅费"),
                         ("30216", "培训费"), ("30217", "公务接待费"), ("30228", "工会经费"), ("30231", "公务用车运行维护费"))),
    "310": ("资本性支出", (("31002", "办公设备购置"), ("31003", "专用设备购置"))),
}
COLS = {"02": ("total", "fiscal", "upper", "business", "operating", "affiliated", "other"),
        "03": ("total", "basic", "project", "upper", "operating", "affiliated"),
        "05": ("subtotal", "basic", "project")}
HEADERS = {"total": ("本年收入合计", "本年支出合计"), "fiscal": "财政拨款收入", "upper": ("上级补助收入", "上缴上级支出"),
           "business": "事业收入", "operating": ("经营收入", "经营支出"), "affiliated": ("附属单位上缴收入", "对附属单位补助支出"),
           "other": "其他收入", "basic": "基本支出", "project": "项目支出", "subtotal": "小计"}
TITLES = {"01": "收入支出决算总表", "02": "收入决算表", "03": "支出决算表", "04": "财政拨款收入支出决算总表",
          "05": "一般公共预算财政拨款支出决算表", "06": "一般公共预算财政拨款基本支出决算明细表",
          "09": "财政拨款“三公”经费支出决算表"}
THREE = ("total", "abroad", "car", "purchase", "running", "reception")
THREE_NAMES = {"total": "合计", "abroad": "因公出国(境)费", "car": "公务用车购置及运行维护费", "purchase": "公务用车购置费",
               "running": "公务用车运行维护费", "reception": "公务接待费"}
INCOME_2019 = ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "上级补助收入", "事业收入", "经营收入",
               "附属单位上缴收入", "其他收入")
INCOME_KEYS_2022 = ("i_general", "i_fund", "i_capital", "i_upper", "i_business", "i_operating", "i_affiliated", "i_other")
INCOME_KEYS_2019 = ("i_general", "i_fund", "i_upper", "i_business", "i_operating", "i_affiliated", "i_other")


@dataclass
class Accounts:
    layout_year: str  # 2022 (seed 004) or 2019 (one fewer class, 用事业基金弥补收支差额, other 行次)
    classes: list[str]
    children: dict[str, list[str]]
    names: dict[str, str]
    v: dict[tuple, int | None]
    economic: dict[str, list[str]]  # 06 class -> its 款 codes
    unit: str
    overrides: dict[tuple, object] = field(default_factory=dict)

    @property
    def codes(self) -> list[str]:
        out = []
        for cls in self.classes:
            out.append(cls)
            for kuan in self.children[cls]:
                out.append(kuan)
                out += self.children[kuan]
        return out

    @property
    def leaves(self) -> list[str]:
        return [c for c in self.codes if len(c) == 7]

    @property
    def function_classes(self) -> tuple[str, ...]:
        return FUNCTION_CLASSES if self.layout_year == "2022" else FUNCTION_CLASSES[:-1]

    @property
    def income_keys(self) -> tuple[str, ...]:
        return INCOME_KEYS_2022 if self.layout_year == "2022" else INCOME_KEYS_2019


# ---- content ------------------------------------------------------------------------------------

def _split(rng: random.Random, total: int, n: int) -> list[int]:
    if n == 1:
        return [total]
    cuts = sorted(rng.sample(range(1, total), n - 1)) if total > n else [0] * (n - 1)
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def accounts(rng: random.Random, layout: Layout, unit: str) -> Accounts:
    classes = sorted(rng.sample(list(CATALOG), rng.randint(2, 4)))
    children: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for cls in classes:
        name, kuans = CATALOG[cls]
        names[cls] = name
        picked = sorted(rng.sample(list(kuans), rng.randint(1, len(kuans))))
        children[cls] = picked
        for kuan in picked:
            kname, items = kuans[kuan]
            names[kuan] = kname
            children[kuan] = sorted(rng.sample(list(items), rng.randint(1, len(items))))
            names.update({code: items[code] for code in children[kuan]})
    acc = Accounts("2019" if layout.accounts_2019 else "2022", classes, children, names, {}, {}, unit)
    v = acc.v
    for code in acc.leaves:
        basic = rng.randint(1000, 300000)
        project = rng.randint(500, 100000) if rng.random() < 0.5 else 0
        v[("03", code, "basic")], v[("03", code, "project")] = basic, project
        f_basic = basic if rng.random() < 0.5 else int(basic * rng.uniform(0.5, 1.0))
        f_project = project if rng.random() < 0.5 else int(project * rng.uniform(0.3, 1.0))
        v[("05", code, "basic")], v[("05", code, "project")] = f_basic, f_project
        spend = basic + project
        fiscal = f_basic + f_project + rng.randint(0, 2000)
        business = rng.randint(0, spend) if rng.random() < 0.4 else 0
        other = rng.randint(0, 3000) if rng.random() < 0.3 else 0
        v[("02", code, "fiscal")], v[("02", code, "business")], v[("02", code, "other")] = fiscal, business, other
    for table in ("02", "03", "05"):
        parts = [c for c in COLS[table][1:]]
        for code in acc.leaves:
            for col in parts:
                v.setdefault((table, code, col), 0)
            v[(table, code, COLS[table][0])] = sum(v[(table, code, c)] for c in parts)
        for code in reversed(acc.codes):  # 款 then 类, children first
            if len(code) < 7:
                for col in COLS[table]:
                    v[(table, code, col)] = sum(v[(table, k, col)] for k in children[code])
        for col in COLS[table]:
            v[(table, "合计", col)] = sum(v[(table, c, col)] for c in classes)
    _total_tables(rng, acc)
    return acc


def _total_tables(rng: random.Random, acc: Accounts) -> None:
    v = acc.v
    income = {"i_general": v[("02", "合计", "fiscal")], "i_upper": v[("02", "合计", "upper")],
              "i_business": v[("02", "合计", "business")], "i_operating": v[("02", "合计", "operating")],
              "i_affiliated": v[("02", "合计", "affiliated")], "i_other": v[("02", "合计", "other")]}
    for key in acc.income_keys:
        v[("01", key)] = income.get(key) or None
    v[("01", "income_total")] = v[("02", "合计", "total")]
    spend = v[("03", "合计", "total")]
    v[("01", "used")] = None
    v[("01", "opening")] = max(0, spend - v[("01", "income_total")]) + rng.randint(0, 50000)
    v[("01", "grand_in")] = v[("01", "income_total")] + v[("01", "opening")]
    for name in acc.function_classes:
        v[("01", "e", name)] = None
    for cls in acc.classes:
        v[("01", "e", acc.names[cls])] = v[("03", cls, "total")]
    v[("01", "spend_total")] = spend
    v[("01", "distribution")] = None
    v[("01", "closing")] = v[("01", "grand_in")] - spend
    v[("01", "grand_out")] = v[("01", "grand_in")]
    # 04: fiscal appropriations only (一般公共预算; no fund or state-capital money in this unit)
    fiscal_in = v[("02", "合计", "fiscal")]
    fiscal_out = v[("05", "合计", "subtotal")]
    v[("04", "f_general")], v[("04", "f_fund")], v[("04", "f_capital")] = fiscal_in, None, None
    v[("04", "income_total")] = fiscal_in
    opening = max(0, fiscal_out - fiscal_in) + rng.randint(0, 20000)
    v[("04", "opening")] = v[("04", "opening_general")] = opening
    v[("04", "opening_fund")] = v[("04", "opening_capital")] = None
    v[("04", "grand_in")] = fiscal_in + opening
    for name in acc.function_classes:
        for col in ("total", "general", "fund", "capital"):
            v[("04", "e", name, col)] = None
    for cls in acc.classes:
        amount = v[("05", cls, "subtotal")]
        if amount:
            v[("04", "e", acc.names[cls], "total")] = v[("04", "e", acc.names[cls], "general")] = amount
    for line, amount in (("spend_total", fiscal_out), ("closing", fiscal_in + opening - fiscal_out),
                         ("grand_out", fiscal_in + opening)):
        v[("04", line, "total")] = v[("04", line, "general")] = amount
        v[("04", line, "fund")] = v[("04", line, "capital")] = None
    # 06: 人员经费 + 公用经费 = 05 基本支出
    basic = v[("05", "合计", "basic")]
    personnel = int(basic * rng.uniform(0.55, 0.8))
    public = basic - personnel
    with_303 = rng.random() < 0.6
    with_310 = rng.random() < 0.5 and public > 2000
    shares = _split(rng, personnel, 2) if with_303 else [personnel]
    pub_shares = _split(rng, public, 2) if with_310 else [public]
    for cls, amount in zip(("301", "303") if with_303 else ("301",), shares, strict=True):
        _economic(rng, acc, cls, amount)
    for cls, amount in zip(("302", "310") if with_310 else ("302",), pub_shares, strict=True):
        _economic(rng, acc, cls, amount)
    v[("06", "personnel_total")] = personnel
    v[("06", "public_total")] = public
    # 09: 三公 (budget and actual blocks)
    for block in ("budget", "actual"):
        purchase = rng.choice((0, 0, rng.randint(1000, 3000)))
        running = rng.randint(100, 2000)
        reception = rng.randint(10, 500)
        abroad = rng.choice((0, 0, rng.randint(50, 800)))
        if block == "actual":
            b = acc.v
            purchase = min(purchase, b[("09", "budget", "purchase")])
            running = int(b[("09", "budget", "running")] * rng.uniform(0.6, 1.0))
            reception = int(b[("09", "budget", "reception")] * rng.uniform(0.3, 1.0))
            abroad = min(abroad, b[("09", "budget", "abroad")])
        v[("09", block, "purchase")], v[("09", block, "running")] = purchase, running
        v[("09", block, "reception")], v[("09", block, "abroad")] = reception, abroad
        v[("09", block, "car")] = purchase + running
        v[("09", block, "total")] = abroad + purchase + running + reception


def _economic(rng: random.Random, acc: Accounts, cls: str, amount: int) -> None:
    items = ECONOMIC[cls][1]
    picked = sorted(rng.sample(items, rng.randint(1, min(4, len(items)))))
    amounts = _split(rng, amount, len(picked))
    acc.economic[cls] = [code for code, _ in picked]
    acc.names[cls] = ECONOMIC[cls][0]
    acc.v[("06", cls)] = amount
    for (code, name), value in zip(picked, amounts, strict=True):
        acc.names[code] = name
        acc.v[("06", code)] = value


# ---- the oracle ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Equality:
    rule: str
    anchor: tuple
    terms: tuple[tuple, ...]
    at_most: bool = False  # anchor ≤ Σ terms (05 within 03) instead of equality


def equalities(acc: Accounts, tables: tuple[str, ...]) -> list[Equality]:
    eqs: list[Equality] = []
    for t in ("02", "03", "05"):
        if t not in tables:
            continue
        total_col, *parts = COLS[t]
        for code in acc.codes:
            if len(code) < 7:
                for col in COLS[t]:
                    eqs.append(Equality("FA01", (t, code, col), tuple((t, k, col) for k in acc.children[code])))
        for col in COLS[t]:
            eqs.append(Equality("FA02", (t, "合计", col), tuple((t, c, col) for c in acc.classes)))
        for row in ["合计", *acc.codes]:
            eqs.append(Equality("FA03", (t, row, total_col), tuple((t, row, p) for p in parts)))
    if "01" in tables:
        eqs += [Equality("FA04", ("01", "income_total"), tuple(("01", k) for k in acc.income_keys)),
                Equality("FA04", ("01", "spend_total"), tuple(("01", "e", n) for n in acc.function_classes)),
                Equality("FA04", ("01", "grand_in"), (("01", "income_total"), ("01", "used"), ("01", "opening"))),
                Equality("FA04", ("01", "grand_out"), (("01", "spend_total"), ("01", "distribution"), ("01", "closing"))),
                Equality("FA04", ("01", "grand_in"), (("01", "grand_out"),))]
    if "04" in tables:
        eqs += [Equality("FA04", ("04", "income_total"), (("04", "f_general"), ("04", "f_fund"), ("04", "f_capital"))),
                Equality("FA04", ("04", "opening"), (("04", "opening_general"), ("04", "opening_fund"),
                                                    ("04", "opening_capital"))),
                Equality("FA04", ("04", "grand_in"), (("04", "income_total"), ("04", "opening")))]
        for col in ("total", "general", "fund", "capital"):
            eqs.append(Equality("FA04", ("04", "spend_total", col), tuple(("04", "e", n, col) for n in acc.function_classes)))
            eqs.append(Equality("FA04", ("04", "grand_out", col), (("04", "spend_total", col), ("04", "closing", col))))
        lines = [("e", n) for n in acc.function_classes] + [("spend_total",), ("closing",), ("grand_out",)]
        for line in lines:
            eqs.append(Equality("FA04", ("04", *line, "total"), tuple(("04", *line, c) for c in ("general", "fund", "capital"))))
        eqs.append(Equality("FA04", ("04", "grand_in"), (("04", "grand_out", "total"),)))
    if "06" in tables:
        for cls, kuans in acc.economic.items():
            eqs.append(Equality("FA05", ("06", cls), tuple(("06", k) for k in kuans)))
        eqs.append(Equality("FA05", ("06", "personnel_total"), tuple(("06", c) for c in ("301", "303") if c in acc.economic)))
        eqs.append(Equality("FA05", ("06", "public_total"), tuple(("06", c) for c in ("302", "307", "310", "312", "399")
                                                                  if c in acc.economic)))
    if "09" in tables:
        for block in ("budget", "actual"):
            eqs.append(Equality("FA06", ("09", block, "car"), (("09", block, "purchase"), ("09", block, "running"))))
            eqs.append(Equality("FA06", ("09", block, "total"), tuple(("09", block, k) for k in ("abroad", "car", "reception"))))
    eqs += _cross(acc, tables)
    return eqs


def _cross(acc: Accounts, tables: tuple[str, ...]) -> list[Equality]:
    eqs: list[Equality] = []
    if "01" in tables and "02" in tables:
        for line, col in (("income_total", "total"), ("i_general", "fiscal"), ("i_upper", "upper"),
                          ("i_business", "business"), ("i_operating", "operating"), ("i_affiliated", "affiliated"),
                          ("i_other", "other")):
            eqs.append(Equality("FA07", ("01", line), (("02", "合计", col),)))
    if "01" in tables and "03" in tables:
        eqs.append(Equality("FA07", ("01", "spend_total"), (("03", "合计", "total"),)))
        for cls in acc.classes:
            eqs.append(Equality("FA07", ("01", "e", acc.names[cls]), (("03", cls, "total"),)))
    if "02" in tables and "04" in tables:
        eqs.append(Equality("FA07", ("02", "合计", "fiscal"), (("04", "income_total"),)))
    if "03" in tables and "05" in tables:
        for code in acc.codes:
            for col in ("basic", "project"):
                eqs.append(Equality("FA07", ("05", code, col), (("03", code, col),), at_most=True))
    if "04" in tables and "05" in tables:
        eqs.append(Equality("FA07", ("04", "spend_total", "general"), (("05", "合计", "subtotal"),)))
    if "05" in tables and "06" in tables:
        eqs.append(Equality("FA07", ("06", "public_total"), (("05", "合计", "basic"), ("06", "personnel_total")),
                            at_most=False))
    return eqs


def broken(acc: Accounts, tables: tuple[str, ...], units: int = 1) -> list[tuple[str, tuple, str, int]]:
    """(rule, anchor, severity, difference) of every equality the figures break.

    ``units``: displayed units per hundredth of 万元 (see ``scale``); a difference of exactly one
    displayed unit is a rounding warning, more is an error."""
    out = []
    for eq in equalities(acc, tables):
        anchor = acc.v.get(eq.anchor)
        terms = [acc.v.get(k) for k in eq.terms]
        if anchor is None or (anchor == 0 and all(t is None for t in terms)):
            continue
        if eq.rule == "FA07" and eq.anchor == ("06", "public_total"):
            expected = (terms[0] or 0) - (terms[1] or 0)  # 公用经费 = 05 基本支出 − 人员经费
        else:
            expected = sum(t or 0 for t in terms)
        if eq.at_most:
            if (anchor - expected) * units > 1:
                out.append((eq.rule, eq.anchor, "error", anchor - expected))
            continue
        diff = abs(anchor - expected)
        if diff:
            out.append((eq.rule, eq.anchor, "warning" if diff * units == 1 else "error", diff))
    return out


def shift(acc: Accounts, table: str, code: str, col: str, delta: int) -> None:
    """Change one amount of 02/03/05 and every figure that adds it up, so the table stays consistent."""
    v = acc.v
    total_col = COLS[table][0]
    chain = [code] + ([code[:5]] if len(code) == 7 else []) + ([code[:3]] if len(code) >= 5 else []) + ["合计"]
    for row in chain:
        v[(table, row, col)] += delta
        if col != total_col:
            v[(table, row, total_col)] += delta


# ---- rendering -----------------------------------------------------------------------------------

def scale(layout: Layout) -> int:
    """Displayed units per hundredth of 万元: 1 in 万元 tables, 10,000 in 元 tables (0.01 元 a unit)."""
    return 10000 if layout.amounts_in_yuan else 1


def _amount(value: int | None, layout: Layout) -> object:
    """An amount as published: blank when there is none; a zero as blank, 0.00 or "-" by the layout."""
    if value is None:
        return None
    if value == 0:
        return {"zero": "0.00" if layout.text_numbers else 0, "dash": "-"}.get(layout.zero_style)
    shown = value * 100 if layout.amounts_in_yuan else value / 100
    return f"{shown:,.2f}" if layout.text_numbers else shown


class _Out:
    def __init__(self, acc: Accounts, layout: Layout, sheet: Sheet) -> None:
        self.acc, self.L, self.sheet = acc, layout, sheet
        self.anchors: dict[tuple, str] = {}

    def amount(self, key: tuple, r: int, c: int) -> None:
        value = self.acc.overrides.get(key, _amount(self.acc.v.get(key), self.L))
        self.sheet.put(r, c, value, "#,##0.00" if isinstance(value, float) else None)
        self.anchors[key] = a1(r, c)

    def heading(self, no: str, width: int) -> int:
        L = self.L
        self.sheet.put(L.top, L.left, TITLES[no])
        if L.merge_headers:
            self.sheet.merge(L.top, L.left, L.top, L.left + width - 1)
        self.sheet.put(L.top + 1, L.left + width - 1, f"公开{no}表")
        self.sheet.put(L.top + 2, L.left, f"编制单位：{self.acc.unit}")
        self.sheet.put(L.top + 2, L.left + width - 1, "金额单位：元" if L.amounts_in_yuan else "金额单位：万元")
        return L.top + 3


def render(acc: Accounts, layout: Layout, no: str, sheet: Sheet) -> dict[tuple, str]:
    out = _Out(acc, layout, sheet)
    {"01": _line_table, "02": _code_table, "03": _code_table, "04": _line_table, "05": _code_table,
     "06": _table06, "09": _table09}[no](out, no)
    return out.anchors


def _side_lines(acc: Accounts, no: str) -> tuple[list[tuple[str, tuple | None]], list[tuple[str, tuple | None]]]:
    """(label, key) of the income side and the spending side, in 行次 order (n = number of classes)."""
    classes = acc.function_classes
    n = len(classes)
    if no == "01":
        items = INCOME_ITEMS_01 if acc.layout_year == "2022" else INCOME_2019
        income = [(f"{CHINESE_ORDINALS[i]}、{name}", ("01", key)) for i, (name, key) in enumerate(zip(items, acc.income_keys))]
        income += [("", None)] * (n - len(income))
        used = "使用非财政拨款结余" if acc.layout_year == "2022" else "用事业基金弥补收支差额"
        income += [("本年收入合计", ("01", "income_total")), (used, ("01", "used")), ("年初结转和结余", ("01", "opening")),
                   ("", None), ("总计", ("01", "grand_in"))]
        spending = [(f"{CHINESE_ORDINALS[i]}、{name}", ("01", "e", name)) for i, name in enumerate(classes)]
        spending += [("本年支出合计", ("01", "spend_total")), ("结余分配", ("01", "distribution")),
                     ("年末结转和结余", ("01", "closing")), ("", None), ("总计", ("01", "grand_out"))]
        return income, spending
    income = [(f"{CHINESE_ORDINALS[i]}、{name}", ("04", key)) for i, (name, key) in
              enumerate(zip(INCOME_ITEMS_04, ("f_general", "f_fund", "f_capital")))]
    income += [("", None)] * (n - len(income))
    income += [("本年收入合计", ("04", "income_total")), ("年初财政拨款结转和结余", ("04", "opening")),
               ("一般公共预算财政拨款", ("04", "opening_general")), ("政府性基金预算财政拨款", ("04", "opening_fund")),
               ("国有资本经营预算财政拨款", ("04", "opening_capital")), ("总计", ("04", "grand_in"))]
    spending = [(f"{CHINESE_ORDINALS[i]}、{name}", ("04", "e", name)) for i, name in enumerate(classes)]
    spending += [("本年支出合计", ("04", "spend_total")), ("年末财政拨款结转和结余", ("04", "closing")),
                 ("", None), ("", None), ("", None), ("总计", ("04", "grand_out"))]
    return income, spending


def _line_table(out: _Out, no: str) -> None:
    """公开01表 / 04表: income on the left, spending on the right, with or without 行次 columns."""
    L, s = out.L, out.sheet
    spend_cols = ("amount",) if no == "01" else ("total", "general", "fund", "capital")
    numbered = L.line_numbers
    left_cols = 3 if numbered else 2
    width = left_cols * 2 + len(spend_cols) - 1
    r = out.heading(no, width)
    c = L.left
    if no == "01":
        s.put(r, c, "收 入")
        s.put(r, c + left_cols, "支 出")
        if L.merge_headers:
            s.merge(r, c, r, c + left_cols - 1)
            s.merge(r, c + left_cols, r, c + width - 1)
        r += 1
    spend_heads = ("金 额",) if no == "01" else ("合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
    heads = (["项 目"] + (["行次"] if numbered else []) + ["金 额"]) + (["项 目"] + (["行次"] if numbered else []) + list(spend_heads))
    for i, text in enumerate(heads):
        s.put(r, c + i, text)
    r += 1
    if L.column_number_row:
        numbers = ["栏 次"] + ([""] if numbered else []) + ["1"] + ["栏 次"] + ([""] if numbered else [])
        numbers += [str(2 + i) for i in range(len(spend_cols))]
        for i, text in enumerate(numbers):
            s.put(r, c + i, text or None)
        r += 1
    income, spending = _side_lines(out.acc, no)
    first_out = len(income) + 1
    out_col = c + left_cols
    for i, ((label_in, key_in), (label_out, key_out)) in enumerate(zip(income, spending, strict=True)):
        s.put(r + i, c, label_in or None)
        if numbered:
            s.put(r + i, c + 1, str(i + 1))
            s.put(r + i, out_col + 1, str(first_out + i))
        if key_in:
            out.amount(key_in, r + i, c + left_cols - 1)
        s.put(r + i, out_col, label_out or None)
        if key_out:
            for j, col in enumerate(spend_cols):
                key = key_out if col == "amount" else (*key_out, col)
                out.amount(key, r + i, out_col + (2 if numbered else 1) + j)


def _code_table(out: _Out, no: str) -> None:
    L, s, acc = out.L, out.sheet, out.acc
    cols = COLS[no]
    code_cols = 3 if L.code_split else 1  # 科目编码 as one column, or as 类 | 款 | 项
    first = code_cols + 1  # the first amount column, after 科目名称
    width = first + len(cols)
    r = out.heading(no, width)
    c = L.left
    side = 0 if no == "02" else 1
    s.put(r, c, "项目")
    if L.merge_headers:
        s.merge(r, c, r, c + first - 1)
    if no == "05":
        s.put(r, c + first, "本年支出")
        if L.merge_headers:
            s.merge(r, c + first, r, c + first + 2)
        heads = {col: HEADERS[col] for col in cols}
        sub_row = r + 1
    else:
        heads = {col: (HEADERS[col][side] if isinstance(HEADERS[col], tuple) else HEADERS[col]) for col in cols}
        for i, col in enumerate(cols):
            s.put(r, c + first + i, heads[col])
            if L.merge_headers:
                s.merge(r, c + first + i, r + 1, c + first + i)
        sub_row = r + 1
    s.put(sub_row, c, "科目编码")
    s.put(sub_row, c + code_cols, "科目名称")
    if no == "05":
        for i, col in enumerate(cols):
            s.put(sub_row, c + first + i, heads[col])
    r = sub_row + 1
    if L.code_split:  # 科目编码 over 类 | 款 | 项
        if L.merge_headers:
            s.merge(sub_row, c, sub_row, c + 2)
        for i, text in enumerate(("类", "款", "项")):
            s.put(r, c + i, text)
        r += 1
    if L.column_number_row:
        s.put(r, c, "栏次")
        for i in range(len(cols)):
            s.put(r, c + first + i, str(i + 1))
        r += 1
    s.put(r, c, "合计")
    for i, col in enumerate(cols):
        out.amount((no, "合计", col), r, c + first + i)
    r += 1
    for code in acc.codes:
        if L.code_split:
            for i, part in enumerate((code[:3], code[3:5], code[5:7])):
                s.put(r, c + i, part or None)
        else:
            s.put(r, c, code)
        s.put(r, c + code_cols, acc.names[code])
        for i, col in enumerate(cols):
            out.amount((no, code, col), r, c + first + i)
        r += 1


def _table06(out: _Out, no: str = "06") -> None:
    L, s, acc = out.L, out.sheet, out.acc
    r = out.heading("06", 9)
    c = L.left
    s.put(r, c, "人员经费")
    s.put(r, c + 3, "公用经费")
    if L.merge_headers:
        s.merge(r, c, r, c + 2)
        s.merge(r, c + 3, r, c + 8)
    for i, text in enumerate(("科目编码", "科目名称", "金额") * 3):
        s.put(r + 1, c + i, text)
    r += 2
    groups = [[], [], []]
    for cls in ("301", "303"):
        if cls in acc.economic:
            groups[0] += [cls, *acc.economic[cls]]
    groups[1] += ["302", *acc.economic.get("302", [])]
    for cls in ("310",):
        if cls in acc.economic:
            groups[2] += [cls, *acc.economic[cls]]
    height = max(len(g) for g in groups)
    for g, codes in enumerate(groups):
        for i, code in enumerate(codes):
            s.put(r + i, c + 3 * g, code)
            s.put(r + i, c + 3 * g + 1, acc.names[code])
            out.amount(("06", code), r + i, c + 3 * g + 2)
    r += height
    s.put(r, c, "人员经费合计")
    out.amount(("06", "personnel_total"), r, c + 2)
    s.put(r, c + 3, "公用经费合计")
    out.amount(("06", "public_total"), r, c + 8)


def _table09(out: _Out, no: str = "09") -> None:
    L, s = out.L, out.sheet
    c = L.left
    if L.three_public == "vertical":  # items as rows, the total at the bottom
        r = out.heading("09", 3)
        for i, text in enumerate(("项目", "预算数", "决算数")):
            s.put(r, c + i, text)
        r += 1
        for key in ("abroad", "car", "purchase", "running", "reception", "total"):
            label = THREE_NAMES[key] if key not in ("purchase", "running") else "其中：" + THREE_NAMES[key]
            s.put(r, c, label)
            out.amount(("09", "budget", key), r, c + 1)
            out.amount(("09", "actual", key), r, c + 2)
            r += 1
        return
    r = out.heading("09", 12)
    if L.three_public == "side_by_side":  # 预算数 | 决算数 under each item
        items = ("total", "abroad", "car", "purchase", "running", "reception")
        for i, key in enumerate(items):
            s.put(r, c + 2 * i, THREE_NAMES[key] if key != "car" else "公务用车购置及运行费")
            if L.merge_headers:
                s.merge(r, c + 2 * i, r, c + 2 * i + 1)
            s.put(r + 1, c + 2 * i, "预算数")
            s.put(r + 1, c + 2 * i + 1, "决算数")
            out.amount(("09", "budget", key), r + 2, c + 2 * i)
            out.amount(("09", "actual", key), r + 2, c + 2 * i + 1)
        return
    s.put(r, c, "预 算 数")
    s.put(r, c + 6, "决 算 数")
    if L.merge_headers:
        s.merge(r, c, r, c + 5)
        s.merge(r, c + 6, r, c + 11)
    for half in (0, 6):
        for i, text in enumerate(("合计", "因公出国(境)费", "公务用车购置及运行维护费", "", "", "公务接待费")):
            s.put(r + 1, c + half + i, text or None)
        for i, text in enumerate(("", "", "小计", "公务用车购置费", "公务用车运行维护费", "")):
            s.put(r + 2, c + half + i, text or None)
        if L.merge_headers:
            s.merge(r + 1, c + half + 2, r + 1, c + half + 4)
    r += 3
    if L.column_number_row:
        for i in range(12):
            s.put(r, c + i, str(i + 1))
        r += 1
    for half, block in ((0, "budget"), (6, "actual")):
        for i, key in enumerate(("total", "abroad", "car", "purchase", "running", "reception")):
            out.amount(("09", block, key), r, c + half + i)
