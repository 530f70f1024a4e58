"""Make tests/data/pivot.xlsx: a national F1 form plus a data sheet and a pivot table (DataPilot),
built by LibreOffice through Python-UNO (XlsxWriter and openpyxl cannot write pivot tables).

Run once with the system Python that has the UNO bridge (Debian: python3-uno):
    /usr/bin/python3 tests/data/make_pivot.py tests/data/pivot.xlsx
"""

import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.sheet.DataPilotFieldOrientation import COLUMN, DATA, ROW
from com.sun.star.sheet.GeneralFunction import SUM
from com.sun.star.table import CellAddress, CellRangeAddress

FORM = [
    ["项目支出绩效自评表"], ["项目名称", "", "数据透视测试项目"],
    ["项目预算执行情况", "", "", "年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"],
    ["", "", "年度资金总额", 100, 100, 90, 10, 0.9, 9],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值(A)", "实际完成指标值(B)", "分值", "得分", "偏差原因分析及改进措施"],
    ["年度绩效指标", "产出指标", "数量指标", "培训人次", "≥100人次", "100人次", 50, 56, ""],
    ["", "效益指标", "社会效益指标", "满意度", "≥90%", "95%", 40, 40, ""],
    ["总分", "", "", "", "", "", "", 105],
]
DATA_ROWS = [["单位", "科目", "金额"], ["甲", "培训费", 12.5], ["乙", "培训费", 7.0], ["甲", "印刷费", 3.0],
             ["乙", "印刷费", 4.5], ["丙", "培训费", 9.0]]


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def fill(sheet, rows):
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value == "":
                continue
            cell = sheet.getCellByPosition(c, r)
            if isinstance(value, str):
                cell.setString(value)
            else:
                cell.setValue(value)


def main(out):
    profile = tempfile.mkdtemp(prefix="lo_profile_")
    pipe = f"xltools_pivot_{os.getpid()}"
    soffice = subprocess.Popen(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                                "--invisible", f"--accept=pipe,name={pipe};urp;"], env={**os.environ, "HOME": profile})
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(60):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # noqa: BLE001 -- the office is still starting
                time.sleep(0.5)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, (prop("Hidden", True),))
        sheets = doc.Sheets
        form = sheets.getByIndex(0)
        sheets.getByIndex(0).setName("项目表")
        fill(form, FORM)
        sheets.insertNewByName("数据", 1)
        data = sheets.getByName("数据")
        fill(data, DATA_ROWS)
        sheets.insertNewByName("透视", 2)
        pivot_sheet = sheets.getByName("透视")
        tables = pivot_sheet.getDataPilotTables()
        descriptor = tables.createDataPilotDescriptor()
        source = CellRangeAddress()
        source.Sheet, source.StartColumn, source.StartRow, source.EndColumn, source.EndRow = 1, 0, 0, 2, len(DATA_ROWS) - 1
        descriptor.setSourceRange(source)
        fields = descriptor.getDataPilotFields()
        fields.getByIndex(0).Orientation = ROW
        fields.getByIndex(1).Orientation = COLUMN
        amount = fields.getByIndex(2)
        amount.Orientation = DATA
        amount.Function = SUM
        where = CellAddress()
        where.Sheet, where.Column, where.Row = 2, 0, 0
        tables.insertNewByName("金额透视", where, descriptor)
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001, S110 -- already gone
            pass
        soffice.wait(timeout=60)


if __name__ == "__main__":
    main(sys.argv[1])
