"""Command line: ``xltools templates | new | example``.

Exit codes (contract in docs/design): 0 fine, 1 error findings, 2 unreadable input or misuse.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from xltools import __version__
from xltools.cliparse import ChineseArgumentParser
from xltools.errors import UserError
from xltools.outputs import check_target

if TYPE_CHECKING:
    from xltools.workbook.safety import FileStamp

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
DEFAULT_TEMPLATES_DIR = Path("templates")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(prog="xltools", description="绩效自评表与决算公开表的 Excel 工具")
    parser.add_argument("--version", action="version", version=f"xltools {__version__}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("templates", help="生成各官方表样的空白模板（.xlsx）")
    p.add_argument("--out", type=Path, default=DEFAULT_TEMPLATES_DIR, help="输出目录（默认 templates/）")
    p.add_argument("--list", action="store_true", help="只列出表样，不生成文件")
    p.add_argument("--profile", metavar="口径",
                   help="按该评分口径生成（等级、预算执行计分、总分封顶、说明文字），文件名加口径名，"
                        "如 hubei、yitihua；xltools profiles 列出全部口径")

    p = sub.add_parser("new", help="按项目清单生成每个项目的空白自评表")
    p.add_argument("projects", type=Path, help="项目清单 .xlsx 或 .csv（列：项目名称、主管部门、实施单位、年初预算数、全年预算数）")
    p.add_argument("--indicators", type=Path, help="绩效指标清单（.xlsx/.csv；列：项目名称、一级指标、二级指标、三级指标、年度指标值、分值）")
    p.add_argument("--out", type=Path, default=Path("新建项目表"), help="输出目录（默认 新建项目表/）")
    p.add_argument("--one-book", action="store_true", help="所有项目放进一个工作簿，另加汇总表")
    p.add_argument("--year", type=int, help="年度，写入表头，例如 2025")
    p.add_argument("--force", action="store_true", help="覆盖已存在的同名文件")

    p = sub.add_parser("example", help="生成内置示例：模板和一份故意带错的填报示例")
    p.add_argument("--out", type=Path, default=Path("示例输出"), help="输出目录（默认 示例输出/）")
    p.add_argument("--no-check", action="store_true", help="只生成，不检查、不生成标记副本")

    p = sub.add_parser("check", help="检查工作簿（或文件夹中的全部工作簿）")
    p.add_argument("paths", type=Path, nargs="+", help="工作簿或文件夹")
    p.add_argument("--format", choices=("text", "json", "csv"), default="text",
                   help="输出格式：text 文字（默认）、json 给程序用、csv 表格（带 BOM，Excel/WPS 双击打开不乱码）")
    p.add_argument("--output", "-o", type=Path, metavar="文件",
                   help="把检查结果写入该文件（任何格式），而不是显示在屏幕上")
    p.add_argument("--mark", type=Path, metavar="输出",
                   help="写出标记副本：检查一个文件时为文件名（如 结果.xlsx），检查多个文件时为文件夹")
    p.add_argument("--in-place", action="store_true", help="直接在原文件上标记（先保存一份备份）")
    p.add_argument("--exclude", action="append", default=[], metavar="通配符",
                   help="不检查与之匹配的文件或文件夹（按文件名、或相对所查文件夹的路径匹配，如 '*_旧.xlsx'、"
                        "'往年/*'），可多次使用。文件夹中 xltools 自己写出的标记副本、备份和汇总总会跳过")
    p.add_argument("--jobs", type=int, default=1, help="并行进程数（默认 1）")
    p.add_argument("--summary", type=Path, metavar="汇总.xlsx", help="写出汇总工作簿（每个文件一行、每条规则一行、图表）")
    p.add_argument("--rules", help="只运行这些规则，逗号分隔，例如 SE01,SE03（同 --select）")
    p.add_argument("--stats", action="store_true",
                   help="列出每个文件识别到了什么、跳过了什么（未识别的工作表、未填写的表、无法解析的评分标准）"
                        "以及每张表按哪个评分口径检查")
    p.add_argument("--profile", metavar="口径",
                   help="评分口径：national-2020、hubei、hunan、shenzhen、yitihua；不指定时每张表按其表样选用"
                        "（湖北格式用 hubei，深圳格式用 shenzhen，其余全国）")
    p.add_argument("--config", type=Path, metavar="设置文件",
                   help="使用该设置文件；不指定时在所查文件夹及其上级文件夹中查找 xltools.toml")
    p.add_argument("--select", metavar="规则",
                   help="只运行这些规则：代码或前缀，逗号分隔，如 SE,FA01（SE 表示全部 SE 规则）")
    p.add_argument("--ignore", metavar="规则", help="不运行这些规则：代码或前缀，逗号分隔，如 SE13")
    p.add_argument("--fail-level", choices=("error", "warning"),
                   help="退出码为 1 的门槛：error 有错误时（默认）、warning 有错误或警告时")
    p.add_argument("--exit-zero", action="store_true",
                   help="有问题时退出码也为 0（文件读不了或用法有误时仍为 2）")

    p = sub.add_parser("rules", help="列出检查规则，或查看一条规则的说明")
    p.add_argument("code", nargs="?", help="规则代码，例如 SE01")

    p = sub.add_parser("profiles", help="列出评分口径，或查看一个口径的取值及其依据")
    p.add_argument("name", nargs="?", help="口径，例如 hubei")

    p = sub.add_parser("init", help="在文件夹中写出一份带说明的设置文件 xltools.toml")
    p.add_argument("folder", type=Path, nargs="?", default=Path("."), help="文件夹（默认当前文件夹）")
    p.add_argument("--force", action="store_true", help="覆盖已有的 xltools.toml")

    p = sub.add_parser("addin", help="Excel 加载项：build 生成、install 安装、status 查看、remove 移除")
    addin = p.add_subparsers(dest="addin_command", required=True)
    b = addin.add_parser("build", help="由 macros/ 生成 xltools.xlam（VBA 模块 + 功能区“绩效工具”）")
    b.add_argument("--out", type=Path, default=Path("xltools.xlam"), help="输出文件（默认 xltools.xlam）")
    i = addin.add_parser("install", help="安装到本机 Excel（Windows/macOS），并配置 xlwings")
    i.add_argument("--addin", type=Path, help="已生成的 xltools.xlam（默认现场生成）")
    addin.add_parser("status", help="查看加载项是否已安装、按哪个 xlwings 版本生成、Excel 会启动哪个 Python")
    addin.add_parser("remove", help="移除已安装的加载项和 xltools 写入的 Python 解释器设置")

    p = sub.add_parser("freeze", help="固化：另存一份副本，把 XT_ 公式和引用其他工作簿的公式换成它们保存的值（发送前用）")
    p.add_argument("file", type=Path, help="工作簿")
    p.add_argument("--out", type=Path, metavar="输出文件", help="副本的文件名（默认 原名_固化.xlsx，与原文件同一文件夹）")

    p = sub.add_parser("clear", help="清除 xltools 在工作簿中添加的标记（填充色、批注、检查结果表）")
    p.add_argument("file", type=Path, help="已标记的工作簿")
    p.add_argument("--out", type=Path, help="另存为（默认直接修改该文件）")

    from xltools.narrative.cli import add_report_parser
    add_report_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UserError as exc:
        sys.stderr.write(f"错误：{exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("已中断。\n")
        return EXIT_USAGE
    except OSError as exc:  # a file operation no command anticipated: the reason in Chinese, no traceback
        from xltools.outputs import reason

        where = f" {exc.filename}" if getattr(exc, "filename", None) else ""
        sys.stderr.write(f"错误：无法完成文件操作{where}：{reason(exc)}\n")
        return EXIT_USAGE


def cmd_templates(args: argparse.Namespace) -> int:
    from xltools.forms import FORMS
    from xltools.templates import write_templates

    if args.list:
        for form in FORMS:
            print(f"{form.code}\t{form.name}\t{form.file_name}\t（{form.source}）")
        return EXIT_OK
    profile = None
    if getattr(args, "profile", None):
        from xltools import profiles
        from xltools.settings import check_profile

        profile = profiles.load(check_profile(args.profile, "--profile"))
    _ensure_dir(args.out)
    for path in write_templates(args.out, profile):
        print(f"已生成 {path}" + (f"（{profile.name}口径）" if profile else ""))
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from xltools.new import one_book, project_books
    from xltools.projects import load_projects

    projects = load_projects(args.projects, args.indicators)
    _ensure_dir(args.out)
    if args.one_book:
        target = args.out / f"{args.projects.stem}_项目自评表.xlsx"
        paths = [one_book(projects, target, args.year, args.force)]
    else:
        paths = project_books(projects, args.out, args.year, args.force)
    for path in paths:
        print(f"已生成 {path}")
    print(f"共 {len(projects)} 个项目。")
    return EXIT_OK


def cmd_example(args: argparse.Namespace) -> int:
    from xltools.example import SLIPS, write_example
    from xltools.templates import write_templates

    _ensure_dir(args.out)
    for path in write_templates(args.out / "templates"):
        print(f"已生成模板 {path}")
    books = write_example(args.out)
    for path in books:
        print(f"已生成示例 {path}")
    print("示例中故意埋下的错误（打开文件后这些单元格会标红或算不出结果）：")
    for sheet, where, what in SLIPS:
        print(f"- {sheet}｜{where}：{what}")
    if args.no_check:
        return EXIT_OK
    print("\n用 xltools check 检查这两个示例：\n")
    marked = args.out / "已标记"
    return cmd_check(argparse.Namespace(paths=books, format="text", mark=marked, in_place=False, jobs=1,
                                        summary=args.out / "检查汇总.xlsx", rules=None), quiet_exit=True)


def cmd_check(args: argparse.Namespace, quiet_exit: bool = False) -> int:
    from xltools.batch import check_many, gather, write_summary
    from xltools.report import as_csv, as_json, as_text
    from xltools.rules import REGISTRY
    from xltools.settings import for_paths, split_codes

    codes = None
    if args.rules:
        codes = [c.strip().upper() for c in args.rules.split(",") if c.strip()]
        unknown = [c for c in codes if c not in REGISTRY]
        if unknown:
            raise UserError(f"没有这些规则：{'、'.join(unknown)}。用 xltools rules 查看全部规则。")
    settings = for_paths(args.paths, getattr(args, "config", None)).overridden(
        profile=getattr(args, "profile", None),
        select=split_codes(args.select) if getattr(args, "select", None) else None,
        ignore=split_codes(args.ignore) if getattr(args, "ignore", None) else None,
        fail_level=getattr(args, "fail_level", None))
    if args.jobs < 1:
        raise UserError("--jobs 应为不小于 1 的整数")
    if args.mark and args.in_place:
        raise UserError("--mark 与 --in-place 只能选一个")
    collected = gather(args.paths, getattr(args, "exclude", None) or (), by_content=False)
    files = collected.files  # xltools' own copies among them are left out once their check has told them
    targets = _mark_targets(files, args) if (args.mark or args.in_place) else {}
    stamps = _stamps(files) if targets else {}  # a file changed after this is not marked
    if args.summary:
        check_target(args.summary, files, what="汇总")
    if getattr(args, "output", None) is not None:
        check_target(args.output, files, what="检查结果")
    reports = collected.settle(check_many(files, jobs=args.jobs, codes=codes, progress=args.format == "text",
                                          stats=getattr(args, "stats", False), settings=settings))
    _say_skipped(collected.skipped)
    output = {"text": as_text, "json": as_json, "csv": as_csv}[args.format](reports)
    destination = getattr(args, "output", None)
    if destination is not None:
        write_report(destination, output, args.format, files)
    else:
        show_report(output, args.format)
    for report in reports:
        if report.error:
            sys.stderr.write(f"错误：{report.error}\n")
    marked, unwritten = _write_marks(reports, targets, args.in_place, stamps)
    if args.format == "text":
        for said in marked:
            print(said)
    if args.summary:
        write_summary(reports, args.summary, folder="、".join(str(p) for p in args.paths))
        if args.format == "text":
            print(f"已写出汇总：{args.summary}")
    if destination is not None and args.format == "text":
        print(f"已写出检查结果：{destination}")
    if quiet_exit:
        return EXIT_OK
    if any(r.error for r in reports) or unwritten:
        return EXIT_USAGE
    if getattr(args, "exit_zero", False):
        return EXIT_OK
    failing = (lambda r: r.errors) if settings.fail_level == "error" else (lambda r: r.errors or r.warnings)
    return EXIT_FINDINGS if any(failing(r) for r in reports) else EXIT_OK


def _say_skipped(skipped: dict[Path, str]) -> None:
    """Files left out are named on stderr (stdout stays one JSON or CSV document)."""
    if not skipped:
        return
    sys.stderr.write(f"已跳过 {len(skipped)} 个文件：\n")
    for path, why in list(skipped.items())[:20]:
        sys.stderr.write(f"  {path}（{why}）\n")
    if len(skipped) > 20:
        sys.stderr.write(f"  ……另有 {len(skipped) - 20} 个\n")


def show_report(output: str, fmt: str) -> None:
    """Text goes to the terminal in its own encoding; JSON and CSV go out as UTF-8 bytes (CSV with a
    byte-order mark, so Excel and WPS open a redirected file without garbling the Chinese)."""
    if fmt == "text":
        sys.stdout.write(output)
        return
    sys.stdout.flush()
    sys.stdout.buffer.write(report_bytes(output, fmt))
    sys.stdout.buffer.flush()


def report_bytes(output: str, fmt: str) -> bytes:
    if fmt == "json":
        return output.encode("utf-8")
    if fmt == "text" and os.name == "nt":
        output = output.replace("\n", "\r\n")  # what Notepad expects (the csv module writes CRLF already)
    return output.encode("utf-8-sig")  # csv and text files: with a BOM


def write_report(target: Path, output: str, fmt: str, inputs: list[Path]) -> None:
    from xltools.outputs import write_bytes

    write_bytes(target, report_bytes(output, fmt), inputs, what="检查结果")


def _stamps(files: list[Path]) -> dict[Path, FileStamp | None]:
    from xltools.workbook.safety import FileStamp

    return {f: FileStamp.now(f) for f in files}


def _mark_targets(files: list[Path], args: argparse.Namespace) -> dict[Path, Path]:
    """Where each file's marks go. An .xls/.xlsb/.ods is never changed: its marks go to an .xlsx copy
    (with --in-place: 原名.xlsx beside it, written only if no such file exists yet)."""
    from xltools.mark.xlsx_copy import KINDS, xlsx_name
    from xltools.workbook.other_formats import is_other_format

    if args.in_place:
        return {f: f.with_name(xlsx_name(f)) if is_other_format(f) else f for f in files}
    out: Path = args.mark
    if len(files) == 1 and out.suffix:
        source = files[0]
        if is_other_format(source) and out.suffix.lower() != ".xlsx":
            raise UserError(f"{source.name} 是 {KINDS[source.suffix.lower()]}，标记时另存为 .xlsx 副本："
                            f"请把 --mark 的文件名改为以 .xlsx 结尾，如 {out.stem}.xlsx")
        if not is_other_format(source) and out.suffix.lower() != source.suffix.lower():
            raise UserError(f"标记副本的扩展名应与原文件相同（{source.suffix}），否则 Excel 无法打开")
        check_target(out, files, what="标记副本")  # not the input itself (nor a link to it), not open in Excel
        return {source: out}
    if out.exists() and not out.is_dir():
        raise UserError(f"检查多个文件时 --mark 应为文件夹：{out}")
    targets: dict[Path, Path] = {}
    for f in sorted(files, key=is_other_format):  # .xlsx names first; a.xls beside a.xlsx gets its own name
        target = out / f"{f.stem}_已标记{'.xlsx' if is_other_format(f) else f.suffix}"
        if is_other_format(f) and target in targets.values():
            target = out / f"{f.stem}_{f.suffix[1:]}_已标记.xlsx"
        targets[f] = target
    return {f: targets[f] for f in files}


def _write_marks(reports, targets: dict[Path, Path], in_place: bool,
                 stamps: dict[Path, FileStamp | None]) -> tuple[list[str], int]:
    """Marked copies (or in-place marks after a backup); a file that cannot be marked is reported
    and the others are still written. Returns what to say for each file written and how many could not be."""
    import datetime as dt

    from xltools.mark import mark_file
    from xltools.mark.xlsx_copy import COPY_SAYS, KINDS, mark_as_xlsx
    from xltools.outputs import copy_file
    from xltools.workbook.other_formats import is_other_format

    written, unwritten = [], 0
    for report in reports:
        target = targets.get(report.path)
        if target is None or report.error:
            continue
        try:
            if is_other_format(report.path):  # the original stays as it is: an .xlsx copy holds the marks
                if in_place and (target.exists() or target.is_symlink()):
                    kind = KINDS[report.path.suffix.lower()]
                    raise UserError(f"旁边已有 {target.name}，未覆盖（{kind}不能直接标记，标记会另存为 {target.name}）。"
                                    f"要重新标记，请先删除或改名 {target.name}，或用 --mark 指定另一个文件名")
                mark_as_xlsx(report.path, target, report.findings, stamps.get(report.path))
                written.append(COPY_SAYS.format(kind=KINDS[report.path.suffix.lower()], target=target))
                continue
            if in_place:
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                backup = report.path.with_name(f"{report.path.stem}.备份-{stamp}{report.path.suffix}")
                copy_file(report.path, backup, what="备份")
            mark_file(report.path, target, report.findings, expected=stamps.get(report.path))
            written.append(f"已在原文件上标记：{target}" if in_place else f"已写出标记副本：{target}")
        except UserError as exc:
            unwritten += 1
            sys.stderr.write(f"错误：无法标记 {report.path.name}：{exc}\n")
    return written, unwritten


def cmd_rules(args: argparse.Namespace) -> int:
    from xltools.report import rules_table
    from xltools.rules import REGISTRY
    from xltools.settings import describe_rule

    if args.code:
        code = args.code.upper()
        if code not in REGISTRY:
            raise UserError(f"没有规则 {args.code}。用 xltools rules 查看全部规则。")
        sys.stdout.write(describe_rule(code))
    else:
        sys.stdout.write(rules_table())
    return EXIT_OK


def cmd_profiles(args: argparse.Namespace) -> int:
    from xltools import profiles
    from xltools.settings import check_profile, describe_profile

    if args.name:
        sys.stdout.write(describe_profile(profiles.load(check_profile(args.name, "口径"))))
        return EXIT_OK
    for name in profiles.names():
        profile = profiles.load(name)
        forms = f"；自动用于表样 {'、'.join(profile.forms)}" if profile.forms else ""
        print(f"{profile.id:<14} {profile.name}：{profile.summary}{forms}")
    print("\n用 xltools profiles 口径 查看取值及其依据，例如 xltools profiles hubei。")
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    from xltools.settings import write_template

    _ensure_dir(args.folder)
    path = write_template(args.folder, args.force)
    print(f"已写出设置文件 {path}（各项均已注释，去掉行首的 # 即可启用）")
    return EXIT_OK


def cmd_clear(args: argparse.Namespace) -> int:
    from xltools.mark import clear_file
    from xltools.workbook.read import read_book

    read_book(args.file)  # a clear message for missing or damaged files
    target = args.out or args.file
    if clear_file(args.file, target):
        print(f"已清除 xltools 标记：{target}")
    else:
        print(f"{args.file.name} 中没有 xltools 添加的标记。")
    return EXIT_OK


def cmd_freeze(args: argparse.Namespace) -> int:
    from xltools.freeze import freeze_file

    result = freeze_file(args.file, args.out)
    if result is None:
        print(f"{args.file.name} 中没有 XT_ 公式，也没有引用其他工作簿的公式或外部链接，无需固化；未写出文件。")
        return EXIT_OK
    print(f"已写出固化副本：{result.target}")
    if result.cells:
        print(f"  {result.cells} 个公式已换成保存的值（工作表：{'、'.join(result.sheets)}）")
    if result.links_removed:
        print(f"  已去掉不再使用的外部链接：{'、'.join(result.links_removed)}")
    if result.links_kept:
        print(f"  外部链接仍保留（名称、数据有效性或条件格式还在引用它们）：{'、'.join(result.links_kept)}。"
              "请在 Excel 中用“数据 → 编辑链接 → 断开链接”处理")
    print("原文件未改动；发送这份副本，收件人不装加载项也能看到同样的数。")
    return EXIT_OK


def _ensure_dir(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from xltools.outputs import reason

        raise UserError(f"无法创建输出目录 {path}：{reason(exc)}") from None


def cmd_addin(args: argparse.Namespace) -> int:
    import tempfile

    from xltools.excel import addin

    if args.addin_command == "build":
        path = addin.build(args.out)
        print(f"已生成加载项 {path}（VBA 模块：xltools、xlwings；功能区：绩效工具）")
        return EXIT_OK
    if args.addin_command in ("status", "remove"):
        try:
            plan = addin.plan_here()
        except UserError:  # no Excel here: nothing installed, nothing to remove
            print("本机不是 Windows 或 macOS，没有可装加载项的 Microsoft Excel，本机也没有安装 xltools 加载项。")
            return EXIT_OK
        for line in (addin.status(plan) if args.addin_command == "status" else addin.remove(plan)):
            print(line)
        return EXIT_OK
    plan = addin.plan_here()  # says at once when this machine has no Excel to install into
    with tempfile.TemporaryDirectory() as tmp:
        source = args.addin or addin.build(Path(tmp) / addin.ADDIN_FILE)
        for line in addin.install(source, plan):
            print(line)
    print("下一步：重新打开 Excel，出现“绩效工具”选项卡后即可使用各按钮和 XT_ 函数（函数已在加载项中，无需导入）。")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from xltools.narrative.cli import run

    return run(args)


COMMANDS = {"addin": cmd_addin, "templates": cmd_templates, "new": cmd_new, "example": cmd_example, "check": cmd_check,
            "rules": cmd_rules, "clear": cmd_clear, "freeze": cmd_freeze, "report": cmd_report, "profiles": cmd_profiles, "init": cmd_init}

if __name__ == "__main__":
    sys.exit(main())
