"""Reading and marking workbooks: files on disk and (later) live xlwings books."""
