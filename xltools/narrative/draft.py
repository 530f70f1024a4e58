"""Draft the written self-evaluation report of each recognised form (F1 national, F2 Hubei and
Hunan) in the structure real reports use (seed 003):

一、基本情况（概况、绩效目标、预算及执行情况） 二、绩效目标实现情况（one paragraph per indicator）
三、存在的问题及改进措施（the 偏差原因 column） 四、自评结果及应用（总分、等级）

Every figure comes from the recognised tables; whether a target was met is decided by the checker's
scoring code (``judge``). What only a person can write is a highlighted placeholder. A form the
checker finds errors in, or a workbook without a recognised form, gets a draft that opens with the
errors to fix first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from xltools.check import FileReport
from xltools.errors import UserError
from xltools.narrative import figures, style
from xltools.narrative.judge import judge
from xltools.profiles import Profile, for_form
from xltools.recognize.grid import CellRef
from xltools.recognize.model import IndicatorRow, SelfEvalForm
from xltools.rules.base import SEVERITY_NAMES, Finding
from xltools.scoring import QualitativeBands

CHINESE_NUMBERS = "一二三四五六七八九十"
EMPTY_NOTES = {"", "无", "0", "/", "-", "—", "无偏差", "不适用"}
VERDICT_TEXT = {"met": "达到预期值目标", "partial": "部分达到预期值目标", "missed": "未达到预期值目标"}
PART_NAMES = (("fiscal", "当年财政拨款"), ("carry", "上年结转资金"), ("other", "其他资金"))


def ask(what: str) -> tuple[str, bool]:
    """A highlighted placeholder asking a person for what the tables cannot say."""
    return f"【请填写：{what}】", True


@dataclass
class Draft:
    name: str          # project or unit
    document: object   # docx.Document
    errors: int = 0    # error findings of the checker on the form it was drafted from


def drafts(report: FileReport, project: str | None = None, profile: Profile | None = None) -> list[Draft]:
    """One draft per recognised self-evaluation form (or the one named), or one skeleton when none.
    ``profile``: the scoring rules chosen (bands of the qualitative verdicts); by default each form's own."""
    recognised = report.recognized.self_eval if report.recognized else []
    forms = select(recognised, project)
    if project and not forms:
        names = "、".join(f.project or f.sheet for f in recognised) or "无"
        raise UserError(f"表格中没有名为“{project}”的项目；识别到的项目：{names}")
    if not forms:
        return [Draft(report.path.stem, _skeleton(report), report.errors)]
    made = []
    for form in forms:
        findings = _form_findings(form, report)
        made.append(Draft(form.project or form.sheet, _form_report(form, findings, profile or for_form(form.form)),
                          sum(f.severity == "error" for f in findings)))
    return made


def select(forms: list[SelfEvalForm], project: str | None) -> list[SelfEvalForm]:
    """The forms of the project (or unit) named: exactly that name, else every name containing it."""
    if not project:
        return forms
    exact = [f for f in forms if (f.project or f.sheet) == project]
    return exact or [f for f in forms if project in (f.project or f.sheet)]


def _form_findings(form: SelfEvalForm, report: FileReport) -> list[Finding]:
    """The checker's findings on this form: its sheet, and its rows when several forms share the sheet."""
    own = [f for f in report.counted if f.sheet == form.sheet]  # accepted exceptions are not to be fixed
    siblings = [f for f in report.recognized.self_eval if f.sheet == form.sheet] if report.recognized else [form]
    if len(siblings) <= 1 or not form.refs:
        return own
    rows = [r.r0 for r in form.refs] + [r.r1 for r in form.refs] + \
        [c.row for c in (form.total, form.grade, form.project_cell) if c is not None]
    low, high = min(rows), max(rows)
    return [f for f in own if low + 1 <= _row(f.cell) <= high + 1]


def _row(cell: str) -> int:
    digits = "".join(ch for ch in cell.split(":")[0] if ch.isdigit())
    return int(digits) if digits else 0


# ---- the report of one form ------------------------------------------------------------------

def _form_report(form: SelfEvalForm, findings: list[Finding], profile: Profile):
    doc = style.new_document()
    department = form.variant in ("hubei", "hunan")
    name = form.project or form.sheet
    subject = "本单位" if department else "本项目"
    style.title(doc, f"{name}{'部门整体支出' if department else '项目支出'}", "绩效自评报告")
    _errors_first(doc, findings)
    style.paragraph(doc, "根据", ask("开展绩效自评工作的文件名称及文号"),
                    f"要求，{'我单位' if department else '我单位对' + name + '项目'}开展了{'部门整体支出' if department else ''}"
                    "绩效自评，现将有关情况报告如下：")

    style.heading(doc, "一、基本情况")
    style.heading(doc, "（一）部门概况" if department else "（一）项目概况", 2)
    style.paragraph(doc, ask("单位职能、人员情况及年度主要工作" if department else "项目立项依据、主要内容和实施情况"))
    style.heading(doc, "（二）绩效目标", 2)
    goal = _filled(form.goal_target)
    style.paragraph(doc, "年度总体目标：", _sentence(goal) if goal else ask("年度总体目标（自评表中未填写）"))
    counts = _indicator_counts(form)
    if counts:
        style.paragraph(doc, counts)
    style.heading(doc, "（三）预算及执行情况", 2)
    for pieces in _budget_paragraphs(form):
        style.paragraph(doc, *pieces)

    style.heading(doc, "二、绩效目标实现情况")
    done = _filled(form.goal_actual)
    if done:
        style.paragraph(doc, f"年度总体目标完成情况：{_sentence(done)}")
    verdicts = _achievements(doc, form, profile.bands)

    style.heading(doc, "三、存在的问题及改进措施")
    _problems(doc, form, verdicts)

    style.heading(doc, "四、自评结果及应用")
    style.paragraph(doc, *_result(form, subject, profile))
    style.paragraph(doc, ask("自评结果的应用（预算安排、改进管理）和公开情况"))
    style.signature(doc, name if department else ask("实施单位名称"), "（盖章）", gap=True)
    style.signature(doc, ask("报告日期"))
    return doc


def _errors_first(doc, findings: list[Finding]) -> None:
    errors = [f for f in findings if f.severity == "error"]
    if not errors:
        return
    style.note(doc, f"【起草说明：xltools check 在自评表中发现 {len(errors)} 处错误。请先改正表格，再重新起草或逐一核对"
                    f"本报告中的数字；改正后删除本说明。】", bold=True)
    for i, f in enumerate(errors, start=1):
        style.note(doc, f"{i}. {f.sheet}!{f.cell}　{SEVERITY_NAMES[f.severity]} {f.rule}：{f.message}")
    warnings = sum(f.severity == "warning" for f in findings)
    if warnings:
        style.note(doc, f"另有 {warnings} 条警告，用 xltools check 查看。")


def _indicator_counts(form: SelfEvalForm) -> str | None:
    rows = form.indicators
    if not rows:
        return None
    groups: dict[str, int] = {}
    for row in rows:
        level = figures.level_name(row.level1) or "其他指标"
        groups[level] = groups.get(level, 0) + 1
    parts = "、".join(f"{level}{n}个" for level, n in groups.items())
    goals = _goal_count(form)
    prefix = f"共设置年度目标{goals}个、" if goals > 1 else "共设置"
    if len(groups) == 1:
        return f"{prefix}绩效指标{len(rows)}个。"
    return f"{prefix}绩效指标{len(rows)}个，其中{parts}。"


def _budget_paragraphs(form: SelfEvalForm) -> list[list]:
    total = form.budget.rows.get("total") if form.budget else None
    if total is None:
        return [[ask("全年预算数、执行数和预算执行率（自评表中未识别到预算执行情况）")]]
    a, b, init = (_number(total.get(k)) for k in ("A", "B", "init"))
    paragraphs = []
    if form.variant == "hunan" or a is None:
        sentence = []
        if init is not None:
            sentence.append(f"年初预算资金总额{_money(form, init)}")
        if b is not None:
            sentence.append(f"实际投入资金额{_money(form, b)}")
        reason = total.get("reason")  # Hunan: 产生差异的原因, when the form gives it
        if reason is not None and not reason.empty and _text(reason) not in EMPTY_NOTES:
            explained = [f"产生差异的原因：{_sentence(_text(reason))}"]
        else:
            explained = [ask("资金情况及产生差异的原因")]
        paragraphs.append(["，".join(sentence) + "。" if sentence else "", *explained])
        if b is not None:
            parts = _parts(form, "B")
            if parts:
                paragraphs.append([f"实际投入资金额{_money(form, b)}，其中：{parts}。"])
        return paragraphs
    sentence = []
    if init is not None and form.variant == "national":
        sentence.append(f"年初预算数{_money(form, init)}")
    sentence.append(f"全年预算数{_money(form, a)}" if form.variant == "national" else f"预算数{_money(form, a)}")
    if b is not None:
        sentence.append(f"全年执行数{_money(form, b)}" if form.variant == "national" else f"执行数{_money(form, b)}")
    rate = figures.rate(total.get("rate"), a, b)
    if rate is not None:
        sentence.append(f"预算执行率{rate}")
    score = _number(total.get("score"))
    weight = _number(total.get("weight"))
    if weight is None and form.budget is not None:
        weight = form.budget.weight_const
    if score is not None:
        sentence.append(f"预算执行得分{figures.score(score)}分" + (f"（分值{figures.weight(weight)}分）" if weight else ""))
    prefix = "部门整体支出" if form.variant == "hubei" else ""
    paragraphs.append([prefix + "，".join(sentence) + "。"])
    parts = _parts(form, "A")
    if parts:
        paragraphs.append([f"全年预算数{_money(form, a)}，其中：{parts}。"])
    return paragraphs


def _parts(form: SelfEvalForm, column: str) -> str:
    """"当年财政拨款28.00万元，其他资金2.00万元" (in the form's unit): the parts the table fills in, never
    blanks as 0."""
    rows = form.budget.rows if form.budget else {}
    listed = []
    for key, label in PART_NAMES:
        row = rows.get(key)
        value = _number(row.get(column)) if row is not None else None
        if value is not None:
            shown = "财政拨款" if form.variant == "hunan" and key == "fiscal" else label
            listed.append(f"{shown}{_money(form, value)}")
    return "，".join(listed)


def _money(form: SelfEvalForm, value: float) -> str:
    """An amount of the form's budget block at the precision the form shows, in the form's unit (元 forms
    are written in 元: their figures are never called 万元)."""
    cells = [cell for row in (form.budget.rows.values() if form.budget else ()) for cell in
             (row.get("A"), row.get("B"), row.get("init"))]
    return f"{figures.money(value, figures.money_decimals(cells))}{form.unit}"


def _filled(cell: CellRef | None) -> str:
    """The text of a free-text cell, or "" when it is missing or says nothing (无, /)."""
    text = _text(cell) if cell is not None and not cell.empty else ""
    return "" if text in EMPTY_NOTES else text


def _text(cell: CellRef) -> str:
    return " ".join(cell.text.split())


def _sentence(text: str) -> str:
    return text if text.endswith(("。", "！", "？", "…")) else text + "。"


def _number(cell: CellRef | None) -> float | None:
    return cell.number if cell is not None else None


# ---- 二、绩效目标实现情况 ----------------------------------------------------------------------

def _achievements(doc, form: SelfEvalForm, bands: QualitativeBands) -> dict[int, str]:
    """One paragraph per indicator, grouped by 年度目标 (Hubei) or 一级指标; returns the verdicts."""
    verdicts: dict[int, str] = {}
    if not form.indicators:
        style.paragraph(doc, ask("各项绩效指标的完成情况（自评表中未识别到绩效指标）"))
        return verdicts
    groups = _groups(form)
    for g, (title, rows) in enumerate(groups):
        if len(groups) > 1 or title:
            style.heading(doc, f"（{CHINESE_NUMBERS[g] if g < 10 else g + 1}）{title or '绩效指标'}", 2)
        for n, row in enumerate(rows, start=1):
            verdict, pieces = _indicator(row, bands)
            verdicts[id(row)] = verdict
            style.paragraph(doc, f"{n}.{_name(row)}：", *pieces)
    return verdicts


def _groups(form: SelfEvalForm) -> list[tuple[str, list[IndicatorRow]]]:
    """By 年度目标: one block per goal (Hubei), or the goal each row stands beside where one table lists
    several (Hunan "目标1", "目标2"); else by 一级指标."""
    groups: list[tuple[str, list[IndicatorRow]]] = []
    goals = [b for b in form.blocks if b.goal_label is not None]
    if len(goals) > 1 or (goals and form.variant == "hubei"):
        for block in form.blocks:
            label = figures.level_name(block.goal_label.text if block.goal_label else "").rstrip(":：")
            groups.append((label.replace("(", "（").replace(")", "）").replace(":", ""), block.rows))
        return groups
    by_goal = len({row.goal for row in form.indicators if row.goal}) > 1
    for row in form.indicators:
        title = row.goal if by_goal else figures.level_name(row.level1) or "其他指标"
        if not groups or groups[-1][0] != title:
            groups.append((title, []))
        groups[-1][1].append(row)
    return groups


def _goal_count(form: SelfEvalForm) -> int:
    return max(sum(1 for b in form.blocks if b.goal_label is not None),
               len({row.goal for row in form.indicators if row.goal}))


def _name(row: IndicatorRow) -> str:
    return " ".join(row.name.split())


def _indicator(row: IndicatorRow, bands) -> tuple[str, list]:
    target_cell, actual_cell = row.get("target"), row.get("actual")
    target = figures.indicator_value(target_cell)
    actual = figures.indicator_value(actual_cell, target_cell)
    pieces: list = ["该指标预期值为", _quoted(target) if target else ask("预期值（表中未填写）"),
                    "，实际完成值为", _quoted(actual) if actual else ask("实际完成值（表中未填写）")]
    verdict = "unknown"
    if target is not None and actual is not None:
        verdict = judge(target_cell.raw, actual_cell.raw, bands).status  # type: ignore[union-attr]
    if verdict in VERDICT_TEXT:
        pieces.append(f"，{VERDICT_TEXT[verdict]}")
    else:
        pieces.append("，")
        pieces.append(ask("是否达到预期值目标（无法由表格判断）"))
    weight, score = _number(row.get("weight")), _number(row.get("score"))
    if weight is not None and score is not None:
        pieces.append(f"，分值{figures.weight(weight)}分，得分{figures.score(score)}分")
    elif score is not None:
        pieces.append(f"，得分{figures.score(score)}分")
    pieces.append("。")
    return verdict, pieces


def _quoted(value: str) -> str:
    """Values holding a comma or semicolon are quoted, so the sentence keeps one reading."""
    return f"“{value}”" if any(ch in value for ch in "，,；;。") else value


# ---- 三、存在的问题及改进措施 ------------------------------------------------------------------

def _problems(doc, form: SelfEvalForm, verdicts: dict[int, str]) -> None:
    written = 0
    for row in form.indicators:
        note = row.get("note")
        reason = _text(note) if note is not None and not note.empty else ""
        missed = verdicts.get(id(row)) in ("missed", "partial")
        if reason and reason not in EMPTY_NOTES:
            written += 1
            style.paragraph(doc, f"{written}.{_name(row)}：{_sentence(reason)}")
        elif missed:
            written += 1
            where = "表中该行“偏差原因”栏为空" if note is not None else "自评表没有逐项的偏差原因栏"
            style.paragraph(doc, f"{written}.{_name(row)}：{VERDICT_TEXT[verdicts[id(row)]]}。",
                            ask(f"偏差原因及改进措施（{where}）"))
    if written == 0 and verdicts and all(v == "met" for v in verdicts.values()):
        style.paragraph(doc, "各项绩效指标均达到预期值目标。", ask("预算执行和项目管理中存在的问题及改进措施；没有时写“无”"))
    elif written == 0:  # some indicators cannot be judged from the tables: claim nothing about them
        style.paragraph(doc, ask("存在的问题及改进措施（有的指标无法由表格判断是否达到，请逐项核对）"))
    else:
        style.paragraph(doc, ask("其他问题及下一步改进措施"))


# ---- 四、自评结果及应用 ------------------------------------------------------------------------

def _result(form: SelfEvalForm, subject: str, profile: Profile) -> list:
    total = _number(form.total)
    if form.total is None and form.variant == "hunan":
        return ["经自评，", ask("自评结论（本表样不计分）")]
    if total is None:
        return ["经自评，", ask("自评总分和等级（自评表中未识别到总分）")]
    pieces: list = [f"经自评，{subject}自评总分{figures.score(total)}分"]
    if form.grade is not None and not form.grade.empty:
        pieces.append(f"，自评等级为“{form.grade.text}”。")
    else:
        pieces.append("，")
        pieces.append(ask(f"自评等级（表中未填写；按总分应为“{profile.grade(total)}”）"))
        pieces.append("。")
    return pieces


# ---- a workbook without a recognised form ----------------------------------------------------

def _skeleton(report: FileReport):
    doc = style.new_document()
    style.title(doc, "", "绩效自评报告")
    style.note(doc, f"【起草说明：在 {report.path.name} 中没有识别到项目支出绩效自评表（F1）或部门整体支出绩效自评表（F2），"
                    "以下各部分都需要人工填写。可用 xltools check 查看原因，或对照 templates/ 中的模板调整表头。】", bold=True)
    errors = [f for f in report.counted if f.severity in ("error", "warning")]
    for i, f in enumerate(errors, start=1):
        style.note(doc, f"{i}. {f.sheet}!{f.cell}　{SEVERITY_NAMES[f.severity]} {f.rule}：{f.message}")
    style.paragraph(doc, "根据", ask("开展绩效自评工作的文件名称及文号"), "要求，现将绩效自评情况报告如下：")
    for heading, asks in (("一、基本情况", ("概况", "绩效目标", "全年预算数、执行数和预算执行率")),
                          ("二、绩效目标实现情况", ("各项绩效指标的预期值、实际完成值及是否达到",)),
                          ("三、存在的问题及改进措施", ("偏差原因及改进措施",)),
                          ("四、自评结果及应用", ("自评总分、等级及结果应用",))):
        style.heading(doc, heading)
        for what in asks:
            style.paragraph(doc, ask(what))
    return doc


def save(draft: Draft, path: Path) -> Path:
    draft.document.save(str(path))
    return path
