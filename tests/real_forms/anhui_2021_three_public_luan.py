"""安徽 六安市工商业联合会 2021年度一般公共预算财政拨款“三公”经费支出决算表, clean, mostly empty.

Only 公务接待费 has figures; every other item is left blank in both columns.
"""

SOURCE = ("http://www.lagsl.org.cn/view/8311.html",
          "六安市工商业联合会2021年度一般公共预算财政拨款“三公”经费支出决算")
PROVINCE = "安徽"
YEAR = 2021
KIND = "final_accounts"
LAYOUT = ("三公 决算表 with 预算数|决算数 columns, a single filled item (公务接待费) and every other item blank, "
          "including the car subtotal and its parts.")

S = "Sheet1"
ROWS = [
    ["六安市工商业联合会2021年度一般公共预算财政拨款“三公”经费支出决算"],
    ["一、2021年度一般公共预算财政拨款“三公”经费支出决算表"],
    ["单位:万元"],
    ["项 目", "预 算 数", "决 算 数"],
    ["合 计", "1.8", "1.52"],
    ["因公出国(境)费", "", ""],
    ["公务接待费", "1.8", "1.52"],
    ["公务用车购置及运行维护费", "", ""],
    ["其中:公务用车运行维护费", "", ""],
    ["公务用车购置费", "", ""],
]
MERGES = ["A1:C1", "A2:C2", "A3:C3"]
SHEETS = [(S, ROWS, MERGES)]

# Hand checks: 预算 1.8 = 0 + 1.8 + 0; 决算 1.52 = 0 + 1.52 + 0.
SLIPS: list[tuple[str, str, str, str, str]] = []
UNSURE: list[tuple[str, str, str, str]] = []
