"""重庆 永川区 2020年度全区“三公”经费决算情况 (district total), clean; total row at the bottom.

A district page with two small tables: the 2020 三公 spending with its decrease columns (mostly
"-"), the 总“三公”经费支出 row last; and a usage table of counts (团组, 车辆, 接待批次), no money.
"""

SOURCE = ("https://www.cqyz.gov.cn/zjyz/sj_229/sjjd_31744/202309/t20230911_12325297.html",
          "2020年度全区“三公”经费决算情况（重庆市永川区）")
PROVINCE = "重庆"
YEAR = 2020
KIND = "final_accounts"
LAYOUT = ("三公 table with one amount column (2020年度支出 (万元)) and 支出减少情况/支出减少率 filled with '-'; the "
          "total row (总“三公”经费支出) at the bottom; car costs split into 购置费/运行维护费 without 其中 wording; "
          "a second table of counts (团组数, 人次, 保有量) below.")

S = "Sheet1"
ROWS = [
    ["2020年度全区“三公”经费决算情况"],
    ["经费项目", "2020年度支出 (万元)", "支出减少情况(万元)", "支出减少率"],
    ["因公出国(境)费", "0", "0", "0%"],
    ["公务接待费", "71.53", "-", "-"],
    ["公务用车购置及运行维护费", "1857.23", "-", "-"],
    ["公务用车购置费", "423.81", "-", "-"],
    ["公务用车运行维护费", "1433.42", "-", "-"],
    ["总“三公”经费支出", "1928.76", "-", "-"],
    [],
    ["2020年度全区“三公”经费使用情况"],
    ["使用项目", "2020年度数量或人次"],
    ["因公出国(境)团组数", "0"],
    ["因公出国(境)人次", "0"],
    ["公务用车购置数", "32"],
    ["公务用车保有量", "660"],
    ["国内公务接待批次", "486"],
    ["国内公务接待人次", "7371"],
    ["国(境)外公务接待情况", "无"],
]
MERGES = ["A1:D1", "A10:B10"]
SHEETS = [(S, ROWS, MERGES)]

# Hand checks: 423.81 + 1433.42 = 1857.23; 0 + 71.53 + 1857.23 = 1928.76.
SLIPS: list[tuple[str, str, str, str, str]] = []
UNSURE: list[tuple[str, str, str, str]] = []
