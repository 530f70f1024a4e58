"""忠县民政局 2024 年度中央、市级转移支付资金绩效自评报告 (Chongqing)."""

SOURCE = ("http://www.yebusi.com/bm/zxmzj/zwgk_34581/fdzdgknr_34586/ysjs/mzjys/202505/t20250530_14673626.html",
          "忠县民政局2024年度资金绩效自评报告")
PROVINCE = "Chongqing"
YEAR = 2024
KIND = "transfer"
NOTE = ("a copy of the 忠县人民政府 page (索引号 11500233709436995H/2025-00204) on a mirror host; "
        "the stored copy ends inside 5.")
OMITTED = [
    "before ¶1: the page header (site navigation, 索引号, 发文字号, 主题分类, 发布机构, dates, page title, 字号/分享)",
    "after ¶3: a line holding only '?' (an encoding remnant of the page)",
    "after ¶16: the paragraph '绩效目标:养老机构消防安全防范能…' and the rest (the stored copy ends there)",
]

PARAGRAPHS = [
    "忠县民政局",
    "2024年度中央、市级转移支付资金",
    "绩效自评报告",
    "一、绩效目标分解下达情况",
    "(一)中央、市级下达专项转移支付预算",
    "2024年度,中央、市级下达转移支付慈善会项目40万元;城乡低保、特困供养、临时救助项目2.75万元;忠州福利院运行经费项目25.85万元;福利彩票公益金支出项目276.42万元;养老机构消防安全达标提升补助项目20万元;审计财政项目评审专项经费18.6万元;民政管理工作经费17万元;政府购买社工服务项目45万元;社会福利中心综合楼建设项目770.19万元;城乡公益性公墓建设补助130万元;精神障碍社区康复服务项目338.93万元;困难群众临时救助项目1856.95万元;流浪乞讨救助经费36万元;基本公共卫生服务项目3万元。共计下达中央、市级转移支付资金3580.69万元。",
    "(二)绩效目标情况",
    "1.慈善会项目",
    "绩效目标:保障全县慈善会工作顺利进行。",
    "2.城乡低保、特困供养、临时救助项目",
    "绩效目标:对民政补助对象开展定期入户调查、定时民调、定期宣传工作。",
    "3.忠州福利院运行经费项目",
    "绩效目标:保障忠州福利院正常运行。",
    "4.福利彩票公益金支出",
    "绩效目标:用于老年、儿童等社会福利事业支出,确保有关工作顺利推进。",
    "5.养老机构消防安全达标提升补助项目",
]

CONTRADICTIONS: list[tuple] = []
UNSURE: list[tuple] = []
CONSISTENT = {
    6: "the fourteen amounts add up to 3580.69 (the total comes after its parts)",
}
