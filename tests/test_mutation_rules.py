"""The comparison every arithmetic rule uses, at its edges (domain brief, "Rounding"): equal at the shown
precision is no finding, a difference of exactly one unit of the last shown decimal a rounding warning,
more an error. Mutation testing (bench/mutation.sh, docs/mutation.md) showed these edges were reached
only through whole workbooks, where a shifted bound could hide behind another rule's finding.
"""

from __future__ import annotations

import pytest

from xltools.rules.base import _plain, compare


@pytest.mark.parametrize("actual, expected, decimals, verdict", [
    (99.0, 99.0, 2, "ok"),
    (99.004, 99.0, 2, "ok"),          # shown as 99.00
    (99.01, 99.0, 2, "rounding"),     # one unit of 0.01
    (98.99, 99.0, 2, "rounding"),
    (99.02, 99.0, 2, "error"),        # two units
    (99.5, 99.0, 2, "error"),         # half a point is fifty units, not a rounding matter
    (99.5, 99.0, 1, "error"),         # five units of 0.1
    (99.1, 99.0, 1, "rounding"),
    (100, 99, 0, "rounding"),         # whole 万元: one unit
    (101, 99, 0, "error"),
    (0.9001, 0.9, 4, "rounding"),     # a rate typed "90.01%"
    (0.9002, 0.9, 4, "error"),
])
def test_one_unit_of_the_last_shown_decimal(actual, expected, decimals, verdict):
    assert compare(actual, expected, decimals) == verdict
    assert compare(expected, actual, decimals) == verdict  # the direction of the slip does not matter


@pytest.mark.parametrize("actual, expected, decimals, units, verdict", [
    (99.01, 99.0, 2, 0, "error"),      # a profile that allows no rounding difference
    (99.0, 99.0, 2, 0, "ok"),
    (99.02, 99.0, 2, 2, "rounding"),   # one that allows two units
    (99.03, 99.0, 2, 2, "error"),
])
def test_the_allowed_rounding_is_a_number_of_units(actual, expected, decimals, units, verdict):
    assert compare(actual, expected, decimals, units) == verdict


@pytest.mark.parametrize("value, plain", [(None, None), ("良", "良"), (1.5, 1.5), (3, 3.0), (True, "True")])
def test_report_values_are_numbers_or_text(value, plain):
    got = _plain(value)
    assert got == plain and type(got) is type(plain)
