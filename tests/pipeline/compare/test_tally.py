"""Tolls in the lead compared across sources, on claims built by hand (no model)."""
from dataclasses import replace

from service.pipeline.compare.checks import tally
from service.pipeline.types import Claim, Quantity


def toll(cid, value, bound="", kind="death", sentence=0, places=(), text=None):
    q = Quantity(float(value), "people", text or str(value), bool(bound), bound, kind)
    return Claim(id=cid, source=cid.split("#")[0], text=f"{value} {kind}", spans=((0, 1),), sentence=sentence,
                 quantities=(q,), places=tuple(places))


def test_far_apart_tolls_in_the_lead_are_a_discrepancy():
    found = tally.check([toll("A#0", 37, "lower", text="at least 37"), toll("B#0", 10, "lower", text="At least 10")])
    assert len(found) == 1
    a, b, discrepancy = found[0]
    assert (a.id, b.id, discrepancy.type) == ("A#0", "B#0", "numeric")
    assert "“at least 37”" in discrepancy.explanation and "“At least 10”" in discrepancy.explanation


def test_close_floors_a_covering_ceiling_and_other_tolls_are_not():
    assert tally.check([toll("A#0", 36, "lower"), toll("B#0", 38, "lower")]) == []           # within 25%
    assert tally.check([toll("A#0", 26, "lower", "missing"), toll("B#0", 33, "upper", "missing")]) == []
    assert tally.check([toll("A#0", 37), toll("B#0", 10, kind="injury")]) == []             # different tolls


def test_only_the_lead_and_the_same_places_count():
    later = [toll("A#0", 37), toll("B#0", 37), toll("B#9", 9500, sentence=8)]   # an earlier disaster, recalled
    assert tally.check(later) == []
    first = tally.lead_tolls(later)
    assert first[("B", "death")][0].id == "B#0"
    syria, turkey = toll("A#0", 812, places=("syria",)), toll("B#0", 9057, places=("turkey",))
    assert tally.check([syria, turkey]) == []
    assert len(tally.check([syria, replace(turkey, places=("syria",))])) == 1


def test_a_toll_discrepancy_replaces_a_related_verdict_on_the_same_claims():
    import numpy as np

    from service.pipeline.thresholds import Calibration
    from service.pipeline.types import Pair, Verdict
    from service.pipeline.compare.verdicts import _with_tolls

    claims = [toll("A#0", 1, "lower", text="at least one"), toll("B#0", 4, text="four")]
    related = Verdict(("A#0", "B#0"), "related", None, None, 0.5, "Compatible but different detail.")
    vectors = np.eye(2, dtype=np.float32)
    out = _with_tolls([related], [Pair(0, 1, 0.7)], claims, vectors, Calibration())
    assert [(v.claims, v.verdict, v.discrepancy_type) for v in out] == [(("A#0", "B#0"), "discrepancy", "numeric")]
