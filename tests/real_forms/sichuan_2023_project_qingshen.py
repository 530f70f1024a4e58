"""四川 青神县发展和改革局 2023 部门预算项目支出绩效自评表（工资性支出）, published unfilled.

The page is the HTML rendering of a report exported from Sichuan's budget system (报表编号
510000_0013zp): every figure is text there, and the template's own hints ("对照年度目标，说明……
（100字以内）") were published in place of the self-evaluation. 完成值 and 得分 are empty on every
row, the budget block's 得分 too: the form was published without being filled.
"""

from tests.real_forms import T

SOURCE = ("https://www.scqs.gov.cn/info/13206/211004.htm",
          "部门预算项目支出绩效自评表(2023年度) 51000021R000000019951-工资性支出（青神县发展和改革局）")
PROVINCE = "四川"
YEAR = 2023
KIND = "project"
LAYOUT = ("Sichuan system export: budget block headed 年初预算|调整后预算数|预算执行数|预算执行率|权重|得分|原因 "
          "with 财政专户管理资金/单位资金 rows and '/' in the 其中 rows; section labels carrying their points "
          "(预算执行情况(10分), 绩效指标(90分)); target split into 指标性质|指标值|度量单位 (=|100|%); actual headed "
          "完成值, weight 权重; 合计 row with the weight total only; every number stored as text; published "
          "unfilled (完成值 and 得分 empty, template hints left in).")

S = "Sheet1"
ROWS = [
    ["报表编号:510000_0013zp"],
    ["部门预算项目支出绩效自评表(2023年度)"],
    ["项目名称", "51000021R000000019951-工资性支出"],
    ["主管部门", "青神县发展和改革局本级", "", "", "", "实施单位 (盖章)", "", "青神县发展和改革局"],
    ["项目基本情况", "1.项目年度目标完成情况", "项目年度目标", "", "", "", "年度目标完成情况"],
    ["", "", "严格执行相关政策,保障工资及时、足额发放或社保及时、足额缴纳,预算编制科学合理,减少结余资金。", "", "", "",
     "对照年度目标,说明相关任务目标的完成情况(100字以内)"],
    ["", "2.项目实施内容及过程概述"],
    ["预算执行情况(10分)", "年度预算数(万元)", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"],
    ["", "总额", T("238.93"), T("251.89"), T("251.89"), T("100.00%"), T("10"), "",
     "1.预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因(100字以内);2.年中发生预算调整的(追加或调减),"
     "应单独说明理由;3.其他资金包括:社会投入资金、银行贷款."],
    ["", "其中:财政资金", T("238.93"), T("251.89"), T("251.89"), T("100.00%"), "/", "/"],
    ["", "财政专户管理资金", T("0.00"), T("0.00"), T("0.00"), T("0.00%"), "/", "/"],
    ["", "单位资金", T("0.00"), T("0.00"), T("0.00"), T("0.00%"), "/", "/"],
    ["", "其他资金", "", "", "", "", "/", "/"],
    ["绩效指标(90分)", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分", "未完成原因分析"],
    ["", "产出指标", "数量指标", "发放(缴纳)覆盖率", "=", T("100"), "%", "", T("60"), "", ""],
    ["", "效益指标", "社会效益指标", "足额保障率(参保率)", "=", T("100"), "%", "", T("30"), "", ""],
    ["合计", "", "", "", "", "", "", "", T("100"), "", ""],
    ["评价结论", "结合自评情况,说明项目自评总分,说明项目实施取得的成效或成果。(200字以内)"],
    ["存在问题", "结合自评情况,分析存在的问题及原因。(200字以内)"],
    ["改进措施", "针对项目自评中发现的问题,提出下一步改进完善的意见及有关政策性建议。(200字以内)"],
    ["项目负责人:", "", "", "", "", "财务负责人:"],
]
MERGES = ["A1:K1", "A2:K2", "B3:K3", "B4:E4", "F4:G4", "H4:K4", "A5:A7", "B5:B6", "C5:F5", "G5:K5", "C6:F6",
          "G6:K6", "C7:K7", "A8:A13", "I8:K8", "I9:K13", "A14:A16", "A17:H17", "B18:K18", "B19:K19", "B20:K20",
          "A21:E21", "F21:K21"]
SHEETS = [(S, ROWS, MERGES)]

# Unfilled, so nothing was mis-scored or mis-added: weights 10 + 60 + 30 = 100 = 合计, 绩效指标(90分) = 60 + 30,
# 执行率 251.89 / 251.89 = 100.00%. The best report is "not filled in" (info); warnings on the empty
# inputs are acceptable, an error anywhere is not.
SLIPS: list[tuple[str, str, str, str, str]] = []
_EMPTY = "published unfilled: an empty input may be reported as a blank (warning), never as an error"
UNSURE = [(S, cell, "warning", _EMPTY) for cell in ("H9", "H15", "H16", "J15", "J16", "J17")]
