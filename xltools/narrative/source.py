"""Read a report (.docx or .txt) into numbered paragraphs; bad files raise UserError in Chinese."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from xltools.errors import UserError
from xltools.narrative.model import Paragraph, ReportText
from xltools.outputs import reason

NOTE_STYLE = "xltools提示"  # paragraph style of the notes a draft opens with (not checked)
TEXT_ENCODINGS = ("utf-8-sig", "gb18030")
MAX_UNPACKED = 200 * 2**20  # a report is a few MB even with pictures; more is a damaged or hostile file


def read_report(path: Path) -> ReportText:
    if not path.exists():
        raise UserError(f"找不到文件：{path}")
    if path.is_dir():
        raise UserError(f"{path} 是文件夹，不是报告")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return ReportText(path, "docx", list(_docx_paragraphs(path)))
    if suffix == ".txt":
        return ReportText(path, "txt", _text_paragraphs(path))
    if suffix in (".doc", ".wps", ".rtf"):
        raise UserError(f"{path.name} 是 {suffix} 格式，请在 Word/WPS 中另存为 .docx 后再核对")
    raise UserError(f"{path.name} 不是报告文件（支持 Word 文档 .docx 和文本文件 .txt）")


def open_docx(path: Path):
    """A python-docx Document, or UserError when the file is not a Word document."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        if not zipfile.is_zipfile(path):
            raise UserError(f"无法读取 {path.name}：不是有效的 Word 文档（.docx），可能已损坏或改了扩展名")
        with zipfile.ZipFile(path) as package:
            if "word/document.xml" not in package.namelist():
                raise UserError(f"无法读取 {path.name}：不是 Word 文档（缺少 word/document.xml）")
            if sum(info.file_size for info in package.infolist()) > MAX_UNPACKED:
                raise UserError(f"{path.name} 解压后超过 {MAX_UNPACKED // 2**20} MB，不像一份报告，未读取")
        return docx.Document(str(path))
    except UserError:
        raise
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UserError(f"无法读取 {path.name}：Word 文档已损坏或格式不受支持（{type(exc).__name__}）") from None
    except OSError as exc:
        raise UserError(f"无法读取 {path.name}：{reason(exc)}") from None
    except Exception as exc:  # noqa: BLE001 -- lxml and python-docx raise several types for damaged parts
        raise UserError(f"无法读取 {path.name}：Word 文档内容无法解析（{type(exc).__name__}）") from None


def paragraph_runs(paragraph) -> list:
    """The runs of a paragraph in order, including those inside hyperlinks."""
    from docx.text.run import Run

    runs = []
    for item in paragraph.iter_inner_content():
        runs.extend([item] if isinstance(item, Run) else item.runs)
    return runs


def paragraph_text(paragraph) -> str:
    """The paragraph's text as its runs hold it; offsets into it address runs (see mark)."""
    return "".join(run.text for run in paragraph_runs(paragraph))


def _docx_paragraphs(path: Path) -> Iterator[Paragraph]:
    document = open_docx(path)
    for i, p in enumerate(document.paragraphs, start=1):
        style = p.style.name if p.style is not None else ""
        yield Paragraph(i, paragraph_text(p), note=style == NOTE_STYLE)


def _text_paragraphs(path: Path) -> list[Paragraph]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取 {path.name}：{reason(exc)}") from None
    if b"\x00" in data[:4096]:
        raise UserError(f"{path.name} 不是文本文件（含二进制内容）")
    for encoding in TEXT_ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UserError(f"无法读取 {path.name}：文本编码无法识别（支持 UTF-8 和 GBK）")
    return [Paragraph(i, line) for i, line in enumerate(text.splitlines(), start=1)]
