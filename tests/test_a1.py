"""A1 address helpers give exactly what openpyxl's do (they exist so a check need not import openpyxl)."""

from __future__ import annotations

import itertools
import random
import string

from openpyxl.utils.cell import (
    column_index_from_string,
    coordinate_from_string,
    coordinate_to_tuple,
    get_column_letter,
)

from xltools.workbook.a1 import (
    column_letter,
    column_number,
    row_and_column,
    split_address,
)


def _answer(function, *args):
    try:
        return function(*args)
    except Exception as exc:  # noqa: BLE001 -- the message is compared, the type differs by design
        return ("error", str(exc))


def test_column_letters_for_every_number():
    for number in range(-3, 18290):
        assert _answer(column_letter, number) == _answer(get_column_letter, number)


def test_column_numbers_and_addresses_for_many_texts():
    rng = random.Random(20261126)
    texts = ["".join(p) for k in (1, 2, 3) for p in itertools.product("AZaz", repeat=k)]
    texts += ["", "ZZZ", "ZZZZ", "AAAA", "XFD", "A1", "é", "Ａ"]
    texts += ["".join(rng.choice(string.ascii_letters + "0$1 -") for _ in range(rng.randint(0, 5))) for _ in range(3000)]
    for text in texts:
        assert _answer(column_number, text) == _answer(column_index_from_string, text)
        for address in (text, f"{text}12", f"${text}$7", f"{text}0", f"{text}007"):
            assert _answer(split_address, address) == _answer(coordinate_from_string, address)
            valid = _answer(coordinate_from_string, address)[0] != "error"
            if valid and "$" not in address:  # openpyxl's coordinate_to_tuple reads only plain addresses
                assert row_and_column(address) == coordinate_to_tuple(address)


def test_a_check_imports_neither_openpyxl_nor_numpy(tmp_path):
    import subprocess
    import sys

    from tests import seed_books

    book = tmp_path / "湖北.xlsx"
    seed_books.hubei_000(book)
    code = ("import sys\nfrom pathlib import Path\nfrom xltools.cli import main\n"
            f"code = main(['check', {str(book)!r}, '--format', 'json'])\n"
            "print(code, 'openpyxl' in sys.modules, 'numpy' in sys.modules, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stderr.split()[-3:] == ["1", "False", "False"]
