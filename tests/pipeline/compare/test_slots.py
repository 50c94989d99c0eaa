"""Slots compared within one fact: each check splits the fact's sources into compatible groups (no model)."""
import pytest

from service.pipeline.compare.slots import fact_disputes
from service.pipeline.thresholds import Thresholds
from tests.pipeline.compare.fakes import all_close, claim, count, fact, vectors_by_id


def disputes_of(carriers, mentions=(), extra=(), similarity=0.9, thresholds=None):
    claims = list(carriers) + list(mentions) + list(extra)
    vectors = vectors_by_id(claims, all_close([c.id for c in claims], similarity))
    story = {c.id: c for c in claims}
    return fact_disputes(fact(*carriers, mentions=tuple(m.id for m in mentions)), story, vectors,
                         thresholds or Thresholds())


def groups(dispute):
    return [tuple(c.source for c in g) for g in dispute.groups]


def on_board(cid, passengers, crew):
    return claim(cid, f"{passengers} passengers and {crew} crew", event="carry",
                 quantities=(count(passengers, "passenger"), count(crew, "crew")))


def released(cid, value, bound="", text=None, **fields):
    return claim(cid, f"{text or value} prisoners were released", event="release",
                 quantities=(count(value, "prisoner", text, bound),), **fields)


def test_three_values_held_by_five_sources_are_three_positions_of_one_dispute():
    """230 passengers + 12 crew: A, B, C / 232 + 10: D / 232 + 12: E."""
    found = disputes_of([on_board("A#0", 230, 12), on_board("B#0", 230, 12), on_board("C#0", 230, 12),
                         on_board("D#0", 232, 10), on_board("E#0", 232, 12)])
    assert len(found) == 1
    assert found[0].check.name == "numeric" and found[0].check.slot == "number"
    assert groups(found[0]) == [("A", "B", "C"), ("D",), ("E",)]
    assert found[0].example.type == "numeric"


def test_agreeing_values_make_no_dispute():
    assert disputes_of([on_board("A#0", 230, 12), on_board("B#0", 230, 12)]) == []
    assert disputes_of([released("A#0", 52)]) == []       # one source: nothing to compare


@pytest.mark.parametrize("a, b", [
    ((26, "lower", "At least 26"), (33, "upper", "Up to 33")),
    ((20, "lower", "more than 20"), (35, "", "35")),
    ((300, "about", "about 300"), (330, "", "330")),
    ((1.2e6, "", "1.2 million"), (1.203e6, "", "1,203,000")),
])
def test_approximate_numbers_that_some_count_satisfies_are_not_disputed(a, b):
    assert disputes_of([released("A#0", a[0], a[1], a[2]), released("B#0", b[0], b[1], b[2])]) == []


def test_a_count_outside_a_stated_bound_is_disputed():
    found = disputes_of([released("A#0", 157, text="157"), released("B#0", 155, "upper", "less than 155")])
    assert [groups(d) for d in found] == [[("A",), ("B",)]]
    assert "“157”" in found[0].example.explanation and "“less than 155”" in found[0].example.explanation


def test_counts_of_one_unit_under_different_tolls_are_not_disputed():
    injured = claim("A#0", "injuring 30 other passengers", event="crash",
                    quantities=(count(30, "passenger", "30", tally="injury"),))
    killed = claim("B#0", "killing four passengers", event="crash",
                   quantities=(count(4, "passenger", "four", tally="death"),))
    assert disputes_of([injured, killed]) == []
    more_injured = claim("B#0", "70 passengers were injured", event="crash",
                         quantities=(count(70, "passenger", "70", tally="injury"),))
    assert [d.check.name for d in disputes_of([injured, more_injured])] == ["numeric"]


def test_a_source_that_cannot_be_compared_takes_no_position_and_bridges_no_groups():
    """C counts days, not prisoners: were it joined with A and with B, 52 and 25 would be one group."""
    days = claim("C#0", "after 3 days", event="release", quantities=(count(3, "day"),))
    found = disputes_of([released("A#0", 52), released("B#0", 25), days])
    assert [groups(d) for d in found] == [[("A",), ("B",)]]
    assert "C#0" not in {c.id for g in found[0].groups for c in g}


def test_a_source_with_no_value_in_the_slot_takes_no_position():
    silent = claim("C#0", "Prisoners were released", event="release")
    found = disputes_of([released("A#0", 52), released("B#0", 25), silent])
    assert [groups(d) for d in found] == [[("A",), ("B",)]]


def test_two_claims_a_check_sets_apart_are_not_compared_again_by_later_checks():
    """A and B differ in count and day: one finding (the number), not a second one on the date."""
    a = released("A#0", 52, dates=(("2025-09-12", "day"),))
    b = released("B#0", 25, dates=(("2025-09-13", "day"),))
    assert [d.check.name for d in disputes_of([a, b])] == ["numeric"]
    # Without the count difference the date is the dispute.
    same_count = released("B#0", 52, dates=(("2025-09-13", "day"),))
    found = disputes_of([a, same_count])
    assert [(d.check.name, d.check.slot, groups(d)) for d in found] == [("date", "date", [("A",), ("B",)])]


def test_a_source_set_apart_by_an_earlier_check_does_not_bridge_a_later_dispute():
    a = released("A#0", 52, dates=(("2025-09-12", "day"),))
    b = released("B#0", 25, dates=(("2025-09-13", "day"),))
    c = released("C#0", 52, dates=(("2025-09-13", "day"),))
    found = {d.check.name: groups(d) for d in disputes_of([a, b, c])}
    assert found["numeric"] == [("A", "C"), ("B",)]
    assert "date" in found and ("A",) in found["date"]


def test_a_mention_holds_the_slot_when_its_sources_carrier_does_not():
    carrier = claim("A#0", "Prisoners were released", event="release")
    mention = released("A#3", 52, sentence=4)
    found = disputes_of([carrier, released("B#0", 25)], mentions=[mention])
    assert [[tuple(c.id for c in g) for g in d.groups] for d in found] == [[("A#3",), ("B#0",)]]


def test_a_clause_split_from_a_carrier_in_its_sentence_holds_its_slot():
    carrier = claim("A#0", "The plane crashed", event="crash")
    clause = claim("A#1", "killing 241 people", event="crash", parent="A#0",
                   quantities=(count(241, "people", tally="death"),))
    elsewhere = claim("A#2", "killing 300 people", sentence=5, event="crash", parent="A#0",
                      quantities=(count(300, "people", tally="death"),))
    other = claim("B#0", "265 people were killed", event="crash", quantities=(count(265, "people", tally="death"),))
    found = disputes_of([carrier, other], extra=[clause, elsewhere])
    assert [[tuple(c.id for c in g) for g in d.groups] for d in found] == [[("A#1",), ("B#0",)]]


def test_a_clause_without_a_date_takes_its_sentences_date():
    """"killed on Wednesday when it crashed": the claim of the fact is the clause; the day is its parent's."""
    parent = claim("A#9", "The plane crashed on Wednesday", event="crash", dates=(("2025-06-11", "day"),))
    clause = claim("A#0", "241 were killed", event="kill", parent="A#9")
    other = claim("B#0", "241 were killed on Thursday", event="kill", dates=(("2025-06-12", "day"),))
    found = disputes_of([clause, other], extra=[parent])
    assert [(d.check.name, [[c.dates for c in g] for g in d.groups]) for d in found] == [
        ("date", [[(("2025-06-11", "day"),)], [(("2025-06-12", "day"),)]])]
    assert found[0].groups[0][0].id == "A#0"


def test_a_clause_takes_no_date_of_a_plan_nor_its_sentences_date_for_a_state_or_its_own_time():
    other = claim("B#0", "Kiptum set the record in 2023", event="set", dates=(("2023", "year"),))
    for parent, clause in (
            (claim("A#9", "Durov is to appear in court Sunday", event="appear", modality="planned",
                   dates=(("2024-08-25", "day"),)), claim("A#0", "Kiptum set the record", event="set", parent="A#9")),
            (claim("A#9", "The champion won in 2019", event="win", dates=(("2019", "year"),)),
             claim("A#0", "Kiptum had set the record a year earlier", event="set", parent="A#9"))):
        assert disputes_of([clause, other], extra=[parent]) == []


def test_an_attribution_is_compared_only_between_claims_that_clearly_report_one_statement():
    person = claim("A#0", "Lukashenko said the talks went well", event="go", speaker="Lukashenko",
                   speaker_kind="person")
    ministry = claim("B#0", "The foreign ministry said the talks went well", event="go",
                     speaker="the foreign ministry", speaker_kind="organisation")
    bar = Thresholds().same_speaker_fact
    assert [d.check.name for d in disputes_of([person, ministry], similarity=min(0.95, bar + 0.1))] == ["attribution"]
    assert disputes_of([person, ministry], similarity=bar - 0.1) == []


def test_a_figure_is_compared_only_between_claims_as_close_as_a_shared_specific_joins():
    bar = Thresholds().fact_specific_similarity
    fifty_two, twenty_five = released("A#0", 52), released("B#0", 25)
    assert [d.check.name for d in disputes_of([fifty_two, twenty_five], similarity=bar + 0.05)] == ["numeric"]
    assert disputes_of([fifty_two, twenty_five], similarity=bar - 0.05) == []


def test_the_same_time_of_day_written_two_ways_is_not_disputed():
    a = claim("A#0", "The plane took off at 1:38 p.m.", event="take")
    b = claim("B#0", "The plane took off at 1338 hrs", event="take")
    assert disputes_of([a, b]) == []
    later = claim("C#0", "The plane took off at 1:42 p.m.", event="take")
    found = disputes_of([a, b, later])
    assert [(d.check.name, d.check.slot, groups(d)) for d in found] == [("clock", "time", [("A", "B"), ("C",)])]


def test_a_vague_value_that_conflicts_with_no_one_takes_no_position():
    early = claim("A#0", "The crash happened at 9:03 a.m.", event="happen")
    late = claim("B#0", "The crash happened at 9:07 a.m.", event="happen")
    vague = claim("C#0", "The crash happened on Sunday morning", event="happen")
    found = disputes_of([early, late, vague])
    assert [(d.check.name, groups(d)) for d in found] == [("clock", [("A",), ("B",)])]


def test_a_running_count_read_at_several_moments_is_no_numeric_dispute():
    from service.pipeline.compare.checks import numeric
    readings = [claim("A#0", "As of 4 p.m. Monday, 411 aftershocks had been recorded", quantities=(count(411, "aftershock"),)),
                claim("B#0", "by Monday evening 422 aftershocks had been recorded", quantities=(count(422, "aftershock"),)),
                claim("C#0", "More than 400 aftershocks were recorded", quantities=(count(400, "aftershock", bound="lower"),)),
                claim("D#0", "371 aftershocks had been recorded", quantities=(count(371, "aftershock"),))]
    assert numeric.CHECK.settled(readings) and not numeric.CHECK.settled(readings[1:])
    assert not [d for d in disputes_of(readings) if d.check.name == "numeric"]
    assert [d.check.name for d in disputes_of(readings[2:])] == ["numeric"]
