"""RunPython entry points of the 绩效工具 ribbon; each works on the calling book (``xw.Book.caller()``).

    RunPython "import xltools.excel.buttons as b; b.check_workbook()"

Tests pass a book explicitly (an ``xlwings.Book`` built through xlwings' JSON engine).
"""

from __future__ import annotations

from xltools.check import check_book
from xltools.errors import UserError
from xltools.excel.live import (
    LiveMarker,
    book_data,
    book_notes,
    saved_path,
    write_sheet,
)
from xltools.forms import exprs, f1_project, f5_summary
from xltools.mark.common import RESULT_SHEET, unit_names
from xltools.recognize import recognize
from xltools.rules.base import SEVERITY_NAMES

HELP = (
    "xltools 绩效工具\n\n"
    "检查本工作簿：找出得分超过分值、总分不符、执行率算错等问题，出错单元格填色并加批注，"
    "第一个工作表“检查结果”列出全部问题（点击单元格地址可跳转）。"
    "工作簿所在文件夹（或上级文件夹）中有设置文件 xltools.toml 时，按其中的口径、规则选择和接受的例外检查，"
    "与命令行 xltools check 相同；单元格批注“xltools:忽略 SE13 原因”接受该处的问题。\n"
    "清除标记：去掉检查添加的颜色、批注和“检查结果”工作表。\n"
    "新建项目表：插入一张全国通用格式的项目支出绩效自评表（带公式）。\n"
    "汇总：按本工作簿中的各项目自评表生成汇总表，平均分按全年预算数加权。\n"
    "检查文件夹：选一个文件夹，检查其中（含子文件夹）的全部工作簿，写出并打开“检查汇总”工作簿。\n"
    "函数：XT_SCORE、XT_EXECRATE、XT_BUDGETSCORE、XT_GRADE、XT_WEIGHTED、XT_SPLITWEIGHT、XT_PARSE。\n\n"
    "命令行：xltools check 文件或文件夹；xltools rules 查看全部规则。"
)


def _caller(book):
    if book is not None:
        return book
    import xlwings as xw

    return xw.Book.caller()


def book_settings(book):
    """The settings ``xltools check`` would use for this book's file: ``xltools.toml`` in its folder or
    the nearest parent; the defaults for a book that has no folder (new and unsaved, or on the web)."""
    from xltools.settings import Settings, for_paths

    path = saved_path(book)
    return for_paths([path]) if path is not None else Settings()


def check_workbook(book=None):
    """检查本工作簿: mark the live book in place through the same checker, settings, exceptions and
    marking as ``xltools check --mark``. A settings file that cannot be used is said, and nothing marked."""
    book = _caller(book)
    try:
        settings = book_settings(book)
    except UserError as exc:
        book.app.alert(f"未检查：{exc}。请改正设置文件后再检查。", title="xltools 检查")
        return None
    marker = LiveMarker(book)
    marker.clear()
    skip = [s.name for s in book.sheets if s.name.startswith(RESULT_SHEET)]
    data = book_data(book, skip=skip)
    report = check_book(data, settings=settings, notes=book_notes(book, skip=skip))
    units = unit_names(report.recognized, data) if report.recognized is not None else None
    cells = marker.mark(report.findings, book.name, units)  # the book is not read a second time
    counts = "，".join(f"{SEVERITY_NAMES[s]} {n} 处" for s, n in
                      (("error", report.errors), ("warning", report.warnings), ("info", report.infos)) if n)
    accepted = f"；已接受的例外 {len(report.accepted)} 条（不计入）" if report.accepted else ""
    if not report.tables:
        message = "没有识别到绩效自评表、决算公开表或汇总表，未做检查。请确认表头与官方表样一致。"
    elif report.counted:
        message = f"检查完成：{counts}{accepted}，已标记 {cells} 个单元格，详见“{RESULT_SHEET}”工作表。"
    elif report.accepted:
        message = f"检查完成：除已接受的例外 {len(report.accepted)} 条外未发现问题，详见“{RESULT_SHEET}”工作表。"
    else:
        message = "检查完成：未发现问题。"
    book.app.alert(message, title="xltools 检查")
    return report


def clear_marks(book=None) -> bool:
    """清除标记: remove exactly what 检查本工作簿 added."""
    book = _caller(book)
    removed = LiveMarker(book).clear()
    book.app.alert("已清除检查标记。" if removed else "本工作簿中没有 xltools 的检查标记。", title="xltools")
    return removed


def _chosen_profile(book):
    """The profile the book's settings file names (as ``xltools templates --profile`` renders it), or None."""
    from xltools import profiles

    name = book_settings(book).profile
    return profiles.load(name) if name else None


def new_project_sheet(book=None) -> str | None:
    """新建项目表: add an F1 form (blank, with its formulas) after the last sheet: national, or rendered
    for the profile the book's xltools.toml names, as ``xltools templates --profile`` renders it."""
    from xltools.templates import for_profile

    book = _caller(book)
    try:
        profile = _chosen_profile(book)
    except UserError as exc:
        book.app.alert(f"未新建：{exc}。请改正设置文件后再试。", title="xltools 新建项目表")
        return None
    sheet = f1_project.build(sheet_title="项目支出绩效自评表")
    title = write_sheet(book, for_profile(sheet, profile) if profile else sheet)
    book.sheets[title].activate()
    return title


def build_summary(book=None) -> str | None:
    """汇总: an F5 sheet whose cells link to every project form recognised in the book (its grades by the
    profile the book's xltools.toml names, else national)."""
    from xltools.templates import for_profile

    book = _caller(book)
    try:
        profile = _chosen_profile(book)
    except UserError as exc:
        book.app.alert(f"未生成汇总表：{exc}。请改正设置文件后再试。", title="xltools 汇总")
        return None
    bands = (profile.grade_bands, profile.grade_floor) if profile else ()
    skip = [s.name for s in book.sheets if s.name.startswith((RESULT_SHEET, f5_summary.SHEET_TITLE))]
    found = recognize(book_data(book, skip=skip))
    links, skipped = [], []
    for form in found.self_eval:
        budget_row = form.budget.rows.get("total") if form.budget else None
        budget = budget_row.get("A") if budget_row else None
        if form.total is None or budget is None:
            skipped.append(form.sheet)
            continue
        ref = "'" + form.sheet.replace("'", "''") + "'!"
        name = ref + form.project_cell.address if form.project_cell else f'"{form.sheet}"'
        score = ref + form.total.address
        grade = ref + form.grade.address if form.grade else exprs.grade(score, *bands)  # forms without a 等级 row
        links.append(f5_summary.ProjectLink(name, ref + budget.address, score, grade))
    if not links:
        book.app.alert("没有找到带全年预算数和总分的项目自评表，未生成汇总表。", title="xltools 汇总")
        return None
    if skipped:
        book.app.alert(f"以下工作表缺少全年预算数或总分，未列入汇总：{'、'.join(skipped)}", title="xltools 汇总")
    summary = f5_summary.build(links)
    title = write_sheet(book, for_profile(summary, profile) if profile else summary, before=book.sheets[0].name)
    book.sheets[title].activate()
    return title


def show_help(book=None) -> None:
    _caller(book).app.alert(HELP, title="xltools 帮助")


SUMMARY_NAME = "检查汇总"


def check_folder(folder: str, book=None, progress=None, open_summary=None):
    """检查文件夹: check every workbook under ``folder`` with the batch code of ``xltools check``,
    showing progress in Excel's status bar, write 检查汇总.xlsx into the folder and open it.

    ``progress`` (text -> None) and ``open_summary`` (path -> None) default to Excel's status bar
    and opening the workbook in the same Excel; tests pass their own.
    """
    from pathlib import Path

    from xltools.api import Report
    from xltools.batch import gather, iter_checks
    from xltools.settings import for_paths

    book = _caller(book)
    app = book.app
    progress = progress or (lambda text: setattr(app, "status_bar", text))
    open_summary = open_summary or (lambda path: app.books.open(str(path)))
    # VBA passes the path as \uXXXX escapes: a character beyond U+FFFF arrives as two surrogates
    root = Path(folder.encode("utf-16", "surrogatepass").decode("utf-16"))
    try:
        settings = for_paths([root])  # the folder's xltools.toml (or a parent's), as `xltools check 文件夹`
        collected = gather([root], by_content=False)
    except UserError as exc:
        app.alert(str(exc), title="xltools 检查文件夹")
        return None
    files = collected.files
    reports = []
    try:
        for i, report in enumerate(iter_checks(files, settings=settings), start=1):
            reports.append(report)
            progress(f"绩效工具：正在检查 {i}/{len(files)} {report.path.name}")
        reports = collected.settle(reports)
        report = Report(reports, collected.skipped, str(root))
        target = _free_summary_path(root)
        report.to_excel(target)
    except UserError as exc:
        app.alert(str(exc), title="xltools 检查文件夹")
        return None
    finally:
        progress(False)  # give the status bar back to Excel
    skipped = f"，跳过 xltools 写出的文件 {len(collected.skipped)} 个" if collected.skipped else ""
    unreadable = f"，无法读取 {len(report.unreadable)} 个" if report.unreadable else ""
    warnings = sum(r.warnings for r in reports)
    accepted = f"，已接受的例外 {len(report.accepted)} 条（不计入）" if report.accepted else ""
    app.alert(f"检查完成：{len(reports)} 个文件，错误 {report.errors} 处，警告 {warnings} 处{accepted}{unreadable}{skipped}。"
              f"汇总已写入 {target.name}。", title="xltools 检查文件夹")
    open_summary(target)
    return target


def _free_summary_path(folder):
    """检查汇总.xlsx in the folder, or 检查汇总(2).xlsx… when that one is open in Excel right now."""
    from xltools.outputs import lock_file

    n = 1
    while True:
        name = f"{SUMMARY_NAME}.xlsx" if n == 1 else f"{SUMMARY_NAME}({n}).xlsx"
        target = folder / name
        if lock_file(target) is None:
            return target
        n += 1
