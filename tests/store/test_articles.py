"""POST /v1/articles through the real pipeline, on SQLite and PostgreSQL: findings, idempotence, edits."""
from sqlalchemy import func, select

from service.store import db
from service.store.models import Article, ArticleClaim, Claim, Finding, TriageItem
from tests.store.conftest import post_article

EDITED_PARAGRAPH = ("The ministry published a video showing two American officers in uniform thanking Khrenin "
                    "for the invitation and shaking his hand.")


def count(app, model, *where):
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(model).where(*where))


def post_seeds(cms, seed_texts, story="zapad"):
    first = post_article(cms, story, "eurointegration", seed_texts["A"])
    second = post_article(cms, story, "unn", seed_texts["B"], url="https://example.org/unn/zapad")
    assert first.status_code == 201, first.get_json()
    assert second.status_code == 201, second.get_json()
    return first.get_json(), second.get_json()


def test_seed_pair_opens_a_causal_triage_item_and_reposting_changes_nothing(store_app, cms, reviewer, seed_texts):
    first, second = post_seeds(cms, seed_texts)
    assert first["version"] == 1 and first["claims"] and first["findings"] == []   # nothing to compare yet
    assert any(f["type"] == "causal" for f in second["findings"])
    queue = reviewer.get("/v1/triage").get_json()
    assert any(item["type"] == "causal" and item["status"] == "open" for item in queue["items"])
    items, claims, articles = count(store_app, TriageItem), count(store_app, Claim), count(store_app, Article)

    again = post_article(cms, "zapad", "unn", seed_texts["B"], url="https://example.org/unn/zapad")
    assert again.status_code == 200
    body = again.get_json()
    assert body["created"] is False and body["id"] == second["id"] and body["findings"] == []
    assert sorted(body["claims"]) == sorted(second["claims"])
    assert (count(store_app, TriageItem), count(store_app, Claim), count(store_app, Article)) == (items, claims, articles)


def test_an_edit_keeps_unchanged_claim_ids_and_the_findings_that_still_hold(store_app, cms, seed_texts):
    _, second = post_seeds(cms, seed_texts)
    edited = seed_texts["B"].replace(EDITED_PARAGRAPH, "The ministry later released footage of the officers at "
                                                       "the training ground, which observers described as staged.")
    assert edited != seed_texts["B"]
    response = post_article(cms, "zapad", "unn", edited)
    assert response.status_code == 201
    body = response.get_json()
    assert body["version"] == 2 and body["id"] != second["id"]
    kept = set(body["claims"]) & set(second["claims"])
    assert len(kept) >= len(second["claims"]) - 3, "only the edited paragraph's claims may get new ids"
    assert set(body["claims"]) - set(second["claims"]), "the new paragraph's claims get new ids"
    causal = [f for f in second["findings"] if f["type"] == "causal"][0]
    assert causal["id"] not in body["closed_findings"]
    assert not any(f["type"] == "causal" for f in body["findings"]), "the causal finding is not opened twice"
    with store_app.app_context():
        session = db.session()
        assert session.get(Finding, causal["id"]).status == "open"
        versions = session.scalars(select(Article.version).where(Article.outlet == "unn")).all()
        assert sorted(versions) == [1, 2]   # every version is kept
        old_links = session.scalar(select(func.count()).select_from(ArticleClaim)
                                   .where(ArticleClaim.article_id == second["id"]))
        assert old_links == len(second["claims"])


def test_an_edit_that_drops_the_causal_framing_closes_its_finding_and_triage_item(store_app, cms, reviewer,
                                                                                   seed_texts):
    _, second = post_seeds(cms, seed_texts)
    causal = [f for f in second["findings"] if f["type"] == "causal"][0]
    edited = seed_texts["B"].replace("In response, the US lifted", "Separately, the US lifted")
    assert edited != seed_texts["B"]
    body = post_article(cms, "zapad", "unn", edited).get_json()
    assert causal["id"] in body["closed_findings"]
    with store_app.app_context():
        assert db.session().get(Finding, causal["id"]).status == "closed"
        item = db.session().scalar(select(TriageItem).where(TriageItem.finding_id == causal["id"]))
        assert item.status == "closed"
    open_types = [i["type"] for i in reviewer.get("/v1/triage").get_json()["items"]]
    assert "causal" not in open_types
    story = reviewer.get("/v1/stories/zapad").get_json()
    assert [a["version"] for a in story["articles"] if a["outlet"] == "unn"] == [1, 2]
    assert {c["id"] for c in story["claims"]} >= set(body["claims"])
    assert any(f["id"] == causal["id"] and f["status"] == "closed" for f in story["findings"])


def test_a_confirmed_finding_keeps_its_item_and_decision_after_an_unrelated_edit(store_app, cms, reviewer, seed_texts):
    _, second = post_seeds(cms, seed_texts)
    causal = [f for f in second["findings"] if f["type"] == "causal"][0]
    item = next(i for i in reviewer.get("/v1/triage").get_json()["items"] if i["finding"]["id"] == causal["id"])
    decided = reviewer.post(f"/v1/triage/{item['id']}/decision", json={"decision": "confirm"})
    assert decided.status_code == 200, decided.get_json()
    items = count(store_app, TriageItem)

    edited = seed_texts["B"].replace(EDITED_PARAGRAPH, "The ministry later released footage of the officers.")
    body = post_article(cms, "zapad", "unn", edited).get_json()
    assert causal["id"] not in body["closed_findings"]
    assert not any(f["type"] == "causal" for f in body["findings"]), "the confirmed finding is not opened anew"
    with store_app.app_context():
        finding = db.session().get(Finding, causal["id"])
        assert (finding.status, finding.review) == ("open", "confirmed")
        kept = db.session().scalar(select(TriageItem).where(TriageItem.finding_id == causal["id"]))
        assert kept.status == "confirmed"
    assert count(store_app, TriageItem) <= items + len(body["findings"])


def test_reposting_the_same_text_with_corrected_metadata_updates_it_and_says_so(store_app, cms):
    from service.api.examples import COMPARE_REQUEST

    text_a, text_b = (s["text"] for s in COMPARE_REQUEST["sources"])
    assert post_article(cms, "fix", "a", text_a).status_code == 201
    first = post_article(cms, "fix", "b", text_b, url="https://example.org/wrong").get_json()
    assert first["updated"] is False

    url_fixed = post_article(cms, "fix", "b", text_b, url="https://example.org/right")
    assert url_fixed.status_code == 200
    body = url_fixed.get_json()
    assert (body["created"], body["updated"], body["id"], body["version"]) == (False, True, first["id"], 1)
    assert body["url"] == "https://example.org/right"

    date_fixed = post_article(cms, "fix", "b", text_b, published_at="2025-09-16")
    assert date_fixed.status_code == 201   # dates in the text read against it: a new version, re-checked
    body = date_fixed.get_json()
    assert (body["created"], body["updated"], body["version"]) == (True, True, 2)
    assert body["published_at"] == "2025-09-16" and body["url"] == "https://example.org/right"
    assert sorted(body["claims"]) == sorted(first["claims"])   # same text, same claim ids

    same = post_article(cms, "fix", "b", text_b, published_at="2025-09-16").get_json()
    assert (same["created"], same["updated"]) == (False, False)
    story = cms.get("/v1/stories/fix").get_json()
    latest = [a for a in story["articles"] if a["outlet"] == "b" and a["latest"]]
    assert [(a["version"], a["url"], a["published_at"]) for a in latest] == [(2, "https://example.org/right",
                                                                                "2025-09-16")]
