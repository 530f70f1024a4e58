"""Rules about the run itself (nothing recognised, exceptions that no longer apply) and the rules only
some profiles turn on (预算管理一体化: indicator deviation, total capped by the execution rate)."""

from __future__ import annotations

from collections.abc import Iterator

from xltools import scoring
from xltools.profiles import Profile
from xltools.recognize.grid import CellRef
from xltools.recognize.model import Recognized, SelfEvalForm
from xltools.rules.base import SELF_EVAL_FORMS, Finding, RuleContext, row_col, rule
from xltools.rules.readings import filled_forms

YITIHUA = "F1、F2 及其他带得分栏的指标表（口径打开本规则时，如 预算管理一体化）"


def _cell(sheet: str, address: str) -> CellRef:
    row, col = row_col(address)
    return CellRef(sheet, row, col, None)


@rule("XT001", "未识别到官方表格", "warning", "所有工作簿", """
检查：工作簿中能否找到绩效自评表（F1–F3）、决算公开表（F4）或汇总表（F5）。
原因：找不到表格时检查器无从核对；这不等于“没有问题”，需要人工查看表头是否与官方表样一致。
示例：一份只有文字说明的工作簿 → 警告“未识别到任何官方表格，未做检查”。
""", forms=("*",), always=True)
def nothing_found(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    if found.refs:
        return
    first = ctx.sheets[0] if ctx.sheets else ""
    yield ctx.at(_cell(first, "A1"), "未在工作簿中识别到任何绩效自评表、决算公开表或汇总表，未做检查")


@rule("XT003", "接受的例外已失效或无法使用", "info", "所有工作簿", """
检查：设置文件 [[accepted]] 中、或单元格批注“xltools:忽略 规则代码 原因”中接受的例外，本次检查时是否还对应着问题；批注的写法能否使用（规则代码存在、写了原因）。
原因：问题改正后，留下的例外会在以后悄悄掩盖同一单元格的新问题；写错的批注则根本没有生效。
示例：I8 的批注“xltools:忽略 SE13 偏差原因见报告”，而 I8 已经填写了原因、SE13 不再报告 → 提示这条例外可以删除。
""", forms=("*",), always=True, final=True)
def stale_exceptions(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for a in ctx.state.get("stale_exceptions", []):
        first = ctx.sheets[0] if ctx.sheets else ""
        present = a.sheet is None or not ctx.sheets or a.sheet in ctx.sheets
        sheet = a.sheet if a.sheet and present else first
        where = f"{a.sheet}!{a.cell}" if a.sheet and a.cell else a.sheet or "本工作簿"
        gone = "" if present else f"；本工作簿没有工作表“{a.sheet}”"
        yield ctx.at(_cell(sheet, a.cell if present and a.cell else "A1"),
                     f"接受的例外（{a.rule}，{where}：{a.reason}；写在{a.origin}）已不再对应任何问题{gone}，可以删除")
    for u in ctx.state.get("unusable_exceptions", []):
        yield ctx.at(_cell(u.sheet, u.cell), u.message)


@rule("YT01", "指标偏离却未减分", "warning", YITIHUA, """
检查：正向定量指标（≥、>、= 或只写数值）的实际完成值超过指标值的比例达到口径规定的偏离阈值时，该指标得分应减去口径规定的分数（预算管理一体化口径：超过 30% 及以上减 2 分）；得分不应高于 分值 − 减分。全国、湖北、湖南、深圳口径没有这条规则，默认不运行。
原因：完成值远超指标值，说明年初目标定得过低；一体化系统按此自动减分，自评表上仍给满分就与系统结果不符。
示例：指标值“≥195人”，实际“260人”（超过 33%），分值 10、得分 10 → 警告，得分不应高于 8.00。
""", forms=SELF_EVAL_FORMS, uses=("deviation",), default_on=False)
def deviation_not_deducted(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for form in filled_forms(ctx, found):
        profile = ctx.profile(form)
        deviation = profile.deviation
        if deviation is None:
            continue
        for row in form.indicators:
            target, actual, weight, score = (row.get(k) for k in ("target", "actual", "weight", "score"))
            if not (target and actual and weight and score) or weight.number is None or score.number is None:
                continue
            over = scoring.over_target(target.raw, actual.raw)
            if over is None or over < deviation.threshold - 1e-9:
                continue
            result = scoring.profile_score(target.raw, actual.raw, weight.number, profile)
            if result.score is None or score.number <= result.score + 0.005:
                continue
            yield ctx.at(score, f"“{row.name}”指标值 {target.text}，实际完成 {actual.text}，超过指标值 {over:.0%}"
                                f"（{profile.name}口径：{deviation.threshold:.0%} 及以上为指标偏离，减 "
                                f"{deviation.penalty:g} 分），得分不应高于 {result.score:.2f}，表上 {score.number:g}",
                         round(result.score, 2), score.number)


def _execution_rate(form: SelfEvalForm) -> float | None:
    """B/A of the budget total, else the rate the form shows (0.65 or 65 for 65%)."""
    total = form.budget.rows.get("total") if form.budget else None
    if total is None:
        return None
    a, b, shown = total.get("A"), total.get("B"), total.get("rate")
    rate = scoring.execution_rate(a.number if a else None, b.number if b else None)
    if rate is None and shown is not None and shown.number is not None:
        rate = shown.number / 100 if shown.number > scoring.FRACTION_LIMIT else shown.number
    return rate


def _binding(profile: Profile, rate: float) -> float:
    """The execution-rate bound of the cap that applies (for the message)."""
    cap = profile.cap(rate)
    return min(c.rate_below for c in profile.caps if rate < c.rate_below - 1e-12 and c.max_total == cap)


@rule("YT02", "预算执行率低，总分或等级超过上限", "error", YITIHUA, """
检查：口径按预算执行率给总分封顶时（预算管理一体化口径：执行率 70%–80% 不超过 89 分，60%–70% 不超过 79 分，低于 60% 不超过 69 分，低于 50% 不超过 59 分），总分不超过上限；总分超过上限而等级按表上总分评定的，等级也不应高于上限对应的等级。执行率取 全年执行数 ÷ 全年预算数。全国、湖北、湖南、深圳口径没有这条规则，默认不运行。
原因：一体化系统对超过上限的部分予以减分，自评表上的总分和等级若不按上限，就与系统结果和结果应用不符。
示例：预算数 100、执行数 65（执行率 65%），总分 92、等级“优” → 错误：总分不应超过 79；等级最高为“中”。
""", forms=SELF_EVAL_FORMS, uses=("caps", "grades"), default_on=False)
def capped_by_execution(ctx: RuleContext, found: Recognized) -> Iterator[Finding]:
    for form in filled_forms(ctx, found):
        profile = ctx.profile(form)
        if not profile.caps or form.total is None or form.total.number is None:
            continue
        rate = _execution_rate(form)
        cap = profile.cap(rate)
        total = form.total.number
        if rate is None or cap is None or total <= cap + 0.005:
            continue
        bound = _binding(profile, rate)
        yield ctx.at(form.total, f"预算执行率 {rate:.2%}，低于 {bound:.0%}，{profile.name}口径下总分不超过 {cap:g} 分，"
                                 f"表上 {total:g}", cap, total)
        grade = form.grade
        if grade is None or grade.empty:
            continue
        stated, capped = profile.grade(total), profile.grade(cap)
        typed = grade.text
        as_stated = stated is not None and (typed in profile.grade_names(stated) or typed.startswith(stated))
        if as_stated and capped != stated:  # an inconsistent grade is SE10's finding, not this one
            yield ctx.at(grade, f"预算执行率 {rate:.2%} 时总分最高 {cap:g} 分，等级最高为“{capped}”，表上“{typed}”",
                         capped, typed)
