"""The quick look at an XML part's prolog (``safety.USUAL_PROLOG``) answers exactly as the full reading
(``safety._read_prolog``): the same root prefix, or the same refusal, for the usual prolog, its variants
and thousands of random changes to it."""

from __future__ import annotations

import itertools
import random

from xltools.workbook import safety
from xltools.workbook.read import ReadError

USUAL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="urn:x"><sheetData/>'


def _answer(reader, head: bytes) -> str:
    try:
        return "prefix:" + reader(head, "xl/worksheets/sheet1.xml", "表.xlsx")
    except ReadError as exc:
        return "refused:" + str(exc)


def _variants() -> list[bytes]:
    boms = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00"]
    versions = [b'version="1.0"', b"version='1.0'", b'version="1.1"', b""]
    encodings = [b' encoding="UTF-8"', b' encoding="utf-8"', b' encoding="Utf-8"', b' encoding="utf8"',
                 b' encoding="GBK"', b" encoding='UTF-8'", b""]
    standalones = [b' standalone="yes"', b' standalone="no"', b""]
    gaps = [b"", b"\r\n", b" \t\n", b"\f", b"<!-- c -->", b"<!DOCTYPE x>", b"<?pi x?>"]
    roots = [b"<worksheet>", b"<x:worksheet>", b"<x.y-z:w>", b"<_a:b>", b"<1x>", b"<x:1>", b"<:x>", b"", b"<"]
    heads = []
    for bom, version, encoding, standalone, gap, root in itertools.product(boms, versions, encodings, standalones,
                                                                          gaps, roots):
        heads.append(bom + b"<?xml " + version + encoding + standalone + b"?>" + gap + root)
    return heads


def test_variants() -> None:
    heads = _variants() + [USUAL[:n] for n in range(len(USUAL) + 1)]
    for head in heads:
        assert _answer(safety._prolog, head) == _answer(safety._read_prolog, head), head
    assert sum(safety.USUAL_PROLOG.match(head) is not None for head in heads) > 100


def test_random_changes() -> None:
    rng = random.Random(20261126)
    alphabet = b'<>?!:="\' \t\r\nxmlUTFutf-80_.aZ\x00\xef\xbb\xbf'
    usual_taken = 0
    for _ in range(20_000):
        head = bytearray(USUAL)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(head))
            change = rng.randrange(3)
            if change == 0:
                head[at] = rng.choice(alphabet)
            elif change == 1:
                head.insert(at, rng.choice(alphabet))
            else:
                del head[at]
        head = bytes(head)
        usual_taken += safety.USUAL_PROLOG.match(head) is not None
        assert _answer(safety._prolog, head) == _answer(safety._read_prolog, head), head
    assert usual_taken > 1_000  # the quick look was really compared, not only the full reading
