"""Render the filled example (F1 project sheets, F4 决算) to PNG through LibreOffice for the README.

Needs soffice, pdftoppm (poppler-utils) and a CJK font (fonts-noto-cjk). Run:
    .venv/bin/python docs/make_pictures.py
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from xltools.example import write_example

DOCS = Path(__file__).resolve().parent
PAGES = {"项目支出": [("f1_filled", 2)], "决算": [("f4_01_filled", 1), ("f4_05_filled", 6)]}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        books = write_example(work)
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
