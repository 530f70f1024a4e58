"""Rule registry, findings, and the rounding comparison every arithmetic rule uses."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from operator import is_
from typing import Literal

from xltools import profiles
from xltools.profiles import Profile, RuleTuning
from xltools.recognize.grid import CellRef
from xltools.recognize.model import (
    Recognized,
    SelfEvalForm,
    ShenzhenForm,
    SummaryTable,
    TableRef,
)

Severity = Literal["error", "warning", "info"]
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
EPS = 1e-9

# The form ids rules declare (``forms=``): the recogniser's self-evaluation ids (SelfEvalForm.form),
# F3 for Shenzhen, F4 for final accounts, F5 for summaries; "*" for any workbook.
FORM_IDS = {"F1": "项目支出绩效自评表（全国格式）", "F2-hubei": "部门整体绩效自评表（湖北格式）",
            "F2-hunan": "部门整体支出绩效自评表（湖南格式）", "scored": "其他带分值、得分栏的指标表",
            "F3": "项目绩效情况自评表（深圳格式）", "F4": "部门决算公开表", "F5": "项目支出绩效自评情况汇总表",
            "*": "任何工作簿"}
SELF_EVAL_FORMS = ("F1", "F2-hubei", "F2-hunan", "scored")
# What of a profile a rule may read (``uses=``), so ``xltools rules CODE`` can name the profiles that change it.
PROFILE_PARTS = profiles.SECTION_NAMES


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    sheet: str
    cell: str
    message: str
    expected: float | str | None = None
    actual: float | str | None = None
    accepted: bool = False  # an exception the reviewer accepted: listed apart, never counted
    reason: str = ""        # why it was accepted, as written in the settings file or the cell note

    def as_dict(self) -> dict:
        data = {"rule": self.rule, "severity": self.severity, "sheet": self.sheet, "cell": self.cell,
                "message": self.message, "expected": self.expected, "actual": self.actual}
        if self.accepted:
            data.update(accepted=True, reason=self.reason)
        return data


Check = Callable[["RuleContext", Recognized], Iterable[Finding]]


@dataclass(frozen=True)
class Option:
    """A setting of one rule, declared once with its default and its allowed values; settings files
    and profiles can only set declared options, to values ``check`` accepts."""

    name: str
    doc: str  # Chinese
    default: int | float | bool | str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()

    def check(self, value: object) -> int | float | bool | str:
        """The value as the rule uses it, or ValueError with a Chinese reason."""
        kind = type(self.default)
        if kind is bool:
            if not isinstance(value, bool):
                raise ValueError(f"应为 true 或 false，现为 {value!r}")
            return value
        if kind in (int, float):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and value != int(value)):
                raise ValueError(f"应为{'整数' if kind is int else '数字'}，现为 {value!r}")
            if self.minimum is not None and value < self.minimum or self.maximum is not None and value > self.maximum:
                raise ValueError(f"应在 {self.minimum:g} 到 {self.maximum:g} 之间，现为 {value!r}")
            return kind(value)
        if not isinstance(value, str) or (self.choices and value not in self.choices):
            raise ValueError(f"应为 {'、'.join(self.choices) or '文字'} 之一，现为 {value!r}")
        return value


# Arithmetic rules compare at the precision a table shows; a difference of up to ``rounding`` units of
# the last displayed decimal is a rounding warning (the only way their findings leave their severity).
ROUNDING = Option("rounding", "相差不超过几个尾数单位（表上最后一位小数）时记为“可能是尾数误差”的警告；"
                              "0 表示任何差额都记为错误", 1, minimum=0, maximum=100)


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    severity: Severity
    applies_to: str  # which forms, in Chinese
    doc: str  # what it checks / why it matters / example, in Chinese
    check: Check
    late: bool = False  # runs after the others (reads what they noted in the shared state)
    forms: tuple[str, ...] = ()  # form ids (FORM_IDS) the rule reads
    options: tuple[Option, ...] = ()
    uses: tuple[str, ...] = ()  # profile parts (PROFILE_PARTS) the rule reads
    default_on: bool = True  # off-by-default rules run where a profile (or --select) turns them on
    always: bool = False  # runs whatever --select says (only --ignore stops it): "nothing was checked"
    final: bool = False  # runs after accepted exceptions are applied (reads which were used)
    also: Mapping[str, str] = field(default_factory=dict)  # other severities it may give -> when (Chinese)

    def option(self, name: str) -> Option:
        return next(o for o in self.options if o.name == name)


REGISTRY: dict[str, Rule] = {}


def rule(code: str, title: str, severity: Severity, applies_to: str, doc: str, late: bool = False, *,
         forms: Sequence[str] = (), options: Sequence[Option] = (), uses: Sequence[str] = (),
         default_on: bool = True, always: bool = False, final: bool = False,
         also: Mapping[str, str] | None = None) -> Callable[[Check], Check]:
    unknown = [f for f in forms if f not in FORM_IDS] + [u for u in uses if u not in PROFILE_PARTS]
    if unknown:
        raise ValueError(f"{code}: unknown form ids or profile parts {unknown}")

    def register(check: Check) -> Check:
        if code in REGISTRY:
            raise ValueError(f"duplicate rule code {code}")
        REGISTRY[code] = Rule(code, title, severity, applies_to, doc.strip(), check, late, tuple(forms),
                              tuple(options), tuple(uses), default_on, always, final, dict(also or {}))
        return check

    return register


# ---- what one run is told: profile, selection, severities, options, accepted exceptions -----------

@dataclass(frozen=True)
class Accepted:
    """A finding the reviewer accepts for one workbook: by rule, and optionally sheet and cell."""

    rule: str
    reason: str
    sheet: str | None = None  # None: any sheet
    cell: str | None = None  # None: any cell of the sheet
    origin: str = ""  # where it is written, in Chinese: 设置文件 …/xltools.toml, 单元格批注
    exact: bool = True  # written for this workbook by name (not by a wildcard pattern)


@dataclass(frozen=True)
class Unusable:
    """An exception written so that it cannot be applied (reported by XT003, at its cell)."""

    sheet: str
    cell: str
    message: str


@dataclass(frozen=True)
class RunConfig:
    profile: str | None = None  # chosen by the user; None: each table's own (by its form), else national
    select: tuple[str, ...] | None = None  # codes or prefixes; None: every rule that is on
    ignore: tuple[str, ...] = ()
    tuning: Mapping[str, RuleTuning] = field(default_factory=dict)  # per rule: severity, options
    accepted: tuple[Accepted, ...] = ()
    unusable: tuple[Unusable, ...] = ()
    sheets: tuple[str, ...] = ()  # the workbook's sheet names, in order


def matches(selectors: Iterable[str], code: str) -> bool:
    """Whether a code is named by any selector: the code itself, or a prefix of it (SE, SE1, ALL)."""
    return any(s == "ALL" or code.startswith(s) for s in selectors)


class ProfileChoice:
    """Which profile each table is checked with: the user's, else the one its form belongs to."""

    def __init__(self, explicit: str | None = None) -> None:
        self.explicit = explicit
        self.default = profiles.load(explicit or profiles.DEFAULT)
        self._by_form: dict[str | None, Profile] = {}

    def for_form(self, form_id: str | None) -> Profile:
        if self.explicit:
            return self.default
        if form_id not in self._by_form:  # asked once per finding: look each form up once
            self._by_form[form_id] = profiles.for_form(form_id)
        return self._by_form[form_id]

    def for_table(self, table: object) -> Profile:
        return self.for_form(form_id_of(table))


def form_id_of(table: object) -> str | None:
    if isinstance(table, str):
        return table
    if isinstance(table, SelfEvalForm):
        return table.form
    if isinstance(table, ShenzhenForm):
        return "F3"
    if isinstance(table, SummaryTable):
        return "F5"
    return None


@dataclass(frozen=True)
class _Area:
    sheet: str
    r0: int
    c0: int
    r1: int
    c1: int
    form: str


# Decisions that depend only on a rule, a profile and the run's settings, made once per process and
# reused for every file of a batch: key -> (the objects the key names, kept to be sure of them; answer).
_DECIDED: dict[tuple, tuple[tuple, object]] = {}
DECIDED_MAX = 50_000


def _recall(key: tuple, objects: tuple) -> object:
    """The answer decided for ``key``, or _UNDECIDED (also when the key's ids now name other objects)."""
    hit = _DECIDED.get(key)
    if hit is not None and len(hit[0]) == len(objects) and all(map(is_, hit[0], objects)):
        return hit[1]
    return _UNDECIDED


def _remember(key: tuple, objects: tuple, answer: object) -> object:
    if len(_DECIDED) >= DECIDED_MAX:
        _DECIDED.clear()
    _DECIDED[key] = (objects, answer)
    return answer


_UNDECIDED = object()


class Plan:
    """One run's decisions: the profile of each table, which rule is on where, at which severity."""

    def __init__(self, found: Recognized, config: RunConfig) -> None:
        self.config = config
        self.choice = ProfileChoice(config.profile)
        self._found = found
        self._areas: list[_Area] | None = None  # made when a cell's profile must be looked up
        self.in_play = {self.choice.default.id: self.choice.default}
        for form_id in _area_forms(found):
            profile = self.choice.for_form(form_id)
            self.in_play.setdefault(profile.id, profile)
        self._profile_at: dict[tuple[str, str], Profile] = {}
        # every table checked with one profile (the common case): no cell needs looking up
        self._only = next(iter(self.in_play.values())) if len(self.in_play) == 1 else None

    def on(self, rule_: Rule, profile: Profile) -> bool:
        config = self.config
        key, objects = ("on", id(rule_), id(profile), config.select, config.ignore), (rule_, profile)
        answer = _recall(key, objects)
        return _remember(key, objects, self._on(rule_, profile)) if answer is _UNDECIDED else answer

    def _on(self, rule_: Rule, profile: Profile) -> bool:
        code, config = rule_.code, self.config
        if matches(config.ignore, code) or code in profile.disable:
            return False
        if config.select is not None and not rule_.always:
            return matches(config.select, code)
        return rule_.default_on or code in profile.enable

    def may_run(self, rule_: Rule) -> bool:
        return any(self.on(rule_, p) for p in self.in_play.values())

    def runnable(self) -> list[Rule]:
        """The registered rules that are on for at least one table's profile (``may_run``)."""
        return list(self._decided("runnable", frozenset({"*", *FORM_IDS}), lambda rules: rules))

    def schedule(self, found: Recognized) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
        """The runnable rules that read a kind of table the workbook has (by their ``forms``), in the order
        they run: the others, then the late ones; and the final ones, run after accepted exceptions."""
        def order(rules: list[Rule]) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
            ordered = [r for r in rules if not r.late and not r.final] + [r for r in rules if r.late and not r.final]
            return tuple(ordered), tuple(r for r in rules if r.final)  # kept for the next file: never changed

        return self._decided("schedule", tables_present(found), order)  # type: ignore[return-value]

    def _decided(self, what: str, kinds: frozenset[str], arrange: Callable[[list[Rule]], object]) -> object:
        """``arrange`` of the rules that may run and read one of these kinds of table, decided once."""
        rules, profiles_ = tuple(REGISTRY.values()), tuple(self.in_play.values())
        key = (what, tuple(map(id, profiles_)), self.config.select, self.config.ignore, len(rules), kinds)
        objects = (*profiles_, *rules)
        answer = _recall(key, objects)
        if answer is _UNDECIDED:
            reading = [r for r in rules if self.may_run(r) and (not r.forms or any(f in kinds for f in r.forms))]
            answer = _remember(key, objects, arrange(reading))
        return answer

    def profile_at(self, sheet: str, cell: str) -> Profile:
        if self._only is not None:
            return self._only
        found = self._profile_at.get((sheet, cell))
        if found is None:
            found = self._profile_at[sheet, cell] = self._find_profile(sheet, cell)
        return found

    @property
    def areas(self) -> list[_Area]:
        if self._areas is None:
            self._areas = _areas(self._found)
        return self._areas

    def _find_profile(self, sheet: str, cell: str) -> Profile:
        row, col = row_col(cell)
        same_sheet = [a for a in self.areas if a.sheet == sheet]
        inside = [a for a in same_sheet if a.r0 <= row <= a.r1 and a.c0 <= col <= a.c1]
        area = (inside or same_sheet or [None])[0]
        return self.choice.for_form(area.form) if area is not None else self.choice.default

    def tuning(self, code: str, profile: Profile) -> RuleTuning:
        """The profile's word on a rule, with the settings file's over it."""
        theirs = self.config.tuning
        key, objects = ("tuning", code, id(profile), id(theirs)), (profile, theirs)
        answer = _recall(key, objects)
        return _remember(key, objects, self._tuning(code, profile)) if answer is _UNDECIDED else answer

    def _tuning(self, code: str, profile: Profile) -> RuleTuning:
        mine, theirs = profile.tuning.get(code), self.config.tuning.get(code)
        severity = (theirs.severity if theirs and theirs.severity else None) or (mine.severity if mine else None)
        options = {**(mine.options if mine else {}), **(theirs.options if theirs else {})}
        return RuleTuning(severity, options)

    def adjust(self, rule_: Rule, finding: Finding) -> Finding | None:
        """The finding as its table's profile wants it: dropped where the rule is off there, its
        severity moved when the profile or the settings file set one."""
        profile = self.profile_at(finding.sheet, finding.cell)
        if not self.on(rule_, profile):
            return None
        target = self.tuning(rule_.code, profile).severity
        if target is None or finding.severity == target:
            return finding
        if finding.severity == rule_.severity:
            return replace(finding, severity=target)
        # a declared variant (a rounding warning) never ends up more severe than the rule itself
        worst = max(finding.severity, target, key=SEVERITY_RANK.__getitem__)
        return replace(finding, severity=worst)

    def accept(self, findings: list[Finding], state: dict) -> list[Finding]:
        """Mark the findings the reviewer accepted; note in ``state`` the exceptions that matched nothing."""
        used: set[int] = set()
        out = []
        for f in findings:
            hit = next((i for i, a in enumerate(self.config.accepted) if _covers(a, f)), None)
            if hit is not None:
                used.add(hit)
                a = self.config.accepted[hit]
                f = replace(f, accepted=True, reason=a.reason)
            out.append(f)
        stale = []
        for i, a in enumerate(self.config.accepted):
            if i in used or a.rule not in REGISTRY:
                continue
            if a.sheet is not None and self.config.sheets and a.sheet not in self.config.sheets and not a.exact:
                continue  # a pattern's exception for a sheet this workbook does not have: not meant for it
            profile = self.profile_at(a.sheet, a.cell or "A1") if a.sheet else self.choice.default
            if self.on(REGISTRY[a.rule], profile):  # an exception for a rule that did not run is not stale
                stale.append(a)
        state["stale_exceptions"] = stale
        state["unusable_exceptions"] = list(self.config.unusable)
        return out


def _covers(a: Accepted, f: Finding) -> bool:
    if a.rule != f.rule or (a.sheet is not None and a.sheet != f.sheet):
        return False
    if a.cell is None:
        return True
    first, _, last = f.cell.partition(":")
    if not last:
        return a.cell.upper() == first
    (r, c), (r0, c0), (r1, c1) = row_col(a.cell.upper()), row_col(first), row_col(last)
    return min(r0, r1) <= r <= max(r0, r1) and min(c0, c1) <= c <= max(c0, c1)


def row_col(cell: str) -> tuple[int, int]:
    """0-based (row, column) of an A1 address (the first cell of a range); (0, 0) when unreadable."""
    m = re.match(r"\$?([A-Za-z]{1,3})\$?(\d+)", cell)
    if not m:
        return 0, 0
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def tables_present(found: Recognized) -> frozenset[str]:
    """The form ids (FORM_IDS) of the tables a workbook has, and "*". The self-evaluation ids come
    together: a rule declared for any of them reads every self-evaluation form."""
    kinds = {"*"}
    if found.self_eval:
        kinds.update(SELF_EVAL_FORMS)
    if found.shenzhen:
        kinds.add("F3")
    if found.code_tables or found.line_tables or found.economic or found.three_public:
        kinds.add("F4")
    if found.summaries:
        kinds.add("F5")
    return frozenset(kinds)


def _area_refs(found: Recognized) -> Iterator[tuple[str, Sequence[TableRef]]]:
    """Each table's form id with the ranges it covers, in the order profiles are looked up."""
    for form in found.self_eval:
        yield form.form, form.refs
    for sz in found.shenzhen:
        yield "F3", sz.refs
    for table in found.summaries:
        yield "F5", (table.ref,)
    for table in (*found.code_tables, *found.line_tables, *found.economic, *found.three_public):
        yield "F4", (table.ref,)


def _area_forms(found: Recognized) -> Iterator[str]:
    """The form id of each of ``_areas(found)``, in the same order, without making the areas."""
    return (form for form, refs in _area_refs(found) if refs)


def _areas(found: Recognized) -> list[_Area]:
    return [_Area(r.sheet, r.r0, r.c0, r.r1, r.c1, form) for form, refs in _area_refs(found) for r in refs]


class RuleContext:
    """Builds findings for one rule, with its code and default severity."""

    def __init__(self, rule: Rule, state: dict | None = None, plan: Plan | None = None) -> None:
        self.rule = rule
        self.state = state if state is not None else {}  # shared by the rules of one run
        self.plan = plan

    @property
    def sheets(self) -> tuple[str, ...]:
        """The workbook's sheet names in order (empty when the caller did not say)."""
        return self.plan.config.sheets if self.plan else ()

    def profile(self, table: object = None) -> Profile:
        """The profile a table (a form, a form id, or None for the run's default) is checked with."""
        choice = self.plan.choice if self.plan else ProfileChoice()
        return choice.default if table is None else choice.for_table(table)

    def option(self, name: str, cell: CellRef | None = None) -> object:
        """A declared option's value for the table ``cell`` is in (profile, then settings file)."""
        declared = self.rule.option(name)
        if self.plan is None:
            return declared.default
        profile = self.plan.profile_at(cell.sheet, cell.address) if cell is not None else self.plan.choice.default
        return self.plan.tuning(self.rule.code, profile).options.get(name, declared.default)

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
            decimals = _shown_decimals((cell, *parts))
        if shown_equal(actual, expected, decimals):
            return  # whatever the rounding option: the common case, without looking it up
        units = self.option("rounding", cell) if any(o.name == "rounding" for o in self.rule.options) else 1
        verdict = compare(actual, expected, decimals, int(units))
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


def _shown_decimals(cells: Sequence[CellRef]) -> int:
    """The most decimals any of the cells shows, at most 2 (read until one shows 2)."""
    decimals = 0
    for cell in cells:
        decimals = max(decimals, cell.decimals)
        if decimals >= 2:
            return 2
    return decimals


def shown_equal(actual: float, expected: float, decimals: int) -> bool:
    """Equal at the displayed precision (``compare``'s "ok"): a rule can tell before wording a message."""
    return compare(actual, expected, decimals, 0) == "ok"


def compare(actual: float, expected: float, decimals: int, units: int = 1) -> Literal["ok", "rounding", "error"]:
    """Equal at the displayed precision; else within ``units`` units of the last decimal (rounding); else error."""
    unit = 10 ** -decimals
    if abs(round(actual, decimals) - round(expected, decimals)) < unit / 2:
        return "ok"
    if units > 0 and abs(actual - expected) <= units * unit + EPS:
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


def run_rules(found: Recognized, codes: Iterable[str] | None = None,
              config: RunConfig | None = None) -> list[Finding]:
    """Every rule that is on, over the recognised tables. ``codes`` (the older way) selects rules by code;
    ``config`` brings the profile, selection, severities, options and accepted exceptions."""
    config = config or RunConfig()
    if codes is not None:
        config = replace(config, select=tuple(codes))
    plan = Plan(found, config)
    findings: list[Finding] = []
    seen: set[tuple[str, str, str, str]] = set()
    state: dict = {}
    ordered, final = plan.schedule(found)  # a rule that reads no kind of table the workbook has is not run
    _run(ordered, found, plan, state, findings, seen)
    findings = plan.accept(findings, state)
    _run(final, found, plan, state, findings, seen)
    return findings


def _run(rules: Sequence[Rule], found: Recognized, plan: Plan, state: dict, findings: list[Finding],
         seen: set[tuple[str, str, str, str]]) -> None:
    for rule_ in rules:
        for finding in rule_.check(RuleContext(rule_, state, plan), found):
            kept = plan.adjust(rule_, finding)
            key = (finding.rule, finding.sheet, finding.cell, finding.message)
            if kept is not None and key not in seen:
                seen.add(key)
                findings.append(kept)
