"""Formula and check templates shared by the form specs.

Templates use ``{name}`` placeholders (``{@key}`` for a cell of the same row) that
the renderer resolves to addresses. Everything here is plain Excel syntax that
Excel, WPS, LibreOffice and the ``formulas`` package all evaluate.
"""

from __future__ import annotations

from xltools.forms.spec import Check, Validation
from xltools.scoring import GRADE_BANDS, GRADE_FLOOR, GradeBands


def rate(a: str, b: str) -> str:
    """B/A, blank (never #DIV/0!) when A is empty or zero or B is empty."""
    return f'IF(AND(ISNUMBER({a}),{a}<>0,ISNUMBER({b})),{b}/{a},"")'


def percent_rate(a: str, b: str) -> str:
    """B/A expressed in percent units, as Shenzhen's (%) rows print it (91.9 for 91.9%)."""
    return f'IF(AND(ISNUMBER({a}),{a}<>0,ISNUMBER({b})),{b}/{a}*100,"")'


def capped_score(weight: str, rate_ref: str) -> str:
    """分值 × 执行率, never above 分值; blank while the rate is blank."""
    return f'IF(AND(ISNUMBER({weight}),ISNUMBER({rate_ref})),MIN({weight},{weight}*{rate_ref}),"")'


def capped_score_const(weight: float, rate_ref: str) -> str:
    w = f"{weight:g}"
    return f'IF(ISNUMBER({rate_ref}),MIN({w},{w}*{rate_ref}),"")'


def sum_or_blank(*refs: str) -> str:
    """SUM of the references, blank while none of them holds a number."""
    joined = ",".join(refs)
    return f'IF(COUNT({joined})=0,"",SUM({joined}))'


def total(*refs: str) -> str:
    joined = ",".join(refs)
    return f"SUM({joined})"


def difference(a: str, b: str) -> str:
    return f"N({a})-N({b})"


def grade(score_ref: str, bands: GradeBands = GRADE_BANDS, floor: str = GRADE_FLOOR) -> str:
    """Nested IF over the grade bands of ``xltools.scoring``."""
    expr = f'"{floor}"'
    for bound, label in reversed(bands):
        expr = f'IF({score_ref}>={bound:g},"{label}",{expr})'
    return f'IF(ISNUMBER({score_ref}),{expr},"")'


def weighted_average(funds: str, scores: str) -> str:
    """Σ(fund × score) / Σ fund over the rows that have a score (seed 000 note 2)."""
    denominator = f"SUMPRODUCT({funds},ISNUMBER({scores})*1)"
    return f'IF({denominator}=0,"",SUMPRODUCT({funds},{scores})/{denominator})'


# ---- checks (conditional formats) ----------------------------------------------------

def exceeds(value: str, limit: str, message: str) -> Check:
    return Check(f"AND(ISNUMBER({value}),ISNUMBER({limit}),ROUND({value}-{limit},6)>0)", message)


def over_one(ref: str, message: str) -> Check:
    return Check(f"AND(ISNUMBER({ref}),{ref}>1)", message)


def not_equal_sum(ref: str, parts: str, message: str) -> Check:
    return Check(f"AND(COUNT({parts})>0,ROUND(N({ref})-SUM({parts}),2)<>0)", message)


def not_equal(ref: str, expected: str, message: str) -> Check:
    return Check(f"AND(ISNUMBER({ref}),ROUND(N({ref})-N({expected}),2)<>0)", message)


def not_value(ref: str, value: float, message: str, when: str = "TRUE") -> Check:
    return Check(f"AND({when},ISNUMBER({ref}),ROUND({ref}-{value:g},2)<>0)", message)


# ---- validations ---------------------------------------------------------------------

NON_NEGATIVE = Validation("decimal", "greaterThanOrEqual", "0",
                          prompt="请输入不小于 0 的数字", error="这里只能填不小于 0 的数字")


def score_within(weight: str) -> Validation:
    return Validation("decimal", "between", "0", weight,
                      prompt="得分在 0 与分值之间", error="得分必须是 0 到分值之间的数字")


def choice(options: tuple[str, ...]) -> Validation:
    return Validation("list", formula1='"' + ",".join(options) + '"',
                      prompt="请从下拉列表选择", error="请从下拉列表中选择")
