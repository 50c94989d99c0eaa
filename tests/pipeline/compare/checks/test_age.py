"""The age check: one person's age as each source gives it, compared across the story."""
from service.pipeline.compare import timeline
from service.pipeline.compare.checks import age
from tests.pipeline.compare.fakes import claim

HARDING = ("PERSON", "hamish harding", "hamish harding")
DAWOOD = ("PERSON", "shahzada dawood", "shahzada dawood")


def test_an_age_is_read_after_a_name_in_commas_or_brackets_or_before_it():
    assert age.ages(claim("A#0", "explorer Hamish Harding, 58, and Shahzada Dawood (48)", named=(HARDING, DAWOOD))) == {
        "hamish harding": 58, "shahzada dawood": 48}
    assert age.ages(claim("B#0", "the 58-year-old British explorer Hamish Harding", named=(HARDING,))) == {
        "hamish harding": 58}
    assert age.ages(claim("C#0", "the 19-year-old son of Shahzada Dawood", named=(DAWOOD,))) == {}
    assert age.ages(claim("D#0", "Hamish Harding, 2023, was", named=(HARDING,))) == {}


def test_different_ages_of_one_person_are_a_discrepancy():
    a = claim("A#0", "Hamish Harding, 58, was aboard", named=(HARDING,))
    assert age.check(a, claim("B#0", "the 58-year-old Hamish Harding", named=(HARDING,))) is None
    found = age.check(a, claim("C#0", "Hamish Harding (59) was aboard", named=(HARDING,)))
    assert found is not None and found.type == "numeric" and "58" in found.explanation and "59" in found.explanation
    assert age.check(a, claim("D#0", "Shahzada Dawood (48) was aboard", named=(DAWOOD,))) is None


def test_each_sources_first_age_of_a_person_is_one_carrier_across_the_story():
    claims = [claim("A#0", "Hamish Harding, 58, was aboard", named=(HARDING,)),
              claim("B#0", "Hamish Harding (59) was aboard", named=(HARDING,)),
              claim("C#0", "Shahzada Dawood (48) was aboard", named=(DAWOOD,))]
    facts = timeline.story_facts(claims, dict(timeline.STORY_WIDE)[age.CHECK])
    assert [f.claims for f in facts] == [("A#0", "B#0")]


def test_a_surname_alone_and_an_appositive_age_are_read():
    lee = ("PERSON", "lee", "lee")
    assert age.ages(claim("A#0", "The male crew member, Mr. Lee (33), was taken to hospital", named=(lee,))) == {"lee": 33}
    assert age.ages(claim("B#0", "Lee, a 32-year-old flight attendant, was rescued", named=(lee,))) == {"lee": 32}
    assert age.ages(claim("C#0", "Lee is a 32-year-old flight attendant", named=(lee,))) == {"lee": 32}
