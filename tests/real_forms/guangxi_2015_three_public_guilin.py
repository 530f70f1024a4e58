"""广西 桂林市司法局 2015年部门“三公”经费情况统计表 (budget), with a wrong car subtotal.

A 预算 table of the 三公 family (the same items as the 决算 三公 table). The car subtotal
“3.公务用车费” reads 0 in both columns although its own sub-row 运行维护费 is 32.65; the 合计
34.35 = 0 + 1.70 + 32.65 adds the sub-rows correctly.
"""

SOURCE = ("http://honghao99.com/html/contentscontent-2015-3-18-781197.html",
          "2015年桂林市司法局部门“三公”经费情况统计表")
PROVINCE = "广西"
YEAR = 2015
KIND = "final_accounts"
LAYOUT = ("三公 table of budget figures (本年预算数|其中:公共预算财政拨款), numbered items, the car parts as "
          "其中:(1)运行维护费 / (2)购置; a long note row under the table; published on a third-party site.")

S = "Sheet1"
ROWS = [
    ["2015年桂林市司法局部门“三公”经费情况统计表"],
    ["", "单位:万元"],
    ["项 目", "本年预算数", "其中:公共预算财政拨款"],
    ["合 计", "34.35", "34.35"],
    ["1.因公出国(境)费用", "0", "0"],
    ["2.公务接待费", "1.70", "1.70"],
    ["3.公务用车费", "0", "0"],
    ["其中:(1)公务用车运行维护费", "32.65", "32.65"],
    ["(2)公务用车购置", "0", "0"],
    ["注:按照财政部和部门预算管理的有关规定,“三公”经费包括在部门预算基本支出和项目支出中安排的因公出国(境)经费、"
     "公务用车购置及运行费和公务接待费。其中:(1)因公出国(境)经费反映单位工作人员公务出国(境)的住宿费、差旅费、伙食补助费、"
     "杂费、培训费等支出。(2)公务用车购置及运行费反映单位公务用车购置费及租用费、燃料费、维修费、过路过桥费、保险费、"
     "安全奖励费用等支出,公务用车指用于履行公务的机动车辆,包括一般公务用车和执法执勤用车。(3)公务接待费反映单位按规定开支的"
     "各类公务接待(含外宾接待)支出"],
]
MERGES = ["A1:C1", "A10:C10"]
SHEETS = [(S, ROWS, MERGES)]

SLIPS = [
    (S, "B7", "FA06", "error", "本年预算数 公务用车费 0 ≠ 运行维护费 32.65 + 购置 0 = 32.65"),
    (S, "C7", "FA06", "error", "公共预算财政拨款 公务用车费 0 ≠ 32.65 + 0 = 32.65"),
]
UNSURE = [
    (S, "B4", "error", "合计 34.35 is right by the sub-rows (0 + 1.70 + 32.65); against the wrong subtotal it reads "
                       "as 1.70, so a follow-on report here is tolerated"),
    (S, "C4", "error", "as B4"),
]
