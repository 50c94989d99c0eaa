"""The seed pair through POST /v1/compare, scored by the shared gold scorer against issue 5's bar.

The gold and its scorer live in ../shared/eval/; the service never reads them, only this test does.
"""
from tests.conftest import SHARED
from tests.support import load_scorer


def fraction(value: str) -> tuple[int, int]:
    got, total = value.split("/")
    return int(got), int(total)


def test_seed_pair_meets_the_verdict_bar(client):
    scorer = load_scorer()
    gold, texts = scorer.load_gold(str(SHARED / "eval" / "seed_pair_gold.json"))
    response = client.post("/v1/compare", json=scorer.request_body(gold, texts))
    assert response.status_code == 200
    body = response.get_json()
    report, lines = scorer.score(gold, texts, body)
    explained = "\n".join(lines)

    assert fraction(report["agreements"])[0] >= 10, explained
    assert report["discrepancies"] == "4/4", explained
    assert fraction(report["discrepancies_typed"])[0] >= 3, explained
    assert report["false_alarms"] == "0/6", explained
    only_in = fraction(report["only_in_a"])[0] + fraction(report["only_in_b"])[0]
    assert only_in >= 9, explained
    assert report["flags_total"] <= 8, explained
    assert report["boilerplate_claims"].startswith("0/"), explained

    causal_item = next(d for d in gold["discrepancies"] if d["type"] == "causal")
    causal_only = {**gold, "discrepancies": [causal_item]}
    assert scorer.score(causal_only, texts, body)[0]["discrepancies_typed"] == "1/1", explained
