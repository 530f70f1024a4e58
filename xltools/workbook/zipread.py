"""Read a part of a zip package in bounded memory, trusting nothing the zip says about it.

``zipfile`` stops at the size the central directory declares, but python-calamine (the Rust
``zip`` crate) inflates until the deflate stream ends: a part whose directory entry claims
1 KB can inflate to 1 GB there. This reader yields the inflated bytes in chunks and fails as
soon as the data grows past the declared size, or ends short of it, or has another checksum.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import BinaryIO
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipInfo

CHUNK = 1 << 20  # inflated bytes per step: the most one step holds
LOCAL_HEADER = struct.Struct("<4s2xH10xIIHH")  # signature, flags, sizes, name and extra lengths
END_RECORD = struct.Struct("<4s4H2LH")  # as zipfile's structEndArchive
CENTRAL_RECORD = struct.Struct("<4s4B4HL2L5H2L")  # as zipfile's structCentralDir
_SLOTS_SET = ("orig_filename", "filename", "date_time", "compress_type", "_compresslevel", "comment", "extra",
              "create_system", "create_version", "extract_version", "reserved", "flag_bits", "volume",
              "internal_attr", "external_attr", "header_offset", "CRC", "compress_size", "file_size", "_raw_time")
# The quick directory reader fills every slot of ZipInfo; a Python whose ZipInfo has others uses zipfile.
_QUICK = set(_SLOTS_SET) == set(getattr(ZipInfo, "__slots__", ()))


def directory(data: bytes) -> list[ZipInfo]:
    """The zip's central directory, as ``zipfile.ZipFile(io.BytesIO(data)).infolist()`` gives it.

    The common case (the end record last, no archive comment, no zip64, the directory right before
    the end record, plain entries) is read here with ``struct``, in a fraction of zipfile's time;
    anything else, damaged or unusual, goes to zipfile itself, so every refusal stays zipfile's."""
    infos = _quick_directory(data) if _QUICK else None
    return infos if infos is not None else zipfile.ZipFile(io.BytesIO(data)).infolist()


def _quick_directory(data: bytes) -> list[ZipInfo] | None:
    """None whenever zipfile might read the directory otherwise (or refuse it)."""
    n = len(data)
    if n < 64 or data[n - 22:n - 18] != b"PK\x05\x06" or data[n - 2:] != b"\x00\x00" \
            or data[n - 42:n - 38] == b"PK\x06\x07":  # a comment, or a zip64 locator: zipfile's way
        return None
    size_cd, offset_cd = END_RECORD.unpack_from(data, n - 22)[5:7]
    if offset_cd + size_cd != n - 22:  # data before the zip ("concat") or a directory not where declared
        return None
    infos: list[ZipInfo] = []
    pos, end = offset_cd, n - 22
    new, unpack = ZipInfo.__new__, CENTRAL_RECORD.unpack_from
    while pos < end:
        if pos + 46 > end:
            return None
        (signature, create_version, create_system, extract_version, reserved, flags, method, t, d, crc,
         compressed, size, name_len, extra_len, comment_len, volume, internal, external, offset) = unpack(data, pos)
        name_at = pos + 46
        pos = name_at + name_len + extra_len + comment_len
        if signature != b"PK\x01\x02" or pos > end or extract_version > zipfile.MAX_EXTRACT_VERSION:
            return None
        raw = data[name_at:name_at + name_len]
        if raw.isascii():  # the same in UTF-8 and cp437, and decoded without a Python codec
            name = raw.decode("ascii")
        elif flags & 0x800:
            try:
                name = raw.decode("utf-8")
            except UnicodeDecodeError:
                return None
        else:
            name = raw.decode("cp437")
        if "\x00" in name:
            return None
        extra = data[name_at + name_len:name_at + name_len + extra_len]
        if extra and not _plain_extra(extra):
            return None
        info = new(ZipInfo)
        info.orig_filename = info.filename = name
        info.date_time = ((d >> 9) + 1980, (d >> 5) & 0xF, d & 0x1F, t >> 11, (t >> 5) & 0x3F, (t & 0x1F) * 2)
        info._raw_time = t
        info.compress_type, info._compresslevel = method, None
        info.comment, info.extra = data[name_at + name_len + extra_len:pos], extra
        info.create_system, info.create_version, info.extract_version = create_system, create_version, extract_version
        info.reserved, info.flag_bits, info.volume = reserved, flags, volume
        info.internal_attr, info.external_attr, info.header_offset = internal, external, offset
        info.CRC, info.compress_size, info.file_size = crc, compressed, size
        infos.append(info)
    return infos


def _plain_extra(extra: bytes) -> bool:
    """Extra fields zipfile would keep as they are: well formed, no zip64 field."""
    while len(extra) >= 4:
        kind, length = struct.unpack_from("<HH", extra)
        if kind == 0x0001 or length + 4 > len(extra):
            return False
        extra = extra[length + 4:]
    return True


class PartDamaged(Exception):
    """The part's bytes disagree with the zip directory; ``lie`` when it inflates past its size."""

    def __init__(self, name: str, lie: bool = False) -> None:
        super().__init__(name)
        self.name, self.lie = name, lie


def _seek_data(fp: BinaryIO, info: ZipInfo) -> None:
    """Go to the part's data, after checking its local header agrees with the directory (another
    reader might believe the local header)."""
    if info.header_offset < 0:  # a directory whose offsets point before the file (zipfile allows it)
        raise PartDamaged(info.filename)
    fp.seek(info.header_offset)
    header = fp.read(LOCAL_HEADER.size)
    if len(header) < LOCAL_HEADER.size:
        raise PartDamaged(info.filename)
    signature, flags, compressed, size, name_len, extra_len = LOCAL_HEADER.unpack(header)
    if signature != b"PK\x03\x04":
        raise PartDamaged(info.filename)
    if not flags & 0x08 and compressed != 0xFFFFFFFF and (compressed, size) != (info.compress_size, info.file_size):
        raise PartDamaged(info.filename, lie=size > info.file_size)
    name = fp.read(name_len)
    if name.decode("utf-8" if flags & 0x800 else "cp437", "replace") != info.orig_filename:
        raise PartDamaged(info.filename)
    fp.seek(extra_len, 1)


def iter_part(fp: BinaryIO, info: ZipInfo, chunk: int = CHUNK) -> Iterator[bytes]:
    """The part's inflated bytes, chunk by chunk, never more than the directory declares."""
    _seek_data(fp, info)
    if info.compress_type == ZIP_STORED:
        yield from _stored(fp, info, chunk)
    elif info.compress_type == ZIP_DEFLATED:
        yield from _deflated(fp, info, chunk)
    else:
        raise PartDamaged(info.filename)


def read_part(fp: BinaryIO, info: ZipInfo) -> bytes:
    if info.compress_type == ZIP_DEFLATED and info.compress_size <= CHUNK and info.file_size <= CHUNK:
        return _small(fp, info)
    return b"".join(iter_part(fp, info))


def _small(fp: BinaryIO, info: ZipInfo) -> bytes:
    """A small deflated part in one step (the common case: workbook, relationships, small sheets)."""
    _seek_data(fp, info)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        out = inflater.decompress(fp.read(info.compress_size), info.file_size + 1)
    except zlib.error:
        raise PartDamaged(info.filename) from None
    if len(out) > info.file_size:
        raise PartDamaged(info.filename, lie=True)
    if not inflater.eof or len(out) != info.file_size or zlib.crc32(out) != info.CRC:
        raise PartDamaged(info.filename)
    return out


def read_head(fp: BinaryIO, info: ZipInfo, size: int = 1024) -> bytes:
    """The first ``size`` inflated bytes (enough for an XML prolog), inflating no more than that."""
    for piece in iter_part(fp, info, chunk=size):
        return piece
    return b""


def _stored(fp: BinaryIO, info: ZipInfo, chunk: int) -> Iterator[bytes]:
    left, crc = info.compress_size, 0
    if info.file_size != left:
        raise PartDamaged(info.filename, lie=info.file_size < left)
    while left:
        data = fp.read(min(chunk, left))
        if not data:
            raise PartDamaged(info.filename)
        left -= len(data)
        crc = zlib.crc32(data, crc)
        yield data
    if crc != info.CRC:
        raise PartDamaged(info.filename)


def _deflated(fp: BinaryIO, info: ZipInfo, chunk: int) -> Iterator[bytes]:
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    left, produced, crc = info.compress_size, 0, 0
    pending = b""
    while not inflater.eof:
        if not pending and left > 0:
            pending = fp.read(min(CHUNK, left))
            if not pending:
                raise PartDamaged(info.filename)
            left -= len(pending)
        try:
            out = inflater.decompress(pending, chunk)  # zlib may still hold output when the input is used up
        except zlib.error:
            raise PartDamaged(info.filename) from None
        pending = inflater.unconsumed_tail
        if not out and not pending and left <= 0:
            break
        produced += len(out)
        if produced > info.file_size:
            raise PartDamaged(info.filename, lie=True)
        crc = zlib.crc32(out, crc)
        if out:
            yield out
    if not inflater.eof or produced != info.file_size or crc != info.CRC:
        raise PartDamaged(info.filename)
