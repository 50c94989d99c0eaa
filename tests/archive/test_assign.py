"""Story assignment: every development cluster article and the seed pair, posted without story ids in shuffled
order, end up as one story per cluster (purity and completeness 1.0); moving an article is audited and
re-checks both stories. The texts are read from /work/shared at run time."""
from __future__ import annotations

import random
from collections import Counter, defaultdict

import pytest
from sqlalchemy import select

from service.archive.fit import development_articles
from service.store.models import AuditEntry, Claim


@pytest.fixture(params=["sqlite"])
def database_url(request, tmp_path):   # the real pipeline on ~22 articles: one store kind keeps it cheap
    return f"sqlite:///{tmp_path / 'store.db'}"


def post(client, article, **extra):
    return client.post("/v1/articles", json={"outlet": article.key, "text": article.text, "url": article.url,
                                             "published_at": article.published_at.isoformat(), **extra})


def purity_completeness(assigned: dict[str, str], truth: dict[str, str]) -> tuple[float, float]:
    stories, groups = defaultdict(list), defaultdict(list)
    for name, story in assigned.items():
        stories[story].append(truth[name])
        groups[truth[name]].append(story)
    purity = sum(Counter(g).most_common(1)[0][1] for g in stories.values()) / len(assigned)
    completeness = sum(Counter(s).most_common(1)[0][1] for s in groups.values()) / len(assigned)
    return purity, completeness


def test_development_clusters_become_one_story_each_and_a_move_is_audited(archive_app, cms, reviewer):
    articles = development_articles()
    assert len({a.group for a in articles}) == 4 and len(articles) >= 20
    random.Random(16).shuffle(articles)
    assigned, truth, ids = {}, {}, {}
    for article in articles:
        response = post(cms, article)
        assert response.status_code == 201, response.get_json()
        body = response.get_json()
        name = f"{article.group}/{article.key}"
        assigned[name], truth[name], ids[name] = body["story_id"], article.group, body["id"]
        assignment = body["assignment"]
        assert assignment["story_id"] == body["story_id"]
        if not assignment["created"]:   # joined: the answer names the facts shared
            assert assignment["shared"] and assignment["shared"][0]["claim"] in assignment["reason"]
    purity, completeness = purity_completeness(assigned, truth)
    print(f"story assignment: {len(set(assigned.values()))} stories for {len(articles)} articles, "
          f"purity {purity:.3f}, completeness {completeness:.3f}")
    assert (purity, completeness) == (1.0, 1.0)   # each event one story, no article in another event's story

    # A reviewer moves one article to a story of its own: findings on it close in its story, both are re-checked.
    name = next(n for n in assigned if truth[n] == "seeds")
    old_story = assigned[name]
    before = cms.get(f"/v1/stories/{old_story}").get_json()
    moved = reviewer.post(f"/v1/articles/{ids[name]}/move", json={"story_id": "moved-out"})
    assert moved.status_code == 200, moved.get_json()
    body = moved.get_json()
    assert body["from_story"] == old_story and body["story_id"] == "moved-out"
    open_before = {f["id"] for f in before["findings"] if f["status"] == "open"}
    assert set(body["closed_findings"]) == open_before   # the seed pair's findings all involve both articles
    after = cms.get(f"/v1/stories/{old_story}").get_json()
    assert all(f["status"] == "closed" for f in after["findings"])
    target = cms.get("/v1/stories/moved-out").get_json()
    assert [a["id"] for a in target["articles"]] == [ids[name]]
    assert {c["outlet"] for c in target["claims"]} == {name.split("/")[1]}
    with archive_app.extensions["factcheck.db"]() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "article_moved")).one()
        assert entry.detail["from_story"] == old_story and entry.detail["to_story"] == "moved-out"
        assert set(session.scalars(select(Claim.story_id).where(Claim.outlet == name.split("/")[1],
                                                                Claim.story_id.in_([old_story, "moved-out"])))) \
            == {"moved-out"}
    # Moving it back re-opens the seed pair's findings under their stable ids.
    back = reviewer.post(f"/v1/articles/{ids[name]}/move", json={"story_id": old_story})
    assert back.status_code == 200
    reopened = cms.get(f"/v1/stories/{old_story}").get_json()
    assert {f["id"] for f in reopened["findings"] if f["status"] == "open"} == open_before
    refused = reviewer.post(f"/v1/articles/{ids[name]}/move", json={"story_id": old_story})
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "move_refused"
    assert reviewer.post("/v1/articles/999999/move", json={"story_id": "x"}).status_code == 404
