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
    ("with a personal best time of 2:14:18", []),
    ("she finished second in 2:17:32", []),
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


@pytest.mark.parametrize("text, minutes", [
    ("struck at 23:47 GMT on Friday", [(1427, "gmt")]),
    ("at 11:47 p.m. (1802 GMT) on Friday", [(1427, ""), (1082, "gmt")]),
    ("at 07:45 local time", [(465, "local")]),
    ("won 2:1 at home", []),
    ("a magnitude of 6.2 at a depth of 10 km", []),
    ("the 2023 budget", []),
])
def test_24_hour_times_and_zoned_hhmm_are_read(text, minutes):
    assert clock.times(at(text)) == minutes


def test_one_time_in_two_zones_against_another_reading_of_the_zone():
    gmt = at("the quake struck at 23:47 GMT on Friday")
    local = at("the quake struck at 11:47 p.m. (1802 GMT) on Friday", "B#0")
    found = clock.check(gmt, local)
    assert found is not None and "23:47 gmt" in found.explanation and "18:02 gmt" in found.explanation


@pytest.mark.parametrize("text, parts", [
    ("an earthquake that occurred at dawn", ["dawn"]),
    ("struck the region on Friday night", ["night"]),
    ("in Monday morning's quake", ["morning"]),
    ("struck Nepal on Friday midnight", ["midnight"]),
    ("rescuers worked overnight", ["overnight"]),
    ("the fire broke out around noon on Wednesday", ["noon"]),
    ("the fire started midafternoon Wednesday", ["midafternoon"]),
    ("it began in the mid-morning", ["midmorning"]),
    ("the knight rode out", []),
    ("a nightclub fire", []),
])
def test_parts_of_the_day_are_read(text, parts):
    assert clock.parts_of_day(at(text)) == parts


def test_a_part_of_the_day_against_a_time_or_another_part():
    dawn = at("the earthquake occurred at dawn")
    assert clock.check(dawn, at("the earthquake struck at 11:47 p.m. on Friday", "B#0")) is not None
    assert clock.check(dawn, at("the earthquake struck on Friday night", "B#0")) is not None
    assert clock.check(at("struck late on Friday night"), at("struck at 11:47 p.m.", "B#0")) is None
    assert clock.check(at("struck on Friday midnight"), at("struck at 23:47", "B#0")) is None
    assert clock.check(at("struck on Monday morning"), at("struck at 7:45 a.m.", "B#0")) is None
    assert clock.value(dawn) == "dawn"


def test_noon_and_the_afternoon_are_two_tellings_of_when():
    noon = at("the fire broke out around noon on Wednesday")
    assert clock.check(noon, at("the blaze began Wednesday afternoon", "B#0")) is not None
    assert clock.check(noon, at("the blaze erupted around midday on Wednesday", "B#0")) is None
    assert clock.check(at("the blaze began Wednesday afternoon"), at("the fire started midafternoon Wednesday", "B#0")) is None
    assert clock.check(at("the blaze began Wednesday afternoon"), at("it began at 2:51 p.m.", "B#0")) is None
    assert clock.check(at("the blaze began Wednesday afternoon"), at("the fire began late at night", "B#0")) is not None


def test_a_part_of_the_day_is_local_and_not_set_against_a_zoned_time():
    assert clock.check(at("struck at dawn"), at("struck at 18:02 GMT", "B#0")) is None
    assert not clock.CHECK.comparable(at("struck at dawn"), at("struck at 18:02 GMT", "B#0"))


def test_a_planned_time_is_not_when_it_happened():
    assert clock.times(at("the flight was originally scheduled to arrive at 18:25")) == []
    assert clock.times(at("was due to land at 6:25 p.m., but crashed at 1:39 p.m.")) == [(819, "")]
    assert clock.check(at("took off at 1:38 p.m."), at("was scheduled to arrive at 18:25", "B#0")) is None


def test_the_moment_of_a_reading_or_a_report_is_not_when_it_happened():
    assert clock.times(at("As of 4 p.m. Monday, 411 aftershocks had been recorded")) == []
    assert clock.parts_of_day(at("authorities said at a news conference Monday night that 422 aftershocks hit")) == []
    assert clock.parts_of_day(at("by Monday evening 422 aftershocks had been recorded")) == []
    assert clock.reading_moment(at("by Monday evening 422 aftershocks had been recorded")) == "by monday evening"
    assert clock.parts_of_day(at("the quake struck on Monday morning")) == ["morning"]


def test_an_earlier_reading_is_a_moment_of_its_own():
    assert clock.reading_moment(at("The first figures were 136 people dead")) == "first figures"
    assert clock.reading_moment(at("Preliminary reports put the toll at 40")) == "preliminary reports"
    assert clock.reading_moment(at("At least 157 people were killed")) == ""


def test_times_of_different_events_of_one_fact_are_not_compared():
    crash = claim("A#0", "when the ship crashed into a piling around 1:30 a.m.", event="crash")
    declared = claim("B#0", "A state of emergency was declared on Tuesday evening", event="declare")
    assert clock.check(crash, declared) is None
    assert not clock.CHECK.comparable(crash, declared)
    assert clock.check(crash, claim("C#0", "the ship crashed on Tuesday evening", event="crash")) is not None
    occurred = claim("D#0", "The crash occurred at 9:07 a.m.", event="occur")
    assert clock.check(crash, occurred) is not None


def test_a_time_given_as_near_fits_the_half_hour_beside_it_and_so_does_its_conversion():
    near = claim("A#0", "the jet was attempting to land shortly after 9 am (0000 GMT)", event="occur")
    exact = claim("B#0", "The accident occurred at 9:03 a.m. local time (00:03 GMT)", event="occur")
    assert clock.check(near, exact) is None
    assert clock.check(claim("C#0", "it crashed shortly before 9 am local time", event="occur"), exact) is not None
    assert clock.check(claim("D#0", "it occurred around 1:30 a.m.", event="occur"),
                       claim("E#0", "it occurred at 11:47 p.m.", event="occur")) is not None
    assert clock.value(claim("F#0", "it occurred around 1:30 a.m.")) == "01:30"


def test_each_sources_first_time_a_thing_occurred_at_is_compared_across_the_story():
    from service.pipeline.compare import timeline
    claims = [claim("A#0", "The accident occurred at 9:03 a.m. local time", event="occur"),
              claim("B#0", "The event occurred today, December 29, at 9:07 local time", event="occur"),
              claim("C#0", "The plane landed at 9:07", event="land")]
    facts = timeline.story_facts(claims, dict(timeline.STORY_WIDE)[clock.CHECK])
    assert [f.claims for f in facts] == [("A#0", "B#0")]
    assert clock.check(claims[0], claims[1]) is not None


def test_a_time_in_a_named_zone_is_compared_only_in_that_zone():
    assert clock.times(at("collapsed at around noon local time (around 3 pm Indian time)")) == [(900, "indian")]
    local = at("the bridge collapsed at around 11.30am", "B#0")
    assert clock.check(at("The structure collapsed at around noon local time (around 3 pm Indian time)"), local) is None
    assert clock.check(at("The structure collapsed at around 3 pm"), local) is not None
