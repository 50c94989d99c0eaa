"""A long pair of posts opens one triage item per queued finding, never one per claim pair (issue 13: one pair of
long posts once opened over 1,100 items). SQLite and PostgreSQL, through POST /v1/articles."""
from __future__ import annotations

import importlib.util
from datetime import date

from sqlalchemy import select

from service.pipeline.types import Source
from service.store import db
from service.store.models import Claim, Finding, TriageItem
from tests.conftest import ROOT, SHARED
from tests.store.conftest import post_article

PUBLISHED = "2025-09-15"
# One storm, six figures the two outlets disagree on, each stated in three wordings (distinct sentences, so distinct
# claims): (wordings, outlet A's figure, outlet B's figure).
DISPUTED = [
    (("At least {} people were killed when the storm hit the coast on Monday.",
      "The storm killed at least {} people along the coast, officials said.",
      "Rescuers said {} people died as the storm swept through the region."), 14, 23),
    (("Authorities evacuated {} residents from low-lying districts before the storm.",
      "About {} people were moved out of their homes near the river.",
      "Police said {} residents had left the flooded villages by Monday evening."), 3200, 5800),
    (("The government pledged {} million euros in emergency aid for the region.",
      "Ministers approved an aid package of {} million euros on Tuesday.",
      "The finance ministry said {} million euros would go to rebuilding roads and schools."), 40, 75),
    (("The storm left {} homes without electricity across the province.",
      "Power was cut to {} households after lines came down.",
      "The grid operator said {} customers were still without power on Tuesday."), 120000, 86000),
    (("Winds reached {} kilometres per hour at the coast.",
      "Gusts of up to {} kilometres per hour were recorded at the harbour.",
      "The weather service measured wind speeds of {} kilometres per hour."), 140, 180),
    (("Airlines cancelled {} flights at the city's airport on Monday.",
      "The airport said {} flights had been cancelled because of the storm.",
      "In all, {} flights were cancelled as the storm closed the runways."), 210, 340),
]


def bench_module():
    spec = importlib.util.spec_from_file_location("big_story", ROOT / "bench" / "big_story.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def long_text(side: int, chars: int = 12_500) -> str:
    """The storm's disputed sentences (side 0 gives outlet A's figures, 1 outlet B's, in another order of
    wordings), then bench/big_story.py's big_text over one seed article and the Poland drones cluster (the other
    seed and the cluster in reverse order for B), cut at a paragraph break: about 13.5k characters in all."""
    sentences = [wordings[(k + side) % 3].format(f"{(a, b)[side]:,}") for k in range(3)
                 for wordings, a, b in DISPUTED]
    storm = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
    seeds = [p.read_text(encoding="utf-8").strip() for p in sorted((SHARED / "seeds").glob("*.txt"))]
    cluster = [p.read_text(encoding="utf-8").strip()
               for p in sorted((SHARED / "eval" / "clusters" / "poland-drones-2025-09-10").glob("*.txt"))]
    bench = bench_module()
    bench.article_texts = lambda: [seeds[side]] + (cluster if side == 0 else cluster[::-1])
    return "\n\n".join(storm + [bench.big_text(chars)])


def test_a_long_pair_opens_one_item_per_queued_finding(store_app, store_pipeline, cms, reviewer):
    texts = {"A": long_text(0), "B": long_text(1)}
    assert all(12_000 < len(t) < 15_000 for t in texts.values())
    first = post_article(cms, "storm", "A", texts["A"], published_at=PUBLISHED)
    second = post_article(cms, "storm", "B", texts["B"], published_at=PUBLISHED)
    assert first.status_code == 201 and second.status_code == 201, (first.get_json(), second.get_json())

    # The story as the store ran it (the cached pipeline: each article's claims are not extracted again).
    report = store_pipeline.run([Source(o, t, date(2025, 9, 15), o) for o, t in texts.items()])
    assert len(report.claims) >= 250                                   # hundreds of claims, ...
    queued = {f.id for f in report.findings if not f.low_confidence}
    assert any(f.low_confidence for f in report.findings)              # ... some findings kept out of the queue

    with store_app.app_context():
        session = db.session()
        assert len(session.scalars(select(Claim.id).where(Claim.story_id == "storm")).all()) == len(report.claims)
        items = session.scalars(select(TriageItem).where(TriageItem.story_id == "storm")).all()
        finding_of = {i.finding_id: i.finding.signature for i in items}
        values = [" ".join(p["value"] for p in i.finding.positions) for i in items]
        stored = session.scalars(select(Finding.signature).where(Finding.story_id == "storm")).all()
    assert len(finding_of) == len(items)                               # each item its own finding
    assert sorted(finding_of.values()) == sorted(stored) == sorted(queued)   # one item per queued finding
    print(f"{len(report.claims)} claims, {len(report.findings)} findings, {len(items)} triage items")
    assert 6 <= len(items) <= 30, len(items)                           # few, never one per claim pair
    assert {f["id"] for f in first.get_json()["findings"] + second.get_json()["findings"]} == set(finding_of)

    queue = reviewer.get("/v1/triage", query_string={"story": "storm", "per_page": 200}).get_json()
    assert queue["total"] == len(items)
    assert sorted(i["finding"]["id"] for i in queue["items"]) == sorted(finding_of)
    for _, a, b in DISPUTED:   # every disputed figure is in the queue, each side's value in one item
        assert any(f"{a:,}" in v and f"{b:,}" in v for v in values), (a, b, values)
