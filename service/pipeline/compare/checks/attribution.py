"""Who said it: a person in one source, an organisation (or another person) in the other."""
from __future__ import annotations

from typing import Optional

from service.pipeline.compare.checks import Check, Discrepancy, register
from service.pipeline.extract.normalize import entity_key, same_name
from service.pipeline.types import Claim

NAMED = {"person", "organisation"}


def check(a: Claim, b: Claim) -> Optional[Discrepancy]:
    if a.speaker_kind not in NAMED or b.speaker_kind not in NAMED or not a.speaker or not b.speaker:
        return None
    if a.speaker_kind == b.speaker_kind:
        return None
    if same_name(entity_key(a.speaker), entity_key(b.speaker)):
        return None
    return Discrepancy("attribution", "low", 0.7,
                       f"{a.source} attributes it to {a.speaker} ({a.speaker_kind}); "
                       f"{b.source} to {b.speaker} ({b.speaker_kind}).")


CHECK = register(Check(name="attribution", type="attribution", slot="speaker", severity="low", order=60, compare=check,
                           value=lambda c: f"{c.speaker} ({c.speaker_kind})" if c.speaker and c.speaker_kind else "", same_statement=True))
