"""绵阳市科学技术局 2021 年项目绩效自评报告 (Sichuan), as republished on a model-essay site.

"项目绩效自评报告精品15篇", the first one: 绵阳市科学技术局's report on its 2021 project funds.
"""

SOURCE = ("https://beiku.com/zipingbaogao/article_538282.html", "项目绩效自评报告精品15篇 1 (绵阳市科学技术局)")
PROVINCE = "Sichuan"
YEAR = 2021
KIND = "project"
NOTE = "republished on a model-essay site; the copy ends inside (二)资金安排情况"
OMITTED = [
    "before ¶1: the site's title lines, introduction and the heading '项目绩效自评报告1'",
    ("after ¶5: the paragraph '2021年部门预算项目支出87.5万元,分别是科技活动交流经费5万元,…科…' (the stored copy ends "
    "inside its list of items)"),
]

PARAGRAPHS = [
    "一、项目基本情况",
    "(一)绩效目标情况",
    "绵阳市科学技术局主要有部门预算项目支出、专项预算支出二类支出,项目资金总预算为2455.5万元,其中部门预算项目支出87.5万元,专项预算支出2350万元。",
    "部门预算项目支出主要用于积极引进、培养人才,开展核心技术攻关、提升产品性能、促进企业发展,解决行业关键技术难题,深化科技金融结合试点,加强与相关部门和金融机构的合作,在全市开展“拨、贷、投、保、贴”等科技金融联动工作,积极探索技术、资本、市场、产品相融合的科技金融结合新模式。专项预算主要用于推进我市科技创新发展,为我市创新主体开展高水平基础研究和应用基础研究、开展工程化技术研究、聚集和培养优秀科技人才、开展高水平学术交流提供研究基地,激励和引导各创新主体积极参与重点实验室、工程技术研究中心等创新平台建设,积极开展关键核心技术攻关,提升绵阳在国家创新体系中的战略地位,为全面建设中国科技城和社会主义现代化绵阳贡献科技力量。",
    "(二)资金安排情况",
]

CONTRADICTIONS = [
    (3, "RP04", "warning", ("总预算2455.5万元 of 二类支出 (two kinds only), 其中 87.5 + 2350 = 2437.5万元, 18万元 short; "
                           "the rule's contract makes a sum below the total a warning")),
]
UNSURE: list[tuple] = []
CONSISTENT: dict[int, str] = {}
