"""Rule registry, findings, and the rounding comparison every arithmetic rule uses."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from xltools.recognize.grid import CellRef
from xltools.recognize.model import Recognized

Severity = Literal["error", "warning", "info"]
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
EPS = 1e-9


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    sheet: str
    cell: str
    message: str
    expected: float | str | None = None
    actual: float | str | None = None

    def as_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "sheet": self.sheet, "cell": self.cell,
                "message": self.message, "expected": self.expected, "actual": self.actual}


Check = Callable[["RuleContext", Recognized], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    severity: Severity
    applies_to: str  # which forms, in Chinese
    doc: str  # what it checks / why it matters / example, in Chinese
    check: Check
    late: bool = False  # runs after the others (reads what they noted in the shared state)


REGISTRY: dict[str, Rule] = {}


def rule(code: str, title: str, severity: Severity, applies_to: str, doc: str,
         late: bool = False) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        if code in REGISTRY:
            raise ValueError(f"duplicate rule code {code}")
        REGISTRY[code] = Rule(code, title, severity, applies_to, doc.strip(), check, late)
        return check

    return register


class RuleContext:
    """Builds findings for one rule, with its code and default severity."""

    def __init__(self, rule: Rule, state: dict | None = None) -> None:
        self.rule = rule
        self.state = state if state is not None else {}  # shared by the rules of one run

    def at(self, cell: CellRef, message: str, expected: object = None, actual: object = None,
           severity: Severity | None = None, span: CellRef | None = None) -> Finding:
        where = cell.address if span is None or span.address == cell.address else f"{cell.address}:{span.address}"
        return Finding(self.rule.code, severity or self.rule.severity, cell.sheet, where, message,
                       _plain(expected), _plain(actual))

    def mismatch(self, cell: CellRef, expected: float, what: str, decimals: int | None = 2,
                 how: str = "", parts: Sequence[CellRef] = ()) -> Iterator[Finding]:
        """A computed figure that should equal ``expected``: an error, or a rounding warning within one
        unit of the last displayed decimal (whatever the rule). ``parts`` are the cells summed into
        ``expected``: when the figure leaves out exactly the numbers stored as text among them, the
        message says so and those cells are remembered for CV01."""
        actual = cell.number
        if actual is None:
            return
        if decimals is None:  # amounts: the precision the figures are shown with (whole 万元 on some forms)
            decimals = min(2, max(c.decimals for c in (cell, *parts)))
        verdict = compare(actual, expected, decimals)
        if verdict == "ok":
            return
        fmt = f"{{:,.{decimals}f}}"
        detail = f"{what} {fmt.format(actual)}，应为 {fmt.format(expected)}" + (f"（{how}）" if how else "")
        skipped = [p for p in parts if p.is_text_number]
        if skipped and compare(actual, expected - sum(p.number or 0 for p in skipped), decimals) == "ok":
            self.state.setdefault("skipped_text", []).extend(skipped)
            detail += f"；合计没有计入以文本形式存储的数字（{'、'.join(p.address for p in skipped)}）"
        if verdict == "rounding":
            yield self.at(cell, f"{detail}；相差一个尾数单位，可能是尾数误差", round(expected, decimals), actual,
                          "warning")
        else:
            yield self.at(cell, detail, round(expected, decimals), actual)


def compare(actual: float, expected: float, decimals: int) -> Literal["ok", "rounding", "error"]:
    unit = 10 ** -decimals
    if abs(round(actual, decimals) - round(expected, decimals)) < unit / 2:
        return "ok"
    if abs(actual - expected) <= unit + EPS:
        return "rounding"
    return "error"


def _plain(value: object) -> float | str | None:
    if value is None or isinstance(value, (str, float)):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return float(value)
    return str(value)


def run_rules(found: Recognized, codes: Iterable[str] | None = None) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[tuple[str, str, str, str]] = set()
    state: dict = {}
    selected = list(codes or REGISTRY)
    for code in [c for c in selected if not REGISTRY[c].late] + [c for c in selected if REGISTRY[c].late]:
        rule_ = REGISTRY[code]
        for finding in rule_.check(RuleContext(rule_, state), found):
            key = (finding.rule, finding.sheet, finding.cell, finding.message)
            if key not in seen:
                seen.add(key)
                findings.append(finding)
    return findings
