"""云南 施甸县 2016年“三公”经费决算情况统计表 (county total), clean.

A short county page with one table: last year's and this year's 决算数 side by side, the change in
amount and in percent, the 合计 row on top and the car costs split into 购置费 and 运行费.
"""

SOURCE = ("https://shidian.gov.cn/info/4163/808803.htm", "施甸县2016年“三公”经费决算情况统计表（施甸县财政局 2017-09-20）")
PROVINCE = "云南"
YEAR = 2016
KIND = "final_accounts"
LAYOUT = ("三公 statistics table with 上年决算数|本年决算数|比上年增、减情况 (增、减金额|增、减幅度) over a two-row header; "
          "numbered item labels (1.因公出国(境)费, 其中:(1)…); percentages with one or two decimals and -100%; "
          "amounts shown with and without decimals (-113, -14.8).")

S = "Sheet1"
ROWS = [
    ["施甸县2016年“三公”经费决算情况统计表"],
    ["单位:万元"],
    ["项目", "上年决算数", "本年决算数", "比上年增、减情况"],
    ["", "", "", "增、减金额", "增、减幅度"],
    ["合计", "2911.47", "2706.86", "-204.61", "-7.03%"],
    ["1.因公出国(境)费", "13.06", "10.20", "-2.86", "-21.9%"],
    ["2.公务接待费", "1679.69", "1590.94", "-88.75", "-5.28%"],
    ["3.公务用车购置及运行费", "1218.72", "1105.72", "-113", "-9.27%"],
    ["其中:(1)公务用车购置费", "14.80", "0", "-14.8", "-100%"],
    ["(2)公务用车运行费", "1203.92", "1105.72", "-98.2", "-8.16%"],
]
MERGES = ["A1:E1", "A2:E2", "A3:A4", "B3:B4", "C3:C4", "D3:E3"]
SHEETS = [(S, ROWS, MERGES)]

# Hand checks: 上年 13.06 + 1679.69 + 1218.72 = 2911.47, 14.80 + 1203.92 = 1218.72; 本年 10.20 + 1590.94 + 1105.72 =
# 2706.86, 0 + 1105.72 = 1105.72; each 增减金额 = 本年 − 上年 (−204.61, −2.86, −88.75, −113, −14.8, −98.2) and sums
# like its column; each 幅度 = 金额 / 上年 at the shown decimals (−7.03%, −21.9%, −5.28%, −9.27%, −100%, −8.16%).
SLIPS: list[tuple[str, str, str, str, str]] = []
UNSURE: list[tuple[str, str, str, str]] = []
