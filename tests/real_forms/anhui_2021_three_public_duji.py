"""安徽 淮北市杜集区政府办 2021年度一般公共预算财政拨款“三公”经费支出决算表, clean.

The stored copy is a traditional-script mirror of the district's page (hbdj.gov.cn path
/zwgk/public/35/64546609.html); the table is typed here in the simplified characters the unit
published. 预算数 and 决算数 are two columns, items as rows; empty cells where nothing was spent.
"""

SOURCE = ("http://bigelectronix.com/zwgk/public/35/64546609.html",
          "一、2021年度一般公共预算财政拨款“三公”经费支出决算表（杜集区政府办）")
PROVINCE = "安徽"
YEAR = 2021
KIND = "final_accounts"
LAYOUT = ("三公 决算表 with 预算数|决算数 columns (labels spaced: 项 目, 预 算 数, 合 计); 其中:公务用车运行维护费 before "
          "公务用车购置费; blank cells for items without spending (出国 决算, 购置 both).")

S = "Sheet1"
ROWS = [
    ["一、2021年度一般公共预算财政拨款“三公”经费支出决算表"],
    ["单位:万元"],
    ["项 目", "预 算 数", "决 算 数"],
    ["合 计", "49.9", "7.69"],
    ["因公出国(境)费", "20", ""],
    ["公务接待费", "14.9", "5.21"],
    ["公务用车购置及运行维护费", "15", "2.48"],
    ["其中:公务用车运行维护费", "15", "2.48"],
    ["公务用车购置费", "", ""],
]
MERGES = ["A1:C1", "A2:C2"]
SHEETS = [(S, ROWS, MERGES)]

# Hand checks: 预算 20 + 14.9 + 15 = 49.9, 15 = 15 + 0; 决算 0 + 5.21 + 2.48 = 7.69, 2.48 = 2.48 + 0.
SLIPS: list[tuple[str, str, str, str, str]] = []
UNSURE: list[tuple[str, str, str, str]] = []
