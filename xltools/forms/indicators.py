"""Indicator rows (一级/二级/三级 with target, actual, weight, score) and their grouping."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from xltools.forms.exprs import choice
from xltools.forms.labels import LEVEL1_NAMES, LEVEL2_NAMES, NATIONAL_SKELETON
from xltools.forms.spec import Cell, Row, inp


@dataclass(frozen=True)
class Indicator:
    level1: str
    level2: str
    level3: str = ""
    target: str | float | None = None
    actual: str | float | None = None
    weight: float | None = None
    score: float | None = None
    note: str | None = None


def default_indicators() -> list[Indicator]:
    """One blank row for every 二级 of the national skeleton."""
    return [Indicator(l1, l2) for l1, l2s in NATIONAL_SKELETON.items() for l2 in l2s]


def group(indicators: list[Indicator]) -> list[tuple[str, list[tuple[str, list[Indicator]]]]]:
    """Group by 一级 then 二级, in order of first appearance, keeping row order inside."""
    level1: dict[str, dict[str, list[Indicator]]] = {}
    for ind in indicators:
        level1.setdefault(ind.level1, {}).setdefault(ind.level2, []).append(ind)
    return [(l1, list(l2s.items())) for l1, l2s in level1.items()]


def level_rows(indicators: list[Indicator], prefix: str, groups: tuple[str, ...],
               tail: Callable[[Indicator], list[Cell]], lead: tuple[Cell, ...] = (),
               subtotal: Callable[[int, str], Row] | None = None) -> list[Row]:
    """Indicator rows with 一级/二级 cells merged down their group, as the official forms print them.

    Rows are named ``{prefix}{i}`` and belong to ``groups`` plus ``{prefix}l1_{j}`` (the rows of
    the j-th 一级), so formulas can sum a whole column or one 一级 block. ``lead`` cells go in
    front of the first row (a block label merged down the whole block); ``subtotal`` adds a row
    after each 一级 block.
    """
    rows: list[Row] = []
    i = 0
    for j, (level1, level2s) in enumerate(group(indicators)):
        first_in_l1 = True
        for level2, items in level2s:
            for k, ind in enumerate(items):
                cells: list[Cell] = list(lead) if i == 0 else []
                if first_in_l1:
                    cells.append(inp("l1", "text", vspan=sum(len(it) for _, it in level2s),
                                     value=level1 or None, validation=choice(LEVEL1_NAMES)))
                if k == 0:
                    cells.append(inp("l2", "text", vspan=len(items), value=level2 or None,
                                     validation=choice(LEVEL2_NAMES)))
                cells += tail(ind)
                rows.append(Row(f"{prefix}{i}", tuple(cells), groups=(*groups, f"{prefix}l1_{j}")))
                first_in_l1 = False
                i += 1
        if subtotal:
            rows.append(subtotal(j, level1))
    return rows
