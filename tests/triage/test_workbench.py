"""The reviewer's workbench through the page's own forms (no JavaScript), on SQLite and PostgreSQL: the finding
view, the queue's filters, search, counts and page links, decisions with undo and edit, the story view."""
import re
from datetime import timedelta
from html import unescape

import pytest
from sqlalchemy import select

from service.store import db
from service.store.models import AuditEntry, Finding, TriageItem, utcnow
from service.triage import queue
from tests.triage.conftest import csrf_token, post_article, sign_in

URLS = {"eurointegration": "https://www.eurointegration.com.ua/eng/news/2025/09/15/zapad",
        "unn": "https://unn.ua/en/news/zapad-2025"}


def post_seeds(cms, seed_texts, story="zapad"):
    for outlet, text in (("eurointegration", seed_texts["A"]), ("unn", seed_texts["B"])):
        response = post_article(cms, story, outlet, text, url=URLS[outlet])
        assert response.status_code == 201, response.get_json()


def items(app, **where):
    with app.app_context():
        query = select(TriageItem).order_by(TriageItem.id)
        for name, value in where.items():
            query = query.where(getattr(TriageItem, name) == value)
        return [(i.id, i.type, i.status, i.finding_id) for i in db.session().scalars(query)]


def item_of(app, type_):
    return next(i for i in items(app) if i[1] == type_)


def marks(html: str) -> list[str]:
    return [unescape(m) for m in re.findall(r"<mark>(.*?)</mark>", html)]


def queue_ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<tr id="item-(\d+)"', html)]


def decide(desk, item_id, decision, page="/review", **fields):
    token = csrf_token(desk.get(page).get_data(as_text=True))
    return desk.post(f"/review/items/{item_id}/decision", data={"decision": decision, "csrf_token": token, **fields})


def test_the_finding_view_shows_each_position_in_its_sentences_with_links_and_marks_only_the_difference(
        store_app, cms, desk, seed_texts):
    post_seeds(cms, seed_texts)
    causal = item_of(store_app, "causal")[0]
    page = desk.get(f"/review/items/{causal}").get_data(as_text=True)
    # The disputed facts, each position's value and outlets.
    assert 'id="disputed-fact"' in page and "Belarusian state-owned airline Belavia" in page
    values = [unescape(v) for v in re.findall(r'<section class="position" data-value="([^"]*)"', page)]
    assert sorted(values) == ["as cause and effect (“in response”)",
                              "side by side or apart, with no causal link (“while”)"]
    # Each claim in its sentence, with the sentence before and after, and its article's URL, version and date.
    assert "John Cole, a representative of Trump, visited Minsk last week" in page   # the unn claim's sentence
    assert '<span class="before">' in page and '<span class="after">' in page
    assert "Trump wants to reopen the US embassy in Belarus" in page                 # the sentence after it
    for url in URLS.values():
        assert f'href="{url}"' in page
    assert page.count("version 1 · published 2025-09-15") == 2
    # Only the link markers are marked: not "US" vs "United States", not Lukashenka vs Lukashenko, not 52.
    assert sorted(marks(page)) == ["In response", "while"]

    place = item_of(store_app, "location")[0]
    assert sorted(marks(desk.get(f"/review/items/{place}").get_data(as_text=True))) == [
        "in both countries", "inside the country"]
    speaker = item_of(store_app, "attribution")[0]
    assert sorted(marks(desk.get(f"/review/items/{speaker}").get_data(as_text=True))) == [
        "Khrenin", "Ministry of Defense"]


def test_the_queue_filters_searches_counts_and_shows_the_outlets(store_app, cms, desk, seed_texts):
    post_seeds(cms, seed_texts)
    post_article(cms, "other", "x", "The council met on Monday. The mayor said the budget passed with 12 votes.")
    post_article(cms, "other", "y", "The council met on Monday. The mayor said the budget passed with 21 votes.")
    everything = items(store_app)
    assert len(everything) >= 4
    page = desk.get("/review").get_data(as_text=True)
    assert set(queue_ids(page)) == {i[0] for i in everything}
    assert re.search(r'data-status="open"[^>]*>open <span class="count">%d</span>' % len(everything), page)
    causal = item_of(store_app, "causal")[0]
    row = page.split(f'<tr id="item-{causal}"', 1)[1].split("</tr>", 1)[0]
    assert '<span class="outlet"><bdi>eurointegration</bdi></span>, <span class="outlet"><bdi>unn</bdi></span>' in row   # the outlet column

    def shown(**params):
        response = desk.get("/review", query_string=params)
        assert response.status_code == 200
        return set(queue_ids(response.get_data(as_text=True)))

    zapad = {i[0] for i in items(store_app) if i[0] in shown(story="zapad")}
    assert zapad and zapad == shown(story="zapad") and not zapad & shown(story="other")
    assert shown(type="causal") == {causal}
    assert shown(severity="high") >= {causal} and not shown(severity="high") & shown(severity="low")
    assert shown(outlet="x") == shown(story="other") and causal in shown(outlet="unn")
    assert shown(q="LUKASHENKA") == {causal}                     # a search over claim text, any case
    assert shown(q="budget votes") == shown(story="other")       # every word must match
    assert shown(q="100%_") == set()                             # LIKE wildcards are literal
    assert shown(min_confidence="0.79") == {i for i in shown() if i in shown(min_confidence="0.79")}
    assert causal in shown(min_confidence="0.79") and len(shown(min_confidence="0.79")) < len(everything)
    assert shown(status="dismissed") == set()
    for bad in ({"type": "gossip"}, {"severity": "dire"}, {"status": "maybe"}, {"min_confidence": "2"},
                {"min_confidence": "x"}):
        assert desk.get("/review", query_string=bad).status_code == 400


def test_page_links_and_counts_over_many_items(store_app, desk):
    from bench.review_queue import fill

    with store_app.app_context():
        fill(db.session(), 120, stories=3)
    page = desk.get("/review").get_data(as_text=True)
    assert len(queue_ids(page)) == 50 and "Showing 1–50 of 120" in page and "page 1 of 3" in page
    assert 'href="/review?page=2"' in page and 'href="/review?page=3"' in page
    third = desk.get("/review?page=3").get_data(as_text=True)
    assert len(queue_ids(third)) == 20 and "Showing 101–120 of 120" in third
    assert not set(queue_ids(page)) & set(queue_ids(third))
    filtered = desk.get("/review?story=bench-1&severity=high").get_data(as_text=True)
    total = int(re.search(r'<small id="total">\((\d+)\)', filtered).group(1))
    assert 0 < total < 120 and (total <= 50 or 'page=2&amp;severity=high&amp;story=bench-1"' in filtered)


def test_confirm_undo_and_edit_through_plain_forms_with_the_audit_log(store_app, keys, cms, desk, seed_texts):
    post_seeds(cms, seed_texts)
    causal = item_of(store_app, "causal")[0]
    assert desk.post(f"/review/items/{causal}/decision", data={"decision": "confirm"}).status_code == 400  # no CSRF
    done = decide(desk, causal, "confirm", next="/review?type=causal", note="checked both")
    assert done.status_code == 302 and done.headers["Location"] == "/review?type=causal"
    page = desk.get("/review?type=causal").get_data(as_text=True)
    assert causal not in queue_ids(page) and f'action="/review/items/{causal}/undo"' in page   # the Undo form
    assert decide(desk, causal, "dismiss", next="https://evil.example/").status_code == 302   # already decided
    token = csrf_token(page)
    assert desk.post(f"/review/items/{causal}/undo", data={}).status_code == 400             # no CSRF
    other = sign_in(store_app, keys["admin"])
    refused = other.post(f"/review/items/{causal}/undo", data={"csrf_token": csrf_token(other.get("/review").get_data(
        as_text=True))})
    assert refused.status_code == 302 and items(store_app, id=causal)[0][2] == "confirmed"   # not theirs to undo
    undone = desk.post(f"/review/items/{causal}/undo", data={"csrf_token": token, "next": "//evil.example/x"})
    assert undone.status_code == 302 and undone.headers["Location"] == f"/review/items/{causal}"   # never off-site
    assert items(store_app, id=causal)[0][2] == "open"
    with store_app.app_context():
        actions = [e.action for e in db.session().scalars(
            select(AuditEntry).where(AuditEntry.target_type == "triage_item", AuditEntry.target_id == str(causal))
            .order_by(AuditEntry.id))]
    assert actions == ["triage_confirmed", "decision_rejected", "triage_undone"]   # the late dismiss is on record too

    # Edit the explanation through the item page's form; an empty one changes nothing.
    page = f"/review/items/{causal}"
    assert decide(desk, causal, "edit", page=page, explanation="  ").status_code == 302
    assert items(store_app, id=causal)[0][2] == "open"
    assert decide(desk, causal, "edit", page=page, explanation="Only unn links the two: “in response”.").status_code \
        == 302
    assert items(store_app, id=causal)[0][2] == "edited"
    shown = desk.get(page).get_data(as_text=True)
    assert "Only unn links the two: “in response”." in shown and "Pipeline's explanation" in shown
    assert desk.get("/review?status=edited").get_data(as_text=True).count("Only unn links the two") == 1
    assert store_app.test_client().get("/v1/findings/1/claimreview").status_code == 401   # still keyed


def test_undo_is_refused_after_ten_seconds(store_app, keys, cms, seed_texts):
    post_seeds(cms, seed_texts)
    causal = item_of(store_app, "causal")[0]
    with store_app.app_context():
        session = db.session()
        reviewer_id = None   # a decision made without a key (the CLI) is undone without one
        queue.decide(session, causal, "dismiss", api_key_id=reviewer_id)
        with pytest.raises(queue.UndoRefused, match="over 10 seconds"):
            queue.undo(session, causal, reviewer_id, now=utcnow() + timedelta(seconds=11))
        item = queue.undo(session, causal, reviewer_id, now=utcnow() + timedelta(seconds=9))
        assert item.status == "open" and session.get(Finding, item.finding_id).review is None
        with pytest.raises(queue.UndoRefused, match="no decision"):
            queue.undo(session, causal, reviewer_id)


def test_the_story_view_greys_boilerplate_colours_claims_by_fact_and_reads_the_coverage_matrix(
        store_app, cms, desk, seed_texts):
    post_seeds(cms, seed_texts)
    page = desk.get("/review/stories/zapad").get_data(as_text=True)
    outlets = [unescape(o) for o in re.findall(r'<th class="outlet"><bdi>(.*?)</bdi>', page)]
    assert outlets == ["eurointegration", "unn"]
    rows = re.findall(r'<tr id="fact-(\d+)" data-fact="([^"]+)">(.*?)</tr>', page, re.S)
    assert len(rows) >= 20
    states = {fact: re.findall(r'data-state="(\w+)"', body) for _, fact, body in rows}
    assert all(len(s) == 2 for s in states.values())
    assert {s for cells in states.values() for s in cells} == {"agrees", "differs", "silent"}
    with store_app.app_context():
        causal = db.session().scalar(select(Finding).where(Finding.type == "causal"))
        disputed = set(causal.facts)
    for fact in disputed:
        assert states[fact] == ["differs", "differs"]
        body = next(b for _, f, b in rows if f == fact)
        assert "⚑ causal (open)" in body
    # Boilerplate (the cookie banner, navigation) greyed; claims marked and coloured by fact; findings pinned.
    assert re.search(r'<span class="boilerplate">[^<]*(cookie|Cookie|Subscribe|subscribe|News)', page)
    assert re.search(r'<span class="claim fact-c\d+" data-claim="cl_[0-9a-f]+" data-fact="\d+">', page)
    assert re.search(r'<a class="pin sev-high" href="/review/items/\d+" title="causal finding">⚑</a>', page)
    # The narrow-screen switch is radio buttons and labels: one per outlet, no script.
    assert page.count('name="outlet-tab"') == 2 and page.count('<label for="tab-') == 2
    assert "<script>" not in page
