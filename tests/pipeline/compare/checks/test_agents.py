"""The agents check: one source names a co-actor the other leaves out."""
from service.pipeline.compare.checks import agents
from tests.pipeline.compare.fakes import claim


def test_a_co_actor_joined_in_the_subject_is_a_difference():
    alone = claim("A#0", "Poland shot down the drones", subject="Poland", event="shoot down",
                  named=(("GPE", "poland", "poland"),))
    allies = claim("B#0", "Poland and NATO shot down the drones", subject="Poland and NATO", event="shoot down",
                   named=(("GPE", "poland", "poland"), ("ORG", "nato", "nato")))
    found = agents.check(alone, allies)
    assert found is not None and "nato" in found.explanation


def test_names_within_one_noun_phrase_are_no_co_actors():
    plane = claim("A#0", "An Air India plane crashed", subject="An Air India plane", event="crash",
                  named=(("ORG", "air india", "air india"),))
    maker = claim("B#0", "An Air India Boeing 787 crashed", subject="An Air India Boeing 787", event="crash",
                  named=(("ORG", "air india", "air india"), ("ORG", "boeing", "boeing")))
    assert agents.check(plane, maker) is None


def test_an_and_inside_a_name_joins_no_co_actors():
    named = (("ORG", "competition and markets authority", "competition and markets authority"),)
    plain = claim("A#0", "The Competition and Markets Authority concluded its investigation",
                  subject="The Competition and Markets Authority", event="conclude", named=named)
    placed = claim("B#0", "The Competition and Markets Authority of the United Kingdom concluded",
                   subject="The Competition and Markets Authority of the United Kingdom", event="conclude",
                   named=named + (("GPE", "united kingdom", "united kingdom"),))
    assert agents.check(plain, placed) is None


def test_a_preposition_attaches_words_only_up_to_the_next_co_actor():
    from service.pipeline.compare.checks.agents import _unattached
    assert _unattached("us ambassador to malaysia edgard kagan and chinese ambassador ouyang yujing").split() == [
        "us", "ambassador", "and", "chinese", "ambassador", "ouyang", "yujing"]
    assert _unattached("the plane en route to london").split() == ["the", "plane"]


def test_a_description_with_be_names_no_one_who_did_it():
    asset = claim("A#0", "Credit Suisse was a very fine asset", subject="Credit Suisse", event="be",
                  named=(("ORG", "credit suisse", "credit suisse"),))
    banks = claim("B#0", "UBS and Credit Suisse are systemically important banks", subject="UBS and Credit Suisse",
                  event="be", named=(("ORG", "ubs", "ubs"), ("ORG", "credit suisse", "credit suisse")))
    assert agents.check(asset, banks) is None
