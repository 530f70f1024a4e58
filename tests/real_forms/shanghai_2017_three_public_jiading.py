"""上海 嘉定区司法局 2017年度一般公共预算财政拨款“三公”经费及机关运行经费支出决算表, clean.

One row of figures under a three-row header: each item has 预算数 and 决算数 side by side, and the
机关运行经费决算数 sits in a last column merged down beside the header. The page's flattened text
drops empty cells; the eight figures are placed by the unit's own explanation below the table
(因公出国 0, 公务用车购置及运行维护费 8.47 with the 运行费 column, 公务接待费 0.30).
"""

SOURCE = ("http://www.021fenlei.com/n133889.htm",
          "2017年度一般公共预算财政拨款“三公”经费及机关运行经费支出决算表（上海市嘉定区司法局）")
PROVINCE = "上海"
YEAR = 2017
KIND = "final_accounts"
LAYOUT = ("三公 table laid out horizontally: items as columns (合计, 因公出国(境)费, 公务用车购置及运行费 with 小计/购置费/"
          "运行费, 公务接待费), each split into 预算数|决算数, one data row; 机关运行经费决算数 in an extra merged column; "
          "empty cells for items without spending; published on a third-party site.")

S = "三公经费"
ROWS = [
    ["2017年度一般公共预算财政拨款“三公”经费及机关运行经费支出决算表"],
    ["单位:万元"],
    ["一般公共预算财政拨款“三公”经费", "", "", "", "", "", "", "", "", "", "", "", "机关运行 经费决算数"],
    ["合计", "", "因公出国 (境)费", "", "公务用车购置及运行费", "", "", "", "", "", "公务接待费"],
    ["", "", "", "", "小计", "", "公务用车 购置费", "", "公务用车 运行费"],
    ["预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数",
     "325.88"],
    ["22.00", "8.77", "", "", "14.00", "8.47", "", "", "14.00", "8.47", "8.00", "0.30"],
]
MERGES = ["A1:M1", "A2:M2", "A3:L3", "M3:M5", "A4:B5", "C4:D5", "E4:J4", "K4:L5", "E5:F5", "G5:H5", "I5:J5", "M6:M7"]
SHEETS = [(S, ROWS, MERGES)]

# Hand checks: 预算 0 + 14.00 + 8.00 = 22.00, 14.00 = 0 + 14.00; 决算 0 + 8.47 + 0.30 = 8.77, 8.47 = 0 + 8.47.
SLIPS: list[tuple[str, str, str, str, str]] = []
UNSURE: list[tuple[str, str, str, str]] = []
