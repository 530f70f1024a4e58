"""A corpus of real published forms, transcribed as published, with their own slips listed by hand.

Each module of this package is one form that a unit published (a page in the stored public
pages, or one of the project's seed documents), typed into sheets cell by cell the way the page
shows it, slips included. A module holds:

- ``SOURCE``: (address, title) of the published page; ``PROVINCE``, ``YEAR``, ``KIND``
  (project / department / final_accounts / shenzhen), ``LAYOUT``: the real-world variations the
  form shows (in English, for the corpus table).
- ``SHEETS``: ``[(sheet name, rows, merges)]``. Rows are lists of cell values exactly as
  printed. A string that reads as a plain number or percentage ("2,911.47", "-7.03%", "0") is
  written as a number with a matching number format, the way a spreadsheet stores what a user
  typed; ``T("100.00%")`` keeps such a value as text where the published form evidently stores
  it as text (system exports). Every other string is text.
- ``SLIPS``: ``[(sheet, cell, rule, severity, explanation)]``, the slips the published form
  really contains, found by reading it and by hand arithmetic, never by running the checker.
  ``rule`` may name alternatives ("SE11|SZ07") where two rule codes describe the same slip.
  A difference of exactly one unit in the last decimal is a rounding "warning", more an "error".
- ``UNSURE``: ``[(sheet, cell, highest severity, explanation)]``, the few cells where careful
  readers differ (a criterion that can be read two ways, an unfilled form the rules may treat as
  either unfilled or blank); a finding there up to that severity is neither a found slip nor a
  false alarm, a finding above it is a false alarm.

``build(module, path)`` writes a module's workbook; ``score(module, report)`` compares a
checker report with the hand-made list. Both the test and ``bench/real_forms.py`` use them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from openpyxl import Workbook
from openpyxl.utils.cell import coordinate_from_string, column_index_from_string, range_boundaries

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")
PERCENT = re.compile(r"^-?(?:\d+)(?:\.(\d+))?%$")


class T(str):
    """A number the published form stores as text ("100.00%" exported by an online system)."""


def cell_value(value: object) -> tuple[object, str | None]:
    """What a spreadsheet holds for a printed value, and the number format that shows it as printed."""
    if not isinstance(value, str) or isinstance(value, T):
        return (str(value) if isinstance(value, T) else value), None
    m = NUMBER.match(value)
    if m:
        number = float(value.replace(",", ""))
        decimals = len(m.group(1) or "")
        thousands = "#,##0" if "," in value else "0"
        fmt = thousands + ("." + "0" * decimals if decimals else "")
        return (int(number) if number.is_integer() and not decimals else number), fmt
    m = PERCENT.match(value)
    if m:
        decimals = len(m.group(1) or "")
        return round(float(value[:-1]) / 100, decimals + 2), "0" + ("." + "0" * decimals if decimals else "") + "%"
    return (value if value != "" else None), None


def build(module: ModuleType, path: Path) -> Path:
    """Write the module's form as an .xlsx workbook (values only, merges applied)."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows, merges in module.SHEETS:
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, raw in enumerate(row, start=1):
                value, fmt = cell_value(raw)
                if value is None:
                    continue
                cell = ws.cell(row=r, column=c, value=value)
                if fmt and fmt != "0":
                    cell.number_format = fmt
        for merge in merges:
            ws.merge_cells(merge)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _covers(where: str, cell: str) -> bool:
    """Whether a finding's cell ("B7" or a range "F12:F20") covers a listed cell."""
    if ":" not in where:
        return where == cell
    min_col, min_row, max_col, max_row = range_boundaries(where)
    letters, row = coordinate_from_string(cell)
    col = column_index_from_string(letters)
    return min_col <= col <= max_col and min_row <= row <= max_row


@dataclass
class Score:
    """How one checker report compares with a form's hand-made slip list."""

    name: str
    tables: int
    unrecognised: bool
    found: list[tuple] = field(default_factory=list)  # listed slips the checker reported
    missed: list[tuple] = field(default_factory=list)  # listed slips it did not report
    false_alarms: list = field(default_factory=list)  # warning/error findings on cells not listed
    unsure: list = field(default_factory=list)  # findings on UNSURE cells within their bound
    elsewhere: dict = field(default_factory=dict)  # missed slip -> what was reported at its cell instead
    error: str | None = None

    @property
    def passed(self) -> bool:
        return (self.error is None and self.tables > 0 and not self.unrecognised and not self.missed
                and not self.false_alarms)


def score(module: ModuleType, report) -> Score:
    """Compare a FileReport with the module's SLIPS and UNSURE lists."""
    findings = list(report.findings)
    result = Score(module.__name__.rsplit(".", 1)[-1], len(report.tables),
                   any(f.rule == "XT001" for f in findings), error=report.error)
    for slip in module.SLIPS:
        sheet, cell, rules, severity, _ = slip
        hit = any(f.sheet == sheet and _covers(f.cell, cell) and f.rule in rules.split("|")
                  and f.severity == severity for f in findings)
        (result.found if hit else result.missed).append(slip)
        if not hit:
            result.elsewhere[slip] = [f"{f.rule} {f.severity}" for f in findings
                                      if f.sheet == sheet and _covers(f.cell, cell)]
    for f in findings:
        if f.severity not in ("warning", "error") or f.rule == "XT001":
            continue
        if any(f.sheet == s[0] and _covers(f.cell, s[1]) for s in module.SLIPS):
            continue
        bounds = [u for u in module.UNSURE if f.sheet == u[0] and _covers(f.cell, u[1])]
        if bounds and SEVERITY_RANK[f.severity] <= max(SEVERITY_RANK[u[2]] for u in bounds):
            result.unsure.append(f)
            continue
        result.false_alarms.append(f)
    return result


def describe(result: Score) -> str:
    """A readable account of a comparison: what was expected, found, missed and wrongly flagged."""
    lines = [f"{result.name}: tables {result.tables}, slips found {len(result.found)}/"
             f"{len(result.found) + len(result.missed)}, false alarms {len(result.false_alarms)}"]
    if result.error:
        lines.append(f"  read error: {result.error}")
    if result.unrecognised:
        lines.append("  XT001: no table recognised")
    for slip in result.missed:
        sheet, cell, rule, severity, why = slip
        instead = result.elsewhere.get(slip)
        note = f" [reported there: {', '.join(instead)}]" if instead else ""
        lines.append(f"  missed   {sheet}!{cell} {rule} {severity}{note}: {why}")
    for f in result.false_alarms:
        lines.append(f"  false    {f.sheet}!{f.cell} {f.rule} {f.severity}: {f.message}")
    for sheet, cell, rule, severity, _ in result.found:
        lines.append(f"  found    {sheet}!{cell} {rule} {severity}")
    return "\n".join(lines)


# The forms import T from this package, so they are imported once it is defined.
from tests.real_forms import (  # noqa: E402
    anhui_2021_three_public_duji,
    anhui_2021_three_public_luan,
    anhui_2022_project_tianchang_flood,
    chongqing_2020_three_public_district,
    guangxi_2015_three_public_guilin,
    hunan_2020_department_nanyue,
    shandong_2022_project_severe_mental,
    shandong_2022_project_xincheng,
    shandong_2022_project_mental_prevention,
    shanghai_2017_three_public_jiading,
    shenzhen_2019_informatization,
    shenzhen_2019_rehab_aids,
    shenzhen_2019_rehab_employment,
    shenzhen_2019_rights,
    sichuan_2023_project_qingshen,
    yunnan_2016_three_public_shidian,
)

FORMS: list[ModuleType] = [
    sichuan_2023_project_qingshen,
    anhui_2022_project_tianchang_flood,
    shandong_2022_project_severe_mental,
    shandong_2022_project_xincheng,
    shandong_2022_project_mental_prevention,
    hunan_2020_department_nanyue,
    shenzhen_2019_rehab_employment,
    shenzhen_2019_rights,
    shenzhen_2019_informatization,
    shenzhen_2019_rehab_aids,
    yunnan_2016_three_public_shidian,
    shanghai_2017_three_public_jiading,
    chongqing_2020_three_public_district,
    anhui_2021_three_public_duji,
    anhui_2021_three_public_luan,
    guangxi_2015_three_public_guilin,
]
