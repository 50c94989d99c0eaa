"""The until check: the end a claim gives its ban, term or measure, compared within one event."""
import pytest

from service.pipeline.compare import timeline
from service.pipeline.compare.checks import until
from tests.pipeline.compare.fakes import claim


def barred(cid, text):
    return claim(cid, text, event="bar", object="Bolsonaro")


@pytest.mark.parametrize("text, end", [
    ("The court barred Bolsonaro from public office until 2033", "2033"),
    ("barred from office until January 2030", "Jan 2030"),
    ("barred until at least 2030", "at least 2030"),
    ("He was barred from office for eight years", ""),
])
def test_the_end_is_read_after_until(text, end):
    assert until.value(barred("A#0", text)) == end


def test_different_ends_of_one_event_are_a_date_discrepancy_and_a_floor_fits_a_later_end():
    a = barred("A#0", "The jury barred Bolsonaro from running for public office until 2033")
    found = until.check(a, barred("B#0", "The court barred Bolsonaro from holding public office until 2060"))
    assert found is not None and found.type == "date" and "2033" in found.explanation and "2060" in found.explanation
    assert until.check(a, barred("C#0", "barred from office until March 2033")) is None
    assert until.check(barred("D#0", "barred until at least 2030"), a) is None
    assert until.check(a, claim("E#0", "The sanctions stay in force until 2060", event="stay")) is None


def test_each_sources_first_end_of_an_event_on_one_object_is_compared_across_the_story():
    claims = [barred("A#0", "barred until 2033"), barred("B#0", "barred until 2060"),
              claim("C#0", "sanctions last until 2040", event="last", object="sanctions")]
    facts = timeline.story_facts(claims, dict(timeline.STORY_WIDE)[until.CHECK])
    assert [f.claims for f in facts] == [("A#0", "B#0")]
