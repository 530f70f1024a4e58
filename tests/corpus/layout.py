"""How a generated form is laid out and typed. Defaults give the official layout; variations change fields.

One options object serves every form kind; a renderer reads the fields that concern its form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Layout:
    # ---- header words (indicator table and budget block) --------------------------------------
    weight_label: str = "分值"
    score_label: str = "得分"
    target_label: str = "年度指标值"
    actual_label: str = "实际完成指标值"
    reason_label: str = "偏差原因分析及改进措施"
    budget_weight_label: str = "分值"
    budget_score_label: str = "得分"
    budget_section: str = "项目预算执行情况"
    budget_init_label: str | None = "年初预算数"  # None: the block has no 年初预算数 column
    budget_a_label: str = "全年预算数"
    budget_b_label: str = "全年执行数"
    budget_rate_label: str = "执行率"
    with_ab: bool = True  # (A)/(B) after the labels that officially carry them
    decoration: str = "plain"  # plain / fullwidth / spaces / linebreak
    # ---- geometry ----------------------------------------------------------------------------
    top: int = 0
    left: int = 0
    spacer_rows: bool = False
    spacer_column: str | None = None  # logical column after which an empty column sits
    column_order: tuple[str, ...] = ("target", "actual", "weight", "score", "reason")
    extra_columns: tuple[str, ...] = ()
    table_label_column: bool = True
    table_label: str = "绩效指标"
    label_cells: str = "merge"  # merge / repeat / first (written once, not merged)
    merge_headers: bool = True
    budget_order: tuple[str, ...] = ("init", "A", "B", "weight", "rate", "score")
    # ---- totals ------------------------------------------------------------------------------
    total_label: str = "总分"
    total_place: str = "score_column"  # score_column / after_label / with_weight / last_column
    grade_place: str = "own_row"  # own_row / in_label / total_row / none
    grade_label: str = "自评等级"
    grade_style: int = 0  # 0: 优/良/中/差, 1: 优秀/良好/合格/不合格
    # ---- typing of values --------------------------------------------------------------------
    text_numbers: bool = False
    rate_style: str = "fraction"  # fraction (0.9585, shown 95.85%) / percent_text ("95.85%") / percent_number (95.85)
    actual_percent: str = "text"  # text ("95%") / fraction (0.95) / bare (95)
    amounts_in_yuan: bool = False  # the header says 万元, the unit typed 元
    target_split: str | None = None  # None / one_row / two_rows (指标性质 | 指标值 | 度量单位)
    target_ops: str = "unicode"  # unicode ≥ ≤ / ascii >= <= / variant ≧ ≦ ═ / words 不低于 不高于
    bare_actuals: bool = False  # 完成值 typed without its unit ("1339" for 1018人次)
    # ---- content shape -----------------------------------------------------------------------
    level1_points: bool = False  # 一级 labels carry their points: 产出指标（50分）
    points_bracket: str = "（{}分）"
    subtotals: bool = False  # 一级 subtotal rows
    budget_weight: int = 1000  # hundredths: 10 points, or 20 (得分 = 20 × 执行率)
    budget_rows: str = "standard"  # standard / sichuan (财政资金, 财政专户管理资金, 单位资金, 其他资金)
    budget_total_label: str = "年度资金总额"
    budget_parts_marks: str = "dash"  # dash / slash / blank / repeat / merge
    placeholders: bool = False
    reason_placeholder: bool = False
    marked_down: int = 1  # how many rows a clean form marks down (with a reason)
    scoring_method: bool = False  # Beijing 2016: a 得分计算方法 column stating the national scoring rule
    satisfaction: bool = True
    goal_text: bool = True
    formulas: bool = False
    goal_headers_repeated: bool = True
    goal_points_cell: bool = False  # Hubei: "年度目标1 | 30" instead of "年度目标1:(30分)"  # Hubei/Hunan: the indicator header under every goal
    hunan_over_budget: bool = False  # Hunan: 实际投入 above 年初预算, with the reason given
    # ---- Shenzhen ----------------------------------------------------------------------------
    level2_column: bool = False  # 二级指标 column with names (seed 002 has none)
    level2_scores: str = "blank"  # blank / filled / stray
    level1_scores: bool = False
    ratio_style: str = "number"  # number (91.9) / percent_text ("91.90%")
    ratio_decimals: int = 2
    grade_row_zero: bool = False  # seed 002: a stray 0 in the 权重 cell of the 评价等级 row
    criteria: bool = True
    # ---- final accounts ----------------------------------------------------------------------
    accounts_2019: bool = False
    three_public: str = "blocks"  # blocks / side_by_side / vertical
    column_number_row: bool = True  # 栏次 row under the headers
    zero_style: str = "blank"  # blank / zero / dash
    tables: tuple[str, ...] = ("01", "02", "03", "04", "05", "06", "09")
    code_split: bool = False  # 科目编码 in three columns 类 | 款 | 项
    line_numbers: bool = True  # 01/04: the 行次 columns
    department_style: str = "points"  # points (一级/二级 points in labels) / coefficients (得分系数 list)
    summary_columns: str = "full"  # full (序号 名称 预算数 得分 等级 + 加权平均) / seed (序号 名称 得分 等级)
    # ---- workbook ----------------------------------------------------------------------------
    sheet_names: str = "titles"  # titles / generic (Sheet1…) / attachment (附件2…)
    stacked: int = 1  # projects stacked on one sheet
    sheets: int = 1  # projects on separate sheets
    notes_sheet: bool = False
    unit_line: bool = True
    unit_text: str = "单位：万元"
    variations: list[str] = field(default_factory=list)

    # ---- helpers -----------------------------------------------------------------------------
    def label(self, text: str, mark: str | None = None) -> str:
        """A header label as this form writes it: (A)/(B), brackets, spaces, line breaks."""
        if mark and self.with_ab:
            text = f"{text}({mark})"
        return decorate(text, self.decoration)

    def plain(self, text: str) -> str:
        return decorate(text, self.decoration)


def decorate(text: str, how: str) -> str:
    if how == "fullwidth":
        return text.replace("(", "（").replace(")", "）").replace(":", "：")
    if how == "spaces":
        core = re.sub(r"\(.*\)$", "", text)
        rest = text[len(core):]
        return (" ".join(core) if len(core) <= 3 else core[:2] + " " + core[2:]) + rest
    if how == "linebreak":
        core = re.sub(r"\(.*\)$", "", text)
        rest = text[len(core):]
        if len(core) >= 4:
            return core[: len(core) // 2] + "\n" + core[len(core) // 2:] + rest
        return core + ("\n" + rest if rest else "")
    return text
