"""What a file really is, and whether it can be read safely, decided before python-calamine sees it.

The file is read from disk once; everything after works on those bytes, so a file replaced
while it is being checked cannot slip past the checks. In order: the path (missing, a folder,
a device, a symlink loop), the bytes (empty, too big, really a PDF, an old .xls, a password-
protected workbook), the zip directory (parts, declared sizes, compression ratios, encryption,
duplicate names), the workbook's structure (its sheets and their parts, XML entity
declarations, encodings), and finally one bounded pass over every sheet (how far its cells
reach, long texts, formulas without cached values). Every refusal is a ``ReadError`` whose
message, in Chinese, says what is wrong; a limit hit is a ``LimitExceeded`` naming the limit.
"""

from __future__ import annotations

import io
import itertools
import os
import posixpath
import re
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from defusedxml import DTDForbidden

from xltools.errors import UserError
from xltools.outputs import reason
from xltools.workbook.limits import MB, Limits
from xltools.workbook.parts import XML_ENCODING, Package, mentions_formula_words
from xltools.workbook.sheetscan import ScanRefused, SheetScan, scan_sheet, scan_text
from xltools.workbook.zipread import CHUNK, PartDamaged, directory, iter_part, read_part

SUPPORTED = (".xlsx", ".xlsm", ".xltx", ".xltm")
DEFLATE_MAX_RATIO = 1032  # no deflate stream inflates more: a smaller part cannot hide a bomb
RATIO_FROM = MB  # compression ratios are judged on parts at least this large
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
KEPT_MAX = 2 * MB  # inflated parts kept for the other readers of the package, in all


class ReadError(UserError):
    """The file could not be read as a workbook (message in Chinese)."""


class LimitExceeded(ReadError):
    """The workbook is larger than a limit allows; ``limit`` is the key in ``Limits``."""

    def __init__(self, message: str, limit: str) -> None:
        super().__init__(message)
        self.limit = limit


@dataclass(frozen=True)
class FileStamp:
    """Enough to tell whether a file on disk is still the one that was read."""

    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, st: os.stat_result) -> FileStamp:
        return cls(st.st_size, st.st_mtime_ns, st.st_ino)

    @classmethod
    def now(cls, path: Path) -> FileStamp | None:
        try:
            return cls.of(path.stat())
        except OSError:
            return None


@dataclass
class SheetPart:
    name: str
    part: str
    scan: SheetScan


@dataclass
class Inspection:
    data: bytes  # the whole file, read once
    stamp: FileStamp
    sheets: list[SheetPart]
    has_vba: bool
    package: Package  # the bytes with their zip directory, for the other readers of the same check

    @property
    def uncached(self) -> bool:
        return any(s.scan.uncached for s in self.sheets)


def inspect(path: Path, limits: Limits) -> Inspection:
    data, stamp = _load(path, limits)
    label = path.name
    if not data.startswith(b"PK"):
        raise ReadError(f"无法读取 {label}：它不是 Excel 工作簿，{_what_it_is(data)}")
    tail = data[-(65536 + 22):]
    if tail.count(b"PK\x05\x06") > 1:  # readers may pick different directories: refuse the ambiguity
        raise ReadError(f"无法读取 {label}：压缩包有多个目录，文件可能被篡改，不予读取")
    try:
        listed = directory(data)
    except zipfile.BadZipFile as exc:
        if "not a zip file" in str(exc) and data.startswith(b"PK\x03\x04"):
            raise ReadError(f"无法读取 {label}：文件不完整，结尾缺失（可能下载或复制时中断），请重新获取文件") from None
        raise ReadError(f"无法读取 {label}：文件已损坏（压缩包目录有误）") from None
    except Exception:  # noqa: BLE001 -- zipfile raises several types for damaged directories
        raise ReadError(f"无法读取 {label}：文件已损坏（压缩包目录有误）") from None
    infos = _directory(listed, limits, label)
    try:
        return _inspect_package(infos, io.BytesIO(data), data, stamp, limits, label)
    except PartDamaged as exc:
        if exc.lie:
            raise ReadError(f"无法读取 {label}：压缩包目录与内容不符，部件 {exc.name} 解压后比目录声明的更大"
                            "（疑似压缩炸弹或被篡改），不予读取") from None
        raise ReadError(f"无法读取 {label}：文件已损坏（部件 {exc.name} 的压缩数据校验失败）") from None
    except ScanRefused as exc:
        if exc.limit:
            raise LimitExceeded(f"无法读取 {label}：{exc}", exc.limit) from None
        raise ReadError(f"无法读取 {label}：{exc}") from None


def _load(path: Path, limits: Limits) -> tuple[bytes, FileStamp]:
    """The file's bytes, read once, after the checks its name, kind and size allow."""
    label = path.name or str(path)
    suffix = path.suffix.lower()
    cap = limits.max_file_mb * MB
    try:
        # O_NONBLOCK: a FIFO named x.xlsx must not block the run; it is refused below
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        if isinstance(exc, (IsADirectoryError, PermissionError)) and path.is_dir():
            raise ReadError(f"无法读取 {path}：这是文件夹，不是工作簿") from None
        raise ReadError(_open_failure(path, exc)) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ReadError(f"无法读取 {path}：这是文件夹，不是工作簿")
        if suffix == ".xls":
            raise ReadError(f"无法读取 {label}：这是旧版 .xls 格式，请在 Excel/WPS 中另存为 .xlsx 后再检查")
        if suffix not in SUPPORTED:
            raise ReadError(f"无法读取 {label}：不是 Excel 工作簿（支持 .xlsx、.xlsm）")
        if not stat.S_ISREG(st.st_mode):
            raise ReadError(f"无法读取 {label}：它不是普通文件（是设备、管道或套接字），不予读取")
        if st.st_size > cap:
            raise LimitExceeded(limits.message("max_file_mb", f"无法读取 {label}：文件大小为 {_mb(st.st_size)}"), "max_file_mb")
        pieces, size = [], 0
        while size <= cap:  # st_size + 1 bytes at a time: a file still growing is read to its end
            piece = os.read(fd, min(st.st_size + 1, cap + 1 - size))
            if not piece:
                break
            pieces.append(piece)
            size += len(piece)
    except OSError as exc:
        raise ReadError(_open_failure(path, exc)) from None
    finally:
        os.close(fd)
    data = pieces[0] if len(pieces) == 1 else b"".join(pieces)
    if len(data) > cap:
        raise LimitExceeded(limits.message("max_file_mb", f"无法读取 {label}：文件大小超过 {_mb(cap)}"), "max_file_mb")
    if not data:
        raise ReadError(f"无法读取 {label}：这是空文件（0 字节），可能下载、复制或保存没有完成")
    return data, FileStamp.of(st)


def _open_failure(path: Path, exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"无法读取 {path.name}：找不到文件（{path}）"
    return f"无法读取 {path}：{reason(exc)}"


def _mb(size: int) -> str:
    return f"{size / MB:,.1f} MB"


# ---- what a file that is not a zip really is -------------------------------------------

def _what_it_is(data: bytes) -> str:
    head = data[:8]
    if head == OLE_MAGIC:
        if "EncryptedPackage".encode("utf-16-le") in data:
            return "而是受密码保护（加密）的文件。请在 Excel 中打开，取消“用密码进行加密”后另存，再检查"
        if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
            return "而是旧版 .xls 格式（只是改了扩展名），请在 Excel/WPS 中另存为 .xlsx 后再检查"
        return "而是旧版 Office 文档（如 .doc、.ppt）"
    if head.startswith(b"%PDF"):
        return "而是 PDF 文件"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM")):
        return "而是图片"
    if head.startswith((b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")):
        return "而是其他格式的压缩包（RAR、7z 或 gzip）"
    text = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<"):
        if b"<html" in text or b"<!doctype html" in text or b"<table" in text:
            return "而是网页（HTML）文件（有些系统导出的“Excel”其实是网页），请用 Excel 打开后另存为 .xlsx"
        if b"urn:schemas-microsoft-com:office:spreadsheet" in data[:65536]:
            return "而是 Excel 2003 XML 表格，请用 Excel 打开后另存为 .xlsx"
        return "而是 XML 文本文件"
    if text.startswith(b"{\\rtf"):
        return "而是 RTF 文档"
    sample = data[:4096]
    for encoding in ("utf-8", "gb18030"):
        try:
            decoded = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        if all(ch.isprintable() or ch in "\r\n\t" for ch in decoded[:-1]):
            return "而是文本文件（如 CSV），请在 Excel 中打开后另存为 .xlsx"
    return "也无法识别它的格式（文件可能已损坏，或只是改了扩展名）"


# ---- the zip directory ------------------------------------------------------------------

def _directory(infos: list[zipfile.ZipInfo], limits: Limits, label: str) -> dict[str, zipfile.ZipInfo]:
    """Checks on what the central directory declares, before anything is inflated."""
    if len(infos) > limits.max_parts:
        raise LimitExceeded(limits.message("max_parts", f"无法读取 {label}：压缩包内有 {len(infos):,} 个部件"), "max_parts")
    by_name: dict[str, zipfile.ZipInfo] = {}
    folded: set[str] = set()  # part names compare without case (OPC); python-calamine finds parts so too
    total = 0
    for info in infos:
        name = info.filename
        if name in by_name:
            raise ReadError(f"无法读取 {label}：压缩包内有两个同名部件 {name}，文件可能被篡改，不予读取")
        if name.lower() in folded:  # else the reader could take a twin the inspection below never saw
            raise ReadError(f"无法读取 {label}：压缩包内有两个仅大小写不同的同名部件 {name}，文件可能被篡改，不予读取")
        by_name[name] = info
        folded.add(name.lower())
        if name.endswith("/"):
            continue
        if info.flag_bits & 0x1:
            raise ReadError(f"无法读取 {label}：压缩包内容已加密（zip 密码）")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ReadError(f"无法读取 {label}：部件 {name} 使用了 Excel 不用的压缩方式，文件可能被篡改，不予读取")
        if info.file_size > limits.max_part_mb * MB:
            raise LimitExceeded(limits.message("max_part_mb", f"无法读取 {label}：部件 {name} 解压后有 "
                                               f"{_mb(info.file_size)}"), "max_part_mb")
        total += info.file_size
        if total > limits.max_total_mb * MB:
            raise LimitExceeded(limits.message("max_total_mb", f"无法读取 {label}：解压后超过 {_mb(total)}"), "max_total_mb")
        if info.file_size >= RATIO_FROM and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise LimitExceeded(limits.message("max_ratio", f"无法读取 {label}：部件 {name} 的压缩比为 {ratio:,} 倍"
                                               "（疑似压缩炸弹）"), "max_ratio")
    return by_name


# ---- the workbook -----------------------------------------------------------------------

def _inspect_package(parts: dict[str, zipfile.ZipInfo], fp, data: bytes, stamp: FileStamp, limits: Limits,
                     label: str) -> Inspection:
    if WORKBOOK not in parts:
        raise ReadError(f"无法读取 {label}：{_which_package(parts, fp)}")
    if WORKBOOK_RELS not in parts:
        raise ReadError(f"无法读取 {label}：文件已损坏，缺少 {WORKBOOK_RELS}（工作表的索引）")
    kept = _Kept()
    rels = {r.get("Id"): r for r in _elements(kept.add(WORKBOOK_RELS, _xml(parts[WORKBOOK_RELS], fp, label)),
                                              "Relationship", WORKBOOK_RELS, label)}
    entries = _elements(kept.add(WORKBOOK, _xml(parts[WORKBOOK], fp, label)), "sheet", WORKBOOK, label)
    if len(entries) > limits.max_sheets:
        raise LimitExceeded(limits.message("max_sheets", f"无法读取 {label}：有 {len(entries):,} 个工作表"), "max_sheets")
    if not entries:
        raise ReadError(f"无法读取 {label}：文件已损坏，工作簿中没有任何工作表")
    sheets: list[SheetPart] = []
    mentions: dict[str, bool] = {}
    cells = 0
    for entry in entries:
        name = entry.get("name", "")
        rel_id = next((v for k, v in entry.items() if k.endswith("}id")), None)
        rel = rels.get(rel_id)
        if rel is None:
            raise ReadError(f"无法读取 {label}：文件已损坏，工作表“{name}”在索引中找不到对应的部件")
        part = _resolve(rel.get("Target", ""), label, name)
        info = parts.get(part)
        is_worksheet = rel.get("Type", "").endswith("/worksheet")
        if info is None:
            if is_worksheet:
                raise ReadError(f"无法读取 {label}：文件已损坏，缺少工作表“{name}”的部件 {part}")
            continue
        if info.file_size == 0:
            raise ReadError(f"无法读取 {label}：文件已损坏，工作表“{name}”的部件 {part} 是空的（0 字节）")
        chunks = _Reopenable(fp, info)
        prefix = _prolog(chunks.first[:4096], part, label)
        if chunks.whole:
            mentions[part] = mentions_formula_words(kept.add(part, chunks.first))
        scan = scan_sheet(chunks, limits, name, prefix)
        cells += scan.rows * scan.columns
        if cells > limits.max_cells:
            raise LimitExceeded(limits.message("max_cells", f"无法读取 {label}：各工作表已用区域合计 {cells:,} 个单元格"), "max_cells")
        sheets.append(SheetPart(name, part, scan))
    _other_parts(parts, {s.part for s in sheets} | {WORKBOOK, WORKBOOK_RELS}, rels, fp, limits, label, kept)
    if any(s.scan.uncached for s in sheets):
        formulas = sum(s.scan.formulas for s in sheets)
        if formulas > limits.max_formulas_evaluated:
            message = limits.message("max_formulas_evaluated", f"无法读取 {label}：公式没有保存计算结果（由程序生成、"
                                     f"从未在 Excel 中保存），需要代为计算的公式有 {formulas:,} 个")
            raise LimitExceeded(message + "。也可以在 Excel 或 WPS 中打开并保存一次后再检查", "max_formulas_evaluated")
    return Inspection(data, stamp, sheets, "xl/vbaProject.bin" in parts, Package(data, parts, mentions, kept.parts))


def _other_parts(parts: dict[str, zipfile.ZipInfo], done: set[str], rels: dict, fp, limits: Limits,
                 label: str, kept: _Kept) -> None:
    """Shared strings (text lengths), styles, and any XML part large enough to hide a bomb."""
    shared = {"xl/sharedStrings.xml"} | {_resolve(r.get("Target", ""), label, "") for r in rels.values()
                                         if r.get("Type", "").endswith("/sharedStrings")}
    for name in sorted(shared & set(parts)):
        info = parts[name]
        if info.file_size:
            chunks = _Reopenable(fp, info)
            _prolog(chunks.first[:4096], name, label)
            scan_text(chunks(), limits, "共享字符串表")
            if chunks.whole:
                kept.add(name, chunks.first)
        done.add(name)
    largest = limits.max_part_mb * MB
    for name, info in parts.items():  # the size test first: it rules out nearly every part at once
        if info.compress_size * DEFLATE_MAX_RATIO <= largest or name in done or not info.file_size \
                or not name.lower().endswith((".xml", ".rels", ".vml")):
            continue
        for _ in iter_part(fp, info):  # inflated and counted, never held
            pass


class _Kept:
    """The parts inflated whole on the way (each checked against the zip directory: size and CRC), kept
    up to a total, so that the other readers of the package (``Package.inflated``: the provenance look,
    the formula scan) need not inflate them again."""

    def __init__(self) -> None:
        self.parts: dict[str, bytes] = {}
        self.size = 0

    def add(self, name: str, data: bytes) -> bytes:
        if self.size + len(data) <= KEPT_MAX:
            self.parts[name] = data
            self.size += len(data)
        return data


class _Reopenable:
    """A part's inflated chunks: the first call goes on from the already inflated first chunk, later
    calls inflate afresh (the exact scan starts over)."""

    def __init__(self, fp, info: zipfile.ZipInfo) -> None:
        self.fp, self.info = fp, info
        self.whole = info.compress_size <= CHUNK and info.file_size <= CHUNK  # ``first`` is the whole part
        if self.whole:
            self.first, self.rest = read_part(fp, info), iter(())
        else:
            self.rest = iter_part(fp, info)
            self.first = next(self.rest, b"")
        self.used = False

    def __call__(self) -> Iterator[bytes]:
        if self.used:
            return iter_part(self.fp, self.info)
        self.used = True
        return itertools.chain([self.first], self.rest)


def _which_package(parts: dict[str, zipfile.ZipInfo], fp) -> str:
    if "mimetype" in parts:
        mime = read_part(fp, parts["mimetype"])[:100]
        if b"opendocument.spreadsheet" in mime:
            return "它是 OpenDocument 表格（.ods），请在 WPS、LibreOffice 或 Excel 中另存为 .xlsx 后再检查"
        return "它是 OpenDocument 文档（.odt、.odp 等），不是表格"
    if "xl/workbook.bin" in parts:
        return "它是 Excel 二进制工作簿（.xlsb），请在 Excel 中另存为 .xlsx 后再检查"
    if "word/document.xml" in parts:
        return "它是 Word 文档"
    if "ppt/presentation.xml" in parts:
        return "它是 PowerPoint 演示文稿"
    if "[Content_Types].xml" in parts:
        return f"缺少工作簿主体 {WORKBOOK}，文件已损坏"
    return "它是普通的 zip 压缩包"


def _resolve(target: str, label: str, sheet: str) -> str:
    """A relationship target as a part name, the way calamine looks it up; odd names are refused."""
    if ".." in target or "\\" in target or "//" in target or "://" in target:
        where = f"工作表“{sheet}”的部件" if sheet else "部件"
        raise ReadError(f"无法读取 {label}：{where}路径异常（{target[:60]}），文件可能被篡改，不予读取")
    if target.startswith("/"):
        return target[1:]
    return posixpath.join("xl", target) if not target.startswith("xl/") else target


def _xml(info: zipfile.ZipInfo, fp, label: str) -> bytes:
    if info.file_size == 0:
        raise ReadError(f"无法读取 {label}：文件已损坏，部件 {info.filename} 是空的（0 字节）")
    data = read_part(fp, info)
    _prolog(data[:1024], info.filename, label)
    return data


NAME_START = re.compile(rb"<([A-Za-z_][\w.\-]*:)?[A-Za-z_]")
# The prolog spreadsheet programs write, which the reading below accepts with the root's prefix as NAME_START
# finds it: told by one match (a fifth of the reading's time; it runs for every part).
USUAL_PROLOG = re.compile(rb'(?:\xef\xbb\xbf)?<\?xml version="1\.0" encoding="(?:UTF|utf)-8"(?: standalone="yes")?\?>'
                          rb"[ \t\r\n]*<([A-Za-z_][\w.\-]*:)?[A-Za-z_]")


def _prolog(head: bytes, part: str, label: str) -> str:
    """Refuse what must not come before the root element; return the root's namespace prefix."""
    usual = USUAL_PROLOG.match(head)
    if usual:
        return (usual.group(1) or b"").decode()
    return _read_prolog(head, part, label)


def _read_prolog(head: bytes, part: str, label: str) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:2] in (b"\x00<", b"<\x00"):
        raise ReadError(f"无法读取 {label}：部件 {part} 使用 UTF-16 编码，不受支持（应为 UTF-8），请用 Excel 打开后另存为 .xlsx")
    pos = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    while True:
        while pos < len(head) and head[pos] in b" \t\r\n":
            pos += 1
        if head.startswith(b"<?", pos):
            end = head.find(b"?>", pos)
            if end < 0:
                break
            declared = XML_ENCODING.search(head, pos, end)
            if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
                encoding = declared.group(1).decode("ascii", "replace")
                raise ReadError(f"无法读取 {label}：部件 {part} 使用 {encoding} 编码，不受支持（应为 UTF-8），"
                                "请用 Excel 打开后另存为 .xlsx")
            pos = end + 2
        elif head.startswith(b"<!--", pos):
            end = head.find(b"-->", pos)
            if end < 0:
                break
            pos = end + 3
        elif head.startswith(b"<!", pos):
            raise ReadError(f"无法读取 {label}：部件 {part} 含有 XML 实体声明（DOCTYPE/ENTITY），出于安全原因不予读取")
        else:
            m = NAME_START.match(head, pos)
            if m:
                return (m.group(1) or b"").decode()
            break
    raise ReadError(f"无法读取 {label}：文件已损坏，部件 {part} 不是正常的 XML")


def _elements(data: bytes, local: str, part: str, label: str) -> list[dict[str, str]]:
    """Attributes of every element with this local name, by expat with defusedxml's refusals
    (any DOCTYPE, entity declaration or external reference is refused, nothing is expanded)."""
    found: list[dict[str, str]] = []
    parser = expat.ParserCreate(namespace_separator="}")

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag.rpartition("}")[2] == local:
            found.append(attrs)

    def refuse(*_args: object) -> None:
        raise DTDForbidden(None, None, None)

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except DTDForbidden:
        raise ReadError(f"无法读取 {label}：部件 {part} 含有 XML 实体声明（DOCTYPE/ENTITY），出于安全原因不予读取") from None
    except expat.ExpatError:
        raise ReadError(f"无法读取 {label}：文件已损坏，部件 {part} 的 XML 结构有误") from None
    return found
