"""/docs in a real headless Chromium with no network beyond the server: Swagger UI renders every operation."""
import dataclasses
import threading

import pytest
from werkzeug.serving import make_server

from tests.conftest import browser_for

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    from service import create_app
    from service.pipeline.core import Pipeline
    from service.settings import Settings

    # The docs need no models: a cold pipeline keeps this test quick.
    folder = tmp_path_factory.mktemp("docs")
    settings = dataclasses.replace(Settings.from_env(), database_url=f"sqlite:///{folder / 'store.db'}",
                                   warm_on_start=False)
    app = create_app({"TESTING": True, "SECRET_KEY": "docs-page"}, settings=settings, pipeline=Pipeline(settings))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser(chromium):
    return browser_for(chromium, 1280, 900)   # no host but 127.0.0.1 resolves: a CDN script would not load


def test_docs_render_every_operation_offline(live, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    app, url = live
    spec = app.test_client().get("/openapi.json").get_json()
    expected = {(method.upper(), path) for path, item in spec["paths"].items() for method in item
                if method in ("get", "post", "put", "patch", "delete")}

    browser.get(url + "/docs")
    WebDriverWait(browser, 30).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".opblock")) >= len(expected))
    rendered = set()
    for block in browser.find_elements(By.CSS_SELECTOR, ".opblock"):
        method = block.find_element(By.CSS_SELECTOR, ".opblock-summary-method").text.strip()
        path = block.find_element(By.CSS_SELECTOR, ".opblock-summary-path").get_attribute("data-path")
        rendered.add((method, path))
    assert rendered == expected
    assert browser.find_elements(By.CSS_SELECTOR, ".auth-wrapper .authorize"), "the Authorize button (API key)"
    assert "Claim-level fact-checking service" in browser.find_element(By.CSS_SELECTOR, ".info .title").text

    resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert resources and all(r.startswith(url + "/") for r in resources), resources

    # An operation opens with its example request body, the compare story's first words included.
    compare = next(b for b in browser.find_elements(By.CSS_SELECTOR, ".opblock")
                   if b.find_element(By.CSS_SELECTOR, ".opblock-summary-path").get_attribute("data-path") == "/v1/compare")
    compare.find_element(By.CSS_SELECTOR, ".opblock-summary").click()
    WebDriverWait(browser, 10).until(lambda d: "Belarus freed 52 prisoners" in compare.text)
    assert "401" in compare.text and "429" in compare.text
