"""Every failure mode of the API answers with the one JSON error shape, never a 500."""
import pytest

GOOD_SOURCE = {"id": "a", "text": "The council approved the budget on Monday."}


def assert_error(response, status, code, field=None):
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if field is not None:
        assert body["error"]["field"] == field
    return body["error"]


def test_malformed_json_is_400(client):
    assert_error(client.post("/v1/compare", data="{not json", content_type="application/json"), 400, "malformed_json")


def test_non_json_media_type_is_415(client):
    assert_error(client.post("/v1/compare", data="sources=1", content_type="text/plain"), 415,
                 "unsupported_media_type")


@pytest.mark.parametrize("body, field", [
    ({}, "sources"),
    ({"sources": "nope"}, "sources"),
    ({"sources": [GOOD_SOURCE]}, "sources"),
    ({"sources": [GOOD_SOURCE, {"id": "b"}]}, "sources[1].text"),
    ({"sources": [GOOD_SOURCE, {"text": "x"}]}, "sources[1].id"),
    ({"sources": [GOOD_SOURCE, {"id": "b", "text": ""}]}, "sources[1].text"),
    ({"sources": [GOOD_SOURCE, {"id": "b", "text": 5}]}, "sources[1].text"),
    ({"sources": [GOOD_SOURCE, {"id": "b", "text": "x", "published_at": "yesterday-ish"}]}, "sources[1].published_at"),
    ({"sources": [GOOD_SOURCE, dict(GOOD_SOURCE)]}, "sources[1].id"),
    ({"sources": [GOOD_SOURCE, {"id": "b", "text": "x"}], "extra": 1}, "extra"),
])
def test_schema_violations_are_422_naming_the_field(client, body, field):
    assert_error(client.post("/v1/compare", json=body), 422, "invalid_request", field)


def test_too_many_sources_is_422(client, app):
    limit = app.extensions["factcheck.settings"].max_sources
    body = {"sources": [{"id": str(i), "text": "A short sentence here."} for i in range(limit + 1)]}
    assert_error(client.post("/v1/compare", json=body), 422, "invalid_request", "sources")


def test_source_over_character_limit_is_413(client, app):
    limit = app.extensions["factcheck.settings"].max_source_chars
    body = {"sources": [GOOD_SOURCE, {"id": "b", "text": "word " * (limit // 5 + 1)}]}
    assert_error(client.post("/v1/compare", json=body), 413, "payload_too_large", "sources[1].text")


def test_body_over_limit_is_413(client, app):
    size = app.config["MAX_CONTENT_LENGTH"] + 1
    assert_error(client.post("/v1/compare", data=b"x" * size, content_type="application/json"), 413,
                 "payload_too_large")


def test_unknown_route_is_404(client):
    assert_error(client.get("/v1/nothing-here"), 404, "not_found")


def test_wrong_method_is_405(client):
    response = client.get("/v1/compare")
    assert_error(response, 405, "method_not_allowed")
    assert "POST" in response.headers["Allow"]


def test_missing_api_key_is_401(anonymous_client):
    assert_error(anonymous_client.post("/v1/compare", json={"sources": [GOOD_SOURCE, GOOD_SOURCE]}), 401,
                 "unauthorized")


def test_unknown_api_key_is_401(anonymous_client):
    response = anonymous_client.post("/v1/compare", json={"sources": [GOOD_SOURCE, GOOD_SOURCE]},
                                     headers={"X-API-Key": "fc_cms_not-a-real-key"})
    assert_error(response, 401, "invalid_api_key")


def test_wrong_role_is_403(client):
    assert_error(client.get("/v1/triage"), 403, "forbidden")   # client carries a cms key; triage needs reviewer


@pytest.mark.parametrize("text", [" ", "\n\t  \n", "\u00a0\u2003"])
def test_whitespace_only_text_is_422(client, text):
    body = {"sources": [GOOD_SOURCE, {"id": "b", "text": text}]}
    assert_error(client.post("/v1/compare", json=body), 422, "invalid_request", "sources[1].text")
    article = {"story_id": "blank", "outlet": "A", "text": text, "published_at": "2025-09-15"}
    assert_error(client.post("/v1/articles", json=article), 422, "invalid_request", "text")


@pytest.mark.parametrize("content_type", ["application/json", "application/json; charset=iso-8859-1"])
def test_a_body_that_is_not_utf8_is_400_invalid_encoding(client, content_type):
    body = '{"sources": [{"id": "a", "text": "Café crème."}, {"id": "b", "text": "Thé."}]}'.encode("iso-8859-1")
    response = client.post("/v1/compare", data=body, content_type=content_type)
    assert_error(response, 400, "invalid_encoding")
    assert "UTF-8" in response.get_json()["error"]["message"]


@pytest.mark.parametrize("published_at", ["2025-09-15", "2025-09-15T10:00:00Z", "2025-09-15T23:30:00.5-05:00",
                                          "2025-09-15t10:00:00z"])
def test_published_at_takes_a_date_or_an_rfc3339_date_time(client, published_at):
    body = {"sources": [dict(GOOD_SOURCE, published_at=published_at), {"id": "b", "text": "The council met."}]}
    assert client.post("/v1/compare", json=body).status_code == 200
    article = {"story_id": "dated", "outlet": "A", "text": GOOD_SOURCE["text"], "published_at": published_at}
    response = client.post("/v1/articles", json=article)
    assert response.status_code in (200, 201) and response.get_json()["published_at"] == "2025-09-15"


@pytest.mark.parametrize("published_at", ["2025-09-15T10:00:00", "15/09/2025", "2025-09-31", "2025-09-15T25:00:00Z"])
def test_a_bad_published_at_names_both_accepted_formats(client, published_at):
    body = {"sources": [dict(GOOD_SOURCE, published_at=published_at), {"id": "b", "text": "x"}]}
    response = client.post("/v1/compare", json=body)
    assert_error(response, 422, "invalid_request", "sources[0].published_at")
    assert "YYYY-MM-DD" in response.get_json()["error"]["message"]
    assert "RFC 3339" in response.get_json()["error"]["message"]


def test_every_validation_error_is_listed(client):
    body = {"sources": [{"id": "a"}, {"text": "x", "published_at": "soon"}, {"id": "c", "text": " "}], "extra": 1}
    response = client.post("/v1/compare", json=body)
    error = assert_error(response, 422, "invalid_request")
    fields = {e["field"] for e in error["errors"]}
    assert fields == {"sources[0].text", "sources[1].id", "sources[1].published_at", "sources[2].text", "extra"}
    assert error["field"] in fields
    assert all(e["message"] and e["field"] in error["message"] for e in error["errors"])
