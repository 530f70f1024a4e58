"""``xltools new``: blank F1 workbooks per project, or one book with an F5 summary."""

from __future__ import annotations

from pathlib import Path

from xltools.errors import UserError
from xltools.forms import f1_project, f5_summary
from xltools.names import MAX_FILE_STEM, MAX_SHEET_NAME, file_stem, sheet_name, unique
from xltools.projects import Project
from xltools.render.xlsx import render_workbook, save


def project_books(projects: list[Project], out_dir: Path, year: int | None, force: bool) -> list[Path]:
    stems = unique([file_stem(p.info.name) for p in projects], MAX_FILE_STEM)
    targets = [out_dir / f"{stem}.xlsx" for stem in stems]
    _refuse_overwrite(targets, force)
    for project, target in zip(projects, targets, strict=True):
        sheet = f1_project.build(project.info, project.indicators or None,
                                 sheet_title=sheet_name(project.info.name), year=year)
        wb, _ = render_workbook([sheet])
        save(wb, target)
    return targets


def one_book(projects: list[Project], target: Path, year: int | None, force: bool) -> Path:
    _refuse_overwrite([target], force)
    titles = unique([sheet_name(p.info.name) for p in projects], MAX_SHEET_NAME, taken={f5_summary.SHEET_TITLE})
    sheets = [f5_summary.build([f5_summary.link_to_f1(t) for t in titles], year=year)]
    sheets += [f1_project.build(p.info, p.indicators or None, sheet_title=t, year=year)
               for p, t in zip(projects, titles, strict=True)]
    wb, _ = render_workbook(sheets)
    save(wb, target)
    return target


def _refuse_overwrite(targets: list[Path], force: bool) -> None:
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        names = "、".join(t.name for t in existing[:5])
        raise UserError(f"以下文件已存在，未做任何改动：{names}。如需覆盖请加 --force。")
