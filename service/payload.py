"""A pipeline Report as the plain dict the /v1/compare contract describes (also written by the batch CLI)."""
from __future__ import annotations

from service.pipeline.types import Report


def report_payload(report: Report) -> dict:
    text_of = {c.id: c.statement or c.text for c in report.claims}
    return {
        "claims": [
            {"id": c.id, "source": c.source, "text": c.text, "statement": c.statement or c.text,
             "span": [list(s) for s in c.spans], "role": c.role,
             "modality": c.modality, "negated": c.negated, "speaker": c.speaker or None, "reported": c.reported,
             "refers_to": [{"text": t, "name": n} for t, n in c.refers_to],
             "dates": [d for d, _ in c.dates], "entities": list(c.entities)}
            for c in report.claims
        ],
        "facts": [{"id": f.id, "claims": list(f.claims), "sources": list(f.sources), "text": f.text,
                   "mentions": list(f.mentions)} for f in report.facts],
        "matches": [
            {"claims": list(m.claims), "verdict": m.verdict, "confidence": m.confidence, "explanation": m.explanation,
             **({"type": m.discrepancy_type, "severity": m.severity, "finding": m.finding}
                if m.verdict == "discrepancy" else {})}
            for m in report.matches
        ],
        "unique": [{"claim": u.claim, "missing_from": list(u.missing_from)} for u in report.unique],
        "findings": [
            {"id": f.id, "facts": list(f.facts), "type": f.type, "slot": f.slot, "severity": f.severity,
             "confidence": f.confidence, "low_confidence": f.low_confidence, "explanation": f.explanation,
             "positions": [{"value": p.value, "sources": list(p.sources), "claims": list(p.claims),
                            "texts": [text_of[c] for c in p.claims]} for p in f.positions]}
            for f in report.findings
        ],
    }
