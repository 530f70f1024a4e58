"""Excel-facing code: xlwings UDFs (``udfs``); the buttons come with the add-in issue."""
