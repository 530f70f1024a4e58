"""Render every form of ``xltools.forms.FORMS`` into a blank template workbook."""

from __future__ import annotations

from pathlib import Path

from xltools.forms import FORMS
from xltools.render.xlsx import render_workbook, save


def write_templates(out_dir: Path) -> list[Path]:
    paths = []
    for form in FORMS:
        wb, _ = render_workbook(form.build())
        path = out_dir / form.file_name
        save(wb, path, reproducible=True)
        paths.append(path)
    return paths
