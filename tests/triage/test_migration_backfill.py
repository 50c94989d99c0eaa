"""Migration 0004 on a store with queue items from before it (SQLite and PostgreSQL): their outlets and search text
are filled from their findings' claims, so the queue's outlet filter and search find them too."""
from sqlalchemy import create_engine, text

from service.store.db import downgrade, upgrade

NOW = "2026-12-01 10:00:00+00:00"


def test_items_stored_before_0004_get_their_outlets_and_search_text(database_url):
    upgrade(database_url, "0003")
    engine = create_engine(database_url)
    try:
        with engine.begin() as c:
            c.execute(text("INSERT INTO stories (id, created_at) VALUES ('s', :t)"), {"t": NOW})
            for article_id, outlet in ((1, "Outlet A"), (2, "Outlet B")):
                c.execute(text("INSERT INTO articles (id, story_id, outlet, version, text, text_sha256, created_at) "
                               "VALUES (:i, 's', :o, 1, 'x', 'x', :t)"), {"i": article_id, "o": outlet, "t": NOW})
            for claim_id, outlet, article_id, words in (("cl_a", "Outlet A", 1, "Belarus freed 52 Prisoners"),
                                                        ("cl_b", "Outlet B", 2, "Belarus freed 25 prisoners")):
                c.execute(text("INSERT INTO claims (id, story_id, outlet, text, first_article_id, last_article_id, "
                               "detail, active) VALUES (:i, 's', :o, :w, :a, :a, '{}', true)"),
                          {"i": claim_id, "o": outlet, "w": words, "a": article_id})
            c.execute(text("INSERT INTO findings (id, story_id, signature, type, severity, confidence, explanation, "
                           "claim_ids, status, opened_by_article_id, created_at) VALUES (1, 's', 'fd_x', 'numeric', "
                           "'high', 0.9, 'The counts differ.', :ids, 'open', 2, :t)"),
                      {"ids": '["cl_a", "cl_b"]', "t": NOW})
            c.execute(text("INSERT INTO triage_items (id, finding_id, story_id, type, severity_rank, confidence, "
                           "status, version, created_at, updated_at) VALUES (1, 1, 's', 'numeric', 3, 0.9, 'open', 1, "
                           ":t, :t)"), {"t": NOW})
        upgrade(database_url)
        with engine.connect() as c:
            outlets = c.execute(text("SELECT outlet FROM triage_item_outlets WHERE triage_item_id = 1 "
                                     "ORDER BY outlet")).scalars().all()
            search = c.execute(text("SELECT search_text FROM triage_items WHERE id = 1")).scalar()
        assert outlets == ["Outlet A", "Outlet B"]
        assert search == "belarus freed 52 prisoners belarus freed 25 prisoners the counts differ."
    finally:
        engine.dispose()
    downgrade(database_url, "0003")   # and back: 0004 leaves nothing behind
    upgrade(database_url)
