"""Decisions that stick, on SQLite and PostgreSQL: a decision stays with its finding (the pipeline's stable finding
id is the store's signature) across edited re-posts and repeated runs, on the seed pair and on the Belavia
development cluster; a dismissed finding reopens only when a position's value changes."""
import json

from sqlalchemy import select

from service.store import db
from service.store.models import AuditEntry, Finding, TriageItem
from service.triage import queue
from tests.conftest import SHARED
from tests.triage.conftest import post_article

BELAVIA = SHARED / "eval" / "clusters" / "belavia-2025-09-11"
UNRELATED = ("Trump wants to reopen", "US President Donald Trump wants to reopen")
UNLINKED = ("In response, the US lifted", "After that, the US lifted")   # no causal link left: the finding closes


def post(cms, story, outlet, text, **extra):
    response = post_article(cms, story, outlet, text, **extra)
    assert response.status_code in (200, 201), response.get_json()
    return response.get_json()


def state(app, story):
    """finding signature → (finding id, status, item id, item status, position values)."""
    with app.app_context():
        rows = db.session().execute(select(Finding, TriageItem).join(TriageItem, TriageItem.finding_id == Finding.id)
                                    .where(Finding.story_id == story))
        return {f.signature: (f.id, f.status, i.id, i.status, sorted(p["value"] for p in f.positions or ()))
                for f, i in rows}


def decide(app, item_id, decision, **extra):
    with app.app_context():
        return queue.decide(db.session(), item_id, decision, **extra).status


def item_row(app, story, item_id):
    """The row of the finding a triage item holds now: an edit that rewords a fact's claim gives the fact a new id
    (and the finding a new signature), and the item follows it."""
    return next(row for row in state(app, story).values() if row[2] == item_id)


def audit_actions(app, *actions):
    with app.app_context():
        return [(e.action, e.target_id, e.detail) for e in db.session().scalars(
            select(AuditEntry).where(AuditEntry.action.in_(actions)).order_by(AuditEntry.id))]


def by_type(app, story, type_):
    return next((sig, row) for sig, row in state(app, story).items() if _type(app, row[0]) == type_)


def _type(app, finding_id):
    with app.app_context():
        return db.session().get(Finding, finding_id).type


def test_seed_decisions_survive_an_unrelated_edit_and_a_finding_that_closes_and_returns(store_app, cms, seed_texts):
    post(cms, "zapad", "eurointegration", seed_texts["A"])
    post(cms, "zapad", "unn", seed_texts["B"])
    causal_sig, causal = by_type(store_app, "zapad", "causal")
    speaker_sig, speaker = by_type(store_app, "zapad", "attribution")
    assert decide(store_app, causal[2], "confirm") == "confirmed"
    assert decide(store_app, speaker[2], "dismiss") == "dismissed"
    before = state(store_app, "zapad")

    edited = seed_texts["B"].replace(*UNRELATED)
    assert edited != seed_texts["B"]
    body = post(cms, "zapad", "unn", edited)
    assert body["version"] == 2 and body["findings"] == [] and body["closed_findings"] == []
    assert state(store_app, "zapad") == before          # same findings, same items, same decisions
    assert post(cms, "zapad", "unn", edited)["created"] is False   # a repeated run of the same text: nothing moves
    assert state(store_app, "zapad") == before

    # The causal link goes, then comes back: the same finding reopens, still confirmed; no new item.
    body = post(cms, "zapad", "unn", edited.replace(*UNLINKED))
    assert causal[0] in body["closed_findings"]
    assert state(store_app, "zapad")[causal_sig][1:4] == ("closed", causal[2], "confirmed")
    body = post(cms, "zapad", "unn", edited)
    assert body["findings"] == [] and state(store_app, "zapad") == before
    assert [a[1] for a in audit_actions(store_app, "finding_reopened")] == [str(causal[0])]
    assert audit_actions(store_app, "triage_reopened") == []   # a decided item is not put back in the queue


def test_a_dismissed_finding_reopens_only_when_a_positions_value_changes(store_app, cms):
    first = "Belarus freed 52 political prisoners on Thursday, officials said. The prisoners crossed into Lithuania by bus."
    second = first.replace("52", "25")
    post(cms, "prisoners", "x", first)
    post(cms, "prisoners", "y", second)
    ((signature, numeric),) = state(store_app, "prisoners").items()
    assert numeric[4] == ["25 prisoner", "52 prisoner"]
    assert decide(store_app, numeric[2], "dismiss") == "dismissed"

    # Another sentence, same values: still dismissed.
    post(cms, "prisoners", "y", second + " Their families met them at the border.")
    assert state(store_app, "prisoners")[signature][3] == "dismissed"

    # y now says 30: the claim is reworded (a new pipeline id), but it is the same finding and item, back in the queue.
    body = post(cms, "prisoners", "y", second.replace("25", "30") + " Their families met them at the border.")
    after = state(store_app, "prisoners")
    ((new_signature, reopened),) = after.items()
    assert new_signature != signature and body["findings"] == [] and body["closed_findings"] == []
    assert reopened[0] == numeric[0] and reopened[2] == numeric[2]
    assert reopened[3] == "open" and reopened[4] == ["30 prisoner", "52 prisoner"]
    ((_, item_id, detail),) = audit_actions(store_app, "triage_reopened")
    assert item_id == str(numeric[2]) and detail["reason"] == "position values changed"
    assert detail["values_before"] == ["25 prisoner", "52 prisoner"]


def _belavia():
    gold = json.loads((BELAVIA / "gold.json").read_text(encoding="utf-8"))
    for key, source in gold["sources"].items():
        outlet = f"{source['outlet']} ({key})" if key.startswith("dd") else source["outlet"]
        yield outlet, (BELAVIA / source["file"]).read_text(encoding="utf-8"), source["published_at"], source["url"]


def _post_belavia(cms, story):
    articles = list(_belavia())
    assert len(articles) == 6
    for outlet, text, published, url in articles:
        post(cms, story, outlet, text, published_at=published, url=url)
    return {a[0]: a for a in articles}


def _causal(app, story):
    """The cluster's causal finding: Al Jazeera and Devdiscourse link the release and the sanctions relief as cause
    and effect ("in return", "in exchange"), the AP rewrite sets them side by side ("as")."""
    signature, row = by_type(app, story, "causal")
    with app.app_context():
        positions = db.session().get(Finding, row[0]).positions
    assert {o for p in positions for o in p["sources"]} >= {"Al Jazeera", "precisenews.us (rewritten AP story)"}
    return signature, row


def _repost(cms, story, article, text):
    outlet, _, published, url = article
    return post(cms, story, outlet, text, published_at=published, url=url)


def _unrelated_edit(text):
    first_break = text.index("\n", 200)
    return text[:first_break] + " The weather in Vilnius was mild that morning." + text[first_break:]


def test_belavia_cluster_a_confirmed_finding_stays_confirmed_across_edited_reposts(store_app, cms):
    articles = _post_belavia(cms, "belavia")
    signature, causal = _causal(store_app, "belavia")
    assert decide(store_app, causal[2], "confirm") == "confirmed"
    aljazeera = articles["Al Jazeera"]
    for text in (_unrelated_edit(aljazeera[1]), aljazeera[1].replace("In return for Lukashenko’s gesture",
                                                                      "Because of Lukashenko’s gesture")):
        body = _repost(cms, "belavia", aljazeera, text)
        assert body["created"] is True and causal[0] not in body["closed_findings"]
        after = state(store_app, "belavia")
        assert item_row(store_app, "belavia", causal[2])[:4] == (causal[0], "open", causal[2], "confirmed")
        assert len({r[2] for r in after.values()}) == len(after)   # one item per finding, none duplicated
    # the values changed; a confirmation stays (only dismissals reopen)
    assert item_row(store_app, "belavia", causal[2])[4] != causal[4]


def test_belavia_cluster_a_dismissed_finding_reopens_only_when_a_value_changes(store_app, cms):
    articles = _post_belavia(cms, "belavia")
    signature, causal = _causal(store_app, "belavia")
    assert decide(store_app, causal[2], "dismiss") == "dismissed"
    aljazeera = articles["Al Jazeera"]
    edited = _unrelated_edit(aljazeera[1])
    _repost(cms, "belavia", aljazeera, edited)
    assert state(store_app, "belavia")[signature][2:5] == (causal[2], "dismissed", causal[4])
    _repost(cms, "belavia", aljazeera, edited.replace("In return for Lukashenko’s gesture",
                                                      "Because of Lukashenko’s gesture"))
    reopened = item_row(store_app, "belavia", causal[2])
    assert reopened[2:4] == (causal[2], "open")
    assert reopened[4] == ["as cause and effect (“because of”, “in return”)",
                           "side by side or apart, with no causal link (“as”)"]
    ((_, item_id, detail),) = audit_actions(store_app, "triage_reopened")
    assert item_id == str(causal[2]) and detail["values_before"] == causal[4]
