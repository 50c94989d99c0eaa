"""The duration check: a person's finishing time, however written, compared across the story."""
from service.pipeline.compare import timeline
from service.pipeline.compare.checks import duration
from tests.pipeline.compare.fakes import claim

KORIR = ("PERSON", "john korir", "john korir")


def test_a_finishing_time_is_read_in_figures_or_words_after_the_person_and_a_personal_best_is_another():
    assert duration.times(claim("A#0", "John Korir won the men’s race in 2:02:44", named=(KORIR,))) == {"korir": 7364}
    assert duration.times(claim("B#0", "Kenya’s John Korir won the men’s race in two hours, two minutes and 43 seconds",
                                named=(KORIR,))) == {"korir": 7363}
    assert duration.times(claim("C#0", "John Korir had a personal best time of 2:05:09", named=(KORIR,))) == {}
    assert duration.times(claim("C#1", "John Korir reached the halfway point in 1:01:16", named=(KORIR,))) == {}
    assert duration.times(claim("D#0", "The race was won in 2:02:44")) == {}


def test_different_times_of_one_person_are_a_discrepancy_across_the_story():
    a = claim("A#0", "John Korir won the men’s race in 2:02:44", named=(KORIR,))
    b = claim("B#0", "John Korir won in two hours, two minutes and 43 seconds", named=(KORIR,))
    found = duration.check(a, b)
    assert found is not None and "2:02:44" in found.explanation and "2:02:43" in found.explanation
    assert duration.check(a, claim("C#0", "Korir crossed in two hours, two minutes and 44 seconds",
                                   named=(("PERSON", "korir", "korir"),))) is None
    facts = timeline.story_facts([a, b, claim("C#0", "The race began at 7:30 a.m.")],
                                 dict(timeline.STORY_WIDE)[duration.CHECK])
    assert [f.claims for f in facts] == [("A#0", "B#0")]
