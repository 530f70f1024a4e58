Attribute VB_Name = "xltools"
' xltools add-in: callbacks of the ribbon tab defined in customUI.xml.
' A thin layer on purpose: every button runs one Python function of xltools.excel.buttons
' through xlwings' RunPython (module "xlwings" of this add-in); all logic lives in Python.
Option Explicit

Sub XT_Check(control As IRibbonControl)
    RunPython "import xltools.excel.buttons as b; b.check_workbook()"
End Sub

Sub XT_Clear(control As IRibbonControl)
    RunPython "import xltools.excel.buttons as b; b.clear_marks()"
End Sub

Sub XT_NewProject(control As IRibbonControl)
    RunPython "import xltools.excel.buttons as b; b.new_project_sheet()"
End Sub

Sub XT_Summary(control As IRibbonControl)
    RunPython "import xltools.excel.buttons as b; b.build_summary()"
End Sub

Sub XT_Help(control As IRibbonControl)
    RunPython "import xltools.excel.buttons as b; b.show_help()"
End Sub

Sub XT_ImportFunctions(control As IRibbonControl)
    ImportPythonUDFsToAddin
End Sub
