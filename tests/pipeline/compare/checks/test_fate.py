"""The fate check: whether a named person died or lived, compared across the story."""
from service.pipeline.compare import timeline
from service.pipeline.compare.checks import fate
from tests.pipeline.compare.fakes import claim

HAYYA, JABARIN = ("PERSON", "khalil al-hayya", "khalil al-hayya"), ("PERSON", "zaher jabarin", "zaher jabarin")


def test_one_person_told_dead_and_alive_is_a_discrepancy_once_across_the_story():
    dead = claim("A#0", "the attack claimed the lives of senior Hamas figures Khalil al-Hayya, and Zaher Jabarin",
                 subject="the attack", object="the lives of senior Hamas figures Khalil al Hayya and Zaher Jabarin",
                 modality="done", named=(HAYYA, JABARIN))
    alive = claim("B#0", "Khalil al-Hayya and Zaher Jabarin were among those who escaped the strike unharmed",
                  subject="Khalil al Hayya and Zaher Jabarin", modality="done", named=(HAYYA, JABARIN))
    assert fate.fates(dead) == {"khalil al-hayya": "dead", "zaher jabarin": "dead"}
    assert fate.fates(alive) == {"khalil al-hayya": "alive", "zaher jabarin": "alive"}
    found = fate.check(dead, alive)
    assert found is not None and found.type == "negation"
    facts = [f for c, keys in timeline.STORY_WIDE if c is fate.CHECK for f in timeline.story_facts([dead, alive], keys)]
    assert len(facts) == 2   # one per person; timeline.one_per_difference keeps one finding of the same two claims


def test_a_relative_a_guess_or_both_fates_tell_no_ones_fate():
    son = claim("A#0", "Khalil al-Hayya's son was killed", subject="Khalil al Hayya 's son", modality="done",
                named=(HAYYA,))
    guess = claim("B#0", "Khalil al-Hayya may have been killed", subject="Khalil al Hayya", modality="possible",
                  named=(HAYYA,))
    both = claim("C#0", "The strike killed his aides but Khalil al-Hayya survived", subject="Khalil al Hayya",
                 modality="done", named=(HAYYA,))
    speaker = claim("D#0", "Khalil al-Hayya said six members were killed", subject="six members", modality="done",
                    named=(HAYYA,))
    assert [fate.fates(c) for c in (son, guess, both, speaker)] == [{}, {}, {}, {}]
    notkilled = claim("E#0", "Khalil al-Hayya was not killed", subject="Khalil al Hayya", modality="done",
                      negated=True, named=(HAYYA,))
    assert fate.fates(notkilled) == {"khalil al-hayya": "alive"}
