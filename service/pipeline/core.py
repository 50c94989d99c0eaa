"""Pipeline: the one way a request flows, text → claims → embeddings → facts → slots and links → findings."""
from __future__ import annotations

import dataclasses
import logging
import threading
import time
from typing import Callable, Iterable, Iterator, Optional

from models import registry
from service.pipeline import budget
from service.pipeline.compare import causal, slots, timeline, verdicts
from service.pipeline.compare.facts import build_facts
from service.pipeline.extract import claims as claim_builder, relations, segment
from service.pipeline.extract.normalize import canonical_text
from service.pipeline.report import findings, omissions
from service.pipeline.thresholds import Thresholds
from service.pipeline.types import Claim, Report, Source
from service.settings import Settings

log = logging.getLogger(__name__)


class Pipeline:
    """Cheap to construct; `warm_up()` loads the models once and is safe to call again."""

    def __init__(self, settings: Optional[Settings] = None):
        self.settings = settings or Settings()
        self._lock = threading.Lock()
        self.parser = self.embedder = self.nli = None
        self.thresholds = Thresholds.for_model(self.settings.nli_model)
        self.warmup_seconds: Optional[float] = None
        self.embed_seconds_per_claim = 0.0   # measured on this process's runs (0: no estimate yet)

    @property
    def warm(self) -> bool:
        return self.warmup_seconds is not None

    def load(self) -> "Pipeline":
        """Load the fork-safe model weights (parser, embedder) without running them.

        gunicorn --preload calls this in the master so workers share the weights; the thread pools of
        torch and onnxruntime are not fork-safe, so inference and the ONNX session start in each worker.
        """
        with self._lock:
            if self.parser is None:
                self.parser = registry.load("parser", self.settings.parser)
                self.embedder = registry.load("embedder", self.settings.embedder,
                                              precision=self.settings.embedder_precision)
        return self

    def warm_up(self, threads: Optional[int] = None) -> "Pipeline":
        """Start inference: the NLI session and one run of each model. `threads` caps torch and
        onnxruntime per process, for workers that share the cores (None: the libraries' defaults)."""
        self.load()
        with self._lock:
            if self.warm:
                return self
            started = time.perf_counter()
            if threads:
                import torch

                torch.set_num_threads(threads)
            self.nli = registry.load("nli", self.settings.nli_model, threads)
            self.embedder.encode(["warm up"])
            self.nli.score(["warm up"], ["warm up"])
            self.parser("Warm up the parser.")
            self.warmup_seconds = time.perf_counter() - started
            log.info("models warm", extra={"seconds": round(self.warmup_seconds, 2)})
        return self

    def extract_claims(self, sources: list[Source]) -> list[Claim]:
        self.warm_up()
        found: list[Claim] = []
        # One source parsed at a time, so a deadline or the claims cap stops the run before the next one is read.
        for done, source in enumerate(sources):
            found += self.source_claims(source, f"{done} of {len(sources)} sources", len(found))
            budget.check(f"claims of {done + 1} of {len(sources)} sources")
            budget.check_claims(len(found))
        return found

    def source_claims(self, source: Source, progress: str = "", claims_before: int = 0) -> list[Claim]:
        """One source's linked claims: a function of the source alone (the store's pipeline caches it)."""
        (sentences, parsed), = segment.parse_sources([source], self.parser)
        source_claims: list[Claim] = []
        for k, (sentence, (block_start, sent)) in enumerate(zip(sentences, parsed)):
            source_claims += claim_builder.decompose(source, sentence.index, block_start, sent, len(source_claims))
            if k % 50 == 49:
                budget.check(f"claims of {progress} and {k + 1} sentences")
                budget.check_claims(claims_before + len(source_claims))
        return relations.link_claims(source_claims, sentences)

    def run(self, sources: list[Source]) -> Report:
        """The report on one story. Inside `budget.limits(deadline_s, max_claims)` a run past the deadline stops
        between stages with budget.DeadlineExceeded, and one over the claims cap with budget.TooManyClaims."""
        timings = {}
        started = time.perf_counter()
        claims = self.extract_claims(sources)
        timings["claims"] = time.perf_counter() - started
        budget.check("claims")
        budget.check_ahead("claims", len(claims) * self.embed_seconds_per_claim)
        mark = time.perf_counter()
        # One call per story: with bfloat16 a vector varies slightly with its batch company (models/embedder.py).
        vectors = self.embedder.encode([canonical_text(c.text) for c in claims])
        timings["embed"] = time.perf_counter() - mark
        if len(claims) >= 20:   # what embedding costs here, for the deadline's look ahead
            per_claim = timings["embed"] / len(claims)
            self.embed_seconds_per_claim = per_claim if not self.embed_seconds_per_claim else (
                0.7 * self.embed_seconds_per_claim + 0.3 * per_claim)
        budget.check("embeddings")
        mark = time.perf_counter()
        facts = build_facts(claims, vectors, self.thresholds)
        by_id = {c.id: c for c in claims}
        vector_of = {c.id: vectors[i] for i, c in enumerate(claims)}
        disputes = [d for fact in facts for d in slots.fact_disputes(fact, by_id, vector_of, self.thresholds)]
        story_wide = [(check, fact) for check, keys in timeline.STORY_WIDE
                      for fact in timeline.story_facts(claims, keys)]
        story_wide += [(check, fact) for check, build in timeline.STORY_BUILT for fact in build(claims)]
        timed = [d for check, fact in story_wide
                 for d in slots.fact_disputes(fact, by_id, vector_of, self.thresholds, [check])]
        disputes, timed = timeline.one_per_difference(disputes, timed)
        framings = causal.causal_disputes(facts, claims, self.thresholds.causal_nearby_sentences, vector_of)
        timings["facts"] = time.perf_counter() - mark
        budget.check("facts")
        mark = time.perf_counter()
        judged = verdicts.judge_pairs(facts, by_id, vector_of, self.nli, self.thresholds,
                                      self.settings.nli_max_pairs, self.settings.nli_contradictions)
        timings["verdicts"] = time.perf_counter() - mark
        budget.check("verdicts")
        floor = self.settings.finding_min_confidence
        found = [findings.slot_finding(d, self.thresholds, floor) for d in disputes]
        fact_of = {c: f.id for f in facts for c in f.claims + f.mentions}
        found += [findings.slot_finding(d, self.thresholds, floor,
                                        tuple(sorted({fact_of[c.id] for g in d.groups for c in g if c.id in fact_of})))
                  for d in timed]
        found += [findings.causal_finding(d, self.thresholds, floor) for d in framings]
        found += findings.contradiction_findings(judged, facts, by_id, floor)
        found = findings.one_per_split(findings.without_updates(found, by_id, sources), by_id)
        found = findings.ordered(findings.note_publication_gaps(found, by_id, sources))
        texts = {s.id: s.text for s in sources}
        links = {s.link.id: s.link for d in framings for s in d.stances}
        link_claims = [dataclasses.replace(c, text=" ".join(texts[c.source][a:b] for a, b in c.spans))
                       for c in links.values()]
        vector_of.update({c.id: vector_of[c.id.split("+")[0]] for c in link_claims})
        judged = findings.with_positions(judged, found, lambda a, b: float(vector_of[a] @ vector_of[b]))
        unique = omissions.omissions(facts, by_id, [s.id for s in sources])
        timings["total"] = time.perf_counter() - started
        return Report(claims=tuple(claims + link_claims), matches=tuple(judged), unique=tuple(unique),
                      timings=timings, findings=tuple(found), facts=tuple(facts))

    def pipe(self, stories: Iterable[list[Source]],
             on_error: str | Callable[[list[Source], Exception], None] = "raise") -> Iterator[Optional[Report]]:
        """Run many stories; on_error is "raise", "skip" (yield None) or a callable given the story and error.

        Each report equals run(story): stories share no embedder batch, because bfloat16 vectors vary
        slightly with their batch company (models/embedder.py).
        """
        for story in stories:
            try:
                yield self.run(story)
            except Exception as error:  # noqa: BLE001 - the error policy decides
                if on_error == "raise":
                    raise
                if callable(on_error):
                    on_error(story, error)
                yield None
