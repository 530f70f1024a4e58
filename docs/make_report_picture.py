"""Render a drafted self-evaluation report (the example's 重性精神病人防治经费) to one PNG for the README.

Needs soffice and pdftoppm (poppler-utils). The machine has no official document fonts, so a
fontconfig alias maps them to installed faces: 仿宋_GB2312, 仿宋 and 方正小标宋简体 to Noto Serif CJK,
黑体 to Noto Sans CJK, 楷体_GB2312 to AR PL UKai (fonts-noto-cjk, fonts-arphic-ukai). Run:
    .venv/bin/python docs/make_report_picture.py
"""

from __future__ import annotations

import os
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

from xltools.check import check_file
from xltools.example import write_example
from xltools.narrative.draft import drafts, save

DOCS = Path(__file__).resolve().parent
PROJECT = "重性精神病人防治经费"
ALIASES = {"仿宋_GB2312": "Noto Serif CJK SC", "仿宋": "Noto Serif CJK SC", "方正小标宋简体": "Noto Serif CJK SC",
           "黑体": "Noto Sans CJK SC", "楷体_GB2312": "AR PL UKai CN"}
DPI, PAGES, GAP = 61, 3, 14


def fonts_conf(path: Path) -> Path:
    aliases = "".join(f'<alias binding="same"><family>{name}</family><prefer><family>{face}</family></prefer></alias>'
                      for name, face in ALIASES.items())
    path.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    f'<include ignore_missing="yes">/etc/fonts/fonts.conf</include>{aliases}</fontconfig>',
                    encoding="utf-8")
    return path


def read_ppm(path: Path) -> tuple[int, int, bytes]:
    magic, width, height, _depth, pixels = path.read_bytes().split(maxsplit=4)
    assert magic == b"P6"
    return int(width), int(height), pixels


def side_by_side(pages: list[tuple[int, int, bytes]]) -> bytes:
    """The pages in a row on a grey ground, each with a thin frame, as a PNG (no imaging library needed)."""
    ground, frame = b"\xe6" * 3, b"\x99" * 3
    height = max(h for _, h, _ in pages) + 2 + 2 * GAP
    width = sum(w + 2 for w, _, _ in pages) + GAP * (len(pages) + 1)
    canvas = [bytearray(ground * width) for _ in range(height)]
    x = GAP
    for w, h, pixels in pages:
        for y in range(h + 2):
            row = canvas[GAP + y]
            if y in (0, h + 1):
                row[3 * x:3 * (x + w + 2)] = frame * (w + 2)
                continue
            row[3 * x:3 * x + 3] = row[3 * (x + w + 1):3 * (x + w + 2)] = frame
            row[3 * (x + 1):3 * (x + 1 + w)] = pixels[3 * w * (y - 1):3 * w * y]
        x += w + 2 + GAP

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(row) for row in canvas)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (draft,) = drafts(check_file(write_example(work)[0]), PROJECT)
        report = save(draft, work / "报告.docx")
        env = {**os.environ, "FONTCONFIG_FILE": str(fonts_conf(work / "fonts.conf"))}
        subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "pdf",
                        "--outdir", str(work), str(report)], check=True, capture_output=True, timeout=600, env=env)
        subprocess.run(["pdftoppm", "-r", str(DPI), "-f", "1", "-l", str(PAGES), str(work / "报告.pdf"), str(work / "page")],
                       check=True, capture_output=True, timeout=120)
        pages = [read_ppm(p) for p in sorted(work.glob("page-*.ppm"))]
        (DOCS / "report_draft.png").write_bytes(side_by_side(pages))
        print(f"{DOCS / 'report_draft.png'}: {len(pages)} pages")


if __name__ == "__main__":
    main()
