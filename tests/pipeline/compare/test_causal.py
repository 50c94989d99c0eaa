"""Causal framing between facts, on hand-built facts and links (no model)."""
from dataclasses import replace

import pytest

from service.pipeline.compare import causal
from service.pipeline.compare.causal import causal_disputes
from service.pipeline.types import Link
from tests.pipeline.compare.fakes import claim, fact

RELEASE, LIFT = "Belarus freed 52 prisoners", "The US lifted sanctions on Belavia"


def story(a_link=None, b_link=None, b_sentences=(0, 1), extra=()):
    """Fact X (the release) and fact Y (the lifting), each carried by A and B; a link on each source's Y claim."""
    a_x, a_y = claim("A#0", RELEASE, 0), claim("A#1", LIFT, 1, links=(a_link,) if a_link else ())
    b_x = claim("B#0", RELEASE, b_sentences[0])
    b_y = claim("B#1", LIFT, b_sentences[1], links=(b_link,) if b_link else ())
    x = fact(a_x, b_x, *[c for c in extra if c.text == RELEASE])
    y = fact(a_y, b_y, *[c for c in extra if c.text == LIFT])
    return [x, y], [a_x, a_y, b_x, b_y, *extra]


def stances(dispute):
    return [(s.source, s.relation, s.marker) for s in dispute.stances]


def test_a_cause_in_one_source_against_side_by_side_facts_in_another_is_one_dispute():
    """A: Y "in exchange for" X; B states X and Y with "while"."""
    facts, claims = story(Link("causal", "in exchange for", ("A#0",)), Link("juxtaposition", "while", ("B#0",)))
    found = causal_disputes(facts, claims)
    assert len(found) == 1
    assert (found[0].cause.id, found[0].effect.id) == (facts[0].id, facts[1].id)
    assert stances(found[0]) == [("A", "cause", "in exchange for"), ("B", "none", "while")]


def test_facts_stated_apart_in_another_source_are_no_link():
    facts, claims = story(Link("causal", "in exchange for", ("A#0",)))
    assert stances(causal_disputes(facts, claims)[0]) == [("A", "cause", "in exchange for"), ("B", "none", "")]


def test_facts_stated_sentences_apart_with_nothing_between_them_take_no_position():
    facts, claims = story(Link("causal", "in exchange for", ("A#0",)), b_sentences=(0, 5))
    assert causal_disputes(facts, claims) == []
    assert causal_disputes(facts, claims, nearby=5) != []


def test_the_reverse_direction_is_a_dispute():
    facts, claims = story(Link("causal", "in response to", ("A#0",)))
    b_x = claim("B#0", RELEASE, 0, links=(Link("causal", "because", ("B#1",)),))     # X because of Y
    claims = [c if c.id != "B#0" else b_x for c in claims]
    assert stances(causal_disputes(facts, claims)[0]) == [("A", "cause", "in response to"), ("B", "reverse", "because")]


def test_so_names_the_effect_after_it():
    """A: "X, so Y" (the link on X, to Y): Y is the effect, as in "Y in exchange for X"."""
    facts, claims = story(None, Link("causal", "in return for", ("B#0",)))
    a_x = claim("A#0", RELEASE, 0, links=(Link("causal", "so", ("A#1",)),))
    claims = [c if c.id != "A#0" else a_x for c in claims]
    assert causal_disputes(facts, claims) == []       # both: X causes Y


def test_sources_that_agree_on_the_cause_are_no_dispute():
    facts, claims = story(Link("causal", "in exchange for", ("A#0",)), Link("causal", "in return for", ("B#0",)))
    assert causal_disputes(facts, claims) == []


def test_since_is_time_not_a_cause():
    facts, claims = story(Link("causal", "since", ("A#0",)), Link("juxtaposition", "while", ("B#0",)))
    assert causal_disputes(facts, claims) == []
    assert causal.causes_of(claims[1]) == []


def test_facts_in_one_sentence_without_a_named_marker_are_no_position():
    """B ties X and Y in one sentence in words no marker names: not "stated apart", so no dispute."""
    facts, claims = story(Link("causal", "in exchange for", ("A#0",)), b_sentences=(2, 2))
    assert causal_disputes(facts, claims) == []


def test_a_source_that_carries_only_one_of_the_two_facts_takes_no_position():
    c_x = claim("C#0", RELEASE, 0)
    facts, claims = story(Link("causal", "in exchange for", ("A#0",)), Link("juxtaposition", "while", ("B#0",)),
                          extra=(c_x,))
    found = causal_disputes(facts, claims)
    assert [s.source for s in found[0].stances] == ["A", "B"]
    # With A and C only carrying both facts, and C silent on one: no second source to dispute A.
    facts, claims = story(Link("causal", "in exchange for", ("A#0",)))
    only_a_both = [facts[0], fact(claims[1])]
    assert causal_disputes(only_a_both, claims) == []


def split_causes(c_links=()):
    """A: Y "in exchange for" X; B: Y "in return for" W (the gesture); C (if any) states X, Y and W apart."""
    gesture = "Minsk made a gesture"
    a_x, a_w = claim("A#0", RELEASE, 0), claim("A#2", gesture, 2)
    a_y = claim("A#1", LIFT, 1, links=(Link("causal", "in exchange for", ("A#0",)),))
    b_x, b_w = claim("B#0", RELEASE, 0), claim("B#2", gesture, 2)
    b_y = claim("B#1", LIFT, 1, links=(Link("causal", "in return for", ("B#2",)),))
    c = [claim("C#0", RELEASE, 0), claim("C#1", LIFT, 1, links=c_links), claim("C#2", gesture, 2)]
    return [a_x, b_x, c[0]], [a_y, b_y, c[1]], [a_w, b_w, c[2]]


def test_one_effect_tied_to_causes_the_facts_split_apart_is_one_dispute():
    xs, ys, ws = split_causes()
    facts = [fact(*xs), fact(*ys), fact(*ws)]
    found = causal_disputes(facts, xs + ys + ws)
    assert len(found) == 1 and found[0].effect.id == facts[1].id
    assert {s.source: s.relation for s in found[0].stances} == {"A": "cause", "B": "cause", "C": "none"}
    assert {s.source: s.marker for s in found[0].stances} == {"A": "in exchange for", "B": "in return for", "C": ""}


def test_sources_that_all_tie_one_effect_to_a_cause_are_no_dispute_after_merging():
    xs, ys, ws = split_causes()
    facts = [fact(*xs[:2]), fact(*ys[:2]), fact(*ws[:2])]
    for dispute in causal_disputes(facts, xs[:2] + ys[:2] + ws[:2]):
        assert len({s.relation for s in dispute.stances}) >= 2


def test_the_link_claim_spans_both_claims_and_is_the_same_whichever_way_round():
    first, second = claim("A#14", "Belarus freed 52 prisoners", 2), claim("A#15", "sanctions were lifted", 3)
    link = causal.link_claim(first, second, "in exchange for")
    assert link.id == causal.link_claim(second, first, "").id == "A#14+15"
    assert link.spans == first.spans + second.spans and link.sentence == 2 and link.source == "A"
    assert link.text == "Belarus freed 52 prisoners … sanctions were lifted"


def test_an_effect_told_as_a_response_is_caused_by_what_it_answers_whatever_links_them():
    """A: the US responds "in response to" the conviction; B: it "will respond after" it; C: it "vowed to respond"."""
    convicted, respond = "The court convicted Bolsonaro", "Washington will respond"
    a_x, a_y = claim("A#0", convicted, 0), claim("A#1", respond, 1, links=(Link("causal", "in response to", ("A#0",)),))
    b_x, b_y = claim("B#0", convicted, 0), claim("B#1", "Washington will respond", 0,
                                                  links=(Link("temporal", "after", ("B#0",)),))
    c_x, c_y = claim("C#0", convicted, 0), claim("C#1", "Rubio vowed that the U.S. would respond accordingly", 1)
    facts = [fact(a_x, b_x, c_x), fact(a_y, b_y, c_y)]
    assert causal_disputes(facts, [a_x, a_y, b_x, b_y, c_x, c_y]) == []
    b_plain = claim("B#1", "Washington will take action", 0, links=(Link("temporal", "after", ("B#0",)),))
    found = causal_disputes([fact(a_x, b_x), fact(a_y, b_plain)], [a_x, a_y, b_x, b_plain])
    assert [stances(d) for d in found] == [[("A", "cause", "in response to"), ("B", "none", "after")]]



def test_a_claim_reporting_an_event_named_as_a_noun_restates_its_sources_fact_of_it():
    """A: "Belarus released the prisoners. Belarus later confirmed their release. In return, the US lifted sanctions";
    B: the release "while" the lifting."""
    a_x = claim("A#0", "Belarus released the prisoners", 0, event="release")
    a_said = claim("A#1", "Belarus later confirmed their release", 1, event="confirm", object="their release")
    a_y = claim("A#2", LIFT, 2, event="lift", links=(Link("causal", "in return", ("A#1",)),))
    b_x = claim("B#0", "Belarus released the prisoners", 0, event="release")
    b_y = claim("B#1", LIFT, 0, event="lift", links=(Link("juxtaposition", "while", ("B#0",)),))
    facts = [fact(a_x, b_x), fact(a_said), fact(a_y, b_y)]
    found = causal_disputes(facts, [a_x, a_said, a_y, b_x, b_y])
    assert [stances(d) for d in found] == [[("A", "cause", "in return"), ("B", "none", "while")]]
    assert causal_disputes([fact(a_x, b_x), fact(replace(a_said, object="their plans")), fact(a_y, b_y)],
                           [a_x, replace(a_said, object="their plans"), a_y, b_x, b_y]) == []


def test_a_stance_whose_claims_pair_one_sources_cause_with_anothers_effect_is_no_position():
    import numpy as np
    facts, claims = story(Link("causal", "in exchange for", ("A#0",)), Link("juxtaposition", "while", ("B#0",)))
    x, y = np.eye(4)[0], np.eye(4)[1]
    lined = {"A#0": x, "A#1": y, "B#0": x * 0.8 + y * 0.6, "B#1": y * 0.8 + x * 0.6}
    assert stances(causal_disputes(facts, claims, vectors=lined)[0]) == [("A", "cause", "in exchange for"),
                                                                        ("B", "none", "while")]
    crossed = {"A#0": x, "A#1": y, "B#0": y * 0.8 + x * 0.6, "B#1": x * 0.8 + y * 0.6}
    assert causal_disputes(facts, claims, vectors=crossed) == []


def test_a_cause_told_as_a_guess_disputes_no_source_that_states_the_facts_apart():
    facts, claims = story(Link("causal", "due to", ("A#0",)), Link("juxtaposition", "while", ("B#0",)))
    guessed = [replace(c, text="The gear possibly failed") if c.id == "A#1" else c for c in claims]
    assert causal_disputes(facts, guessed) == []
    assert len(causal_disputes(facts, claims)) == 1


def test_a_link_claim_reads_a_clause_inside_its_sentences_claim_once():
    whole = replace(claim("A#3", "He threatened tariffs in retaliation for the prosecution"), spans=((0, 56),))
    clause = replace(claim("A#4", "in retaliation for the prosecution"), spans=((22, 56),))
    assert causal.link_claim(whole, clause, "in retaliation for").spans == ((0, 56),)
