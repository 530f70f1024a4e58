"""Figures of the tables written the way the forms show them: amounts with two decimals (whole numbers
when the form has only whole amounts), rates as percentages with two decimals (the templates' 0.00%)
unless typed as text, scores with two decimals, weights as typed, indicator values as typed."""

from __future__ import annotations

import re
from collections.abc import Iterable

from xltools import scoring
from xltools.recognize.grid import CellRef
from xltools.values import parse


def money(value: float, decimals: int = 2) -> str:
    return f"{value:,.{decimals}f}"


def money_decimals(cells: Iterable[CellRef | None]) -> int:
    """The precision a form shows its amounts at, from what was stored (``CellRef.decimals`` is the proxy):
    whole numbers when every amount is whole (seed 001: 55, 274), else the forms' two decimals."""
    amounts = [c for c in cells if c is not None and c.number is not None]
    return 0 if amounts and all(c.decimals == 0 for c in amounts) else 2


def score(value: float) -> str:
    return f"{value:.2f}"


def weight(value: float) -> str:
    return f"{value:g}"


def rate(cell: CellRef | None, budget: float | None = None, spent: float | None = None) -> str | None:
    """The execution rate as the form shows it; computed from B/A only when the cell is missing."""
    if cell is not None and not cell.empty:
        if isinstance(cell.raw, str) and cell.text.endswith(("%", "％")):
            return cell.text.replace("％", "%").replace(" ", "")
        if cell.number is not None:
            return f"{cell.number * 100:.2f}%"
    computed = scoring.execution_rate(budget, spent)
    return f"{computed * 100:.2f}%" if computed is not None else None


def indicator_value(cell: CellRef | None, target: CellRef | None = None) -> str | None:
    """An indicator's target or actual as typed; a bare number against a percentage target is the
    fraction a percent-formatted cell holds (0.95 shows as 95%)."""
    if cell is None or cell.empty:
        return None
    if isinstance(cell.raw, bool) or not isinstance(cell.raw, (int, float)):
        return re.sub(r"\s+", " ", cell.text)
    value = float(cell.raw)
    reference = parse(target.raw) if target is not None else None
    quantity = (reference.quantity or reference.low) if reference is not None else None
    if quantity is not None and quantity.is_percent and abs(value) <= scoring.FRACTION_LIMIT:
        return f"{value * 100:.10g}%"
    return f"{value:.10g}"


def level_name(text: str) -> str:
    """一级/二级 names without the spaces and line breaks of merged header cells ("产出 指标") and
    without the points some forms write into them ("产出指标（50分）")."""
    return re.sub(r"[（(][^（）()]*分[)）]", "", re.sub(r"\s+", "", text or ""))
