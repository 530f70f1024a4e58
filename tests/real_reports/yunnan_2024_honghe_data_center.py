"""红河州数据发展中心 2024 年度项目支出绩效单位自评报告 (Honghe, Yunnan)."""

SOURCE = ("https://www.hh.gov.cn/info/11481/1179592.htm", "红河州数据发展中心2024年度项目支出绩效单位自评报告")
PROVINCE = "Yunnan"
YEAR = 2024
KIND = "project"
NOTE = "prefecture site; the stored copy ends inside (2) of 1.项目立项背景"
OMITTED = [
    "before ¶1: the disclosure lines (预算绩效管理, 索引号, 发布机构, 文号, 发布日期, 时效性)",
    "after ¶6: the paragraph '(2)红河州一中心一平台六大库N应用经费…' (the stored copy ends inside it)",
]

PARAGRAPHS = [
    "红河州数据发展中心2024年度项目支出绩效单位自评报告",
    "一、基本情况",
    "2024年,红河州数据发展中心(以下简称“州数据发展中心”)实施项目共15个(含2023年转列暂付性款项项目5个),年初批复预算8个项目985万元(含1个年初结转结余项目50万元),调整预算后项目预算861.46万元,年中增加8个项目(含2023年转列暂付性款项项目5个),实际到位资金334.67万元。",
    "(一)项目概况",
    "1.项目立项背景",
    "(1)“数说红河”展厅运维经费。“数”说红河——新时代团结进步美丽红河展厅位于蒙自市红河文化广场红河展览馆一楼,总建筑面积约1000㎡,建筑层高约4.3m。分为序厅、全国民族团结进步示范州平台、新型工业强州、乡村振兴富州、农业资源大数据、农业物联网、农业特色产业、美丽县城特色小镇美丽乡村、数字小镇、绿色生态靓州、沿边开放活州、云上红河云领未来、留言板等28个展区以及174台拼接屏、30台主机工作站、4台工程级高清投影仪、18台网络数据通讯设备、25.29㎡P1.5LED显示屏及外设控制辅助设备以及机房等模块。预算项目经费用于保障“数说红河”展厅各个展陈模块的正常运转,向政府及公民展示红河的数字化建设成果,说好“数字红河”故事。",
]

CONTRADICTIONS: list[tuple] = []
UNSURE = [
    (3, "error", ("实施项目共15个, yet 年初批复 8个 + 年中增加 8个 = 16; the parts are not introduced by 其中, and one "
                 "project may be counted in both (the 5 转列 projects are mentioned twice), so this may or may not be a slip")),
]
CONSISTENT = {
    6: "descriptive counts (28个展区, 174台…), no total to check",
}
