"""argparse speaking Chinese: help, usage lines, group titles and every error message.

argparse builds its texts with ``gettext`` (``argparse._``, ``argparse.ngettext``) at the moment
it needs them. While one of our parsers is being built, formats help or parses, those two names
look messages up in the catalogue below (a translation, as gettext would do it), and only then;
any other argparse user in the same process is unaffected. Metavars the command did not name
get Chinese names from their destination, so usage lines and errors read "文件或文件夹", not
"paths".
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

EXIT_USAGE = 2

CATALOGUE = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "optional arguments": "选项",
    "subcommands": "子命令",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r 不是可用的取值（可选：%(choices)s）",
    "the following arguments are required: %s": "缺少必填参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "该选项需要一个值",
    "expected at most one argument": "该选项最多接受一个值",
    "expected at least one argument": "该选项至少需要一个值",
    "expected %s argument": "该选项需要 %s 个值",
    "expected %s arguments": "该选项需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "not allowed with argument %s": "不能与 %s 同时使用",
    "ignored explicit argument %r": "该选项不接受值：%r",
    "one of the arguments %s is required": "需要以下参数之一：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有子命令 %(parser_name)r（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unexpected option string: %s": "意外的选项：%s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：命令用法有误：%(message)s\n",
}

# What a value is called when the command did not give it a metavar (by the argument's dest).
METAVARS = {
    "paths": "文件或文件夹", "file": "文件", "form": "自评表", "report": "报告", "projects": "项目清单",
    "code": "规则代码", "out": "输出", "output": "输出文件", "indicators": "指标清单", "year": "年度",
    "jobs": "进程数", "rules": "规则代码", "format": "格式", "project": "项目名称", "addin": "加载项",
    "forms": "自评表", "exclude": "通配符", "mark": "输出", "summary": "汇总.xlsx",
}
VALUE_TYPES = {int: "整数", float: "数字"}


def _gettext(message: str) -> str:
    return CATALOGUE.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


@contextmanager
def chinese() -> Iterator[None]:
    """argparse's texts in Chinese for the duration (nested uses are fine)."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _gettext, _ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def display_width(text: str) -> int:
    """Terminal columns: a Chinese character takes two (argparse counts one)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


TOKENS = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+|\s+")
NO_LINE_START = set("，。、；：？！）》”’")
NO_LINE_END = set("（《“‘")


class ChineseHelpFormatter(argparse.HelpFormatter):
    """Usage prefix in Chinese; columns aligned and help wrapped by display width, not by characters."""

    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: ANN001 -- argparse's signature
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "用法：")

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is argparse.SUPPRESS:
            return
        widths = [display_width(self._format_action_invocation(action)) + self._current_indent]
        widths += [display_width(self._format_action_invocation(sub)) + self._current_indent + self._indent_increment
                   for sub in getattr(action, "_get_subactions", list)()]  # argparse forgets their indent
        self._action_max_length = max(self._action_max_length, *widths)

    def _format_action(self, action: argparse.Action) -> str:
        help_position = min(self._action_max_length + 2, self._max_help_position)
        help_width = max(self._width - help_position, 11)
        action_width = help_position - self._current_indent - 2
        header = self._format_action_invocation(action)
        indent_first = 0
        if not action.help:
            parts = [f"{'':{self._current_indent}}{header}\n"]
        elif display_width(header) <= action_width:
            pad = " " * (action_width - display_width(header))
            parts = [f"{'':{self._current_indent}}{header}{pad}  "]
        else:
            parts = [f"{'':{self._current_indent}}{header}\n"]
            indent_first = help_position
        if action.help and action.help.strip():
            lines = self._split_lines(self._expand_help(action), help_width) or [""]
            parts.append(f"{'':{indent_first}}{lines[0]}\n")
            parts += [f"{'':{help_position}}{line}\n" for line in lines[1:]]
        elif not parts[0].endswith("\n"):
            parts.append("\n")
        for sub in self._iter_indented_subactions(action):
            parts.append(self._format_action(sub))
        return self._join_parts(parts)

    def _split_lines(self, text: str, width: int) -> list[str]:
        """Greedy wrapping by display width; Chinese may break between any two characters, Latin
        words stay whole, and no line starts with closing punctuation."""
        text = " ".join(text.split())
        lines: list[str] = []
        line = ""
        for token in TOKENS.findall(text):
            if token.isspace():
                if line:
                    line += " "
                continue
            if line and display_width(line.rstrip() + token) > width and token[0] not in NO_LINE_START:
                carried = line[-1] if line[-1] in NO_LINE_END else ""  # an opening bracket goes with what follows
                lines.append(line[:len(line) - len(carried)].rstrip())
                line = carried
            line += token
        if line.strip():
            lines.append(line.rstrip())
        return lines

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in self._split_lines(text, width - len(indent)))

    def _get_default_metavar_for_positional(self, action: argparse.Action) -> str:
        return METAVARS.get(action.dest, action.dest)

    def _get_default_metavar_for_optional(self, action: argparse.Action) -> str:
        return METAVARS.get(action.dest, "值")


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose every user-facing text is Chinese; misuse exits 2 with a Chinese message."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 -- passed to argparse as they are
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        with chinese():
            super().__init__(*args, **kwargs)

    def add_argument(self, *args, **kwargs) -> argparse.Action:  # noqa: ANN002, ANN003
        with chinese():
            action = super().add_argument(*args, **kwargs)
        # Name the value in errors as in the usage line ("缺少必填参数：文件或文件夹", not "paths").
        if action.metavar is None and action.nargs != 0 and action.choices is None and action.dest in METAVARS:
            if not action.option_strings:
                action.metavar = METAVARS[action.dest]
        return action

    def add_subparsers(self, **kwargs) -> argparse._SubParsersAction:  # noqa: ANN003
        kwargs.setdefault("parser_class", type(self))
        kwargs.setdefault("metavar", "命令")
        with chinese():
            return super().add_subparsers(**kwargs)

    def parse_args(self, args=None, namespace=None):  # noqa: ANN001 -- argparse's signature
        with chinese():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args=None, namespace=None):  # noqa: ANN001 -- argparse's signature
        with chinese():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with chinese():
            return super().format_usage()

    def format_help(self) -> str:
        with chinese():
            return super().format_help()

    def _get_value(self, action: argparse.Action, arg_string: str) -> object:
        name = VALUE_TYPES.get(action.type)  # type: ignore[arg-type]
        if name is None:
            return super()._get_value(action, arg_string)
        try:
            return action.type(arg_string)  # type: ignore[misc]
        except (TypeError, ValueError):
            raise argparse.ArgumentError(action, f"应为{name}，而不是“{arg_string}”") from None

    def error(self, message: str) -> NoReturn:
        with chinese():
            self.print_usage(sys.stderr)
        sys.stderr.write(f"命令用法有误：{message}\n（用 {self.prog} -h 查看说明）\n")
        raise SystemExit(EXIT_USAGE)
