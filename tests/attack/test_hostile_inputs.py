"""Hostile and extreme requests over real HTTP (gunicorn, 2 workers): a valid answer or a clear 4xx, never 5xx."""
import json

import pytest
import requests

from service.schemas import CompareResponse

pytestmark = pytest.mark.e2e
SENTENCE = "The regional council approved a budget of {n} million euros for new schools on Monday."


def post(served, body=None, data=None, headers=None):
    headers = dict(served.headers, **(headers or {}))
    if body is not None:
        return requests.post(served.url + "/v1/compare", json=body, headers=headers, timeout=180)
    return requests.post(served.url + "/v1/compare", data=data, headers=headers, timeout=180)


def assert_error(response, status, code):
    assert response.status_code == status, response.text[:300]
    assert response.json()["error"]["code"] == code
    assert response.headers["X-Request-ID"]


def test_twenty_sources_and_one_word_sources_are_answered(served):
    sources = [{"id": f"s{i}", "text": SENTENCE.format(n=i % 3 + 1)} for i in range(19)]
    sources.append({"id": "one", "text": "Budget."})
    response = post(served, {"sources": sources})
    assert response.status_code == 200, response.text[:300]
    assert CompareResponse().validate(response.json()) == {}


def test_twenty_one_sources_is_422(served):
    sources = [{"id": f"s{i}", "text": "Word."} for i in range(21)]
    assert_error(post(served, {"sources": sources}), 422, "invalid_request")


def test_empty_text_is_422(served):
    assert_error(post(served, {"sources": [{"id": "a", "text": ""}, {"id": "b", "text": "x"}]}), 422,
                 "invalid_request")


def test_a_one_megabyte_article_is_413_naming_the_source(served):
    article = (SENTENCE.format(n=4) + " ") * (1024 * 1024 // len(SENTENCE))
    response = post(served, {"sources": [{"id": "a", "text": "Short."}, {"id": "big", "text": article}]})
    assert_error(response, 413, "payload_too_large")
    assert response.json()["error"]["field"] == "sources[1].text"


def test_a_fifteen_megabyte_body_is_413(served):
    body = json.dumps({"sources": [{"id": "a", "text": "x" * (15 * 1024 * 1024)}, {"id": "b", "text": "y"}]})
    response = post(served, data=body, headers={"Content-Type": "application/json"})
    assert_error(response, 413, "payload_too_large")


def test_malformed_json_is_400_in_the_error_shape(served):
    response = post(served, data=b'{"sources": [', headers={"Content-Type": "application/json"})
    assert_error(response, 400, "malformed_json")


def test_metrics_sum_both_workers(served):
    for _ in range(6):
        assert requests.get(served.url + "/healthz", timeout=10).status_code == 200
    response = requests.get(served.url + "/metrics", timeout=10)
    assert response.status_code == 200
    text = response.text
    healthz = [line for line in text.splitlines()
               if line.startswith('factcheck_http_requests_total{endpoint="/healthz",method="GET",status="200"}')]
    assert healthz and float(healthz[0].split()[-1]) >= 6
    warmups = [line for line in text.splitlines() if line.startswith("factcheck_model_warmup_seconds")]
    assert warmups and float(warmups[0].split()[-1]) > 0


def _chunks(total: int):
    yield b'{"sources": [{"id": "a", "text": "'
    piece = b"x" * 65536
    for _ in range(total // len(piece)):
        yield piece
    yield b'"}, {"id": "b", "text": "y"}]}'


def test_a_chunked_body_over_the_limit_is_413(served):
    response = requests.post(served.url + "/v1/compare", data=_chunks(15 * 1024 * 1024), timeout=120,
                             headers=dict(served.headers, **{"Content-Type": "application/json"}))
    assert response.request.headers.get("Transfer-Encoding") == "chunked"
    assert_error(response, 413, "payload_too_large")


def test_a_chunked_body_under_the_limit_is_read_whole(served):
    response = requests.post(served.url + "/v1/compare", data=iter([b'{"sources": [{"id": "a", "text": ', b'" "}]}']),
                             timeout=60, headers=dict(served.headers, **{"Content-Type": "application/json"}))
    assert_error(response, 422, "invalid_request")   # parsed whole: a schema error, not malformed JSON


@pytest.mark.parametrize("chunked", [False, True])
def test_urllib_posting_a_body_over_the_limit_reads_the_413(served, chunked):
    import urllib.error
    import urllib.request

    data = _chunks(12 * 1024 * 1024) if chunked else b"".join(_chunks(12 * 1024 * 1024))
    request = urllib.request.Request(served.url + "/v1/compare", data=data, method="POST",
                                     headers=dict(served.headers, **{"Content-Type": "application/json"}))
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=120)
    assert caught.value.code == 413
    assert json.loads(caught.value.read())["error"]["code"] == "payload_too_large"


def test_a_key_sent_in_the_query_string_stays_out_of_the_access_log(served):
    secret = "fc_cms_querystringsecret123"
    for query in (f"key={secret}", f"x=1&api_key={secret}", f"token={secret}&x=1"):
        response = requests.get(f"{served.url}/v1/triage?{query}", timeout=10,
                                headers={"Referer": f"{served.url}/review?key={secret}"})
        assert response.status_code == 401
    log = served.log()
    assert secret not in log
    assert "/v1/triage?key=[redacted]" in log and "api_key=[redacted]" in log
