"""The bundled example: a real unit's forms (seed 004, 枣庄市精神卫生中心 2022) with deliberate slips.

``SLIPS`` lists every slip planted, so the README, the tests and (later) the checker agree on
what a reviewer should find.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from xltools.forms import f1_project, f4_final_accounts, f5_summary
from xltools.forms.f1_project import ProjectInfo
from xltools.forms.f4_final_accounts import CodeRow, FinalAccounts
from xltools.forms.indicators import Indicator
from xltools.forms.spec import Sheet
from xltools.names import sheet_name
from xltools.render.xlsx import render_workbook, save

UNIT = "枣庄市精神卫生中心"
DEPARTMENT = "[428] 枣庄市卫生健康委员会"
IMPLEMENTER = "[428009] 枣庄市精神卫生中心"
YEAR = 2022


def _ind(l1: str, l2: str, l3: str, target: str, actual: str, weight: float, score: float) -> Indicator:
    return Indicator(l1, l2, l3, target, actual, weight, score)


# (project, budget (万元), indicators) as published in seed 004 lines 619-740.
PROJECTS: list[tuple[str, float, list[Indicator]]] = [
    ("公立医院综合改革补助", 24.0, [
        _ind("产出指标", "数量指标", "服务项目数量", "1个", "1个", 15, 15),
        _ind("产出指标", "质量指标", "基药销售比例", "≥60%", "60%", 15, 15),
        _ind("产出指标", "时效指标", "医院综合改革完成及时率", "100%", "100%", 10, 10),
        _ind("产出指标", "成本指标", "医院综合改革补助经费", "≤24万元", "24万元", 10, 10),
        _ind("效益指标", "经济效益指标", "医疗收入提高程度", "提高", "提高", 10, 10),
        _ind("效益指标", "社会效益指标", "取消药品加成工作完成率", "100%", "100%", 10, 10),
        _ind("效益指标", "可持续影响指标", "居民健康水平提升程度", "提升", "显著提升", 10, 10),
        _ind("满意度指标", "服务对象满意度指标", "病人及家属满意度", "≥90%", "92%", 10, 10),
    ]),
    ("重性精神病人防治经费", 55.0, [
        _ind("产出指标", "数量指标", "社区补助人数", "≥195人", "195人", 10, 10),
        _ind("产出指标", "数量指标", "深入社区补助次数", "≥2次", "2次", 10, 10),
        _ind("产出指标", "质量指标", "重性精神病人规范管理率", "100%", "100%", 10, 10),
        _ind("产出指标", "质量指标", "严重精神障碍患者检出率", "100%", "100%", 10, 10),
        _ind("产出指标", "时效指标", "重性精神病人防治工作完成及时率", "100%", "100%", 5, 5),
        _ind("产出指标", "成本指标", "重性精神病人防治经费", "≤55万元", "55万元", 5, 5),
        _ind("效益指标", "社会效益指标", "精神病人正常治疗保障率", "100%", "100%", 10, 10),
        _ind("效益指标", "社会效益指标", "重性精神病人应检尽检率", "100%", "100%", 10, 10),
        _ind("效益指标", "可持续影响指标", "社会安定促进提升程度", "提升", "显著提升", 10, 10),
        _ind("满意度指标", "服务对象满意度指标", "患者及家属满意率", "≥95%", "98%", 10, 10),
    ]),
    ("新城医养康复中心建设贷款贴息", 100.0, [
        _ind("产出指标", "数量指标", "床位增加数", "≥800张", "800张", 15, 15),
        _ind("产出指标", "质量指标", "医养康复服务标准达标率", "100%", "100%", 15, 15),
        _ind("产出指标", "时效指标", "银行贷款利息偿还及时率", "100%", "100%", 10, 10),
        _ind("产出指标", "成本指标", "偿还银行利息费用", "≤100万", "100万", 10, 10),
        _ind("效益指标", "经济效益指标", "新增收入", "≥6000万", "6000万", 10, 10),
        _ind("效益指标", "社会效益指标", "基本医疗服务规范率", "100%", "100%", 10, 10),
        _ind("效益指标", "可持续影响指标", "老有所医、老有所养制度健全性", "健全", "健全", 10, 10),
        _ind("满意度指标", "服务对象满意度指标", "患者及家属满意度", "≥95%", "98%", 10, 10),
    ]),
    ("基层医疗卫生机构实施基本药物制度补助", 19.0, [
        _ind("产出指标", "数量指标", "补助基层医疗卫生机构个数", "≥4个", "4个", 15, 15),
        _ind("产出指标", "质量指标", "基本药物制度落实率", "100%", "100%", 15, 15),
        _ind("产出指标", "时效指标", "补助项目完成及时率", "100%", "100%", 10, 10),
        _ind("产出指标", "成本指标", "基本药物补助经费", "≤19万元", "19万元", 10, 10),
        _ind("效益指标", "经济效益指标", "社区收入提高程度", "提高", "提高", 10, 10),
        _ind("效益指标", "社会效益指标", "群众看病难缓解改善程度", "改善", "改善", 10, 10),
        _ind("效益指标", "社会效益指标", "基层医疗卫生机构居民覆盖率", "100%", "100%", 10, 10),
        _ind("满意度指标", "服务对象满意度指标", "患者及家属满意度", "≥95%", "98%", 10, 10),
    ]),
    ("精神病人防治经费", 30.0, [
        _ind("产出指标", "数量指标", "免费服药人员、免费住院人员辅助检查人次", "≥2600人次", "2600人次", 15, 15),
        _ind("产出指标", "质量指标", "病人管理率", "≥92%", "92%", 15, 15),
        _ind("产出指标", "时效指标", "精神病人防治及时率", "100%", "100%", 10, 10),
        _ind("产出指标", "成本指标", "防治经费", "≤30万元", "30万元", 10, 10),
        _ind("效益指标", "经济效益指标", "医疗收入提高程度", "提高", "提高", 10, 10),
        _ind("效益指标", "社会效益指标", "医院医疗技术社会影响力提升程度", "提升", "显著提升", 10, 10),
        _ind("效益指标", "可持续影响指标", "精神病人防治覆盖率", "100%", "100%", 10, 10),
        _ind("满意度指标", "服务对象满意度指标", "患者及家属满意度", "≥95%", "98%", 10, 10),
    ]),
]

# 年度总体目标 (年初预期目标, 目标实际完成情况) of each project, as published in seed 004.
GOALS: dict[str, tuple[str, str]] = {
    "公立医院综合改革补助": (
        "计划完成1个服务项目，确保基药销售比例达到60%，提高医疗收入和病人及家属满意度。",
        "当年度实际投入24万元，完成1个服务项目，基药销售比例达到60%，提高了医疗收入和病人及家属满意度，满意度为92%。"),
    "重性精神病人防治经费": (
        "计划投入55万元，通过开展加强重性精神病人防治管理工作，确保精神病防治检出率、管理率等达到100%，保障精神病人正常治疗，促进社会安定，提高患者及家属满意率。",
        "当年度实际投入55万元，加强了重性精神病人防治管理工作，精神病防治检出率、管理率等均达到了100%，保障了精神病人正常治疗，促进社会安定，提高患者及家属满意率，满意度为98%。"),
    "新城医养康复中心建设贷款贴息": (
        "当年度计划增加床位800张，确保医养康复服务标准达标率达到100%，及时偿还银行利息，实现老有所医、老有所养，提高患者及家属满意度。",
        "当年度实际投入资金100万，增加床位800张，医养康复服务标准达标率达到了100%，及时偿还了银行利息，实现了老有所医、老有所养，提高患者及家属满意度，满意度为98%。"),
    "基层医疗卫生机构实施基本药物制度补助": (
        "计划完成4个基层医疗卫生机构的补助工作，落实基本药物制度，提高社区医疗卫生机构收入，缓解群众看病难得问题，提高居民满意度。",
        "当年度投入19万元，完成了4个基层医疗卫生机构的补助工作，基本药物制度落实率达到了100%，提高了社区医疗卫生机构收入，缓解了群众看病难得问题，提高居民满意度，满意度为98%。"),
    "精神病人防治经费": (
        "计划完成免费服药人员、免费住院人员辅助检查人次超2600人次，病人管理率达到92%，提升医院医疗技术社会影响力，提高患者及家属满意度。",
        "当年度实际投入30万元，完成了2600人次的免费服药人员、免费住院人员辅助检查，病人管理率达到了92%，提升了医院医疗技术社会影响力，提高了患者及家属满意度，满意度为98%。"),
}

# (sheet, where, what is wrong) — planted on purpose; the clean parts stay as published.
SLIPS = [
    ("公立医院综合改革补助", "服务项目数量 得分", "得分 16 超过分值 15"),
    ("重性精神病人防治经费", "重性精神病人防治经费 实际完成值", "反向指标 ≤55万元 实际 58万元，仍得满分 5"),
    ("新城医养康复中心建设贷款贴息", "年度资金总额 全年执行数", "数字以文本形式录入（“100.00 ”），执行率算不出来"),
    ("基层医疗卫生机构实施基本药物制度补助", "基本药物制度落实率 分值", "分值 20（应为 15），分值合计 105 ≠ 100"),
    ("精神病人防治经费", "其中：当年财政拨款 全年预算数", "28 ≠ 年度资金总额 30（其下三行之和不等于合计）"),
    ("公开01表", "年初结转和结余", "录成 2,246.76（应为 2,264.76），收入总计 ≠ 支出总计"),
    ("公开06表", "30226 劳务费", "录成 105.46（应为 105.64），人员经费 + 公用经费 ≠ 公开05表基本支出"),
]


def project_sheets() -> list[Sheet]:
    sheets = []
    for name, budget, indicators in PROJECTS:
        inds = list(indicators)
        info = ProjectInfo(name, DEPARTMENT, IMPLEMENTER, budget, budget, *GOALS[name])
        if name == "公立医院综合改革补助":
            inds[0] = replace(inds[0], score=16)
        elif name == "重性精神病人防治经费":
            inds[5] = replace(inds[5], actual="58万元")
        elif name == "基层医疗卫生机构实施基本药物制度补助":
            inds[1] = replace(inds[1], weight=20, score=20)
        sheets.append(f1_project.build(info, inds, sheet_title=sheet_name(name), year=YEAR))
    return sheets


def fill_budget_rows(ws_by_title: dict, layouts: dict) -> None:
    """Type the execution figures into the rendered project sheets (as an accountant would)."""
    for name, budget, _ in PROJECTS:
        title = sheet_name(name)
        ws, names = ws_by_title[title], layouts[title].names
        fiscal_budget = 28.0 if name == "精神病人防治经费" else budget
        executed: object = "100.00 " if name == "新城医养康复中心建设贷款贴息" else budget
        ws[names["bud_total.B"]] = executed
        ws[names["bud_fiscal.init"]] = budget
        ws[names["bud_fiscal.A"]] = fiscal_budget
        ws[names["bud_fiscal.B"]] = budget


def final_accounts() -> FinalAccounts:
    def rows(items: list[tuple[str, str, dict[str, float]]]) -> list[CodeRow]:
        return [CodeRow(code, name, values) for code, name, values in items]

    common = [("208", "社会保障和就业支出", {}), ("20805", "行政事业单位养老支出", {}),
              ("20811", "残疾人事业", {}), ("210", "卫生健康支出", {}), ("21002", "公立医院", {}),
              ("21003", "基层医疗卫生机构", {}), ("21004", "公共卫生", {})]
    names = {"2080505": "机关事业单位基本养老保险缴费支出", "2081104": "残疾人康复", "2100205": "精神病医院",
             "2100299": "其他公立医院支出", "2100399": "其他基层医疗卫生机构支出", "2100404": "精神卫生机构",
             "2100408": "基本公共卫生服务", "2100409": "重大公共卫生服务", "2100410": "突发公共卫生事件应急处理"}

    def ordered(values: dict[str, dict[str, float]]) -> list[CodeRow]:
        items = common + [(code, names[code], v) for code, v in values.items()]
        return rows(sorted(items, key=lambda item: item[0]))

    t02 = ordered({"2080505": {"fiscal": 146.00}, "2081104": {"fiscal": 30.66},
                   "2100205": {"fiscal": 1394.45, "business": 23148.30, "other": 25.68},
                   "2100299": {"fiscal": 192.36}, "2100399": {"fiscal": 19.00}, "2100404": {"fiscal": 30.00},
                   "2100408": {"fiscal": 444.00}, "2100409": {"fiscal": 264.91}, "2100410": {"fiscal": 109.00}})
    spending = {"2080505": {"basic": 146.00}, "2081104": {"project": 30.66}, "2100205": {"basic": 26326.79},
                "2100299": {"basic": 192.36}, "2100399": {"basic": 19.00}, "2100404": {"project": 30.00},
                "2100408": {"project": 444.00}, "2100409": {"project": 264.91}, "2100410": {"project": 109.00}}
    t05_values = dict(spending, **{"2100205": {"basic": 1394.45}})
    return FinalAccounts(
        unit=UNIT,
        t01={1: 2630.37, 5: 23148.30, 8: 25.68, 29: 2246.76, 39: 176.66, 40: 27386.05, 60: 506.40},
        t02=t02, t03=ordered(spending),
        t04={(1, "inc"): 2630.37, (40, "general"): 176.66, (41, "general"): 2453.72},
        t05=ordered(t05_values),
        t06={"30101": 176.17, "30102": 396.05, "30107": 217.78, "30108": 146.00, "30211": 0.03,
             "30213": 3.68, "30215": 0.12, "30218": 336.97, "30226": 105.46, "30701": 100.00,
             "31002": 6.72, "31003": 238.39, "31007": 24.26},
    )


def write_example(out_dir: Path) -> list[Path]:
    projects_path = out_dir / f"示例_{UNIT}_{YEAR}年度项目支出绩效自评表.xlsx"
    sheets = project_sheets()
    summary = f5_summary.build([f5_summary.link_to_f1(s.title) for s in sheets], unit=UNIT, year=YEAR)
    wb, layouts = render_workbook([summary, *sheets])
    fill_budget_rows({ws.title: ws for ws in wb.worksheets}, layouts)
    save(wb, projects_path)
    accounts_path = out_dir / f"示例_{UNIT}_{YEAR}年度部门决算公开表.xlsx"
    wb, _ = render_workbook(f4_final_accounts.build(final_accounts()))
    save(wb, accounts_path)
    return [projects_path, accounts_path]
