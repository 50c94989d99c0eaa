"""The causal-framing check on hand-built claims and vectors (no model)."""
import numpy as np

from service.pipeline.compare.checks import causal
from service.pipeline.types import Claim, Link


def claim(cid, sentence, links=()):
    return Claim(id=cid, source=cid.split("#")[0], text=cid, spans=((sentence * 10, sentence * 10 + 5),),
                 sentence=sentence, links=tuple(links))


def vectors(*keys):
    """One unit vector per distinct key: claims with the same key count as the same fact."""
    basis = {k: i for i, k in enumerate(dict.fromkeys(keys))}
    out = np.zeros((len(keys), len(basis)), dtype=np.float32)
    for row, k in enumerate(keys):
        out[row, basis[k]] = 1.0
    return out


def story(a_release_sentence, a_links=()):
    lifted_b = claim("B#1", 1, [Link("causal", "in response", ("B#0",))])
    claims = [claim("A#0", 0, a_links), claim("A#1", a_release_sentence), claim("B#0", 0), lifted_b]
    return claims, vectors("lifted", "released", "released", "lifted")


def test_a_causal_link_against_side_by_side_or_unlinked_facts_is_flagged():
    claims, v = story(0, [Link("juxtaposition", "while", ("A#1",))])
    verdict, links = causal.check(3, 0, claims, v)
    assert verdict.discrepancy_type == "causal" and "side by side (“while”)" in verdict.explanation
    claims, v = story(1)
    verdict, _ = causal.check(3, 0, claims, v)
    assert "without linking them" in verdict.explanation


def test_facts_in_one_sentence_without_a_named_marker_are_not_called_unlinked():
    claims, v = story(0)     # "A#0 … A#1" in one sentence, tied by words no marker names
    assert causal.check(3, 0, claims, v) is None


def test_the_link_claim_is_the_same_whichever_way_round_it_is_built():
    first, second = claim("A#14", 2), claim("A#15", 3)
    assert causal.link_claim(first, second, "").id == causal.link_claim(second, first, "").id == "A#14+15"
