"""Labels of the self-evaluation forms with the synonyms the real forms (seeds) use."""

from xltools.forms.spec import Label

PROJECT_NAME = Label("项目名称")
DEPARTMENT = Label("主管部门及代码", ("主管部门",))
IMPLEMENTER = Label("实施单位")
UNIT_NAME = Label("单位名称")

INITIAL_BUDGET = Label("年初预算数", ("年初预算资金总额",))
BUDGET_A = Label("全年预算数(A)", ("全年预算数", "预算数(A)", "预算数", "预算安排"))
SPENT_B = Label("全年执行数(B)", ("全年执行数", "执行数(B)", "执行数", "实际支出", "实际投入资金额"))
WEIGHT = Label("分值", ("权重",))
RATE = Label("执行率(B/A)", ("执行率", "预算执行率"))
SCORE = Label("得分", ("评分结果", "自评得分"))

LEVEL1 = Label("一级指标")
LEVEL2 = Label("二级指标")
LEVEL3 = Label("三级指标")
TARGET = Label("年度指标值(A)", ("年度指标值", "年初目标值(A)", "年初目标值", "指标值", "目标值"))
ACTUAL = Label("实际完成指标值(B)", ("实际完成指标值", "实际完成值(B)", "实际完成值", "全年实际完成值", "业绩值"))
DEVIATION = Label("偏差原因分析及改进措施", ("产生差异的原因及改进措施", "偏差原因分析"))
TOTAL_SCORE = Label("总分", ("总计", "自评得分"))
GRADE = Label("自评等级", ("评价等级", "等级"))

# Default national skeleton (财预〔2020〕10号): 一级 -> its 二级.
NATIONAL_SKELETON: dict[str, tuple[str, ...]] = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
}
LEVEL1_NAMES = tuple(NATIONAL_SKELETON)
LEVEL2_NAMES = tuple(name for names in NATIONAL_SKELETON.values() for name in names)
