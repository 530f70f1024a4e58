"""Every official form, described once (see ``spec``); ``FORMS`` lists the blank templates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from xltools.forms import f1_project, f2_department, f3_shenzhen, f4_final_accounts, f5_summary
from xltools.forms.spec import Sheet, TableSpec


@dataclass(frozen=True)
class FormInfo:
    code: str
    name: str
    file_name: str
    source: str
    build: Callable[[], list[Sheet]]


FORMS: tuple[FormInfo, ...] = (
    FormInfo("F1", "项目支出绩效自评表（全国通用格式）", "F1_项目支出绩效自评表.xlsx",
             "财预〔2020〕10号；种子 004", lambda: [f1_project.build()]),
    FormInfo("F2-hubei", "部门整体绩效自评表（湖北格式）", "F2_部门整体绩效自评表_湖北.xlsx",
             "种子 000", lambda: [f2_department.build_hubei()]),
    FormInfo("F2-hunan", "部门整体支出绩效自评表（湖南格式）", "F2_部门整体支出绩效自评表_湖南.xlsx",
             "种子 001", lambda: [f2_department.build_hunan()]),
    FormInfo("F3", "项目绩效情况自评表（深圳格式）", "F3_项目绩效情况自评表_深圳.xlsx",
             "种子 002", lambda: [f3_shenzhen.build()]),
    FormInfo("F4", "部门决算公开表（公开01表–公开09表）", "F4_部门决算公开表.xlsx",
             "种子 004", lambda: f4_final_accounts.build()),
    FormInfo("F5", "项目支出绩效自评情况汇总表", "F5_项目支出绩效自评情况汇总表.xlsx",
             "种子 004", lambda: [f5_summary.build()]),
)

# Every self-evaluation table the recognizer reads, by its one id ("F1.budget"); the F4 tables
# are recognised by their own module from the same spec module (forms/f4_final_accounts.py).
TABLE_SPECS: dict[str, TableSpec] = {spec.kind: spec for spec in (
    *f1_project.TABLES, *f2_department.HUBEI_TABLES, *f2_department.HUNAN_TABLES, *f3_shenzhen.TABLES,
    *f5_summary.TABLES)}
FORM_NAMES: dict[str, str] = {form.code: form.name for form in FORMS}
