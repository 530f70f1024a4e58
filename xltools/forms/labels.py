"""Labels of the self-evaluation forms with the synonyms real published forms use.

The first text of a label is what the templates print; the synonyms are what other units'
forms print instead (domain.md, "How real forms differ"). Brackets such as (A), (B/A) or (万元)
and spaces or line breaks inside a label never matter: the recognizer compares label words
without them (``recognize.grid.head``).
"""

from xltools.forms.spec import Label

PROJECT_NAME = Label("项目名称")
DEPARTMENT = Label("主管部门及代码", ("主管部门",))
IMPLEMENTER = Label("实施单位")
UNIT_NAME = Label("单位名称")

# ---- budget block (项目预算执行情况 / 预算执行情况 / 资金情况) -------------------------------
INITIAL_BUDGET = Label("年初预算数", ("年初预算资金总额", "年初预算", "年初预算金额"))
BUDGET_A = Label("全年预算数(A)", ("全年预算数", "预算数", "调整后预算数", "全年预算", "调整预算数",
                                  "全年预算金额", "预算金额"))
SPENT_B = Label("全年执行数(B)", ("全年执行数", "执行数", "实际支出", "实际投入资金额", "全年实际支出数",
                                 "实际执行数", "全年实际执行数", "实际支出数", "预算执行数", "执行金额"))
WEIGHT = Label("分值", ("权重", "标准分值", "指标分值", "指标权重"))
RATE = Label("执行率(B/A)", ("执行率", "预算执行率"))
SCORE = Label("得分", ("评分", "评分结果", "自评得分", "指标得分", "实际得分"))

# Budget rows: the first synonym found in a row's label names the row.
BUDGET_ROWS: tuple[tuple[str, Label], ...] = (
    ("total", Label("年度资金总额", ("资金总额", "部门整体支出总额", "支出总额", "项目资金总额", "合计", "总计", "总额"))),
    ("fiscal", Label("当年财政拨款", ("本年财政拨款", "财政拨款", "财政资金", "一般公共预算"))),
    ("carry", Label("上年结转资金", ("上年结转", "结转资金", "结转结余"))),
    ("special", Label("财政专户管理资金", ("财政专户",))),
    ("own", Label("单位资金", ("单位自有资金", "自有资金"))),
    ("other", Label("其他资金", ("其他",))),
)

# ---- 年度总体目标: the goal set at the start of the year and what became of it (free text) -------
GOAL_OVERALL = Label("年度总体目标", ("总体目标", "年度总体绩效目标", "总体绩效目标", "项目总体目标"))
GOAL_EXPECTED = Label("年初预期目标", ("预期目标", "年度目标", "年度预期目标", "年初目标", "年初设定目标",
                                     "预期总体目标", "项目年度目标", "年初设定的目标"))
GOAL_ACHIEVED = Label("目标实际完成情况", ("实际完成情况", "年度总体目标完成情况", "总体目标完成情况",
                                       "全年实际完成情况", "完成情况", "实际完成目标", "年度目标完成情况",
                                       "目标完成情况"))

# ---- indicator table ----------------------------------------------------------------------
LEVEL1 = Label("一级指标")
LEVEL2 = Label("二级指标")
LEVEL3 = Label("三级指标", ("指标名称", "绩效指标名称"))
TARGET = Label("年度指标值(A)", ("年度指标值", "年初目标值(A)", "年初目标值", "指标值", "目标值", "预期指标值",
                                "年度目标值", "预期目标值", "全年指标值", "计划指标值"))
ACTUAL = Label("实际完成指标值(B)", ("实际完成指标值", "实际完成值(B)", "实际完成值", "全年实际完成值", "全年实际值",
                                    "完成值", "业绩值", "实际值", "全年完成值", "实际完成数"))
DEVIATION = Label("偏差原因分析及改进措施", ("产生差异的原因及改进措施", "偏差原因分析", "偏差原因",
                                           "未完成原因及拟采取的改进措施", "未完成原因分析", "偏差及原因分析",
                                           "偏差原因分析及改进", "原因分析及改进措施", "未完成原因"))
CRITERIA = Label("评分标准", ("评分办法", "计分方法", "评分规则", "评分细则"))
# A target split over two header rows: 指标性质 (≥ ≦ ═) | 指标值 | 度量单位.
TARGET_OP = Label("指标性质", ("指标方向", "符号"))
TARGET_UNIT = Label("度量单位", ("计量单位", "单位"))
COEFFICIENT = Label("得分系数", ("评分系数", "完成系数"))

TOTAL_SCORE = Label("总分", ("总计", "自评得分", "合计", "综合得分", "自评总分", "总得分", "自评总得分", "评价总分"))
GRADE = Label("自评等级", ("评价等级", "等级", "自评结果", "绩效等级", "评定等级"))
GRADE_WORDS = ("优秀", "良好", "合格", "不合格", "优", "良", "中", "差", "较差")

# Default national skeleton (财预〔2020〕10号): 一级 -> its 二级.
NATIONAL_SKELETON: dict[str, tuple[str, ...]] = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
}
LEVEL1_NAMES = tuple(NATIONAL_SKELETON)
LEVEL2_NAMES = tuple(name for names in NATIONAL_SKELETON.values() for name in names)
