"""Aligned pairs → verdicts: typed structured checks first, then similarity and the calibrated NLI score.

Agreement is one-to-one: a claim agrees with its mutual best match in the other source (or with a
claim that shares a resolved date or count with it); other close pairs are `related`.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from service.pipeline.thresholds import Calibration
from service.pipeline.compare.checks import (Discrepancy, attribution, causal, date, entity, location, modality, negation,
                                     numeric, quote, tally)
from service.pipeline.extract.speech import SPEECH
from service.pipeline.types import Claim, Pair, Verdict

# Order matters: the first check that fires names the discrepancy.
TYPED_CHECKS = (negation.check, numeric.check, date.check, modality.check, location.check, attribution.check,
                entity.check)
SAME_FACT = 0.6          # cosine similarity above which two claims may report one fact
SAME_EVENT = 0.5         # lower bound when they also share the event verb or a named entity
SCOPED_PLACE = 0.45      # lower bound for two claims that both state a place scope ("both countries")
SAME_SPEAKER_FACT = 0.7  # attribution only matters between claims that clearly report one statement
NEAR_SAME = 0.8          # pairs this close are compared even when either has a closer match
LEAD_SENTENCES = 3       # sentences that carry a story's headline facts
RELATED = 0.6            # below this, a pair that is not a mutual best match is not reported at all


def judge(pairs: list[Pair], claims: list[Claim], vectors: np.ndarray, nli, calibration: Calibration,
          nli_max_pairs: int, nli_contradictions: bool = False) -> tuple[list[Verdict], list[Claim]]:
    """Verdicts for the candidate pairs, and the link claims that causal findings refer to.

    The NLI model runs only where its answer can change the label: counterparts below the agreement
    bar that share their event (support makes them agree), and, when nli_contradictions is on,
    near-identical counterparts (an untyped contradiction).
    """
    mutual = _mutual_best(pairs, claims)
    typed = {(p.a, p.b): _typed(claims[p.a], claims[p.b], p.similarity, (p.a, p.b) in mutual) for p in pairs}

    def nli_decides(p: Pair) -> bool:
        if typed[(p.a, p.b)] is not None or (p.a, p.b) not in mutual:
            return False
        if calibration.support_similarity <= p.similarity < calibration.agree_similarity:
            return _same_event(claims[p.a], claims[p.b])
        return nli_contradictions and p.similarity >= calibration.contradiction_similarity

    needs_nli = sorted(filter(nli_decides, pairs), key=lambda p: -p.similarity)[:nli_max_pairs]
    scores = _nli_scores(needs_nli, claims, nli)
    verdicts = []
    for pair in pairs:
        a, b = claims[pair.a], claims[pair.b]
        found = typed[(pair.a, pair.b)]
        if found is not None:
            verdicts.append(_discrepancy(a, b, pair.similarity, found, calibration))
            continue
        specifics = _share_specifics(a, b, pair.similarity)
        if pair.similarity < RELATED and (pair.a, pair.b) not in mutual and not specifics:
            continue
        if specifics and pair.similarity >= SCOPED_PLACE and not (a.partial_list or b.partial_list):
            verdicts.append(_agree_on_specifics(a, b, pair.similarity))
            continue
        verdicts.append(_agree_or_related(a, b, pair.similarity, scores.get((pair.a, pair.b)), calibration,
                                          (pair.a, pair.b) in mutual))
    verdicts = _with_tolls(verdicts, pairs, claims, vectors, calibration)
    reported = {v.claims for v in verdicts}
    link_claims: dict[str, Claim] = {}
    for pair in pairs:
        if pair.similarity < SAME_FACT:
            continue
        framing = causal.check(pair.a, pair.b, claims, vectors)
        if framing is not None and framing[0].claims not in reported:
            verdicts.append(framing[0])
            reported.add(framing[0].claims)
            for link in framing[1]:
                link_claims.setdefault(link.id, link)
    return verdicts, list(link_claims.values())


def _with_tolls(verdicts: list[Verdict], pairs: list[Pair], claims: list[Claim], vectors: np.ndarray,
                calibration: Calibration) -> list[Verdict]:
    """Add the tally check's discrepancies; one replaces an agree / related verdict on the same two claims."""
    flagged = {c for v in verdicts if v.verdict == "discrepancy" and v.discrepancy_type == "numeric" for c in v.claims}
    similarity = {(claims[p.a].id, claims[p.b].id): p.similarity for p in pairs}
    for a, b, found in tally.check(claims):
        if {a.id, b.id} <= flagged or any(v.claims == (a.id, b.id) and v.verdict == "discrepancy" for v in verdicts):
            continue
        shared = similarity.get((a.id, b.id), float(vectors[claims.index(a)] @ vectors[claims.index(b)]))
        verdicts = [v for v in verdicts if v.claims != (a.id, b.id)] + [_discrepancy(a, b, shared, found, calibration)]
    return verdicts


def _mutual_best(pairs: list[Pair], claims: list[Claim]) -> set[tuple[int, int]]:
    """Pairs whose claims are each other's closest candidate in the other's source."""
    best_for: dict[tuple[int, str], tuple[float, int]] = {}
    for p in pairs:
        for me, other in ((p.a, p.b), (p.b, p.a)):
            key = (me, claims[other].source)
            if key not in best_for or p.similarity > best_for[key][0]:
                best_for[key] = (p.similarity, other)
    return {(p.a, p.b) for p in pairs
            if best_for[(p.a, claims[p.b].source)][1] == p.b and best_for[(p.b, claims[p.a].source)][1] == p.a}


def _same_event(a: Claim, b: Claim) -> bool:
    """The same event verb, not counting verbs of saying: "X said …" and "Y said …" report different things."""
    return a.event == b.event and a.event not in SPEECH


def _share_specifics(a: Claim, b: Claim, similarity: float) -> bool:
    """Both give the same count of the same thing, or name the same resolved day for one event.

    A shared day alone is not one fact ("the quake hit at 4:30 p.m. Sunday" vs "the toll of Sunday's quake
    rose to 381"): the claims must also share their event or be about as close as one fact's wording.
    """
    days_a = {d for d, grain in a.dates if grain == "day"}
    days_b = {d for d, grain in b.dates if grain == "day"}
    counts_a = {(q.value, q.unit) for q in a.quantities if q.unit}
    counts_b = {(q.value, q.unit) for q in b.quantities if q.unit}
    same_day = bool(days_a & days_b) and (_same_event(a, b) or similarity >= SAME_FACT)
    return same_day or bool(counts_a & counts_b)


def _typed(a: Claim, b: Claim, similarity: float, mutual: bool) -> Optional[Discrepancy]:
    """A typed discrepancy between counterparts: mutual best matches, or claims nearly the same."""
    if a.place_scope and b.place_scope and similarity >= SCOPED_PLACE:
        found = location.check(a, b)
        if found is not None:
            return found
    comparable = similarity >= SAME_FACT or (
        similarity >= SAME_EVENT and (a.event == b.event or bool(set(a.entities) & set(b.entities))))
    if not comparable:
        return None
    if not (mutual or similarity >= NEAR_SAME):
        # A claim's closest match may agree with it while another claim gives a different count of the
        # same thing ("deaths rose to 273" vs "the death toll climbed to 250"): compare those counts too.
        return numeric.check(a, b) if similarity >= SAME_FACT and _count_same_thing(a, b) else None
    for check in TYPED_CHECKS:
        if check is attribution.check and similarity < SAME_SPEAKER_FACT:
            continue
        found = check(a, b)
        if found is not None:
            return found
    return None


def _count_same_thing(a: Claim, b: Claim) -> bool:
    units = {q.unit for q in a.quantities if q.unit} & {q.unit for q in b.quantities if q.unit}
    places_differ = bool(a.places) and bool(b.places) and not set(a.places) & set(b.places)
    return bool(units) and not places_differ and not (a.partial_list or b.partial_list)


def _nli_scores(pairs: list[Pair], claims: list[Claim], nli) -> dict[tuple[int, int], tuple[float, float]]:
    if not pairs:
        return {}
    premises = [claims[p.a].text for p in pairs] + [claims[p.b].text for p in pairs]
    hypotheses = [claims[p.b].text for p in pairs] + [claims[p.a].text for p in pairs]
    raw = nli.score(premises, hypotheses)
    n = len(pairs)
    return {(p.a, p.b): (float(raw[i]), float(raw[n + i])) for i, p in enumerate(pairs)}


def _discrepancy(a: Claim, b: Claim, similarity: float, found: Discrepancy,
                 calibration: Optional[Calibration] = None) -> Verdict:
    """The check's explanation as it is; its confidence as measured for its type where the calibration has one."""
    confidence = calibration.typed_confidence(found.type, found.confidence) if calibration else found.confidence
    return Verdict(claims=(a.id, b.id), verdict="discrepancy", discrepancy_type=found.type,
                   severity=_severity(found, a, b), confidence=confidence, explanation=found.explanation,
                   similarity=round(similarity, 4))


def _severity(found: Discrepancy, a: Claim, b: Claim) -> str:
    """A different count matters most in the story's lead; further down it is a detail."""
    if found.type == "numeric" and min(a.sentence, b.sentence) >= LEAD_SENTENCES:
        return "medium"
    return found.severity


def _agree_on_specifics(a: Claim, b: Claim, similarity: float) -> Verdict:
    shared = sorted({d for d, _ in a.dates} & {d for d, _ in b.dates}) or sorted(
        f"{q.text} {q.unit}" for q in a.quantities if (q.value, q.unit) in {(r.value, r.unit) for r in b.quantities})
    return Verdict(claims=(a.id, b.id), verdict="agree", discrepancy_type=None, severity=None,
                   confidence=round(min(0.9, 0.55 + similarity / 2), 3), similarity=round(similarity, 4),
                   explanation=f"Both give {', '.join(shared)}: {quote(a.text, 45)} ≈ {quote(b.text, 45)} "
                               f"(similarity {similarity:.2f}).")


def _different_figures(a: Claim, b: Claim) -> Optional[tuple[str, str]]:
    """The figures of a count both claims give with no value in common ("at least 26" vs "up to 33" people).

    A number whose unit the parse missed ("about 600 are missing") counts as a figure of the other's unit.
    """
    for unit in dict.fromkeys(q.unit for q in a.quantities + b.quantities if q.unit):
        of_a = [q for q in a.quantities if q.unit == unit] or [q for q in a.quantities if not q.unit]
        of_b = [q for q in b.quantities if q.unit == unit] or [q for q in b.quantities if not q.unit]
        if of_a and of_b and not {q.value for q in of_a} & {q.value for q in of_b}:
            return f"“{of_a[0].text}” {unit}", f"“{of_b[0].text}” {unit}"
    return None


def _agree_or_related(a: Claim, b: Claim, similarity: float, nli: Optional[tuple[float, float]],
                      calibration: Calibration, one_to_one: bool) -> Verdict:
    label, confidence = calibration.decide(similarity, nli)
    if label == "agree" and similarity < calibration.agree_similarity and not _same_event(a, b):
        one_to_one = False  # NLI support alone is weak (see models/cards); below the agree bar the event must match
    if label == "agree" and not date.dates_compatible(a, b):
        one_to_one = False  # "Tuesday's quake killed 25" is not "the 1985 quake killed 9,500"
    figures = _different_figures(a, b)
    if figures:
        one_to_one = False  # "at least 26 missing" and "up to 33 missing" may both hold, but they are not one fact
    if label != "related" and not one_to_one:
        label, confidence = "related", calibration.decide(min(similarity, calibration.support_similarity - 0.01), None)[1]
    shown = f"similarity {similarity:.2f}" + (f", NLI {max(nli):.2f}" if nli else "")
    if label == "discrepancy":
        return Verdict(claims=(a.id, b.id), verdict="discrepancy", discrepancy_type="other", severity="medium",
                       confidence=confidence, similarity=round(similarity, 4), nli=max(nli) if nli else None,
                       explanation=f"The NLI model reads {quote(b.text, 45)} as contradicting {quote(a.text, 45)} ({shown}).")
    if label == "agree":
        text = f"Both report the same fact: {quote(a.text, 45)} ≈ {quote(b.text, 45)} ({shown})."
    elif figures:
        text = (f"Different but compatible figures: {a.source} gives {figures[0]}, {b.source} gives {figures[1]}: "
                f"{quote(a.text, 45)} vs {quote(b.text, 45)} ({shown}).")
    else:
        text = f"Compatible but different detail: {quote(a.text, 45)} vs {quote(b.text, 45)} ({shown})."
    return Verdict(claims=(a.id, b.id), verdict=label, discrepancy_type=None, severity=None, confidence=confidence,
                   explanation=text, similarity=round(similarity, 4), nli=max(nli) if nli else None)
