"""What the checker saw in one workbook and what it could not read (`xltools check --stats`).

A reviewer trusts a clean result only when they can see the checker's blind spots: sheets with no
recognised table, unfilled forms, 评分标准 texts it could not parse, numbers stored as text.
"""

from __future__ import annotations

from xltools.kinds import kind_title
from xltools.profiles import Profile
from xltools.recognize.model import Recognized
from xltools.rules.base import ProfileChoice
from xltools.rules.cells import text_in_numeric_cells
from xltools.rules.criteria import unparsed_criteria
from xltools.workbook.read import BookData


def _profile(profile: Profile, chosen: bool) -> dict:
    return {"profile": profile.id, "profile_name": profile.name, "profile_chosen": chosen,
            "bands": f"{profile.name}（{profile.summary}）"}


def describe(book: BookData, found: Recognized, profile: str | None = None) -> dict:
    """Plain data (JSON-ready) about one workbook's recognition; ``profile`` is the one the user chose
    (None: each table's own, by its form), and every form says which profile it was checked with."""
    choice = ProfileChoice(profile)
    tables = []
    for ref in found.refs:
        form = ref.kind.split(".")[0]  # F1.budget -> F1; the form ids the profiles name
        tables.append({"sheet": ref.sheet, "kind": ref.kind, "title": kind_title(ref.kind),
                       "range": ref.range, "rows": ref.r1 - ref.r0 + 1, "profile": choice.for_form(form).id})
    seen = {ref.sheet for ref in found.refs}
    blank = {s.name for s in book.sheets if not any(v is not None and v != "" for row in s.rows for v in row)}
    forms = [{"sheet": f.sheet, "form": f.form, "project": f.project, "filled": f.filled,
              **_profile(choice.for_table(f), profile is not None), "indicators": len(f.indicators)}
             for f in found.self_eval]
    forms += [{"sheet": sz.sheet, "form": "F3", "project": sz.project, "filled": True,
               **_profile(choice.for_table(sz), profile is not None),
               "indicators": sum(len(n2.children) for n1 in (sz.scores.level1 if sz.scores else ())
                                 for n2 in n1.children)} for sz in found.shenzhen]
    unparsed = unparsed_criteria(found)
    text_numbers = {(c.sheet, c.row, c.col) for c in text_in_numeric_cells(found) if c.is_text_number}
    return {
        "tables": tables,
        "forms": forms,
        "sheets_without_tables": [s.name for s in book.sheets if s.name not in seen and s.name not in blank],
        "unparsed_criteria": [f"{c.sheet}!{c.address}" for c in unparsed],
        "text_numbers": len(text_numbers),
        "evaluated_formulas": book.evaluated,
    }


def as_lines(stats: dict) -> list[str]:
    """The same, as indented Chinese lines under a file in the text report."""
    lines = ["  识别情况："]
    for t in stats["tables"]:
        lines.append(f"    表格  {t['sheet']}!{t['range']}  {t['title']}（{t['rows']} 行）")
    for f in stats["forms"]:
        state = "已填写" if f["filled"] else "未填写（未做检查）"
        name = f["project"] or f["sheet"]
        how = "（指定）" if f.get("profile_chosen") else "（按表样）"
        lines.append(f"    自评表  {name}：{f['indicators']} 个指标，{state}；评分口径{how}：{f['bands']}")
    if stats["sheets_without_tables"]:
        lines.append(f"    未识别出表格的工作表：{'、'.join(stats['sheets_without_tables'])}")
    if stats["unparsed_criteria"]:
        shown = "、".join(stats["unparsed_criteria"][:10])
        more = f" 等 {len(stats['unparsed_criteria'])} 处" if len(stats["unparsed_criteria"]) > 10 else ""
        lines.append(f"    无法解析、未据以核对的评分标准：{shown}{more}")
    if stats["text_numbers"]:
        lines.append(f"    以文本形式存储的数字：{stats['text_numbers']} 个（已按数值核对）")
    if stats["evaluated_formulas"]:
        lines.append("    文件中的公式没有缓存结果（由程序生成、未用 Excel 打开过），已先计算公式再检查")
    return lines
