"""GET /v1/claims/search on both stores: posted claims are found with their story, article and findings."""
from __future__ import annotations

from sqlalchemy import select

from service.store.models import Claim
from tests.store.conftest import post_article


def search(client, **query):
    return client.get("/v1/claims/search", query_string=query)


def test_posted_claims_are_found_with_story_article_and_findings(archive_app, cms, reviewer, seed_texts):
    assert post_article(cms, "zapad", "A", seed_texts["A"], url="https://a.example/zapad").status_code == 201
    posted = post_article(cms, "zapad", "B", seed_texts["B"]).get_json()
    assert posted["findings"]
    finding = posted["findings"][0]
    item = reviewer.get("/v1/triage").get_json()["items"]
    item = next(i for i in item if i["finding"]["id"] == finding["id"])
    assert reviewer.post(f"/v1/triage/{item['id']}/decision", json={"decision": "confirm"}).status_code == 200

    claims = cms.get("/v1/stories/zapad").get_json()["claims"]
    target = next(c for c in claims if c["id"] == finding["claims"][0])
    response = search(reviewer, q=target["text"], k=3)
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert len(results) == 3
    top = results[0]
    # The finding's claim joins two claims of a sentence (a causal link): its vector is the mean of its parts'
    # (service/archive/vectors.py), so its own words find it first, though not at 1.0; a plain claim's do.
    assert top["claim_id"] == target["id"] and top["similarity"] > 0.8
    with archive_app.extensions["factcheck.db"]() as session:
        joined = {c.id for c in session.scalars(select(Claim)) if c.detail.get("role") == "link"}
    assert target["id"] in joined
    plain = next(c for c in claims if c["id"] not in joined)
    first = search(reviewer, q=plain["text"], k=1).get_json()["results"][0]
    assert first["claim_id"] == plain["id"] and first["similarity"] > 0.99
    assert top["story_id"] == "zapad" and top["outlet"] == target["outlet"] and top["published_at"] == "2025-09-15"
    found = next(f for f in top["findings"] if f["id"] == finding["id"])
    assert found["review"] == "confirmed" and found["decided_at"]
    assert found["claimreview"] == f"/v1/findings/{finding['id']}/claimreview"
    assert [r["similarity"] for r in results] == sorted((r["similarity"] for r in results), reverse=True)


def test_filters_narrow_the_claims_searched(cms, seed_texts):
    post_article(cms, "one", "A", seed_texts["A"], published_at="2025-09-10")
    post_article(cms, "two", "B", seed_texts["B"], published_at="2025-09-15")
    text = "Belarus and Russia hold military exercises"
    assert {r["story_id"] for r in search(cms, q=text, k=5, story="two").get_json()["results"]} == {"two"}
    assert {r["outlet"] for r in search(cms, q=text, k=5, outlet="A").get_json()["results"]} == {"A"}
    assert {r["story_id"] for r in search(cms, q=text, k=50, since="2025-09-12").get_json()["results"]} == {"two"}
    assert {r["story_id"] for r in search(cms, q=text, k=50).get_json()["results"]} == {"one", "two"}


def test_bad_queries_get_the_error_shape(archive_app, cms):
    for query in ({}, {"q": "  "}, {"q": "x", "k": 0}, {"q": "x", "k": 101}, {"q": "x", "since": "yesterday"}):
        response = search(cms, **query)
        assert response.status_code == 422, query
        assert response.get_json()["error"]["code"] == "invalid_request"
    anonymous = archive_app.test_client().get("/v1/claims/search?q=x")
    assert anonymous.status_code == 401 and anonymous.get_json()["error"]["code"] == "unauthorized"


def test_with_the_archive_off_search_is_503_and_a_story_id_is_required(pipeline, store_pipeline, database_url,
                                                                       index_file, seed_texts):
    from service.auth import create_key
    from service.store import db
    from tests.archive.conftest import make_app

    app = make_app(pipeline, store_pipeline, database_url, index_file, archive=False)
    with app.app_context():
        key = create_key(db.session(), "cms")[1]
        db.session().commit()
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    off = search(client, q="anything")
    assert off.status_code == 503 and off.get_json()["error"]["code"] == "archive_off"
    unassigned = client.post("/v1/articles", json={"outlet": "A", "text": seed_texts["A"],
                                                   "published_at": "2025-09-15"})
    assert unassigned.status_code == 422
    assert unassigned.get_json()["error"]["code"] == "story_id_required"
    assert unassigned.get_json()["error"]["field"] == "story_id"
    posted = post_article(client, "zapad", "A", seed_texts["A"]).get_json()
    assert posted["prior_reviews"] == [] and posted["assignment"] is None
    assert not index_file.exists()
    app.extensions["factcheck.db"].kw["bind"].dispose()
