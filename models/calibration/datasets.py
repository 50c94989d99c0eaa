"""The labelled pair files that ../shared/data/fetch.py writes, sampled and split by a fixed seed.

Pairs that share a premise (VitaminC's contrastive edits, the two summaries of one article) always
land on the same side of the split, so nothing fitted has seen a held-out premise.
"""
from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[2] / ".data"
SEED = 20250915
HELD_OUT_SHARE = 0.5

# Gold label → the verdict the service should give for that pair.
EXPECTED_VERDICT = {
    "vitaminc": {"supported": "agree", "refuted": "discrepancy", "nei": "related"},
    "presupposition_nli": {"entailment": "agree", "contradiction": "discrepancy", "neutral": "related"},
    "news_summary_faith": {"faithful": "agree", "unfaithful": "not-agree"},
    "halueval_summ": {"faithful": "agree", "unfaithful": "not-agree"},
    "adhoc": {"supported": "agree", "refuted": "discrepancy", "nei": "related"},
}
SAMPLE_SIZES = {"vitaminc": 2000, "news_summary_faith": 1188, "presupposition_nli": 735, "halueval_summ": 100}


@dataclass(frozen=True)
class LabelledPair:
    file: str
    id: str
    premise: str
    hypothesis: str
    label: str
    part: str          # fit | held-out

    @property
    def expected(self) -> str:
        return EXPECTED_VERDICT[self.file][self.label]


def premise_group(file: str, premise: str) -> str:
    if file == "vitaminc":
        return premise.split(":", 1)[0]          # the Wikipedia page title
    return premise[:200]


def part_of(group: str, seed: int = SEED) -> str:
    digest = hashlib.sha256(f"{seed}:{group}".encode("utf-8")).digest()
    return "held-out" if digest[0] / 256 < HELD_OUT_SHARE else "fit"


def load_sample(file: str, size: int | None = None, seed: int = SEED,
                data_dir: Path = DATA_DIR) -> list[LabelledPair]:
    """A fixed random sample of one file, each pair tagged with its side of the group split."""
    path = data_dir / f"{file}.jsonl"
    if not path.exists():
        raise FileNotFoundError(f"[FC020] {path} is missing; run `python3 ../shared/data/fetch.py .data`")
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    size = SAMPLE_SIZES[file] if size is None else size
    if size < len(rows):
        rows = random.Random(seed).sample(rows, size)
    return [LabelledPair(file, r["id"], r["premise"], r["hypothesis"], r["label"],
                         part_of(premise_group(file, r["premise"]), seed)) for r in rows]
