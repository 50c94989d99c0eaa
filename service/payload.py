"""A pipeline Report as the plain dict the /v1/compare contract describes (also written by the batch CLI)."""
from __future__ import annotations

from service.pipeline.types import Report


def report_payload(report: Report) -> dict:
    return {
        "claims": [
            {"id": c.id, "source": c.source, "text": c.text, "statement": c.statement or c.text,
             "span": [list(s) for s in c.spans], "role": c.role,
             "modality": c.modality, "negated": c.negated, "speaker": c.speaker or None, "reported": c.reported,
             "refers_to": [{"text": t, "name": n} for t, n in c.refers_to],
             "dates": [d for d, _ in c.dates], "entities": list(c.entities)}
            for c in report.claims
        ],
        "matches": [
            {"claims": list(m.claims), "verdict": m.verdict, "confidence": m.confidence, "explanation": m.explanation,
             **({"type": m.discrepancy_type, "severity": m.severity} if m.verdict == "discrepancy" else {})}
            for m in report.matches
        ],
        "unique": [{"claim": u.claim, "missing_from": list(u.missing_from)} for u in report.unique],
        "findings": [
            {"type": f.type, "severity": f.severity, "confidence": f.confidence, "explanation": f.explanation,
             "positions": [{"source": p.source, "claims": list(p.claims)} for p in f.positions]}
            for f in report.findings
        ],
    }
