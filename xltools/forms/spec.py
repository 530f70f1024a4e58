"""The vocabulary every form spec is written in.

A form is a sequence of rows; a row is a sequence of cells placed left to right.
Cells carry their role (label / input / computed), a logical key, and for
computed cells a formula template whose ``{names}`` the renderer resolves to
cell addresses once the layout is known. The same labels (with the synonyms
real forms use) later teach the checker how to recognise the tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Role = Literal["title", "note", "header", "label", "input", "computed"]
Fmt = Literal["money", "rate", "score", "points", "percent_number", "int", "text"]


@dataclass(frozen=True)
class Label:
    """A label as printed on the official form, plus what real forms write instead."""

    text: str
    synonyms: tuple[str, ...] = ()

    def all_texts(self) -> tuple[str, ...]:
        return (self.text, *self.synonyms)


@dataclass(frozen=True)
class Check:
    """A conditional-format rule: the cell turns red when ``formula`` is true."""

    formula: str
    message: str


@dataclass(frozen=True)
class Validation:
    """Data validation on an input cell (openpyxl DataValidation arguments)."""

    kind: Literal["decimal", "list", "custom"]
    operator: str | None = None
    formula1: str | None = None
    formula2: str | None = None
    prompt: str = ""
    error: str = ""


@dataclass(frozen=True)
class Cell:
    role: Role = "label"
    text: str | float | None = None
    key: str | None = None
    formula: str | None = None
    span: int = 1
    vspan: int = 1
    fmt: Fmt | None = None
    checks: tuple[Check, ...] = ()
    validation: Validation | None = None
    synonyms: tuple[str, ...] = ()
    align: Literal["left", "center", "right"] | None = None


@dataclass(frozen=True)
class Row:
    name: str
    cells: tuple[Cell, ...]
    groups: tuple[str, ...] = ()
    height: float | None = None
    boxed: bool = True


@dataclass(frozen=True)
class TableSpec:
    """One table of a form as the recognizer reads it: its id, its columns as keys with their
    labels and real-world synonyms, the keys a header must have, its row names and stop labels."""

    kind: str                                   # one id used everywhere: "F1.budget"
    columns: tuple[Label, ...]
    keys: tuple[str, ...] = ()                  # a key per column, in the same order
    required: tuple[str, ...] = ()
    title: str = ""                             # Chinese name shown to users
    rows: tuple[tuple[str, Label], ...] = ()    # row key -> row name with synonyms
    stop: tuple[str, ...] = ()                  # labels that end the table

    @property
    def column_labels(self) -> dict[str, Label]:
        return dict(zip(self.keys, self.columns, strict=True))


@dataclass(frozen=True)
class Sheet:
    title: str
    widths: tuple[float, ...]
    rows: tuple[Row, ...]
    landscape: bool = False
    repeat_rows: tuple[str, str] | None = None
    freeze: tuple[str, int] | None = None  # freeze below this row, right of this many columns
    tables: tuple[TableSpec, ...] = field(default=())


# ---- small constructors that keep the form modules readable -------------------------

def title(text: str, span: int) -> Row:
    return Row("title", (Cell("title", text, span=span),), height=30, boxed=False)


def note(name: str, text: str, span: int, align: Literal["left", "right"] = "left",
         height: float | None = None) -> Row:
    return Row(name, (Cell("note", text, span=span, align=align),), height=height, boxed=False)


def hdr(label: Label | str, span: int = 1, vspan: int = 1) -> Cell:
    lab = label if isinstance(label, Label) else Label(label)
    return Cell("header", lab.text, span=span, vspan=vspan, synonyms=lab.synonyms)


def lab(text: str, span: int = 1, vspan: int = 1, align: Literal["left", "center", "right"] | None = None) -> Cell:
    return Cell("label", text, span=span, vspan=vspan, align=align)


def inp(key: str, fmt: Fmt | None = None, span: int = 1, vspan: int = 1, value: str | float | None = None,
        validation: Validation | None = None, checks: tuple[Check, ...] = ()) -> Cell:
    return Cell("input", value, key=key, fmt=fmt, span=span, vspan=vspan,
                validation=validation, checks=checks)


def calc(key: str, formula: str, fmt: Fmt | None = None, span: int = 1,
         checks: tuple[Check, ...] = ()) -> Cell:
    return Cell("computed", None, key=key, formula=formula, fmt=fmt, span=span, checks=checks)
