"""The elapsed check: how long after one anchor event, as ranges of seconds."""
from service.pipeline.compare.checks import elapsed
from tests.pipeline.compare.fakes import claim


def test_a_minute_and_five_minutes_after_take_off_conflict():
    soon = claim("A#0", "The plane crashed less than a minute after taking off")
    later = claim("B#0", "The jet crashed just five minutes after takeoff")
    assert elapsed.spans(soon) == [(0.0, 60.0, "takeoff")]
    found = elapsed.check(soon, later)
    assert found is not None and "five minutes" in found.explanation


def test_ranges_that_overlap_or_other_anchors_do_not_conflict():
    about = claim("A#0", "It crashed about four minutes after take-off")
    five = claim("B#0", "It crashed five minutes after takeoff")
    assert elapsed.check(about, five) is None
    quake = claim("C#0", "The tower fell ten minutes after the quake")
    assert not elapsed.CHECK.comparable(quake, five) and elapsed.check(quake, five) is None
    assert elapsed.spans(claim("D#0", "It crashed moments after take-off")) == []
