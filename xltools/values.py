"""Parsing what people type into the forms: "≥195人", "≤24万元", "80%-90%", "2019年12月", "提升".

Every parser returns a value object; "cannot parse" is an explicit result with a Chinese
reason, never an exception. Numbers keep their unit and the multiplier (万, 亿) is applied,
so "24万元" and "240000元" compare equal.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

Op = Literal[">=", "<=", ">", "<", "="]
Kind = Literal["empty", "number", "comparison", "range", "date", "qualitative", "text", "invalid"]

FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－＋％：／（）～", "0123456789.,-+%:/()~")
# What a cell value means does not depend on the width it was typed in: every full-width ASCII form
# (＞＝８０％ is >=80%) and the ideographic space, by Unicode's compatibility mapping (NFKC). Only that
# block: NFKC elsewhere would also turn ㎡ into m2 and ① into 1.
WIDTH_FOLD = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in (*range(0xFF01, 0xFF5F), 0x3000)}
# Thousands separators must group digits by three: "1,234,567.89"; "1,0000.00" is malformed.
GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
NUMBER = r"[+-]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)"

# Symbols, including the forms PDF extraction leaves behind (》《 and LaTeX).
SYMBOL_OPS: tuple[tuple[str, Op], ...] = (
    ("\\geq", ">="), ("\\leq", "<="), ("\\ge", ">="), ("\\le", "<="),
    (">=", ">="), ("<=", "<="), ("≥", ">="), ("≤", "<="), ("≧", ">="), ("≦", "<="), ("》", ">="), ("《", "<="),
    ("＞", ">"), ("＜", "<"), (">", ">"), ("<", "<"), ("=", "="), ("＝", "="),
)
WORD_OPS: tuple[tuple[str, Op], ...] = (
    ("大于等于", ">="), ("大于或等于", ">="), ("小于等于", "<="), ("小于或等于", "<="),
    ("不低于", ">="), ("不少于", ">="), ("不小于", ">="), ("至少", ">="), ("达到", ">="),
    ("不高于", "<="), ("不超过", "<="), ("不多于", "<="), ("不大于", "<="), ("控制在", "<="), ("最多", "<="),
    ("大于", ">"), ("高于", ">"), ("多于", ">"), ("超过", ">"), ("小于", "<"), ("低于", "<"), ("少于", "<"),
    ("等于", "="),
)
SUFFIX_OPS: tuple[tuple[str, Op], ...] = (("以上", ">="), ("及以上", ">="), ("以下", "<="), ("及以下", "<="),
                                          ("以内", "<="), ("之内", "<="))

# unit -> (base unit, multiplier); longest first when matching
UNITS: dict[str, tuple[str, float]] = {
    "亿元": ("元", 1e8), "万元": ("元", 1e4), "千元": ("元", 1e3), "元": ("元", 1),
    "万人次": ("人次", 1e4), "人次": ("人次", 1), "万人": ("人", 1e4), "人": ("人", 1), "名": ("人", 1),
    "户次": ("户次", 1), "户": ("户", 1), "个": ("个", 1), "次": ("次", 1), "项": ("项", 1), "张": ("张", 1),
    "家": ("家", 1), "册": ("册", 1), "本": ("本", 1), "台": ("台", 1), "套": ("套", 1), "件": ("件", 1),
    "所": ("所", 1), "场": ("场", 1), "期": ("期", 1), "篇": ("篇", 1), "份": ("份", 1), "批": ("批", 1),
    "辆": ("辆", 1), "座": ("座", 1), "条": ("条", 1), "处": ("处", 1), "床": ("床", 1),
    "平方米": ("平方米", 1), "平米": ("平方米", 1), "平方": ("平方米", 1), "㎡": ("平方米", 1), "亩": ("亩", 1),
    "公里": ("公里", 1), "千米": ("公里", 1), "米": ("米", 1), "吨": ("吨", 1),
    "小时": ("小时", 1), "日": ("天", 1), "天": ("天", 1), "个工作日": ("天", 1), "工作日": ("天", 1),
    "个月": ("月", 1), "月": ("月", 1), "年": ("年", 1), "分": ("分", 1), "%": ("%", 1),
    "亿": ("", 1e8), "万": ("", 1e4),
}
UNIT_PATTERN = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))

# Qualitative words -> tier: 1 达成预期指标, 2 部分达成并具有一定效果, 3 未达成且效果较差
TIER_WORDS: dict[str, int] = {
    **dict.fromkeys(("达成预期指标", "达成预期目标", "达成", "达标", "达到", "达到预期", "完成", "已完成", "全部完成",
                     "好", "良好", "优", "优秀", "提升", "显著提升", "明显提升", "大幅提升", "提高", "显著提高",
                     "明显提高", "改善", "明显改善", "显著改善", "增强", "健全", "完备", "完善", "有效", "合规",
                     "合理", "规范", "及时", "按时", "准时", "是", "长期", "持续", "正常", "正常运转", "可控", "足额到位",
                     "到位", "满意", "符合", "符合要求", "符合标准", "合格", "未发生"), 1),
    **dict.fromkeys(("部分达成", "部分达成预期指标", "部分达成预期指标并具有一定效果", "基本达成", "基本完成",
                     "部分完成", "一般", "较好", "基本健全", "基本完备", "基本有效", "基本合规", "基本合理", "基本规范",
                     "基本及时", "基本满意", "基本到位", "有所提升", "有所提高", "有所改善", "略有提升"), 2),
    **dict.fromkeys(("未达成", "未达成预期指标", "未达成预期指标且效果较差", "未完成", "差", "较差", "否",
                     "不健全", "不完备", "无效", "不合规", "不合理", "不规范", "不及时", "滞后", "延迟", "未提升",
                     "下降", "不满意", "不合格", "未到位"), 3),
}
TIER_NAMES = {1: "达成预期指标", 2: "部分达成预期指标并具有一定效果", 3: "未达成预期指标且效果较差"}

QUARTER_END = {"一": 3, "1": 3, "二": 6, "2": 6, "三": 9, "3": 9, "四": 12, "4": 12}
CN_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
            "十一": 11, "十二": 12}


@dataclass(frozen=True)
class Quantity:
    """A number with its unit; ``base`` is the value in the base unit (万 and 亿 applied)."""

    value: float
    unit: str = ""        # as typed ("万元")
    base_unit: str = ""   # "元"; "%" for percentages; "" when unitless
    base: float = 0.0

    @property
    def is_percent(self) -> bool:
        return self.base_unit == "%"


@dataclass(frozen=True)
class Parsed:
    raw: object
    kind: Kind
    op: Op | None = None
    quantity: Quantity | None = None
    low: Quantity | None = None
    high: Quantity | None = None
    date: tuple[int | None, int, int | None] | None = None  # (year, month, day)
    tier: int | None = None
    text: str = ""
    problem: str | None = None   # why it could not be understood
    notes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.kind not in ("invalid",)

    def describe(self) -> str:
        """A short Chinese reading of the value, for XT_PARSE and messages."""
        if self.kind == "empty":
            return "空"
        if self.kind == "invalid":
            return f"无法解析：{self.problem}"
        if self.kind == "number" and self.quantity:
            return f"数值 {_fmt(self.quantity)}"
        if self.kind == "comparison" and self.quantity:
            words = {">=": "不低于", "<=": "不高于", ">": "高于", "<": "低于", "=": "等于"}
            return f"{words[self.op or '=']} {_fmt(self.quantity)}"
        if self.kind == "range" and self.low and self.high:
            return f"区间 {_fmt(self.low)} 至 {_fmt(self.high)}"
        if self.kind == "date" and self.date:
            year, month, day = self.date
            return f"日期 {f'{year}年' if year else '当年'}{month}月" + (f"{day}日" if day else "")
        if self.kind == "qualitative" and self.tier:
            return f"定性：{TIER_NAMES[self.tier]}"
        return f"文字：{self.text}"


def _fmt(q: Quantity) -> str:
    return f"{q.value:.10g}{q.unit}"


def parse_number_text(text: str) -> tuple[float | None, str | None]:
    """A bare number with optional thousands separators; (None, reason) if malformed."""
    if PLAIN.match(text):
        return float(text), None
    if GROUPED.match(text):
        return float(text.replace(",", "")), None
    if re.match(r"^[+-]?[\d,]+(\.\d+)?$", text):
        return None, f"“{text}”的千分位逗号位置不对，无法确定数值"
    return None, f"“{text}”不是数字"


def normalise(raw: object) -> str:
    text = str(raw).translate(WIDTH_FOLD)
    text = text.replace("$", "").replace("\\%", "%").replace("{", "").replace("}", "")
    return re.sub(r"\s+", "", text)


def parse(raw: object) -> Parsed:
    """Understand one cell: a number, a comparison, a range, a date or period, a qualitative word."""
    if isinstance(raw, (str, int, float)) and not isinstance(raw, bool) and (not isinstance(raw, str) or len(raw) < 200):
        return _parse_cached(raw, type(raw))
    return _parse_safely(raw)


@lru_cache(maxsize=65536)
def _parse_cached(raw: object, _type: type) -> Parsed:
    """The same text is typed on many rows and read by several rules: parse it once (type keeps 1 and 1.0 apart)."""
    return _parse_safely(raw)


def _parse_safely(raw: object) -> Parsed:
    try:
        parsed = _parse(raw)
        if parsed.kind in ("text", "qualitative") and isinstance(raw, str):
            from xltools.cn_numbers import with_arabic_numerals  # "≥五家" is "≥5家"

            parsed = with_arabic_numerals(raw, parsed, _parse)
        return parsed
    except Exception as exc:  # a parser must never break a form; report instead
        return Parsed(raw, "invalid", problem=f"内部解析错误（{type(exc).__name__}）")


def _parse(raw: object) -> Parsed:
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return Parsed(raw, "empty")
    if isinstance(raw, bool):
        return Parsed(raw, "qualitative", tier=1 if raw else 3, text=str(raw))
    if isinstance(raw, (int, float)):
        value = float(raw)
        if value != value or value in (float("inf"), float("-inf")):
            return Parsed(raw, "invalid", problem="不是有限的数字")
        return Parsed(raw, "number", quantity=Quantity(value, "", "", value))
    text = normalise(raw)
    if text in ("-", "—", "/", "无数据"):
        return Parsed(raw, "empty", text=text)
    for parser in (_parse_range, _parse_comparison_or_number, _parse_date, _parse_qualitative):
        result = parser(raw, text)
        if result is not None:
            return result
    return Parsed(raw, "text", text=text)


def _quantity(number_text: str, unit: str) -> tuple[Quantity | None, str | None]:
    value, problem = parse_number_text(number_text)
    if value is None:
        return None, problem
    base_unit, multiplier = UNITS.get(unit, (unit, 1))
    return Quantity(value, unit, base_unit, value * multiplier), None


QUANTITY_RE = re.compile(rf"^({NUMBER})({UNIT_PATTERN})?$")


def _parse_comparison_or_number(raw: object, text: str) -> Parsed | None:
    op: Op | None = None
    body = text
    for symbol, sym_op in (*SYMBOL_OPS, *WORD_OPS):
        if body.startswith(symbol):
            op, body = sym_op, body[len(symbol):]
            break
    for suffix, suf_op in SUFFIX_OPS:
        if body.endswith(suffix):
            op, body = op or suf_op, body[: -len(suffix)]
            break
    # a trailing word after the unit ("≥95%以上", "1个项目") is tolerated only if it is a unit
    match = QUANTITY_RE.match(body)
    if not match:
        if op and re.match(rf"^{NUMBER}", body):
            return Parsed(raw, "invalid", op=op, problem=f"“{raw}”中的数字或单位无法识别")
        return None
    quantity, problem = _quantity(match.group(1), match.group(2) or "")
    if quantity is None:
        return Parsed(raw, "invalid", op=op, problem=problem)
    return Parsed(raw, "comparison" if op else "number", op=op, quantity=quantity)


RANGE_RE = re.compile(rf"^({NUMBER})({UNIT_PATTERN})?(?:-|~|至|到|—)({NUMBER})({UNIT_PATTERN})?(?:之间)?$")
BETWEEN_RE = re.compile(rf"^({NUMBER})({UNIT_PATTERN})?(?:<=|≤|<)[a-zA-Z\u4e00-\u9fff]*(?:<=|≤|<)({NUMBER})"
                        rf"({UNIT_PATTERN})?$")


def _parse_range(raw: object, text: str) -> Parsed | None:
    match = RANGE_RE.match(text) or BETWEEN_RE.match(text)
    if not match:
        return None
    low_unit = match.group(2) or match.group(4) or ""
    high_unit = match.group(4) or match.group(2) or ""
    low, p1 = _quantity(match.group(1), low_unit)
    high, p2 = _quantity(match.group(3), high_unit)
    if low is None or high is None:
        return Parsed(raw, "invalid", problem=p1 or p2)
    if low.base > high.base:
        low, high = high, low
    return Parsed(raw, "range", low=low, high=high)


DATE_PATTERNS = (
    re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?(?:前|底|末|以前|之前)?$"),
    re.compile(r"^(?P<y>\d{4})[-./](?P<m>\d{1,2})(?:[-./](?P<d>\d{1,2}))?(?:前|以前|之前)?$"),
    re.compile(r"^(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?(?:前|底|末|以前|之前)?$"),
)


def _parse_date(raw: object, text: str) -> Parsed | None:
    for pattern in DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            parts = match.groupdict()
            month = int(parts["m"])
            day = int(parts["d"]) if parts.get("d") else None
            if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
                return Parsed(raw, "invalid", problem=f"“{raw}”不是有效日期")
            year = int(parts["y"]) if parts.get("y") else None
            return Parsed(raw, "date", date=(year, month, day))
    year_match = re.match(r"^(?:(\d{4})年)?(?:度)?", text)
    year = int(year_match.group(1)) if year_match and year_match.group(1) else None
    rest = text[year_match.end():] if year_match else text
    quarter = re.match(r"^第?([一二三四1-4])季度(?:末|底|前)?$", rest)
    if quarter:
        return Parsed(raw, "date", date=(year, QUARTER_END[quarter.group(1)], None), notes=("季度按季末计",))
    half = {"上半年": 6, "下半年": 12, "年底": 12, "年末": 12, "年内": 12, "全年": 12, "年度内": 12}
    # "2024年底前": the year's own 年 is also the first character of 年底/年末/年内/年度内
    for word in (rest, "年" + rest) if year is not None else (rest,):
        if word.rstrip("前") in half:
            return Parsed(raw, "date", date=(year, half[word.rstrip("前")], None))
    cn_month = re.match(r"^(十[一二]?|[一二三四五六七八九])月(?:底|末|前)?$", rest)
    if cn_month:
        return Parsed(raw, "date", date=(year, CN_MONTH[cn_month.group(1)], None))
    return None


def _parse_qualitative(raw: object, text: str) -> Parsed | None:
    word = text.rstrip("。.")
    if word in TIER_WORDS:
        return Parsed(raw, "qualitative", tier=TIER_WORDS[word], text=word)
    if re.match(r"^(未|不|无法|没有)", word):
        return Parsed(raw, "qualitative", tier=3, text=word)
    if re.match(r"^(基本|部分|有所|较为|比较)", word):
        return Parsed(raw, "qualitative", tier=2, text=word)
    return None


# ---- amounts (project lists, money cells) -----------------------------------------------

@dataclass(frozen=True)
class Amount:
    value: float | None
    problem: str | None = None  # Chinese explanation when value is None

    @property
    def ok(self) -> bool:
        return self.value is not None


def parse_amount(raw: object) -> Amount:
    """A number typed into an amount cell: 1234.5, "1,234.50", "１２３４", "" (empty = None, no problem)."""
    if raw is None:
        return Amount(None)
    if isinstance(raw, bool):
        return Amount(None, f"“{raw}”不是数字")
    if isinstance(raw, (int, float)):
        return Amount(float(raw))
    text = normalise(raw)
    if text == "":
        return Amount(None)
    for suffix in ("万元", "元"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    value, problem = parse_number_text(text)
    if value is None:
        return Amount(None, problem.replace(f"“{text}”", f"“{raw}”") if problem else problem)
    return Amount(value)
