"""Render the filled example (F1 project sheets, F4 决算) to PNG through LibreOffice for the README.

Needs soffice, pdftoppm (poppler-utils) and a CJK font (fonts-noto-cjk). Run:
    .venv/bin/python docs/make_pictures.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from xltools.check import check_file
from xltools.example import write_example
from xltools.mark import mark_file

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests import seed_books  # noqa: E402  (the seed rebuilds live with the tests)

DOCS = Path(__file__).resolve().parent
PAGES = {"项目支出": [("f1_filled", 2)], "决算": [("f4_01_filled", 1), ("f4_05_filled", 6)],
         "示例_已标记": [("check_results", 1)], "湖北_已标记": [("hubei_marked", 2)]}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        books = write_example(work)
        marked = work / "示例_已标记.xlsx"
        mark_file(books[0], marked, check_file(books[0]).findings)
        hubei = seed_books.hubei_000(work / "湖北.xlsx")  # seed 000 as its unit typed it
        hubei_marked = work / "湖北_已标记.xlsx"
        mark_file(hubei, hubei_marked, check_file(hubei).findings)
        books += [marked, hubei_marked]
        subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", str(work), *map(str, books)],
                       check=True, capture_output=True, timeout=600)
        for book in books:
            pdf = work / f"{book.stem}.pdf"
            for key, pages in PAGES.items():
                if key not in book.name:
                    continue
                for name, page in pages:
                    subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", str(page), "-l", str(page),
                                    "-singlefile", str(pdf), str(DOCS / name)], check=True)
                    print(f"wrote docs/{name}.png")


if __name__ == "__main__":
    main()
