"""The negation check: one source affirms what another denies, for one event."""
from service.pipeline.compare.checks import negation
from tests.pipeline.compare.fakes import claim


def test_an_affirmed_and_a_negated_event_are_a_discrepancy():
    found = negation.check(claim("A#0", event="down", negated=True), claim("B#0", event="down"))
    assert found is not None and found.type == "negation" and found.severity == "high"
    assert found.explanation == "B states “down” happened; A negates it."
    assert negation.CHECK.value(claim("A#0", event="down", negated=True)) == "not down"


def test_both_alike_other_events_and_partial_lists_are_not():
    assert negation.check(claim("A#0", event="down"), claim("B#0", event="down")) is None
    assert negation.check(claim("A#0", event="down", negated=True), claim("B#0", event="shoot")) is None
    assert negation.check(claim("A#0", event="down", negated=True),
                          claim("B#0", event="down", partial_list=True)) is None


def test_denying_one_thing_an_event_is_taken_as_and_affirming_another_is_no_conflict():
    no = claim("A#0", "the incident was not being treated as terrorism", event="treat", negated=True)
    other = claim("B#0", "the situation was being treated as an isolated incident", event="treat")
    assert negation.check(no, other) is None
    assert negation.check(no, claim("C#0", "the attack was being treated as terrorism", event="treat")) is not None


def test_a_denied_plan_or_guess_and_two_accusations_are_no_negation():
    led = claim("A#0", "Trudeau was leader of the Liberal Party", event="be", modality="done")
    could_not = claim("B#0", "he could not be a leader during the next elections", event="be", negated=True,
                      modality="possible")
    assert negation.check(led, could_not) is None
    used = claim("A#1", "They were accused of using European Parliament money", event="accuse", modality="done")
    pocketed = claim("B#1", "The defendants were not accused of pocketing the money", event="accuse", negated=True,
                     modality="done")
    assert negation.check(used, pocketed) is None
    assert negation.check(used, claim("C#1", "They were not accused of using the money", event="accuse", negated=True,
                                      modality="done")) is not None


def test_a_denial_of_the_moment_is_no_negation_of_a_later_report():
    charged = claim("A#0", "Manhattan prosecutors charged Mangione with murder", event="charge", modality="done")
    not_yet = claim("B#0", "Mangione, who had not immediately been charged", event="charge", negated=True,
                    modality="done")
    assert negation.check(charged, not_yet) is None
    assert negation.check(charged, claim("C#0", "He has not yet been charged", event="charge", negated=True,
                                         modality="done")) is None
    assert negation.check(charged, claim("D#0", "Mangione was not charged", event="charge", negated=True,
                                         modality="done")) is not None


def test_two_descriptions_with_a_copula_are_no_negation():
    survivors = claim("A#0", "there were 25 survivors", event="be", modality="done")
    none = claim("B#0", "None of those who survived were Kazakh nationals", event="be", negated=True, modality="done")
    assert negation.check(survivors, none) is None


def test_not_until_tells_when_it_happened_and_negates_nothing():
    began = claim("A#0", "Counting started at 9am in the presidential election", event="begin", modality="done")
    later = claim("B#0", "official counting didn’t start until 9am on the 25th", event="begin", negated=True,
                  modality="done")
    assert negation.check(began, later) is None
