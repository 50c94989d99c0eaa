"""The real NLI model against the fitted thresholds: a clear contradiction is above, an unrelated pair below."""
import pytest

pytestmark = pytest.mark.slow

CONTRADICTIONS = [
    ("The bridge was opened to traffic in 2019.", "The bridge has never been opened to traffic."),
    ("The minister resigned on Monday.", "The minister did not resign."),
]
UNRELATED = [
    ("The central bank raised interest rates by half a point.", "The football team won the cup final on penalties."),
    ("Heavy rain flooded the village overnight.", "The orchestra will tour Japan next spring."),
]


def _both_ways(nli, pairs):
    forward = nli.score([p for p, _ in pairs], [h for _, h in pairs])
    backward = nli.score([h for _, h in pairs], [p for p, _ in pairs])
    return list(zip(forward, backward))


def test_clear_contradictions_score_above_the_contradiction_threshold(pipeline):
    for scores in _both_ways(pipeline.nli, CONTRADICTIONS):
        assert min(scores) >= pipeline.thresholds.contradiction


def test_unrelated_pairs_score_below_supported_low(pipeline):
    for scores in _both_ways(pipeline.nli, UNRELATED):
        assert max(scores) < pipeline.thresholds.supported_low
