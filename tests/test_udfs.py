"""The Excel functions: registration metadata as xlwings builds it, and calls through its wrappers."""

from __future__ import annotations

import re

import pytest

from tests.udf_calls import call_udfs, udf_metadata

NAMES = ["XT_EXECRATE", "XT_BUDGETSCORE", "XT_SCORE", "XT_CAPPED", "XT_WEIGHTED", "XT_SPLITWEIGHT", "XT_GRADE",
         "XT_PARSE"]
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def metadata():
    return udf_metadata()


def test_every_udf_is_registered_with_chinese_help(metadata):
    functions = {f["name"]: f for f in metadata["meta"]["functions"]}
    assert sorted(functions) == sorted(NAMES)
    for name, f in functions.items():
        assert CHINESE.search(f["description"]), name
        for p in f["parameters"]:
            assert CHINESE.search(p["description"]), (name, p)
            assert not p["description"].startswith("Positional argument")
    assert [p["name"] for p in functions["XT_SCORE"]["parameters"]] == ["target", "actual", "weight", "bands"]
    assert functions["XT_SCORE"]["parameters"][3].get("optional") is True


def test_wizard_texts_fit_excel_limits(metadata):
    # Application.MacroOptions truncates descriptions at 255 characters.
    for name, info in metadata["xlfunc"].items():
        assert len(info["ret"]) <= 255 and all(len(a) <= 255 for a in info["args"]), name


def test_calls_through_xlwings():
    results = call_udfs([
        ("XT_EXECRATE", [4150, 3977.6]),
        ("XT_EXECRATE", [0, 5]),
        ("XT_BUDGETSCORE", [10, 1.2]),
        ("XT_BUDGETSCORE", [2.27, "85%", "分档"]),
        ("XT_SCORE", ["≤24万元", "26万元", 10]),
        ("XT_SCORE", ["提升", "显著提升", 10]),
        ("XT_SCORE", ["≥100人", "很多", 10]),
        ("XT_SCORE", ["提升", "部分达成", 10, "湖北"]),
        ("XT_WEIGHTED", [[95, 85, None], [100, 300, 50]]),
        ("XT_SPLITWEIGHT", [25, 11, 11]),
        ("XT_GRADE", [87]),
        ("XT_GRADE", [95, "深圳"]),
        ("XT_PARSE", ["≥195人"]),
        ("XT_PARSE", ["1,0000.00"]),
        ("XT_EXECRATE", ["1,0000.00", 5]),
        ("XT_GRADE", [95, "火星"]),
    ])
    assert results[0] == pytest.approx(3977.6 / 4150)
    assert results[1] in ("", None)
    assert results[2] == 10
    assert results[3] == pytest.approx(2.27 * 0.5)
    assert results[4] == pytest.approx(10 * 24 / 26)
    assert results[5] == 10
    assert results[6].startswith("无法解析：")
    assert results[7] == pytest.approx(6.5)
    assert results[8] == pytest.approx(87.5)
    assert results[9] == pytest.approx(2.3)
    assert results[10] == "良" and results[11] == "优秀"
    assert results[12] == "不低于 195人"
    assert results[13].startswith("无法解析：") and "千分位" in results[13]
    assert results[14].startswith("无法解析：")
    assert results[15].startswith("无法解析：")
