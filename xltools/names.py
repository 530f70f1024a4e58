"""File and sheet names made from project names, safe on Windows and in Excel."""

from __future__ import annotations

import re

WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                    *(f"LPT{i}" for i in range(1, 10))}
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MAX_FILE_STEM = 100
MAX_SHEET_NAME = 31


def file_stem(name: str) -> str:
    stem = WINDOWS_FORBIDDEN.sub("_", name).strip().rstrip(". ")[:MAX_FILE_STEM].rstrip(". ")
    if not stem:
        stem = "未命名项目"
    if stem.split(".")[0].upper() in WINDOWS_RESERVED:
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
