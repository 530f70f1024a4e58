"""Limits on what one workbook may make the checker do: bytes to inflate, cells to hold, text to scan.

The defaults let an honest 决算 workbook of 100,000 rows through and stop a zip bomb, a sheet
of a million rows or a 300-byte file whose two cells span the whole grid (python-calamine
allocates a sheet's used range as one dense block) before anything large is allocated.
They are settable under ``[limits]`` in the settings file, key = field name
(``Limits.from_mapping``); ``use()`` makes a set the default for ``read_book``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from xltools.errors import UserError

MB = 1024 * 1024


@dataclass(frozen=True)
class LimitInfo:
    what: str  # Chinese name of the quantity, as shown in messages and the README
    unit: str


@dataclass(frozen=True)
class Limits:
    max_file_mb: int = 200
    max_part_mb: int = 256
    max_total_mb: int = 512
    max_ratio: int = 200
    max_parts: int = 10_000
    max_sheets: int = 1_000
    max_rows: int = 200_000
    max_columns: int = 1_024
    max_cells: int = 5_000_000
    max_merged: int = 100_000
    max_text_chars: int = 32_767
    max_formulas_evaluated: int = 10_000
    max_evaluate_seconds: int = 120
    max_evaluate_mb: int = 1_024

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, object]) -> Limits:
        """Limits from a settings table such as ``[limits]``; unknown keys and bad values are refused."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(mapping) - known)
        if unknown:
            raise UserError(f"设置文件 [limits] 中有未知的限制项：{'、'.join(unknown)}（可用：{'、'.join(sorted(known))}）")
        values: dict[str, int] = {}
        for key, value in mapping.items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise UserError(f"设置文件 [limits] 中 {key} 的值应为正整数，现为 {value!r}")
            values[key] = value
        return replace(cls(), **values)

    def message(self, key: str, actual: str) -> str:
        """A Chinese sentence naming the limit, its value and how to raise it."""
        info = INFO[key]
        return (f"{actual}，超过{info.what}上限 {getattr(self, key):,}{info.unit}（限制项 {key}；"
                f"确属正常的大文件，可在设置文件的 [limits] 中调高）")


INFO: dict[str, LimitInfo] = {
    "max_file_mb": LimitInfo("文件大小", " MB"),
    "max_part_mb": LimitInfo("单个部件解压后大小", " MB"),
    "max_total_mb": LimitInfo("全部部件解压后总大小", " MB"),
    "max_ratio": LimitInfo("压缩比（解压后大小 ÷ 压缩后大小，对 1 MB 以上的部件）", " 倍"),
    "max_parts": LimitInfo("压缩包内部件数", " 个"),
    "max_sheets": LimitInfo("工作表数", " 个"),
    "max_rows": LimitInfo("每个工作表的行数", " 行"),
    "max_columns": LimitInfo("每个工作表的列数", " 列"),
    "max_cells": LimitInfo("单元格区域（各工作表已用区域 行数×列数 之和）", " 个"),
    "max_merged": LimitInfo("每个工作表的合并区域数", " 个"),
    "max_text_chars": LimitInfo("单元格文字长度", " 字"),
    "max_formulas_evaluated": LimitInfo("代为计算的公式数（仅对公式未保存计算结果的文件）", " 个"),
    "max_evaluate_seconds": LimitInfo("代为计算公式的时间", " 秒"),
    "max_evaluate_mb": LimitInfo("代为计算公式时的内存（地址空间）", " MB"),
}

_default = Limits()


def current() -> Limits:
    """The limits ``read_book`` uses when given none."""
    return _default


def use(limits: Limits) -> None:
    """Make ``limits`` the default for this process (the settings file calls this)."""
    global _default
    _default = limits
