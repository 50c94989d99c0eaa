"""The triage queue and decisions on SQLite and PostgreSQL: ordering, filters, concurrency, ClaimReview, roles."""
import threading

from sqlalchemy import func, select

from service.store import db
from service.store.models import ApiKey, AuditEntry, ReviewDecision
from tests.store.conftest import as_role, post_article
from tests.store.test_articles import post_seeds

SEVERITY = {"high": 3, "medium": 2, "low": 1}


def open_items(reviewer, **params):
    response = reviewer.get("/v1/triage", query_string=params)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_queue_is_ordered_by_severity_filtered_and_paginated(cms, reviewer, seed_texts):
    post_seeds(cms, seed_texts)
    queue = open_items(reviewer)
    ranks = [(SEVERITY[i["severity"]], i["confidence"]) for i in queue["items"]]
    assert ranks == sorted(ranks, reverse=True) and queue["total"] == len(queue["items"]) >= 2
    first_page = open_items(reviewer, per_page=1, page=1)
    second_page = open_items(reviewer, per_page=1, page=2)
    assert first_page["total"] == queue["total"] and len(first_page["items"]) == 1
    assert [first_page["items"][0]["id"], second_page["items"][0]["id"]] == [i["id"] for i in queue["items"][:2]]
    causal = open_items(reviewer, type="causal")
    assert causal["items"] and {i["type"] for i in causal["items"]} == {"causal"}
    assert open_items(reviewer, story="another-story")["total"] == 0
    bad = reviewer.get("/v1/triage", query_string={"status": "maybe"})
    assert bad.status_code == 422 and bad.get_json()["error"]["field"] == "status"


def test_two_concurrent_decisions_one_wins_the_other_gets_409_with_the_current_state(store_app, keys, cms, reviewer,
                                                                                       seed_texts):
    post_seeds(cms, seed_texts)
    item = open_items(reviewer)["items"][0]
    barrier = threading.Barrier(2)
    answers = {}

    def decide(decision):
        client = as_role(store_app, keys, "reviewer")
        barrier.wait()
        answers[decision] = client.post(f"/v1/triage/{item['id']}/decision",
                                        json={"decision": decision, "note": decision,
                                              "expected_version": item["version"]})

    threads = [threading.Thread(target=decide, args=(d,)) for d in ("confirm", "dismiss")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(r.status_code for r in answers.values())
    assert statuses == [200, 409], {d: r.get_json() for d, r in answers.items()}
    winner = next(d for d, r in answers.items() if r.status_code == 200)
    loser = answers["dismiss" if winner == "confirm" else "confirm"].get_json()
    assert loser["error"]["code"] == "conflict"
    current = loser["error"]["current"]
    assert current["id"] == item["id"] and current["version"] == item["version"] + 1
    assert current["status"] == {"confirm": "confirmed", "dismiss": "dismissed"}[winner]
    with store_app.app_context():
        session = db.session()
        assert session.scalar(select(func.count()).select_from(ReviewDecision)) == 1
        rejected = session.scalars(select(AuditEntry).where(AuditEntry.action == "decision_rejected")).all()
        assert len(rejected) == 1 and rejected[0].target_id == str(item["id"])   # the losing attempt is on record


def test_a_stale_version_is_409_and_a_decided_item_leaves_the_queue(reviewer, cms, seed_texts):
    post_seeds(cms, seed_texts)
    item = open_items(reviewer)["items"][0]
    stale = reviewer.post(f"/v1/triage/{item['id']}/decision",
                          json={"decision": "confirm", "expected_version": item["version"] + 5})
    assert stale.status_code == 409 and stale.get_json()["error"]["current"]["status"] == "open"
    done = reviewer.post(f"/v1/triage/{item['id']}/decision", json={"decision": "dismiss", "note": "same fact"})
    assert done.status_code == 200 and done.get_json()["status"] == "dismissed"
    assert item["id"] not in [i["id"] for i in open_items(reviewer)["items"]]
    assert item["id"] in [i["id"] for i in open_items(reviewer, status="dismissed")["items"]]
    again = reviewer.post(f"/v1/triage/{item['id']}/decision", json={"decision": "confirm"})
    assert again.status_code == 409 and "already dismissed" in again.get_json()["error"]["message"]


def test_claimreview_only_for_confirmed_or_edited_findings(reviewer, cms, seed_texts):
    post_seeds(cms, seed_texts)
    item = open_items(reviewer, type="causal")["items"][0]
    finding_id = item["finding"]["id"]
    early = reviewer.get(f"/v1/findings/{finding_id}/claimreview")
    assert early.status_code == 409 and early.get_json()["error"]["code"] == "not_confirmed"
    assert reviewer.get("/v1/findings/999999/claimreview").status_code == 404
    no_text = reviewer.post(f"/v1/triage/{item['id']}/decision", json={"decision": "edit"})
    assert no_text.status_code == 422 and no_text.get_json()["error"]["field"] == "explanation"
    edited = reviewer.post(f"/v1/triage/{item['id']}/decision",
                           json={"decision": "edit", "explanation": "UNN ties the sanctions relief to the release."})
    assert edited.status_code == 200 and edited.get_json()["status"] == "edited"
    review = reviewer.get(f"/v1/findings/{finding_id}/claimreview").get_json()
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["reviewRating"]["ratingExplanation"] == "UNN ties the sanctions relief to the release."
    assert review["claimReviewed"]
    outlets = {a["author"]["name"] for a in review["itemReviewed"]["appearance"]}
    assert outlets == {"eurointegration", "unn"}
    assert "https://example.org/unn/zapad" in [a.get("url") for a in review["itemReviewed"]["appearance"]]


def test_roles_and_keys(store_app, keys, cms, reviewer, seed_texts):
    anonymous = store_app.test_client()
    assert anonymous.get("/v1/triage").status_code == 401
    assert anonymous.get("/healthz").status_code == 200
    denied = post_article(reviewer, "s", "o", "A reviewer cannot post articles here at all.")
    assert denied.status_code == 403 and denied.get_json()["error"]["code"] == "forbidden"
    assert cms.get("/v1/triage").status_code == 403
    admin = as_role(store_app, keys, "admin")
    assert admin.get("/v1/triage").status_code == 200
    assert admin.get("/v1/stories/nope").get_json()["error"]["code"] == "not_found"
    with store_app.app_context():
        hashes = db.session().scalars(select(ApiKey.key_hash)).all()
    assert len(hashes) == 3 and all(len(h) == 64 for h in hashes)
    assert not set(keys.values()) & set(hashes)   # only digests are stored


def test_article_input_errors_are_json(cms):
    cases = [({"story_id": "s", "text": "t", "published_at": "2025-09-15"}, 422, "outlet"),
             ({"story_id": "s", "outlet": "o", "text": "", "published_at": "2025-09-15"}, 422, "text"),
             ({"story_id": "s", "outlet": "o", "text": "t", "published_at": "soon"}, 422, "published_at"),
             ({"story_id": "s", "outlet": "o", "text": "t", "published_at": "2025-09-15", "url": "not a url"}, 422,
              "url")]
    for body, status, field in cases:
        response = cms.post("/v1/articles", json=body)
        assert response.status_code == status and response.get_json()["error"]["field"] == field, body
    assert cms.post("/v1/articles", data="{", content_type="application/json").status_code == 400


def test_admins_create_and_revoke_keys_over_the_api(store_app, keys, cms):
    admin = as_role(store_app, keys, "admin")
    assert cms.post("/v1/keys", json={"role": "reviewer"}).status_code == 403
    created = admin.post("/v1/keys", json={"role": "reviewer", "name": "desk"})
    assert created.status_code == 201
    body = created.get_json()
    new_key = body["key"]
    client = store_app.test_client()
    assert client.get("/v1/triage", headers={"X-API-Key": new_key}).status_code == 200
    assert admin.delete(f"/v1/keys/{body['id']}").get_json()["revoked"] is True
    revoked = client.get("/v1/triage", headers={"X-API-Key": new_key})
    assert revoked.status_code == 401 and revoked.get_json()["error"]["code"] == "invalid_api_key"
    assert admin.post("/v1/keys", json={"role": "owner"}).get_json()["error"]["field"] == "role"
    assert admin.delete("/v1/keys/9999").status_code == 404


def test_out_of_range_ids_and_pages_are_clear_errors(reviewer, store_app, keys):
    huge = 367295814420268030169175264591872
    assert reviewer.get(f"/v1/triage/{huge}").status_code == 404
    assert reviewer.post(f"/v1/triage/{huge}/decision", json={"decision": "confirm"}).status_code == 404
    assert reviewer.get(f"/v1/findings/{huge}/claimreview").status_code == 404
    assert as_role(store_app, keys, "admin").delete(f"/v1/keys/{huge}").status_code == 404
    item = reviewer.post("/v1/triage/1/decision", json={"decision": "confirm", "expected_version": huge})
    assert item.status_code == 422 and item.get_json()["error"]["field"] == "expected_version"
    page = reviewer.get("/v1/triage", query_string={"page": huge})
    assert page.status_code == 422 and page.get_json()["error"]["field"] == "page"
