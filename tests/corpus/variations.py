"""Named layout variations, each something real published forms do (issue 9 point 1, domain.md).

A variation changes fields of a Layout; the generator applies variations alone and in random
combinations. ``group``: at most one variation of a group in a combination; ``excludes``:
variations that cannot be combined with this one (for example, formulas need numbers).
The ``doc`` text (Chinese) is written to docs/accuracy.md.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from tests.corpus import vocab as V
from tests.corpus.layout import Layout

SCORED = frozenset({"national"})
SELF_EVAL = frozenset({"national", "hubei", "hunan"})
ALL = frozenset({"national", "hubei", "hunan", "shenzhen", "accounts", "summary", "dept"})


@dataclass(frozen=True)
class Variation:
    name: str
    forms: frozenset[str]
    group: str
    doc: str
    apply: Callable[[Layout, random.Random], None]
    excludes: tuple[str, ...] = ()


VARIATIONS: dict[str, Variation] = {}


def variation(name: str, forms: frozenset[str] | set[str], group: str, doc: str, excludes: tuple[str, ...] = ()):
    def register(apply: Callable[[Layout, random.Random], None]) -> Callable[[Layout, random.Random], None]:
        VARIATIONS[name] = Variation(name, frozenset(forms), group, doc, apply, excludes)
        return apply
    return register


def _other(rng: random.Random, words: tuple[str, ...], current: str) -> str:
    return rng.choice([w for w in words if w != current])


# ---- header words -----------------------------------------------------------------------------

@variation("weight_synonym", {"national", "shenzhen"}, "weight_label",
           "分值一栏写作 权重 / 标准分值 / 指标分值（预算执行块与绩效指标表同时；深圳表 权重 写作 分值）")
def _(L: Layout, rng: random.Random) -> None:
    word = _other(rng, V.WEIGHT, L.weight_label)
    L.weight_label = L.budget_weight_label = word


@variation("score_synonym", {"national", "hubei", "shenzhen"}, "score_label",
           "得分一栏写作 评分 / 评分结果 / 自评得分 / 指标得分（含预算执行块）")
def _(L: Layout, rng: random.Random) -> None:
    word = _other(rng, V.SCORE, L.score_label)
    L.score_label = L.budget_score_label = word


@variation("target_synonym", {"national", "hubei", "hunan", "shenzhen"}, "target_label",
           "指标值一栏写作 年度指标值 / 指标值 / 目标值 / 预期指标值 / 年初目标值 / 年度目标值")
def _(L: Layout, rng: random.Random) -> None:
    L.target_label = _other(rng, V.TARGET, L.target_label)


@variation("actual_synonym", {"national", "hubei", "hunan", "shenzhen"}, "actual_label",
           "完成值一栏写作 实际完成指标值 / 实际完成值 / 业绩值 / 完成值 / 全年实际完成值 / 全年实际值")
def _(L: Layout, rng: random.Random) -> None:
    L.actual_label = _other(rng, V.ACTUAL, L.actual_label)


@variation("reason_synonym", {"national", "hunan"}, "reason_label",
           "偏差原因一栏写作 产生差异的原因及改进措施 / 未完成原因及拟采取的改进措施 / 未完成原因分析 / 偏差原因分析")
def _(L: Layout, rng: random.Random) -> None:
    L.reason_label = _other(rng, V.REASON, L.reason_label)


@variation("no_ab_marks", {"national", "hubei"}, "ab", "表头不带 (A)/(B)：全年预算数、全年执行数、年度指标值、执行率")
def _(L: Layout, rng: random.Random) -> None:
    L.with_ab = False


@variation("fullwidth_brackets", {"national", "hubei"}, "decoration", "表头用全角括号和冒号：年度指标值（A）、年度目标1：（30分）")
def _(L: Layout, rng: random.Random) -> None:
    L.decoration = "fullwidth"


@variation("spaces_in_labels", {"national", "hubei", "hunan", "shenzhen", "dept"}, "decoration",
           "表头文字中间有空格：分 值、得 分、一级 指标（湖北样表原样）")
def _(L: Layout, rng: random.Random) -> None:
    L.decoration = "spaces"


@variation("line_breaks_in_labels", {"national", "hubei", "hunan", "shenzhen"}, "decoration",
           "表头文字在单元格内换行：年度\\n指标值(A)、实际完成\\n指标值(B)")
def _(L: Layout, rng: random.Random) -> None:
    L.decoration = "linebreak"


@variation("budget_words", {"national"}, "budget_words",
           "预算执行块的其他写法：项目资金（万元）/ 预算执行情况(10分)，预算执行数，预算执行率，年度资金总额： / 总额 / 资金总额")
def _(L: Layout, rng: random.Random) -> None:
    L.budget_section = _other(rng, V.BUDGET_SECTION, L.budget_section)
    L.budget_b_label = _other(rng, V.BUDGET_B, L.budget_b_label)
    L.budget_rate_label = _other(rng, V.BUDGET_RATE, L.budget_rate_label)
    L.budget_total_label = _other(rng, V.BUDGET_TOTAL, L.budget_total_label)


@variation("budget_adjusted", {"national"}, "budget_a", "全年预算数写作 调整后预算数（四川 2023 表样）")
def _(L: Layout, rng: random.Random) -> None:
    L.budget_a_label = "调整后预算数"


@variation("budget_no_init", {"national"}, "budget_init", "预算执行块没有 年初预算数 一栏")
def _(L: Layout, rng: random.Random) -> None:
    L.budget_init_label = None


# ---- geometry -----------------------------------------------------------------------------------

@variation("columns_reordered", {"national"}, "order",
           "列顺序不同：分值在年度指标值之前（北京 2016 表样），或预算执行块 执行率 在 分值 之前（四川表样）")
def _(L: Layout, rng: random.Random) -> None:
    if rng.random() < 0.6:
        L.column_order = ("weight", "target", "actual", "score", "reason")
    else:
        L.column_order = ("target", "actual", "weight", "score", "reason")
        L.budget_order = ("init", "A", "B", "rate", "weight", "score")
    if rng.random() < 0.5:
        L.budget_order = ("init", "A", "B", "rate", "weight", "score")


@variation("extra_columns", {"national"}, "extras", "多出 备注 / 指标性质 / 计量单位 / 指标方向 列")
def _(L: Layout, rng: random.Random) -> None:
    L.extra_columns = tuple(rng.sample(V.EXTRA_COLUMNS, rng.randint(1, 2)))


@variation("spacer_column", {"national"}, "spacer_col", "表中夹一列空白列（排版用）")
def _(L: Layout, rng: random.Random) -> None:
    L.spacer_column = rng.choice(("l3", "actual", "target"))


@variation("spacer_rows", {"national", "hubei", "hunan", "shenzhen"}, "spacer_rows", "各块之间有空行")
def _(L: Layout, rng: random.Random) -> None:
    L.spacer_rows = True


@variation("offset", ALL, "offset", "表格不从 A1 开始：上方有空行、左侧有空列")
def _(L: Layout, rng: random.Random) -> None:
    L.top, L.left = rng.randint(1, 5), rng.randint(1, 3)


@variation("labels_repeated", SELF_EVAL | {"dept"}, "labels", "一级、二级指标名称不合并，每行重复填写（系统导出常见）")
def _(L: Layout, rng: random.Random) -> None:
    L.label_cells = "repeat"


@variation("labels_unmerged", SELF_EVAL | {"shenzhen", "accounts", "summary", "dept"}, "labels",
           "不合并单元格：一级、二级指标只写在第一行，表头也不合并")
def _(L: Layout, rng: random.Random) -> None:
    L.label_cells = "first"
    L.merge_headers = False


@variation("no_table_label_column", {"national"}, "table_label", "绩效指标表左侧没有“绩效指标”一列")
def _(L: Layout, rng: random.Random) -> None:
    L.table_label_column = False


@variation("table_label_words", {"national"}, "table_label", "左侧一列写作 年度绩效指标 / 绩效指标（90分）")
def _(L: Layout, rng: random.Random) -> None:
    L.table_label = _other(rng, V.TABLE_LABELS, L.table_label)


@variation("scoring_method_column", {"national"}, "method",
           "多一列 得分计算方法：“完成值达到指标值，记满分；未达到指标值，按B/A或A/B*该指标分值记分。”（北京 2016 表样）")
def _(L: Layout, rng: random.Random) -> None:
    L.scoring_method = True


@variation("unit_line_yuan", {"national"}, "unit_line", "单位行写“单位：元”，金额却按万元填写（与 amounts_in_yuan 相反）",
           excludes=("amounts_in_yuan",))
def _(L: Layout, rng: random.Random) -> None:
    L.unit_text = "单位：元"


# ---- totals and grades -----------------------------------------------------------------------

@variation("total_after_label", {"national"}, "total_place", "总分写在“总分”右边的单元格，而不是得分列")
def _(L: Layout, rng: random.Random) -> None:
    L.total_place = "after_label"


@variation("total_with_weight", {"national"}, "total_place", "总分一行同时写出分值合计 100")
def _(L: Layout, rng: random.Random) -> None:
    L.total_place = "with_weight"


@variation("total_in_last_column", {"national"}, "total_place", "总分写在该行最后一个单元格（“总分”标签横向合并）")
def _(L: Layout, rng: random.Random) -> None:
    L.total_place = "last_column"


@variation("total_label_heji", {"national"}, "total_label", "总分一行写作“合计”（四川表样）")
def _(L: Layout, rng: random.Random) -> None:
    L.total_label = "合计"


@variation("grade_in_label", {"national", "hubei"}, "grade_place", "等级写在标签单元格内：“自评等级：优”")
def _(L: Layout, rng: random.Random) -> None:
    L.grade_place = "in_label"


@variation("grade_in_total_row", {"national", "hubei"}, "grade_place", "等级与总分在同一行：总分 | 93.5 | 自评等级 | 优")
def _(L: Layout, rng: random.Random) -> None:
    L.grade_place = "total_row"


@variation("grade_own_row", {"hubei"}, "grade_place", "湖北表在总分下加一行 自评等级")
def _(L: Layout, rng: random.Random) -> None:
    L.grade_place = "own_row"


@variation("grade_long_words", {"national", "hubei"}, "grade_words", "等级用 优秀 / 良好 / 合格 / 不合格")
def _(L: Layout, rng: random.Random) -> None:
    L.grade_style = 1


@variation("grade_label_words", {"national"}, "grade_label", "等级一行写作 评价等级 / 等级")
def _(L: Layout, rng: random.Random) -> None:
    L.grade_label = _other(rng, V.GRADE_LABELS, L.grade_label)


# ---- workbook ---------------------------------------------------------------------------------

@variation("stacked_projects", {"national"}, "stacked", "一个工作表上上下排列两三个项目的自评表")
def _(L: Layout, rng: random.Random) -> None:
    L.stacked = rng.randint(2, 3)


@variation("several_sheets", {"national", "shenzhen"}, "sheets", "一个工作簿中两三个工作表，各放一个项目")
def _(L: Layout, rng: random.Random) -> None:
    L.sheets = rng.randint(2, 3)


@variation("generic_sheet_names", ALL, "sheet_names", "工作表名为 Sheet1、Sheet2 …")
def _(L: Layout, rng: random.Random) -> None:
    L.sheet_names = "generic"


@variation("attachment_sheet_names", ALL, "sheet_names", "工作表名为 附件2、附件2-1 …（随文件公开的附件）")
def _(L: Layout, rng: random.Random) -> None:
    L.sheet_names = "attachment"


@variation("notes_sheet", ALL, "notes", "表格旁边另有一个 填报说明 工作表（只有文字）")
def _(L: Layout, rng: random.Random) -> None:
    L.notes_sheet = True


# ---- typing of values ----------------------------------------------------------------------

@variation("text_numbers", ALL, "text", "数字以文本形式存储（网上系统导出的表常见；决算表为带千分位的文本）",
           excludes=("formulas",))
def _(L: Layout, rng: random.Random) -> None:
    L.text_numbers = True


@variation("rate_as_text", {"national", "hubei"}, "rate_style", "执行率写成文本 “95.85%”", excludes=("formulas",))
def _(L: Layout, rng: random.Random) -> None:
    L.rate_style = "percent_text"


@variation("rate_as_percent_number", {"national", "hubei"}, "rate_style", "执行率写成 95.85（表头 执行率(%)）",
           excludes=("formulas",))
def _(L: Layout, rng: random.Random) -> None:
    L.rate_style = "percent_number"


@variation("actual_percent_fraction", {"national", "hunan"}, "actual_pct",
           "百分比的完成值存成小数 0.95（百分比格式；湖南样表 0.8、1）")
def _(L: Layout, rng: random.Random) -> None:
    L.actual_percent = "fraction"


@variation("amounts_in_yuan", {"national", "hubei", "hunan"}, "yuan", "表头写 万元，金额却按 元 填写")
def _(L: Layout, rng: random.Random) -> None:
    L.amounts_in_yuan = True


@variation("split_target_one_row", {"national"}, "target_split",
           "指标值拆成 指标性质 | 指标值 | 度量单位 三列（四川 2023 表样）")
def _(L: Layout, rng: random.Random) -> None:
    L.target_split = "one_row"


@variation("split_target_two_rows", {"national", "hunan"}, "target_split",
           "两行表头：年度指标值 之下分 指标性质 | 指标值 | 度量单位")
def _(L: Layout, rng: random.Random) -> None:
    L.target_split = "two_rows"


@variation("ascii_operators", {"national", "hunan"}, "ops", "指标值写作 >=4754人、<=24万元")
def _(L: Layout, rng: random.Random) -> None:
    L.target_ops = "ascii"


@variation("variant_operators", {"national", "hunan"}, "ops", "指标值用 ≧ ≦ ═ 等变体符号")
def _(L: Layout, rng: random.Random) -> None:
    L.target_ops = "variant"


@variation("word_operators", {"national", "hunan"}, "ops", "指标值写作 不低于95%、不高于24万元")
def _(L: Layout, rng: random.Random) -> None:
    L.target_ops = "words"


@variation("bare_actuals", {"national", "hubei", "hunan"}, "bare", "完成值只写数字不写单位（湖北样表 603 对 1100 人次）")
def _(L: Layout, rng: random.Random) -> None:
    L.bare_actuals = True


# ---- content shape --------------------------------------------------------------------------

@variation("level1_points", {"national"}, "l1points", "一级指标名称带分值：产出指标（50分）（安徽、北京表样）")
def _(L: Layout, rng: random.Random) -> None:
    L.level1_points = True
    L.points_bracket = rng.choice(("（{}分）", "({}分)"))


@variation("subtotal_rows", {"national"}, "subtotals", "每个一级指标下有小计行（分值、得分）", excludes=("weights_only_in_labels",))
def _(L: Layout, rng: random.Random) -> None:
    L.subtotals = True


@variation("weights_only_in_labels", {"national"}, "weight_col",
           "指标表没有分值列，分值只写在一级指标名称里（产出指标（40分））", excludes=("subtotal_rows", "columns_reordered"))
def _(L: Layout, rng: random.Random) -> None:
    L.column_order = tuple(k for k in L.column_order if k != "weight")
    L.level1_points = True


@variation("budget_20_points", {"national"}, "budget_w", "预算执行 20 分（得分 = 20 × 执行率），指标合计 80 分")
def _(L: Layout, rng: random.Random) -> None:
    L.budget_weight = 2000


@variation("budget_sichuan_rows", {"national"}, "budget_rows",
           "预算执行块各行为 财政资金 / 财政专户管理资金 / 单位资金 / 其他资金，零值行执行率写 0.00%（四川表样）")
def _(L: Layout, rng: random.Random) -> None:
    L.budget_rows = "sichuan"
    L.budget_parts_marks = "slash"


@variation("budget_marks_repeated", {"national"}, "budget_marks", "分值、得分在“其中”各行重复填写")
def _(L: Layout, rng: random.Random) -> None:
    L.budget_parts_marks = "repeat"


@variation("budget_marks_merged", {"national"}, "budget_marks", "分值、得分单元格向下合并到“其中”各行")
def _(L: Layout, rng: random.Random) -> None:
    L.budget_parts_marks = "merge"


@variation("budget_marks_blank", {"national"}, "budget_marks", "“其中”各行的分值、得分留空（不写“-”）")
def _(L: Layout, rng: random.Random) -> None:
    L.budget_parts_marks = "blank"


@variation("placeholder_rows", {"national"}, "placeholders", "模板的占位行没删：指标2、……、空着的 生态效益指标 行")
def _(L: Layout, rng: random.Random) -> None:
    L.placeholders = True


@variation("reason_placeholders", {"national"}, "reason_ph", "满分的行在偏差原因栏写 无 / 0 / /")
def _(L: Layout, rng: random.Random) -> None:
    L.reason_placeholder = True


@variation("no_satisfaction", {"national"}, "satisfaction", "没有满意度指标，其 10 分并入产出指标")
def _(L: Layout, rng: random.Random) -> None:
    L.satisfaction = False


@variation("no_goal_text", {"national"}, "goal_text", "没有 年度总体目标 一块")
def _(L: Layout, rng: random.Random) -> None:
    L.goal_text = False


@variation("all_targets_met", {"national"}, "marked", "全部指标完成、全部满分")
def _(L: Layout, rng: random.Random) -> None:
    L.marked_down = 0


@variation("several_marked_down", {"national"}, "marked", "两三个指标未完成、按规则扣分并写明原因")
def _(L: Layout, rng: random.Random) -> None:
    L.marked_down = rng.randint(2, 3)


@variation("formulas", {"national"}, "formulas",
           "执行率、预算执行得分、小计、总分是 Excel 公式（带 Excel 保存的计算结果）",
           excludes=("text_numbers", "rate_as_text", "rate_as_percent_number"))
def _(L: Layout, rng: random.Random) -> None:
    L.formulas = True


# ---- Hubei and Hunan ------------------------------------------------------------------------

@variation("goal_points_cell", {"hubei"}, "goal_points", "年度目标的分值写在旁边单元格：年度目标1 | 30")
def _(L: Layout, rng: random.Random) -> None:
    L.goal_points_cell = True


@variation("goal_header_once", {"hubei"}, "goal_header", "指标表头只在第一个年度目标下出现一次")
def _(L: Layout, rng: random.Random) -> None:
    L.goal_headers_repeated = False


@variation("goal_header_repeated", {"hunan"}, "goal_header", "每个目标下都重复一行指标表头")
def _(L: Layout, rng: random.Random) -> None:
    L.goal_headers_repeated = True


@variation("hunan_over_budget", {"hunan"}, "hunan_funds", "实际投入资金额大于年初预算（年中追加），并写明差异原因（湖南样表原样）")
def _(L: Layout, rng: random.Random) -> None:
    L.hunan_over_budget = True


# ---- Shenzhen -------------------------------------------------------------------------------

@variation("sz_level2_column", {"shenzhen"}, "sz_l2col", "评分表有 二级指标 一列并写出二级指标名称")
def _(L: Layout, rng: random.Random) -> None:
    L.level2_column = True


@variation("sz_level2_scores_filled", {"shenzhen"}, "sz_l2scores", "二级指标行都填了评分结果小计")
def _(L: Layout, rng: random.Random) -> None:
    L.level2_scores = "filled"


@variation("sz_level2_scores_stray", {"shenzhen"}, "sz_l2scores",
           "二级指标行零星有数：一行是正确小计，一行是 0，其余空白（只是格式，不能据此报总计错误）")
def _(L: Layout, rng: random.Random) -> None:
    L.level2_scores = "stray"


@variation("sz_level1_scores", {"shenzhen"}, "sz_l1scores", "一级指标行也填了评分结果小计")
def _(L: Layout, rng: random.Random) -> None:
    L.level1_scores = True


@variation("sz_ratio_percent_text", {"shenzhen"}, "sz_ratio", "比率行写成文本 “91.90%”")
def _(L: Layout, rng: random.Random) -> None:
    L.ratio_style = "percent_text"


@variation("sz_seed_zero_rows", {"shenzhen"}, "sz_zero", "深圳样表原样：末尾空的二级行权重写 0，评价等级一行权重栏有个 0")
def _(L: Layout, rng: random.Random) -> None:
    L.grade_row_zero = True


@variation("sz_no_criteria", {"shenzhen"}, "sz_criteria", "评分标准栏只写“……”，没有可核对的文字")
def _(L: Layout, rng: random.Random) -> None:
    L.criteria = False


# ---- final accounts -------------------------------------------------------------------------

@variation("accounts_2019", {"accounts"}, "fa_year",
           "2019 年的表样：少一个功能分类（无 抗疫特别国债安排的支出），收入少一项，“用事业基金弥补收支差额”，合计行的行次与今年不同")
def _(L: Layout, rng: random.Random) -> None:
    L.accounts_2019 = True


@variation("three_public_side_by_side", {"accounts"}, "fa_three", "三公经费表每一项下并列 预算数 | 决算数")
def _(L: Layout, rng: random.Random) -> None:
    L.three_public = "side_by_side"


@variation("three_public_vertical", {"accounts"}, "fa_three", "三公经费表竖排：各项为行，合计在最下面")
def _(L: Layout, rng: random.Random) -> None:
    L.three_public = "vertical"


@variation("no_column_numbers", {"accounts"}, "fa_colnum", "决算表没有“栏次”一行")
def _(L: Layout, rng: random.Random) -> None:
    L.column_number_row = False


@variation("zeros_written", {"accounts"}, "fa_zero", "没有发生额的单元格写 0.00 而不是空白")
def _(L: Layout, rng: random.Random) -> None:
    L.zero_style = "zero"


@variation("dash_for_zero", {"accounts"}, "fa_zero", "没有发生额的单元格写 “-”")
def _(L: Layout, rng: random.Random) -> None:
    L.zero_style = "dash"


@variation("tables_subset", {"accounts"}, "fa_tables", "只公开部分表（例如只有 01–03 表，或只有 05、06、09 表）")
def _(L: Layout, rng: random.Random) -> None:
    L.tables = rng.choice((("01", "02", "03"), ("05", "06", "09"), ("02",), ("01", "04"), ("03", "05")))


@variation("code_split", {"accounts"}, "fa_codes", "科目编码分成 类 | 款 | 项 三列（201 | 03 | 01）")
def _(L: Layout, rng: random.Random) -> None:
    L.code_split = True


@variation("accounts_in_yuan", {"accounts"}, "fa_unit", "决算表金额单位为 元")
def _(L: Layout, rng: random.Random) -> None:
    L.amounts_in_yuan = True


@variation("no_line_numbers", {"accounts"}, "fa_lines", "公开01表、04表没有 行次 列")
def _(L: Layout, rng: random.Random) -> None:
    L.line_numbers = False


# ---- summary --------------------------------------------------------------------------------

@variation("summary_seed_columns", {"summary"}, "sm_columns", "汇总表只有 序号 | 项目名称 | 自评得分 | 自评等级，没有预算数和平均分（山东样表）")
def _(L: Layout, rng: random.Random) -> None:
    L.summary_columns = "seed"


# ---- department-wide scoring sheets ----------------------------------------------------------

@variation("dept_coefficient_list", {"dept"}, "dept_style",
           "部门整体自评为一张指标清单：指标值 | 实际完成值 | 得分系数 | 指标权重 | 指标得分 | 是否核心指标，总得分写在表头上方",
           excludes=("labels_repeated", "dept_halfwidth_brackets", "dept_no_grade"))
def _(L: Layout, rng: random.Random) -> None:
    L.department_style = "coefficients"


@variation("dept_halfwidth_brackets", {"dept"}, "dept_brackets", "一级、二级指标名称中的分值用半角括号：部门决策(20分)")
def _(L: Layout, rng: random.Random) -> None:
    L.points_bracket = "({}分)"


@variation("dept_no_grade", {"dept"}, "dept_grade", "评分表没有 自评等级 一行")
def _(L: Layout, rng: random.Random) -> None:
    L.grade_place = "none"
