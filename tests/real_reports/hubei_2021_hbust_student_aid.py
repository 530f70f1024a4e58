"""湖北科技学院 2021 年度本专科生奖助学金项目自评结果 (Hubei)."""

SOURCE = ("https://xxgkw.hbust.edu.cn/info/1243/1928.htm", "2021年度本专科生奖助学金项目自评结果")
PROVINCE = "Hubei"
YEAR = 2021
KIND = "project"
NOTE = "university disclosure site; the indicator table is left out; the stored copy ends inside (三)"
OMITTED = [
    ("after ¶9: the table of indicators (一级指标 | 二级指标 | 指标名称 | 目标值 | 实际完成值, nine rows); "
    "it is a Word table, not body paragraphs"),
    "after ¶10: the paragraph '1、受资助本专科困难学生覆盖率有待进一步提高。主要原因是…' (the stored copy ends there)",
]

PARAGRAPHS = [
    "2021年度本专科生奖助学金项目自评结果",
    "一、自评结论",
    "(一)评价得分情况。",
    "对照2021度本专科生奖助学金项目年初绩效目标及项目实际完成情况,自评小组经过自评,综合评价得分为 99.8分。",
    "(二)绩效目标完成情况",
    "1、执行率情况。",
    "根据《省财政厅 省教育厅关于下达2021年普通高校学生资助补助经费预算的通知》(鄂财教发[2021]40号)文件批复,2021年本专科生奖助学金项目实际下达预算2596万元,全年度实际总支出2595.6208 万元,项目预算执行率99%。项目预算资金未执行完的主要原因是剩余未执行完的0.3792万元为应征入伍学生国家资助经费,因此笔经费无法达到一名学生4000元的最低资助标准,将作为我校2022年应征入伍学生国家资助经费使用。因此我校2021年资助项目资金没有全部执行完。",
    "完成的绩效目标。",
    "经过自评,本项目较好的完成的年初预定的各项绩效目标。具体完成情况如下表:",
    "(三)存在的问题和原因",
]

CONTRADICTIONS = [
    (7, "RP05", "warning", ("2595.6208 / 2596 = 99.985%, which is 100% at the written precision; the report writes 99% "
                           "(cut, not rounded): one unit of the last digit")),
]
UNSURE: list[tuple] = []
CONSISTENT = {
    4: "综合评价得分 99.8分 (no grade stated)",
}
