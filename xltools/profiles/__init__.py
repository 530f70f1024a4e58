"""Scoring profiles as data: one TOML file per region or reviewing system, read with ``tomllib``.

A profile sets the qualitative bands, the grade names and limits, the budget-execution weight and
method, the deviation penalty, the caps on the total, and which rules are on at which severity.
``national-2020`` is the root; every other profile ``extends`` it and writes only what differs,
each differing section naming its published source (``cite``), which the loader enforces.
The scoring functions, the Excel functions, the rendered templates and the checker all read these.

This module imports nothing else of xltools: the layers above it (scoring, rules, templates) read it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal

DEFAULT = "national-2020"
Bands = tuple[tuple[float, float], tuple[float, float], tuple[float, float]]
Tiers = tuple[tuple[float, float], ...]
SECTIONS = ("qualitative", "grades", "budget", "deviation", "caps", "rules")
SECTION_NAMES = {"qualitative": "定性指标分档", "grades": "等级", "budget": "预算执行计分", "deviation": "指标偏离减分",
                 "caps": "按执行率封顶", "rules": "规则开关与级别"}
TOP_KEYS = {"id", "name", "summary", "extends", "forms", "sources", *SECTIONS}
SEVERITIES = ("error", "warning", "info")


class ProfileError(Exception):
    """A profile file that breaks the schema (a packaging mistake, caught by the tests)."""


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    url: str
    quote: str
    note: str = ""


@dataclass(frozen=True)
class Grade:
    minimum: float
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Deviation:
    threshold: float  # completion at least target × (1 + threshold) is a deviation
    penalty: float    # points taken off the indicator's score


@dataclass(frozen=True)
class Cap:
    rate_below: float
    max_total: float


@dataclass(frozen=True)
class RuleTuning:
    """What a profile (or a settings file) says about one rule."""

    severity: str | None = None
    options: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    summary: str
    forms: tuple[str, ...]
    bands: Bands
    grades: tuple[Grade, ...]
    grade_floor: str
    budget_weight: float
    budget_method: Literal["proportional", "tiers"]
    budget_tiers: Tiers
    deviation: Deviation | None
    caps: tuple[Cap, ...]
    enable: frozenset[str]
    disable: frozenset[str]
    tuning: Mapping[str, RuleTuning]
    sources: tuple[Source, ...]
    cites: Mapping[str, tuple[str, ...]]  # section -> source keys
    changes: frozenset[str]               # sections whose values differ from national-2020

    # ---- what the scoring code asks -------------------------------------------------------

    @property
    def grade_bands(self) -> tuple[tuple[float, str], ...]:
        return tuple((g.minimum, g.name) for g in self.grades)

    def grade(self, total: float | None) -> str | None:
        if total is None:
            return None
        for g in self.grades:
            if total >= g.minimum:
                return g.name
        return self.grade_floor

    def grade_names(self, name: str) -> set[str]:
        """The ways of writing the grade ``name`` that count as that grade."""
        for g in self.grades:
            if g.name == name:
                return {g.name, *g.aliases}
        return {name}

    def cap(self, rate: float | None) -> float | None:
        """The highest total allowed at this execution rate, or None (no cap)."""
        if rate is None:
            return None
        limits = [c.max_total for c in self.caps if rate < c.rate_below - 1e-12]
        return min(limits) if limits else None

    def enabled(self, code: str, default_on: bool) -> bool:
        if code in self.disable:
            return False
        return default_on or code in self.enable

    def source(self, key: str) -> Source:
        return next(s for s in self.sources if s.key == key)

    def describe_bands(self) -> str:
        (a, _), (b, _), _ = self.bands
        return f"定性三档 100–{a * 100:g}–{b * 100:g}%"


# ---- loading ----------------------------------------------------------------------------------

def names() -> list[str]:
    """Every packaged profile id, national-2020 first."""
    return list(_names())


@cache
def _names() -> tuple[str, ...]:
    found = sorted(p.name[:-5] for p in resources.files(__package__).iterdir() if p.name.endswith(".toml"))
    return (DEFAULT, *(n for n in found if n != DEFAULT))


def exists(name: str) -> bool:
    return name in names()


@cache
def load(name: str = DEFAULT) -> Profile:
    if not exists(name):
        raise KeyError(name)
    return _build(name, _merged(name))


def for_form(form_id: str | None) -> Profile:
    """The profile a table of this form uses when none is chosen: the first whose ``forms`` name it."""
    for name in names():
        profile = load(name)
        if form_id is not None and form_id in profile.forms:
            return profile
    return load(DEFAULT)


def _raw(name: str) -> dict:
    text = resources.files(__package__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{name}.toml: {exc}") from None
    unknown = set(data) - TOP_KEYS
    if unknown:
        raise ProfileError(f"{name}.toml: unknown keys {sorted(unknown)}")
    if data.get("id") != name:
        raise ProfileError(f"{name}.toml: id must be {name!r}")
    return data


@cache
def _merged(name: str) -> tuple[dict, dict, frozenset[str]]:
    """(own file, values merged over its parents, sections that differ from the parent)."""
    own = _raw(name)
    parent_name = own.get("extends")
    if parent_name is None:
        if name != DEFAULT:
            raise ProfileError(f"{name}.toml: must extend {DEFAULT}")
        return own, {k: _values(own[k]) for k in SECTIONS if k in own}, frozenset()
    if not exists(parent_name):
        raise ProfileError(f"{name}.toml: extends unknown profile {parent_name!r}")
    _, parent, _ = _merged(parent_name)
    merged = {k: dict(v) for k, v in parent.items()}
    differs = set()
    for section in SECTIONS:
        if section not in own:
            continue
        values = _values(own[section])
        if section == "rules":
            base = merged.get("rules", {})
            new = {**base, **values,
                   "enable": sorted(set(base.get("enable", [])) | set(values.get("enable", []))),
                   "disable": sorted(set(base.get("disable", [])) | set(values.get("disable", [])))}
        else:
            new = {**merged.get(section, {}), **values}
        if new != merged.get(section, {}):
            differs.add(section)
        merged[section] = new
    return own, merged, frozenset(differs)


def _values(section: dict) -> dict:
    return {k: v for k, v in section.items() if k != "cite"}


def _build(name: str, parts: tuple[dict, dict, frozenset[str]]) -> Profile:
    own, merged, differs = parts
    sources = tuple(_source(name, s) for s in own.get("sources", []))
    keys = {s.key for s in sources}
    cites: dict[str, tuple[str, ...]] = {}
    for section in SECTIONS:
        cited = tuple(own.get(section, {}).get("cite", ()))
        unknown = [k for k in cited if k not in keys]
        if unknown:
            raise ProfileError(f"{name}.toml [{section}]: cites unknown sources {unknown}")
        if section in differs and not cited:
            raise ProfileError(f"{name}.toml [{section}]: differs from its parent but cites no source")
        cites[section] = cited
    q, g, b = merged["qualitative"], merged["grades"], merged["budget"]
    d, c, r = merged.get("deviation", {}), merged.get("caps", {}), merged.get("rules", {})
    bands = tuple((float(lo), float(hi)) for lo, hi in q["bands"])
    if len(bands) != 3 or not all(0 <= lo <= hi <= 1 for lo, hi in bands):
        raise ProfileError(f"{name}.toml [qualitative]: bands must be three [low, high] shares")
    grades = tuple(Grade(float(x["min"]), str(x["name"]), tuple(x.get("aliases", ()))) for x in g["levels"])
    if [x.minimum for x in grades] != sorted((x.minimum for x in grades), reverse=True):
        raise ProfileError(f"{name}.toml [grades]: levels must go from the highest down")
    method = b.get("method", "proportional")
    if method not in ("proportional", "tiers"):
        raise ProfileError(f"{name}.toml [budget]: method must be proportional or tiers")
    deviation = Deviation(float(d["threshold"]), float(d["penalty"])) if d.get("enabled") else None
    caps = tuple(Cap(float(x["rate_below"]), float(x["max_total"])) for x in c.get("levels", ()))
    tuning = {code: RuleTuning(v.get("severity"), {k: x for k, x in v.items() if k != "severity"})
              for code, v in r.items() if isinstance(v, dict)}
    for code, t in tuning.items():
        if t.severity is not None and t.severity not in SEVERITIES:
            raise ProfileError(f"{name}.toml [rules.{code}]: severity {t.severity!r}")
    root_changes = differs if own.get("extends") == DEFAULT or name == DEFAULT else _changes_from_root(name)
    return Profile(
        id=name, name=str(own["name"]), summary=str(own.get("summary", "")), forms=tuple(own.get("forms", ())),
        bands=bands,  # type: ignore[arg-type]
        grades=grades, grade_floor=str(g["floor"]), budget_weight=float(b["weight"]), budget_method=method,
        budget_tiers=tuple((float(lo), float(share)) for lo, share in b.get("tiers", ())), deviation=deviation,
        caps=caps, enable=frozenset(r.get("enable", ())), disable=frozenset(r.get("disable", ())), tuning=tuning,
        sources=sources, cites=cites, changes=frozenset(root_changes))


def _changes_from_root(name: str) -> frozenset[str]:
    _, mine, _ = _merged(name)
    _, root, _ = _merged(DEFAULT)
    return frozenset(s for s in SECTIONS if mine.get(s, {}) != root.get(s, {}))


def _source(name: str, data: dict) -> Source:
    try:
        source = Source(str(data["key"]), str(data["title"]), str(data.get("url", "")), str(data["quote"]),
                        str(data.get("note", "")))
    except KeyError as exc:
        raise ProfileError(f"{name}.toml [[sources]]: missing {exc}") from None
    if not source.url and not source.note:
        raise ProfileError(f"{name}.toml [[sources]] {source.key}: without a URL the note must say where it is")
    return source
