"""Render the folder summary (检查汇总.xlsx) of the seed books to PNG through LibreOffice for the README.

Needs soffice, pdftoppm (poppler-utils) and a CJK font (fonts-noto-cjk). Run:
    .venv/bin/python docs/make_summary_picture.py
Writes docs/summary_files.png (the first page: 文件汇总) and docs/summary_chart.png (the chart's page).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import xltools  # noqa: E402
from tests import seed_books  # noqa: E402  (the seed rebuilds live with the tests)

DOCS = Path(__file__).resolve().parent


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = work / "收到的表"
        (folder / "县区").mkdir(parents=True)
        seed_books.hubei_000(folder / "湖北省康复辅具技术中心.xlsx")
        seed_books.hunan_001(folder / "县区" / "衡阳市南岳区残疾人联合会.xlsx")
        seed_books.shenzhen_002(folder / "深圳项目自评.xlsx")
        seed_books.project_004(folder / "枣庄市精神卫生中心项目自评.xlsx")
        seed_books.accounts_004(folder / "枣庄市精神卫生中心2022年部门决算公开表.xlsx")
        (folder / "损坏的文件.xlsx").write_bytes(b"not a workbook")
        summary = work / "检查汇总.xlsx"
        report = xltools.check(folder)
        report.folder = "收到的表"
        report.to_excel(summary)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", str(work), str(summary)],
                       check=True, capture_output=True, timeout=600)
        pdf = work / "检查汇总.pdf"
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
        for name, page in (("summary_files", 1), ("summary_chart", pages)):
            subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile",
                            str(pdf), str(DOCS / name)], check=True)
            print(f"wrote docs/{name}.png (page {page} of {pages})")


if __name__ == "__main__":
    main()
