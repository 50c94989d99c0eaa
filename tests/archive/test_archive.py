"""The persistent index on both stores: crash-heal, model mismatch and rebuild, two hosts, late commits."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from service.archive.index import IndexMismatch
from service.store.models import Claim, ClaimVector
from tests.archive.conftest import make_app
from tests.store.conftest import post_article


def search_texts(app, keys, text, k=3):
    client = app.test_client()
    response = client.get("/v1/claims/search", query_string={"q": text, "k": k},
                          headers={"Authorization": f"Bearer {keys['cms']}"})
    assert response.status_code == 200, response.get_json()
    return [r["text"] for r in response.get_json()["results"]]


def stored_claims(app):
    with app.extensions["factcheck.db"]() as session:
        return list(session.scalars(select(Claim.text).order_by(Claim.id)))


def test_every_committed_claim_has_a_vector_and_a_later_start_catches_up(
        archive_app, cms, keys, seed_texts, pipeline, store_pipeline, database_url, index_file):
    assert post_article(cms, "zapad", "A", seed_texts["A"]).status_code == 201
    texts = stored_claims(archive_app)
    with archive_app.extensions["factcheck.db"]() as session:
        assert len(session.scalars(select(ClaimVector.seq)).all()) == len(texts)
    # The file was written at start, before the post (a crash before the next save leaves it so): the next start
    # reads the file and catches up from the database.
    restarted = make_app(pipeline, store_pipeline, database_url, index_file)
    assert restarted.extensions["factcheck.archive"].index.count == len(texts)
    assert search_texts(restarted, keys, texts[3], k=1) == [texts[3]]


def test_two_hosts_with_their_own_files_see_each_others_posts(
        archive_app, cms, keys, seed_texts, pipeline, store_pipeline, database_url, tmp_path):
    other = make_app(pipeline, store_pipeline, database_url, tmp_path / "other-host.faiss")
    assert search_texts(other, keys, "Zapad exercises") == []
    post_article(cms, "zapad", "A", seed_texts["A"])
    text = stored_claims(archive_app)[0]
    assert search_texts(other, keys, text, k=1) == [text]   # caught up before answering


def test_a_file_of_another_database_is_not_trusted(archive_app, cms, seed_texts, pipeline, store_pipeline,
                                                   index_file, tmp_path):
    post_article(cms, "zapad", "A", seed_texts["A"])
    archive_app.extensions["factcheck.archive"].index.save(index_file)
    fresh = make_app(pipeline, store_pipeline, f"sqlite:///{tmp_path / 'fresh.db'}", index_file)
    assert fresh.extensions["factcheck.archive"].index.count == 0


def test_another_model_stops_the_start_until_rebuild(archive_app, cms, keys, seed_texts, pipeline, store_pipeline,
                                                     database_url, index_file, monkeypatch):
    post_article(cms, "zapad", "A", seed_texts["A"])
    maker = archive_app.extensions["factcheck.db"]
    with maker() as session:
        session.execute(update(ClaimVector).values(model="old-model@abc/384"))
        session.commit()
    with pytest.raises(IndexMismatch, match=r"FC040.*rows in the database.*old-model@abc/384.*factcheck index rebuild"):
        make_app(pipeline, store_pipeline, database_url, index_file)

    from service.cli import cli

    monkeypatch.setenv("FACTCHECK_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTCHECK_ARCHIVE_INDEX_PATH", str(index_file))
    result = CliRunner().invoke(cli, ["index", "rebuild"])
    assert result.exit_code == 0, result.output
    texts = stored_claims(archive_app)
    assert result.stdout.startswith(f"{len(texts)} claims, flat index")
    with maker() as session:
        assert set(session.scalars(select(ClaimVector.model))) == {archive_app.extensions["factcheck.archive"].stamp.key}
    healed = make_app(pipeline, store_pipeline, database_url, index_file)
    assert search_texts(healed, keys, texts[2], k=1) == [texts[2]]

    found = CliRunner().invoke(cli, ["search", texts[2], "-k", "2"])
    assert found.exit_code == 0, found.output
    first = found.stdout.splitlines()[0].split("\t")
    assert float(first[0]) > 0.99 and first[1:3] == ["zapad", "A"] and first[4] == texts[2]


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)   # SQLite serializes writers: in order
def test_a_late_commit_is_not_skipped(archive_app, cms, seed_texts, database_url):
    """PostgreSQL hands out sequence numbers before commit: a row committed after a later one is still read."""
    assert database_url.startswith("postgresql")
    post_article(cms, "zapad", "A", seed_texts["A"])
    archive = archive_app.extensions["factcheck.archive"]
    engine = archive_app.extensions["factcheck.db"].kw["bind"]
    with Session(engine) as session:
        claim_ids = list(session.scalars(select(Claim.id).order_by(Claim.id)))
        vectors = {c: v for c, v in session.execute(select(ClaimVector.claim_id, ClaimVector.vector))}
        session.execute(ClaimVector.__table__.delete().where(ClaimVector.claim_id.in_(claim_ids[:2])))
        session.commit()
    slow, fast = Session(engine), Session(engine)
    try:
        late = ClaimVector(claim_id=claim_ids[0], model=archive.stamp.key, vector=vectors[claim_ids[0]])
        slow.add(late)
        slow.flush()                                 # takes a number, not committed
        fast.add(ClaimVector(claim_id=claim_ids[1], model=archive.stamp.key, vector=vectors[claim_ids[1]]))
        fast.commit()                                # a higher number, committed first
        with Session(engine) as reader:
            archive.catch_up(reader)
        assert late.seq in archive.index.gaps and archive.index.high > late.seq
        slow.commit()
        with Session(engine) as reader:
            archive.catch_up(reader)
        assert late.seq not in archive.index.gaps
        from service.archive.vectors import from_bytes

        query = from_bytes([vectors[claim_ids[0]]], archive.stamp.dimension)
        assert late.seq in set(archive.index.search(query, 3)[1][0].tolist())   # the late row is in the index
    finally:
        slow.close()
        fast.close()


def test_a_joined_causal_claim_takes_its_parts_mean_and_a_post_embeds_nothing_after_its_run(
        archive_app, cms, seed_texts, store_pipeline, monkeypatch):
    import numpy as np

    from service.archive.vectors import from_bytes

    assert post_article(cms, "zapad", "A", seed_texts["A"]).status_code == 201
    # Count the embedder's calls past the story's run: storing the vectors and finding prior reviews.
    calls = []
    real_run = store_pipeline.run

    def run_then_count(sources):
        report = real_run(sources)
        inner = store_pipeline.embedder.inner
        monkeypatch.setattr(inner, "encode", lambda texts, **kw: calls.append(list(texts)) or real_encode(texts, **kw))
        return report

    real_encode = store_pipeline.embedder.inner.encode
    monkeypatch.setattr(store_pipeline, "run", run_then_count)
    assert post_article(cms, "zapad", "B", seed_texts["B"]).status_code == 201
    assert calls == []
    with archive_app.extensions["factcheck.db"]() as session:
        rows = session.execute(select(Claim, ClaimVector.vector).join(ClaimVector, ClaimVector.claim_id == Claim.id)
                               .where(Claim.story_id == "zapad")).all()
    links = [(c, v) for c, v in rows if c.detail.get("role") == "link"]
    assert links   # the seed pair's causal findings join claims
    for link, vector in links:
        parts = [from_bytes([v], 384)[0] for c, v in rows if c.outlet == link.outlet and c.id != link.id
                 and c.detail.get("role") != "link"
                 and any(s < e2 and s2 < e for s, e in link.detail["span"] for s2, e2 in c.detail["span"])]
        mean = np.mean(parts, axis=0)
        assert parts and np.allclose(from_bytes([vector], 384)[0], mean / np.linalg.norm(mean), atol=1e-6)
