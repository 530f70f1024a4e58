"""How a figure is typed into a cell under a layout: numbers, text numbers, percentages, targets."""

from __future__ import annotations

from fractions import Fraction

from tests.corpus.layout import Layout

OPS = {
    "unicode": {"≥": "≥", "≤": "≤", "=": "="},
    "ascii": {"≥": ">=", "≤": "<=", "=": "="},
    "variant": {"≥": "≧", "≤": "≦", "=": "═"},
    "words": {"≥": "不低于", "≤": "不高于", "=": "="},
}


def num_text(value: Fraction | float, decimals: int | None = None) -> str:
    if decimals is not None:
        return f"{float(value):.{decimals}f}"
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.4f}".rstrip("0").rstrip(".")


def amount(hundredths: int | None, layout: Layout) -> object:
    """Money kept in hundredths of 万元, typed in 万元 (or in 元 when the unit typed 元)."""
    if hundredths is None:
        return None
    value = hundredths * 100 if layout.amounts_in_yuan else hundredths / 100
    if layout.text_numbers:
        return f"{value:.2f}"
    return value


def points(hundredths: int | None, layout: Layout) -> object:
    if hundredths is None:
        return None
    if layout.text_numbers:
        return f"{hundredths / 100:.2f}" if hundredths % 100 else str(hundredths // 100)
    return hundredths // 100 if hundredths % 100 == 0 else hundredths / 100


def rate(bp: int | None, layout: Layout) -> tuple[object, str | None]:
    """(value, number format) of a rate shown with two decimals of a percent."""
    if bp is None:
        return None, None
    style = layout.rate_style
    if layout.text_numbers and style == "fraction":
        style = "percent_text"
    if style == "percent_text":
        return f"{bp / 100:.2f}%", None
    if style == "percent_number":
        return (f"{bp / 100:.2f}" if layout.text_numbers else bp / 100), "0.00"
    return bp / 10000, "0.00%"


def op_text(op: str, layout: Layout) -> str:
    return OPS[layout.target_ops].get(op, op)


def target_text(op: str, value: Fraction | str, unit: str, layout: Layout) -> str:
    if isinstance(value, str):
        return value
    return f"{op_text(op, layout)}{num_text(value)}{unit}"


def actual_value(value: Fraction | str | None, unit: str, layout: Layout, with_unit: bool = True) -> object:
    """A 完成值 as typed: words as they are; numbers with their unit, or bare, or a percent cell."""
    if value is None or isinstance(value, str):
        return value
    if unit == "%":
        style = layout.actual_percent
        if style == "bare" or not with_unit:
            return num_text(value) if layout.text_numbers else float(value)
        if style == "fraction" and not layout.text_numbers:
            return float(value / 100)
        return f"{num_text(value)}%"
    if layout.bare_actuals or not with_unit:
        return num_text(value) if layout.text_numbers else float(value)
    return f"{num_text(value)}{unit}"
