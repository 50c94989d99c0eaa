"""Typed checks on one aligned claim pair. Each returns a Discrepancy or None, with its own explanation."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Discrepancy:
    type: str
    severity: str
    confidence: float
    explanation: str


def quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[:limit - 1] + '…'}”"
