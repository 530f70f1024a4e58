"""The quick zip-directory reader (``zipread.directory``) gives exactly what zipfile gives, and leaves
every unusual or damaged directory to zipfile itself, so the reader's refusals do not change."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from xltools.workbook import zipread
from xltools.workbook.zipread import (
    _SLOTS_SET,
    _plain_extra,
    _quick_directory,
    directory,
)


def _zipfile_says(data: bytes) -> list[tuple] | str:
    try:
        return [tuple(getattr(i, s) for s in _SLOTS_SET) for i in zipfile.ZipFile(io.BytesIO(data)).infolist()]
    except Exception as exc:  # noqa: BLE001 -- any refusal, compared by its repr
        return repr(exc)


def _quick_says(data: bytes) -> list[tuple] | None:
    found = _quick_directory(data)
    return None if found is None else [tuple(getattr(i, s) for s in _SLOTS_SET) for i in found]


def _zip(entries: dict[str, bytes], comment: bytes = b"", **kwargs) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, **kwargs) as z:
        for name, content in entries.items():
            z.writestr(name, content)
        z.comment = comment
    return buf.getvalue()


PLAIN = {"[Content_Types].xml": b"<Types/>" * 40, "xl/workbook.xml": b"<workbook/>" * 30, "xl/folder/": b"",
         "xl/worksheets/sheet1.xml": b"<worksheet/>" * 50}


def test_every_slot_is_filled():
    assert zipread._QUICK  # this Python's ZipInfo has the slots the quick reader fills
    assert set(_SLOTS_SET) == set(zipfile.ZipInfo.__slots__)


@pytest.mark.parametrize("entries", [PLAIN, {"xl/工作表.xml": b"x" * 100, "a.xml": b""}])
def test_plain_directories_are_read_quickly_and_identically(entries):
    data = _zip(entries)
    assert _quick_says(data) is not None
    assert _quick_says(data) == _zipfile_says(data)
    assert [i.filename for i in directory(data)] == list(entries)


def test_cp437_names_and_extra_fields():
    data = bytearray(_zip({"a.xml": b"1" * 80, "b.xml": b"2" * 80}))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).infolist()[1]
    cd = data.rfind(b"PK\x01\x02")
    name_at = cd + 46
    data[name_at:name_at + 5] = "é.xml".encode("cp437")[:5].ljust(5, b"x")  # flag 0x800 unset: cp437
    assert info.flag_bits & 0x800 == 0
    assert _quick_says(bytes(data)) == _zipfile_says(bytes(data))
    with_extra = _zip({"a.xml": b"1" * 80}, strict_timestamps=False)
    assert _quick_says(with_extra) == _zipfile_says(with_extra)


def test_unusual_directories_go_to_zipfile():
    assert _quick_directory(_zip(PLAIN, comment=b"a comment")) is None
    assert _quick_directory(b"junk" * 10 + _zip(PLAIN)) is None  # data before the zip
    big = io.BytesIO()
    with zipfile.ZipFile(big, "w") as z, z.open("x.xml", "w", force_zip64=True) as f:
        f.write(b"x" * 100)
    assert _quick_says(big.getvalue()) == _zipfile_says(big.getvalue())  # zip64 in the local header only
    assert not _plain_extra(b"\x01\x00\x08\x00" + b"\xff" * 8)  # a zip64 field in the directory: zipfile's
    assert not _plain_extra(b"\x0a\x00\x20\x00" + b"\x00" * 8)  # a field longer than the extra data
    assert _plain_extra(b"\x0a\x00\x04\x00" + b"\x00" * 4)
    assert _quick_directory(b"PK\x05\x06" + b"\x00" * 18) is None
    assert _quick_directory(_zip(PLAIN)[:-1]) is None


def test_damaged_directories_read_alike():
    """Random bytes changed in the directory and end record: whatever the quick reader accepts, zipfile
    reads identically; the rest is zipfile's (its answer, or its refusal) by construction."""
    rng = random.Random(20261126)
    base = _zip(PLAIN)
    quick = 0
    for _ in range(3000):
        data = bytearray(base)
        for _ in range(rng.choice((1, 1, 2, 3))):
            data[rng.randrange(len(data) - 300, len(data))] = rng.randrange(256)
        said = _quick_says(bytes(data))
        if said is not None:
            quick += 1
            assert said == _zipfile_says(bytes(data))
    assert quick > 100  # the test does exercise the quick reader on damaged input


def test_refusals_are_zipfile_s():
    with pytest.raises(zipfile.BadZipFile):
        directory(b"PK\x03\x04" + b"\x00" * 100)
    truncated = _zip(PLAIN)
    with pytest.raises(zipfile.BadZipFile):
        directory(truncated[:len(truncated) // 2])


def test_offsets_before_the_file_are_refused_in_chinese(tmp_path):
    """An end record declaring the directory farther on than it is makes zipfile place every part before
    the file's start; reading a part must refuse the file, never raise ValueError (a traceback)."""
    from tests.hostile_corpus import good_form
    from xltools.workbook.read import ReadError, read_book

    data = bytearray(good_form(tmp_path / "form.xlsx").read_bytes())
    end = len(data) - 22
    offset = int.from_bytes(data[end + 16:end + 20], "little")
    data[end + 16:end + 20] = (offset + 100_000).to_bytes(4, "little")
    bad = tmp_path / "偏移.xlsx"
    bad.write_bytes(bytes(data))
    assert _quick_directory(bytes(data)) is None  # zipfile's reading, with its negative offsets
    with pytest.raises(ReadError, match="文件已损坏（部件 .* 的压缩数据校验失败）"):
        read_book(bad)
