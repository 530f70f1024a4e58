"""A corpus of real published self-evaluation reports (自评报告), with their contradictions listed by hand.

Each module of this package is one report that a unit published (a page in the stored public pages,
or one of the project's seed documents), copied paragraph by paragraph as the stored copy shows it,
slips included. The stored copies give half-width punctuation (",", "(", ":") where the published
pages most likely had full-width; the text is kept as stored. Where the stored copy ends in the middle
of a paragraph that paragraph is left out (a cut paragraph would state parts of a sum that the page
does complete); long purely descriptive paragraphs may be left out too. ``OMITTED`` says what was left
out and where.

A module holds:

- ``SOURCE``: (address, title) of the published page; ``PROVINCE``, ``YEAR`` (``None`` where the copy
  replaced the year by "20xx"), ``KIND`` (project / department / transfer), ``NOTE``: how the copy
  was obtained and what it lacks (in English, for the corpus table).
- ``PARAGRAPHS``: the report's paragraphs in order; paragraph n of the built document is
  ``PARAGRAPHS[n - 1]``.
- ``CONTRADICTIONS``: ``[(paragraph, rule, severity, explanation)]``, the contradictions of issue 14
  that the text really contains (RP01 达到 said but missed, RP02 未达到 said but met, RP03 units
  differ, RP04 total ≠ sum of stated parts, RP05 执行率 ≠ 支付/预算, RP06 grade not matching the
  total), found by reading the report and by hand arithmetic before the checker was run. ``severity``
  is what the rule's own contract gives (one unit of the last decimal: "warning").
- ``UNSURE``: ``[(paragraph, highest severity, explanation)]``, paragraphs where careful readers
  differ; a finding there up to that severity is neither found nor a false alarm.
- ``CONSISTENT``: ``{paragraph: explanation}``, paragraphs that state figures a checker could test
  and that are right (they must stay unflagged, like every paragraph not listed above).

``write_docx`` / ``write_txt`` build the files; ``score`` compares a checker result with the lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import docx

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
RULES = {"RP01", "RP02", "RP03", "RP04", "RP05", "RP06"}


def write_docx(module: ModuleType, path: Path) -> Path:
    """A Word document with one body paragraph per published paragraph."""
    document = docx.Document()
    for text in module.PARAGRAPHS:
        document.add_paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def write_txt(module: ModuleType, path: Path, encoding: str = "utf-8") -> Path:
    """The same report as a text file, one paragraph per line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(module.PARAGRAPHS) + "\n", encoding=encoding)
    return path


@dataclass
class Score:
    """How the checker's findings on one report compare with its hand-made lists."""

    name: str
    found: list[tuple] = field(default_factory=list)         # listed contradictions reported there with their rule
    missed: list[tuple] = field(default_factory=list)        # listed contradictions not reported
    false_alarms: list = field(default_factory=list)         # warning/error findings nobody listed
    unsure: list = field(default_factory=list)               # findings on UNSURE paragraphs within their bound
    severity_differs: list = field(default_factory=list)     # found, but with another severity than listed
    rejected: str | None = None                              # the checker refused the report (UserError)

    @property
    def passed(self) -> bool:
        return self.rejected is None and not self.missed and not self.false_alarms


def score(module: ModuleType, findings: list, rejected: str | None = None) -> Score:
    """Compare a report's findings (ReportFinding list) with the module's lists."""
    result = Score(module.__name__.rsplit(".", 1)[-1], rejected=rejected)
    for item in module.CONTRADICTIONS:
        paragraph, rule, severity, _ = item
        hits = [f for f in findings if f.paragraph == paragraph and f.rule == rule
                and f.severity in ("warning", "error")]
        (result.found if hits else result.missed).append(item)
        if hits and all(f.severity != severity for f in hits):
            result.severity_differs.append((item, hits[0].severity))
    listed = {(p, rule) for p, rule, *_ in module.CONTRADICTIONS}
    for f in findings:
        if f.severity not in ("warning", "error") or (f.paragraph, f.rule) in listed:
            continue
        bounds = [u for u in module.UNSURE if u[0] == f.paragraph]
        if bounds and SEVERITY_RANK[f.severity] <= max(SEVERITY_RANK[u[1]] for u in bounds):
            result.unsure.append(f)
            continue
        result.false_alarms.append(f)
    return result


def describe(result: Score, module: ModuleType) -> str:
    lines = [(f"{result.name}: found {len(result.found)}/{len(result.found) + len(result.missed)}, "
             f"false alarms {len(result.false_alarms)}")]
    if result.rejected:
        lines.append(f"  rejected: {result.rejected}")
    for paragraph, rule, severity, why in result.missed:
        lines.append(f"  missed  ¶{paragraph} {rule} {severity}: {why}\n          {module.PARAGRAPHS[paragraph - 1]}")
    for f in result.false_alarms:
        lines.append(f"  false   ¶{f.paragraph} {f.rule} {f.severity}: {f.message}\n          {f.quote}")
    for paragraph, rule, severity, _ in result.found:
        lines.append(f"  found   ¶{paragraph} {rule} {severity}")
    return "\n".join(lines)


from tests.real_reports import (
    anhui_2023_jinghu_disabled,
    anhui_2023_zongyang_public_health,
    chongqing_2024_zhongxian_civil_affairs,
    henan_2022_xiping_rural_roads,
    hubei_2021_hbust_student_aid,
    hunan_2019_heshan_urban_management,
    hunan_2020_nanxian_finance,
    hunan_2021_nanxian_cppcc,
    hunan_2022_zhongfang_rehabilitation,
    jiangxi_2022_shangyou_disabled,
    sichuan_2021_mianyang_science,
    sichuan_meishan_disabled,
    unknown_rural_revitalization,
    yunnan_2021_baoshan_forest_fire,
    yunnan_2022_aviation_firefighting,
    yunnan_2024_honghe_data_center,
)

REPORTS: list[ModuleType] = [
    jiangxi_2022_shangyou_disabled,
    anhui_2023_jinghu_disabled,
    yunnan_2022_aviation_firefighting,
    hubei_2021_hbust_student_aid,
    henan_2022_xiping_rural_roads,
    hunan_2022_zhongfang_rehabilitation,
    anhui_2023_zongyang_public_health,
    hunan_2021_nanxian_cppcc,
    hunan_2020_nanxian_finance,
    hunan_2019_heshan_urban_management,
    chongqing_2024_zhongxian_civil_affairs,
    yunnan_2024_honghe_data_center,
    yunnan_2021_baoshan_forest_fire,
    sichuan_meishan_disabled,
    sichuan_2021_mianyang_science,
    unknown_rural_revitalization,
]
