"""The modality check: done vs agreed, planned or alleged, for one event."""
from service.pipeline.compare.checks import modality
from tests.pipeline.compare.fakes import claim


def test_done_against_agreed_is_a_discrepancy_either_way_round():
    done = claim("A#0", event="release", modality="done")
    agreed = claim("B#0", event="release", modality="agreed")
    for a, b in ((done, agreed), (agreed, done)):
        found = modality.check(a, b)
        assert found is not None and found.type == "modality"
        assert found.explanation.startswith("A reports “release” as having happened; B says it was only agreed to")


def test_same_modality_other_events_or_a_negation_are_not():
    assert modality.check(claim("A#0", event="release", modality="done"),
                          claim("B#0", event="release", modality="stated")) is None
    assert modality.check(claim("A#0", event="release", modality="planned"),
                          claim("B#0", event="release", modality="agreed")) is None
    assert modality.check(claim("A#0", event="release", modality="done"),
                          claim("B#0", event="lift", modality="agreed")) is None
    assert modality.check(claim("A#0", event="release", modality="done"),
                          claim("B#0", event="release", modality="agreed", negated=True)) is None


def test_a_description_is_no_event_whose_modality_is_compared():
    stated = claim("A#0", "Sean Edgett has been general counsel at Twitter since 2012", event="be", modality="done")
    reported = claim("B#0", "Sean Edgett is reportedly the fourth top executive shown the exit", event="be",
                     modality="alleged")
    assert modality.check(stated, reported) is None


def test_claims_naming_none_of_each_others_names_tell_two_events():
    done = claim("A#0", "The injured are being shifted to Surkhet hospitals", event="shift", modality="done",
                 entities=("surkhet",))
    planned = claim("B#0", "Some injured may be shifted to Indian hospitals", event="shift", modality="planned",
                    entities=("indian",))
    assert modality.check(done, planned) is None
    assert modality.check(done, claim("B#1", event="shift", modality="planned", entities=("surkhet",))) is not None
    assert modality.check(done, claim("B#2", event="shift", modality="planned")) is not None


def test_an_outlets_own_reporting_hedge_is_no_allegation():
    felt = claim("A#0", "Strong tremors were felt in Rabat", event="feel", modality="done")
    hedged = claim("B#0", "The tremors were also reportedly felt in the capital Rabat", event="feel", modality="alleged")
    assert modality.check(felt, hedged) is None
    accused = claim("C#0", "The army reportedly claimed the tremors were felt in Rabat", event="feel", modality="alleged")
    assert modality.check(felt, accused) is not None
    alleged = claim("D#0", "The tremors were allegedly felt in Rabat", event="feel", modality="alleged")
    assert modality.check(felt, alleged) is not None


def test_two_quotations_are_a_speakers_words_whose_modality_is_not_compared():
    heard = claim("A#0", "“We heard the bumps as the car went over the people”", event="hear", modality="done",
                  quoted=True)
    could = claim("B#0", "“you could hear the bumps as he was going over the people”", event="hear",
                  modality="planned", quoted=True)
    assert modality.check(heard, could) is None
    assert modality.check(heard, claim("C#0", "they could hear the bumps", event="hear", modality="planned")) is not None


def test_a_warning_of_what_is_done_to_anyone_is_no_plan_of_one_act():
    done = claim("A#0", "all those arrested were detained", event="arrest", modality="done", object="those")
    warned = claim("B#0", "it would arrest anyone expressing support", event="arrest", modality="planned",
                   object="anyone expressing support")
    assert modality.check(done, warned) is None and modality.check(warned, done) is None
    planned = claim("B#0", "police would arrest the organisers", event="arrest", modality="planned",
                    object="the organisers")
    assert modality.check(done, planned) is not None


def test_done_against_only_possible_is_a_discrepancy():
    killed = claim("A#0", "At least 35 people were killed", event="die", modality="done")
    guessed = claim("B#0", "up to 35 people might have died in the crash", event="die", modality="possible")
    found = modality.check(killed, guessed)
    assert found is not None and found.explanation == "A reports “die” as having happened; B says it was only possible."


def test_one_verb_acting_on_other_things_is_two_acts():
    from service.pipeline.compare.checks import modality
    from tests.pipeline.compare.fakes import claim

    done = claim("A#0", "Blue Ghost performed groundbreaking technology demonstrations", event="perform",
                 object="groundbreaking technology demonstrations", modality="done", entities=("blue ghost",))
    planned = claim("B#0", "Blue Ghost is scheduled to perform surface commissioning", event="perform",
                    object="surface commissioning", modality="planned", entities=("blue ghost",))
    assert modality.check(done, planned) is None
    again = claim("C#0", "Blue Ghost will perform more technology demonstrations", event="perform",
                  object="more technology demonstrations", modality="planned", entities=("blue ghost",))
    assert modality.check(done, again) is not None
