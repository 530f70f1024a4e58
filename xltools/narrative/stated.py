"""Numbers as a report writes them: the pattern of a number and the figure it states with its unit."""

from __future__ import annotations

from xltools.narrative.model import Figure
from xltools.values import UNITS, parse_number_text

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
BARE_MONEY = {"万": "万元", "亿": "亿元"}


def figure(number: str, unit: str, money: bool = False) -> Figure | None:
    """A stated number; ``money``: a bare 万/亿 is 万元/亿元 (the text keeps what was written)."""
    value, _ = parse_number_text(number)
    if value is None:
        return None
    decimals = len(number.split(".")[1]) if "." in number else 0
    meant = BARE_MONEY.get(unit, unit) if money else unit
    multiplier = UNITS.get(meant, (meant, 1))[1]
    return Figure(f"{number}{unit}", value, meant, decimals, value * multiplier)


def base_unit(fig: Figure) -> str:
    return UNITS.get(fig.unit, (fig.unit, 1))[0]


def as_money(figures: list[Figure]) -> list[Figure]:
    """Bare 万/亿 figures read as 万元/亿元 when another figure of the same list is in 元: "安排资金19204.096万。
    其中,央省14059.11万元、……" states one amount in two spellings."""
    if not any(base_unit(f) == "元" for f in figures):
        return figures
    return [Figure(f.text, f.value, BARE_MONEY[f.unit], f.decimals, f.base) if f.unit in BARE_MONEY else f
            for f in figures]
