"""The Chinese name users see for a recognised table kind ("F1.budget" -> 项目预算执行情况)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=None)
def kind_title(kind: str) -> str:
    """The table's title as the form prints it; the internal id only if a kind has no title."""
    from xltools.forms import FORM_NAMES, TABLE_SPECS

    spec = TABLE_SPECS.get(kind)
    if spec is not None and spec.title:
        return spec.title
    form, _, number = kind.partition(".")
    if form == "scored":  # any scored-indicator table in a layout we have no form module for
        national = TABLE_SPECS.get(f"F1.{number}")
        return f"{national.title}（其他表样）" if national is not None and national.title else "带分值、得分栏的指标表"
    if form == "F4":
        from xltools.forms.f4_final_accounts import TABLES

        f4 = TABLES.get(number)
        if f4 is not None and f4.title:
            return f"公开{number}表 {f4.title}"
    return FORM_NAMES.get(form, kind)
