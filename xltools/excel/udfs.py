"""Excel functions (xlwings UDFs) over ``xltools.scoring``.

Every function answers in the cell: a number, an empty cell, or a readable Chinese message
("无法解析：…"), never a Python traceback. Descriptions and argument help are what Excel's
function wizard shows (xlwings registers them through Application.MacroOptions).
"""

from __future__ import annotations

from collections.abc import Sequence

import xlwings as xw

from xltools import profiles, scoring
from xltools.values import parse, parse_amount

CATEGORY = "绩效工具"
CANNOT = "无法解析："


def _amount(value: object, name: str) -> tuple[float | None, str | None]:
    amount = parse_amount(value)
    if amount.problem:
        return None, f"{CANNOT}{name}{amount.problem}"
    return amount.value, None


def _rate(value: object) -> tuple[float | None, str | None]:
    """A rate typed as 0.95, 95% (text) or 95 (read as 95%)."""
    p = parse(value)
    if p.kind == "empty":
        return None, None
    if p.kind != "number" or p.quantity is None:
        return None, f"{CANNOT}执行率“{value}”不是数字"
    q = p.quantity
    if q.is_percent or q.value > scoring.FRACTION_LIMIT:
        return q.value / 100, None
    return q.value, None


@xw.func(category=CATEGORY)
@xw.arg("budget", doc="全年预算数(A)")
@xw.arg("spent", doc="全年执行数(B)")
def XT_EXECRATE(budget, spent):
    """执行率 = 全年执行数 ÷ 全年预算数（B/A）。预算数为空或为 0 时返回空。"""
    a, problem = _amount(budget, "全年预算数")
    b, problem2 = _amount(spent, "全年执行数")
    if problem or problem2:
        return problem or problem2
    rate = scoring.execution_rate(a, b)
    return "" if rate is None else rate


# A profile named in a cell: its id (hubei, yitihua) or its Chinese name (湖北, 预算管理一体化, 一体化, 全国).
PROFILE_WORDS = {"全国": profiles.DEFAULT, "2020": profiles.DEFAULT, "财预〔2020〕10号": profiles.DEFAULT,
                 "一体化": "yitihua"}
PROFILE_HELP = "口径：全国、湖北、湖南、深圳、一体化（或 national-2020、hubei、hunan、shenzhen、yitihua）"


def _profile(word: object) -> profiles.Profile | None:
    text = str(word).strip() if word not in (None, "") else profiles.DEFAULT
    if profiles.exists(text):
        return profiles.load(text)
    if text in PROFILE_WORDS:
        return profiles.load(PROFILE_WORDS[text])
    return next((profiles.load(n) for n in profiles.names() if profiles.load(n).name == text), None)


@xw.func(category=CATEGORY)
@xw.arg("weight", doc="分值，例如 10")
@xw.arg("rate", doc="执行率，例如 0.95 或 95%")
@xw.arg("method", doc="可选：“比例”（默认，分值×执行率，不超过分值）、“分档”（≥90%满分，80%–90%得一半，<80%不得分），"
                      "或口径名（按该口径的计分方法）")
def XT_BUDGETSCORE(weight, rate, method="比例"):
    """预算执行得分 = 分值 × 执行率，不超过分值；也可按分档或按口径计分。"""
    w, problem = _amount(weight, "分值")
    r, problem2 = _rate(rate)
    if problem or problem2:
        return problem or problem2
    if w is None:
        return ""
    chosen = {"比例": "proportional", "分档": "tiers", None: "proportional", "": "proportional"}.get(method)
    if chosen is not None:
        score = scoring.budget_score(w, r, method=chosen)
    else:
        profile = _profile(method)
        if profile is None:
            return f"{CANNOT}计分方法“{method}”应为“比例”“分档”或口径名"
        score = scoring.budget_score_for(w, r, profile)
    return "" if score is None else score


@xw.func(category=CATEGORY)
@xw.arg("target", doc="年度指标值，照表上原样，例如“≥195人”“≤24万元”“100%”“提升”")
@xw.arg("actual", doc="实际完成值，例如“195人”“24万元”“92%”“显著提升”")
@xw.arg("weight", doc="分值")
@xw.arg("bands", doc="可选：评分口径，“2020”/“全国”（定性 100-80-60，默认）、“湖北”（100-80-50）、"
                     "“一体化”（另按指标偏离减分）等口径名")
def XT_SCORE(target, actual, weight, bands="2020"):
    """指标得分：正向指标 分值×实际/目标，反向指标 分值×目标/实际，定性指标按档次；达到即满分，不超过分值。"""
    profile = _profile(bands)
    if profile is None:
        return f"{CANNOT}分档方案“{bands}”应为“2020”“湖北”或其他口径名"
    result = scoring.profile_score(target, actual, weight, profile)
    return f"{CANNOT}{result.reason}" if result.score is None else result.score


@xw.func(category=CATEGORY)
@xw.arg("total", doc="各项得分之和（未封顶的总分）")
@xw.arg("rate", doc="预算执行率，例如 0.75 或 75%")
@xw.arg("profile", doc=f"可选：{PROFILE_HELP}；默认“一体化”")
def XT_CAPPED(total, rate, profile="一体化"):
    """按口径以预算执行率给总分封顶（一体化：执行率低于 80% 不超过 89 分，低于 70% 不超过 79 分……）；口径不封顶时原样返回。"""
    chosen = _profile(profile)
    if chosen is None:
        return f"{CANNOT}口径“{profile}”不存在；{PROFILE_HELP}"
    value, problem = _amount(total, "总分")
    r, problem2 = _rate(rate)
    if problem or problem2:
        return problem or problem2
    result = scoring.capped_total(value, r, chosen)
    return "" if result is None else result


@xw.func(category=CATEGORY)
@xw.arg("values", ndim=1, doc="要平均的数值区域（得分或完成率）")
@xw.arg("funds", ndim=1, doc="对应的资金额度区域（权重）")
def XT_WEIGHTED(values, funds):
    """以资金额度为权重的加权平均（空白或非数字的行不计）。"""
    values, funds = list(values or []), list(funds or [])
    if len(values) != len(funds):
        return f"{CANNOT}数值区域有 {len(values)} 格，资金区域有 {len(funds)} 格，应一样多"
    nums = [_number_or_none(v) for v in values]
    weights = [_number_or_none(f) for f in funds]
    result = scoring.weighted_average(nums, weights)
    return "" if result is None else result


def _number_or_none(value: object) -> float | None:
    amount = parse_amount(value)
    return amount.value if amount.ok else None


@xw.func(category=CATEGORY)
@xw.arg("total", doc="一级指标的总分值，例如 25")
@xw.arg("count", doc="平均分给几个指标")
@xw.arg("index", doc="可选：返回第几个的分值；省略时返回一列全部分值")
@xw.ret(expand="table")
def XT_SPLITWEIGHT(total, count, index=None):
    """把分值平均分给 n 个指标：每个 round(总分值/n, 2)，余数给最后一个，合计正好等于总分值。"""
    w, problem = _amount(total, "总分值")
    if problem or w is None:
        return problem or ""
    if not isinstance(count, (int, float)) or count != int(count) or count < 1:
        return f"{CANNOT}个数“{count}”应为正整数"
    parts = scoring.split_weight(w, int(count))
    if index in (None, ""):
        return [[p] for p in parts]
    if not isinstance(index, (int, float)) or not 1 <= index <= len(parts) or index != int(index):
        return f"{CANNOT}第几个“{index}”应在 1 到 {len(parts)} 之间"
    return parts[int(index) - 1]


@xw.func(category=CATEGORY)
@xw.arg("total", doc="总分")
@xw.arg("scheme", doc="可选：口径名，“全国”（优/良/中/差，默认）、“深圳”（最高一档写作优秀）等")
def XT_GRADE(total, scheme=""):
    """自评等级：90分（含）以上优，80（含）–90 良，60（含）–80 中，60 以下差（按所选口径的等级名）。"""
    profile = _profile(scheme)
    if profile is None:
        return f"{CANNOT}等级方案“{scheme}”应为“全国”“深圳”或其他口径名"
    value, problem = _amount(total, "总分")
    if problem:
        return problem
    result = scoring.grade_for(value, profile)
    return "" if result is None else result


@xw.func(category=CATEGORY)
@xw.arg("text", doc="要解析的单元格内容，例如“≥195人”")
def XT_PARSE(text):
    """显示 xltools 如何理解一个单元格：比较符、数值、单位、区间、日期或定性档次。"""
    parsed = parse(text)
    notes = "；".join(parsed.notes)
    return parsed.describe() + (f"（{notes}）" if notes else "")


UDFS: Sequence = (XT_EXECRATE, XT_BUDGETSCORE, XT_SCORE, XT_CAPPED, XT_WEIGHTED, XT_SPLITWEIGHT, XT_GRADE, XT_PARSE)
