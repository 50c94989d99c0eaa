"""Alignment and omission logic on deterministic fake embeddings (no model needed)."""
import hashlib

import numpy as np

from service.pipeline.compare.align import candidate_pairs
from service.pipeline.report.findings import omissions
from service.pipeline.types import Claim, Verdict


def fake_vector(key: str, dim: int = 16) -> np.ndarray:
    seed = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)
    v = np.random.default_rng(seed).standard_normal(dim).astype(np.float32)
    return v / np.linalg.norm(v)


def claim(cid, source, entities=()):
    return Claim(id=cid, source=source, text=cid, spans=((0, 1),), sentence=0, entities=tuple(entities))


def test_same_topic_vectors_pair_across_sources_only():
    claims = [claim("A#0", "A"), claim("A#1", "A"), claim("B#0", "B"), claim("B#1", "B")]
    topics = ["sanctions", "prisoners", "sanctions", "weather"]
    vectors = np.stack([fake_vector(t) for t in topics])
    pairs = candidate_pairs(claims, vectors, neighbours=1, min_similarity=0.9)
    assert [(p.a, p.b) for p in pairs] == [(0, 2)]
    assert pairs[0].similarity > 0.99


def test_shared_entity_admits_a_slightly_weaker_pair():
    claims = [claim("A#0", "A", ["belavia"]), claim("B#0", "B", ["belavia"])]
    v = fake_vector("x")
    w = 0.85 * v + np.sqrt(1 - 0.85 ** 2) * fake_vector("y")
    vectors = np.stack([v, w / np.linalg.norm(w)]).astype(np.float32)
    sim = float(vectors[0] @ vectors[1])
    pairs = candidate_pairs(claims, vectors, neighbours=1, min_similarity=sim + 0.05)
    assert len(pairs) == 1


def test_omissions_list_claims_no_other_source_agrees_with():
    claims = [claim("A#0", "A"), claim("A#1", "A"), claim("B#0", "B"), claim("C#0", "C")]
    verdicts = [Verdict(("A#0", "B#0"), "agree", None, None, 0.9, "same"),
                Verdict(("A#1", "C#0"), "related", None, None, 0.6, "detail")]
    found = {u.claim: u.missing_from for u in omissions(claims, verdicts, ["A", "B", "C"])}
    assert found["A#0"] == ("C",)
    assert found["A#1"] == ("B", "C")
    assert found["C#0"] == ("A", "B")


def test_mutual_best_holds_whatever_the_source_order():
    from service.pipeline.types import Pair
    from service.pipeline.compare.verdicts import _mutual_best

    # Claims listed with source B before source A, as a request may send them.
    claims = [claim("B#0", "B"), claim("A#0", "A"), claim("A#1", "A")]
    pairs = [Pair(1, 0, 0.9), Pair(2, 0, 0.7)]
    assert _mutual_best(pairs, claims) == {(1, 0)}


def test_a_different_count_of_the_same_thing_is_flagged_beyond_the_closest_match():
    from service.pipeline.types import Quantity
    from service.pipeline.compare.verdicts import _typed

    deaths = lambda n: (Quantity(float(n), "death", str(n)),)  # noqa: E731
    a = Claim(id="A#0", source="A", text="deaths rose to 273", spans=((0, 1),), sentence=0, quantities=deaths(273))
    b = Claim(id="B#0", source="B", text="toll climbed to 250", spans=((0, 1),), sentence=0, quantities=deaths(250))
    found = _typed(a, b, similarity=0.65, mutual=False)
    assert found is not None and found.type == "numeric"
    assert _typed(a, b, similarity=0.55, mutual=False) is None
    elsewhere = Claim(id="B#1", source="B", text="toll climbed to 250", spans=((0, 1),), sentence=0,
                      quantities=deaths(250), places=("syria",))
    assert _typed(Claim(id="A#1", source="A", text="x", spans=((0, 1),), sentence=0, quantities=deaths(273),
                        places=("turkey",)), elsewhere, similarity=0.65, mutual=False) is None


def test_one_discrepancy_across_three_sources_is_one_finding():
    from service.pipeline.report.findings import group_discrepancies

    claims = [claim("A#0", "A"), claim("B#0", "B"), claim("C#0", "C"), claim("A#1", "A"), claim("B#1", "B")]
    verdicts = [Verdict(("A#0", "B#0"), "discrepancy", "numeric", "high", 0.9, "A 52, B 25"),
                Verdict(("A#0", "C#0"), "discrepancy", "numeric", "high", 0.8, "A 52, C 20"),
                Verdict(("A#1", "B#1"), "discrepancy", "attribution", "low", 0.7, "minister vs ministry"),
                Verdict(("A#1", "B#1"), "agree", None, None, 0.9, "same")]
    found = group_discrepancies(claims, verdicts)
    assert [f.type for f in found] == ["numeric", "attribution"]
    numeric = found[0]
    assert [(p.source, p.claims) for p in numeric.positions] == [("A", ("A#0",)), ("B", ("B#0",)), ("C", ("C#0",))]
    assert numeric.confidence == 0.9 and "3 sources" in numeric.explanation


def test_saying_is_not_a_shared_event_and_other_dates_are_other_events():
    from dataclasses import replace

    from service.pipeline.compare.checks.date import dates_compatible as _dates_compatible
    from service.pipeline.compare.verdicts import _same_event

    said = replace(claim("A#0", "A"), event="say")
    assert not _same_event(said, replace(said, id="B#0", source="B"))
    killed = replace(claim("A#1", "A"), event="kill", dates=(("2017-09-19", "day"),))
    assert _same_event(killed, replace(killed, id="B#1", source="B"))
    assert not _dates_compatible(killed, replace(killed, dates=(("1985", "year"),)))
    assert _dates_compatible(killed, replace(killed, dates=(("2017-09", "month"),)))
    assert _dates_compatible(killed, replace(killed, dates=()))


def test_differing_counts_from_different_days_say_one_may_update_the_other():
    from datetime import date

    from service.pipeline.report.findings import note_publication_gaps
    from service.pipeline.types import Source

    claims = [claim("A#0", "A"), claim("B#0", "B")]
    sources = [Source("A", "x", date(2023, 2, 7)), Source("B", "y", date(2023, 2, 9))]
    numeric = Verdict(("A#0", "B#0"), "discrepancy", "numeric", "high", 0.9, "A gives 5,000 death, B gives 9,057 death.")
    modality = Verdict(("A#0", "B#0"), "discrepancy", "modality", "medium", 0.8, "done vs agreed.")
    noted = note_publication_gaps([numeric, modality], claims, sources)
    assert noted[0].explanation.endswith("Published A on 2023-02-07, B on 2023-02-09: one figure may be an update of the other.")
    assert noted[1] == modality
    same_day = [Source("A", "x", date(2023, 2, 7)), Source("B", "y", date(2023, 2, 7))]
    assert note_publication_gaps([numeric], claims, same_day) == [numeric]


def test_a_different_count_ranks_high_in_the_lead_and_medium_further_down():
    from dataclasses import replace

    from service.pipeline.types import Quantity
    from service.pipeline.compare.verdicts import _discrepancy, _typed

    deaths = lambda n: (Quantity(float(n), "death", str(n)),)  # noqa: E731
    a = Claim(id="A#0", source="A", text="273 deaths", spans=((0, 1),), sentence=0, quantities=deaths(273))
    b = Claim(id="B#0", source="B", text="250 deaths", spans=((0, 1),), sentence=1, quantities=deaths(250))
    found = _typed(a, b, similarity=0.9, mutual=True)
    assert _discrepancy(a, b, 0.9, found).severity == "high"
    later_a, later_b = replace(a, sentence=7), replace(b, sentence=9)
    assert _discrepancy(later_a, later_b, 0.9, found).severity == "medium"


def test_compatible_but_different_figures_are_related_not_agreed():
    from service.pipeline.thresholds import Calibration
    from service.pipeline.types import Quantity
    from service.pipeline.compare.verdicts import _agree_or_related, _typed

    a = Claim(id="A#0", source="A", text="At least 26 people were still missing", spans=((0, 1),), sentence=3,
              event="miss", quantities=(Quantity(26.0, "people", "At least 26", True, "lower"),))
    b = Claim(id="B#0", source="B", text="Up to 33 people are missing", spans=((0, 1),), sentence=2,
              event="miss", quantities=(Quantity(33.0, "people", "Up to 33", True, "upper"),))
    assert _typed(a, b, similarity=0.9, mutual=True) is None        # 26 to 33 satisfies both: no conflict
    verdict = _agree_or_related(a, b, 0.9, None, Calibration(), one_to_one=True)
    assert verdict.verdict == "related"
    assert "“At least 26” people" in verdict.explanation and "“Up to 33” people" in verdict.explanation
    same = _agree_or_related(a, a.__class__(**{**a.__dict__, "id": "B#1", "source": "B"}), 0.9, None, Calibration(), True)
    assert same.verdict == "agree"


def test_a_count_whose_unit_the_parse_missed_is_still_a_different_figure():
    from service.pipeline.types import Quantity
    from service.pipeline.compare.verdicts import _different_figures

    a = Claim(id="A#0", source="A", text="about 600 are still missing", spans=((0, 1),), sentence=3,
              quantities=(Quantity(600.0, "", "about 600", True, "about"),))
    b = Claim(id="B#0", source="B", text="As many as 900 people could still be missing", spans=((0, 1),), sentence=2,
              quantities=(Quantity(900.0, "people", "As many as 900", True, "upper"),))
    assert _different_figures(a, b) == ("“about 600” people", "“As many as 900” people")
    assert _different_figures(a, a) is None


def test_counts_of_one_noun_from_different_tolls_are_not_compared():
    from service.pipeline.compare.checks import numeric
    from service.pipeline.types import Quantity

    injured = Claim(id="A#1", source="A", text="injuring 30 other passengers", spans=((0, 1),), sentence=0,
                    quantities=(Quantity(30.0, "passenger", "30", tally="injury"),))
    killed = Claim(id="B#1", source="B", text="killing four passengers", spans=((0, 1),), sentence=0,
                   quantities=(Quantity(4.0, "passenger", "four", tally="death"),))
    assert numeric.check(injured, killed) is None
    more_injured = Claim(id="B#2", source="B", text="70 passengers were injured", spans=((0, 1),), sentence=0,
                         quantities=(Quantity(70.0, "passenger", "70", tally="injury"),))
    found = numeric.check(injured, more_injured)
    assert found is not None and "“30”" in found.explanation and "“70”" in found.explanation
