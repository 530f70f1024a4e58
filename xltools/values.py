"""Parsing what people type into amount cells.

Only amounts for now: the full grammar of targets ("≥60%", "≤24万元") belongs to the
scoring issue and will extend this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－＋％", "0123456789.,-+%")
# Thousands separators must group digits by three: "1,234,567.89"; "1,0000.00" is malformed.
GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


@dataclass(frozen=True)
class Amount:
    value: float | None
    problem: str | None = None  # Chinese explanation when value is None

    @property
    def ok(self) -> bool:
        return self.value is not None


def parse_amount(raw: object) -> Amount:
    """A number typed into an amount cell: 1234.5, "1,234.50", "１２３４", "" (empty = None, no problem)."""
    if raw is None:
        return Amount(None)
    if isinstance(raw, bool):
        return Amount(None, f"“{raw}”不是数字")
    if isinstance(raw, (int, float)):
        return Amount(float(raw))
    text = str(raw).strip().translate(FULL_WIDTH).replace(" ", "")
    if text == "":
        return Amount(None)
    if text.endswith("万元"):
        text = text[:-2]
    elif text.endswith("元"):
        text = text[:-1]
    if PLAIN.match(text):
        return Amount(float(text))
    if GROUPED.match(text):
        return Amount(float(text.replace(",", "")))
    if re.match(r"^[+-]?[\d,]+(\.\d+)?$", text):
        return Amount(None, f"“{raw}”的千分位逗号位置不对，无法确定数值")
    return Amount(None, f"“{raw}”不是数字")
