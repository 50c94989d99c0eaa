"""Safety of the workbench pages, on SQLite and PostgreSQL: a hostile value in each text a user or an outlet supplies
(article text, outlet, story id, note, explanation) is shown as text on every page; every new form needs its CSRF
token; the session cookie's flags and the security headers hold on the new pages and actions."""
import re
from html import unescape
from urllib.parse import quote

from service.security import policy_for
from tests.triage.conftest import csrf_token, post_article, sign_in

SCRIPT = "<script>window.__injected = 1;</script>"
IMG = '"><img src=x onerror=alert(1)>'
STORY = "st'\"><img src=x onerror=alert(2)>"          # one path segment: no slash
OUTLETS = ("x <b>bold</b>", "y\"><svg onload=alert(3)>")
NOTE = "</textarea><script>alert(4)</script>"
EXPLANATION = "<a href=javascript:alert(5)>edited</a> & more"
RAW = (SCRIPT, IMG, "<img src=x", "<b>bold</b>", "<svg onload", "<script>alert", "<a href=javascript")


def hostile_story(cms):
    for outlet, votes in zip(OUTLETS, (12, 21)):
        text = (f"The council met on Monday. {SCRIPT} {IMG}\n\nThe mayor said the budget passed with {votes} votes "
                f"after a long debate in the city hall.")
        response = post_article(cms, STORY, outlet, text, url="https://example.org/a?b=<c>")
        assert response.status_code == 201, response.get_json()


def assert_inert(html: str, where: str):
    for raw in RAW:
        assert raw not in html, (where, raw)
    assert "<script>" not in html.replace('<script src="/review/static/queue.js"></script>', ""), where


def test_a_hostile_value_in_every_field_is_text_on_every_page(store_app, cms, keys):
    hostile_story(cms)
    desk = sign_in(store_app, keys["reviewer"])
    queue_page = desk.get("/review").get_data(as_text=True)
    item_id = int(re.search(r'<tr id="item-(\d+)"', queue_page).group(1))
    assert_inert(queue_page, "queue")
    assert "x &lt;b&gt;bold&lt;/b&gt;" in queue_page and "y&#34;&gt;&lt;svg onload=alert(3)&gt;" in queue_page
    link = unescape(re.search(r'href="(/review/stories/st[^"]*)"', queue_page).group(1))
    assert not set(link) & set('<>"') and desk.get(link).status_code == 200   # the story id is URL-quoted

    token = csrf_token(queue_page)
    assert desk.post(f"/review/items/{item_id}/decision", data={
        "decision": "edit", "explanation": EXPLANATION, "note": NOTE, "csrf_token": token}).status_code == 302
    pages = {"queue": "/review?status=edited", "search": "/review?status=any&q=" + quote("<b>"),
             "outlet filter": "/review?status=any&outlet=" + quote(OUTLETS[0]),
             "story filter": "/review?status=any&story=" + quote(STORY), "item": f"/review/items/{item_id}",
             "story": "/review/stories/" + quote(STORY, safe=""), "audit": "/review/audit"}
    for where, path in pages.items():
        response = desk.get(path)
        assert response.status_code == 200, where
        html = response.get_data(as_text=True)
        assert_inert(html, where)
        if where in ("queue", "item"):
            assert "&lt;a href=javascript:alert(5)&gt;edited&lt;/a&gt; &amp; more" in html, where
    item = desk.get(pages["item"]).get_data(as_text=True)
    assert "&lt;/textarea&gt;&lt;script&gt;alert(4)&lt;/script&gt;" in item            # the note
    assert "&lt;script&gt;window.__injected = 1;&lt;/script&gt;" in desk.get(pages["story"]).get_data(as_text=True)
    assert 'href="https://example.org/a?b=%3Cc%3E"' in item or 'href="https://example.org/a?b=&lt;c&gt;"' in item
    story = desk.get(pages["story"]).get_data(as_text=True)
    assert "<title>Story st&#39;&#34;&gt;&lt;img src=x onerror=alert(2)&gt; · fact-check triage</title>" in story


def test_every_form_needs_its_csrf_token_and_every_page_carries_the_headers(store_app, cms, keys):
    hostile_story(cms)
    desk = sign_in(store_app, keys["reviewer"])
    stranger = sign_in(store_app, keys["admin"])
    page = desk.get("/review").get_data(as_text=True)
    item_id = int(re.search(r'<tr id="item-(\d+)"', page).group(1))
    foreign = csrf_token(stranger.get("/review").get_data(as_text=True))   # another session's token
    for path, data in ((f"/review/items/{item_id}/decision", {"decision": "confirm"}),
                       (f"/review/items/{item_id}/decision", {"decision": "edit", "explanation": "x"}),
                       (f"/review/items/{item_id}/undo", {}), ("/review/logout", {})):
        assert desk.post(path, data=data).status_code == 400, path
        assert desk.post(path, data={**data, "csrf_token": foreign}).status_code == 400, path
    token = csrf_token(page)
    responses = [desk.get(p) for p in ("/review", "/review?status=any&q=x", f"/review/items/{item_id}",
                                       "/review/stories/" + quote(STORY, safe=""))]
    responses.append(desk.post(f"/review/items/{item_id}/decision", data={"decision": "confirm", "csrf_token": token}))
    responses.append(desk.post(f"/review/items/{item_id}/undo", data={"csrf_token": token}))
    for response in responses:
        assert response.status_code in (200, 302)
        assert response.headers["Content-Security-Policy"] == policy_for("/review")
        assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
        assert response.headers["X-Frame-Options"] == "DENY" and response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Cache-Control"] == "no-store"
    assert responses[-1].status_code == 302 and "open again" in desk.get("/review").get_data(as_text=True)


def test_the_session_cookie_is_httponly_samesite_and_secure_over_https(store_app, keys):
    client = store_app.test_client()
    page = client.get("/review", base_url="https://review.example").get_data(as_text=True)
    response = client.post("/review/login", data={"key": keys["reviewer"], "csrf_token": csrf_token(page)},
                           base_url="https://review.example", headers={"Referer": "https://review.example/review"})
    assert response.status_code == 302
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie
    assert response.headers["Strict-Transport-Security"]
