"""Omissions: a claim of a fact only some sources carry is missing from the others (no model)."""
from service.pipeline.report.omissions import omissions
from service.pipeline.types import Unique
from tests.pipeline.compare.fakes import claim, fact


def story():
    claims = [claim("A#0"), claim("A#1", sentence=1), claim("A#2", sentence=2), claim("B#0"), claim("B#1", sentence=1),
              claim("C#0"), claim("C#5", sentence=5)]
    by_id = {c.id: c for c in claims}
    facts = [fact(by_id["A#0"], by_id["B#0"], by_id["C#0"]),         # everyone
             fact(by_id["A#1"], by_id["B#1"]),                       # not C
             fact(by_id["A#2"], mentions=("C#5",))]                  # A carries it, C mentions it
    return facts, by_id


def test_a_claim_of_a_fact_carried_by_a_and_b_is_missing_from_c_only():
    facts, by_id = story()
    found = omissions(facts, by_id, ["A", "B", "C"])
    assert Unique("A#1", ("C",)) in found and Unique("B#1", ("C",)) in found
    assert not any(u.claim in ("A#0", "B#0", "C#0") for u in found)


def test_mentions_cover_their_source():
    facts, by_id = story()
    found = {u.claim: u.missing_from for u in omissions(facts, by_id, ["A", "B", "C"])}
    assert found["A#2"] == ("B",)
    assert "C#5" not in found                      # a mention is no claim of its own to be missing


def test_omissions_follow_the_story_order_and_the_request_sources():
    facts, by_id = story()
    assert [u.claim for u in omissions(facts, by_id, ["A", "B", "C"])] == ["A#1", "A#2", "B#1"]
    with_d = {u.claim: u.missing_from for u in omissions(facts, by_id, ["A", "B", "C", "D"])}
    assert with_d["A#0"] == ("D",) and with_d["A#1"] == ("C", "D")
    assert omissions([], by_id, ["A", "B"]) == []
