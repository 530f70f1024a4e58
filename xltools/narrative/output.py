"""A checked report as text (for people) or JSON (the contract of ``xltools check`` plus
"paragraph" and "quote" per finding, with "sheet" and "cell" null)."""

from __future__ import annotations

import json

from xltools.narrative.model import ReportCheck
from xltools.narrative.rules import REPORT_RULES
from xltools.rules.base import SEVERITY_NAMES


def as_json(result: ReportCheck) -> str:
    entry = {"path": str(result.path), "error": None, "tables": [],
             "findings": [f.as_dict() for f in result.findings]}
    document: dict = {"files": [entry]}
    if result.note:
        document["notes"] = [result.note]  # optional: only when nothing could be checked
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def as_text(result: ReportCheck) -> str:
    lines = [f"报告：{result.path}"]
    if result.forms_path is not None:
        lines.append(f"  对照表格：{result.forms_path}（{result.form_name}）")
        if result.form_errors:
            lines.append(f"  注意：表格本身有 {result.form_errors} 处错误，报告与表格一致不等于数字正确（用 xltools check 查看）")
    for f in result.findings:
        where = f"第 {f.paragraph} 段" if f.paragraph is not None else "全文"
        lines.append(f"  {where:<8} {SEVERITY_NAMES[f.severity]}  {f.rule} {REPORT_RULES[f.rule].title}：{f.message}")
        if f.quote:
            lines.append(f"           原文：{f.quote}")
    if result.note:
        lines.append(f"  注意：{result.note}。")
    elif not result.findings:
        lines.append(f"  核对了 {result.claims} 处陈述，未发现问题。")
    lines.append(f"  小计：错误 {result.errors}，警告 {result.warnings}，提示 {result.infos}")
    return "\n".join(lines) + "\n"


def rules_table() -> str:
    lines = [f"{r.code}  {SEVERITY_NAMES[r.severity]}  {r.title}" for r in REPORT_RULES.values()]
    return "\n".join(lines) + "\n\n用 `xltools report rules 代码` 查看某条规则的说明，例如 xltools report rules RP01。\n"


def rule_doc(code: str) -> str:
    r = REPORT_RULES[code]
    return f"{r.code}  {r.title}\n级别：{SEVERITY_NAMES[r.severity]}    适用：绩效自评报告（.docx、.txt）\n\n{r.doc.strip()}\n"
