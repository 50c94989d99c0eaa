"""Hand-built claims and deterministic vectors for the compare and report tests (no model)."""
from __future__ import annotations

from itertools import combinations

import numpy as np

from service.pipeline.types import Claim, Fact, Quantity


def claim(cid: str, text: str = "", sentence: int = 0, **fields) -> Claim:
    """A claim of the source its id names ("A#0" → source "A"), spanning a distinct range of its text."""
    number = int(cid.split("#")[1])
    return Claim(id=cid, source=cid.split("#")[0], text=text or cid, spans=((number * 100, number * 100 + 10),),
                 sentence=sentence, **fields)


def count(value: float, unit: str, text: str | None = None, bound: str = "", tally: str = "") -> Quantity:
    return Quantity(float(value), unit, text or f"{value:g}", bool(bound), bound, tally)


def unit_vectors(n: int, similarities: dict[tuple[int, int], float], dim: int | None = None) -> np.ndarray:
    """n unit vectors whose pairwise cosines are the given ones (every other pair: 0).

    Built from the Gram matrix, so the cosines are exact (to float32); the matrix must be positive semi-definite.
    """
    gram = np.eye(n)
    for (i, j), s in similarities.items():
        gram[i, j] = gram[j, i] = s
    values, vecs = np.linalg.eigh(gram)
    assert values.min() > -1e-9, f"not a possible set of cosines (eigenvalue {values.min():.3f})"
    out = vecs * np.sqrt(np.clip(values, 0, None))
    if dim is not None and dim > n:
        out = np.hstack([out, np.zeros((n, dim - n))])
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out.astype(np.float32)


def vectors_by_id(claims: list[Claim], similarities: dict[tuple[str, str], float]) -> dict[str, np.ndarray]:
    """{claim id: vector} with the given cosines between claim ids (every other pair: 0)."""
    index = {c.id: i for i, c in enumerate(claims)}
    matrix = unit_vectors(len(claims), {(index[a], index[b]): s for (a, b), s in similarities.items()})
    return {c.id: matrix[i] for i, c in enumerate(claims)}


def all_close(ids: list[str], similarity: float) -> dict[tuple[str, str], float]:
    return {(a, b): similarity for a, b in combinations(ids, 2)}


def fact(*claims: Claim, mentions: tuple[str, ...] = (), fid: str | None = None) -> Fact:
    return Fact(id=fid or "f_" + "_".join(c.id for c in claims), claims=tuple(c.id for c in claims),
                sources=tuple(c.source for c in claims), text=claims[0].text, mentions=mentions)
