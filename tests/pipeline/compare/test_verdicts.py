"""Claim pairs within facts → agree / related, and where the NLI model is asked (a recording fake NLI)."""
from dataclasses import replace

import pytest

from service.pipeline.compare import verdicts
from service.pipeline.compare.verdicts import agree_or_related, different_figures, fact_pairs, judge_pairs
from service.pipeline.thresholds import Thresholds
from tests.pipeline.compare.fakes import all_close, claim, count, fact, vectors_by_id


class RecordingNLI:
    """Entailment scores by (premise, hypothesis); every pair asked is recorded."""

    def __init__(self, scores=None, default=0.1):
        self.scores, self.default, self.asked = scores or {}, default, []

    def score(self, premises, hypotheses):
        pairs = list(zip(premises, hypotheses))
        self.asked += pairs
        return [self.scores.get(p, self.default) for p in pairs]


def judge(carriers, similarity, nli=None, mentions=(), thresholds=None, **options):
    claims = list(carriers) + list(mentions)
    story = {c.id: c for c in claims}
    vectors = vectors_by_id(claims, all_close([c.id for c in claims], similarity))
    facts = [fact(*carriers, mentions=tuple(m.id for m in mentions))]
    return judge_pairs(facts, story, vectors, nli or RecordingNLI(), thresholds or Thresholds(),
                       options.pop("nli_max_pairs", 10), **options)


def test_every_two_claims_of_different_sources_in_a_fact_are_a_pair_mentions_included():
    a, b, c, a_again = claim("A#0"), claim("B#0"), claim("C#0"), claim("A#4", sentence=3)
    story = {x.id: x for x in (a, b, c, a_again)}
    vectors = vectors_by_id(list(story.values()), all_close(list(story), 0.8))
    pairs = [(x.id, y.id) for x, y, _ in fact_pairs([fact(a, b, c, mentions=("A#4",))], story, vectors)]
    assert pairs == [("A#0", "B#0"), ("A#0", "C#0"), ("B#0", "C#0"), ("B#0", "A#4"), ("C#0", "A#4")]


def test_close_claims_agree_without_asking_the_nli_model():
    nli = RecordingNLI()
    found = judge([claim("A#0", "Belarus freed prisoners", event="release"),
                   claim("B#0", "Belarus released prisoners", event="release")], 0.9, nli)
    assert [(v.claims, v.verdict) for v in found] == [(("A#0", "B#0"), "agree")]
    assert nli.asked == [] and "Both report the same fact" in found[0].explanation


def test_the_nli_model_is_asked_only_where_it_decides_and_support_makes_claims_agree():
    t = Thresholds()
    between = (t.support_similarity + t.agree_similarity) / 2
    a = claim("A#0", "Belarus freed prisoners", event="release")
    b = claim("B#0", "Minsk let the prisoners go", event="release")
    supported = RecordingNLI({(a.text, b.text): 0.7, (b.text, a.text): 0.6})
    found = judge([a, b], between, supported)
    assert found[0].verdict == "agree" and sorted(supported.asked) == sorted([(a.text, b.text), (b.text, a.text)])
    assert found[0].nli == 0.7
    unsupported = RecordingNLI()
    assert judge([a, b], between, unsupported)[0].verdict == "related"
    # Verbs of saying are no shared event: "X said …" and "Y said …" are not asked.
    said = RecordingNLI()
    judge([replace(a, event="say"), replace(b, event="say")], between, said)
    assert said.asked == []
    # Below the support bar nothing can change the label.
    far = RecordingNLI()
    assert judge([a, b], t.support_similarity - 0.1, far)[0].verdict == "related" and far.asked == []
    capped = RecordingNLI()
    judge([a, b], between, capped, nli_max_pairs=0)
    assert capped.asked == []


def test_near_identical_claims_are_asked_for_a_contradiction_only_when_that_is_on():
    a = claim("A#0", "All objects were shot down", event="shoot")
    b = claim("B#0", "Not all objects were shot down", event="shoot")
    contradicts = {(a.text, b.text): 0.99, (b.text, a.text): 0.99}
    off = RecordingNLI(contradicts)
    assert judge([a, b], 0.9, off)[0].verdict == "agree" and off.asked == []
    on = RecordingNLI(contradicts)
    found = judge([a, b], 0.9, on, nli_contradictions=True)
    assert [(v.verdict, v.discrepancy_type) for v in found] == [("discrepancy", "other")]
    assert "contradicting" in found[0].explanation


def test_claims_giving_the_same_count_agree_however_worded():
    a = claim("A#0", "Belarus freed 52 prisoners", event="release", quantities=(count(52, "prisoner", "52"),))
    b = claim("B#0", "52 prisoners walked out of jail", event="walk", quantities=(count(52, "prisoner", "52"),))
    found = judge([a, b], 0.5)
    assert found[0].verdict == "agree" and found[0].explanation.startswith("Both give 52 prisoners:")
    day = claim("C#0", "on 11 September", event="release", dates=(("2025-09-11", "day"),))
    same_day = judge([day, replace(day, id="D#0", source="D", text="on Thursday")], 0.5)
    assert same_day[0].verdict == "agree" and "2025-09-11" in same_day[0].explanation
    # A partial list ("including 52 prisoners") is no statement of the whole count.
    assert judge([a, replace(b, partial_list=True)], 0.5)[0].verdict == "related"


def test_compatible_but_different_figures_are_related_not_agreed():
    a = claim("A#0", "At least 26 people were still missing", event="miss",
              quantities=(count(26, "people", "At least 26", "lower"),))
    b = claim("B#0", "Up to 33 people are missing", event="miss",
              quantities=(count(33, "people", "Up to 33", "upper"),))
    verdict = agree_or_related(a, b, 0.9, None, Thresholds())
    assert verdict.verdict == "related"
    assert "“At least 26” people" in verdict.explanation and "“Up to 33” people" in verdict.explanation
    assert agree_or_related(a, replace(a, id="B#1", source="B"), 0.9, None, Thresholds()).verdict == "agree"


def test_incompatible_dates_or_support_between_other_events_are_related():
    t = Thresholds()
    day = claim("A#0", event="kill", dates=(("2025-06-11", "day"),))
    assert agree_or_related(day, replace(day, id="B#0", source="B", dates=(("2025-06-12", "day"),)), 0.9, None,
                            t).verdict == "related"
    supported = (t.supported_low + 0.1, t.supported_low + 0.1)
    between = (t.support_similarity + t.agree_similarity) / 2
    other_event = replace(day, id="B#0", source="B", event="bury", dates=())
    assert agree_or_related(day, other_event, between, supported, t).verdict == "related"
    assert agree_or_related(day, replace(other_event, event="kill"), between, supported, t).verdict == "agree"


def test_a_count_whose_unit_the_parse_missed_is_still_a_different_figure():
    a = claim("A#0", "about 600 are still missing", quantities=(count(600, "", "about 600", "about"),))
    b = claim("B#0", "As many as 900 people could still be missing",
              quantities=(count(900, "people", "As many as 900", "upper"),))
    assert different_figures(a, b) == ("“about 600” people", "“As many as 900” people")
    assert different_figures(a, a) is None
    assert agree_or_related(a, b, 0.9, None, Thresholds()).verdict == "related"


def test_saying_is_not_a_shared_event():
    said = claim("A#0", event="say")
    assert not verdicts.same_event(said, replace(said, id="B#0", source="B"))
    killed = claim("A#1", event="kill")
    assert verdicts.same_event(killed, replace(killed, id="B#1", source="B"))


def test_the_nli_model_is_not_asked_about_a_mention_or_a_pair_sharing_a_count():
    t = Thresholds()
    between = (t.support_similarity + t.agree_similarity) / 2
    a = claim("A#0", "Belarus freed prisoners", event="release")
    b = claim("B#0", "Minsk let the prisoners go", event="release")
    b_again = claim("B#3", "Minsk let prisoners out", event="release", sentence=3)
    nli = RecordingNLI()
    found = judge([a], between, nli, mentions=[b_again]) + judge([a, b], between, nli)
    assert {v.claims for v in found} == {("A#0", "B#3"), ("A#0", "B#0")}
    assert all("B#3" not in pair and b_again.text not in pair for pair in nli.asked)
    counted = RecordingNLI()
    judge([replace(a, quantities=(count(52, "prisoner"),)), replace(b, quantities=(count(52, "prisoner"),))],
          between, counted)
    assert counted.asked == []


def test_one_measure_in_two_units_is_no_different_figure():
    from tests.pipeline.compare.fakes import count

    both = claim("A#0", "lost at an altitude of 625ft (190m", quantities=(count(190.5, "metre", "625ft"),
                                                                          count(190, "metre", "190")))
    feet = claim("B#0", "reached an altitude of only 625 feet", quantities=(count(190.5, "metre", "only 625 feet"),))
    higher = claim("C#0", "reached an altitude of 900 feet", quantities=(count(274.3, "metre", "900 feet"),))
    assert different_figures(both, feet) is None and different_figures(feet, higher) is not None
