"""The settings file ``xltools.toml`` (read with ``tomllib``) and the command-line options over it.

Found in the checked folder or its parents, or given with ``--config``. Top-level keys are named as
on the command line (``profile``, ``select``, ``ignore``, ``fail-level``); tables hold per-path ignores,
accepted exceptions, rule settings and reading limits. Anything unknown is refused with a Chinese
message naming the file and the key: a typo must never silently check less than the reviewer thinks.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from xltools import profiles
from xltools.errors import UserError
from xltools.outputs import reason
from xltools.profiles import RuleTuning
from xltools.rules import REGISTRY
from xltools.rules.base import SEVERITY_NAMES, Accepted, RunConfig, Unusable, matches
from xltools.workbook.limits import Limits

FILE_NAME = "xltools.toml"
FailLevel = Literal["error", "warning"]
TOP_KEYS = ("profile", "select", "ignore", "fail-level", "per-path-ignores", "accepted", "rules", "limits")
ACCEPTED_KEYS = ("file", "rule", "reason", "sheet", "cell")
CELL = re.compile(r"^[A-Za-z]{1,3}[1-9]\d{0,6}$")


@dataclass(frozen=True)
class AcceptedEntry:
    """One ``[[accepted]]`` table: findings of ``rule`` in the files ``file`` names (a path or pattern
    relative to the settings file's folder), optionally on one sheet and cell."""

    file: str
    rule: str
    reason: str
    sheet: str | None = None
    cell: str | None = None


@dataclass(frozen=True)
class Settings:
    path: Path | None = None  # the settings file; None when there is none
    profile: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_level: FailLevel = "error"
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    accepted: tuple[AcceptedEntry, ...] = ()
    tuning: Mapping[str, RuleTuning] = field(default_factory=dict)
    limits: Limits | None = None

    @property
    def root(self) -> Path:
        """The folder paths in the settings file are relative to."""
        return self.path.parent if self.path is not None else Path.cwd()

    def overridden(self, profile: str | None = None, select: Sequence[str] | None = None,
                   ignore: Sequence[str] | None = None, fail_level: str | None = None) -> Settings:
        """The command line over the file: a given option replaces the file's (ignores add up)."""
        changes: dict = {}
        if profile is not None:
            changes["profile"] = check_profile(profile, "--profile")
        if select is not None:
            changes["select"] = check_selectors(select, "--select")
        if ignore is not None:
            changes["ignore"] = self.ignore + check_selectors(ignore, "--ignore")
        if fail_level is not None:
            changes["fail_level"] = check_fail_level(fail_level, "--fail-level")
        return replace(self, **changes)

    def run_config(self, path: Path, sheets: Sequence[str] = (), notes: Iterable = ()) -> RunConfig:
        """What one workbook is checked with: its per-path ignores, its accepted exceptions (from this
        file and from the workbook's own cell notes)."""
        rel = _relative(path, self.root) if self.per_path_ignores or self.accepted else ""  # resolving costs
        ignore = list(self.ignore)
        for pattern, codes in self.per_path_ignores:
            if _matches_path(rel, path.name, pattern):
                ignore += codes
        origin = f"设置文件 {self.path}" if self.path else "设置"
        accepted = [Accepted(e.rule, e.reason, e.sheet, e.cell.upper() if e.cell else None, origin,
                             exact=not any(ch in e.file for ch in "*?["))
                    for e in self.accepted if _matches_path(rel, path.name, e.file)]
        from_notes, unusable = exceptions_from_notes(notes)
        return RunConfig(self.profile, self.select, tuple(ignore), self.tuning, tuple(accepted + from_notes),
                         tuple(unusable), tuple(sheets))


def exceptions_from_notes(notes: Iterable) -> tuple[list[Accepted], list[Unusable]]:
    """Cell notes "xltools:忽略 SE13 原因" as accepted exceptions for their own cell."""
    from xltools.workbook.notes import parse_directive

    accepted: list[Accepted] = []
    unusable: list[Unusable] = []
    for note in notes:
        directive = parse_directive(note.text)
        if directive is None:
            continue
        unknown = [c for c in directive.codes if c not in REGISTRY]
        if unknown:
            unusable.append(Unusable(note.sheet, note.cell, f"批注“{_short(note.text)}”中的规则代码 "
                                                            f"{'、'.join(unknown)} 不存在，这条例外没有生效"))
            continue
        if not directive.reason:
            unusable.append(Unusable(note.sheet, note.cell, f"批注“{_short(note.text)}”没有写明接受的原因，"
                                                            "这条例外没有生效（写法：xltools:忽略 SE13 原因）"))
            continue
        accepted += [Accepted(code, directive.reason, note.sheet, note.cell, "单元格批注") for code in directive.codes]
    return accepted, unusable


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


def _matches_path(rel: str, name: str, pattern: str) -> bool:
    pattern = pattern.replace("\\", "/").removeprefix("./")
    return fnmatch.fnmatchcase(rel, pattern) or ("/" not in pattern and fnmatch.fnmatchcase(name, pattern))


# ---- finding and reading the file ----------------------------------------------------------------

def discover(start: Path) -> Path | None:
    """``xltools.toml`` in ``start`` (a folder, or a file's folder) or the nearest parent that has one."""
    folder = start if start.is_dir() else start.parent
    try:
        folder = folder.resolve()
    except OSError:
        return None
    for candidate in (folder, *folder.parents):
        path = candidate / FILE_NAME
        if path.is_file():
            return path
    return None


def for_paths(paths: Sequence[Path], config: Path | None = None) -> Settings:
    """The settings for one run: ``--config``, else the file found from the checked paths (they must
    agree on one), else the defaults."""
    if config is not None:
        if not config.is_file():
            raise UserError(f"找不到设置文件 {config}")
        return load(config)
    found = {p for p in (discover(path) for path in paths) if p is not None}
    if len(found) > 1:
        listed = "、".join(str(p) for p in sorted(found))
        raise UserError(f"检查的路径各自找到了不同的设置文件（{listed}），请分开检查，或用 --config 指定一个")
    return load(found.pop()) if found else Settings()


def load(path: Path) -> Settings:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"设置文件 {path} 不是 UTF-8 编码的文本，请用记事本等另存为 UTF-8") from None
    except OSError as exc:
        raise UserError(f"无法读取设置文件 {path}：{reason(exc)}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"设置文件 {path} 的写法有误（TOML 格式）：{exc}") from None
    return parse(data, path)


def parse(data: Mapping[str, object], path: Path | None = None) -> Settings:
    where = f"设置文件 {path}" if path else "设置"
    unknown = [k for k in data if k not in TOP_KEYS]
    if unknown:
        raise UserError(f"{where} 中有未知的设置项：{'、'.join(unknown)}（可用：{'、'.join(TOP_KEYS)}）")
    settings = Settings(path=path)
    changes: dict = {}
    if "profile" in data:
        changes["profile"] = check_profile(data["profile"], f"{where} 的 profile")
    if "select" in data:
        changes["select"] = check_selectors(_strings(data["select"], f"{where} 的 select"), f"{where} 的 select")
    if "ignore" in data:
        changes["ignore"] = check_selectors(_strings(data["ignore"], f"{where} 的 ignore"), f"{where} 的 ignore")
    if "fail-level" in data:
        changes["fail_level"] = check_fail_level(data["fail-level"], f"{where} 的 fail-level")
    if "per-path-ignores" in data:
        changes["per_path_ignores"] = _per_path(data["per-path-ignores"], where)
    if "accepted" in data:
        changes["accepted"] = _accepted(data["accepted"], where)
    if "rules" in data:
        changes["tuning"] = check_tuning(data["rules"], f"{where} 的 [rules]")
    if "limits" in data:
        table = data["limits"]
        if not isinstance(table, Mapping):
            raise UserError(f"{where} 的 limits 应为一个表（[limits]）")
        try:
            changes["limits"] = Limits.from_mapping(table)
        except UserError as exc:
            raise UserError(f"{where}：{str(exc).removeprefix('设置文件 ')}") from None
    return replace(settings, **changes)


# ---- validation shared by the settings file, the command line and the profiles ------------------

def check_profile(value: object, where: str) -> str:
    if not isinstance(value, str) or not profiles.exists(value):
        raise UserError(f"{where} “{value}”不是已有的口径（可用：{'、'.join(profiles.names())}；"
                        "用 xltools profiles 查看各口径）")
    return value


def check_fail_level(value: object, where: str) -> FailLevel:
    if value not in ("error", "warning"):
        raise UserError(f"{where} 应为 error（有错误时退出码为 1）或 warning（有错误或警告时退出码为 1），现为 {value!r}")
    return value  # type: ignore[return-value]


def check_selectors(values: Iterable[str], where: str) -> tuple[str, ...]:
    """Rule codes or prefixes (SE, SE1, FA01, ALL), upper-cased; each must name at least one rule."""
    out = []
    for value in values:
        code = value.strip().upper()
        if not code:
            continue
        if not any(matches((code,), c) for c in REGISTRY):
            raise UserError(f"{where} 中的“{value}”不是任何规则的代码或前缀（用 xltools rules 查看全部规则）")
        out.append(code)
    return tuple(out)


def split_codes(text: str) -> list[str]:
    """``SE,FA01`` or ``SE FA01`` from the command line."""
    return [part for part in re.split(r"[,，\s]+", text) if part]


def check_tuning(table: object, where: str) -> dict[str, RuleTuning]:
    """``[rules.SE03] rounding = 0`` / ``severity = "warning"``: known rules, declared options, valid values."""
    if not isinstance(table, Mapping):
        raise UserError(f"{where} 应为一个表，如 [rules.SE03]")
    tuning: dict[str, RuleTuning] = {}
    for code, values in table.items():
        rule_ = REGISTRY.get(str(code).upper())
        if rule_ is None:
            raise UserError(f"{where} 中的“{code}”不是规则代码（用 xltools rules 查看全部规则）")
        if not isinstance(values, Mapping):
            raise UserError(f"{where} 中 {code} 应为一个表，如 [rules.{rule_.code}]")
        severity = values.get("severity")
        if severity is not None and severity not in SEVERITY_NAMES:
            raise UserError(f"{where} 中 {rule_.code} 的 severity 应为 error、warning 或 info，现为 {severity!r}")
        options: dict[str, object] = {}
        for name, value in values.items():
            if name == "severity":
                continue
            declared = next((o for o in rule_.options if o.name == name), None)
            if declared is None:
                known = f"可用的选项：{'、'.join(o.name for o in rule_.options)}" if rule_.options else "本规则没有可设置的选项"
                raise UserError(f"{where} 中规则 {rule_.code} 没有选项“{name}”（{known}；severity 用于改级别）")
            try:
                options[name] = declared.check(value)
            except ValueError as exc:
                raise UserError(f"{where} 中规则 {rule_.code} 的选项 {name} {exc}") from None
        tuning[rule_.code] = RuleTuning(severity, options)
    return tuning


def check_profile_rules(profile: profiles.Profile) -> None:
    """A packaged profile names only known rules and declared options (the tests hold every profile to it)."""
    for code in (*profile.enable, *profile.disable):
        if code not in REGISTRY:
            raise UserError(f"口径 {profile.id} 打开或关闭了不存在的规则 {code}")
    check_tuning({code: {**t.options, **({"severity": t.severity} if t.severity else {})}
                  for code, t in profile.tuning.items()}, f"口径 {profile.id} 的 [rules]")


def _strings(value: object, where: str) -> list[str]:
    if isinstance(value, str):
        return split_codes(value)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UserError(f"{where} 应为规则代码的列表，如 [\"SE\", \"FA01\"]")
    return value


def _per_path(table: object, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(table, Mapping):
        raise UserError(f"{where} 的 per-path-ignores 应为一个表，如 [per-path-ignores] \"旧表/*.xlsx\" = [\"SE04\"]")
    return tuple((str(pattern), check_selectors(_strings(codes, f"{where} 的 per-path-ignores"),
                                                f"{where} 的 per-path-ignores（{pattern}）"))
                 for pattern, codes in table.items())


def _accepted(entries: object, where: str) -> tuple[AcceptedEntry, ...]:
    if not isinstance(entries, list) or not all(isinstance(e, Mapping) for e in entries):
        raise UserError(f"{where} 的 accepted 应写成 [[accepted]] 表")
    out = []
    for i, entry in enumerate(entries, start=1):
        label = f"{where} 的第 {i} 个 [[accepted]]"
        unknown = [k for k in entry if k not in ACCEPTED_KEYS]
        if unknown:
            raise UserError(f"{label} 中有未知的项：{'、'.join(unknown)}（可用：{'、'.join(ACCEPTED_KEYS)}）")
        missing = [k for k in ("file", "rule", "reason") if not str(entry.get(k, "")).strip()]
        if missing:
            raise UserError(f"{label} 缺少 {'、'.join(missing)}（接受例外必须写明文件、规则和原因）")
        code = str(entry["rule"]).strip().upper()
        if code not in REGISTRY:
            raise UserError(f"{label} 中的规则“{entry['rule']}”不存在（用 xltools rules 查看全部规则）")
        cell = entry.get("cell")
        if cell is not None and (not isinstance(cell, str) or not CELL.match(cell.strip())):
            raise UserError(f"{label} 中的单元格“{cell}”不是单元格地址（如 I8）")
        sheet = entry.get("sheet")
        if cell is not None and sheet is None:
            raise UserError(f"{label} 写了单元格 {cell}，还需写明工作表（sheet）")
        out.append(AcceptedEntry(str(entry["file"]), code, str(entry["reason"]).strip(),
                                 str(sheet) if sheet is not None else None, cell.strip() if cell else None))
    return tuple(out)


# ---- xltools init --------------------------------------------------------------------------------

TEMPLATE = '''# xltools 设置文件。放在要检查的文件夹（或它的上级文件夹）里，xltools check 会自动读取；
# 也可以用 xltools check --config 某个设置文件.toml 指定。命令行上的选项优先于这里。
# 写错的设置项、不存在的规则或选项都会被拒绝并说明原因，不会悄悄少查。

# 评分口径：national-2020（全国，默认）、hubei（湖北）、hunan（湖南）、shenzhen（深圳）、
# yitihua（预算管理一体化）。不写时每张表按其表样选用（湖北格式用 hubei，深圳格式用 shenzhen，其余全国）。
# xltools profiles 列出各口径及其依据。
# profile = "hubei"

# 只运行这些规则（代码或前缀：SE 表示全部自评表规则）。不写表示运行全部规则。
# select = ["SE", "FA01"]

# 不运行这些规则。
# ignore = ["SE13"]

# 退出码为 1 的门槛：error（有错误时，默认）或 warning（有错误或警告时）。
# fail-level = "error"

# 按文件路径（相对于本文件所在文件夹，可用 * 通配）不运行某些规则。
# [per-path-ignores]
# "旧格式/*.xlsx" = ["SE04"]

# 接受的例外：这些问题不再计入错误、警告数，在检查结果中单独列出并写明原因。
# 也可以在单元格上加批注：xltools:忽略 SE13 原因
# 例外对应的问题不再出现时，检查结果会提示（XT003）可以删除这条例外。
# [[accepted]]
# file = "某单位自评表.xlsx"      # 相对于本文件所在文件夹，可用 * 通配
# sheet = "项目表"
# cell = "I8"
# rule = "SE13"
# reason = "偏差原因已在自评报告第三部分说明"

# 规则的级别和选项（xltools rules 规则代码 查看一条规则有哪些选项）。
# [rules.SE13]
# severity = "info"
# [rules.SE03]
# rounding = 0        # 相差一个尾数单位也记为错误

# 读取工作簿的上限（确属正常的大文件才需要调高）。
# [limits]
# max_rows = 200000
'''


def write_template(folder: Path, force: bool = False) -> Path:
    target = folder / FILE_NAME
    if target.exists() and not force:
        raise UserError(f"{target} 已存在；要覆盖请加 --force")
    from xltools.outputs import write_bytes

    write_bytes(target, TEMPLATE.encode("utf-8"), [], what="设置文件")
    return target


# ---- what `xltools rules CODE` and `xltools profiles NAME` print --------------------------------------

def describe_rule(code: str) -> str:
    """A rule's documentation with its forms, options, other severities and the profiles that change it."""
    from xltools.rules.base import FORM_IDS

    r = REGISTRY[code]
    lines = [f"{r.code}  {r.title}", f"级别：{SEVERITY_NAMES[r.severity]}    适用：{r.applies_to}"]
    if r.forms:
        lines.append("表样：" + "、".join(f"{f}（{FORM_IDS[f]}）" if f != "*" else FORM_IDS[f] for f in r.forms))
    for severity, when in r.also.items():
        lines.append(f"也会给出“{SEVERITY_NAMES[severity]}”：{when}")
    if r.options:
        lines.append("选项（设置文件 [rules." + r.code + "] 中设置）：")
        lines += [f"  {o.name} = {o.default!r}（默认）：{o.doc}" for o in r.options]
    else:
        lines.append("选项：无")
    if not r.default_on:
        lines.append("默认不运行：由打开它的口径（或 --select）启用")
    changing = []
    for name in profiles.names():
        p = profiles.load(name)
        parts = [profiles.SECTION_NAMES[s] for s in r.uses if s in p.changes]
        if code in p.enable:
            parts.append("打开本规则")
        if code in p.disable:
            parts.append("关闭本规则")
        tuning = p.tuning.get(code)
        if tuning and tuning.severity:
            parts.append(f"级别改为{SEVERITY_NAMES[tuning.severity]}")
        if tuning and tuning.options:
            parts.append("选项 " + "、".join(f"{k} = {v!r}" for k, v in tuning.options.items()))
        if parts:
            changing.append(f"  {p.id}（{p.name}）：{'；'.join(parts)}")
    lines.append("改变它的口径：" + ("无（各口径相同）" if not changing else ""))
    lines += changing
    return "\n".join(lines) + f"\n\n{r.doc}\n"


def describe_profile(p: profiles.Profile) -> str:
    """A profile's values, what differs from the national profile, and the sources it cites."""
    (a, _), (b, _), _ = p.bands
    pct = lambda v: f"{v * 100:g}%"  # noqa: E731
    lines = [f"{p.id}  {p.name}", p.summary]
    if p.forms:
        lines.append(f"自动用于表样：{'、'.join(p.forms)}（没有用 --profile 或设置文件指定口径时）")
    lines.append(f"{'*' if 'qualitative' in p.changes else ' '} 定性指标分档：达成 100%–{pct(a)}（含），"
                 f"部分达成 {pct(a)}–{pct(b)}（含），未达成 {pct(b)}–0")
    grades = "，".join(f"{g.minimum:g} 分（含）以上 {g.name}" + (f"（也写作 {'、'.join(g.aliases)}）" if g.aliases else "")
                      for g in p.grades)
    lines.append(f"{'*' if 'grades' in p.changes else ' '} 等级：{grades}，以下 {p.grade_floor}")
    method = "分值 × 执行率，不超过分值" if p.budget_method == "proportional" else "分档：" + "，".join(
        f"执行率 {pct(lo)}（含）以上得分值的 {pct(share)}" for lo, share in p.budget_tiers)
    lines.append(f"{'*' if 'budget' in p.changes else ' '} 预算执行：{p.budget_weight:g} 分，{method}")
    lines.append(f"{'*' if 'deviation' in p.changes else ' '} 指标偏离：" + (
        f"完成值超过指标值 {pct(p.deviation.threshold)} 及以上减 {p.deviation.penalty:g} 分（YT01）"
        if p.deviation else "无"))
    caps = "；".join(f"执行率低于 {pct(c.rate_below)} 不超过 {c.max_total:g} 分" for c in p.caps)
    lines.append(f"{'*' if 'caps' in p.changes else ' '} 总分封顶：{caps + '（YT02）' if caps else '无'}")
    rules = [f"打开 {'、'.join(sorted(p.enable))}" if p.enable else "", f"关闭 {'、'.join(sorted(p.disable))}"
             if p.disable else ""]
    rules += [f"{code} 级别{SEVERITY_NAMES[t.severity]}" for code, t in p.tuning.items() if t.severity]
    lines.append(f"{'*' if 'rules' in p.changes else ' '} 规则：{'；'.join(x for x in rules if x) or '同全国'}")
    lines.append("（* 与全国口径不同的值）")
    if p.sources:
        lines.append("\n依据：")
        for source in p.sources:
            used = "、".join(profiles.SECTION_NAMES[s] for s, keys in p.cites.items() if source.key in keys)
            lines.append(f"- {source.title}" + (f"（用于：{used}）" if used else ""))
            lines.append(f"  网址：{source.url or '（无公开网址，见说明）'}")
            lines.append(f"  原文：{source.quote}")
            if source.note:
                lines.append(f"  说明：{source.note}")
    return "\n".join(lines) + "\n"
