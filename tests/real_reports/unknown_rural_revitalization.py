"""A county's report on its funds for 巩固拓展脱贫攻坚成果和乡村振兴, as republished on a model-essay site.

"乡村振兴项目绩效自评报告(精选10篇)", the first one; the site replaced the years by "20xx" and the
copy does not name the county or province.
"""

SOURCE = ("http://zuowen.c321.cn/baogao/6496317.html", "乡村振兴项目绩效自评报告(精选10篇) 1")
PROVINCE = "unknown"
YEAR = None
KIND = "transfer"
NOTE = "republished on a model-essay site, years replaced by 20xx, county not named; the copy ends inside 公益岗位补助"
OMITTED = [
    "before ¶1: the site's title lines, introduction and the heading '乡村振兴项目绩效自评报告 1'",
    "after ¶11: the paragraph '公益岗位补助,用于开发农村…' and the rest (the stored copy ends there)",
]

PARAGRAPHS = [
    "一、项目基本情况",
    "(一)绩效目标情况",
    "切实改善脱贫村和配贫困村群众生产生活设施条件,补齐基础设施短板、持续落实小额信贷贴息、雨露计划、公益性岗位、跨省就业交通补助、防返贫预警、资产收益、产业发展,持续巩固拓展脱贫攻坚成果,衔接推进乡村振兴。",
    "(二)资金安排情况",
    "20xx年,用于巩固拓展脱贫攻坚成果和乡村振兴建设任务安排资金19204.096万。其中,央省14059.11万元、市级1299万元、县级3845.986万元,资金已全部到位。",
    "二、绩效目标完成情况分析",
    "(一)预算执行进度情况分析。",
    "20xx年,巩固拓展脱贫攻坚成果和乡村振兴建设任务资金支付18501.096万元,未支703万元,支付率95%。未支付资金属于部分项目暂未审计和预留的质保金,待审计结束和质保期满后,再办理结算和支付未付资金。",
    "(二)总体绩效目标完成情况分析。",
    "20xx年用于巩固拓展脱贫攻坚成果和乡村振兴建设任务资金安排的项目,实际完成的任务量达到绩效目标申报的任务量。用途均按照央、省衔接资金管理办法,未突破负面清单安排资金项目。",
    "跨省交通就业,为跨省就业的脱贫劳动力(含监测对象)解决交通补助,由县人社局动态收集跨省就业务工脱贫户、监测户信息,对其务工产生交通费用按政策给予一定的补助,实报实销。",
]

CONTRADICTIONS = [
    (8, "RP05", "error", ("支付率95%, but 18501.096 / 19204.096 (安排资金 ¶5 = 支付 18501.096 + 未支 703) = 96.34%: "
                         "96% at the written precision, and no rounding of 96.34 gives 95")),
]
UNSURE: list[tuple] = []
CONSISTENT = {
    5: "19204.096 = 14059.11 + 1299 + 3845.986",
}
