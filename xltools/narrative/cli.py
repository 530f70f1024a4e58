"""``xltools report draft|check|rules``: the written self-evaluation report.

Exit codes as for ``xltools check``: 0 no error finding, 1 error findings (in the report checked,
or in the form a draft was made from), 2 unreadable input or misuse (Chinese message on stderr).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from xltools.errors import UserError
from xltools.outputs import reason

EXIT_OK, EXIT_FINDINGS = 0, 1


def add_report_parser(sub) -> None:
    p = sub.add_parser("report", help="自评报告：由自评表起草 Word 报告，或核对已写好的报告")
    commands = p.add_subparsers(dest="report_command", required=True, parser_class=type(p))
    d = commands.add_parser("draft", help="由自评表（F1、F2）起草自评报告（.docx），每个项目一份")
    d.add_argument("form", type=Path, help="自评表工作簿（.xlsx）")
    d.add_argument("--out", type=Path, help="输出文件（只有一个项目时，如 报告.docx）或文件夹（默认当前文件夹）")
    d.add_argument("--project", help="只起草这个项目（或单位）的报告")
    d.add_argument("--profile", metavar="口径", help="评分口径（默认按设置文件 xltools.toml，或按表样自动选择），"
                                                   "如 hubei；xltools profiles 列出全部口径")
    d.add_argument("--force", action="store_true", help="覆盖已存在的同名文件")
    c = commands.add_parser("check", help="核对自评报告（.docx 或 .txt）：自相矛盾之处，以及（加 --forms）与表格不符之处")
    c.add_argument("report", type=Path, help="自评报告（.docx 或 .txt）")
    c.add_argument("--forms", type=Path, metavar="FORM.xlsx", help="报告所依据的自评表，逐项核对数字")
    c.add_argument("--project", help="表格中有多个项目时，指定与报告对照的项目（默认按报告内容自动选择）")
    c.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    c.add_argument("--mark", type=Path, metavar="OUT.docx", help="写出标记副本：问题句子加亮并加批注（仅 .docx）")
    r = commands.add_parser("rules", help="列出报告核对规则，或查看一条规则的说明")
    r.add_argument("code", nargs="?", help="规则代码，例如 RP01")


def run(args: argparse.Namespace) -> int:
    return {"draft": _draft, "check": _check, "rules": _rules}[args.report_command](args)


def _draft(args: argparse.Namespace) -> int:
    from xltools import profiles
    from xltools.check import check_file
    from xltools.names import file_stem, unique
    from xltools.narrative.draft import drafts, save
    from xltools.settings import check_profile, for_paths

    settings = for_paths([args.form]).overridden(profile=args.profile)
    report = check_file(args.form, settings=settings)
    if report.error:
        raise UserError(report.error)
    chosen = profiles.load(check_profile(settings.profile, "--profile")) if settings.profile else None
    made = drafts(report, args.project, chosen)
    targets = _targets(args.out, [file_stem(d.name) for d in made], unique)
    existing = [t for t in targets if t.exists()]
    if existing and not args.force:
        raise UserError(f"文件已存在：{'、'.join(map(str, existing))}（加 --force 覆盖）")
    for d, target in zip(made, targets, strict=True):
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            save(d, target)
        except OSError as exc:
            raise UserError(f"无法写入 {target}：{reason(exc)}（文件是否正在 Word 中打开？）") from None
        print(f"已起草 {target}")
    recognised = bool(report.recognized and report.recognized.self_eval)
    if not recognised:
        print(f"注意：{args.form.name} 中没有识别到自评表（F1/F2），报告只有待填写的框架。")
    errors = sum(d.errors for d in made)
    if errors:
        where = "自评表" if recognised else "工作簿"
        print(f"注意：{where}中有 {errors} 处错误，已列在报告开头（黄色加亮）；请先改正{'表格' if recognised else '工作簿'}。")
        return EXIT_FINDINGS
    return EXIT_OK


def _targets(out: Path | None, stems: list[str], unique) -> list[Path]:
    if out is not None and out.suffix.lower() == ".docx" and len(stems) > 1 and not out.is_dir():
        raise UserError(f"工作簿中有 {len(stems)} 个项目，每个项目一份报告：--out 请给文件夹，"
                        f"或用 --project 只起草一个项目（{'、'.join(stems)}）")
    if out is not None and len(stems) == 1 and out.suffix:
        if out.suffix.lower() != ".docx":
            raise UserError(f"报告应保存为 .docx：{out}")
        return [out]
    if out is not None and out.exists() and not out.is_dir():
        raise UserError(f"有多个项目时 --out 应为文件夹：{out}")
    folder = out or Path(".")
    return [folder / f"{stem}_绩效自评报告.docx" for stem in unique(stems, 120)]


def _check(args: argparse.Namespace) -> int:
    from xltools.narrative.check import check_report
    from xltools.narrative.output import as_json, as_text

    if args.mark is not None:
        from xltools.narrative.mark import check_target

        check_target(args.report, args.mark)  # before anything is printed: a misuse prints only its message
    if args.project and args.forms is None:
        raise UserError("--project 要与 --forms 一起使用（指定与报告对照的表格中的项目）")
    result = check_report(args.report, args.forms, args.project)
    sys.stdout.write(as_json(result) if args.format == "json" else as_text(result))
    if args.mark is not None:
        from xltools.narrative.mark import mark_report

        written = mark_report(args.report, args.mark, result.findings)
        if args.format == "text":
            print(f"已写出标记副本：{written}")
    return EXIT_FINDINGS if result.errors else EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    from xltools.narrative.output import rule_doc, rules_table
    from xltools.narrative.rules import REPORT_RULES

    if args.code:
        code = args.code.upper()
        if code not in REPORT_RULES:
            raise UserError(f"没有报告核对规则 {args.code}。用 xltools report rules 查看全部规则。")
        sys.stdout.write(rule_doc(code))
    else:
        sys.stdout.write(rules_table())
    return EXIT_OK
