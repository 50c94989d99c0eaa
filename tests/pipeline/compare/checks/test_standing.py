"""The standing check: whether a person still holds the office the sources title them with, across the story."""
from service.pipeline.compare import timeline
from service.pipeline.compare.checks import standing
from tests.pipeline.compare.fakes import claim

TRUMP = ("PERSON", "donald trump", "donald trump")
TUSK = ("PERSON", "donald tusk", "donald tusk")


def test_a_title_before_or_after_a_name_says_whether_the_office_is_past():
    assert standing.titles(claim("A#0", "Former U.S. President Donald Trump called it extortion", named=(TRUMP,))) == {
        ("trump", "president"): True}
    assert standing.titles(claim("B#0", "U.S. President Donald Trump threatened tariffs", named=(TRUMP,))) == {
        ("trump", "president"): False}
    assert standing.titles(claim("C#0", "Donald Trump, the former president, spoke", named=(TRUMP,))) == {
        ("trump", "president"): True}
    assert standing.titles(claim("D#0", "Prime Minister Donald Tusk said allies helped", named=(TUSK,))) == {
        ("tusk", "prime minister"): False}
    assert standing.titles(claim("E#0", "Donald Trump spoke", named=(TRUMP,))) == {}


def test_a_person_called_former_in_one_source_and_serving_in_another_is_a_discrepancy():
    now = claim("A#0", "U.S. President Donald Trump threatened tariffs", named=(TRUMP,))
    found = standing.check(now, claim("B#0", "Former U.S. President Donald Trump called it extortion", named=(TRUMP,)))
    assert found is not None and found.type == "entity" and "former president" in found.explanation
    assert standing.check(now, claim("C#0", "President Donald Trump spoke", named=(TRUMP,))) is None
    # another office is no conflict: a former senator can be president
    assert standing.check(now, claim("D#0", "former senator Donald Trump spoke", named=(TRUMP,))) is None


def test_each_sources_first_title_of_a_person_is_one_carrier_across_the_story():
    claims = [claim("A#0", "U.S. President Donald Trump threatened tariffs", named=(TRUMP,)),
              claim("B#0", "Former U.S. President Donald Trump called it extortion", named=(TRUMP,)),
              claim("C#0", "Prime Minister Donald Tusk said allies helped", named=(TUSK,))]
    facts = timeline.standing_facts(claims)
    assert [f.claims for f in facts] == [("A#0", "B#0")]


def test_a_story_that_tells_of_the_person_leaving_office_disputes_no_title():
    lekhak = ("PERSON", "ramesh lekhak", "ramesh lekhak")
    claims = [claim("A#0", "Home Minister Ramesh Lekhak had already resigned", event="resign", named=(lekhak,)),
              claim("B#0", "Protesters torched the house of Home Minister Ramesh Lekhak", event="torch", named=(lekhak,)),
              claim("C#0", "Protesters torched the residence of former home minister Ramesh Lekhak", event="torch",
                    named=(lekhak,))]
    assert standing.left_office(claims) == {"lekhak"}
    assert timeline.standing_facts(claims) == []
    # Without the resignation the title is disputed.
    assert [f.claims for f in timeline.standing_facts(claims[1:])] == [("B#0", "C#0")]
