"""The tenure check: the years a claim gives for a time in office, compared across the story."""
import pytest

from service.pipeline.compare import timeline
from service.pipeline.compare.checks import tenure
from tests.pipeline.compare.fakes import claim


@pytest.mark.parametrize("text, years", [
    ("The far-right politician who governed Brazil between 2019 and 2022 was convicted", "2019–2022"),
    ("Bolsonaro, a conservative who governed from 2018 to 2022", "2018–2022"),
    ("He served as prime minister from 2010 until 2016", "2010–2016"),
    ("Inflation rose from 2019 to 2022", ""),
    ("He governed for four years", ""),
])
def test_years_in_office_are_read_with_a_verb_of_holding_a_post(text, years):
    assert tenure.value(claim("A#0", text)) == years


def test_different_years_in_office_are_a_discrepancy_across_the_story():
    a = claim("A#0", "who governed Brazil between 2019 and 2022")
    b = claim("B#0", "a conservative who governed from 2018 to 2022")
    assert tenure.check(a, claim("C#0", "who ruled from 2019 to 2022")) is None
    found = tenure.check(a, b)
    assert found is not None and found.type == "date"
    facts = timeline.story_facts([a, b, claim("C#0", "He was convicted")], dict(timeline.STORY_WIDE)[tenure.CHECK])
    assert [f.claims for f in facts] == [("A#0", "B#0")]
