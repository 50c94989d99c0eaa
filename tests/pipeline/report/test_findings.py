"""Disputes → findings: stable ids, positions by value, a checkable sentence, calibrated confidence (no model)."""
import json
from dataclasses import replace
from datetime import date

from service.pipeline import thresholds as thresholds_module
from service.pipeline.compare.causal import causal_disputes
from service.pipeline.compare.checks import registered
from service.pipeline.compare.slots import fact_disputes
from service.pipeline.report import findings
from service.pipeline.thresholds import Thresholds
from service.pipeline.types import Finding, Link, Position, Source, Verdict
from tests.pipeline.compare.fakes import all_close, claim, count, fact, vectors_by_id


def on_board(cid, passengers, crew, sentence=0):
    return claim(cid, f"{passengers} passengers and {crew} crew were on board", sentence, event="carry",
                 quantities=(count(passengers, "passenger"), count(crew, "crew")))


AIR_INDIA = [on_board("nie#0", 230, 12), on_board("inkl#0", 230, 12), on_board("pindula#0", 230, 12),
             on_board("ndtvprofit#0", 232, 10), on_board("ukpol#0", 232, 12)]


def dispute(claims=AIR_INDIA, fid="f_air_india"):
    story = {c.id: c for c in claims}
    vectors = vectors_by_id(claims, all_close(list(story), 0.9))
    found = fact_disputes(fact(*claims, fid=fid), story, vectors, Thresholds())
    assert len(found) == 1
    return found[0]


def test_a_slot_finding_holds_each_position_with_its_value_sources_and_claims():
    finding = findings.slot_finding(dispute(), Thresholds(), min_confidence=0.5)
    assert (finding.type, finding.slot, finding.facts) == ("numeric", "number", ("f_air_india",))
    assert finding.positions == (
        Position("230 passengers, 12 crew", ("inkl", "nie", "pindula"), ("inkl#0", "nie#0", "pindula#0")),
        Position("232 passengers, 10 crew", ("ndtvprofit",), ("ndtvprofit#0",)),
        Position("232 passengers, 12 crew", ("ukpol",), ("ukpol#0",)))
    assert finding.explanation == (
        "The sources differ on the figures in “230 passengers and 12 crew were on board”: "
        "“230 passengers, 12 crew” (inkl, nie, pindula); “232 passengers, 10 crew” (ndtvprofit); "
        "“232 passengers, 12 crew” (ukpol).")
    assert not finding.low_confidence


def test_groups_the_check_left_apart_that_read_alike_are_one_position():
    from service.pipeline.compare.slots import SlotDispute

    base = dispute()
    inkl, nie, pindula = base.groups[0]
    split = replace(base, groups=((inkl, nie), base.groups[1][0:1], (pindula,)))
    finding = findings.slot_finding(split, Thresholds(), 0.5)
    assert [(p.value, p.sources) for p in finding.positions] == [
        ("230 passengers, 12 crew", ("inkl", "nie", "pindula")), ("232 passengers, 10 crew", ("ndtvprofit",))]
    alike = SlotDispute(base.fact, base.check, ((inkl,), (nie,)), base.example)
    assert len(findings.slot_finding(alike, Thresholds(), 0.5).positions) == 2   # nothing to merge into one


def test_a_finding_is_named_by_a_disputed_claim_when_the_facts_own_text_holds_no_value():
    started = claim("afp#0", "protests began on Monday with demands that the government lift a ban", event="begin")
    lifted = [claim("rgk#0", "The government lifted the ban late Monday", event="lift", dates=(("2025-09-08", "day"),)),
              claim("jtn#0", "The ban was lifted Tuesday", event="lift", dates=(("2025-09-09", "day"),))]
    story = {c.id: c for c in [started, *lifted]}
    found = fact_disputes(fact(started, *lifted), story, vectors_by_id(list(story.values()), all_close(list(story), 0.9)),
                          Thresholds())
    finding = findings.slot_finding(found[0], Thresholds(), 0.5)
    assert finding.slot == "date"
    assert finding.explanation.startswith("The sources differ on the date in “The ban was lifted Tuesday”: ")


def test_a_finding_id_is_its_facts_and_slot():
    first = findings.slot_finding(dispute(), Thresholds(), 0.5)
    # The same fact and slot with other claims or values (an edit elsewhere): the same finding.
    edited = [replace(AIR_INDIA[0], text="230 passengers and 12 crew"), *AIR_INDIA[1:]]
    assert findings.slot_finding(dispute(edited), Thresholds(), 0.5).id == first.id
    assert findings.slot_finding(dispute(fid="f_other"), Thresholds(), 0.5).id != first.id
    assert first.id == findings.finding_id(("f_air_india",), "number") != findings.finding_id(("f_air_india",), "date")
    assert first.id.startswith("fd_")


def test_a_count_in_the_lead_is_high_severity_and_further_down_medium():
    assert findings.slot_finding(dispute(), Thresholds(), 0.5).severity == "high"
    later = [replace(c, sentence=Thresholds().lead_sentences + 4) for c in AIR_INDIA]
    assert findings.slot_finding(dispute(later), Thresholds(), 0.5).severity == "medium"
    # Other slots keep their check's severity wherever they are.
    day = [claim("A#0", event="kill", sentence=9, dates=(("2025-06-11", "day"),)),
           claim("B#0", event="kill", sentence=9, dates=(("2025-06-12", "day"),))]
    assert findings.slot_finding(dispute(day), Thresholds(), 0.5).severity == "medium"


def test_a_typed_finding_reports_the_calibrated_confidence_of_its_type(tmp_path, monkeypatch):
    monkeypatch.setattr(thresholds_module, "CALIBRATION_DIR", tmp_path)
    record = {"thresholds": {"contradiction": 0.96}, "confidence": {},
              "typed": {"numeric": {"pairs": 40, "right": 18, "confidence": 0.452},
                        "date": {"pairs": 3, "right": 3, "confidence": None}}}
    (tmp_path / "some-model.json").write_text(json.dumps(record), encoding="utf-8")
    measured = Thresholds.for_model("some-model")
    assert measured.contradiction == 0.96
    calibrated = findings.slot_finding(dispute(), measured, min_confidence=0.5)
    assert calibrated.confidence == 0.452 and calibrated.low_confidence
    fixed = findings.slot_finding(dispute(), Thresholds(), min_confidence=0.5)
    assert fixed.confidence == dispute().example.confidence == 0.9     # the check's own value, nothing measured
    assert fixed.explanation == calibrated.explanation
    day = [claim("A#0", event="kill", dates=(("2025-06-11", "day"),)),
           claim("B#0", event="kill", dates=(("2025-06-12", "day"),))]
    assert findings.slot_finding(dispute(day), measured, 0.5).confidence == dispute(day).example.confidence


def test_the_typed_confidence_is_the_smoothed_share_of_right_discrepancies_on_the_fit_part():
    """Where slot_finding's calibrated confidence comes from (models/calibration/fit.py)."""
    from models.calibration import fit
    from models.calibration.signals import PairSignals, UnitSignals

    unit = (UnitSignals(0.9, (0.5, 0.5), ((0.5, 0.5),)),)

    def signals(file, label, expected, typed, n):
        return [PairSignals(file, f"{file}-{label}-{typed}-{i}", "fit", label, expected, unit, typed, 0.9)
                for i in range(n)]

    rows = (signals("vitaminc", "refuted", "discrepancy", "numeric", 6)
            + signals("vitaminc", "nei", "related", "numeric", 3)
            + signals("news_summary_faith", "unfaithful", "not-agree", "numeric", 2)   # not-agree: right
            + signals("news_summary_faith", "faithful", "agree", "numeric", 1)
            + signals("vitaminc", "refuted", "discrepancy", "date", 3)
            + signals("vitaminc", "supported", "agree", None, 50))
    typed = fit.fit_typed(rows)
    assert set(typed) == {"numeric", "date"}
    assert (typed["numeric"]["pairs"], typed["numeric"]["right"]) == (12, 8)
    assert typed["numeric"]["confidence"] == round((8 + 1) / (12 + 2), 3)
    assert typed["numeric"]["by_file"] == {"news_summary_faith": [3, 2], "vitaminc": [9, 6]}
    # Too few fit examples: the rate is recorded, but no confidence, so the check's fixed one stays.
    assert typed["date"]["pairs"] < fit.MIN_TYPED_PAIRS and typed["date"]["confidence"] is None
    assert typed["date"]["smoothed_rate"] == round(4 / 5, 3)


def test_a_finding_under_the_floor_is_low_confidence_and_ordered_last():
    high = findings.slot_finding(dispute(), Thresholds(typed_confidences=(("numeric", 0.61),)), min_confidence=0.6)
    low = findings.slot_finding(dispute(fid="f_2"), Thresholds(typed_confidences=(("numeric", 0.59),)), 0.6)
    assert not high.low_confidence and low.low_confidence
    medium = replace(high, id="fd_medium", severity="medium", confidence=0.95)
    assert findings.ordered([low, medium, high]) == [high, medium, low]


def causal_story():
    release, lift = "Belarus freed 52 prisoners", "The US lifted sanctions on Belavia"
    a_x, b_x = claim("A#0", release, 0), claim("B#0", release, 0)
    a_y = claim("A#1", lift, 1, links=(Link("causal", "in exchange for", ("A#0",)),))
    b_y = claim("B#1", lift, 1, links=(Link("juxtaposition", "while", ("B#0",)),))
    facts = [fact(a_x, b_x, fid="f_release"), fact(a_y, b_y, fid="f_lift")]
    return causal_disputes(facts, [a_x, a_y, b_x, b_y])[0]


def test_a_causal_finding_names_each_relation_with_its_markers_and_sources():
    finding = findings.causal_finding(causal_story(), Thresholds(), min_confidence=0.5)
    assert (finding.type, finding.slot, finding.facts) == ("causal", "link", ("f_release", "f_lift"))
    assert [(p.value, p.sources, p.claims) for p in finding.positions] == [
        ("as cause and effect (“in exchange for”)", ("A",), ("A#0+1",)),
        ("side by side or apart, with no causal link (“while”)", ("B",), ("B#0+1",))]
    assert "“The US lifted sanctions on Belavia” and “Belarus freed 52 prisoners”" in finding.explanation
    assert finding.id == findings.finding_id(("f_release", "f_lift"), "link")
    assert findings.causal_finding(causal_story(), Thresholds(), min_confidence=0.99).low_confidence


def test_position_matches_pair_each_claim_of_the_smaller_position_naming_the_finding():
    finding = findings.slot_finding(dispute(), Thresholds(), 0.5)
    matches = findings.position_matches(finding, lambda a, b: 0.8)
    assert [m.claims for m in matches] == [("ndtvprofit#0", "inkl#0"), ("ukpol#0", "inkl#0"),
                                           ("ndtvprofit#0", "ukpol#0")]
    assert {(m.verdict, m.discrepancy_type, m.finding, m.confidence) for m in matches} == {
        ("discrepancy", "numeric", finding.id, finding.confidence)}
    two = replace(finding, positions=finding.positions[:2])
    assert len(findings.position_matches(two, lambda a, b: 0.8)) == 1
    wide = replace(finding, positions=(finding.positions[0], replace(finding.positions[1], claims=("x#0", "y#0"))))
    assert [m.claims for m in findings.position_matches(wide, lambda a, b: 0.8)] == [("x#0", "inkl#0"),
                                                                                      ("y#0", "inkl#0")]


def test_pairs_a_finding_sets_apart_are_related_and_the_findings_matches_are_added():
    finding = findings.slot_finding(dispute(), Thresholds(), 0.5)
    agree = lambda a, b: Verdict((a, b), "agree", None, None, 0.9, "same")  # noqa: E731
    judged = [agree("inkl#0", "nie#0"), agree("nie#0", "ukpol#0"),
              Verdict(("nie#0", "pindula#0"), "discrepancy", "other", "medium", 0.9, "NLI")]
    out = findings.with_positions(judged, [finding], lambda a, b: 0.8)
    assert out[0] == judged[0]                                       # one position: still agreed
    assert out[1].verdict == "related" and finding.id in out[1].explanation
    assert all(v.verdict != "discrepancy" or v.finding == finding.id for v in out)
    assert len([v for v in out if v.verdict == "discrepancy"]) == 3


def test_an_nli_contradiction_within_a_fact_is_a_statement_finding():
    contradiction = Verdict(("A#0", "B#0"), "discrepancy", "other", "medium", 0.7, "NLI reads B as contradicting A")
    a, b = claim("A#0"), claim("B#0")
    facts = [fact(a, b, fid="f_downed")]
    found = findings.contradiction_findings([contradiction, replace(contradiction, verdict="agree")], facts,
                                            {a.id: a, b.id: b}, 0.8)
    assert len(found) == 1
    assert (found[0].slot, found[0].facts, found[0].low_confidence) == ("statement", ("f_downed",), True)
    assert [(p.sources, p.claims) for p in found[0].positions] == [(("A",), ("A#0",)), (("B",), ("B#0",))]


def numeric_finding(*sources, type="numeric"):
    return Finding(id=f"fd_{type}", facts=("f",), type=type, slot="number", severity="high", confidence=0.9,
                   explanation="The sources differ.", positions=tuple(Position(s, (s,), (f"{s}#0",)) for s in sources))


def test_differing_counts_from_different_days_say_one_may_update_the_other():
    sources = [Source("A", "x", date(2023, 2, 7)), Source("B", "y", date(2023, 2, 9))]
    numeric, modality = numeric_finding("A", "B"), numeric_finding("A", "B", type="modality")
    noted = findings.note_publication_gaps([numeric, modality], {}, sources)
    assert noted[0].explanation == ("The sources differ. Published A on 2023-02-07, B on 2023-02-09: "
                                    "one figure may be an update of the other.")
    assert noted[1] == modality
    same_day = [Source("A", "x", date(2023, 2, 7)), Source("B", "y", date(2023, 2, 7))]
    assert findings.note_publication_gaps([numeric], {}, same_day) == [numeric]
    undated = [Source("A", "x"), Source("B", "y", date(2023, 2, 9))]
    assert findings.note_publication_gaps([numeric], {}, undated) == [numeric]


def test_a_toll_rising_from_day_to_day_is_an_update_not_a_finding():
    first = claim("A#0", "81 were injured", quantities=(count(81, "", "81", tally="injury"),))
    later = claim("B#0", "more than 160 injured", quantities=(count(160, "", "more than 160", bound="lower", tally="injury"),))
    sources = [Source("A", "x", date(2023, 11, 4)), Source("B", "y", date(2023, 11, 5))]
    rising = numeric_finding("A", "B")
    by_id = {c.id: c for c in (first, later)}
    assert findings.without_updates([rising], by_id, sources) == []
    falling = [Source("A", "x", date(2023, 11, 6)), Source("B", "y", date(2023, 11, 5))]
    assert findings.without_updates([rising], by_id, falling) == [rising]
    same_day = [Source("A", "x", date(2023, 11, 5)), Source("B", "y", date(2023, 11, 5))]
    assert findings.without_updates([rising], by_id, same_day) == [rising]
    counts = {c.id: replace(c, quantities=(replace(c.quantities[0], tally=""),)) for c in (first, later)}
    assert findings.without_updates([rising], counts, sources) == [rising]   # not a toll: "81 homes", "160 homes"


def test_an_outlet_still_giving_the_earlier_figure_a_day_later_leaves_the_toll_rising():
    first = claim("A#0", "329 were injured", quantities=(count(329, "", "329", tally="injury"),))
    late = claim("C#0", "329 have been injured", quantities=(count(329, "", "329", tally="injury"),))
    later = claim("B#0", "672 people were injured", quantities=(count(672, "people", "672", tally="injury"),))
    by_id = {c.id: c for c in (first, late, later)}
    rising = replace(numeric_finding("A", "B"), positions=(
        Position("329", ("A", "C"), ("A#0", "C#0")), Position("672", ("B",), ("B#0",))))
    days = [Source("A", "x", date(2023, 9, 9)), Source("B", "y", date(2023, 9, 10)), Source("C", "z", date(2023, 9, 10))]
    assert findings.without_updates([rising], by_id, days) == []
    first_told_together = [Source("A", "x", date(2023, 9, 10)), Source("B", "y", date(2023, 9, 10)),
                           Source("C", "z", date(2023, 9, 9))]
    assert findings.without_updates([rising], by_id, first_told_together) == []
    higher_first = [Source("A", "x", date(2023, 9, 10)), Source("B", "y", date(2023, 9, 9)), Source("C", "z", date(2023, 9, 10))]
    assert findings.without_updates([rising], by_id, higher_first) == [rising]


def test_every_slot_a_check_compares_has_a_name_a_reviewer_reads():
    assert {c.slot for c in registered()} <= set(findings.SLOT_NAMES)


def test_a_lower_figure_first_told_after_a_higher_one_is_a_correction_and_stays_a_finding():
    early = claim("A#0", "around 18 were injured", quantities=(count(18, "", "around 18", bound="about", tally="injury"),))
    higher = claim("B#0", "23 people were injured", quantities=(count(23, "people", "23", tally="injury"),))
    lower = claim("C#0", "21 people were injured", quantities=(count(21, "people", "21", tally="injury"),))
    by_id = {c.id: c for c in (early, higher, lower)}
    finding = replace(numeric_finding("A", "B"), positions=(
        Position("21", ("A", "C"), ("A#0", "C#0")), Position("23", ("B",), ("B#0",))))
    days = [Source("A", "x", date(2025, 9, 3)), Source("B", "y", date(2025, 9, 4)), Source("C", "z", date(2025, 9, 5))]
    assert findings.without_updates([finding], by_id, days) == [finding]
    told_before = [Source("A", "x", date(2025, 9, 3)), Source("B", "y", date(2025, 9, 5)), Source("C", "z", date(2025, 9, 4))]
    assert findings.without_updates([finding], by_id, told_before) == []


def test_a_toll_the_story_tells_as_it_stands_at_a_moment_is_running_not_disputed():
    def toll(cid, value, text="{} people died"):
        return claim(cid, text.format(value), quantities=(count(value, "people", str(value), tally="death"),))
    by_id = {c.id: c for c in (toll("A#0", 179), toll("B#0", 167))}
    finding = numeric_finding("A", "B")
    same_day = [Source(s, "x", date(2024, 12, 29)) for s in "ABC"]
    assert findings.without_updates([finding], by_id, same_day) == [finding]
    by_id["C#0"] = toll("C#0", 124, "Currently, {} people have been confirmed dead")
    assert findings.without_updates([finding], by_id, same_day) == []
    crew = {**by_id, "B#0": claim("B#0", "carrying 17 crew members", quantities=(count(17, "member", "17"),))}
    assert findings.without_updates([finding], crew, same_day) == [finding]   # not every claim tells the toll
    earlier = replace(toll("C#0", 36, "So far in 2016, a fire claimed {} lives"), dates=(("2016", "year"),))
    dated = {k: replace(v, dates=(("2024-12-29", "day"),)) for k, v in by_id.items() if k != "C#0"}
    assert findings.without_updates([finding], {**dated, "C#0": earlier}, same_day) == [finding]
    homes = {k: replace(v, quantities=(replace(v.quantities[0], tally=""),)) for k, v in by_id.items()}
    assert findings.without_updates([finding], homes, same_day) == [finding]


def test_only_differing_figures_say_one_may_update_the_other():
    sources = [Source("A", "x", date(2023, 2, 7)), Source("B", "y", date(2023, 2, 9))]
    ages = replace(numeric_finding("A", "B"), slot="age")
    assert findings.note_publication_gaps([ages], {}, sources) == [ages]


def test_two_numeric_findings_setting_the_same_sources_apart_on_the_same_figures_are_one():
    six = claim("A#0", "Six personnel died", quantities=(count(6, "personnel", "Six"),))
    also_six = claim("B#0", "six personnel, including two pilots", quantities=(count(6, "personnel", "six"),))
    five = claim("C#0", "with five personnel aboard", quantities=(count(5, "personnel", "five"),))
    five_again = claim("C#1", "the condition of the five personnel", quantities=(count(5, "personnel", "five"),))
    b_again = claim("B#1", "killing six personnel", quantities=(count(6, "personnel", "six"),))
    by_id = {c.id: c for c in (six, also_six, b_again, five, five_again)}
    wide = replace(numeric_finding("A", "C"), id="fd_wide", positions=(
        Position("six", ("A", "B"), ("A#0", "B#0")), Position("five", ("C",), ("C#0",))))
    narrow = replace(numeric_finding("B", "C"), id="fd_narrow", positions=(
        Position("six", ("B",), ("B#1",)), Position("five", ("C",), ("C#1",))))
    assert findings.one_per_split([narrow, wide], by_id) == [wide]
    # Other figures, or another type: two findings.
    seven = {**by_id, "B#1": replace(b_again, quantities=(count(7, "personnel", "seven"),))}
    assert findings.one_per_split([narrow, wide], seven) == [narrow, wide]
    dated = replace(narrow, type="date", slot="date")
    assert findings.one_per_split([dated, wide], by_id) == [dated, wide]
