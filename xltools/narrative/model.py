"""What a written report says: paragraphs, sentences, and the claims found in them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Verdict = Literal["met", "partial", "missed"]
Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Paragraph:
    index: int          # 1-based: position among the .docx body paragraphs (empty ones count) or .txt line
    text: str
    note: bool = False  # a note xltools wrote into a draft (the error list): never checked


@dataclass
class ReportText:
    path: Path
    kind: Literal["docx", "txt"]
    paragraphs: list[Paragraph]

    def before(self, index: int) -> Paragraph | None:
        """The nearest non-empty paragraph before paragraph ``index``."""
        for p in reversed(self.paragraphs[: index - 1]):
            if p.text.strip():
                return p
        return None


@dataclass(frozen=True)
class Sentence:
    paragraph: int  # 1-based paragraph index
    start: int      # offset of the sentence in the paragraph text
    text: str


@dataclass(frozen=True)
class Figure:
    """A number stated in the text with its unit, as written."""

    text: str        # "374.26万元", "95.85%", "7人"
    value: float     # the number as written (95.85 for "95.85%")
    unit: str        # "万元", "%", "人", "分", ""
    decimals: int    # decimals written
    base: float      # in the unit's base (万元 → 元 applied), from xltools.values

    @property
    def wan(self) -> float | None:
        """An amount in 万元, or None if it is not an amount."""
        factors = {"万元": 1.0, "元": 1e-4, "亿元": 1e4, "千元": 0.1}
        return self.value * factors[self.unit] if self.unit in factors else None


@dataclass(frozen=True)
class IndicatorClaim:
    where: Sentence
    name: str
    target: str
    actual: str
    verdict: Verdict | None
    verdict_text: str = ""
    weight: Figure | None = None
    score: Figure | None = None


@dataclass(frozen=True)
class BudgetFigure:
    where: Sentence
    key: Literal["init", "budget", "spent", "unspent", "rate", "score"]
    label: str        # the words that introduced the figure ("全年预算数", "支付资金")
    figure: Figure
    specific: bool    # introduced by a label of the forms themselves (全年预算数, 全年执行数, 执行率 …)


@dataclass(frozen=True)
class PartsClaim:
    """"合计 7 人，其中：A 4 人，B 0 人，C 4 人" — a total and the parts listed after 其中."""

    where: Sentence
    label: str
    total: Figure
    parts: tuple[tuple[str, Figure], ...]


@dataclass(frozen=True)
class TotalClaim:
    where: Sentence
    label: str
    score: Figure


@dataclass(frozen=True)
class GradeClaim:
    where: Sentence
    grade: str


@dataclass
class Claims:
    indicators: list[IndicatorClaim] = field(default_factory=list)
    budget: list[BudgetFigure] = field(default_factory=list)
    parts: list[PartsClaim] = field(default_factory=list)
    totals: list[TotalClaim] = field(default_factory=list)
    grades: list[GradeClaim] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.indicators) + len(self.budget) + len(self.parts) + len(self.totals) + len(self.grades)


@dataclass(frozen=True)
class ReportFinding:
    rule: str
    severity: Severity
    message: str
    paragraph: int | None = None
    quote: str | None = None
    start: int | None = None   # offset of the quote in its paragraph (for marking)
    expected: float | str | None = None
    actual: float | str | None = None

    def as_dict(self) -> dict:
        """The finding in the JSON contract of ``xltools check`` plus paragraph and quote."""
        return {"rule": self.rule, "severity": self.severity, "sheet": None, "cell": None,
                "message": self.message, "expected": self.expected, "actual": self.actual,
                "paragraph": self.paragraph, "quote": self.quote}


@dataclass
class ReportCheck:
    path: Path
    findings: list[ReportFinding]
    forms_path: Path | None = None
    form_name: str | None = None      # the project / unit whose tables the report was compared with
    form_errors: int = 0              # error findings of the checker on that form's sheet
    claims: int = 0
    note: str | None = None           # said instead of a result when nothing in the report could be checked

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)

    @property
    def infos(self) -> int:
        return sum(f.severity == "info" for f in self.findings)
