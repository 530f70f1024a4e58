"""Find the official tables (F1–F5) in any workbook, by their labels and the synonyms real forms use."""

from __future__ import annotations

from pathlib import Path

from xltools.forms import TABLE_SPECS
from xltools.recognize.final_accounts import compiler, recognize_final_accounts
from xltools.recognize.grid import Grid, Vocabulary, find_headers
from xltools.recognize.model import (CodeTable, EconomicTable, LineTable, Recognized, SummaryRow, SummaryTable,
                                     TableRef, ThreePublicTable)
from xltools.recognize.self_eval import recognize_self_eval
from xltools.recognize.shenzhen import is_shenzhen, recognize_shenzhen
from xltools.workbook.read import BookData

SUMMARY = TABLE_SPECS["F5.summary"]
SUMMARY_VOCABULARY = Vocabulary(SUMMARY.column_labels)  # label words normalised once, at import


def recognize(book: BookData) -> Recognized:
    found = Recognized(source=book.path if isinstance(book.path, Path) else None,
                       package=getattr(book, "package", None))
    for sheet in book.sheets:
        grid = Grid(sheet)
        if grid.height == 0:
            continue
        table = recognize_final_accounts(grid)
        if table is not None:
            table.compiler = compiler(grid)
            _add_final(found, table)
            continue
        summary = recognize_summary(grid)
        if summary is not None:
            found.summaries.append(summary)
            continue
        shenzhen = recognize_shenzhen(grid)
        if shenzhen is not None and is_shenzhen(shenzhen):
            found.shenzhen.append(shenzhen)
            continue
        # a score table alone (a national form with a 评分标准 column, a department scoring sheet)
        # is checked as a self-evaluation table with the generic rules
        found.self_eval += recognize_self_eval(grid, with_criteria=shenzhen is not None)
    return found


def _add_final(found: Recognized, table) -> None:
    if isinstance(table, CodeTable):
        found.code_tables.append(table)
    elif isinstance(table, LineTable):
        found.line_tables.append(table)
    elif isinstance(table, EconomicTable):
        found.economic.append(table)
    elif isinstance(table, ThreePublicTable):
        found.three_public.append(table)


def recognize_summary(grid: Grid) -> SummaryTable | None:
    headers = find_headers(grid, SUMMARY_VOCABULARY, set(SUMMARY.required), 3)
    headers = [(r, cols) for r, cols in headers if "no" in cols or "grade" in cols]
    if not headers:
        return None
    r, cols = headers[0]
    rows: list[SummaryRow] = []
    average = None
    last = r
    for rr in range(r + 1, grid.height):
        if grid.blank_row(rr):
            break
        cells = {k: grid.cell(rr, c) for k, c in cols.items()}
        row = SummaryRow(cells["name"], cells.get("budget"), cells.get("score"), cells.get("grade"))
        if grid.row_has(rr, "合计", "加权平均", "平均"):
            average = row
        elif not cells["name"].empty:
            rows.append(row)
        last = rr
    return SummaryTable(grid.name, rows, average, TableRef(grid.name, SUMMARY.kind, r, min(cols.values()), last,
                                                           max(cols.values())))
