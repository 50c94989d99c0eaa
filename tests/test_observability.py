"""Request ids, JSON logs and Prometheus metrics."""
import json

from prometheus_client.parser import text_string_to_metric_families

SMALL = {"sources": [{"id": "a", "text": "The council approved the budget of 5 million euros on Monday."},
                     {"id": "b", "text": "The council rejected the budget of 7 million euros on Monday."}]}


def samples(client) -> dict:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.content_type.startswith("text/plain")
    found = {}
    for family in text_string_to_metric_families(response.get_data(as_text=True)):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def value(found, name, **labels):
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


def test_request_id_is_generated_and_returned(client):
    first = client.get("/healthz").headers["X-Request-ID"]
    second = client.get("/healthz").headers["X-Request-ID"]
    assert len(first) >= 16 and first != second


def test_incoming_request_id_is_kept_and_a_hostile_one_replaced(client):
    assert client.get("/healthz", headers={"X-Request-ID": "cms-42.a"}).headers["X-Request-ID"] == "cms-42.a"
    hostile = client.get("/healthz", headers={"X-Request-ID": "x" * 500}).headers["X-Request-ID"]
    assert hostile != "x" * 500 and len(hostile) <= 128


def test_logs_are_json_lines_carrying_the_request_id(client, capsys):
    capsys.readouterr()
    response = client.post("/v1/compare", data="{broken", content_type="application/json",
                           headers={"X-Request-ID": "trace-me-1"})
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")]
    mine = [line for line in lines if line.get("request_id") == "trace-me-1"]
    assert 400 <= response.status_code < 500
    assert mine and mine[-1]["path"] == "/v1/compare" and mine[-1]["status"] == response.status_code
    assert {"time", "level", "logger", "message"} <= set(mine[-1])


def test_metrics_count_requests_by_endpoint_and_status(client):
    before = samples(client)
    status = client.post("/v1/compare", json={"sources": []}).status_code
    client.get("/v1/does-not-exist-1")
    client.get("/v1/does-not-exist-2")
    after = samples(client)
    labels = dict(endpoint="/v1/compare", method="POST", status=str(status))
    assert value(after, "factcheck_http_requests_total", **labels) == value(before, "factcheck_http_requests_total",
                                                                            **labels) + 1
    assert value(after, "factcheck_http_request_duration_seconds_count", **labels) >= 1
    unmatched = dict(endpoint="unmatched", method="GET", status="404")
    assert value(after, "factcheck_http_requests_total", **unmatched) >= 2
    assert not any("does-not-exist" in str(key) for key in after), "paths must not become label values"


def test_metrics_time_the_pipeline_stages_and_warm_up(client, app):
    from service.pipeline.types import Source

    before = samples(client)
    # The app's pipeline instance is instrumented, whichever front door (compare, articles) runs it.
    app.extensions["factcheck.pipeline"].run([Source(s["id"], s["text"]) for s in SMALL["sources"]])
    after = samples(client)
    for stage in ("claims", "embed", "facts", "verdicts", "total"):
        count = "factcheck_pipeline_stage_seconds_count"
        assert value(after, count, stage=stage) == value(before, count, stage=stage) + 1, stage
    assert value(after, "factcheck_model_warmup_seconds") > 0


def test_queue_sizes_are_read_at_scrape_time(client):
    from service.observability import metrics

    sizes = iter([3, 5])
    metrics.register_queue("test-queue", lambda: next(sizes))
    try:
        assert value(samples(client), "factcheck_queue_items", queue="test-queue") == 3
        assert value(samples(client), "factcheck_queue_items", queue="test-queue") == 5
    finally:
        metrics._queues.pop("test-queue")
