"""The reviewer's workbench in a real headless Chromium (Debian's chromium + chromium-driver) against a live server:
sign in, filter the queue, open a finding, confirm it with the keyboard, undo, edit an explanation, read the story
view's coverage matrix, switch outlets on a narrow screen, re-post an edited article and see the decision kept.

With FACTCHECK_SCREENSHOT_DIR set, the queue, a finding and the story view of the seed pair and of the Belavia
development cluster are saved there as PNG (docs/ holds the ones the README shows).
"""
import dataclasses
import json
import os
import threading

import pytest
from werkzeug.serving import make_server

from tests.conftest import SHARED, browser_for

pytestmark = pytest.mark.e2e

BELAVIA = SHARED / "eval" / "clusters" / "belavia-2025-09-11"
URLS = {"eurointegration": "https://www.eurointegration.com.ua/eng/news/2025/09/15/7221500/",
        "unn": "https://unn.ua/en/news/us-military-attend-zapad-2025-exercises-in-belarus"}
EXPLANATION = "Only UNN presents the sanctions relief as a response to the release (“in response”); " \
              "Eurointegration sets the two side by side (“while”)."


@pytest.fixture(scope="module")
def live(pipeline, tmp_path_factory, seed_texts):
    from service import create_app
    from service.auth import create_key
    from service.store import db

    folder = tmp_path_factory.mktemp("workbench")
    settings = dataclasses.replace(pipeline.settings, database_url=f"sqlite:///{folder / 'store.db'}")
    app = create_app({"TESTING": True, "RATELIMIT_ENABLED": False, "SECRET_KEY": "workbench"}, settings=settings,
                     pipeline=pipeline)
    with app.app_context():
        keys = {role: create_key(db.session(), role)[1] for role in ("cms", "reviewer")}
        db.session().commit()
    cms = app.test_client()
    cms.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {keys['cms']}"
    for outlet, text in (("eurointegration", seed_texts["A"]), ("unn", seed_texts["B"])):
        assert cms.post("/v1/articles", json={"story_id": "zapad", "outlet": outlet, "text": text, "url": URLS[outlet],
                                              "published_at": "2025-09-15"}).status_code == 201
    gold = json.loads((BELAVIA / "gold.json").read_text(encoding="utf-8"))
    for key, source in gold["sources"].items():
        outlet = f"{source['outlet']} ({key})" if key.startswith("dd") else source["outlet"]
        assert cms.post("/v1/articles", json={
            "story_id": "belavia-2025-09-11", "outlet": outlet, "url": source["url"],
            "text": (BELAVIA / source["file"]).read_text(encoding="utf-8"),
            "published_at": source["published_at"]}).status_code == 201
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}", keys, cms
    server.shutdown()


@pytest.fixture(scope="module")
def browser(chromium):
    return browser_for(chromium, 1400, 1000)


def wait_for(driver, condition, timeout=20):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def screenshot(driver, name, height=None):
    folder = os.environ.get("FACTCHECK_SCREENSHOT_DIR")
    if not folder:
        return
    size = driver.get_window_size()
    if height:
        driver.set_window_size(size["width"], height)
    driver.save_screenshot(os.path.join(folder, name))
    driver.set_window_size(size["width"], size["height"])


def press(driver, keys):
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(keys).perform()


def queue_rows(driver):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, "#queue tbody tr")


def test_a_reviewer_filters_decides_undoes_edits_and_the_decision_survives_a_repost(live, browser, seed_texts):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    app, url, keys, cms = live
    browser.get(url + "/review")
    browser.find_element(By.ID, "key").send_keys(keys["reviewer"])
    browser.find_element(By.ID, "sign-in").click()
    wait_for(browser, lambda d: d.find_elements(By.ID, "queue"))
    stories = {r.find_elements(By.TAG_NAME, "td")[1].text for r in queue_rows(browser)}
    assert stories == {"zapad", "belavia-2025-09-11"}
    outlets = browser.find_element(By.CSS_SELECTOR, "#queue tbody tr .outlets").text
    assert outlets
    screenshot(browser, "workbench-queue.png")

    # Filter: the seed pair's story, causal findings only.
    browser.find_element(By.ID, "f-story").send_keys("zapad")
    Select(browser.find_element(By.ID, "f-type")).select_by_value("causal")
    browser.find_element(By.ID, "apply-filters").click()
    wait_for(browser, lambda d: "type=causal" in d.current_url)
    rows = queue_rows(browser)
    assert len(rows) == 1 and rows[0].find_elements(By.TAG_NAME, "td")[3].text == "causal"
    assert "eurointegration" in rows[0].text and "unn" in rows[0].text
    item_id = rows[0].get_attribute("data-item")
    filtered = browser.current_url

    # Open the finding with the keyboard: its positions, sentences and only the markers marked.
    assert "selected" in rows[0].get_attribute("class")
    press(browser, "o")
    wait_for(browser, lambda d: d.find_elements(By.ID, "disputed-fact"))
    assert sorted(m.text for m in browser.find_elements(By.CSS_SELECTOR, ".sides mark")) == ["In response", "while"]
    sides = browser.find_elements(By.CSS_SELECTOR, ".sides .side")
    assert {s.get_attribute("data-outlet") for s in sides} == {"eurointegration", "unn"}
    assert {a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "a.article-url")} == \
        set(URLS.values())
    assert browser.find_elements(By.CSS_SELECTOR, ".context .before") and \
        browser.find_elements(By.CSS_SELECTOR, ".context .after")
    screenshot(browser, "workbench-finding.png", height=1250)

    # Confirm with the keyboard: the row leaves without a reload, an Undo offer appears; u takes it back.
    browser.get(filtered)
    wait_for(browser, lambda d: d.find_elements(By.ID, f"item-{item_id}"))
    press(browser, "c")
    wait_for(browser, lambda d: not d.find_elements(By.ID, f"item-{item_id}") and d.find_elements(By.ID, "undo"))
    press(browser, "u")
    wait_for(browser, lambda d: d.find_elements(By.ID, f"item-{item_id}"))
    assert "open again" in browser.find_element(By.CSS_SELECTOR, ".flash-ok").text

    # Edit the explanation: e opens the editor on the selected row, the edit saves in place.
    press(browser, "e")
    area = browser.find_element(By.ID, f"explanation-input-{item_id}")
    wait_for(browser, lambda d: d.switch_to.active_element == area)
    area.clear()
    area.send_keys(EXPLANATION)
    browser.find_element(By.ID, f"save-edit-{item_id}").click()
    wait_for(browser, lambda d: not d.find_elements(By.ID, f"item-{item_id}"))
    browser.get(url + "/review/audit")
    entries = browser.find_elements(By.CSS_SELECTOR, f'tr.audit-entry[data-target="triage_item-{item_id}"]')
    assert [e.get_attribute("data-action") for e in entries] == ["triage_edited", "triage_undone", "triage_confirmed"]

    # The story view: the coverage matrix shows both outlets differing on the causal finding's facts.
    browser.get(url + "/review/stories/zapad")
    header = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "#matrix thead th.outlet")]
    assert header == ["eurointegration", "unn"]
    matrix = {}
    for row in browser.find_elements(By.CSS_SELECTOR, "#matrix tbody tr"):
        matrix[row.get_attribute("data-fact")] = ([c.get_attribute("data-state") for c in
                                                   row.find_elements(By.CSS_SELECTOR, "td.cell")], row.text)
    causal_rows = [cells for cells, text in matrix.values() if "causal (edited)" in text]
    assert causal_rows and all(cells == ["differs", "differs"] for cells in causal_rows)
    assert {s for cells, _ in matrix.values() for s in cells} == {"agrees", "differs", "silent"}
    assert browser.find_elements(By.CSS_SELECTOR, ".article-text .boilerplate")
    assert len(browser.find_elements(By.CSS_SELECTOR, ".columns .column")) == 2
    grey = browser.find_element(By.CSS_SELECTOR, ".article-text .boilerplate").value_of_css_property("color")
    assert grey != browser.find_element(By.CSS_SELECTOR, ".article-text").value_of_css_property("color")
    screenshot(browser, "workbench-story.png", height=1700)

    # A narrow screen shows one outlet at a time; the tabs switch them with CSS alone.
    browser.set_window_size(600, 1000)
    try:
        columns = browser.find_elements(By.CSS_SELECTOR, ".columns .column")
        wait_for(browser, lambda d: [c.is_displayed() for c in columns] == [True, False])
        browser.find_element(By.CSS_SELECTOR, 'label[for="tab-1"]').click()
        wait_for(browser, lambda d: [c.is_displayed() for c in columns] == [False, True])
    finally:
        browser.set_window_size(1400, 1000)

    # Re-post UNN's article after an unrelated edit: a new version, and the edited decision is still there.
    edited = seed_texts["B"].replace("Trump wants to reopen", "US President Donald Trump wants to reopen")
    response = cms.post("/v1/articles", json={"story_id": "zapad", "outlet": "unn", "text": edited,
                                              "url": URLS["unn"], "published_at": "2025-09-15"})
    assert response.status_code == 201 and response.get_json()["version"] == 2
    browser.get(f"{url}/review/items/{item_id}")
    assert browser.find_element(By.ID, "status").text == "edited"
    assert browser.find_element(By.ID, "explanation").text == EXPLANATION
    assert "version 2" in browser.find_element(By.CSS_SELECTOR, '.side[data-outlet="unn"] .source').text
    browser.get(url + "/review/stories/zapad")
    assert "version 2" in browser.find_element(By.CSS_SELECTOR, 'article[data-outlet="unn"] h2').text


def test_the_belavia_cluster_in_the_workbench(live, browser):
    from selenium.webdriver.common.by import By

    _, url, keys, _ = live
    browser.get(url + "/review?story=belavia-2025-09-11")
    if browser.find_elements(By.ID, "key"):
        browser.find_element(By.ID, "key").send_keys(keys["reviewer"])
        browser.find_element(By.ID, "sign-in").click()
        browser.get(url + "/review?story=belavia-2025-09-11")
    wait_for(browser, lambda d: d.find_elements(By.ID, "queue"))
    rows = queue_rows(browser)
    assert rows and all(r.find_elements(By.TAG_NAME, "td")[1].text == "belavia-2025-09-11" for r in rows)
    screenshot(browser, "workbench-queue-belavia.png")
    causal = next(r for r in rows if r.find_elements(By.TAG_NAME, "td")[3].text == "causal")
    browser.get(causal.find_element(By.CSS_SELECTOR, "a.open-item").get_attribute("href"))
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".position"))
    positions = browser.find_elements(By.CSS_SELECTOR, ".position")
    # Al Jazeera and Devdiscourse's second rewrite link the two as cause and effect, the AP rewrite (and the first
    # Devdiscourse one: "relief accompanies the release") sets them side by side: one side per outlet.
    sides = browser.find_elements(By.CSS_SELECTOR, ".sides .side")
    assert len(positions) == 2 and len(sides) == len({s.get_attribute("data-outlet") for s in sides}) >= 3
    marked = {m.text.casefold() for m in browser.find_elements(By.CSS_SELECTOR, ".sides mark")}
    assert marked and marked <= {"in return for", "in return", "in exchange", "as", "amid", "though", "following",
                                 "after", "later",
                                 "so"}, marked
    screenshot(browser, "workbench-finding-belavia.png", height=1500)
    browser.get(url + "/review/stories/belavia-2025-09-11")
    header = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "#matrix thead th.outlet")]
    assert len(header) == 6 and "Al Jazeera" in header
    states = [c.get_attribute("data-state") for c in browser.find_elements(By.CSS_SELECTOR, "#matrix td.cell")]
    assert {"differs", "silent", "agrees"} <= set(states)
    screenshot(browser, "workbench-story-belavia.png", height=1800)
