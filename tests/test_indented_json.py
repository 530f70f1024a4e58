"""The report's JSON text is exactly what json.dumps(..., ensure_ascii=False, indent=2) writes."""

from __future__ import annotations

import enum
import json
import math
import random

import pytest

from xltools.report import indented_json


class _Text(str):
    pass


class _Level(enum.IntEnum):
    ONE = 1


LEAVES = [None, True, False, 0, -3, 10**20, 1.0, -0.0, 0.1, 1e16, 1.5e-7, 3.91, math.nan, math.inf, -math.inf, "",
          "检查结果", 'a"b\\c\n\t\x00\x1f\u2028', "“指标20”得分 4.91", "\ud83d\ude00", "é", _Text("sub"), _Level.ONE]
KEYS = ["a", "文件", "", "x\ny", "k1", 1, 2.5, None, True]


def _value(rng: random.Random, depth: int = 0) -> object:
    r = rng.random()
    if depth > 4 or r < 0.4:
        return rng.choice(LEAVES)
    if r < 0.7:
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    if r < 0.8:
        return tuple(_value(rng, depth + 1) for _ in range(rng.randint(0, 3)))
    return {rng.choice(KEYS): _value(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def test_same_text_as_the_json_module_on_random_values():
    rng = random.Random(20261126)
    for _ in range(5000):
        value = _value(rng)
        assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_a_report_shaped_value():
    value = {"files": [{"path": "表/a.xlsx", "error": None, "tables": [],
                        "findings": [{"rule": "SE01", "expected": 3.91, "actual": 4.91, "accepted": True}]}]}
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_what_json_refuses_is_refused_alike():
    with pytest.raises(TypeError, match="not JSON serializable"):
        indented_json({"a": [object()]})
