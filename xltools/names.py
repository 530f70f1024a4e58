"""File and sheet names made from project names, safe on Windows and in Excel."""

from __future__ import annotations

import re

from pathvalidate import is_valid_filename, sanitize_filename
from pathvalidate.handler import ReservedNameHandler

SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MAX_FILE_STEM = 100  # characters
MAX_FILE_BYTES = 240  # a name's bytes on disk: 255 on most file systems, less room for ".xlsx" and "(2)"
MAX_SHEET_NAME = 31


def file_stem(name: str) -> str:
    """A file name (without extension) that Windows accepts, by pathvalidate: its forbidden and
    control characters replaced, reserved device names (CON, COM1, COM¹…) prefixed with "_", no
    trailing dots or spaces, short enough in characters and in bytes."""
    stem = sanitize_filename(name.strip()[:MAX_FILE_STEM], replacement_text="_", platform="windows",
                             max_len=MAX_FILE_BYTES, reserved_name_handler=ReservedNameHandler.add_leading_underscore)
    stem = stem.strip().rstrip(". ")
    if not stem:
        return "未命名项目"
    if not is_valid_filename(f"{stem}.xlsx", platform="windows"):  # "AUX ." is AUX once the dot is gone
        stem = "_" + stem
    return stem


def sheet_name(name: str) -> str:
    cleaned = SHEET_FORBIDDEN.sub("_", name).strip().strip("'")
    return cleaned[:MAX_SHEET_NAME] or "未命名项目"


def unique(names: list[str], limit: int, taken: set[str] | None = None) -> list[str]:
    """Make names unique (case-insensitively, as Windows and Excel compare) by adding (2), (3)…"""
    seen = {t.casefold() for t in (taken or set())}
    result = []
    for name in names:
        candidate, n = name, 1
        while candidate.casefold() in seen:
            n += 1
            suffix = f"({n})"
            candidate = name[: limit - len(suffix)] + suffix
        seen.add(candidate.casefold())
        result.append(candidate)
    return result
