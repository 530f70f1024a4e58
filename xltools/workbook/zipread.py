"""Read a part of a zip package in bounded memory, trusting nothing the zip says about it.

``zipfile`` stops at the size the central directory declares, but python-calamine (the Rust
``zip`` crate) inflates until the deflate stream ends: a part whose directory entry claims
1 KB can inflate to 1 GB there. This reader yields the inflated bytes in chunks and fails as
soon as the data grows past the declared size, or ends short of it, or has another checksum.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from typing import BinaryIO
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipInfo

CHUNK = 1 << 20  # inflated bytes per step: the most one step holds
LOCAL_HEADER = struct.Struct("<4s2xH10xIIHH")  # signature, flags, sizes, name and extra lengths


class PartDamaged(Exception):
    """The part's bytes disagree with the zip directory; ``lie`` when it inflates past its size."""

    def __init__(self, name: str, lie: bool = False) -> None:
        super().__init__(name)
        self.name, self.lie = name, lie


def _seek_data(fp: BinaryIO, info: ZipInfo) -> None:
    """Go to the part's data, after checking its local header agrees with the directory (another
    reader might believe the local header)."""
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
