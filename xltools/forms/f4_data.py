"""Row lists and names of the 部门决算公开表 (seed 004, 2022 national layout, and the names other
years and units use for the same rows and columns)."""

from xltools.forms.spec import Label

# 功能分类 类级 items as listed on 公开01表 / 04表 (支出 side), in order.
FUNCTION_CLASSES = (
    "一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
    "文化旅游体育与传媒支出", "社会保障和就业支出", "卫生健康支出", "节能环保支出", "城乡社区支出",
    "农林水支出", "交通运输支出", "资源勘探工业信息等支出", "商业服务业等支出", "金融支出",
    "援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出", "粮油物资储备支出",
    "国有资本经营预算支出", "灾害防治及应急管理支出", "其他支出", "债务还本支出", "债务付息支出",
    "抗疫特别国债安排的支出",
)
CHINESE_ORDINALS = (
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六",
    "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四", "二十五", "二十六",
)
INCOME_ITEMS_01 = (
    "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入", "上级补助收入",
    "事业收入", "经营收入", "附属单位上缴收入", "其他收入",
)
INCOME_ITEMS_04 = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")

# 公开06表: 经济分类 codes, (code, name); three printed column groups.
PERSONNEL = (
    ("301", "工资福利支出"), ("30101", "基本工资"), ("30102", "津贴补贴"), ("30103", "奖金"),
    ("30106", "伙食补助费"), ("30107", "绩效工资"), ("30108", "机关事业单位基本养老保险缴费"),
    ("30109", "职业年金缴费"), ("30110", "职工基本医疗保险缴费"), ("30111", "公务员医疗补助缴费"),
    ("30112", "其他社会保障缴费"), ("30113", "住房公积金"), ("30114", "医疗费"), ("30199", "其他工资福利支出"),
    ("303", "对个人和家庭的补助"), ("30301", "离休费"), ("30302", "退休费"), ("30303", "退职（役）费"),
    ("30304", "抚恤金"), ("30305", "生活补助"), ("30306", "救济费"), ("30307", "医疗费补助"),
    ("30308", "助学金"), ("30309", "奖励金"), ("30310", "个人农业生产补贴"), ("30311", "代缴社会保险费"),
    ("30399", "其他对个人和家庭的补助"),
)
GOODS_SERVICES = (
    ("302", "商品和服务支出"), ("30201", "办公费"), ("30202", "印刷费"), ("30203", "咨询费"),
    ("30204", "手续费"), ("30205", "水费"), ("30206", "电费"), ("30207", "邮电费"), ("30208", "取暖费"),
    ("30209", "物业管理费"), ("30211", "差旅费"), ("30212", "因公出国（境）费用"), ("30213", "维修（护）费"),
    ("30214", "租赁费"), ("30215", "会议费"), ("30216", "培训费"), ("30217", "公务接待费"),
    ("30218", "专用材料费"), ("30224", "被装购置费"), ("30225", "专用燃料费"), ("30226", "劳务费"),
    ("30227", "委托业务费"), ("30228", "工会经费"), ("30229", "福利费"), ("30231", "公务用车运行维护费"),
    ("30239", "其他交通费用"), ("30240", "税金及附加费用"), ("30299", "其他商品和服务支出"),
)
CAPITAL_OTHER = (
    ("307", "债务利息及费用支出"), ("30701", "国内债务付息"), ("30702", "国外债务付息"),
    ("30703", "国内债务发行费用"), ("30704", "国外债务发行费用"),
    ("310", "资本性支出"), ("31001", "房屋建筑物购建"), ("31002", "办公设备购置"), ("31003", "专用设备购置"),
    ("31005", "基础设施建设"), ("31006", "大型修缮"), ("31007", "信息网络及软件购置更新"), ("31008", "物资储备"),
    ("31009", "土地补偿"), ("31010", "安置补助"), ("31011", "地上附着物和青苗补偿"), ("31012", "拆迁补偿"),
    ("31013", "公务用车购置"), ("31019", "其他交通工具购置"), ("31021", "文物和陈列品购置"),
    ("31022", "无形资产购置"), ("31099", "其他资本性支出"),
    ("312", "对企业补助"), ("31201", "资本金注入"), ("31203", "政府投资基金股权投资"), ("31204", "费用补贴"),
    ("31205", "利息补贴"), ("31299", "其他对企业补助"),
    ("399", "其他支出"), ("39907", "国家赔偿费用支出"), ("39908", "对民间非营利组织和群众性自治组织补贴"),
    ("39909", "经常性赠与"), ("39910", "资本性赠与"), ("39999", "其他支出"),
)


# ---- names the recognizer reads ----------------------------------------------------------------
# What the 2022 template prints first, then what the same row or column is called in the tables
# other years and units publish (2015–2023: 用事业基金弥补收支差额 before 2019, 结转下年, 下级单位
# 上缴收入, 支出决算数 …). Spaces, line breaks, full-width forms, ordinal prefixes (一、 (一) 1.)
# and bracketed parts never matter: recognize/final_accounts.py compares the remaining words.
# forms/f4_final_accounts.py builds the TableSpecs of the nine tables from these.

# 公开01表 and 04表: the rows of each side by their role. Rows above 本年收入合计 (本年支出合计) are
# the side's items; rows between it and 总计 are balances, each perhaps followed by its parts.
INCOME_SUBTOTAL = Label("本年收入合计", ("本年收入", "收入合计", "本年收入小计", "本年收入总计"))
NON_FISCAL_SURPLUS = Label("使用非财政拨款结余", ("用事业基金弥补收支差额", "使用非财政拨款结余和专用结余",
                                             "使用专用结余", "用非财政拨款结余弥补收支差额"))
OPENING = Label("年初结转和结余", ("上年结转和结余", "年初结转结余", "上年结转结余", "上年结转", "年初结转与结余",
                               "年初结转"))
OPENING_FISCAL = Label("年初财政拨款结转和结余", ("年初财政拨款结转结余", "上年财政拨款结转和结余", "上年财政拨款结转"))
GRAND_TOTAL = Label("总计", ("收入总计", "支出总计", "收支总计"))
SPENDING_SUBTOTAL = Label("本年支出合计", ("本年支出", "支出合计", "本年支出小计", "本年支出总计"))
DISTRIBUTION = Label("结余分配", ("结余分配支出",))
CLOSING = Label("年末结转和结余", ("年末结转结余", "结转下年", "年末结转与结余", "年末结转"))
CLOSING_FISCAL = Label("年末财政拨款结转和结余", ("年末财政拨款结转结余", "财政拨款结转下年"))
LINE_ROLES = (("income_subtotal", INCOME_SUBTOTAL), ("surplus", NON_FISCAL_SURPLUS), ("opening", OPENING),
              ("opening", OPENING_FISCAL), ("total", GRAND_TOTAL), ("spending_subtotal", SPENDING_SUBTOTAL),
              ("distribution", DISTRIBUTION), ("closing", CLOSING), ("closing", CLOSING_FISCAL))
# Rows listed under a balance that break it down (04表: the three kinds of 财政拨款; older 01表:
# 基本支出结转 / 项目支出结转和结余 / 经营结余). A row starting 其中 is a part that need not add up.
BALANCE_PARTS = Label("基本支出结转", ("项目支出结转和结余", "项目支出结转", "项目支出结余", "经营结余",
                                   "基本支出结转和结余", "一般公共预算财政拨款", "政府性基金预算财政拨款",
                                   "国有资本经营预算财政拨款"))

# 公开01表 income items, keyed by the 02表 column they equal (the three kinds of 财政拨款 together
# equal 02表 财政拨款收入; before 2016 one row 财政拨款收入 stood for them).
INCOME_ITEMS = (
    ("fiscal_general", Label("一般公共预算财政拨款收入", ("一般公共预算拨款收入", "一般公共预算财政拨款",
                                                   "公共财政预算财政拨款收入", "公共预算财政拨款收入"))),
    ("fiscal_fund", Label("政府性基金预算财政拨款收入", ("政府性基金预算拨款收入", "政府性基金预算财政拨款"))),
    ("fiscal_capital", Label("国有资本经营预算财政拨款收入", ("国有资本经营预算拨款收入", "国有资本经营预算财政拨款"))),
    ("fiscal", Label("财政拨款收入", ("财政补助收入", "财政拨款"))),
    ("upper", Label("上级补助收入")),
    ("business", Label("事业收入")),
    ("operating", Label("经营收入", ("事业单位经营收入",))),
    ("affiliated", Label("附属单位上缴收入", ("下级单位上缴收入",))),
    ("other", Label("其他收入")),
)
FISCAL_ITEMS = ("fiscal_general", "fiscal_fund", "fiscal_capital", "fiscal")
# Spending by kind (some units list these on 01表 instead of, or besides, the 功能分类 classes).
SPENDING_KINDS = ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")

# Columns of the two sides of 01表 / 04表.
SIDE_NAME = Label("项目", ("收入项目", "支出项目", "收入", "支出", "科目", "科目名称"))
LINE_NO = Label("行次", ("行号",))
AMOUNT = Label("金额", ("决算数", "本年决算数", "决算金额", "本年数", "全年决算数", "支出决算数", "收入决算数"))
BUDGET = Label("预算数", ("年初预算数", "全年预算数", "调整预算数", "调整后预算数", "本年预算数"))
FUND_TOTAL = Label("合计", ("小计",))
FUND_GENERAL = Label("一般公共预算财政拨款", ("一般公共预算", "一般公共预算财政拨款支出", "一般公共预算拨款"))
FUND_FUND = Label("政府性基金预算财政拨款", ("政府性基金预算", "政府性基金预算财政拨款支出", "政府性基金预算拨款"))
FUND_CAPITAL = Label("国有资本经营预算财政拨款", ("国有资本经营预算", "国有资本经营预算财政拨款支出",
                                            "国有资本经营预算拨款"))
SIDE_COLUMNS = (("name", SIDE_NAME), ("line", LINE_NO), ("amount", AMOUNT), ("budget", BUDGET),
                ("total", FUND_TOTAL), ("general", FUND_GENERAL), ("fund", FUND_FUND), ("capital", FUND_CAPITAL))

# 科目编码 tables (02, 03, 05, 07, 08): the code as one column or split into 类 | 款 | 项.
CODE = Label("科目编码", ("功能分类科目编码", "支出功能分类科目编码", "科目代码", "功能科目编码", "编码", "科目编号"))
CODE_NAME = Label("科目名称", ("功能分类科目名称", "支出功能分类科目名称", "功能科目名称", "科目"))
CODE_SPLIT = (("class", Label("类")), ("kuan", Label("款")), ("item", Label("项")))
TOTAL_ROW = Label("合计", ("总计",))
# Column headers that only say "the total of the group above me".
GENERIC_TOTALS = ("小计", "合计")

CODE_COLUMNS: dict[str, tuple[tuple[str, Label], ...]] = {
    "02": (("total", Label("本年收入合计", ("合计", "收入合计", "本年收入"))),
           ("fiscal", Label("财政拨款收入", ("财政拨款", "财政补助收入"))),
           ("upper", Label("上级补助收入")), ("business", Label("事业收入")),
           ("operating", Label("经营收入", ("事业单位经营收入",))),
           ("affiliated", Label("附属单位上缴收入", ("下级单位上缴收入",))), ("other", Label("其他收入"))),
    "03": (("total", Label("本年支出合计", ("合计", "支出合计", "本年支出"))), ("basic", Label("基本支出")),
           ("project", Label("项目支出")), ("upper", Label("上缴上级支出")),
           ("operating", Label("经营支出", ("事业单位经营支出",))),
           ("affiliated", Label("对附属单位补助支出", ("对下级单位补助支出", "对附属单位补助")))),
    "05": (("opening", OPENING), ("income", Label("本年收入")),
           ("subtotal", Label("小计", ("合计", "本年支出合计", "支出合计"))), ("basic", Label("基本支出")),
           ("project", Label("项目支出")), ("closing", CLOSING)),
}
CODE_COLUMNS["07"] = CODE_COLUMNS["08"] = CODE_COLUMNS["05"]

# 公开06表: (科目编码, 科目名称, 金额) groups side by side; the two closing sums.
ECONOMIC_AMOUNT = Label("金额", ("决算数", "合计", "本年决算数", "支出决算数"))
PERSONNEL_TOTAL = Label("人员经费合计", ("人员经费",))
PUBLIC_TOTAL = Label("公用经费合计", ("公用经费",))

# 公开09表 (“三公”经费): the items, and the headers of its 预算数 and 决算数 blocks.
THREE_PUBLIC_ITEMS = (
    ("total", Label("合计", ("“三公”经费合计", "三公经费合计", "总计", "“三公”经费支出", "三公经费支出",
                           "“三公”经费", "三公经费", "“三公”经费支出合计", "总“三公”经费支出", "“三公”经费总额"))),
    ("abroad", Label("因公出国(境)费", ("因公出国(境)费用", "因公出国(境)经费", "因公出国费"))),
    ("car", Label("公务用车购置及运行维护费", ("公务用车购置及运行费", "公务用车费", "公务用车购置和运行维护费",
                                           "公务用车购置及运行维护"))),
    ("purchase", Label("公务用车购置费", ("公务用车购置",))),
    ("running", Label("公务用车运行维护费", ("公务用车运行费", "公务用车运行维护"))),
    ("reception", Label("公务接待费", ("公务接待费用",))),
)
THREE_PUBLIC_BLOCKS = (("budget", Label("预 算 数", ("预算数", "年初预算数", "全年预算数", "预算", "本年预算数",
                                                     "调整预算数"))),
                       ("actual", Label("决 算 数", ("决算数", "本年决算数", "决算", "实际支出数", "支出决算数", "实际支出",
                                                     "实际执行数", "执行数"))))

# Titles: what the 2022 template prints, then what other years and units print. A table is named
# by its title, not by its number (公开01表 here is 表一, 附件1 or 财决01表 elsewhere). The order
# matters: a title that contains another (财政拨款收入支出决算总表 ⊃ 收入支出决算总表) comes first.
TITLES: dict[str, Label] = {
    "09": Label("财政拨款“三公”经费支出决算表", ("三公",)),
    "06": Label("一般公共预算财政拨款基本支出决算明细表", ("基本支出决算明细表", "基本支出决算表")),
    "07": Label("政府性基金预算财政拨款收入支出决算表", ("政府性基金预算财政拨款支出决算表", "政府性基金决算表",
                                                "政府性基金预算收入支出决算表")),
    "08": Label("国有资本经营预算财政拨款支出决算表", ("国有资本经营预算财政拨款收入支出决算表", "国有资本经营预算支出决算表",
                                               "国有资本经营预算财政拨款决算表")),
    "05": Label("一般公共预算财政拨款支出决算表", ("一般公共预算财政拨款收入支出决算表", "公共财政预算财政拨款支出决算表")),
    "04": Label("财政拨款收入支出决算总表", ("财政拨款收入支出决算表", "财政拨款收支决算总表", "财政拨款收支总表")),
    "01": Label("收入支出决算总表", ("收入支出决算表", "收支决算总表", "收入支出总表", "部门收支决算总表")),
    "02": Label("收入决算表", ("收入决算总表",)),
    "03": Label("支出决算表", ("支出决算总表",)),
}
