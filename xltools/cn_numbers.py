"""Chinese numerals in front of a unit ("≥五家", "一百人", "不少于三次") read as numbers, with cn2an.

Only a run of numeral characters directly followed by a unit is converted, and the result is kept
only when the whole value then reads as a number, comparison or range: "一般公共预算", "三公经费",
"十分满意" or "一次性" stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xltools.values import Parsed

NUMERALS = "零〇一二两三四五六七八九十百千万亿点"
QUANTITATIVE = ("number", "comparison", "range")


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    from xltools.values import UNIT_PATTERN

    return re.compile(rf"(?<![{NUMERALS}])([{NUMERALS}]+)(?=(?:{UNIT_PATTERN}))")


def arabic(text: str) -> str:
    """The text with every numeral run that precedes a unit written in digits (others untouched)."""
    if not any(ch in NUMERALS for ch in text):
        return text
    import cn2an

    def convert(m: re.Match[str]) -> str:
        try:
            value = cn2an.cn2an(m.group(1), "smart")
        except (ValueError, KeyError, IndexError):
            return m.group(1)
        return f"{value:g}" if isinstance(value, float) else str(value)

    return _pattern().sub(convert, text)


def with_arabic_numerals(raw: str, parsed: Parsed, parse: Callable[[object], Parsed]) -> Parsed:
    """``parsed`` again with the numerals in digits, if that makes it a quantity; else as it was."""
    text = arabic(raw)
    if text == raw:
        return parsed
    again = parse(text)
    return replace(again, raw=raw) if again.kind in QUANTITATIVE else parsed


PERCENT_WORDS = re.compile(r"百分之([零〇一二两三四五六七八九十百点\d.]+)")


def percent_words(value: object) -> object:
    """"百分之九十六" written as "96%" ("百分之百": 100%); other values as they are. Prose spells
    percentages out; the report checker reads them so (forms are not read this way yet)."""
    if not isinstance(value, str) or "百分之" not in value:
        return value
    import cn2an

    def convert(m: re.Match[str]) -> str:
        try:
            words = m.group(1)
            number = cn2an.cn2an("一" + words if words.startswith("百") else words, "smart")
        except (ValueError, KeyError, IndexError):
            return m.group()
        return f"{number:g}%"

    return PERCENT_WORDS.sub(convert, value)
