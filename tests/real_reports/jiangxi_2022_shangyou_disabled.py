"""上犹县残联 2022 年部门整体支出绩效自评报告 (Jiangxi): seed 003, the report issue 14 starts from.

The transcription is the one the narrative tests use (tests/narrative_fixtures.py, SEED_003); the
contradictions below were listed again by reading it for this corpus.
"""

from tests.narrative_fixtures import SEED_003

SOURCE = ("seed 003 (/work/shared/seeds/003_8abcba2a8b64890b.txt)", "上犹县残联2022年部门整体支出绩效自评报告")
PROVINCE = "Jiangxi"
YEAR = 2022
KIND = "department"
NOTE = "the whole report, as the seed gives it"
OMITTED: list[str] = []

PARAGRAPHS: list[str] = list(SEED_003)

CONTRADICTIONS = [
    (6, "RP04", "error", "编制人数小计7人，其中 行政4 + 参公事业0 + 事业4 = 8人"),
    (17, "RP03", "error", "人员保障: 预期值 >=9人, 实际完成值 100%: 人 against %"),
    (22, "RP01", "error", "业务工作质量完成率: 预期 100%, 实际 80%, said 达到预期值目标"),
    (23, "RP01", "error", "政府中心工作完成率: 预期 100%, 实际 90%, said 达到预期值目标"),
    (27, "RP01", "error", "满意度: 预期 >90%, 实际 90% (not above 90%), said 达到预期值目标"),
]
UNSURE: list[tuple] = []
CONSISTENT = {
    14: "全年预算数374.26万元, 支付374.26万元, 执行进度100%",
    18: "政府中心工作 >=6个, 实际6个, 达到",
    19: "残疾人民生工程项目 >=6个, 实际6个, 达到",
    20: "业务工作质量达标率 100% / 100%, 达到",
    21: "政府中心工作达标率 100% / 100%, 达到",
    25: "有所改善、有所提高 as planned, 达到",
    33: "自评指标得分95分 (no grade stated)",
}
