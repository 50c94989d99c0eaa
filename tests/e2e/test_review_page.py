"""The reviewer page in a real headless Chromium (Debian's chromium + chromium-driver) against a live server."""
import dataclasses
import os
import threading

import pytest
from werkzeug.serving import make_server

from tests.conftest import browser_for

pytestmark = pytest.mark.e2e

SCRIPT = "<script>window.__injected = 1;</script>"


@pytest.fixture(scope="module")
def live(pipeline, tmp_path_factory):
    from service import create_app
    from service.auth import create_key
    from service.store import db

    folder = tmp_path_factory.mktemp("review")
    settings = dataclasses.replace(pipeline.settings, database_url=f"sqlite:///{folder / 'store.db'}")
    app = create_app({"TESTING": True, "RATELIMIT_ENABLED": False, "SECRET_KEY": "review-page"}, settings=settings,
                     pipeline=pipeline)
    with app.app_context():
        keys = {role: create_key(db.session(), role)[1] for role in ("cms", "reviewer")}
        db.session().commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}", keys
    server.shutdown()


@pytest.fixture(scope="module")
def stories(live, seed_texts):
    app, _, keys = live
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {keys['cms']}"
    for outlet, text in (("eurointegration", seed_texts["A"]), ("unn", seed_texts["B"])):
        assert client.post("/v1/articles", json={"story_id": "zapad", "outlet": outlet, "text": text,
                                                 "published_at": "2025-09-15"}).status_code == 201
    hostile = f"The council met on Monday. {SCRIPT} The mayor said the budget passed with 12 votes."
    assert client.post("/v1/articles", json={"story_id": "hostile", "outlet": "x <b>bold</b>", "text": hostile,
                                             "published_at": "2025-09-15"}).status_code == 201


@pytest.fixture(scope="module")
def browser(chromium):
    return browser_for(chromium, 1280, 900)


def wait_for(driver, condition, timeout=20):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def sign_in(browser, url, key):
    from selenium.webdriver.common.by import By

    browser.get(url + "/review")
    if browser.find_elements(By.ID, "key"):   # once per session: later visits ride on the cookie
        browser.find_element(By.ID, "key").send_keys(key)
        browser.find_element(By.ID, "sign-in").click()
    wait_for(browser, lambda d: d.find_elements(By.ID, "queue") or d.find_elements(By.ID, "empty-queue"))


def test_confirm_an_item_it_leaves_the_queue_and_the_audit_log_shows_it(live, stories, browser):
    from selenium.webdriver.common.by import By

    _, url, keys = live
    sign_in(browser, url, keys["reviewer"])
    rows = browser.find_elements(By.CSS_SELECTOR, "#queue tbody tr")
    causal = [r for r in rows if r.find_elements(By.TAG_NAME, "td")[3].text == "causal"]
    assert causal, [r.text for r in rows]
    item_id = causal[0].get_attribute("data-item")

    browser.get(f"{url}/review/items/{item_id}")   # the two sides, differing words marked
    sides = browser.find_elements(By.CSS_SELECTOR, ".sides .side")
    assert {s.get_attribute("data-outlet") for s in sides} == {"eurointegration", "unn"}
    assert browser.find_elements(By.CSS_SELECTOR, ".sides mark")
    assert "in response" in browser.find_element(By.ID, "explanation").text.lower()
    if os.environ.get("FACTCHECK_SCREENSHOT_DIR"):
        browser.save_screenshot(os.path.join(os.environ["FACTCHECK_SCREENSHOT_DIR"], "review-item.png"))

    browser.get(url + "/review")
    if os.environ.get("FACTCHECK_SCREENSHOT_DIR"):
        browser.save_screenshot(os.path.join(os.environ["FACTCHECK_SCREENSHOT_DIR"], "review-queue.png"))
    browser.find_element(By.ID, f"confirm-{item_id}").click()
    wait_for(browser, lambda d: not d.find_elements(By.ID, f"item-{item_id}"))
    browser.refresh()
    wait_for(browser, lambda d: d.find_elements(By.ID, "queue") or d.find_elements(By.ID, "empty-queue"))
    assert not browser.find_elements(By.ID, f"item-{item_id}")

    browser.get(url + "/review/audit")
    entries = browser.find_elements(By.CSS_SELECTOR, f'tr.audit-entry[data-target="triage_item-{item_id}"]')
    assert [e.get_attribute("data-action") for e in entries] == ["triage_confirmed"]


def test_article_text_with_a_script_tag_is_shown_as_text(live, stories, browser):
    from selenium.webdriver.common.by import By

    _, url, keys = live
    sign_in(browser, url, keys["reviewer"])
    browser.get(url + "/review/stories/hostile")
    shown = browser.find_element(By.CSS_SELECTOR, ".article-text").text
    assert SCRIPT in shown
    assert "x <b>bold</b>" in browser.find_element(By.CSS_SELECTOR, "article h2").text
    assert browser.execute_script("return window.__injected === undefined")
    assert not browser.find_elements(By.CSS_SELECTOR, "article b")


def test_sign_in_needs_a_reviewer_key_and_a_csrf_token(live):
    app, url, keys = live
    client = app.test_client()
    assert client.post("/review/login", data={"key": keys["reviewer"]}).status_code == 400   # no CSRF token
    page = client.get("/review").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    denied = client.post("/review/login", data={"key": keys["cms"], "csrf_token": token})
    assert denied.status_code == 403 and "cannot review" in denied.get_data(as_text=True)
    assert client.get("/review/audit").status_code == 302   # not signed in: back to the sign-in page
    signed = client.post("/review/login", data={"key": keys["reviewer"], "csrf_token": token})
    assert signed.status_code == 302 and client.get("/review/audit").status_code == 200
