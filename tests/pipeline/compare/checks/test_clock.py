"""The clock check: times of day compared as minutes after midnight, within one time zone."""
import pytest

from service.pipeline.compare.checks import clock
from tests.pipeline.compare.fakes import claim


def at(text, cid="A#0"):
    return claim(cid, text, event="take")


@pytest.mark.parametrize("text, minutes", [
    ("took off at 1:38 p.m.", [(818, "")]),
    ("took off at 1338 hrs", [(818, "")]),
    ("took off at 1:38pm", [(818, "")]),
    ("at 9am", [(540, "")]),
    ("at 12 p.m.", [(720, "")]),
    ("at 12 a.m.", [(0, "")]),
    ("at 1:42 p.m. local time", [(822, "local")]),
    ("at 10 a.m. ET", [(600, "et")]),
    ("at 8:15 a.m. (GMT)", [(495, "gmt")]),
    ("the flight lasted 12 minutes", []),
    ("the fire was at 12", []),
])
def test_times_of_day_are_read_as_minutes_and_zone(text, minutes):
    assert clock.times(at(text)) == minutes


def test_a_point_between_hours_and_minutes_is_one_time():
    assert clock.times(at("at 2.30 p.m.")) == [(870, "")]
    assert clock.check(at("at 2.30 p.m."), at("at 2:30 p.m.", "B#0")) is None


def test_the_value_is_written_on_a_24_hour_clock():
    assert clock.value(at("between 1:38 p.m. and 1:42 p.m. local time")) == "13:38, 13:42 local"
    assert clock.value(at("no time here")) == ""


def test_different_times_in_one_zone_are_a_discrepancy():
    found = clock.check(at("took off at 1:38 p.m."), at("took off at 1:42 p.m.", "B#0"))
    assert found is not None and found.type == "date"
    assert "13:38" in found.explanation and "13:42" in found.explanation and "A" in found.explanation
    assert clock.check(at("took off at 1:38 p.m."), at("took off at 1338 hrs", "B#0")) is None


def test_times_in_different_zones_or_a_zone_against_none_are_not_compared():
    local = at("at 1:42 p.m. local time", "B#0")
    assert clock.check(at("at 12:42 p.m."), local) is None
    assert not clock.CHECK.comparable(at("at 12:42 p.m."), local)
    assert clock.check(at("at 8 a.m. GMT"), at("at 10 a.m. CEST", "B#0")) is None
    assert clock.CHECK.comparable(at("at 12:42 p.m."), at("at 1 p.m.", "B#0"))


def test_one_shared_time_among_several_is_no_conflict():
    assert clock.check(at("between 1:38 p.m. and 1:42 p.m."), at("at 1:42 p.m.", "B#0")) is None
