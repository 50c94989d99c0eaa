"""The entity check on hand-built claims: different names of one kind in one role."""
from service.pipeline.compare.checks import entity
from service.pipeline.types import Claim


def claim(cid, named, event="win", partial=False, role="subject"):
    """A claim whose subject (or object) phrase is the names given, each (label, key) written as its key."""
    phrase = " and ".join(key for _, key in named)
    return Claim(id=cid, source=cid.split("#")[0], text=cid, spans=((0, 1),), sentence=0, event=event,
                 named=tuple((label, key, key) for label, key in named), partial_list=partial,
                 subject=phrase if role == "subject" else "the club", object=phrase if role == "object" else "")


def test_a_different_name_of_the_same_kind_is_an_entity_discrepancy():
    found = entity.check(claim("A#0", [("NORP", "somali")]), claim("B#0", [("NORP", "american")]))
    assert found is not None and found.type == "entity"
    assert "somali" in found.explanation and "american" in found.explanation


def test_extra_names_spelling_variants_other_kinds_and_lists_are_not():
    both = claim("A#0", [("PERSON", "lukashenko"), ("PERSON", "coale")])
    assert entity.check(both, claim("B#0", [("PERSON", "coale")])) is None                  # one more name
    assert entity.check(claim("A#0", [("PERSON", "statkevich")]), claim("B#0", [("PERSON", "statkevych")])) is None
    assert entity.check(claim("A#0", [("PERSON", "khrenin")]), claim("B#0", [("ORG", "ministry of defense")])) is None
    assert entity.check(claim("A#0", [("GPE", "minsk")]), claim("B#0", [("GPE", "belarus")])) is None   # places: not here
    assert entity.check(claim("A#0", [("ORG", "bbc")], event="say"), claim("B#0", [("ORG", "cnn")])) is None
    assert entity.check(claim("A#0", [("ORG", "bbc")], partial=True), claim("B#0", [("ORG", "cnn")])) is None
    # Names in different roles are not compared: "Bayern beat Dortmund" vs "Dortmund lost to …" is the parser's job.
    assert entity.check(claim("A#0", [("ORG", "bayern")]), claim("B#0", [("ORG", "dortmund")], role="object")) is None
    assert entity.check(claim("A#0", [("ORG", "bayern")], role="object"),
                        claim("B#0", [("ORG", "dortmund")], role="object")) is not None


def test_a_person_named_by_surname_alone_in_the_other_list_is_the_same_person():
    full = claim("A#0", [("PERSON", "parag agrawal")], event="include", role="object")
    listed = Claim(id="B#0", source="B", text="B#0", spans=((0, 1),), sentence=0, event="include",
                   named=(("PERSON", "ned segal", "ned segal"),), subject="the executives",
                   object="agrawal, gadde, chief financial officer ned segal")
    assert entity.check(full, listed) is None and entity.check(listed, full) is None
    other = Claim(id="B#1", source="B", text="B#1", spans=((0, 1),), sentence=0, event="include",
                  named=(("PERSON", "ned segal", "ned segal"),), subject="the executives", object="ned segal")
    assert entity.check(full, other) is not None


def test_a_passive_subject_is_what_was_done_to_not_the_doer():
    fined = Claim(id="A#0", source="A", text="Apple has been fined", spans=((0, 1),), sentence=0, event="fine",
                  named=(("ORG", "apple", "apple"),), subject="Apple", passive=True)
    fining = Claim(id="B#0", source="B", text="The Commission fined Apple", spans=((0, 1),), sentence=0, event="fine",
                   named=(("ORG", "european commission", "the commission"), ("ORG", "apple", "apple")),
                   subject="The Commission", object="Apple")
    assert entity.check(fined, fining) is None
    other = Claim(id="C#0", source="C", text="Meta has been fined", spans=((0, 1),), sentence=0, event="fine",
                  named=(("ORG", "meta", "meta"),), subject="Meta", passive=True)
    found = entity.check(fining, other)
    assert found is not None and "apple" in found.explanation and "meta" in found.explanation


def test_a_doer_the_other_claim_names_elsewhere_is_one_doer_framed_two_ways():
    from dataclasses import replace

    coalition = replace(claim("A#0", [("ORG", "ishiba")]), subject="ishiba 's coalition",
                        named=(("ORG", "ishiba", "ishiba"), ("ORG", "ldp", "ldp")))
    parties = claim("B#0", [("ORG", "ldp")])
    assert entity.check(coalition, parties) is None
    assert entity.check(replace(coalition, named=(("ORG", "ishiba", "ishiba"),)), parties) is not None


def test_what_a_claim_says_a_thing_is_is_no_thing_done_to():
    from service.pipeline.compare.checks import entity
    from tests.pipeline.compare.fakes import claim

    champions = claim("A#0", "Australia are World Cup champions once again", subject="Australia", event="be",
                      object="World Cup champions", named=(("EVENT", "world cup", "world cup"),))
    opener = claim("B#0", "The opener who was also player of the match in the World Test Championship final",
                   subject="who", event="be", object="player of the match in the World Test Championship final",
                   named=(("EVENT", "world test championship", "world test championship"),))
    assert entity.check(champions, opener) is None
