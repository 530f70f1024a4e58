"""xltools: templates, scoring functions and checks for performance self-evaluation forms.

For reviewers in a notebook::

    import xltools
    report = xltools.check("收到的表/")      # a file, a folder or a list of them
    report.to_frame()                         # pandas DataFrame, one row per finding
    report.to_excel("检查汇总.xlsx")          # the printable summary workbook

``import xltools`` stays light: the checker is imported when ``xltools.check`` is first used.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["Report", "check"]


def __getattr__(name: str) -> object:
    if name == "check":  # the module xltools.check, callable as xltools.api.check
        import importlib

        return importlib.import_module("xltools.check")
    if name == "Report":
        from xltools.api import Report

        return Report
    raise AttributeError(f"module 'xltools' has no attribute {name!r}")
