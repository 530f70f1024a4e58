"""Compare what the checker reported on a generated workbook with what was planted in it.

A planted finding is *found* when the checker reports its rule on one of its cells at the planted
severity; reported there at another severity it counts as *wrong severity* (a miss for recall).
A *false alarm* is a warning or error on a cell where nothing was planted; one on a planted cell
under another rule is listed apart (*other rule at a slip cell*): the cell is right, the rule is
not the planted one. Info findings are never false alarms.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.corpus.canvas import Book, Expect


@dataclass(frozen=True)
class Reported:
    rule: str
    severity: str
    sheet: str
    cell: str
    message: str


@dataclass
class Outcome:
    book: Book
    found: list[Expect] = field(default_factory=list)
    missed: list[Expect] = field(default_factory=list)
    wrong_severity: list[tuple[Expect, Reported]] = field(default_factory=list)
    false_alarms: list[Reported] = field(default_factory=list)
    other_rule: list[Reported] = field(default_factory=list)  # a warning/error on a slip's cell, another rule
    recognized: bool = True
    error: str | None = None

    @property
    def clean(self) -> bool:
        return not (self.missed or self.wrong_severity or self.false_alarms or self.other_rule or self.error)

    def explain(self) -> str:
        """Readable lines for a failing test or a bench listing."""
        lines = [(f"{self.book.name} ({self.book.form}; variations: {', '.join(self.book.variations) or '-'}; "
                 f"slip: {self.book.slip or '-'})")]
        if self.error:
            lines.append(f"  unreadable: {self.error}")
        if not self.recognized:
            lines.append("  no table recognised")
        for exp in self.missed:
            lines.append(f"  MISSED {exp.rule} {exp.severity} {exp.sheet}!{'/'.join(exp.cells or ('*',))}: {exp.what}")
        for exp, got in self.wrong_severity:
            lines.append(f"  WRONG SEVERITY {exp.rule} at {got.sheet}!{got.cell}: planted {exp.severity}, "
                         f"reported {got.severity}: {got.message}")
        for got in self.false_alarms:
            lines.append(f"  FALSE ALARM {got.rule} {got.severity} {got.sheet}!{got.cell}: {got.message}")
        for got in self.other_rule:
            lines.append(f"  OTHER RULE AT THE SLIP'S CELL {got.rule} {got.severity} {got.sheet}!{got.cell}: {got.message}")
        return "\n".join(lines)


def compare(book: Book, findings: list[Reported], recognized: bool, error: str | None = None) -> Outcome:
    out = Outcome(book, recognized=recognized, error=error)
    explained: set[int] = set()
    for exp in book.expected:
        hits = [(i, f) for i, f in enumerate(findings) if exp.matches(f.rule, f.sheet, f.cell)]
        right = [(i, f) for i, f in hits if f.severity == exp.severity]
        explained |= {i for i, _ in hits}
        if right:
            out.found.append(exp)
        elif hits:
            out.wrong_severity.append((exp, hits[0][1]))
        else:
            out.missed.append(exp)
    for exp in book.allowed:
        explained |= {i for i, f in enumerate(findings) if exp.matches(f.rule, f.sheet, f.cell)}
    slip_cells = {(e.sheet, c) for e in book.expected for c in (e.cells or ())}
    for i, f in enumerate(findings):
        if i in explained or f.severity not in ("warning", "error"):
            continue
        if (f.sheet, f.cell.split(":")[0]) in slip_cells:
            out.other_rule.append(f)
        else:
            out.false_alarms.append(f)
    return out


def check(book: Book, path) -> Outcome:
    """Run the checker on a written workbook and compare."""
    from xltools.check import check_file

    report = check_file(path)
    findings = [Reported(f.rule, f.severity, f.sheet, f.cell, f.message) for f in report.findings]
    return compare(book, findings, bool(report.tables), report.error)
