"""Place a sheet spec on a grid and resolve formula placeholders to addresses."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from xltools.forms.spec import Cell, Sheet

PLACEHOLDER = re.compile(r"\{(?:([^{}!]+)!)?(@?[\w.#]+)\}")


@dataclass(frozen=True)
class Placed:
    cell: Cell
    row: int
    col: int
    row_name: str
    boxed: bool

    @property
    def address(self) -> str:
        return f"{get_column_letter(self.col)}{self.row}"

    @property
    def last_row(self) -> int:
        return self.row + self.cell.vspan - 1

    @property
    def last_col(self) -> int:
        return self.col + self.cell.span - 1


@dataclass
class Layout:
    """Where each cell of a sheet spec landed, and the address of every logical name."""

    sheet: Sheet
    placed: list[Placed] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    row_numbers: dict[str, int] = field(default_factory=dict)

    def address(self, name: str) -> str:
        try:
            return self.names[name]
        except KeyError:
            raise KeyError(f"{self.sheet.title}: no cell named {name!r}") from None


def place(sheet: Sheet) -> Layout:
    layout = Layout(sheet)
    occupied: set[tuple[int, int]] = set()
    group_cells: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for r, row in enumerate(sheet.rows, start=1):
        if row.name in layout.row_numbers:
            raise ValueError(f"{sheet.title}: row name {row.name!r} used twice")
        layout.row_numbers[row.name] = r
        c = 1
        for cell in row.cells:
            while (r, c) in occupied:
                c += 1
            placed = Placed(cell, r, c, row.name, row.boxed)
            layout.placed.append(placed)
            for rr in range(r, placed.last_row + 1):
                for cc in range(c, placed.last_col + 1):
                    occupied.add((rr, cc))
            if cell.key:
                layout.names[f"{row.name}.{cell.key}"] = placed.address
                for group in row.groups:
                    group_cells.setdefault(group, {}).setdefault(cell.key, []).append((r, c))
            c = placed.last_col + 1
    for group, by_key in group_cells.items():
        for key, cells in by_key.items():
            layout.names[f"{group}.{key}"] = _ranges(cells)
    return layout


def _ranges(cells: list[tuple[int, int]]) -> str:
    """Cells of one column as comma-joined contiguous ranges ("G12:G15,G18")."""
    parts: list[str] = []
    by_col: dict[int, list[int]] = {}
    for r, c in cells:
        by_col.setdefault(c, []).append(r)
    for c, rows in sorted(by_col.items()):
        rows.sort()
        start = prev = rows[0]
        for r in [*rows[1:], None]:
            if r is not None and r == prev + 1:
                prev = r
                continue
            letter = get_column_letter(c)
            parts.append(f"{letter}{start}" if start == prev else f"{letter}{start}:{letter}{prev}")
            if r is not None:
                start = prev = r
    return ",".join(parts)


def resolve(template: str, layout: Layout, row_name: str, others: Mapping[str, Layout]) -> str:
    """Replace ``{name}``, ``{@key}`` and ``{Sheet!name}`` by cell addresses."""

    def substitute(match: re.Match[str]) -> str:
        sheet_name, name = match.group(1), match.group(2)
        if name.startswith("@"):
            name = f"{row_name}.{name[1:]}"
        if sheet_name is None:
            return layout.address(name)
        target = others[sheet_name]
        quoted = "'" + sheet_name.replace("'", "''") + "'"
        return ",".join(f"{quoted}!{part}" for part in target.address(name).split(","))

    return PLACEHOLDER.sub(substitute, template)


def cell_value(placed: Placed, layout: Layout, others: Mapping[str, Layout]) -> object:
    """What a placed cell holds when written: its formula ("=…", addresses resolved) or its text."""
    if placed.cell.formula:
        return "=" + resolve(placed.cell.formula, layout, placed.row_name, others)
    return placed.cell.text
