"""NLI scores cached on disk under .data/, so refitting and re-evaluating cost no model time."""
from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Optional


def _key(premise: str, hypothesis: str) -> str:
    return hashlib.sha1(f"{premise}\x00{hypothesis}".encode("utf-8")).hexdigest()


class CachedNli:
    def __init__(self, nli, path: Optional[Path] = None):
        self.nli = nli
        self.path = path
        self.scores: dict[str, float] = {}
        if path is not None and path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                key, score = json.loads(line)
                self.scores[key] = score

    def score_all(self, pairs: list[tuple[str, str]], chunk: int = 256) -> None:
        """Score every (premise, hypothesis) not cached yet, appending to the cache as it goes."""
        missing = list(dict.fromkeys(p for p in pairs if _key(*p) not in self.scores))
        started = time.perf_counter()
        for i in range(0, len(missing), chunk):
            batch = missing[i:i + chunk]
            raw = self.nli.score([p for p, _ in batch], [h for _, h in batch])
            fresh = {_key(*pair): float(score) for pair, score in zip(batch, raw)}
            self.scores.update(fresh)
            if self.path is None:
                continue
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.writelines(json.dumps([k, v]) + "\n" for k, v in fresh.items())
            print(f"  nli {min(i + chunk, len(missing))}/{len(missing)} "
                  f"({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)

    def __call__(self, premise: str, hypothesis: str) -> float:
        return self.scores[_key(premise, hypothesis)]
