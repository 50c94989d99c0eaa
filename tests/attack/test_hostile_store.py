"""Hostile bodies and parameters against the API and the reviewer page, on SQLite and PostgreSQL: 4xx, never 500."""
import json
import re

import pytest

from tests.store.conftest import as_role, post_article

DEEP = "[" * 100_000 + "]" * 100_000
SEED = "The regional council approved a budget of 4 million euros for new schools on Monday."
BAD_TEXT = {"NUL": "before\u0000after", "lone surrogate": "before\ud800after"}


def send(client, path, body):
    """POST a body as JSON text: json.dumps writes a lone surrogate as the escape \\ud800, as a hostile client would."""
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(path, data=data, content_type="application/json")


def assert_error(response, status, code, field=None):
    assert response.status_code == status, response.get_data(as_text=True)[:400]
    error = response.get_json()["error"]
    assert error["code"] == code and error["message"]
    if field is not None:
        assert error["field"] == field
    return error


def csrf_token(client):
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/review").get_data(as_text=True)).group(1)


def sign_in(app, key):
    """A test client signed in to the reviewer page, and its CSRF token."""
    client = app.test_client()
    assert client.post("/review/login", data={"key": key, "csrf_token": csrf_token(client)}).status_code == 302
    return client, csrf_token(client)


@pytest.fixture()
def item(cms, reviewer):
    """An open triage item: two outlets disagree on the count."""
    assert post_article(cms, "s1", "A", SEED).status_code == 201
    assert post_article(cms, "s1", "B", SEED.replace("4 million", "9 million")).status_code == 201
    items = reviewer.get("/v1/triage").get_json()["items"]
    assert items, "the stub story should open a numeric finding"
    return items[0]


@pytest.mark.parametrize("path", ["/v1/compare", "/v1/articles", "/v1/triage/1/decision", "/v1/keys"])
def test_json_nested_100000_deep_is_400(store_app, keys, path):
    admin = as_role(store_app, keys, "admin")
    error = assert_error(send(admin, path, DEEP), 400, "json_too_deep")
    assert "deep" in error["message"]
    wrapped = '{"sources": ' + "[" * 80 + "]" * 80 + "}"
    assert_error(send(admin, path, wrapped), 400, "json_too_deep")


@pytest.mark.parametrize("kind", BAD_TEXT)
@pytest.mark.parametrize("where", ["text", "id", "outlet"])
def test_nul_and_lone_surrogates_in_compare_are_422_naming_the_field(store_app, keys, kind, where):
    second = {"id": "b", "text": SEED, "outlet": "B"}
    second[where] = BAD_TEXT[kind]
    body = {"sources": [{"id": "a", "text": SEED}, second]}
    error = assert_error(send(as_role(store_app, keys, "cms"), "/v1/compare", body), 422, "invalid_request",
                         f"sources[1].{where}")
    assert ("NUL" if kind == "NUL" else "surrogate") in error["message"]


@pytest.mark.parametrize("kind", BAD_TEXT)
@pytest.mark.parametrize("where", ["story_id", "outlet", "text", "url"])
def test_nul_and_lone_surrogates_in_articles_are_422_naming_the_field(cms, kind, where):
    body = {"story_id": "s1", "outlet": "A", "text": SEED, "published_at": "2025-09-15",
            "url": "https://example.com/a"}
    body[where] = (body[where] + BAD_TEXT[kind]) if where == "url" else BAD_TEXT[kind]
    assert_error(send(cms, "/v1/articles", body), 422, "invalid_request", where)
    assert cms.get("/v1/stories/s1").status_code == 404   # nothing was stored


@pytest.mark.parametrize("kind", BAD_TEXT)
@pytest.mark.parametrize("where", ["note", "explanation"])
def test_nul_and_lone_surrogates_in_decisions_are_422_naming_the_field(reviewer, item, kind, where):
    body = {"decision": "edit", "note": "fine", "explanation": "corrected", where: BAD_TEXT[kind]}
    assert_error(send(reviewer, f"/v1/triage/{item['id']}/decision", body), 422, "invalid_request", where)
    assert reviewer.get(f"/v1/triage/{item['id']}").get_json()["status"] == "open"


@pytest.mark.parametrize("kind", BAD_TEXT)
def test_nul_and_lone_surrogates_in_key_names_are_422(store_app, keys, kind):
    admin = as_role(store_app, keys, "admin")
    assert_error(send(admin, "/v1/keys", {"role": "cms", "name": BAD_TEXT[kind]}), 422, "invalid_request", "name")


def test_a_lone_surrogate_in_a_key_of_the_body_is_422(cms):
    assert_error(send(cms, "/v1/compare", '{"sources": [], "\\ud800": 1}'), 422, "invalid_request")


@pytest.mark.parametrize("path, field", [("/v1/stories/%00", "story_id"), ("/v1/triage?story=%00", "story"),
                                         ("/v1/triage?story=a%00b&type=numeric", "story")])
def test_nul_in_path_and_query_parameters_is_422(store_app, keys, path, field):
    assert_error(as_role(store_app, keys, "admin").get(path), 422, "invalid_request", field)


def test_nul_in_the_review_page_query_is_422(store_app, keys):
    client, _ = sign_in(store_app, keys["reviewer"])
    assert_error(client.get("/review?story=%00"), 422, "invalid_request", "story")


@pytest.mark.parametrize("page", ["99999999999999999999", "0", "-3", "two"])
def test_review_page_numbers_out_of_range_are_4xx(store_app, keys, page):
    client, _ = sign_in(store_app, keys["reviewer"])
    assert_error(client.get(f"/review?page={page}"), 422, "invalid_request", "page")
    assert client.get("/review?page=1").status_code == 200


@pytest.mark.parametrize("version", ["99999999999999999999", "-1", "v2"])
def test_a_review_form_expected_version_out_of_range_is_4xx(store_app, keys, item, version):
    client, token = sign_in(store_app, keys["reviewer"])
    response = client.post(f"/review/items/{item['id']}/decision",
                           data={"decision": "confirm", "expected_version": version, "csrf_token": token})
    assert_error(response, 422, "invalid_request", "expected_version")
    assert as_role(store_app, keys, "reviewer").get(f"/v1/triage/{item['id']}").get_json()["status"] == "open"


@pytest.mark.parametrize("kind", BAD_TEXT)
def test_nul_in_a_review_form_note_is_422(store_app, keys, item, kind):
    client, token = sign_in(store_app, keys["reviewer"])
    note = BAD_TEXT[kind].encode("utf-8", "surrogatepass")
    response = client.post(f"/review/items/{item['id']}/decision",
                           data={"decision": "confirm", "note": note, "csrf_token": token})
    assert response.status_code in (302, 422), response.get_data(as_text=True)[:300]
    if kind == "NUL":
        assert_error(response, 422, "invalid_request", "note")


@pytest.mark.parametrize("story_id", ["2025/09/zapad", "/lead", "trail/", ".", ".."])
def test_a_story_id_that_cannot_be_read_back_is_refused_at_write(cms, story_id):
    body = {"story_id": story_id, "outlet": "A", "text": SEED, "published_at": "2025-09-15"}
    error = assert_error(send(cms, "/v1/articles", body), 422, "invalid_request", "story_id")
    assert "/v1/stories/{story_id}" in error["message"]


@pytest.mark.parametrize("story_id", ["2025-09-zapad", "a b", "zapad:2025", "a%2Fb", "..."])
def test_other_story_ids_are_stored_and_read_back(cms, story_id):
    from urllib.parse import quote

    body = {"story_id": story_id, "outlet": "A", "text": SEED, "published_at": "2025-09-15"}
    assert send(cms, "/v1/articles", body).status_code == 201
    story = cms.get("/v1/stories/" + quote(story_id, safe=""))
    assert story.status_code == 200 and story.get_json()["id"] == story_id


SCRIPT = "</script><script>alert(1)</script>"


def test_claimreview_json_ld_carries_no_raw_script_end_tag(cms, reviewer):
    evil_url = "https://example.com/a?x=</script><script>alert(1)</script>&y=1"
    assert post_article(cms, "s1", "A" + SCRIPT, SEED, url=evil_url).status_code == 201
    assert post_article(cms, "s1", "B & <b>", SEED.replace("4 million", "9 million")).status_code == 201
    item = reviewer.get("/v1/triage").get_json()["items"][0]
    assert reviewer.post(f"/v1/triage/{item['id']}/decision", json={"decision": "confirm"}).status_code == 200
    response = reviewer.get(f"/v1/findings/{item['finding']['id']}/claimreview")
    assert response.status_code == 200
    raw = response.get_data(as_text=True)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    document = json.loads(raw)
    works = document["itemReviewed"]["appearance"]
    assert {w["author"]["name"] for w in works} == {"A" + SCRIPT, "B & <b>"}
    assert evil_url in {w.get("url") for w in works}


BIDI = "Evil\u202eTimes"


def test_a_bidi_override_in_an_outlet_name_is_isolated_on_the_review_pages(store_app, keys, cms, reviewer):
    assert post_article(cms, "s\u202eid", BIDI, SEED).status_code == 201
    assert post_article(cms, "s\u202eid", "B", SEED.replace("4 million", "9 million")).status_code == 201
    item = reviewer.get("/v1/triage").get_json()["items"][0]
    client, _ = sign_in(store_app, keys["reviewer"])
    for path in ("/review/stories/s%E2%80%AEid", f"/review/items/{item['id']}", "/review"):
        html = client.get(path).get_data(as_text=True)
        body = re.sub(r'="[^"]*"', '=""', html.split("</title>", 1)[1])   # attribute values render no text
        assert "\u202e" in body, path
        for match in re.finditer("[^\n]*\u202e[^\n]*", body):
            line = match.group(0)
            start = line.index("\u202e")
            assert line.rfind("<bdi>", 0, start) > line.rfind("</bdi>", 0, start), (path, line)
            assert "</bdi>" in line[start:], (path, line)
        assert "\u202e" not in html.split("</title>", 1)[0]
