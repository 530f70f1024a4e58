"""眉山市残疾人事业发展补助资金绩效自评报告 (Sichuan), as republished on a model-essay site.

The site reprints real reports with the years replaced by "20xx" ("残联项目绩效自评报告(精选6篇)", the
first one); the unit (眉山市) and every amount are the report's own.
"""

SOURCE = ("http://meiwen.anslib.com/fanwenku/414301.html", "残联项目绩效自评报告(精选6篇) 1 (眉山市)")
PROVINCE = "Sichuan"
YEAR = None
KIND = "transfer"
NOTE = "republished on a model-essay site with the years replaced by 20xx; the copy ends inside (二) 3."
OMITTED = [
    "before ¶1: the site's title lines and the heading '残联项目绩效自评报告(精选6篇)1'",
    "after ¶8: the paragraph '3.通…' and the rest (the stored copy ends there)",
]

PARAGRAPHS = [
    "一、绩效目标分解下达情况",
    "项目年初总体目标为:20xx年中、省下达残疾人事业发展补助资金合计1067.2万元。其中,中央资金776.84万元(一般公共预算:323.97万元;彩票公益金:452.87万元);省级资金290.36万(一般公共预算:270.36万元;彩票公益金:20万元)。20xx年地方投入残疾人事业发展补助资金877.99万元,20xx年结转资金44.89万元。",
    "实际完成情况为:截止20xx年12月31日眉山市中央资金完成636.75万元,预算执行率81.97%,省级资金完成288.26万元,预算执行率99.28%;地方资金完成877.99万元,预算执行率100%,其他资金(上年结转)完成44.85万元,预算执行率99.91%。",
    "二、绩效目标完成情况分析",
    "(一)资金投入情况分析。",
    "20xx年眉山市残疾人事业发展补助资金(一般公共预算)和中央专项彩票公益金支持残疾人事业发展补助共投入资金1987.08万元。其中中央资金投入776.84万元,省级资金投入290.36万元,地方资金投入992.88万元。全年执行资金1847.85万元,执行率92.9%。",
    "(二)总体绩效目标完成情况分析。",
    "1.通过开展残疾人基本康复服务项目年度工作,为残疾人配置辅助器具,为肢体、视力、精神、智力残疾人提供基本康复服务,努力提高受助残疾人生活自理和社会参与能力。",
    "2.完成农村实用技术培训年度工作,提高残疾人劳动技能,提高残疾人教育水平。",
]

CONTRADICTIONS = [
    (6, "RP04", "error", "共投入资金1987.08万元, 其中 776.84 + 290.36 + 992.88 = 2060.08万元, 73万元 more than the total"),
    (6, "RP05", "warning", ("1847.85 / 1987.08 = 92.99%, 93.0% at the written precision; the report writes 92.9% "
                           "(cut, not rounded): one unit of the last decimal")),
]
UNSURE: list[tuple] = []
CONSISTENT = {
    2: "1067.2 = 776.84 + 290.36; 776.84 = 323.97 + 452.87; 290.36 = 270.36 + 20",
    3: "636.75/776.84 = 81.97%, 288.26/290.36 = 99.28%, 877.99/877.99 = 100%, 44.85/44.89 = 99.91% "
       "(budgets from ¶2)",
}
