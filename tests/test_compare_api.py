"""POST /v1/compare on the seed pair, through the real models: the contract the scorer reads."""
from service.schemas import CompareResponse


def seed_request(seed_texts):
    return {"sources": [{"id": sid, "text": text, "published_at": "2025-09-15"} for sid, text in seed_texts.items()]}


def test_compare_returns_the_contract(client, seed_texts):
    response = client.post("/v1/compare", json=seed_request(seed_texts))
    assert response.status_code == 200
    body = response.get_json()
    assert CompareResponse().validate(body) == {}
    ids = {c["id"] for c in body["claims"]}
    assert len(ids) == len(body["claims"])
    for claim in body["claims"]:
        text = seed_texts[claim["source"]]
        for start, end in claim["span"]:
            assert 0 <= start < end <= len(text)
        assert claim["text"] == " ".join(text[s:e] for s, e in claim["span"])
    for match in body["matches"]:
        assert set(match["claims"]) <= ids
        assert 0.0 <= match["confidence"] <= 1.0 and match["explanation"]
        assert ("type" in match) == (match["verdict"] == "discrepancy")
    for item in body["unique"]:
        assert item["claim"] in ids and item["missing_from"]


def test_compare_finds_the_causal_framing_difference(client, seed_texts):
    body = client.post("/v1/compare", json=seed_request(seed_texts)).get_json()
    by_id = {c["id"]: c for c in body["claims"]}
    causal = [m for m in body["matches"] if m.get("type") == "causal"]
    assert causal, "the 'in response' framing must be flagged"
    texts = " ".join(by_id[i]["text"] for i in causal[0]["claims"])
    assert "sanctions" in texts and "In response" in texts
    finding = next(f for f in body["findings"] if f["type"] == "causal")
    assert finding["severity"] == "high"
    assert {s for p in finding["positions"] for s in p["sources"]} == {"A", "B"}
    assert finding["id"].startswith("fd_") and finding["slot"] == "link" and len(finding["facts"]) == 2
    assert all(len(p["texts"]) == len(p["claims"]) for p in finding["positions"])
    assert any(m.get("finding") == finding["id"] for m in body["matches"] if m["verdict"] == "discrepancy")


def test_compare_drops_page_boilerplate(client, seed_texts):
    body = client.post("/v1/compare", json=seed_request(seed_texts)).get_json()
    text = seed_texts["A"]
    for phrase in ("Our website uses cookies", "News by day", "Related news", "More news"):
        start = text.index(phrase)
        end = start + len(phrase)
        assert not any(c["source"] == "A" and any(s < end and start < e for s, e in c["span"])
                       for c in body["claims"]), phrase


def test_health_and_readiness(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz").get_json()
    assert ready["status"] == "ready" and ready["warmup_seconds"] > 0


def test_openapi_document_lists_compare(client):
    spec = client.get("/openapi.json").get_json()
    assert "/v1/compare" in spec["paths"]
    assert "CompareResponse" in spec["components"]["schemas"]


def test_unique_agrees_with_matches(client, seed_texts):
    """A claim matched agree or related with a claim of another source is not listed as missing from that source."""
    body = client.post("/v1/compare", json=seed_request(seed_texts)).get_json()
    source_of = {c["id"]: c["source"] for c in body["claims"]}
    carried_by: dict[str, set] = {}
    for match in body["matches"]:
        if match["verdict"] in ("agree", "related"):
            for claim in match["claims"]:
                carried_by.setdefault(claim, set()).update(source_of[c] for c in match["claims"] if c != claim)
    assert body["unique"] and any(m["verdict"] == "related" for m in body["matches"])
    for item in body["unique"]:
        assert not set(item["missing_from"]) & carried_by.get(item["claim"], set()), item
