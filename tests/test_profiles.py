"""Profiles as data: every packaged profile loads, cites a source for each value that differs from
national-2020, names only known rules and options; the loader refuses an uncited change; the settings
file is validated; cell notes are read within bounds and "xltools:忽略" notes are understood."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.comments import Comment

from xltools import profiles, scoring
from xltools.errors import UserError
from xltools.rules import REGISTRY
from xltools.settings import Settings, check_profile_rules, parse
from xltools.workbook.notes import parse_directive, read_notes


@pytest.mark.parametrize("name", profiles.names())
def test_every_profile_cites_what_differs_from_national(name):
    profile = profiles.load(name)
    check_profile_rules(profile)  # known rules, declared options, valid severities
    for section in profile.changes:
        cited = profile.cites.get(section, ())
        assert cited, f"{name}: [{section}] differs from national-2020 without a source"
        for key in cited:
            source = profile.source(key)
            assert source.quote and (source.url.startswith("http") or source.note), (name, key)


def test_the_profiles_hold_the_values_their_sources_state():
    national, hubei, shenzhen, yitihua = (profiles.load(n) for n in ("national-2020", "hubei", "shenzhen", "yitihua"))
    assert national.bands == ((0.8, 1.0), (0.6, 0.8), (0.0, 0.6)) and hubei.bands == ((0.8, 1.0), (0.5, 0.8), (0.0, 0.5))
    assert national.budget_weight == 10 and hubei.budget_weight == 20
    assert national.changes == frozenset() and profiles.load("hunan").changes == frozenset()
    assert hubei.changes == {"qualitative", "budget"} and shenzhen.changes == {"grades"}
    assert shenzhen.grade(95) == "优秀" and "优" in shenzhen.grade_names("优秀") and national.grade(95) == "优"
    assert yitihua.changes == {"deviation", "caps", "rules"} and yitihua.enable == {"YT01", "YT02"}
    assert (yitihua.deviation.threshold, yitihua.deviation.penalty) == (0.3, 2)
    assert [yitihua.cap(r) for r in (0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5, 0.49)] == [None, 89, 89, 79, 79, 69, 69, 59]
    assert all(national.cap(r) is None for r in (0.1, 0.5, 0.99))
    assert profiles.for_form("F2-hubei").id == "hubei" and profiles.for_form("F3").id == "shenzhen"
    assert profiles.for_form("F1").id == "national-2020" and profiles.for_form(None).id == "national-2020"
    # the constants older callers use are these profiles' values
    assert scoring.BANDS_2020 == national.bands and scoring.BANDS_HUBEI == hubei.bands
    assert scoring.GRADE_BANDS_SHENZHEN == shenzhen.grade_bands


def _fake(monkeypatch, text: dict) -> None:
    """Profiles whose files are ``text`` (name -> TOML data) beside the packaged ones."""
    real_raw, real_names = profiles._raw, profiles.names
    monkeypatch.setattr(profiles, "_raw", lambda name: text[name] if name in text else real_raw(name))
    monkeypatch.setattr(profiles, "names", lambda: real_names() + list(text))
    profiles.load.cache_clear()
    profiles._merged.cache_clear()


def test_the_loader_refuses_a_change_without_a_source(monkeypatch):
    _fake(monkeypatch, {"uncited": {"id": "uncited", "name": "无出处", "extends": "national-2020",
                                    "budget": {"weight": 15}},
                        "cited": {"id": "cited", "name": "有出处", "extends": "national-2020",
                                  "sources": [{"key": "s", "title": "t", "url": "https://example.org/x", "quote": "15分"}],
                                  "budget": {"weight": 15, "cite": ["s"]}},
                        "same": {"id": "same", "name": "相同", "extends": "national-2020", "budget": {"weight": 10}}})
    try:
        with pytest.raises(profiles.ProfileError, match="cites no source"):
            profiles.load("uncited")
        assert profiles.load("cited").budget_weight == 15 and profiles.load("cited").changes == {"budget"}
        assert profiles.load("same").changes == frozenset()  # restating a national value needs no source
    finally:
        profiles.load.cache_clear()
        profiles._merged.cache_clear()


def test_settings_refuse_unknown_things_and_resolve_paths(tmp_path):
    with pytest.raises(UserError, match="未知的设置项：colour"):
        parse({"colour": "red"})
    with pytest.raises(UserError, match="没有选项“tolerance”"):
        parse({"rules": {"SE03": {"tolerance": 2}}})
    with pytest.raises(UserError, match="应在 0 到 100 之间"):
        parse({"rules": {"SE03": {"rounding": -1}}})
    settings = parse({"profile": "yitihua", "select": "SE, FA01", "ignore": ["se13"],
                      "per-path-ignores": {"旧/*.xlsx": ["SE04"], "甲.xlsx": ["SE1"]},
                      "accepted": [{"file": "旧/乙.xlsx", "rule": "SE03", "reason": "复核", "sheet": "表", "cell": "b2"},
                                   {"file": "*.xlsx", "rule": "SE01", "reason": "全部"}]},
                     tmp_path / "xltools.toml")
    assert settings.select == ("SE", "FA01") and settings.ignore == ("SE13",)
    config = settings.run_config(tmp_path / "旧" / "乙.xlsx", ["表"])
    assert config.profile == "yitihua" and set(config.ignore) == {"SE13", "SE04"}
    assert [(a.rule, a.sheet, a.cell) for a in config.accepted] == [("SE03", "表", "B2"), ("SE01", None, None)]
    other = settings.run_config(tmp_path / "甲.xlsx", ["表"])
    assert set(other.ignore) == {"SE13", "SE1"} and [a.rule for a in other.accepted] == ["SE01"]
    assert Settings().run_config(tmp_path / "甲.xlsx").accepted == ()


def test_note_directives():
    assert parse_directive("xltools:忽略 SE13 偏差原因已在报告中说明").codes == ("SE13",)
    both = parse_directive("xltools：忽略 se01，SE11 分值经批准调整")
    assert both.codes == ("SE01", "SE11") and both.reason == "分值经批准调整"
    assert parse_directive("xltools:忽略SE13原因").reason == "原因"
    assert parse_directive("xltools:忽略 SE13").reason == ""
    for text in ("请补充说明", "xltools：【错误】SE01 得分超过分值", "忽略 SE13 原因"):
        assert parse_directive(text) is None


def test_notes_are_read_with_their_sheets(tmp_path):
    wb = Workbook()
    wb.active.title = "甲"
    wb.active["B2"].comment = Comment("xltools:忽略 SE13 已说明", "审核人")
    wb.create_sheet("乙")["C3"].comment = Comment("普通批注", "审核人")
    wb.save(tmp_path / "a.xlsx")
    notes = read_notes(tmp_path / "a.xlsx")
    assert {(n.sheet, n.cell, n.text) for n in notes} == {("甲", "B2", "xltools:忽略 SE13 已说明"),
                                                          ("乙", "C3", "普通批注")}
    plain = Workbook()
    plain.save(tmp_path / "b.xlsx")
    assert read_notes(tmp_path / "b.xlsx") == []
    (tmp_path / "c.xlsx").write_bytes(b"not a zip")
    assert read_notes(tmp_path / "c.xlsx") == []


def test_a_hostile_comments_part_gives_no_notes(tmp_path):
    """A comments part with an entity declaration (a billion-laughs shape) is refused by defusedxml."""
    wb = Workbook()
    wb.active["A1"].comment = Comment("xltools:忽略 SE13 原因", "审核人")
    wb.save(tmp_path / "ok.xlsx")
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(tmp_path / "ok.xlsx") as src, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if "comments" in info.filename and info.filename.endswith(".xml"):
                body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
                data = (b'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                        + body.replace(b"xltools:", b"&b;"))
            dst.writestr(info, data)
    assert read_notes(bad) == []
    assert [n.cell for n in read_notes(tmp_path / "ok.xlsx")] == ["A1"]


def test_rules_declare_their_metadata_as_data():
    for code, rule in REGISTRY.items():
        assert rule.forms, f"{code} declares no forms"
        for option in rule.options:
            assert option.check(option.default) == option.default
        assert set(rule.also) <= {"error", "warning", "info"} - {rule.severity}
    assert not REGISTRY["YT01"].default_on and not REGISTRY["YT02"].default_on
    assert REGISTRY["XT001"].always and REGISTRY["XT003"].final


def test_a_tiered_budget_profile_scores_by_its_tiers():
    """No packaged profile scores the budget by tiers (none could be cited for the execution rate), but the
    method is a profile value: a profile that sets it is honoured by scoring."""
    from dataclasses import replace

    tiers = replace(profiles.load("national-2020"), id="tiers", budget_method="tiers")
    assert [scoring.budget_score_for(10, r, tiers) for r in (0.95, 0.9, 0.85, 0.8, 0.79)] == [10, 10, 5, 5, 0]
    assert scoring.budget_score_for(None, 1.0, profiles.load("hubei")) == 20


@pytest.fixture(autouse=True)
def _fresh_profiles():
    yield
    profiles.load.cache_clear()
    profiles._merged.cache_clear()


def test_every_profile_toml_is_packaged():
    root = Path(profiles.__file__).parent
    assert sorted(p.stem for p in root.glob("*.toml")) == sorted(profiles.names())
