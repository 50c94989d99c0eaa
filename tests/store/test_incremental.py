"""The store's cached pipeline: a re-run after an edit parses, decomposes, embeds and scores only what changed,
gives what a fresh run gives, and the store writes only the rows the edit changed."""
import contextlib
import copy
import dataclasses

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from service.payload import report_payload
from service.pipeline.core import Pipeline
from service.pipeline.extract import segment
from service.pipeline.types import Source
from service.store.incremental import cached_pipeline
from tests.store.conftest import post_article

EDIT = ("The ministry published a video", "The ministry later put out a short video")


def test_rerun_after_an_edit_recomputes_only_the_changed_parts(pipeline, seed_texts):
    from service.observability import metrics

    metrics.instrument_pipeline(pipeline)   # an instance-level run wrapper must not bypass the caches
    cached = cached_pipeline(pipeline, 4096)
    # NLI on near-identical pairs as well, so the NLI cache is exercised whatever the support band holds.
    cached.settings = dataclasses.replace(cached.settings, nli_contradictions=True)
    sources = [Source("A", seed_texts["A"]), Source("B", seed_texts["B"])]
    first = cached.run(sources)
    models = (cached.parser, cached.source_claims, cached.embedder, cached.nli)
    assert all(m.cache.misses > 0 for m in models), [m.cache.misses for m in models]
    first_nli = cached.nli.cache.misses
    for model in models:
        model.cache.hits = model.cache.misses = 0
    edited = [sources[0], Source("B", seed_texts["B"].replace(*EDIT))]
    again = cached.run(edited)
    # One block re-parsed; B's other blocks come from the parse cache, and A is not parsed at all.
    blocks = len(segment.content_blocks(edited[1].text))
    assert (cached.parser.cache.hits, cached.parser.cache.misses) == (blocks - 1, 1) and blocks >= 10
    assert (cached.source_claims.cache.hits, cached.source_claims.cache.misses) == (1, 1)   # B decomposed, A kept
    assert 0 < cached.embedder.cache.misses <= 3
    assert cached.nli.cache.misses <= first_nli / 4   # only pairs that involve the edited claims
    assert {c.text for c in again.claims} - {c.text for c in first.claims}

    # What the caches give is what a fresh run of the edited story gives, to the last digit.
    fresh = copy.copy(pipeline)   # the uncached models, with the cached copy's settings
    fresh.settings = cached.settings
    assert report_payload(again) == report_payload(Pipeline.run(fresh, edited))   # not the metrics wrapper's run


@contextlib.contextmanager
def written_rows():
    """(table, primary key, changed columns) of every row a flush inserts, changes or deletes meanwhile."""
    rows: list[tuple[str, tuple, frozenset]] = []

    def key(obj) -> tuple:
        return tuple(inspect(obj).mapper.primary_key_from_instance(obj))

    def record(session, _context):
        for obj in session.new:
            rows.append((obj.__tablename__, key(obj), frozenset({"(new)"})))
        for obj in session.deleted:
            rows.append((obj.__tablename__, key(obj), frozenset({"(deleted)"})))
        for obj in session.dirty:
            changed = frozenset(a.key for a in inspect(obj).attrs if a.history.has_changes())
            if changed:
                rows.append((obj.__tablename__, key(obj), changed))

    event.listen(Session, "after_flush", record)
    try:
        yield rows
    finally:
        event.remove(Session, "after_flush", record)


def test_an_edited_repost_writes_only_the_rows_the_edit_changed(store_app, cms, seed_texts):
    from service.store import db
    from service.store.models import Article, Claim

    assert post_article(cms, "incremental", "A", seed_texts["A"]).status_code == 201
    first = post_article(cms, "incremental", "B", seed_texts["B"]).get_json()
    with written_rows() as rows:
        edit = post_article(cms, "incremental", "B", seed_texts["B"].replace(*EDIT))
    assert edit.status_code == 201, edit.get_json()
    edit = edit.get_json()
    with store_app.app_context():
        session = db.session()
        outlet_of = dict(session.query(Claim.id, Claim.outlet).filter(Claim.story_id == "incremental"))
        articles = {a.id: a for a in session.query(Article).filter(Article.story_id == "incremental")}
    new_article = edit["id"]
    by_table: dict[str, list] = {}
    for table, key, changed in rows:
        by_table.setdefault(table, []).append((key, changed))
    # Nothing of the unchanged article A: not its article row, its claims or their links.
    assert {outlet_of[key[0]] for key, _ in by_table.get("claims", [])} == {"B"}
    assert {key[0] for key, _ in by_table.get("article_claims", [])} == {new_article}
    assert [key[0] for key, _ in by_table["articles"]] == [new_article]
    assert articles[new_article].outlet == "B" and articles[new_article].version == 2
    # B's claims: a new row only for a new text, the one that went inactive, the rest moved to version 2.
    inserted = {key[0] for key, changed in by_table["claims"] if "(new)" in changed}
    assert inserted == set(edit["claims"]) - set(first["claims"]) and inserted
    assert not any("(deleted)" in changed for rows_ in by_table.values() for _, changed in rows_)
    for key, changed in by_table["claims"]:
        assert changed <= {"(new)", "last_article_id", "detail", "active"}, (key, changed)
    # The findings stand as they were: none of their rows, nor their triage items, is written.
    assert set(by_table) - {"claim_vectors"} == {"articles", "claims", "article_claims", "stories", "audit_log"}


def test_a_small_embedding_call_runs_on_one_torch_thread_and_restores_the_count(pipeline, monkeypatch):
    import torch

    from service.store.incremental import SMALL_BATCH

    cached = cached_pipeline(pipeline, 4096)
    inner = cached.embedder.inner
    seen = []
    real = inner.encode
    monkeypatch.setattr(inner, "encode", lambda texts, **kw: seen.append((len(texts), torch.get_num_threads()))
                        or real(texts, **kw))
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        cached.embedder.encode([f"Claim number {i} of a small call" for i in range(SMALL_BATCH)])
        cached.embedder.encode([f"Claim number {i} of a large call" for i in range(SMALL_BATCH + 1)])
        assert seen == [(SMALL_BATCH, 1), (SMALL_BATCH + 1, 2)] and torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)
