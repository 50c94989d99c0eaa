"""Claim vectors → candidate pairs across sources, by FAISS nearest neighbours and shared entities."""
from __future__ import annotations

from itertools import combinations

import faiss
import numpy as np

from service.pipeline.types import Claim, Pair


def candidate_pairs(claims: list[Claim], vectors: np.ndarray, neighbours: int, min_similarity: float) -> list[Pair]:
    """Pairs of claims from different sources worth comparing.

    A pair is kept when either claim is among the other's nearest neighbours in the other source and
    their cosine similarity reaches min_similarity, or when they share a named entity and come within
    0.1 of it. Vectors must be L2-normalised, so inner product is cosine similarity.
    """
    by_source: dict[str, list[int]] = {}
    for i, claim in enumerate(claims):
        by_source.setdefault(claim.source, []).append(i)
    found: dict[tuple[int, int], float] = {}
    entities = [set(claim.entities) for claim in claims]
    for s, t in combinations(sorted(by_source), 2):
        left, right = by_source[s], by_source[t]
        sims = _neighbour_similarities(vectors[left], vectors[right], neighbours)
        for (li, ri), sim in sims.items():
            if sim >= min_similarity:
                found[(left[li], right[ri])] = sim
        for li, a in enumerate(left):
            for ri, b in enumerate(right):
                if (a, b) in found:
                    continue
                if entities[a] & entities[b]:
                    sim = float(vectors[a] @ vectors[b])
                    if sim >= min_similarity - 0.1:
                        found[(a, b)] = sim
    return [Pair(a, b, sim) for (a, b), sim in sorted(found.items())]


def _neighbour_similarities(left: np.ndarray, right: np.ndarray, k: int) -> dict[tuple[int, int], float]:
    """Top-k neighbours in both directions, from one FAISS inner-product index per side."""
    out: dict[tuple[int, int], float] = {}
    if len(left) == 0 or len(right) == 0:
        return out
    for queries, base, flip in ((left, right, False), (right, left, True)):
        index = faiss.IndexFlatIP(base.shape[1])
        index.add(base)
        sims, ids = index.search(queries, min(k, len(base)))
        for qi in range(len(queries)):
            for sim, bi in zip(sims[qi], ids[qi]):
                if bi < 0:
                    continue
                key = (int(bi), qi) if flip else (qi, int(bi))
                out[key] = float(sim)
    return out
