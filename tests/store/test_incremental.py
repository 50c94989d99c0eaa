"""The store's cached pipeline: a re-run after an edit parses, embeds and scores only what changed."""
import dataclasses

from service.pipeline.types import Source
from service.store.incremental import cached_pipeline


def test_rerun_after_an_edit_recomputes_only_the_changed_parts(pipeline, seed_texts):
    from service.observability import metrics

    metrics.instrument_pipeline(pipeline)   # an instance-level run wrapper must not bypass the caches
    cached = cached_pipeline(pipeline, 4096)
    # NLI on near-identical pairs as well, so the NLI cache is exercised whatever the support band holds.
    cached.settings = dataclasses.replace(cached.settings, nli_contradictions=True)
    sources = [Source("A", seed_texts["A"]), Source("B", seed_texts["B"])]
    first = cached.run(sources)
    models = (cached.parser, cached.embedder, cached.nli)
    assert all(m.cache.misses > 0 for m in models), [m.cache.misses for m in models]
    first_nli = cached.nli.cache.misses
    for model in models:
        model.cache.hits = model.cache.misses = 0
    edited = seed_texts["B"].replace("The ministry published a video", "The ministry later put out a short video")
    again = cached.run([sources[0], Source("B", edited)])
    assert cached.parser.cache.misses == 1 and cached.parser.cache.hits > 10   # one block re-parsed
    assert 0 < cached.embedder.cache.misses <= 3
    assert cached.nli.cache.misses <= first_nli / 4   # only pairs that involve the edited claims
    assert {c.text for c in again.claims} - {c.text for c in first.claims}
    assert [m.discrepancy_type for m in again.matches if m.verdict == "discrepancy"] == \
        [m.discrepancy_type for m in first.matches if m.verdict == "discrepancy"]
