"""Tolls in the lead: each source's first figure of the dead, injured or missing, offered to fact building as one
fact whatever its wording; the number slot then compares the figures (no model)."""
from dataclasses import replace

from service.pipeline.compare.facts import build_facts
from service.pipeline.compare.slots import fact_disputes
from service.pipeline.compare.tolls import lead_tolls
from service.pipeline.thresholds import Thresholds
from tests.pipeline.compare.fakes import claim, count, unit_vectors


def toll(cid, value, bound="", kind="death", sentence=0, places=(), text=None, unit="people", event="kill"):
    q = count(value, unit, text or f"{value:g}", bound, kind)
    return claim(cid, f"{text or value} {kind}", sentence, quantities=(q,), places=tuple(places), event=event)


def compared(claims, similarity=0.3):
    """Facts over the claims (every two of them this close) and the slot disputes of each."""
    n = len(claims)
    vectors = unit_vectors(n, {(i, j): similarity for i in range(n) for j in range(i + 1, n)})
    facts = build_facts(claims, vectors, Thresholds())
    story = {c.id: c for c in claims}
    by_id = {c.id: vectors[i] for i, c in enumerate(claims)}
    return facts, [d for f in facts for d in fact_disputes(f, story, by_id, Thresholds())]


def test_the_first_toll_of_each_kind_in_each_sources_lead():
    claims = [toll("A#2", 40, sentence=2), toll("A#0", 37), toll("A#1", 5, kind="injury", sentence=1),
              toll("B#0", 37), toll("B#9", 9500, sentence=8), claim("B#1", "no count", 1)]
    found = lead_tolls(claims, lead_sentences=3)
    assert {k: (c.id, q.value) for k, (c, q) in found.items()} == {
        ("A", "death"): ("A#0", 37.0), ("A", "injury"): ("A#1", 5.0), ("B", "death"): ("B#0", 37.0)}
    assert set(lead_tolls(claims, lead_sentences=9)) == {("A", "death"), ("A", "injury"), ("B", "death")}
    assert lead_tolls(claims, lead_sentences=9)[("B", "death")][0].id == "B#0"     # still the first
    assert lead_tolls([claim("A#0", quantities=(count(3, "day"),))], 3) == {}


def test_within_a_sentence_the_earlier_text_comes_first():
    later = replace(toll("A#0", 10), spans=((50, 60),))
    earlier = replace(toll("A#1", 37), spans=((5, 15),))
    assert lead_tolls([later, earlier], 3)[("A", "death")][0].id == "A#1"


def test_far_apart_figures_of_one_toll_in_the_lead_are_one_fact_and_one_dispute():
    facts, disputes = compared([toll("A#0", 37, text="37"), toll("B#0", 10, text="10")])
    assert [f.claims for f in facts] == [("A#0", "B#0")]
    assert [(d.check.name, [tuple(c.id for c in g) for g in d.groups]) for d in disputes] == [
        ("numeric", [("A#0",), ("B#0",)])]
    assert "“37”" in disputes[0].example.explanation and "“10”" in disputes[0].example.explanation


def test_close_round_floors_a_covering_ceiling_and_other_tolls_are_not_disputed():
    assert compared([toll("A#0", 200, "lower"), toll("B#0", 240, "lower")])[1] == []
    assert len(compared([toll("A#0", 36, "lower"), toll("B#0", 38, "lower")])[1]) == 1   # two exact counts
    assert compared([toll("A#0", 26, "lower", "missing"), toll("B#0", 33, "upper", "missing")])[1] == []
    facts, disputes = compared([toll("A#0", 37), toll("B#0", 10, kind="injury")])
    assert disputes == [] and len(facts) == 2


def test_a_toll_recalled_past_the_lead_is_not_the_headline_figure():
    facts, disputes = compared([toll("A#0", 37), toll("B#0", 37), toll("B#9", 9500, sentence=8)])
    assert disputes == []
    assert [f.claims for f in facts if len(f.claims) > 1] == [("A#0", "B#0")]


def test_one_toll_told_with_different_verbs_is_one_fact():
    facts, disputes = compared([toll("A#0", 37, event="die"), toll("B#0", 10, event="kill")])
    assert [f.claims for f in facts] == [("A#0", "B#0")]
    assert [d.check.name for d in disputes] == ["numeric"]


def test_far_apart_floors_of_one_toll_are_disputed():
    dead = toll("A#0", 37, "lower", text="at least 37", unit="", event="hit")
    killed = toll("B#0", 10, "lower", text="at least 10")
    facts, disputes = compared([dead, killed])
    assert [f.claims for f in facts] == [("A#0", "B#0")]
    assert [d.check.name for d in disputes] == ["numeric"]


def test_tolls_of_different_places_are_not_disputed():
    syria, turkey = toll("A#0", 812, places=("syria",)), toll("B#0", 9057, places=("turkey",))
    assert compared([syria, turkey])[1] == []
