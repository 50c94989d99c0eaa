"""Browser-side attacks on the reviewer page and the docs: framing, sniffing, inline script, caching, spoofed https."""
import dataclasses
import re

import pytest

from tests.attack.test_hostile_store import SEED, csrf_token

HTTPS = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "factcheck.example"}


def make_app(pipeline, tmp_path, trusted_proxies):
    from service import create_app
    from service.auth import create_key
    from service.store import db

    settings = dataclasses.replace(pipeline.settings, database_url=f"sqlite:///{tmp_path / 'store.db'}",
                                   trusted_proxies=trusted_proxies)
    app = create_app({"TESTING": True, "RATELIMIT_ENABLED": False, "SECRET_KEY": "browser-tests"},
                     settings=settings, pipeline=pipeline)
    with app.app_context():
        app.config["test_keys"] = {role: create_key(db.session(), role)[1] for role in ("cms", "reviewer")}
        db.session().commit()
    return app


@pytest.fixture()
def proxied(pipeline, store_pipeline, tmp_path):
    """An app behind one trusted TLS proxy, with a story whose two outlets disagree (one open item)."""
    app = make_app(pipeline, tmp_path, trusted_proxies=1)
    app.extensions["factcheck.store_pipeline"] = store_pipeline
    cms = {"Authorization": f"Bearer {app.config['test_keys']['cms']}"}
    client = app.test_client()
    for outlet, text in (("A", SEED), ("B", SEED.replace("4 million", "9 million"))):
        body = {"story_id": "s1", "outlet": outlet, "text": text, "published_at": "2025-09-15"}
        assert client.post("/v1/articles", json=body, headers=cms).status_code == 201
    return app


def signed_in(app, headers=None):
    client = app.test_client()
    client.environ_base.update({f"HTTP_{k.upper().replace('-', '_')}": v for k, v in (headers or {}).items()})
    token = csrf_token(client)
    login = client.post("/review/login", data={"key": app.config["test_keys"]["reviewer"], "csrf_token": token},
                        headers={"Referer": "https://factcheck.example/review"} if headers else None)
    assert login.status_code == 302, login.get_data(as_text=True)[:300]
    return client, login


PAGES = ["/review", "/review/items/1", "/review/stories/s1", "/review/audit"]


@pytest.mark.parametrize("path", PAGES + ["/healthz", "/v1/triage", "/docs", "/openapi.json", "/nowhere",
                                          "/review/static/review.css"])
def test_every_response_forbids_framing_and_sniffing(proxied, path):
    client, _ = signed_in(proxied)
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "unsafe-inline" not in re.search(r"script-src ([^;]*)", csp + "; script-src 'none'").group(1)


@pytest.mark.parametrize("path", PAGES)
def test_signed_in_pages_carry_no_inline_script_or_style_and_are_not_stored(proxied, path):
    client, _ = signed_in(proxied)
    response = client.get(path)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<style" not in html and " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline script"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self';" in csp
    assert response.headers["Cache-Control"] == "no-store"
    for asset in re.findall(r'(?:src|href)="(/review/static/[^"]+)"', html):
        fetched = client.get(asset)
        assert fetched.status_code == 200 and "no-store" not in fetched.headers.get("Cache-Control", "")


def test_the_assets_load_before_sign_in(proxied):
    client = proxied.test_client()
    assert client.get("/review").status_code == 200
    assert client.get("/review/static/review.css").status_code == 200
    assert client.get("/review/static/queue.js").status_code == 200


def test_docs_run_their_own_scripts_only(proxied):
    response = proxied.test_client().get("/docs")
    assert response.status_code == 200
    script_src = re.search(r"script-src ([^;]*)", response.headers["Content-Security-Policy"]).group(1)
    assert script_src.strip() == "'self'"


def test_https_through_the_trusted_proxy_gets_hsts_and_a_secure_cookie(proxied):
    client, login = signed_in(proxied, HTTPS)
    assert "Secure" in login.headers["Set-Cookie"]
    assert login.headers["Strict-Transport-Security"].startswith("max-age=")
    # The login got past Flask-WTF's https referrer check: the host came from X-Forwarded-Host.
    assert client.get("/review").status_code == 200


def test_plain_http_gets_no_hsts_and_no_secure_flag(proxied):
    _, login = signed_in(proxied)
    assert "Secure" not in login.headers["Set-Cookie"]
    assert "Strict-Transport-Security" not in login.headers


def test_forwarded_headers_are_ignored_without_a_trusted_proxy(pipeline, tmp_path):
    app = make_app(pipeline, tmp_path, trusted_proxies=0)
    response = app.test_client().get("/review", headers=HTTPS)
    assert "Strict-Transport-Security" not in response.headers
    assert "Secure" not in response.headers.get("Set-Cookie", "")
