"""Claims → facts on hand-built claims and vectors with chosen cosines (no model)."""
from dataclasses import replace

import numpy as np
import pytest

from service.pipeline.compare import facts
from service.pipeline.compare.facts import build_facts, compatible
from service.pipeline.thresholds import Thresholds
from tests.pipeline.compare.fakes import all_close, claim, count, unit_vectors


def build(claims, similarities, thresholds=None):
    index = {c.id: i for i, c in enumerate(claims)}
    vectors = unit_vectors(len(claims), {(index[a], index[b]): s for (a, b), s in similarities.items()})
    return build_facts(claims, vectors, thresholds or Thresholds())


def fact_of(found, claim_id):
    return next(f for f in found if claim_id in f.claims + f.mentions)


def carriers(found):
    return sorted(sorted(f.claims) for f in found)


def test_close_claims_of_three_sources_are_one_fact_and_every_claim_is_placed_once():
    claims = [claim("A#0", "Belarus freed 52 prisoners"), claim("A#1", "The weather was fine", sentence=1),
              claim("B#0", "Minsk released 52 prisoners"), claim("C#0", "52 prisoners were let go")]
    found = build(claims, all_close(["A#0", "B#0", "C#0"], 0.85))
    assert carriers(found) == [["A#0", "B#0", "C#0"], ["A#1"]]
    assert found[0].sources == ("A", "B", "C")          # the most widely carried fact first
    placed = [c for f in found for c in f.claims + f.mentions]
    assert sorted(placed) == sorted(c.id for c in claims)
    assert build_facts([], np.zeros((0, 4), dtype=np.float32), Thresholds()) == []


def test_a_fact_holds_at_most_one_claim_per_source():
    claims = [claim("A#0"), claim("A#1", sentence=0), claim("B#0"), claim("C#0")]
    found = build(claims, {("A#0", "B#0"): 0.9, ("A#1", "B#0"): 0.88, ("A#0", "C#0"): 0.8, ("A#1", "C#0"): 0.8,
                           ("B#0", "C#0"): 0.85, ("A#0", "A#1"): 0.6})
    for f in found:
        assert len(set(f.sources)) == len(f.sources) == len(f.claims)
    assert fact_of(found, "B#0").claims == ("A#0", "B#0", "C#0")   # the closer of A's two carries it
    assert fact_of(found, "A#1").claims == ("A#1",)


def test_two_claims_of_one_source_are_never_joined_however_close():
    claims = [claim("A#0"), claim("A#1", sentence=1)]
    found = build(claims, {("A#0", "A#1"): 0.99})
    assert carriers(found) == [["A#0"], ["A#1"]]
    assert not compatible(claims[0], claims[1])


def test_a_source_restating_a_fact_in_another_sentence_makes_a_mention():
    claims = [claim("A#0", sentence=0), claim("A#1", sentence=4), claim("B#0")]
    sims = {("A#0", "B#0"): 0.9, ("A#1", "B#0"): 0.85, ("A#0", "A#1"): 0.8}
    found = build(claims, sims)
    assert [(f.claims, f.mentions) for f in found] == [(("A#0", "B#0"), ("A#1",))]
    # The same wording in the same sentence is another claim of that sentence, not a restatement.
    same_sentence = [claims[0], replace(claims[1], sentence=0), claims[2]]
    assert carriers(build(same_sentence, sims)) == [["A#0", "B#0"], ["A#1"]]


def test_a_source_stating_a_fact_twice_does_not_split_it():
    """{A#0, B#0} and {A#1, C#0} state one proposition; A states it twice: one fact, A#1 its mention."""
    claims = [claim("A#0"), claim("B#0"), claim("A#1", sentence=3), claim("C#0")]
    across = min(0.8, Thresholds().fact_consolidate_similarity + 0.05)
    sims = {("A#0", "B#0"): 0.9, ("A#1", "C#0"): 0.9, ("A#0", "A#1"): across, ("A#0", "C#0"): across,
            ("B#0", "A#1"): across, ("B#0", "C#0"): across}
    found = build(claims, sims)
    assert len(found) == 1
    assert set(found[0].sources) == {"A", "B", "C"} and len(found[0].claims) == 3
    assert len(found[0].mentions) == 1 and found[0].mentions[0] in ("A#0", "A#1")
    # Less close on average: two facts.
    apart = {k: (v if v == 0.9 else Thresholds().fact_consolidate_similarity - 0.1) for k, v in sims.items()}
    assert len(build(claims, apart)) == 2


def test_two_facts_that_count_nothing_in_common_do_not_consolidate():
    """As above, but one group counts the people aboard and the other the citizens among the passengers."""
    from tests.pipeline.compare.fakes import count

    aboard = (count(67, "people"),)
    claims = [claim("A#0", quantities=aboard), claim("B#0", quantities=aboard),
              claim("A#1", sentence=3, quantities=(count(37, "citizen"),)), claim("C#0", quantities=(count(42, "citizen"),))]
    across = min(0.8, Thresholds().fact_consolidate_similarity + 0.05)
    sims = {("A#0", "B#0"): 0.9, ("A#1", "C#0"): 0.9, ("A#0", "A#1"): across, ("A#0", "C#0"): across,
            ("B#0", "A#1"): across, ("B#0", "C#0"): across}
    assert sorted(carriers(build(claims, sims))) == [["A#0", "B#0"], ["A#1", "C#0"]]


def test_counts_of_one_unit_under_different_tolls_are_never_one_fact():
    killed = claim("A#0", "241 people were killed", event="kill", quantities=(count(241, "people", tally="death"),))
    on_board = claim("B#0", "The plane had 242 people on board", event="have",
                     quantities=(count(242, "people"),))
    assert not compatible(killed, on_board)
    third = claim("C#0", "The plane crashed")       # close to both: it joins one, it does not bridge them
    found = build([killed, on_board, third], {("A#0", "B#0"): 0.95, ("A#0", "C#0"): 0.9, ("B#0", "C#0"): 0.92})
    assert fact_of(found, "A#0") != fact_of(found, "B#0")
    assert fact_of(found, "C#0").claims == ("B#0", "C#0")


def test_counts_of_one_thing_for_different_people_are_never_one_fact():
    hortefeux = claim("A#0", "The court sentenced Mr Hortefeux to two years imprisonment", event="sentence",
                      subject="The court", object="Mr Hortefeux", named=(("PERSON", "hortefeux", "hortefeux"),),
                      quantities=(count(2, "year"),))
    sarkozy = claim("B#0", "Nicolas Sarkozy received five years in prison", event="receive", subject="Nicolas Sarkozy",
                    object="five years", named=(("PERSON", "nicolas sarkozy", "nicolas sarkozy"),),
                    quantities=(count(5, "year"),))
    assert not compatible(hortefeux, sarkozy)
    # One man named two ways, or a count with nobody named: one fact, whose number slot is then compared.
    named_alike = replace(hortefeux, object="Mr Sarkozy", named=(("PERSON", "sarkozy", "sarkozy"),), event="receive")
    assert compatible(named_alike, sarkozy)
    assert compatible(replace(named_alike, object="him", named=()), sarkozy)
    assert not compatible(replace(named_alike, object="Mr Hortefeux", named=hortefeux.named), sarkozy)
    # A one-word name without a title is no sure person: the parse tags companies so ("Kenvue shareholders").
    kenvue = claim("C#0", "Kenvue and Kimberly-Clark announced the $48.7 billion deal", event="announce",
                   subject="Kenvue and Kimberly-Clark", named=(("PERSON", "kenvue", "kenvue"),),
                   quantities=(count(48.7e9, "dollar"),))
    kimberly = claim("D#0", "Kimberly-Clark unveiled a deal for more than $40bn", event="announce",
                     subject="Kimberly-Clark", named=(("PERSON", "kimberly-clark", "kimberly-clark"),),
                     quantities=(count(40e9, "dollar", bound="lower"),))
    assert compatible(kenvue, kimberly)


def test_a_count_asked_for_and_one_given_are_never_one_fact():
    sought = claim("A#0", "Prosecutors requested a 300,000 euro fine", event="request",
                   quantities=(count(3e5, "euro"),))
    imposed = claim("B#0", "The court fined him 100,000 euros", event="fine", quantities=(count(1e5, "euro"),))
    assert not compatible(sought, imposed)
    assert compatible(sought, replace(imposed, event="seek", quantities=(count(3e5, "euro"),)))


def test_tolls_of_different_kinds_only_are_never_one_fact():
    injured = claim("A#0", "Nearly 1,000 were injured", event="injure",
                    quantities=(count(1000, "", "Nearly 1,000", "nearly", tally="injury"),))
    evacuated = claim("B#0", "More than 500 people were evacuated", event="evacuate",
                      quantities=(count(500, "people", "More than 500", "lower", tally="evacuated"),))
    assert not compatible(injured, evacuated)
    both = claim("C#0", "It killed five and injured 20", event="kill",
                 quantities=(count(5, "", tally="death"), count(20, "", tally="injury")))
    assert compatible(injured, both)


def test_counts_under_different_events_with_no_figure_in_common_are_never_one_fact():
    behind_bars = claim("A#0", "Almost 1,200 political prisoners remain behind bars", event="remain",
                        quantities=(count(1200, "prisoner", "Almost 1,200", "nearly"),))
    freed = claim("B#0", "Belarus freed 52 prisoners", event="release", quantities=(count(52, "prisoner"),))
    assert not compatible(behind_bars, freed)
    assert carriers(build([behind_bars, freed], {("A#0", "B#0"): 0.9})) == [["A#0"], ["B#0"]]
    # One event, different figures: one fact (its number slot is disputed), not two.
    freed_25 = replace(freed, id="A#0", source="A", quantities=(count(25, "prisoner"),))
    assert compatible(freed_25, freed)
    assert carriers(build([freed_25, freed], {("A#0", "B#0"): 0.9})) == [["A#0", "B#0"]]
    # Different events giving the same figure may still be one fact ("52 freed" vs "52 pardoned").
    assert compatible(replace(freed_25, event="pardon", quantities=freed.quantities), freed)


def test_dates_of_different_precision_that_do_not_overlap_are_two_events():
    june_2020 = claim("A#0", event="hold", dates=(("2020-06", "month"),))
    assert not compatible(june_2020, claim("B#0", event="hold", dates=(("2021", "year"),)))
    assert compatible(june_2020, claim("B#0", event="hold", dates=(("2020", "year"),)))
    # Two different days of one precision: one event dated differently (a date dispute), not two events.
    assert compatible(claim("A#0", event="kill", dates=(("2025-06-12", "day"),)),
                      claim("B#0", event="kill", dates=(("2025-06-11", "day"),)))


def test_the_mutual_bar_holds_only_for_claims_that_are_each_others_closest():
    t = Thresholds()
    between = (t.fact_mutual_similarity + t.fact_similarity) / 2
    claims = [claim("A#0"), claim("B#0")]
    assert carriers(build(claims, {("A#0", "B#0"): between})) == [["A#0", "B#0"]]
    # B#1 is A#0's closest in B, so A#0 and B#0 are not mutual: only A#0 and B#1 join.
    claims = [claim("A#0"), claim("B#0"), claim("B#1", sentence=1)]
    found = build(claims, {("A#0", "B#0"): between, ("A#0", "B#1"): between + 0.02})
    assert carriers(found) == [["A#0", "B#1"], ["B#0"]]
    below = t.fact_mutual_similarity - 0.03
    assert carriers(build(claims[:2], {("A#0", "B#0"): below})) == [["A#0"], ["B#0"]]


def test_a_shared_count_joins_claims_below_the_similarity_bars():
    t = Thresholds()
    sim = (t.fact_specific_similarity + t.fact_mutual_similarity) / 2
    a = claim("A#0", "Belarus freed 52 prisoners", event="release", quantities=(count(52, "prisoner"),))
    b = claim("B#0", "52 prisoners walked out", event="walk", quantities=(count(52, "prisoner"),))
    assert carriers(build([a, b], {("A#0", "B#0"): sim})) == [["A#0", "B#0"]]
    plain = [replace(a, quantities=()), replace(b, quantities=())]
    assert carriers(build(plain, {("A#0", "B#0"): sim})) == [["A#0"], ["B#0"]]


def test_lead_tolls_of_one_kind_are_one_fact_however_phrased():
    """"leaving at least 37 dead" vs "at least 10 people were killed": cosine 0.34, one toll."""
    # As extraction reads them: "dead" names no unit, the clause's event is the main verb's.
    a = claim("A#0", "A landslide hit the village, leaving at least 37 dead", sentence=0, event="hit",
              quantities=(count(37, "", "at least 37", "lower", "death"),))
    b = claim("B#0", "at least 10 people were killed", sentence=1, event="kill",
              quantities=(count(10, "people", "at least 10", "lower", "death"),))
    assert carriers(build([a, b], {("A#0", "B#0"): 0.34})) == [["A#0", "B#0"]]
    # Past the lead (an earlier disaster recalled further down) the toll is no headline figure.
    later = replace(b, sentence=Thresholds().lead_sentences)
    assert carriers(build([a, later], {("A#0", "B#0"): 0.34})) == [["A#0"], ["B#0"]]
    injured = replace(b, event="injure", quantities=(count(10, "people", "at least 10", "lower", "injury"),))
    assert carriers(build([a, injured], {("A#0", "B#0"): 0.34})) == [["A#0"], ["B#0"]]


def test_two_descriptions_of_one_name_need_nearly_the_same_wording():
    t = Thresholds()
    a = claim("A#0", "Lukashenko, the self-proclaimed president", role="appositive", event="be")
    b = claim("B#0", "Lukashenka, who holds talks with Putin", role="relative", event="hold")
    assert facts.describes_differently(a, b)
    assert carriers(build([a, b], {("A#0", "B#0"): t.fact_description_similarity - 0.05})) == [["A#0"], ["B#0"]]
    assert carriers(build([a, b], {("A#0", "B#0"): t.fact_description_similarity + 0.05})) == [["A#0", "B#0"]]


def test_every_two_claims_of_a_fact_are_at_least_the_floor_apart():
    """Complete linkage: C is close to B, B to A, but C and A are far apart: no chain A–B–C."""
    claims = [claim("A#0"), claim("B#0"), claim("C#0")]
    t = Thresholds()
    found = build(claims, {("A#0", "B#0"): 0.7, ("B#0", "C#0"): 0.65, ("A#0", "C#0"): t.fact_floor - 0.1})
    assert carriers(found) == [["A#0", "B#0"], ["C#0"]]


def test_fact_ids_are_stable_for_the_same_claims_and_change_with_a_claim():
    claims = [claim("A#0", "Belarus freed 52 prisoners"), claim("B#0", "Minsk released 52 prisoners"),
              claim("C#0", "Sanctions on Belavia were lifted", sentence=1)]
    sims = {("A#0", "B#0"): 0.9}
    first = build(claims, sims)
    again = build(list(claims), sims)
    assert [f.id for f in first] == [f.id for f in again]
    # A re-post numbers its claims afresh: the same claims (source and wording) keep their fact's id.
    renumbered = [replace(c, id=c.id.replace("#0", "#7")) for c in claims]
    assert {f.id for f in build(renumbered, {("A#7", "B#7"): 0.9})} == {f.id for f in first}
    edited = [replace(claims[0], text="Belarus freed 25 prisoners")] + claims[1:]
    changed = build(edited, sims)
    assert fact_of(changed, "A#0").id != fact_of(first, "A#0").id
    assert fact_of(changed, "C#0").id == fact_of(first, "C#0").id
    assert len({f.id for f in first}) == len(first)


def test_fact_text_is_the_statement_of_its_most_central_claim():
    claims = [claim("A#0", "freed 52", statement="Belarus freed 52 prisoners"), claim("B#0", "52 freed"),
              claim("C#0", "prisoners freed")]
    found = build(claims, {("A#0", "B#0"): 0.9, ("A#0", "C#0"): 0.9, ("B#0", "C#0"): 0.7})
    assert found[0].text == "Belarus freed 52 prisoners"


@pytest.mark.parametrize("event, light", [("carry", True), ("say", True), ("kill", False)])
def test_verbs_that_only_state_a_count_or_speech_are_no_event(event, light):
    assert (facts.heavy_event(claim("A#0", event=event)) == "") is light


def test_one_event_with_a_shared_name_joins_claims_below_the_similarity_bars():
    t = Thresholds()
    sim = (t.fact_specific_similarity + t.fact_mutual_similarity) / 2
    a = claim("A#0", "Washington lifted sanctions on Belavia", event="lift", entities=("belavia", "united states"))
    b = claim("B#0", "The US eased restrictions on Belavia", event="lift", entities=("belavia",))
    assert carriers(build([a, b], {("A#0", "B#0"): sim})) == [["A#0", "B#0"]]
    assert carriers(build([a, replace(b, event="ease")], {("A#0", "B#0"): sim})) == [["A#0"], ["B#0"]]
    below = t.fact_specific_similarity - 0.05
    assert carriers(build([a, b], {("A#0", "B#0"): below})) == [["A#0"], ["B#0"]]


def test_facts_do_not_depend_on_the_order_the_claims_come_in():
    """Seeded vectors around three topics; a request may list source B (or any claim) first."""
    rng = np.random.default_rng(7)
    topics = rng.standard_normal((3, 16))
    claims, rows = [], []
    for source, topic_of in (("A", (0, 1, 2)), ("B", (0, 1)), ("C", (0, 2, 2))):
        for n, topic in enumerate(topic_of):
            claims.append(claim(f"{source}#{n}", sentence=n))
            rows.append(topics[topic] + 0.6 * rng.standard_normal(16))
    vectors = np.array(rows, dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    forward = build_facts(claims, vectors, Thresholds())
    order = rng.permutation(len(claims))
    shuffled = build_facts([claims[i] for i in order], vectors[order], Thresholds())
    assert len(forward) == 3                                # one fact per topic
    assert sorted((f.id, f.claims, f.mentions) for f in forward) == sorted(
        (f.id, f.claims, f.mentions) for f in shuffled)


def test_an_earlier_event_told_as_background_joins_only_claims_that_date_it():
    toll = (count(89, "people", "89", tally="death"),)
    now = [claim("A#0", "the quake killed 89 people", quantities=toll, event="kill", dates=(("2013-07-22", "day"),)),
           claim("B#0", "89 people were killed", quantities=toll, event="kill"),
           claim("C#0", "the quake on Monday killed 89", quantities=toll, event="kill", dates=(("2013-07-22", "day"),))]
    earlier = claim("D#0", "a 7.9 temblor killed some 70,000 people in May 2008", event="kill",
                    quantities=(count(70000, "people", "some 70,000", "about", "death"),), dates=(("2008-05", "month"),))
    assert facts.background(now + [earlier]) == {3}
    built = build(now + [earlier], all_close(["A#0", "B#0", "C#0", "D#0"], 0.85))
    assert [f.claims for f in built if "D#0" in f.claims + f.mentions] == [("D#0",)]
    assert fact_of(built, "A#0") == fact_of(built, "B#0") == fact_of(built, "C#0")
    assert facts.background(now) == set()


def test_a_count_told_with_two_verbs_elsewhere_in_the_story_joins_its_fact_whatever_the_figure():
    derailed = claim("A#0", "Three carriages were derailed", event="derail", quantities=(count(3, "carriage"),))
    drove = claim("B#0", "The goods train drove three carriages off the rails", event="drive",
                  quantities=(count(3, "carriage"),))
    four = claim("C#0", "The accident derailing four compartments", event="derail", quantities=(count(4, "carriage"),))
    told = facts.events_told_alike([derailed, drove, four])
    assert told == {frozenset(("derail", "drive"))}
    assert not compatible(four, drove) and compatible(four, drove, told)
    # Close to the derailment, far from the other wording: one fact (its number slot is then disputed).
    found = build([derailed, drove, four], {("A#0", "B#0"): 0.7, ("A#0", "C#0"): 0.55, ("B#0", "C#0"): 0.3})
    assert carriers(found) == [["A#0", "B#0", "C#0"]]
    # Without the story telling one count with both verbs, the two verbs stay two events.
    alone = build([replace(drove, quantities=(count(5, "carriage"),)), four], {("B#0", "C#0"): 0.5})
    assert carriers(alone) == [["B#0"], ["C#0"]]


def test_a_clause_of_a_sentence_dated_in_another_year_is_background_too():
    worst = claim("A#0", "The worst earthquake since 2015", dates=(("2015", "year"),))
    when = claim("A#1", "when about 9,000 people were killed", parent="A#0",
                 quantities=(count(9000, "people", "about 9,000", bound="about", tally="death"),))
    now = [claim(f"B#{i}", dates=(("2023-11-04", "day"),)) for i in range(3)]
    assert facts.background([worst, when, *now]) == {1}


def test_a_clause_takes_a_year_its_sentence_writes_when_the_parse_dated_none():
    worst = claim("A#0", "The quake is the deadliest since 2015")
    when = claim("A#1", "when about 9,000 people were killed in two earthquakes", parent="A#0",
                 quantities=(count(9000, "people", "about 9,000", bound="about", tally="death"),))
    now = [claim(f"B#{i}", dates=(("2023-11-04", "day"),)) for i in range(3)]
    assert facts.background([worst, when, *now]) == {1}
    # A main clause writing an old year ("the worst since 2015") is today's toll, not background.
    today = claim("C#0", "157 people were killed in the worst quake since 2015",
                  quantities=(count(157, "people", "157", tally="death"),))
    assert facts.background([today, *now]) == set()


def test_figures_dated_weeks_before_the_story_are_background():
    first_round = claim("A#0", "In the first round held on Oct. 2, Lula garnered 48.3 percent of the vote",
                        quantities=(count(48.3, "%", "48.3 percent"),), dates=(("2022-10-02", "day"),))
    runoff = [claim(f"B#{i}", "Lula won 50.9% of the vote", quantities=(count(50.9, "%", "50.9%"),),
                    dates=(("2022-10-30", "day"),)) for i in range(3)]
    assert facts.background([first_round, *runoff]) == {0}
    # Six days off, or a claim without figures, is not.
    week = replace(first_round, dates=(("2022-10-25", "day"),))
    assert facts.background([week, *runoff]) == set()
    assert facts.background([replace(first_round, quantities=()), *runoff]) == set()
    assert facts.background([week, *runoff], days_apart=5) == {0}


def test_facts_that_consolidate_keep_an_earlier_event_apart_from_undated_claims():
    pct = (count(48.3, "%", "48.3 percent"),)
    first_round = [claim("A#0", "In the first round on Oct. 2 Lula won 48.3 percent", quantities=pct,
                         dates=(("2022-10-02", "day"),)),
                   claim("B#0", "In the first round held on October 2, Lula obtained 48.3 percent", quantities=pct,
                         dates=(("2022-10-02", "day"),))]
    undated = [claim(f"{s}#0", "The court declared Lula the winner with 50.9% of votes",
                     quantities=(count(50.9, "%", "50.9%"),)) for s in "CD"]
    story_day = [claim(f"{s}#0", f"An unrelated event {s}", dates=(("2022-10-30", "day"),)) for s in "EFG"]
    close = {("A#0", "B#0"): 0.9, ("C#0", "D#0"): 0.9}
    close.update({(x, y): 0.65 for x in ("A#0", "B#0") for y in ("C#0", "D#0")})
    found = build([*first_round, *undated, *story_day], close)
    assert carriers(found)[:2] == [["A#0", "B#0"], ["C#0", "D#0"]]


def test_figures_dated_in_another_month_than_the_story_are_background():
    august = claim("A#0", "Fernandez only joined Benfica for a reported £10m in August",
                   quantities=(count(10e6, "gbp", "£10m"),), dates=(("2022-08", "month"),))
    january = claim("A#1", "Chelsea spent £289m in January", quantities=(count(289e6, "gbp", "£289m"),),
                    dates=(("2023-01", "month"),))
    today = [claim(f"B#{i}", "Chelsea paid £107m", quantities=(count(107e6, "gbp", "£107m"),),
                   dates=(("2023-01-31", "day"),)) for i in range(3)]
    assert facts.background([august, january, *today]) == {0}


def test_a_level_a_count_stands_at_is_no_event_of_its_own():
    takes = claim("A#0", "The arrival takes Chelsea's January spending to £289m", event="take",
                  quantities=(count(289e6, "gbp", "£289m"),))
    surpassed = claim("B#0", "Chelsea's spending in January has surpassed £300m", event="surpass",
                      quantities=(count(300e6, "gbp", "£300m"),))
    assert compatible(takes, surpassed)
    freed = claim("C#0", "Belarus freed 52 prisoners", event="free", quantities=(count(52, "prisoner"),))
    remain = claim("D#0", "1,200 prisoners remain behind bars", event="remain", quantities=(count(1200, "prisoner"),))
    assert not compatible(freed, remain)
