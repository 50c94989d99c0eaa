"""The ages check: the range of ages of those a story counts, compared across the story."""
import pytest

from service.pipeline.compare import timeline
from service.pipeline.compare.checks import ages
from tests.pipeline.compare.fakes import claim


@pytest.mark.parametrize("text, value", [
    ("The ages of the victims range from 16 to 24", "16–24"),
    ("35 had been identified, with the ages ranging from 14 to 24", "14–24"),
    ("The dead were aged between 14 and 24", "14–24"),
    ("The victims were young", ""),
    ("Prices range from 16 to 24 euros", ""),
])
def test_an_age_range_is_read(text, value):
    assert ages.value(claim("A#0", text)) == value


def test_different_age_ranges_are_a_discrepancy_across_the_story():
    a, b = claim("A#0", "with the ages ranging from 14 to 24"), claim("B#0", "The ages of the victims range from 16 to 24")
    found = ages.check(a, b)
    assert found is not None and found.type == "numeric"
    assert ages.check(a, claim("C#0", "aged 14 to 24")) is None
    facts = timeline.story_facts([a, b, claim("C#0", "The fire killed 59")], dict(timeline.STORY_WIDE)[ages.CHECK])
    assert [f.claims for f in facts] == [("A#0", "B#0")]
