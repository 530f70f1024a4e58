"""A1 cell addresses: column letters and numbers, as openpyxl.utils.cell computes them.

Written here because importing anything from openpyxl runs its package ``__init__``, which loads
the whole library and numpy with it (≈0.2 s, and a BLAS thread pool, in every process, each worker
of a parallel run on Windows included), while checking a workbook needs only these few lines.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

MAX_COLUMN = 18278  # XFD is 16384; openpyxl accepts up to ZZZ
ADDRESS = re.compile(r"^[$]?([A-Za-z]{1,3})[$]?(\d+)$")
LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def to_letters(number: int) -> str:
    """1 -> "A", 27 -> "AA", 0 -> "", without a range check (the safety scan has its own limits)."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def to_number(letters: str) -> int:
    """"A" -> 1, "AA" -> 27, for upper-case letters already matched as a column, without a check."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


@cache  # at most MAX_COLUMN entries: an invalid number raises, and is not kept
def column_letter(number: int) -> str:
    """1 -> "A", 27 -> "AA" (openpyxl's get_column_letter)."""
    if not 1 <= number <= MAX_COLUMN:
        raise ValueError(f"Invalid column index {number}")
    return to_letters(number)


@lru_cache(maxsize=4096)
def column_number(letters: str) -> int:
    """"A" -> 1, "aa" -> 27 (openpyxl's column_index_from_string)."""
    upper = letters.upper()
    if not 0 < len(letters) <= 3 or any(letter not in LETTERS for letter in upper) or to_number(upper) > MAX_COLUMN:
        raise ValueError(f"'{letters}' is not a valid column name. Column names are from A to ZZZ")
    return to_number(upper)


def split_address(address: str) -> tuple[str, int]:
    """"B12" -> ("B", 12), "$b$12" -> ("b", 12) (openpyxl's coordinate_from_string)."""
    match = ADDRESS.match(address)
    if not match:
        raise ValueError(f"Invalid cell coordinates ({address})")
    row = int(match.group(2))
    if not row:
        raise ValueError(f"There is no row 0 ({address})")
    return match.group(1), row


def row_and_column(address: str) -> tuple[int, int]:
    """"B12" -> (12, 2), both 1-based."""
    letters, row = split_address(address)
    return row, column_number(letters)
