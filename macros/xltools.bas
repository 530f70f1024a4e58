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

Sub XT_CheckFolder(control As IRibbonControl)
    Dim folder As String
    With Application.FileDialog(4) ' msoFileDialogFolderPicker
        .Title = ChrW(&H9009) & ChrW(&H62E9) & ChrW(&H6587) & ChrW(&H4EF6) & ChrW(&H5939) ' the title reads: choose a folder
        If .Show <> -1 Then Exit Sub
        folder = .SelectedItems(1)
    End With
    RunPython "import xltools.excel.buttons as b; b.check_folder(" & PyText(folder) & ")"
End Sub

Private Function PyText(text As String) As String
    ' A Python string literal for any path: every character as \uXXXX, so quotes, backslashes
    ' and Chinese names pass through RunPython unchanged
    Dim i As Long
    PyText = "'"
    For i = 1 To Len(text)
        PyText = PyText & "\u" & Right("000" & Hex(AscW(Mid(text, i, 1)) And &HFFFF&), 4)
    Next i
    PyText = PyText & "'"
End Function
