"""Filled-template cases: known inputs and hand-computed expectations for every computed cell we check.

Figures come from the seeds where the seeds have them (noted per case); expectations are
worked out by hand (shown in comments), never by calling the code under test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from xltools import example
from xltools.forms import f1_project, f2_department, f3_shenzhen, f4_final_accounts, f5_summary
from xltools.forms.f2_department import Goal
from xltools.forms.f3_shenzhen import ScoreItem
from xltools.forms.indicators import Indicator
from xltools.forms.spec import Sheet
from xltools.render.xlsx import render_workbook, save

BLANK = None  # a computed cell that must show nothing (never 0, never #DIV/0!)


@dataclass
class Case:
    name: str
    sheets: list[Sheet]
    inputs: dict[str, dict[str, object]]  # sheet -> logical name -> typed value
    expected: dict[str, dict[str, object]]  # sheet -> logical name -> value after recalculation
    layouts: dict = field(default_factory=dict)

    def write(self, directory: Path) -> Path:
        wb, self.layouts = render_workbook(self.sheets)
        for sheet, values in self.inputs.items():
            ws, names = wb[sheet], self.layouts[sheet].names
            for name, value in values.items():
                ws[names[name]] = value
        path = directory / f"{self.name}.xlsx"
        save(wb, path)
        return path

    def address(self, sheet: str, name: str) -> str:
        return self.layouts[sheet].names[name]


def f1_case() -> Case:
    """F1 with seed 004's first project's weights and invented execution figures."""
    inds = [Indicator("产出指标", "数量指标", "服务项目数量", "1个", "1个", 15, 15),
            Indicator("产出指标", "质量指标", "基药销售比例", "≥60%", "50%", 15, 12),
            Indicator("产出指标", "时效指标", "完成及时率", "100%", "100%", 10, 10),
            Indicator("产出指标", "成本指标", "补助经费", "≤24万元", "24万元", 10, 10),
            Indicator("效益指标", "经济效益指标", "医疗收入提高程度", "提高", "提高", 10, 10),
            Indicator("效益指标", "社会效益指标", "取消药品加成完成率", "100%", "80%", 10, 8),
            Indicator("效益指标", "可持续影响指标", "健康水平提升程度", "提升", "提升", 10, 10),
            Indicator("满意度指标", "服务对象满意度指标", "满意度", "≥90%", "88%", 10, 9)]
    sheet = f1_project.build(f1_project.ProjectInfo("公立医院综合改革补助", "卫健委", "精神卫生中心", 24, 24), inds)
    t = sheet.title
    return Case("f1", [sheet], {t: {
        "bud_total.B": 21.6,
        "bud_fiscal.init": 20, "bud_fiscal.A": 20, "bud_fiscal.B": 18,
        "bud_carry.init": 4, "bud_carry.A": 4, "bud_carry.B": 3.6,
    }}, {t: {
        "bud_total.rate": 0.9,            # 21.6 / 24
        "bud_total.score": 9.0,           # min(10, 10 × 0.9)
        "bud_fiscal.rate": 0.9,           # 18 / 20
        "bud_carry.rate": 0.9,            # 3.6 / 4
        "bud_other.rate": BLANK,          # A empty
        "sub0.weight": 50, "sub0.score": 47,   # 15+15+10+10 ; 15+12+10+10
        "sub1.weight": 30, "sub1.score": 28,   # 10+10+10 ; 10+8+10
        "sub2.weight": 10, "sub2.score": 9,
        "total.weight": 100,              # 10 + 50 + 30 + 10
        "total.score": 93,                # 9 + 47 + 28 + 9
        "grade.value": "优",              # 93 ≥ 90
    }})


def f1_capped_case() -> Case:
    """执行数 above 预算数: the budget score stays at 分值; no indicators scored yet."""
    sheet = f1_project.build(f1_project.ProjectInfo("超支项目", budget=50))
    t = sheet.title
    return Case("f1_capped", [sheet], {t: {"bud_total.B": 60, "bud_fiscal.A": 0, "bud_fiscal.B": 5}}, {t: {
        "bud_total.rate": 1.2,            # 60 / 50
        "bud_total.score": 10.0,          # min(10, 12)
        "bud_fiscal.rate": BLANK,         # A = 0: blank, never #DIV/0!
        "sub0.weight": BLANK, "sub0.score": BLANK,
        "total.weight": 10, "total.score": 10,
        "grade.value": "差",              # 10 < 60
    }})


def hubei_case() -> Case:
    """Seed 000 (湖北省康复辅具技术中心 2020) as published."""
    goals = [
        Goal("开展“爱心助残”行动", 30, (
            Indicator("产出指标", "数量指标", "年服务社会化困难残障人次", "1018 人次", "1339 人次", score=8),
            Indicator("产出指标", "数量指标", "自行研发品种数量", "2 个", "2 个", score=8),
            Indicator("产出指标", "质量指标", "产品合格率 96%", "高于 96%", "99.7%", score=5),
            Indicator("效益指标", "可持续影响指标", "社会困难残障人员住宿保障率", "96%", "100%", score=4),
            Indicator("满意度指标", "服务对象满意度指标", "客户满意度", "96%", "99.75%", score=5))),
        Goal("完成重度残疾军人 1300 人次的假肢等配制", 20, (
            Indicator("产出指标", "数量指标", "年服务荣军人次", "1300 人次", "1515 人次", score=10),
            Indicator("效益指标", "数量指标", "客户投诉次数", "小于 6 次", "", score=0),
            Indicator("效益指标", "可持续影响指标", "荣军人员住宿保障率", "100%", "100%", score=4))),
        Goal("弥补财政拨款预算资金的不足", 30, (
            Indicator("产出指标", "数量指标", "服务残障人士人次", "1100 人次", "603", score=6),
            Indicator("产出指标", "质量指标", "产品合格率", "96%", "99.7%", score=6),
            Indicator("效益指标", "服务对象满意度指标", "满意人数占服务对象人数比例", "95%", "98.15%", score=6))),
    ]
    sheet = f2_department.build_hubei(goals)
    t = sheet.title
    rate = 3977.6 / 4150  # 0.958457831…
    return Case("hubei", [sheet], {t: {"bud.A": 4150, "bud.B": 3977.6, "totals.basic": 2692.37,
                                        "totals.project": 1285.22}}, {t: {
        "bud.rate": rate,
        "bud.score": 20 * rate,           # 19.1691566…; the seed prints 19
        "g1_sub.score": 30,               # 8+8+5+4+5
        "g2_sub.score": 14,               # 10+0+4
        "g3_sub.score": 18,               # 6+6+6
        "total.score": 20 * rate + 62,    # 81.17 — the seed's 总分 87 does not add up
        "grade.value": "良",
    }})


def hunan_case() -> Case:
    """Seed 001 (衡阳市南岳区残疾人联合会 2020): 合计 typed 274 in the seed, parts add to 275."""
    sheet = f2_department.build_hunan()
    t = sheet.title
    return Case("hunan", [sheet], {t: {"fund_fiscal.plan": 55, "fund_fiscal.actual": 273,
                                        "fund_other.actual": 2}},
                {t: {"fund_total.plan": 55, "fund_total.actual": 275}})


def shenzhen_case() -> Case:
    """Seed 002, 残联综合管理项目: 资金安排 and 资金使用 as published; a few 评分表 rows."""
    items = [ScoreItem("投入和管理目标", "预算设置", "项目预算金额", 2.27, "825.2 万元", "825.2 万元", 2.27),
             ScoreItem("投入和管理目标", "预算执行", "预算执行率", 2.27, "100%", "91.9%", 1.99),
             ScoreItem("投入和管理目标", "预算执行", "预算编制合理性", 2.27, "合理", "合理", 2.27),
             ScoreItem("产出目标", "产出数量", "培训人次", 1.11, "100", "255", 1.11),
             ScoreItem("效果目标", "社会效益", "机关运转", 17.5, "正常运转", "正常运转", 17.5),
             ScoreItem("影响力目标", "长效管理", "长效管理制度健全性", 2.5, "健全", "健全", 2.5)]
    sheet = f3_shenzhen.build("残联综合管理项目", items, use_rows=9)
    t = sheet.title
    use = [("残疾人服务智能化", 880000), ("内部控制管理", 604609.50), ("办公设备购置", 346620),
           ("综合服务大楼管理和维护", 4572722.93), ("机关党群文化建设", 409996.36), ("场地修缮维护", 8887.80),
           ("残疾人工作交流", 207358), ("后勤服务", 193954.87), ("考核管理", 4434743.25)]
    inputs: dict[str, object] = {"r1.city": 12686743.25, "r2.city": 12686743.25, "r3.city": 12686743.25,
                                 "r4.city": 11658892.71}
    for i, (content, amount) in enumerate(use):
        inputs[f"use{i}.content"] = content
        inputs[f"use{i}.fiscal"] = amount
    exec_rate = 11658892.71 / 12686743.25 * 100  # 91.898…; the seed prints 91.9
    expected: dict[str, object] = {}
    for col in ("total", "fiscal", "city"):
        expected |= {f"r1.{col}": 12686743.25, f"r4.{col}": 11658892.71,
                     f"r5.{col}": 1027850.54,              # 12,686,743.25 − 11,658,892.71
                     f"r6.{col}": exec_rate, f"r7.{col}": 100.0, f"r8.{col}": exec_rate}
    for col in ("central", "other", "own"):
        expected |= {f"r1.{col}": BLANK, f"r5.{col}": BLANK, f"r6.{col}": BLANK}
    expected |= {
        "use_total.total": 11658892.71,   # the nine rows add up to 实际支出 (4), as published
        "use_total.fiscal": 11658892.71, "use0.total": 880000,
        "s0.weight": 6.81, "s0.score": 6.53,      # 2.27×3 ; 2.27+1.99+2.27
        "s0_1.weight": 4.54, "s0_1.score": 4.26,  # 预算执行: 2.27+2.27 ; 1.99+2.27
        "s1.weight": 1.11, "s2.weight": 17.5, "s3.score": 2.5,
        "total.weight": 27.92,            # 6.81+1.11+17.5+2.5
        "total.score": 27.64,             # 6.53+1.11+17.5+2.5
        "grade.value": "差",
    }
    return Case("shenzhen", [sheet], {t: inputs}, {t: expected})


def final_accounts_case() -> Case:
    """Seed 004 决算 (枣庄市精神卫生中心 2022) with the example's two planted slips."""
    sheets = f4_final_accounts.build(example.final_accounts())
    code_row = {s.title: {} for s in sheets}
    for s in sheets:
        for row in s.rows:
            if row.name.startswith("code") and row.cells and row.cells[0].text:
                code_row[s.title][str(row.cells[0].text)] = row.name

    def code(sheet: str, c: str, key: str) -> str:
        return f"{code_row[sheet][c]}.{key}"

    # The published 项 amounts (rounded to 0.01 万元) add up one cent above several published
    # totals: 05表 项目支出 30.66 + 847.91 = 878.57, printed 878.56. A real 尾数误差 in seed 004.
    expected = {
        "公开01表": {"l27.inc": 25804.35,            # 2630.37 + 23148.30 + 25.68, as published
                   "l31.inc": 28051.11,            # 25804.35 + 2246.76 (slip; published 28,069.11)
                   "l27.exp": 27562.71,            # 176.66 + 27386.05, as published
                   "l31.exp": 28069.11},           # 27562.71 + 506.40, as published
        "公开02表": {"sum.fiscal": 2630.38,          # 146+30.66+1394.45+192.36+19+30+444+264.91+109 (printed 2630.37)
                   "sum.total": 25804.36,          # 2630.38 + 23148.30 + 25.68 (printed 25804.35)
                   "sum.business": 23148.30,
                   code("公开02表", "210", "total"): 25627.70, code("公开02表", "21002", "total"): 24760.79,
                   code("公开02表", "21004", "fiscal"): 847.91, code("公开02表", "208", "fiscal"): 176.66},
        "公开03表": {"sum.basic": 26684.15,          # 146 + 26326.79 + 192.36 + 19, as published
                   "sum.project": 878.57,          # 30.66 + 30 + 444 + 264.91 + 109 (printed 878.56)
                   "sum.total": 27562.72,          # (printed 27562.71)
                   code("公开03表", "210", "total"): 27386.06},  # 26538.15 + 847.91 (printed 27386.05)
        "公开04表": {"l27.inc": 2630.37, "l32.inc": 2630.37,
                   "l27.total": 2630.38,           # 176.66 + 2453.72 as typed from the seed (printed 2630.37)
                   "l27.general": 2630.38, "l32.total": 2630.38, "l8.total": 176.66},
        "公开05表": {"sum.basic": 1751.81,           # 146 + 1394.45 + 192.36 + 19, as published
                   "sum.project": 878.57, "sum.subtotal": 2630.38,
                   code("公开05表", "21002", "subtotal"): 1586.81},
        "公开06表": {"sum.personnel": 936.00,         # 176.17+396.05+217.78+146.00
                   "sum.public": 815.63},           # 446.26 + 100.00 + 269.37 (劳务费 slip: published 815.81)
        "公开09表": {"data.budget_car": 5, "data.budget_total": 10, "data.actual_total": BLANK},
    }
    return Case("final_accounts", sheets, {"公开09表": {
        "data.budget_abroad": 1, "data.budget_purchase": 2, "data.budget_running": 3,
        "data.budget_reception": 4}}, expected)


def blank_codes_case() -> Case:
    """The blank 决算 template: 合计 adds the rows whose code has 3 digits, whatever is typed."""
    sheets = f4_final_accounts.build()
    rows = {"code0.code": "208", "code0.name": "社会保障和就业支出", "code0.fiscal": 176.66,
            "code1.code": "20805", "code1.fiscal": 146.0, "code2.code": "2080505", "code2.fiscal": 146.0,
            "code3.code": "210", "code3.fiscal": 100.0, "code3.business": 50.0}
    return Case("blank_codes", sheets, {"公开02表": rows}, {"公开02表": {
        "sum.fiscal": 276.66, "sum.business": 50.0, "sum.total": 326.66, "code3.total": 150.0,
        "code1.total": 146.0}})


def summary_linked_case() -> Case:
    """The example's one-book: 汇总表 linked to five project sheets (seed 004), slips included."""
    sheets = example.project_sheets()
    summary = f5_summary.build([f5_summary.link_to_f1(s.title) for s in sheets], unit=example.UNIT)
    case = Case("summary_linked", [summary, *sheets], {}, {summary.title: {
        "p0.budget": 24, "p0.score": 101,  # 10 + 51 (16 > 15 slip) + 30 + 10
        "p2.score": 90,                    # 执行数 typed as text: no budget score
        "p3.score": 105,                   # weights 105
        "p4.score": 100, "p4.grade": "优",
        "p0.name": "公立医院综合改革补助",
        "average.budget": 228,             # 24+55+100+19+30
        "average.score": 21919 / 228,      # (24×101 + 55×100 + 100×90 + 19×105 + 30×100) / 228 = 96.136
        "average.grade": "优",
    }})
    original_write = case.write

    def write(directory: Path) -> Path:
        path = original_write(directory)
        from openpyxl import load_workbook
        wb = load_workbook(path)
        example.fill_budget_rows({ws.title: ws for ws in wb.worksheets}, case.layouts)
        wb.save(path)
        return path

    case.write = write  # type: ignore[method-assign]
    return case


def summary_standalone_case() -> Case:
    sheet = f5_summary.build()
    t = sheet.title
    return Case("summary_standalone", [sheet], {t: {
        "p0.name": "甲", "p0.budget": 100, "p0.score": 95, "p1.name": "乙", "p1.budget": 300, "p1.score": 85,
        "p2.name": "丙", "p2.budget": 50}}, {t: {
        "p0.grade": "优", "p1.grade": "良", "p2.grade": BLANK,
        "average.budget": 450,
        "average.score": 87.5,             # (100×95 + 300×85) / (100 + 300): 丙 has no score yet
        "average.grade": "良"}})


ALL_CASES = (f1_case, f1_capped_case, hubei_case, hunan_case, shenzhen_case, final_accounts_case,
             blank_codes_case, summary_linked_case, summary_standalone_case)
