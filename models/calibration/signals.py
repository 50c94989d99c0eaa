"""The verdict layer's signals for one labelled premise/hypothesis pair, as the pipeline would see them.

Text is cut into units the NLI model can read whole (160 tokens): a short text is one unit, a long one
its sentences. Each hypothesis unit is compared with the premise units nearest to it by embedding
similarity, NLI both ways, as the pipeline compares aligned claims. The typed checks run on claims
extracted from both sides by the pipeline's own claim extraction, aligned by embedding similarity.
"""
from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Optional

import numpy as np

from models.calibration.datasets import DATA_DIR, LabelledPair
from models.calibration.nli_cache import CachedNli
from service.pipeline.compare import facts, slots
from service.pipeline.compare.checks import registered
from service.pipeline.extract import segment
from service.pipeline.extract.normalize import canonical_text
from service.pipeline.thresholds import Thresholds
from service.pipeline.types import Claim, Source

# 2: the typed checks run as the service runs them (verdicts._typed: location and attribution too), numbers
# with "more than" / "under" are bounds, dates after "before" / "after" / "since" are not event dates.
# 9: typed checks within one fact (compare/facts.py, compare/slots.py), as the N-source pipeline runs them.
SIGNALS_VERSION = 9
CACHE_DIR = DATA_DIR / "calibration"
LONG_PREMISE_WORDS = 110
LONG_HYPOTHESIS_WORDS = 45
TOP_PREMISE_UNITS = 1


@dataclass(frozen=True)
class UnitSignals:
    similarity: float                          # cosine with the nearest premise unit
    nli: tuple[float, float]                   # with that unit: (premise → hypothesis, hypothesis → premise)
    nli_top: tuple[tuple[float, float], ...]   # the same for each of the nearest premise units


@dataclass(frozen=True)
class PairSignals:
    file: str
    id: str
    part: str
    label: str
    expected: str
    units: tuple[UnitSignals, ...]
    typed: Optional[str] = None                # the first typed check that fires on aligned claims
    typed_confidence: Optional[float] = None


def text_units(text: str, max_words: int, parser) -> list[str]:
    if len(text.split()) <= max_words:
        return [text.strip()]
    found, _ = segment.sentences("unit", text, parser)
    return [s.text.strip() for s in found] or [text.strip()]


class Vectors:
    """Normalised embeddings of many texts, computed in one batch and then looked up."""

    def __init__(self, embedder, texts: list[str]):
        unique = list(dict.fromkeys(canonical_text(t) for t in texts))
        self.rows = dict(zip(unique, embedder.encode(unique)))

    def __call__(self, texts: list[str]) -> np.ndarray:
        return np.stack([self.rows[canonical_text(t)] for t in texts])


def typed_discrepancy(claims: list[Claim], vectors: Vectors):
    """The first typed check to fire, as the service runs them, between a hypothesis claim and its nearest
    premise claim (taken as its counterpart), or None."""
    left = [c for c in claims if c.source == "premise"]
    right = [c for c in claims if c.source == "hypothesis"]
    if not left or not right:
        return None
    sims = vectors([c.text for c in right]) @ vectors([c.text for c in left]).T
    thresholds = Thresholds()
    for h, row in zip(right, sims):
        premise, similarity = left[int(np.argmax(row))], float(row.max())
        one_fact = similarity >= thresholds.fact_similarity or (
            similarity >= thresholds.fact_specific_similarity and facts.share_specifics(premise, h))
        if not one_fact or not facts.compatible(premise, h):
            continue
        found = slots.first_separating(premise, h, similarity, registered(), thresholds)
        if found is not None:
            return found[1]
    return None


class Plan:
    """Units, claims and nearest premise units for one pair, before any NLI is run."""

    def __init__(self, pair: LabelledPair, pipeline, premise_units: list[str]):
        self.pair = pair
        self.premise_units = premise_units
        self.hypothesis_units = text_units(pair.hypothesis, LONG_HYPOTHESIS_WORDS, pipeline.parser)
        self.claims = pipeline.extract_claims([Source("premise", pair.premise), Source("hypothesis", pair.hypothesis)])

    def texts(self) -> list[str]:
        return self.premise_units + self.hypothesis_units + [c.text for c in self.claims]

    def align(self, vectors: Vectors) -> "Plan":
        sims = vectors(self.hypothesis_units) @ vectors(self.premise_units).T
        self.nearest = [list(np.argsort(-row)[:TOP_PREMISE_UNITS]) for row in sims]
        self.similarity = [float(row.max()) for row in sims]
        self.typed = typed_discrepancy(self.claims, vectors)
        return self

    def nli_requests(self) -> list[tuple[str, str]]:
        out = []
        for h, nearest in zip(self.hypothesis_units, self.nearest):
            for i in nearest:
                out += [(self.premise_units[i], h), (h, self.premise_units[i])]
        return out

    def signals(self, nli: CachedNli) -> PairSignals:
        units = []
        for h, nearest, similarity in zip(self.hypothesis_units, self.nearest, self.similarity):
            top = tuple((nli(self.premise_units[i], h), nli(h, self.premise_units[i])) for i in nearest)
            units.append(UnitSignals(similarity, top[0], top))
        p = self.pair
        return PairSignals(p.file, p.id, p.part, p.label, p.expected, tuple(units),
                           self.typed.type if self.typed else None,
                           self.typed.confidence if self.typed else None)


def plan_pairs(pairs: list[LabelledPair], pipeline) -> list[Plan]:
    """Parse and claim-extract every pair, then embed all their texts in one batch."""
    premise_units: dict[str, list[str]] = {}
    plans = []
    for n, pair in enumerate(pairs, 1):
        if pair.premise not in premise_units:
            premise_units[pair.premise] = text_units(pair.premise, LONG_PREMISE_WORDS, pipeline.parser)
        plans.append(Plan(pair, pipeline, premise_units[pair.premise]))
        if n % 100 == 0:
            print(f"  parsed {n}/{len(pairs)} {pair.file} pairs", file=sys.stderr, flush=True)
    vectors = Vectors(pipeline.embedder, [t for plan in plans for t in plan.texts()])
    return [plan.align(vectors) for plan in plans]


def _from_json(row: dict) -> PairSignals:
    units = tuple(UnitSignals(u["similarity"], tuple(u["nli"]), tuple(tuple(t) for t in u["nli_top"]))
                  for u in row["units"])
    return PairSignals(**{**row, "units": units})


def score_pairs(pairs: list[LabelledPair], pipeline, cache_dir: Path = CACHE_DIR) -> list[PairSignals]:
    """Signals for each pair; computed once per pair and model, then read from the cache."""
    model = pipeline.settings.nli_model.replace("/", "__")
    cache = cache_dir / f"signals-v{SIGNALS_VERSION}-{model}.jsonl"
    known: dict[tuple[str, str], PairSignals] = {}
    if cache.exists():
        for line in cache.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            known[(row["file"], row["id"])] = _from_json(row)
    todo = [p for p in pairs if (p.file, p.id) not in known]
    if todo:
        pipeline.warm_up()
        plans = plan_pairs(todo, pipeline)
        nli = CachedNli(pipeline.nli, cache_dir / f"nli-{model}.jsonl")
        nli.score_all([r for plan in plans for r in plan.nli_requests()])
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("a", encoding="utf-8") as handle:
            for plan in plans:
                signals = plan.signals(nli)
                known[(signals.file, signals.id)] = signals
                handle.write(json.dumps(asdict(signals)) + "\n")
    return [known[(p.file, p.id)] for p in pairs]
