"""Fit the prior-review match (`prior.MATCH`) on labelled claim pairs.

Usage: .venv/bin/python -m service.archive.fit [--shared ../shared]

The development clusters (shared/eval/clusters/*/, read at run time) give the labels: each gold agreement names
the passage of each source that states it (its anchors). A source's claim is mapped to an agreement when its
span overlaps one of the agreement's anchors in that source's text. Positives: two claims of different sources
mapped to one agreement. Negatives: every other pair of claims of different sources of the same story (claims of
one event, the hard case). Pairs are split in two halves by a hash of the pair. On the fit half a logistic model
of three features (the embedding similarity; the two claims share a number; each has numbers and they share
none) is fitted, and its cut moved to the F1-best score on that half; the held-out half gives its precision and
recall, beside those of the similarity alone (the threshold that maximises F1 on the fit half), the baseline. The seed pair has no agreements, so
it is not used here; `development_articles` also serves bench/archive.py and the archive's tests.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SEED_FILES = ("eurointegration_zapad_2025-09-15.txt", "unn_zapad_2025-09-15.txt")


@dataclass(frozen=True)
class DevArticle:
    group: str          # the cluster's folder name, or "seeds"
    key: str            # the source's key in gold.json (the file's stem for the seeds)
    outlet: str
    text: str
    published_at: date
    url: str | None = None


def development_articles(shared: Path = SHARED) -> list[DevArticle]:
    """Every article of the development clusters and the two seed articles, read from shared/ now."""
    found = []
    for folder in sorted((shared / "eval" / "clusters").iterdir()):
        if not (folder / "gold.json").exists():
            continue
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        for key, source in gold["sources"].items():
            found.append(DevArticle(folder.name, key, source["outlet"],
                                    (folder / source["file"]).read_text(encoding="utf-8"),
                                    date.fromisoformat(source["published_at"]), source.get("url")))
    for name in SEED_FILES:
        stem = Path(name).stem
        found.append(DevArticle("seeds", stem.split("_")[0], stem.split("_")[0],
                                (shared / "seeds" / name).read_text(encoding="utf-8"),
                                date.fromisoformat(stem.rsplit("_", 1)[1])))
    return found


def _anchor_spans(text: str, anchors) -> list[tuple[int, int]]:
    spans = []
    for anchor in [anchors] if isinstance(anchors, str) else anchors:
        at = text.find(anchor)
        if at >= 0:
            spans.append((at, at + len(anchor)))
    return spans


def labelled_pairs(pipeline, shared: Path = SHARED) -> list[tuple[str, str, bool, str, frozenset, frozenset]]:
    """(claim text, claim text, same agreement?, cluster, numbers, numbers) for every cross-source claim pair of
    each cluster; a claim's numbers are its quantities' values, as the store keeps them (ingest.claim_numbers)."""
    from service.store.ingest import claim_numbers
    from service.pipeline.types import Source

    pairs = []
    for folder in sorted((shared / "eval" / "clusters").iterdir()):
        if not (folder / "gold.json").exists():
            continue
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        texts = {k: (folder / s["file"]).read_text(encoding="utf-8") for k, s in gold["sources"].items()}
        sources = [Source(k, t, date.fromisoformat(gold["sources"][k]["published_at"]), k) for k, t in texts.items()]
        claims = pipeline.extract_claims(sources)
        label = {}
        for agreement in gold["agreements"]:
            for key, anchors in agreement["anchors"].items():
                spans = _anchor_spans(texts.get(key, ""), anchors)
                for claim in claims:
                    if claim.source == key and any(s < e2 and s2 < e for s, e in claim.spans for s2, e2 in spans):
                        label.setdefault(claim.id, set()).add(agreement["id"])
        for i, a in enumerate(claims):
            for b in claims[i + 1:]:
                if a.source != b.source:
                    same = bool(label.get(a.id, set()) & label.get(b.id, set()))
                    pairs.append((a.text, b.text, same, folder.name, frozenset(claim_numbers(a)),
                                  frozenset(claim_numbers(b))))
    return pairs


def held_out(a: str, b: str) -> bool:
    return hashlib.sha256("\x00".join(sorted((a, b))).encode()).digest()[0] % 2 == 1


def precision_recall(similarity: np.ndarray, truth: np.ndarray, threshold: float) -> tuple[float, float]:
    predicted = similarity >= threshold
    hits = int(np.sum(predicted & truth))
    return hits / max(1, int(np.sum(predicted))), hits / max(1, int(np.sum(truth)))


def _best_cut(score: np.ndarray, truth: np.ndarray, cuts) -> tuple[float, float]:
    best = (-1.0, 0.0)
    for cut in cuts:
        p, r = precision_recall(score, truth, cut)
        best = max(best, (2 * p * r / (p + r) if p + r else 0.0, float(cut)))
    return best


def _figures(score: np.ndarray, truth: np.ndarray, test: np.ndarray, cut: float, f1: float) -> dict:
    fit_p, fit_r = precision_recall(score[~test], truth[~test], cut)
    test_p, test_r = precision_recall(score[test], truth[test], cut)
    test_f1 = 2 * test_p * test_r / (test_p + test_r) if test_p + test_r else 0.0
    return {"fit": {"pairs": int(np.sum(~test)), "positives": int(np.sum(truth[~test])), "precision": round(fit_p, 3),
                    "recall": round(fit_r, 3), "f1": round(f1, 3)},
            "held_out": {"pairs": int(np.sum(test)), "positives": int(np.sum(truth[test])),
                         "precision": round(test_p, 3), "recall": round(test_r, 3), "f1": round(test_f1, 3)}}


def fit(pipeline, shared: Path = SHARED) -> dict:
    from sklearn.linear_model import LogisticRegression

    from service.archive.prior import MATCH, MatchModel, match_features
    from service.archive.vectors import embed_texts

    pairs = labelled_pairs(pipeline, shared)
    texts = sorted({t for a, b, *_ in pairs for t in (a, b)})
    at = {t: i for i, t in enumerate(texts)}
    matrix = embed_texts(pipeline.embedder, texts)
    similarity = np.array([float(matrix[at[a]] @ matrix[at[b]]) for a, b, *_ in pairs])
    features = np.array([match_features(s, na, nb) for s, (_, _, _, _, na, nb) in zip(similarity, pairs)])
    truth = np.array([same for _, _, same, *_ in pairs])
    test = np.array([held_out(a, b) for a, b, *_ in pairs])

    f1, threshold = _best_cut(similarity[~test], truth[~test], np.round(np.arange(0.50, 0.99, 0.01), 2))
    baseline = {"threshold": threshold, **_figures(similarity, truth, test, threshold, f1)}

    model = LogisticRegression(C=10.0, max_iter=1000).fit(features[~test], truth[~test])
    raw = features @ model.coef_[0] + model.intercept_[0]
    f1, cut = _best_cut(raw[~test], truth[~test], np.unique(np.round(raw[~test], 2)))
    match = MatchModel(*(round(float(w), 3) for w in model.coef_[0]), round(float(model.intercept_[0] - cut), 3))
    score = np.array([match.score(*row) for row in features])
    shipped = np.array([MATCH.score(*row) for row in features])   # the constants the service runs with
    return {"model": match._asdict(), **_figures(score, truth, test, 0.0, f1), "similarity_only": baseline,
            "shipped": {"model": MATCH._asdict(), **_figures(shipped, truth, test, 0.0, f1)}}


def main() -> None:
    parser = argparse.ArgumentParser(description="Fit the prior-review match (prior.MATCH) on the clusters' gold.")
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args()
    from service.pipeline.core import Pipeline
    from service.settings import Settings

    result = fit(Pipeline(Settings.from_env()).warm_up(), args.shared)
    for name, figures in (("similarity alone", result["similarity_only"]), ("match model", result)):
        print(f"{name}: fit precision {figures['fit']['precision']} recall {figures['fit']['recall']} "
              f"({figures['fit']['positives']} positives of {figures['fit']['pairs']} pairs); held out precision "
              f"{figures['held_out']['precision']} recall {figures['held_out']['recall']} F1 "
              f"{figures['held_out']['f1']} ({figures['held_out']['positives']} of {figures['held_out']['pairs']})")
    print(f"similarity alone: threshold {result['similarity_only']['threshold']:.2f}; match model {result['model']}")
    print(json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
