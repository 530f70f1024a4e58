"""Command line: ``xltools templates | new | example``.

Exit codes (contract in docs/design): 0 fine, 1 error findings, 2 unreadable input or misuse.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from xltools import __version__
from xltools.errors import UserError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
DEFAULT_TEMPLATES_DIR = Path("templates")

ARGPARSE_MESSAGES = {
    "the following arguments are required": "缺少必填参数",
    "unrecognized arguments": "无法识别的参数",
    "invalid choice": "无效的选项",
    "expected one argument": "该选项需要一个值",
    "invalid int value": "应为整数",
}


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        for english, chinese in ARGPARSE_MESSAGES.items():
            message = message.replace(english, chinese)
        self.print_usage(sys.stderr)
        sys.stderr.write(f"命令用法有误：{message}\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(prog="xltools", description="绩效自评表与决算公开表的 Excel 工具")
    parser.add_argument("--version", action="version", version=f"xltools {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=ChineseArgumentParser)

    p = sub.add_parser("templates", help="生成各官方表样的空白模板（.xlsx）")
    p.add_argument("--out", type=Path, default=DEFAULT_TEMPLATES_DIR, help="输出目录（默认 templates/）")
    p.add_argument("--list", action="store_true", help="只列出表样，不生成文件")

    p = sub.add_parser("new", help="按项目清单生成每个项目的空白自评表")
    p.add_argument("projects", type=Path, help="项目清单 .xlsx 或 .csv（列：项目名称、主管部门、实施单位、年初预算数、全年预算数）")
    p.add_argument("--indicators", type=Path, help="绩效指标清单（.xlsx/.csv；列：项目名称、一级指标、二级指标、三级指标、年度指标值、分值）")
    p.add_argument("--out", type=Path, default=Path("新建项目表"), help="输出目录（默认 新建项目表/）")
    p.add_argument("--one-book", action="store_true", help="所有项目放进一个工作簿，另加汇总表")
    p.add_argument("--year", type=int, help="年度，写入表头，例如 2025")
    p.add_argument("--force", action="store_true", help="覆盖已存在的同名文件")

    p = sub.add_parser("example", help="生成内置示例：模板和一份故意带错的填报示例")
    p.add_argument("--out", type=Path, default=Path("示例输出"), help="输出目录（默认 示例输出/）")
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


def cmd_templates(args: argparse.Namespace) -> int:
    from xltools.templates import write_templates
    from xltools.forms import FORMS

    if args.list:
        for form in FORMS:
            print(f"{form.code}\t{form.name}\t{form.file_name}\t（{form.source}）")
        return EXIT_OK
    for path in write_templates(args.out):
        print(f"已生成 {path}")
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
    for path in write_example(args.out):
        print(f"已生成示例 {path}")
    print("示例中故意埋下的错误（打开文件后这些单元格会标红或算不出结果）：")
    for sheet, where, what in SLIPS:
        print(f"- {sheet}｜{where}：{what}")
    return EXIT_OK


def _ensure_dir(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"无法创建输出目录 {path}：{exc.strerror}") from None


COMMANDS = {"templates": cmd_templates, "new": cmd_new, "example": cmd_example}

if __name__ == "__main__":
    sys.exit(main())
